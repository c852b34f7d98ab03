// Course plans and their sessions.
#pragma once

#include <optional>
#include <vector>

#include "domain/plan.h"
#include "store/db.h"

namespace anagen::store::plans {

Status insert(Tx& tx, const domain::Plan& p, Instant now);
// Saves the plan's fields and replaces its sessions; kConflict when the
// stored version is not p.version - 1 (someone else changed it).
Status update(Tx& tx, const domain::Plan& p, Instant now);
Result<std::optional<domain::Plan>> get(Tx& tx, const std::string& id);
Result<domain::Plan> require(Tx& tx, const std::string& id);
Result<std::vector<domain::Plan>> list_for_patient(Tx& tx, const std::string& patient_id);
// Active plans flagged for clinician review.
Result<std::vector<domain::Plan>> flagged(Tx& tx);
// Active plans with a session not done whose window ended before `today`
// (never booked, or missed and not booked again): they wait for a revision.
Result<std::vector<domain::Plan>> window_passed(Tx& tx, Date today);

}  // namespace anagen::store::plans
