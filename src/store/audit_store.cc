#include "store/audit_store.h"

#include "store/store_util.h"

namespace anagen::store::audit {
namespace {

constexpr const char* kAppend =
    "INSERT INTO audit_log (at, user_id, patient_id, action, outcome, status, method, path, ip, "
    "request_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
// Empty-string parameters mean "any".
constexpr const char* kList =
    "SELECT seq, at, user_id, patient_id, action, outcome, status, method, path, ip, request_id, "
    "detail FROM audit_log WHERE ($1 = '' OR patient_id = $1) AND ($2 = '' OR user_id = $2) "
    "AND seq < $3 ORDER BY seq DESC LIMIT $4";

}  // namespace

Status append(Tx& tx, const Entry& e) {
  ANAGEN_TRY(tx.exec(kAppend, {val(ms(e.at)), val(e.user_id), val(e.patient_id), val(e.action),
                               val(e.outcome), val(e.status), val(e.method), val(e.path), val(e.ip),
                               val(e.request_id), val(e.detail)}));
  return ok_status();
}

Result<std::vector<Entry>> list(Tx& tx, const Filter& f) {
  ANAGEN_ASSIGN(auto rows,
                tx.query(kList, {val(f.patient_id.value_or("")), val(f.user_id.value_or("")),
                                 val(f.before_seq.value_or(INT64_MAX)), val(f.limit)}));
  std::vector<Entry> out;
  for (const auto& r : rows) {
    Entry e;
    e.seq = r.i64(0);
    e.at = instant_of(r.i64(1));
    e.user_id = r.opt_text(2);
    e.patient_id = r.opt_text(3);
    e.action = r.text(4);
    e.outcome = r.text(5);
    e.status = static_cast<int>(r.i64(6));
    e.method = r.text(7);
    e.path = r.text(8);
    e.ip = r.text(9);
    e.request_id = r.text(10);
    e.detail = r.opt_text(11);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace anagen::store::audit
