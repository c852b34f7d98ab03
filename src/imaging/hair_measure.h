// Sub-pixel shaft width, taper and follicular-opening cues of a traced hair,
// read from the contrast map. Internal to the analysis.
#ifndef ANAGEN_IMAGING_HAIR_MEASURE_H_
#define ANAGEN_IMAGING_HAIR_MEASURE_H_

#include <vector>

#include <opencv2/core.hpp>

#include "contrast.h"
#include "hair_tracer.h"
#include "width_model.h"

namespace anagen::imaging {

struct HairMeasure {
  int samples = 0;          // Clean cross-sections found.
  double width_px = 0;      // Median full width at half contrast.
  double width_end[2] = {0, 0};  // Median width in the quarter at each end.
  double contrast = 0;      // Median peak contrast (8-bit units).
  double opening[2] = {0, 0};  // Contrast around each end beyond the shaft's
                               // own, relative to `contrast`: a follicular
                               // opening shows as a dark ring round the exit.
  double centre_shift_px = 0;  // Median offset of the profile centre.
  // Folded mean of the cross-sections whose half-maximum width is close to
  // the median (crossings and touching neighbours left out).
  HalfProfile profile;
};

// Profiles perpendicular to `hair` every few px; `max_radius_px` bounds the
// widest shaft expected. REQUIRES: hair.pts.size() >= 2.
HairMeasure measure_hair(const TracedHair& hair, const ContrastMap& contrast,
                         double max_radius_px);

// Unit tangent of `pts` at index i (central difference over a few px).
cv::Point2f tangent_at(const std::vector<cv::Point2f>& pts, int i);

}  // namespace anagen::imaging

#endif  // ANAGEN_IMAGING_HAIR_MEASURE_H_
