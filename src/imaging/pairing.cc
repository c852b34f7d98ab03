// Phototrichogram: analyze_pair (declared in analysis.h).
#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <stdexcept>

#include "analysis.h"
#include "contrast.h"
#include "detect.h"
#include "hair_measure.h"
#include "registration.h"

namespace anagen::imaging {
namespace {

// Residual misregistration after phase correlation: rotation of up to 4
// degrees moves image corners by up to about 55 px.
constexpr double kRegistrationSearchUm = 500.0;
// A second shot of the same site shows the first shot's hair bodies again
// (hairs only grow between the shots): 97.6-100% of them on the
// benchmark's 90 pairs and on 640x480 pairs with 5-20 hairs, where the
// registration lines up only a fifth of the hair ends (tips grow, exits
// sit at junctions). Unrelated images showed at most 44% (20 cross-pairings
// of small pairs, hard ones included), and the turned registration at most
// 38%.
constexpr double kSameSiteKept = 0.8;
constexpr double kAboveChance = 0.3;
// And never on fewer hairs than this: one or two can line up by chance.
constexpr int kSameSiteHairs = 3;
constexpr double kPresent = 0.6;        // Of the hair's own contrast.
constexpr double kBodyKept = 0.6;       // Share of the shaft seen again.
constexpr double kGrown = 0.55;         // Share of the extension covered.
constexpr double kCheckedGrowth = 0.8;  // Of the threshold growth, checked.
constexpr double kFreeShare = 0.4;      // Of the extension, clear in the first shot.
// Half-width of the probe across the extension: 1 px (registration) plus
// this much per px beyond the end, for the error of a direction fitted to
// about 24 px of skeleton (its wiggle is about half a px) and for the
// shaft's bend.
constexpr double kSpreadPerPx = 0.08;

// An end this close to the image's edge is where the frame cut the hair:
// it moves with the frame, and ends along the edges line up by chance.
constexpr float kFrameCutPx = 4;

// Both ends of every hair, but those the frame cut: features for
// registration (exits never move).
std::vector<cv::Point2f> ends(const std::vector<Hair>& hairs, cv::Size size) {
  const cv::Rect2f inner(kFrameCutPx, kFrameCutPx, size.width - 1 - 2 * kFrameCutPx,
                         size.height - 1 - 2 * kFrameCutPx);
  std::vector<cv::Point2f> pts;
  for (const Hair& h : hairs) {
    for (cv::Point2f p :
         {cv::Point2f(static_cast<float>(h.x), static_cast<float>(h.y)), h.path.back()})
      if (inner.contains(p)) pts.push_back(p);
  }
  return pts;
}

float bilinear(const cv::Mat& img, cv::Point2f p) {
  float x = std::clamp(p.x, 0.0f, img.cols - 1.001f), y = std::clamp(p.y, 0.0f, img.rows - 1.001f);
  int x0 = static_cast<int>(x), y0 = static_cast<int>(y);
  float fx = x - x0, fy = y - y0;
  const unsigned char* r0 = img.ptr<unsigned char>(y0) + x0;
  const unsigned char* r1 = img.ptr<unsigned char>(y0 + 1) + x0;
  return (r0[0] * (1 - fx) + r0[1] * fx) * (1 - fy) + (r1[0] * (1 - fx) + r1[1] * fx) * fy;
}

// Strongest contrast within `reach` px across the direction `dir` at p
// (1 px absorbs registration error, well under 1 px, and gentle bends, but
// not the shaft of a neighbour lying alongside).
float across(const cv::Mat& c, cv::Point2f p, cv::Point2f dir, float reach = 1) {
  cv::Point2f n(-dir.y, dir.x);
  const int m = static_cast<int>(std::lround(2 * reach));
  float best = 0;
  for (int k = -m; k <= m; ++k) best = std::max(best, bilinear(c, p + n * (0.5f * k)));
  return best;
}

struct Probe {
  const cv::Mat& first;  // Contrast maps.
  const cv::Mat& second;
  cv::Matx23d to_second;  // First-image px to second-image px.

  bool inside_second(cv::Point2f p) const {
    cv::Point2f q = apply(to_second, p);
    return q.x >= 2 && q.y >= 2 && q.x < second.cols - 3 && q.y < second.rows - 3;
  }
  // Share of `pts` (first-image px, running along `dir`) where the second
  // shot shows at least `level` contrast; -1 if any point leaves it.
  double seen(const std::vector<cv::Point2f>& pts, cv::Point2f dir, float level) const {
    if (pts.empty()) return -1;
    cv::Point2f dir2 = unit(apply(to_second, dir) - apply(to_second, {0, 0}));
    int hits = 0;
    for (const cv::Point2f& p : pts) {
      if (!inside_second(p)) return -1;
      hits += across(second, apply(to_second, p), dir2) >= level;
    }
    return static_cast<double>(hits) / pts.size();
  }
  // As seen(), but only over the points where the first shot shows no
  // shaft (below `level`): what is new in the second shot. Where the first
  // shot already shows something along the extension (a sibling of the same
  // opening, a crossing hair, the shadow under the skin at an exit), the
  // second shot cannot tell growth from that. Both shots are probed within
  // reach[i] px across the extension at pts[i]. -1 if any point leaves the
  // second shot, -2 if fewer than `min_share` of the points are free.
  double grown(const std::vector<cv::Point2f>& pts, cv::Point2f dir,
               const std::vector<float>& reach, float level, double min_share) const {
    if (pts.empty()) return -1;
    cv::Point2f dir2 = unit(apply(to_second, dir) - apply(to_second, {0, 0}));
    int free = 0, hits = 0;
    for (size_t i = 0; i < pts.size(); ++i) {
      const cv::Point2f& p = pts[i];
      if (!inside_second(p)) return -1;
      if (across(first, p, dir, reach[i]) >= level) continue;
      ++free;
      hits += across(second, apply(to_second, p), dir2, reach[i]) >= level;
    }
    if (free < min_share * pts.size()) return -2;
    return static_cast<double>(hits) / free;
  }
};

// Growth test of one first-image hair: a grown hair's shaft continues past
// its old cut end in the second shot; a resting one ends where it did.
// Tests both ends, so a misjudged exit does not matter (and is corrected).
// The middle three fifths of a hair the frame did not cut, probed every
// 2 px, and the contrast that shows its shaft there.
struct Body {
  std::vector<cv::Point2f> pts;
  cv::Point2f along;
  float level = 0;
};
std::optional<Body> body_of(const Hair& h, const cv::Mat& first) {
  const auto& path = h.path;
  const int n = static_cast<int>(path.size());
  if (n < 6 || h.cut_by_border) return std::nullopt;
  Body b;
  std::vector<float> own;
  for (int i = n / 5; i < n - n / 5; i += 2) {
    b.pts.push_back(path[i]);
    own.push_back(
        across(first, path[i], unit(path[std::min(n - 1, i + 2)] - path[std::max(0, i - 2)])));
  }
  // A low quantile: where a thicker sibling overlaps the shaft, the
  // contrast there is the sibling's.
  std::nth_element(own.begin(), own.begin() + own.size() / 4, own.end());
  b.level = static_cast<float>(kPresent * own[own.size() / 4]);
  b.along = unit(path.back() - path.front());
  return b;
}

// The share of the first shot's hair bodies (their points probed every
// 2 px, so a longer hair weighs more) that the second shot shows again
// where `probe` maps them, and how many hairs it rests on: hairs only grow
// between the shots, so a shot of the same site shows nearly all of them;
// an unrelated one, only where its own hairs happen to lie.
struct Seen {
  double share = 0;
  int hairs = 0;
};
Seen bodies_seen(const std::vector<Hair>& hairs, const Probe& probe) {
  double seen = 0;
  size_t total = 0;
  int used = 0;
  for (const Hair& h : hairs) {
    auto b = body_of(h, probe.first);
    if (!b) continue;
    double share = probe.seen(b->pts, b->along, b->level);
    if (share < 0) continue;  // Leaves the second shot.
    seen += share * b->pts.size();
    total += b->pts.size();
    ++used;
  }
  return {total ? seen / total : 0, used};
}

void classify_one(Hair& h, const Probe& probe, double extension_px, double um_per_px) {
  auto body = body_of(h, probe.first);
  if (!body) return;
  const auto& path = h.path;
  const float level = body->level;
  if (probe.seen(body->pts, body->along, level) < kBodyKept) return;  // Not seen again.
  const double r = h.diameter_um / um_per_px / 2;
  // The share grown along `dir` from `start`, probed every 2 px from just
  // beyond the shaft's end for extension_px, `spread` px wider per px out.
  auto grown_along = [&](cv::Point2f start, cv::Point2f dir, double spread) {
    std::vector<cv::Point2f> ext;
    std::vector<float> reach;
    for (double d = r + 3; d <= r + 3 + extension_px; d += 2) {
      ext.push_back(start + dir * static_cast<float>(d));
      reach.push_back(static_cast<float>(1 + spread * d));
    }
    return probe.grown(ext, dir, reach, level, kFreeShare);
  };
  double grown[2];
  for (int e = 0; e < 2; ++e) {
    const EndRay ray = end_ray(path, e);
    grown[e] = grown_along(ray.start, ray.dir, kSpreadPerPx);
  }
  if (grown[1] >= kGrown || grown[0] >= kGrown) {
    h.anagen = true;
    // It grew at the "exit": swap the ends. Judged, as before the fitted
    // end lines, by the narrow probe straight out of the trace's last px:
    // on 48 pairs the fitted lines swapped more correct exits than wrong
    // ones.
    auto raw_grown = [&](int e) {
      return grown_along(e == 0 ? path.front() : path.back(), end_direction(path, e), 0);
    };
    auto exit_grew = [&](double g0, double g1) {
      return g0 >= kGrown && g1 >= 0 && g1 < 1 - kGrown;
    };
    if (exit_grew(raw_grown(0), raw_grown(1))) {
      std::reverse(h.path.begin(), h.path.end());
      h.x = h.path.front().x;
      h.y = h.path.front().y;
    }
  } else if (grown[0] >= 0 && grown[1] >= 0) {
    h.anagen = false;
  }
}

void classify(std::vector<Hair>& hairs, const ContrastMap& first, const ContrastMap& second,
              const cv::Matx23d& to_first, double days, const Options& o) {
  cv::Matx23d to_second;
  cv::invertAffineTransform(to_first, to_second);
  const Probe probe{first.raw, second.raw, to_second};
  const double extension_px = kCheckedGrowth * o.growth_threshold_um_per_day * days / o.um_per_px;
  for (Hair& h : hairs) classify_one(h, probe, extension_px, o.um_per_px);
}

}  // namespace

Analysis analyze_pair(const cv::Mat& first_image, const cv::Mat& second_image, double hours,
                      const Options& options) {
  validate_options(options);
  if (!(hours > 0)) throw std::invalid_argument("imaging: hours must be > 0");
  cv::Mat first = as_bgr(first_image, "first image");
  cv::Mat second = as_bgr(second_image, "second image");
  if (first.size() != second.size())
    throw std::invalid_argument("imaging: the two images differ in size");
  ContrastMap ca, cb;
  CountInputs count_inputs;
  std::vector<Hair> a = detect_hairs(first, options, &ca, &count_inputs);
  std::vector<Hair> b = detect_hairs(second, options, &cb);
  const cv::Point2f centre(first.cols / 2.0f, first.rows / 2.0f);
  const std::vector<cv::Point2f> first_ends = ends(a, first.size()),
                                 second_ends = ends(b, second.size());
  // Phase correlation can lock onto the wrong peak (seen on a hard pair
  // rotated by 3 degrees), so the search also starts from no shift: shots
  // of one marked site are framed alike. The start whose registration
  // finds more of the ends again wins.
  const double search_px = kRegistrationSearchUm / options.um_per_px;
  const cv::Point2d coarse = coarse_shift(first, second);
  const auto best_registration = [&](const std::vector<cv::Point2f>& others) {
    Registration best = register_points(first_ends, others, centre, coarse, search_px);
    Registration unshifted = register_points(first_ends, others, centre, {0, 0}, search_px);
    return unshifted.agreeing > best.agreeing ? unshifted : best;
  };
  const Registration reg = best_registration(second_ends);
  // What unrelated images find by chance: the same search over the second
  // image's ends turned half a turn about the centre (the search turns by
  // 4 degrees at most), which keeps their number and spread.
  std::vector<cv::Point2f> turned;
  for (const cv::Point2f& q : second_ends)
    turned.push_back(cv::Point2f(first.cols - 1.0f, first.rows - 1.0f) - q);
  const Registration null_reg = best_registration(turned);
  // The hairs' bodies seen again by the registration found, and by the one
  // found for the turned ends (mapped back onto the second shot as it is).
  cv::Matx23d to_second, to_turned;
  cv::invertAffineTransform(reg.to_first, to_second);
  cv::invertAffineTransform(null_reg.to_first, to_turned);
  const cv::Matx23d turned_to_second(-to_turned(0, 0), -to_turned(0, 1),
                                     first.cols - 1.0 - to_turned(0, 2), -to_turned(1, 0),
                                     -to_turned(1, 1), first.rows - 1.0 - to_turned(1, 2));
  const Seen kept = bodies_seen(a, Probe{ca.raw, cb.raw, to_second});
  const double kept_by_chance = bodies_seen(a, Probe{ca.raw, cb.raw, turned_to_second}).share;
  const bool same_site = kept.hairs >= kSameSiteHairs && kept.share >= kSameSiteKept &&
                         kept.share >= kept_by_chance + kAboveChance;
  if (same_site) classify(a, ca, cb, reg.to_first, hours / 24.0, options);
  const cv::Rect2d frame = counting_frame(first.size(), options);
  for (Hair& h : a) h.counted = frame.contains(cv::Point2d(h.x, h.y));
  // After classify: a hidden sibling's entry copies its host's reading.
  count_by_model(a, count_inputs);
  Analysis result = summarize(std::move(a), first.size(), options);
  result.paired = true;
  result.hairs_seen_again = kept.share;
  result.hairs_compared = kept.hairs;
  result.hairs_seen_by_chance = kept_by_chance;
  result.same_site = same_site;
  int classified = 0, anagen = 0;
  for (const Hair& h : result.hairs)
    if (h.counted && h.anagen.has_value()) {
      ++classified;
      anagen += *h.anagen;
    }
  result.anagen_classified = classified;
  if (classified > 0) result.anagen_percent = 100.0 * anagen / classified;
  return result;
}

bool same_shot(const cv::Mat& first, const cv::Mat& second) {
  return first.size() == second.size() && first.type() == second.type() &&
         cv::norm(first, second, cv::NORM_INF) == 0;
}

}  // namespace anagen::imaging
