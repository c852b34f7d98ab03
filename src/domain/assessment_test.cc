#include "domain/assessment.h"

#include <gtest/gtest.h>

namespace anagen::domain {
namespace {

TEST(GradeSeverity, DefaultsPerScale) {
  struct Case {
    const char* scale;
    const char* grade;
    Severity3 severity;
  };
  using enum Severity3;
  const Case cases[] = {
      {"norwood", "I", kMild},          {"norwood", "IIa", kMild},
      {"norwood", "III", kModerate},    {"norwood", "III vertex", kModerate},
      {"norwood", "IVa", kModerate},    {"norwood", "V", kAdvanced},
      {"norwood", "VII", kAdvanced},    {"ludwig", "I", kMild},
      {"ludwig", "II", kModerate},      {"ludwig", "III", kAdvanced},
      {"sinclair", "2", kMild},         {"sinclair", "3", kModerate},
      {"sinclair", "4", kAdvanced},     {"savin", "I-3", kMild},
      {"savin", "II-2", kModerate},     {"savin", "frontal", kModerate},
      {"savin", "advanced", kAdvanced}, {"savin", "III", kAdvanced},
  };
  for (const auto& c : cases) {
    const GradingScale* s = find_scale(c.scale);
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(grade_severity(*s, c.grade), c.severity) << c.scale << " " << c.grade;
  }
}

TEST(GradeSeverity, ClinicOverrides) {
  SeverityOverrides o{{"norwood", {{"IV", Severity3::kAdvanced}}}};
  EXPECT_EQ(grade_severity(*find_scale("norwood"), "IV", o), Severity3::kAdvanced);
  EXPECT_EQ(grade_severity(*find_scale("norwood"), "III", o), Severity3::kModerate);
}

TEST(CanonicalGrade, AcceptsVariantsRejectsOthers) {
  struct Case {
    const char* scale;
    const char* given;
    const char* canonical;  // nullptr: not on the scale
  };
  const Case cases[] = {
      {"norwood", "III vertex", "III vertex"},
      {"norwood", "IIIv", "III vertex"},
      {"norwood", "iii-Vertex", "III vertex"},
      {"norwood", "iia", "IIa"},
      {"norwood", "VIII", nullptr},
      {"norwood", "3", nullptr},
      {"ludwig", "IV", nullptr},
      {"sinclair", "5", "5"},
      {"sinclair", "0", nullptr},
      {"savin", "I2", "I-2"},
      {"savin", "II-3", nullptr},
      {"savin", "Frontal", "frontal"},
      {"norwood", "", nullptr},
  };
  for (const auto& c : cases) {
    auto g = canonical_grade(*find_scale(c.scale), c.given);
    if (c.canonical) {
      EXPECT_EQ(g, c.canonical) << c.scale << " " << c.given;
    } else {
      EXPECT_FALSE(g) << c.scale << " " << c.given;
    }
  }
}

TEST(Candidacy, RootsAndScarringDecide) {
  struct Case {
    Diagnosis diagnosis;
    bool roots;
    bool candidate;
  };
  using enum Diagnosis;
  for (auto c : {Case{kAndrogenetic, true, true}, Case{kAndrogenetic, false, false},
                 Case{kScarring, true, false}, Case{kScarring, false, false},
                 Case{kTelogenEffluvium, true, true}, Case{kAlopeciaAreata, true, true},
                 Case{kOther, true, true}}) {
    AssessmentInput in{c.diagnosis, "ludwig", "I", c.roots, std::nullopt, std::nullopt};
    auto r = evaluate_candidacy(in, Severity3::kMild);
    EXPECT_EQ(r.candidate, c.candidate) << to_string(c.diagnosis) << " roots=" << c.roots;
    EXPECT_FALSE(r.reasons.empty());
  }
}

TEST(Candidacy, NotesPositivePullTestAndAdvancedGrade) {
  AssessmentInput in{Diagnosis::kAndrogenetic, "norwood", "VI", true, 5, std::nullopt};
  auto r = evaluate_candidacy(in, Severity3::kAdvanced);
  EXPECT_TRUE(r.candidate);
  ASSERT_EQ(r.reasons.size(), 3u);
  EXPECT_NE(r.reasons[1].find("Advanced"), std::string::npos);
  EXPECT_NE(r.reasons[2].find("pull test"), std::string::npos);
  in.pull_test_hairs = 2;
  EXPECT_EQ(evaluate_candidacy(in, Severity3::kMild).reasons.size(), 1u);
}

}  // namespace
}  // namespace anagen::domain
