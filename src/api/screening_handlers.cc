#include "api/course.h"
#include "api/handlers.h"
#include "api/views.h"
#include "core/id.h"
#include "store/patient_store.h"
#include "store/screening_store.h"

namespace anagen::api::screening_api {
namespace {

Result<domain::Screening> require_screening(store::Tx& tx, const Ctx& ctx) {
  ANAGEN_ASSIGN(auto s, store::screenings::get(tx, ctx.param("screening_id")));
  if (!s || s->patient_id != ctx.param("patient_id")) {
    return Error::not_found("Screening " + ctx.param("screening_id") + " of patient " +
                            ctx.param("patient_id") + " was not found.");
  }
  return std::move(*s);
}

// The id of the patient's current screening ("" when none is).
Result<std::string> current_id(store::Tx& tx, const Ctx& ctx) {
  ANAGEN_ASSIGN(auto s, store::screenings::current(tx, ctx.param("patient_id"), ctx.today));
  return s ? s->id : std::string();
}

}  // namespace

Result<Reply> questions(Ctx& ctx) {
  ANAGEN_ASSIGN(auto rules, ctx.app.db.read([](store::Tx& tx) {
    return store::screenings::current_rules(tx);
  }));
  Json items = Json::array();
  for (const auto& q : domain::screening_questions()) {
    Json item = {{"code", q.code},
                 {"question", q.question},
                 {"kind", q.kind == domain::AnswerKind::kBool ? "boolean" : "choice"},
                 {"severity", domain::to_string(rules.severity_of(q.code))}};
    if (q.kind == domain::AnswerKind::kDiabetes) {
      item["choices"] = {"none", "controlled", "insulin_dependent", "uncontrolled"};
    }
    items.push_back(item);
  }
  return Reply::json({{"items", items}, {"rule_set_version", rules.version}});
}

Result<Reply> create(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  const Json* answers = r.object("answers", Need::kRequired);
  r.reject_unknown();
  if (!r.ok()) return r.error();
  ANAGEN_ASSIGN(auto parsed, domain::parse_answers(*answers));
  domain::Screening s;
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    ANAGEN_TRY(store::patients::require(tx, ctx.param("patient_id")));
    ANAGEN_ASSIGN(auto rules, store::screenings::current_rules(tx));
    s = domain::Screening{};
    s.id = new_id();
    s.patient_id = ctx.param("patient_id");
    s.answers = parsed;
    s.result = domain::evaluate_screening(parsed, rules);
    s.rule_set_version = rules.version;
    s.screened_by = ctx.user_id();
    s.screened_at = ctx.now;
    s.screened_on = ctx.today;
    s.expires_on = domain::screening_expiry(ctx.today, ctx.settings.screening_valid_days);
    ANAGEN_TRY(store::screenings::insert(tx, s));
    // A screening that no longer clears the patient stops the course going
    // on as planned: not eligible holds its bookings; needing review flags it.
    if (!s.clears_treatment()) {
      const bool out = s.result.outcome == domain::ScreeningOutcome::kIneligible;
      std::string why;
      for (const auto& f : s.result.findings) {
        if (f.severity == (out ? domain::Severity::kAbsolute : domain::Severity::kRelative))
          why += (why.empty() ? "" : "; ") + f.message;
      }
      ANAGEN_TRY(course::flag_active_plan(
          tx, s.patient_id,
          "Screening on " + human_date(ctx.today) + ": " +
              (out ? "not eligible" : "needs a clinician's review") +
              (why.empty() ? "" : " (" + why + ")") +
              (out ? ". Bookings on hold until a clinician clears the plan." : "."),
          out, ctx.now));
    }
    ctx.audit_detail = std::string("outcome=") + domain::to_string(s.result.outcome);
    return ctx.audit(tx, 201);
  }));
  return Reply::created(screening_json(s, ctx, true),
                        "/api/v1/patients/" + s.patient_id + "/screenings/" + s.id);
}

Result<Reply> list(Ctx& ctx) {
  std::string current;
  ANAGEN_ASSIGN(auto all,
                ctx.app.db.read([&](store::Tx& tx) -> Result<std::vector<domain::Screening>> {
                  ANAGEN_TRY(store::patients::require(tx, ctx.param("patient_id")));
                  ANAGEN_ASSIGN(current, current_id(tx, ctx));
                  return store::screenings::list(tx, ctx.param("patient_id"));
                }));
  Json items = Json::array();
  for (const auto& s : all) items.push_back(screening_json(s, ctx, s.id == current));
  return Reply::json({{"items", items}});
}

Result<Reply> get(Ctx& ctx) {
  std::string current;
  ANAGEN_ASSIGN(auto s, ctx.app.db.read([&](store::Tx& tx) -> Result<domain::Screening> {
    ANAGEN_ASSIGN(current, current_id(tx, ctx));
    return require_screening(tx, ctx);
  }));
  return Reply::json(screening_json(s, ctx, s.id == current));
}

Result<Reply> current(Ctx& ctx) {
  ANAGEN_ASSIGN(auto s,
                ctx.app.db.read([&](store::Tx& tx) -> Result<std::optional<domain::Screening>> {
                  ANAGEN_TRY(store::patients::require(tx, ctx.param("patient_id")));
                  return store::screenings::current(tx, ctx.param("patient_id"), ctx.today);
                }));
  if (!s) {
    return Error::not_found("Patient " + ctx.param("patient_id") +
                            " has no current screening; screen the patient first.");
  }
  return Reply::json(screening_json(*s, ctx, true));
}

Result<Reply> override_outcome(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  auto reason = r.text("reason", Need::kRequired, 2000);
  r.reject_unknown();
  if (reason && reason->size() < 10) {
    r.fail("reason", "must explain the clinical judgement in at least 10 characters");
  }
  if (!r.ok()) return r.error();
  domain::Screening s;
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    ANAGEN_ASSIGN(s, require_screening(tx, ctx));
    ANAGEN_TRY(domain::check_override(s.result.outcome, s.override_.has_value()));
    if (!s.current_on(ctx.today)) {
      return Error::conflict("This screening expired on " + human_date(s.expires_on) +
                             "; screen the patient again.");
    }
    ANAGEN_ASSIGN(auto current, current_id(tx, ctx));
    if (current != s.id) {
      return Error::conflict(
          "A newer screening of this patient replaces this one: override that one if needed.");
    }
    s.override_ = domain::ScreeningOverride{*reason, ctx.user_id(), ctx.now};
    ANAGEN_TRY(store::screenings::set_override(tx, s.id, *s.override_));
    ctx.audit_detail = "screening=" + s.id + " reason=" + *reason;
    return ctx.audit(tx, 200);
  }));
  return Reply::json(screening_json(s, ctx, true));
}

}  // namespace anagen::api::screening_api
