#include "domain/patient.h"

#include <gtest/gtest.h>

namespace anagen::domain {
namespace {

TEST(PatientRules, Email) {
  for (auto ok : {"a@b.co", "first.last+tag@clinic.example.es"})
    EXPECT_TRUE(is_valid_email(ok)) << ok;
  for (auto bad : {"", "a", "a@b", "@b.co", "a@@b.co", "a b@c.de", "a@b..co", "a@.co", "a@b.c"}) {
    EXPECT_FALSE(is_valid_email(bad)) << bad;
  }
}

TEST(PatientRules, Phone) {
  for (auto ok : {"+34 612 34 56 78", "(555) 123-4567", "0612345678", "123456"}) {
    EXPECT_TRUE(is_valid_phone(ok)) << ok;
  }
  for (auto bad : {"12345", "call me", "+34+612345678", "1234567890123456", "12-34-5a"}) {
    EXPECT_FALSE(is_valid_phone(bad)) << bad;
  }
}

TEST(PatientRules, BirthDateInThePastAndPlausible) {
  Date today = *parse_date("2026-01-05");
  PatientFields f{"A", "B", *parse_date("1990-01-01"), "female", std::nullopt, std::nullopt};
  EXPECT_TRUE(check_patient(f, today).empty());
  f.birth_date = today;
  ASSERT_EQ(check_patient(f, today).size(), 1u);
  EXPECT_EQ(check_patient(f, today)[0].field, "birth_date");
  f.birth_date = *parse_date("1890-01-01");
  EXPECT_EQ(check_patient(f, today).size(), 1u);
}

TEST(PatientRules, AgeOn) {
  EXPECT_EQ(age_on(*parse_date("1990-06-15"), *parse_date("2026-06-14")), 35);
  EXPECT_EQ(age_on(*parse_date("1990-06-15"), *parse_date("2026-06-15")), 36);
  EXPECT_EQ(age_on(*parse_date("2000-02-29"), *parse_date("2026-02-28")), 25);
}

TEST(PatientSearch, TermsOfAPatient) {
  PatientFields p{"Ana María", "Ruiz", {}, "female", " Ana.Ruiz@Example.test", "+34 612-345"};
  EXPECT_EQ(search_terms(p),
            (std::vector<std::string>{"ana", "maria", "ruiz", "@ana.ruiz@example.test", "#34612345",
                                      "#4612345", "#612345", "#12345", "#2345"}));
  p.email.reset();
  p.phone = "123";  // Too short to be looked for by its digits.
  EXPECT_EQ(search_terms(p), (std::vector<std::string>{"ana", "maria", "ruiz"}));
}

TEST(PatientSearch, WhatASearchTextAsksFor) {
  // A number is looked for by its last 8 digits: with or without the code.
  EXPECT_EQ(query_terms(" +34 (612) 345-678 "), std::vector<std::string>{"#12345678"});
  EXPECT_EQ(query_terms("0034612345678"), std::vector<std::string>{"#12345678"});
  EXPECT_EQ(query_terms("612 345 678"), std::vector<std::string>{"#12345678"});
  EXPECT_EQ(query_terms("2345"), std::vector<std::string>{"#2345"});
  EXPECT_EQ(query_terms("Ana.Ruiz@Exa"), std::vector<std::string>{"@ana.ruiz@exa"});
  EXPECT_EQ(query_terms("García 12"), (std::vector<std::string>{"garcia", "12"}));
  EXPECT_EQ(query_terms("6"), std::vector<std::string>{"6"});  // a name word, not every number
  EXPECT_EQ(query_terms("03/02/1988"), (std::vector<std::string>{"03", "02", "1988"}));
  EXPECT_EQ(email_start_term("Carmen_Work.2019"), "@carmen_work.2019");
  EXPECT_EQ(email_start_term("carmen lopez"), std::nullopt);
  EXPECT_EQ(email_start_term("655431"), std::nullopt);
}

}  // namespace
}  // namespace anagen::domain
