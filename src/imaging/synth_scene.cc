// Scene generation for the synthetic trichoscopy images: who the patient is
// and where each hair lies. Rendering is in synth_render.cc.
#include <algorithm>
#include <array>
#include <cmath>

#include "synth_internal.h"

namespace anagen::imaging::synth {
namespace {

struct Bgr {
  float b, g, r;
  cv::Vec3f vec() const { return {b, g, r}; }
};

struct Tone {
  Bgr bgr;
  double opacity;
};

// Hair pigment from black to blond (BGR, 0..1) and how much light a full
// diameter absorbs. Index order: darkest first.
constexpr std::array<Tone, 5> kHairTones = {{
    {{0.06f, 0.06f, 0.07f}, 0.96},  // Black.
    {{0.08f, 0.11f, 0.16f}, 0.92},  // Dark brown.
    {{0.14f, 0.21f, 0.31f}, 0.85},  // Brown.
    {{0.24f, 0.35f, 0.49f}, 0.75},  // Light brown.
    {{0.44f, 0.60f, 0.76f}, 0.60},  // Blond.
}};
constexpr Tone kGrey = {{0.86f, 0.87f, 0.88f}, 0.55};

// Fitzpatrick-like skin tones under dermatoscope light, lightest first.
constexpr std::array<Bgr, 6> kSkinTones = {{
    {0.74f, 0.80f, 0.92f},
    {0.63f, 0.71f, 0.86f},
    {0.50f, 0.61f, 0.79f},
    {0.40f, 0.52f, 0.68f},
    {0.28f, 0.38f, 0.54f},
    {0.17f, 0.24f, 0.36f},
}};

struct Level {
  double um_lo, um_hi, density_lo, density_hi;
  int hair_max, skin_max;
  double grey_max, vellus_lo, vellus_hi, natural_tip, touching;
  double blur_lo, blur_hi, noise_lo, noise_hi;
  int jpeg_lo, jpeg_hi, spots_lo, spots_hi;
  double creases, specular_on_hair, subsurface, anagen_lo, rotation_deg;
};

Level level_for(Difficulty d) {
  switch (d) {
    case Difficulty::kEasy:
      return {5.0, 6.5, 120, 190, 1, 2, 0.0, 0.05, 0.12, 0.06, 0.03, 0.5,
              0.8, 1.0, 2.0, 0,   0, 0, 4,   0,    0.05, 0.06, 0.85, 1.0};
    case Difficulty::kMedium:
      return {6.0, 8.0, 150, 240, 3,  3, 0.2, 0.08, 0.18, 0.10, 0.08, 0.7,
              1.0, 1.5, 3.0, 85,  95, 4, 15,  2,    0.12, 0.10, 0.80, 2.0};
    case Difficulty::kHard:
      break;
  }
  return {7.0, 9.0, 190, 290, 4,  5,  0.5, 0.12, 0.28, 0.15, 0.12, 0.8,
          1.2, 2.5, 4.0, 75,  90, 12, 35,  4,    0.2,  0.15, 0.70, 3.0};
}

}  // namespace

Patient draw_patient(const Params& params, Rng& rng) {
  const Level lv = level_for(params.difficulty);
  Patient p;
  p.difficulty = params.difficulty;
  p.hours = params.pair ? params.hours : 0;
  p.um_per_px = params.um_per_px > 0 ? params.um_per_px : rng.uniform(lv.um_lo, lv.um_hi);
  p.density_per_cm2 = params.density_per_cm2 > 0 ? params.density_per_cm2
                                                 : rng.uniform(lv.density_lo, lv.density_hi);
  p.skin = kSkinTones[rng.uniform_int(0, lv.skin_max)].vec();
  // Dark skin with black hair is realistic but makes the easy level the
  // hardest; the levels choose hair from the tones that stay visible.
  int hair_max = lv.hair_max;
  if (p.skin[1] < 0.45f) hair_max = std::min(hair_max, 2);
  const Tone hair = kHairTones[rng.uniform_int(0, hair_max)];
  p.hair_color = hair.bgr.vec();
  p.hair_opacity = hair.opacity;
  p.grey_fraction = rng.uniform(0, lv.grey_max);
  if (p.skin[1] > 0.75f) p.grey_fraction *= 0.5;  // Grey on pale: barely seen.
  p.mottle = rng.uniform(0.015, 0.05);
  p.crease_count = rng.uniform(0, lv.creases);
  p.vellus_fraction = rng.uniform(lv.vellus_lo, lv.vellus_hi);
  p.terminal_mean_um = rng.uniform(55, 75);
  p.terminal_sd_um = rng.uniform(8, 14);
  p.natural_tip_fraction = lv.natural_tip;
  p.touching_pair_fraction = lv.touching;
  p.stream_angle = rng.uniform(-M_PI, M_PI);
  p.stream_spread = rng.uniform(0.25, 0.5);
  p.anagen_fraction = rng.uniform(lv.anagen_lo, 0.92);
  p.blur_sigma = rng.uniform(lv.blur_lo, lv.blur_hi);
  p.noise_sigma = rng.uniform(lv.noise_lo, lv.noise_hi);
  p.jpeg_quality = lv.jpeg_hi > 0 ? rng.uniform_int(lv.jpeg_lo, lv.jpeg_hi) : 0;
  p.specular_spots = rng.uniform_int(lv.spots_lo, lv.spots_hi);
  p.specular_on_hair = lv.specular_on_hair * rng.uniform(0.5, 1.0);
  p.subsurface = lv.subsurface;
  p.rotation_deg = rng.uniform(-lv.rotation_deg, lv.rotation_deg);
  p.shift = {rng.uniform(-40, 40), rng.uniform(-40, 40)};
  return p;
}

namespace {

double draw_diameter_um(const Patient& p, Rng& rng, bool* vellus_like) {
  *vellus_like = rng.chance(p.vellus_fraction);
  if (*vellus_like) return rng.uniform(15, 38);
  return std::clamp(rng.normal(p.terminal_mean_um, p.terminal_sd_um), 42.0, 120.0);
}

// Hairs a trained eye cannot see at all have no defensible truth, so every
// hair keeps a minimum contrast against the skin (as a fraction of full
// scale); within that, pale hair on pale skin stays hard.
void ensure_visible(const cv::Vec3f& skin, double min_contrast, SceneHair* h) {
  cv::Vec3f d = h->color - skin;
  double c = std::max({std::abs(d[0]), std::abs(d[1]), std::abs(d[2])}) * h->opacity;
  if (c >= min_contrast) return;
  if (c < 0.01) d = h->color[1] > skin[1] ? cv::Vec3f(1, 1, 1) - skin : -skin;
  double gain = min_contrast / std::max(c, 0.01 * h->opacity);
  for (int k = 0; k < 3; ++k)
    h->color[k] = std::clamp(static_cast<float>(skin[k] + d[k] * gain), 0.0f, 1.0f);
}

void set_look(const Patient& p, Rng& rng, SceneHair* h) {
  cv::Vec3f color = p.hair_color;
  h->opacity = p.hair_opacity;
  if (rng.chance(p.grey_fraction)) {
    color = kGrey.bgr.vec();
    h->opacity = kGrey.opacity;
  }
  h->color = color * static_cast<float>(rng.uniform(0.9, 1.1));
  if (h->vellus_like) {  // Vellus hairs carry less pigment.
    h->color = 0.6f * h->color + 0.4f * p.skin;
    h->opacity *= 0.75;
  }
  ensure_visible(p.skin, h->vellus_like ? 0.08 : 0.12, h);
}

void set_length(const Patient& p, Rng& rng, SceneHair* h) {
  const double um = p.um_per_px;
  // Clipped to about 1 mm; the projected length varies with the exit angle.
  double len_um = h->natural_tip ? rng.uniform(200, 900) : rng.uniform(650, 1300);
  h->length1_px = len_um / um;
  double rate_um_per_day = h->anagen ? rng.uniform(250, 400) * rng.uniform(0.75, 1.0) : 0;
  h->length2_px = h->length1_px + rate_um_per_day * p.hours / 24.0 / um;
}

SceneHair draw_hair(const Patient& p, cv::Point2d exit, double unit_heading, int unit, Rng& rng) {
  SceneHair h;
  h.exit = exit;
  h.unit = unit;
  h.heading = unit_heading + rng.normal(0, 0.18);
  // Up to about 25 degrees of bend over a millimetre.
  h.curvature = rng.normal(0, 0.25) / (1000.0 / p.um_per_px);
  h.wobble = rng.uniform(0, 0.04);
  h.wobble_phase = rng.uniform(0, 2 * M_PI);
  double d_um = draw_diameter_um(p, rng, &h.vellus_like);
  h.radius_px = d_um / p.um_per_px / 2;
  h.natural_tip = h.vellus_like ? rng.chance(0.5) : rng.chance(p.natural_tip_fraction);
  h.anagen = rng.chance(p.anagen_fraction);
  set_look(p, rng, &h);
  set_length(p, rng, &h);
  return h;
}

int draw_unit_size(Rng& rng, Difficulty d) {
  double r = rng.uniform(0, 1);
  if (d == Difficulty::kEasy) return r < 0.7 ? 1 : r < 0.95 ? 2 : 3;
  if (d == Difficulty::kMedium) return r < 0.55 ? 1 : r < 0.85 ? 2 : r < 0.97 ? 3 : 4;
  return r < 0.45 ? 1 : r < 0.8 ? 2 : r < 0.95 ? 3 : 4;
}

// A second unit lying alongside `h`, its shaft touching h's shaft.
SceneHair touching_neighbour(const Patient& p, const SceneHair& h, int unit, Rng& rng) {
  SceneHair n = draw_hair(p, h.exit, h.heading, unit, rng);
  n.heading = h.heading + rng.normal(0, 0.02);
  n.curvature = h.curvature;
  n.wobble = 0;
  double gap = (h.radius_px + n.radius_px) * rng.uniform(0.95, 1.1);
  double side = rng.chance(0.5) ? 1 : -1;
  cv::Point2d normal(-std::sin(h.heading), std::cos(h.heading));
  cv::Point2d along(std::cos(h.heading), std::sin(h.heading));
  n.exit = h.exit + side * gap * normal + rng.uniform(-8, 8) * along;
  n.touching = true;
  return n;
}

cv::Point2d place_unit(const std::vector<cv::Point2d>& placed, double min_dist, int margin,
                       cv::Size view, Rng& rng) {
  cv::Point2d p;
  for (int attempt = 0; attempt < 30; ++attempt) {
    p = {rng.uniform(-margin, view.width + margin), rng.uniform(-margin, view.height + margin)};
    bool clear = true;
    for (const cv::Point2d& q : placed)
      if (std::hypot(p.x - q.x, p.y - q.y) < min_dist) {
        clear = false;
        break;
      }
    if (clear) break;
  }
  return p;
}

}  // namespace

std::vector<SceneHair> draw_scene(const Patient& p, cv::Size view, int margin, Rng& rng) {
  const double world_w = view.width + 2.0 * margin;
  const double world_h = view.height + 2.0 * margin;
  const double area_cm2 = world_w * world_h * p.um_per_px * p.um_per_px * 1e-8;
  // Units times mean hairs per unit (see draw_unit_size) hits the density.
  const double per_unit = p.difficulty == Difficulty::kEasy     ? 1.35
                          : p.difficulty == Difficulty::kMedium ? 1.63
                                                                : 1.80;
  const int units = static_cast<int>(std::lround(p.density_per_cm2 * area_cm2 / per_unit));
  // Follicular units are spread fairly evenly over the scalp, not clumped
  // like uniform random points: keep them a third of the mean spacing apart.
  const double spacing_px = std::sqrt(world_w * world_h / std::max(1, units));
  std::vector<cv::Point2d> placed;
  std::vector<SceneHair> hairs;
  for (int u = 0; u < units; ++u) {
    cv::Point2d exit = place_unit(placed, 0.35 * spacing_px, margin, view, rng);
    placed.push_back(exit);
    double heading = p.stream_angle + rng.normal(0, p.stream_spread);
    if (rng.chance(0.04)) heading = rng.uniform(-M_PI, M_PI);  // Stray hair.
    int n = draw_unit_size(rng, p.difficulty);
    double fan = rng.uniform(0.08, 0.35);
    for (int i = 0; i < n; ++i) {
      double offset = (i - (n - 1) / 2.0) * fan;
      hairs.push_back(draw_hair(p, exit, heading + offset, u, rng));
    }
    if (rng.chance(p.touching_pair_fraction)) {
      hairs.push_back(touching_neighbour(p, hairs.back(), ++u, rng));
    }
  }
  return hairs;
}

std::vector<cv::Point2d> hair_path(const SceneHair& h, double length_px) {
  std::vector<cv::Point2d> path;
  const int n = std::max(2, static_cast<int>(std::ceil(length_px)) + 1);
  const double step = length_px / (n - 1);
  cv::Point2d p = h.exit;
  path.reserve(n);
  path.push_back(p);
  for (int i = 1; i < n; ++i) {
    double s = (i - 0.5) * step;
    double a = h.heading + h.curvature * s + h.wobble * std::sin(s / 40.0 + h.wobble_phase);
    p += step * cv::Point2d(std::cos(a), std::sin(a));
    path.push_back(p);
  }
  return path;
}

}  // namespace anagen::imaging::synth
