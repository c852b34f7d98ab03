// Practitioners and appointments, and the status changes an appointment may
// go through.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "domain/schedule.h"

namespace anagen::domain {

struct Practitioner {
  std::string id;
  std::string name;
  bool active = true;
  std::vector<WorkingHours> hours;
};

enum class AppointmentStatus { kBooked, kArrived, kCompleted, kNoShow, kCancelled };
const char* to_string(AppointmentStatus s);
std::optional<AppointmentStatus> parse_appointment_status(std::string_view s);

// What an appointment is for: a session of the course, or the visit at
// which the course's results are measured against baseline (trichoscopy,
// photos, pull test: domain.md section 5), which is no session and is
// charted as outcome measurements.
enum class AppointmentKind { kSession, kEvaluation };
const char* to_string(AppointmentKind k);
std::optional<AppointmentKind> parse_appointment_kind(std::string_view s);
// How long an evaluation visit lasts unless the desk says otherwise.
inline constexpr int kEvaluationMinutes = 30;

struct Appointment {
  std::string id;
  std::string plan_id;
  AppointmentKind kind = AppointmentKind::kSession;
  int session_number = 0;  // 0 for an evaluation visit
  std::string patient_id;
  std::string practitioner_id;
  Instant start{};
  Instant end{};
  AppointmentStatus status = AppointmentStatus::kBooked;
  int sequence = 0;                 // iCalendar SEQUENCE: raised on every change
  std::optional<std::string> note;  // cancellation reason, back-entry note
  std::string created_by;
  Instant created_at{};
  Instant updated_at{};

  // Still to happen (booked, or the patient has arrived).
  bool pending() const {
    return status == AppointmentStatus::kBooked || status == AppointmentStatus::kArrived;
  }
  // Holds its slot (pending or completed): counts against availability.
  bool holds_slot() const { return pending() || status == AppointmentStatus::kCompleted; }
  bool is_session() const { return kind == AppointmentKind::kSession; }
};

// "Session 3" or "Evaluation visit": how messages and calendars name it.
std::string appointment_label(const Appointment& a);

// Whether `from` may become `to`: booked -> arrived/completed/no_show/
// cancelled; arrived -> completed/no_show/cancelled; the others are final.
Status check_transition(AppointmentStatus from, AppointmentStatus to);

// Whether an appointment starting at `start` may become `to` at `now`: it is
// marked arrived or done from its day on (clinic time; a session may start
// early on the day, as charting allows), a no-show only once it has started.
Status check_timing(AppointmentStatus to, Instant start, Instant now, const date::time_zone* zone);

// Shifts an instant by whole days and minutes of clinic-local time (so a
// 10:00 appointment moved a week across a DST change stays at 10:00).
Instant shift_local(Instant t, int days, int minutes, const date::time_zone* zone);

// Why a booked appointment must be moved, or nullopt: its day became a day
// off (`offs`: the practitioner's and the clinic's covering that day), its
// practitioner was deactivated, or its time left their working hours. Kept
// when that happened (the desk calls the patient), it waits to be moved and
// gets no reminder meanwhile.
std::optional<std::string> why_to_move(const Appointment& a, const Practitioner& pr,
                                       const std::vector<TimeOff>& offs,
                                       const date::time_zone* zone);

}  // namespace anagen::domain
