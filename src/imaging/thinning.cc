#include "thinning.h"

#include <array>
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

int neighbour_code(const unsigned char* c, int stride) {
  return c[-stride] | c[-stride + 1] << 1 | c[1] << 2 | c[stride + 1] << 3 |
         c[stride] << 4 | c[stride - 1] << 5 | c[-1] << 6 | c[-stride - 1] << 7;
}

}  // namespace

cv::Mat thin(const cv::Mat& mask) {
  static_assert(sizeof(unsigned char) == 1);
  const Lut luts[2] = {make_lut(0), make_lut(1)};
  // One pixel of zero padding so neighbours never leave the buffer.
  cv::Mat img(mask.rows + 2, mask.cols + 2, CV_8U, cv::Scalar(0));
  std::vector<int> live;
  const int stride = static_cast<int>(img.step[0]);
  for (int y = 0; y < mask.rows; ++y) {
    const unsigned char* m = mask.ptr<unsigned char>(y);
    unsigned char* o = img.ptr<unsigned char>(y + 1) + 1;
    for (int x = 0; x < mask.cols; ++x)
      if (m[x]) {
        o[x] = 1;
        live.push_back((y + 1) * stride + x + 1);
      }
  }
  unsigned char* data = img.data;
  std::vector<int> doomed;
  for (bool changed = true; changed;) {
    changed = false;
    for (int pass = 0; pass < 2; ++pass) {
      doomed.clear();
      for (int idx : live)
        if (luts[pass][neighbour_code(data + idx, stride)]) doomed.push_back(idx);
      for (int idx : doomed) data[idx] = 0;
      changed |= !doomed.empty();
      if (!doomed.empty()) {
        std::erase_if(live, [&](int idx) { return data[idx] == 0; });
      }
    }
  }
  return img(cv::Rect(1, 1, mask.cols, mask.rows)).clone();
}

}  // namespace anagen::imaging
