// Expected failures as values: every layer returns Result<T>; only the API
// layer (api/errors.cc) turns an Error into an HTTP status.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace anagen {

enum class ErrorCode {
  kInvalid,           // a field of the request is wrong (422)
  kBadRequest,        // the request cannot be read at all (400)
  kUnauthenticated,   // no valid session (401)
  kForbidden,         // signed in, but not allowed (403)
  kNotFound,          // 404
  kMethodNotAllowed,  // the URL exists but not for this method (405)
  kConflict,          // the request clashes with the current state (409)
  kTooLarge,          // 413
  kHeadersTooLarge,   // 431
  kTooManyRequests,   // 429
  kUnavailable,       // a dependency is down or shutting down (503)
  kInternal,          // a bug or an unexpected I/O failure (500)
};

struct FieldError {
  std::string field;    // JSON path of the field, e.g. "answers.pregnant"
  std::string message;  // what is wrong, for a person to act on
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string detail;
  std::vector<FieldError> fields;
  int retry_after_seconds = 0;  // for kTooManyRequests

  static Error invalid(std::string field, std::string message) {
    Error e{ErrorCode::kInvalid, "The request has invalid fields.", {}};
    e.fields.push_back({std::move(field), std::move(message)});
    return e;
  }
  static Error invalid(std::vector<FieldError> fields) {
    return Error{ErrorCode::kInvalid, "The request has invalid fields.", std::move(fields)};
  }
  static Error bad_request(std::string d) { return {ErrorCode::kBadRequest, std::move(d)}; }
  static Error unauthenticated(std::string d) {
    return {ErrorCode::kUnauthenticated, std::move(d)};
  }
  static Error forbidden(std::string d) { return {ErrorCode::kForbidden, std::move(d)}; }
  static Error not_found(std::string d) { return {ErrorCode::kNotFound, std::move(d)}; }
  static Error conflict(std::string d) { return {ErrorCode::kConflict, std::move(d)}; }
  static Error internal(std::string d) { return {ErrorCode::kInternal, std::move(d)}; }
  static Error unavailable(std::string d) { return {ErrorCode::kUnavailable, std::move(d)}; }
};

// Either a value or an Error. Cheap to move; check ok() before value().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const { return std::get<1>(v_); }
  Error&& take_error() { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

// Success without a value.
struct Ok {};
using Status = Result<Ok>;
inline Status ok_status() { return Ok{}; }

}  // namespace anagen

// Propagates the error of a Result expression; otherwise yields nothing.
#define ANAGEN_TRY(expr)                                        \
  do {                                                          \
    auto anagen_try_r_ = (expr);                                \
    if (!anagen_try_r_.ok()) return anagen_try_r_.take_error(); \
  } while (0)

#define ANAGEN_CONCAT_INNER(a, b) a##b
#define ANAGEN_CONCAT(a, b) ANAGEN_CONCAT_INNER(a, b)
// Declares `lhs` from the value of a Result expression, or returns its error.
#define ANAGEN_ASSIGN(lhs, expr) ANAGEN_ASSIGN_IMPL(ANAGEN_CONCAT(anagen_r_, __LINE__), lhs, expr)
#define ANAGEN_ASSIGN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                       \
  if (!tmp.ok()) return tmp.take_error();  \
  lhs = std::move(tmp).value()
