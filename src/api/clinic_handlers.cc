#include "api/handlers.h"
#include "store/clinic_store.h"
#include "store/screening_store.h"

namespace anagen::api::clinic_api {

// The settings, and the clinic's current date and time (clients use these
// rather than their own clock).
Result<Reply> get(Ctx& ctx) {
  Json j = ctx.settings.to_json();
  j["now"] = ctx.format(ctx.now);
  j["today"] = format_date(ctx.today);
  return Reply::json(j);
}

Result<Reply> put(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  domain::ClinicSettings saved;
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    ANAGEN_ASSIGN(auto current, store::clinic::get(tx));
    ANAGEN_ASSIGN(saved, domain::apply_clinic_update(current, body));
    ANAGEN_TRY(store::clinic::put(tx, saved, ctx.now));
    ctx.audit_detail = saved.to_json().dump();
    return ctx.audit(tx, 200);
  }));
  ctx.app.settings_changed(saved);
  return Reply::json(saved.to_json());
}

namespace {

// The rules, and the weakest severity each floor contraindication may take
// (for the form to offer only those).
Reply rules_reply(const domain::RuleSet& rules) {
  Json floor = Json::object();
  for (const auto& [key, severity] : domain::rule_floor()) floor[key] = domain::to_string(severity);
  return Reply::json(
      {{"version", rules.version}, {"rules", domain::rules_to_json(rules)}, {"floor", floor}});
}

}  // namespace

Result<Reply> get_screening_rules(Ctx& ctx) {
  ANAGEN_ASSIGN(auto rules, ctx.app.db.read([](store::Tx& tx) {
    return store::screenings::current_rules(tx);
  }));
  return rules_reply(rules);
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
  ANAGEN_ASSIGN(auto saved, ctx.app.db.write([&](store::Tx& tx) -> Result<domain::RuleSet> {
    ANAGEN_ASSIGN(auto rules, store::screenings::save_rules(tx, changes, ctx.user_id(), ctx.now));
    ctx.audit_detail =
        "version=" + std::to_string(rules.version) + " " + domain::rules_to_json(rules).dump();
    ANAGEN_TRY(ctx.audit(tx, 200));
    return rules;
  }));
  return rules_reply(saved);
}

}  // namespace anagen::api::clinic_api
