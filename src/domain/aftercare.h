// Aftercare (domain.md section 1): the patient's own part between sessions.
// Recommendations to read, and recurring reminders with a simple RRULE
// (FREQ=DAILY|WEEKLY|MONTHLY;INTERVAL=n), from the clinic's editable defaults.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/json_reader.h"
#include "core/result.h"
#include "core/time.h"

namespace anagen::domain {

struct Recommendation {
  std::string category;  // diet, stress, hydration, hair_care
  std::string text;
};

struct ReminderTemplate {
  std::string code;   // stable key, e.g. "hair_mask"
  std::string title;
  std::string description;
  std::string rrule;  // "FREQ=WEEKLY;INTERVAL=1"
};

struct AftercareDefaults {
  std::vector<Recommendation> recommendations;
  std::vector<ReminderTemplate> reminders;
};
AftercareDefaults default_aftercare();
Json aftercare_to_json(const AftercareDefaults& a);
// Reads {"recommendations": [{category, text}], "reminders": [{code, title,
// description?, rrule}]}; every bad field named.
Result<AftercareDefaults> parse_aftercare(const Json& body);

struct Recurrence {
  enum class Freq { kDaily, kWeekly, kMonthly } freq;
  int interval = 1;
};
// Parses the RRULE subset; nullopt for anything else.
std::optional<Recurrence> parse_rrule(std::string_view rrule);

// The next due day: the first occurrence (start, start + interval, ...)
// after the day it was last done, or the first one when never done.
Date next_due(Date start, const Recurrence& r, std::optional<Date> last_done);

struct Reminder {
  std::string id;
  std::string patient_id;
  std::string code;
  std::string title;
  std::string description;
  std::string rrule;
  Date start;
  std::optional<Date> last_done;
  bool active = true;
};

}  // namespace anagen::domain
