#include "diameter_model.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <string_view>

#include "boosted_trees.h"

namespace anagen::imaging {

namespace {

// The model moves a diameter at most this share of it either way: on the
// training images the corrections stay within it but for a few
// substituted hairs, and a real image unlike the synthetic ones should not
// see its diameters halved or doubled by extrapolation.
constexpr double kDiameterModelReach = 0.5;

}  // namespace

// kDiameterRanges, kDiameterBase, kDiameterNodes, kDiameterRoots.
#include "diameter_model_table.inc"

namespace {

constexpr BoostedTrees kDiameterModel{kDiameterBase, kDiameterNodes, kDiameterRoots};
static_assert(reads_within(kDiameterNodes, kDiameterInputs), "diameter table for other inputs");

}  // namespace

const char* const kDiameterInputNames[kDiameterInputs] = {
    "kind",
    "final",
    "pre_pull",
    "fit",
    "typical",
    "typical_spread",
    "width",
    "profile_width",
    "q10_width",
    "q90_width",
    "exit_width",
    "tip_width",
    "width_spread",
    "clear_width_change",
    "profile_width_change",
    "fit_residual",
    "relative_contrast",
    "image_contrast",
    "samples",
    "log_length",
    "edge_rise",
    "opening",
    "ends_at_exit",
    "exit_shared",
    "exit_junction",
    "tip_shared",
    "tip_junction",
    "at_border",
    "um_per_px",
    "sigma",
    "transmission",
    "highlight",
    "misfit",
    "noise",
    "shared_pigment",
    "stripe_refit",
    "hidden",
    "band",
    "outlier",
    "split_pair",
    "final*sigma",
    "final*transmission",
    "final*um_per_px",
    "final*misfit",
    "final*highlight",
    "final*image_contrast",
    "final*relative_contrast",
    "typical*sigma",
    "typical*transmission",
    "typical*um_per_px",
    "above_typical",
    "below_typical",
    "above_vellus",
    "fit/width",
    "final/width",
    "final/typical",
    "shape_fold_0",
    "shape_fold_10",
    "shape_fold_20",
    "shape_fold_30",
    "shape_fold_40",
    "shape_fold_50",
    "shape_fold_60",
    "shape_fold_70",
    "shape_fold_80",
    "shape_asymmetry_20",
    "shape_asymmetry_40",
    "shape_peak",
    "shape_width_1",
    "shape_width_2",
    "shape_width_3",
    "shape_width_4",
    "shape_width_5",
    "shape_double_share",
    "shape_double_gap",
    "shape_double_depth",
};

DiameterKind diameter_kind(const DiameterEvidence& e) {
  if (!(e.typical_um > 0)) return DiameterKind::kKept;
  if (e.substituted) return DiameterKind::kSubstituted;
  if (e.final_um > e.typical_um + kThickSpreads * e.typical_spread_um) return DiameterKind::kThick;
  if (e.pale_refit) return DiameterKind::kPaleRefit;
  if (e.mixed) return DiameterKind::kMixed;
  if (e.final_um < e.pre_pull_um - 0.01) return DiameterKind::kPulled;
  return DiameterKind::kFitted;
}

DiameterInputs diameter_inputs(const DiameterEvidence& e) {
  const double d = e.final_um, t = e.typical_um > 0 ? e.typical_um : d;
  const double w = std::max(e.width_um, 1.0);
  const double relative = e.image_contrast > 0 ? e.contrast / e.image_contrast : 1;
  const CrossShape& c = e.shape;
  return {static_cast<double>(diameter_kind(e)),
          d,
          std::isfinite(e.pre_pull_um) ? e.pre_pull_um : d,
          e.fit_um,
          t,
          e.typical_spread_um,
          e.width_um,
          e.profile_width_um,
          e.q10_width_um,
          e.q90_width_um,
          e.exit_width_um,
          e.tip_width_um,
          e.width_spread,
          e.clear_width_change,
          e.profile_width_change,
          e.fit_residual,
          relative,
          e.image_contrast,
          e.samples,
          std::log(std::max(e.length_um, 50.0)),
          e.edge_rise_px,
          e.opening,
          e.ends_at_exit,
          static_cast<double>(e.exit_shared),
          static_cast<double>(e.exit_junction),
          static_cast<double>(e.tip_shared),
          static_cast<double>(e.tip_junction),
          static_cast<double>(e.at_border),
          e.um_per_px,
          e.sigma_px,
          e.transmission,
          e.highlight,
          e.misfit,
          e.noise,
          static_cast<double>(e.shared_pigment),
          static_cast<double>(e.stripe_refit),
          static_cast<double>(e.substituted == 1),
          static_cast<double>(e.substituted == 2),
          static_cast<double>(e.substituted == 3),
          static_cast<double>(e.substituted == 4),
          d * e.sigma_px,
          d * e.transmission,
          d * e.um_per_px,
          d * e.misfit,
          d * e.highlight,
          d * e.image_contrast,
          d * relative,
          t * e.sigma_px,
          t * e.transmission,
          t * e.um_per_px,
          std::max(d - t, 0.0),
          std::max(t - d, 0.0),
          std::max(d - 40, 0.0),
          e.fit_um / w,
          d / w,
          d / t,
          c.fold[0],
          c.fold[1],
          c.fold[2],
          c.fold[3],
          c.fold[4],
          c.fold[5],
          c.fold[6],
          c.fold[7],
          c.fold[8],
          c.asymmetry[0],
          c.asymmetry[1],
          c.peak,
          c.fifth_width_um[0],
          c.fifth_width_um[1],
          c.fifth_width_um[2],
          c.fifth_width_um[3],
          c.fifth_width_um[4],
          c.double_share,
          c.double_gap_um,
          c.double_depth};
}

int diameter_input(std::string_view name) {
  for (int i = 0; i < kDiameterInputs; ++i)
    if (name == kDiameterInputNames[i]) return i;
  throw std::invalid_argument("no diameter model input " + std::string(name));
}

DiameterTreeInputs diameter_tree_inputs(const DiameterInputs& x, const DiameterRange* ranges) {
  static const std::array<bool, kDiameterInputs> pale_reads = [] {
    std::array<bool, kDiameterInputs> reads{};
    for (std::string_view name :
         {"kind", "final", "fit", "width", "fit/width", "relative_contrast"})
      reads[diameter_input(name)] = true;
    return reads;
  }();
  static const std::array<bool, kDiameterInputs> substitute_reads = [] {
    std::array<bool, kDiameterInputs> reads;
    for (int i = 0; i < kDiameterInputs; ++i)
      reads[i] = !std::string_view(kDiameterInputNames[i]).starts_with("shape_");
    return reads;
  }();
  const bool pale = x[0] == static_cast<double>(DiameterKind::kPaleRefit);
  const bool substitute = x[0] == static_cast<double>(DiameterKind::kSubstituted);
  DiameterTreeInputs out;
  for (int i = 0; i < kDiameterInputs; ++i) {
    const bool unread = (pale && !pale_reads[i]) || (substitute && !substitute_reads[i]);
    const double v = unread ? ranges[i].lo : std::isfinite(x[i]) ? x[i] : 0.0;
    out[i] = static_cast<float>(std::clamp(v, ranges[i].lo, ranges[i].hi));
  }
  return out;
}

double modelled_diameter(const DiameterInputs& x, const BoostedTrees& trees,
                         const DiameterRange* ranges) {
  static const int final_input = diameter_input("final"), scale_input = diameter_input("um_per_px");
  const double final_um = x[final_input], um_per_px = x[scale_input];
  // A final diameter outside the range the model was fitted on keeps its
  // fit: drawn 120-170 um shafts at 10-14 um/px read 103-108 with the
  // model.
  const DiameterRange& final_range = ranges[final_input];
  if (x[0] == static_cast<double>(DiameterKind::kKept) || final_um < final_range.lo ||
      final_um > final_range.hi)
    return final_um;
  // So does an image taken at a scale the model never saw (the generator's
  // 5-9 um/px): drawn shafts at 14 um/px read 56 -> 61 with the fifteenth
  // round's model.
  if (!kModelledScale.contains(um_per_px)) return final_um;
  const DiameterTreeInputs t = diameter_tree_inputs(x, ranges);
  const double d = final_um + boosted_sum(trees, t.data());
  return std::clamp(d, (1 - kDiameterModelReach) * final_um, (1 + kDiameterModelReach) * final_um);
}

double modelled_diameter(const DiameterInputs& x) {
  return modelled_diameter(x, kDiameterModel, kDiameterRanges);
}

}  // namespace anagen::imaging
