// The one place where an Error becomes an HTTP status and an RFC 9457
// application/problem+json body.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "api/http.h"
#include "core/result.h"

namespace anagen::api {

int http_status(ErrorCode code);
// The audit outcome word for an error ("denied", "invalid", ...).
const char* outcome_word(ErrorCode code);
HttpResponse problem(const Error& e, const std::string& instance, const std::string& request_id);
// A JSON reply's body: bytes that are not UTF-8 (echoed from a request)
// are replaced, not thrown on, so that no request can take the server down
// by what it sends. Every JSON reply (problems and handlers' bodies) is
// written through it.
std::string json_reply_text(const nlohmann::json& body);

}  // namespace anagen::api
