// Automated trichoscopy / phototrichogram analysis (issue 6).
//
// A pure library: images and a scale in, measurements out. No file or network
// I/O, no globals, no clock. Results are deterministic: identical input gives
// identical output, independent of OpenCV's thread pool (the pipeline uses only
// per-pixel operations whose result does not depend on how OpenCV splits the
// work, plus anagen's own single-threaded code).
//
// Definitions (also in bench/imaging/README.md):
//  * Exit point: where a hair leaves the skin (its proximal end). Hairs that
//    share a follicular opening share an exit point.
//  * Counting-frame (border) rule: a hair is counted if and only if its exit
//    point lies inside the counting frame, the image inset on every side by
//    Options::border_margin_um. Every hair has exactly one exit point, so
//    counting exit points in a known area is an unbiased density estimate no
//    matter how hairs are cut by the image edge; hairs whose exit lies in the
//    guard band or outside the image are measured but never counted. The guard
//    band keeps the rule decidable: a shaft entering from outside the image
//    ends at the edge, which lies in the guard band, so it is not counted.
//    area_cm2 is the counting frame's area.
//  * Vellus: diameter <= Options::vellus_threshold_um (TrichoScan: 40 µm).
//    Terminal: every other counted hair.
//  * Cumulative thickness (TrichoScan's "cumulative hair thickness"): the sum
//    of the diameters of the counted hairs, in mm, per cm² of counting frame:
//    sum(diameter_um) / 1000 / area_cm2. Unit: mm/cm², reported as
//    cumulative_thickness_mm.
//  * Anagen (phototrichogram, two images of a clipped site `hours` apart):
//    the shots are registered (phase correlation, then a rotation and shift
//    voted from hair ends, which do not move). A hair of the first image is
//    anagen if, in the second image, its shaft continues past its old cut
//    end along most of the distance it would have grown at
//    Options::growth_threshold_um_per_day; telogen if it ends where it did.
//    Only the part of that extension that is clear skin in the first image
//    is evidence (elsewhere a sibling, a crossing hair or the shadow at an
//    exit was already there). Hairs cut by the image edge, not seen again,
//    whose extension leaves the second image or is mostly covered in the
//    first stay unclassified and are left out of anagen_percent.
#ifndef ANAGEN_IMAGING_ANALYSIS_H_
#define ANAGEN_IMAGING_ANALYSIS_H_

#include <opencv2/core.hpp>
#include <optional>
#include <vector>

namespace anagen::imaging {

// What callers (the CLI, the API, clinic settings) accept: a dermatoscope's
// scale; the interval between a pair's shots (the anagen test needs growth
// of 0.15 mm or more, and a clipped site stays readable for about a week);
// the vellus threshold (30 and 40 µm are the usual definitions).
struct Range {
  double min, max;
  bool contains(double v) const { return v >= min && v <= max; }  // False for NaN.
};
inline constexpr Range kUmPerPxRange{0.5, 100};
inline constexpr Range kPairHoursRange{12, 168};
inline constexpr Range kVellusThresholdRange{10, 80};

struct Options {
  double um_per_px = 0;               // REQUIRES: > 0.
  double vellus_threshold_um = 40.0;  // Vellus iff diameter <= this.
  // Anagen hairs grow about 300 µm/day, telogen hairs 0; the default splits
  // the two with room for length-measurement noise on either side.
  double growth_threshold_um_per_day = 100.0;
  double border_margin_um = 100.0;    // Guard band of the counting frame.
  double min_hair_length_um = 100.0;  // Shorter detections are not hairs.
};

struct Hair {
  double x = 0, y = 0;  // Exit point, px, in the analysed (first) image.
  double length_um = 0;
  double diameter_um = 0;
  bool vellus = false;
  bool counted = false;        // Exit point inside the counting frame.
  bool cut_by_border = false;  // Runs out of the image: length is a lower bound.
  std::optional<bool> anagen;  // Set by analyze_pair for matched hairs.
  // Centreline from the exit point to the distal end, px. For the overlay.
  std::vector<cv::Point2f> path;
  // The diameter model's inputs and the kind of hair it took them as
  // (diameter_model.h), for its training tool (bench/imaging).
  std::vector<double> diameter_inputs;
  int diameter_kind = 0;
};

struct Analysis {
  int hair_count = 0;  // Counted hairs only (border rule).
  double area_cm2 = 0;
  double density_per_cm2 = 0;
  double mean_diameter_um = 0;         // Over counted hairs; 0 if none.
  double vellus_percent = 0;           // Of counted hairs; 0 if none.
  double terminal_density = 0;         // Terminal counted hairs per cm².
  double cumulative_thickness_mm = 0;  // mm per cm², see above.
  bool paired = false;                 // Set by analyze_pair.
  // Only from analyze_pair; unset if no counted hair could be classified or
  // the second image is not of the same site.
  std::optional<double> anagen_percent;
  // Only from analyze_pair: the counted hairs anagen_percent is of (those
  // followed between the shots and classified).
  int anagen_classified = 0;
  // Only from analyze_pair: the share of the first image's hairs (the
  // middle of each, by length) the registered second image shows again,
  // and the share shown where the registration of unrelated ends (the
  // second image's, turned half a turn) puts them. Hairs only grow between
  // the shots, so a shot of the same site shows nearly all of them; another
  // site, or no scalp at all, few (at least 80%, 30 points above chance,
  // on at least 3 hairs make `same_site`; otherwise no hair is
  // classified). Longer hairs weigh more (their points are probed every
  // 2 px).
  double hairs_seen_again = 0;
  double hairs_seen_by_chance = 0;
  int hairs_compared = 0;  // the first image's hairs the share rests on
  bool same_site = false;
  std::vector<Hair> hairs;  // Every detected hair, counted or not.
};

// The counting frame of an image of `size`, px. Shared by the analysis and
// the synthetic ground truth so that both apply the same border rule.
// REQUIRES: options.um_per_px > 0.
cv::Rect2d counting_frame(cv::Size size, const Options& options);

// Measures the hairs of one trichoscopy image.
// REQUIRES: bgr is CV_8UC3 (or CV_8UC1), non-empty; options.um_per_px > 0.
// Throws std::invalid_argument otherwise; never throws for image content.
Analysis analyze(const cv::Mat& bgr, const Options& options);

// Phototrichogram: analyses `first` and `second` (same site, `hours` later;
// the site was clipped before `first`), registers them (shift and rotation
// up to 4 degrees), and sets Hair::anagen, Analysis::paired and
// Analysis::anagen_percent as defined above (none of them, and same_site
// false, if too few hair ends are found again: another site's shot, or
// no scalp). Counts and diameters come from
// `first`; a hair that grew at its supposed exit has its ends swapped.
// REQUIRES: as analyze for both images; hours > 0.
Analysis analyze_pair(const cv::Mat& first, const cv::Mat& second, double hours,
                      const Options& options);

// Whether `second` is `first` again, pixel for pixel: no second shot is
// (the hair grew, the camera moved), and paired with itself every hair
// would read telogen. REQUIRES: the same size.
bool same_shot(const cv::Mat& first, const cv::Mat& second);
inline constexpr const char* kSameShotText =
    "is the first image again: the second must be a new shot of the same site, taken once the "
    "hair has grown (2-3 days after clipping)";

}  // namespace anagen::imaging

#endif  // ANAGEN_IMAGING_ANALYSIS_H_
