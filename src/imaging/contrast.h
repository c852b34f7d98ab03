// Hair contrast map: how far each pixel's colour is from the local skin.
// Internal to the analysis.
#ifndef ANAGEN_IMAGING_CONTRAST_H_
#define ANAGEN_IMAGING_CONTRAST_H_

#include <opencv2/core.hpp>

namespace anagen::imaging {

struct ContrastMap {
  // CV_8U: max over B, G, R of |pixel - local skin|. Polarity-free, so dark,
  // blond and grey hair all stand out; blur-preserving (no smoothing).
  cv::Mat raw;
  cv::Mat smooth;    // CV_8U: raw after a small Gaussian, for segmentation.
  double noise = 1;  // Robust spread of `smooth` over skin, >= 1.
};

// REQUIRES: bgr is a non-empty CV_8UC3 image; um_per_px > 0.
ContrastMap compute_contrast(const cv::Mat& bgr, double um_per_px);

}  // namespace anagen::imaging

#endif  // ANAGEN_IMAGING_CONTRAST_H_
