// Patients and the name index behind search.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/patient.h"
#include "store/db.h"

namespace anagen::store::patients {

Status insert(Tx& tx, const domain::Patient& p, const std::string& created_by);
// Saves new fields if the stored version is still `p.version - 1`;
// kConflict when someone else changed the patient meanwhile.
Status update(Tx& tx, const domain::Patient& p);
Result<std::optional<domain::Patient>> get(Tx& tx, const std::string& id);
// kNotFound naming the patient when there is none.
Result<domain::Patient> require(Tx& tx, const std::string& id);

struct Page {
  std::vector<domain::Patient> items;
  std::optional<std::string> next_cursor;
};
// Patients whose given or family names have words starting with every one of
// `words` (folded, at most 4 used), in name order; all patients when `words`
// is empty. `cursor` comes from a previous page's next_cursor.
Result<Page> search(Tx& tx, const std::vector<std::string>& words,
                    const std::optional<std::string>& cursor, int limit);

}  // namespace anagen::store::patients
