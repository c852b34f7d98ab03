// The clinic's settings: its name, IANA time zone and the defaults a clinic
// may change (domain.md: "every number is a default a clinic can change").
#pragma once

#include <optional>
#include <string>

#include "core/json_reader.h"
#include "core/result.h"

namespace anagen::domain {

struct ClinicSettings {
  std::string name = "anagen clinic";
  std::string timezone = "UTC";
  int session_idle_minutes = 12 * 60;   // sign-in sessions expire after this idle time
  int screening_valid_days = 180;       // a screening stays current this long
  int login_attempts_before_delay = 5;  // failed sign-ins before slowing down
  int slot_minutes = 10;                // bookings start on multiples of this within working hours
  int reminder_hours_before = 24;       // appointment reminders go out this long before
  double responder_density_percent = 10;  // response thresholds (domain.md section 5)
  int responder_photo_rating = 1;
  double partial_density_percent = 5;
  double vellus_threshold_um = 40;   // image analysis: vellus hairs are at most this thick
  std::optional<std::string> phone;  // for patients to call (shown in the portal)
  Json aftercare;                    // the clinic's aftercare defaults; null = anagen's

  Json to_json() const;         // as the API shows it (without the aftercare document)
  Json to_stored_json() const;  // everything, as saved
  // Reads a stored settings document; missing keys keep their defaults.
  static ClinicSettings from_json(const Json& j);
};

// Applies a PUT body to `current`: name and timezone as in the contract,
// the other settings optional (omitted ones keep their value). Validates the
// zone against the tz database and every number against its range.
Result<ClinicSettings> apply_clinic_update(const ClinicSettings& current, const Json& body);

}  // namespace anagen::domain
