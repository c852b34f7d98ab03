#include "thinning.h"

#include <array>
#include <bit>
#include <memory>
#include <opencv2/core/hal/intrin.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace anagen::imaging {
namespace {

// Neighbour bits: P2 (north) = bit 0, then clockwise P3..P9 = bits 1..7.
using Lut = std::array<unsigned char, 256>;

Lut make_lut(int pass) {
  Lut lut{};
  for (int code = 0; code < 256; ++code) {
    int p[8];
    for (int i = 0; i < 8; ++i) p[i] = (code >> i) & 1;
    int b = 0, a = 0;
    for (int i = 0; i < 8; ++i) {
      b += p[i];
      a += (p[i] == 0 && p[(i + 1) % 8] == 1);
    }
    // p[0]=P2 (N), p[2]=P4 (E), p[4]=P6 (S), p[6]=P8 (W).
    bool c = pass == 0 ? (p[0] * p[2] * p[4] == 0 && p[2] * p[4] * p[6] == 0)
                       : (p[0] * p[2] * p[6] == 0 && p[0] * p[4] * p[6] == 0);
    lut[code] = (b >= 2 && b <= 6 && a == 1 && c) ? 1 : 0;
  }
  return lut;
}

// Which of the 8 neighbours are foreground (bit 0), P2 first.
inline int neighbour_code(const unsigned char* c, int stride) {
  return (c[-stride] & 1) | (c[-stride + 1] & 1) << 1 | (c[1] & 1) << 2 | (c[stride + 1] & 1) << 3 |
         (c[stride] & 1) << 4 | (c[stride - 1] & 1) << 5 | (c[-1] & 1) << 6 |
         (c[-stride - 1] & 1) << 7;
}

// Offsets in the padded image `img` (0/1) of the foreground pixels that
// have a background neighbour (the foreground minus its 3x3 erosion), in
// row-major order, into `out`; returns how many foreground pixels there are.
// Sixteen pixels at a time: a hair mask is about a tenth foreground, in
// shafts a few pixels wide, so testing pixel by pixel cost more than the
// thinning's own queue work.
size_t border_pixels(const cv::Mat& img, std::vector<int>& out) {
  size_t foreground = 0;
  const int stride = static_cast<int>(img.step[0]);
  const cv::v_uint8x16 zero = cv::v_setzero_u8();
  for (int y = 1; y < img.rows - 1; ++y) {
    const unsigned char* row = img.ptr<unsigned char>(y);
    auto test = [&](int x) {  // The 16 pixels from x on.
      const unsigned char* c = row + x;
      const unsigned fg = static_cast<unsigned>(cv::v_signmask(cv::v_load(c) != zero));
      if (!fg) return;
      foreground += std::popcount(fg);
      cv::v_uint8x16 inner = cv::v_load(c - stride - 1) & cv::v_load(c - stride) &
                             cv::v_load(c - stride + 1) & cv::v_load(c - 1) & cv::v_load(c + 1) &
                             cv::v_load(c + stride - 1) & cv::v_load(c + stride) &
                             cv::v_load(c + stride + 1);
      for (unsigned b = fg & static_cast<unsigned>(cv::v_signmask(inner == zero)); b; b &= b - 1)
        out.push_back(y * stride + x + std::countr_zero(b));
    };
    const int last = img.cols - 1;  // One past the last inner pixel.
    int x = 1;
    for (; x + 16 <= last; x += 16) test(x);
    for (; x < last; ++x) {
      const unsigned char* c = row + x;
      if (!*c) continue;
      ++foreground;
      if (!(c[-stride - 1] & c[-stride] & c[-stride + 1] & c[-1] & c[1] & c[stride - 1] &
            c[stride] & c[stride + 1]))
        out.push_back(y * stride + x);
    }
  }
  return foreground;
}

}  // namespace

cv::Mat thin(const cv::Mat& mask) {
  CV_Assert(mask.type() == CV_8U);  // else copyTo would reallocate `inside`
  // One pixel of zero padding so neighbours never leave the buffer.
  cv::Mat img(mask.rows + 2, mask.cols + 2, CV_8U, cv::Scalar(0));
  cv::Mat inside = img(cv::Rect(1, 1, mask.cols, mask.rows));
  mask.copyTo(inside);  // In place: `inside` keeps its buffer.
  thin_framed(img);
  return inside;
}

void thin_framed(cv::Mat& img) {
  CV_Assert(img.type() == CV_8U && img.rows >= 2 && img.cols >= 2);
  // The frame must be background: the queues are sized for inner pixels
  // and neighbours are read without bounds checks.
  img.row(0).setTo(0);
  img.row(img.rows - 1).setTo(0);
  img.col(0).setTo(0);
  img.col(img.cols - 1).setTo(0);
  const Lut luts[2] = {make_lut(0), make_lut(1)};
  // Bit 0: foreground; bits 1 and 2: queued for the first and second
  // sub-pass.
  cv::min(img, 1, img);
  const int stride = static_cast<int>(img.step[0]);
  unsigned char* data = img.data;
  const int nb[8] = {-stride, -stride + 1, 1, stride + 1, stride, stride - 1, -1, -stride - 1};
  // Only pixels touching the background can ever be deleted, and whether a
  // pixel is deleted in a sub-pass depends only on its 8 neighbours. So each
  // sub-pass needs to look only at the pixels it has not looked at since a
  // neighbour was deleted (the initial border, then the neighbours of
  // deleted pixels): exactly the full-scan result, visiting far fewer pixels.
  // A pixel is in a sub-pass's queue at most once (its queued bit), and
  // only foreground pixels are queued, so a queue never holds more than the
  // foreground: the queues are written without bounds checks or branches
  // (whether a pixel is deleted, or a neighbour queued, is a coin toss on a
  // shaft's border, which a branch mispredicts about half the time).
  std::vector<int> border;
  const size_t capacity = border_pixels(img, border) + 1;
  // Uninitialised: only the part in use is ever written (and so touched).
  std::unique_ptr<int[]> queue[2] = {std::make_unique_for_overwrite<int[]>(capacity),
                                     std::make_unique_for_overwrite<int[]>(capacity)};
  const std::unique_ptr<int[]> doomed = std::make_unique_for_overwrite<int[]>(capacity);
  size_t queued_count[2] = {border.size(), border.size()};
  std::copy(border.begin(), border.end(), queue[0].get());
  std::copy(border.begin(), border.end(), queue[1].get());
  for (int idx : border) data[idx] |= 2 | 4;
  for (int idle = 0, pass = 0; idle < 2; pass ^= 1) {
    const unsigned char queued = pass == 0 ? 2 : 4;
    const Lut& lut = luts[pass];
    size_t n_doomed = 0;
    for (size_t i = 0; i < queued_count[pass]; ++i) {
      const int idx = queue[pass][i];
      data[idx] &= static_cast<unsigned char>(~queued);
      doomed[n_doomed] = idx;
      n_doomed += data[idx] & lut[neighbour_code(data + idx, stride)];
    }
    queued_count[pass] = 0;
    for (size_t i = 0; i < n_doomed; ++i) data[doomed[i]] = 0;
    idle = n_doomed == 0 ? idle + 1 : 0;
    int* q0 = queue[0].get();
    int* q1 = queue[1].get();
    size_t n0 = queued_count[0], n1 = queued_count[1];
    for (size_t i = 0; i < n_doomed; ++i)
      for (int k = 0; k < 8; ++k) {
        const int at = doomed[i] + nb[k];
        unsigned char& v = data[at];
        // Foreground and not yet queued for both sub-passes: queue it.
        const unsigned char add = static_cast<unsigned char>(~v & 6 & -(v & 1));
        v |= add;
        q0[n0] = at;
        n0 += (add >> 1) & 1;
        q1[n1] = at;
        n1 += (add >> 2) & 1;
      }
    queued_count[0] = n0;
    queued_count[1] = n1;
  }
  // Every queued bit is clear again (both queues were worked through after
  // the last deletion): the image is the 0/1 skeleton as it is.
}

}  // namespace anagen::imaging
