#include "api/handlers.h"
#include "api/router.h"

namespace anagen::api::system_api {

Result<Reply> health(Ctx&) { return Reply::json({{"status", "ok"}}); }

// The test routes are listed only where they answer (serve --test-clock).
Result<Reply> openapi(Ctx& ctx) {
  static const std::string full = openapi_document(route_table()).dump();
  static const std::string served = [] {
    std::vector<Route> routes;
    for (const Route& r : route_table())
      if (!r.pattern.starts_with("/api/v1/test/")) routes.push_back(r);
    return openapi_document(routes).dump();
  }();
  Reply r;
  r.raw = ctx.app.manual_clock ? full : served;
  return r;
}

// Moves the server's clock (only with `serve --test-clock`): end-to-end tests
// check date rules (expiry, evaluation windows) without waiting for days.
Result<Reply> set_test_clock(Ctx& ctx) {
  if (!ctx.app.manual_clock)
    return Error::not_found("There is no endpoint at " + ctx.req.path + ".");
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  auto now = r.instant("now", Need::kRequired);
  r.reject_unknown();
  if (!r.ok()) return r.error();
  ctx.app.manual_clock->set(*now);
  return Reply::json({{"now", format_instant(*now, ctx.zone)}});
}

}  // namespace anagen::api::system_api
