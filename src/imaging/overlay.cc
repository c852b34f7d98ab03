#include "overlay.h"

#include <algorithm>
#include <cmath>
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

double font_scale(cv::Size image) { return std::max(0.35, image.width / 3000.0); }

// Where a label goes: beside the exit, on the first side where it overlaps
// no label placed before (hairs of one opening share an exit), else a step
// further out; where all are taken, the first place.
cv::Rect place_label(cv::Point exit, cv::Size text, int baseline, std::vector<cv::Rect>& placed) {
  const int h = text.height + baseline;
  std::vector<cv::Point> corners;  // Top-left corners of the candidates.
  for (int step = 0; step < 3; ++step) {
    const int d = 5 + step * h;
    corners.insert(corners.end(), {exit + cv::Point(d, -d - h), exit + cv::Point(d, d),
                                   exit + cv::Point(-d - text.width, -d - h),
                                   exit + cv::Point(-d - text.width, d)});
  }
  cv::Rect chosen(corners.front(), cv::Size(text.width, h));
  for (const cv::Point& c : corners) {
    cv::Rect r(c, cv::Size(text.width, h));
    if (std::none_of(placed.begin(), placed.end(),
                     [&](const cv::Rect& p) { return (p & r).area() > 0; })) {
      chosen = r;
      break;
    }
  }
  placed.push_back(chosen);
  return chosen;
}

// A key in the top-left corner, on a half-transparent background so that the
// hairs under it stay visible.
void draw_legend(cv::Mat& out, const Analysis& a, const Options& o, double font) {
  std::vector<std::pair<cv::Scalar, std::string>> rows = {
      {kTerminal, "counted: number:diameter um (numbers as in the report)"},
      {kVellus,
       "counted vellus (<= " + std::to_string(std::lround(o.vellus_threshold_um)) + " um)"},
      {kUncounted, "exit outside the frame: not counted"}};
  if (a.anagen_percent) rows.push_back({kTelogen, "telogen (did not grow)"});
  int baseline = 0;
  const cv::Size line =
      cv::getTextSize(rows.front().second, cv::FONT_HERSHEY_SIMPLEX, font, 1, &baseline);
  const int row_h = line.height + baseline + 4;
  const cv::Rect box(2, 2, std::min(out.cols - 4, line.width + 30),
                     std::min(out.rows - 4, row_h * static_cast<int>(rows.size()) + 6));
  cv::Mat area = out(box);
  area.convertTo(area, -1, 0.45);  // Darken to 45%.
  for (size_t i = 0; i < rows.size(); ++i) {
    const int y = box.y + 4 + row_h * static_cast<int>(i) + line.height;
    cv::line(out, {box.x + 4, y - line.height / 2}, {box.x + 20, y - line.height / 2},
             rows[i].first, 2, cv::LINE_AA);
    cv::putText(out, rows[i].second, {box.x + 26, y}, cv::FONT_HERSHEY_SIMPLEX, font, rows[i].first,
                1, cv::LINE_AA);
  }
}

}  // namespace

std::vector<OverlayLabel> overlay_labels(const Analysis& analysis, cv::Size image) {
  const double font = font_scale(image);
  std::vector<OverlayLabel> labels;
  std::vector<cv::Rect> placed;
  int number = 0;  // Counted hairs only, in order: the report's `hairs` list.
  for (const Hair& h : analysis.hairs) {
    if (!h.counted) continue;
    OverlayLabel l;
    l.text = std::to_string(++number) + ":" + std::to_string(std::lround(h.diameter_um));
    int baseline = 0;
    l.text_size = cv::getTextSize(l.text, cv::FONT_HERSHEY_SIMPLEX, font, 1, &baseline);
    l.box =
        place_label(cv::Point(std::lround(h.x), std::lround(h.y)), l.text_size, baseline, placed);
    l.colour = colour_of(h);
    labels.push_back(std::move(l));
  }
  return labels;
}

cv::Mat draw_overlay(const cv::Mat& image, const Analysis& analysis, const Options& options) {
  cv::Mat out = as_bgr(image, "overlay image").clone();
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
  const double font = font_scale(out.size());
  for (const OverlayLabel& l : overlay_labels(analysis, out.size())) {
    cv::putText(out, l.text, {l.box.x, l.box.y + l.text_size.height}, cv::FONT_HERSHEY_SIMPLEX,
                font, l.colour, 1, cv::LINE_AA);
  }
  draw_legend(out, analysis, options, font);
  return out;
}

}  // namespace anagen::imaging
