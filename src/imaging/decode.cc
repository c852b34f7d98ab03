#include "decode.h"

#include <algorithm>
#include <array>
#include <csetjmp>
#include <cstdio>
#include <exception>
#include <opencv2/imgcodecs.hpp>
#include <optional>
#include <vector>

// jpeglib.h needs FILE and size_t declared first.
#include <jerror.h>
#include <jpeglib.h>

namespace anagen::imaging {
namespace {

constexpr std::array<unsigned char, 8> kPngMagic = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

std::uint32_t be32(const unsigned char* p) {
  return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}
int be16(const unsigned char* p) { return p[0] << 8 | p[1]; }

struct Header {
  std::int64_t width = 0, height = 0;
};
using Checked = std::variant<Header, std::string>;

// Walks the PNG chunks: IHDR first, every chunk complete, IEND at the end.
Checked check_png(std::span<const unsigned char> b) {
  if (b.size() < 8 + 8 + 13 + 4) return std::string("truncated PNG header");
  if (be32(&b[8]) != 13 || !std::equal(b.begin() + 12, b.begin() + 16, "IHDR"))
    return std::string("PNG does not start with an IHDR chunk");
  Header h{be32(&b[16]), be32(&b[20])};
  size_t pos = 8;
  while (true) {
    if (pos + 12 > b.size()) return std::string("truncated PNG (no IEND chunk)");
    std::uint64_t len = be32(&b[pos]);
    if (len > b.size() - pos - 12) return std::string("truncated PNG (chunk runs past the end)");
    if (std::equal(b.begin() + pos + 4, b.begin() + pos + 8, "IEND")) return h;
    pos += 12 + len;
  }
}

bool is_sof(int marker) {
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

// Walks the JPEG segments to the frame header, then requires an
// end-of-image marker after the scan data.
Checked check_jpeg(std::span<const unsigned char> b) {
  size_t pos = 2;
  std::optional<Header> h;
  while (!h) {
    while (pos < b.size() && b[pos] == 0xFF && pos + 1 < b.size() && b[pos + 1] == 0xFF) ++pos;
    if (pos + 4 > b.size()) return std::string("truncated JPEG header");
    if (b[pos] != 0xFF) return std::string("corrupt JPEG header");
    const int marker = b[pos + 1];
    const size_t len = be16(&b[pos + 2]);
    if (len < 2 || pos + 2 + len > b.size()) return std::string("truncated JPEG header");
    if (is_sof(marker)) {
      if (len < 7) return std::string("corrupt JPEG frame header");
      h = Header{be16(&b[pos + 7]), be16(&b[pos + 5])};
    } else if (marker == 0xDA || marker == 0xD9) {
      return std::string("JPEG has no frame header");
    }
    pos += 2 + len;
  }
  for (size_t i = b.size() - 1; i > pos; --i)
    if (b[i] == 0xD9 && b[i - 1] == 0xFF) return *h;
  return std::string("truncated JPEG (no end-of-image marker)");
}

// libjpeg's error handler: a fatal error jumps back to jpeg_damage; a
// warning that means damaged scan data is remembered. Other warnings (padding
// bytes before a marker, an unknown JFIF revision, a bad ICC profile) occur in
// sound files from real cameras and do not touch the pixels.
struct JpegErrors {
  jpeg_error_mgr mgr;
  std::jmp_buf fatal;
  bool damaged = false;
  char message[JMSG_LENGTH_MAX] = {};
};

bool damages_pixels(int code) {
  return code == JWRN_HIT_MARKER || code == JWRN_JPEG_EOF || code == JWRN_HUFF_BAD_CODE ||
         code == JWRN_MUST_RESYNC || code == JWRN_NOT_SEQUENTIAL || code == JWRN_BOGUS_PROGRESSION;
}

void on_jpeg_fatal(j_common_ptr c) {
  auto* e = reinterpret_cast<JpegErrors*>(c->err);
  c->err->format_message(c, e->message);
  std::longjmp(e->fatal, 1);
}

void on_jpeg_message(j_common_ptr c, int level) {
  auto* e = reinterpret_cast<JpegErrors*>(c->err);
  if (level >= 0 || e->damaged || !damages_pixels(c->err->msg_code)) return;
  e->damaged = true;
  c->err->format_message(c, e->message);
}

// cv::imdecode decodes a JPEG whose scan data is cut or corrupt without a
// word, filling the lost part with grey, and the analysis then finds hairs
// in the damage. So libjpeg reads every scan first (at 1/8 scale: the
// entropy-coded data is read in full, only the inverse DCT is cheaper) and
// any damage it reports is an error. The buffer comes from libjpeg's own
// pool, so the jump out of a fatal error leaks nothing.
std::optional<std::string> jpeg_damage(std::span<const unsigned char> b) {
  jpeg_decompress_struct info;
  JpegErrors errors;
  info.err = jpeg_std_error(&errors.mgr);
  errors.mgr.error_exit = on_jpeg_fatal;
  errors.mgr.emit_message = on_jpeg_message;
  jpeg_create_decompress(&info);
  if (setjmp(errors.fatal)) {
    jpeg_destroy_decompress(&info);
    return "corrupt JPEG data (" + std::string(errors.message) + ")";
  }
  jpeg_mem_src(&info, b.data(), static_cast<unsigned long>(b.size()));
  jpeg_read_header(&info, TRUE);
  info.scale_num = 1;
  info.scale_denom = 8;
  jpeg_start_decompress(&info);
  JSAMPARRAY row = info.mem->alloc_sarray(reinterpret_cast<j_common_ptr>(&info), JPOOL_IMAGE,
                                          info.output_width * info.output_components, 1);
  while (info.output_scanline < info.output_height) jpeg_read_scanlines(&info, row, 1);
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  if (errors.damaged) return "corrupt JPEG data (" + std::string(errors.message) + ")";
  return std::nullopt;
}

}  // namespace

std::string image_media_type(std::span<const unsigned char> bytes) {
  if (bytes.size() >= 8 && std::equal(kPngMagic.begin(), kPngMagic.end(), bytes.begin()))
    return "image/png";
  if (bytes.size() >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
    return "image/jpeg";
  return "";
}

std::variant<cv::Mat, std::string> decode_image(std::span<const unsigned char> bytes,
                                                const DecodeLimits& limits) {
  if (bytes.empty()) return std::string("file is empty");
  const std::string type = image_media_type(bytes);
  Checked checked = std::string("not a PNG or JPEG image");
  if (type == "image/png")
    checked = check_png(bytes);
  else if (type == "image/jpeg")
    checked = check_jpeg(bytes);
  if (auto* msg = std::get_if<std::string>(&checked)) return *msg;
  const Header h = std::get<Header>(checked);
  if (h.width <= 0 || h.height <= 0) return std::string("image has zero width or height");
  if (h.width < limits.min_side || h.height < limits.min_side)
    return "image is too small (" + std::to_string(h.width) + "x" + std::to_string(h.height) +
           " px; a scalp image needs at least " + std::to_string(limits.min_side) + " px a side)";
  if (h.width > limits.max_side || h.height > limits.max_side ||
      h.width * h.height > limits.max_pixels)
    return "image is too large (" + std::to_string(h.width) + "x" + std::to_string(h.height) +
           " px; the limit is " + std::to_string(limits.max_pixels / 1'000'000) + " MP)";
  if (type == "image/jpeg") {
    if (auto damage = jpeg_damage(bytes)) return *damage;
  }
  try {
    cv::Mat img = cv::imdecode(
        cv::Mat(1, static_cast<int>(bytes.size()), CV_8U, const_cast<unsigned char*>(bytes.data())),
        cv::IMREAD_COLOR);
    if (img.empty()) return std::string("image data could not be decoded");
    return img;
  } catch (const std::exception& e) {
    return std::string("image data could not be decoded");
  }
}

}  // namespace anagen::imaging
