#include "contrast.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <opencv2/core/hal/intrin.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace anagen::imaging {
namespace {

constexpr int kShrink = 8;
// The skin estimate must ignore the widest hairs (120 µm) and small tufts,
// so its median window spans several hair widths.
constexpr double kSkinWindowUm = 400.0;

// A block sum of 64 pixels, as OpenCV's INTER_AREA rounds an exact 8x
// shrink: the mean converted by cvRound, i.e. to nearest, ties to even.
inline unsigned char block_mean(int sum) {
  const int q = sum >> 6, r = sum & 63;
  return static_cast<unsigned char>(q + (r > 32 || (r == 32 && (q & 1))));
}

// Adds one image row into the per-channel column sums `acc` (3 planes of
// `cols` each) and, with a hair row, counts its non-hair pixels into `cnt`.
void add_row(const unsigned char* b, const unsigned char* h, int cols, std::uint16_t* acc,
             std::uint16_t* cnt) {
  std::uint16_t* a0 = acc;
  std::uint16_t* a1 = acc + cols;
  std::uint16_t* a2 = acc + 2 * cols;
  int x = 0;
  const cv::v_uint8x16 zero = cv::v_setzero_u8(), one = cv::v_setall_u8(1);
  for (; x + 16 <= cols; x += 16) {
    cv::v_uint8x16 c0, c1, c2;
    cv::v_load_deinterleave(b + 3 * x, c0, c1, c2);
    if (h) {
      const cv::v_uint8x16 m = cv::v_load(h + x) == zero;
      c0 &= m;
      c1 &= m;
      c2 &= m;
      cv::v_uint16x8 lo, hi;
      cv::v_expand(m & one, lo, hi);
      cv::v_store(cnt + x, cv::v_load(cnt + x) + lo);
      cv::v_store(cnt + x + 8, cv::v_load(cnt + x + 8) + hi);
    }
    cv::v_uint16x8 lo, hi;
    cv::v_expand(c0, lo, hi);
    cv::v_store(a0 + x, cv::v_load(a0 + x) + lo);
    cv::v_store(a0 + x + 8, cv::v_load(a0 + x + 8) + hi);
    cv::v_expand(c1, lo, hi);
    cv::v_store(a1 + x, cv::v_load(a1 + x) + lo);
    cv::v_store(a1 + x + 8, cv::v_load(a1 + x + 8) + hi);
    cv::v_expand(c2, lo, hi);
    cv::v_store(a2 + x, cv::v_load(a2 + x) + lo);
    cv::v_store(a2 + x + 8, cv::v_load(a2 + x + 8) + hi);
  }
  for (; x < cols; ++x) {
    const unsigned char m = (h && h[x]) ? 0 : 0xff;
    a0[x] += b[3 * x] & m;
    a1[x] += b[3 * x + 1] & m;
    a2[x] += b[3 * x + 2] & m;
    if (h) cnt[x] += m & 1;
  }
}

// Writes the skin estimate, at full size, into `skin` (CV_8UC3).
void estimate_skin(const cv::Mat& bgr, double um_per_px, cv::Mat& skin) {
  cv::Mat small, skin_small;
  if (bgr.rows % kShrink == 0 && bgr.cols % kShrink == 0)
    shrink8_area(bgr, cv::Mat(), small, nullptr);
  else
    cv::resize(bgr, small, cv::Size(), 1.0 / kShrink, 1.0 / kShrink, cv::INTER_AREA);
  int k = static_cast<int>(std::lround(kSkinWindowUm / (kShrink * um_per_px)));
  k = std::clamp(k | 1, 5, 15);
  cv::medianBlur(small, skin_small, k);
  cv::resize(skin_small, skin, bgr.size(), 0, 0, cv::INTER_LINEAR);
}

// Skin again, as a local mean of the pixels that are not hair (normalised
// convolution at low resolution): where hair covers much of a window, a
// median is pulled towards the hair colour and the skin between shafts
// would then stand out as a "hair" of its own. `hair_mask` (CV_8U, 0 or
// 255) may be overwritten; `skin` (CV_8UC3, the image's size) is the
// scratch buffer and receives the result.
void refine_skin(const cv::Mat& bgr, cv::Mat& hair_mask, double um_per_px, cv::Mat& skin) {
  cv::Mat small, weight, sum, wsum, skin_small;
  if (bgr.rows % kShrink == 0 && bgr.cols % kShrink == 0) {
    shrink8_area(bgr, hair_mask, small, &weight);
  } else {
    // skin_px: the image where not hair, else 0; keep: the complement of
    // the hair mask. One pass, into the buffers at hand.
    cv::Mat& keep = hair_mask;
    cv::Mat& skin_px = skin;
    for (int y = 0; y < bgr.rows; ++y) {
      const unsigned char* b = bgr.ptr<unsigned char>(y);
      unsigned char* k = keep.ptr<unsigned char>(y);
      unsigned char* o = skin_px.ptr<unsigned char>(y);
      for (int x = 0; x < bgr.cols; ++x) {
        const unsigned char m = k[x] ? 0 : 0xff;
        o[3 * x] = b[3 * x] & m;
        o[3 * x + 1] = b[3 * x + 1] & m;
        o[3 * x + 2] = b[3 * x + 2] & m;
        k[x] = m;
      }
    }
    cv::resize(skin_px, small, cv::Size(), 1.0 / kShrink, 1.0 / kShrink, cv::INTER_AREA);
    cv::resize(keep, weight, small.size(), 0, 0, cv::INTER_AREA);
  }
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
}

// max over B, G, R of |bgr - skin|, in one pass, into `out` (CV_8U).
void max_abs_diff(const cv::Mat& bgr, const cv::Mat& skin, cv::Mat& out) {
  out.create(bgr.size(), CV_8U);
  for (int y = 0; y < bgr.rows; ++y) {
    const unsigned char* a = bgr.ptr<unsigned char>(y);
    const unsigned char* b = skin.ptr<unsigned char>(y);
    unsigned char* o = out.ptr<unsigned char>(y);
    int x = 0;
    for (; x + 16 <= bgr.cols; x += 16) {
      cv::v_uint8x16 a0, a1, a2, b0, b1, b2;
      cv::v_load_deinterleave(a + 3 * x, a0, a1, a2);
      cv::v_load_deinterleave(b + 3 * x, b0, b1, b2);
      cv::v_store(o + x, cv::v_max(cv::v_max(cv::v_absdiff(a0, b0), cv::v_absdiff(a1, b1)),
                                   cv::v_absdiff(a2, b2)));
    }
    for (; x < bgr.cols; ++x) {
      const int d0 = std::abs(a[3 * x] - b[3 * x]);
      const int d1 = std::abs(a[3 * x + 1] - b[3 * x + 1]);
      const int d2 = std::abs(a[3 * x + 2] - b[3 * x + 2]);
      o[x] = static_cast<unsigned char>(std::max(std::max(d0, d1), d2));
    }
  }
}

// Median of an 8-bit image from its histogram.
double median_u8(const cv::Mat& m) {
  // Four interleaved histograms, so that runs of equal values do not stall
  // on one counter.
  std::uint32_t hist[4][256] = {};
  for (int y = 0; y < m.rows; ++y) {
    const unsigned char* p = m.ptr<unsigned char>(y);
    int x = 0;
    for (; x + 4 <= m.cols; x += 4) {
      ++hist[0][p[x]];
      ++hist[1][p[x + 1]];
      ++hist[2][p[x + 2]];
      ++hist[3][p[x + 3]];
    }
    for (; x < m.cols; ++x) ++hist[0][p[x]];
  }
  const double half = static_cast<double>(m.total()) / 2;
  double acc = 0;
  for (int v = 0; v < 256; ++v)
    if ((acc += hist[0][v] + hist[1][v] + hist[2][v] + hist[3][v]) > half) return v;
  return 255;
}

}  // namespace

ContrastMap compute_contrast(const cv::Mat& bgr, double um_per_px) {
  ContrastMap out;
  cv::Mat skin;  // Full-size skin estimate; reused by both passes.
  estimate_skin(bgr, um_per_px, skin);
  max_abs_diff(bgr, skin, out.raw);
  cv::GaussianBlur(out.raw, out.smooth, cv::Size(5, 5), 1.0, 1.0, cv::BORDER_REFLECT);
  double noise = std::max(1.0, median_u8(out.smooth));
  cv::Mat hair;
  cv::compare(out.smooth, std::max(6.0, 3 * noise), hair, cv::CMP_GT);
  cv::dilate(hair, hair, cv::Mat());
  refine_skin(bgr, hair, um_per_px, skin);
  max_abs_diff(bgr, skin, out.raw);
  cv::GaussianBlur(out.raw, out.smooth, cv::Size(5, 5), 1.0, 1.0, cv::BORDER_REFLECT);
  out.noise = std::max(1.0, median_u8(out.smooth));
  return out;
}

void shrink8_area(const cv::Mat& bgr, const cv::Mat& hair, cv::Mat& small, cv::Mat* weight) {
  CV_Assert(bgr.type() == CV_8UC3 && bgr.rows % kShrink == 0 && bgr.cols % kShrink == 0);
  const bool masked = !hair.empty();
  const int cols = bgr.cols, out_cols = cols / kShrink;
  small.create(bgr.rows / kShrink, out_cols, CV_8UC3);
  if (masked && weight) weight->create(small.size(), CV_8U);
  // Column sums of one band of 8 rows (at most 8 x 255, so 16 bits).
  std::vector<std::uint16_t> acc(3 * static_cast<size_t>(cols)), cnt(cols);
  for (int by = 0; by < small.rows; ++by) {
    std::fill(acc.begin(), acc.end(), 0);
    std::fill(cnt.begin(), cnt.end(), 0);
    for (int y = by * kShrink; y < (by + 1) * kShrink; ++y)
      add_row(bgr.ptr<unsigned char>(y), masked ? hair.ptr<unsigned char>(y) : nullptr, cols,
              acc.data(), cnt.data());
    unsigned char* o = small.ptr<unsigned char>(by);
    unsigned char* w = masked && weight ? weight->ptr<unsigned char>(by) : nullptr;
    for (int bx = 0; bx < out_cols; ++bx) {
      const int x0 = bx * kShrink;
      for (int c = 0; c < 3; ++c) {
        const std::uint16_t* a = acc.data() + c * static_cast<size_t>(cols) + x0;
        int sum = 0;
        for (int i = 0; i < kShrink; ++i) sum += a[i];
        o[3 * bx + c] = block_mean(sum);
      }
      if (w) {
        int n = 0;
        for (int i = 0; i < kShrink; ++i) n += cnt[x0 + i];
        w[bx] = block_mean(255 * n);
      }
    }
  }
}

}  // namespace anagen::imaging
