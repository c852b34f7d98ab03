// Practitioners, their weekly hours, and time off (theirs and the clinic's).
#pragma once

#include <optional>
#include <vector>

#include "domain/appointment.h"
#include "store/db.h"

namespace anagen::store::practitioners {

Status insert(Tx& tx, const domain::Practitioner& p, Instant now);
// Saves name, active flag and replaces the working hours.
Status update(Tx& tx, const domain::Practitioner& p, Instant now);
Result<std::optional<domain::Practitioner>> get(Tx& tx, const std::string& id);
Result<domain::Practitioner> require(Tx& tx, const std::string& id);
Result<std::vector<domain::Practitioner>> list(Tx& tx);

struct TimeOffEntry {
  std::string id;
  std::optional<std::string> practitioner_id;  // nullopt: the whole clinic
  domain::TimeOff off;
};
Status insert_time_off(Tx& tx, const TimeOffEntry& e, Instant now);
// kNotFound when there is no such entry for that practitioner (or clinic).
Status delete_time_off(Tx& tx, const std::string& id,
                       const std::optional<std::string>& practitioner_id);
// The practitioner's entries, or the clinic's with nullopt.
Result<std::vector<TimeOffEntry>> list_time_off(Tx& tx,
                                                const std::optional<std::string>& practitioner_id);
// The practitioner's time off and the clinic's holidays overlapping [from, to].
Result<std::vector<domain::TimeOff>> off_between(Tx& tx, const std::string& practitioner_id,
                                                 Date from, Date to);

}  // namespace anagen::store::practitioners
