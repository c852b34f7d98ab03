#include "hair_tracer.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace anagen::imaging {
namespace {

double edge_length(const SkelEdge& e) {
  // Skeleton edges step to a neighbouring pixel: std::hypot of such a step
  // is one of three values, looked up instead of computed (the same values
  // in the same order, so the same sum); other steps are computed.
  static const double kStep[2][2] = {{0.0, 1.0}, {1.0, std::hypot(1, 1)}};
  double len = 0;
  for (size_t i = 1; i < e.pts.size(); ++i) {
    const int dx = e.pts[i].x - e.pts[i - 1].x, dy = e.pts[i].y - e.pts[i - 1].y;
    len += std::abs(dx) <= 1 && std::abs(dy) <= 1 ? kStep[dx != 0][dy != 0] : std::hypot(dx, dy);
  }
  return len;
}

// Edge ends are numbered edge * 2 + side; side 0 is at edge.node[0].
struct Work {
  SkelGraph g;
  std::vector<double> width;
  std::vector<char> alive;
  std::vector<int> parent;

  int root(int n) {
    while (parent[n] != n) n = parent[n] = parent[parent[n]];
    return n;
  }
  int node_at(int end) { return root(g.edges[end / 2].node[end % 2]); }

  std::vector<int> degrees() {
    std::vector<int> deg(g.nodes.size(), 0);
    for (size_t e = 0; e < g.edges.size(); ++e)
      if (alive[e]) {
        ++deg[node_at(2 * e)];
        ++deg[node_at(2 * e + 1)];
      }
    return deg;
  }

  void prune_spurs(double spur_px) {
    for (int round = 0; round < 2; ++round) {
      std::vector<int> deg = degrees();
      for (size_t e = 0; e < g.edges.size(); ++e) {
        if (!alive[e]) continue;
        int a = node_at(2 * e), b = node_at(2 * e + 1);
        double len = edge_length(g.edges[e]);
        bool spur = (deg[a] == 1 && deg[b] >= 3) || (deg[b] == 1 && deg[a] >= 3);
        if ((spur && len < spur_px) || (a == b && len < 4 * spur_px)) {
          alive[e] = 0;
          --deg[a];
          --deg[b];
        }
      }
    }
  }

  // Two short edges joining the same two nodes enclose a hole where two
  // shafts overlap (near a shared opening): keep only the shorter.
  void drop_bubbles(double max_px) {
    std::vector<int> best_edge;
    std::vector<std::pair<std::pair<int, int>, int>> keyed;
    for (size_t e = 0; e < g.edges.size(); ++e) {
      if (!alive[e]) continue;
      int a = node_at(2 * e), b = node_at(2 * e + 1);
      if (a == b || edge_length(g.edges[e]) > max_px) continue;
      keyed.push_back({{std::min(a, b), std::max(a, b)}, static_cast<int>(e)});
    }
    std::sort(keyed.begin(), keyed.end());
    for (size_t i = 1; i < keyed.size(); ++i)
      if (keyed[i].first == keyed[i - 1].first) {
        int e1 = keyed[i - 1].second, e2 = keyed[i].second;
        int longer = edge_length(g.edges[e1]) >= edge_length(g.edges[e2]) ? e1 : e2;
        alive[longer] = 0;
        if (longer == e1)
          keyed[i].second = e2;  // Compare the survivor next.
        else
          keyed[i].second = e1;
      }
  }

  void merge_close_junctions(double merge_px) {
    std::vector<int> deg = degrees();
    for (size_t e = 0; e < g.edges.size(); ++e) {
      int a = node_at(2 * e), b = node_at(2 * e + 1);
      if (!alive[e] || a == b || deg[a] < 3 || deg[b] < 3) continue;
      if (edge_length(g.edges[e]) >= merge_px) continue;
      alive[e] = 0;
      g.nodes[b].pos = (g.nodes[a].pos + g.nodes[b].pos) * 0.5f;
      parent[a] = b;
      deg[b] += deg[a] - 2;
    }
  }

  // Unit direction leaving the node along the edge end.
  cv::Point2f direction(int end) {
    const auto& pts = g.edges[end / 2].pts;
    const int n = static_cast<int>(pts.size());
    auto at = [&](int i) { return cv::Point2f(end % 2 == 0 ? pts[i] : pts[n - 1 - i]); };
    int i1 = std::min(3, n - 1), i2 = std::min(16, n - 1);
    if (i2 - i1 < 2) i1 = 0;
    cv::Point2f d = at(i2) - at(i1);
    double len = std::hypot(d.x, d.y);
    return len > 0 ? d / static_cast<float>(len) : cv::Point2f(0, 0);
  }
};

// How ends link through nodes: partner[end] continues `end`'s shaft; a
// trunk end (shared by two diverging hairs) has two partners.
struct Links {
  std::vector<int> partner, second_partner;
  std::vector<char> trunk;  // Per edge.
};

bool similar_width(double a, double b) {
  return a <= 0 || b <= 0 || std::max(a, b) <= 1.5 * std::min(a, b);
}

// At a node of three ends, one about as wide as the other two together and
// facing away from both: the two hairs run along it together.
bool link_trunk(Work& w, const std::vector<int>& ends, Links& l) {
  if (ends.size() != 3) return false;
  for (int t = 0; t < 3; ++t) {
    int a = ends[(t + 1) % 3], b = ends[(t + 2) % 3], tr = ends[t];
    double wt = w.width[tr / 2], wa = w.width[a / 2], wb = w.width[b / 2];
    if (wa <= 0 || wb <= 0 || wt < 1.3 * std::max(wa, wb) || wt > 1.25 * (wa + wb) + 2) continue;
    cv::Point2f dt = w.direction(tr), da = w.direction(a), db = w.direction(b);
    if (da.dot(db) < std::cos(70 * M_PI / 180)) continue;
    if (-dt.dot(da) < std::cos(50 * M_PI / 180) || -dt.dot(db) < std::cos(50 * M_PI / 180))
      continue;
    l.partner[a] = l.partner[b] = tr;
    l.partner[tr] = a;
    l.second_partner[tr] = b;
    l.trunk[tr / 2] = 1;
    return true;
  }
  return false;
}

void pair_straight(Work& w, const std::vector<int>& ends, double min_cos, Links& l) {
  struct Cand {
    double c;
    int i, j;
  };
  std::vector<Cand> cands;
  for (size_t i = 0; i < ends.size(); ++i)
    for (size_t j = i + 1; j < ends.size(); ++j) {
      if (ends[i] / 2 == ends[j] / 2) continue;  // Self loop.
      double wi = w.width[ends[i] / 2], wj = w.width[ends[j] / 2];
      if (!similar_width(wi, wj)) continue;
      double c = -w.direction(ends[i]).dot(w.direction(ends[j]));
      if (wi > 0 && wj > 0) c -= 0.2 * std::abs(std::log(wi / wj));
      if (c >= min_cos) cands.push_back({c, ends[i], ends[j]});
    }
  std::sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& b) {
    return a.c != b.c ? a.c > b.c : a.i != b.i ? a.i < b.i : a.j < b.j;
  });
  for (const Cand& c : cands)
    if (l.partner[c.i] < 0 && l.partner[c.j] < 0) {
      l.partner[c.i] = c.j;
      l.partner[c.j] = c.i;
    }
}

Links link_ends(Work& w, double straight_deg) {
  std::vector<std::vector<int>> at(w.g.nodes.size());
  for (size_t e = 0; e < w.g.edges.size(); ++e)
    if (w.alive[e])
      for (int s = 0; s < 2; ++s) at[w.node_at(2 * e + s)].push_back(2 * e + s);
  Links l{std::vector<int>(w.g.edges.size() * 2, -1), std::vector<int>(w.g.edges.size() * 2, -1),
          std::vector<char>(w.g.edges.size(), 0)};
  // Shafts of one opening fan out within about 40 degrees, so two shafts
  // left over at a node that leave it in nearly opposite directions are one
  // bent or crossing hair: a second, looser pass pairs them.
  const double strict = std::cos(straight_deg * M_PI / 180);
  const double loose = std::cos(1.7 * straight_deg * M_PI / 180);
  for (const auto& ends : at) {
    if (link_trunk(w, ends, l)) continue;
    pair_straight(w, ends, strict, l);
    pair_straight(w, ends, loose, l);
  }
  return l;
}

std::vector<cv::Point2f> resample_smooth(const std::vector<cv::Point2f>& in) {
  std::vector<cv::Point2f> out;
  if (in.empty()) return out;
  out.push_back(in[0]);
  double carry = 0;
  for (size_t i = 1; i < in.size(); ++i) {
    cv::Point2f d = in[i] - in[i - 1];
    double len = std::hypot(d.x, d.y);
    if (len <= 0) continue;
    double t = 1 - carry;
    for (; t <= len; t += 1) out.push_back(in[i - 1] + d * static_cast<float>(t / len));
    carry = len - (t - 1);
  }
  if (out.size() > 1 && cv::norm(out.back() - in.back()) > 0.3) out.push_back(in.back());
  std::vector<cv::Point2f> sm(out.size());
  const int n = static_cast<int>(out.size());
  for (int i = 0; i < n; ++i) {
    int h = std::min({2, i, n - 1 - i});
    cv::Point2f acc(0, 0);
    for (int k = -h; k <= h; ++k) acc += out[i + k];
    sm[i] = acc / static_cast<float>(2 * h + 1);
  }
  return sm;
}

struct Chain {
  std::vector<cv::Point2f> pts;
  int node[2];
  double width = 0;
};

std::vector<Chain> build_chains(Work& w, const Links& l) {
  std::vector<char> used(w.g.edges.size(), 0);
  std::vector<Chain> chains;
  const size_t max_steps = w.g.edges.size() * 2 + 2;
  auto walk = [&](int start_end) {
    Chain c;
    c.node[0] = w.node_at(start_end);
    int end = start_end;
    for (size_t step = 0; step < max_steps; ++step) {
      int e = end / 2;
      used[e] = 1;
      if (!l.trunk[e]) c.width = std::max(c.width, w.width[e]);
      const auto& pts = w.g.edges[e].pts;
      if (end % 2 == 0)
        c.pts.insert(c.pts.end(), pts.begin(), pts.end());
      else
        c.pts.insert(c.pts.end(), pts.rbegin(), pts.rend());
      int far = end ^ 1;
      c.node[1] = w.node_at(far);
      int next = l.partner[far];
      if (l.trunk[e] && l.second_partner[far] >= 0) break;  // Trunk walked backwards.
      if (next < 0 || (used[next / 2] && !l.trunk[next / 2])) break;
      end = next;
    }
    chains.push_back(std::move(c));
  };
  for (size_t e = 0; e < w.g.edges.size(); ++e)
    for (int s = 0; s < 2; ++s)
      if (w.alive[e] && !used[e] && !l.trunk[e] && l.partner[2 * e + s] < 0) walk(2 * e + s);
  for (size_t e = 0; e < w.g.edges.size(); ++e)  // Cycles through pairings.
    if (w.alive[e] && !used[e] && !l.trunk[e]) walk(2 * e);
  return chains;
}

}  // namespace

double polyline_length(const std::vector<cv::Point2f>& pts) {
  double len = 0;
  for (size_t i = 1; i < pts.size(); ++i) len += cv::norm(pts[i] - pts[i - 1]);
  return len;
}

// A shaft that runs out of the image ends in the mask at the image edge,
// and thinning stops its skeleton about one radius short of that end (as it
// does at a free end); so an end within this many px plus its radius of the
// edge is cut by the edge. (Within a fixed 3 px, ends of edge-cut shafts
// 3-7 px from the edge passed for free ends inside the image: their own
// cues and the exit's width offset made them exits inside.)
constexpr double kBorderPx = 3.0;
constexpr double kBorderRadii = 1.0;

std::vector<TracedHair> trace_hairs(SkelGraph graph, const std::vector<double>& edge_widths,
                                    cv::Size size, const TraceParams& params) {
  Work w{std::move(graph), edge_widths, {}, {}};
  w.alive.assign(w.g.edges.size(), 1);
  w.parent.resize(w.g.nodes.size());
  std::iota(w.parent.begin(), w.parent.end(), 0);
  w.prune_spurs(params.spur_px);
  w.drop_bubbles(6 * params.spur_px);
  w.prune_spurs(params.spur_px);
  w.merge_close_junctions(params.merge_px);
  std::vector<Chain> chains = build_chains(w, link_ends(w, params.straight_deg));

  // Hairs ending at each node, to tell shared openings from T-junctions.
  std::vector<std::vector<int>> ending(w.g.nodes.size());
  for (size_t i = 0; i < chains.size(); ++i)
    for (int s = 0; s < 2; ++s) ending[chains[i].node[s]].push_back(static_cast<int>(i));
  std::vector<TracedHair> hairs(chains.size());
  for (size_t i = 0; i < chains.size(); ++i) {
    TracedHair& h = hairs[i];
    h.pts = resample_smooth(chains[i].pts);
    h.width_px = chains[i].width;
    const float m = static_cast<float>(kBorderPx + kBorderRadii * h.width_px / 2);
    const cv::Rect2f inner(m, m, size.width - 1 - 2 * m, size.height - 1 - 2 * m);
    for (int s = 0; s < 2; ++s) {
      int node = chains[i].node[s];
      const auto& others = ending[node];
      if (!w.g.nodes[node].junction && others.size() == 1)
        h.end[s] = EndKind::kFree;
      else if (others.size() >= 2)
        h.end[s] = EndKind::kShared;
      else
        h.end[s] = EndKind::kJunction;
      cv::Point2f p = s == 0 ? h.pts.front() : h.pts.back();
      h.at_border[s] = !inner.contains(p);
    }
    // A wide stub that the image edge cuts is flagged at both ends by the
    // radius-wide band; its end farther from the edge lies in the image.
    if (h.at_border[0] && h.at_border[1]) {
      const auto edge_gap = [&](cv::Point2f p) {
        return std::min({p.x, p.y, size.width - 1 - p.x, size.height - 1 - p.y});
      };
      const float g0 = edge_gap(h.pts.front()), g1 = edge_gap(h.pts.back());
      if (std::abs(g0 - g1) > kBorderPx) h.at_border[g0 > g1 ? 0 : 1] = false;
    }
  }
  return hairs;
}

}  // namespace anagen::imaging
