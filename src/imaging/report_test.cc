#include "report.h"

#include <gtest/gtest.h>

#include "overlay.h"

namespace anagen::imaging {
namespace {

Analysis sample_analysis() {
  Analysis a;
  a.hair_count = 1;
  a.area_cm2 = 0.5;
  a.density_per_cm2 = 2;
  a.mean_diameter_um = 61.234;
  Hair counted;
  counted.x = 10.04;
  counted.y = 20;
  counted.length_um = 900;
  counted.diameter_um = 61.234;
  counted.counted = true;
  Hair outside = counted;
  outside.counted = false;
  a.hairs = {counted, outside};
  return a;
}

TEST(ToJson, HasExactlyTheContractFields) {
  nlohmann::json j = to_json(sample_analysis());
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{
                      "area_cm2", "cumulative_thickness_mm", "density_per_cm2", "hair_count",
                      "hairs", "mean_diameter_um", "terminal_density", "vellus_percent"}));
  ASSERT_EQ(j["hairs"].size(), 1u);  // Counted hairs only.
  std::vector<std::string> hair_keys;
  for (auto it = j["hairs"][0].begin(); it != j["hairs"][0].end(); ++it)
    hair_keys.push_back(it.key());
  EXPECT_EQ(hair_keys, (std::vector<std::string>{"diameter_um", "length_um", "x", "y"}));
  EXPECT_DOUBLE_EQ(j["mean_diameter_um"].get<double>(), 61.23);
  EXPECT_DOUBLE_EQ(j["hairs"][0]["x"].get<double>(), 10.0);
}

TEST(ToJson, AnagenPercentOnlyWithASecondImage) {
  Analysis a = sample_analysis();
  EXPECT_FALSE(to_json(a).contains("anagen_percent"));
  EXPECT_FALSE(to_json(a).contains("anagen_classified"));
  EXPECT_FALSE(to_json(a)["hairs"][0].contains("anagen"));
  a.paired = true;
  EXPECT_TRUE(to_json(a)["anagen_percent"].is_null());
  EXPECT_EQ(to_json(a)["anagen_classified"], 0);
  a.anagen_percent = 87.5;
  a.anagen_classified = 8;
  a.hairs.front().anagen = true;
  EXPECT_EQ(to_json(a)["anagen_percent"], 87.5);
  // How many hairs the share is of, and which of the listed hairs grew.
  EXPECT_EQ(to_json(a)["anagen_classified"], 8);
  EXPECT_EQ(to_json(a)["hairs"][0]["anagen"], true);
  EXPECT_NE(summary_text(a).find("anagen: 87.5% of 8 hairs followed"), std::string::npos);
}

// A person checks hair N of the report against label N on the overlay, and
// can read every label of an opening that several hairs share.
TEST(OverlayLabels, NumberTheReportsHairsAndDoNotOverlap) {
  Analysis a = sample_analysis();        // Counted, then one outside the frame.
  for (double d : {45.0, 72.0, 38.0}) {  // Three more hairs from one opening.
    Hair h = a.hairs.front();
    h.x = 300;
    h.y = 200;
    h.diameter_um = d;
    a.hairs.push_back(h);
  }
  const auto labels = overlay_labels(a, cv::Size(1280, 960));
  const nlohmann::json report = to_json(a)["hairs"];
  ASSERT_EQ(labels.size(), report.size());
  for (size_t i = 0; i < labels.size(); ++i) {
    EXPECT_EQ(labels[i].text,
              "#" + std::to_string(i + 1) + " " +
                  std::to_string(std::lround(report[i]["diameter_um"].get<double>())));
    for (size_t j = 0; j < i; ++j)
      EXPECT_EQ((labels[i].box & labels[j].box).area(), 0)
          << labels[i].text << " " << labels[j].text;
  }
  EXPECT_EQ(labels[1].text, "#2 45");
}

// The web app shows the overlay at about half its width: a label must stay
// readable there (about 6 px of text or more) and never run off the image,
// even for a hair whose exit lies in a corner.
TEST(OverlayLabels, StayInsideTheImageAndReadableAtHalfSize) {
  Analysis a = sample_analysis();
  const cv::Size image(1280, 960);
  for (cv::Point2d corner : {cv::Point2d(1279, 2), cv::Point2d(1278, 958), cv::Point2d(1, 959)}) {
    Hair h = a.hairs.front();
    h.x = corner.x;
    h.y = corner.y;
    h.diameter_um = 104;
    a.hairs.push_back(h);
  }
  const cv::Rect inside({0, 0}, image);
  const auto labels = overlay_labels(a, image);
  ASSERT_EQ(labels.size(), 4u);
  for (const OverlayLabel& l : labels) {
    // The whole text, not a cut box: the text is drawn from the box's corner.
    EXPECT_GE(l.box.width, l.text_size.width) << l.text;
    EXPECT_GT(l.box.height, l.text_size.height) << l.text;
    EXPECT_EQ(l.box & inside, l.box) << l.text;
    EXPECT_GE(l.text_size.height / 2.0, 6.0) << l.text;
  }
}

// The key to the colours sits in a strip below the image: over the image it
// hid the hairs and labels of the top-left corner. The image above it is
// the input, drawn on only where there are hairs, labels and the frame.
TEST(Overlay, KeepsTheKeyBelowTheImage) {
  Analysis a = sample_analysis();
  Hair corner = a.hairs.front();  // A counted hair in the top-left corner.
  corner.x = 40;
  corner.y = 30;
  corner.path = {{40, 30}, {60, 45}};
  a.hairs.push_back(corner);
  const cv::Mat image(960, 1280, CV_8UC3, cv::Scalar(120, 140, 170));
  const cv::Rect key = overlay_key(a, image.size());
  EXPECT_EQ(key, cv::Rect(0, image.rows, image.cols, key.height));
  EXPECT_GT(key.height, 40);
  Options o;
  o.um_per_px = 7;
  const cv::Mat out = draw_overlay(image, a, o);
  ASSERT_EQ(out.size(), cv::Size(image.cols, image.rows + key.height));
  // Beside the corner hair, where the key was: the skin as it is, and the
  // hair's own colour on its path.
  EXPECT_EQ(out.at<cv::Vec3b>(8, 200), cv::Vec3b(120, 140, 170));
  EXPECT_NE(out.at<cv::Vec3b>(38, 50), cv::Vec3b(120, 140, 170));
}

}  // namespace
}  // namespace anagen::imaging
