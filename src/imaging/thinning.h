// One-pixel-wide skeleton of a binary mask. Internal to the analysis.
#ifndef ANAGEN_IMAGING_THINNING_H_
#define ANAGEN_IMAGING_THINNING_H_

#include <opencv2/core.hpp>

namespace anagen::imaging {

// Zhang-Suen thinning of `mask` (CV_8U, non-zero = foreground) into a CV_8U
// 0/1 image of the same size. Same result as cv::ximgproc::thinning
// (THINNING_ZHANGSUEN) wherever the mask's outermost pixels are background
// (OpenCV never thins those; here they thin like any other), but visits only
// foreground pixels: about 100 times faster on sparse hair masks (measured
// 380 ms for OpenCV's on a 1.2 MP mask on the reference machine).
cv::Mat thin(const cv::Mat& mask);

// thin() in place on a mask inside a frame of background: `framed` (CV_8U,
// non-zero = foreground, its outermost rows and columns 0) becomes the 0/1
// skeleton framed the same way, without a padded copy of the mask.
void thin_framed(cv::Mat& framed);

}  // namespace anagen::imaging

#endif  // ANAGEN_IMAGING_THINNING_H_
