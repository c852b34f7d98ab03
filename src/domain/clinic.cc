#include "domain/clinic.h"

#include <cstdio>

#include "domain/patient.h"
#include "imaging/analysis.h"

namespace anagen::domain {

Json ClinicSettings::to_json() const {
  return Json{{"name", name},
              {"timezone", timezone},
              {"session_idle_minutes", session_idle_minutes},
              {"screening_valid_days", screening_valid_days},
              {"login_attempts_before_delay", login_attempts_before_delay},
              {"slot_minutes", slot_minutes},
              {"reminder_hours_before", reminder_hours_before},
              {"responder_density_percent", responder_density_percent},
              {"responder_photo_rating", responder_photo_rating},
              {"partial_density_percent", partial_density_percent},
              {"vellus_threshold_um", vellus_threshold_um},
              {"phone", phone ? Json(*phone) : Json(nullptr)}};
}

Json ClinicSettings::to_stored_json() const {
  Json j = to_json();
  if (!aftercare.is_null()) j["aftercare"] = aftercare;
  return j;
}

ClinicSettings ClinicSettings::from_json(const Json& j) {
  ClinicSettings s;
  s.name = j.value("name", s.name);
  s.timezone = j.value("timezone", s.timezone);
  s.session_idle_minutes = j.value("session_idle_minutes", s.session_idle_minutes);
  s.screening_valid_days = j.value("screening_valid_days", s.screening_valid_days);
  s.login_attempts_before_delay =
      j.value("login_attempts_before_delay", s.login_attempts_before_delay);
  s.slot_minutes = j.value("slot_minutes", s.slot_minutes);
  s.reminder_hours_before = j.value("reminder_hours_before", s.reminder_hours_before);
  s.responder_density_percent = j.value("responder_density_percent", s.responder_density_percent);
  s.responder_photo_rating = j.value("responder_photo_rating", s.responder_photo_rating);
  s.partial_density_percent = j.value("partial_density_percent", s.partial_density_percent);
  s.vellus_threshold_um = j.value("vellus_threshold_um", s.vellus_threshold_um);
  if (j.contains("phone") && j["phone"].is_string()) s.phone = j["phone"].get<std::string>();
  if (j.contains("aftercare")) s.aftercare = j["aftercare"];
  return s;
}

Result<ClinicSettings> apply_clinic_update(const ClinicSettings& current, const Json& body) {
  JsonReader r(body);
  ClinicSettings s = current;
  auto name = r.text("name", Need::kRequired, 120);
  auto tz = r.text("timezone", Need::kRequired, 64);
  auto idle = r.integer("session_idle_minutes", Need::kOptional, 5, 7 * 24 * 60);
  auto valid = r.integer("screening_valid_days", Need::kOptional, 1, 730);
  auto attempts = r.integer("login_attempts_before_delay", Need::kOptional, 1, 100);
  auto slot = r.integer("slot_minutes", Need::kOptional, 5, 60);
  auto reminder = r.integer("reminder_hours_before", Need::kOptional, 1, 168);
  auto resp_density = r.number("responder_density_percent", Need::kOptional, 0, 200);
  auto resp_photo = r.integer("responder_photo_rating", Need::kOptional, -3, 3);
  auto partial = r.number("partial_density_percent", Need::kOptional, 0, 200);
  auto vellus = r.number("vellus_threshold_um", Need::kOptional, imaging::kVellusThresholdRange.min,
                         imaging::kVellusThresholdRange.max);
  auto phone = r.text("phone", Need::kOptional, 32);
  r.reject_unknown();
  if (phone && !is_valid_phone(*phone)) {
    r.fail("phone", "must be a phone number: digits with an optional leading +, 6 to 15 digits");
  }
  // Against the values in force, whichever of the two the body changes.
  if ((partial || resp_density) && partial.value_or(current.partial_density_percent) >
                                       resp_density.value_or(current.responder_density_percent)) {
    const auto pct = [](double v) {
      char b[32];
      std::snprintf(b, sizeof b, "%g%%", v);
      return std::string(b);
    };
    r.fail(partial ? "partial_density_percent" : "responder_density_percent",
           partial ? "must not exceed the responder's density gain (" +
                         pct(resp_density.value_or(current.responder_density_percent)) + ")"
                   : "must not be below the partial response's density gain (" +
                         pct(partial.value_or(current.partial_density_percent)) + ")");
  }
  if (tz && !find_zone(*tz)) {
    r.fail("timezone", "must be an IANA time zone such as Europe/Madrid or America/New_York");
  }
  if (!r.ok()) return r.error();
  s.name = *name;
  s.timezone = *tz;
  if (idle) s.session_idle_minutes = static_cast<int>(*idle);
  if (valid) s.screening_valid_days = static_cast<int>(*valid);
  if (attempts) s.login_attempts_before_delay = static_cast<int>(*attempts);
  if (slot) s.slot_minutes = static_cast<int>(*slot);
  if (reminder) s.reminder_hours_before = static_cast<int>(*reminder);
  if (resp_density) s.responder_density_percent = *resp_density;
  if (resp_photo) s.responder_photo_rating = static_cast<int>(*resp_photo);
  if (partial) s.partial_density_percent = *partial;
  if (vellus) s.vellus_threshold_um = *vellus;
  // null or "" clears it, as for a patient's contact fields.
  if (phone || body.contains("phone")) s.phone = phone;
  return s;
}

}  // namespace anagen::domain
