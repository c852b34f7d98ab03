#include "store/invitation_store.h"

#include "store/store_util.h"

namespace anagen::store::invitations {
namespace {
constexpr const char* kExpireOld =
    "UPDATE invitations SET expires_at = $2 WHERE patient_id = $1 AND used_at IS NULL AND "
    "expires_at > $2";
constexpr const char* kInsert =
    "INSERT INTO invitations (token_hash, patient_id, email, created_by, created_at, expires_at) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
constexpr const char* kFind =
    "SELECT token_hash, patient_id, email, expires_at, used_at FROM invitations WHERE token_hash = "
    "$1";
constexpr const char* kUse =
    "UPDATE invitations SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL";
}  // namespace

Status issue(Tx& tx, const Invitation& inv, const std::string& by, Instant now) {
  ANAGEN_TRY(tx.exec(kExpireOld, {val(inv.patient_id), val(ms(now))}));
  ANAGEN_TRY(tx.exec(kInsert, {val(inv.token_hash), val(inv.patient_id), val(inv.email), val(by),
                               val(ms(now)), val(ms(inv.expires_at))}));
  return ok_status();
}

Result<std::optional<Invitation>> find(Tx& tx, const std::string& token_hash) {
  ANAGEN_ASSIGN(auto row, tx.query_one(kFind, {val(token_hash)}));
  if (!row) return std::optional<Invitation>();
  Invitation i{row->text(0), row->text(1), row->text(2), instant_of(row->i64(3)), std::nullopt};
  if (auto t = row->opt_i64(4)) i.used_at = instant_of(*t);
  return std::optional<Invitation>(i);
}

Status use(Tx& tx, const std::string& token_hash, Instant now) {
  ANAGEN_ASSIGN(auto n, tx.exec(kUse, {val(token_hash), val(ms(now))}));
  if (n == 0) return Error::conflict("This invitation was already used.");
  return ok_status();
}

}  // namespace anagen::store::invitations
