#include "store/protocol_store.h"

#include "core/id.h"
#include "store/store_util.h"

namespace anagen::store::protocols {
namespace {

constexpr const char* kCount = "SELECT COUNT(*) FROM protocols";
constexpr const char* kList = "SELECT body FROM protocols ORDER BY created_at, id";
constexpr const char* kGet = "SELECT body FROM protocols WHERE id = $1";
constexpr const char* kDefault =
    "SELECT body FROM protocols WHERE active = 1 ORDER BY created_at, id LIMIT 1";
constexpr const char* kInsert =
    "INSERT INTO protocols (id, version, name, body, active, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $6)";
constexpr const char* kUpdate =
    "UPDATE protocols SET version = $2, name = $3, body = $4, active = $5, updated_at = $6 "
    "WHERE id = $1 AND version = $2 - 1";
constexpr const char* kArchive =
    "INSERT INTO protocol_versions (protocol_id, version, body, created_at, created_by) "
    "VALUES ($1, $2, $3, $4, $5)";

Result<std::optional<domain::Protocol>> one(Tx& tx, const char* sql, std::vector<Value> params) {
  ANAGEN_ASSIGN(auto row, tx.query_one(sql, params));
  if (!row) return std::optional<domain::Protocol>();
  return std::optional<domain::Protocol>(domain::protocol_from_json(json_of(row->text(0))));
}

}  // namespace

Status seed_if_empty(Tx& tx, Instant now) {
  ANAGEN_ASSIGN(auto row, tx.query_one(kCount, {}));
  if (row->i64(0) > 0) return ok_status();
  int i = 0;
  for (auto p : domain::seed_protocols()) {
    p.id = new_id();
    // Distinct creation times keep the seed order (the first is the default).
    ANAGEN_TRY(insert(tx, p, "seed", now + std::chrono::milliseconds(i++)));
  }
  return ok_status();
}

Result<std::vector<domain::Protocol>> list(Tx& tx) {
  ANAGEN_ASSIGN(auto rows, tx.query(kList, {}));
  std::vector<domain::Protocol> out;
  for (const auto& r : rows) out.push_back(domain::protocol_from_json(json_of(r.text(0))));
  return out;
}

Result<std::optional<domain::Protocol>> get(Tx& tx, const std::string& id) {
  return one(tx, kGet, {val(id)});
}

Result<std::optional<domain::Protocol>> default_protocol(Tx& tx) { return one(tx, kDefault, {}); }

Status insert(Tx& tx, const domain::Protocol& p, const std::string& by, Instant now) {
  std::string body = domain::protocol_to_json(p).dump();
  ANAGEN_TRY(tx.exec(
      kInsert, {val(p.id), val(p.version), val(p.name), val(body), val(p.active), val(ms(now))}));
  ANAGEN_TRY(tx.exec(kArchive, {val(p.id), val(p.version), val(body), val(ms(now)), val(by)}));
  return ok_status();
}

Status update(Tx& tx, const domain::Protocol& p, const std::string& by, Instant now) {
  std::string body = domain::protocol_to_json(p).dump();
  ANAGEN_ASSIGN(auto n, tx.exec(kUpdate, {val(p.id), val(p.version), val(p.name), val(body),
                                          val(p.active), val(ms(now))}));
  if (n == 0) return Error::conflict("The protocol was changed meanwhile; reload and retry.");
  ANAGEN_TRY(tx.exec(kArchive, {val(p.id), val(p.version), val(body), val(ms(now)), val(by)}));
  return ok_status();
}

}  // namespace anagen::store::protocols
