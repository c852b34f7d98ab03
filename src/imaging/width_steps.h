// Steps in a traced shaft's width: where one trace holds two hairs.
// Internal to the analysis.
//
// A hair's shaft keeps its width along its length (a natural tip narrows
// gradually). So a trace whose cross-section width changes in a step, and
// is flat on both sides of it, is not one hair:
//  * two hairs meet end to end (one ends on or next to the other, and the
//    skeleton ran on): both edges of the band jump at the step; the trace
//    is cut there;
//  * two hairs run together (hairs of one opening leaving at a small angle,
//    touching parallel hairs) and one of them ends or leaves: the band
//    narrows on one side only, the other edge runs on; the wide side holds
//    the continuing hair and a hidden one, which is added;
//  * two hairs of one opening leave it a few degrees apart and the shorter
//    one ends before they part: the band widens steadily from the exit (a
//    wedge, not flat) and falls at once to one shaft, one edge running on;
//    the wedge holds a hidden hair sharing the exit, which is added;
//  * two hairs in line, the second's opening beside the first one's tip:
//    the band bulges where they lie side by side and the shaft beyond the
//    bulge runs a width off the line of the one before; the trace is cut
//    in the bulge;
//  * two hairs in line, the second's opening on the first one's shaft short
//    of its tip: the band widens steadily as they part and falls at once to
//    the second shaft, which runs a width off the first one's line; the
//    trace is cut at the fall.
// The evidence is the measured width and edges along the trace, which a
// real trichoscope image shows in the same way.
#ifndef ANAGEN_IMAGING_WIDTH_STEPS_H_
#define ANAGEN_IMAGING_WIDTH_STEPS_H_

#include <vector>

#include "hair_measure.h"
#include "hair_tracer.h"

namespace anagen::imaging {

struct WidthStep {
  int hair = 0;                       // Index of the trace.
  int at = 0;                         // Index into its points where the width steps.
  bool hidden = false;                // Two hairs along the wide side (else: cut).
  int wide_side = 0;                  // 0: points [0, at] are the wide side; 1: [at, end].
  double narrow_px = 0, wide_px = 0;  // Median half-maximum widths.
  bool wedge = false;                 // The wide side widens from its outer end.
};

// At most one step per trace (the clearest); none on traces too short or
// too irregular to tell. `min_len_px` is the shortest hair.
// REQUIRES: hairs.size() == measures.size(); measures from measure_hair.
std::vector<WidthStep> find_width_steps(const std::vector<TracedHair>& hairs,
                                        const std::vector<HairMeasure>& measures,
                                        double min_len_px);

// A hair added for a hidden shaft: its index, its host's, and its width
// as a share of the host's.
struct HiddenHair {
  int index = 0, host = 0;
  double width_ratio = 1;
};

// Applies `steps` (from find_width_steps on the same vectors): cuts traces
// (both pieces at least `min_len_px`) or appends the hidden hairs, whose
// path is the wide side's centreline; hosts are re-measured on their own
// shaft. A wide side that another trace already runs along (a fork whose
// hairs were both traced) adds nothing. `widest_px` as for measure_reach.
std::vector<HiddenHair> apply_width_steps(const std::vector<WidthStep>& steps,
                                          std::vector<TracedHair>& hairs,
                                          std::vector<HairMeasure>& measures,
                                          const ContrastMap& contrast, double min_len_px,
                                          double widest_px);

// Fraction of `a`'s points within `tol` px of `b`'s points.
double overlap(const std::vector<cv::Point2f>& a, const std::vector<cv::Point2f>& b, double tol);

}  // namespace anagen::imaging

#endif  // ANAGEN_IMAGING_WIDTH_STEPS_H_
