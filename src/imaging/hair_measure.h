// Sub-pixel shaft width, taper and follicular-opening cues of a traced hair,
// read from the contrast map. Internal to the analysis.
#ifndef ANAGEN_IMAGING_HAIR_MEASURE_H_
#define ANAGEN_IMAGING_HAIR_MEASURE_H_

#include <algorithm>
#include <cmath>
#include <memory>
#include <opencv2/core.hpp>
#include <vector>

#include "contrast.h"
#include "hair_tracer.h"
#include "width_model.h"

namespace anagen::imaging {

struct TakenSections;  // See hair_measure.cc.

// prof[i] = the bilinear sample of the 8-bit image `data` (rows `step`
// bytes apart) at p + n * (i - half) * kProfileStepPx, for i in [lo, hi]:
// the same float operations as one sample at a time, lane by lane, so the
// same values. Every point must lie in [0, cols - 1.001] x [0, rows -
// 1.001]; `wide` (eight at a time, where the CPU has AVX2) further needs
// them above rows - 2 and rows * step below INT_MAX. Exposed for tests.
void interpolate_along(const unsigned char* data, size_t step, cv::Point2f p, cv::Point2f n,
                       int half, int lo, int hi, float* prof, bool wide);

// A cross-section's `len` samples folded about `centre` (in samples): for
// r = 0, 1, ... while centre -/+ r stay within [0, len - 1], folded[r] =
// the mean of the linearly interpolated samples at centre - r and centre +
// r, less `base`; returns how many. `wide`: four at a time where the CPU
// has AVX2 (the same double operations lane by lane, so the same values).
// REQUIRES: len >= 2. Exposed for tests.
int fold_samples(const float* values, int len, double centre, double base, float* folded,
                 bool wide);

struct HairMeasure {
  int samples = 0;      // Clean cross-sections found.
  double width_px = 0;  // Median full width at half contrast.
  // Width of the sections folded into `profile`: the shaft's own width, a
  // low quantile of the section widths (stretches that run along another
  // hair are wider), ref_width_px if given, or the median width of the
  // sections clear of other traces (fold_clear_sections).
  double profile_width_px = 0;
  double width_end[2] = {0, 0};  // Median width in the quarter at each end.
  double contrast = 0;           // Median peak contrast (8-bit units).
  double opening[2] = {0, 0};    // Contrast on an arc just beyond each end,
                                 // relative to `contrast`: a follicular
                                 // opening shows as a dark ring round the exit.
  double centre_shift_px = 0;    // Median offset of the profile centre.
  // Folded mean of the cross-sections whose half-maximum width is close to
  // profile_width_px (crossings and touching neighbours left out).
  HalfProfile profile;
  // Peak contrast over the steepest slope of `profile`, px: about 2.5 blur
  // sigmas for a shaft's sharp edge, far more for a shadow under the skin.
  double edge_rise_px = 0;
  // Every clean cross-section: index into the trace's points, its
  // half-maximum width and the offset of its centre from the trace (px,
  // positive to the left of the trace's direction).
  std::vector<int> section_at;
  std::vector<float> section_width, section_shift;
  // The cross-sections measure_hair took and the trace they were taken
  // along, so that fold_clear_sections need not sample again the ones it
  // shares with them.
  std::shared_ptr<const TakenSections> taken;
  // Another trace comes near this one and too little of it lies clear of
  // that trace, or its clear stretch is not the shaft's width
  // (fold_clear_sections failed): the profile mixes in the other shaft.
  bool mixed = false;
  // How far the median width of the clear sections strays from the
  // shaft's own width, as a share of it (fold_clear_sections, when it
  // succeeds; 0 otherwise).
  double clear_width_change = 0;
  // A shaft found beside its host where the host's band narrows on one
  // side (apply_width_steps): it has no cross-section of its own.
  bool hidden = false;
  // For the diameter model (diameter_model.h), set by the detection's
  // fit_diameters and the substitutions after it: the fit (µm) and its
  // relative RMS misfit; how it was fitted (0 at its own transmission, 1
  // at the image's shared one, 2 refitted pale as a fine shaft; + 4 on the
  // outer flanks of a striped image); whether the image's typical
  // diameter replaced it (1 hidden shaft, 2 a band's shaft, 3 an outlier,
  // 4 a split pair's shaft).
  double fit_um = 0, fit_residual = 0;
  int fit_kind = 0;
  int substituted = 0;
};

// Profiles perpendicular to `hair` every few px, reaching `reach_px` to
// each side of the centreline (enough for the shaft and some skin). If
// `ref_width_px` > 0, width_px and the profile come from the cross-sections
// near that width instead of the median (a trace that runs along another
// hair for part of its length: only its own stretch measures its shaft).
// REQUIRES: hair.pts.size() >= 2.
HairMeasure measure_hair(const TracedHair& hair, const ContrastMap& contrast, double reach_px,
                         double ref_width_px = 0);

// A trace near `hair`: the points of its centreline near it and its
// shaft's width (px).
struct NearTrace {
  std::vector<cv::Point2f> pts;
  double width_px;
};

// Replaces m.profile and m.profile_width_px, for the diameter fit, by the
// folded mean of `hair`'s cross-sections that no trace in `near` comes
// near; false (m unchanged) if too few are clear. See hair_measure.cc.
bool fold_clear_sections(const TracedHair& hair, const ContrastMap& contrast, double reach_px,
                         const std::vector<NearTrace>& near, double margin_px, HairMeasure& m);

// The shape of a trace's cross-sections out to where a second shaft beside
// it would lie (a sibling of its opening, a touching hair), for the
// diameter model (diameter_model.h): a width and a fit say how wide the
// band is, not whether it is one shaft or two. Sections every 2 px along
// the trace (from the 4th point to the 4th last), each sampled on the
// contrast map every kCrossStepUm to kCrossReachUm either side of the
// centreline and smoothed [1 2 1] / 4 for its widths and humps.
struct CrossShape {
  static constexpr double kCrossStepUm = 5, kCrossReachUm = 150;
  static constexpr int kFolds = 9;
  // The mean of the sections (unsmoothed), folded about the centreline:
  // the mean of both sides at j * 10 µm over the mean section's peak.
  double fold[kFolds] = {};
  // |left - right| / 2 over that peak, at 20 and 40 µm.
  double asymmetry[2] = {};
  double peak = 0;  // The mean section's peak (8-bit contrast).
  // Median half-maximum width (µm) of the sections in each fifth of the
  // trace, the exit's first; 0 for a fifth without one. Read from the
  // highest sample within 30 µm of the centreline down to half its
  // height, so two shafts without a dip to half between them read as one
  // wide band (up to the whole window on a flat map).
  double fifth_width_um[5] = {};
  // Sections with a second hump (a local maximum at least 15 µm from the
  // main one, over 0.3 of its height, with a dip between them deeper than
  // 0.08 of it), as a share of all; the median distance between the humps
  // (µm) and dip (as a share of the main hump) of those.
  double double_share = 0, double_gap_um = 0, double_depth = 0;
};
// `pts` run from the exit. REQUIRES: contrast is CV_8U, um_per_px > 0.
CrossShape cross_shape(const std::vector<cv::Point2f>& pts, const cv::Mat& contrast,
                       double um_per_px);

// How far measure_hair should look to each side of `hair`: enough for its
// own width if known, never more than `widest_px`.
double measure_reach(const TracedHair& hair, double widest_px);

// Median half-maximum width (px) of a skeleton edge's shaft, from a few
// cross-sections away from its ends; 0 if none is clean.
double edge_width(const std::vector<cv::Point>& pts, const ContrastMap& contrast,
                  double max_radius_px);

// Unit direction pointing out of the polyline at its end `end` (0 front,
// 1 back), from the 15 px before the last 3: a trace's last few px may
// hook where the skeleton forks at a blunt end.
cv::Point2f end_direction(const std::vector<cv::Point2f>& pts, int end);

// Where the shaft at one end (0 front, 1 back) of a trace stops and which
// way it points out of that end. A trace that ends at a crossing often turns
// onto the crossing hair for its last few px (a hook), whose direction leads
// off the shaft. So the direction is the line fitted to the trace from 8 to
// 32 px behind the end (fewer on a short trace), and the shaft stops at the
// outermost point of the trace still within 1.5 px of that line.
struct EndRay {
  cv::Point2f start, dir;
};
EndRay end_ray(const std::vector<cv::Point2f>& path, int end);

// `v` scaled to length 1; (0, 0) stays (0, 0).
cv::Point2f unit(cv::Point2f v);

// Unit tangent of `pts` at index i (central difference over a few px).
cv::Point2f tangent_at(const std::vector<cv::Point2f>& pts, int i);

// The pixel of `img` nearest `p` (rounded half away from zero), clamped to
// the image.
inline cv::Point nearest_pixel(const cv::Mat& img, cv::Point2f p) {
  return {std::clamp(static_cast<int>(std::lround(p.x)), 0, img.cols - 1),
          std::clamp(static_cast<int>(std::lround(p.y)), 0, img.rows - 1)};
}

// Sum over B, G, R of the 8-bit colour image at the pixel nearest `p`.
inline int colour_sum(const cv::Mat& bgr, cv::Point2f p) {
  const cv::Vec3b& v = bgr.at<cv::Vec3b>(nearest_pixel(bgr, p));
  return v[0] + v[1] + v[2];
}

// `r` grown by `by` px on every side.
inline cv::Rect2f grown(const cv::Rect2f& r, double by) {
  return cv::Rect2f(r.x - by, r.y - by, r.width + 2 * by, r.height + 2 * by);
}

// Whether `p` lies in `r`, edges included (cv::Rect2f::contains leaves out
// the right and bottom edges).
inline bool inside(const cv::Rect2f& r, cv::Point2f p) {
  return p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height;
}

// The middle value of `v` (the upper one of an even count); 0 if empty.
double median(std::vector<double> v);

}  // namespace anagen::imaging

#endif  // ANAGEN_IMAGING_HAIR_MEASURE_H_
