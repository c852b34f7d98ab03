#include "store/clinic_store.h"

#include "store/store_util.h"

namespace anagen::store::clinic {
namespace {
constexpr const char* kGet = "SELECT settings FROM clinic WHERE id = 1";
constexpr const char* kPut =
    "INSERT INTO clinic (id, settings, updated_at) VALUES (1, $1, $2) "
    "ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at";
}  // namespace

Result<domain::ClinicSettings> get(Tx& tx) {
  ANAGEN_ASSIGN(auto row, tx.query_one(kGet, {}));
  if (!row) return domain::ClinicSettings{};
  return domain::ClinicSettings::from_json(json_of(row->text(0)));
}

Status put(Tx& tx, const domain::ClinicSettings& s, Instant now) {
  ANAGEN_TRY(tx.exec(kPut, {val(s.to_stored_json().dump()), val(ms(now))}));
  return ok_status();
}

}  // namespace anagen::store::clinic
