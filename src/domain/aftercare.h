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
  std::string code;  // stable key, e.g. "hair_mask"
  std::string title;
  std::string description;
  std::string rrule;  // "FREQ=WEEKLY;INTERVAL=1"
};

struct AftercareDefaults {
  std::vector<Recommendation> recommendations;
  std::vector<ReminderTemplate> reminders;
};
AftercareDefaults default_aftercare();
// The clinic's aftercare (its settings' document), or anagen's defaults when
// it has none or the document does not parse.
AftercareDefaults clinic_aftercare(const Json& document);
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

// A reminder's first occurrence for a course starting on `course_start`: one
// interval in (no mask on the scalp in the days after the injections; the
// first haircut three months on).
Date first_due(Date course_start, const Recurrence& r);

// The day a reminder is due: its first occurrence (start) when never done,
// else one interval after the day it was last done (the rhythm restarts from
// there). When more than one occurrence has passed by `today`, the latest of
// them is due: a missed week is not owed twice.
Date next_due(Date start, const Recurrence& r, std::optional<Date> last_done, Date today);

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
