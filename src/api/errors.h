// The one place where an Error becomes an HTTP status and an RFC 9457
// application/problem+json body.
#pragma once

#include "api/http.h"
#include "core/result.h"

namespace anagen::api {

int http_status(ErrorCode code);
// The audit outcome word for an error ("denied", "invalid", ...).
const char* outcome_word(ErrorCode code);
// `status` 0: the code's own (http_status); another for the few replies
// the code does not name (431).
HttpResponse problem(const Error& e, const std::string& instance, const std::string& request_id,
                     int status = 0);

}  // namespace anagen::api
