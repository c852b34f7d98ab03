#include "trace_repair.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace anagen::imaging {
namespace {

// Fragments of one shaft: where a hair crosses another (the tracer does not
// always continue through the crossing) or fades for a few px, its trace
// breaks into pieces whose ends face each other across the gap, in line.
constexpr double kJoinMinGapPx = 4.0;   // Closer ends met at one node: the
                                        // tracer chose not to pair them.
constexpr double kJoinMaxGapPx = 15.0;  // About the widest shaft (120 µm) that
                                        // a crossing hides a hair under.
// A hair crossed by another at a shallow angle is hidden under it for up to
// several shaft widths, and the tracer's pieces end on the crossing hair
// (kJunction) with their last few px bent onto it. Such ends, with a third
// trace between them, join when the lines fitted behind their hooks
// (end_ray) continue each other (a curved hair bends a little more over
// the longer gap).
constexpr double kCrossMaxGapPx = 60.0;
constexpr double kCrossMaxBendDeg = 30.0;
constexpr double kCrossLateralSlope = 0.25;
constexpr double kJoinMaxBendDeg = 20.0;    // Between the two end directions.
constexpr double kJoinLateralPx = 3.0;      // Off each end's line, plus
constexpr double kJoinLateralSlope = 0.1;   // this per px of gap.
constexpr double kJoinWidthRatio = 1.5;     // One shaft keeps its width...
constexpr double kJoinContrastRatio = 2.0;  // ...and roughly its contrast.
// Two hairs in line, one's end at the other's opening, traced as one: the
// opening and the gap of skin between the shafts show as a short dip in the
// contrast along the trace, between two stretches of shaft.
constexpr int kDipSidePx = 12;         // Shaft level: median over this many px
constexpr int kDipGuardPx = 3;         // each side, this far from the dip.
constexpr double kDipShare = 0.75;     // The dip falls below this share of
                                       // the weaker side's level.
constexpr double kSkinOffsetPx = 4.0;  // Skin beside a shaft: beyond its edge.
constexpr double kCrossTolPx = 2.0;    // Another trace this close (beyond
                                       // both half widths) crosses there.

// Peak contrast across the trace at each of its points, within half a
// width (plus 1 px) of the centreline.
std::vector<int> centre_contrast(const TracedHair& t, double width_px, const cv::Mat& smooth) {
  const int n = static_cast<int>(t.pts.size());
  const int reach = static_cast<int>(width_px / 2) + 1;
  std::vector<int> out(n, 0);
  for (int i = 0; i < n; ++i) {
    const cv::Point2f tg = tangent_at(t.pts, i), nrm(-tg.y, tg.x);
    int best = 0;
    for (int o = -reach; o <= reach; ++o) {
      const cv::Point2f q = t.pts[i] + nrm * static_cast<float>(o);
      const int x = std::clamp(cvRound(q.x), 0, smooth.cols - 1);
      const int y = std::clamp(cvRound(q.y), 0, smooth.rows - 1);
      best = std::max(best, static_cast<int>(smooth.at<unsigned char>(y, x)));
    }
    out[i] = best;
  }
  return out;
}

// Whether the contrast dip at pts[k] is a specular spot on the shaft: there
// the image is brighter than the skin beside it while the shaft on either
// side is darker (or the other way round), where a gap between two shafts
// or an opening is skin or darker.
bool specular(const cv::Mat& bgr, const std::vector<cv::Point2f>& pts, int k, double width_px) {
  const cv::Point2f t = tangent_at(pts, k), nrm(-t.y, t.x);
  const float off = static_cast<float>(width_px / 2 + kSkinOffsetPx);
  const int n = static_cast<int>(pts.size()), d = kDipGuardPx + kDipSidePx / 2;
  const int skin = (colour_sum(bgr, pts[k] + nrm * off) + colour_sum(bgr, pts[k] - nrm * off)) / 2;
  const int shaft =
      (colour_sum(bgr, pts[std::max(0, k - d)]) + colour_sum(bgr, pts[std::min(n - 1, k + d)])) / 2;
  const int dip = colour_sum(bgr, pts[k]);
  return (dip - skin) * (shaft - skin) < 0;
}

// Whether a trace other than i and j passes within about half the gap of
// `mid` (the point between their ends). `box`: each trace's bounds; a trace
// whose bounds lie farther than that (with a px to spare for rounding) has
// no point near enough.
bool crosses_between(const std::vector<TracedHair>& hairs, const std::vector<cv::Rect2f>& box,
                     int i, int j, cv::Point2f mid, double gap) {
  const float r = static_cast<float>(std::max(3.0, 0.5 * gap));
  for (size_t k = 0; k < hairs.size(); ++k) {
    if (static_cast<int>(k) == i || static_cast<int>(k) == j) continue;
    if (!inside(grown(box[k], r + 1), mid)) continue;
    for (const cv::Point2f& q : hairs[k].pts)
      if (std::abs(q.x - mid.x) <= r && std::abs(q.y - mid.y) <= r && cv::norm(q - mid) <= r)
        return true;
  }
  return false;
}

// Whether two ends, at a and b pointing out along da and db, continue each
// other: they face each other within acos(min_cos) and each passes within
// kJoinLateralPx + slope * gap of the other.
bool continues(cv::Point2f a, cv::Point2f da, cv::Point2f b, cv::Point2f db, double min_cos,
               double slope) {
  if (-da.dot(db) < min_cos) return false;
  const cv::Point2f v = b - a;
  const double gap = std::hypot(v.x, v.y);
  if (da.dot(v) < 0.5 * gap || -db.dot(v) < 0.5 * gap) return false;
  const double lat = std::max(std::abs(da.x * v.y - da.y * v.x), std::abs(db.x * v.y - db.y * v.x));
  return lat <= kJoinLateralPx + slope * gap;
}

}  // namespace

// Joins traces whose ends (not shared, not cut by the border) face each
// other across a short gap, in line, with similar width and contrast: pieces
// of one shaft broken at a crossing or where it fades. Joined traces are
// measured again.
void join_fragments(std::vector<TracedHair>& hairs, std::vector<HairMeasure>& measures,
                    const ContrastMap& contrast, double widest_px, double fine_px,
                    double fine_gap_px) {
  struct Cand {
    double score;
    int a, b;
  };  // Ends: hair * 2 + side.
  const int n = static_cast<int>(hairs.size());
  auto end_pt = [&](int e) {
    const auto& p = hairs[e / 2].pts;
    return e % 2 ? p.back() : p.front();
  };
  std::vector<cv::Point2f> dir(2 * n);
  for (int e = 0; e < 2 * n; ++e) dir[e] = end_direction(hairs[e / 2].pts, e % 2);
  std::vector<cv::Rect2f> box;  // Each trace's bounds (crosses_between).
  for (const TracedHair& t : hairs) box.push_back(cv::boundingRect(t.pts));
  std::vector<Cand> cands;
  const double min_cos = std::cos(kJoinMaxBendDeg * M_PI / 180);
  const double cross_cos = std::cos(kCrossMaxBendDeg * M_PI / 180);
  // Ends that may join (not shared, not at the border), by x: only those
  // within the largest gap of each other in x are compared.
  std::vector<int> ends;
  for (int e = 0; e < 2 * n; ++e)
    if (hairs[e / 2].end[e % 2] != EndKind::kShared && !hairs[e / 2].at_border[e % 2])
      ends.push_back(e);
  std::sort(ends.begin(), ends.end(), [&](int x, int y) {
    const float px = end_pt(x).x, py = end_pt(y).x;
    return px != py ? px < py : x < y;
  });
  auto fine = [&](int e) {
    const double w = measures[e / 2].width_px;
    return w > 0 && w <= fine_px;
  };
  // The sorted ends' points side by side: most pairs within the x range
  // are too far apart in y, which these tell without reaching the traces.
  std::vector<cv::Point2f> sorted_pt;
  for (int e : ends) sorted_pt.push_back(end_pt(e));
  for (size_t ia = 0; ia < ends.size(); ++ia)
    for (size_t ib = ia + 1; ib < ends.size(); ++ib) {
      if (sorted_pt[ib].x - sorted_pt[ia].x > kCrossMaxGapPx) break;
      if (std::abs(sorted_pt[ib].y - sorted_pt[ia].y) > kCrossMaxGapPx) continue;
      const int a = std::min(ends[ia], ends[ib]), b = std::max(ends[ia], ends[ib]);
      const double max_gap =
          fine(a) && fine(b) ? std::max(kJoinMaxGapPx, fine_gap_px) : kJoinMaxGapPx;
      const cv::Point2f v = end_pt(b) - end_pt(a);
      if (b / 2 == a / 2) continue;
      const double gap = std::hypot(v.x, v.y);
      if (gap < kJoinMinGapPx || gap > kCrossMaxGapPx) continue;
      const bool junctions = hairs[a / 2].end[a % 2] == EndKind::kJunction &&
                             hairs[b / 2].end[b % 2] == EndKind::kJunction;
      const bool crossed = junctions && crosses_between(hairs, box, a / 2, b / 2,
                                                        0.5f * (end_pt(a) + end_pt(b)), gap);
      if (crossed) {
        const EndRay ra = end_ray(hairs[a / 2].pts, a % 2), rb = end_ray(hairs[b / 2].pts, b % 2);
        if (!continues(ra.start, ra.dir, rb.start, rb.dir, cross_cos, kCrossLateralSlope)) continue;
      } else if (gap > max_gap ||
                 !continues(end_pt(a), dir[a], end_pt(b), dir[b], min_cos, kJoinLateralSlope)) {
        continue;
      }
      const double facing = -dir[a].dot(dir[b]);
      const HairMeasure &ma = measures[a / 2], &mb = measures[b / 2];
      if (ma.width_px <= 0 || mb.width_px <= 0 || ma.contrast <= 0 || mb.contrast <= 0) continue;
      if (std::max(ma.width_px, mb.width_px) > kJoinWidthRatio * std::min(ma.width_px, mb.width_px))
        continue;
      if (std::max(ma.contrast, mb.contrast) >
          kJoinContrastRatio * std::min(ma.contrast, mb.contrast))
        continue;
      cands.push_back({gap / max_gap + (1 - facing), a, b});
    }
  if (cands.empty()) return;
  std::sort(cands.begin(), cands.end(), [](const Cand& x, const Cand& y) {
    return x.score != y.score ? x.score < y.score : x.a != y.a ? x.a < y.a : x.b < y.b;
  });
  std::vector<int> partner(2 * n, -1), root(n);
  for (int i = 0; i < n; ++i) root[i] = i;
  auto find = [&](int i) {
    while (root[i] != i) i = root[i] = root[root[i]];
    return i;
  };
  for (const Cand& c : cands) {
    if (partner[c.a] >= 0 || partner[c.b] >= 0 || find(c.a / 2) == find(c.b / 2)) continue;
    partner[c.a] = c.b;
    partner[c.b] = c.a;
    root[find(c.a / 2)] = find(c.b / 2);
  }
  std::vector<TracedHair> out;
  std::vector<HairMeasure> out_m;
  std::vector<char> used(n, 0);
  for (int i = 0; i < n; ++i) {
    if (used[i]) continue;
    if (partner[2 * i] < 0 && partner[2 * i + 1] < 0) {
      used[i] = 1;
      out.push_back(std::move(hairs[i]));
      out_m.push_back(std::move(measures[i]));
      continue;
    }
    // The chain's first end: leave i by its joined side, walk to the far end
    // (joins never close a cycle).
    int start = partner[2 * i] >= 0 ? 2 * i : 2 * i + 1;
    while (partner[start] >= 0) start = partner[start] ^ 1;
    TracedHair joined;
    joined.end[0] = hairs[start / 2].end[start % 2];
    joined.at_border[0] = hairs[start / 2].at_border[start % 2];
    int cur = start;
    for (;;) {
      const int h = cur / 2;
      used[h] = 1;
      const auto& p = hairs[h].pts;
      if (cur % 2 == 0)
        joined.pts.insert(joined.pts.end(), p.begin(), p.end());
      else
        joined.pts.insert(joined.pts.end(), p.rbegin(), p.rend());
      joined.width_px = std::max(joined.width_px, hairs[h].width_px);
      const int far = cur ^ 1;
      if (partner[far] < 0) {
        joined.end[1] = hairs[h].end[far % 2];
        joined.at_border[1] = hairs[h].at_border[far % 2];
        break;
      }
      // Bridge the gap with points about 1 px apart.
      const cv::Point2f p0 = end_pt(far), p1 = end_pt(partner[far]);
      const int steps = static_cast<int>(cv::norm(p1 - p0));
      for (int k = 1; k < steps; ++k)
        joined.pts.push_back(p0 + (p1 - p0) * (static_cast<float>(k) / steps));
      cur = partner[far];
    }
    HairMeasure m = measure_hair(joined, contrast, measure_reach(joined, widest_px));
    out.push_back(std::move(joined));
    out_m.push_back(std::move(m));
  }
  hairs = std::move(out);
  measures = std::move(out_m);
}

// Cuts each trace at the deepest contrast dip between two stretches of
// shaft, if both pieces are long enough to be hairs; the new ends are free.
void cut_at_dips(std::vector<TracedHair>& hairs, std::vector<HairMeasure>& measures,
                 const cv::Mat& bgr, const ContrastMap& contrast, double min_piece_px,
                 double widest_px) {
  const size_t count = hairs.size();
  std::vector<cv::Rect2f> box;  // Each trace's bounds, grown by its reach.
  for (size_t j = 0; j < count; ++j)
    box.push_back(grown(cv::boundingRect(hairs[j].pts), widest_px));
  for (size_t i = 0; i < count; ++i) {
    const int n = static_cast<int>(hairs[i].pts.size());
    if (n < 2 * min_piece_px) continue;
    const std::vector<int> c = centre_contrast(hairs[i], measures[i].width_px, contrast.smooth);
    std::vector<double> arc(n, 0);
    for (int k = 1; k < n; ++k)
      arc[k] = arc[k - 1] + cv::norm(hairs[i].pts[k] - hairs[i].pts[k - 1]);
    int cut = -1;
    double deepest = 1;
    for (int k = kDipSidePx + kDipGuardPx; k + kDipSidePx + kDipGuardPx < n; ++k) {
      if (arc[k] < min_piece_px || arc[n - 1] - arc[k] < min_piece_px) continue;
      if (c[k] > c[k - 1] || c[k] > c[k + 1]) continue;  // A local minimum.
      // Each side's median is at most its maximum: a cheap test first.
      const int lo = k - kDipGuardPx - kDipSidePx, hi = k + kDipGuardPx + 1;
      if (c[k] >= kDipShare * *std::max_element(c.begin() + lo, c.begin() + lo + kDipSidePx) ||
          c[k] >= kDipShare * *std::max_element(c.begin() + hi, c.begin() + hi + kDipSidePx))
        continue;
      const double left = median(std::vector<double>(c.begin() + lo, c.begin() + lo + kDipSidePx));
      const double right = median(std::vector<double>(c.begin() + hi, c.begin() + hi + kDipSidePx));
      const double share = c[k] / std::max(1.0, std::min(left, right));
      if (share >= kDipShare || share >= deepest) continue;
      // Where another hair crosses, the one beneath is hidden for a few px:
      // a dip, but the same shaft on both sides.
      bool crossed = false;
      for (size_t j = 0; j < count && !crossed; ++j) {
        if (j == i || !box[j].contains(hairs[i].pts[k])) continue;
        const double tol = 0.5 * (measures[i].width_px + measures[j].width_px) + kCrossTolPx;
        // Through its shaft, not at its end (siblings start at an opening).
        const auto& q = hairs[j].pts;
        const int m = static_cast<int>(q.size()), skip = static_cast<int>(tol) + kDipGuardPx;
        for (int l = skip; l < m - skip && !crossed; ++l) {
          const cv::Point2f d = q[l] - hairs[i].pts[k];
          crossed = d.x * d.x + d.y * d.y <= tol * tol;
        }
      }
      if (!crossed && !specular(bgr, hairs[i].pts, k, measures[i].width_px)) {
        deepest = share;
        cut = k;
      }
    }
    if (cut < 0) continue;
    TracedHair first = hairs[i], second = hairs[i];
    // The opening spans about a shaft width round the dip: neither piece's.
    const int trim = std::max(kDipGuardPx, static_cast<int>(measures[i].width_px));
    first.pts.assign(hairs[i].pts.begin(), hairs[i].pts.begin() + cut - trim + 1);
    second.pts.assign(hairs[i].pts.begin() + cut + trim, hairs[i].pts.end());
    first.end[1] = second.end[0] = EndKind::kFree;
    first.at_border[1] = second.at_border[0] = false;
    measures[i] = measure_hair(first, contrast, measure_reach(first, widest_px));
    hairs[i] = std::move(first);
    measures.push_back(measure_hair(second, contrast, measure_reach(second, widest_px)));
    hairs.push_back(std::move(second));
  }
}

}  // namespace anagen::imaging
