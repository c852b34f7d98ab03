// Scanning 8-bit image rows for their non-zero pixels. Internal to the
// analysis.
#ifndef ANAGEN_IMAGING_ROW_SCAN_H_
#define ANAGEN_IMAGING_ROW_SCAN_H_

#include <cstdint>
#include <cstring>

namespace anagen::imaging {

// Calls f(x) for each x in [from, to) with row[x] != 0, in order, skipping
// empty runs 8 bytes at a time (masks and skeletons are mostly empty).
template <typename F>
void for_each_set(const unsigned char* row, int from, int to, F&& f) {
  int x = from;
  for (; x + 8 <= to; x += 8) {
    std::uint64_t word;
    std::memcpy(&word, row + x, sizeof word);
    if (word == 0) continue;
    for (int k = 0; k < 8; ++k)
      if (row[x + k]) f(x + k);
  }
  for (; x < to; ++x)
    if (row[x]) f(x);
}

}  // namespace anagen::imaging

#endif  // ANAGEN_IMAGING_ROW_SCAN_H_
