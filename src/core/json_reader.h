// Reads a JSON request object field by field into typed values, collecting
// every problem as a FieldError so one 422 names all bad fields at once.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"

namespace anagen {

using Json = nlohmann::json;

// Parses a request body that must be one JSON object. Malformed JSON or
// another top-level type -> kBadRequest saying where it broke.
Result<Json> parse_json_object(std::string_view body);

enum class Need { kRequired, kOptional };

class JsonReader {
 public:
  // REQUIRES: obj outlives the reader. `prefix` is prepended to field names
  // in errors ("answers." -> "answers.pregnant").
  explicit JsonReader(const Json& obj, std::string prefix = "");

  // Each getter returns nullopt when the field is absent/null (and records an
  // error if required) or has the wrong type or range (error recorded).
  std::optional<std::string> text(const char* field, Need need, size_t max_chars = 200);
  // Text on one line: a label (a scalp site), no line breaks or tabs.
  std::optional<std::string> line(const char* field, Need need, size_t max_chars = 200);
  std::optional<bool> boolean(const char* field, Need need);
  std::optional<int64_t> integer(const char* field, Need need, int64_t min, int64_t max);
  std::optional<double> number(const char* field, Need need, double min, double max);
  std::optional<Date> date(const char* field, Need need);
  std::optional<Instant> instant(const char* field, Need need,
                                 const date::time_zone* zone = nullptr);
  std::optional<int> hhmm(const char* field, Need need);
  std::optional<std::string> one_of(const char* field, Need need,
                                    std::initializer_list<std::string_view> allowed);
  std::optional<std::string> id(const char* field, Need need);
  // The raw value of any type (marked read); nullptr when absent.
  const Json* value(const char* field, Need need) { return get(field, need); }
  // The raw value (object/array/any) for nested reading; nullptr when absent.
  const Json* object(const char* field, Need need);
  const Json* array(const char* field, Need need, size_t max_items = 1000);
  bool has(const char* field) const;

  // Records an error on a field (full path built with the prefix).
  void fail(std::string_view field, std::string message);
  // Adds errors gathered by a nested reader.
  void merge(const JsonReader& other);
  // Every key of the object not read by a getter is reported as unknown.
  void reject_unknown();

  bool ok() const { return errors_.empty(); }
  const std::vector<FieldError>& errors() const { return errors_; }
  Error error() const { return Error::invalid(errors_); }
  std::string path(std::string_view field) const;

 private:
  const Json* get(const char* field, Need need);

  const Json& obj_;
  std::string prefix_;
  std::set<std::string> seen_;
  std::vector<FieldError> errors_;
};

}  // namespace anagen
