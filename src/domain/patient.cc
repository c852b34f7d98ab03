#include "domain/patient.h"

#include <algorithm>
#include <cctype>

#include "core/text.h"

namespace anagen::domain {

bool is_valid_email(std::string_view e) {
  auto at = e.find('@');
  if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  if (e.size() > 254) return false;
  auto domain = e.substr(at + 1);
  auto dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 3 > domain.size())
    return false;  // TLD of 2+
  if (domain.find("..") != std::string_view::npos) return false;
  for (char c : e) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == ';' || c == '<' ||
        c == '>') {
      return false;
    }
  }
  return true;
}

namespace {

// What a phone number may hold besides digits (a + only first).
bool phone_separator(char c) {
  return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+';
}

// The digits of a phone number as written ("+34 (612) 345-678"), or "" if
// it holds anything a phone number does not.
std::string phone_digits(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c)))
      digits += c;
    else if (!phone_separator(c))
      return "";
  }
  return digits;
}

// Index terms are marked by kind, so that a name word never reads through
// the phone digits or the emails (and "6" stays a name search).
constexpr char kPhoneMark = '#';
constexpr char kEmailMark = '@';
// A number is looked for by its last digits: the national number with or
// without the country code ("+34 655...", "0034 655...", "655...").
constexpr size_t kPhoneTail = 8;

}  // namespace

bool is_valid_phone(std::string_view p) {
  if (p.find('+', 1) != std::string_view::npos) return false;
  const std::string digits = phone_digits(p);  // "" when it holds anything else
  return digits.size() >= 6 && digits.size() <= 15;
}

std::vector<std::string> search_terms(const PatientFields& p) {
  std::vector<std::string> terms = search_words(full_name(p));
  if (p.email && !trim(*p.email).empty()) terms.push_back(kEmailMark + fold(trim(*p.email)));
  if (p.phone) {
    const std::string digits = phone_digits(*p.phone);
    for (size_t i = 0; digits.size() >= kMinPhoneDigits && i + kMinPhoneDigits <= digits.size();
         ++i)
      terms.push_back(kPhoneMark + digits.substr(i));
  }
  return terms;
}

std::vector<std::string> query_terms(std::string_view text) {
  text = trim(text);
  if (text.find('@') != std::string_view::npos) return {kEmailMark + fold(text)};
  if (std::string digits = phone_digits(text); digits.size() >= kMinPhoneDigits) {
    if (digits.size() > kPhoneTail) digits.erase(0, digits.size() - kPhoneTail);
    return {kPhoneMark + digits};
  }
  return search_words(text);
}

std::optional<std::string> email_start_term(std::string_view text) {
  text = trim(text);
  const bool one_token = text.find_first_of(" \t") == std::string_view::npos;
  const bool letter = std::any_of(
      text.begin(), text.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
  if (!one_token || !letter || text.find('@') != std::string_view::npos) return std::nullopt;
  return kEmailMark + fold(text);
}

int age_on(Date birth, Date on) {
  int years = static_cast<int>(on.year()) - static_cast<int>(birth.year());
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) {
    --years;
  }
  return years;
}

std::vector<FieldError> check_patient(const PatientFields& p, Date today) {
  std::vector<FieldError> errors;
  if (date::sys_days(p.birth_date) >= date::sys_days(today)) {
    errors.push_back({"birth_date", "must be a date in the past"});
  } else if (age_on(p.birth_date, today) > 130) {
    errors.push_back({"birth_date", "is more than 130 years ago; check the year"});
  }
  if (p.email && !is_valid_email(*p.email)) {
    errors.push_back({"email", "must be an email address like name@example.com"});
  }
  if (p.phone && !is_valid_phone(*p.phone)) {
    errors.push_back({"phone",
                      "must be a phone number of 6 to 15 digits, optionally starting "
                      "with + (spaces, dots, dashes and brackets allowed)"});
  }
  return errors;
}

}  // namespace anagen::domain
