#include "domain/treatment.h"

namespace anagen::domain {

bool must_ask_pregnancy(const std::string& sex) { return sex != "male"; }

std::optional<std::string> performed_at_problem(Instant performed, Instant now,
                                                Date appointment_day, Date performed_day) {
  if (performed > now) return "is in the future";
  if (date::sys_days(performed_day) < date::sys_days(appointment_day)) {
    return "is before the appointment's day (" + human_date(appointment_day) + ")";
  }
  return std::nullopt;
}

}  // namespace anagen::domain
