#include "count_model.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <unordered_map>

#include "boosted_trees.h"
#include "hair_measure.h"
#include "hair_tracer.h"

namespace anagen::imaging {
namespace {

#include "count_model_table.inc"  // kCountBase, kCountNodes, kCountRoots.

constexpr BoostedTrees kCountModel{kCountBase, kCountNodes, kCountRoots};
static_assert(reads_within(kCountNodes, kCountFeatures), "count table for other features");

constexpr double kFarWidths = 50;  // Distances beyond this many widths read as this.
// About the fewest counted traces the training images have (29 of seeds
// 3-7's 1,200 images at the fewest, when it was set): the model was hardly fitted there, and on a
// few traces a sum of expectations is no better than the traces' own decisions (drawn test images
// hold 1-12 hairs).
constexpr long kMinModelTraces = 30;

double width_of(const TraceFacts& f) { return std::max(1.0, f.width_px); }

double median_of(std::vector<double> v) { return v.empty() ? 0 : median(std::move(v)); }

// Squared distances: hypot is slow, and the traces' exits are compared
// with every other's.
double nearest_exit(const std::vector<Hair>& hairs, size_t i) {
  double best = 1e18;
  for (size_t j = 0; j < hairs.size(); ++j) {
    const double dx = hairs[j].x - hairs[i].x, dy = hairs[j].y - hairs[i].y;
    if (j != i) best = std::min(best, dx * dx + dy * dy);
  }
  return std::sqrt(best);
}

int exits_within(const std::vector<Hair>& hairs, size_t i, double r) {
  int n = 0;
  for (size_t j = 0; j < hairs.size(); ++j) {
    const double dx = hairs[j].x - hairs[i].x, dy = hairs[j].y - hairs[i].y;
    n += j != i && dx * dx + dy * dy <= r * r;
  }
  return n;
}

// Distance from hair i's exit to the nearest point of another trace, px
// (only traces whose box comes within `reach`).
double nearest_trace(const std::vector<Hair>& hairs, const std::vector<cv::Rect2f>& boxes, size_t i,
                     double reach) {
  const cv::Point2f e(static_cast<float>(hairs[i].x), static_cast<float>(hairs[i].y));
  double best = reach;
  for (size_t j = 0; j < hairs.size(); ++j) {
    const cv::Rect2f& b = boxes[j];
    if (j == i || e.x < b.x - best || e.x > b.x + b.width + best || e.y < b.y - best ||
        e.y > b.y + b.height + best)
      continue;
    for (const cv::Point2f& p : hairs[j].path) best = std::min(best, double(cv::norm(p - e)));
  }
  return best;
}

// The traces' points in 8-px cells, to find which lie along another trace.
class PointGrid {
 public:
  explicit PointGrid(const std::vector<Hair>& hairs) {
    for (size_t j = 0; j < hairs.size(); ++j)
      for (const cv::Point2f& p : hairs[j].path) cells_[key(p)].push_back({p, static_cast<int>(j)});
  }
  // Whether a point of a trace other than `self` lies within `tol` px of p
  // (first), and one of a trace longer than `length_um` (second).
  std::pair<bool, bool> near_other(cv::Point2f p, int self, float tol,
                                   const std::vector<Hair>& hairs, double length_um) const {
    const int cx = cell(p.x), cy = cell(p.y);
    bool any = false;
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx) {
        auto it = cells_.find(pack(cx + dx, cy + dy));
        if (it == cells_.end()) continue;
        for (const auto& [q, j] : it->second)
          if (j != self && std::abs(q.x - p.x) <= tol && std::abs(q.y - p.y) <= tol &&
              cv::norm(q - p) <= tol) {
            any = true;
            if (hairs[j].length_um > length_um) return {true, true};
          }
      }
    return {any, false};
  }

 private:
  static constexpr float kCell = 8;
  static int cell(float v) { return static_cast<int>(std::floor(v / kCell)); }
  static long long pack(int x, int y) {
    return (static_cast<long long>(y) << 32) ^ (x & 0xffffffffLL);
  }
  static long long key(cv::Point2f p) { return pack(cell(p.x), cell(p.y)); }
  std::unordered_map<long long, std::vector<std::pair<cv::Point2f, int>>> cells_;
};

// Shares of hair i's points (every other one) that lie along another trace,
// along a longer one, and of the exit third's points along another.
std::array<double, 3> along_shares(const std::vector<Hair>& hairs, size_t i, double width_px,
                                   const PointGrid& grid) {
  const std::vector<cv::Point2f>& path = hairs[i].path;
  const float tol = static_cast<float>(std::min(0.5 * width_px + 2, 7.0));  // Inside one cell.
  int n = 0, along = 0, longer = 0, n_exit = 0, along_exit = 0;
  for (size_t k = 0; k < path.size(); k += 2) {
    const auto [a, l] =
        grid.near_other(path[k], static_cast<int>(i), tol, hairs, hairs[i].length_um);
    ++n;
    along += a;
    longer += l;
    if (3 * k < path.size()) {
      ++n_exit;
      along_exit += a;
    }
  }
  return {n ? double(along) / n : 0, n ? double(longer) / n : 0,
          n_exit ? double(along_exit) / n_exit : 0};
}

double straightness(const std::vector<cv::Point2f>& path) {
  const double len = polyline_length(path);
  return len > 0 ? cv::norm(path.back() - path.front()) / len : 1;
}

double frame_inset(const Hair& h, const cv::Rect2d& f) {
  return std::min({h.x - f.x, f.x + f.width - h.x, h.y - f.y, f.y + f.height - h.y});
}

}  // namespace

std::vector<CountFeatures> count_features(const std::vector<Hair>& hairs, const CountInputs& in) {
  const std::vector<TraceFacts>& facts = in.traces;
  const ImageFacts& image = in.image;
  std::vector<double> widths, diameters, cnr, lengths, spreads;
  int counted = 0, shared = 0;
  for (size_t i = 0; i < hairs.size(); ++i) {
    if (!hairs[i].counted) continue;
    ++counted;
    widths.push_back(facts[i].width_px);
    diameters.push_back(hairs[i].diameter_um);
    cnr.push_back(facts[i].contrast / image.noise);
    lengths.push_back(std::log(std::max(hairs[i].length_um, 1.0)));
    spreads.push_back(facts[i].width_spread);
    shared += facts[i].exit_kind != 0;
  }
  const double shared_share = counted ? double(shared) / counted : 0;
  const double typical_length = median_of(lengths), typical_spread = median_of(spreads);
  const double typical_width = std::max(1.0, median_of(widths));
  const double typical_diameter = median_of(diameters), typical_cnr = median_of(cnr);
  const double typical_contrast = std::max(1.0, typical_cnr * image.noise);
  const double area_mm2 = image.frame.area() * image.um_per_px * image.um_per_px * 1e-6;
  const double density = std::log((counted + 1) / std::max(area_mm2, 1e-3));
  std::vector<cv::Rect2f> boxes;
  for (const Hair& h : hairs) boxes.push_back(cv::boundingRect(h.path));
  const PointGrid grid(hairs);
  std::vector<CountFeatures> out(hairs.size());
  for (size_t i = 0; i < hairs.size(); ++i) {
    const Hair& h = hairs[i];
    const TraceFacts& t = facts[i];
    const double w = width_of(t);
    CountFeatures& f = out[i];
    // The table's feature numbers, in order: 0 log length (µm), 1 diameter,
    // 2 width / the image's median, 3 width (µm), 4 contrast / the image's
    // median, 5 contrast / noise, 6-7 exit and tip end kinds, 8-9 exit and tip
    // cut by the edge, 10 width at the exit / at the tip, 11 width spread,
    // 12-13 opening ring at the exit and tip, 14 edge rise / width, 15 clean
    // sections per px, 16 nearest other exit and 17 nearest other trace to
    // the exit (widths), 18 exit's inset in the counting frame (widths), 19
    // chord / length, 20 exits within 4 widths; the image's 21 log density
    // of counted traces (per mm²), 22 median diameter, 23 median contrast /
    // noise, 24 scale, 25 noise, 26 share of counted exits at a node, 27
    // median log length, 28 median width spread; 29 share of the trace
    // along another trace, 30 along a longer one, 31 of its exit third
    // along another.
    int k = 0;
    f[k++] = static_cast<float>(std::log(std::max(h.length_um, 1.0)));
    f[k++] = static_cast<float>(h.diameter_um);
    f[k++] = static_cast<float>(t.width_px / typical_width);
    f[k++] = static_cast<float>(t.width_px * image.um_per_px);
    f[k++] = static_cast<float>(t.contrast / typical_contrast);
    f[k++] = static_cast<float>(t.contrast / image.noise);
    f[k++] = static_cast<float>(t.exit_kind);
    f[k++] = static_cast<float>(t.tip_kind);
    f[k++] = t.exit_cut;
    f[k++] = t.tip_cut;
    f[k++] = static_cast<float>(t.width_tip > 0 ? t.width_exit / t.width_tip : 1);
    f[k++] = static_cast<float>(t.width_spread);
    f[k++] = static_cast<float>(t.opening_exit);
    f[k++] = static_cast<float>(t.opening_tip);
    f[k++] = static_cast<float>(t.edge_rise_px / w);
    f[k++] = static_cast<float>(t.samples / std::max(1.0, polyline_length(h.path)));
    f[k++] = static_cast<float>(std::min(kFarWidths, nearest_exit(hairs, i) / w));
    f[k++] = static_cast<float>(nearest_trace(hairs, boxes, i, kFarWidths * w) / w);
    f[k++] =
        static_cast<float>(std::clamp(frame_inset(h, image.frame) / w, -kFarWidths, kFarWidths));
    f[k++] = static_cast<float>(straightness(h.path));
    f[k++] = static_cast<float>(exits_within(hairs, i, 4 * w));
    f[k++] = static_cast<float>(density);
    f[k++] = static_cast<float>(typical_diameter);
    f[k++] = static_cast<float>(typical_cnr);
    f[k++] = static_cast<float>(image.um_per_px);
    f[k++] = static_cast<float>(image.noise);
    f[k++] = static_cast<float>(shared_share);
    f[k++] = static_cast<float>(typical_length);
    f[k++] = static_cast<float>(typical_spread);
    for (double a : along_shares(hairs, i, t.width_px, grid)) f[k++] = static_cast<float>(a);
  }
  return out;
}

double expected_hairs(const CountFeatures& f) { return boosted_sum(kCountModel, f.data()); }

void apply_count_model(std::vector<Hair>& hairs, const std::vector<CountFeatures>& features,
                       const std::vector<TraceFacts>& facts) {
  std::vector<size_t> counted;
  std::vector<double> e(hairs.size(), 0);
  double sum = 0;
  for (size_t i = 0; i < hairs.size(); ++i) {
    if (!hairs[i].counted) continue;
    counted.push_back(i);
    e[i] = expected_hairs(features[i]);
    sum += e[i];
  }
  const long have = static_cast<long>(counted.size());
  const long target = std::clamp(std::lround(sum), std::lround((1 - kMaxCountChange) * have),
                                 std::lround((1 + kMaxCountChange) * have));
  // Most likely to hide a sibling first; ties in index order (deterministic).
  std::stable_sort(counted.begin(), counted.end(), [&](size_t a, size_t b) { return e[a] > e[b]; });
  if (target > have) {
    // The hidden shaft has no cross-section of its own, and its host's fit
    // holds both shafts: it gets the counted hairs' median diameter.
    std::vector<double> diameters;
    for (size_t i : counted) diameters.push_back(hairs[i].diameter_um);
    const double typical = median_of(std::move(diameters));
    const size_t add = static_cast<size_t>(std::min(target - have, have));
    std::vector<std::optional<Hair>> seconds(hairs.size());
    for (size_t k = 0; k < add; ++k) {
      Hair second = hairs[counted[k]];
      second.diameter_um = typical;
      // Nor a shaft of its own to probe for growth (a sibling need not be
      // in its host's phase): unclassified.
      second.anagen.reset();
      // The hidden sibling leaves the same opening: laid a width aside so
      // that the overlay shows it beside the found one.
      const cv::Point2f d = second.path.back() - second.path.front();
      const float len = std::max(1e-3f, static_cast<float>(cv::norm(d)));
      const float w = static_cast<float>(width_of(facts[counted[k]]));
      const cv::Point2f side(-d.y / len * w, d.x / len * w);
      for (cv::Point2f& p : second.path) p += side;
      second.path.front() -= side;  // Same exit point.
      seconds[counted[k]] = std::move(second);
    }
    // Each right after its host: the report and the overlay number them
    // one after the other.
    std::vector<Hair> listed;
    for (size_t i = 0; i < hairs.size(); ++i) {
      listed.push_back(std::move(hairs[i]));
      if (seconds[i]) listed.push_back(std::move(*seconds[i]));
    }
    hairs = std::move(listed);
  } else {
    for (long k = 0; k < have - target; ++k) hairs[counted[have - 1 - k]].counted = false;
  }
}

void count_by_model(std::vector<Hair>& hairs, const CountInputs& in) {
  const long counted =
      std::count_if(hairs.begin(), hairs.end(), [](const Hair& h) { return h.counted; });
  if (counted < kMinModelTraces) return;
  apply_count_model(hairs, count_features(hairs, in), in.traces);
}

}  // namespace anagen::imaging
