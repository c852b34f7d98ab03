#include "store/availability.h"

#include "store/appointment_store.h"
#include "store/practitioner_store.h"

namespace anagen::store {

Result<domain::Availability> load_availability(Tx& tx, const domain::Practitioner& p,
                                               const std::string& patient_id, Date from, Date to,
                                               const date::time_zone* zone) {
  domain::Availability a;
  a.zone = zone;
  a.hours = p.hours;
  ANAGEN_ASSIGN(a.off, practitioners::off_between(tx, p.id, from, to));
  // A day either side covers appointments crossing local midnight.
  Instant lo = local_to_instant(add_days(from, -1), 0, zone);
  Instant hi = local_to_instant(add_days(to, 2), 0, zone);
  ANAGEN_ASSIGN(a.busy, appointments::busy(tx, p.id, patient_id, lo, hi));
  return a;
}

}  // namespace anagen::store
