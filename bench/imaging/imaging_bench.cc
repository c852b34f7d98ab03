// Accuracy and speed benchmark of the trichoscopy analysis on seeded
// synthetic images with exact ground truth. See README.md.
//
// Usage: imaging_bench [--images N] [--pairs N] [--seed S]
//                      [--write-samples DIR] [--diag] [--per-image] [--only I,J,...]
//                      [--cache DIR]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "accuracy.h"
#include "analysis.h"
#include "overlay.h"
#include "sample_cache.h"
#include "synth.h"

namespace anagen::imaging::bench {
namespace {

struct Config {
  int images = 240;
  int pairs = 60;
  std::uint64_t seed = 1;
  std::string samples_dir;
  bool diag = false;
  bool per_image = false;  // One line per image: truth, found, misses, extras.
  std::vector<int> only;   // Single images to run (indices), all if empty.
  std::string cache_dir;  // Generated samples kept here between runs.
};

Config parse(int argc, char** argv) {
  Config c;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) { std::cerr << "missing value for " << a << "\n"; std::exit(2); }
      return argv[++i];
    };
    if (a == "--images") c.images = std::stoi(next());
    else if (a == "--pairs") c.pairs = std::stoi(next());
    else if (a == "--seed") c.seed = std::stoull(next());
    else if (a == "--write-samples") c.samples_dir = next();
    else if (a == "--diag") c.diag = true;
    else if (a == "--per-image") c.per_image = true;
    else if (a == "--only") {
      std::stringstream list(next());
      for (std::string n; std::getline(list, n, ',');) c.only.push_back(std::stoi(n));
    }
    else if (a == "--cache") c.cache_dir = next();
    else { std::cerr << "unknown argument " << a << "\n"; std::exit(2); }
  }
  return c;
}

double now_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

// The speed reference: one plain blur + threshold pass over the same image.
double baseline_ms(const cv::Mat& bgr) {
  double t0 = now_ms();
  cv::Mat g, b, m;
  cv::cvtColor(bgr, g, cv::COLOR_BGR2GRAY);
  cv::GaussianBlur(g, b, cv::Size(5, 5), 1.0);
  cv::threshold(b, m, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  return now_ms() - t0;
}

constexpr int kTimingRuns = 3;  // Per image, for the speed figures.

struct Timing {
  std::vector<double> ms_per_mp, ratio;
  void add(double analysis_ms, double base_ms, double mp) {
    ms_per_mp.push_back(analysis_ms / mp);
    ratio.push_back(analysis_ms / base_ms);
  }
};

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

struct Diag {
  std::map<int, std::vector<double>> diam_bins;
  std::map<std::string, std::pair<int, int>> found;  // category -> (found, total)
  std::vector<double> all_err;
  // Anagen test on counted matched hairs of the pairs: [truth anagen][read anagen];
  // unclassified[truth anagen].
  int growth[2][2] = {{0, 0}, {0, 0}};
  int unclassified[2] = {0, 0};
};

void diag_add_pair(const Analysis& a, const synth::Sample& s, Diag& d) {
  for (const MatchedHair& m : match_hairs(a, s)) {
    if (!m.truth->in_frame) continue;
    if (m.detected->anagen.has_value()) ++d.growth[m.truth->anagen][*m.detected->anagen];
    else ++d.unclassified[m.truth->anagen];
  }
}

void diag_add(const Analysis& a, const synth::Sample& s, Diag& d) {
  auto matches = match_hairs(a, s);
  std::vector<const synth::TruthHair*> hit;
  for (const MatchedHair& m : matches) {
    hit.push_back(m.truth);
    if (!m.truth->in_frame) continue;
    double e = m.detected->diameter_um - m.truth->diameter_um;
    d.diam_bins[static_cast<int>(m.truth->diameter_um / 10) * 10].push_back(e);
    d.all_err.push_back(e);
  }
  for (const auto& t : s.hairs) {
    if (!t.in_frame) continue;
    bool f = std::find(hit.begin(), hit.end(), &t) != hit.end();
    auto add = [&](const std::string& k) { d.found[k].first += f; d.found[k].second++; };
    add(t.vellus_like ? "vellus" : "terminal");
    add(t.touching ? "touching" : "not-touching");
    add(t.contrast < 0.1 ? "contrast<0.1" : t.contrast < 0.2 ? "contrast<0.2" : "contrast>=0.2");
  }
}

void diag_print(Diag& d) {
  for (auto& [bin, errs] : d.diam_bins)
    std::printf("  diameter %3d-%3d um: n=%4zu bias %+6.2f sd %5.2f median %+6.2f\n", bin,
                bin + 9, errs.size(), mean(errs), stddev(errs), median(errs));
  std::sort(d.all_err.begin(), d.all_err.end());
  size_t n = d.all_err.size();
  if (n) std::printf("  diameter error percentiles 5/25/50/75/95: %.1f %.1f %.1f %.1f %.1f\n",
                     d.all_err[n / 20], d.all_err[n / 4], d.all_err[n / 2], d.all_err[3 * n / 4], d.all_err[19 * n / 20]);
  for (auto& [k, v] : d.found)
    std::printf("  found %-14s %5d / %5d = %5.1f%%\n", k.c_str(), v.first, v.second, 100.0 * v.first / std::max(1, v.second));
  std::printf("  pairs: anagen read anagen %d, telogen %d, unclassified %d; "
              "telogen read telogen %d, anagen %d, unclassified %d\n",
              d.growth[1][1], d.growth[1][0], d.unclassified[1], d.growth[0][0], d.growth[0][1],
              d.unclassified[0]);
}

// Counted truth hairs, counted traces, and how they fail to pair: a miss
// is a counted hair matched by no trace, an extra a counted trace matched to
// no hair. The count error is extras - misses.
void print_image_line(int i, const Analysis& a, const synth::Sample& s) {
  int matched_truth = 0, matched_found = 0;
  for (const MatchedHair& m : match_hairs(a, s)) {
    matched_truth += m.truth->in_frame;
    matched_found += m.detected->counted;
  }
  const int truth = synth::counted_truth(s);
  std::printf("image %3d %-6s truth %4d found %4d misses %4d extras %4d error %+6.2f%%\n", i,
              synth::difficulty_name(s.params.difficulty).c_str(), truth, a.hair_count,
              truth - matched_truth, a.hair_count - matched_found,
              truth ? 100.0 * (a.hair_count - truth) / truth : 0.0);
}

// A centreline rounded to pixels, for drawing.
template <typename Point>
std::vector<cv::Point> pixel_path(const std::vector<Point>& path) {
  std::vector<cv::Point> pts;
  for (const auto& q : path) pts.emplace_back(cvRound(q.x), cvRound(q.y));
  return pts;
}

void write_sample(const Config& c, const synth::Sample& s, const Analysis& a, int i) {
  std::string base = c.samples_dir + "/" + synth::difficulty_name(s.params.difficulty) +
                     "_" + std::to_string(i);
  cv::imwrite(base + ".png", s.image);
  Options o;
  o.um_per_px = s.um_per_px;
  const cv::Mat overlay = draw_overlay(s.image, a, o);
  cv::imwrite(base + "_overlay.png", overlay);
  // Truth: found hairs in blue, missed counted hairs in magenta, counted
  // traces matched to no hair (extras) thick in red.
  cv::Mat truth = overlay.clone();
  std::vector<const synth::TruthHair*> hit;
  std::vector<const Hair*> used;
  for (const MatchedHair& m : match_hairs(a, s)) {
    hit.push_back(m.truth);
    used.push_back(m.detected);
  }
  for (const Hair& h : a.hairs) {
    if (!h.counted || std::find(used.begin(), used.end(), &h) != used.end()) continue;
    cv::polylines(truth, pixel_path(h.path), false, cv::Scalar(0, 0, 255), 2, cv::LINE_AA);
  }
  for (const auto& t : s.hairs) {
    bool found = std::find(hit.begin(), hit.end(), &t) != hit.end();
    if (!t.in_frame && !found) continue;
    const std::vector<cv::Point> pts = pixel_path(t.path);
    cv::Scalar c = found ? cv::Scalar(255, 80, 0) : cv::Scalar(255, 0, 255);
    cv::polylines(truth, pts, false, c, 1, cv::LINE_AA);
    cv::drawMarker(truth, pts.front(), c, cv::MARKER_CROSS, 8);
  }
  cv::imwrite(base + "_truth.png", truth);
  if (s.second) cv::imwrite(base + "_second.png", *s.second);
}

constexpr synth::Difficulty kLevels[3] = {synth::Difficulty::kEasy, synth::Difficulty::kMedium,
                                          synth::Difficulty::kHard};

struct Results {
  Scores per[3], all;
  void add(int level, const Analysis& a, const synth::Sample& s, double vellus_um) {
    per[level].add(a, s, vellus_um);
    all.add(a, s, vellus_um);
  }
  void print(const char* title) const {
    std::printf("%s\n", title);
    for (int l = 0; l < 3; ++l)
      std::printf("%s", per[l].report(synth::difficulty_name(kLevels[l])).c_str());
    std::printf("%s", all.report("all").c_str());
  }
};

void run_singles(const Config& c, Results& r, Timing& timing, Diag& diag) {
  for (int i = 0; i < c.images; ++i) {
    if (!c.only.empty() && std::find(c.only.begin(), c.only.end(), i) == c.only.end()) continue;
    synth::Params p;
    p.seed = c.seed * 100003 + i;
    p.difficulty = kLevels[i % 3];
    synth::Sample s = cached_generate(p, c.cache_dir);
    Options o;
    o.um_per_px = s.um_per_px;
    // Best of kTimingRuns for both: on a shared machine a single run mostly
    // measures the neighbours (the analysis is deterministic, so each run
    // gives the same result).
    double base = 1e300, best = 1e300;
    Analysis a;
    for (int run = 0; run < kTimingRuns; ++run) {
      base = std::min(base, baseline_ms(s.image));
      double t0 = now_ms();
      a = analyze(s.image, o);
      best = std::min(best, now_ms() - t0);
    }
    timing.add(best, base, s.image.total() / 1e6);
    r.add(i % 3, a, s, o.vellus_threshold_um);
    if (c.diag) diag_add(a, s, diag);
    if (c.per_image) print_image_line(i, a, s);
    if (!c.samples_dir.empty() && (!c.only.empty() || i < 6)) write_sample(c, s, a, i);
  }
}

void run_pairs(const Config& c, Results& r, Diag& diag) {
  for (int i = 0; i < c.pairs; ++i) {
    synth::Params p;
    p.seed = c.seed * 200003 + i;
    p.difficulty = kLevels[i % 3];
    p.pair = true;
    p.hours = 48 + 24.0 * (i % 2);
    synth::Sample s = cached_generate(p, c.cache_dir);
    Options o;
    o.um_per_px = s.um_per_px;
    Analysis a = analyze_pair(s.image, *s.second, p.hours, o);
    r.add(i % 3, a, s, o.vellus_threshold_um);
    if (c.diag) diag_add_pair(a, s, diag);
    if (!c.samples_dir.empty() && i < 3) write_sample(c, s, a, 100 + i);
  }
}

int run(const Config& c) {
  cv::setNumThreads(0);  // Speed is reported for one core.
  Results singles, pairs;
  Timing timing;
  Diag diag;
  run_singles(c, singles, timing, diag);
  run_pairs(c, pairs, diag);
  singles.print("single images (1280x960 px, 5-9 um/px)");
  if (c.pairs > 0) pairs.print("image pairs, 48 or 72 h apart (anagen: per counted hair)");
  std::printf("speed (one core, best of %d runs per image): median %.1f ms/MP (mean %.1f); "
              "median ratio to a gray+blur+Otsu baseline on the same image: %.2fx\n",
              kTimingRuns,
              median(timing.ms_per_mp), mean(timing.ms_per_mp), median(timing.ratio));
  if (c.diag) diag_print(diag);
  return 0;
}

}  // namespace
}  // namespace anagen::imaging::bench

int main(int argc, char** argv) {
  return anagen::imaging::bench::run(anagen::imaging::bench::parse(argc, argv));
}
