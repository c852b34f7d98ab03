// Seeded synthetic trichoscopy images with exact per-hair ground truth.
//
// Models a clipped scalp site seen through a dermatoscope: skin of a chosen
// tone with mottling, pores and creases; follicular openings holding 1-4 hairs
// each; curved hair shafts (15-120 µm) rendered as translucent cylinders with
// a specular stripe, tapered natural tips on unclipped hairs, crossings and
// touching parallel pairs; black to blond and grey hair; bright specular
// spots, defocus blur, sensor noise, vignetting and JPEG artefacts.
// A pair adds a second shot of the same site `hours` later, shifted and
// slightly rotated, in which anagen hairs grew (about 300 µm/day) and telogen
// hairs did not.
//
// Deterministic: the same Params give bit-identical images and truth.
#ifndef ANAGEN_IMAGING_SYNTH_H_
#define ANAGEN_IMAGING_SYNTH_H_

#include <cstdint>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

namespace anagen::imaging::synth {

enum class Difficulty { kEasy, kMedium, kHard };

// "easy", "medium", "hard".
std::string difficulty_name(Difficulty d);

struct Params {
  std::uint64_t seed = 1;
  Difficulty difficulty = Difficulty::kMedium;
  int width = 1280;
  int height = 960;
  bool pair = false;    // Also render the second shot.
  double hours = 60.0;  // Time between the shots (pair only).
  // Counting-frame guard band used for TruthHair::in_frame; keep equal to
  // Options::border_margin_um of the analysis being scored.
  double border_margin_um = 100.0;
  // Overrides of the difficulty's random choices (0 = not overridden).
  double um_per_px = 0;
  double density_per_cm2 = 0;
};

struct TruthHair {
  cv::Point2d exit;               // px in the first image (may lie outside it).
  double length_um = 0;           // Visible length in the first image.
  double diameter_um = 0;         // Shaft diameter (untapered part).
  bool vellus_like = false;       // Drawn from the vellus population.
  bool anagen = true;             // Grows between the shots.
  bool in_frame = false;          // Exit inside the first image's counting frame.
  bool touching = false;          // Placed touching a parallel neighbour.
  int unit = 0;                   // Follicular unit (shared opening) index.
  double contrast = 0;            // Max over B, G, R of |hair - skin| * opacity.
  cv::Point2d exit_second;        // px in the second image (pair only).
  double length_second_um = 0;    // Pair only.
  std::vector<cv::Point2d> path;  // Centreline in the first image, exit first.
};

struct Sample {
  Params params;
  double um_per_px = 0;
  cv::Mat image;                  // CV_8UC3, after JPEG round trip if any.
  std::optional<cv::Mat> second;  // Pair only.
  cv::Matx23d second_from_first;  // Maps first-image px to second-image px.
  std::vector<TruthHair> hairs;   // All hairs touching the first image.
  int jpeg_quality = 0;           // 0 = lossless.
};

// Generates one sample. REQUIRES: width, height >= 64; hours > 0 if pair.
Sample generate(const Params& params);

// Number of truth hairs with in_frame set.
int counted_truth(const Sample& sample);

}  // namespace anagen::imaging::synth

#endif  // ANAGEN_IMAGING_SYNTH_H_
