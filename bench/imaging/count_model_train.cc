// Fits the count model (src/imaging/count_model.h) on trace dumps of
// training seeds and writes its table (src/imaging/count_model_table.inc).
//
//   build/imaging_bench --images 240 --pairs 0
//     --seed 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17 --cache DIR --dump-traces train.txt
//   build/count_model_train train.txt [--test test.txt] [--trees N]
//       [--depth D] [--shrink S] > count_model_table.inc
//
// Never train on seeds 1 and 2: they are the benchmark's held-out images
// (--test only prints figures). Deterministic: the same dump gives the same
// table.
//
// The model: a boosted sum of small trees (tree_fit.h), fitted by least
// squares to what each counted trace stands for: 1 if it
// pairs with a true counted hair, plus the missed counted hairs whose exit
// lies at it, plus an equal share of the image's other missed hairs (so
// that the labels of an image's counted traces add up to its true count).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tree_fit.h"

namespace {

using anagen::imaging::boosted_sum;
using anagen::imaging::BoostedTrees;

// The trees' shape; each side of a split holds at least kMinLeaf traces
// (about two images' worth).
constexpr int kTrees = 300, kDepth = 4, kMinLeaf = 200, kBins = 48;

// Features per trace: read from the dump (its columns after the first seven),
// so that this tool needs nothing of the analysis and a table that no longer
// compiles does not stop the tool that rewrites it.
int kCountFeatures = 0;

struct Row {
  int image;  // Index into Data::images.
  double label;
  double weight = 1;  // 1 / the image's true count: each image's relative error weighs alike.
  std::vector<float> f;
};

struct Image {
  int truth = 0, level = 0;
  unsigned long long seed = 0;
};

struct Data {
  std::vector<Row> rows;
  std::vector<Image> images;
};

Data load(const std::vector<std::string>& files) {
  Data d;
  for (const std::string& name : files) {
    std::ifstream in(name);
    if (!in) {
      std::cerr << "cannot read " << name << "\n";
      std::exit(2);
    }
    std::map<std::pair<unsigned long long, int>, int> index;
    std::vector<int> found_sum, counted;  // Of this file's images, from first_image.
    const int first_image = static_cast<int>(d.images.size());
    std::string line;
    const size_t first_row = d.rows.size();
    while (std::getline(in, line)) {
      std::istringstream ls(line);
      unsigned long long seed;
      int image, level, truth, is_counted, found, attributed;
      ls >> seed >> image >> level >> truth >> is_counted >> found >> attributed;
      Row r;
      for (float v; ls >> v;) r.f.push_back(v);
      if (r.f.empty()) continue;
      if (kCountFeatures == 0) kCountFeatures = static_cast<int>(r.f.size());
      if (static_cast<int>(r.f.size()) != kCountFeatures) {
        std::cerr << name << ": lines of different lengths\n";
        std::exit(2);
      }
      auto [it, fresh] = index.try_emplace({seed, image}, static_cast<int>(d.images.size()));
      if (fresh) {
        d.images.push_back({truth, level, seed});
        found_sum.push_back(0);
        counted.push_back(0);
      }
      if (!is_counted) continue;
      r.image = it->second;
      r.label = found + attributed;
      found_sum[r.image - first_image] += found + attributed;
      ++counted[r.image - first_image];
      d.rows.push_back(r);
    }
    // The image's misses that lie at no trace, shared equally.
    for (size_t k = first_row; k < d.rows.size(); ++k) {
      Row& r = d.rows[k];
      const int own = r.image - first_image;
      r.label += double(d.images[r.image].truth - found_sum[own]) / counted[own];
      r.weight = 1.0 / std::max(1, d.images[r.image].truth);
    }
  }
  return d;
}

// Count figures over the images as the analysis would report them: the
// rounded sum of the counted traces' expected hairs (used 0: the rules'
// own count).
void report(const char* title, const Data& d, const BoostedTrees* model) {
  std::vector<double> sum(d.images.size(), 0), traces(d.images.size(), 0);
  for (const Row& r : d.rows) {
    sum[r.image] += model ? boosted_sum(*model, r.f.data()) : 1.0;
    ++traces[r.image];
  }
  double low = 1e9, high = 0;  // The model's count over the rules' count.
  for (size_t i = 0; i < sum.size(); ++i)
    if (traces[i] > 0)
      low = std::min(low, sum[i] / traces[i]), high = std::max(high, sum[i] / traces[i]);
  std::vector<double> err[4];
  std::map<unsigned long long, std::vector<double>> by_seed;
  for (size_t i = 0; i < d.images.size(); ++i) {
    if (d.images[i].truth <= 0) continue;
    const double e = 100.0 * (std::lround(sum[i]) - d.images[i].truth) / d.images[i].truth;
    err[d.images[i].level].push_back(e);
    err[3].push_back(e);
    by_seed[d.images[i].seed].push_back(e);
  }
  auto mean_sd = [](const std::vector<double>& v) {
    double m = 0, q = 0;
    for (double e : v) m += e;
    m /= std::max<size_t>(1, v.size());
    for (double e : v) q += (e - m) * (e - m);
    return std::pair{m, std::sqrt(q / std::max<size_t>(1, v.size() - 1))};
  };
  std::fprintf(stderr, "%-10s trees %4zu |", title, model ? model->roots.size() : 0);
  const char* names[4] = {"easy", "medium", "hard", "all"};
  for (int l = 0; l < 4; ++l) {
    const std::vector<double>& v = err[l];
    const auto [m, sd] = mean_sd(v);
    double a = 0;
    for (double e : v) a += std::abs(e);
    if (l < 3)
      std::fprintf(stderr, " %s %+.2f/%.2f", names[l], m, sd);
    else
      std::fprintf(stderr, " | MAPE %.2f bias %+.2f SD %.2f LoA [%+.2f, %+.2f] | x%.3f-%.3f",
                   a / v.size(), m, sd, m - 1.96 * sd, m + 1.96 * sd, low, high);
  }
  for (const auto& [seed, v] : by_seed) {
    const auto [m, sd] = mean_sd(v);
    std::fprintf(stderr, " | seed %llu [%+.2f, %+.2f]", seed, m - 1.96 * sd, m + 1.96 * sd);
  }
  std::fprintf(stderr, "\n");
}

}  // namespace

int main(int argc, char** argv) {
  using namespace anagen::imaging::bench;
  const TrainingArgs args = parse_training_args(argc, argv,
                                                {.trees = kTrees,
                                                 .depth = kDepth,
                                                 .min_leaf = kMinLeaf,
                                                 .bins = kBins,
                                                 .loss = Loss::kSquared});
  const TreeFitOptions& o = args.options;
  const Data d = load(args.train), t = load(args.test);
  for (const Image& im : d.images)
    if (im.seed == 1 || im.seed == 2) {
      std::cerr << "seeds 1 and 2 are the benchmark's test images: not for training\n";
      return 2;
    }
  std::vector<std::vector<float>> x;
  std::vector<double> y, w;
  for (const Row& r : d.rows) x.push_back(r.f), y.push_back(r.label), w.push_back(r.weight);
  const Forest forest = fit_forest(x, y, w, o);
  report("train rules", d, nullptr);
  if (!t.rows.empty()) report("test rules", t, nullptr);
  for (size_t used = 50; used < forest.roots.size() + 50; used += 50) {
    const BoostedTrees m = forest.view(used);
    report("train", d, &m);
    if (!t.rows.empty()) report("test", t, &m);
  }
  std::printf("// Written by bench/imaging/count_model_train (do not edit by hand):\n");
  std::printf("// %zu training traces from %zu images, %zu trees of depth %d, shrink %g.\n",
              d.rows.size(), d.images.size(), forest.roots.size(), o.depth, o.shrink);
  print_forest(stdout, forest, "Count");
  return 0;
}
