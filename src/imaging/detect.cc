#include "detect.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <opencv2/imgproc.hpp>

#include "contrast.h"
#include "hair_measure.h"
#include "hair_orient.h"
#include "hair_tracer.h"
#include "width_steps.h"
#include "skeleton_graph.h"
#include "thinning.h"
#include "width_model.h"

namespace anagen::imaging {
namespace {

constexpr double kMaskNoiseFactor = 2.5;   // Segmentation threshold / noise.
constexpr double kMinMaskLevel = 6.0;      // 8-bit contrast units.
constexpr double kHairNoiseFactor = 3.5;   // A hair's peak contrast / noise.
constexpr double kMaxDiameterUm = 130.0;
constexpr double kStreamRadiusUm = 1500.0;
constexpr double kLocalPeakUm = 100.0;    // Window of the local contrast peak.
constexpr double kLocalPeakShare = 0.5;  // Mask level, as a share of that peak.
constexpr size_t kBlurProfiles = 12;     // Hairs used to estimate the blur.
constexpr double kMaxEdgeRisePx = 5.0;   // Sharper than any shadow.
// A long trace (shadows under the skin are short) of about the image's
// typical width may rise a little more slowly: pale, blurred shafts do.
constexpr double kLongShaftUm = 300.0;
constexpr double kLongShaftEdgeRisePx = 6.0;
constexpr double kTypicalWidths = 1.3;   // Of the median accepted width.
// Such a long, slightly diffuse trace that is wider than that is a band of
// hairs from one opening (they leave it a few degrees apart and run
// together for much of their length; the translucent shafts overlapping
// side by side give the band a stepped, slower edge): it holds about its
// width in typical traces, at least two and at most the hairs an opening
// has.
constexpr int kMaxBandShafts = 4;
// A trace with this share of its points inside a band is one of the
// band's shafts, traced on its own (a sibling that parts from the band).
constexpr double kBandAlongShare = 0.5;
// A band that leaves a hair's end backwards (directions at the shared end
// more than 120 degrees apart) is the shaft's shadow under the skin beyond
// its exit, which is as wide and diffuse as a band, not hairs.
constexpr double kShadowCos = -0.5;
constexpr double kMaxHookUm = 150.0;     // Shorter traces at a long one's end
constexpr double kHookHostLengths = 2.0; // (this many times longer) are hooks.
constexpr int kRidgeStepPx = 2;          // Crest test: higher than both sides.
constexpr double kMinTerminalUm = 40.0;  // Population of typical shafts.
constexpr size_t kMinTerminalHairs = 10;
constexpr double kPairWidths = 1.7;      // Wider than this many typical shafts.
// Clipped hairs are 650-1300 µm, but the stretch two of them run together
// (siblings before they part, a pair cut by the image edge) is often
// shorter; the width tests below still ask for a band twice as wide.
constexpr double kMinPairUm = 200.0;
constexpr double kPairFwhm = 1.4;        // A section of a pair: this many typical
constexpr double kPairShare = 0.8;       // half-maximum widths, along most of it.
// Fragments of one shaft: where a hair crosses another (the tracer does not
// always continue through the crossing) or fades for a few px, its trace
// breaks into pieces whose ends face each other across the gap, in line.
constexpr double kJoinMinGapPx = 4.0;    // Closer ends met at one node: the
                                         // tracer chose not to pair them.
constexpr double kJoinMaxGapPx = 15.0;   // About the widest shaft (120 µm) that
                                         // a crossing hides a hair under.
constexpr double kJoinMaxBendDeg = 20.0; // Between the two end directions.
constexpr double kJoinLateralPx = 3.0;   // Off each end's line, plus
constexpr double kJoinLateralSlope = 0.1;  // this per px of gap.
constexpr double kJoinWidthRatio = 1.5;  // One shaft keeps its width...
constexpr double kJoinContrastRatio = 2.0;  // ...and roughly its contrast.
// Two hairs in line, one's end at the other's opening, traced as one: the
// opening and the gap of skin between the shafts show as a short dip in the
// contrast along the trace, between two stretches of shaft.
constexpr int kDipSidePx = 12;          // Shaft level: median over this many px
constexpr int kDipGuardPx = 3;          // each side, this far from the dip.
constexpr double kDipShare = 0.75;      // The dip falls below this share of
                                        // the weaker side's level.
constexpr double kMinCutPieceUm = 150.0;  // Each piece at least a short hair.
constexpr double kSkinOffsetPx = 4.0;   // Skin beside a shaft: beyond its edge.
constexpr double kCrossTolPx = 2.0;     // Another trace this close (beyond
                                        // both half widths) crosses there.
// A fit this many robust standard deviations above the image's median
// terminal diameter lies outside the scalp's own population: a second shaft
// inside the trace (a sibling or a touching hair along part of it, a
// crossing), not a thicker hair.
constexpr double kOutlierSpreads = 3.0;

struct Scale {
  double um;  // µm per px.
  double px(double um_len) const { return um_len / um; }
};

TraceParams trace_params(const Scale& s) {
  TraceParams p;
  p.spur_px = std::max(4.0, s.px(50));
  p.merge_px = std::max(5.0, s.px(70));
  return p;
}

// Exit point, length and diameter of one traced hair.
Hair make_hair(const TracedHair& t, const HairMeasure& m, int exit_end,
               const Scale& s) {
  Hair h;
  h.path = t.pts;
  if (exit_end == 1) std::reverse(h.path.begin(), h.path.end());
  const EndKind exit_kind = t.end[exit_end], tip_kind = t.end[1 - exit_end];
  const float r = static_cast<float>(m.width_px / 2);
  // Thinning stops a free end about one radius short of the shaft's end.
  double length = polyline_length(h.path);
  cv::Point2f exit = h.path.front();
  const bool exit_cut = t.at_border[exit_end], tip_cut = t.at_border[1 - exit_end];
  if (exit_kind == EndKind::kFree && !exit_cut) {
    exit += r * end_direction(h.path, 0);
    length += r;
  }
  if (tip_kind == EndKind::kFree && !tip_cut) length += r;
  h.cut_by_border = exit_cut || tip_cut;
  h.x = exit.x;
  h.y = exit.y;
  h.length_um = length * s.um;
  h.diameter_um = m.width_px * s.um;  // Replaced by the model fit.
  return h;
}

// Adds to `mask` the crest of every fainter shaft: pixels above `floor`
// that are a local maximum across some direction. Next to a dark shaft the
// half-of-local-peak rule of segment() drops a faint hair's pixels, but its
// crest is still a crest (a blur halo or the skin between two shafts is a
// slope or a trough, never a crest).
void add_ridges(const cv::Mat& smooth, double floor, cv::Mat& mask) {
  const int d = kRidgeStepPx, stride = static_cast<int>(smooth.step[0]);
  const int off[4] = {d, d * stride, d * (stride + 1), d * (stride - 1)};
  for (int y = d; y < smooth.rows - d; ++y) {
    const unsigned char* c = smooth.ptr<unsigned char>(y);
    unsigned char* m = mask.ptr<unsigned char>(y);
    for (int x = d; x < smooth.cols - d; ++x) {
      const int v = c[x];
      if (v <= floor || m[x]) continue;
      const int margin = std::max(1, v / 8);
      for (int k = 0; k < 4; ++k) {
        if (v < c[x + off[k]] + margin || v < c[x - off[k]] + margin) continue;
        // Along the crest the shaft stays about as strong: not the flank of
        // something stronger (beyond a dark shaft's end, its halo is a crest
        // across the axis, but rises steeply towards the end).
        const int along = off[k ^ 1];
        if (std::max(c[x + along], c[x - along]) > v + 2 * margin) continue;
        m[x] = 255;
        break;
      }
    }
  }
}

// Hair pixels: above the noise floor and above half the strongest contrast
// nearby, so that blur halos, openings and the skin between close hairs stay
// out and each shaft's mask is about as wide as the shaft.
cv::Mat segment(const ContrastMap& c, const Scale& s) {
  const int k = std::max(3, static_cast<int>(s.px(kLocalPeakUm)) | 1);
  cv::Mat local_peak, level, mask;
  cv::dilate(c.smooth, local_peak, cv::getStructuringElement(cv::MORPH_RECT, {k, k}));
  level = local_peak * kLocalPeakShare;
  level = cv::max(level, std::max(kMinMaskLevel, kMaskNoiseFactor * c.noise));
  cv::compare(c.smooth, level, mask, cv::CMP_GT);
  add_ridges(c.smooth, std::max(kMinMaskLevel, kMaskNoiseFactor * c.noise), mask);
  return mask;
}

bool plausible(const TracedHair& t, const HairMeasure& m, double noise,
               const Options& o, const Scale& s, double max_rise = kMaxEdgeRisePx) {
  if (m.samples < 2) return false;
  if (m.contrast < kHairNoiseFactor * noise) return false;
  double length = polyline_length(t.pts) + m.width_px;
  if (length < s.px(o.min_hair_length_um)) return false;
  if (m.edge_rise_px > max_rise) return false;  // Diffuse: a shadow.
  return length >= 2.5 * m.width_px;  // Round blobs are spots, not hairs.
}

// Joins traces whose ends (not shared, not cut by the border) face each
// other across a short gap, in line, with similar width and contrast: pieces
// of one shaft broken at a crossing or where it fades. Joined traces are
// measured again.
void join_fragments(std::vector<TracedHair>& hairs, std::vector<HairMeasure>& measures,
                    const ContrastMap& contrast, double widest_px) {
  struct Cand { double score; int a, b; };  // Ends: hair * 2 + side.
  const int n = static_cast<int>(hairs.size());
  auto end_pt = [&](int e) {
    const auto& p = hairs[e / 2].pts;
    return e % 2 ? p.back() : p.front();
  };
  std::vector<cv::Point2f> dir(2 * n);
  for (int e = 0; e < 2 * n; ++e) dir[e] = end_direction(hairs[e / 2].pts, e % 2);
  std::vector<Cand> cands;
  const double min_cos = std::cos(kJoinMaxBendDeg * M_PI / 180);
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
  for (size_t ia = 0; ia < ends.size(); ++ia)
    for (size_t ib = ia + 1; ib < ends.size(); ++ib) {
      const int a = std::min(ends[ia], ends[ib]), b = std::max(ends[ia], ends[ib]);
      const cv::Point2f v = end_pt(b) - end_pt(a);
      if (end_pt(ends[ib]).x - end_pt(ends[ia]).x > kJoinMaxGapPx) break;
      if (b / 2 == a / 2 || std::abs(v.y) > kJoinMaxGapPx) continue;
      const double gap = std::hypot(v.x, v.y);
      if (gap < kJoinMinGapPx || gap > kJoinMaxGapPx) continue;
      const double facing = -dir[a].dot(dir[b]);
      if (facing < min_cos) continue;
      if (dir[a].dot(v) < 0.5 * gap || -dir[b].dot(v) < 0.5 * gap) continue;
      const double lat = std::max(std::abs(dir[a].x * v.y - dir[a].y * v.x),
                                  std::abs(dir[b].x * v.y - dir[b].y * v.x));
      if (lat > kJoinLateralPx + kJoinLateralSlope * gap) continue;
      const HairMeasure &ma = measures[a / 2], &mb = measures[b / 2];
      if (ma.width_px <= 0 || mb.width_px <= 0 || ma.contrast <= 0 || mb.contrast <= 0) continue;
      if (std::max(ma.width_px, mb.width_px) > kJoinWidthRatio * std::min(ma.width_px, mb.width_px))
        continue;
      if (std::max(ma.contrast, mb.contrast) > kJoinContrastRatio * std::min(ma.contrast, mb.contrast))
        continue;
      cands.push_back({gap / kJoinMaxGapPx + (1 - facing), a, b});
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
      if (cur % 2 == 0) joined.pts.insert(joined.pts.end(), p.begin(), p.end());
      else joined.pts.insert(joined.pts.end(), p.rbegin(), p.rend());
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

int median_of(const std::vector<int>& v, int a, int b) {
  std::vector<int> w(v.begin() + a, v.begin() + b);
  std::nth_element(w.begin(), w.begin() + w.size() / 2, w.end());
  return w[w.size() / 2];
}

// Sum over B, G, R of the image at p, px rounded and clamped to the image.
int colour_sum(const cv::Mat& bgr, cv::Point2f p) {
  const int x = std::clamp(static_cast<int>(std::lround(p.x)), 0, bgr.cols - 1);
  const int y = std::clamp(static_cast<int>(std::lround(p.y)), 0, bgr.rows - 1);
  const cv::Vec3b v = bgr.at<cv::Vec3b>(y, x);
  return v[0] + v[1] + v[2];
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

// Cuts each trace at the deepest contrast dip between two stretches of
// shaft, if both pieces are long enough to be hairs; the new ends are free.
void cut_at_dips(std::vector<TracedHair>& hairs, std::vector<HairMeasure>& measures,
                 const cv::Mat& bgr, const ContrastMap& contrast, double min_piece_px,
                 double widest_px) {
  const size_t count = hairs.size();
  std::vector<cv::Rect2f> box;  // Each trace's bounds, grown by its reach.
  for (size_t j = 0; j < count; ++j) {
    const cv::Rect2f b = cv::boundingRect(hairs[j].pts);
    const float g = static_cast<float>(widest_px);
    box.emplace_back(b.x - g, b.y - g, b.width + 2 * g, b.height + 2 * g);
  }
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
      const int left = median_of(c, lo, lo + kDipSidePx);
      const int right = median_of(c, hi, hi + kDipSidePx);
      const double share = static_cast<double>(c[k]) / std::max(1, std::min(left, right));
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

// Keeps the entries not marked in `drop`, in order, in each of the parallel
// vectors `v` (a hair's trace, measure, diameter, exit end...).
template <typename... Vectors>
void remove_marked(const std::vector<char>& drop, Vectors&... v) {
  size_t k = 0;
  for (size_t i = 0; i < drop.size(); ++i)
    if (!drop[i]) {
      if (k != i) ((v[k] = std::move(v[i])), ...);
      ++k;
    }
  (v.resize(k), ...);
}

// Replaces hairs[i] by shafts side by side along its trace, `offsets` px to
// the left of it, each with measure `m`, diameter `d` and hairs[i]'s exit
// end; the shafts after the first are appended.
void lay_shafts(size_t i, const std::vector<double>& offsets, const HairMeasure& m, double d,
                std::vector<TracedHair>& hairs, std::vector<HairMeasure>& measures,
                std::vector<double>& diameters, std::vector<int>& exit_end) {
  const TracedHair band = hairs[i];
  for (size_t j = 0; j < offsets.size(); ++j) {
    TracedHair shaft = band;
    for (size_t q = 0; q < shaft.pts.size(); ++q) {
      const cv::Point2f t = tangent_at(band.pts, static_cast<int>(q));
      shaft.pts[q] = band.pts[q] + cv::Point2f(-t.y, t.x) * static_cast<float>(offsets[j]);
    }
    if (j == 0) {
      hairs[i] = std::move(shaft);
      measures[i] = m;
      diameters[i] = d;
    } else {
      hairs.push_back(std::move(shaft));
      measures.push_back(m);
      diameters.push_back(d);
      exit_end.push_back(exit_end[i]);
    }
  }
}

// Drops traces that mostly run inside a longer hair's shaft: skeleton side
// branches of a wide or merged shaft, not hairs of their own.
void drop_duplicates(std::vector<TracedHair>& hairs, std::vector<HairMeasure>& measures) {
  std::vector<double> len;
  std::vector<cv::Rect2f> box;
  for (const TracedHair& t : hairs) {
    len.push_back(polyline_length(t.pts));
    box.push_back(cv::boundingRect(t.pts));
  }
  std::vector<char> drop(hairs.size(), 0);
  for (size_t i = 0; i < hairs.size(); ++i)
    for (size_t j = 0; j < hairs.size() && !drop[i]; ++j) {
      if (i == j || drop[j] || len[j] < len[i]) continue;
      double tol = 0.5 * std::max(measures[i].width_px, measures[j].width_px) + 1;
      cv::Rect2f grown(box[j].x - tol, box[j].y - tol, box[j].width + 2 * tol, box[j].height + 2 * tol);
      if ((grown & box[i]).area() <= 0 && box[i].width * box[i].height > 0) continue;
      if (overlap(hairs[i].pts, hairs[j].pts, tol) > 0.6) drop[i] = 1;
    }
  remove_marked(drop, hairs, measures);
}

// Drops short traces that hang off the end of a much longer one: the dark
// ring of a follicular opening or the shadow under the skin round a hair's
// exit, traced as a hook (a real hair sharing the opening is as long as
// the hairs are).
void drop_end_hooks(std::vector<TracedHair>& hairs, std::vector<HairMeasure>& measures,
                    double short_px) {
  std::vector<double> len;
  for (const TracedHair& t : hairs) len.push_back(polyline_length(t.pts));
  std::vector<char> drop(hairs.size(), 0);
  for (size_t i = 0; i < hairs.size(); ++i) {
    if (len[i] + measures[i].width_px >= short_px) continue;
    for (size_t j = 0; j < hairs.size() && !drop[i]; ++j) {
      if (j == i || len[j] < kHookHostLengths * len[i]) continue;
      const double tol = measures[j].width_px + 3;
      for (int a = 0; a < 2 && !drop[i]; ++a)
        for (int b = 0; b < 2 && !drop[i]; ++b) {
          const cv::Point2f pa = a ? hairs[i].pts.back() : hairs[i].pts.front();
          const cv::Point2f pb = b ? hairs[j].pts.back() : hairs[j].pts.front();
          if (cv::norm(pa - pb) <= tol) drop[i] = 1;
        }
    }
  }
  remove_marked(drop, hairs, measures);
}

// Diameters by fitting the shaft model to each hair's mean profile, with the
// image's blur estimated from its best-resolved hairs.
std::vector<double> fit_diameters(const std::vector<TracedHair>& hairs,
                                  const std::vector<HairMeasure>& measures, const Scale& s) {
  WidthModel model(s.px(kMaxDiameterUm / 2) + 1);
  std::vector<std::pair<double, size_t>> resolved;
  for (size_t i = 0; i < measures.size(); ++i) {
    const HairMeasure& m = measures[i];
    if (hairs[i].shafts != 1) continue;  // A band's profile is no one shaft's.
    if (m.width_px >= 4 && m.samples >= 8 && m.profile.size() >= 4)
      resolved.push_back({-m.contrast * m.samples, i});
  }
  std::sort(resolved.begin(), resolved.end());
  std::vector<const HalfProfile*> best;
  std::vector<WidthModel::Window> windows;
  for (size_t i = 0; i < resolved.size() && i < kBlurProfiles; ++i) {
    best.push_back(&measures[resolved[i].second].profile);
    windows.push_back(WidthModel::window_for(measures[resolved[i].second].profile_width_px));
  }
  const double sigma = model.estimate_sigma(best, windows);
  std::vector<double> out;
  for (const HairMeasure& m : measures) {
    double d = m.width_px;
    if (m.profile.size() >= 4) {
      WidthModel::Fit f = model.fit(m.profile, sigma, WidthModel::window_for(m.profile_width_px));
      if (f.radius_px > 0) d = 2 * f.radius_px;
    }
    out.push_back(d * s.um);
  }
  return out;
}

// A trace far wider than the image's terminal hairs holds two shafts side
// by side (touching hairs whose seam does not show: dark shafts absorb
// almost fully even along the short chords at the contact line). Hair
// diameters in one scalp vary by a few tens of percent; a single shaft
// twice the typical one is much rarer than two touching typical shafts.
// Such a trace becomes two hairs of half its diameter, each along its half
// of the band, with the same exit end. A trace fitted above the image's
// population (kOutlierSpreads) that is not split (the second shaft runs
// along only part of it) holds one hair of unknown diameter: it gets the
// median.
void split_wide_outliers(std::vector<TracedHair>& hairs, std::vector<HairMeasure>& measures,
                         std::vector<double>& diameters, std::vector<int>& exit_end,
                         const Scale& s) {
  std::vector<double> terminal;
  for (double d : diameters)
    if (d > kMinTerminalUm) terminal.push_back(d);
  if (terminal.size() < kMinTerminalHairs) return;
  auto mid = terminal.begin() + terminal.size() / 2;
  std::nth_element(terminal.begin(), mid, terminal.end());
  std::vector<double> widths;
  for (size_t j = 0; j < diameters.size(); ++j)
    if (diameters[j] > kMinTerminalUm) widths.push_back(measures[j].width_px);
  std::nth_element(widths.begin(), widths.begin() + widths.size() / 2, widths.end());
  const double fwhm = widths[widths.size() / 2];
  const double limit = kPairWidths * *mid, typical = *mid;
  // The image's own spread of terminal diameters (robust: 1.4826 x the
  // median absolute deviation), so that a scalp whose hairs vary widely
  // (anisotrichosis) keeps its thick hairs.
  std::vector<double> deviation;
  for (double d : terminal) deviation.push_back(std::abs(d - typical));
  std::nth_element(deviation.begin(), deviation.begin() + deviation.size() / 2, deviation.end());
  const double cap = typical + kOutlierSpreads * 1.4826 * deviation[deviation.size() / 2];
  const size_t count = hairs.size();
  for (size_t i = 0; i < count; ++i) {
    if (diameters[i] <= cap) continue;
    const double fitted = diameters[i];
    diameters[i] = typical;  // Unless split below.
    if (fitted <= limit || hairs[i].pts.size() < 3) continue;
    if (polyline_length(hairs[i].pts) < s.px(kMinPairUm)) continue;
    {
      int wide = 0;
      for (float w : measures[i].section_width) wide += w > kPairFwhm * fwhm;
      if (wide < kPairShare * measures[i].section_width.size()) continue;
    }
    {
      bool along = false;
      const double tol = 0.5 * measures[i].width_px + 1;
      const cv::Rect2f box = cv::boundingRect(hairs[i].pts);
      const cv::Rect2f grown(box.x - tol, box.y - tol, box.width + 2 * tol, box.height + 2 * tol);
      for (size_t j = 0; j < count && !along; ++j)
        along = j != i && (grown & cv::Rect2f(cv::boundingRect(hairs[j].pts))).area() > 0 &&
                overlap(hairs[j].pts, hairs[i].pts, tol) > 0.3;
      if (along) continue;
    }
    const double d = fitted / 2;
    const double centre = measures[i].centre_shift_px;
    HairMeasure m = measures[i];
    m.width_px /= 2;
    lay_shafts(i, {centre - 0.5 * s.px(d), centre + 0.5 * s.px(d)}, m, d, hairs, measures,
               diameters, exit_end);
  }
}

// Whether an end of hairs[i] lies within `tol` px of an end of another of
// the first `count` traces (single-shaft, not dropped) and runs away from
// it backwards.
bool behind_hair_end(const std::vector<TracedHair>& hairs, size_t count, size_t i, double tol,
                     const std::vector<char>& drop) {
  for (int e = 0; e < 2; ++e) {
    const cv::Point2f pe = e ? hairs[i].pts.back() : hairs[i].pts.front();
    const cv::Point2f out = end_direction(hairs[i].pts, e);
    for (size_t j = 0; j < count; ++j) {
      if (j == i || drop[j] || hairs[j].shafts != 1) continue;
      for (int f = 0; f < 2; ++f) {
        const cv::Point2f pf = f ? hairs[j].pts.back() : hairs[j].pts.front();
        if (cv::norm(pe - pf) <= tol && out.dot(end_direction(hairs[j].pts, f)) < kShadowCos)
          return true;
      }
    }
  }
  return false;
}

// Splits each band of hairs from one opening (TracedHair::shafts > 1) into
// its shafts, side by side across the band's width, with the band's exit.
// A band running backwards out of another hair's end is that hair's shadow
// under the skin and is dropped. Other traces running along the band are
// shafts that parted from it and were traced on their own: the band keeps
// the rest, none if that leaves nothing. The band's profile does not tell
// the shafts' diameters apart, so each gets the image's median terminal
// diameter (`single_px` is the typical trace width, the spacing of the
// shafts across the band).
void split_bands(std::vector<TracedHair>& hairs, std::vector<HairMeasure>& measures,
                 std::vector<double>& diameters, std::vector<int>& exit_end, double single_px) {
  const size_t count = hairs.size();
  std::vector<double> terminal;
  for (size_t i = 0; i < count; ++i)
    if (hairs[i].shafts == 1 && diameters[i] > kMinTerminalUm) terminal.push_back(diameters[i]);
  double typical_um = 0;
  if (!terminal.empty()) {
    std::nth_element(terminal.begin(), terminal.begin() + terminal.size() / 2, terminal.end());
    typical_um = terminal[terminal.size() / 2];
  }
  std::vector<char> drop(count, 0);
  for (size_t i = 0; i < count; ++i) {
    int k = hairs[i].shafts;
    if (k < 2) continue;
    if (behind_hair_end(hairs, count, i, measures[i].width_px + 3, drop)) {
      drop[i] = 1;
      continue;
    }
    const double tol = 0.5 * measures[i].width_px + 1;
    for (size_t j = 0; j < count; ++j)
      k -= j != i && overlap(hairs[j].pts, hairs[i].pts, tol) > kBandAlongShare;
    const double d = typical_um > 0 ? typical_um : diameters[i] / std::max(1, k);
    hairs[i].shafts = 1;
    if (k < 1) drop[i] = 1;
    if (k <= 1) {
      diameters[i] = d;
      continue;
    }
    const double w = measures[i].width_px;
    const double spacing = std::max(0.0, w - single_px) / (k - 1);
    HairMeasure m = measures[i];
    m.width_px = std::min(w, single_px);
    std::vector<double> offsets;
    for (int j = 0; j < k; ++j) offsets.push_back(m.centre_shift_px + (j - (k - 1) / 2.0) * spacing);
    lay_shafts(i, offsets, m, d, hairs, measures, diameters, exit_end);
    drop.resize(hairs.size(), 0);
  }
  remove_marked(drop, hairs, measures, diameters, exit_end);
}

}  // namespace

void validate_options(const Options& o) {
  if (!(o.um_per_px > 0)) throw std::invalid_argument("imaging: um_per_px must be > 0");
  if (!(o.border_margin_um >= 0))
    throw std::invalid_argument("imaging: border_margin_um must be >= 0");
}

cv::Mat as_bgr(const cv::Mat& image, const char* what) {
  if (image.empty()) throw std::invalid_argument(std::string("imaging: ") + what + " is empty");
  if (image.depth() != CV_8U)
    throw std::invalid_argument(std::string("imaging: ") + what + " is not 8-bit");
  if (image.channels() == 3) return image;
  cv::Mat bgr;
  if (image.channels() == 1) cv::cvtColor(image, bgr, cv::COLOR_GRAY2BGR);
  else if (image.channels() == 4) cv::cvtColor(image, bgr, cv::COLOR_BGRA2BGR);
  else throw std::invalid_argument(std::string("imaging: ") + what + " has an unsupported channel count");
  return bgr;
}

std::vector<Hair> detect_hairs(const cv::Mat& bgr, const Options& o, ContrastMap* contrast_out) {
  const Scale s{o.um_per_px};
  ContrastMap contrast = compute_contrast(bgr, o.um_per_px);
  cv::Mat mask = segment(contrast, s);
  SkelGraph graph = build_skeleton_graph(thin(mask));
  std::vector<double> widths;
  for (const SkelEdge& e : graph.edges)
    widths.push_back(edge_width(e.pts, contrast, s.px(kMaxDiameterUm / 2)));
  std::vector<TracedHair> traced =
      trace_hairs(std::move(graph), widths, bgr.size(), trace_params(s));
  const double widest = 2 * s.px(kMaxDiameterUm / 2) + 4;
  std::vector<TracedHair> pieces;
  std::vector<HairMeasure> piece_m;
  for (TracedHair& t : traced) {
    if (t.pts.size() < 3) continue;
    piece_m.push_back(measure_hair(t, contrast, measure_reach(t, widest)));
    pieces.push_back(std::move(t));
  }
  join_fragments(pieces, piece_m, contrast, widest);
  std::vector<TracedHair> kept, maybe;
  std::vector<HairMeasure> measures, maybe_m;
  double typical_width = 0;  // Median accepted trace width, px.
  for (size_t i = 0; i < pieces.size(); ++i) {
    TracedHair& t = pieces[i];
    const HairMeasure& m = piece_m[i];
    if (!plausible(t, m, contrast.noise, o, s)) {
      if (polyline_length(t.pts) >= s.px(kLongShaftUm) &&
          plausible(t, m, contrast.noise, o, s, kLongShaftEdgeRisePx)) {
        maybe.push_back(std::move(t));
        maybe_m.push_back(m);
      }
      continue;
    }
    kept.push_back(std::move(t));
    measures.push_back(m);
  }
  if (!maybe.empty() && !measures.empty()) {
    std::vector<double> w;
    for (const HairMeasure& m : measures) w.push_back(m.width_px);
    std::nth_element(w.begin(), w.begin() + w.size() / 2, w.end());
    typical_width = w[w.size() / 2];
    for (size_t i = 0; i < maybe.size(); ++i) {
      const double width = maybe_m[i].width_px;
      if (width > kTypicalWidths * typical_width)
        maybe[i].shafts = std::clamp(static_cast<int>(std::lround(width / typical_width)), 2,
                                     kMaxBandShafts);
      kept.push_back(std::move(maybe[i]));
      measures.push_back(maybe_m[i]);
    }
  }
  cut_at_dips(kept, measures, bgr, contrast, s.px(kMinCutPieceUm), widest);
  drop_duplicates(kept, measures);
  drop_end_hooks(kept, measures, s.px(kMaxHookUm));
  const std::vector<HiddenHair> hidden =
      apply_width_steps(find_width_steps(kept, measures, s.px(o.min_hair_length_um)), kept,
                        measures, contrast, s.px(o.min_hair_length_um), widest);
  std::vector<int> exit_end = choose_exit_ends(kept, measures, s.px(kStreamRadiusUm));
  std::vector<double> diameters = fit_diameters(kept, measures, s);
  // A hidden shaft has no cross-section of its own: scale its host's fit.
  for (const HiddenHair& h : hidden) diameters[h.index] = diameters[h.host] * h.width_ratio;
  split_bands(kept, measures, diameters, exit_end, typical_width);
  split_wide_outliers(kept, measures, diameters, exit_end, s);
  const cv::Rect2d frame = counting_frame(bgr.size(), o);
  std::vector<Hair> hairs;
  for (size_t i = 0; i < kept.size(); ++i) {
    Hair h = make_hair(kept[i], measures[i], exit_end[i], s);
    h.diameter_um = diameters[i];
    h.counted = frame.contains(cv::Point2d(h.x, h.y));
    hairs.push_back(std::move(h));
  }
  if (contrast_out) *contrast_out = std::move(contrast);
  return hairs;
}

Analysis summarize(std::vector<Hair> hairs, cv::Size size, const Options& o) {
  Analysis a;
  const cv::Rect2d frame = counting_frame(size, o);
  a.area_cm2 = frame.area() * o.um_per_px * o.um_per_px * 1e-8;
  double diameter_sum = 0;
  int vellus = 0;
  for (Hair& h : hairs) {
    h.vellus = h.diameter_um <= o.vellus_threshold_um;
    if (!h.counted) continue;
    ++a.hair_count;
    diameter_sum += h.diameter_um;
    vellus += h.vellus;
  }
  if (a.area_cm2 > 0) {
    a.density_per_cm2 = a.hair_count / a.area_cm2;
    a.terminal_density = (a.hair_count - vellus) / a.area_cm2;
    a.cumulative_thickness_mm = diameter_sum / 1000.0 / a.area_cm2;
  }
  if (a.hair_count > 0) {
    a.mean_diameter_um = diameter_sum / a.hair_count;
    a.vellus_percent = 100.0 * vellus / a.hair_count;
  }
  a.hairs = std::move(hairs);
  return a;
}

}  // namespace anagen::imaging
