#include "synth.h"

#include <gtest/gtest.h>

#include "analysis.h"

namespace anagen::imaging::synth {
namespace {

TEST(Synth, SameSeedSameSample) {
  Params p;
  p.seed = 42;
  p.width = 320;
  p.height = 240;
  p.pair = true;
  p.hours = 48;
  Sample a = generate(p), b = generate(p);
  EXPECT_EQ(cv::norm(a.image, b.image, cv::NORM_INF), 0);
  EXPECT_EQ(cv::norm(*a.second, *b.second, cv::NORM_INF), 0);
  ASSERT_EQ(a.hairs.size(), b.hairs.size());
  p.seed = 43;
  EXPECT_GT(cv::norm(a.image, generate(p).image, cv::NORM_INF), 0);
}

TEST(Synth, TruthIsConsistent) {
  Params p;
  p.seed = 9;
  p.width = 640;
  p.height = 480;
  p.difficulty = Difficulty::kHard;
  p.pair = true;
  p.hours = 72;
  Sample s = generate(p);
  Options o;
  o.um_per_px = s.um_per_px;
  const cv::Rect2d frame = counting_frame(s.image.size(), o);
  ASSERT_FALSE(s.hairs.empty());
  for (const TruthHair& h : s.hairs) {
    EXPECT_EQ(h.in_frame, frame.contains(h.exit));
    EXPECT_GE(h.diameter_um, 15);
    EXPECT_LE(h.diameter_um, 120);
    if (h.anagen)
      EXPECT_GT(h.length_second_um - h.length_um, 0.15 * 3 * 250);
    else
      EXPECT_EQ(h.length_second_um, h.length_um);
    EXPECT_NEAR(cv::norm(h.path.front() - h.exit), 0, 1e-9);
  }
  EXPECT_GE(s.um_per_px, 5);
  EXPECT_LE(s.um_per_px, 10);
}

}  // namespace
}  // namespace anagen::imaging::synth
