#include "analyze_command.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <sstream>

#include "synth.h"

namespace anagen::imaging {
namespace {

namespace fs = std::filesystem;

AnalyzeArgs make_args(const std::string& image, double um_per_px, bool json) {
  AnalyzeArgs a;
  a.image = image;
  a.um_per_px = um_per_px;
  a.json = json;
  return a;
}

class AnalyzeCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("anagen_imaging_test_" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The image of a sample; with `pair`, of a pair's sample (the generator
  // draws a pair's scene differently), its second image if `second`.
  std::string write_sample(const std::string& name, bool second = false, bool pair = false,
                           std::uint64_t seed = 5) {
    synth::Params p;
    p.seed = seed;
    p.pair = pair || second;
    // A pair needs enough hairs for its registration to beat chance.
    p.width = p.pair ? 640 : 320;
    p.height = p.pair ? 480 : 240;
    synth::Sample s = synth::generate(p);
    um_per_px_ = s.um_per_px;
    std::string path = (dir_ / name).string();
    cv::imwrite(path, second ? *s.second : s.image);
    return path;
  }

  int run(const AnalyzeArgs& a) {
    out_.str("");
    err_.str("");
    return run_analyze(a, out_, err_);
  }

  fs::path dir_;
  double um_per_px_ = 0;
  std::ostringstream out_, err_;
};

TEST_F(AnalyzeCommand, PrintsContractJson) {
  AnalyzeArgs a = make_args(write_sample("a.png"), 0, true);
  a.um_per_px = um_per_px_;
  a.overlay = (dir_ / "overlay.png").string();
  ASSERT_EQ(run(a), 0) << err_.str();
  nlohmann::json j = nlohmann::json::parse(out_.str());
  EXPECT_TRUE(j.contains("hair_count"));
  EXPECT_TRUE(j.contains("cumulative_thickness_mm"));
  EXPECT_FALSE(j.contains("anagen_percent"));
  EXPECT_EQ(j["hairs"].size(), j["hair_count"].get<size_t>());
  EXPECT_TRUE(fs::exists(*a.overlay));
}

TEST_F(AnalyzeCommand, PairAddsAnagenPercent) {
  AnalyzeArgs a = make_args(write_sample("a.png", false, true), 0, true);
  a.um_per_px = um_per_px_;
  a.second = write_sample("b.png", true);
  a.hours = 60;
  ASSERT_EQ(run(a), 0) << err_.str();
  EXPECT_TRUE(nlohmann::json::parse(out_.str()).contains("anagen_percent"));
}

TEST_F(AnalyzeCommand, SecondImageOfAnotherSiteFailsSayingSo) {
  AnalyzeArgs a = make_args(write_sample("a.png", false, true, 5), 0, true);
  a.um_per_px = um_per_px_;
  a.second = write_sample("b.png", true, true, 6);  // Another pair's second shot.
  a.hours = 60;
  EXPECT_EQ(run(a), 1);
  EXPECT_NE(err_.str().find("b.png does not show the same site"), std::string::npos) << err_.str();
  EXPECT_EQ(out_.str(), "");
}

// The first image again (another copy of its file) is no second shot: paired
// with itself every hair would read telogen.
TEST_F(AnalyzeCommand, TheFirstImageAgainAsTheSecondFailsSayingSo) {
  AnalyzeArgs a = make_args(write_sample("a.png", false, true), 0, true);
  a.um_per_px = um_per_px_;
  a.second = (dir_ / "copy.png").string();
  fs::copy_file(a.image, *a.second);
  a.hours = 60;
  EXPECT_EQ(run(a), 1);
  EXPECT_NE(err_.str().find("copy.png is the first image again"), std::string::npos) << err_.str();
  EXPECT_EQ(out_.str(), "");
}

TEST_F(AnalyzeCommand, SummaryWithoutJson) {
  AnalyzeArgs a = make_args(write_sample("a.jpg"), 0, false);
  a.um_per_px = um_per_px_;
  ASSERT_EQ(run(a), 0) << err_.str();
  EXPECT_NE(out_.str().find("hairs:"), std::string::npos);
}

TEST_F(AnalyzeCommand, NonImageFileFailsNamingTheFile) {
  std::string path = (dir_ / "notes.png").string();
  std::ofstream(path) << "not an image";
  AnalyzeArgs a = make_args(path, 6.0, true);
  EXPECT_EQ(run(a), 1);
  EXPECT_NE(err_.str().find(path), std::string::npos);
  EXPECT_NE(err_.str().find("not a PNG or JPEG image"), std::string::npos);
  EXPECT_EQ(out_.str(), "");
  a.image = (dir_ / "missing.png").string();
  EXPECT_EQ(run(a), 1);
  EXPECT_NE(err_.str().find("cannot read"), std::string::npos);
}

TEST_F(AnalyzeCommand, DirectoryFailsNamingTheDirectory) {
  AnalyzeArgs a = make_args(dir_.string(), 6.0, true);
  EXPECT_EQ(run(a), 1);
  EXPECT_NE(err_.str().find(dir_.string() + ": it is a directory"), std::string::npos);
  a.image = write_sample("a.png");
  a.second = dir_.string();
  a.hours = 48;
  EXPECT_EQ(run(a), 1);
  EXPECT_NE(err_.str().find(dir_.string() + ": it is a directory"), std::string::npos);
  EXPECT_EQ(out_.str(), "");
}

TEST_F(AnalyzeCommand, InvalidArgumentsExitTwo) {
  AnalyzeArgs a = make_args(write_sample("a.png"), 0, true);
  EXPECT_EQ(run(a), 2);  // um_per_px missing.
  a.um_per_px = 6;
  a.second = a.image;
  EXPECT_EQ(run(a), 2);  // --second without --hours.
  a.hours = -1;
  EXPECT_EQ(run(a), 2);
  for (double h : {0.001, 11.9, 168.5, 1e9, HUGE_VAL, std::nan("")}) {
    a.hours = h;  // Outside 12-168 h: a huge value used to exhaust memory.
    EXPECT_EQ(run(a), 2) << h;
    EXPECT_NE(err_.str().find("--hours"), std::string::npos);
  }
  a.second.reset();
  a.hours = 48;
  EXPECT_EQ(run(a), 2);  // --hours without --second.
  EXPECT_NE(err_.str().find("--hours"), std::string::npos);
  a.hours.reset();
  for (double scale : {0.001, 1e300, HUGE_VAL, std::nan("")}) {
    a.um_per_px = scale;
    EXPECT_EQ(run(a), 2) << scale;
    EXPECT_NE(err_.str().find("--um-per-px"), std::string::npos);
  }
  a.um_per_px = 6;
  a.vellus_threshold_um = HUGE_VAL;
  EXPECT_EQ(run(a), 2);
  EXPECT_NE(err_.str().find("--vellus-um"), std::string::npos);
  EXPECT_EQ(out_.str(), "");
}

TEST_F(AnalyzeCommand, OverlayMustBeAnImageFileAndNotAnInput) {
  const std::string image = write_sample("a.png");
  AnalyzeArgs a = make_args(image, um_per_px_, true);
  const auto before = fs::file_size(a.image);
  a.overlay = a.image;
  EXPECT_EQ(run(a), 2);
  EXPECT_NE(err_.str().find("would overwrite an input image"), std::string::npos);
  a.overlay = (dir_ / "." / "a.png").string();  // The same file by another name.
  EXPECT_EQ(run(a), 2);
  EXPECT_EQ(fs::file_size(a.image), before);
  a.overlay = (dir_ / "overlay.txt").string();
  EXPECT_EQ(run(a), 2);
  EXPECT_NE(err_.str().find("must name a .png or .jpg file"), std::string::npos);
  EXPECT_FALSE(fs::exists(*a.overlay));
  a.overlay = (dir_ / "overlay.PNG").string();
  EXPECT_EQ(run(a), 0) << err_.str();
  EXPECT_FALSE(cv::imread(*a.overlay).empty());
}

}  // namespace
}  // namespace anagen::imaging
