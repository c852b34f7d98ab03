#include "api/handlers.h"
#include "store/clinic_store.h"
#include "store/screening_store.h"

namespace anagen::api::clinic_api {

Result<Reply> get(Ctx& ctx) { return Reply::json(ctx.settings.to_json()); }

Result<Reply> put(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  domain::ClinicSettings saved;
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    ANAGEN_ASSIGN(auto current, store::clinic::get(tx));
    ANAGEN_ASSIGN(saved, domain::apply_clinic_update(current, body));
    return store::clinic::put(tx, saved, ctx.now);
  }));
  ctx.app.settings_changed(saved);
  return Reply::json(saved.to_json());
}

Result<Reply> get_screening_rules(Ctx& ctx) {
  ANAGEN_ASSIGN(auto rules, ctx.app.db.read([](store::Tx& tx) {
    return store::screenings::current_rules(tx);
  }));
  return Reply::json({{"version", rules.version}, {"rules", domain::rules_to_json(rules)}});
}

// Saves a new version of the rule set; screenings already done keep the
// version they were evaluated with.
Result<Reply> put_screening_rules(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  const Json* rules = r.object("rules", Need::kRequired);
  r.reject_unknown();
  if (!r.ok()) return r.error();
  ANAGEN_ASSIGN(auto changes, domain::parse_rules(*rules));
  ANAGEN_ASSIGN(auto saved, ctx.app.db.write([&](store::Tx& tx) {
    return store::screenings::save_rules(tx, changes, ctx.user_id(), ctx.now);
  }));
  return Reply::json({{"version", saved.version}, {"rules", domain::rules_to_json(saved)}});
}

}  // namespace anagen::api::clinic_api
