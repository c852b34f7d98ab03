#include "api/errors.h"

#include <nlohmann/json.hpp>

namespace anagen::api {
namespace {

const char* title(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalid:
      return "Invalid request";
    case ErrorCode::kBadRequest:
      return "Bad request";
    case ErrorCode::kUnauthenticated:
      return "Not signed in";
    case ErrorCode::kForbidden:
      return "Not allowed";
    case ErrorCode::kNotFound:
      return "Not found";
    case ErrorCode::kMethodNotAllowed:
      return "Method not allowed";
    case ErrorCode::kConflict:
      return "Conflict";
    case ErrorCode::kTooLarge:
      return "Request too large";
    case ErrorCode::kHeadersTooLarge:
      return "Request headers too large";
    case ErrorCode::kTooManyRequests:
      return "Too many requests";
    case ErrorCode::kUnavailable:
      return "Service unavailable";
    case ErrorCode::kInternal:
      return "Internal error";
  }
  return "Error";
}

}  // namespace

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalid:
      return 422;
    case ErrorCode::kBadRequest:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kMethodNotAllowed:
      return 405;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kTooLarge:
      return 413;
    case ErrorCode::kHeadersTooLarge:
      return 431;
    case ErrorCode::kTooManyRequests:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

const char* outcome_word(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalid:
    case ErrorCode::kBadRequest:
    case ErrorCode::kMethodNotAllowed:
    case ErrorCode::kTooLarge:
    case ErrorCode::kHeadersTooLarge:
      return "invalid";
    case ErrorCode::kUnauthenticated:
    case ErrorCode::kForbidden:
    case ErrorCode::kTooManyRequests:
      return "denied";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kUnavailable:
    case ErrorCode::kInternal:
      return "error";
  }
  return "error";
}

std::string json_reply_text(const nlohmann::json& body) {
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

HttpResponse problem(const Error& e, const std::string& instance, const std::string& request_id) {
  int status = http_status(e.code);
  nlohmann::json body = {
      {"type", "about:blank"},
      {"title", title(e.code)},
      {"status", status},
      {"detail", e.code == ErrorCode::kInternal ? "Something went wrong on the server; it has been "
                                                  "logged (request " +
                                                      request_id + ")."
                                                : e.detail},
      {"instance", instance},
      {"request_id", request_id}};
  if (!e.fields.empty()) {
    body["errors"] = nlohmann::json::array();
    for (const auto& f : e.fields) {
      body["errors"].push_back({{"field", f.field}, {"message", f.field + " " + f.message}});
    }
    if (e.detail.empty() || e.detail == "The request has invalid fields.") {
      std::string d;
      for (const auto& f : e.fields) d += (d.empty() ? "" : "; ") + f.field + " " + f.message;
      body["detail"] = d;
    }
  }
  HttpResponse r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = json_reply_text(body);
  if (e.code == ErrorCode::kTooManyRequests && e.retry_after_seconds > 0) {
    r.headers.emplace_back("Retry-After", std::to_string(e.retry_after_seconds));
  }
  if (e.code == ErrorCode::kUnauthenticated) {
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
  }
  return r;
}

}  // namespace anagen::api
