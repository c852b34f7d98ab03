#include "core/text.h"

#include <gtest/gtest.h>

namespace anagen {
namespace {

TEST(Fold, StripsCaseAndAccents) {
  struct Case {
    const char* in;
    const char* out;
  };
  for (auto c : {Case{"Núñez", "nunez"}, Case{"ÉLODIE", "elodie"}, Case{"Straße", "strasse"},
                 Case{"Ødegård", "odegard"}, Case{"Łukasz", "lukasz"}, Case{"Çağlar", "caglar"},
                 Case{"Dvořák", "dvorak"}, Case{"e\xcc\x81", "e"},  // decomposed é
                 Case{"plain", "plain"}}) {
    EXPECT_EQ(fold(c.in), c.out) << c.in;
  }
}

TEST(AsciiLower, LowersAsciiLettersOnly) {
  EXPECT_EQ(ascii_lower("Ana.Lopez@Example.TEST"), "ana.lopez@example.test");
  EXPECT_EQ(ascii_lower("ÑÚ-Content-Type"), "ÑÚ-content-type");  // UTF-8 bytes kept as they are
}

TEST(SearchWords, SplitsNamesIntoFoldedWords) {
  EXPECT_EQ(search_words("García-López  O'Neil"),
            (std::vector<std::string>{"garcia", "lopez", "o", "neil"}));
  EXPECT_TRUE(search_words("  ").empty());
}

TEST(CleanUtf8, RejectsControlCharactersAndBadBytes) {
  EXPECT_TRUE(is_clean_utf8("Ana\tMaría\n"));
  EXPECT_FALSE(is_clean_utf8(std::string("a\0b", 3)));
  EXPECT_FALSE(is_clean_utf8("\xff\xfe"));
  EXPECT_FALSE(is_clean_utf8("\xc0\xaf"));  // overlong
  EXPECT_EQ(utf8_length("Núñez"), 5u);
}

TEST(ValidUtf8, AllowsControlCharactersNotBadBytes) {
  EXPECT_TRUE(is_valid_utf8(std::string("a\0b\n", 4)));
  EXPECT_FALSE(is_valid_utf8("\xff"));
  EXPECT_FALSE(is_valid_utf8("\xc0\x80"));  // overlong
}

TEST(Utf8Prefix, CutsAtACharacterBoundary) {
  EXPECT_EQ(utf8_prefix("abc", 60), "abc");
  EXPECT_EQ(utf8_prefix("ab\xc3\xa9", 3), "ab");  // not half of the é
  EXPECT_EQ(utf8_prefix("ab\xc3\xa9", 4), "ab\xc3\xa9");
}

TEST(VisibleLength, CountsOnlyWhatShows) {
  // What shows: no-break, ideographic and zero-width spaces, separators and
  // the BOM do not count; accented letters count once each.
  EXPECT_EQ(visible_length("Núñez"), 5u);
  EXPECT_EQ(visible_length("\u00a0\u00a0\u3000\u2028\u200b\ufeff \t"), 0u);
  EXPECT_EQ(visible_length("a\u00a0b"), 2u);
}

}  // namespace
}  // namespace anagen
