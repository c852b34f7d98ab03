// Password hashing with Argon2id (libsodium), and sign-in tokens.
#pragma once

#include <optional>
#include <string>

#include "core/json_reader.h"

namespace anagen::auth {

// An Argon2id hash string (libsodium's encoded form, salt included);
// nullopt only when the system is out of memory.
std::optional<std::string> hash_password(const std::string& password);
// Constant-time check of a password against its stored hash.
bool verify_password(const std::string& password, const std::string& hash);
// Why a new password is unacceptable, or an empty string when it is fine.
std::string password_problem(const std::string& password);
// Reads a new password from `field` of a request body; its problems (missing,
// too long, too weak) go to the reader's field errors.
std::optional<std::string> read_new_password(JsonReader& r, const char* field, Need need);
// A memorable random password for the first admin (about 100 bits).
std::string generate_password();

// A fresh random session token (43 characters) and its stored form: only the
// hash is kept, so a copy of the database cannot be used to sign in.
std::string new_session_token();
std::string token_hash(const std::string& token);

}  // namespace anagen::auth
