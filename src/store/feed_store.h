// Secret calendar-feed links of patients.
#pragma once

#include <optional>
#include <string>

#include "core/clock.h"
#include "store/db.h"

namespace anagen::store::feeds {

// Revokes the patient's current link and records a new one by its hash.
Status issue(Tx& tx, const std::string& patient_id, const std::string& token_hash, Instant now);
// Revokes every link of the patient; returns how many were live.
Result<int64_t> revoke(Tx& tx, const std::string& patient_id, Instant now);
// When the patient's live link was issued, or nullopt when there is none.
Result<std::optional<Instant>> live_since(Tx& tx, const std::string& patient_id);
// The patient of a live link, or nullopt.
Result<std::optional<std::string>> patient_of(Tx& tx, const std::string& token_hash);

}  // namespace anagen::store::feeds
