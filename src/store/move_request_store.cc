#include "store/move_request_store.h"

#include "store/store_util.h"

namespace anagen::store::move_requests {
namespace {

constexpr const char* kInsert =
    "INSERT INTO move_requests (id, appointment_id, patient_id, message, created_at) "
    "VALUES ($1, $2, $3, $4, $5)";
#define ANAGEN_REQUEST_COLUMNS \
  "SELECT id, appointment_id, patient_id, message, created_at FROM move_requests "
constexpr const char* kOpen = ANAGEN_REQUEST_COLUMNS
    "WHERE closed_at IS NULL AND ($1 = '' OR patient_id = $1) ORDER BY created_at, id";
constexpr const char* kOpenFor =
    ANAGEN_REQUEST_COLUMNS "WHERE closed_at IS NULL AND appointment_id = $1";
#undef ANAGEN_REQUEST_COLUMNS
constexpr const char* kClose =
    "UPDATE move_requests SET closed_at = $2, closed_by = $3, outcome = $4 "
    "WHERE id = $1 AND closed_at IS NULL";
constexpr const char* kCloseFor =
    "UPDATE move_requests SET closed_at = $2, closed_by = $3, outcome = $4 "
    "WHERE appointment_id = $1 AND closed_at IS NULL";

Request from_row(const Row& r) {
  return {r.text(0), r.text(1), r.text(2), r.text(3), instant_of(r.i64(4))};
}

}  // namespace

Status insert(Tx& tx, const Request& r) {
  ANAGEN_TRY(tx.exec(kInsert, {val(r.id), val(r.appointment_id), val(r.patient_id), val(r.message),
                               val(ms(r.created_at))}));
  return ok_status();
}

Result<std::vector<Request>> open(Tx& tx, const std::optional<std::string>& patient_id) {
  ANAGEN_ASSIGN(auto rows, tx.query(kOpen, {val(patient_id.value_or(""))}));
  std::vector<Request> out;
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

Result<std::optional<Request>> open_for_appointment(Tx& tx, const std::string& appointment_id) {
  ANAGEN_ASSIGN(auto row, tx.query_one(kOpenFor, {val(appointment_id)}));
  if (!row) return std::optional<Request>();
  return std::optional<Request>(from_row(*row));
}

Result<bool> close(Tx& tx, const std::string& id, Instant at, const std::string& by,
                   const std::string& outcome) {
  ANAGEN_ASSIGN(auto n, tx.exec(kClose, {val(id), val(ms(at)), val(by), val(outcome)}));
  return n > 0;
}

Status close_for_appointment(Tx& tx, const std::string& appointment_id, Instant at,
                             const std::string& by, const std::string& outcome) {
  ANAGEN_TRY(tx.exec(kCloseFor, {val(appointment_id), val(ms(at)), val(by), val(outcome)}));
  return ok_status();
}

}  // namespace anagen::store::move_requests
