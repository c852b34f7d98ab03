#include "report.h"

#include <cmath>
#include <cstdio>

namespace anagen::imaging {
namespace {

// Rounds to `step` (a power of ten) so that the JSON shows the short
// decimal: dividing by an exact integer gives the double nearest to it.
double round_to(double v, double step) {
  const double scale = std::round(1.0 / step);
  return std::round(v * scale) / scale;
}

}  // namespace

nlohmann::json to_json(const Analysis& a) {
  nlohmann::json hairs = nlohmann::json::array();
  for (const Hair& h : a.hairs) {
    if (!h.counted) continue;
    hairs.push_back({{"x", round_to(h.x, 0.1)},
                     {"y", round_to(h.y, 0.1)},
                     {"length_um", round_to(h.length_um, 0.1)},
                     {"diameter_um", round_to(h.diameter_um, 0.1)}});
    // With a second image: whether the hair grew, for those classified.
    if (a.paired && h.anagen) hairs.back()["anagen"] = *h.anagen;
  }
  nlohmann::json j = {
      {"hair_count", a.hair_count},
      {"area_cm2", round_to(a.area_cm2, 0.0001)},
      {"density_per_cm2", round_to(a.density_per_cm2, 0.01)},
      {"mean_diameter_um", round_to(a.mean_diameter_um, 0.01)},
      {"vellus_percent", round_to(a.vellus_percent, 0.01)},
      {"terminal_density", round_to(a.terminal_density, 0.01)},
      {"cumulative_thickness_mm", round_to(a.cumulative_thickness_mm, 0.01)},
      {"hairs", std::move(hairs)},
  };
  if (a.anagen_percent)
    j["anagen_percent"] = round_to(*a.anagen_percent, 0.01);
  else if (a.paired)
    j["anagen_percent"] = nullptr;
  if (a.paired) j["anagen_classified"] = a.anagen_classified;
  return j;
}

std::string summary_text(const Analysis& a) {
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "hairs: %d in %.3f cm2 (density %.1f /cm2, terminal %.1f /cm2)\n"
                "mean diameter: %.1f um; vellus: %.1f%%; cumulative thickness: %.2f mm/cm2\n",
                a.hair_count, a.area_cm2, a.density_per_cm2, a.terminal_density, a.mean_diameter_um,
                a.vellus_percent, a.cumulative_thickness_mm);
  std::string s = buf;
  if (a.anagen_percent) {
    std::snprintf(buf, sizeof buf, "anagen: %.1f%% of %d hairs followed between the shots\n",
                  *a.anagen_percent, a.anagen_classified);
    s += buf;
  } else if (a.paired) {
    s += "anagen: not determined (no hair could be followed between the shots)\n";
  }
  return s;
}

std::string not_same_site(const Analysis& a) {
  char buf[320];
  if (a.hairs_compared < 3) {
    std::snprintf(buf, sizeof buf,
                  "cannot be told to show the same site as the first image: %d of the first "
                  "image's hairs could be looked for in it, too few to judge (3 at least)",
                  a.hairs_compared);
    return buf;
  }
  std::snprintf(buf, sizeof buf,
                "does not show the same site as the first image: it shows %.0f%% of the first "
                "image's hairs again where they were (a second shot of the site shows nearly "
                "all of them; here chance alone would show %.0f%%)",
                100 * a.hairs_seen_again, 100 * a.hairs_seen_by_chance);
  return buf;
}

}  // namespace anagen::imaging
