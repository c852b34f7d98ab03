// iCalendar (RFC 5545) feeds written with libical: appointments as VEVENTs
// and recurring reminders as VTODOs with an RRULE, in the clinic's zone
// (with its VTIMEZONE).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/time.h"

namespace anagen::interop {

struct CalEvent {
  std::string uid;  // stable across changes
  Instant start{};
  Instant end{};
  std::string summary;
  std::string description;
  std::string location;
  int sequence = 0;  // raised on each change
  bool cancelled = false;
  Instant last_modified{};
};

struct CalTodo {
  std::string uid;
  Date start;                 // first due day
  std::string rrule;          // "FREQ=WEEKLY;INTERVAL=1"
  std::optional<Date> until;  // the last day it may recur (the course's end)
  std::string summary;
  std::string description;
  Instant last_modified{};
};

// A whole VCALENDAR. `tzid` is the clinic's IANA zone; times are written
// local to it with TZID, and its VTIMEZONE is included (UTC: times in Z).
std::string calendar_ics(const std::string& name, const std::string& tzid,
                         const std::vector<CalEvent>& events, const std::vector<CalTodo>& todos,
                         Instant now);

}  // namespace anagen::interop
