#include "jobs/reminders.h"

#include <spdlog/spdlog.h>

#include "core/id.h"
#include "core/text.h"
#include "domain/aftercare.h"
#include "domain/reminder.h"
#include "store/aftercare_store.h"
#include "store/appointment_store.h"
#include "store/clinic_store.h"
#include "store/invitation_store.h"
#include "store/outbox_store.h"
#include "store/patient_store.h"
#include "store/plan_store.h"
#include "store/practitioner_store.h"

namespace anagen::jobs {
namespace {

// A lease outlives any delivery attempt (the SMTP timeout is 20 s).
constexpr auto kLease = std::chrono::seconds(60);
constexpr int kBatch = 50;
// How long a reminder held for a day off waits before it is looked at again.
constexpr auto kHoldFor = std::chrono::minutes(30);
// An aftercare reminder later than this is noise (the next one is due soon).
constexpr auto kAftercareLate = std::chrono::days(2);

std::string rfc5322_date(Instant t) {
  return date::format("%a, %d %b %Y %H:%M:%S +0000", std::chrono::floor<std::chrono::seconds>(t));
}

// Why a queued message is no longer worth sending ("" when it is): an
// appointment reminder while the appointment stands; an invitation while its link still works
// (not used, not replaced by a newer one, not expired: a mail server set up
// months later must not send old links); an aftercare reminder while it is
// at most two days late, not done, and its course runs.
// `appt` is the appointment an appointment reminder is about, as read.
Result<std::string> why_stale(store::Tx& tx, const store::outbox::Message& m,
                              const std::optional<domain::Appointment>& appt, Instant now,
                              const date::time_zone* zone) {
  if (m.kind == "appointment_reminder" && m.ref_id) {
    auto key = "appointment:" + *m.ref_id + ":" +
               (appt ? std::to_string(appt->start.time_since_epoch().count()) : "");
    if (!appt || appt->status != domain::AppointmentStatus::kBooked || key != m.dedupe_key)
      return std::string("the appointment was moved or cancelled");
    if (appt->start <= now) return std::string("the appointment has started");
  }
  if (m.kind == "aftercare_reminder" && m.ref_id) {
    // After a mail outage, December's hair-mask emails must not arrive in
    // January, nor after the course ended or the reminder was done.
    if (now > m.due_at + kAftercareLate) return std::string("the reminder is days late");
    ANAGEN_ASSIGN(auto reminder, store::aftercare::get(tx, *m.ref_id));
    if (!reminder || !reminder->active) return std::string("the reminder was switched off");
    if (reminder->last_done &&
        date::sys_days(*reminder->last_done) >= date::sys_days(local_date(m.due_at, zone)))
      return std::string("the patient has done it");
    ANAGEN_ASSIGN(auto plans, store::plans::list_for_patient(tx, reminder->patient_id));
    if (!domain::running_until(plans, local_date(now, zone)))
      return std::string("the course has ended or stopped");
  }
  constexpr std::string_view kInvitation = "invitation:";
  if (m.kind == "invitation" && m.dedupe_key.starts_with(kInvitation)) {
    ANAGEN_ASSIGN(auto inv, store::invitations::find(tx, m.dedupe_key.substr(kInvitation.size())));
    if (!inv || inv->used_at || inv->expires_at <= now)
      return std::string("the invitation was used, replaced by a newer one or has expired");
    ANAGEN_ASSIGN(auto patient, store::patients::get(tx, inv->patient_id));
    if (!patient || !patient->fields.email ||
        ascii_lower(*patient->fields.email) != ascii_lower(m.recipient))
      return std::string("the patient's email has changed since the invitation");
  }
  return std::string();
}

// Why an appointment reminder waits ("" when it need not): its course is on
// hold, its day became a day off after the booking, its practitioner left
// or their hours moved. The appointment waits to be moved (GET
// /appointments/to-move) and the patient is not told to come; should the
// day off be taken back, the reminder goes after all (before the start).
Result<std::string> why_held(store::Tx& tx, const store::outbox::Message& m,
                             const std::optional<domain::Appointment>& appt,
                             const date::time_zone* zone) {
  if (m.kind != "appointment_reminder" || !appt) return std::string();
  // A course on hold keeps its bookings: the reminder waits for the
  // clinician, and goes if the hold is cleared before the appointment.
  ANAGEN_ASSIGN(auto plan, store::plans::get(tx, appt->plan_id));
  if (plan && plan->booking_hold)
    return std::string(
        "the course is on hold for a clinician's review: waiting for it to be cleared");
  Date day = local_date(appt->start, zone);
  ANAGEN_ASSIGN(auto pr, store::practitioners::get(tx, appt->practitioner_id));
  if (!pr) return std::string();
  ANAGEN_ASSIGN(auto off, store::practitioners::off_between(tx, appt->practitioner_id, day, day));
  auto why = domain::why_to_move(*appt, *pr, off, zone);
  if (!why) return std::string();
  return (off.empty() ? "the appointment must be moved ("
                      : "the appointment falls on a day off (") +
         *why + "): waiting for it to be moved";
}

}  // namespace

void ReminderService::start() {
  if (cfg_.poll_ms <= 0 || thread_.joinable()) return;
  thread_ = std::thread([this] {
    std::unique_lock lk(mu_);
    while (!stopping_) {
      lk.unlock();
      auto r = run_once();
      if (!r.ok()) spdlog::warn("reminders: {}", r.error().detail);
      lk.lock();
      cv_.wait_for(lk, std::chrono::milliseconds(cfg_.poll_ms), [&] { return stopping_; });
    }
  });
}

void ReminderService::stop() {
  {
    std::lock_guard lk(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Result<RunCounts> ReminderService::run_once() {
  std::lock_guard run(run_mu_);
  RunCounts counts;
  Instant now = app_.clock.now();
  ANAGEN_ASSIGN(auto settings, app_.settings());
  ANAGEN_ASSIGN(int a, queue_appointment_reminders(now, settings));
  ANAGEN_ASSIGN(int b, queue_aftercare_reminders(now, settings));
  counts.queued = a + b;
  ANAGEN_TRY(deliver(now, settings, counts));
  return counts;
}

Result<int> ReminderService::queue_appointment_reminders(Instant now,
                                                         const domain::ClinicSettings& s) {
  auto zone = find_zone(s.timezone);
  auto lead = std::chrono::hours(s.reminder_hours_before);
  return app_.db.write([&](store::Tx& tx) -> Result<int> {
    ANAGEN_ASSIGN(auto upcoming, store::appointments::upcoming_with_email(tx, now, now + lead));
    int queued = 0;
    for (const auto& u : upcoming) {
      auto text = domain::appointment_reminder(u.given_name, s.name, u.appt, zone);
      store::outbox::Message m;
      m.id = new_id();
      // A moved appointment gets a fresh reminder; the same one never twice.
      m.dedupe_key = "appointment:" + u.appt.id + ":" +
                     std::to_string(u.appt.start.time_since_epoch().count());
      m.kind = "appointment_reminder";
      m.ref_id = u.appt.id;
      m.patient_id = u.appt.patient_id;
      m.recipient = u.email;
      m.subject = text.subject;
      m.body = text.body;
      m.due_at = std::max(now, u.appt.start - lead);
      m.created_at = now;
      ANAGEN_ASSIGN(bool added, store::outbox::enqueue(tx, m));
      queued += added;
    }
    return queued;
  });
}

Result<int> ReminderService::queue_aftercare_reminders(Instant now,
                                                       const domain::ClinicSettings& s) {
  auto zone = find_zone(s.timezone);
  Date today = local_date(now, zone);
  return app_.db.write([&](store::Tx& tx) -> Result<int> {
    ANAGEN_ASSIGN(auto all, store::aftercare::active_with_email(tx, today));
    int queued = 0;
    for (const auto& d : all) {
      auto rule = domain::parse_rrule(d.reminder.rrule);
      if (!rule) continue;
      Date due = domain::next_due(d.reminder.start, *rule, d.reminder.last_done, today);
      if (date::sys_days(due) > date::sys_days(today)) continue;
      auto text = domain::aftercare_reminder(d.given_name, s.name, d.reminder.title,
                                             d.reminder.description, due);
      store::outbox::Message m;
      m.id = new_id();
      m.dedupe_key = "aftercare:" + d.reminder.id + ":" + format_date(due);
      m.kind = "aftercare_reminder";
      m.ref_id = d.reminder.id;
      m.patient_id = d.reminder.patient_id;
      m.recipient = d.email;
      m.subject = text.subject;
      m.body = text.body;
      // Sent from 08:00 clinic time on the due day.
      m.due_at = local_to_instant(due, 8 * 60, zone);
      m.created_at = now;
      ANAGEN_ASSIGN(bool added, store::outbox::enqueue(tx, m));
      queued += added;
    }
    return queued;
  });
}

Status ReminderService::deliver(Instant now, const domain::ClinicSettings& s, RunCounts& counts) {
  ANAGEN_ASSIGN(auto batch, app_.db.write([&](store::Tx& tx) {
    return store::outbox::claim(tx, now, now + kLease, kBatch);
  }));
  for (const auto& m : batch) {
    // Skipped or held, and why: one read, the appointment (if any) read once.
    struct Verdict {
      std::string stale, held;
    };
    ANAGEN_ASSIGN(auto verdict, app_.db.read([&](store::Tx& tx) -> Result<Verdict> {
      const date::time_zone* zone = find_zone(s.timezone);
      std::optional<domain::Appointment> appt;
      if (m.kind == "appointment_reminder" && m.ref_id) {
        ANAGEN_ASSIGN(appt, store::appointments::get(tx, *m.ref_id));
      }
      Verdict v;
      ANAGEN_ASSIGN(v.stale, why_stale(tx, m, appt, now, zone));
      if (v.stale.empty()) {
        ANAGEN_ASSIGN(v.held, why_held(tx, m, appt, zone));
      }
      return v;
    }));
    const std::string& stale = verdict.stale;
    if (!stale.empty()) {
      ANAGEN_TRY(app_.db.write(
          [&](store::Tx& tx) { return store::outbox::mark_skipped(tx, m.id, stale); }));
      counts.skipped += 1;
      continue;
    }
    const std::string& held = verdict.held;
    if (!held.empty()) {
      ANAGEN_TRY(app_.db.write(
          [&](store::Tx& tx) { return store::outbox::hold(tx, m.id, now + kHoldFor, held); }));
      counts.held += 1;
      continue;
    }
    interop::Mail mail{m.recipient, m.subject, m.body, "<" + m.id + "@anagen>", rfc5322_date(now)};
    Status sent = interop::send_mail(cfg_.smtp, mail);
    if (sent.ok()) {
      ANAGEN_TRY(
          app_.db.write([&](store::Tx& tx) { return store::outbox::mark_sent(tx, m.id, now); }));
      counts.sent += 1;
      continue;
    }
    int attempts = m.attempts + 1;
    bool give_up =
        sent.error().code == ErrorCode::kInvalid || attempts >= domain::kMaxDeliveryAttempts;
    std::optional<Instant> next;
    if (!give_up) next = now + domain::retry_delay(attempts);
    ANAGEN_TRY(app_.db.write([&](store::Tx& tx) {
      return store::outbox::mark_failed(tx, m.id, attempts, next, sent.error().detail);
    }));
    (give_up ? counts.failed : counts.retried) += 1;
    spdlog::warn("reminders: message {} not delivered (attempt {}): {}", m.id, attempts,
                 sent.error().detail);
  }
  return ok_status();
}

}  // namespace anagen::jobs
