#include <algorithm>

#include "api/handlers.h"
#include "domain/aftercare.h"
#include "store/aftercare_store.h"
#include "store/clinic_store.h"
#include "store/outbox_store.h"
#include "store/patient_store.h"
#include "store/plan_store.h"

namespace anagen::api::aftercare_api {
namespace {

Json reminder_json(const domain::Reminder& r, const Ctx& ctx) {
  auto rule = domain::parse_rrule(r.rrule);
  Date due = rule ? domain::next_due(r.start, *rule, r.last_done, ctx.today) : r.start;
  return {{"id", r.id},
          {"code", r.code},
          {"title", r.title},
          {"description", r.description},
          {"rrule", r.rrule},
          {"start", format_date(r.start)},
          {"last_done", r.last_done ? Json(format_date(*r.last_done)) : Json(nullptr)},
          {"next_due", format_date(due)},
          {"overdue", date::sys_days(due) < date::sys_days(ctx.today)}};
}

}  // namespace

// The patient's aftercare. Its reminders are made when a course is planned
// (plan_api::create); a patient whose clinic added a reminder since gets the
// missing ones here, each one interval into the latest course. Reminders
// run while a course is active: a patient with none (never prescribed,
// stopped or finished) has the recommendations and no reminders ("course":
// false), as in the calendar feed and the emails.
Result<Reply> get(Ctx& ctx) {
  auto defaults = domain::clinic_aftercare(ctx.settings.aftercare);
  return ctx.app.db.write([&](store::Tx& tx) -> Result<Reply> {
    const std::string& pid = ctx.param("patient_id");
    ANAGEN_TRY(store::patients::require(tx, pid));
    ANAGEN_ASSIGN(auto plans, store::plans::list_for_patient(tx, pid));
    const bool course = domain::any_running(plans, ctx.today);
    if (course) {  // newest first
      ANAGEN_TRY(
          store::aftercare::ensure(tx, pid, defaults.reminders, plans.front().start, ctx.now));
    }
    ANAGEN_ASSIGN(auto reminders, store::aftercare::list_for_patient(tx, pid));
    Json recs = Json::array(), rems = Json::array();
    for (const auto& r : defaults.recommendations)
      recs.push_back({{"category", r.category}, {"text", r.text}});
    for (const auto& r : reminders) {
      if (r.active && course) rems.push_back(reminder_json(r, ctx));
    }
    ANAGEN_TRY(ctx.audit(tx, 200));
    return Reply::json({{"recommendations", recs}, {"reminders", rems}, {"course", course}});
  });
}

// {"on"?: date}: the patient did it (default today); the next due day moves on.
Result<Reply> done(Ctx& ctx) {
  std::optional<Date> on;
  if (!ctx.req.body.empty()) {
    ANAGEN_ASSIGN(Json body, ctx.body());
    JsonReader r(body);
    on = r.date("on", Need::kOptional);
    r.reject_unknown();
    if (on && date::sys_days(*on) > date::sys_days(ctx.today)) r.fail("on", "is in the future");
    if (!r.ok()) return r.error();
  }
  return ctx.app.db.write([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto r, store::aftercare::get(tx, ctx.param("reminder_id")));
    if (!r || r->patient_id != ctx.param("patient_id")) {
      return Error::not_found("Reminder " + ctx.param("reminder_id") +
                              " of this patient was not found.");
    }
    Date day = on.value_or(ctx.today);
    if (r->last_done && date::sys_days(day) < date::sys_days(*r->last_done)) {
      return Error::invalid(
          "on", "is before the last time it was done (" + human_date(*r->last_done) + ")");
    }
    r->last_done = day;
    ANAGEN_TRY(store::aftercare::mark_done(tx, r->id, *r->last_done, ctx.now));
    ctx.audit_detail = "done " + r->code + " on " + format_date(*r->last_done);
    ANAGEN_TRY(ctx.audit(tx, 200));
    return Reply::json(reminder_json(*r, ctx));
  });
}

Result<Reply> get_defaults(Ctx& ctx) {
  return Reply::json(domain::aftercare_to_json(domain::clinic_aftercare(ctx.settings.aftercare)));
}

// Changes the clinic's defaults; patients get new reminder codes the next
// time their aftercare is read (existing reminders keep their schedule).
Result<Reply> put_defaults(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  ANAGEN_ASSIGN(auto parsed, domain::parse_aftercare(body));
  domain::ClinicSettings saved;
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    ANAGEN_ASSIGN(saved, store::clinic::get(tx));
    saved.aftercare = domain::aftercare_to_json(parsed);
    ANAGEN_TRY(store::clinic::put(tx, saved, ctx.now));
    return ctx.audit(tx, 200);
  }));
  ctx.app.settings_changed(saved);
  return Reply::json(domain::aftercare_to_json(parsed));
}

Result<Reply> outbox(Ctx& ctx) {
  store::outbox::Filter f;
  if (auto v = ctx.req.param("status"); v && !v->empty()) {
    static const std::initializer_list<std::string_view> statuses = {"pending", "held", "sent",
                                                                     "failed", "skipped"};
    if (std::find(statuses.begin(), statuses.end(), *v) == statuses.end())
      return Error::invalid("status", "must be one of: pending, held, sent, failed, skipped");
    f.status = *v;
  }
  if (auto v = ctx.req.param("patient_id"); v && !v->empty()) f.patient_id = ctx.patient_id = *v;
  ANAGEN_ASSIGN(auto all,
                ctx.app.db.read([&](store::Tx& tx) { return store::outbox::list(tx, f); }));
  Json items = Json::array();
  for (const auto& m : all) {
    items.push_back({{"id", m.id},
                     {"kind", m.kind},
                     {"patient_id", m.patient_id ? Json(*m.patient_id) : Json(nullptr)},
                     {"recipient", m.recipient},
                     {"subject", m.subject},
                     {"status", m.status},
                     {"attempts", m.attempts},
                     {"due_at", ctx.format(m.due_at)},
                     {"next_attempt_at", m.status == "pending" || m.status == "held"
                                             ? Json(ctx.format(m.next_attempt_at))
                                             : Json(nullptr)},
                     {"last_error", m.last_error ? Json(*m.last_error) : Json(nullptr)},
                     {"sent_at", m.sent_at ? Json(ctx.format(*m.sent_at)) : Json(nullptr)}});
  }
  return Reply::json({{"items", items}});
}

Result<Reply> run_outbox(Ctx& ctx) {
  if (!ctx.app.run_outbox) return Error::unavailable("The reminder service is not running.");
  ANAGEN_ASSIGN(auto counts, ctx.app.run_outbox());
  return Reply::json(counts);
}

}  // namespace anagen::api::aftercare_api
