// Fits the count model (src/imaging/count_model.h) on trace dumps of
// training seeds and writes its table (src/imaging/count_model_table.inc).
//
//   build/imaging_bench --images 240 --pairs 0 --seed 3,4 --cache DIR --dump-traces train.txt
//   build/count_model_train train.txt [--test test.txt] [--rounds N] > count_model_table.inc
//
// Never train on seeds 1 and 2: they are the benchmark's held-out images
// (--test only prints figures). Deterministic: the same dump gives the same
// table.
//
// The model: a boosted sum of stumps (one feature, one threshold each),
// fitted by least squares to what each counted trace stands for: 1 if it
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

namespace {

// Features per trace: read from the dump (its columns after the first seven),
// so that this tool needs nothing of the analysis and a table that no longer
// compiles does not stop the tool that rewrites it.
int kCountFeatures = 0;

struct Row {
  int image;  // Index into Data::images.
  double label;
  double weight;  // 1 / the image's true count: each image's relative error weighs alike.
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
    std::vector<int> found_sum, counted;
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
      found_sum[r.image] += found + attributed;
      ++counted[r.image];
      d.rows.push_back(r);
    }
    // The image's misses that lie at no trace, shared equally.
    for (size_t k = first_row; k < d.rows.size(); ++k) {
      Row& r = d.rows[k];
      r.label += double(d.images[r.image].truth - found_sum[r.image]) / counted[r.image];
      r.weight = 1.0 / std::max(1, d.images[r.image].truth);
    }
  }
  return d;
}

struct Stump {
  int feature;
  float threshold, below, above;
};

// Up to kBins candidate thresholds per feature: quantiles of the training values.
constexpr int kBins = 48;
constexpr double kMinLeaf = 200;  // Traces (about two images' worth) on each side of a stump.

struct Binned {
  std::vector<std::vector<float>> thresholds;   // [feature] ascending
  std::vector<std::vector<unsigned char>> bin;  // [feature][row]: first threshold >= value
};

Binned bin_rows(const Data& d) {
  Binned b;
  b.thresholds.resize(kCountFeatures);
  b.bin.resize(kCountFeatures);
  for (int f = 0; f < kCountFeatures; ++f) {
    std::vector<float> v;
    for (const Row& r : d.rows) v.push_back(r.f[f]);
    std::sort(v.begin(), v.end());
    std::vector<float>& t = b.thresholds[f];
    for (int q = 1; q < kBins; ++q) {
      const float x = v[v.size() * q / kBins];
      if (t.empty() || x > t.back()) t.push_back(x);
    }
    for (const Row& r : d.rows)
      b.bin[f].push_back(
          static_cast<unsigned char>(std::lower_bound(t.begin(), t.end(), r.f[f]) - t.begin()));
  }
  return b;
}

std::vector<Stump> fit(const Data& d, int rounds, double shrink, double& base) {
  const Binned b = bin_rows(d);
  const size_t n = d.rows.size();
  double sum = 0, weight = 0;
  for (const Row& r : d.rows) sum += r.weight * r.label, weight += r.weight;
  base = sum / weight;
  std::vector<double> pred(n, base);
  std::vector<Stump> stumps;
  for (int round = 0; round < rounds; ++round) {
    double best_gain = 0;
    Stump best{0, 0, 0, 0};
    std::vector<double> res(n);  // Weighted residuals.
    double total = 0;
    for (size_t k = 0; k < n; ++k) total += res[k] = d.rows[k].weight * (d.rows[k].label - pred[k]);
    for (int f = 0; f < kCountFeatures; ++f) {
      const size_t nt = b.thresholds[f].size();
      std::vector<double> s(nt + 1, 0), c(nt + 1, 0);
      for (size_t k = 0; k < n; ++k) {
        s[b.bin[f][k]] += res[k];
        c[b.bin[f][k]] += d.rows[k].weight;
      }
      double sl = 0, cl = 0;
      for (size_t t = 0; t < nt; ++t) {
        sl += s[t];
        cl += c[t];
        const double cr = weight - cl, sr = total - sl;
        if (cl < kMinLeaf * weight / n || cr < kMinLeaf * weight / n) continue;
        const double gain = sl * sl / cl + sr * sr / cr - total * total / weight;
        if (gain > best_gain) {
          best_gain = gain;
          best = {f, b.thresholds[f][t], static_cast<float>(shrink * sl / cl),
                  static_cast<float>(shrink * sr / cr)};
        }
      }
    }
    if (best_gain <= 0) break;
    stumps.push_back(best);
    for (size_t k = 0; k < n; ++k)
      pred[k] += d.rows[k].f[best.feature] <= best.threshold ? best.below : best.above;
  }
  return stumps;
}

// The same stumps fitted to the images' relative count errors directly:
// each stump's two values are the weighted least-squares fit of the
// images' residuals (true count - sum of the traces' expected hairs, over
// the true count) on the numbers of their traces at or below and above the
// threshold.
std::vector<Stump> fit_images(const Data& d, int rounds, double shrink, double& base) {
  const Binned b = bin_rows(d);
  const size_t n = d.rows.size(), ni = d.images.size();
  std::vector<double> counted(ni, 0), sum(ni, 0), w(ni);
  for (const Row& r : d.rows) ++counted[r.image];
  double num = 0, den = 0;
  for (size_t i = 0; i < ni; ++i) {
    w[i] = 1.0 / std::max(1.0, double(d.images[i].truth) * d.images[i].truth);
    num += w[i] * counted[i] * d.images[i].truth;
    den += w[i] * counted[i] * counted[i];
  }
  base = den > 0 ? num / den : 1;
  for (size_t i = 0; i < ni; ++i) sum[i] = base * counted[i];
  std::vector<Stump> stumps;
  for (int round = 0; round < rounds; ++round) {
    double best_gain = 0;
    Stump best{0, 0, 0, 0};
    for (int f = 0; f < kCountFeatures; ++f) {
      const size_t nt = b.thresholds[f].size();
      std::vector<std::vector<double>> below(ni, std::vector<double>(nt + 1, 0));
      for (size_t k = 0; k < n; ++k) below[d.rows[k].image][b.bin[f][k]] += 1;
      for (auto& v : below)
        for (size_t t = 1; t <= nt; ++t) v[t] += v[t - 1];
      for (size_t t = 0; t < nt; ++t) {
        double aa = 0, ab = 0, bb = 0, ra = 0, rb = 0, lo = 0;
        for (size_t i = 0; i < ni; ++i) {
          const double l = below[i][t], h = counted[i] - l, r = d.images[i].truth - sum[i];
          aa += w[i] * l * l, ab += w[i] * l * h, bb += w[i] * h * h;
          ra += w[i] * r * l, rb += w[i] * r * h;
          lo += l;
        }
        if (lo < kMinLeaf || n - lo < kMinLeaf) continue;
        const double det = aa * bb - ab * ab;
        if (!(det > 1e-12 * aa * bb)) continue;
        const double x = (ra * bb - rb * ab) / det, y = (rb * aa - ra * ab) / det;
        const double gain = x * ra + y * rb;
        if (gain > best_gain) {
          best_gain = gain;
          best = {f, b.thresholds[f][t], static_cast<float>(shrink * x),
                  static_cast<float>(shrink * y)};
        }
      }
    }
    if (best_gain <= 0) break;
    stumps.push_back(best);
    for (const Row& r : d.rows)
      sum[r.image] += r.f[best.feature] <= best.threshold ? best.below : best.above;
  }
  return stumps;
}

double predict(const std::vector<Stump>& stumps, size_t used, double base, const Row& r) {
  double e = base;
  for (size_t k = 0; k < used; ++k)
    e += r.f[stumps[k].feature] <= stumps[k].threshold ? stumps[k].below : stumps[k].above;
  return e;
}

// Count figures over the images as the analysis would report them: the
// rounded sum of the counted traces' expected hairs (used 0: the rules'
// own count).
void report(const char* title, const Data& d, const std::vector<Stump>& stumps, size_t used,
            double base, bool model) {
  std::vector<double> sum(d.images.size(), 0), traces(d.images.size(), 0);
  for (const Row& r : d.rows) {
    sum[r.image] += model ? predict(stumps, used, base, r) : 1.0;
    ++traces[r.image];
  }
  double low = 1e9, high = 0;  // The model's count over the rules' count.
  for (size_t i = 0; i < sum.size(); ++i)
    if (traces[i] > 0)
      low = std::min(low, sum[i] / traces[i]), high = std::max(high, sum[i] / traces[i]);
  std::vector<double> err[4];
  for (size_t i = 0; i < d.images.size(); ++i) {
    if (d.images[i].truth <= 0) continue;
    const double e = 100.0 * (std::lround(sum[i]) - d.images[i].truth) / d.images[i].truth;
    err[d.images[i].level].push_back(e);
    err[3].push_back(e);
  }
  std::fprintf(stderr, "%-10s stumps %4zu |", title, model ? used : 0);
  const char* names[4] = {"easy", "medium", "hard", "all"};
  for (int l = 0; l < 4; ++l) {
    const std::vector<double>& v = err[l];
    double m = 0, a = 0, q = 0;
    for (double e : v) m += e, a += std::abs(e);
    m /= std::max<size_t>(1, v.size());
    for (double e : v) q += (e - m) * (e - m);
    const double sd = std::sqrt(q / std::max<size_t>(1, v.size() - 1));
    if (l < 3)
      std::fprintf(stderr, " %s %+.2f/%.2f", names[l], m, sd);
    else
      std::fprintf(stderr, " | MAPE %.2f bias %+.2f SD %.2f LoA [%+.2f, %+.2f] | x%.3f-%.3f\n",
                   a / v.size(), m, sd, m - 1.96 * sd, m + 1.96 * sd, low, high);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> train, test;
  int rounds = 200;
  double shrink = 0.1;
  bool image_loss = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--test" && i + 1 < argc)
      test.push_back(argv[++i]);
    else if (a == "--rounds" && i + 1 < argc)
      rounds = std::stoi(argv[++i]);
    else if (a == "--image-loss")
      image_loss = true;
    else if (a == "--shrink" && i + 1 < argc)
      shrink = std::stod(argv[++i]);
    else
      train.push_back(a);
  }
  const Data d = load(train), t = load(test);
  for (const Image& im : d.images)
    if (im.seed == 1 || im.seed == 2) {
      std::cerr << "seeds 1 and 2 are the benchmark's test images: not for training\n";
      return 2;
    }
  double base = 0;
  const std::vector<Stump> stumps =
      image_loss ? fit_images(d, rounds, shrink, base) : fit(d, rounds, shrink, base);
  report("train rules", d, stumps, 0, base, false);
  if (!t.rows.empty()) report("test rules", t, stumps, 0, base, false);
  for (size_t used = 25; used < stumps.size() + 25; used += 25) {
    const size_t u = std::min(used, stumps.size());
    report("train", d, stumps, u, base, true);
    if (!t.rows.empty()) report("test", t, stumps, u, base, true);
  }
  std::printf("// Written by bench/imaging/count_model_train (do not edit by hand):\n");
  std::printf("// %zu training traces from %zu images, %zu stumps, shrink %g.\n", d.rows.size(),
              d.images.size(), stumps.size(), shrink);
  std::printf("constexpr double kCountBase = %.9g;\n", base);
  std::printf("constexpr Stump kCountStumps[] = {\n");
  for (const Stump& s : stumps)
    std::printf("    {%d, %.9g, %.9g, %.9g},\n", s.feature, s.threshold, s.below, s.above);
  std::printf("};\n");
  return 0;
}
