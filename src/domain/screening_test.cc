#include "domain/screening.h"

#include <gtest/gtest.h>

namespace anagen::domain {
namespace {

Answers answers(const char* json) { return parse_answers(Json::parse(json)).value(); }

TEST(EvaluateScreening, DefaultRules) {
  struct Case {
    const char* answers;
    ScreeningOutcome outcome;
    size_t findings;
  };
  using enum ScreeningOutcome;
  const Case cases[] = {
      {"{}", kEligible, 0},
      {R"({"pregnant": false, "diabetes": "none"})", kEligible, 0},
      {R"({"pregnant": true})", kIneligible, 1},
      {R"({"breastfeeding": true})", kIneligible, 1},
      {R"({"scalp_condition": true})", kIneligible, 1},
      {R"({"diabetes": "controlled"})", kIneligible, 1},
      {R"({"diabetes": "uncontrolled"})", kIneligible, 1},
      {R"({"bleeding_disorder": true})", kIneligible, 1},
      {R"({"active_scalp_infection": true})", kIneligible, 1},
      {R"({"component_allergy": true})", kIneligible, 1},
      {R"({"anticoagulants": true})", kReview, 1},
      {R"({"immunosuppressed": true})", kReview, 1},
      {R"({"cancer_treatment": true})", kReview, 1},
      {R"({"autoimmune_disease": true})", kReview, 1},
      {R"({"keloid_tendency": true})", kReview, 1},
      {R"({"recent_scalp_surgery": true})", kReview, 1},
      {R"({"isotretinoin_last_12_months": true})", kReview, 1},
      {R"({"uncontrolled_hypertension": true})", kReview, 1},
      {R"({"anticoagulants": true, "pregnant": true})", kIneligible, 2},
  };
  for (const auto& c : cases) {
    auto r = evaluate_screening(answers(c.answers), default_rule_set());
    EXPECT_EQ(r.outcome, c.outcome) << c.answers;
    EXPECT_EQ(r.findings.size(), c.findings) << c.answers;
  }
}

TEST(EvaluateScreening, FindingsFollowQuestionOrderWithMessages) {
  auto r = evaluate_screening(answers(R"({"keloid_tendency": true, "pregnant": true})"),
                              default_rule_set());
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].code, "pregnant");
  EXPECT_EQ(r.findings[0].severity, Severity::kAbsolute);
  EXPECT_EQ(r.findings[1].code, "keloid_tendency");
  EXPECT_FALSE(r.findings[1].message.empty());
}

TEST(EvaluateScreening, ClinicRulesChangeSeverities) {
  RuleSet rules = default_rule_set();
  rules.severity["anticoagulants"] = Severity::kAbsolute;
  rules.severity["pregnant"] = Severity::kIgnore;
  rules.severity["diabetes.controlled"] = Severity::kRelative;
  EXPECT_EQ(evaluate_screening(answers(R"({"anticoagulants": true})"), rules).outcome,
            ScreeningOutcome::kIneligible);
  EXPECT_EQ(evaluate_screening(answers(R"({"pregnant": true})"), rules).outcome,
            ScreeningOutcome::kEligible);
  EXPECT_EQ(evaluate_screening(answers(R"({"diabetes": "controlled"})"), rules).outcome,
            ScreeningOutcome::kReview);
  EXPECT_EQ(evaluate_screening(answers(R"({"diabetes": "insulin_dependent"})"), rules).outcome,
            ScreeningOutcome::kIneligible);
}

TEST(ParseAnswers, NamesEveryBadField) {
  auto r = parse_answers(Json::parse(R"({"pregnant": "yes", "diabetes": "type 2", "x": true})"));
  ASSERT_FALSE(r.ok());
  std::vector<std::string> fields;
  for (const auto& f : r.error().fields) fields.push_back(f.field);
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(fields,
            (std::vector<std::string>{"answers.diabetes", "answers.pregnant", "answers.x"}));
}

TEST(ParseRules, AcceptsKnownCodesAndLevels) {
  EXPECT_TRUE(
      parse_rules(
          Json::parse(R"({"scalp_condition": "relative", "diabetes.controlled": "ignore"})"))
          .ok());
  EXPECT_FALSE(parse_rules(Json::parse(R"({"pregnant": "sometimes"})")).ok());
  EXPECT_FALSE(parse_rules(Json::parse(R"({"diabetes.type1": "absolute"})")).ok());
}

TEST(ParseRules, KeepsTheFloor) {
  // Pregnancy always rules the treatment out; scalp disease, diabetes and
  // haemophilia may be relative but never ignored.
  for (const char* rules :
       {R"({"pregnant": "relative"})", R"({"pregnant": "ignore"})",
        R"({"bleeding_disorder": "ignore"})", R"({"scalp_condition": "ignore"})",
        R"({"diabetes": "ignore"})", R"({"diabetes.uncontrolled": "ignore"})"}) {
    auto r = parse_rules(Json::parse(rules));
    ASSERT_FALSE(r.ok()) << rules;
    EXPECT_EQ(r.error().fields.size(), 1u) << rules;
  }
  EXPECT_TRUE(parse_rules(Json::parse(R"({"bleeding_disorder": "relative"})")).ok());
}

TEST(Override, OnlyReviewOnce) {
  EXPECT_TRUE(check_override(ScreeningOutcome::kReview, false).ok());
  EXPECT_EQ(check_override(ScreeningOutcome::kReview, true).error().code, ErrorCode::kConflict);
  EXPECT_EQ(check_override(ScreeningOutcome::kIneligible, false).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(check_override(ScreeningOutcome::kEligible, false).error().code, ErrorCode::kConflict);
}

TEST(Screening, ExpiryAndClearance) {
  Screening s;
  s.screened_on = *parse_date("2026-01-05");
  s.expires_on = screening_expiry(s.screened_on, 180);
  EXPECT_EQ(format_date(s.expires_on), "2026-07-04");
  EXPECT_TRUE(s.current_on(*parse_date("2026-07-04")));
  EXPECT_FALSE(s.current_on(*parse_date("2026-07-05")));
  s.result.outcome = ScreeningOutcome::kReview;
  EXPECT_FALSE(s.clears_treatment());
  s.override_ = ScreeningOverride{"reason given", "u", {}};
  EXPECT_TRUE(s.clears_treatment());
}

}  // namespace
}  // namespace anagen::domain
