#include "sample_cache.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <sstream>
#include <type_traits>

namespace anagen::imaging::bench {
namespace {

namespace fs = std::filesystem;

std::string key(const synth::Params& p) {
  std::ostringstream k;
  k << ANAGEN_SYNTH_SOURCE_HASH << "_s" << p.seed << "_d" << static_cast<int>(p.difficulty) << "_"
    << p.width << "x" << p.height << "_p" << p.pair << "_h" << p.hours << "_b" << p.border_margin_um
    << "_u" << p.um_per_px << "_n" << p.density_per_cm2;
  return k.str();
}

template <typename T>
void put(std::ostream& out, const T& v) {
  static_assert(std::is_trivially_copyable_v<T>);
  out.write(reinterpret_cast<const char*>(&v), sizeof v);
}

template <typename T>
void get(std::istream& in, T& v) {
  static_assert(std::is_trivially_copyable_v<T>);
  in.read(reinterpret_cast<char*>(&v), sizeof v);
}

void put_hair(std::ostream& out, const synth::TruthHair& h) {
  put(out, h.exit);
  put(out, h.length_um);
  put(out, h.diameter_um);
  put(out, h.vellus_like);
  put(out, h.anagen);
  put(out, h.in_frame);
  put(out, h.touching);
  put(out, h.unit);
  put(out, h.contrast);
  put(out, h.exit_second);
  put(out, h.length_second_um);
  put(out, h.path.size());
  out.write(reinterpret_cast<const char*>(h.path.data()),
            static_cast<std::streamsize>(h.path.size() * sizeof(cv::Point2d)));
}

void get_hair(std::istream& in, synth::TruthHair& h) {
  get(in, h.exit);
  get(in, h.length_um);
  get(in, h.diameter_um);
  get(in, h.vellus_like);
  get(in, h.anagen);
  get(in, h.in_frame);
  get(in, h.touching);
  get(in, h.unit);
  get(in, h.contrast);
  get(in, h.exit_second);
  get(in, h.length_second_um);
  size_t n = 0;
  get(in, n);
  if (!in || n > 1000000) throw std::runtime_error("bad cache entry");
  h.path.resize(n);
  in.read(reinterpret_cast<char*>(h.path.data()),
          static_cast<std::streamsize>(n * sizeof(cv::Point2d)));
}

// Writes to a temporary name, then renames: readers never see half a file.
void write_atomically(const fs::path& path, const std::string& bytes) {
  fs::path tmp = path;
  tmp += ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
  }
  fs::rename(tmp, path);
}

std::string png(const cv::Mat& image) {
  std::vector<unsigned char> buf;
  cv::imencode(".png", image, buf);
  return std::string(buf.begin(), buf.end());
}

cv::Mat read_png(std::istream& in) {
  size_t n = 0;
  get(in, n);
  std::vector<unsigned char> buf(n);
  in.read(reinterpret_cast<char*>(buf.data()), static_cast<std::streamsize>(n));
  if (!in) throw std::runtime_error("bad cache entry");
  return cv::imdecode(buf, cv::IMREAD_UNCHANGED);
}

void put_png(std::ostream& out, const cv::Mat& image) {
  std::string bytes = png(image);
  put(out, bytes.size());
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

bool load(const fs::path& path, const synth::Params& params, synth::Sample& s) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  try {
    s.params = params;
    get(in, s.um_per_px);
    get(in, s.jpeg_quality);
    get(in, s.second_from_first);
    size_t hairs = 0;
    get(in, hairs);
    if (!in || hairs > 1000000) return false;
    s.hairs.resize(hairs);
    for (auto& h : s.hairs) get_hair(in, h);
    s.image = read_png(in);
    if (params.pair) s.second = read_png(in);
    return in.good() && !s.image.empty();
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

synth::Sample cached_generate(const synth::Params& params, const std::string& dir) {
  if (dir.empty()) return synth::generate(params);
  const fs::path path = fs::path(dir) / (key(params) + ".bin");
  synth::Sample s;
  if (load(path, params, s)) return s;
  s = synth::generate(params);
  std::ostringstream out(std::ios::binary);
  put(out, s.um_per_px);
  put(out, s.jpeg_quality);
  put(out, s.second_from_first);
  put(out, s.hairs.size());
  for (const auto& h : s.hairs) put_hair(out, h);
  put_png(out, s.image);
  if (params.pair) put_png(out, *s.second);
  fs::create_directories(dir);
  write_atomically(path, out.str());
  return s;
}

}  // namespace anagen::imaging::bench
