// Fits the diameter model (src/imaging/diameter_model.h) and prints its
// table, src/imaging/diameter_model_table.inc.
//
// The training set is imaging_bench's --dump-features output on seeds
// other than the benchmark's (1 and 2 are the held-out test):
//
//   build/imaging_bench --images 240 --pairs 0
//     --seed 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17
//     --cache DIR --dump-features /tmp/train.csv
//   build/train_diameter_model /tmp/train.csv [--test TEST.csv]
//     > src/imaging/diameter_model_table.inc
//
// Every line is one matched hair: seed, image, level, true diameter, kind,
// then the kDiameterInputs inputs. The model is a boosted sum of trees
// (tree_fit.h) of the true diameter's departure from the final one,
// fitted by least absolute deviations (the benchmark's figure is the mean
// absolute error; a squared loss would chase the few hairs off by 20-40
// µm, two shafts read as one). The hairs that keep their final diameter
// (DiameterKind::kKept) are left out. Each input is clamped to its
// 0.1-99.9th percentile over the whole training set, in training as at
// run time: a few hidden shafts carry absurd fits, and an image unlike the
// training set should not reach leaves it never could. Deterministic: the
// same file gives the same table. --test prints the figures on held-out
// hairs (seeds 1 and 2 are refused for training).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "boosted_trees.h"
#include "diameter_model.h"
#include "tree_fit.h"

namespace anagen::imaging {
namespace {

using bench::Forest;
using bench::Loss;
using bench::TreeFitOptions;

constexpr double kRangeShare = 0.001;  // Clamped to this quantile and 1 - it.
constexpr int kTrees = 500, kDepth = 8, kMinLeaf = 100, kBins = 64;

struct Row {
  int seed, level;
  double truth;
  int kind;
  DiameterInputs x;
};

std::vector<Row> read_rows(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "cannot read " << path << "\n";
    std::exit(2);
  }
  std::vector<Row> rows;
  for (std::string line; std::getline(in, line);) {
    std::stringstream ss(line);
    std::vector<double> v;
    for (std::string f; std::getline(ss, f, ',');) v.push_back(std::strtod(f.c_str(), nullptr));
    if (v.size() != 5 + kDiameterInputs) {
      std::cerr << "bad line (" << v.size() << " fields): " << line << "\n";
      std::exit(2);
    }
    Row r{static_cast<int>(v[0]), static_cast<int>(v[2]), v[3], static_cast<int>(v[4]), {}};
    for (int i = 0; i < kDiameterInputs; ++i) r.x[i] = v[5 + i];
    r.x[0] = r.kind;  // Input 0 is the kind (dumps before the trees held a constant 1 there).
    rows.push_back(r);
  }
  return rows;
}

std::vector<float> clamped(const Row& r, const DiameterRange* ranges) {
  const DiameterTreeInputs x = diameter_tree_inputs(r.x, ranges);
  return {x.begin(), x.end()};
}

bool modelled(const Row& r) { return r.kind < kDiameterKinds; }

// Mean absolute error of the final diameters and of the model's, as the
// analysis would read them (modelled_diameter), per level and in all.
void report(const char* title, const std::vector<Row>& rows, const DiameterRange* ranges,
            const Forest& forest) {
  double before[4] = {0}, after[4] = {0}, bias = 0;
  int n[4] = {0};
  std::map<int, std::pair<double, int>> by_seed;
  const BoostedTrees m = forest.view();
  for (const Row& r : rows) {
    const double d = modelled_diameter(r.x, m, ranges);
    for (int l : {r.level, 3}) {
      before[l] += std::abs(r.x[1] - r.truth);
      after[l] += std::abs(d - r.truth);
      ++n[l];
    }
    bias += d - r.truth;
    by_seed[r.seed].first += std::abs(d - r.truth);
    ++by_seed[r.seed].second;
  }
  std::fprintf(
      stderr, "%-6s hairs %6d | MAE %.3f -> %.3f um (easy %.2f, medium %.2f, hard %.2f) bias %+.3f",
      title, n[3], before[3] / std::max(1, n[3]), after[3] / std::max(1, n[3]),
      after[0] / std::max(1, n[0]), after[1] / std::max(1, n[1]), after[2] / std::max(1, n[2]),
      bias / std::max(1, n[3]));
  for (const auto& [seed, e] : by_seed)
    std::fprintf(stderr, " | seed %d %.3f", seed, e.first / e.second);
  std::fprintf(stderr, "\n");
}

int run(int argc, char** argv) {
  const bench::TrainingArgs args = bench::parse_training_args(argc, argv,
                                                              {.trees = kTrees,
                                                               .depth = kDepth,
                                                               .min_leaf = kMinLeaf,
                                                               .bins = kBins,
                                                               .loss = Loss::kAbsolute});
  const TreeFitOptions& o = args.options;
  std::vector<Row> rows, held_out;
  for (const std::string& f : args.train)
    for (Row& r : read_rows(f)) rows.push_back(r);
  for (const std::string& f : args.test)
    for (Row& r : read_rows(f)) held_out.push_back(r);
  if (rows.empty()) {
    std::cerr << "usage: train_diameter_model FEATURES.csv... [--test FEATURES.csv] [--trees N]"
                 " [--depth D] [--shrink S] > diameter_model_table.inc\n";
    return 2;
  }
  for (const Row& r : rows)
    if (r.seed == 1 || r.seed == 2) {
      std::cerr << "seeds 1 and 2 are the benchmark's test images: not for training\n";
      return 2;
    }
  DiameterRange ranges[kDiameterInputs];
  for (int i = 0; i < kDiameterInputs; ++i) {
    std::vector<double> v;
    for (const Row& r : rows) v.push_back(std::isfinite(r.x[i]) ? r.x[i] : 0);
    std::sort(v.begin(), v.end());
    const size_t off = static_cast<size_t>(kRangeShare * (v.size() - 1));
    ranges[i] = {v[off], v[v.size() - 1 - off]};
  }
  std::vector<std::vector<float>> x;
  std::vector<double> y, w;
  for (const Row& r : rows)
    if (modelled(r)) {
      x.push_back(clamped(r, ranges));
      y.push_back(r.truth - r.x[1]);
      w.push_back(1);
    }
  const Forest forest = bench::fit_forest(x, y, w, o);
  report("train", rows, ranges, forest);
  if (!held_out.empty()) report("test", held_out, ranges, forest);
  std::printf(
      "// Generated by bench/imaging/train_diameter_model from %zu hairs (see\n"
      "// there); do not edit. Each input's training range, then %zu trees of\n"
      "// depth %d on the clamped inputs.\n"
      "const DiameterRange kDiameterRanges[kDiameterInputs] = {\n",
      x.size(), forest.roots.size(), o.depth);
  for (int i = 0; i < kDiameterInputs; ++i)
    std::printf("    {%.9g, %.9g},  // %s\n", ranges[i].lo, ranges[i].hi, kDiameterInputNames[i]);
  std::printf("};\n");
  bench::print_forest(stdout, forest, "Diameter");
  return 0;
}

}  // namespace
}  // namespace anagen::imaging

int main(int argc, char** argv) { return anagen::imaging::run(argc, argv); }
