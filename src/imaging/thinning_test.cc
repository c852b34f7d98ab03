#include "thinning.h"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>
#include <opencv2/ximgproc.hpp>

#include "skeleton_graph.h"

namespace anagen::imaging {
namespace {

cv::Mat random_hairs(int seed) {
  cv::Mat m(200, 300, CV_8U, cv::Scalar(0));
  cv::RNG rng(seed);
  for (int i = 0; i < 12; ++i) {
    // OpenCV never thins the outermost pixels; keep them background.
    cv::Point a(rng.uniform(8, 292), rng.uniform(8, 192));
    cv::Point b(rng.uniform(8, 292), rng.uniform(8, 192));
    cv::line(m, a, b, cv::Scalar(255), rng.uniform(1, 12));
  }
  m.row(0).setTo(0);
  m.row(m.rows - 1).setTo(0);
  m.col(0).setTo(0);
  m.col(m.cols - 1).setTo(0);
  for (int i = 0; i < 0; ++i) {
  }
  return m;
}

TEST(Thin, MatchesOpenCvZhangSuen) {
  for (int seed = 1; seed <= 5; ++seed) {
    cv::Mat mask = random_hairs(seed), ours, theirs;
    ours = thin(mask) * 255;
    cv::ximgproc::thinning(mask, theirs, cv::ximgproc::THINNING_ZHANGSUEN);
    EXPECT_EQ(cv::countNonZero(ours != theirs), 0) << "seed " << seed;
  }
}

// Widths on both sides of thin's 16-pixel blocks (and under one block) and
// solid blobs, whose every pixel is foreground and thins layer by layer
// (the queues' bound).
TEST(Thin, MatchesOpenCvOnAnyWidthAndSolidBlobs) {
  for (int width = 6; width <= 40; ++width) {
    cv::Mat mask(23, width, CV_8U, cv::Scalar(0)), theirs;
    cv::rectangle(mask, {1, 1}, {width - 2, 21}, cv::Scalar(255), cv::FILLED);
    cv::line(mask, {1, 21}, {width - 2, 1}, cv::Scalar(0), 2);
    cv::ximgproc::thinning(mask, theirs, cv::ximgproc::THINNING_ZHANGSUEN);
    EXPECT_EQ(cv::countNonZero(thin(mask) * 255 != theirs), 0) << "width " << width;
  }
}

// The in-place versions, on a mask framed by background, give the same
// skeleton and graph as thin and build_skeleton_graph on the mask alone.
TEST(Thin, FramedInPlaceMatchesCopies) {
  for (int seed = 1; seed <= 3; ++seed) {
    const cv::Mat mask = random_hairs(seed);
    const cv::Mat skeleton = thin(mask);
    const SkelGraph want = build_skeleton_graph(skeleton);
    cv::Mat framed;
    cv::copyMakeBorder(mask, framed, 1, 1, 1, 1, cv::BORDER_CONSTANT, 0);
    thin_framed(framed);
    EXPECT_EQ(cv::countNonZero(framed(cv::Rect(1, 1, mask.cols, mask.rows)) != skeleton), 0);
    const SkelGraph got = build_skeleton_graph_framed(framed);
    ASSERT_EQ(got.nodes.size(), want.nodes.size()) << "seed " << seed;
    ASSERT_EQ(got.edges.size(), want.edges.size()) << "seed " << seed;
    for (size_t i = 0; i < got.nodes.size(); ++i) {
      EXPECT_EQ(got.nodes[i].pos, want.nodes[i].pos);
      EXPECT_EQ(got.nodes[i].junction, want.nodes[i].junction);
    }
    for (size_t i = 0; i < got.edges.size(); ++i) {
      EXPECT_EQ(got.edges[i].pts, want.edges[i].pts);
      EXPECT_EQ(got.edges[i].node[0], want.edges[i].node[0]);
      EXPECT_EQ(got.edges[i].node[1], want.edges[i].node[1]);
    }
  }
}

TEST(SkeletonGraph, CrossingGivesOneJunctionAndFourEnds) {
  cv::Mat m(100, 100, CV_8U, cv::Scalar(0));
  cv::line(m, {10, 50}, {90, 50}, cv::Scalar(255), 1);
  cv::line(m, {50, 10}, {50, 90}, cv::Scalar(255), 1);
  SkelGraph g = build_skeleton_graph(m);
  int junctions = 0, ends = 0;
  for (const SkelNode& n : g.nodes) (n.junction ? junctions : ends)++;
  EXPECT_EQ(junctions, 1);
  EXPECT_EQ(ends, 4);
  EXPECT_EQ(g.edges.size(), 4u);
}

TEST(SkeletonGraph, DiagonalStaircaseIsOneEdge) {
  cv::Mat m(60, 60, CV_8U, cv::Scalar(0));
  cv::line(m, {5, 5}, {55, 40}, cv::Scalar(255), 1, cv::LINE_4);
  SkelGraph g = build_skeleton_graph(m);
  EXPECT_EQ(g.edges.size(), 1u);
  EXPECT_EQ(g.nodes.size(), 2u);
}

}  // namespace
}  // namespace anagen::imaging
