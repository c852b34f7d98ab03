// Users (staff and, later, portal patients) and their sign-in sessions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/roles.h"
#include "core/clock.h"
#include "store/db.h"

namespace anagen::store::users {

struct User {
  std::string id;
  std::string email;  // the sign-in key: stored and looked up lower-cased
  std::string name;
  auth::Role role = auth::Role::kReceptionist;
  std::string password_hash;
  bool active = true;
  int failed_logins = 0;
  std::optional<Instant> last_failed_at;
  std::optional<std::string> patient_id;  // for patient accounts
  Instant created_at{};
};

// kConflict when the email is taken.
Status insert(Tx& tx, const User& u);
Result<std::optional<User>> find_by_email(Tx& tx, const std::string& email);
Result<std::optional<User>> find_by_id(Tx& tx, const std::string& id);
// The patient's portal account, if they have one.
Result<std::optional<User>> find_by_patient(Tx& tx, const std::string& patient_id);
Result<std::vector<User>> list(Tx& tx);
Result<int64_t> count(Tx& tx);
Status record_failed_login(Tx& tx, const std::string& id, Instant at);
Status reset_failed_logins(Tx& tx, const std::string& id);
Status update(Tx& tx, const User& u);

struct Session {
  User user;
  Instant last_seen_at{};
};
Status insert_session(Tx& tx, const std::string& token_hash, const std::string& user_id,
                      Instant now, const std::string& ip);
Result<std::optional<Session>> find_session(Tx& tx, const std::string& token_hash);
Status touch_session(Tx& tx, const std::string& token_hash, Instant now);
Status delete_session(Tx& tx, const std::string& token_hash);
Status delete_sessions_of(Tx& tx, const std::string& user_id);

}  // namespace anagen::store::users
