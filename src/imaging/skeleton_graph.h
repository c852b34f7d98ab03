// Graph of a one-pixel skeleton: junction clusters and free ends as nodes,
// pixel chains between them as edges. Internal to the analysis.
#ifndef ANAGEN_IMAGING_SKELETON_GRAPH_H_
#define ANAGEN_IMAGING_SKELETON_GRAPH_H_

#include <opencv2/core.hpp>
#include <vector>

namespace anagen::imaging {

struct SkelNode {
  cv::Point2f pos;        // Mean of the node's pixels.
  bool junction = false;  // Otherwise a free end.
};

struct SkelEdge {
  int node[2] = {-1, -1};
  // From a pixel of node[0] to a pixel of node[1], m-connected.
  std::vector<cv::Point> pts;
};

struct SkelGraph {
  std::vector<SkelNode> nodes;
  std::vector<SkelEdge> edges;
};

// Builds the graph of `skeleton` (CV_8U, non-zero = skeleton) using
// m-adjacency (diagonal steps only where no 4-path exists), so that staircase
// pixels are not mistaken for junctions. Closed loops without any junction or
// end are dropped (they are not hairs).
SkelGraph build_skeleton_graph(const cv::Mat& skeleton);

// The same for a skeleton inside a frame of background, as thin_framed
// leaves it: `framed` (CV_8U, 0/1, its outermost rows and columns 0) is the
// builder's own grid, used in place (its pixels take flag bits) instead of
// a padded copy.
SkelGraph build_skeleton_graph_framed(cv::Mat framed);

}  // namespace anagen::imaging

#endif  // ANAGEN_IMAGING_SKELETON_GRAPH_H_
