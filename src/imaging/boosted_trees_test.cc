#include "boosted_trees.h"

#include <gtest/gtest.h>

#include <cmath>

namespace anagen::imaging {
namespace {

// Two trees: the first splits feature 0 at 1 (then feature 1 at 5 on its
// upper side), the second is one leaf.
constexpr TreeNode kNodes[] = {
    {0, 1.0f, 0, 1},    // 0: root of the first tree
    {-1, 0, 10.0f, 0},  // 1: x0 <= 1
    {1, 5.0f, 0, 3},    // 2: x0 > 1
    {-1, 0, 20.0f, 0},  // 3: x1 <= 5
    {-1, 0, 30.0f, 0},  // 4: x1 > 5
    {-1, 0, 0.5f, 0},   // 5: the second tree
};
constexpr int kRoots[] = {0, 5};
constexpr BoostedTrees kModel{100, kNodes, kRoots};
// A table checks itself against its inputs: these nodes read features 0
// and 1, so not a model of one feature.
static_assert(reads_within(kNodes, 2) && !reads_within(kNodes, 1));

// A value at the threshold goes to the lower branch, above it to the upper
// one, and every tree's leaf adds to the base.
TEST(BoostedTrees, EachTreeAddsTheLeafItsSplitsLeadTo) {
  const float at[] = {1.0f, 9.0f}, low[] = {2.0f, 5.0f}, high[] = {2.0f, 5.5f};
  EXPECT_DOUBLE_EQ(boosted_sum(kModel, at), 100 + 10 + 0.5);
  EXPECT_DOUBLE_EQ(boosted_sum(kModel, low), 100 + 20 + 0.5);
  EXPECT_DOUBLE_EQ(boosted_sum(kModel, high), 100 + 30 + 0.5);
}

// A missing value (NaN) takes the upper branch; no trees leave the base.
TEST(BoostedTrees, AMissingValueGoesUpAndNoTreesGiveTheBase) {
  const float missing[] = {NAN, NAN};
  EXPECT_DOUBLE_EQ(boosted_sum(kModel, missing), 100 + 30 + 0.5);
  const BoostedTrees first_only{100, kNodes, std::span<const int>(kRoots).first(1)};
  EXPECT_DOUBLE_EQ(boosted_sum(first_only, missing), 100 + 30);
  EXPECT_DOUBLE_EQ(boosted_sum({7, kNodes, {}}, missing), 7);
}

}  // namespace
}  // namespace anagen::imaging
