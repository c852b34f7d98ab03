#include "tree_fit.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>

namespace anagen::imaging::bench {
namespace {

// Each feature's candidate thresholds (ascending; at most bins - 1) and
// each row's bin: the first threshold at or above its value
// (thresholds.size() if none).
struct Binned {
  std::vector<std::vector<float>> thresholds;
  std::vector<std::vector<std::uint8_t>> bin;  // [feature][row]
};

Binned bin_rows(const std::vector<std::vector<float>>& x, int bins) {
  const size_t features = x.empty() ? 0 : x[0].size();
  Binned b;
  b.thresholds.resize(features);
  b.bin.resize(features);
  for (size_t f = 0; f < features; ++f) {
    std::vector<float> v;
    v.reserve(x.size());
    for (const auto& row : x) v.push_back(row[f]);
    std::sort(v.begin(), v.end());
    std::vector<float>& t = b.thresholds[f];
    const int n_bins = std::clamp(bins, 2, 256);  // Bin indices fit a byte.
    for (int q = 1; q < n_bins; ++q) {
      const float at = v[v.size() * q / n_bins];
      if (t.empty() || at > t.back()) t.push_back(at);
    }
    b.bin[f].reserve(x.size());
    for (const auto& row : x)
      b.bin[f].push_back(
          static_cast<std::uint8_t>(std::lower_bound(t.begin(), t.end(), row[f]) - t.begin()));
  }
  return b;
}

double weighted_median(std::vector<std::pair<double, double>> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  double total = 0;
  for (const auto& [r, w] : v) total += w;
  double run = 0;
  for (const auto& [r, w] : v)
    if ((run += w) >= total / 2) return r;
  return v.back().first;
}

struct Split {
  int feature = -1;
  int bin = 0;
  double gain = 0;
};

class Grower {
 public:
  Grower(const Binned& b, const std::vector<double>& w, const TreeFitOptions& o)
      : b_(b), w_(w), o_(o) {}

  // Grows one tree on the rows' targets g (the residuals or their signs)
  // and residuals r, appending it to `forest` and adding its leaf values to
  // `pred`.
  void grow(const std::vector<double>& g, const std::vector<double>& r, Forest& forest,
            std::vector<double>& pred) {
    g_ = &g;
    r_ = &r;
    forest_ = &forest;
    pred_ = &pred;
    std::vector<int> rows(w_.size());
    std::iota(rows.begin(), rows.end(), 0);
    forest.roots.push_back(static_cast<int>(forest.nodes.size()));
    forest.nodes.push_back({});
    build(forest.roots.back(), rows, 0);
  }

 private:
  Split best_split(const std::vector<int>& rows) const {
    Split best;
    double s = 0, wt = 0;
    for (int k : rows) s += w_[k] * (*g_)[k], wt += w_[k];
    if (!(wt > 0)) return best;
    const double parent = s * s / wt;
    for (size_t f = 0; f < b_.bin.size(); ++f) {
      const size_t nt = b_.thresholds[f].size();
      std::vector<double> hs(nt + 1, 0), hw(nt + 1, 0);
      std::vector<int> hn(nt + 1, 0);
      const std::vector<std::uint8_t>& bin = b_.bin[f];
      for (int k : rows) {
        const int at = bin[k];
        hs[at] += w_[k] * (*g_)[k];
        hw[at] += w_[k];
        ++hn[at];
      }
      double sl = 0, wl = 0;
      int nl = 0;
      const int n = static_cast<int>(rows.size());
      for (size_t t = 0; t < nt; ++t) {
        sl += hs[t], wl += hw[t], nl += hn[t];
        if (nl < o_.min_leaf) continue;
        if (n - nl < o_.min_leaf) break;
        const double wr = wt - wl, sr = s - sl;
        if (!(wl > 0) || !(wr > 0)) continue;
        const double gain = sl * sl / wl + sr * sr / wr - parent;
        if (gain > best.gain) best = {static_cast<int>(f), static_cast<int>(t), gain};
      }
    }
    return best;
  }

  void leaf(int node, const std::vector<int>& rows) {
    double value = 0;
    if (o_.loss == Loss::kSquared) {
      double s = 0, wt = 0;
      for (int k : rows) s += w_[k] * (*r_)[k], wt += w_[k];
      value = wt > 0 ? s / wt : 0;
    } else {
      std::vector<std::pair<double, double>> v;
      v.reserve(rows.size());
      for (int k : rows) v.emplace_back((*r_)[k], w_[k]);
      value = weighted_median(std::move(v));
    }
    value *= o_.shrink;
    // Stored as a float: training adds what the analysis will add.
    const float stored = static_cast<float>(value);
    forest_->nodes[node] = {-1, 0, stored, 0};
    for (int k : rows) (*pred_)[k] += stored;
  }

  void build(int node, const std::vector<int>& rows, int depth) {
    const Split s = depth < o_.depth && static_cast<int>(rows.size()) >= 2 * o_.min_leaf
                        ? best_split(rows)
                        : Split{};
    if (s.feature < 0) return leaf(node, rows);
    std::vector<int> below, above;
    for (int k : rows) (b_.bin[s.feature][k] <= s.bin ? below : above).push_back(k);
    const int next = static_cast<int>(forest_->nodes.size());
    forest_->nodes[node] = {s.feature, b_.thresholds[s.feature][s.bin], 0, next};
    forest_->nodes.push_back({});
    forest_->nodes.push_back({});
    build(next, below, depth + 1);
    build(next + 1, above, depth + 1);
  }

  const Binned& b_;
  const std::vector<double>& w_;
  const TreeFitOptions& o_;
  const std::vector<double>* g_ = nullptr;
  const std::vector<double>* r_ = nullptr;
  Forest* forest_ = nullptr;
  std::vector<double>* pred_ = nullptr;
};

}  // namespace

BoostedTrees Forest::view(size_t trees) const {
  return {base, nodes, std::span<const int>(roots).first(std::min(trees, roots.size()))};
}

Forest fit_forest(const std::vector<std::vector<float>>& x, const std::vector<double>& y,
                  const std::vector<double>& w, const TreeFitOptions& options) {
  Forest forest;
  const size_t n = y.size();
  if (n == 0) return forest;
  // Sorting NaN is undefined, and run time sends it to the upper branch.
  for (size_t k = 0; k < n; ++k) {
    bool finite = std::isfinite(y[k]) && std::isfinite(w[k]);
    for (float v : x[k]) finite = finite && std::isfinite(v);
    if (!finite)
      throw std::invalid_argument("fit_forest: row " + std::to_string(k) +
                                  " holds a value that is not finite");
  }
  if (options.loss == Loss::kSquared) {
    double s = 0, wt = 0;
    for (size_t k = 0; k < n; ++k) s += w[k] * y[k], wt += w[k];
    forest.base = s / wt;
  } else {
    std::vector<std::pair<double, double>> v;
    for (size_t k = 0; k < n; ++k) v.emplace_back(y[k], w[k]);
    forest.base = weighted_median(std::move(v));
  }
  std::vector<double> pred(n, forest.base), g(n), r(n);
  const Binned b = bin_rows(x, options.bins);
  Grower grower(b, w, options);
  for (int t = 0; t < options.trees; ++t) {
    for (size_t k = 0; k < n; ++k) {
      r[k] = y[k] - pred[k];
      g[k] = options.loss == Loss::kSquared ? r[k] : (r[k] > 0) - (r[k] < 0);
    }
    grower.grow(g, r, forest, pred);
  }
  return forest;
}

TrainingArgs parse_training_args(int argc, char** argv, const TreeFitOptions& defaults) {
  TrainingArgs args{{}, {}, defaults};
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool value = i + 1 < argc;
    if (a == "--test" && value)
      args.test.push_back(argv[++i]);
    else if (a == "--trees" && value)
      args.options.trees = std::stoi(argv[++i]);
    else if (a == "--depth" && value)
      args.options.depth = std::stoi(argv[++i]);
    else if (a == "--shrink" && value)
      args.options.shrink = std::stod(argv[++i]);
    else
      args.train.push_back(a);
  }
  return args;
}

void print_forest(std::FILE* out, const Forest& forest, const std::string& name) {
  std::fprintf(out, "constexpr double k%sBase = %.9g;\n", name.c_str(), forest.base);
  std::fprintf(out, "// {feature, threshold, value, next}: see boosted_trees.h.\n");
  std::fprintf(out, "constexpr TreeNode k%sNodes[] = {\n", name.c_str());
  for (const TreeNode& n : forest.nodes)
    if (n.feature >= 0)
      std::fprintf(out, "    {%d, %.9g, 0, %d},\n", n.feature, n.threshold, n.next);
    else
      std::fprintf(out, "    {-1, 0, %.9g, 0},\n", n.value);
  std::fprintf(out, "};\nconstexpr int k%sRoots[] = {", name.c_str());
  for (size_t k = 0; k < forest.roots.size(); ++k)
    std::fprintf(out, "%s%s%d", k ? "," : "", k % 16 ? " " : "\n    ", forest.roots[k]);
  std::fprintf(out, "\n};\n");
}

}  // namespace anagen::imaging::bench
