#include "analysis.h"

#include <stdexcept>

#include "detect.h"

namespace anagen::imaging {

cv::Rect2d counting_frame(cv::Size size, const Options& options) {
  const double m = options.border_margin_um / options.um_per_px;
  return cv::Rect2d(m, m, std::max(0.0, size.width - 2 * m), std::max(0.0, size.height - 2 * m));
}

Analysis analyze(const cv::Mat& image, const Options& options) {
  validate_options(options);
  cv::Mat bgr = as_bgr(image, "image");
  CountInputs count_inputs;
  std::vector<Hair> hairs = detect_hairs(bgr, options, nullptr, &count_inputs);
  count_by_model(hairs, count_inputs);
  return summarize(std::move(hairs), bgr.size(), options);
}

}  // namespace anagen::imaging
