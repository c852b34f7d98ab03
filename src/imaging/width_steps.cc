#include "width_steps.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <utility>

namespace anagen::imaging {
namespace {

constexpr int kMinSide = 4;               // Cross-sections on each side of a step.
constexpr double kMinRatio = 1.2;         // Wide over narrow median width.
constexpr double kMaxRatio = 2.8;         // Wider: a crossing or a tangle.
constexpr double kFlat = 0.1;             // Median absolute deviation / median.
constexpr double kMinStepPx = 2.0;        // Less is noise (a shaft is wider).
constexpr double kMinWideWidths = 3.0;    // Wide side, in narrow widths.
constexpr double kMinNarrowWidths = 2.0;  // Narrow side, in its widths.
// A piece split off must be clearly a hair: this many shortest hairs long.
constexpr double kMinPieceLengths = 2.0;
constexpr int kEdgeSections = 3;    // Sections each side that place the edges.
constexpr double kEdgeKept = 0.3;   // An edge that runs on moves less than this
constexpr double kEdgeMoved = 0.6;  // and the other more than this (of the step).

// Hairs of one opening that leave it a few degrees apart run as one band
// that widens steadily from the shared exit as they part, until the
// shorter one ends and the band falls at once to the longer one's shaft: a
// wedge. Its wide side is not flat (find_step's test), so it is looked for
// apart: the last sections before the fall at least kWedgePeak times the
// shaft beyond it, the first after it at most kWedgeFall times, and the
// wedge's first third at most kWedgeRamp of its peak (it widens; a band of
// two shafts side by side all along is split by the band rules instead).
constexpr double kWedgePeak = 1.5;
constexpr double kWedgeFall = 1.25;
constexpr double kWedgeRamp = 0.8;
constexpr int kWedgePeakSections = 3;
// The host of a wedge runs on beyond it: a hair of clipped length (650-1300
// um), this many shortest hairs; shorter traces are pieces whose widths
// mislead (pooled benchmark: a third of the wedges on shorter hosts were
// false, a sixth on longer ones).
constexpr double kWedgeHostLengths = 7.0;
constexpr double kWedgeRise = 0.8;  // Share of section pairs wider farther out.
// A trace leaving the wedge's outer end within this angle of it is the
// wedge's second hair, traced on its own where it parts from the band.
const double kSiblingCos = std::cos(30 * M_PI / 180);
// A bump (find_bump): at least kBumpRatio times the shaft on both sides
// (alike within kMinRatio), at most kBumpMaxWidths of them long, the shaft
// beyond it at least kBumpShift widths off the one before.
constexpr double kBumpRatio = 1.3;
constexpr double kBumpMaxWidths = 6.0;
constexpr double kBumpShift = 0.5;
constexpr int kBumpMaxSections = 12;
// A ramp (find_ramp): a band at least kRampPeak times the shaft beyond its
// fall (kWedgeFall as for wedges), rising over at least kRampMinSections
// sections and at most kRampMaxWidths shaft widths from a shaft alike the
// one beyond, which runs at least kRampOffWidths widths off the line of the
// shaft before the ramp.
constexpr double kRampPeak = 1.1;
constexpr int kRampMinSections = 3;
constexpr double kRampMaxWidths = 12.0;
constexpr double kRampOffWidths = 1.0;
constexpr int kRampLinePx = 20;  // Points along the trace that set each line.

struct Side {
  double med = 0, mad = 0;
};

Side side_stats(const std::vector<float>& w, int a, int b) {
  std::vector<double> v(w.begin() + a, w.begin() + b), dev;
  Side s;
  s.med = median(v);
  for (double x : v) dev.push_back(std::abs(x - s.med));
  s.mad = median(dev);
  return s;
}

// Running medians of w[0, k) (from the front) or w[k, n) (from the back).
std::vector<double> running_medians(const std::vector<float>& w, bool from_back) {
  const int n = static_cast<int>(w.size());
  std::vector<double> med(n + 1, 0);
  std::vector<float> sorted;
  for (int j = 0; j < n; ++j) {
    const float x = w[from_back ? n - 1 - j : j];
    sorted.insert(std::upper_bound(sorted.begin(), sorted.end(), x), x);
    med[from_back ? n - 1 - j : j + 1] = sorted[sorted.size() / 2];
  }
  return med;
}

// The split of the width profile into two flat parts that fits best (least
// absolute deviation from each part's median); -1 if the profile is short.
int change_point(const std::vector<float>& w) {
  const int n = static_cast<int>(w.size());
  const std::vector<double> left = running_medians(w, false), right = running_medians(w, true);
  int best = -1;
  double best_cost = 0;
  for (int k = kMinSide; k <= n - kMinSide; ++k) {
    double cost = 0;
    for (int i = 0; i < n; ++i) cost += std::abs(w[i] - (i < k ? left[k] : right[k]));
    if (best < 0 || cost < best_cost) {
      best = k;
      best_cost = cost;
    }
  }
  return best;
}

double arc(const std::vector<cv::Point2f>& pts, int a, int b) {
  double len = 0;
  for (int i = a + 1; i <= b; ++i) len += cv::norm(pts[i] - pts[i - 1]);
  return len;
}

// Median band edges of sections [a, b), px along `normal` from `origin`.
std::pair<double, double> edges(const TracedHair& t, const HairMeasure& m, int a, int b,
                                cv::Point2f origin, cv::Point2f normal) {
  std::vector<double> lo, hi;
  for (int k = a; k < b; ++k) {
    const double off = normal.dot(t.pts[m.section_at[k]] - origin) + m.section_shift[k];
    lo.push_back(off - m.section_width[k] / 2);
    hi.push_back(off + m.section_width[k] / 2);
  }
  return {median(lo), median(hi)};
}

bool flat(const Side& s) { return s.mad <= kFlat * s.med + 0.3; }

// The step of trace t, if it has a clear one.
bool find_step(const TracedHair& t, const HairMeasure& m, double min_len_px, WidthStep& out) {
  const int n = static_cast<int>(m.section_width.size());
  std::vector<float> sorted = m.section_width;
  std::sort(sorted.begin(), sorted.end());
  if (sorted[n - kMinSide] < kMinRatio * sorted[kMinSide - 1]) return false;  // No step.
  const int k = change_point(m.section_width);
  if (k < 0) return false;
  const Side l = side_stats(m.section_width, 0, k), r = side_stats(m.section_width, k, n);
  if (!flat(l) || !flat(r) || std::min(l.med, r.med) <= 0) return false;
  out.wide_side = l.med > r.med ? 0 : 1;
  out.wide_px = std::max(l.med, r.med);
  out.narrow_px = std::min(l.med, r.med);
  const double ratio = out.wide_px / out.narrow_px;
  if (ratio < kMinRatio || ratio > kMaxRatio) return false;
  if (out.wide_px - out.narrow_px < kMinStepPx) return false;
  out.at = (m.section_at[k - 1] + m.section_at[k]) / 2;
  const int last = static_cast<int>(t.pts.size()) - 1;
  const double before = arc(t.pts, 0, out.at), after = arc(t.pts, out.at, last);
  const double wide_len = out.wide_side == 0 ? before : after;
  const double narrow_len = out.wide_side == 0 ? after : before;
  if (wide_len < std::max(kMinPieceLengths * min_len_px, kMinWideWidths * out.narrow_px))
    return false;
  if (narrow_len < kMinNarrowWidths * out.narrow_px) return false;
  const cv::Point2f tan = tangent_at(t.pts, out.at), normal(-tan.y, tan.x);
  const auto [lo_l, hi_l] = edges(t, m, std::max(0, k - kEdgeSections), k, t.pts[out.at], normal);
  const auto [lo_r, hi_r] = edges(t, m, k, std::min(n, k + kEdgeSections), t.pts[out.at], normal);
  const double step = out.wide_px - out.narrow_px;
  const double kept = std::min(std::abs(lo_r - lo_l), std::abs(hi_r - hi_l));
  const double moved = std::max(std::abs(lo_r - lo_l), std::abs(hi_r - hi_l));
  out.hidden = kept <= kEdgeKept * step + 0.5 && moved >= kEdgeMoved * step;
  return true;
}

// Whether widths 0..k-1 (from the wedge's outer end) rise steadily: most
// pairs of sections farther apart than a quarter of the wedge are wider
// the farther out (a crossing or a ring is a bump, not a ramp).
template <typename Width>
bool widens(const Width& width, int k) {
  int up = 0, all = 0;
  const int gap = std::max(1, k / 4);
  for (int i = 0; i + gap < k; ++i)
    for (int j = i + gap; j < k; ++j) {
      ++all;
      up += width(j) > width(i);
    }
  return all > 0 && up >= kWedgeRise * all;
}

// The wedge of trace t (see kWedgePeak), if it has one: the hidden step at
// its fall, the wedge being the wide side.
bool find_wedge(const TracedHair& t, const HairMeasure& m, double min_len_px, WidthStep& out) {
  const int n = static_cast<int>(m.section_width.size());
  const int last = static_cast<int>(t.pts.size()) - 1;
  if (arc(t.pts, 0, last) < kWedgeHostLengths * min_len_px) return false;
  double best = 0;
  for (int side = 0; side < 2; ++side) {
    // Section j counted from the wedge's outer end.
    auto at = [&](int j) { return side == 0 ? j : n - 1 - j; };
    auto width = [&](int j) { return m.section_width[at(j)]; };
    std::vector<double> peak_w, ramp_w;
    for (int k = std::max(kMinSide, kWedgePeakSections); k <= n - kMinSide; ++k) {
      peak_w.clear();
      for (int j = k - kWedgePeakSections; j < k; ++j) peak_w.push_back(width(j));
      const double peak = median(peak_w);
      // The peak and fall tests below together need peak >= kWedgePeak /
      // kWedgeFall x width(k): checked first, as most sections fail it, so
      // that the narrow side's statistics are rarely computed (margin for
      // rounding: never skips a wedge the tests below would take).
      if (peak * kWedgeFall < kWedgePeak * width(k) * (1 - 1e-9)) continue;
      const Side narrow =
          side == 0 ? side_stats(m.section_width, k, n) : side_stats(m.section_width, 0, n - k);
      if (!flat(narrow) || narrow.med <= 0 || width(k) > kWedgeFall * narrow.med) continue;
      ramp_w.clear();
      for (int j = 0; j < std::max(1, k / 3); ++j) ramp_w.push_back(width(j));
      const double ramp = median(ramp_w);
      if (peak < kWedgePeak * narrow.med || ramp > kWedgeRamp * peak) continue;
      if (!widens(width, k)) continue;
      if (peak / narrow.med <= best) continue;
      const int cut = (m.section_at[at(k - 1)] + m.section_at[at(k)]) / 2;
      const double wedge_len = side == 0 ? arc(t.pts, 0, cut) : arc(t.pts, cut, last);
      const double narrow_len = side == 0 ? arc(t.pts, cut, last) : arc(t.pts, 0, cut);
      if (wedge_len < std::max(kMinPieceLengths * min_len_px, kMinWideWidths * narrow.med) ||
          narrow_len < kMinNarrowWidths * narrow.med)
        continue;
      // One edge (the longer hair's outer one) runs on through the fall.
      {
        const int lo = side == 0 ? std::max(0, k - kEdgeSections) : n - k;
        const int hi = side == 0 ? k : std::min(n, n - k + kEdgeSections);
        const int lo2 = side == 0 ? k : std::max(0, n - k - kEdgeSections);
        const int hi2 = side == 0 ? std::min(n, k + kEdgeSections) : n - k;
        const cv::Point2f tan = tangent_at(t.pts, cut), normal(-tan.y, tan.x);
        const auto [lo_w, hi_w] = edges(t, m, lo, hi, t.pts[cut], normal);
        const auto [lo_n, hi_n] = edges(t, m, lo2, hi2, t.pts[cut], normal);
        const double step = peak - narrow.med;
        if (std::min(std::abs(lo_w - lo_n), std::abs(hi_w - hi_n)) > kEdgeKept * step + 0.5)
          continue;
      }
      best = peak / narrow.med;
      out.at = cut;
      out.wide_side = side;
      out.wide_px = peak;
      out.narrow_px = narrow.med;
      out.hidden = true;
      out.wedge = true;
    }
  }
  return best > 0;
}

// Two hairs in line, the second's opening beside the first one's tip: the
// skeleton runs from one shaft into the other, and the trace holds both.
// Where they lie side by side the band is about two shafts wide, and the
// shaft beyond it lies a shaft's width off the one before it: a bump, not
// a step. A crossing or an opening the hair passes over keeps the line.
// Pooled 480 images: misses 12443 -> 12312, extras 10962 -> 10995, count
// bias -1.69 -> -1.39%, MAPE 4.87 -> 4.81% (a bump of 1.4: 112 found for
// 28 extras; a shift of 0.3 widths and bumps up to 8 widths long: more
// extras for no more hairs).
bool find_bump(const TracedHair& t, const HairMeasure& m, double min_len_px, WidthStep& out) {
  const int n = static_cast<int>(m.section_width.size());
  if (n < 2 * kMinSide + 1) return false;
  const int last = static_cast<int>(t.pts.size()) - 1;
  const std::vector<float>& w = m.section_width;
  std::vector<float> sorted = w;
  std::sort(sorted.begin(), sorted.end());
  if (sorted[n - 2] < kBumpRatio * sorted[n / 2]) return false;  // No bump.
  // The flat sides' statistics: sections [0, k) and [k, n).
  std::vector<Side> before(n + 1), after(n + 1);
  for (int k = kMinSide; k <= n - kMinSide; ++k) {
    before[k] = side_stats(w, 0, k);
    after[k] = side_stats(w, k, n);
  }
  double best = 0;
  std::vector<double> bump_w;
  for (int p = kMinSide; p < n - kMinSide; ++p)
    for (int q = p + 1; q <= n - kMinSide && q - p <= kBumpMaxSections; ++q) {
      bump_w.assign(w.begin() + p, w.begin() + q);
      const double bump = median(bump_w);
      const double low = *std::min_element(bump_w.begin(), bump_w.end());
      const Side& l = before[p];
      const Side& r = after[q];
      const double narrow = std::max(l.med, r.med);
      if (!flat(l) || !flat(r) || std::min(l.med, r.med) <= 0) continue;
      if (bump < kBumpRatio * narrow || low < kMinRatio * narrow) continue;
      if (narrow > kMinRatio * std::min(l.med, r.med)) continue;  // Two shafts alike.
      if (bump / narrow <= best) continue;
      const int cut = (m.section_at[p] + m.section_at[q - 1]) / 2;
      const double min_piece = kMinPieceLengths * min_len_px;
      if (arc(t.pts, 0, m.section_at[p]) < min_piece ||
          arc(t.pts, m.section_at[q - 1], last) < min_piece ||
          arc(t.pts, m.section_at[p], m.section_at[q - 1]) > kBumpMaxWidths * narrow)
        continue;
      const cv::Point2f tan = tangent_at(t.pts, cut), normal(-tan.y, tan.x);
      const auto [lo_l, hi_l] = edges(t, m, std::max(0, p - kEdgeSections), p, t.pts[cut], normal);
      const auto [lo_r, hi_r] = edges(t, m, q, std::min(n, q + kEdgeSections), t.pts[cut], normal);
      if (std::abs((lo_r + hi_r) - (lo_l + hi_l)) / 2 < kBumpShift * narrow) continue;
      best = bump / narrow;
      out.at = cut;
      out.wide_side = 0;
      out.wide_px = l.med;
      out.narrow_px = r.med;
      out.hidden = false;
    }
  return best > 0;
}

// How far (px) the trace point `kRampLinePx` beyond `to` lies off the line
// of the `kRampLinePx` points before `from` (going along the trace in
// direction `dirn`: 0 forward, 1 backward).
double off_line(const std::vector<cv::Point2f>& pts, int from, int to, int dirn) {
  const int last = static_cast<int>(pts.size()) - 1, step = dirn == 0 ? 1 : -1;
  const int before = std::clamp(from - step * kRampLinePx, 0, last);
  const int beyond = std::clamp(to + step * kRampLinePx, 0, last);
  const cv::Point2f line = unit(pts[from] - pts[before]), v = pts[beyond] - pts[from];
  return std::abs(line.x * v.y - line.y * v.x);
}

// Two hairs in line, the second's opening on the first one's shaft short
// of its tip: the band widens steadily from that opening as the two part,
// then falls at once to the second shaft where the first one ends, and
// beyond the fall the shaft runs off the first one's line (a wedge in the
// middle of a trace; a hair that only curves keeps its width, a crossing
// hair is traced across the fall). The trace is cut at the fall. Pooled
// 480 images: misses 12341 -> 12225, extras 10721 -> 10715, count bias
// -1.85 -> -1.67%, SD 5.83 -> 5.82 (a peak of 1.2: 56 hairs found; 1.0:
// 37 more hairs for 60 more extras; without the offset test, 1.3 found
// 55 hairs for 193 extras).
bool find_ramp(const TracedHair& t, const HairMeasure& m, double min_len_px, WidthStep& out) {
  const int n = static_cast<int>(m.section_width.size());
  const int last = static_cast<int>(t.pts.size()) - 1;
  // Medians of the sections before / from each one: most sections fail the
  // tests on them, so that the flatness is rarely computed.
  const std::vector<double> front = running_medians(m.section_width, false),
                            back = running_medians(m.section_width, true);
  double best = 0;
  for (int dirn = 0; dirn < 2; ++dirn) {
    // Section j counted along the trace in direction dirn.
    auto at = [&](int j) { return dirn == 0 ? j : n - 1 - j; };
    auto width = [&](int j) { return static_cast<double>(m.section_width[at(j)]); };
    for (int k = kMinSide + kRampMinSections; k <= n - kMinSide; ++k) {
      const double peak = median({width(k - 1), width(k - 2), width(k - 3)});
      const double beyond_med = dirn == 0 ? back[k] : front[n - k];
      if (beyond_med <= 0 || width(k) > kWedgeFall * beyond_med) continue;
      if (peak < kRampPeak * beyond_med || peak / beyond_med <= best) continue;
      const Side beyond =
          dirn == 0 ? side_stats(m.section_width, k, n) : side_stats(m.section_width, 0, n - k);
      if (!flat(beyond)) continue;
      int start = k - 3;  // The ramp's foot: the shaft's width again.
      while (start > 0 && width(start - 1) > kMinRatio * beyond.med) --start;
      if (start < kMinSide || k - start < kRampMinSections) continue;
      const Side before = dirn == 0 ? side_stats(m.section_width, 0, start)
                                    : side_stats(m.section_width, n - start, n);
      if (!flat(before) || before.med <= 0 ||
          std::max(before.med, beyond.med) > kMinRatio * std::min(before.med, beyond.med))
        continue;
      if (!widens([&](int j) { return width(start + j); }, k - start)) continue;
      const int foot = m.section_at[at(start)], top = m.section_at[at(k - 1)];
      const int cut = (top + m.section_at[at(k)]) / 2;
      if (arc(t.pts, std::min(foot, top), std::max(foot, top)) > kRampMaxWidths * beyond.med ||
          arc(t.pts, 0, cut) < kMinPieceLengths * min_len_px ||
          arc(t.pts, cut, last) < kMinPieceLengths * min_len_px)
        continue;
      if (off_line(t.pts, foot, cut, dirn) < kRampOffWidths * beyond.med) continue;
      best = peak / beyond.med;
      out.at = cut;
      out.wide_side = dirn;
      out.wide_px = peak;
      out.narrow_px = beyond.med;
      out.hidden = false;
    }
  }
  return best > 0;
}

TracedHair piece(const TracedHair& t, int from, int to) {
  TracedHair p;
  p.pts.assign(t.pts.begin() + from, t.pts.begin() + to + 1);
  const int last = static_cast<int>(t.pts.size()) - 1;
  const bool outer[2] = {from == 0, to == last};
  for (int s = 0; s < 2; ++s) {
    p.end[s] = outer[s] ? t.end[s] : EndKind::kJunction;
    p.at_border[s] = outer[s] && t.at_border[s];
  }
  return p;
}

void cut(const WidthStep& s, std::vector<TracedHair>& hairs, std::vector<HairMeasure>& measures,
         const ContrastMap& contrast, double widest_px) {
  const TracedHair t = hairs[s.hair];
  TracedHair a = piece(t, 0, s.at), b = piece(t, s.at, static_cast<int>(t.pts.size()) - 1);
  a.width_px = s.wide_side == 0 ? s.wide_px : s.narrow_px;
  b.width_px = s.wide_side == 0 ? s.narrow_px : s.wide_px;
  measures[s.hair] = measure_hair(a, contrast, measure_reach(a, widest_px));
  hairs[s.hair] = std::move(a);
  measures.push_back(measure_hair(b, contrast, measure_reach(b, widest_px)));
  hairs.push_back(std::move(b));
}

bool runs_along_another(const std::vector<TracedHair>& hairs, int self,
                        const std::vector<cv::Point2f>& pts, double tol) {
  const cv::Rect2f box = grown(cv::boundingRect(pts), tol);
  for (size_t j = 0; j < hairs.size(); ++j) {
    if (static_cast<int>(j) == self) continue;
    if ((cv::Rect2f(cv::boundingRect(hairs[j].pts)) & box).empty()) continue;
    if (overlap(pts, hairs[j].pts, tol) >= 0.5) return true;
  }
  return false;
}

// Whether a trace other than hairs[self] comes within `tol` px of `p`.
bool passes_near(const std::vector<TracedHair>& hairs, int self, cv::Point2f p, double tol) {
  for (size_t j = 0; j < hairs.size(); ++j) {
    if (static_cast<int>(j) == self) continue;
    for (const cv::Point2f& q : hairs[j].pts)
      if (std::abs(q.x - p.x) <= tol && std::abs(q.y - p.y) <= tol && cv::norm(q - p) <= tol)
        return true;
  }
  return false;
}

// Whether another trace leaves the place where end `end` of hairs[self]
// ends (within `tol` px), in about its direction.
bool sibling_leaves(const std::vector<TracedHair>& hairs, int self, int end, double tol) {
  const std::vector<cv::Point2f>& pts = hairs[self].pts;
  const cv::Point2f p = end == 0 ? pts.front() : pts.back();
  const cv::Point2f out = end_direction(pts, end);
  for (size_t j = 0; j < hairs.size(); ++j) {
    if (static_cast<int>(j) == self || hairs[j].pts.size() < 2) continue;
    for (int f = 0; f < 2; ++f) {
      const cv::Point2f q = f == 0 ? hairs[j].pts.front() : hairs[j].pts.back();
      if (cv::norm(q - p) <= tol && out.dot(end_direction(hairs[j].pts, f)) >= kSiblingCos)
        return true;
    }
  }
  return false;
}

}  // namespace

std::vector<HiddenHair> apply_width_steps(const std::vector<WidthStep>& steps,
                                          std::vector<TracedHair>& hairs,
                                          std::vector<HairMeasure>& measures,
                                          const ContrastMap& contrast, double min_len_px,
                                          double widest_px) {
  std::vector<HiddenHair> added;
  for (const WidthStep& s : steps) {
    TracedHair& host = hairs[s.hair];
    const int last = static_cast<int>(host.pts.size()) - 1;
    if (!s.hidden) {
      if (std::min(polyline_length({host.pts.begin(), host.pts.begin() + s.at + 1}),
                   polyline_length({host.pts.begin() + s.at, host.pts.end()})) >=
          kMinPieceLengths * min_len_px)
        cut(s, hairs, measures, contrast, widest_px);
      continue;
    }
    TracedHair h = s.wide_side == 0 ? piece(host, 0, s.at) : piece(host, s.at, last);
    // A sibling traced on its own parts from the host's line by up to the
    // wedge's excess width.
    const double along_px = s.wedge ? 0.5 * s.wide_px : 0.5 * s.narrow_px;
    if (runs_along_another(hairs, s.hair, h.pts, std::max(2.0, along_px))) continue;
    // A wedge's fall where another trace passes (within a band's width) is
    // a crossing at a shallow angle (the other shaft nears, merges and
    // leaves) or a sibling that parts there and was traced on its own, not
    // a hair's end.
    if (s.wedge && passes_near(hairs, s.hair, host.pts[s.at], s.wide_px + 3)) continue;
    // A wedge whose sibling was traced on its own from the shared opening
    // holds no hidden hair: the sibling parts from the band.
    if (s.wedge && sibling_leaves(hairs, s.hair, s.wide_side, s.wide_px + 3)) continue;
    // Both hairs leave one place: a shared opening (or neighbouring ones).
    // A wedge's outer end is left to the exit cues: marked shared, it took
    // the exit from the better cues too often (pooled benchmark: exit end
    // right 95.5% marked, 95.7% not).
    const int outer = s.wide_side == 0 ? 0 : 1;
    if (!host.at_border[outer] && !s.wedge) host.end[outer] = h.end[outer] = EndKind::kShared;
    const double ratio = std::clamp(s.wide_px / s.narrow_px - 1, 0.5, 1.6);
    h.width_px = ratio * s.narrow_px;
    measures[s.hair] = measure_hair(host, contrast, measure_reach(host, widest_px), s.narrow_px);
    HairMeasure m = measure_hair(h, contrast, measure_reach(h, widest_px));
    m.width_px = m.width_end[0] = m.width_end[1] = h.width_px;
    m.profile.clear();
    m.hidden = true;
    added.push_back({static_cast<int>(hairs.size()), s.hair, ratio});
    hairs.push_back(std::move(h));
    measures.push_back(std::move(m));
  }
  return added;
}

double overlap(const std::vector<cv::Point2f>& a, const std::vector<cv::Point2f>& b, double tol) {
  if (b.empty()) return 0;
  // A point of `a` farther than `tol` along x or y from b's bounds is near
  // none of b's points: each of their differences rounds to at least the
  // difference from the bound (float rounding is monotone), so the test
  // below would fail for every one of them.
  float lo_x = b[0].x, hi_x = b[0].x, lo_y = b[0].y, hi_y = b[0].y;
  for (const cv::Point2f& q : b) {
    lo_x = std::min(lo_x, q.x);
    hi_x = std::max(hi_x, q.x);
    lo_y = std::min(lo_y, q.y);
    hi_y = std::max(hi_y, q.y);
  }
  auto beyond = [tol](float v, float lo, float hi) {
    return (v < lo && std::abs(v - lo) > tol) || (v > hi && std::abs(v - hi) > tol);
  };
  int near = 0, n = 0;
  for (size_t i = 0; i < a.size(); i += 2, ++n) {
    if (beyond(a[i].x, lo_x, hi_x) || beyond(a[i].y, lo_y, hi_y)) continue;
    for (size_t j = 0; j < b.size(); ++j)
      if (std::abs(a[i].x - b[j].x) <= tol && std::abs(a[i].y - b[j].y) <= tol &&
          cv::norm(a[i] - b[j]) <= tol) {
        ++near;
        break;
      }
  }
  return n ? static_cast<double>(near) / n : 0;
}

std::vector<WidthStep> find_width_steps(const std::vector<TracedHair>& hairs,
                                        const std::vector<HairMeasure>& measures,
                                        double min_len_px) {
  std::vector<WidthStep> out;
  for (size_t i = 0; i < hairs.size(); ++i) {
    if (measures[i].section_width.size() < 2 * kMinSide) continue;
    WidthStep s;
    s.hair = static_cast<int>(i);
    if (find_step(hairs[i], measures[i], min_len_px, s) ||
        find_wedge(hairs[i], measures[i], min_len_px, s))
      out.push_back(s);
    // A bump where another trace passes is where it crosses; a ramp's
    // fall where another trace passes, where a hair crosses at a shallow
    // angle or a sibling parts.
    else if (find_bump(hairs[i], measures[i], min_len_px, s) &&
             !passes_near(hairs, s.hair, hairs[i].pts[s.at], 2 * s.wide_px + 3))
      out.push_back(s);
    else if (find_ramp(hairs[i], measures[i], min_len_px, s) &&
             !passes_near(hairs, s.hair, hairs[i].pts[s.at], s.wide_px + 3))
      out.push_back(s);
  }
  return out;
}

}  // namespace anagen::imaging
