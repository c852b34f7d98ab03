#include "contrast.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace anagen::imaging {
namespace {

constexpr int kShrink = 4;
// The skin estimate must ignore the widest hairs (120 µm) and small tufts,
// so its median window spans several hair widths.
constexpr double kSkinWindowUm = 400.0;

cv::Mat estimate_skin(const cv::Mat& bgr, double um_per_px) {
  cv::Mat small, skin_small, skin;
  cv::resize(bgr, small, cv::Size(), 1.0 / kShrink, 1.0 / kShrink, cv::INTER_AREA);
  int k = static_cast<int>(std::lround(kSkinWindowUm / (kShrink * um_per_px)));
  k = std::clamp(k | 1, 5, 31);
  cv::medianBlur(small, skin_small, k);
  cv::resize(skin_small, skin, bgr.size(), 0, 0, cv::INTER_LINEAR);
  return skin;
}

// Median of an 8-bit image from its histogram.
double median_u8(const cv::Mat& m) {
  int hist[256] = {0};
  for (int y = 0; y < m.rows; ++y) {
    const unsigned char* row = m.ptr<unsigned char>(y);
    for (int x = 0; x < m.cols; ++x) ++hist[row[x]];
  }
  const long half = static_cast<long>(m.total()) / 2;
  long acc = 0;
  for (int v = 0; v < 256; ++v)
    if ((acc += hist[v]) > half) return v;
  return 255;
}

}  // namespace

ContrastMap compute_contrast(const cv::Mat& bgr, double um_per_px) {
  cv::Mat skin = estimate_skin(bgr, um_per_px);
  cv::Mat diff;
  cv::absdiff(bgr, skin, diff);
  ContrastMap out;
  out.raw.create(bgr.size(), CV_8U);
  for (int y = 0; y < diff.rows; ++y) {
    const cv::Vec3b* d = diff.ptr<cv::Vec3b>(y);
    unsigned char* r = out.raw.ptr<unsigned char>(y);
    for (int x = 0; x < diff.cols; ++x) r[x] = std::max({d[x][0], d[x][1], d[x][2]});
  }
  cv::GaussianBlur(out.raw, out.smooth, cv::Size(5, 5), 1.0, 1.0,
                   cv::BORDER_REFLECT);
  out.noise = std::max(1.0, median_u8(out.smooth));
  return out;
}

}  // namespace anagen::imaging
