#include <algorithm>

#include "api/handlers.h"
#include "api/views.h"
#include "auth/password.h"
#include "core/id.h"
#include "domain/aftercare.h"
#include "interop/ical.h"
#include "store/aftercare_store.h"
#include "store/appointment_store.h"
#include "store/feed_store.h"
#include "store/patient_store.h"
#include "store/plan_store.h"
#include "store/practitioner_store.h"

namespace anagen::api::calendar_api {
namespace {

// Feeds cover the next 13 months and `days_back` before today. A subscribed
// calendar deletes what a feed stops carrying, so the patient's own feed
// keeps the 13 months back that hold a whole course (at most 12 months): a
// patient sees every session of it; a practitioner's keeps the last month.
constexpr int kPatientDaysBack = 400;
constexpr int kPractitionerDaysBack = 31;

store::appointments::Filter feed_range(const Ctx& ctx, int days_back) {
  store::appointments::Filter f;
  f.from = ctx.now - std::chrono::days(days_back);
  f.to = ctx.now + std::chrono::days(400);
  f.limit = 5000;
  return f;
}

Reply ics_reply(std::string body, const std::string& filename) {
  Reply r;
  r.raw = std::move(body);
  r.content_type = "text/calendar; charset=utf-8";
  r.headers.emplace_back("Content-Disposition", "inline; filename=\"" + filename + "\"");
  r.headers.emplace_back("Cache-Control", "no-cache");
  return r;
}

interop::CalEvent event_of(const domain::Appointment& a, std::string summary,
                           std::string description, const std::string& location) {
  interop::CalEvent e;
  e.uid = a.id + "@anagen";
  e.start = a.start;
  e.end = a.end;
  e.summary = std::move(summary);
  e.description = std::move(description);
  e.location = location;
  e.sequence = a.sequence;
  e.cancelled = a.status == domain::AppointmentStatus::kCancelled;
  e.last_modified = a.updated_at;
  return e;
}

// The patient's own calendar: sessions without the patient's name (a phone
// calendar may be shared or shown on a lock screen).
Result<std::string> patient_calendar(store::Tx& tx, const Ctx& ctx, const std::string& patient_id) {
  auto f = feed_range(ctx, kPatientDaysBack);
  f.patient_id = patient_id;
  ANAGEN_ASSIGN(auto appts, store::appointments::list(tx, f));
  ANAGEN_ASSIGN(auto plans, store::plans::list_for_patient(tx, patient_id));
  // Each course's last session number: numbers run on past a missed session
  // or a record entered in error, so the count of sessions can be less.
  std::map<std::string, int> last;
  for (const auto& plan : plans)
    for (const auto& s : plan.sessions) last[plan.id] = std::max(last[plan.id], s.number);
  std::vector<interop::CalEvent> events;
  for (const auto& a : appts) {
    if (!a.is_session()) {
      events.push_back(event_of(a, "Hair results evaluation",
                                "Evaluation visit of your mesotherapy course at " +
                                    ctx.settings.name +
                                    ": photos and a measure of your hair, no injection.",
                                ctx.settings.name));
      continue;
    }
    events.push_back(event_of(a, "Hair treatment session " + std::to_string(a.session_number),
                              "Session " + std::to_string(a.session_number) + " of " +
                                  std::to_string(last[a.plan_id]) +
                                  " of your mesotherapy course at " + ctx.settings.name + ".",
                              ctx.settings.name));
  }
  // Aftercare reminders as recurring to-dos, while a course is active.
  ANAGEN_ASSIGN(auto reminders, store::aftercare::list_for_patient(tx, patient_id));
  const std::optional<Date> until = domain::running_until(plans, ctx.today);
  if (!until) reminders.clear();
  std::vector<interop::CalTodo> todos;
  for (const auto& r : reminders) {
    auto rule = domain::parse_rrule(r.rrule);
    if (!r.active || !rule) continue;
    // Starts at the day it is due now, so the phone agrees with the checklist
    // (whose rhythm restarts from the day a reminder was done).
    Date due = domain::next_due(r.start, *rule, r.last_done, ctx.today);
    if (date::sys_days(due) > date::sys_days(*until)) continue;  // due after the course
    todos.push_back({r.id + "@anagen", due, r.rrule, until, r.title, r.description, ctx.now});
  }
  return interop::calendar_ics(ctx.settings.name, ctx.settings.timezone, events, todos, ctx.now);
}

}  // namespace

Result<Reply> practitioner_ics(Ctx& ctx) {
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto pr, store::practitioners::require(tx, ctx.param("practitioner_id")));
    auto f = feed_range(ctx, kPractitionerDaysBack);
    f.practitioner_id = pr.id;
    ANAGEN_ASSIGN(auto appts, store::appointments::list(tx, f));
    std::vector<interop::CalEvent> events;
    for (const auto& a : appts) {
      ANAGEN_ASSIGN(auto p, store::patients::get(tx, a.patient_id));
      std::string who = p ? domain::full_name(p->fields) : "patient";
      std::string what = a.is_session() ? "Mesotherapy " + std::to_string(a.session_number)
                                        : std::string("Evaluation");
      events.push_back(event_of(a, what + " - " + who,
                                domain::appointment_label(a) + " for " + who + ".",
                                ctx.settings.name));
    }
    ctx.audit_detail = "practitioner=" + pr.id + " events=" + std::to_string(events.size());
    return ics_reply(interop::calendar_ics(pr.name + " - " + ctx.settings.name,
                                           ctx.settings.timezone, events, {}, ctx.now),
                     "practitioner.ics");
  });
}

Result<Reply> patient_ics(Ctx& ctx) {
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_TRY(store::patients::require(tx, ctx.param("patient_id")));
    ANAGEN_ASSIGN(auto ics, patient_calendar(tx, ctx, ctx.param("patient_id")));
    return ics_reply(std::move(ics), "anagen.ics");
  });
}

// Issues a new secret subscription link (the previous one stops working).
Result<Reply> issue_feed(Ctx& ctx) {
  std::string token = random_token(24);
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    ANAGEN_TRY(store::patients::require(tx, ctx.param("patient_id")));
    ANAGEN_TRY(store::feeds::issue(tx, ctx.param("patient_id"), auth::token_hash(token), ctx.now));
    return ctx.audit(tx, 201);
  }));
  return Reply::json(feed_links(ctx, token), 201);
}

Result<Reply> feed_status(Ctx& ctx) {
  ANAGEN_ASSIGN(auto since, ctx.app.db.read([&](store::Tx& tx) -> Result<std::optional<Instant>> {
    ANAGEN_TRY(store::patients::require(tx, ctx.param("patient_id")));
    return store::feeds::live_since(tx, ctx.param("patient_id"));
  }));
  return Reply::json({{"active", since.has_value()},
                      {"issued_at", since ? Json(ctx.format(*since)) : Json(nullptr)}});
}

Result<Reply> revoke_feed(Ctx& ctx) {
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    ANAGEN_TRY(store::patients::require(tx, ctx.param("patient_id")));
    ANAGEN_ASSIGN(auto n, store::feeds::revoke(tx, ctx.param("patient_id"), ctx.now));
    if (n == 0) return Error::not_found("The patient has no live calendar link.");
    return ctx.audit(tx, 204);
  }));
  return Reply::no_content();
}

// The public side of the secret link: no session, the token is the key.
Result<Reply> feed(Ctx& ctx) {
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto pid, store::feeds::patient_of(tx, auth::token_hash(ctx.param("token"))));
    if (!pid)
      return Error::not_found("This calendar link is not valid (it may have been revoked).");
    ctx.patient_id = *pid;
    ANAGEN_ASSIGN(auto ics, patient_calendar(tx, ctx, *pid));
    return ics_reply(std::move(ics), "anagen.ics");
  });
}

}  // namespace anagen::api::calendar_api
