// JSON shapes of the entities as the API returns them.
#pragma once

#include <map>

#include "core/json_reader.h"
#include "domain/assessment.h"
#include "domain/outcome.h"
#include "domain/patient.h"
#include "domain/screening.h"
#include "store/audit_store.h"
#include "store/user_store.h"

namespace anagen::api {

class Ctx;

Json user_json(const store::users::User& u);
Json patient_json(const domain::Patient& p, const Ctx& ctx);
// `current`: the patient's latest screening, not expired (the one that
// clears or refuses treatment); older ones are superseded.
Json screening_json(const domain::Screening& s, const Ctx& ctx, bool current);
Json assessment_json(const domain::Assessment& a, const Ctx& ctx);
Json audit_json(const store::audit::Entry& e, const Ctx& ctx);

// Paging cursors are opaque to clients: base64url of the store's cursor.
std::string encode_cursor(const std::string& raw);
std::optional<std::string> decode_cursor(const std::string& encoded);
// Reads ?limit= (1..max, default def); records an error in `r` otherwise.
int read_limit(const Ctx& ctx, int def, int max, std::vector<FieldError>& errors);

// A calendar subscription's links for the secret `token`: {path, url,
// webcal}, from the address the client used (behind a reverse proxy, the
// forwarded one).
Json feed_links(const Ctx& ctx, const std::string& token);
// Reads {"reason": text}: required, a few words, at most 2000 characters.
std::optional<std::string> read_reason(JsonReader& r);
// A body of just {"reason"} as a correction by the signed-in user, now.
Result<domain::Correction> read_correction(Ctx& ctx);
// {"reason", "by", "at"} of a record marked entered in error, or null.
Json correction_json(const std::optional<domain::Correction>& c, const Ctx& ctx);

}  // namespace anagen::api

#include "domain/appointment.h"
#include "domain/plan.h"

namespace anagen::api {

// Patients' display names ("Given Family") for a clinic-wide list, each read
// once; "" for one no longer on record.
class PatientNames {
 public:
  explicit PatientNames(store::Tx& tx) : tx_(tx) {}
  Result<std::string> of(const std::string& patient_id);

 private:
  store::Tx& tx_;
  std::map<std::string, std::string> names_;
};

// The patient, or 422 on `field` when `day` (a record's date) is before
// their birth date: a year typed wrong, not a record to keep.
Result<domain::Patient> patient_born_by(store::Tx& tx, const std::string& patient_id, Date day,
                                        const std::string& field);

Json practitioner_json(const domain::Practitioner& p);
Json appointment_json(const domain::Appointment& a, const Ctx& ctx);
// Whether the signed-in user holds clinical access (screenings, records,
// why a course is held).
bool sees_clinical(const Ctx& ctx);
// The plan with its sessions; `appointments` (by id) adds each booked
// session's appointment. Why a held course is held, and why it stopped, is
// told only to those who see clinical records.
Json plan_json(const domain::Plan& p, const Ctx& ctx,
               const std::vector<domain::Appointment>& appointments = {});
Json hours_json(const std::vector<domain::WorkingHours>& hours);

}  // namespace anagen::api
