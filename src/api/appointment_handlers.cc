#include <cctype>
#include <set>

#include "api/course.h"
#include "api/handlers.h"
#include "api/views.h"
#include "core/id.h"
#include "store/appointment_store.h"
#include "store/availability.h"
#include "store/move_request_store.h"
#include "store/patient_store.h"
#include "store/plan_store.h"
#include "store/practitioner_store.h"

namespace anagen::api::appointment_api {
namespace {

using domain::AppointmentStatus;

domain::PlannedSession* find_session(domain::Plan& p, int number) {
  for (auto& s : p.sessions) {
    if (s.number == number) return &s;
  }
  return nullptr;
}

bool in_window(Date d, const domain::PlannedSession& s) {
  return date::sys_days(d) >= date::sys_days(s.earliest) &&
         date::sys_days(d) <= date::sys_days(s.latest);
}

// Loads the appointment in the path and its plan; names the patient for the audit.
struct Loaded {
  domain::Appointment appt;
  domain::Plan plan;
};
Result<Loaded> load(store::Tx& tx, Ctx& ctx) {
  ANAGEN_ASSIGN(auto a, store::appointments::require(tx, ctx.param("appointment_id")));
  ctx.patient_id = a.patient_id;
  ANAGEN_TRY(tx.lock("plan:" + a.plan_id));
  ANAGEN_ASSIGN(auto p, store::plans::require(tx, a.plan_id));
  return Loaded{std::move(a), std::move(p)};
}

// Moves the appointment to `to` (and `practitioner`), with the plan's
// session bookkeeping, after checking the slot; raises SEQUENCE.
Status save_moved(store::Tx& tx, domain::Appointment& a, Instant to, Instant now) {
  auto length = a.end - a.start;
  a.start = to;
  a.end = to + length;
  a.sequence += 1;
  a.updated_at = now;
  return store::appointments::update(tx, a);
}

// Applies a status change to the appointment and its session.
Result<Reply> change_status(Ctx& ctx, AppointmentStatus to, bool needs_reason) {
  std::optional<std::string> reason;
  if (!ctx.req.body.empty()) {
    ANAGEN_ASSIGN(Json body, ctx.body());
    JsonReader r(body);
    reason = r.text("reason", needs_reason ? Need::kRequired : Need::kOptional, 2000);
    r.reject_unknown();
    if (!r.ok()) return r.error();
  } else if (needs_reason) {
    return Error::invalid("reason", "is required");
  }
  return ctx.app.db.write([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto l, load(tx, ctx));
    auto& [a, p] = l;
    ANAGEN_TRY(domain::check_transition(a.status, to));
    ANAGEN_TRY(domain::check_timing(to, a.start, ctx.now, ctx.zone));
    if (to == AppointmentStatus::kCompleted) ANAGEN_TRY(plan_api::require_not_held(p));
    domain::PlannedSession* s = find_session(p, a.session_number);
    bool current = s && s->appointment_id == a.id;
    a.status = to;
    a.sequence += 1;
    a.updated_at = ctx.now;
    if (reason) a.note = reason;
    Json offer = nullptr;
    if (current && to == AppointmentStatus::kCancelled) {
      s->appointment_id.reset();
      s->status = domain::SessionStatus::kPlanned;
    } else if (current && to == AppointmentStatus::kCompleted) {
      s->status = domain::SessionStatus::kDone;
      course::settle(p);
    } else if (current && to == AppointmentStatus::kNoShow) {
      s->appointment_id.reset();
      s->status = domain::SessionStatus::kMissed;
      p.needs_review = true;
      p.review_reason = "Session " + std::to_string(s->number) + " missed on " +
                        human_date(domain::local_day_minute(a.start, ctx.zone).first) +
                        " (no-show).";
    }
    ANAGEN_TRY(store::appointments::update(tx, a));
    if (to == AppointmentStatus::kCancelled)
      ANAGEN_TRY(store::move_requests::close_for_appointment(tx, a.id, ctx.now, ctx.user_id(),
                                                             "cancelled"));
    if (current) {
      p.version += 1;
      ANAGEN_TRY(store::plans::update(tx, p, ctx.now));
    }
    if (current && to == AppointmentStatus::kNoShow) {
      // Offer the first free slot left in the session's window: with the
      // same practitioner, or the earliest with another when theirs is full.
      Date from = date::sys_days(s->earliest) < date::sys_days(ctx.today) ? ctx.today : s->earliest;
      ANAGEN_ASSIGN(auto practitioners, store::practitioners::list(tx));
      std::stable_partition(practitioners.begin(), practitioners.end(),
                            [&](const auto& pr) { return pr.id == a.practitioner_id; });
      std::optional<std::pair<domain::Slot, std::string>> best;
      for (const auto& pr : practitioners) {
        if (!pr.active || date::sys_days(from) > date::sys_days(s->latest)) continue;
        ANAGEN_ASSIGN(auto avail,
                      store::load_availability(tx, pr, a.patient_id, from, s->latest, ctx.zone));
        domain::SlotRequest req{from,         s->latest,
                                from,         p.protocol.session_minutes,
                                std::nullopt, ctx.settings.slot_minutes,
                                ctx.now};
        auto found = domain::find_slot(req, avail, {});
        auto* slot = std::get_if<domain::Slot>(&found);
        if (slot && (!best || slot->start < best->first.start)) best.emplace(*slot, pr.id);
        if (best && pr.id == a.practitioner_id) break;  // their own practitioner first
      }
      if (best) {
        offer = {{"start", ctx.format(best->first.start)},
                 {"end", ctx.format(best->first.end)},
                 {"practitioner_id", best->second},
                 {"session_number", s->number}};
      }
    }
    ctx.audit_detail =
        std::string("status=") + domain::to_string(to) + (reason ? " reason=" + *reason : "");
    ANAGEN_TRY(ctx.audit(tx, 200));
    Json out = appointment_json(a, ctx);
    if (to == AppointmentStatus::kNoShow) out["offer"] = offer;
    return Reply::json(out);
  });
}

// Reads from/to query parameters: a date (clinic-local midnight) or an instant.
std::optional<Instant> read_bound(const Ctx& ctx, const char* name, std::vector<FieldError>& errors,
                                  bool end_of_day) {
  const std::string* v = ctx.req.param(name);
  if (!v || v->empty()) return std::nullopt;
  if (auto d = parse_date(*v))
    return local_to_instant(end_of_day ? add_days(*d, 1) : *d, 0, ctx.zone);
  if (auto t = parse_instant(*v, ctx.zone)) return t;
  errors.push_back({name, "must be a date YYYY-MM-DD or a date and time with offset"});
  return std::nullopt;
}

// An evaluation visit falls between the course's first day and a year after its end.
Status check_evaluation_day(const domain::Plan& p, Date day) {
  if (date::sys_days(day) >= date::sys_days(p.start) && days_between(p.end, day) <= 365)
    return ok_status();
  return Error::invalid("start", "must fall between the course's first day (" +
                                     human_date(p.start) + ") and a year after its end (" +
                                     human_date(add_days(p.end, 365)) + ")");
}

// Books an evaluation visit of the course (see create).
Result<Reply> create_evaluation(Ctx& ctx, const std::string& plan_id,
                                const std::string& practitioner_id, Instant start, int minutes,
                                bool past) {
  return ctx.app.db.write([&](store::Tx& tx) -> Result<Reply> {
    // Locked as a hold or a stop locks it: neither can miss a visit booked meanwhile.
    ANAGEN_TRY(tx.lock("plan:" + plan_id));
    ANAGEN_ASSIGN(auto p, store::plans::get(tx, plan_id));
    if (!p) return Error::invalid("plan_id", "is not a plan of this clinic");
    ctx.patient_id = p->patient_id;
    if (p->status == domain::PlanStatus::kStopped)
      return Error::conflict("The course was stopped; its results are not evaluated any more.");
    if (p->booking_hold)
      return Error::conflict("Bookings are on hold until a clinician clears the plan's review.");
    auto day = domain::local_day_minute(start, ctx.zone).first;
    ANAGEN_TRY(check_evaluation_day(*p, day));
    ANAGEN_TRY(course::lock_for_booking(tx, practitioner_id, p->patient_id));
    ANAGEN_ASSIGN(auto pr, course::bookable_practitioner(tx, practitioner_id, past));
    ANAGEN_ASSIGN(auto avail, store::load_availability(tx, pr, p->patient_id, day, day, ctx.zone));
    if (auto why = domain::check_slot(start, minutes, avail)) {
      return Error::conflict("Cannot book: " + *why + ".");
    }
    domain::Appointment a;
    a.id = new_id();
    a.plan_id = p->id;
    a.kind = domain::AppointmentKind::kEvaluation;
    a.patient_id = p->patient_id;
    a.practitioner_id = pr.id;
    a.start = start;
    a.end = start + std::chrono::minutes(minutes);
    a.created_by = ctx.user_id();
    a.created_at = a.updated_at = ctx.now;
    if (past) a.note = "Back-entered past visit";
    ANAGEN_TRY(store::appointments::insert(tx, a));
    ctx.audit_detail = std::string("evaluation visit") + (past ? " back-entered" : "");
    ANAGEN_TRY(ctx.audit(tx, 201));
    return Reply::created(appointment_json(a, ctx), "/api/v1/appointments/" + a.id);
  });
}

}  // namespace

// Books one session at a chosen time, or (`"kind": "evaluation"`) the
// visit at which the course's results are measured: no session, no window,
// on an active or completed course not on hold, from its first day to a
// year after its end, `minutes` long (30 unless said).
Result<Reply> create(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  auto plan_id = r.id("plan_id", Need::kRequired);
  auto kind_text = r.text("kind", Need::kOptional, 20);
  auto kind = kind_text ? domain::parse_appointment_kind(*kind_text)
                        : std::optional(domain::AppointmentKind::kSession);
  if (!kind) r.fail("kind", "must be session or evaluation");
  bool evaluation = kind == domain::AppointmentKind::kEvaluation;
  auto number =
      r.integer("session_number", evaluation ? Need::kOptional : Need::kRequired, 1, 1000);
  if (evaluation && number)
    r.fail("session_number", "is for sessions; an evaluation visit has none");
  auto minutes = r.integer("minutes", Need::kOptional, 10, 120);
  if (minutes && !evaluation)
    r.fail("minutes", "is for evaluation visits; a session lasts as its protocol says");
  auto practitioner_id = r.id("practitioner_id", Need::kRequired);
  auto start = r.instant("start", Need::kRequired, ctx.zone);
  r.reject_unknown();
  bool past = start && *start < ctx.now;
  bool clinical = ctx.user->role == auth::Role::kAdmin || ctx.user->role == auth::Role::kClinician;
  if (past && !clinical) {
    r.fail("start", "is in the past; only clinicians and admins may back-enter past sessions");
  }
  if (!r.ok()) return r.error();
  if (evaluation) {
    return create_evaluation(ctx, *plan_id, *practitioner_id, *start,
                             static_cast<int>(minutes.value_or(domain::kEvaluationMinutes)), past);
  }
  return ctx.app.db.write([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_TRY(tx.lock("plan:" + *plan_id));
    ANAGEN_ASSIGN(auto p, store::plans::get(tx, *plan_id));
    if (!p) return Error::invalid("plan_id", "is not a plan of this clinic");
    ctx.patient_id = p->patient_id;
    ANAGEN_TRY(plan_api::require_bookable(*p));
    domain::PlannedSession* s = find_session(*p, static_cast<int>(*number));
    if (!s) return Error::invalid("session_number", "is not a session of this plan");
    if (s->status == domain::SessionStatus::kSkipped) {
      return Error::conflict("Session " + std::to_string(s->number) +
                             " was missed and the course went on without it; book a session "
                             "planned after it.");
    }
    if (!s->bookable()) {
      return Error::conflict("Session " + std::to_string(s->number) + " is already " +
                             domain::to_string(s->status) + ".");
    }
    ANAGEN_TRY(course::lock_for_booking(tx, *practitioner_id, p->patient_id));
    ANAGEN_ASSIGN(auto pr, course::bookable_practitioner(tx, *practitioner_id, past));
    auto [day, minute] = domain::local_day_minute(*start, ctx.zone);
    if (!in_window(day, *s)) {
      return Error::conflict("Session " + std::to_string(s->number) + " must be between " +
                             human_date(s->earliest) + " and " + human_date(s->latest) + "; " +
                             human_date(day) + " is outside its window.");
    }
    ANAGEN_ASSIGN(auto avail, store::load_availability(tx, pr, p->patient_id, day, day, ctx.zone));
    if (auto why = domain::check_slot(*start, p->protocol.session_minutes, avail)) {
      return Error::conflict("Cannot book: " + *why + ".");
    }
    domain::Appointment a;
    a.id = new_id();
    a.plan_id = p->id;
    a.session_number = s->number;
    a.patient_id = p->patient_id;
    a.practitioner_id = pr.id;
    a.start = *start;
    a.end = *start + std::chrono::minutes(p->protocol.session_minutes);
    a.created_by = ctx.user_id();
    a.created_at = a.updated_at = ctx.now;
    if (past) a.note = "Back-entered past session";
    ANAGEN_TRY(store::appointments::insert(tx, a));
    s->status = domain::SessionStatus::kBooked;
    s->appointment_id = a.id;
    p->version += 1;
    ANAGEN_TRY(store::plans::update(tx, *p, ctx.now));
    ctx.audit_detail =
        "session=" + std::to_string(s->number) + (past ? " back-entered past session" : "");
    ANAGEN_TRY(ctx.audit(tx, 201));
    return Reply::created(appointment_json(a, ctx), "/api/v1/appointments/" + a.id);
  });
}

// Appointments to come that must be moved, with why (`day_off`, named so
// since days off came first): a day off of the clinic or the practitioner,
// a practitioner deactivated, working hours changed. Kept when that
// happened, they wait here for the reception to move them.
Result<Reply> to_move(Ctx& ctx) {
  store::appointments::Filter scope;
  if (auto v = ctx.req.param("patient_id"); v && !v->empty())
    scope.patient_id = ctx.patient_id = *v;
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto items, course::to_move_json(tx, ctx, scope));
    ctx.audit_detail = "appointments=" + std::to_string(items.size());
    return Reply::json({{"items", items}});
  });
}

Result<Reply> list(Ctx& ctx) {
  std::vector<FieldError> errors;
  store::appointments::Filter f;
  if (auto v = ctx.req.param("practitioner_id"); v && !v->empty()) f.practitioner_id = *v;
  if (auto v = ctx.req.param("patient_id"); v && !v->empty()) f.patient_id = ctx.patient_id = *v;
  if (auto v = ctx.req.param("plan_id"); v && !v->empty()) f.plan_id = *v;
  f.from = read_bound(ctx, "from", errors, false);
  f.to = read_bound(ctx, "to", errors, true);
  if (auto v = ctx.req.param("include_cancelled")) f.include_cancelled = *v != "false";
  f.limit = read_limit(ctx, 1000, 5000, errors);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto all, store::appointments::list(tx, f));
    PatientNames names(tx);
    Json items = Json::array();
    for (const auto& a : all) {
      Json j = appointment_json(a, ctx);
      ANAGEN_ASSIGN(j["patient_name"], names.of(a.patient_id));
      items.push_back(j);
    }
    ctx.audit_detail = "appointments=" + std::to_string(all.size());
    return Reply::json({{"items", items}});
  });
}

Result<Reply> get(Ctx& ctx) {
  ANAGEN_ASSIGN(auto a, ctx.app.db.read([&](store::Tx& tx) {
    return store::appointments::require(tx, ctx.param("appointment_id"));
  }));
  ctx.patient_id = a.patient_id;
  return Reply::json(appointment_json(a, ctx));
}

// {"start", "cascade"?, "practitioner_id"?}: moves the appointment; with
// cascade the later sessions of the plan move by the same amount of local
// time, keeping their intervals. Every moved appointment is checked; all
// move or none.
Result<Reply> reschedule(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  auto start = r.instant("start", Need::kRequired, ctx.zone);
  auto cascade = r.boolean("cascade", Need::kOptional).value_or(false);
  auto practitioner_id = r.id("practitioner_id", Need::kOptional);
  // The start the client saw: a move made meanwhile (another tab, another
  // desk) is not silently moved again.
  auto expected = r.instant("expected_start", Need::kOptional, ctx.zone);
  r.reject_unknown();
  if (start && *start < ctx.now) r.fail("start", "is in the past");
  if (!r.ok()) return r.error();
  return ctx.app.db.write([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto l, load(tx, ctx));
    auto& [a, p] = l;
    if (a.status != AppointmentStatus::kBooked) {
      return Error::conflict(std::string("Only a booked appointment can be moved; this one is ") +
                             domain::to_string(a.status) + ".");
    }
    if (expected && *expected != a.start) {
      auto [day, minute] = domain::local_day_minute(a.start, ctx.zone);
      return Error::conflict(domain::appointment_label(a) + " was moved meanwhile, to " +
                             human_date(day) + " at " + format_hhmm(minute) +
                             ": reload to see it, then move it again if need be.");
    }
    // An evaluation visit has no window and nothing follows it.
    if (!a.is_session() && cascade)
      return Error::invalid("cascade", "is for sessions; an evaluation visit moves alone");
    domain::PlannedSession* s = a.is_session() ? find_session(p, a.session_number) : nullptr;
    if (a.is_session() && (!s || s->appointment_id != a.id))
      return Error::conflict("The appointment's session has changed.");
    auto [old_day, old_min] = domain::local_day_minute(a.start, ctx.zone);
    auto [new_day, new_min] = domain::local_day_minute(*start, ctx.zone);
    int delta_days = days_between(old_day, new_day), delta_min = new_min - old_min;
    if (!a.is_session()) ANAGEN_TRY(check_evaluation_day(p, new_day));
    if (s && !cascade && !in_window(new_day, *s)) {
      return Error::conflict("Session " + std::to_string(s->number) + " must be between " +
                             human_date(s->earliest) + " and " + human_date(s->latest) +
                             "; to move it further, move the later sessions too (cascade).");
    }
    if (cascade && date::sys_days(new_day) < date::sys_days(s->earliest)) {
      return Error::conflict(
          "Moving session " + std::to_string(s->number) + " before " + human_date(s->earliest) +
          " would bring it closer to the previous session than the protocol allows.");
    }
    if (practitioner_id && cascade) {
      return Error::invalid("practitioner_id", "cannot be changed together with cascade");
    }
    std::string new_practitioner = practitioner_id.value_or(a.practitioner_id);
    ANAGEN_TRY(course::lock_for_booking(tx, new_practitioner, p.patient_id));
    // A practitioner named here must be active; each moved appointment's own
    // is checked with its slot below (a cascade cannot change them).
    if (practitioner_id) ANAGEN_TRY(course::bookable_practitioner(tx, new_practitioner));
    // The moves: this appointment, and with cascade every later active one.
    ANAGEN_ASSIGN(auto appts, course::appointments_of(tx, p.id));
    struct Move {
      domain::Appointment appt;
      Instant to;
    };
    std::vector<Move> moves = {{a, *start}};
    moves.front().appt.practitioner_id = new_practitioner;
    Json failures = Json::array();
    if (cascade) {
      for (auto& later : p.sessions) {
        if (later.number <= s->number) continue;
        later.target = add_days(later.target, delta_days);
        later.earliest = add_days(later.earliest, delta_days);
        later.latest = add_days(later.latest, delta_days);
        if (date::sys_days(later.target) >= date::sys_days(p.end)) {
          failures.push_back({{"what", "Session " + std::to_string(later.number)},
                              {"reason", "would fall on " + human_date(later.target) +
                                             ", after the course ends on " + human_date(p.end) +
                                             "; extend the plan first"}});
        }
        for (const auto& x : appts) {
          if (later.appointment_id == x.id && x.holds_slot()) {
            moves.push_back({x, domain::shift_local(x.start, delta_days, delta_min, ctx.zone)});
          }
        }
      }
      s->target = add_days(s->target, delta_days);
      s->earliest = add_days(s->earliest, delta_days);
      s->latest = add_days(s->latest, delta_days);
    }
    std::vector<std::string> moving;
    for (const auto& m : moves) moving.push_back(m.appt.id);
    std::map<std::string, domain::Availability> avail;
    std::set<std::string> inactive;
    for (auto& m : moves) {
      const std::string& pid = m.appt.practitioner_id;
      if (!avail.count(pid)) {
        ANAGEN_ASSIGN(auto pr, store::practitioners::require(tx, pid));
        if (!pr.active) inactive.insert(pid);
        auto first = domain::local_day_minute(*start, ctx.zone).first;
        auto last = domain::local_day_minute(moves.back().to, ctx.zone).first;
        ANAGEN_ASSIGN(avail[pid],
                      store::load_availability(tx, pr, p.patient_id, first, last, ctx.zone));
      }
      int minutes = static_cast<int>(
          std::chrono::duration_cast<std::chrono::minutes>(m.appt.end - m.appt.start).count());
      if (inactive.count(pid)) {
        failures.push_back({{"what", domain::appointment_label(m.appt)},
                            {"reason",
                             "its practitioner is no longer active: give it another "
                             "practitioner first (a move without cascade)"}});
      } else if (auto why = domain::check_slot(m.to, minutes, avail[pid], moving)) {
        failures.push_back({{"what", domain::appointment_label(m.appt)}, {"reason", *why}});
      } else {
        // Later moves must not land on this one's new place.
        for (auto& [_, av] : avail)
          av.add_busy({m.to, m.to + (m.appt.end - m.appt.start), "moved"});
      }
    }
    if (!failures.empty()) {
      Error e = Error::conflict(
          "Cannot move: " + failures[0]["reason"].get<std::string>() +
          (failures.size() > 1 ? " (and " + std::to_string(failures.size() - 1) + " more)" : "") +
          ".");
      for (const auto& f : failures) {
        std::string what = f["what"].get<std::string>();
        what[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(what[0])));
        e.fields.push_back({what, f["reason"].get<std::string>()});
      }
      return e;
    }
    Json moved = Json::array();
    for (auto& m : moves) {
      ANAGEN_TRY(save_moved(tx, m.appt, m.to, ctx.now));
      // A patient who asked to move it has their answer.
      ANAGEN_TRY(store::move_requests::close_for_appointment(tx, m.appt.id, ctx.now, ctx.user_id(),
                                                             "moved"));
      moved.push_back(appointment_json(m.appt, ctx));
    }
    p.version += 1;
    ANAGEN_TRY(store::plans::update(tx, p, ctx.now));
    ctx.audit_detail = "moved " + std::to_string(moves.size()) + " appointment(s) by " +
                       std::to_string(delta_days) + " day(s) " + std::to_string(delta_min) +
                       " min" + (cascade ? " (cascade)" : "");
    ANAGEN_TRY(ctx.audit(tx, 200));
    Json out = moved[0];
    out["moved"] = moved;
    return Reply::json(out);
  });
}

Result<Reply> cancel(Ctx& ctx) { return change_status(ctx, AppointmentStatus::kCancelled, false); }

// The patients' open requests to move a session (the portal's "Ask to
// move"), oldest first, with the session asked about; ?patient_id= for one.
Result<Reply> move_requests(Ctx& ctx) {
  std::optional<std::string> patient;
  if (auto v = ctx.req.param("patient_id"); v && !v->empty()) patient = ctx.patient_id = *v;
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto open, store::move_requests::open(tx, patient));
    PatientNames names(tx);
    Json items = Json::array();
    for (const auto& r : open) {
      ANAGEN_ASSIGN(auto a, store::appointments::get(tx, r.appointment_id));
      if (!a) continue;
      Json j = {{"id", r.id},
                {"message", r.message},
                {"created_at", ctx.format(r.created_at)},
                {"appointment", appointment_json(*a, ctx)}};
      ANAGEN_ASSIGN(j["patient_name"], names.of(r.patient_id));
      items.push_back(std::move(j));
    }
    return Reply::json({{"items", items}});
  });
}

// Closes a request answered another way (the desk called the patient).
Result<Reply> close_move_request(Ctx& ctx) {
  return ctx.app.db.write([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(bool closed, store::move_requests::close(tx, ctx.param("request_id"), ctx.now,
                                                           ctx.user_id(), "answered"));
    if (!closed) return Error::not_found("No open request " + ctx.param("request_id") + ".");
    ANAGEN_TRY(ctx.audit(tx, 204));
    return Reply::no_content();
  });
}
Result<Reply> arrive(Ctx& ctx) { return change_status(ctx, AppointmentStatus::kArrived, false); }
Result<Reply> complete(Ctx& ctx) {
  return change_status(ctx, AppointmentStatus::kCompleted, false);
}
Result<Reply> no_show(Ctx& ctx) { return change_status(ctx, AppointmentStatus::kNoShow, false); }

}  // namespace anagen::api::appointment_api
