// Appointments: one per booked session.
#pragma once

#include <optional>
#include <vector>

#include "domain/appointment.h"
#include "store/db.h"

namespace anagen::store::appointments {

Status insert(Tx& tx, const domain::Appointment& a);
// Saves practitioner, times, status, sequence and note.
Status update(Tx& tx, const domain::Appointment& a);
Result<std::optional<domain::Appointment>> get(Tx& tx, const std::string& id);
Result<domain::Appointment> require(Tx& tx, const std::string& id);

struct Filter {
  std::optional<std::string> practitioner_id;
  std::optional<std::string> patient_id;
  std::optional<std::string> plan_id;
  std::optional<Instant> from;  // starting at or after
  std::optional<Instant> to;    // starting before
  bool include_cancelled = true;
  int limit = 1000;
};
// In start order.
Result<std::vector<domain::Appointment>> list(Tx& tx, const Filter& f);

// The slots held (booked, arrived, completed) by the practitioner or the
// patient that overlap [from, to): what a new appointment must not overlap.
Result<std::vector<domain::Busy>> busy(Tx& tx, const std::string& practitioner_id,
                                       const std::string& patient_id, Instant from, Instant to);

// Booked appointments starting in (from, to] whose patient has an email
// address: what appointment reminders go out for.
struct Upcoming {
  domain::Appointment appt;
  std::string email;
  std::string given_name;
};
Result<std::vector<Upcoming>> upcoming_with_email(Tx& tx, Instant from, Instant to);

}  // namespace anagen::store::appointments
