// Repairs of the tracer's topology, between tracing and measuring: pieces
// of one shaft broken at a crossing are joined, and two hairs traced end to
// end as one are cut apart. Internal to the analysis.
#ifndef ANAGEN_IMAGING_TRACE_REPAIR_H_
#define ANAGEN_IMAGING_TRACE_REPAIR_H_

#include <opencv2/core.hpp>
#include <vector>

#include "contrast.h"
#include "hair_measure.h"
#include "hair_tracer.h"

namespace anagen::imaging {

// Joins traces whose ends (not shared, not cut by the border) face each
// other 4-15 px apart, in line, with similar width and contrast: pieces of
// one shaft broken where a crossing hides it or it fades. Joined traces are
// measured again (reaching at most `widest_px` to each side).
// Two fine shafts (both no wider than `fine_px`) may join across a gap of
// up to `fine_gap_px` (a pale fine hair fades for longer stretches).
// REQUIRES: measures[i] measures hairs[i].
void join_fragments(std::vector<TracedHair>& hairs, std::vector<HairMeasure>& measures,
                    const ContrastMap& contrast, double widest_px, double fine_px,
                    double fine_gap_px);

// Cuts each trace at the deepest dip in its contrast between two stretches
// of shaft (the opening and skin between two hairs in line, one's tip at
// the other's exit), if both pieces are at least `min_piece_px` long, no
// other trace crosses there and the dip is not a specular spot on the
// shaft. The new ends are free; the pieces are measured again.
// REQUIRES: measures[i] measures hairs[i]; bgr is the analysed image.
void cut_at_dips(std::vector<TracedHair>& hairs, std::vector<HairMeasure>& measures,
                 const cv::Mat& bgr, const ContrastMap& contrast, double min_piece_px,
                 double widest_px);

}  // namespace anagen::imaging

#endif  // ANAGEN_IMAGING_TRACE_REPAIR_H_
