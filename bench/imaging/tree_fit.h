// Fits a boosted sum of regression trees (src/imaging/boosted_trees.h) and
// prints it as a table for the analysis's source: the one fitting method
// of the count model's and the diameter model's training tools.
//
// Gradient boosting with depth-limited trees grown depth first: each
// tree fits what the trees before it leave (the residual for a squared
// loss, its sign for an absolute loss), splitting a node at the feature
// threshold that most lowers the weighted squared error of that target
// among up to bins - 1 quantiles of each feature; a leaf then adds
// `shrink` times the weighted mean (squared loss) or median (absolute
// loss) of the residuals it holds. Deterministic: the same rows give the
// same trees.
#ifndef ANAGEN_BENCH_IMAGING_TREE_FIT_H_
#define ANAGEN_BENCH_IMAGING_TREE_FIT_H_

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "boosted_trees.h"

namespace anagen::imaging::bench {

enum class Loss { kSquared, kAbsolute };

struct TreeFitOptions {
  int trees = 300;
  int depth = 4;
  double shrink = 0.1;
  int min_leaf = 200;  // Rows on each side of a split.
  int bins = 64;
  Loss loss = Loss::kSquared;
};

struct Forest {
  double base = 0;
  std::vector<TreeNode> nodes;
  std::vector<int> roots;
  // The model, or its first `trees` trees.
  BoostedTrees view(size_t trees = SIZE_MAX) const;
};

// Rows of features x (all of one length), targets y, weights w; every
// value finite (else std::invalid_argument).
Forest fit_forest(const std::vector<std::vector<float>>& x, const std::vector<double>& y,
                  const std::vector<double>& w, const TreeFitOptions& options);

// A training tool's command line: dump files to train on, `--test FILE`
// (held out, only scored), and `--trees N`, `--depth D`, `--shrink S`
// over `defaults`.
struct TrainingArgs {
  std::vector<std::string> train, test;
  TreeFitOptions options;
};
TrainingArgs parse_training_args(int argc, char** argv, const TreeFitOptions& defaults);

// Prints `constexpr double k<Name>Base`, `constexpr TreeNode
// k<Name>Nodes[]` and `constexpr int k<Name>Roots[]`.
void print_forest(std::FILE* out, const Forest& forest, const std::string& name);

}  // namespace anagen::imaging::bench

#endif  // ANAGEN_BENCH_IMAGING_TREE_FIT_H_
