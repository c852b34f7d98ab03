// Decides which end of each traced hair is its exit point (where it leaves
// the skin). Internal to the analysis.
#ifndef ANAGEN_IMAGING_HAIR_ORIENT_H_
#define ANAGEN_IMAGING_HAIR_ORIENT_H_

#include <vector>

#include "hair_measure.h"
#include "hair_tracer.h"

namespace anagen::imaging {

// Returns, per hair, the index (0 or 1) of the end that is the exit point.
// Evidence, strongest first: an end shared with other hairs (one follicular
// opening), a tapered natural tip at the other end, a dark opening ring round
// an end; hairs with weak evidence follow the local hair stream, the
// direction the confidently oriented hairs around them point in.
// REQUIRES: hairs.size() == measures.size().
std::vector<int> choose_exit_ends(const std::vector<TracedHair>& hairs,
                                  const std::vector<HairMeasure>& measures,
                                  double stream_radius_px);

}  // namespace anagen::imaging

#endif  // ANAGEN_IMAGING_HAIR_ORIENT_H_
