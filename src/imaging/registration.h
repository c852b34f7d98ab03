// Rigid registration of two shots of the same scalp site. Internal.
#ifndef ANAGEN_IMAGING_REGISTRATION_H_
#define ANAGEN_IMAGING_REGISTRATION_H_

#include <opencv2/core.hpp>
#include <vector>

namespace anagen::imaging {

// Shift (px) that maps `second` onto `first`, from phase correlation of
// downscaled, illumination-flattened images. Rotation is left to
// register_points. REQUIRES: both CV_8UC3, same size.
cv::Point2d coarse_shift(const cv::Mat& first, const cv::Mat& second);

// Rotation and shift mapping second-image px to first-image px, from point
// features that stay put between the shots (hair exits, tips of hairs that
// did not grow). Votes over rotations of up to +-4 degrees about `centre`
// and shifts within `search_px` of `shift`, then least-squares refines on
// the points that agree; tips of growing hairs fall out as outliers.
// Falls back to the voted rotation and shift if fewer than 3 points agree.
struct Registration {
  cv::Matx23d to_first;  // Second-image px to first-image px.
  int agreeing = 0;      // Second-image points within 2 px of a first-image one.
};
Registration register_points(const std::vector<cv::Point2f>& first_pts,
                             const std::vector<cv::Point2f>& second_pts, cv::Point2f centre,
                             cv::Point2d shift, double search_px);

cv::Point2f apply(const cv::Matx23d& m, cv::Point2f p);

}  // namespace anagen::imaging

#endif  // ANAGEN_IMAGING_REGISTRATION_H_
