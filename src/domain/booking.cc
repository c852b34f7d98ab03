#include "domain/booking.h"

namespace anagen::domain {

std::vector<BookingOutcome> book_sessions(const std::vector<PlannedSession>& sessions,
                                          int duration_min, Availability& a,
                                          const Preferences& prefs, std::optional<int> keep_minute,
                                          Instant now, Date today, int step_min) {
  std::vector<BookingOutcome> out;
  for (const auto& s : sessions) {
    if (!s.bookable()) continue;
    BookingOutcome o;
    o.session_number = s.number;
    if (date::sys_days(s.latest) < date::sys_days(today)) {
      o.reason = "Its window ended on " + human_date(s.latest) + ".";
      out.push_back(std::move(o));
      continue;
    }
    SlotRequest req;
    req.earliest = date::sys_days(s.earliest) < date::sys_days(today) ? today : s.earliest;
    req.latest = s.latest;
    req.target = s.target;
    req.duration_min = duration_min;
    req.keep_minute = keep_minute;
    req.step_min = step_min;
    req.not_before = now;
    auto found = find_slot(req, a, prefs);
    if (auto* slot = std::get_if<Slot>(&found)) {
      a.add_busy({slot->start, slot->end, ""});
      if (!keep_minute) keep_minute = slot->minute;
      o.slot = *slot;
    } else {
      o.reason = std::get<std::string>(found);
    }
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace anagen::domain
