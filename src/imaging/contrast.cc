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

// max over B, G, R of |bgr - skin| for one row of `cols` pixels.
void max_abs_diff_row(const unsigned char* a, const unsigned char* b, int cols, unsigned char* o) {
  int x = 0;
  // The differences are taken on the interleaved bytes, so that only they
  // (not both images) are deinterleaved.
  alignas(16) unsigned char d[48];
  for (; x + 16 <= cols; x += 16) {
    for (int k = 0; k < 3; ++k)
      cv::v_store_aligned(d + 16 * k, cv::v_absdiff(cv::v_load(a + 3 * x + 16 * k),
                                                    cv::v_load(b + 3 * x + 16 * k)));
    cv::v_uint8x16 d0, d1, d2;
    cv::v_load_deinterleave(d, d0, d1, d2);
    cv::v_store(o + x, cv::v_max(cv::v_max(d0, d1), d2));
  }
  for (; x < cols; ++x) {
    const int d0 = std::abs(a[3 * x] - b[3 * x]);
    const int d1 = std::abs(a[3 * x + 1] - b[3 * x + 1]);
    const int d2 = std::abs(a[3 * x + 2] - b[3 * x + 2]);
    o[x] = static_cast<unsigned char>(std::max(std::max(d0, d1), d2));
  }
}

// max over B, G, R of |bgr - skin|, in one pass, into `out` (CV_8U).
void max_abs_diff(const cv::Mat& bgr, const cv::Mat& skin, cv::Mat& out) {
  out.create(bgr.size(), CV_8U);
  for (int y = 0; y < bgr.rows; ++y)
    max_abs_diff_row(bgr.ptr<unsigned char>(y), skin.ptr<unsigned char>(y), bgr.cols,
                     out.ptr<unsigned char>(y));
}

// cv::resize INTER_LINEAR on 8-bit images in fixed point (2048 = 1), for
// an exact 8x enlargement: output pixel d of a row lies at source position
// (d + 0.5) / 8 - 0.5, so its weight on the right neighbour depends only on
// d % 8. Unclamped: src may be -1 or the last pixel.
constexpr int kOne = 2048;
struct Tap {
  int src;    // Left (upper) source pixel.
  int right;  // Weight of src + 1, out of kOne.
};
inline Tap tap8(int d) {
  const int k = d >> 3, j = d & 7;
  return j < 4 ? Tap{k - 1, 1152 + 256 * j} : Tap{k, 128 + 256 * (j - 4)};
}

// One small row (3 channels) enlarged 8x along x, in fixed point, as
// cv::resize's horizontal pass (exact integers): the 4 outputs at each end
// take the edge pixel alone (OpenCV clamps x weights), and the 8 between
// source pixels k and k + 1 blend them with weights 128, 384, ..., 1920.
// Stored already shifted right by 4 as the vertical pass uses them: every
// weight is a multiple of 128, so the sums are multiples of 16 and fit 16
// bits exactly once shifted.
void hrow8(const unsigned char* s, int w, short* out) {
  constexpr int kOne16 = kOne >> 4;
  for (int d = 0; d < 4; ++d)
    for (int c = 0; c < 3; ++c) {
      out[3 * d + c] = static_cast<short>(s[c] * kOne16);
      out[3 * (8 * w - 4 + d) + c] = static_cast<short>(s[3 * (w - 1) + c] * kOne16);
    }
  // The right weights (128 + 256 j) >> 4 of the 8 outputs, one per lane;
  // each channel's 8 outputs p[c] * (kOne16 - right) + p[3 + c] * right
  // are taken as p[c] * kOne16 + (p[3 + c] - p[c]) * right (the same
  // integers, all within 16 bits) in one vector, then interleaved.
  const cv::v_int16x8 right(8, 24, 40, 56, 72, 88, 104, 120);
  for (int k = 0; k + 1 < w; ++k) {
    const unsigned char* p = s + 3 * k;
    cv::v_int16x8 v[3];
    for (int c = 0; c < 3; ++c)
      v[c] = cv::v_setall_s16(static_cast<short>(p[c] * kOne16)) +
             cv::v_setall_s16(static_cast<short>(p[3 + c] - p[c])) * right;
    cv::v_store_interleave(out + 3 * (8 * k + 4), v[0], v[1], v[2]);
  }
}

// cv::resize's vertical pass on two horizontal rows: OpenCV (4.x, 128-bit
// universal intrinsics) blends in 16-bit fixed point, 8 or 16 elements at a
// time, which rounds differently from exact 32-bit sums; a row of 8 or more
// pixels has a multiple of 8 elements, so all of it goes that way.
void vrow8(const short* s0, const short* s1, int b1, int n, unsigned char* out) {
  const int b0 = kOne - b1;
  const cv::v_int16x8 vb0 = cv::v_setall_s16(static_cast<short>(b0));
  const cv::v_int16x8 vb1 = cv::v_setall_s16(static_cast<short>(b1));
  int x = 0;
  for (; x + 8 <= n; x += 8) {
    const cv::v_int16x8 a = cv::v_load(s0 + x), b = cv::v_load(s1 + x);
    cv::v_rshr_pack_u_store<2>(out + x, cv::v_mul_hi(a, vb0) + cv::v_mul_hi(b, vb1));
  }
  for (; x < n; ++x) {  // Not reached for whole pixels; the same arithmetic.
    const int v = ((s0[x] * b0) >> 16) + ((s1[x] * b1) >> 16);
    out[x] = cv::saturate_cast<unsigned char>((v + 2) >> 2);
  }
}

// The image shrunk 1/8 (cv::resize INTER_AREA) into `small`; with a
// `hair_mask` (CV_8U, 0 or 255; it may be overwritten), hair pixels count
// as 0 and `weight` receives the shrunk share of non-hair pixels (255 =
// all). Sizes that are multiples of 8 take one pass over the image
// (shrink8_area); others build the masked image and resize it.
void shrink_skin(const cv::Mat& bgr, cv::Mat& hair_mask, cv::Mat& small, cv::Mat& weight) {
  if (bgr.rows % kShrink == 0 && bgr.cols % kShrink == 0) {
    shrink8_area(bgr, hair_mask, small, &weight);
    return;
  }
  if (hair_mask.empty()) {
    cv::resize(bgr, small, cv::Size(), 1.0 / kShrink, 1.0 / kShrink, cv::INTER_AREA);
    return;
  }
  // skin_px: the image where not hair, else 0; keep: the complement of the
  // hair mask, into the mask's buffer.
  cv::Mat& keep = hair_mask;
  cv::Mat skin_px(bgr.size(), CV_8UC3);
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

// Writes the skin estimate, at 1/8 size, into `skin_small` (CV_8UC3).
void estimate_skin(const cv::Mat& bgr, double um_per_px, cv::Mat& skin_small) {
  cv::Mat small, no_mask, no_weight;
  shrink_skin(bgr, no_mask, small, no_weight);
  int k = static_cast<int>(std::lround(kSkinWindowUm / (kShrink * um_per_px)));
  k = std::clamp(k | 1, 5, 15);
  cv::medianBlur(small, skin_small, k);
}

// Skin again, as a local mean of the pixels that are not hair (normalised
// convolution at low resolution): where hair covers much of a window, a
// median is pulled towards the hair colour and the skin between shafts
// would then stand out as a "hair" of its own. `hair_mask` (CV_8U, 0 or
// 255) may be overwritten; the result, at 1/8 size, goes to `skin_small`.
void refine_skin(const cv::Mat& bgr, cv::Mat& hair_mask, double um_per_px, cv::Mat& skin_small) {
  cv::Mat small, weight, sum, wsum;
  shrink_skin(bgr, hair_mask, small, weight);
  small.convertTo(sum, CV_32FC3);
  weight.convertTo(wsum, CV_32F, 1.0 / 255);
  const double sigma = std::max(1.0, 0.5 * kSkinWindowUm / (kShrink * um_per_px));
  cv::GaussianBlur(sum, sum, cv::Size(0, 0), sigma);
  cv::GaussianBlur(wsum, wsum, cv::Size(0, 0), sigma);
  cv::Mat w3;
  cv::merge(std::vector<cv::Mat>{wsum, wsum, wsum}, w3);
  cv::divide(sum, cv::max(w3, 1e-3), skin_small);
  skin_small.convertTo(skin_small, CV_8UC3);
}

// max over B, G, R of |bgr - skin| into `raw`, with the skin estimate
// enlarged to full size as cv::resize INTER_LINEAR does; an exact 8x
// enlargement is fused with the difference, one row at a time, so the
// full-size skin is never stored.
void skin_contrast(const cv::Mat& bgr, const cv::Mat& skin_small, cv::Mat& raw) {
  if (bgr.cols == kShrink * skin_small.cols && bgr.rows == kShrink * skin_small.rows) {
    max_abs_diff_upscaled8(bgr, skin_small, raw);
    return;
  }
  cv::Mat skin;
  cv::resize(skin_small, skin, bgr.size(), 0, 0, cv::INTER_LINEAR);
  max_abs_diff(bgr, skin, raw);
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
  cv::Mat skin_small;  // The skin estimate at 1/8 size.
  estimate_skin(bgr, um_per_px, skin_small);
  skin_contrast(bgr, skin_small, out.raw);
  cv::GaussianBlur(out.raw, out.smooth, cv::Size(5, 5), 1.0, 1.0, cv::BORDER_REFLECT);
  double noise = std::max(1.0, median_u8(out.smooth));
  // The hair mask goes into the first contrast's buffer, which is not read
  // again before the refined skin's contrast replaces it.
  cv::Mat& hair = out.raw;
  cv::compare(out.smooth, std::max(6.0, 3 * noise), hair, cv::CMP_GT);
  cv::dilate(hair, hair, cv::Mat());
  refine_skin(bgr, hair, um_per_px, skin_small);
  skin_contrast(bgr, skin_small, out.raw);
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

void max_abs_diff_upscaled8(const cv::Mat& bgr, const cv::Mat& skin_small, cv::Mat& out) {
  CV_Assert(bgr.type() == CV_8UC3 && skin_small.type() == CV_8UC3 &&
            bgr.cols == 8 * skin_small.cols && bgr.rows == 8 * skin_small.rows);
  const int w = skin_small.cols, n = 3 * bgr.cols;
  out.create(bgr.size(), CV_8U);
  // The horizontal passes of the two source rows in use, kept while the
  // output rows move between them; one row of skin at a time.
  std::vector<short> h0(n), h1(n);
  std::vector<unsigned char> skin_row(n);
  int row0 = -1, row1 = -1;
  for (int y = 0; y < bgr.rows; ++y) {
    // Along y, unlike x, OpenCV keeps the weights past the ends and clamps
    // only the rows, so the end rows blend a row with itself (which its
    // 16-bit arithmetic does not always return unchanged).
    Tap t = tap8(y);
    const int want1 = std::clamp(t.src + 1, 0, skin_small.rows - 1);
    t.src = std::clamp(t.src, 0, skin_small.rows - 1);
    if (row0 != t.src) {
      if (row1 == t.src) {
        std::swap(h0, h1);
        std::swap(row0, row1);
      } else {
        hrow8(skin_small.ptr<unsigned char>(t.src), w, h0.data());
        row0 = t.src;
      }
    }
    if (row1 != want1) {
      hrow8(skin_small.ptr<unsigned char>(want1), w, h1.data());
      row1 = want1;
    }
    vrow8(h0.data(), h1.data(), t.right, n, skin_row.data());
    max_abs_diff_row(bgr.ptr<unsigned char>(y), skin_row.data(), bgr.cols,
                     out.ptr<unsigned char>(y));
  }
}

void above_half_peak(const cv::Mat& smooth, const cv::Mat& local_peak, double floor,
                     cv::Mat& mask) {
  CV_Assert(smooth.type() == CV_8U && local_peak.type() == CV_8U &&
            smooth.size() == local_peak.size());
  mask.create(smooth.size(), CV_8U);
  const unsigned char level_floor = cv::saturate_cast<unsigned char>(floor);
  const cv::v_uint8x16 vfloor = cv::v_setall_u8(level_floor);
  const cv::v_uint16x8 one = cv::v_setall_u16(1);
  // Half of v to the nearest integer, ties to even: (v + (v / 2 & 1)) / 2.
  auto half = [&](cv::v_uint16x8 v) { return (v + ((v >> 1) & one)) >> 1; };
  for (int y = 0; y < smooth.rows; ++y) {
    const unsigned char* s = smooth.ptr<unsigned char>(y);
    const unsigned char* p = local_peak.ptr<unsigned char>(y);
    unsigned char* m = mask.ptr<unsigned char>(y);
    int x = 0;
    for (; x + 16 <= smooth.cols; x += 16) {
      cv::v_uint16x8 lo, hi;
      cv::v_expand(cv::v_load(p + x), lo, hi);
      const cv::v_uint8x16 level = cv::v_max(cv::v_pack(half(lo), half(hi)), vfloor);
      cv::v_store(m + x, cv::v_load(s + x) > level);
    }
    for (; x < smooth.cols; ++x) {
      const int level = std::max<int>((p[x] + (p[x] >> 1 & 1)) >> 1, level_floor);
      m[x] = s[x] > level ? 255 : 0;
    }
  }
}

}  // namespace anagen::imaging
