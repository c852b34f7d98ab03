#include "hair_orient.h"

#include <algorithm>
#include <cmath>

namespace anagen::imaging {
namespace {

constexpr double kConfident = 1.5;

// Opening-ring contrast (relative to the shaft's) that separates a plain tip
// (about 0.02) from an exit with its opening (about 0.1).
constexpr double kOpeningLevel = 0.06;
constexpr double kOpeningWeight = 25.0;

// A trace cut by the image edge shows exit cues at its inner end only, and
// that end's ring is often raised by a neighbour's shaft or crossing, or by
// the shaft's own blur halo at a plain cut end. So the stream of the
// confident hairs nearby always joins its own evidence, and the inner end
// needs this much evidence over the border end to be the exit: on seed 1's
// first 60 images, before this rule, such traces were counted with their
// exit outside the frame several times as often (130-170) as they were
// dropped with it inside (10-40).
constexpr double kBorderPrior = 0.75;
// Only the inner end of a cut trace shows cues, so they are not weighed
// against the other end's: the ring's floor (noise and texture raise the
// contrast round any end) is not cancelled, and the tip of a hair entering
// from outside reads as an opening. Its own evidence counts this much
// beside the stream: pooled over 480 images, of 9214 edge-cut traces whose
// inner end lies in the frame, full weight (and a prior of 1.0) took the
// wrong end for 652, a quarter (0.75) for 261, the stream alone for 295.
// With the wider stream (kCutStreamRadii) 0.35 does a little better than a
// quarter: border slips +649 -516 -> +658 -504, count MAPE 5.02 -> 5.01%.
constexpr double kCutOwnWeight = 0.35;
// An edge-cut trace follows the stream within this many stream radii. Its
// inner end lies near the edge, where the stream within one radius is
// drawn from half a neighbourhood, often from the trace's own siblings
// entering with it, whose cues are as unreliable as its own. Pooled 480
// images, of 9255 edge-cut traces whose inner end lies in the frame, the
// stream within one radius (1500 um) took the wrong end for 259, within
// half a radius for 513, two radii (cut traces not voting) 192, the whole
// image 181; counted with their exit outside the frame or dropped with it
// inside by the wrong end, two radii: +262 -196 -> +199 -195, count MAPE
// 5.03 -> 5.02%; the whole image: +172 -201, MAPE 5.05% (its bias lower).
constexpr double kCutStreamRadii = 2.0;

// Whether end `s` shows its own cues (an opening ring, a tapered tip): only
// a free end inside the image does. An end cut by the image edge shows
// neither, whatever its width; where another shaft meets an end (a shared
// opening, a junction) that shaft, not a ring or a taper, sets the contrast
// round it and the width over its quarter. Read as tips, such ends made
// the inner end of edge-cut traces the tip (or the exit) wrongly, counting
// or dropping them by the wrong end: pooled over both seeds' 480 images,
// exits counted outside the frame or dropped inside by the wrong end of an
// edge-cut trace fell from 805 to 732 when tips too were limited to them.
bool shows_own_cues(const TracedHair& h, int s) {
  return h.end[s] == EndKind::kFree && !h.at_border[s];
}

// Evidence that end `s` is the exit, from the ring round it.
double opening_evidence(const TracedHair& h, const HairMeasure& m, int s) {
  if (!shows_own_cues(h, s)) return 0;
  return std::clamp(kOpeningWeight * (m.opening[s] - kOpeningLevel), -2.0, 3.0);
}

// Positive when end 0 looks like the exit.
double own_evidence(const TracedHair& h, const HairMeasure& m) {
  double s = 0;
  if (h.end[0] == EndKind::kShared) s += 2;
  if (h.end[1] == EndKind::kShared) s -= 2;
  const double w0 = m.width_end[0], w1 = m.width_end[1];
  if (w1 < 0.7 * w0 && shows_own_cues(h, 1)) s += 1.5;  // End 1 tapers: it is a natural tip.
  if (w0 < 0.7 * w1 && shows_own_cues(h, 0)) s -= 1.5;
  return s + opening_evidence(h, m, 0) - opening_evidence(h, m, 1);
}

}  // namespace

std::vector<int> choose_exit_ends(const std::vector<TracedHair>& hairs,
                                  const std::vector<HairMeasure>& measures,
                                  double stream_radius_px) {
  const size_t n = hairs.size();
  std::vector<double> score(n);
  std::vector<cv::Point2f> mid(n), dir(n);  // dir: end 0 -> end 1.
  for (size_t i = 0; i < n; ++i) {
    score[i] = own_evidence(hairs[i], measures[i]);
    const auto& p = hairs[i].pts;
    mid[i] = p[p.size() / 2];
    dir[i] = unit(p.back() - p.front());
  }
  // Stream: exit-to-tip directions of confident hairs other than i,
  // weighted by confidence and by distance within `radius`; positive when it
  // runs from i's end 0 to its end 1 (up to 3).
  auto stream = [&](size_t i, double radius) {
    const double inv2s2 = 1.0 / (2 * radius * radius);
    cv::Point2f flow(0, 0);
    double weight = 0;
    for (size_t j = 0; j < n; ++j) {
      if (j == i || std::abs(score[j]) < kConfident) continue;
      cv::Point2f d = mid[j] - mid[i];
      double w = std::exp(-(d.x * d.x + d.y * d.y) * inv2s2) * std::min(3.0, std::abs(score[j]));
      flow += static_cast<float>(w) * (score[j] > 0 ? dir[j] : -dir[j]);
      weight += w;
    }
    return weight > 0 ? 3.0 * dir[i].dot(flow) / weight : 0.0;
  };
  std::vector<int> exit_end(n);
  for (size_t i = 0; i < n; ++i) {
    const bool cut = hairs[i].at_border[0] != hairs[i].at_border[1];
    double s = cut ? kCutOwnWeight * score[i] : score[i];
    if (cut)
      s += stream(i, kCutStreamRadii * stream_radius_px);
    else if (std::abs(s) < 3)
      s += stream(i, stream_radius_px);
    if (cut) {
      // An inner end that stops on another shaft is where a sibling leaves
      // its shared opening beside the other hair (a hair entering from
      // outside rarely ends exactly on a shaft), so there the prior favours
      // the inner end. Pooled 480 images, edge-cut traces with such an end
      // crossing the frame edge: 54 dropped by the wrong end, 2 counted.
      const int inner = hairs[i].at_border[0] ? 1 : 0;
      const double prior = hairs[i].end[inner] == EndKind::kJunction ? -kBorderPrior : kBorderPrior;
      s += hairs[i].at_border[0] ? prior : -prior;
    }
    exit_end[i] = s >= 0 ? 0 : 1;
  }
  return exit_end;
}

}  // namespace anagen::imaging
