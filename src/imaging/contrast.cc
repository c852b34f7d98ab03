#include "contrast.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace anagen::imaging {
namespace {

constexpr int kShrink = 8;
// The skin estimate must ignore the widest hairs (120 µm) and small tufts,
// so its median window spans several hair widths.
constexpr double kSkinWindowUm = 400.0;

cv::Mat estimate_skin(const cv::Mat& bgr, double um_per_px) {
  cv::Mat small, skin_small, skin;
  cv::resize(bgr, small, cv::Size(), 1.0 / kShrink, 1.0 / kShrink, cv::INTER_AREA);
  int k = static_cast<int>(std::lround(kSkinWindowUm / (kShrink * um_per_px)));
  k = std::clamp(k | 1, 5, 15);
  cv::medianBlur(small, skin_small, k);
  cv::resize(skin_small, skin, bgr.size(), 0, 0, cv::INTER_LINEAR);
  return skin;
}

// Skin again, as a local mean of the pixels that are not hair (normalised
// convolution at low resolution): where hair covers much of a window, a
// median is pulled towards the hair colour and the skin between shafts
// would then stand out as a "hair" of its own.
cv::Mat refine_skin(const cv::Mat& bgr, const cv::Mat& hair_mask, double um_per_px) {
  cv::Mat keep, small, weight, sum, wsum, skin_small, skin;
  cv::Mat skin_px;
  cv::bitwise_not(hair_mask, keep);
  bgr.copyTo(skin_px, keep);
  cv::resize(skin_px, small, cv::Size(), 1.0 / kShrink, 1.0 / kShrink, cv::INTER_AREA);
  cv::resize(keep, weight, small.size(), 0, 0, cv::INTER_AREA);
  small.convertTo(sum, CV_32FC3);
  weight.convertTo(wsum, CV_32F, 1.0 / 255);
  const double sigma = std::max(1.0, 0.5 * kSkinWindowUm / (kShrink * um_per_px));
  cv::GaussianBlur(sum, sum, cv::Size(0, 0), sigma);
  cv::GaussianBlur(wsum, wsum, cv::Size(0, 0), sigma);
  cv::Mat w3;
  cv::merge(std::vector<cv::Mat>{wsum, wsum, wsum}, w3);
  cv::divide(sum, cv::max(w3, 1e-3), skin_small);
  skin_small.convertTo(skin_small, CV_8UC3);
  cv::resize(skin_small, skin, bgr.size(), 0, 0, cv::INTER_LINEAR);
  return skin;
}

cv::Mat max_abs_diff(const cv::Mat& bgr, const cv::Mat& skin) {
  cv::Mat diff, out;
  cv::absdiff(bgr, skin, diff);
  cv::Mat ch[3];
  cv::split(diff, ch);
  cv::max(ch[0], ch[1], out);
  cv::max(out, ch[2], out);
  return out;
}

// Median of an 8-bit image from its histogram.
double median_u8(const cv::Mat& m) {
  cv::Mat hist;
  const int channels[] = {0}, bins[] = {256};
  const float range[] = {0, 256};
  const float* ranges[] = {range};
  cv::calcHist(&m, 1, channels, cv::Mat(), hist, 1, bins, ranges);
  const double half = static_cast<double>(m.total()) / 2;
  double acc = 0;
  for (int v = 0; v < 256; ++v)
    if ((acc += hist.at<float>(v)) > half) return v;
  return 255;
}

}  // namespace

ContrastMap compute_contrast(const cv::Mat& bgr, double um_per_px) {
  ContrastMap out;
  out.raw = max_abs_diff(bgr, estimate_skin(bgr, um_per_px));
  cv::GaussianBlur(out.raw, out.smooth, cv::Size(5, 5), 1.0, 1.0, cv::BORDER_REFLECT);
  double noise = std::max(1.0, median_u8(out.smooth));
  cv::Mat hair;
  cv::compare(out.smooth, std::max(6.0, 3 * noise), hair, cv::CMP_GT);
  cv::dilate(hair, hair, cv::Mat());
  out.raw = max_abs_diff(bgr, refine_skin(bgr, hair, um_per_px));
  cv::GaussianBlur(out.raw, out.smooth, cv::Size(5, 5), 1.0, 1.0, cv::BORDER_REFLECT);
  out.noise = std::max(1.0, median_u8(out.smooth));
  return out;
}

}  // namespace anagen::imaging
