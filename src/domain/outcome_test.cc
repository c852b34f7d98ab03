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

}  // namespace
}  // namespace anagen::domain
