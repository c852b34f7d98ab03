#include "core/json_reader.h"

#include <cmath>

#include "core/id.h"
#include "core/text.h"

namespace anagen {

Result<Json> parse_json_object(std::string_view body) {
  if (body.empty()) return Error::bad_request("The request body is empty; send a JSON object.");
  Json j = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    // Re-parse with exceptions for the position of the fault.
    try {
      Json again = Json::parse(body);
      (void)again;
    } catch (const Json::parse_error& e) {
      return Error::bad_request("The request body is not valid JSON (at byte " +
                                std::to_string(e.byte) + ").");
    }
    return Error::bad_request("The request body is not valid JSON.");
  }
  if (!j.is_object()) return Error::bad_request("The request body must be a JSON object.");
  return j;
}

JsonReader::JsonReader(const Json& obj, std::string prefix)
    : obj_(obj), prefix_(std::move(prefix)) {}

std::string JsonReader::path(std::string_view field) const { return prefix_ + std::string(field); }

void JsonReader::fail(std::string_view field, std::string message) {
  errors_.push_back({path(field), std::move(message)});
}

void JsonReader::merge(const JsonReader& other) {
  errors_.insert(errors_.end(), other.errors_.begin(), other.errors_.end());
}

bool JsonReader::has(const char* field) const {
  auto it = obj_.find(field);
  return it != obj_.end() && !it->is_null();
}

const Json* JsonReader::get(const char* field, Need need) {
  seen_.insert(field);
  auto it = obj_.find(field);
  if (it == obj_.end() || it->is_null()) {
    if (need == Need::kRequired) fail(field, "is required");
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> JsonReader::text(const char* field, Need need, size_t max_chars) {
  const Json* v = get(field, need);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(field, "must be a string");
    return std::nullopt;
  }
  const auto& s = v->get_ref<const std::string&>();
  if (!is_clean_utf8(s)) {
    fail(field, "must be text without control characters");
    return std::nullopt;
  }
  std::string trimmed(trim(s));
  if (trimmed.empty()) {
    if (need == Need::kRequired) fail(field, "must not be empty");
    return std::nullopt;
  }
  if (utf8_length(trimmed) > max_chars) {
    fail(field, "must be at most " + std::to_string(max_chars) + " characters");
    return std::nullopt;
  }
  return trimmed;
}

std::optional<std::string> JsonReader::line(const char* field, Need need, size_t max_chars) {
  auto t = text(field, need, max_chars);
  if (t && t->find_first_of("\t\n\r") != std::string::npos) {
    fail(field, "must be one line of text, without line breaks or tabs");
    return std::nullopt;
  }
  return t;
}

std::optional<bool> JsonReader::boolean(const char* field, Need need) {
  const Json* v = get(field, need);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    fail(field, "must be true or false");
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<int64_t> JsonReader::integer(const char* field, Need need, int64_t min, int64_t max) {
  const Json* v = get(field, need);
  if (!v) return std::nullopt;
  int64_t n;
  if (v->is_number_integer()) {
    if (v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
      n = INT64_MAX;
    } else {
      n = v->get<int64_t>();
    }
  } else if (v->is_number_float() && std::floor(v->get<double>()) == v->get<double>() &&
             std::abs(v->get<double>()) < 9e15) {
    n = static_cast<int64_t>(v->get<double>());
  } else {
    fail(field, "must be a whole number");
    return std::nullopt;
  }
  if (n < min || n > max) {
    fail(field, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<double> JsonReader::number(const char* field, Need need, double min, double max) {
  const Json* v = get(field, need);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    fail(field, "must be a number");
    return std::nullopt;
  }
  double d = v->get<double>();
  if (!std::isfinite(d) || d < min || d > max) {
    Json lo = min, hi = max;
    fail(field, "must be between " + lo.dump() + " and " + hi.dump());
    return std::nullopt;
  }
  return d;
}

std::optional<Date> JsonReader::date(const char* field, Need need) {
  const Json* v = get(field, need);
  if (!v) return std::nullopt;
  std::optional<Date> d;
  if (v->is_string()) d = parse_date(v->get_ref<const std::string&>());
  if (!d) fail(field, "must be a real calendar date written YYYY-MM-DD");
  return d;
}

std::optional<Instant> JsonReader::instant(const char* field, Need need,
                                           const date::time_zone* zone) {
  const Json* v = get(field, need);
  if (!v) return std::nullopt;
  std::optional<Instant> t;
  if (v->is_string()) t = parse_instant(v->get_ref<const std::string&>(), zone);
  if (!t)
    fail(field,
         "must be a date and time written YYYY-MM-DDTHH:MM:SS with an offset, "
         "e.g. 2026-03-02T09:20:00+01:00 (without one, a time that exists in the clinic's "
         "time zone)");
  return t;
}

std::optional<int> JsonReader::hhmm(const char* field, Need need) {
  const Json* v = get(field, need);
  if (!v) return std::nullopt;
  std::optional<int> m;
  if (v->is_string()) m = parse_hhmm(v->get_ref<const std::string&>());
  if (!m) fail(field, "must be a time of day written HH:MM (00:00 to 24:00)");
  return m;
}

std::optional<std::string> JsonReader::one_of(const char* field, Need need,
                                              std::initializer_list<std::string_view> allowed) {
  const Json* v = get(field, need);
  if (!v) return std::nullopt;
  if (v->is_string()) {
    for (auto a : allowed) {
      if (v->get_ref<const std::string&>() == a) return std::string(a);
    }
  }
  std::string list;
  for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  fail(field, "must be one of: " + list);
  return std::nullopt;
}

std::optional<std::string> JsonReader::id(const char* field, Need need) {
  const Json* v = get(field, need);
  if (!v) return std::nullopt;
  if (!v->is_string() || v->get_ref<const std::string&>().empty() ||
      v->get_ref<const std::string&>().size() > 64) {
    fail(field, "must be an id string");
    return std::nullopt;
  }
  return v->get<std::string>();
}

const Json* JsonReader::object(const char* field, Need need) {
  const Json* v = get(field, need);
  if (v && !v->is_object()) {
    fail(field, "must be an object");
    return nullptr;
  }
  return v;
}

const Json* JsonReader::array(const char* field, Need need, size_t max_items) {
  const Json* v = get(field, need);
  if (v && !v->is_array()) {
    fail(field, "must be an array");
    return nullptr;
  }
  if (v && v->size() > max_items) {
    fail(field, "must have at most " + std::to_string(max_items) + " items");
    return nullptr;
  }
  return v;
}

void JsonReader::reject_unknown() {
  for (auto it = obj_.begin(); it != obj_.end(); ++it) {
    if (!seen_.count(it.key())) fail(it.key(), "is not a known field");
  }
}

}  // namespace anagen
