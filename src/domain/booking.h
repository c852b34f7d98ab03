// Booking a whole course: every bookable session of a plan, in order, each in
// its window, keeping one time of day across the course where possible.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/plan.h"
#include "domain/schedule.h"

namespace anagen::domain {

struct BookingOutcome {
  int session_number = 0;
  std::optional<Slot> slot;  // booked here, or
  std::string reason;        // why not
};

// Finds a slot for each bookable session of `sessions` (in order), adding
// each found slot to `a.busy` so later sessions see it. `keep_minute` is the
// local time of day to keep (from sessions already booked); when absent the
// first slot found sets it. Sessions whose window ended before `today` are
// reported, not booked.
std::vector<BookingOutcome> book_sessions(const std::vector<PlannedSession>& sessions,
                                          int duration_min, Availability& a,
                                          const Preferences& prefs, std::optional<int> keep_minute,
                                          Instant now, Date today, int step_min);

}  // namespace anagen::domain
