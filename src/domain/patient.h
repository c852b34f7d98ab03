// Patient demographics and the rules their fields must meet.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"

namespace anagen::domain {

struct PatientFields {
  std::string given_name;
  std::string family_name;
  Date birth_date;
  std::string sex;  // female, male, other, unknown
  std::optional<std::string> email;
  std::optional<std::string> phone;
};

#define ANAGEN_SEXES \
  { "female", "male", "other", "unknown" }

// "Given Family", as staff lists and calendars show a patient.
inline std::string full_name(const std::string& given, const std::string& family) {
  return given + " " + family;
}
inline std::string full_name(const PatientFields& f) {
  return full_name(f.given_name, f.family_name);
}

// Field errors for values that parse but break a rule: a birth date that is
// not in the past or is implausibly old, a malformed email or phone number.
std::vector<FieldError> check_patient(const PatientFields& p, Date today);

bool is_valid_email(std::string_view email);
// Digits with optional leading +, spaces, dots, dashes and parentheses; 6-15 digits.
bool is_valid_phone(std::string_view phone);

// What a patient is found by in search: the folded words of the names, the
// email whole (folded, marked "@"), and every tail of at least
// kMinPhoneDigits of the phone's digits (marked "#"), so that any run of 4
// or more of its digits finds it. Terms are matched by prefix.
std::vector<std::string> search_terms(const PatientFields& p);
// The terms a search text asks for, each the prefix of some term of the
// patient: a phone number (only digits and + ( ) - . and spaces, at least
// kMinPhoneDigits digits) is one term of its last 8 digits, so a number
// with or without its country code finds the other; an email (an @) one
// term; other text its words.
std::vector<std::string> query_terms(std::string_view text);
// A single token with a letter and no @ ("carmen_work.2019") may be the start
// of an email: the term to look for when its words find no one.
std::optional<std::string> email_start_term(std::string_view text);
constexpr size_t kMinPhoneDigits = 4;

// Age in whole years on `on`.
int age_on(Date birth, Date on);

}  // namespace anagen::domain

namespace anagen::domain {

struct Patient {
  std::string id;
  PatientFields fields;
  int version = 1;  // raised on each update
  Instant created_at{};
  Instant updated_at{};
};

}  // namespace anagen::domain
