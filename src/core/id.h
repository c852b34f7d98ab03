// Opaque identifiers.
#pragma once

#include <string>
#include <string_view>

namespace anagen {

// A new random identifier: 26 lowercase base32 characters, the first ten
// ordered by creation time (so new rows append to indexes), the rest 80
// random bits. Clients must treat ids as opaque strings.
std::string new_id();

// True when s has the shape of an id (used to reject junk before a lookup).
bool is_id(const std::string& s);

// A random token of `bytes` bytes, base64url without padding.
std::string random_token(size_t bytes = 32);

// The SHA-256 of `data`, 64 lowercase hex digits: a stored file's checksum.
std::string sha256_hex(std::string_view data);

}  // namespace anagen
