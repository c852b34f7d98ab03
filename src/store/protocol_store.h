// Protocols, versioned: a change saves a new version; plans keep theirs.
#pragma once

#include <optional>
#include <vector>

#include "domain/protocol.h"
#include "store/db.h"

namespace anagen::store::protocols {

// Inserts domain::seed_protocols() when there are none yet.
Status seed_if_empty(Tx& tx, Instant now);
Result<std::vector<domain::Protocol>> list(Tx& tx);
Result<std::optional<domain::Protocol>> get(Tx& tx, const std::string& id);
// The protocol plans use when none is named: the oldest active one.
Result<std::optional<domain::Protocol>> default_protocol(Tx& tx);
// Inserts version 1 (p.id must be set).
Status insert(Tx& tx, const domain::Protocol& p, const std::string& by, Instant now);
// Saves p as version p.version (the caller raised it), keeping the old ones.
Status update(Tx& tx, const domain::Protocol& p, const std::string& by, Instant now);

}  // namespace anagen::store::protocols
