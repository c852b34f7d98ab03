#include "thinning.h"

#include <array>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "row_scan.h"

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
// row-major order.
std::vector<int> border_pixels(const cv::Mat& img) {
  std::vector<int> out;
  const int stride = static_cast<int>(img.step[0]);
  const unsigned char* data = img.data;
  for (int y = 1; y < img.rows - 1; ++y) {
    const unsigned char* row = img.ptr<unsigned char>(y);
    for_each_set(row, 1, img.cols - 1, [&](int x) {
      const unsigned char* c = data + y * stride + x;
      if (!(c[-stride - 1] & c[-stride] & c[-stride + 1] & c[-1] & c[1] & c[stride - 1] &
            c[stride] & c[stride + 1]))
        out.push_back(y * stride + x);
    });
  }
  return out;
}

}  // namespace

cv::Mat thin(const cv::Mat& mask) {
  const Lut luts[2] = {make_lut(0), make_lut(1)};
  // One pixel of zero padding so neighbours never leave the buffer. Bit 0:
  // foreground; bits 1 and 2: queued for the first and second sub-pass.
  cv::Mat img(mask.rows + 2, mask.cols + 2, CV_8U, cv::Scalar(0));
  cv::Mat inside = img(cv::Rect(1, 1, mask.cols, mask.rows));
  cv::compare(mask, 0, inside, cv::CMP_NE);
  inside &= 1;
  const int stride = static_cast<int>(img.step[0]);
  unsigned char* data = img.data;
  const int nb[8] = {-stride, -stride + 1, 1, stride + 1, stride, stride - 1, -1, -stride - 1};
  // Only pixels touching the background can ever be deleted, and whether a
  // pixel is deleted in a sub-pass depends only on its 8 neighbours. So each
  // sub-pass needs to look only at the pixels it has not looked at since a
  // neighbour was deleted (the initial border, then the neighbours of
  // deleted pixels): exactly the full-scan result, visiting far fewer pixels.
  std::vector<int> queue[2];
  queue[0] = border_pixels(img);
  queue[1] = queue[0];
  for (int idx : queue[1]) data[idx] |= 2 | 4;
  std::vector<int> doomed;
  for (int idle = 0, pass = 0; idle < 2; pass ^= 1) {
    const unsigned char queued = pass == 0 ? 2 : 4;
    doomed.clear();
    for (int idx : queue[pass]) {
      data[idx] &= static_cast<unsigned char>(~queued);
      if ((data[idx] & 1) && luts[pass][neighbour_code(data + idx, stride)]) doomed.push_back(idx);
    }
    queue[pass].clear();
    for (int idx : doomed) data[idx] = 0;
    idle = doomed.empty() ? idle + 1 : 0;
    for (int idx : doomed)
      for (int k = 0; k < 8; ++k) {
        unsigned char& v = data[idx + nb[k]];
        // Foreground and not yet queued for both sub-passes: queue it.
        if ((v & 7) == 7 || !(v & 1)) continue;
        const unsigned char add = static_cast<unsigned char>(~v & 6);
        v |= add;
        if (add & 2) queue[0].push_back(idx + nb[k]);
        if (add & 4) queue[1].push_back(idx + nb[k]);
      }
  }
  cv::Mat out = img(cv::Rect(1, 1, mask.cols, mask.rows)) & 1;
  return out;
}

}  // namespace anagen::imaging
