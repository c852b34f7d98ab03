#include "hair_orient.h"

#include <gtest/gtest.h>

namespace anagen::imaging {
namespace {

// A straight 60 px trace from (x0, 100) to (x0 + 60, 100), end 0 first.
TracedHair straight_trace(float x0) {
  TracedHair h;
  for (int i = 0; i <= 60; ++i) h.pts.emplace_back(x0 + i, 100.0f);
  return h;
}

// Shaft widths over each end's quarter; the contrast round either end says
// neither "opening ring" nor "plain tip" (it sits on the level between).
HairMeasure widths(double end0_px, double end1_px) {
  HairMeasure m;
  m.width_end[0] = end0_px;
  m.width_end[1] = end1_px;
  m.opening[0] = m.opening[1] = 0.06;
  return m;
}

TEST(ChooseExitEnds, ATaperedFreeEndIsTheTip) {
  // Both ends free and inside the image: the narrow end 1 is the natural
  // tip, so end 0 is the exit.
  EXPECT_EQ(choose_exit_ends({straight_trace(100)}, {widths(9, 4)}, 200), std::vector<int>{0});
  EXPECT_EQ(choose_exit_ends({straight_trace(100)}, {widths(4, 9)}, 200), std::vector<int>{1});
}

TEST(ChooseExitEnds, AnEndCutByTheImageEdgeIsNoTip) {
  // A shaft entering from the left edge, its inner end free with no ring:
  // the edge cuts the width at end 0, which is no taper. Taken as a tip, it
  // made the inner end the exit and counted a hair whose exit lies outside.
  TracedHair h = straight_trace(0);
  h.at_border[0] = true;
  EXPECT_EQ(choose_exit_ends({h}, {widths(4, 9)}, 200), std::vector<int>{0});
}

TEST(ChooseExitEnds, AnEdgeCutTraceEndingOnAShaftLeavesThere) {
  // A shaft running out of the right edge whose inner end stops on another
  // hair's shaft, with no other cue: a sibling leaving its shared opening
  // beside that hair, so the inner end is its exit. A free inner end with
  // no cue keeps the edge as the exit.
  TracedHair h = straight_trace(1220);
  h.at_border[1] = true;
  EXPECT_EQ(choose_exit_ends({h}, {widths(9, 9)}, 200), std::vector<int>{1});
  h.end[0] = EndKind::kJunction;
  EXPECT_EQ(choose_exit_ends({h}, {widths(9, 9)}, 200), std::vector<int>{0});
}

TEST(ChooseExitEnds, AnEdgeCutTraceFollowsTheStreamOverItsInnerRing) {
  // A shaft entering from the left edge whose inner end shows a ring (a
  // tip's ring raised by noise or texture reads as an opening), beside a
  // confidently oriented hair (a shared exit at its end 0) running from the
  // edge side at 60 degrees. Only the inner end's ring is seen, with no
  // other end's to weigh it against, so the stream decides: the exit lies
  // at the edge and the hair is not counted.
  TracedHair h = straight_trace(0);
  h.at_border[0] = true;
  HairMeasure ring = widths(9, 9);
  ring.opening[1] = 0.18;
  TracedHair other;
  for (int i = 0; i <= 60; ++i) other.pts.emplace_back(20 + 0.5f * i, 120 + 0.866f * i);
  other.end[0] = EndKind::kShared;
  EXPECT_EQ(choose_exit_ends({h, other}, {ring, widths(9, 9)}, 200)[0], 0);
}

// A straight 60 px trace from (x0, y) to (x0 + 60, y), end 0 first.
TracedHair trace_at(float x0, float y) {
  TracedHair h = straight_trace(x0);
  for (cv::Point2f& p : h.pts) p.y = y;
  return h;
}

TEST(ChooseExitEnds, AnEdgeCutTraceFollowsAWiderStream) {
  // A shaft entering from the left edge with no cue at its inner end. Beside
  // it two more enter whose inner ends meet in one node, read as a shared
  // opening: confident, but pointing out of the image. 400 px away six
  // hairs leave shared openings pointing right, as the hairs of one patch
  // of scalp grow. Within the stream radius (200 px) the two neighbours
  // outweigh them (their cues as unreliable as an edge-cut trace's own), so
  // the inner end was taken for the exit and the hair counted; within two
  // radii the six do, and the exit lies beyond the edge.
  std::vector<TracedHair> hairs = {trace_at(0, 100), trace_at(0, 130), trace_at(0, 160)};
  for (TracedHair& h : hairs) h.at_border[0] = true;
  hairs[1].end[1] = hairs[2].end[1] = EndKind::kShared;
  for (int k = 0; k < 6; ++k) {
    hairs.push_back(trace_at(340, 240 + 5 * k));
    hairs.back().end[0] = EndKind::kShared;
  }
  std::vector<HairMeasure> m(hairs.size(), widths(9, 9));
  EXPECT_EQ(choose_exit_ends(hairs, m, 200)[0], 0);
}

}  // namespace
}  // namespace anagen::imaging
