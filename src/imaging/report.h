// Presentation of an Analysis: the contract's JSON and a short summary.
#ifndef ANAGEN_IMAGING_REPORT_H_
#define ANAGEN_IMAGING_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "analysis.h"

namespace anagen::imaging {

// The `analyze` command's JSON (shared/contract.md): hair_count, area_cm2,
// density_per_cm2, mean_diameter_um, vellus_percent, terminal_density,
// cumulative_thickness_mm, hairs: [{x, y, length_um, diameter_um}] (counted
// hairs only, in detection order), and anagen_percent only with a second
// image (null if no counted hair could be classified).
// Numbers are rounded (px to 0.1, µm to 0.1, cm² to 0.0001, others to 0.01)
// so that output is stable text.
nlohmann::json to_json(const Analysis& analysis);

// A few lines for a person: count, density, diameters, vellus, anagen.
// For a pair whose second image is not of the same site (!a.same_site):
// why, for a person ("only 3% of the first image's hair ends were found in
// it ..."). REQUIRES: a.paired.
std::string not_same_site(const Analysis& a);

std::string summary_text(const Analysis& analysis);

}  // namespace anagen::imaging

#endif  // ANAGEN_IMAGING_REPORT_H_
