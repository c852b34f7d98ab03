#include "domain/appointment.h"

namespace anagen::domain {

const char* to_string(AppointmentKind k) {
  return k == AppointmentKind::kEvaluation ? "evaluation" : "session";
}

std::optional<AppointmentKind> parse_appointment_kind(std::string_view s) {
  for (auto v : {AppointmentKind::kSession, AppointmentKind::kEvaluation}) {
    if (s == to_string(v)) return v;
  }
  return std::nullopt;
}

std::string appointment_label(const Appointment& a) {
  return a.is_session() ? "Session " + std::to_string(a.session_number) : "Evaluation visit";
}

const char* to_string(AppointmentStatus s) {
  switch (s) {
    case AppointmentStatus::kBooked:
      return "booked";
    case AppointmentStatus::kArrived:
      return "arrived";
    case AppointmentStatus::kCompleted:
      return "completed";
    case AppointmentStatus::kNoShow:
      return "no_show";
    case AppointmentStatus::kCancelled:
      return "cancelled";
  }
  return "booked";
}

std::optional<AppointmentStatus> parse_appointment_status(std::string_view s) {
  for (auto v :
       {AppointmentStatus::kBooked, AppointmentStatus::kArrived, AppointmentStatus::kCompleted,
        AppointmentStatus::kNoShow, AppointmentStatus::kCancelled}) {
    if (s == to_string(v)) return v;
  }
  return std::nullopt;
}

Status check_transition(AppointmentStatus from, AppointmentStatus to) {
  using enum AppointmentStatus;
  bool ok = (from == kBooked && to != kBooked) ||
            (from == kArrived && (to == kCompleted || to == kNoShow || to == kCancelled));
  if (ok) return ok_status();
  return Error::conflict(std::string("The appointment is ") + to_string(from) +
                         "; it cannot become " + to_string(to) + ".");
}

Status check_timing(AppointmentStatus to, Instant start, Instant now, const date::time_zone* zone) {
  using enum AppointmentStatus;
  auto [day, minute] = local_day_minute(start, zone);
  bool future_day = date::sys_days(day) > date::sys_days(local_day_minute(now, zone).first);
  if ((to == kArrived || to == kCompleted) && future_day) {
    return Error::conflict("The appointment is on " + human_date(day) + "; it can be marked " +
                           (to == kArrived ? "arrived" : "done") + " from that day on.");
  }
  if (to == kNoShow && now < start) {
    return Error::conflict("The appointment starts on " + human_date(day) + " at " +
                           format_hhmm(minute) +
                           "; it can be marked a no-show once it has started.");
  }
  return ok_status();
}

Instant shift_local(Instant t, int days, int minutes, const date::time_zone* zone) {
  auto [day, minute] = local_day_minute(t, zone);
  int total = minute + minutes;
  int extra_days = total >= 0 ? total / (24 * 60) : -((-total + 24 * 60 - 1) / (24 * 60));
  total -= extra_days * 24 * 60;
  return local_to_instant(add_days(day, days + extra_days), total, zone);
}

std::optional<std::string> why_to_move(const Appointment& a, const Practitioner& pr,
                                       const std::vector<TimeOff>& offs,
                                       const date::time_zone* zone) {
  if (!offs.empty()) return off_reason(offs.front());
  if (!pr.active) return "Practitioner no longer active: " + pr.name;
  auto [day, minute] = local_day_minute(a.start, zone);
  auto [end_day, end_minute] = local_day_minute(a.end, zone);
  if (end_day != day) end_minute += 24 * 60;
  if (!within_hours(pr.hours, day, minute, end_minute)) return "Outside " + pr.name + "'s hours";
  return std::nullopt;
}

}  // namespace anagen::domain
