// A picture of the analysis for a person to check.
#ifndef ANAGEN_IMAGING_OVERLAY_H_
#define ANAGEN_IMAGING_OVERLAY_H_

#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "analysis.h"

namespace anagen::imaging {

// Returns a copy of `image` (8-bit, 1, 3 or 4 channels; converted to BGR)
// with, over it, the counting frame, each hair's centreline (counted hairs in green,
// vellus in cyan, hairs outside the frame in grey; with a pair, telogen in
// red), its exit point as a circle, "#number diameter" beside each counted
// hair's exit (placed so that labels of one opening do not overlap), and,
// in a dark strip below it (overlay_key: the overlay is that much taller
// than the image), a key to the colours. Numbers are 1-based positions
// among the counted hairs: the report's `hairs` list (to_json).
// REQUIRES: analysis comes from this image (or its first image).
cv::Mat draw_overlay(const cv::Mat& image, const Analysis& analysis, const Options& options);

// The "#number diameter" labels draw_overlay writes on an image of `image`
// size: one per counted hair, in the order of the report's `hairs` list,
// each `box` beside its exit and clear of the boxes before it where any of
// the places tried is free.
struct OverlayLabel {
  std::string text;
  cv::Rect box;
  cv::Size text_size;
  cv::Scalar colour;
};
std::vector<OverlayLabel> overlay_labels(const Analysis& analysis, cv::Size image);
// Where the key sits: the strip below the image.
cv::Rect overlay_key(const Analysis& analysis, cv::Size image);

}  // namespace anagen::imaging

#endif  // ANAGEN_IMAGING_OVERLAY_H_
