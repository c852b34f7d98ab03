#include "overlay.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "detect.h"

namespace anagen::imaging {
namespace {

const cv::Scalar kUncounted{150, 150, 150}, kTelogen{40, 40, 230}, kVellus{230, 220, 40},
    kTerminal{60, 220, 60};

cv::Scalar colour_of(const Hair& h) {
  if (!h.counted) return kUncounted;
  if (h.anagen.has_value() && !*h.anagen) return kTelogen;
  if (h.vellus) return kVellus;
  return kTerminal;
}

// Labels must stay readable where the web app shows the overlay at about
// half its width: about 1/60 of the image's width in height.
double font_scale(cv::Size image) { return std::max(0.45, image.width / 2000.0); }

// Strokes as thick as the font is large: a 1 px stroke on a 4000 px image
// shown at half size is half a pixel.
int stroke(double font) { return std::max(1, static_cast<int>(std::lround(font * 1.5))); }

// Text in its colour over a dark halo, readable on pale and dark skin alike.
void put_label(cv::Mat& out, const std::string& text, cv::Point origin, double font,
               const cv::Scalar& colour) {
  cv::putText(out, text, origin, cv::FONT_HERSHEY_SIMPLEX, font, {0, 0, 0}, stroke(font) + 2,
              cv::LINE_AA);
  cv::putText(out, text, origin, cv::FONT_HERSHEY_SIMPLEX, font, colour, stroke(font), cv::LINE_AA);
}

// Where a label goes: beside the exit, on the first side where it lies
// within the image and overlaps no label placed before (hairs of one opening
// share an exit), else a step further out; where all are taken, where it
// overlaps least.
cv::Rect place_label(cv::Point exit, cv::Size text, int baseline, cv::Size image,
                     std::vector<cv::Rect>& placed) {
  const int h = text.height + baseline;
  const cv::Rect inside({0, 0}, image);
  std::vector<cv::Point> corners;  // Top-left corners of the candidates.
  for (int step = 0; step < 3; ++step) {
    const int d = 5 + step * h;
    corners.insert(corners.end(), {exit + cv::Point(d, -d - h), exit + cv::Point(d, d),
                                   exit + cv::Point(-d - text.width, -d - h),
                                   exit + cv::Point(-d - text.width, d)});
  }
  cv::Rect chosen;
  double least = std::numeric_limits<double>::infinity();
  for (cv::Point c : corners) {
    c.x = std::clamp(c.x, 0, std::max(0, image.width - text.width));
    c.y = std::clamp(c.y, 0, std::max(0, image.height - h));
    const cv::Rect r(c, cv::Size(text.width, h));
    double overlap = 0;
    for (const cv::Rect& p : placed) overlap += (p & r).area();
    if (overlap < least) {
      least = overlap;
      chosen = r & inside;
    }
    if (overlap == 0) break;
  }
  placed.push_back(chosen);
  return chosen;
}

// "#12 53": hair 12 of the report, 53 um ("12:53" read like a time).
const char* const kLegendWidest = "counted: #number diameter in um (numbers as in the report)";

// The key's rows, and the strip below the image they fill: over the image
// it hid the hairs and labels of its corner.
std::vector<std::pair<cv::Scalar, std::string>> legend_rows(const Analysis& a, double vellus_um) {
  std::vector<std::pair<cv::Scalar, std::string>> rows = {
      {kTerminal, kLegendWidest},
      {kVellus, "counted vellus (<= " + std::to_string(std::lround(vellus_um)) + " um)"},
      {kUncounted, "not counted (exit outside the frame, or not a hair)"}};
  if (a.anagen_percent) rows.push_back({kTelogen, "telogen (did not grow)"});
  return rows;
}

struct LegendBox {
  cv::Rect box;
  int row_h, text_h;
};

LegendBox legend_box(const Analysis& a, cv::Size image, double font) {
  int baseline = 0;
  const cv::Size line =
      cv::getTextSize(kLegendWidest, cv::FONT_HERSHEY_SIMPLEX, font, 1, &baseline);
  const int row_h = line.height + baseline + 4;
  const int rows = static_cast<int>(legend_rows(a, 0).size());
  return {cv::Rect(0, image.height, image.width, row_h * rows + 8), row_h, line.height};
}

// The key, in its strip (dark already) below the image of size `image`.
void draw_legend(cv::Mat& out, cv::Size image, const Analysis& a, const Options& o, double font) {
  const auto rows = legend_rows(a, o.vellus_threshold_um);
  const LegendBox l = legend_box(a, image, font);
  for (size_t i = 0; i < rows.size(); ++i) {
    const int y = l.box.y + 4 + l.row_h * static_cast<int>(i) + l.text_h;
    cv::line(out, {l.box.x + 4, y - l.text_h / 2}, {l.box.x + 20, y - l.text_h / 2}, rows[i].first,
             2, cv::LINE_AA);
    cv::putText(out, rows[i].second, {l.box.x + 26, y}, cv::FONT_HERSHEY_SIMPLEX, font,
                rows[i].first, 1, cv::LINE_AA);
  }
}

}  // namespace

cv::Rect overlay_key(const Analysis& a, cv::Size image) {
  return legend_box(a, image, font_scale(image)).box;
}

std::vector<OverlayLabel> overlay_labels(const Analysis& analysis, cv::Size image) {
  const double font = font_scale(image);
  std::vector<OverlayLabel> labels;
  std::vector<cv::Rect> placed;
  int number = 0;  // Counted hairs only, in order: the report's `hairs` list.
  for (const Hair& h : analysis.hairs) {
    if (!h.counted) continue;
    OverlayLabel l;
    l.text = "#" + std::to_string(++number) + " " + std::to_string(std::lround(h.diameter_um));
    int baseline = 0;
    l.text_size =
        cv::getTextSize(l.text, cv::FONT_HERSHEY_SIMPLEX, font, stroke(font) + 2, &baseline);
    l.box = place_label(cv::Point(std::lround(h.x), std::lround(h.y)), l.text_size, baseline, image,
                        placed);
    l.colour = colour_of(h);
    labels.push_back(std::move(l));
  }
  return labels;
}

cv::Mat draw_overlay(const cv::Mat& image, const Analysis& analysis, const Options& options) {
  const cv::Mat bgr = as_bgr(image, "overlay image");
  const double font = font_scale(bgr.size());
  const cv::Rect key = legend_box(analysis, bgr.size(), font).box;
  cv::Mat canvas(bgr.rows + key.height, bgr.cols, CV_8UC3, cv::Scalar(32, 32, 32));
  bgr.copyTo(canvas(cv::Rect({0, 0}, bgr.size())));
  cv::Mat out = canvas(cv::Rect({0, 0}, bgr.size()));  // The image part; drawing clips to it.
  const cv::Rect2d f = counting_frame(out.size(), options);
  cv::rectangle(out, cv::Point(f.x, f.y), cv::Point(f.x + f.width, f.y + f.height), {255, 255, 255},
                1);
  for (const Hair& h : analysis.hairs) {
    const cv::Scalar c = colour_of(h);
    std::vector<cv::Point> pts;
    for (const auto& p : h.path) pts.emplace_back(std::lround(p.x), std::lround(p.y));
    cv::polylines(out, pts, false, c, 1, cv::LINE_AA);
    cv::circle(out, cv::Point(std::lround(h.x), std::lround(h.y)), 4, c, 1, cv::LINE_AA);
  }
  for (const OverlayLabel& l : overlay_labels(analysis, out.size())) {
    put_label(out, l.text, {l.box.x, l.box.y + l.text_size.height}, font, l.colour);
  }
  draw_legend(canvas, bgr.size(), analysis, options, font);
  return canvas;
}

}  // namespace anagen::imaging
