// Assessments: diagnosis, grade, derived severity and candidacy.
#pragma once

#include <optional>
#include <vector>

#include "domain/assessment.h"
#include "store/db.h"

namespace anagen::store::assessments {

Status insert(Tx& tx, const domain::Assessment& a);
Result<std::optional<domain::Assessment>> get(Tx& tx, const std::string& id);
Result<std::vector<domain::Assessment>> list(Tx& tx, const std::string& patient_id);

}  // namespace anagen::store::assessments
