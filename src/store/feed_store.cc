#include "store/feed_store.h"

#include "store/store_util.h"

namespace anagen::store::feeds {
namespace {
constexpr const char* kRevoke =
    "UPDATE feed_tokens SET revoked_at = $2 WHERE patient_id = $1 AND revoked_at IS NULL";
constexpr const char* kInsert =
    "INSERT INTO feed_tokens (token_hash, patient_id, created_at) VALUES ($1, $2, $3)";
constexpr const char* kFind =
    "SELECT patient_id FROM feed_tokens WHERE token_hash = $1 AND revoked_at IS NULL";
constexpr const char* kLive =
    "SELECT created_at FROM feed_tokens WHERE patient_id = $1 AND revoked_at IS NULL "
    "ORDER BY created_at DESC LIMIT 1";
}  // namespace

Result<std::optional<Instant>> live_since(Tx& tx, const std::string& patient_id) {
  ANAGEN_ASSIGN(auto row, tx.query_one(kLive, {val(patient_id)}));
  if (!row) return std::optional<Instant>();
  return std::optional<Instant>(instant_of(row->i64(0)));
}

Status issue(Tx& tx, const std::string& patient_id, const std::string& token_hash, Instant now) {
  ANAGEN_TRY(revoke(tx, patient_id, now));
  ANAGEN_TRY(tx.exec(kInsert, {val(token_hash), val(patient_id), val(ms(now))}));
  return ok_status();
}

Result<int64_t> revoke(Tx& tx, const std::string& patient_id, Instant now) {
  return tx.exec(kRevoke, {val(patient_id), val(ms(now))});
}

Result<std::optional<std::string>> patient_of(Tx& tx, const std::string& token_hash) {
  ANAGEN_ASSIGN(auto row, tx.query_one(kFind, {val(token_hash)}));
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(row->text(0));
}

}  // namespace anagen::store::feeds
