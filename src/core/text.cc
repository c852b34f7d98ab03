#include "core/text.h"

#include <cctype>
#include <cstdint>
#include <unordered_map>

namespace anagen {
namespace {

// Decodes one code point at s[i]; returns its byte length, 0 when malformed.
size_t decode(std::string_view s, size_t i, uint32_t& cp) {
  auto b = static_cast<unsigned char>(s[i]);
  size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  cp = n == 1 ? b : n == 2 ? (b & 0x1f) : n == 3 ? (b & 0x0f) : (b & 0x07);
  for (size_t k = 1; k < n; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c >> 6) != 2) return 0;
    cp = (cp << 6) | (c & 0x3f);
  }
  static const uint32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_for_len[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

// Base letters of Latin-1 Supplement and Latin Extended-A (U+00C0..U+017F),
// indexed from U+00C0; "" keeps the code point.
// clang-format off
const char* const kLatin[] = {
    // C0-CF
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    // D0-DF
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
    // E0-EF
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    // F0-FF
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
    // 100-11F
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    // 120-13F
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
    // 140-15F
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
    // 160-17F
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};
// clang-format on

bool is_word_char(uint32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
         cp >= 0x80;
}

}  // namespace

std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    uint32_t cp;
    size_t n = decode(s, i, cp);
    if (n == 0) {
      ++i;
      continue;
    }
    i += n;
    if (cp >= 'A' && cp <= 'Z') {
      out += static_cast<char>(cp - 'A' + 'a');
    } else if (cp >= 0xc0 && cp <= 0x17f && kLatin[cp - 0xc0][0] != '\0') {
      out += kLatin[cp - 0xc0];
    } else if (cp >= 0x300 && cp <= 0x36f) {
      // Combining diacritical marks (decomposed input): drop.
    } else {
      append_utf8(out, cp);
    }
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<std::string> search_words(std::string_view utf8) {
  std::string folded = fold(utf8);
  std::vector<std::string> words;
  std::string cur;
  for (size_t i = 0; i < folded.size();) {
    uint32_t cp;
    size_t n = decode(folded, i, cp);
    if (n == 0) n = 1, cp = 0;
    if (is_word_char(cp) && cp != 0xd7 && cp != 0xf7) {
      cur.append(folded, i, n);
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
    i += n;
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

namespace {

// True when s is valid UTF-8 and `ok` holds for each of its code points.
template <class Pred>
bool all_code_points(std::string_view s, Pred ok) {
  for (size_t i = 0; i < s.size();) {
    uint32_t cp;
    const size_t n = decode(s, i, cp);
    if (n == 0 || !ok(cp)) return false;
    i += n;
  }
  return true;
}

}  // namespace

bool is_clean_utf8(std::string_view s) {
  return all_code_points(s, [](uint32_t cp) {
    return (cp >= 0x20 || cp == '\t' || cp == '\n' || cp == '\r') && cp != 0x7f;
  });
}

bool is_valid_utf8(std::string_view s) {
  return all_code_points(s, [](uint32_t) { return true; });
}

std::string_view utf8_prefix(std::string_view s, size_t bytes) {
  if (s.size() <= bytes) return s;
  while (bytes > 0 && (static_cast<unsigned char>(s[bytes]) & 0xc0) == 0x80) --bytes;
  return s.substr(0, bytes);
}

std::string ascii_lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

size_t visible_length(std::string_view s) {
  auto blank = [](uint32_t cp) {
    return cp <= 0x20 || cp == 0x7f || cp == 0x85 || cp == 0xa0 || cp == 0x1680 || cp == 0x180e ||
           (cp >= 0x2000 && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202f) ||
           (cp >= 0x205f && cp <= 0x2064) || cp == 0x3000 || cp == 0xfeff;
  };
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    uint32_t cp;
    size_t len = decode(s, i, cp);
    if (len == 0) {
      ++i;  // malformed byte: not a character
      continue;
    }
    n += !blank(cp);
    i += len;
  }
  return n;
}

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xc0) != 0x80;
  return n;
}

}  // namespace anagen
