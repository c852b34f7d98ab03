// Hair detection in one image: contrast, segmentation, skeleton, tracing,
// measurement and orientation. Internal to the analysis.
#ifndef ANAGEN_IMAGING_DETECT_H_
#define ANAGEN_IMAGING_DETECT_H_

#include <opencv2/core.hpp>
#include <vector>

#include "analysis.h"
#include "contrast.h"
#include "count_model.h"

namespace anagen::imaging {

// Every hair found in `bgr`, with exit point, path, length and diameter set
// and `counted` by the border rule; vellus and anagen are left unset. If
// `contrast` is not null, the image's contrast map is stored there.
// REQUIRES: bgr non-empty CV_8UC3; options.um_per_px > 0.
// `count_inputs`, if given, receives what count_by_model reads of the
// hairs returned (the count model is the caller's to apply).
std::vector<Hair> detect_hairs(const cv::Mat& bgr, const Options& options,
                               ContrastMap* contrast = nullptr,
                               CountInputs* count_inputs = nullptr);

// Fills the Analysis summary (count, density, ...) from `hairs` of an image
// of `size`, and sets Hair::vellus. REQUIRES: options.um_per_px > 0.
Analysis summarize(std::vector<Hair> hairs, cv::Size size, const Options& options);

// Throws std::invalid_argument unless um_per_px > 0 and border_margin_um >= 0.
void validate_options(const Options& options);

// Converts 1- or 4-channel 8-bit input to BGR; throws std::invalid_argument
// for empty or non-8-bit images. `what` names the image in the message.
cv::Mat as_bgr(const cv::Mat& image, const char* what);

}  // namespace anagen::imaging

#endif  // ANAGEN_IMAGING_DETECT_H_
