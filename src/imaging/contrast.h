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

// The skin estimate's 8x shrink, exposed for tests: `small` (CV_8UC3) is
// cv::resize(bgr where hair == 0 else 0, 1/8, INTER_AREA) and `weight`
// (CV_8U) that of (hair == 0 ? 255 : 0), bit for bit, without either
// full-size image. `hair` (CV_8U) may be empty (no hair; `weight` is then
// not written). REQUIRES: bgr is CV_8UC3 with rows and cols multiples of 8.
void shrink8_area(const cv::Mat& bgr, const cv::Mat& hair, cv::Mat& small, cv::Mat* weight);

// max over B, G, R of |bgr - skin| (CV_8U), where skin is
// cv::resize(skin_small, bgr.size(), INTER_LINEAR) bit for bit, one row at a
// time; exposed for tests. REQUIRES: bgr and skin_small are CV_8UC3, bgr
// exactly 8 times skin_small's size.
void max_abs_diff_upscaled8(const cv::Mat& bgr, const cv::Mat& skin_small, cv::Mat& out);

// mask (CV_8U, 255 or 0) = smooth > max(local_peak / 2, floor), rounded as
// cv::compare(smooth, cv::max(local_peak * 0.5, floor), mask, cv::CMP_GT)
// rounds (half the peak and the floor to the nearest 8-bit value, ties to
// even), bit for bit, in one pass and without the level image; exposed for
// tests. `mask` may be `local_peak` itself (each pixel is read before it is
// written). REQUIRES: smooth and local_peak are CV_8U of one size.
void above_half_peak(const cv::Mat& smooth, const cv::Mat& local_peak, double floor, cv::Mat& mask);

}  // namespace anagen::imaging

#endif  // ANAGEN_IMAGING_CONTRAST_H_
