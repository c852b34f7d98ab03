#include "detect.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <opencv2/core/hal/intrin.hpp>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <stdexcept>
#include <string>

#include "contrast.h"
#include "diameter_model.h"
#include "hair_measure.h"
#include "hair_orient.h"
#include "hair_tracer.h"
#include "skeleton_graph.h"
#include "thinning.h"
#include "trace_repair.h"
#include "width_model.h"
#include "width_steps.h"

namespace anagen::imaging {
namespace {

constexpr double kMaskNoiseFactor = 2.5;  // Segmentation threshold / noise.
constexpr double kMinMaskLevel = 6.0;     // 8-bit contrast units.
// A crest (add_ridges) is a line's shape, which noise seldom takes: it may
// be fainter than the pixels the mask takes by level alone, so that a fine
// pale hair is not broken into pieces where it dips under that level (1.7
// did no better, and lowering kMinMaskLevel for crests admitted noise).
constexpr double kRidgeNoiseFactor = 2.0;
constexpr double kHairNoiseFactor = 3.5;  // A hair's peak contrast / noise.
constexpr double kMaxDiameterUm = 130.0;
constexpr double kStreamRadiusUm = 1500.0;
constexpr double kLocalPeakUm = 100.0;   // Window of the local contrast peak.
constexpr double kLocalPeakShare = 0.5;  // Mask level, as a share of that peak.
constexpr size_t kBlurProfiles = 12;     // Hairs used to estimate the blur.
constexpr double kBlurFlankFrom = 0.6;   // Of the half-width: the blur fit's flank.
// Hairs whose shared transmission is read together (the best-resolved
// single shafts): more hairs, a steadier estimate.
constexpr size_t kTransmissionProfiles = 60;
// Peak contrast, relative to those hairs' median, of the hairs taken to
// share their pigment: the pigment varies by about 10% between the hairs
// of one scalp, and width and blur change the peak of a fine shaft;
// vellus and grey hairs usually fall outside.
constexpr double kSharedPigmentLow = 0.6, kSharedPigmentHigh = 1.6;
constexpr double kMaxEdgeRisePx = 5.0;  // Sharper than any shadow.
// A long trace (shadows under the skin are short) may rise more slowly:
// pale, blurred shafts do, and so does a band of siblings, whose
// overlapping translucent shafts step its edge (seed 2 image 49: a band of
// four siblings from two openings, rising over 6.4 px, was dropped whole).
// Pooled 480 images, 8 px instead of 6: misses 12494 -> 12440, extras
// 10924 -> 10964, count MAPE 4.91 -> 4.87% (7 px: 44 hairs found for 29
// extras; 10 px: 59 for 74; only the bands among them: 22 for 27).
constexpr double kLongShaftUm = 300.0;
constexpr double kLongShaftEdgeRisePx = 8.0;
// A long trace (kLongShaftUm) no wider than a vellus shaft is a fine pale
// hair: its peak contrast may be lower than a shorter trace's. Noise and
// skin texture do not line up into a thin smooth line that long, and the
// openings' rings and shadows under the skin are short and wide.
// The width is the trace's half-maximum width, against the vellus limit
// (50 um did no better); the contrast need only clear the mask's own level.
constexpr double kFineHairWidthUm = 40.0;
constexpr double kLongFineHairNoiseFactor = kMaskNoiseFactor;
// Shorter, such a thin trace is still more line than noise or a spot: it
// needs a little less than other traces (2.8 x noise admitted more false
// traces; only from 150 um on did no better).
constexpr double kFineHairNoiseFactor = 3.0;
// A pale fine shaft fades below the mask's level for longer stretches than
// a crossing hides a hair (join_fragments' general gap): its pieces, in
// line and alike, join across up to this gap, so that they are judged as
// one trace (a piece alone is too short to stand out as a line).
constexpr double kFaintJoinGapUm = 150.0;
constexpr double kTypicalWidths = 1.3;  // Of the median accepted width.
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
// A short trace (under kLongShaftUm) lying wholly within this many widths
// of a longer trace's centreline runs along that shaft's edge: a specular
// stripe or blur halo beside it, or a fragment of it, not a hair of its own
// (a sibling from the same opening parts from its neighbour, so some of it
// lies farther out). Half a width (the shaft itself) is the general rule.
constexpr double kAlongWidths = 0.75;
constexpr double kMaxHookUm = 150.0;      // Shorter traces at a long one's end
constexpr double kHookHostLengths = 2.0;  // (this many times longer) are hooks.
// How near (beyond the long trace's width) a hook's end must come to the
// long one's end. Thinning stops each trace about a radius short of its
// drawn end, so at width + 3 px many a hook lay just out of reach. Pooled
// 480 images, 6 px against 3: extras 10995 -> 10721, misses 12312 ->
// 12341, the count's SD 5.91 -> 5.83, but its bias -1.39 -> -1.85%.
constexpr double kHookReachPx = 6.0;
// Crest test: higher than the pixels kRidgeStepPx to both sides by
// 1/kRidgeMarginDivisor of its own level (at least 1): a fine pale hair's crest
// rises above the skin beside it by little more than the noise (1/8 lost
// more such crests than it kept out noise; 1/12 worsened the diameters).
constexpr int kRidgeStepPx = 2;
constexpr int kRidgeMarginDivisor = 10;
constexpr double kMinTerminalUm = 40.0;  // Population of typical shafts.
constexpr size_t kMinTerminalHairs = 10;
// Wider than this many typical shafts (and outside the image's own spread,
// kOutlierSpreads): two shafts. Less than two, as one cylinder fitted to a
// band of two shafts that differ or overlap a little falls short of twice
// the typical diameter.
constexpr double kPairWidths = 1.5;
// Clipped hairs are 650-1300 µm, but the stretch two of them run together
// (siblings before they part, a pair cut by the image edge) is often
// shorter; the width tests below still ask for a band far wider than one.
constexpr double kMinPairUm = 200.0;
constexpr double kPairFwhm = 1.4;         // A section of a pair: this many typical
constexpr double kPairShare = 0.8;        // half-maximum widths, along most of it.
constexpr double kMinCutPieceUm = 150.0;  // Each piece of a cut trace: a short hair.
// A fit this many robust standard deviations above the image's median
// terminal diameter lies outside the scalp's own population: a second shaft
// inside the trace (a sibling or a touching hair along part of it, a
// crossing), not a thicker hair.
constexpr double kOutlierSpreads = 3.0;
// A fit above the image's median terminal diameter from a trace whose
// section widths spread (width_spread) keeps 1 / (1 + kSpreadPull *
// spread) of its excess over the median: a second shaft along part of the
// trace only ever widens it, and the more the widths vary, the more of the
// fit is that shaft's (pooled benchmark, replayed on the fits: 1 gave 0.2
// um lower MAE, 2 0.25, 3 0.26). Fits below the median keep theirs: a
// second shaft does not narrow a trace.
constexpr double kSpreadPull = 1.5;
// The clear sections of a trace that another comes near
// (fold_clear_sections) are the shaft alone only if their median width is
// the trace's own: where it strays, by whichever sign, the clear stretch
// still runs beside or over another shaft (a neighbour just beyond the
// nearness margin is inside the fit's window) and the fit is less sure. Its
// share adds kClearChangePull times itself to the pull's divisor (siblings
// with clear fits, pooled benchmark replayed on the fits: 10 gave 0.07 um
// lower MAE, 20 0.09, 30 0.095, 60 0.07; both seeds alike).
constexpr double kClearChangePull = 30.0;
// Likewise the sections folded for the fit (a low quantile of the widths,
// or the clear ones) should be the trace's median width: where their width
// strays from it, part of the trace runs over a second shaft and the
// folded stretch is not typical of the trace. kProfileWidthPull times that
// share joins the divisor (with kSpreadPull 2 -> 1.5 and kClearChangePull
// 20 -> 30, replayed on the pooled benchmark's fits: 0.020 um lower MAE on
// each seed; the spread and the clear width alone, re-tuned, 0.010).
constexpr double kProfileWidthPull = 10.0;
// A terminal fit to a mixed profile (HairMeasure::mixed) is no one
// shaft's, but it is still partly this one's: it keeps kMixedKeep of its
// departure from the image's median terminal diameter, less where the
// trace's widths spread (pooled benchmark replayed: 0.018 um lower MAE
// than the median alone, 0.4 the best of 0.2-0.5, both seeds alike).
constexpr double kMixedKeep = 0.4;

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

// How far beyond a free exit end of the skeleton the exit lies, in shaft
// radii (the opening's ring and the shadow under the skin beyond an exit
// probably carry the mask, and so the skeleton, on past it): a full radius
// put matched exits 2-3 px beyond the true ones (pooled 480 images, the
// offset along the hair peaked at -2.5 px), half a radius centres them
// (peak at 0). Border slips 1298 -> 1228 pooled, count SD 6.17 -> 6.14.
constexpr float kExitReachRadii = 0.5f;

// Exit point, length and diameter of one traced hair.
Hair make_hair(const TracedHair& t, const HairMeasure& m, int exit_end, const Scale& s) {
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
    exit += kExitReachRadii * r * end_direction(h.path, 0);
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

// A hair cut by the image edge is often traced in two: broken where a
// crossing hides it, or where siblings that enter together from an opening
// beyond the edge part (the band from the edge to the fork is a trace of
// its own). The inner piece then ends at the crossing or the fork with no
// tip there, and its exit cues (a shared end, a ring raised by the other
// hair) make that end its exit, inside the frame. A trace that starts
// within a width (+ kContinuationPx) of that exit and runs on in line with
// the hair out of the image is the rest of it: the exit lies beyond the
// edge. (Also taking traces that end in the guard band short of the edge
// did better on both seeds' 60 images but worse on seed 1's 240.)
constexpr double kContinuationWidths = 1.0;
constexpr double kContinuationPx = 4.0;
const double kContinuationCos = std::cos(30 * M_PI / 180);  // Bend at the break.
constexpr double kContinuationOffset = 0.25;                // Off the hair's line, per px of gap.
// The rest of a clipped hair (650-1300 µm) beyond the break is short; a
// longer trace in line is more often another hair that meets this one
// (no limit counted worse on seed 1's 60 images, 500 µm on seed 2's).
constexpr double kMaxContinuationUm = 700.0;

// The image-edge end of a trace that continues `h` (traces[self]) beyond
// its exit out of the image, if there is one.
std::optional<cv::Point2f> continuation_out_of_image(const Hair& h, double width_px,
                                                     const std::vector<TracedHair>& traces,
                                                     size_t self, double max_px) {
  const cv::Point2f p = h.path.front(), out = end_direction(h.path, 0);
  const double reach = kContinuationWidths * width_px + kContinuationPx;
  for (size_t j = 0; j < traces.size(); ++j) {
    const TracedHair& t = traces[j];
    if (j == self || t.pts.size() < 3 || t.at_border[0] == t.at_border[1]) continue;
    const int e = t.at_border[0] ? 1 : 0;  // The inner end.
    const cv::Point2f near = e == 0 ? t.pts.front() : t.pts.back();
    const cv::Point2f far = e == 0 ? t.pts.back() : t.pts.front();
    const cv::Point2f d = near - p;
    const double gap = std::hypot(d.x, d.y);
    if (gap > reach || -end_direction(t.pts, e).dot(out) < kContinuationCos) continue;
    if (std::abs(d.x * out.y - d.y * out.x) > kContinuationPx + kContinuationOffset * gap) continue;
    if (polyline_length(t.pts) > max_px) continue;
    return far;
  }
  return std::nullopt;
}

// A counted hair whose exit is a node (shared with other traces, or on
// another shaft) near the image edge may be the inner piece of a shaft
// entering from outside, broken at a crossing or where siblings part, whose
// outer piece joined another trace (so no trace continues it, as
// continuation_out_of_image needs). A true exit has skin beyond it: the
// opening's ring and the shadow under the skin are faint beside a shaft.
// So where, on the hair's line beyond its exit out to the image edge (at
// most kRunOnUm away), the contrast stays at kRunOnLevel of the hair's own
// along kRunOnShare of the way, the shaft runs on to the edge and its exit
// lies beyond it. Pooled 480 images: hairs counted with their exit
// outside the frame 928 -> 748, not counted with it inside 484 -> 550,
// counted traces on no hair 11181 -> 11101 (count SD 6.31 -> 6.17). A free
// exit end is too often a real exit with another shaft in line beyond it
// (148 right for 41 wrong, SD and MAPE worse), so only node ends are
// tested. A reach of 400 um: SD 0.04 higher; 800 um: 0.02 lower, but 30
// more real exits dropped. A level share of 0.8 / 0.9: SD 0.02 / 0.07 higher.
constexpr double kRunOnUm = 600.0;
constexpr double kRunOnLevel = 0.5;
constexpr double kRunOnShare = 0.7;
constexpr int kRunOnAcrossPx = 2;  // Each side of the line: the shaft bends.

// How far from `p` along `out` the image edge lies, px.
float reach_to_edge(cv::Point2f p, cv::Point2f out, const cv::Mat& raw) {
  const float right = static_cast<float>(raw.cols - 1), bottom = static_cast<float>(raw.rows - 1);
  float reach = std::numeric_limits<float>::max();
  if (out.x > 1e-3f) reach = std::min(reach, (right - p.x) / out.x);
  if (out.x < -1e-3f) reach = std::min(reach, -p.x / out.x);
  if (out.y > 1e-3f) reach = std::min(reach, (bottom - p.y) / out.y);
  if (out.y < -1e-3f) reach = std::min(reach, -p.y / out.y);
  return reach;
}

// Of the points 1, 2, ... `reach` px from `p` along `out`: how many there
// are, and at how many the contrast within kRunOnAcrossPx of the line
// reaches `level`.
struct Along {
  int n = 0, high = 0;
};
Along contrast_along(cv::Point2f p, cv::Point2f out, double level, const cv::Mat& raw,
                     float reach) {
  const cv::Point2f across(-out.y, out.x);
  Along a;
  for (float t = 1; t <= reach; t += 1) {
    const cv::Point2f q = p + t * out;
    int best = 0;
    for (int k = -kRunOnAcrossPx; k <= kRunOnAcrossPx; ++k) {
      const cv::Point2f r = q + static_cast<float>(k) * across;
      const int x = std::clamp(static_cast<int>(std::lround(r.x)), 0, raw.cols - 1);
      const int y = std::clamp(static_cast<int>(std::lround(r.y)), 0, raw.rows - 1);
      best = std::max(best, static_cast<int>(raw.at<unsigned char>(y, x)));
    }
    ++a.n;
    a.high += best >= level;
  }
  return a;
}

// The image-edge point on the line of `h` beyond its exit if the shaft
// runs on along it to the edge within `max_px` (see kRunOnUm);
// `contrast_level` is the hair's peak contrast (HairMeasure::contrast).
std::optional<cv::Point2f> shaft_runs_to_edge(const Hair& h, double contrast_level,
                                              const cv::Mat& raw, double max_px) {
  const cv::Point2f p(static_cast<float>(h.x), static_cast<float>(h.y));
  const cv::Point2f out = end_direction(h.path, 0);
  const float reach = reach_to_edge(p, out, raw);
  if (!(reach <= max_px) || reach < 1) return std::nullopt;
  const Along a = contrast_along(p, out, kRunOnLevel * contrast_level, raw, reach);
  if (a.high < kRunOnShare * a.n) return std::nullopt;
  return p + reach * out;
}

// Adds to `mask` the crest of every fainter shaft: pixels above `floor`
// that are a local maximum across some direction. Next to a dark shaft the
// half-of-local-peak rule of segment_framed() drops a faint hair's pixels,
// but its crest is still a crest (a blur halo or the skin between two
// shafts is a slope or a trough, never a crest).
// v / kRidgeMarginDivisor for 8-bit v as (v * kRidgeMarginScale) >> 16,
// exactly (checked for every v below), so that 16 pixels take the crest test
// at once.
constexpr int kRidgeMarginScale = 65536 / kRidgeMarginDivisor + 1;
constexpr bool margin_scale_exact() {
  for (int v = 0; v < 256; ++v)
    if ((v * kRidgeMarginScale) >> 16 != v / kRidgeMarginDivisor) return false;
  return true;
}
static_assert(margin_scale_exact());

// Crest pixels (0xff) among 16 pixels from `c` on: the test of add_ridges,
// lane by lane. In 8 bits with saturation, which decides as the exact sums
// do for every candidate (v above the floor, so v >= its margin; a saturated
// v + 2 * margin exceeds any 8-bit neighbour, as the exact sum does).
cv::v_uint8x16 crests16(const unsigned char* c, const int off[4]) {
  const cv::v_uint8x16 v = cv::v_load(c);
  cv::v_uint16x8 lo, hi;
  cv::v_expand(v, lo, hi);
  const cv::v_uint16x8 scale = cv::v_setall_u16(kRidgeMarginScale);
  const cv::v_uint8x16 margin =
      cv::v_max(cv::v_pack(cv::v_mul_hi(lo, scale), cv::v_mul_hi(hi, scale)), cv::v_setall_u8(1));
  const cv::v_uint8x16 low = v - margin, high = v + margin + margin;  // Saturating.
  cv::v_uint8x16 side[4];
  for (int k = 0; k < 4; ++k) side[k] = cv::v_max(cv::v_load(c + off[k]), cv::v_load(c - off[k]));
  cv::v_uint8x16 crest = cv::v_setzero_u8();
  for (int k = 0; k < 4; ++k) crest = crest | ((low >= side[k]) & (side[k ^ 1] <= high));
  return crest;
}

void add_ridges(const cv::Mat& smooth, double floor, cv::Mat& mask) {
  // Only pixels above `floor` and not yet in the mask can be crests; most
  // of the image is skin below the floor, so rows are first screened 16
  // pixels at a time for such candidates.
  if (floor >= 255) return;
  const cv::v_uint8x16 lowest =
      cv::v_setall_u8(static_cast<unsigned char>(static_cast<int>(std::floor(floor)) + 1));
  const cv::v_uint8x16 zero = cv::v_setzero_u8();
  const int d = kRidgeStepPx, stride = static_cast<int>(smooth.step[0]);
  const int off[4] = {d, d * stride, d * (stride + 1), d * (stride - 1)};
  for (int y = d; y < smooth.rows - d; ++y) {
    const unsigned char* c = smooth.ptr<unsigned char>(y);
    unsigned char* m = mask.ptr<unsigned char>(y);
    int x = d;
    for (; x + 16 <= smooth.cols - d; x += 16) {
      const cv::v_uint8x16 mx = cv::v_load(m + x);
      const cv::v_uint8x16 cand = (cv::v_load(c + x) >= lowest) & (mx == zero);
      if (!cv::v_check_any(cand)) continue;
      cv::v_store(m + x, mx | (cand & crests16(c + x, off)));
    }
    for (; x < smooth.cols - d; ++x) {
      const int v = c[x];
      if (v <= floor || m[x]) continue;
      const int margin = std::max(1, v / kRidgeMarginDivisor);
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
// out and each shaft's mask is about as wide as the shaft. The mask is
// returned inside a frame of one background pixel, which thinning and the
// skeleton graph need: they then work in its buffer instead of copies.
cv::Mat segment_framed(const ContrastMap& c, const Scale& s) {
  const int k = std::max(3, static_cast<int>(s.px(kLocalPeakUm)) | 1);
  cv::Mat framed(c.smooth.rows + 2, c.smooth.cols + 2, CV_8U);
  framed.row(0).setTo(0);
  framed.row(framed.rows - 1).setTo(0);
  framed.col(0).setTo(0);
  framed.col(framed.cols - 1).setTo(0);
  cv::Mat mask = framed(cv::Rect(1, 1, c.smooth.cols, c.smooth.rows));
  // The local peak goes where the mask will be: each pixel's level is read
  // before its mask value replaces it.
  cv::dilate(c.smooth, mask, cv::getStructuringElement(cv::MORPH_RECT, {k, k}));
  static_assert(kLocalPeakShare == 0.5, "above_half_peak takes half the local peak");
  above_half_peak(c.smooth, mask, std::max(kMinMaskLevel, kMaskNoiseFactor * c.noise), mask);
  add_ridges(c.smooth, std::max(kMinMaskLevel, kRidgeNoiseFactor * c.noise), mask);
  return framed;
}

// A faint fine trace is judged by the evidence of its whole length, not by
// its per-pixel contrast: the contrast map's noise level is a per-pixel
// figure, but a line of n independent pixels lifts its mean above the skin
// beside it by sqrt(n) times more noise-spreads than any one pixel. Skin
// texture and noise do not line up into a thin crest that stays above
// both sides all along; creases and shadows are wide and rise slowly (the
// edge-rise test) and the mask's own level still bounds the per-pixel
// contrast from below.
constexpr double kFaintHairNoiseFactor = 2.0;  // Per-pixel floor: the crests' level.
constexpr double kSideWidths = 2.0;            // Skin beside the shaft, in widths,
constexpr double kSideMinPx = 3.0;             // and at least this far out of its edge.
constexpr int kBlockPx = 6;                    // About the skin texture's correlation length.
constexpr int kMinBlocks = 3;
constexpr double kMinSignificance = 4.0;  // Mean excess / its noise.
constexpr double kMinCrestShare = 0.8;    // Blocks above both sides.

float sample(const cv::Mat& img, cv::Point2f q) {
  return img.at<unsigned char>(nearest_pixel(img, q));
}

// Whether the trace's centreline stands out from the skin on both sides of
// it as a line: its mean excess over the skin beside it, per block of
// kBlockPx, against the noise of that mean (from the difference of the two
// sides, which is skin against skin), and a crest in most blocks.
bool significant_line(const TracedHair& t, const HairMeasure& m, const ContrastMap& c) {
  const int n = static_cast<int>(t.pts.size());
  const int skip = static_cast<int>(std::ceil(m.width_px)) + 1;
  const float side =
      static_cast<float>(std::max(kSideWidths * m.width_px, m.width_px / 2 + kSideMinPx));
  std::vector<double> excess, skin_diff;
  int crests = 0;
  for (int b = skip; b + kBlockPx <= n - skip; b += kBlockPx) {
    double centre = 0, left = 0, right = 0;
    for (int i = b; i < b + kBlockPx; ++i) {
      const cv::Point2f tan = tangent_at(t.pts, i), nrm(-tan.y, tan.x);
      centre += sample(c.smooth, t.pts[i]);
      left += sample(c.smooth, t.pts[i] + side * nrm);
      right += sample(c.smooth, t.pts[i] - side * nrm);
    }
    excess.push_back((centre - (left + right) / 2) / kBlockPx);
    skin_diff.push_back((left - right) / kBlockPx);
    crests += centre > left && centre > right;
  }
  const int blocks = static_cast<int>(excess.size());
  if (blocks < kMinBlocks || crests < kMinCrestShare * blocks) return false;
  double mean = 0, var = 0;
  for (double e : excess) mean += e;
  mean /= blocks;
  // Var(left - right) = 2 var(skin); the excess's null variance is
  // var(skin) (centre) + var(skin) / 2 (mean of the sides) = 0.75 of it.
  for (double d : skin_diff) var += d * d;
  var = 0.75 * std::max(var / blocks, 1.0);
  return mean >= kMinSignificance * std::sqrt(var / blocks);
}

bool plausible(const TracedHair& t, const HairMeasure& m, const ContrastMap& c, const Options& o,
               const Scale& s, double max_rise = kMaxEdgeRisePx) {
  if (m.samples < 2) return false;
  const double noise = c.noise;
  double length = polyline_length(t.pts) + m.width_px;
  double factor = kHairNoiseFactor;
  const bool fine = m.width_px * s.um <= kFineHairWidthUm;
  if (fine) factor = length >= s.px(kLongShaftUm) ? kLongFineHairNoiseFactor : kFineHairNoiseFactor;
  if (m.contrast < factor * noise &&
      !(fine && m.contrast >= kFaintHairNoiseFactor * noise && significant_line(t, m, c)))
    return false;
  if (length < s.px(o.min_hair_length_um)) return false;
  // A trace the image edge cuts may be a stub of a hair that runs on beyond
  // it: its few cross-sections read its edges' rise loosely, and its length
  // inside need not exceed its width much.
  const bool cut = t.at_border[0] != t.at_border[1];
  if (m.edge_rise_px > (cut ? 2 : 1) * max_rise) return false;  // Diffuse: a shadow.
  return length >= (cut ? 1.0 : 2.5) * m.width_px;              // Round blobs are spots, not hairs.
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
// branches of a wide or merged shaft, not hairs of their own; and traces
// shorter than `short_px` that lie wholly along a longer one's edge
// (kAlongWidths).
void drop_duplicates(std::vector<TracedHair>& hairs, std::vector<HairMeasure>& measures,
                     double short_px) {
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
      const double w = std::max(measures[i].width_px, measures[j].width_px);
      const double tol = 0.5 * w + 1, wide = kAlongWidths * w + 1;
      if ((grown(box[j], wide) & box[i]).area() <= 0 && box[i].width * box[i].height > 0) continue;
      if (overlap(hairs[i].pts, hairs[j].pts, tol) > 0.6) drop[i] = 1;
      if (len[i] + measures[i].width_px < short_px &&
          overlap(hairs[i].pts, hairs[j].pts, wide) >= 1.0)
        drop[i] = 1;
    }
  remove_marked(drop, hairs, measures);
}

// Drops short traces that hang off the end of a much longer one: the dark
// ring of a follicular opening or the shadow under the skin round a hair's
// exit, traced as a hook (a real hair sharing the opening is as long as
// the hairs are). Traces shorter than `short_px` go whichever way they
// leave the end; traces shorter than `shadow_px` go if they are wider than
// the long one and leave its end backwards (kShadowCos): the shaft seen
// through the skin beyond its exit, blurred wider by the skin, not a hair
// (hairs of one opening leave it a few degrees apart, and a hair whose tip
// meets the next one's opening in line is about as wide as it).
void drop_end_hooks(std::vector<TracedHair>& hairs, std::vector<HairMeasure>& measures,
                    double short_px, double shadow_px) {
  std::vector<double> len;
  for (const TracedHair& t : hairs) len.push_back(polyline_length(t.pts));
  std::vector<char> drop(hairs.size(), 0);
  for (size_t i = 0; i < hairs.size(); ++i) {
    if (len[i] + measures[i].width_px >= shadow_px) continue;
    const bool hook = len[i] + measures[i].width_px < short_px;
    for (size_t j = 0; j < hairs.size() && !drop[i]; ++j) {
      if (j == i || len[j] < kHookHostLengths * len[i]) continue;
      const double tol = measures[j].width_px + kHookReachPx;
      for (int a = 0; a < 2 && !drop[i]; ++a)
        for (int b = 0; b < 2 && !drop[i]; ++b) {
          const cv::Point2f pa = a ? hairs[i].pts.back() : hairs[i].pts.front();
          const cv::Point2f pb = b ? hairs[j].pts.back() : hairs[j].pts.front();
          if (cv::norm(pa - pb) > tol) continue;
          drop[i] = hook || (measures[i].width_px > measures[j].width_px &&
                             end_direction(hairs[i].pts, a).dot(end_direction(hairs[j].pts, b)) <
                                 kShadowCos);
        }
    }
  }
  remove_marked(drop, hairs, measures);
}

// A skin crease is a long faint furrow, wider and more diffuse than a
// shaft, that the mask breaks into pieces wherever it fades or a hair
// crosses it; each piece passes for a pale hair. A hair ends: at its tip
// the skin follows, beyond its exit only the opening and the short shadow
// under the skin. So a faint (peak contrast under kCreaseNoiseFactor times
// the noise), wide (over kCreaseWidthUm) trace whose line runs on at
// kCreaseLevel of its contrast along kCreaseShare of the kCreaseProbeUm
// beyond each of its ends (within kRunOnAcrossPx of the line, as the
// furrow bends) is a piece of a crease, not a hair. Ends nearer the image
// edge than kMinCreaseProbePx cannot show it. Pooled 480 images: extras
// 11114 -> 10924 (on skin 1025 -> 853), misses 12488 -> 12494; the creases
// lie on medium and hard images whose count reads high, so the spread
// narrows (SD 6.12 -> 5.93) though the bias falls (-1.47 -> -1.84%).
constexpr double kCreaseNoiseFactor = 5.0;
constexpr double kCreaseWidthUm = 45.0;
constexpr double kCreaseProbeUm = 400.0;
constexpr double kCreaseLevel = 0.3;
constexpr double kCreaseShare = 0.7;
constexpr float kMinCreaseProbePx = 10;

bool runs_on_both_ways(const TracedHair& t, const HairMeasure& m, const cv::Mat& raw,
                       double probe_px) {
  for (int e = 0; e < 2; ++e) {
    const cv::Point2f p = e ? t.pts.back() : t.pts.front(), out = end_direction(t.pts, e);
    const float reach = std::min(static_cast<float>(probe_px), reach_to_edge(p, out, raw));
    if (reach < kMinCreaseProbePx) return false;
    const Along a = contrast_along(p, out, kCreaseLevel * m.contrast, raw, reach);
    if (a.high < kCreaseShare * a.n) return false;
  }
  return true;
}

void drop_creases(std::vector<TracedHair>& hairs, std::vector<HairMeasure>& measures,
                  const ContrastMap& c, const Scale& s) {
  std::vector<char> drop(hairs.size(), 0);
  for (size_t i = 0; i < hairs.size(); ++i) {
    const HairMeasure& m = measures[i];
    drop[i] = m.contrast < kCreaseNoiseFactor * c.noise && m.width_px * s.um > kCreaseWidthUm &&
              runs_on_both_ways(hairs[i], m, c.raw, s.px(kCreaseProbeUm));
  }
  remove_marked(drop, hairs, measures);
}

// How much lighter (> 0) or darker (< 0) than the skin beside it a trace
// is, in 8-bit units: the mean over its points of the B, G, R sum on the
// centreline minus that half a width + 3 px to each side, over 3. The
// contrast map ignores polarity, so that dark, blond and grey hair all
// stand out; this reads it back where it tells hairs from the skin's own
// dark marks.
double trace_polarity(const TracedHair& t, double width_px, const cv::Mat& bgr) {
  const float side = static_cast<float>(width_px / 2 + 3);
  double sum = 0;
  const int n = static_cast<int>(t.pts.size());
  for (int i = 0; i < n; ++i) {
    const cv::Point2f tan = tangent_at(t.pts, i), nrm(-tan.y * side, tan.x * side);
    sum += colour_sum(bgr, t.pts[i]) -
           0.5 * (colour_sum(bgr, t.pts[i] + nrm) + colour_sum(bgr, t.pts[i] - nrm));
  }
  return n ? sum / (3 * n) : 0;
}

// A trace leaving a hair's end within this angle (60 degrees) of the
// hair's own line runs alongside it, as siblings of one opening do.
constexpr double kSiblingCos = 0.5;

// Whether any point of `pts` lies within `tol` px of `p`.
bool touches(const std::vector<cv::Point2f>& pts, cv::Point2f p, double tol) {
  for (const cv::Point2f& q : pts)
    if (cv::norm(q - p) <= tol) return true;
  return false;
}

// Drops short traces (under `short_px`) darker than the skin that touch
// the end of a longer trace lighter than it (a grey or blond hair): the
// follicular opening's dark ring and the shaft's shadow under the skin
// beyond its exit. Under a dark hair these are part of its trace or hooks
// at its end (drop_end_hooks); under a light one the contrast map, which
// ignores polarity, shows them as a dark trace of their own, traced apart
// from the hair where its contrast passes through zero between the light
// shaft and the dark ring (and often wide and diffuse enough to pass for a
// band of siblings). On the benchmark's 480 images, 5 images
// of light hair on darker skin read 10-20% high, mostly from these. A dark
// trace leaving the end alongside the light one (kSiblingCos) stays: grey
// and pigmented hairs share openings.
void drop_pale_hair_openings(std::vector<TracedHair>& hairs, std::vector<HairMeasure>& measures,
                             const cv::Mat& bgr, double short_px) {
  const size_t n = hairs.size();
  std::vector<double> len;
  for (const TracedHair& t : hairs) len.push_back(polyline_length(t.pts));
  // Polarity is read only where the geometry asks for it.
  std::vector<std::optional<double>> pol(n);
  auto polarity = [&](size_t i) {
    if (!pol[i]) pol[i] = trace_polarity(hairs[i], measures[i].width_px, bgr);
    return *pol[i];
  };
  std::vector<char> drop(n, 0);
  for (size_t i = 0; i < n; ++i) {
    if (len[i] + measures[i].width_px >= short_px || polarity(i) >= 0) continue;
    const cv::Rect2f box = cv::boundingRect(hairs[i].pts);
    for (size_t j = 0; j < n && !drop[i]; ++j) {
      if (j == i || len[j] < len[i]) continue;
      const double tol = measures[j].width_px + 3;
      const cv::Rect2f near = grown(box, tol);
      for (int b = 0; b < 2 && !drop[i]; ++b) {
        const cv::Point2f pb = b ? hairs[j].pts.back() : hairs[j].pts.front();
        if (!inside(near, pb) || !touches(hairs[i].pts, pb, tol) || polarity(j) <= 0) continue;
        // A dark sibling of a grey hair leaves their opening alongside it;
        // the shadow runs on beyond the exit, the ring curls round it.
        const cv::Point2f far =
            cv::norm(hairs[i].pts.front() - pb) > cv::norm(hairs[i].pts.back() - pb)
                ? hairs[i].pts.front()
                : hairs[i].pts.back();
        drop[i] = -unit(far - pb).dot(end_direction(hairs[j].pts, b)) < kSiblingCos;
      }
    }
  }
  remove_marked(drop, hairs, measures);
}

// The blur's reach beyond a shaft's half-maximum edge, px (about two blur
// sigmas): a section farther than this plus both half-widths from another
// trace sees none of the other shaft.
constexpr double kClearMarginPx = 2.0;

// Each single-shaft trace that another trace comes near gets its diameter
// profile from its clear sections only (fold_clear_sections): a sibling of
// a shared opening, a touching hair or a crossing bends the flanks of the
// sections it runs through.
void refold_clear_profiles(const std::vector<TracedHair>& hairs, std::vector<HairMeasure>& measures,
                           const ContrastMap& contrast, double widest_px) {
  std::vector<cv::Rect2f> box;
  for (const TracedHair& t : hairs) box.push_back(cv::boundingRect(t.pts));
  for (size_t i = 0; i < hairs.size(); ++i) {
    HairMeasure& m = measures[i];
    if (hairs[i].shafts != 1 || m.profile.empty()) continue;
    std::vector<NearTrace> near;
    for (size_t j = 0; j < hairs.size(); ++j) {
      if (j == i) continue;
      const double by = (m.profile_width_px + measures[j].width_px) / 2 + kClearMarginPx;
      const cv::Rect2f a = grown(box[i], by), &b = box[j];
      if (a.x > b.x + b.width || b.x > a.x + a.width || a.y > b.y + b.height ||
          b.y > a.y + a.height)
        continue;
      // Only the other trace's points that could come near this one.
      NearTrace t{{}, measures[j].width_px};
      for (const cv::Point2f& q : hairs[j].pts)
        if (inside(a, q)) t.pts.push_back(q);
      near.push_back(std::move(t));
    }
    if (near.empty()) continue;
    m.mixed = !fold_clear_sections(hairs[i], contrast, measure_reach(hairs[i], widest_px), near,
                                   kClearMarginPx, m);
  }
}

// Dark shafts carry the lamp's highlight: a narrow band of reflected light a
// third of the radius off the axis, on one side (width_model.cc), a dip in
// the contrast of a shaft darker than the skin. Fitted without it, the
// folded profile's lowered shoulders read as a rounder, blurrier shaft and
// dark hair read thick (pooled, image median errors +0.2 to +1.0 um). Its
// strength cannot be read from the profiles: the 0.2-px radius steps move a
// fit's residual more than the blurred dip does, so a search for it on the
// blur's or the transmission's profiles chose the strength that suited the
// blur, not the shafts (0 on most images, up to -1.2 on drawn shafts
// without any). Fitted with a typical share instead, the shafts of an image
// whose transmission reads dark (at most kDarkShaftTransmission; black and
// brown hair reads 0.04-0.26): pooled MAE 4.685 -> 4.640 um, dark-hair
// images of every level better (at a limit of 0.2, 4.653; at 0.33, 4.636
// with pale medium images 0.13 um worse; a share of -0.15 or -0.3, 4.651
// and 4.659). Pale hair keeps none: with one its images read worse (a
// highlight brighter than a pale shaft's contrast flips sign in the
// contrast map); the pale-hair images that read as dark as 0.26 still
// lose 0.06-0.07 um. The generator's own strength per image did no better than
// the typical one (4.653 on dark images only, 4.688 on all).
constexpr double kDarkShaftTransmission = 0.26;
constexpr double kDarkShaftHighlight = -0.2;

// The transmission of the image's terminal shafts: hairs of one scalp share
// one pigment, so one transmission. Fitted per hair, a blurred 7-8 px
// profile trades a rounder top (a paler shaft) for a wider radius, and
// each hair landed somewhere along that ridge; a band of two shafts read
// as one rounded, too wide shaft. Read from many well-resolved single
// shafts together, the transmission is fixed for the hairs of about their
// peak contrast; hairs of another pigment (grey, vellus with less of it)
// keep their own.
struct Transmission {
  double k = 0, contrast = 0, highlight = 0;
  bool shared(const HairMeasure& m) const {
    return contrast > 0 && m.contrast >= kSharedPigmentLow * contrast &&
           m.contrast <= kSharedPigmentHigh * contrast;
  }
};

Transmission image_transmission(const std::vector<HairMeasure>& measures,
                                const std::vector<std::pair<double, size_t>>& resolved,
                                const WidthModel& model, double sigma) {
  std::vector<const HalfProfile*> profiles;
  std::vector<WidthModel::Window> windows;
  std::vector<double> contrast;
  for (size_t i = 0; i < resolved.size() && i < kTransmissionProfiles; ++i) {
    const HairMeasure& m = measures[resolved[i].second];
    profiles.push_back(&m.profile);
    windows.push_back(WidthModel::window_for(m.profile_width_px));
    contrast.push_back(m.contrast);
  }
  if (profiles.empty()) return {};
  const double k = model.estimate_transmission(profiles, windows, sigma);
  if (k > kDarkShaftTransmission) return {k, median(std::move(contrast))};
  return {model.estimate_transmission(profiles, windows, sigma, kDarkShaftHighlight),
          median(std::move(contrast)), kDarkShaftHighlight};
}

// A stripe of specular light along dark shafts on dark skin is nearly
// skin-coloured: each section's half-maximum edge stops at it, so the
// measured widths, and the fit's window drawn from them (radii up to 0.65
// of the width), fall short of the shaft, and the model, which has no
// stripe, explains such profiles poorly. Where the image's terminal fits
// miss their profiles by more than kStripeMisfit (median relative RMS; on
// the pooled benchmark 0.01-0.045 on ordinary images, 0.06-0.11 on the
// five striped ones, which read 10-17 um thin on every hair), every hair
// is fitted again on its outer flanks only, beyond kStripeFlankFrom of the
// half-width (past the stripe), with radii up to kStripeRadiusMax of the
// measured width (pooled MAE 4.83 -> 4.74 um; those images' median error
// -17..-10 -> -4..+1 um).
constexpr double kStripeMisfit = 0.05;
constexpr double kStripeFlankFrom = 0.8;
constexpr double kStripeRadiusMax = 0.9;
// A fine shaft's profile, 3-5 px wide at half maximum and blurred, hardly
// tells a paler shaft from a narrower one, and fitted with its own
// transmission (or the terminal hairs' shared one) a fine hair read thin:
// 1.9 um (median) for the true vellus hairs of the pooled benchmark. Vellus
// hairs carry little pigment, so a fit in the vellus range is made again
// at a pale transmission (pooled MAE 4.72 -> 4.69 um replayed at 0.45,
// each seed alike; the vellus share read right 97.1 -> 97.3%; at 0.33 the
// gain was half). Vellus hair has a quarter less pigment than the terminal
// hair beside it, so the palest passes about 0.55, beyond the palest
// terminal shaft's 0.45: at 0.55 fine hairs read 0.2-0.3 um nearer their
// diameter (pooled MAE 4.693 -> 4.689 um, both seeds; still -1.2 to -1.5
// um median in the 20-40 um bins, which is not the transmission).
constexpr double kPaleTransmission = 0.55;

WidthModel::Window outer_flank_window(double fwhm_px) {
  WidthModel::Window w = WidthModel::window_for(fwhm_px);
  w.first = static_cast<int>(kStripeFlankFrom * 0.5 * fwhm_px / kProfileStepPx);
  w.r_hi = kStripeRadiusMax * fwhm_px;
  w.samples = static_cast<int>(std::ceil((w.r_hi + 3) / kProfileStepPx)) + 1;
  return w;
}

// Diameters by fitting the shaft model to each hair's mean profile, with the
// image's blur estimated from its best-resolved hairs: the wide single
// shafts whose profiles the model explains best (lowest residual over the
// tabulated blurs), not the most contrasted ones. On dark skin a dark
// hair's specular stripe, nearly skin-coloured, cuts into one side of its
// profile, which the model can only explain as a blurrier shaft; picking
// such hairs for the blur made every hair of the image read thin. A fit in
// the vellus range is made again at the palest transmission
// (kPaleTransmission).
// The image-wide terms of fit_diameters, for the diameter model: the blur,
// the shared transmission, its highlight share and the median peak
// contrast of its shafts, and the median misfit of the terminal fits.
struct ImageFit {
  double sigma = 0, k = 0, highlight = 0, contrast = 0, misfit = 0;
  bool stripe = false;
};
std::vector<double> fit_diameters(const std::vector<TracedHair>& hairs,
                                  std::vector<HairMeasure>& measures, const Scale& s,
                                  ImageFit& img) {
  WidthModel model(s.px(kMaxDiameterUm / 2) + 1);
  std::vector<std::pair<double, size_t>> resolved;
  for (size_t i = 0; i < measures.size(); ++i) {
    const HairMeasure& m = measures[i];
    if (hairs[i].shafts != 1) continue;  // A band's profile is no one shaft's.
    if (m.width_px >= 4 && m.samples >= 8 && m.profile.size() >= 4)
      resolved.push_back(
          {model.best_residual(m.profile, WidthModel::window_for(m.profile_width_px)), i});
  }
  std::sort(resolved.begin(), resolved.end());
  std::vector<const HalfProfile*> best;
  std::vector<WidthModel::Window> windows;
  for (size_t i = 0; i < resolved.size() && i < kBlurProfiles; ++i) {
    best.push_back(&measures[resolved[i].second].profile);
    const double fwhm = measures[resolved[i].second].profile_width_px;
    WidthModel::Window w = WidthModel::window_for(fwhm);
    // The blur shows in the flanks; a stripe or a dip inside the shaft
    // (a highlight) would otherwise read as blur.
    w.first = static_cast<int>(kBlurFlankFrom * 0.5 * fwhm / kProfileStepPx);
    windows.push_back(w);
  }
  const double sigma = model.estimate_sigma(best, windows);
  const Transmission k = image_transmission(measures, resolved, model, sigma);
  auto fit = [&](const HairMeasure& m, const WidthModel::Window& w) {
    return k.shared(m) ? model.fit_transmission(m.profile, sigma, k.k, w, k.highlight)
                       : model.fit(m.profile, sigma, w);
  };
  std::vector<double> out, terminal_misfit;
  for (HairMeasure& m : measures) {
    double d = m.width_px;
    m.fit_kind = k.shared(m);
    if (m.profile.size() >= 4) {
      const WidthModel::Fit f = fit(m, WidthModel::window_for(m.profile_width_px));
      if (f.radius_px > 0) d = 2 * f.radius_px;
      if (d * s.um > kMinTerminalUm) terminal_misfit.push_back(f.residual);
      m.fit_residual = f.residual;
    }
    out.push_back(d * s.um);
  }
  img.sigma = sigma;
  img.k = k.k;
  img.highlight = k.highlight;
  img.contrast = k.contrast;
  img.misfit = median(std::move(terminal_misfit));
  img.stripe = img.misfit > kStripeMisfit;
  if (img.stripe) {
    for (size_t i = 0; i < measures.size(); ++i) {
      HairMeasure& m = measures[i];
      if (m.profile.size() < 4) continue;
      const WidthModel::Fit f = fit(m, outer_flank_window(m.profile_width_px));
      if (f.radius_px > 0) out[i] = 2 * f.radius_px * s.um;
      m.fit_kind += 4;
    }
  }
  for (size_t i = 0; i < measures.size(); ++i) {
    HairMeasure& m = measures[i];
    if (out[i] > kMinTerminalUm || m.profile.size() < 4) continue;
    const WidthModel::Fit f = model.fit_transmission(m.profile, sigma, kPaleTransmission,
                                                     WidthModel::window_for(m.profile_width_px));
    if (f.radius_px > 0) out[i] = 2 * f.radius_px * s.um;
    m.fit_kind = (m.fit_kind & 4) + 2;
  }
  for (size_t i = 0; i < measures.size(); ++i) measures[i].fit_um = out[i];
  return out;
}

// How widely a trace's cross-section widths vary: their interquartile
// range over the median width. One shaft keeps its width to a few percent;
// a trace that runs over a second shaft for part of its length (a merged
// sibling, a touching hair) or widens into such a band varies by a fifth
// or more.
double width_spread(const HairMeasure& m) {
  if (m.section_width.empty() || !(m.width_px > 0)) return 0;
  std::vector<float> w = m.section_width;
  std::sort(w.begin(), w.end());
  return (w[3 * w.size() / 4] - w[w.size() / 4]) / m.width_px;
}

// How far the width of the sections folded for the fit strays from the
// trace's median section width, as a share of it.
double profile_width_change(const HairMeasure& m) {
  if (!(m.width_px > 0)) return 0;
  return std::abs(m.profile_width_px / m.width_px - 1);
}

// A trace far wider than the image's terminal hairs holds two shafts side
// by side (touching hairs whose seam does not show: dark shafts absorb
// almost fully even along the short chords at the contact line). Hair
// diameters in one scalp vary by a few tens of percent; a single shaft
// kPairWidths times the typical one and outside the scalp's own spread is
// much rarer than two touching typical shafts.
// Such a trace becomes two hairs, each along its half of the band, with the
// same exit end and the image's median terminal diameter (below). A trace
// fitted above the image's population (kOutlierSpreads) that is not split
// (the second shaft runs along only part of it) holds one hair of unknown
// diameter: it gets the median too, as does a hidden shaft. A fit above
// the median from a trace of uneven width is pulled toward it (kSpreadPull).
void split_wide_outliers(std::vector<TracedHair>& hairs, std::vector<HairMeasure>& measures,
                         std::vector<double>& diameters, std::vector<int>& exit_end,
                         const Scale& s) {
  std::vector<double> terminal;
  for (double d : diameters)
    if (d > kMinTerminalUm) terminal.push_back(d);
  if (terminal.size() < kMinTerminalHairs) return;
  std::vector<double> widths;
  for (size_t j = 0; j < diameters.size(); ++j)
    if (diameters[j] > kMinTerminalUm) widths.push_back(measures[j].width_px);
  const double fwhm = median(std::move(widths));
  const double typical = median(terminal), limit = kPairWidths * typical;
  // The image's own spread of terminal diameters (robust: 1.4826 x the
  // median absolute deviation), so that a scalp whose hairs vary widely
  // (anisotrichosis) keeps its thick hairs.
  std::vector<double> deviation;
  for (double d : terminal) deviation.push_back(std::abs(d - typical));
  const double cap = typical + kOutlierSpreads * 1.4826 * median(std::move(deviation));
  const size_t count = hairs.size();
  for (size_t i = 0; i < count; ++i) {
    if (measures[i].hidden) {
      // A hidden shaft (apply_width_steps) has no cross-section of its
      // own; its host's fit scaled by the band's excess width reads it too
      // thin (the shafts overlap, as in a split band): off by 28.6 um on
      // average (22 low) on the pooled benchmark, where the typical
      // diameter is off by 11.
      diameters[i] = typical;
      measures[i].substituted = 1;
      continue;
    }
    if (diameters[i] <= cap) {
      // A terminal fit to a mixed profile (HairMeasure::mixed) is no one
      // shaft's either: off by 13.5 um on average, where the typical
      // diameter is off by 10 (pooled benchmark); kept in part (kMixedKeep),
      // 9.5. A fine fit stays: the typical terminal diameter is farther
      // from a fine hair's.
      const HairMeasure& m = measures[i];
      if (m.mixed && diameters[i] > kMinTerminalUm)
        diameters[i] =
            typical + kMixedKeep * (diameters[i] - typical) / (1 + kSpreadPull * width_spread(m));
      else if (diameters[i] > typical)
        diameters[i] =
            typical + (diameters[i] - typical) / (1 + kSpreadPull * width_spread(m) +
                                                  kClearChangePull * m.clear_width_change +
                                                  kProfileWidthPull * profile_width_change(m));
      continue;
    }
    const double fitted = diameters[i];
    diameters[i] = typical;  // Unless split below.
    measures[i].substituted = 3;
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
      const cv::Rect2f box = grown(cv::boundingRect(hairs[i].pts), tol);
      for (size_t j = 0; j < count && !along; ++j)
        along = j != i && (box & cv::Rect2f(cv::boundingRect(hairs[j].pts))).area() > 0 &&
                overlap(hairs[j].pts, hairs[i].pts, tol) > 0.3;
      if (along) continue;
    }
    // Each shaft's centre lies a quarter of the band's width off its centre.
    // Their diameters are the image's typical one, not half the band's fit:
    // hairs of one opening overlap as they leave it, and touching shafts
    // differ, so the band is narrower than two shafts (the cylinder fitted
    // to it falls short of their sum); half of it underestimates both.
    const double half_px = s.px(fitted / 2);
    const double centre = measures[i].centre_shift_px;
    HairMeasure m = measures[i];
    m.width_px /= 2;
    m.substituted = 4;
    lay_shafts(i, {centre - 0.5 * half_px, centre + 0.5 * half_px}, m, typical, hairs, measures,
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
  const double typical_um = median(std::move(terminal));  // 0 if none.
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
    measures[i].substituted = 2;
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
    for (int j = 0; j < k; ++j)
      offsets.push_back(m.centre_shift_px + (j - (k - 1) / 2.0) * spacing);
    lay_shafts(i, offsets, m, d, hairs, measures, diameters, exit_end);
    drop.resize(hairs.size(), 0);
  }
  remove_marked(drop, hairs, measures, diameters, exit_end);
}

// What the analysis knows about each hair's diameter (diameter_model.h):
// `before_pull` are the diameters before split_wide_outliers (the shafts
// it appends, of split pairs, have none: they take the band's fit).
std::vector<DiameterEvidence> diameter_evidence(
    const std::vector<TracedHair>& hairs, const std::vector<HairMeasure>& measures,
    const std::vector<double>& before_pull, const std::vector<double>& diameters,
    const std::vector<int>& exit_end, const ImageFit& img, const ContrastMap& c, const Scale& s) {
  std::vector<double> terminal;
  for (double d : before_pull)
    if (d > kMinTerminalUm && std::isfinite(d)) terminal.push_back(d);
  // Too few terminal fits for a typical diameter (as in
  // split_wide_outliers): none, and the model keeps every fit.
  const double typical = terminal.size() >= kMinTerminalHairs ? median(terminal) : 0;
  std::vector<double> deviation;
  for (double d : terminal) deviation.push_back(std::abs(d - typical));
  const double spread = 1.4826 * median(std::move(deviation));
  std::vector<DiameterEvidence> out;
  for (size_t i = 0; i < hairs.size(); ++i) {
    const HairMeasure& m = measures[i];
    const TracedHair& t = hairs[i];
    const int x = exit_end[i];
    const cv::Point2f exit = x ? t.pts.back() : t.pts.front();
    int ends = 0;  // Other traces' ends near the exit: siblings of its opening.
    for (size_t j = 0; j < hairs.size(); ++j)
      if (j != i)
        for (const cv::Point2f& e : {hairs[j].pts.front(), hairs[j].pts.back()})
          ends += cv::norm(e - exit) <= m.width_px + 3;
    std::vector<float> w = m.section_width;
    std::sort(w.begin(), w.end());
    DiameterEvidence e;
    e.final_um = diameters[i];
    e.pre_pull_um = i < before_pull.size() ? before_pull[i] : m.fit_um;
    e.fit_um = m.fit_um;
    e.typical_um = typical;
    e.typical_spread_um = spread;
    e.width_um = m.width_px * s.um;
    e.profile_width_um = m.profile_width_px * s.um;
    e.q10_width_um = w.empty() ? 0 : w[w.size() / 10] * s.um;
    e.q90_width_um = w.empty() ? 0 : w[9 * w.size() / 10] * s.um;
    e.exit_width_um = m.width_end[x] * s.um;
    e.tip_width_um = m.width_end[1 - x] * s.um;
    e.width_spread = width_spread(m);
    e.clear_width_change = m.clear_width_change;
    e.profile_width_change = profile_width_change(m);
    e.fit_residual = m.fit_residual;
    e.contrast = m.contrast;
    e.image_contrast = img.contrast;
    e.samples = m.samples;
    e.length_um = polyline_length(t.pts) * s.um;
    e.edge_rise_px = m.edge_rise_px;
    e.opening = m.opening[x];
    e.ends_at_exit = ends;
    e.exit_shared = t.end[x] == EndKind::kShared;
    e.exit_junction = t.end[x] == EndKind::kJunction;
    e.tip_shared = t.end[1 - x] == EndKind::kShared;
    e.tip_junction = t.end[1 - x] == EndKind::kJunction;
    e.at_border = t.at_border[0] || t.at_border[1];
    e.um_per_px = s.um;
    e.sigma_px = img.sigma;
    e.transmission = img.k;
    e.highlight = img.highlight;
    e.misfit = img.misfit;
    e.noise = c.noise;
    e.shared_pigment = m.fit_kind & 1;
    e.stripe_refit = m.fit_kind & 4;
    e.pale_refit = (m.fit_kind & 3) == 2;
    e.mixed = m.mixed;
    e.substituted = m.substituted;
    if (x == 0) {
      e.shape = cross_shape(t.pts, c.raw, s.um);
    } else {
      const std::vector<cv::Point2f> from_exit(t.pts.rbegin(), t.pts.rend());
      e.shape = cross_shape(from_exit, c.raw, s.um);
    }
    out.push_back(e);
  }
  return out;
}

TraceFacts trace_facts(const TracedHair& t, const HairMeasure& m, int exit_end) {
  TraceFacts f;
  f.width_px = m.width_px;
  f.contrast = m.contrast;
  f.width_exit = m.width_end[exit_end];
  f.width_tip = m.width_end[1 - exit_end];
  f.width_spread = width_spread(m);
  f.opening_exit = m.opening[exit_end];
  f.opening_tip = m.opening[1 - exit_end];
  f.edge_rise_px = m.edge_rise_px;
  f.samples = m.samples;
  f.exit_kind = static_cast<int>(t.end[exit_end]);
  f.tip_kind = static_cast<int>(t.end[1 - exit_end]);
  f.exit_cut = t.at_border[exit_end];
  f.tip_cut = t.at_border[1 - exit_end];
  return f;
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
  if (image.channels() == 1)
    cv::cvtColor(image, bgr, cv::COLOR_GRAY2BGR);
  else if (image.channels() == 4)
    cv::cvtColor(image, bgr, cv::COLOR_BGRA2BGR);
  else
    throw std::invalid_argument(std::string("imaging: ") + what +
                                " has an unsupported channel count");
  return bgr;
}

std::vector<Hair> detect_hairs(const cv::Mat& bgr, const Options& o, ContrastMap* contrast_out,
                               CountInputs* count_inputs) {
  const Scale s{o.um_per_px};
  ContrastMap contrast = compute_contrast(bgr, o.um_per_px);
  cv::Mat framed = segment_framed(contrast, s);
  thin_framed(framed);
  SkelGraph graph = build_skeleton_graph_framed(std::move(framed));
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
  join_fragments(pieces, piece_m, contrast, widest, s.px(kFineHairWidthUm), s.px(kFaintJoinGapUm));
  std::vector<TracedHair> kept, maybe;
  std::vector<HairMeasure> measures, maybe_m;
  double typical_width = 0;  // Median accepted trace width, px.
  for (size_t i = 0; i < pieces.size(); ++i) {
    TracedHair& t = pieces[i];
    HairMeasure& m = piece_m[i];  // Moved on, not copied: not read again.
    if (!plausible(t, m, contrast, o, s)) {
      if (polyline_length(t.pts) >= s.px(kLongShaftUm) &&
          plausible(t, m, contrast, o, s, kLongShaftEdgeRisePx)) {
        maybe.push_back(std::move(t));
        maybe_m.push_back(std::move(m));
      }
      continue;
    }
    kept.push_back(std::move(t));
    measures.push_back(std::move(m));
  }
  if (!maybe.empty() && !measures.empty()) {
    std::vector<double> w;
    for (const HairMeasure& m : measures) w.push_back(m.width_px);
    typical_width = median(std::move(w));
    for (size_t i = 0; i < maybe.size(); ++i) {
      const double width = maybe_m[i].width_px;
      if (width > kTypicalWidths * typical_width)
        maybe[i].shafts =
            std::clamp(static_cast<int>(std::lround(width / typical_width)), 2, kMaxBandShafts);
      kept.push_back(std::move(maybe[i]));
      measures.push_back(std::move(maybe_m[i]));
    }
  }
  cut_at_dips(kept, measures, bgr, contrast, s.px(kMinCutPieceUm), widest);
  drop_duplicates(kept, measures, s.px(kLongShaftUm));
  drop_end_hooks(kept, measures, s.px(kMaxHookUm), s.px(kLongShaftUm));
  drop_pale_hair_openings(kept, measures, bgr, s.px(kLongShaftUm));
  drop_creases(kept, measures, contrast, s);
  const std::vector<HiddenHair> hidden =
      apply_width_steps(find_width_steps(kept, measures, s.px(o.min_hair_length_um)), kept,
                        measures, contrast, s.px(o.min_hair_length_um), widest);
  std::vector<int> exit_end = choose_exit_ends(kept, measures, s.px(kStreamRadiusUm));
  refold_clear_profiles(kept, measures, contrast, widest);
  ImageFit img;
  std::vector<double> diameters = fit_diameters(kept, measures, s, img);
  // A hidden shaft has no cross-section of its own: scale its host's fit
  // (split_wide_outliers gives it the typical diameter, given enough
  // terminal hairs).
  for (const HiddenHair& h : hidden) diameters[h.index] = diameters[h.host] * h.width_ratio;
  split_bands(kept, measures, diameters, exit_end, typical_width);
  const std::vector<double> before_pull = diameters;
  split_wide_outliers(kept, measures, diameters, exit_end, s);
  const std::vector<DiameterEvidence> evidence =
      diameter_evidence(kept, measures, before_pull, diameters, exit_end, img, contrast, s);
  const cv::Rect2d frame = counting_frame(bgr.size(), o);
  std::vector<Hair> hairs;
  for (size_t i = 0; i < kept.size(); ++i) {
    Hair h = make_hair(kept[i], measures[i], exit_end[i], s);
    const DiameterInputs x = diameter_inputs(evidence[i]);
    h.diameter_um = modelled_diameter(x);
    h.diameter_inputs.assign(x.begin(), x.end());
    h.diameter_kind = static_cast<int>(x[0]);
    h.counted = frame.contains(cv::Point2d(h.x, h.y));
    if (h.counted) {
      // The inner piece of a shaft entering from outside: its exit lies
      // beyond the image edge, shown by a trace that continues it or, from a
      // node exit, by the shaft itself running on to the edge.
      auto beyond =
          continuation_out_of_image(h, measures[i].width_px, kept, i, s.px(kMaxContinuationUm));
      if (!beyond && kept[i].end[exit_end[i]] != EndKind::kFree)
        beyond = shaft_runs_to_edge(h, measures[i].contrast, contrast.raw, s.px(kRunOnUm));
      if (beyond) {
        h.x = beyond->x;
        h.y = beyond->y;
        h.counted = false;
      }
    }
    hairs.push_back(std::move(h));
  }
  if (count_inputs) {
    count_inputs->traces.clear();
    for (size_t i = 0; i < kept.size(); ++i)
      count_inputs->traces.push_back(trace_facts(kept[i], measures[i], exit_end[i]));
    count_inputs->image = {o.um_per_px, contrast.noise, frame};
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
