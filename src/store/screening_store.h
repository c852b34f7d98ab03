// Screenings and the versioned screening rule sets.
#pragma once

#include <optional>
#include <vector>

#include "domain/screening.h"
#include "store/db.h"

namespace anagen::store::screenings {

// The newest rule set (version 0 with the defaults when none was saved).
Result<domain::RuleSet> current_rules(Tx& tx);
// Saves `rules` as the next version and returns it.
Result<domain::RuleSet> save_rules(Tx& tx, std::map<std::string, domain::Severity> rules,
                                   const std::string& by, Instant at);

Status insert(Tx& tx, const domain::Screening& s);
Result<std::optional<domain::Screening>> get(Tx& tx, const std::string& id);
// The newest screening of the patient still current on `today`.
Result<std::optional<domain::Screening>> current(Tx& tx, const std::string& patient_id, Date today);
Result<std::vector<domain::Screening>> list(Tx& tx, const std::string& patient_id);
// Records a clinician override; kConflict if it was overridden meanwhile.
Status set_override(Tx& tx, const std::string& id, const domain::ScreeningOverride& o);

}  // namespace anagen::store::screenings
