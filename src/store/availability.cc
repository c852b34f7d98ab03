#include "store/availability.h"

#include <algorithm>

#include "store/appointment_store.h"
#include "store/practitioner_store.h"

namespace anagen::store {

Result<domain::Availability> load_availability(Tx& tx, const domain::Practitioner& p,
                                               const std::string& patient_id, Date from, Date to,
                                               const date::time_zone* zone) {
  return load_availability(tx, p, patient_id, std::vector<DayRange>{{from, to}}, zone);
}

Result<domain::Availability> load_availability(Tx& tx, const domain::Practitioner& p,
                                               const std::string& patient_id,
                                               std::vector<DayRange> ranges,
                                               const date::time_zone* zone) {
  domain::Availability a;
  a.zone = zone;
  a.hours = p.hours;
  if (ranges.empty()) return a;
  auto day = [](Date d) { return date::sys_days(d); };
  std::sort(ranges.begin(), ranges.end(),
            [&](const DayRange& x, const DayRange& y) { return day(x.from) < day(y.from); });
  // Merge ranges that touch, so each appointment is read once.
  std::vector<DayRange> merged;
  for (const auto& r : ranges) {
    if (!merged.empty() && day(r.from) <= day(merged.back().to) + date::days(1)) {
      if (day(r.to) > day(merged.back().to)) merged.back().to = r.to;
    } else {
      merged.push_back(r);
    }
  }
  ANAGEN_ASSIGN(a.off, practitioners::off_between(tx, p.id, merged.front().from, merged.back().to));
  for (const auto& r : merged) {
    // A day either side covers appointments crossing local midnight.
    Instant lo = local_to_instant(add_days(r.from, -1), 0, zone);
    Instant hi = local_to_instant(add_days(r.to, 2), 0, zone);
    ANAGEN_ASSIGN(auto busy, appointments::busy(tx, p.id, patient_id, lo, hi));
    for (auto& b : busy) a.busy.push_back(std::move(b));
  }
  std::sort(a.busy.begin(), a.busy.end(), [](const auto& x, const auto& y) {
    return std::tie(x.start, x.appointment_id) < std::tie(y.start, y.appointment_id);
  });
  a.busy.erase(std::unique(a.busy.begin(), a.busy.end(),
                           [](const auto& x, const auto& y) {
                             return x.appointment_id == y.appointment_id;
                           }),
               a.busy.end());
  return a;
}

}  // namespace anagen::store
