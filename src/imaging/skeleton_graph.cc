#include "skeleton_graph.h"

#include <unordered_map>
#include <vector>

#include "row_scan.h"

namespace anagen::imaging {
namespace {

// A padded copy of the skeleton with flat indexing. Bit 0: skeleton; the
// Builder keeps its per-pixel flags in the higher bits.
class Grid {
 public:
  // `framed`: 0/1 with a frame of 0, shared (not copied).
  explicit Grid(cv::Mat framed) : img_(std::move(framed)) {
    stride_ = static_cast<int>(img_.step[0]);
    const int offs[8][2] = {{0, -1}, {1, 0}, {0, 1}, {-1, 0}, {1, -1}, {1, 1}, {-1, 1}, {-1, -1}};
    for (int i = 0; i < 8; ++i) off_[i] = offs[i][1] * stride_ + offs[i][0];
  }
  bool on(int idx) const { return img_.data[idx] & 1; }
  unsigned char& flags(int idx) { return img_.data[idx]; }
  // m-neighbours of idx; returns their count.
  int neighbours(int idx, int out[8]) const {
    int n = 0;
    for (int i = 0; i < 4; ++i)
      if (on(idx + off_[i])) out[n++] = idx + off_[i];
    // Diagonal (dx, dy) counts only if neither 4-neighbour between is set.
    const int diag[4][2] = {{0, 1}, {2, 1}, {2, 3}, {0, 3}};
    for (int i = 0; i < 4; ++i) {
      int d = idx + off_[4 + i];
      if (on(d) && !on(idx + off_[diag[i][0]]) && !on(idx + off_[diag[i][1]])) out[n++] = d;
    }
    return n;
  }
  cv::Point point(int idx) const { return {idx % stride_ - 1, idx / stride_ - 1}; }
  int size() const { return static_cast<int>(img_.total()); }
  int stride() const { return stride_; }
  const cv::Mat& image() const { return img_; }
  cv::Mat& image() { return img_; }

 private:
  cv::Mat img_;
  int stride_ = 0;
  int off_[8] = {};
};

// Per-pixel node ids and "visited" marks as flag bits in the grid (node ids
// themselves in a map: node pixels are few), instead of two image-sized
// arrays.
class NodeIds {
 public:
  explicit NodeIds(Grid& grid) : grid_(grid) {}
  int operator[](int idx) const {
    if (!(grid_.image().data[idx] & kNode)) return -1;
    return ids_.find(idx)->second;
  }
  void set(int idx, int id) {
    grid_.flags(idx) |= kNode;
    ids_[idx] = id;
  }

 private:
  static constexpr unsigned char kNode = 2;
  Grid& grid_;
  std::unordered_map<int, int> ids_;
};

class Visited {
 public:
  explicit Visited(Grid& grid) : grid_(grid) {}
  bool operator[](int idx) const { return grid_.image().data[idx] & kVisited; }
  void set(int idx) { grid_.flags(idx) |= kVisited; }

 private:
  static constexpr unsigned char kVisited = 4;
  Grid& grid_;
};

struct Builder {
  Grid& grid;
  NodeIds node_of;  // Per pixel: node id, -1 none.
  Visited visited;  // Per pixel: used by an edge interior.
  SkelGraph graph;

  void make_nodes(const std::vector<int>& pixels) {
    std::vector<int> members, stack;
    int nb[8];
    for (int idx : pixels) {
      int deg = grid.neighbours(idx, nb);
      if (deg == 2 || node_of[idx] >= 0) continue;
      const int id = static_cast<int>(graph.nodes.size());
      graph.nodes.push_back({{0, 0}, deg >= 3});
      members.clear();
      stack.assign(1, idx);
      node_of.set(idx, id);
      while (!stack.empty()) {  // Flood adjacent junction pixels.
        int p = stack.back();
        stack.pop_back();
        members.push_back(p);
        int pn[8], qn[8];
        int k = grid.neighbours(p, pn);
        if (k < 3) continue;  // A free end is a node of one pixel.
        for (int i = 0; i < k; ++i)
          if (node_of[pn[i]] < 0 && grid.neighbours(pn[i], qn) >= 3) {
            node_of.set(pn[i], id);
            stack.push_back(pn[i]);
          }
      }
      cv::Point2f sum(0, 0);
      for (int p : members) sum += cv::Point2f(grid.point(p));
      graph.nodes[id].pos = sum / static_cast<float>(members.size());
    }
  }

  void trace_from(int start, int first) {
    SkelEdge e;
    e.node[0] = node_of[start];
    e.pts = {grid.point(start)};
    int prev = start, cur = first, nb[8];
    while (node_of[cur] < 0) {
      visited.set(cur);
      e.pts.push_back(grid.point(cur));
      int k = grid.neighbours(cur, nb), next = -1;
      for (int i = 0; i < k; ++i)
        if (nb[i] != prev) next = nb[i];
      if (next < 0 || (node_of[next] < 0 && visited[next])) return;  // Broken.
      prev = cur;
      cur = next;
    }
    // Edges joining two pixels of one node directly are not edges.
    if (e.pts.size() == 1 && node_of[cur] == e.node[0]) return;
    e.node[1] = node_of[cur];
    e.pts.push_back(grid.point(cur));
    graph.edges.push_back(std::move(e));
  }

  void make_edges(const std::vector<int>& pixels) {
    int nb[8];
    for (int idx : pixels) {
      if (node_of[idx] < 0) continue;
      int k = grid.neighbours(idx, nb);
      for (int i = 0; i < k; ++i) {
        int n = nb[i];
        if (node_of[n] >= 0) {
          // Direct node-to-node step: record once, from the lower index.
          if (node_of[n] != node_of[idx] && idx < n) trace_from(idx, n);
        } else if (!visited[n]) {
          trace_from(idx, n);
        }
      }
    }
  }
};

}  // namespace

SkelGraph build_skeleton_graph(const cv::Mat& skeleton) {
  cv::Mat framed;
  cv::copyMakeBorder(skeleton, framed, 1, 1, 1, 1, cv::BORDER_CONSTANT, 0);
  // The grid holds 0/1 (bit 0); other values would read as flags.
  cv::min(framed, 1, framed);
  return build_skeleton_graph_framed(std::move(framed));
}

SkelGraph build_skeleton_graph_framed(cv::Mat framed) {
  CV_Assert(framed.type() == CV_8U && framed.rows >= 2 && framed.cols >= 2);
  // Neighbours are read without bounds checks: the frame must be background.
  CV_Assert(
      cv::countNonZero(framed.row(0)) == 0 && cv::countNonZero(framed.row(framed.rows - 1)) == 0 &&
      cv::countNonZero(framed.col(0)) == 0 && cv::countNonZero(framed.col(framed.cols - 1)) == 0);
  Grid grid(std::move(framed));
  const int rows = grid.image().rows - 2, cols = grid.image().cols - 2;
  std::vector<int> pixels;
  for (int y = 1; y <= rows; ++y) {
    const unsigned char* row = grid.image().ptr<unsigned char>(y);
    for_each_set(row, 1, cols + 1, [&](int x) { pixels.push_back(y * grid.stride() + x); });
  }
  Builder b{grid, NodeIds(grid), Visited(grid), {}};
  b.make_nodes(pixels);
  b.make_edges(pixels);
  return std::move(b.graph);
}

}  // namespace anagen::imaging
