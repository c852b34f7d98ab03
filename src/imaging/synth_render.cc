// Rendering of synthetic trichoscopy scenes: skin, follicular openings and
// hair shafts as anti-aliased translucent cylinders, then optics and sensor.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "synth_internal.h"

namespace anagen::imaging::synth {
namespace {

constexpr int kSub = 3;  // Supersampling per axis.

// Low-frequency multiplicative noise field with values around 0.
cv::Mat smooth_noise(cv::Size size, double cell_px, Rng& rng) {
  cv::Size small(std::max(2, static_cast<int>(size.width / cell_px)),
                 std::max(2, static_cast<int>(size.height / cell_px)));
  cv::Mat n(small, CV_32F);
  for (int y = 0; y < n.rows; ++y)
    for (int x = 0; x < n.cols; ++x) n.at<float>(y, x) = rng.normal(0, 1);
  cv::Mat out;
  cv::resize(n, out, size, 0, 0, cv::INTER_CUBIC);
  return out;
}

void darken_with_mask(cv::Mat& canvas, const cv::Mat& mask, double amount) {
  std::vector<cv::Mat> ch;
  cv::split(canvas, ch);
  cv::Mat factor = 1.0 - amount * mask;
  for (auto& c : ch) c = c.mul(factor);
  cv::merge(ch, canvas);
}

void add_skin_texture(cv::Mat& canvas, const Patient& p, Rng& rng) {
  cv::Mat m = smooth_noise(canvas.size(), 90, rng) * p.mottle +
              smooth_noise(canvas.size(), 25, rng) * (p.mottle * 0.5);
  cv::Mat fine(canvas.size(), CV_32F);
  cv::RNG cvrng(rng.next());
  cvrng.fill(fine, cv::RNG::NORMAL, 0, 0.03);
  cv::GaussianBlur(fine, fine, cv::Size(0, 0), 1.3);
  darken_with_mask(canvas, m + fine, 1.0);
  // Creases: long faint darker furrows.
  cv::Mat creases(canvas.size(), CV_8U, cv::Scalar(0));
  for (int i = 0; i < static_cast<int>(p.crease_count); ++i) {
    std::vector<cv::Point> pts;
    cv::Point2d q(rng.uniform(0, canvas.cols), rng.uniform(0, canvas.rows));
    double a = rng.uniform(0, M_PI);
    for (int k = 0; k < 40; ++k, a += rng.normal(0, 0.05)) {
      pts.emplace_back(q);
      q += 40.0 * cv::Point2d(std::cos(a), std::sin(a));
    }
    cv::polylines(creases, pts, false, cv::Scalar(255), rng.uniform_int(3, 6), cv::LINE_AA);
  }
  cv::Mat cm;
  creases.convertTo(cm, CV_32F, rng.uniform(0.03, 0.07) / 255.0);
  cv::GaussianBlur(cm, cm, cv::Size(0, 0), 2.5);
  darken_with_mask(canvas, cm, 1.0);
}

cv::Point to_canvas(cv::Point2d p, int margin) {
  return cv::Point(static_cast<int>(std::lround(p.x + margin)),
                   static_cast<int>(std::lround(p.y + margin)));
}

// Follicular openings and the faint shaft seen through the skin below them.
void add_openings(cv::Mat& canvas, const Patient& p, const std::vector<SceneHair>& hairs,
                  int margin) {
  cv::Mat holes(canvas.size(), CV_32F, cv::Scalar(0));
  cv::Mat sub(canvas.size(), CV_32F, cv::Scalar(0));
  for (const SceneHair& h : hairs) {
    // The opening is a pit a little wider than its shafts.
    cv::circle(holes, to_canvas(h.exit, margin),
               static_cast<int>(std::lround(h.radius_px * 1.5 + 2)), cv::Scalar(0.14), cv::FILLED,
               cv::LINE_AA);
    if (p.subsurface <= 0 || h.vellus_like) continue;
    cv::Point2d back(-std::cos(h.heading), -std::sin(h.heading));
    double len = 150.0 / p.um_per_px;
    cv::line(sub, to_canvas(h.exit, margin), to_canvas(h.exit + len * back, margin),
             cv::Scalar(p.subsurface), std::max(1, static_cast<int>(h.radius_px * 2)), cv::LINE_AA);
  }
  cv::GaussianBlur(holes, holes, cv::Size(0, 0), 1.2);
  darken_with_mask(canvas, holes, 1.0);
  cv::GaussianBlur(sub, sub, cv::Size(0, 0), 3.0);
  darken_with_mask(canvas, sub, 1.0);
}

double radius_at(const SceneHair& h, double s, double length) {
  if (!h.natural_tip) return h.radius_px;
  double taper = 0.45 * h.length1_px;
  double f = std::clamp((length - s) / taper, 0.0, 1.0);
  return std::max(0.15, h.radius_px * std::pow(f, 0.8));
}

// Per supersample: the nearest surface hit, as normalised signed distance.
struct Hit {
  float q = 2;  // |distance| / radius; >= 1 means outside the shaft.
  float side = 0;
};

void rasterise_segments(const std::vector<cv::Point2d>& path, const std::vector<double>& radius,
                        cv::Rect box, std::vector<Hit>& hits) {
  const int bw = box.width * kSub;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    cv::Point2d a = path[i], d = path[i + 1] - path[i];
    double len2 = d.dot(d);
    if (len2 <= 0) continue;
    double rmax = std::max(radius[i], radius[i + 1]) + 1;
    int x0 = std::max(box.x, (int)std::floor(std::min(a.x, a.x + d.x) - rmax));
    int x1 = std::min(box.x + box.width - 1, (int)std::ceil(std::max(a.x, a.x + d.x) + rmax));
    int y0 = std::max(box.y, (int)std::floor(std::min(a.y, a.y + d.y) - rmax));
    int y1 = std::min(box.y + box.height - 1, (int)std::ceil(std::max(a.y, a.y + d.y) + rmax));
    for (int y = y0 * kSub; y <= y1 * kSub + kSub - 1; ++y) {
      double py = (y + 0.5) / kSub - 0.5;
      for (int x = x0 * kSub; x <= x1 * kSub + kSub - 1; ++x) {
        double px = (x + 0.5) / kSub - 0.5;
        cv::Point2d v(px - a.x, py - a.y);
        double u = v.dot(d) / len2;
        // Flat cut ends: no caps beyond the first and last point.
        if ((i == 0 && u < 0) || (i + 2 == path.size() && u > 1)) continue;
        u = std::clamp(u, 0.0, 1.0);
        double r = radius[i] + u * (radius[i + 1] - radius[i]);
        double cross = d.x * v.y - d.y * v.x;
        double dist = std::abs(cross) / std::sqrt(len2);
        if (u == 0.0 || u == 1.0) dist = std::hypot(v.x - u * d.x, v.y - u * d.y);
        float q = static_cast<float>(dist / r);
        Hit& hit = hits[(y - box.y * kSub) * bw + (x - box.x * kSub)];
        if (q < hit.q) hit = {q, cross >= 0 ? q : -q};
      }
    }
  }
}

void composite_hair(cv::Mat& canvas, const SceneHair& h, double length, double specular,
                    int margin) {
  std::vector<cv::Point2d> path = hair_path(h, length);
  std::vector<double> radius(path.size());
  for (auto& p : path) p += cv::Point2d(margin, margin);
  for (size_t i = 0; i < path.size(); ++i)
    radius[i] = radius_at(h, length * i / (path.size() - 1), length);
  cv::Rect2d b = cv::boundingRect(std::vector<cv::Point2f>(path.begin(), path.end()));
  int pad = static_cast<int>(std::ceil(h.radius_px)) + 3;
  cv::Rect box = cv::Rect(cv::Point(b.x - pad, b.y - pad),
                          cv::Point(b.x + b.width + pad, b.y + b.height + pad)) &
                 cv::Rect(0, 0, canvas.cols, canvas.rows);
  if (box.area() == 0) return;
  std::vector<Hit> hits(box.area() * kSub * kSub);
  rasterise_segments(path, radius, box, hits);
  const double keep = 1 - h.opacity;
  for (int y = 0; y < box.height; ++y) {
    auto* row = canvas.ptr<cv::Vec3f>(box.y + y) + box.x;
    for (int x = 0; x < box.width; ++x) {
      double alpha = 0, spec = 0;
      for (int sy = 0; sy < kSub; ++sy)
        for (int sx = 0; sx < kSub; ++sx) {
          const Hit& hit = hits[(y * kSub + sy) * box.width * kSub + x * kSub + sx];
          if (hit.q >= 1) continue;
          alpha += 1 - std::pow(keep, std::sqrt(1 - hit.q * hit.q));
          spec += std::exp(-std::pow((hit.side - 0.35) / 0.15, 2));
        }
      if (alpha <= 0) continue;
      alpha /= kSub * kSub;
      spec = specular * spec / (kSub * kSub);
      row[x] = row[x] * (1 - alpha) + h.color * alpha + cv::Vec3f::all(static_cast<float>(spec));
    }
  }
}

}  // namespace

cv::Mat render_world(const Patient& p, const std::vector<SceneHair>& hairs, cv::Size view,
                     int margin, bool second, std::uint64_t seed) {
  cv::Size size(view.width + 2 * margin, view.height + 2 * margin);
  cv::Mat canvas(size, CV_32FC3, cv::Scalar(p.skin[0], p.skin[1], p.skin[2]));
  Rng rng(seed);
  add_skin_texture(canvas, p, rng);
  add_openings(canvas, p, hairs, margin);
  std::vector<size_t> order(hairs.size());
  std::iota(order.begin(), order.end(), 0);
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.next() % i]);
  for (size_t i : order) {
    const SceneHair& h = hairs[i];
    double spec = p.specular_on_hair * (h.color[1] < 0.3f ? 1.0 : 0.4);
    composite_hair(canvas, h, second ? h.length2_px : h.length1_px, spec, margin);
  }
  return canvas;
}

cv::Mat finish_view(const cv::Mat& view, const Patient& p, Rng& rng) {
  cv::Mat img = view.clone();
  // Bright specular reflections of the immersion fluid / skin surface.
  cv::Mat spots(img.size(), CV_32F, cv::Scalar(0));
  for (int i = 0; i < p.specular_spots; ++i) {
    cv::Point c(rng.uniform_int(0, img.cols - 1), rng.uniform_int(0, img.rows - 1));
    cv::Size axes(rng.uniform_int(2, 7), rng.uniform_int(2, 5));
    cv::ellipse(spots, c, axes, rng.uniform(0, 180), 0, 360, cv::Scalar(rng.uniform(0.5, 1.0)),
                cv::FILLED, cv::LINE_AA);
  }
  cv::GaussianBlur(spots, spots, cv::Size(0, 0), 1.0);
  cv::Mat spots3;
  cv::merge(std::vector<cv::Mat>{spots, spots, spots}, spots3);
  img += spots3;
  // Vignetting.
  cv::Mat vig(img.size(), CV_32FC3);
  double v = rng.uniform(0, 0.15), cx = img.cols / 2.0, cy = img.rows / 2.0;
  double rmax2 = cx * cx + cy * cy;
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x) {
      float f = static_cast<float>(1 - v * ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / rmax2);
      vig.at<cv::Vec3f>(y, x) = cv::Vec3f::all(f);
    }
  img = img.mul(vig);
  cv::GaussianBlur(img, img, cv::Size(0, 0), p.blur_sigma);
  cv::Mat noise(img.size(), CV_32FC3);
  cv::RNG cvrng(rng.next());
  cvrng.fill(noise, cv::RNG::NORMAL, 0, p.noise_sigma / 255.0);
  img += noise;
  cv::Mat out;
  img.convertTo(out, CV_8UC3, 255.0);
  if (p.jpeg_quality > 0) {
    std::vector<unsigned char> buf;
    cv::imencode(".jpg", out, buf, {cv::IMWRITE_JPEG_QUALITY, p.jpeg_quality});
    out = cv::imdecode(buf, cv::IMREAD_COLOR);
  }
  return out;
}

}  // namespace anagen::imaging::synth
