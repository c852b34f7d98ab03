// Text normalisation for search: case- and accent-insensitive keys.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace anagen {

// Lower-cases and strips diacritics from Latin letters ("Ñúñez" -> "nunez",
// "Straße" -> "strasse", "Øre" -> "ore"); other code points pass through
// lower-cased where ASCII. Malformed UTF-8 bytes are dropped.
std::string fold(std::string_view utf8);

// `s` without ASCII white space at either end.
std::string_view trim(std::string_view s);

// The words of folded text, split on anything that is not a letter or digit
// ("Smith-Jones O'Neil" -> smith, jones, o, neil).
std::vector<std::string> search_words(std::string_view utf8);

// ASCII letters lower-cased, every other byte kept ("Ana.Lopez@Example.TEST"
// -> "ana.lopez@example.test"): for keys compared without case, such as
// sign-in emails, HTTP header names and file extensions.
std::string ascii_lower(std::string s);

// True when s is valid UTF-8 without control characters other than \t\n\r.
bool is_clean_utf8(std::string_view s);

// True when s is valid UTF-8 (control characters allowed).
bool is_valid_utf8(std::string_view s);

// s cut to at most `bytes` bytes, at a character boundary (valid UTF-8 stays valid).
std::string_view utf8_prefix(std::string_view s, size_t bytes);

// Number of code points in valid UTF-8.
size_t utf8_length(std::string_view s);

// Number of code points that show: not white space (Unicode's, the no-break
// and ideographic spaces, line and paragraph separators included) nor
// invisible format characters (zero-width spaces and joiners, BOM).
size_t visible_length(std::string_view utf8);

}  // namespace anagen
