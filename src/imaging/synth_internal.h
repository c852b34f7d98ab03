// Internals of the synthetic trichoscopy generator (synth.h). Not a public
// API: shared only by synth_scene.cc, synth_render.cc and synth.cc.
#ifndef ANAGEN_IMAGING_SYNTH_INTERNAL_H_
#define ANAGEN_IMAGING_SYNTH_INTERNAL_H_

#include <cmath>
#include <cstdint>
#include <opencv2/core.hpp>
#include <random>
#include <vector>

#include "synth.h"

namespace anagen::imaging::synth {

// Portable seeded random numbers: the same stream on every standard library
// (std:: distributions are implementation-defined, the engine is not).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}
  double uniform(double lo, double hi) {
    return lo + (hi - lo) * static_cast<double>(engine_() >> 11) * 0x1.0p-53;
  }
  int uniform_int(int lo, int hi) {  // Inclusive.
    return lo + static_cast<int>(uniform(0, 1) * (hi - lo + 1) * 0.9999999);
  }
  bool chance(double p) { return uniform(0, 1) < p; }
  double normal(double mean, double sd) {
    double u1 = uniform(1e-12, 1), u2 = uniform(0, 1);
    return mean + sd * std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2);
  }
  std::uint64_t next() { return engine_(); }

 private:
  std::mt19937_64 engine_;
};

// One simulated person and shot setup.
struct Patient {
  Difficulty difficulty = Difficulty::kMedium;
  double hours = 60;  // Between the shots (pair).
  double um_per_px = 7;
  double density_per_cm2 = 200;
  cv::Vec3f skin;  // BGR, 0..1.
  double mottle = 0.05;
  double crease_count = 0;
  cv::Vec3f hair_color;
  double hair_opacity = 0.9;  // Absorbed fraction across a full diameter.
  double grey_fraction = 0;
  double vellus_fraction = 0.1;
  double terminal_mean_um = 65, terminal_sd_um = 12;
  double natural_tip_fraction = 0.1;
  double touching_pair_fraction = 0.05;          // Of units.
  double stream_angle = 0, stream_spread = 0.4;  // Radians.
  double anagen_fraction = 0.85;
  double blur_sigma = 0.7, noise_sigma = 2;
  int jpeg_quality = 0;
  int specular_spots = 0;
  double specular_on_hair = 0;  // Strength of the shaft highlight.
  double subsurface = 0;        // Visibility of the shaft under the skin.
  double rotation_deg = 0;      // Pair: second shot rotation.
  cv::Point2d shift;            // Pair: second shot shift, px.
};

struct SceneHair {
  cv::Point2d exit;      // First-image px.
  double heading = 0;    // Radians at the exit.
  double curvature = 0;  // Radians per px.
  double wobble = 0, wobble_phase = 0;
  double radius_px = 3;
  bool natural_tip = false;
  double length1_px = 100, length2_px = 100;
  cv::Vec3f color;
  double opacity = 0.9;
  bool vellus_like = false, anagen = true, touching = false;
  int unit = 0;
};

Patient draw_patient(const Params& params, Rng& rng);

// Hairs whose shaft may reach the first image (exits within `margin` px).
std::vector<SceneHair> draw_scene(const Patient& patient, cv::Size view, int margin, Rng& rng);

// Centreline from the exit, one point per px of arc, `length_px` long.
std::vector<cv::Point2d> hair_path(const SceneHair& hair, double length_px);

// Renders skin, openings and hairs (at length1 or length2) into a float BGR
// canvas covering first-image px [-margin, size + margin).
cv::Mat render_world(const Patient& patient, const std::vector<SceneHair>& hairs, cv::Size view,
                     int margin, bool second, std::uint64_t seed);

// Optics and sensor: specular spots, vignetting, blur, noise, 8-bit, JPEG.
cv::Mat finish_view(const cv::Mat& view, const Patient& patient, Rng& rng);

}  // namespace anagen::imaging::synth

#endif  // ANAGEN_IMAGING_SYNTH_INTERNAL_H_
