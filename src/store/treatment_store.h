// Session records (treatments), their zones, products and addenda.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "domain/treatment.h"
#include "store/db.h"

namespace anagen::store::treatments {

// kConflict when the appointment already has a record.
Status insert(Tx& tx, const domain::Treatment& t);
Status add_addendum(Tx& tx, const std::string& treatment_id, const domain::Addendum& a);
Result<std::optional<domain::Treatment>> get(Tx& tx, const std::string& id);
// False when it was already marked (checked in the statement).
Result<bool> mark_entered_in_error(Tx& tx, const std::string& id, const domain::Correction& c);
Result<std::optional<domain::Treatment>> by_appointment(Tx& tx, const std::string& appointment_id);
Result<std::vector<domain::Treatment>> list_for_patient(Tx& tx, const std::string& patient_id);
// The day of the patient's first recorded session, if any.
Result<std::optional<Instant>> first_performed(Tx& tx, const std::string& patient_id);

// For the adverse-event report: sessions performed in [from, to), and how
// many of them used each lot.
Result<int> count_between(Tx& tx, Instant from, Instant to);
Result<std::map<std::string, int>> sessions_per_lot(Tx& tx, Instant from, Instant to);

}  // namespace anagen::store::treatments
