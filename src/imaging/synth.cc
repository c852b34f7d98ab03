#include "synth.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

#include "analysis.h"
#include "synth_internal.h"

namespace anagen::imaging::synth {
namespace {

cv::Matx23d second_from_first(const Patient& p, cv::Size view) {
  cv::Point2f c(view.width / 2.0f, view.height / 2.0f);
  cv::Mat m = cv::getRotationMatrix2D(c, p.rotation_deg, 1.0);
  m.at<double>(0, 2) += p.shift.x;
  m.at<double>(1, 2) += p.shift.y;
  return cv::Matx23d(m);
}

cv::Point2d apply(const cv::Matx23d& m, cv::Point2d p) {
  return {m(0, 0) * p.x + m(0, 1) * p.y + m(0, 2), m(1, 0) * p.x + m(1, 1) * p.y + m(1, 2)};
}

bool touches_view(const std::vector<cv::Point2d>& path, cv::Size view) {
  cv::Rect2d r(0, 0, view.width, view.height);
  return std::any_of(path.begin(), path.end(), [&](const cv::Point2d& q) { return r.contains(q); });
}

std::vector<TruthHair> truth_for(const std::vector<SceneHair>& scene, const Patient& p,
                                 const Params& params, const cv::Matx23d& to_second) {
  cv::Size view(params.width, params.height);
  Options o;
  o.um_per_px = p.um_per_px;
  o.border_margin_um = params.border_margin_um;
  const cv::Rect2d frame = counting_frame(view, o);
  std::vector<TruthHair> out;
  for (const SceneHair& h : scene) {
    std::vector<cv::Point2d> path = hair_path(h, h.length1_px);
    if (!touches_view(path, view)) continue;
    TruthHair t;
    t.exit = h.exit;
    t.length_um = h.length1_px * p.um_per_px;
    t.diameter_um = 2 * h.radius_px * p.um_per_px;
    t.vellus_like = h.vellus_like;
    t.anagen = h.anagen;
    t.in_frame = frame.contains(h.exit);
    t.touching = h.touching;
    t.unit = h.unit;
    cv::Vec3f d = h.color - p.skin;
    t.contrast = std::max({std::abs(d[0]), std::abs(d[1]), std::abs(d[2])}) * h.opacity;
    t.exit_second = apply(to_second, h.exit);
    t.length_second_um = h.length2_px * p.um_per_px;
    t.path = std::move(path);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace

std::string difficulty_name(Difficulty d) {
  switch (d) {
    case Difficulty::kEasy:
      return "easy";
    case Difficulty::kMedium:
      return "medium";
    case Difficulty::kHard:
      return "hard";
  }
  return "unknown";
}

Sample generate(const Params& params) {
  if (params.width < 64 || params.height < 64)
    throw std::invalid_argument("synth: image must be at least 64x64 px");
  if (params.pair && !(params.hours > 0))
    throw std::invalid_argument("synth: hours must be > 0 for a pair");
  Rng rng(params.seed * 0x9E3779B97F4A7C15ULL + 17);
  Patient p = draw_patient(params, rng);
  const cv::Size view(params.width, params.height);
  // Room for hairs that start outside the view but reach into it, and for
  // the second shot's shift and rotation.
  const double longest_um = params.pair ? 1300 + 400 * params.hours / 24 : 1300;
  const int margin = static_cast<int>(std::ceil(longest_um / p.um_per_px)) + 60;
  std::vector<SceneHair> scene = draw_scene(p, view, margin, rng);
  const std::uint64_t skin_seed = rng.next();

  Sample s;
  s.params = params;
  s.um_per_px = p.um_per_px;
  s.jpeg_quality = p.jpeg_quality;
  s.second_from_first = second_from_first(p, view);
  cv::Mat world = render_world(p, scene, view, margin, false, skin_seed);
  s.image = finish_view(world(cv::Rect(margin, margin, view.width, view.height)), p, rng);
  if (params.pair) {
    cv::Mat world2 = render_world(p, scene, view, margin, true, skin_seed);
    cv::Matx23d m = s.second_from_first;  // view2 <- view1; add canvas offset.
    cv::Matx33d a(m(0, 0), m(0, 1), m(0, 2), m(1, 0), m(1, 1), m(1, 2), 0, 0, 1);
    cv::Matx33d shift(1, 0, -margin, 0, 1, -margin, 0, 0, 1);
    cv::Matx33d to_view2 = a * shift;  // canvas px -> view2 px.
    cv::Mat view2;
    cv::warpAffine(world2, view2, cv::Mat(to_view2).rowRange(0, 2), view, cv::INTER_LINEAR,
                   cv::BORDER_REFLECT);
    s.second = finish_view(view2, p, rng);
  }
  s.hairs = truth_for(scene, p, params, s.second_from_first);
  return s;
}

int counted_truth(const Sample& sample) {
  return static_cast<int>(std::count_if(sample.hairs.begin(), sample.hairs.end(),
                                        [](const TruthHair& h) { return h.in_frame; }));
}

}  // namespace anagen::imaging::synth
