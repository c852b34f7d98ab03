// A picture of the analysis for a person to check.
#ifndef ANAGEN_IMAGING_OVERLAY_H_
#define ANAGEN_IMAGING_OVERLAY_H_

#include <opencv2/core.hpp>

#include "analysis.h"

namespace anagen::imaging {

// Returns a copy of `image` (8-bit, 1, 3 or 4 channels; converted to BGR)
// with the counting frame, each hair's centreline (counted hairs in green,
// vellus in cyan, hairs outside the frame in grey; with a pair, telogen in
// red), its exit point as a circle, and "number:diameter" beside the exit.
// Numbers are 1-based positions in analysis.hairs.
// REQUIRES: analysis comes from this image (or its first image).
cv::Mat draw_overlay(const cv::Mat& image, const Analysis& analysis, const Options& options);

}  // namespace anagen::imaging

#endif  // ANAGEN_IMAGING_OVERLAY_H_
