// A boosted sum of small regression trees: the form of the analysis's two
// learned models (count_model.h, diameter_model.h). Each model ships its
// trees as a table in the source (a *_table.inc written by its training
// tool in bench/imaging, which fits them with bench/imaging/tree_fit.h), so
// reading it needs nothing but this.
#ifndef ANAGEN_IMAGING_BOOSTED_TREES_H_
#define ANAGEN_IMAGING_BOOSTED_TREES_H_

#include <span>

namespace anagen::imaging {

// One node. A split (feature >= 0) goes on to node `next` when the
// feature's value is at most `threshold`, else (NaN too) to `next + 1`;
// a leaf (feature < 0) adds `value`. Indices are into the model's whole
// node table.
struct TreeNode {
  int feature;
  float threshold;
  float value;
  int next;
};

// A model: its constant, then one root index per tree into `nodes`.
struct BoostedTrees {
  double base;
  std::span<const TreeNode> nodes;
  std::span<const int> roots;
};

// base + the leaf value each tree reaches for features x.
double boosted_sum(const BoostedTrees& model, const float* x);

// Whether every split of `nodes` reads a feature below `features` and
// leads to nodes inside the table: a model's table checks itself against
// its inputs at compile time (static_assert).
constexpr bool reads_within(std::span<const TreeNode> nodes, int features) {
  for (const TreeNode& n : nodes)
    if (n.feature >= features ||
        (n.feature >= 0 && (n.next < 0 || n.next + 1 >= static_cast<int>(nodes.size()))))
      return false;
  return true;
}

}  // namespace anagen::imaging

#endif  // ANAGEN_IMAGING_BOOSTED_TREES_H_
