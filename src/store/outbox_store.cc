#include "store/outbox_store.h"

#include "store/store_util.h"

namespace anagen::store::outbox {
namespace {

constexpr const char* kEnqueue =
    "INSERT INTO outbox (id, dedupe_key, kind, ref_id, patient_id, recipient, subject, body, "
    "due_at, status, attempts, next_attempt_at, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', 0, $9, $10) "
    "ON CONFLICT (dedupe_key) DO NOTHING";
#define ANAGEN_OUTBOX_COLUMNS                                                                   \
  "SELECT id, dedupe_key, kind, ref_id, patient_id, recipient, subject, body, due_at, status, " \
  "attempts, next_attempt_at, last_error, created_at, sent_at FROM outbox "
constexpr const char* kDue = ANAGEN_OUTBOX_COLUMNS
    "WHERE status IN ('pending', 'held') AND next_attempt_at <= $1 "
    "AND (lease_until IS NULL OR lease_until < $1) "
    "ORDER BY next_attempt_at, id LIMIT $2";
constexpr const char* kLease = "UPDATE outbox SET lease_until = $2 WHERE id = $1";
constexpr const char* kList = ANAGEN_OUTBOX_COLUMNS
    "WHERE ($1 = '' OR status = $1) AND ($2 = '' OR patient_id = $2) ORDER BY created_at DESC, id "
    "LIMIT $3";
#undef ANAGEN_OUTBOX_COLUMNS
constexpr const char* kSent =
    "UPDATE outbox SET status = 'sent', sent_at = $2, attempts = attempts + 1, lease_until = NULL, "
    "last_error = CASE WHEN status = 'held' THEN NULL ELSE last_error END WHERE id = $1";
constexpr const char* kSkipped =
    "UPDATE outbox SET status = 'skipped', last_error = $2, lease_until = NULL WHERE id = $1";
constexpr const char* kHold =
    "UPDATE outbox SET status = 'held', next_attempt_at = $2, last_error = $3, lease_until = NULL "
    "WHERE id = $1";
constexpr const char* kReleaseHeld =
    "UPDATE outbox SET status = 'pending', next_attempt_at = $1, last_error = NULL "
    "WHERE status = 'held'";
constexpr const char* kFailed =
    "UPDATE outbox SET status = $2, attempts = $3, next_attempt_at = $4, last_error = $5, "
    "lease_until = NULL WHERE id = $1";

Message from_row(const Row& r) {
  Message m;
  m.id = r.text(0);
  m.dedupe_key = r.text(1);
  m.kind = r.text(2);
  m.ref_id = r.opt_text(3);
  m.patient_id = r.opt_text(4);
  m.recipient = r.text(5);
  m.subject = r.text(6);
  m.body = r.text(7);
  m.due_at = instant_of(r.i64(8));
  m.status = r.text(9);
  m.attempts = static_cast<int>(r.i64(10));
  m.next_attempt_at = instant_of(r.i64(11));
  m.last_error = r.opt_text(12);
  m.created_at = instant_of(r.i64(13));
  if (auto t = r.opt_i64(14)) m.sent_at = instant_of(*t);
  return m;
}

}  // namespace

Result<bool> enqueue(Tx& tx, const Message& m) {
  ANAGEN_ASSIGN(auto n, tx.exec(kEnqueue, {val(m.id), val(m.dedupe_key), val(m.kind), val(m.ref_id),
                                           val(m.patient_id), val(m.recipient), val(m.subject),
                                           val(m.body), val(ms(m.due_at)), val(ms(m.created_at))}));
  return n > 0;
}

Result<std::vector<Message>> claim(Tx& tx, Instant now, Instant lease_until, int limit) {
  ANAGEN_ASSIGN(auto rows, tx.query(kDue, {val(ms(now)), val(limit)}));
  std::vector<Message> out;
  for (const auto& r : rows) {
    out.push_back(from_row(r));
    ANAGEN_TRY(tx.exec(kLease, {val(out.back().id), val(ms(lease_until))}));
  }
  return out;
}

Status mark_sent(Tx& tx, const std::string& id, Instant at) {
  ANAGEN_TRY(tx.exec(kSent, {val(id), val(ms(at))}));
  return ok_status();
}

Status mark_skipped(Tx& tx, const std::string& id, const std::string& why) {
  ANAGEN_TRY(tx.exec(kSkipped, {val(id), val(why)}));
  return ok_status();
}

Status hold(Tx& tx, const std::string& id, Instant until, const std::string& why) {
  ANAGEN_TRY(tx.exec(kHold, {val(id), val(ms(until)), val(why)}));
  return ok_status();
}

Status release_held(Tx& tx, Instant now) {
  ANAGEN_TRY(tx.exec(kReleaseHeld, {val(ms(now))}));
  return ok_status();
}

Status mark_failed(Tx& tx, const std::string& id, int attempts, std::optional<Instant> next,
                   const std::string& error) {
  ANAGEN_TRY(tx.exec(kFailed, {val(id), val(next ? "pending" : "failed"), val(attempts),
                               val(next ? ms(*next) : INT64_MAX), val(error)}));
  return ok_status();
}

Result<std::vector<Message>> list(Tx& tx, const Filter& f) {
  ANAGEN_ASSIGN(auto rows, tx.query(kList, {val(f.status.value_or("")),
                                            val(f.patient_id.value_or("")), val(f.limit)}));
  std::vector<Message> out;
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

}  // namespace anagen::store::outbox
