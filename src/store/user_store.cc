#include "store/user_store.h"

#include "core/text.h"
#include "store/store_util.h"

namespace anagen::store::users {
namespace {

constexpr const char* kInsert =
    "INSERT INTO users (id, email, name, role, password_hash, active, failed_logins, "
    "last_failed_at, patient_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
#define ANAGEN_USER_COLUMNS                                                              \
  "SELECT id, email, name, role, password_hash, active, failed_logins, last_failed_at, " \
  "patient_id, created_at FROM users "
constexpr const char* kByEmail = ANAGEN_USER_COLUMNS "WHERE email = $1";
constexpr const char* kByPatient = ANAGEN_USER_COLUMNS "WHERE patient_id = $1";
constexpr const char* kById = ANAGEN_USER_COLUMNS "WHERE id = $1";
constexpr const char* kList = ANAGEN_USER_COLUMNS "ORDER BY name, id";
#undef ANAGEN_USER_COLUMNS
constexpr const char* kCount = "SELECT COUNT(*) FROM users";
constexpr const char* kFail =
    "UPDATE users SET failed_logins = failed_logins + 1, last_failed_at = $2 WHERE id = $1";
constexpr const char* kReset =
    "UPDATE users SET failed_logins = 0 WHERE id = $1 AND failed_logins <> 0";
constexpr const char* kUpdate =
    "UPDATE users SET email = $2, name = $3, role = $4, password_hash = $5, active = $6 "
    "WHERE id = $1";
constexpr const char* kInsertSession =
    "INSERT INTO auth_sessions (token_hash, user_id, created_at, last_seen_at, ip) "
    "VALUES ($1, $2, $3, $3, $4)";
constexpr const char* kFindSession =
    "SELECT u.id, u.email, u.name, u.role, u.password_hash, u.active, u.failed_logins, "
    "u.last_failed_at, u.patient_id, u.created_at, s.last_seen_at "
    "FROM auth_sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1";
constexpr const char* kTouch = "UPDATE auth_sessions SET last_seen_at = $2 WHERE token_hash = $1";
constexpr const char* kDeleteSession = "DELETE FROM auth_sessions WHERE token_hash = $1";
constexpr const char* kDeleteSessionsOf = "DELETE FROM auth_sessions WHERE user_id = $1";

User from_row(const Row& r) {
  User u;
  u.id = r.text(0);
  u.email = r.text(1);
  u.name = r.text(2);
  u.role = auth::parse_role(r.text(3)).value_or(auth::Role::kPatient);
  u.password_hash = r.text(4);
  u.active = r.boolean(5);
  u.failed_logins = static_cast<int>(r.i64(6));
  if (auto t = r.opt_i64(7)) u.last_failed_at = instant_of(*t);
  u.patient_id = r.opt_text(8);
  u.created_at = instant_of(r.i64(9));
  return u;
}

Result<std::optional<User>> one(Tx& tx, const char* sql, const std::string& key) {
  ANAGEN_ASSIGN(auto row, tx.query_one(sql, {val(key)}));
  if (!row) return std::optional<User>();
  return std::optional<User>(from_row(*row));
}

}  // namespace

Status insert(Tx& tx, const User& u) {
  auto r = tx.exec(
      kInsert, {val(u.id), val(ascii_lower(u.email)), val(u.name), val(auth::to_string(u.role)),
                val(u.password_hash), val(u.active), val(u.failed_logins),
                u.last_failed_at ? val(ms(*u.last_failed_at)) : Value{Null{}}, val(u.patient_id),
                val(ms(u.created_at))});
  if (!r.ok()) {
    if (r.error().code == ErrorCode::kConflict) {
      return Error::conflict("A user with the email " + u.email + " already exists.");
    }
    return r.take_error();
  }
  return ok_status();
}

Result<std::optional<User>> find_by_email(Tx& tx, const std::string& email) {
  return one(tx, kByEmail, ascii_lower(email));
}

Result<std::optional<User>> find_by_id(Tx& tx, const std::string& id) { return one(tx, kById, id); }

Result<std::optional<User>> find_by_patient(Tx& tx, const std::string& patient_id) {
  return one(tx, kByPatient, patient_id);
}

Result<std::vector<User>> list(Tx& tx) {
  ANAGEN_ASSIGN(auto rows, tx.query(kList, {}));
  std::vector<User> out;
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

Result<int64_t> count(Tx& tx) {
  ANAGEN_ASSIGN(auto row, tx.query_one(kCount, {}));
  return row->i64(0);
}

Status record_failed_login(Tx& tx, const std::string& id, Instant at) {
  ANAGEN_TRY(tx.exec(kFail, {val(id), val(ms(at))}));
  return ok_status();
}

Status reset_failed_logins(Tx& tx, const std::string& id) {
  ANAGEN_TRY(tx.exec(kReset, {val(id)}));
  return ok_status();
}

Status update(Tx& tx, const User& u) {
  auto r = tx.exec(kUpdate, {val(u.id), val(ascii_lower(u.email)), val(u.name),
                             val(auth::to_string(u.role)), val(u.password_hash), val(u.active)});
  if (!r.ok()) {
    if (r.error().code == ErrorCode::kConflict) {
      return Error::conflict("A user with the email " + u.email + " already exists.");
    }
    return r.take_error();
  }
  return ok_status();
}

Status insert_session(Tx& tx, const std::string& token_hash, const std::string& user_id,
                      Instant now, const std::string& ip) {
  ANAGEN_TRY(tx.exec(kInsertSession, {val(token_hash), val(user_id), val(ms(now)), val(ip)}));
  return ok_status();
}

Result<std::optional<Session>> find_session(Tx& tx, const std::string& token_hash) {
  ANAGEN_ASSIGN(auto row, tx.query_one(kFindSession, {val(token_hash)}));
  if (!row) return std::optional<Session>();
  return std::optional<Session>(Session{from_row(*row), instant_of(row->i64(10))});
}

Status touch_session(Tx& tx, const std::string& token_hash, Instant now) {
  ANAGEN_TRY(tx.exec(kTouch, {val(token_hash), val(ms(now))}));
  return ok_status();
}

Status delete_session(Tx& tx, const std::string& token_hash) {
  ANAGEN_TRY(tx.exec(kDeleteSession, {val(token_hash)}));
  return ok_status();
}

Status delete_sessions_of(Tx& tx, const std::string& user_id) {
  ANAGEN_TRY(tx.exec(kDeleteSessionsOf, {val(user_id)}));
  return ok_status();
}

}  // namespace anagen::store::users
