#include "auth/password.h"

#include <sodium.h>

#include "core/id.h"
#include "core/text.h"

namespace anagen::auth {
namespace {
const int kSodiumReady = sodium_init();
}

std::optional<std::string> hash_password(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return std::nullopt;
  }
  return std::string(out);
}

bool verify_password(const std::string& password, const std::string& hash) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string password_problem(const std::string& password) {
  if (utf8_length(password) < 10) return "must be at least 10 characters";
  if (password.size() > 256) return "must be at most 256 bytes";
  return "";
}

std::optional<std::string> read_new_password(JsonReader& r, const char* field, Need need) {
  auto password = r.text(field, need, 256);
  if (password) {
    auto problem = password_problem(*password);
    if (!problem.empty()) r.fail(field, problem);
  }
  return password;
}

std::string generate_password() {
  // 20 characters of base64url: about 120 bits.
  return random_token(15);
}

std::string new_session_token() { return random_token(32); }

std::string token_hash(const std::string& token) {
  unsigned char h[crypto_generichash_BYTES];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[crypto_generichash_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

}  // namespace anagen::auth
