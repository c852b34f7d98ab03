// Portal invitations: one-time links that let a patient set a password.
#pragma once

#include <optional>
#include <string>

#include "core/clock.h"
#include "store/db.h"

namespace anagen::store::invitations {

struct Invitation {
  std::string token_hash;
  std::string patient_id;
  std::string email;
  Instant expires_at{};
  std::optional<Instant> used_at;
};

// Records a new invitation; earlier unused ones of the patient stop working.
Status issue(Tx& tx, const Invitation& inv, const std::string& by, Instant now);
Result<std::optional<Invitation>> find(Tx& tx, const std::string& token_hash);
// kConflict when it was used meanwhile.
Status use(Tx& tx, const std::string& token_hash, Instant now);

}  // namespace anagen::store::invitations
