#include "domain/outcome.h"

#include <gtest/gtest.h>

namespace anagen::domain {
namespace {

Date d(const char* s) { return *parse_date(s); }

Measurement measure(const char* kind, double value, const char* on,
                    std::optional<std::string> site = std::nullopt) {
  Measurement m;
  m.kind = kind;
  m.value = value;
  m.taken_on = d(on);
  m.site = std::move(site);
  return m;
}

// Density is compared at the marked site of its baseline only: a figure from
// another site is charted but neither the latest value nor the response.
TEST(Progress, DensityIsComparedAtTheBaselineSiteOnly) {
  const std::vector<Measurement> ms = {
      measure("density", 120, "2026-01-05", "vertex mark"),
      measure("density", 200, "2026-04-20", "occipital"),
      measure("density", 132, "2026-04-15", "Vertex  MARK"),
  };
  Progress p = evaluate_progress(ms, d("2026-01-05"), d("2026-04-25"), Thresholds{});
  const Series& s = p.series.at("density");
  EXPECT_EQ(s.points.size(), 3u);
  EXPECT_EQ(s.site, "vertex mark");
  EXPECT_EQ(s.latest, 132);
  EXPECT_EQ(s.latest_on, d("2026-04-15"));
  ASSERT_TRUE(s.change_percent.has_value());
  EXPECT_NEAR(*s.change_percent, 10.0, 1e-9);
  EXPECT_FALSE(s.compares(ms[1]));
  EXPECT_EQ(p.evaluation, Evaluation::kResponder);
  EXPECT_EQ(p.explanation, "Density +10% against the baseline (latest since 5 Apr 2026).");
}

TEST(Progress, AFigureFromAnotherSiteLeavesTheEvaluationDueAndSaysWhy) {
  std::vector<Measurement> ms = {
      measure("density", 120, "2026-01-05", "vertex"),
      measure("density", 60, "2026-04-15", "occipital"),
  };
  Progress p = evaluate_progress(ms, d("2026-01-05"), d("2026-04-25"), Thresholds{});
  EXPECT_EQ(p.evaluation, Evaluation::kDue);
  EXPECT_NE(p.explanation.find("against the baseline (the density of 15 Apr 2026 is from "
                               "occipital, not the baseline's vertex)"),
            std::string::npos)
      << p.explanation;
  EXPECT_EQ(p.series.at("density").latest, 120);
  EXPECT_FALSE(p.series.at("density").change.has_value());
  // A figure whose site was not written down (or is only "-") is taken to be
  // the marked one.
  ms.push_back(measure("density", 132, "2026-04-20", "-"));
  p = evaluate_progress(ms, d("2026-01-05"), d("2026-04-25"), Thresholds{});
  EXPECT_EQ(p.evaluation, Evaluation::kResponder) << p.explanation;
  EXPECT_EQ(p.series.at("density").latest, 132);
}

// A shedding count or a rating belongs to no site: any two compare.
TEST(Progress, CountsWithoutASiteAreComparedWhateverTheSite) {
  const std::vector<Measurement> ms = {
      measure("shedding_count", 150, "2026-01-05", "bathroom"),
      measure("shedding_count", 110, "2026-01-08"),
  };
  Progress p = evaluate_progress(ms, d("2026-01-05"), d("2026-01-10"), Thresholds{});
  const Series& s = p.series.at("shedding_count");
  EXPECT_FALSE(s.site.has_value());
  EXPECT_EQ(s.latest, 110);
  EXPECT_EQ(s.change, -40);
}

// Every density fell by a third while the photographs were rated +1: the
// clinic's rule says responder, but the class is flagged for a clinician
// before anyone tells the patient.
TEST(Progress, MeasuresThatDisagreeAreFlagged) {
  std::vector<Measurement> ms = {
      measure("density", 150, "2026-01-05", "vertex"),
      measure("density", 97, "2026-04-15", "vertex"),
      measure("photo_rating", 1, "2026-04-15"),
  };
  Progress p = evaluate_progress(ms, d("2026-01-05"), d("2026-04-25"), Thresholds{});
  EXPECT_EQ(p.evaluation, Evaluation::kResponder);
  EXPECT_TRUE(p.conflicting);
  EXPECT_NE(p.explanation.find("disagree: check both before telling the patient"),
            std::string::npos)
      << p.explanation;
  // A small fall beside a good rating is no contradiction.
  ms[1].value = 146;
  p = evaluate_progress(ms, d("2026-01-05"), d("2026-04-25"), Thresholds{});
  EXPECT_EQ(p.evaluation, Evaluation::kResponder);
  EXPECT_FALSE(p.conflicting);
  // Nor is a density response beside a neutral rating; a worse one is.
  ms[1].value = 170;
  ms[2].value = 0;
  EXPECT_FALSE(evaluate_progress(ms, d("2026-01-05"), d("2026-04-25"), Thresholds{}).conflicting);
  ms[2].value = -1;
  EXPECT_TRUE(evaluate_progress(ms, d("2026-01-05"), d("2026-04-25"), Thresholds{}).conflicting);
}

// With no density on or before the first session there is no baseline: a
// density taken later cannot be compared, and the evaluation says to rate
// the photographs instead of asking for a density again.
TEST(Progress, WithoutABaselineDensityThePhotographsJudge) {
  std::vector<Measurement> ms = {measure("density", 180, "2026-04-15", "vertex")};
  Progress p = evaluate_progress(ms, d("2026-01-05"), d("2026-04-25"), Thresholds{});
  EXPECT_EQ(p.evaluation, Evaluation::kDue);
  EXPECT_NE(p.explanation.find("Due: no baseline density (none on or before the first session, "
                               "5 Jan 2026): rate the photographs"),
            std::string::npos)
      << p.explanation;
  ms.push_back(measure("photo_rating", 2, "2026-04-20"));
  EXPECT_EQ(evaluate_progress(ms, d("2026-01-05"), d("2026-04-25"), Thresholds{}).evaluation,
            Evaluation::kResponder);
}

}  // namespace
}  // namespace anagen::domain
