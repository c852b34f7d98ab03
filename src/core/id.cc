#include "core/id.h"

#include <sodium.h>

#include <chrono>

namespace anagen {
namespace {
const char kAlphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";  // Crockford base32
// libsodium must be initialised before its random generator is used.
const int kSodiumReady = sodium_init();
}  // namespace

std::string new_id() {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::system_clock::now().time_since_epoch())
                .count();
  std::string out(26, '0');
  for (int i = 9; i >= 0; --i) {
    out[i] = kAlphabet[ms & 31];
    ms >>= 5;
  }
  unsigned char rnd[10];
  randombytes_buf(rnd, sizeof rnd);
  // 80 bits -> 16 characters of 5 bits.
  unsigned __int128 bits = 0;
  for (unsigned char b : rnd) bits = (bits << 8) | b;
  for (int i = 25; i >= 10; --i) {
    out[i] = kAlphabet[static_cast<unsigned>(bits & 31)];
    bits >>= 5;
  }
  return out;
}

bool is_id(const std::string& s) {
  if (s.size() != 26) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) return false;
  }
  return true;
}

std::string random_token(size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0') == std::string::npos ? out.size() : out.find('\0'));
  return out;
}

std::string sha256_hex(std::string_view data) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

}  // namespace anagen
