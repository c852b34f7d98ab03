// The `anagen analyze` command (shared/contract.md), minus option parsing,
// which app/main.cc does with CLI11.
#ifndef ANAGEN_IMAGING_ANALYZE_COMMAND_H_
#define ANAGEN_IMAGING_ANALYZE_COMMAND_H_

#include <optional>
#include <ostream>
#include <string>

namespace anagen::imaging {

struct AnalyzeArgs {
  std::string image;                   // IMAGE: PNG or JPEG path.
  double um_per_px = 0;                // --um-per-px, in kUmPerPxRange.
  bool json = false;                   // --json: contract JSON, else a summary.
  std::optional<std::string> second;   // --second IMAGE2 (needs --hours).
  std::optional<double> hours;         // --hours H between the shots.
  std::optional<std::string> overlay;  // --overlay OUT.png (or .jpg).
  double vellus_threshold_um = 40;     // --vellus-um.
};

// Runs the analysis and prints the JSON (one object, pretty-printed) or a
// human summary on `out`. Returns 0 on success; 2 for invalid arguments
// (um_per_px, --hours or --vellus-um outside kUmPerPxRange, kPairHoursRange
// or kVellusThresholdRange, --second without --hours, --hours without
// --second, an overlay name that is not .png/.jpg or names an input image);
// 1 when a file cannot be read (or is a directory), is not a
// readable image (the message on `err` names the file and the problem), the
// two images differ in size, or the overlay cannot be written. Writes
// nothing to `out` on failure.
int run_analyze(const AnalyzeArgs& args, std::ostream& out, std::ostream& err);

}  // namespace anagen::imaging

#endif  // ANAGEN_IMAGING_ANALYZE_COMMAND_H_
