// Splits a skeleton graph into individual hairs: prunes spurs, merges the
// twin junctions of a crossing, continues each shaft straight through
// crossings and leaves the hairs of one follicular opening as separate
// hairs ending at their shared node. Internal to the analysis.
#ifndef ANAGEN_IMAGING_HAIR_TRACER_H_
#define ANAGEN_IMAGING_HAIR_TRACER_H_

#include <opencv2/core.hpp>
#include <vector>

#include "skeleton_graph.h"

namespace anagen::imaging {

enum class EndKind {
  kFree,      // The skeleton just stops: a tip, a cut end or a lone exit.
  kShared,    // Several hairs end at one node: a shared follicular opening.
  kJunction,  // Ends on another hair's shaft.
};

struct TracedHair {
  std::vector<cv::Point2f> pts;  // Centreline, about 1 px apart, smoothed.
  EndKind end[2] = {EndKind::kFree, EndKind::kFree};
  bool at_border[2] = {false, false};  // The end runs out of the image.
  double width_px = 0;                 // Widest half-maximum width of its own edges; 0 unknown.
  // Hairs side by side in this trace: more than one for a band of hairs
  // from one opening, traced as one (set by the detection, not the tracer).
  int shafts = 1;
};

struct TraceParams {
  double spur_px = 8;        // Side branches shorter than this are noise.
  double merge_px = 10;      // Junctions closer than this are one crossing.
  double straight_deg = 35;  // Max bend for a shaft continuing through a node.
};

// `edge_widths[i]` is the shaft width (px) along graph.edges[i], 0 if
// unknown. Shafts continue through a node only between edges of similar
// width; where an edge about as wide as two others together splits into
// them (hairs of one opening, or touching hairs, diverging), both hairs
// run along it.
// REQUIRES: `graph` from build_skeleton_graph on an image of `size`;
// edge_widths.size() == graph.edges.size().
std::vector<TracedHair> trace_hairs(SkelGraph graph, const std::vector<double>& edge_widths,
                                    cv::Size size, const TraceParams& params);

// Arc length of a polyline, px.
double polyline_length(const std::vector<cv::Point2f>& pts);

}  // namespace anagen::imaging

#endif  // ANAGEN_IMAGING_HAIR_TRACER_H_
