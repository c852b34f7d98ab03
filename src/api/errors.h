// The one place where an Error becomes an HTTP status and an RFC 9457
// application/problem+json body.
#pragma once

#include "api/http.h"
#include "core/result.h"

namespace anagen::api {

int http_status(ErrorCode code);
// The audit outcome word for an error ("denied", "invalid", ...).
const char* outcome_word(ErrorCode code);
HttpResponse problem(const Error& e, const std::string& instance, const std::string& request_id);

}  // namespace anagen::api
