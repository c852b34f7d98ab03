#include "decode.h"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <string>
#include <variant>
#include <vector>

namespace anagen::imaging {
namespace {

std::vector<unsigned char> encode(const std::string& ext) {
  cv::Mat img(40, 60, CV_8UC3, cv::Scalar(30, 120, 200));
  std::vector<unsigned char> buf;
  cv::imencode(ext, img, buf);
  return buf;
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
    EXPECT_EQ(std::get<cv::Mat>(r).size(), cv::Size(60, 40));
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

TEST(DecodeImage, RejectsCorruptPixelData) {
  auto png = encode(".png");
  for (size_t i = 41; i + 16 < png.size(); ++i) png[i] ^= 0x5A;  // Inside IDAT.
  EXPECT_EQ(error_of(png), "image data could not be decoded");
}

}  // namespace
}  // namespace anagen::imaging
