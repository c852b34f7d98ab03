#include "domain/patient.h"

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

bool is_valid_phone(std::string_view p) {
  int digits = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      ++digits;
    } else if (c == '+' && i == 0) {
    } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
      return false;
    }
  }
  return digits >= 6 && digits <= 15;
}

namespace {

// The digits of a phone number as written ("+34 (612) 345-678"), or "" if
// it holds anything a phone number does not.
std::string phone_digits(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c)))
      digits += c;
    else if (c != '+' && c != ' ' && c != '-' && c != '.' && c != '(' && c != ')')
      return "";
  }
  return digits;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

std::vector<std::string> search_terms(const PatientFields& p) {
  std::vector<std::string> terms = search_words(full_name(p));
  if (p.email && !p.email->empty()) terms.push_back(fold(trimmed(*p.email)));
  if (p.phone) {
    const std::string digits = phone_digits(*p.phone);
    for (size_t i = 0; digits.size() >= kMinPhoneDigits && i + kMinPhoneDigits <= digits.size();
         ++i)
      terms.push_back(digits.substr(i));
  }
  return terms;
}

std::vector<std::string> query_terms(std::string_view text) {
  text = trimmed(text);
  if (text.find('@') != std::string_view::npos) return {fold(text)};
  if (std::string digits = phone_digits(text); digits.size() >= kMinPhoneDigits) return {digits};
  return search_words(text);
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
