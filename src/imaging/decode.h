// Decoding of uploaded trichoscopy images, with limits, without exceptions.
#ifndef ANAGEN_IMAGING_DECODE_H_
#define ANAGEN_IMAGING_DECODE_H_

#include <cstdint>
#include <opencv2/core.hpp>
#include <span>
#include <string>
#include <variant>

namespace anagen::imaging {

struct DecodeLimits {
  std::int64_t max_pixels = 40'000'000;  // 40 MP.
  int max_side = 30'000;
  int min_side = 128;  // Smaller is no scalp image, and too small to analyse.
};

// "image/png" or "image/jpeg" from the file's signature; empty for anything else.
std::string image_media_type(std::span<const unsigned char> bytes);

// Decodes PNG or JPEG `bytes` to an 8-bit BGR image. Returns a message
// (lower case, no file name; the caller names the file) instead of an image
// for: no bytes, any other format, a header declaring zero, too few or too
// many pixels, a file cut short (PNG without IEND, JPEG without end-of-image
// marker, truncated headers), data the codec rejects, or JPEG scan data
// that libjpeg reports as damaged (which OpenCV would decode as grey). The header is
// checked before any pixel memory is allocated. Never throws.
std::variant<cv::Mat, std::string> decode_image(std::span<const unsigned char> bytes,
                                                const DecodeLimits& limits = {});

}  // namespace anagen::imaging

#endif  // ANAGEN_IMAGING_DECODE_H_
