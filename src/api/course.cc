#include "api/course.h"

#include <algorithm>
#include <map>

#include "api/views.h"
#include "store/appointment_store.h"
#include "store/plan_store.h"
#include "store/practitioner_store.h"

namespace anagen::api::course {

Result<std::vector<domain::Appointment>> appointments_of(store::Tx& tx,
                                                         const std::string& plan_id) {
  store::appointments::Filter f;
  f.plan_id = plan_id;
  return store::appointments::list(tx, f);
}

Status cancel(store::Tx& tx, domain::Appointment a, const std::string& reason, Instant now) {
  a.status = domain::AppointmentStatus::kCancelled;
  a.sequence += 1;
  a.note = reason;
  a.updated_at = now;
  return store::appointments::update(tx, a);
}

Status release_session(store::Tx& tx, domain::PlannedSession& s, const std::string& reason,
                       Instant now) {
  if (s.appointment_id) {
    ANAGEN_ASSIGN(auto a, store::appointments::require(tx, *s.appointment_id));
    if (a.pending()) ANAGEN_TRY(cancel(tx, a, reason, now));
  }
  s.appointment_id.reset();
  if (s.status == domain::SessionStatus::kBooked) s.status = domain::SessionStatus::kPlanned;
  return ok_status();
}

Status cancel_evaluations(store::Tx& tx, const domain::Plan& plan, const std::string& reason,
                          Instant now) {
  ANAGEN_ASSIGN(auto appts, appointments_of(tx, plan.id));
  for (const auto& a : appts) {
    if (!a.is_session() && a.pending()) ANAGEN_TRY(cancel(tx, a, reason, now));
  }
  return ok_status();
}

Status replan_remaining(store::Tx& tx, domain::Plan& plan, const std::string& reason, Instant now,
                        const date::time_zone* zone, Date today) {
  std::vector<domain::PlannedSession> kept;
  std::optional<Date> last_done;
  std::vector<domain::Appointment> booked;  // of the sessions not done, in session order
  for (auto& s : plan.sessions) {
    std::optional<domain::Appointment> a;
    if (s.appointment_id) {
      ANAGEN_ASSIGN(a, store::appointments::get(tx, *s.appointment_id));
    }
    if (s.status == domain::SessionStatus::kDone) {
      last_done = a ? domain::local_day_minute(a->start, zone).first : s.target;
      kept.push_back(s);
    } else if (s.status == domain::SessionStatus::kMissed ||
               s.status == domain::SessionStatus::kSkipped) {
      // The dose is planned again below; the missed one stays on record.
      kept.push_back(s);
      kept.back().status = domain::SessionStatus::kSkipped;
    } else if (a && a->pending() &&
               a->end - a->start == std::chrono::minutes(plan.protocol.session_minutes)) {
      booked.push_back(*a);  // (a protocol with longer sessions needs new slots)
    } else if (a && a->pending()) {
      ANAGEN_TRY(cancel(tx, *a, reason, now));
    }
  }
  int done = 0, last_number = 0;
  for (const auto& s : kept) {
    done += s.status == domain::SessionStatus::kDone;
    last_number = std::max(last_number, s.number);
  }
  // Never into the past: a course behind its schedule goes on from today.
  const Date from = date::sys_days(plan.start) < date::sys_days(today) ? today : plan.start;
  for (auto& s : domain::generate_sessions(plan.protocol, from, plan.end, done, last_done)) {
    // The phase follows the doses given; the number follows the sessions
    // on record (a missed one keeps its number).
    s.number += last_number - done;
    // An appointment already made on a day the new session allows keeps its
    // slot (renumbered if need be): the patient's diary does not change.
    auto fits = std::find_if(booked.begin(), booked.end(), [&](const domain::Appointment& a) {
      auto day = date::sys_days(domain::local_day_minute(a.start, zone).first);
      return day >= date::sys_days(s.earliest) && day <= date::sys_days(s.latest);
    });
    if (fits != booked.end()) {
      if (fits->session_number != s.number) {
        fits->session_number = s.number;
        fits->sequence += 1;
        fits->updated_at = now;
        ANAGEN_TRY(store::appointments::update(tx, *fits));
      }
      s.appointment_id = fits->id;
      s.status = domain::SessionStatus::kBooked;
      booked.erase(fits);
    }
    kept.push_back(std::move(s));
  }
  for (const auto& a : booked) ANAGEN_TRY(cancel(tx, a, reason, now));
  // In number order: those on record as the plan listed them, the new ones
  // numbered after the last of them.
  plan.sessions = std::move(kept);
  settle(plan);
  return ok_status();
}

void settle(domain::Plan& plan) {
  if (plan.status != domain::PlanStatus::kActive) return;
  bool left = false;
  for (const auto& s : plan.sessions) left |= s.outstanding();
  if (!left && !plan.sessions.empty()) plan.status = domain::PlanStatus::kCompleted;
}

std::string with_earlier_reason(const domain::Plan& p, const std::string& reason) {
  if (!p.needs_review || !p.review_reason || p.review_reason->empty()) return reason;
  return *p.review_reason + " Then: " + reason;
}

Result<std::optional<std::string>> flag_active_plan(store::Tx& tx, const std::string& patient_id,
                                                    const std::string& reason, bool hold,
                                                    Instant now) {
  std::optional<std::string> flagged;
  ANAGEN_ASSIGN(auto plans, store::plans::list_for_patient(tx, patient_id));
  for (const auto& listed : plans) {
    if (listed.status != domain::PlanStatus::kActive) continue;
    // Locked, then read again: a booking may have changed it meanwhile.
    ANAGEN_TRY(tx.lock("plan:" + listed.id));
    ANAGEN_ASSIGN(auto p, store::plans::require(tx, listed.id));
    if (p.status != domain::PlanStatus::kActive) continue;
    p.review_reason = with_earlier_reason(p, reason);
    p.needs_review = true;
    p.booking_hold = p.booking_hold || hold;
    p.version += 1;
    ANAGEN_TRY(store::plans::update(tx, p, now));
    flagged = p.id;
  }
  return flagged;
}

Result<domain::Practitioner> bookable_practitioner(store::Tx& tx, const std::string& id,
                                                   bool past) {
  ANAGEN_ASSIGN(auto pr, store::practitioners::get(tx, id));
  if (!pr) return Error::invalid("practitioner_id", "is not a practitioner of this clinic");
  if (!pr->active && !past)
    return Error::invalid("practitioner_id", "is no longer active; pick another practitioner");
  return *pr;
}

Status lock_for_booking(store::Tx& tx, const std::string& practitioner_id,
                        const std::string& patient_id) {
  ANAGEN_TRY(tx.lock("patient-schedule:" + patient_id));
  return tx.lock("practitioner:" + practitioner_id);
}

Result<Json> to_move_json(store::Tx& tx, const Ctx& ctx, store::appointments::Filter scope) {
  // Each practitioner, with their time off and the clinic's holidays to come.
  ANAGEN_ASSIGN(auto practitioners, store::practitioners::list(tx));
  ANAGEN_ASSIGN(auto clinic_off, store::practitioners::list_time_off(tx, std::nullopt));
  std::map<std::string, const domain::Practitioner*> by_id;
  std::map<std::string, std::vector<domain::TimeOff>> offs;
  for (const auto& p : practitioners) {
    by_id[p.id] = &p;
    ANAGEN_ASSIGN(auto own, store::practitioners::list_time_off(tx, p.id));
    for (const auto* list : {&clinic_off, &own}) {
      for (const auto& e : *list)
        if (date::sys_days(e.off.to) >= date::sys_days(ctx.today)) offs[p.id].push_back(e.off);
    }
  }
  // Every booked appointment to come in scope is checked: hours change and
  // practitioners leave, not only days off.
  const Instant today = local_to_instant(ctx.today, 0, ctx.zone);
  const Instant horizon = local_to_instant(add_days(ctx.today, 400), 0, ctx.zone);
  scope.from = scope.from ? std::max(*scope.from, today) : today;
  scope.to = scope.to ? std::min(*scope.to, horizon) : horizon;
  scope.include_cancelled = false;
  scope.limit = 200000;
  ANAGEN_ASSIGN(auto appts, store::appointments::list(tx, scope));
  PatientNames names(tx);
  Json items = Json::array();
  for (const auto& a : appts) {
    auto pr = by_id.find(a.practitioner_id);
    if (a.status != domain::AppointmentStatus::kBooked || pr == by_id.end()) continue;
    const auto day = date::sys_days(local_date(a.start, ctx.zone));
    std::vector<domain::TimeOff> that_day;
    for (const auto& o : offs[a.practitioner_id])
      if (date::sys_days(o.from) <= day && day <= date::sys_days(o.to)) that_day.push_back(o);
    auto why = domain::why_to_move(a, *pr->second, that_day, ctx.zone);
    if (!why) continue;
    Json j = appointment_json(a, ctx);
    ANAGEN_ASSIGN(j["patient_name"], names.of(a.patient_id));
    j["day_off"] = *why;
    items.push_back(std::move(j));
  }
  return items;  // in start order, as listed
}

}  // namespace anagen::api::course
