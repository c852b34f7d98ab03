#include "analyze_command.h"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <opencv2/imgcodecs.hpp>
#include <sstream>
#include <variant>
#include <vector>

#include "analysis.h"
#include "decode.h"
#include "overlay.h"
#include "report.h"

namespace anagen::imaging {
namespace {

std::string range_text(Range r) {
  std::ostringstream s;
  s << r.min << " to " << r.max;
  return s.str();
}

bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  return std::filesystem::equivalent(a, b, ec) ||
         std::filesystem::weakly_canonical(a, ec) == std::filesystem::weakly_canonical(b, ec);
}

bool overlay_format_known(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg";
}

std::optional<std::string> check_args(const AnalyzeArgs& a) {
  if (!kUmPerPxRange.contains(a.um_per_px))
    return "--um-per-px must be the image scale in micrometres per pixel, " +
           range_text(kUmPerPxRange);
  if (!kVellusThresholdRange.contains(a.vellus_threshold_um))
    return "--vellus-um must be " + range_text(kVellusThresholdRange) + " (micrometres)";
  if (a.second && !(a.hours && kPairHoursRange.contains(*a.hours)))
    return "--second needs --hours, the time between the shots: " + range_text(kPairHoursRange);
  if (a.hours && !a.second) return "--hours needs --second IMAGE2";
  if (a.overlay) {
    if (!overlay_format_known(*a.overlay))
      return "--overlay must name a .png or .jpg file, not " + *a.overlay;
    if (same_file(*a.overlay, a.image) || (a.second && same_file(*a.overlay, *a.second)))
      return "--overlay " + *a.overlay + " would overwrite an input image";
  }
  return std::nullopt;
}

// Reads and decodes `path`; on failure returns the message for `err`.
std::variant<cv::Mat, std::string> load(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return "analyze: cannot read " + path + ": it is a directory";
  std::ifstream in(path, std::ios::binary);
  if (!in) return "analyze: cannot read " + path + ": " + std::strerror(errno);
  std::vector<unsigned char> bytes;
  try {
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  } catch (const std::exception&) {  // A special file that fails mid-read.
    return "analyze: cannot read " + path + ": read error";
  }
  if (in.bad()) return "analyze: cannot read " + path + ": read error";
  auto decoded = decode_image(bytes);
  if (auto* msg = std::get_if<std::string>(&decoded))
    return "analyze: " + path + " is not a readable image: " + *msg;
  return std::get<cv::Mat>(decoded);
}

bool write_overlay(const std::string& path, const cv::Mat& image, const Analysis& a,
                   const Options& o, std::ostream& err) {
  try {
    if (cv::imwrite(path, draw_overlay(image, a, o))) return true;
  } catch (const std::exception& e) {
    err << "analyze: cannot write overlay " << path << ": " << e.what() << "\n";
    return false;
  }
  err << "analyze: cannot write overlay " << path
      << " (use a .png or .jpg name in a writable folder)\n";
  return false;
}

int analyze_and_print(const AnalyzeArgs& args, const cv::Mat& image, const Options& o,
                      std::ostream& out, std::ostream& err) {
  Analysis a;
  if (args.second) {
    auto second = load(*args.second);
    if (auto* msg = std::get_if<std::string>(&second)) {
      err << *msg << "\n";
      return 1;
    }
    const cv::Mat& image2 = std::get<cv::Mat>(second);
    if (image2.size() != image.size()) {
      err << "analyze: " << *args.second << " is " << image2.cols << "x" << image2.rows
          << " px but " << args.image << " is " << image.cols << "x" << image.rows
          << " px; both shots must have the same size\n";
      return 1;
    }
    if (same_shot(image, image2)) {
      err << "analyze: " << *args.second << " " << kSameShotText << "\n";
      return 1;
    }
    a = analyze_pair(image, image2, *args.hours, o);
    if (!a.same_site) {
      err << "analyze: " << *args.second << " " << not_same_site(a) << "\n";
      return 1;
    }
  } else {
    a = analyze(image, o);
  }
  if (args.overlay && !write_overlay(*args.overlay, image, a, o, err)) return 1;
  if (args.json)
    out << to_json(a).dump(2) << "\n";
  else
    out << summary_text(a);
  return 0;
}

}  // namespace

int run_analyze(const AnalyzeArgs& args, std::ostream& out, std::ostream& err) {
  if (auto problem = check_args(args)) {
    err << "analyze: " << *problem << "\n";
    return 2;
  }
  auto first = load(args.image);
  if (auto* msg = std::get_if<std::string>(&first)) {
    err << *msg << "\n";
    return 1;
  }
  Options o;
  o.um_per_px = args.um_per_px;
  o.vellus_threshold_um = args.vellus_threshold_um;
  const cv::Mat& image = std::get<cv::Mat>(first);
  try {
    return analyze_and_print(args, image, o, out, err);
  } catch (const std::exception& e) {  // Not expected: inputs are checked.
    err << "analyze: analysis of " << args.image << " failed: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace anagen::imaging
