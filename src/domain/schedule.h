// Practitioners' availability and slot finding: where a session of a given
// length fits, in the clinic's time zone (DST-correct), inside working hours,
// outside time off, without overlapping the practitioner's or the patient's
// other appointments.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/clock.h"
#include "core/json_reader.h"
#include "core/time.h"

namespace anagen::domain {

struct WorkingHours {
  int weekday;    // ISO, Monday = 1
  int start_min;  // local minutes since midnight
  int end_min;
};

struct TimeOff {
  Date from;
  Date to;  // inclusive
  std::string reason;
  bool clinic_wide = false;  // a clinic holiday rather than one practitioner's leave
};

// "Clinic closed: Carnival" / "Practitioner away: Congress".
std::string off_reason(const TimeOff& off);

struct Busy {
  Instant start;
  Instant end;
  std::string appointment_id;
};

// Everything that decides when one practitioner can see one patient.
struct Availability {
  const date::time_zone* zone = nullptr;
  std::vector<WorkingHours> hours;
  std::vector<TimeOff> off;
  std::vector<Busy> busy;  // the practitioner's and the patient's appointments

  // Adds an appointment, keeping `busy` sorted by start.
  void add_busy(Busy b);
};

// The patient's wishes for a booking.
struct Preferences {
  std::vector<int> weekdays;    // allowed ISO weekdays; empty = any
  std::optional<int> from_min;  // earliest start, local minutes
  std::optional<int> to_min;    // latest end, local minutes
};

struct SlotRequest {
  Date earliest;
  Date latest;
  Date target;
  int duration_min = 20;
  std::optional<int> keep_minute;  // prefer this local start time (same time each session)
  int step_min = 10;               // slot starts fall on multiples of this within working hours
  Instant not_before{};            // nothing in the past
};

struct Slot {
  Instant start;
  Instant end;
  Date day;        // local
  int minute = 0;  // local start
};

// The best free slot: the day closest to the target (target, +1, -1, +2,
// ...), and on it the start closest to keep_minute (later on a tie; with no
// keep_minute, the earliest).
// Otherwise a reason naming, day by day, what stood in the way.
std::variant<Slot, std::string> find_slot(const SlotRequest& req, const Availability& a,
                                          const Preferences& prefs);

// Whether minutes [start_min, end_min) of `day` lie inside one of the hours
// of its weekday (end_min past 24 h for a slot running over midnight).
bool within_hours(const std::vector<WorkingHours>& hours, Date day, int start_min, int end_min);

// Why an appointment from `start` for `duration_min` cannot be held with
// this availability (outside hours, time off, overlap), or nullopt when it
// can. `ignore` lists appointment ids not to count as busy (the one moved).
std::optional<std::string> check_slot(Instant start, int duration_min, const Availability& a,
                                      const std::vector<std::string>& ignore = {});

// The local date and minute of an instant.
std::pair<Date, int> local_day_minute(Instant t, const date::time_zone* zone);

}  // namespace anagen::domain

namespace anagen::domain {

// Reads [{"weekday": 1..7, "start": "HH:MM", "end": "HH:MM"}, ...] into
// hours, recording field errors in `r` under `field` (start before end, no
// overlapping intervals on one day).
std::vector<WorkingHours> read_working_hours(const Json& arr, const std::string& field,
                                             JsonReader& r);

}  // namespace anagen::domain
