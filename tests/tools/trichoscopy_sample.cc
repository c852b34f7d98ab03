// Writes a synthetic trichoscopy image (and, with --second, the second shot)
// from the project's seeded generator, and prints its ground truth as JSON,
// for the end-to-end tests of the trichoscopy API and CLI.
//   trichoscopy_sample OUT.png [--second OUT2.png] [--seed N] [--hard]
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <string>

#include "synth.h"

using namespace anagen::imaging;

int main(int argc, char** argv) {
  const char* usage = "usage: trichoscopy_sample OUT.png [--second OUT2.png] [--seed N] [--hard]\n";
  if (argc >= 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
    std::cout << usage;
    return 0;
  }
  if (argc < 2 || argv[1][0] == '-') {
    std::cerr << usage;
    return 2;
  }
  synth::Params p;
  p.difficulty = synth::Difficulty::kEasy;
  p.width = 640;
  p.height = 480;
  std::string second;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--second" && i + 1 < argc)
      second = argv[++i], p.pair = true;
    else if (a == "--seed" && i + 1 < argc)
      p.seed = std::strtoull(argv[++i], nullptr, 10);
    else if (a == "--hard")
      p.difficulty = synth::Difficulty::kHard;
  }
  auto s = synth::generate(p);
  auto write = [](const std::string& path, const cv::Mat& image) {
    try {
      if (cv::imwrite(path, image)) return true;
    } catch (const cv::Exception& e) {
      std::cerr << e.what() << "\n";
    }
    std::cerr << "cannot write " << path << "\n";
    return false;
  };
  if (!write(argv[1], s.image)) return 1;
  if (!second.empty() && s.second && !write(second, *s.second)) return 1;
  int anagen = 0, classified = 0;
  double diameter = 0;
  for (const auto& h : s.hairs) {
    if (!h.in_frame) continue;
    diameter += h.diameter_um;
    classified += 1;
    anagen += h.anagen;
  }
  int counted = synth::counted_truth(s);
  nlohmann::json out = {{"um_per_px", s.um_per_px},
                        {"hair_count", counted},
                        {"mean_diameter_um", classified ? diameter / classified : 0},
                        {"anagen_percent", classified ? 100.0 * anagen / classified : 0}};
  std::cout << out.dump() << "\n";
  return 0;
}
