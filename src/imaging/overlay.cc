#include "overlay.h"

#include <cmath>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "detect.h"

namespace anagen::imaging {
namespace {

cv::Scalar colour_of(const Hair& h) {
  if (!h.counted) return {150, 150, 150};
  if (h.anagen.has_value() && !*h.anagen) return {40, 40, 230};
  if (h.vellus) return {230, 220, 40};
  return {60, 220, 60};
}

}  // namespace

cv::Mat draw_overlay(const cv::Mat& image, const Analysis& analysis, const Options& options) {
  cv::Mat out = as_bgr(image, "overlay image").clone();
  const cv::Rect2d f = counting_frame(out.size(), options);
  cv::rectangle(out, cv::Point(f.x, f.y), cv::Point(f.x + f.width, f.y + f.height), {255, 255, 255},
                1);
  const double font = std::max(0.35, out.cols / 3000.0);
  for (size_t i = 0; i < analysis.hairs.size(); ++i) {
    const Hair& h = analysis.hairs[i];
    const cv::Scalar c = colour_of(h);
    std::vector<cv::Point> pts;
    for (const auto& p : h.path) pts.emplace_back(std::lround(p.x), std::lround(p.y));
    cv::polylines(out, pts, false, c, 1, cv::LINE_AA);
    cv::Point exit(std::lround(h.x), std::lround(h.y));
    cv::circle(out, exit, 4, c, 1, cv::LINE_AA);
    std::string label = std::to_string(i + 1) + ":" + std::to_string(std::lround(h.diameter_um));
    cv::putText(out, label, exit + cv::Point(5, -4), cv::FONT_HERSHEY_SIMPLEX, font, c, 1,
                cv::LINE_AA);
  }
  return out;
}

}  // namespace anagen::imaging
