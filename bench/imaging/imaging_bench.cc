// Accuracy and speed benchmark of the trichoscopy analysis on seeded
// synthetic images with exact ground truth. See README.md.
//
// Usage: imaging_bench [--images N] [--pairs N] [--seed S]
//                      [--write-samples DIR] [--diag] [--per-image] [--only I,J,...]
//                      [--cache DIR] [--dump-traces FILE]
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "accuracy.h"
#include "analysis.h"
#include "count_model.h"
#include "detect.h"
#include "overlay.h"
#include "sample_cache.h"
#include "synth.h"

namespace anagen::imaging::bench {
namespace {

struct Config {
  int images = 240;
  int pairs = 60;
  std::uint64_t seed = 1;
  // --seed 1,2: each seed's images in turn, scored together (pooled
  // figures: single-seed differences of 0.1-0.2 points are noise).
  std::vector<std::uint64_t> seeds = {1};
  std::string samples_dir;
  bool diag = false;
  bool per_image = false;  // One line per image: truth, found, misses, extras.
  std::vector<int> only;   // Single images to run (indices), all if empty.
  std::string cache_dir;   // Generated samples kept here between runs.
  // --dump-features FILE: per matched hair in the frame as detected (before
  // the count model), its truth and the diameter model's inputs (the
  // training set of train_diameter_model).
  std::string features_file;
  // --dump-traces FILE: one line per detected hair (before the count
  // model), its features and what it stands for, for count_model_train.
  std::string dump_traces;
};

// --list: with --per-image and --diag, one line per failing hair or trace
// (BORDER, EXTRA, MISS, XEXIT; DIAM for a diameter off by more than 10 um)
// with its coordinates, to find it in the PNGs, and per image (DIAMIMG) the
// median diameter error and the MAE with and without that median.
bool g_list = false;
std::FILE* g_dump = nullptr;  // --dump-traces

Config parse(int argc, char** argv) {
  Config c;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "missing value for " << a << "\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--images")
      c.images = std::stoi(next());
    else if (a == "--pairs")
      c.pairs = std::stoi(next());
    else if (a == "--seed") {
      c.seeds.clear();
      std::stringstream list(next());
      for (std::string n; std::getline(list, n, ',');) c.seeds.push_back(std::stoull(n));
    } else if (a == "--write-samples") {
      c.samples_dir = next();
      std::filesystem::create_directories(c.samples_dir);
    } else if (a == "--diag")
      c.diag = true;
    else if (a == "--per-image")
      c.per_image = true;
    else if (a == "--list")
      g_list = true;
    else if (a == "--only") {
      std::stringstream list(next());
      for (std::string n; std::getline(list, n, ',');) c.only.push_back(std::stoi(n));
    } else if (a == "--dump-features")
      c.features_file = next();
    else if (a == "--cache")
      c.cache_dir = next();
    else if (a == "--dump-traces")
      c.dump_traces = next();
    else {
      std::cerr << "unknown argument " << a << "\n";
      std::exit(2);
    }
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
  std::map<std::string, int> extras, misses;  // Why counted traces / hairs fail to pair.
  std::map<std::string, int> crossing_exits;  // Counted traces by where their exit is.
  // Diameter error of matched counted hairs by kind: n, sum |e|, sum e.
  std::map<std::string, std::array<double, 3>> diam_kinds;
  // Per image, the count error (%) had some failures not happened: the
  // extras lying on a found hair not counted, no extras at all, or every
  // missed hair found. The first is the most a precision rule against
  // pieces of found hairs can give the count's figures.
  std::map<std::string, std::vector<double>> what_if;
};

// Share of a polyline's points within `tol` px of the mask's set pixels
// (distance map of the complement).
template <typename Point>
double share_near(const std::vector<Point>& path, const cv::Mat& dist, double tol) {
  int near = 0, n = 0;
  for (const auto& q : path) {
    cv::Point p(cvRound(q.x), cvRound(q.y));
    if (p.x < 0 || p.y < 0 || p.x >= dist.cols || p.y >= dist.rows) continue;
    ++n;
    near += dist.at<float>(p) <= tol;
  }
  return n ? double(near) / n : 0;
}

template <typename Point>
cv::Mat distance_to(const std::vector<const std::vector<Point>*>& paths, cv::Size size) {
  cv::Mat m(size, CV_8U, cv::Scalar(255)), d;
  for (const auto* p : paths) {
    std::vector<cv::Point> pts;
    for (const auto& q : *p) pts.emplace_back(cvRound(q.x), cvRound(q.y));
    cv::polylines(m, pts, false, cv::Scalar(0), 1);
  }
  cv::distanceTransform(m, d, cv::DIST_L2, 3);
  return d;
}

// Sorts each counted trace that pairs with no hair, and each counted hair
// that pairs with no trace, by what lies under it.
void diag_failures(const Analysis& a, const synth::Sample& s,
                   const std::vector<MatchedHair>& matches, Diag& d) {
  std::set<const void*> paired;  // Detected and true hairs that have a partner.
  for (const auto& m : matches) paired.insert({m.detected, m.truth});
  std::vector<const std::vector<cv::Point2d>*> truth_all, truth_unmatched;
  std::vector<const std::vector<cv::Point2f>*> found_all, found_matched, found_uncounted;
  for (const auto& t : s.hairs) {
    truth_all.push_back(&t.path);
    if (!paired.count(&t)) truth_unmatched.push_back(&t.path);
  }
  for (const auto& h : a.hairs) {
    found_all.push_back(&h.path);
    if (paired.count(&h)) found_matched.push_back(&h.path);
    if (!h.counted) found_uncounted.push_back(&h.path);
  }
  const cv::Size size = s.image.size();
  const cv::Mat to_truth = distance_to(truth_all, size),
                to_missed = distance_to(truth_unmatched, size),
                to_found = distance_to(found_all, size),
                to_matched = distance_to(found_matched, size),
                to_uncounted = distance_to(found_uncounted, size);
  const double tol = 3.0;
  std::map<std::string, int> change;  // Per what-if: counted traces removed.
  for (const auto& h : a.hairs) {
    if (!h.counted || paired.count(&h)) continue;
    const double on = share_near(h.path, to_truth, tol);
    std::string k = on < 0.3 ? "skin" : on < 0.7 ? "part hair" : "hair";
    if (on >= 0.7)
      k += share_near(h.path, to_missed, tol) >= 0.7 ? ", a missed one" : ", a found one";
    if (k == "hair, a found one") ++change["no extras on found hairs"];
    ++change["no extras"];
    k += h.length_um < 300 ? " <300um" : " >=300um";
    d.extras[k]++;
    if (g_list)
      std::printf("EXTRA %s (%.0f,%.0f)-(%.0f,%.0f) len %.0f d %.0f\n", k.c_str(), h.path.front().x,
                  h.path.front().y, h.path.back().x, h.path.back().y, h.length_um, h.diameter_um);
  }
  for (const auto& t : s.hairs) {
    if (!t.in_frame || paired.count(&t)) continue;
    const double on = share_near(t.path, to_found, tol);
    std::string k = on < 0.3 ? "untraced" : on < 0.7 ? "part traced" : "traced";
    if (on >= 0.7) {
      if (share_near(t.path, to_uncounted, tol) >= 0.5)
        k += ", uncounted trace";
      else if (share_near(t.path, to_matched, tol) >= 0.5)
        k += ", trace of another hair";
      else
        k += ", extra trace(s)";
    }
    k += t.vellus_like ? " vellus" : " terminal";
    --change["no misses"];
    d.misses[k]++;
    if (g_list)
      std::printf("MISS %s (%.0f,%.0f)-(%.0f,%.0f) d %.0f c %.3f\n", k.c_str(), t.path.front().x,
                  t.path.front().y, t.path.back().x, t.path.back().y, t.diameter_um, t.contrast);
  }
  if (const int truth = synth::counted_truth(s); truth > 0)
    for (const char* k : {"no extras on found hairs", "no extras", "no misses"})
      d.what_if[k].push_back(100.0 * (a.hair_count - change[k] - truth) / truth);
}

void diag_add_pair(const std::vector<MatchedHair>& matches, Diag& d) {
  for (const MatchedHair& m : matches) {
    if (!m.truth->in_frame) continue;
    if (m.detected->anagen.has_value())
      ++d.growth[m.truth->anagen][*m.detected->anagen];
    else
      ++d.unclassified[m.truth->anagen];
  }
}

// Counted traces whose exit end lies on another trace's middle (a crossing):
// how often that exit is a true, counted one.
void diag_crossing_exits(const Analysis& a, const synth::Sample& s,
                         const std::vector<MatchedHair>& matches, Diag& d) {
  for (const Hair& h : a.hairs) {
    if (!h.counted || h.path.size() < 2) continue;
    cv::Point2f e = h.path.front();
    bool on_other = false;
    for (const Hair& o : a.hairs) {
      if (&o == &h || o.path.size() < 2) continue;
      for (size_t k = 0; k < o.path.size(); ++k) {
        cv::Point2f q = o.path[k];
        if (std::hypot(q.x - e.x, q.y - e.y) > 4) continue;
        if (std::hypot(q.x - o.path.front().x, q.y - o.path.front().y) < 12 ||
            std::hypot(q.x - o.path.back().x, q.y - o.path.back().y) < 12)
          continue;
        on_other = true;
        break;
      }
      if (on_other) break;
    }
    const MatchedHair* m = nullptr;
    for (const auto& mm : matches)
      if (mm.detected == &h) m = &mm;
    std::string k = on_other ? "on a crossing: " : "elsewhere: ";
    if (!m)
      k += "extra";
    else if (!m->truth->in_frame)
      k += "truth not counted";
    else if (!m->exit_correct)
      k += "counted, wrong end";
    else if (std::hypot(m->truth->exit.x - e.x, m->truth->exit.y - e.y) > 15)
      k += "counted, exit >15px off";
    else
      k += "right";
    d.crossing_exits[k]++;
    if (g_list && on_other)
      std::printf("XEXIT %s (%.0f,%.0f)-(%.0f,%.0f)\n", k.c_str(), e.x, e.y, h.path.back().x,
                  h.path.back().y);
  }
}

void diag_add(const Analysis& a, const synth::Sample& s, const std::vector<MatchedHair>& matches,
              Diag& d) {
  diag_failures(a, s, matches, d);
  diag_crossing_exits(a, s, matches, d);
  std::vector<const synth::TruthHair*> hit;
  std::map<int, int> unit_size;
  for (const auto& t : s.hairs) unit_size[t.unit]++;
  std::map<double, int> same_diameter;  // Substituted values repeat within an image.
  for (const Hair& h : a.hairs) same_diameter[h.diameter_um]++;
  for (const MatchedHair& m : matches) {
    hit.push_back(m.truth);
    if (!m.truth->in_frame) continue;
    double e = m.detected->diameter_um - m.truth->diameter_um;
    d.diam_bins[static_cast<int>(m.truth->diameter_um / 10) * 10].push_back(e);
    d.all_err.push_back(e);
    const double len_ratio = m.detected->length_um / std::max(1.0, m.truth->length_um);
    std::string k = same_diameter[m.detected->diameter_um] > 1 ? "substituted" : "fitted";
    k += m.truth->touching ? ", touching" : unit_size[m.truth->unit] > 1 ? ", sibling" : ", single";
    k += len_ratio < 0.7 ? ", short" : len_ratio > 1.3 ? ", long" : "";
    auto& v = d.diam_kinds[k];
    v[0] += 1;
    v[1] += std::abs(e);
    v[2] += e;
    if (g_list && std::abs(e) > 10)
      std::printf(
          "DIAM %+5.1f truth %5.1f found %5.1f %s len %.0f/%.0f exit (%.0f,%.0f) tip (%.0f,%.0f)\n",
          e, m.truth->diameter_um, m.detected->diameter_um, k.c_str(), m.detected->length_um,
          m.truth->length_um, m.detected->x, m.detected->y, m.detected->path.back().x,
          m.detected->path.back().y);
  }
  if (g_list) {
    std::vector<double> errs;
    for (const MatchedHair& m : matches)
      if (m.truth->in_frame) errs.push_back(m.detected->diameter_um - m.truth->diameter_um);
    const double mid = median(errs);
    double mae = 0, centred = 0;
    for (double e : errs) {
      mae += std::abs(e) / errs.size();
      centred += std::abs(e - mid) / errs.size();
    }
    std::printf(
        "DIAMIMG median %+5.1f mean %+5.1f MAE %.2f centred %.2f n %zu scale %.2f jpeg %d\n", mid,
        mean(errs), mae, centred, errs.size(), s.um_per_px, s.jpeg_quality);
  }
  for (const auto& t : s.hairs) {
    if (!t.in_frame) continue;
    bool f = std::find(hit.begin(), hit.end(), &t) != hit.end();
    auto add = [&](const std::string& k) {
      d.found[k].first += f;
      d.found[k].second++;
    };
    add(t.vellus_like ? "vellus" : "terminal");
    add(t.touching ? "touching" : "not-touching");
    add(t.contrast < 0.1 ? "contrast<0.1" : t.contrast < 0.2 ? "contrast<0.2" : "contrast>=0.2");
  }
}

void diag_print(Diag& d) {
  for (auto& [bin, errs] : d.diam_bins)
    std::printf("  diameter %3d-%3d um: n=%4zu bias %+6.2f sd %5.2f median %+6.2f\n", bin, bin + 9,
                errs.size(), mean(errs), stddev(errs), median(errs));
  std::sort(d.all_err.begin(), d.all_err.end());
  size_t n = d.all_err.size();
  if (n)
    std::printf("  diameter error percentiles 5/25/50/75/95: %.1f %.1f %.1f %.1f %.1f\n",
                d.all_err[n / 20], d.all_err[n / 4], d.all_err[n / 2], d.all_err[3 * n / 4],
                d.all_err[19 * n / 20]);
  // Diameter error by kind ("substituted": a value repeated in the image,
  // the median given to band shafts and outliers); share: its part of the MAE.
  for (auto& [k, v] : d.diam_kinds)
    std::printf("  diam %-34s n=%5.0f MAE %5.2f bias %+6.2f share of MAE %5.2f um\n", k.c_str(),
                v[0], v[1] / v[0], v[2] / v[0], v[1] / std::max<size_t>(1, n));
  for (auto& [k, v] : d.found)
    std::printf("  found %-14s %5d / %5d = %5.1f%%\n", k.c_str(), v.first, v.second,
                100.0 * v.first / std::max(1, v.second));
  for (auto& [k, v] : d.extras) std::printf("  extra on %-28s %5d\n", k.c_str(), v);
  for (auto& [k, v] : d.misses) std::printf("  miss %-40s %5d\n", k.c_str(), v);
  for (auto& [k, v] : d.crossing_exits) std::printf("  counted, exit %-38s %5d\n", k.c_str(), v);
  for (auto& [k, e] : d.what_if) {
    double mape = 0;
    for (double x : e) mape += std::abs(x) / e.size();
    std::printf("  count if %-25s MAPE %5.2f%% bias %+5.2f%% SD %5.2f\n", k.c_str(), mape, mean(e),
                stddev(e));
  }
  std::printf(
      "  pairs: anagen read anagen %d, telogen %d, unclassified %d; "
      "telogen read telogen %d, anagen %d, unclassified %d\n",
      d.growth[1][1], d.growth[1][0], d.unclassified[1], d.growth[0][0], d.growth[0][1],
      d.unclassified[0]);
}

// Counted truth hairs, counted traces, and how they fail to pair: a miss
// is a counted hair matched by no trace, an extra a counted trace matched to
// no hair. The count error is extras - misses.
void print_image_line(int i, const Analysis& a, const synth::Sample& s,
                      const std::vector<MatchedHair>& matches) {
  int matched_truth = 0, matched_found = 0, out_counted = 0, in_uncounted = 0;
  for (const MatchedHair& m : matches) {
    matched_truth += m.truth->in_frame;
    matched_found += m.detected->counted;
    out_counted += m.detected->counted && !m.truth->in_frame;
    in_uncounted += !m.detected->counted && m.truth->in_frame;
    if (g_list && m.detected->counted != m.truth->in_frame)
      std::printf(
          "BORDER %s found exit (%.0f,%.0f) tip (%.0f,%.0f) truth exit (%.0f,%.0f) exit_ok %d\n",
          m.detected->counted ? "+" : "-", m.detected->x, m.detected->y, m.detected->path.back().x,
          m.detected->path.back().y, m.truth->exit.x, m.truth->exit.y, m.exit_correct);
  }
  const int truth = synth::counted_truth(s);
  std::printf(
      "image %3d %-6s truth %4d found %4d misses %4d extras %4d border +%d -%d error %+6.2f%%\n", i,
      synth::difficulty_name(s.params.difficulty).c_str(), truth, a.hair_count,
      truth - matched_truth, a.hair_count - matched_found, out_counted, in_uncounted,
      truth ? 100.0 * (a.hair_count - truth) / truth : 0.0);
  if (g_list) {
    double con = 0, low = 0, vel = 0, touch = 0, multi = 0, n = 0;
    std::map<int, int> units;
    for (const auto& t : s.hairs) units[t.unit]++;
    for (const auto& t : s.hairs) {
      if (!t.in_frame) continue;
      ++n;
      con += t.contrast;
      low += t.contrast < 0.2;
      vel += t.vellus_like;
      touch += t.touching;
      multi += units[t.unit] > 1;
    }
    std::printf("FEAT %d %s %d %.2f %.3f %.3f %.3f %.3f %.3f %d %.2f\n", i,
                synth::difficulty_name(s.params.difficulty).c_str(), truth, s.um_per_px, con / n,
                low / n, vel / n, touch / n, multi / n, s.jpeg_quality,
                truth ? 100.0 * (a.hair_count - truth) / truth : 0.0);
  }
}

// A centreline rounded to pixels, for drawing.
template <typename Point>
std::vector<cv::Point> pixel_path(const std::vector<Point>& path) {
  std::vector<cv::Point> pts;
  for (const auto& q : path) pts.emplace_back(cvRound(q.x), cvRound(q.y));
  return pts;
}

void write_sample(const Config& c, const synth::Sample& s, const Analysis& a,
                  const std::vector<MatchedHair>& matches, int i) {
  std::string base =
      c.samples_dir + "/" + synth::difficulty_name(s.params.difficulty) + "_" + std::to_string(i);
  cv::imwrite(base + ".png", s.image);
  // The scale (and a pair's interval) to analyse the PNGs with.
  std::ofstream info(base + ".txt");
  info << "um_per_px " << s.um_per_px << "\n";
  if (s.second) info << "hours " << s.params.hours << "\n";
  Options o;
  o.um_per_px = s.um_per_px;
  const cv::Mat overlay = draw_overlay(s.image, a, o);
  cv::imwrite(base + "_overlay.png", overlay);
  // Truth: found hairs in blue, missed counted hairs in magenta, counted
  // traces matched to no hair (extras) thick in red.
  cv::Mat truth = overlay.clone();
  std::vector<const synth::TruthHair*> hit;
  std::vector<const Hair*> used;
  for (const MatchedHair& m : matches) {
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
  void add(int level, const Analysis& a, const synth::Sample& s,
           const std::vector<MatchedHair>& matches, double vellus_um) {
    per[level].add(a, s, matches, vellus_um);
    all.add(a, s, matches, vellus_um);
  }
  void print(const char* title) const {
    std::printf("%s\n", title);
    for (int l = 0; l < 3; ++l)
      std::printf("%s", per[l].report(synth::difficulty_name(kLevels[l])).c_str());
    std::printf("%s", all.report("all").c_str());
  }
};

// One line per matched hair in the frame: seed, image, difficulty level,
// true diameter, then the diameter model's kind and inputs
// (Hair::diameter_inputs), as train_diameter_model reads them.
void write_features(std::uint64_t seed, int image, const std::vector<MatchedHair>& matches,
                    FILE* out) {
  for (const MatchedHair& m : matches) {
    if (!m.truth->in_frame) continue;
    std::fprintf(out, "%llu,%d,%d,%.4f,%d", static_cast<unsigned long long>(seed), image, image % 3,
                 m.truth->diameter_um, m.detected->diameter_kind);
    for (double v : m.detected->diameter_inputs) std::fprintf(out, ",%.10g", v);
    std::fprintf(out, "\n");
  }
}

// How far (px) a missed hair's exit may lie from a counted trace for the
// trace to answer for it (a sibling hidden under it, a hair it swallowed);
// farther misses are shared by all the image's counted traces.
constexpr double kAttributePx = 30.0;

double distance_to_path(cv::Point2d p, const std::vector<cv::Point2f>& path) {
  double best = 1e300;
  for (const cv::Point2f& q : path) best = std::min(best, std::hypot(q.x - p.x, q.y - p.y));
  return best;
}

// The models' training lines, from the hairs as detected (before the count
// model, which adds and uncounts entries: so the diameter model's lines
// depend on neither model's table, and the count model's only on the
// diameter model's). For train_diameter_model, write_features' lines. For
// count_model_train, per detected hair
// "seed image level truth counted found attributed f0 f1 ...": found
// is 1 if it pairs with a true counted hair, attributed the missed counted
// hairs (true counted hairs paired with no counted trace) whose exit lies
// nearest to it within kAttributePx. Uncounted hairs have counted 0.
void dump_training(std::FILE* out, std::FILE* features_out, const Config& c, int i,
                   const synth::Sample& s, const Options& o) {
  CountInputs in;
  std::vector<Hair> hairs = detect_hairs(s.image, o, nullptr, &in);
  const std::vector<CountFeatures> features =
      out ? count_features(hairs, in) : std::vector<CountFeatures>{};
  const Analysis a = summarize(std::move(hairs), s.image.size(), o);
  const std::vector<MatchedHair> matches = match_hairs(a, s);
  if (features_out) write_features(c.seed, i, matches, features_out);
  if (!out) return;
  std::vector<int> found(a.hairs.size(), 0), attributed(a.hairs.size(), 0);
  std::set<const synth::TruthHair*> counted_found;
  for (const MatchedHair& m : matches)
    if (m.truth->in_frame && m.detected->counted) {
      found[m.detected - a.hairs.data()] = 1;
      counted_found.insert(m.truth);
    }
  const cv::Rect2d view(0, 0, s.image.cols, s.image.rows);
  for (const synth::TruthHair& t : s.hairs) {
    if (!t.in_frame || counted_found.count(&t)) continue;
    cv::Point2d exit = t.path.front();
    for (const cv::Point2d& p : t.path)
      if (view.contains(p)) {
        exit = p;
        break;
      }
    double best = kAttributePx;
    int at = -1;
    for (size_t j = 0; j < a.hairs.size(); ++j) {
      if (!a.hairs[j].counted) continue;
      const double d = distance_to_path(exit, a.hairs[j].path);
      if (d < best) {
        best = d;
        at = static_cast<int>(j);
      }
    }
    if (at >= 0) ++attributed[at];
  }
  const int truth = synth::counted_truth(s);
  for (size_t j = 0; j < a.hairs.size(); ++j) {
    std::fprintf(out, "%llu %d %d %d %d %d %d", static_cast<unsigned long long>(c.seed), i, i % 3,
                 truth, int(a.hairs[j].counted), found[j], attributed[j]);
    for (float f : features[j]) std::fprintf(out, " %.9g", f);
    std::fprintf(out, "\n");
  }
}

void run_singles(const Config& c, Results& r, Timing& timing, Diag& diag, FILE* features) {
  for (int i = 0; i < c.images; ++i) {
    if (!c.only.empty() && std::find(c.only.begin(), c.only.end(), i) == c.only.end()) continue;
    synth::Params p;
    p.seed = c.seed * 100003 + i;
    p.difficulty = kLevels[i % 3];
    synth::Sample s = cached_generate(p, c.cache_dir);
    Options o;
    o.um_per_px = s.um_per_px;
    if (g_dump || features) {
      dump_training(g_dump, features, c, i, s, o);
      continue;
    }
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
    const std::vector<MatchedHair> matches = match_hairs(a, s);
    r.add(i % 3, a, s, matches, o.vellus_threshold_um);
    if (c.diag) diag_add(a, s, matches, diag);
    if (c.per_image) print_image_line(i, a, s, matches);
    if (!c.samples_dir.empty() && (!c.only.empty() || i < 6)) write_sample(c, s, a, matches, i);
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
    const std::vector<MatchedHair> matches = match_hairs(a, s);
    r.add(i % 3, a, s, matches, o.vellus_threshold_um);
    if (c.diag) diag_add_pair(matches, diag);
    if (!c.samples_dir.empty() && i < 3) write_sample(c, s, a, matches, 100 + i);
  }
}

int run(const Config& c) {
  cv::setNumThreads(0);      // Speed is reported for one core.
  FILE* features = nullptr;  // --dump-features
  if (!c.features_file.empty() && !(features = std::fopen(c.features_file.c_str(), "w"))) {
    std::cerr << "cannot write " << c.features_file << "\n";
    return 2;
  }
  Results singles, pairs;
  Timing timing;
  Diag diag;
  if (!c.dump_traces.empty()) {
    g_dump = std::fopen(c.dump_traces.c_str(), "w");
    if (!g_dump) {
      std::cerr << "cannot write " << c.dump_traces << "\n";
      return 1;
    }
  }
  for (std::uint64_t seed : c.seeds) {
    Config one = c;
    one.seed = seed;
    run_singles(one, singles, timing, diag, features);
    run_pairs(one, pairs, diag);
  }
  if (features || g_dump) {  // Only the dumps were asked for.
    if (features) std::fclose(features);
    if (g_dump) std::fclose(g_dump);
    return 0;
  }
  singles.print("single images (1280x960 px, 5-9 um/px)");
  if (c.pairs > 0) pairs.print("image pairs, 48 or 72 h apart (anagen: per counted hair)");
  std::printf(
      "speed (one core, best of %d runs per image): median %.1f ms/MP (mean %.1f); "
      "median ratio to a gray+blur+Otsu baseline on the same image: %.2fx\n",
      kTimingRuns, median(timing.ms_per_mp), mean(timing.ms_per_mp), median(timing.ratio));
  if (c.diag) diag_print(diag);
  return 0;
}

}  // namespace
}  // namespace anagen::imaging::bench

int main(int argc, char** argv) {
  return anagen::imaging::bench::run(anagen::imaging::bench::parse(argc, argv));
}
