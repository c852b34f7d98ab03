#include "accuracy.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace anagen::imaging::bench {
namespace {

double dist(cv::Point2d a, cv::Point2d b) { return std::hypot(a.x - b.x, a.y - b.y); }

// The truth centreline end that is visible in the image.
cv::Point2d visible_tip(const synth::TruthHair& t, cv::Size size) {
  cv::Point2d tip = t.path.back();
  const cv::Rect2d view(0, 0, size.width, size.height);
  for (const auto& p : t.path)
    if (view.contains(p)) tip = p;
  return tip;
}

cv::Point2d visible_start(const synth::TruthHair& t, cv::Size size) {
  const cv::Rect2d view(0, 0, size.width, size.height);
  for (const auto& p : t.path)
    if (view.contains(p)) return p;
  return t.path.front();
}

// A pair's cost: how far the trace lies from the hair's centreline (mean
// px) plus the ends' distance (px) over kEndWeight.
constexpr double kEndWeight = 20;

// Distance from p to the polyline `path`.
double distance_to_polyline(cv::Point2d p, const std::vector<cv::Point2d>& path) {
  double best = 1e300;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    const cv::Point2d a = path[i], ab = path[i + 1] - a;
    const double len2 = ab.dot(ab);
    const double u = len2 > 0 ? std::clamp((p - a).dot(ab) / len2, 0.0, 1.0) : 0.0;
    best = std::min(best, dist(p, a + u * ab));
  }
  return path.size() == 1 ? dist(p, path[0]) : best;
}

// Mean distance of a trace's points from a true centreline, px.
// REQUIRES: a trace of at least one point.
double mean_distance(const std::vector<cv::Point2f>& trace, const std::vector<cv::Point2d>& path) {
  double sum = 0;
  for (const cv::Point2f& q : trace) sum += distance_to_polyline(q, path);
  return sum / trace.size();
}

}  // namespace

std::vector<MatchedHair> match_hairs(const Analysis& a, const synth::Sample& s) {
  struct Cand {
    double cost;
    size_t d, t;
    bool exit_ok;
  };
  std::vector<Cand> cands;
  const cv::Size size = s.image.size();
  for (size_t d = 0; d < a.hairs.size(); ++d) {
    const Hair& h = a.hairs[d];
    if (h.path.empty()) continue;
    cv::Point2d de(h.x, h.y), dt(h.path.back());
    for (size_t t = 0; t < s.hairs.size(); ++t) {
      const auto& th = s.hairs[t];
      cv::Point2d te = visible_start(th, size), tt = visible_tip(th, size);
      if (dist(de, te) > 400 && dist(de, tt) > 400) continue;
      double same = (dist(de, te) + dist(dt, tt)) / 2;
      double flip = (dist(de, tt) + dist(dt, te)) / 2;
      double cost = std::min(same, flip);
      double len_px = std::max(dist(te, tt), 1.0);
      if (cost > std::max(8.0, 0.3 * len_px)) continue;
      bool exit_ok = same <= flip;  // The exit end, even if outside the image.
      cands.push_back({mean_distance(h.path, th.path) + cost / kEndWeight, d, t, exit_ok});
    }
  }
  std::sort(cands.begin(), cands.end(), [](const Cand& x, const Cand& y) {
    return x.cost != y.cost ? x.cost < y.cost : x.d != y.d ? x.d < y.d : x.t < y.t;
  });
  std::vector<char> dused(a.hairs.size()), tused(s.hairs.size());
  std::vector<MatchedHair> out;
  for (const Cand& c : cands) {
    if (dused[c.d] || tused[c.t]) continue;
    dused[c.d] = tused[c.t] = 1;
    out.push_back({&a.hairs[c.d], &s.hairs[c.t], c.exit_ok});
  }
  return out;
}

void Scores::add(const Analysis& a, const synth::Sample& s, const std::vector<MatchedHair>& matches,
                 double vellus_um) {
  const int truth = synth::counted_truth(s);
  if (truth > 0) count_error_pct.push_back(100.0 * (a.hair_count - truth) / truth);
  truth_counted += truth;
  for (const MatchedHair& m : matches) {
    if (!m.truth->in_frame) continue;
    ++matched_counted;
    diameter_error_um.push_back(m.detected->diameter_um - m.truth->diameter_um);
    ++vellus_total;
    vellus_correct += m.detected->vellus == (m.truth->diameter_um <= vellus_um);
    ++exit_total;
    exit_correct += m.exit_correct;
    if (m.detected->anagen.has_value()) {
      ++growth_total;
      growth_correct += *m.detected->anagen == m.truth->anagen;
    }
  }
}

double mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return v.empty() ? 0 : s / v.size();
}

double stddev(const std::vector<double>& v) {
  if (v.size() < 2) return 0;
  double m = mean(v), s = 0;
  for (double x : v) s += (x - m) * (x - m);
  return std::sqrt(s / (v.size() - 1));
}

std::string Scores::report(const std::string& title) const {
  std::vector<double> abs_count, abs_diam;
  for (double e : count_error_pct) abs_count.push_back(std::abs(e));
  for (double e : diameter_error_um) abs_diam.push_back(std::abs(e));
  const double bias = mean(count_error_pct), sd = stddev(count_error_pct);
  char buf[1024];
  std::snprintf(buf, sizeof buf,
                "%-8s images %4zu | count MAPE %5.2f%% bias %+5.2f%% LoA [%+6.2f, %+6.2f]%% | "
                "recall %5.1f%% | diam bias %+5.2f MAE %5.2f um (n=%zu) | vellus acc %5.1f%% | "
                "exit ok %5.1f%% | anagen acc %s\n",
                title.c_str(), count_error_pct.size(), mean(abs_count), bias, bias - 1.96 * sd,
                bias + 1.96 * sd, 100.0 * matched_counted / std::max(1, truth_counted),
                mean(diameter_error_um), mean(abs_diam), diameter_error_um.size(),
                100.0 * vellus_correct / std::max(1, vellus_total),
                100.0 * exit_correct / std::max(1, exit_total),
                growth_total ? (std::to_string(100.0 * growth_correct / growth_total).substr(0, 5) +
                                "% (n=" + std::to_string(growth_total) + ")")
                                   .c_str()
                             : "n/a");
  return buf;
}

}  // namespace anagen::imaging::bench
