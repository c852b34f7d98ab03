#include "decode.h"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <string>
#include <variant>
#include <vector>

namespace anagen::imaging {
namespace {

// A 160x130 image: flat, or noisy so that JPEG scan data fills most of the file.
std::vector<unsigned char> encode(const std::string& ext, bool noisy = false,
                                  cv::Size size = {160, 130}) {
  cv::Mat img(size, CV_8UC3, cv::Scalar(30, 120, 200));
  if (noisy) {
    cv::RNG rng(7);
    rng.fill(img, cv::RNG::UNIFORM, 0, 256);
  }
  std::vector<unsigned char> buf;
  cv::imencode(ext, img, buf);
  return buf;
}

size_t segment_length(const std::vector<unsigned char>& jpg, size_t at) {
  return jpg[at + 2] << 8 | jpg[at + 3];
}

// Where the JPEG's header segment with `marker` starts (0 if it has none).
size_t segment_at(const std::vector<unsigned char>& jpg, int marker) {
  for (size_t i = 2; i + 3 < jpg.size(); i += 2 + segment_length(jpg, i))
    if (jpg[i + 1] == marker) return i;
  return 0;
}

// Where the JPEG's scan data starts (just after the start-of-scan segment).
size_t scan_start(const std::vector<unsigned char>& jpg) {
  const size_t sos = segment_at(jpg, 0xDA);
  return sos + 2 + segment_length(jpg, sos);
}

std::string error_of(const std::vector<unsigned char>& bytes, DecodeLimits limits = {}) {
  auto r = decode_image(bytes, limits);
  return std::holds_alternative<std::string>(r) ? std::get<std::string>(r) : "";
}

// A PNG of the given header size with no pixel data: IHDR then IEND.
std::vector<unsigned char> png_header_only(std::uint32_t w, std::uint32_t h) {
  std::vector<unsigned char> b = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n',
                                  0,    0,   0,   13,  'I',  'H',  'D',  'R'};
  for (std::uint32_t v : {w, h})
    for (int s = 24; s >= 0; s -= 8) b.push_back((v >> s) & 0xFF);
  b.insert(b.end(), {8, 2, 0, 0, 0, 0, 0, 0, 0});  // Depth, colour, ..., CRC.
  b.insert(b.end(), {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82});
  return b;
}

TEST(DecodeImage, DecodesPngAndJpeg) {
  for (const char* ext : {".png", ".jpg"}) {
    auto r = decode_image(encode(ext));
    ASSERT_TRUE(std::holds_alternative<cv::Mat>(r)) << ext;
    EXPECT_EQ(std::get<cv::Mat>(r).size(), cv::Size(160, 130));
    EXPECT_EQ(std::get<cv::Mat>(r).type(), CV_8UC3);
  }
}

TEST(DecodeImage, RejectsEmptyAndNonImageBytes) {
  EXPECT_EQ(error_of({}), "file is empty");
  std::string text = "hair,density\n1,2\n";
  EXPECT_EQ(error_of({text.begin(), text.end()}), "not a PNG or JPEG image");
  EXPECT_EQ(error_of({0xFF, 0xD8}), "not a PNG or JPEG image");
}

TEST(DecodeImage, RejectsTruncatedPng) {
  auto png = encode(".png");
  for (size_t keep : {size_t{8}, size_t{20}, png.size() / 2, png.size() - 1}) {
    std::vector<unsigned char> cut(png.begin(), png.begin() + keep);
    EXPECT_NE(error_of(cut).find("truncated PNG"), std::string::npos) << keep;
  }
}

TEST(DecodeImage, RejectsTruncatedJpeg) {
  auto jpg = encode(".jpg");
  for (size_t keep : {size_t{3}, size_t{30}, jpg.size() / 2, jpg.size() - 2}) {
    std::vector<unsigned char> cut(jpg.begin(), jpg.begin() + keep);
    EXPECT_NE(error_of(cut).find("truncated JPEG"), std::string::npos) << keep;
  }
}

TEST(DecodeImage, RejectsZeroSizeAndHugeHeadersBeforeDecoding) {
  EXPECT_EQ(error_of(png_header_only(0, 100)), "image has zero width or height");
  EXPECT_NE(error_of(png_header_only(100000, 100000)).find("too large"), std::string::npos);
  DecodeLimits small;
  small.max_pixels = 1000;
  EXPECT_NE(error_of(encode(".png"), small).find("too large"), std::string::npos);
}

TEST(DecodeImage, RejectsImagesTooSmallToBeAScalpSite) {
  for (cv::Size size : {cv::Size(1, 1), cv::Size(4, 4), cv::Size(1280, 3), cv::Size(127, 960)}) {
    for (const char* ext : {".png", ".jpg"}) {
      EXPECT_NE(error_of(encode(ext, false, size)).find("too small"), std::string::npos)
          << ext << " " << size;
    }
  }
  EXPECT_EQ(error_of(encode(".png", false, {128, 128})), "");
}

// OpenCV decodes these as an image with a grey lower part; they must fail.
TEST(DecodeImage, RejectsJpegWhoseScanDataIsCutOrCorrupt) {
  const auto jpg = encode(".jpg", true);
  const size_t scan = scan_start(jpg);
  ASSERT_GT(scan, 0u);
  ASSERT_GT(jpg.size() - scan, 4000u);
  // Cut in the middle of the scan, with the end-of-image marker put back.
  std::vector<unsigned char> cut(jpg.begin(), jpg.begin() + (scan + jpg.size()) / 2);
  cut.insert(cut.end(), {0xFF, 0xD9});
  EXPECT_NE(error_of(cut).find("corrupt JPEG data"), std::string::npos);
  // A frame header declaring twice the rows the scan data holds.
  auto tall = jpg;
  const size_t sof = segment_at(tall, 0xC0);
  ASSERT_GT(sof, 0u);
  const int rows = (tall[sof + 5] << 8 | tall[sof + 6]) * 2;
  tall[sof + 5] = rows >> 8;
  tall[sof + 6] = rows & 0xFF;
  EXPECT_NE(error_of(tall).find("corrupt JPEG data"), std::string::npos);
  EXPECT_EQ(error_of(jpg), "");
}

// Padding bytes between header segments (some cameras write them) draw a
// libjpeg warning but leave every pixel intact.
TEST(DecodeImage, AcceptsJpegWithPaddingBeforeAMarker) {
  auto jpg = encode(".jpg", true);
  const size_t sos = segment_at(jpg, 0xDA);
  ASSERT_GT(sos, 0u);
  jpg.insert(jpg.begin() + sos, {0x00, 0x00, 0x00});
  auto r = decode_image(jpg);
  ASSERT_TRUE(std::holds_alternative<cv::Mat>(r)) << std::get<std::string>(r);
  EXPECT_EQ(std::get<cv::Mat>(r).size(), cv::Size(160, 130));
}

TEST(DecodeImage, RejectsCorruptPixelData) {
  auto png = encode(".png");
  for (size_t i = 41; i + 16 < png.size(); ++i) png[i] ^= 0x5A;  // Inside IDAT.
  EXPECT_EQ(error_of(png), "image data could not be decoded");
}

}  // namespace
}  // namespace anagen::imaging
