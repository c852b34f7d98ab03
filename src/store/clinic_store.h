// The clinic's settings row.
#pragma once

#include "domain/clinic.h"
#include "store/db.h"

namespace anagen::store::clinic {

// The stored settings, or the defaults when none were saved yet.
Result<domain::ClinicSettings> get(Tx& tx);
Status put(Tx& tx, const domain::ClinicSettings& s, Instant now);

}  // namespace anagen::store::clinic
