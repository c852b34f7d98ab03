// Loads what decides when a practitioner can see a patient over a date range.
#pragma once

#include "domain/appointment.h"
#include "store/db.h"

namespace anagen::store {

// The practitioner's hours and time off, the clinic's holidays, and the
// slots held by the practitioner or the patient, for local days [from, to].
Result<domain::Availability> load_availability(Tx& tx, const domain::Practitioner& p,
                                               const std::string& patient_id, Date from, Date to,
                                               const date::time_zone* zone);

struct DayRange {
  Date from;
  Date to;  // inclusive
};
// The same for several ranges of days (a course's session windows): only
// the appointments inside them are read, not the whole year between.
Result<domain::Availability> load_availability(Tx& tx, const domain::Practitioner& p,
                                               const std::string& patient_id,
                                               std::vector<DayRange> ranges,
                                               const date::time_zone* zone);

}  // namespace anagen::store
