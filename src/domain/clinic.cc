#include "domain/clinic.h"

namespace anagen::domain {

Json ClinicSettings::to_json() const {
  return Json{{"name", name},
              {"timezone", timezone},
              {"session_idle_minutes", session_idle_minutes},
              {"screening_valid_days", screening_valid_days},
              {"login_attempts_before_delay", login_attempts_before_delay},
              {"slot_minutes", slot_minutes}};
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
  r.reject_unknown();
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
  return s;
}

}  // namespace anagen::domain
