// Every handler, grouped by noun; routes.cc binds them to URLs.
#pragma once

#include "api/context.h"

namespace anagen::api {

namespace system_api {
Result<Reply> health(Ctx& ctx);
Result<Reply> openapi(Ctx& ctx);
Result<Reply> set_test_clock(Ctx& ctx);
}  // namespace system_api

namespace auth_api {
Result<Reply> login(Ctx& ctx);
Result<Reply> logout(Ctx& ctx);
Result<Reply> me(Ctx& ctx);
}  // namespace auth_api

namespace user_api {
Result<Reply> list(Ctx& ctx);
Result<Reply> create(Ctx& ctx);
Result<Reply> update(Ctx& ctx);
}  // namespace user_api

namespace clinic_api {
Result<Reply> get(Ctx& ctx);
Result<Reply> put(Ctx& ctx);
Result<Reply> get_screening_rules(Ctx& ctx);
Result<Reply> put_screening_rules(Ctx& ctx);
}  // namespace clinic_api

namespace patient_api {
Result<Reply> create(Ctx& ctx);
Result<Reply> get(Ctx& ctx);
Result<Reply> update(Ctx& ctx);
Result<Reply> search(Ctx& ctx);
}  // namespace patient_api

namespace screening_api {
Result<Reply> questions(Ctx& ctx);
Result<Reply> create(Ctx& ctx);
Result<Reply> list(Ctx& ctx);
Result<Reply> get(Ctx& ctx);
Result<Reply> current(Ctx& ctx);
Result<Reply> override_outcome(Ctx& ctx);
}  // namespace screening_api

namespace assessment_api {
Result<Reply> scales(Ctx& ctx);
Result<Reply> create(Ctx& ctx);
Result<Reply> list(Ctx& ctx);
Result<Reply> get(Ctx& ctx);
}  // namespace assessment_api

namespace audit_api {
Result<Reply> list(Ctx& ctx);
}  // namespace audit_api

}  // namespace anagen::api
