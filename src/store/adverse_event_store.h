// Adverse events and the lots they are linked to.
#pragma once

#include <optional>
#include <vector>

#include "domain/adverse_event.h"
#include "store/db.h"

namespace anagen::store::adverse_events {

Status insert(Tx& tx, const domain::AdverseEvent& e);
// Saves outcome, management, notes and the reviewed flag.
Status update(Tx& tx, const domain::AdverseEvent& e);
Result<std::optional<domain::AdverseEvent>> get(Tx& tx, const std::string& id);
Result<std::vector<domain::AdverseEvent>> list_for_patient(Tx& tx, const std::string& patient_id);
// Events reported in [from, to).
Result<std::vector<domain::AdverseEvent>> between(Tx& tx, Instant from, Instant to);
// Events not resolved, or not yet reviewed by a clinician.
Result<std::vector<domain::AdverseEvent>> open(Tx& tx);

}  // namespace anagen::store::adverse_events
