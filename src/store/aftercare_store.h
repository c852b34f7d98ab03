// Patients' aftercare reminders.
#pragma once

#include <optional>
#include <vector>

#include "domain/aftercare.h"
#include "store/db.h"

namespace anagen::store::aftercare {

// Adds the reminders the patient does not have yet (by code), each starting
// one interval after `course_start` (domain::first_due).
Status ensure(Tx& tx, const std::string& patient_id,
              const std::vector<domain::ReminderTemplate>& templates, Date course_start,
              Instant now);
Result<std::vector<domain::Reminder>> list_for_patient(Tx& tx, const std::string& patient_id);
Result<std::optional<domain::Reminder>> get(Tx& tx, const std::string& id);
Status mark_done(Tx& tx, const std::string& id, Date on, Instant now);

// Active reminders of patients who have an email address and a course
// running on `today` (active, its exclusive end_date after today, as
// domain::running_until): for the outbox.
struct Due {
  domain::Reminder reminder;
  std::string email;
  std::string given_name;
};
Result<std::vector<Due>> active_with_email(Tx& tx, Date today);

}  // namespace anagen::store::aftercare
