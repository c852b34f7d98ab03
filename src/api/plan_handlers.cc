#include "api/course.h"
#include "api/handlers.h"
#include "api/views.h"
#include "core/id.h"
#include "domain/aftercare.h"
#include "domain/booking.h"
#include "store/aftercare_store.h"
#include "store/appointment_store.h"
#include "store/assessment_store.h"
#include "store/availability.h"
#include "store/outbox_store.h"
#include "store/patient_store.h"
#include "store/plan_store.h"
#include "store/practitioner_store.h"
#include "store/protocol_store.h"
#include "store/screening_store.h"

namespace anagen::api::plan_api {
namespace {

// A plan as GET /plans/{id} gives it: with its appointments.
Result<Json> full_plan_json(store::Tx& tx, const domain::Plan& p, const Ctx& ctx) {
  ANAGEN_ASSIGN(auto appts, course::appointments_of(tx, p.id));
  return plan_json(p, ctx, appts);
}

Result<Reply> plan_reply(store::Tx& tx, const domain::Plan& p, const Ctx& ctx, int status = 200) {
  ANAGEN_ASSIGN(Json j, full_plan_json(tx, p, ctx));
  Reply r = Reply::json(std::move(j), status);
  if (status == 201) r.headers.emplace_back("Location", "/api/v1/plans/" + p.id);
  return r;
}

// Loads the plan named in the path and lets the audit name its patient.
Result<domain::Plan> load_plan(store::Tx& tx, Ctx& ctx) {
  ANAGEN_ASSIGN(auto p, store::plans::require(tx, ctx.param("plan_id")));
  ctx.patient_id = p.patient_id;
  return p;
}

Status require_active(const domain::Plan& p) {
  if (p.status != domain::PlanStatus::kActive) {
    return Error::conflict(std::string("The plan is ") + domain::to_string(p.status) +
                           "; only an active plan can change.");
  }
  return ok_status();
}

}  // namespace

Status require_bookable(const domain::Plan& p) {
  ANAGEN_TRY(require_active(p));
  if (p.booking_hold) {
    // Why is clinical; whoever books sees the course is held.
    return Error::conflict("Bookings are on hold until a clinician clears the plan's review.");
  }
  return ok_status();
}

Status require_not_held(const domain::Plan& p) {
  if (p.booking_hold) {
    return Error::conflict(
        "The plan is on hold until a clinician clears its review (" +
        p.review_reason.value_or("no reason given") +
        "); no session can be charted or marked done until then. Nothing was recorded.");
  }
  return ok_status();
}

Result<Reply> create(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  auto assessment_id = r.id("assessment_id", Need::kRequired);
  auto start = r.date("start_date", Need::kRequired);
  auto protocol_id = r.id("protocol_id", Need::kOptional);
  r.reject_unknown();
  bool dry_run = ctx.req.param("dry_run") && *ctx.req.param("dry_run") == "true";
  if (start && (days_between(ctx.today, *start) > 365 || days_between(*start, ctx.today) > 730)) {
    r.fail("start_date", "must be within two years before and one year after today");
  }
  if (!r.ok()) return r.error();
  return ctx.app.db.write([&](store::Tx& tx) -> Result<Reply> {
    const std::string& pid = ctx.param("patient_id");
    ANAGEN_TRY(tx.lock("patient:" + pid));
    ANAGEN_TRY(store::patients::require(tx, pid));
    ANAGEN_ASSIGN(auto a, store::assessments::get(tx, *assessment_id));
    if (!a || a->patient_id != pid) {
      return Error::invalid("assessment_id", "is not an assessment of this patient");
    }
    // A course follows the patient's latest assessment: an older one may
    // have been a candidate where the newer one is not (roots lost, scarring).
    ANAGEN_ASSIGN(auto assessments, store::assessments::list(tx, pid));  // newest first
    if (!assessments.empty() && assessments.front().assessed_at > a->assessed_at) {
      return Error::conflict("A newer assessment of this patient (" +
                             ctx.format(assessments.front().assessed_at) +
                             ") replaces this one: plan the course from it.");
    }
    ANAGEN_ASSIGN(auto screening, store::screenings::current(tx, pid, ctx.today));
    if (!screening) {
      return Error::conflict("The patient has no current screening: screen them first.");
    }
    if (!screening->clears_treatment()) {
      return Error::conflict(std::string("The current screening is ") +
                             domain::to_string(screening->result.outcome) +
                             (screening->result.outcome == domain::ScreeningOutcome::kReview
                                  ? " and no clinician has overridden it."
                                  : ": treatment is contraindicated."));
    }
    if (auto why = domain::plan_refusal(*a)) return Error::conflict(*why + ".");
    ANAGEN_ASSIGN(auto existing, store::plans::list_for_patient(tx, pid));
    for (const auto& e : existing) {
      if (e.status == domain::PlanStatus::kActive) {
        return Error::conflict("The patient already has an active plan (" + e.id +
                               "); stop it or revise it instead.");
      }
    }
    ANAGEN_ASSIGN(auto protocol, protocol_id ? store::protocols::get(tx, *protocol_id)
                                             : store::protocols::default_protocol(tx));
    if (!protocol) return Error::invalid("protocol_id", "is not a protocol of this clinic");
    if (!protocol->active)
      return Error::invalid("protocol_id", "is retired; pick an active protocol");
    domain::Plan p;
    p.id = new_id();
    p.patient_id = pid;
    p.assessment_id = a->id;
    p.protocol = *protocol;
    p.severity = a->severity;
    p.months = protocol->months_for(a->severity);
    p.start = *start;
    p.end = domain::course_end(*start, p.months);
    p.created_by = ctx.user_id();
    p.created_at = ctx.now;
    p.sessions = domain::generate_sessions(p.protocol, p.start, p.end, 0, std::nullopt);
    if (dry_run) {
      // A preview: the same checks and schedule, nothing saved.
      ctx.audit_detail = "preview";
      return Reply::json(plan_json(p, ctx));
    }
    ANAGEN_TRY(store::plans::insert(tx, p, ctx.now));
    // The aftercare reminders start with the course: the patient's calendar
    // feed and the reminder emails carry them from now on.
    ANAGEN_TRY(store::aftercare::ensure(
        tx, pid, domain::clinic_aftercare(ctx.settings.aftercare).reminders, p.start, ctx.now));
    ctx.audit_detail = "plan=" + p.id + " protocol=" + protocol->name +
                       " sessions=" + std::to_string(p.sessions.size());
    ANAGEN_TRY(ctx.audit(tx, 201));
    return plan_reply(tx, p, ctx, 201);
  });
}

// Active plans, clinic-wide: flagged for clinician review
// (?needs_review=true), or with a session whose window has passed unbooked
// (?window_passed=true). Each as GET /plans/{id} gives it, with its
// patient's name.
Result<Reply> flagged(Ctx& ctx) {
  const auto is_true = [&](const char* name) {
    const std::string* v = ctx.req.param(name);
    return v && *v == "true";
  };
  const bool review = is_true("needs_review"), passed = is_true("window_passed");
  if (review == passed) {
    return Error::invalid("needs_review",
                          "must be true, or window_passed must be true (one of the two filters)");
  }
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto all,
                  review ? store::plans::flagged(tx) : store::plans::window_passed(tx, ctx.today));
    PatientNames names(tx);
    Json items = Json::array();
    for (const auto& p : all) {
      ANAGEN_ASSIGN(Json j, full_plan_json(tx, p, ctx));
      ANAGEN_ASSIGN(j["patient_name"], names.of(p.patient_id));
      items.push_back(j);
    }
    ctx.audit_detail = "flagged plans=" + std::to_string(all.size());
    return Reply::json({{"items", items}});
  });
}

Result<Reply> list(Ctx& ctx) {
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_TRY(store::patients::require(tx, ctx.param("patient_id")));
    ANAGEN_ASSIGN(auto all, store::plans::list_for_patient(tx, ctx.param("patient_id")));
    Json items = Json::array();
    for (const auto& p : all) {
      ANAGEN_ASSIGN(Json j, full_plan_json(tx, p, ctx));
      items.push_back(std::move(j));
    }
    return Reply::json({{"items", items}});
  });
}

Result<Reply> get(Ctx& ctx) {
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto p, load_plan(tx, ctx));
    return plan_reply(tx, p, ctx);
  });
}

// {"protocol_id"?, "months"?, "reason"}: follow another protocol and/or
// change the course length from now on; sessions done stay as they are.
Result<Reply> revise(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  auto protocol_id = r.id("protocol_id", Need::kOptional);
  auto months =
      r.integer("months", Need::kOptional, domain::kMinCourseMonths, domain::kMaxCourseMonths);
  auto reason = read_reason(r);
  r.reject_unknown();
  if (!r.ok()) return r.error();
  return ctx.app.db.write([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_TRY(tx.lock("plan:" + ctx.param("plan_id")));
    ANAGEN_ASSIGN(auto p, load_plan(tx, ctx));
    ANAGEN_TRY(require_active(p));
    if (protocol_id) {
      ANAGEN_ASSIGN(auto protocol, store::protocols::get(tx, *protocol_id));
      if (!protocol) return Error::invalid("protocol_id", "is not a protocol of this clinic");
      if (!protocol->active) return Error::invalid("protocol_id", "is retired");
      p.protocol = *protocol;
      if (!months) p.months = protocol->months_for(p.severity);
    }
    if (months) p.months = static_cast<int>(*months);
    p.end = domain::course_end(p.start, p.months);
    ANAGEN_TRY(
        course::replan_remaining(tx, p, "Plan revised: " + *reason, ctx.now, ctx.zone, ctx.today));
    p.version += 1;
    ANAGEN_TRY(store::plans::update(tx, p, ctx.now));
    ctx.audit_detail = "revised: " + *reason;
    ANAGEN_TRY(ctx.audit(tx, 200));
    return plan_reply(tx, p, ctx);
  });
}

// Reads {"reason"}, then changes the active plan with `change` (which says
// what to audit) and saves it, in one transaction.
template <typename Change>
Result<Reply> change_with_reason(Ctx& ctx, Change change) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  auto reason = read_reason(r);
  r.reject_unknown();
  if (!r.ok()) return r.error();
  return ctx.app.db.write([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_TRY(tx.lock("plan:" + ctx.param("plan_id")));
    ANAGEN_ASSIGN(auto p, load_plan(tx, ctx));
    ANAGEN_TRY(require_active(p));
    ANAGEN_TRY(change(tx, p, *reason));
    p.version += 1;
    ANAGEN_TRY(store::plans::update(tx, p, ctx.now));
    ANAGEN_TRY(ctx.audit(tx, 200));
    return plan_reply(tx, p, ctx);
  });
}

Result<Reply> stop(Ctx& ctx) {
  return change_with_reason(
      ctx, [&](store::Tx& tx, domain::Plan& p, const std::string& reason) -> Status {
        for (auto& s : p.sessions) {
          if (s.status == domain::SessionStatus::kDone ||
              s.status == domain::SessionStatus::kSkipped)
            continue;
          const bool missed = s.status == domain::SessionStatus::kMissed;
          ANAGEN_TRY(course::release_session(tx, s, "Plan stopped: " + reason, ctx.now));
          s.status = missed ? domain::SessionStatus::kSkipped : domain::SessionStatus::kCancelled;
        }
        ANAGEN_TRY(course::cancel_evaluations(tx, p, "Plan stopped: " + reason, ctx.now));
        p.status = domain::PlanStatus::kStopped;
        p.stop_reason = reason;
        // Nothing is left to review on a stopped course.
        p.needs_review = false;
        p.booking_hold = false;
        p.review_reason.reset();
        ctx.audit_detail = "stopped: " + reason;
        return ok_status();
      });
}

// A pause the clinician decides (illness, travel): the booked appointments
// are cancelled (the desk tells the patient), nothing is booked or charted
// until the review is cleared; then the course is booked again or revised
// (sessions whose window passed meanwhile are planned again from that day).
Result<Reply> hold(Ctx& ctx) {
  return change_with_reason(
      ctx, [&](store::Tx& tx, domain::Plan& p, const std::string& reason) -> Status {
        if (p.booking_hold)
          return Error::conflict("The course is already on hold: " + p.review_reason.value_or(""));
        int cancelled = 0;
        for (auto& s : p.sessions) {
          if (s.status != domain::SessionStatus::kBooked) continue;
          ANAGEN_TRY(course::release_session(tx, s, "Course on hold: " + reason, ctx.now));
          ++cancelled;
        }
        ANAGEN_TRY(course::cancel_evaluations(tx, p, "Course on hold: " + reason, ctx.now));
        p.review_reason = course::with_earlier_reason(p, "On hold: " + reason);
        p.needs_review = true;
        p.booking_hold = true;
        ctx.audit_detail = "hold: " + reason + " (" + std::to_string(cancelled) + " cancelled)";
        return ok_status();
      });
}

Result<Reply> clear_review(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  auto note = r.text("note", Need::kRequired, 2000);
  r.reject_unknown();
  if (!r.ok()) return r.error();
  return ctx.app.db.write([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_TRY(tx.lock("plan:" + ctx.param("plan_id")));
    ANAGEN_ASSIGN(auto p, load_plan(tx, ctx));
    if (!p.needs_review) return Error::conflict("The plan is not flagged for review.");
    ctx.audit_detail = "review cleared (was: " + p.review_reason.value_or("") + "): " + *note;
    p.needs_review = false;
    p.booking_hold = false;
    p.review_reason.reset();
    p.version += 1;
    ANAGEN_TRY(store::plans::update(tx, p, ctx.now));
    // Its held reminders go at the next run (before their appointment).
    ANAGEN_TRY(store::outbox::release_held(tx, ctx.now));
    ANAGEN_TRY(ctx.audit(tx, 200));
    return plan_reply(tx, p, ctx);
  });
}

// Books every bookable session of the plan with one practitioner.
Result<Reply> book(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  auto practitioner_id = r.id("practitioner_id", Need::kRequired);
  const Json* weekdays = r.array("weekdays", Need::kOptional, 7);
  auto from = r.hhmm("from", Need::kOptional);
  auto to = r.hhmm("to", Need::kOptional);
  r.reject_unknown();
  domain::Preferences prefs;
  if (weekdays) {
    for (size_t i = 0; i < weekdays->size(); ++i) {
      const Json& w = (*weekdays)[i];
      if (!w.is_number_integer() || w.get<int>() < 1 || w.get<int>() > 7) {
        r.fail("weekdays[" + std::to_string(i) + "]",
               "must be a weekday number, Monday = 1 to Sunday = 7");
      } else {
        prefs.weekdays.push_back(w.get<int>());
      }
    }
  }
  if (from && to && *from >= *to) r.fail("to", "must be later than from, the earliest start");
  if (!r.ok()) return r.error();
  prefs.from_min = from;
  prefs.to_min = to;
  return ctx.app.db.write([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_TRY(tx.lock("plan:" + ctx.param("plan_id")));
    ANAGEN_ASSIGN(auto p, load_plan(tx, ctx));
    ANAGEN_TRY(require_bookable(p));
    ANAGEN_TRY(course::lock_for_booking(tx, *practitioner_id, p.patient_id));
    ANAGEN_ASSIGN(auto pr, course::bookable_practitioner(tx, *practitioner_id));
    std::optional<int> keep;
    ANAGEN_ASSIGN(auto appts, course::appointments_of(tx, p.id));
    for (const auto& a : appts) {
      if (a.holds_slot() && a.is_session())
        keep = domain::local_day_minute(a.start, ctx.zone).second;
    }
    std::vector<store::DayRange> windows;
    for (const auto& s : p.sessions) {
      if (!s.bookable() || date::sys_days(s.latest) < date::sys_days(ctx.today)) continue;
      Date from = date::sys_days(s.earliest) < date::sys_days(ctx.today) ? ctx.today : s.earliest;
      windows.push_back({from, s.latest});
    }
    ANAGEN_ASSIGN(auto avail, store::load_availability(tx, pr, p.patient_id, windows, ctx.zone));
    auto outcomes = domain::book_sessions(p.sessions, p.protocol.session_minutes, avail, prefs,
                                          keep, ctx.now, ctx.today, ctx.settings.slot_minutes);
    Json booked = Json::array(), unbooked = Json::array();
    for (const auto& o : outcomes) {
      auto& s = *std::find_if(p.sessions.begin(), p.sessions.end(),
                              [&](const auto& x) { return x.number == o.session_number; });
      if (!o.slot) {
        unbooked.push_back({{"session_number", s.number},
                            {"target_date", format_date(s.target)},
                            {"earliest", format_date(s.earliest)},
                            {"latest", format_date(s.latest)},
                            {"reason", o.reason}});
        continue;
      }
      domain::Appointment a;
      a.id = new_id();
      a.plan_id = p.id;
      a.session_number = s.number;
      a.patient_id = p.patient_id;
      a.practitioner_id = pr.id;
      a.start = o.slot->start;
      a.end = o.slot->end;
      a.created_by = ctx.user_id();
      a.created_at = a.updated_at = ctx.now;
      ANAGEN_TRY(store::appointments::insert(tx, a));
      s.status = domain::SessionStatus::kBooked;
      s.appointment_id = a.id;
      Json j = appointment_json(a, ctx);
      j["on_target"] = o.slot->day == s.target;
      booked.push_back(j);
    }
    p.version += 1;
    ANAGEN_TRY(store::plans::update(tx, p, ctx.now));
    ctx.audit_detail = "booked=" + std::to_string(booked.size()) +
                       " unbooked=" + std::to_string(unbooked.size()) + " practitioner=" + pr.id;
    ANAGEN_TRY(ctx.audit(tx, 200));
    return Reply::json({{"appointments", booked}, {"unbooked", unbooked}});
  });
}

}  // namespace anagen::api::plan_api
