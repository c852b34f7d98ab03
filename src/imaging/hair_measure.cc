#include "hair_measure.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <opencv2/core/hal/intrin.hpp>

#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#define ANAGEN_GATHER8 1
#endif

namespace anagen::imaging {
namespace {

constexpr double kStepPx = kProfileStepPx;
constexpr int kSpacingPx = 2;  // Between cross-sections, at least.
constexpr int kMaxSections = 40;

// The points of a trace of n points that cross-sections are taken at: every
// section_spacing(n) from `first` on. Enough for robust medians; more only
// cost time.
int section_spacing(int n) { return std::max(kSpacingPx, n / kMaxSections); }
// measure_hair's first: a few points in from each end.
int measure_first(int n) { return std::min(n / 3, 3); }
constexpr double kTailFraction = 0.35;     // A clean profile falls below this.
constexpr double kOwnWidthQuantile = 0.4;  // Of the section widths, see own_width.
constexpr int kMinOwnWidthSections = 6;
constexpr int kRingSamples = 7;  // On the half circle beyond an end, 30 degrees apart.
// Sections folded into a profile: those whose width lies within this share
// of the hair's own width (+0.5 px). The diameter fit takes only the
// sections closest to the shaft's own width (a section that a sibling, a
// crossing or a specular stripe made wider or narrower bends the mean
// profile's flank; 0.1 rather than 0.2 lowered the diameter MAE by 0.13-0.16
// um on the synthetic sets); the edge rise, which tells shadows from shafts,
// keeps the broader fold it was tuned on.
constexpr double kFitFoldShare = 0.1;
constexpr double kRiseFoldShare = 0.2;

// Bilinear interpolation at (x, y), which must lie in [0, cols - 1.001] x
// [0, rows - 1.001] of the 8-bit image whose rows start `step` bytes apart.
inline float interpolate(const unsigned char* data, size_t step, float x, float y) {
  int x0 = static_cast<int>(x), y0 = static_cast<int>(y);
  float fx = x - x0, fy = y - y0;
  const unsigned char* r0 = data + y0 * step + x0;
  const unsigned char* r1 = r0 + step;
  return (r0[0] * (1 - fx) + r0[1] * fx) * (1 - fy) + (r1[0] * (1 - fx) + r1[1] * fx) * fy;
}

#ifdef ANAGEN_GATHER8
// The first samples of interpolate_along, eight at a time with AVX2: each
// lane's corner pairs come from two 32-bit gathers (the pixel pair on its
// row and on the next), not from 32 byte loads and conversions one by one;
// then the same float operations as interpolate, lane by lane (mul and add
// apart: the target has no FMA to contract them into), so the same values.
// Writes samples lo to hi and returns hi + 1, or nothing and lo if they
// are fewer than 8. A gather reads two bytes past each pair, so every point
// must lie inside and above the last two rows, and the image's offsets
// must fit an int.
__attribute__((target("avx2"))) int interpolate_along8(const unsigned char* data, size_t step,
                                                       cv::Point2f p, cv::Point2f n, int half,
                                                       int lo, int hi, float* prof) {
  const int len = hi + 1;
  const __m256 px = _mm256_set1_ps(p.x), py = _mm256_set1_ps(p.y);
  const __m256 nx = _mm256_set1_ps(n.x), ny = _mm256_set1_ps(n.y);
  const __m256 one = _mm256_set1_ps(1.0f), step_px = _mm256_set1_ps(static_cast<float>(kStepPx));
  const __m256i vstep = _mm256_set1_epi32(static_cast<int>(step)), low = _mm256_set1_epi32(0xff);
  const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  const int* row0 = reinterpret_cast<const int*>(data);
  const int* row1 = reinterpret_cast<const int*>(data + step);
  // The last block ends at the last sample, overlapping the one before
  // (which it writes again with the same values), instead of a tail taken
  // four and one at a time.
  if (len - lo < 8) return lo;
  for (int i = lo;; i = std::min(i + 8, len - 8)) {
    // (i + k - half) * kStepPx, exact in float as in double.
    const __m256 o = _mm256_mul_ps(
        _mm256_cvtepi32_ps(_mm256_add_epi32(_mm256_set1_epi32(i - half), lanes)), step_px);
    const __m256 x = _mm256_add_ps(px, _mm256_mul_ps(nx, o));
    const __m256 y = _mm256_add_ps(py, _mm256_mul_ps(ny, o));
    const __m256i xi = _mm256_cvttps_epi32(x), yi = _mm256_cvttps_epi32(y);
    const __m256 fx = _mm256_sub_ps(x, _mm256_cvtepi32_ps(xi)),
                 fy = _mm256_sub_ps(y, _mm256_cvtepi32_ps(yi));
    const __m256i at = _mm256_add_epi32(_mm256_mullo_epi32(yi, vstep), xi);
    const __m256i w0 = _mm256_i32gather_epi32(row0, at, 1),
                  w1 = _mm256_i32gather_epi32(row1, at, 1);
    const __m256 v00 = _mm256_cvtepi32_ps(_mm256_and_si256(w0, low));
    const __m256 v01 = _mm256_cvtepi32_ps(_mm256_and_si256(_mm256_srli_epi32(w0, 8), low));
    const __m256 v10 = _mm256_cvtepi32_ps(_mm256_and_si256(w1, low));
    const __m256 v11 = _mm256_cvtepi32_ps(_mm256_and_si256(_mm256_srli_epi32(w1, 8), low));
    const __m256 gx = _mm256_sub_ps(one, fx);
    const __m256 top = _mm256_add_ps(_mm256_mul_ps(v00, gx), _mm256_mul_ps(v01, fx));
    const __m256 bottom = _mm256_add_ps(_mm256_mul_ps(v10, gx), _mm256_mul_ps(v11, fx));
    _mm256_storeu_ps(prof + i, _mm256_add_ps(_mm256_mul_ps(top, _mm256_sub_ps(one, fy)),
                                             _mm256_mul_ps(bottom, fy)));
    if (i + 8 == len) return len;
  }
}

bool has_avx2() {
  static const bool yes = __builtin_cpu_supports("avx2");
  return yes;
}

// fold_samples' interpolation at the four positions x (>= 0), as its
// scalar one does it lane by lane.
__attribute__((target("avx2"))) inline __m256d sample_at4(const float* values, __m256d x,
                                                          __m128i last) {
  const __m128i i = _mm_min_epi32(_mm256_cvttpd_epi32(x), last);
  const __m256d f = _mm256_sub_pd(x, _mm256_cvtepi32_pd(i));
  const __m256d v0 = _mm256_cvtps_pd(_mm_i32gather_ps(values, i, 4));
  const __m256d v1 = _mm256_cvtps_pd(_mm_i32gather_ps(values + 1, i, 4));
  return _mm256_add_pd(_mm256_mul_pd(v0, _mm256_sub_pd(_mm256_set1_pd(1.0), f)),
                       _mm256_mul_pd(v1, f));
}

// The first folded samples of fold_samples, four at a time with AVX2 (the
// same double operations lane by lane); returns how many it wrote, a
// multiple of 4 up to `reach`.
__attribute__((target("avx2"))) int fold_samples4(const float* values, int len, double centre,
                                                  double base, int reach, float* folded) {
  const __m256d c = _mm256_set1_pd(centre), b0 = _mm256_set1_pd(base);
  const __m256d two = _mm256_set1_pd(2.0), lanes = _mm256_setr_pd(0, 1, 2, 3);
  const __m128i last = _mm_set1_epi32(len - 2);
  int r = 0;
  for (; r + 4 <= reach; r += 4) {
    const __m256d d = _mm256_add_pd(_mm256_set1_pd(r), lanes);
    const __m256d sum = _mm256_add_pd(sample_at4(values, _mm256_sub_pd(c, d), last),
                                      sample_at4(values, _mm256_add_pd(c, d), last));
    _mm_storeu_ps(folded + r, _mm256_cvtpd_ps(_mm256_sub_pd(_mm256_div_pd(sum, two), b0)));
  }
  return r;
}
#endif

}  // namespace

void interpolate_along(const unsigned char* data, size_t step, cv::Point2f p, cv::Point2f n,
                       int half, int lo, int hi, float* prof, bool wide) {
  const int len = hi + 1;
  const cv::v_float32x4 px = cv::v_setall_f32(p.x), py = cv::v_setall_f32(p.y);
  const cv::v_float32x4 nx = cv::v_setall_f32(n.x), ny = cv::v_setall_f32(n.y);
  const cv::v_float32x4 one = cv::v_setall_f32(1.0f);
  int i = lo;
#ifdef ANAGEN_GATHER8
  if (wide && has_avx2()) i = interpolate_along8(data, step, p, n, half, lo, hi, prof);
#endif
  for (; i + 4 <= len; i += 4) {
    alignas(16) float off[4];
    for (int k = 0; k < 4; ++k) off[k] = static_cast<float>((i + k - half) * kStepPx);
    const cv::v_float32x4 o = cv::v_load_aligned(off);
    const cv::v_float32x4 x = px + nx * o, y = py + ny * o;
    const cv::v_int32x4 xi = cv::v_trunc(x), yi = cv::v_trunc(y);
    const cv::v_float32x4 fx = x - cv::v_cvt_f32(xi), fy = y - cv::v_cvt_f32(yi);
    alignas(16) int xs[4], ys[4];
    cv::v_store_aligned(xs, xi);
    cv::v_store_aligned(ys, yi);
    alignas(16) float v00[4], v01[4], v10[4], v11[4];
    for (int k = 0; k < 4; ++k) {
      const unsigned char* r0 = data + ys[k] * step + xs[k];
      v00[k] = r0[0];
      v01[k] = r0[1];
      v10[k] = r0[step];
      v11[k] = r0[step + 1];
    }
    const cv::v_float32x4 gx = one - fx;
    const cv::v_float32x4 top = cv::v_load_aligned(v00) * gx + cv::v_load_aligned(v01) * fx;
    const cv::v_float32x4 bottom = cv::v_load_aligned(v10) * gx + cv::v_load_aligned(v11) * fx;
    cv::v_store(prof + i, top * (one - fy) + bottom * fy);
  }
  for (; i < len; ++i) {
    const cv::Point2f q = p + n * static_cast<float>((i - half) * kStepPx);
    prof[i] = interpolate(data, step, q.x, q.y);
  }
}

int fold_samples(const float* values, int len, double centre, double base, float* folded,
                 bool wide) {
  auto at = [&](double x) {
    int i = std::min(static_cast<int>(x), len - 2);
    double f = x - i;
    return values[i] * (1 - f) + values[i + 1] * f;
  };
  int reach = 0;
  while (centre - reach >= 0 && centre + reach <= len - 1) ++reach;
  int r = 0;
#ifdef ANAGEN_GATHER8
  if (wide && has_avx2()) r = fold_samples4(values, len, centre, base, reach, folded);
#endif
  for (; r < reach; ++r)
    folded[r] = static_cast<float>((at(centre - r) + at(centre + r)) / 2 - base);
  return reach;
}

namespace {

float bilinear(const cv::Mat& img, float x, float y) {
  x = std::clamp(x, 0.0f, img.cols - 1.001f);
  y = std::clamp(y, 0.0f, img.rows - 1.001f);
  return interpolate(img.data, img.step[0], x, y);
}

// A cross-section's outcome; its samples are kept by the caller (Sections).
struct Section {
  bool ok = false;
  double width = 0, peak = 0, shift = 0, base = 0;
};

// The clean cross-sections of one trace and their samples, all of one
// length, in one buffer (one allocation per trace, not one per section).
struct Sections {
  int len = 0;
  std::vector<Section> info;
  std::vector<float> values;  // Section k: values[k * len, (k + 1) * len).
  const float* samples(size_t k) const { return values.data() + k * len; }
};

// prof[i] = the bilinear sample of `c` at p + n * (i - half) * kStepPx for
// i in [0, 2 * half], points beyond the image's edge clamped to it.
void sample_across(const cv::Mat& c, cv::Point2f p, cv::Point2f n, int half, float* prof) {
  const int len = 2 * half + 1;
  auto at = [&](int i) { return p + n * static_cast<float>((i - half) * kStepPx); };
  // The sample points' rounded coordinates are monotone in i, so those
  // inside the image, where bilinear's clamps change nothing, are one run
  // [lo, hi]; only the points beyond it (near the image's edge) are clamped.
  const float hi_x = c.cols - 1.001f, hi_y = c.rows - 1.001f;
  auto inside = [&](int i) {
    const cv::Point2f q = at(i);
    return q.x >= 0 && q.x <= hi_x && q.y >= 0 && q.y <= hi_y;
  };
  int lo = 0, hi = len - 1;
  while (lo < len && !inside(lo)) ++lo;
  while (hi >= lo && !inside(hi)) --hi;
  auto clamped = [&](int i) {
    const cv::Point2f q = at(i);
    prof[i] = bilinear(c, q.x, q.y);
  };
  for (int i = 0; i < lo; ++i) clamped(i);
  for (int i = std::max(hi + 1, lo); i < len; ++i) clamped(i);
  if (lo <= hi) {
    // interpolate_along's gathers read two bytes past each pixel pair:
    // from the last two rows they could leave the image.
    const bool wide = std::max(at(lo).y, at(hi).y) < c.rows - 2 &&
                      static_cast<double>(c.rows) * c.step[0] < std::numeric_limits<int>::max();
    interpolate_along(c.data, c.step[0], p, n, half, lo, hi, prof, wide);
  }
}

// Full width at half maximum of one cross-section through p along n; its
// 2 * half + 1 samples go to `prof`.
Section cross_section(const cv::Mat& c, cv::Point2f p, cv::Point2f n, int half, float* prof) {
  Section s;
  const int len = 2 * half + 1;
  sample_across(c, p, n, half, prof);
  int ip = half;
  const int search = static_cast<int>(2.5 / kStepPx);
  for (int i = half - search; i <= half + search; ++i)
    if (prof[i] > prof[ip]) ip = i;
  float base = std::min((prof[0] + prof[1] + prof[2]) / 3,
                        (prof[len - 1] + prof[len - 2] + prof[len - 3]) / 3);
  float peak = (prof[ip - 1] + 2 * prof[ip] + prof[ip + 1]) / 4;
  if (peak - base < 4) return s;
  float half_level = base + (peak - base) / 2;
  float tail_level = base + (peak - base) * kTailFraction;
  double edge[2];
  for (int dir = -1; dir <= 1; dir += 2) {
    int i = ip;
    while (i + dir > 0 && i + dir < len - 1 && prof[i + dir] >= half_level) i += dir;
    int j = i + dir;
    if (j <= 0 || j >= len - 1) return s;
    double f = (prof[i] - half_level) / std::max(1e-3f, prof[i] - prof[j]);
    edge[(dir + 1) / 2] = (i + dir * f - half) * kStepPx;
    bool tail = false;  // The profile must reach skin before the window ends.
    for (int k = j; !tail && k > 0 && k < len - 1; k += dir) tail = prof[k] <= tail_level;
    if (!tail) return s;
  }
  s.ok = true;
  s.width = edge[1] - edge[0];
  s.peak = peak - base;
  s.shift = (edge[1] + edge[0]) / 2;
  s.base = base;
  return s;
}

// Samples the cross-section at pts[i] (across the trace's tangent there)
// and keeps it in `sections` if it is clean.
Section take_section(const cv::Mat& c, const std::vector<cv::Point2f>& pts, int i, int half,
                     Sections& sections) {
  const size_t k = sections.info.size();
  sections.values.resize((k + 1) * sections.len);
  const cv::Point2f t = tangent_at(pts, i);
  Section s =
      cross_section(c, pts[i], {-t.y, t.x}, half, sections.values.data() + k * sections.len);
  if (s.ok)
    sections.info.push_back(s);
  else
    sections.values.resize(k * sections.len);
  return s;
}

// Room for the sections taken every `spacing` from `first` to before `end`.
void reserve(Sections& sections, int half, int first, int end, int spacing) {
  sections.len = 2 * half + 1;
  const int count = end > first ? (end - first + spacing - 1) / spacing : 0;
  sections.info.reserve(count);
  sections.values.reserve(static_cast<size_t>(count) * sections.len);
}

// The width of the trace's own shaft. Where a sibling from the same
// opening, a touching hair or a crossing runs along part of a trace, its
// cross-sections there are wider (a second shaft only ever widens the band),
// which pulls the median up; a low quantile of the widths stays on the
// shaft's own stretch.
double own_width(std::vector<double> widths, double median_width) {
  const int n = static_cast<int>(widths.size());
  if (n < kMinOwnWidthSections) return median_width;
  auto at = widths.begin() + static_cast<int>(kOwnWidthQuantile * n);
  std::nth_element(widths.begin(), at, widths.end());
  return *at;
}

double edge_rise(const HalfProfile& p) {
  if (p.size() < 3) return 0;
  float peak = *std::max_element(p.begin(), p.end()), slope = 0;
  for (size_t j = 0; j + 1 < p.size(); ++j)
    slope = std::max(slope, (p[j] - p[j + 1]) / static_cast<float>(kStepPx));
  return slope > 0 ? peak / slope : 1e9;
}

// Folds the sections about their own centres and averages them into
// out[k] for each of the `folds` shares: sections whose width strays from
// `width` by more than share[k] of it are left out. The folds share one pass
// (a section's folded samples are the same in each).
constexpr int kMaxFolds = 2;
void fold_sections(const Sections& sections, double width, const double* share, HalfProfile* out,
                   int folds) {
  CV_Assert(folds >= 1 && folds <= kMaxFolds);
  std::vector<int> count[kMaxFolds];
  const int len = sections.len, half = len / 2;
  std::vector<float> folded(len);  // One section's folded samples.
  for (size_t k = 0; k < sections.info.size(); ++k) {
    const Section& s = sections.info[k];
    bool in[kMaxFolds] = {};
    for (int f = 0; f < folds; ++f) in[f] = !(std::abs(s.width - width) > share[f] * width + 0.5);
    if (std::find(in, in + folds, true) == in + folds) continue;
    // The section folds from its centre out to its nearer end: samples
    // [0, reach); each fold it belongs to grows to that reach (zeros).
    const int reach = fold_samples(sections.samples(k), len, half + s.shift / kStepPx, s.base,
                                   folded.data(), true);
    for (int f = 0; f < folds; ++f) {
      if (!in[f]) continue;
      if (reach > static_cast<int>(out[f].size())) {
        out[f].resize(reach, 0);
        count[f].resize(reach, 0);
      }
      for (int j = 0; j < reach; ++j) {
        out[f][j] += folded[j];
        ++count[f][j];
      }
    }
  }
  for (int f = 0; f < folds; ++f)
    for (size_t j = 0; j < out[f].size(); ++j) out[f][j] /= std::max(1, count[f][j]);
}

HalfProfile fold_sections(const Sections& sections, double width, double share) {
  HalfProfile out;
  fold_sections(sections, width, &share, &out, 1);
  return out;
}

// Median contrast on an arc round the shaft's end `e` (outward direction
// `out`), just outside the shaft: where a follicular opening, darker than
// the skin and a little wider than the shaft, rings the exit. The median,
// not the mean, of the arc's samples: a neighbour's shaft or a crossing
// that passes the end covers one or two of them and would raise a mean as
// much as an opening does.
double ring_contrast(const cv::Mat& c, cv::Point2f e, cv::Point2f out, double r) {
  const double rho = 1.15 * r + 1.25;
  std::vector<double> v(kRingSamples);
  for (int k = 0; k < kRingSamples; ++k) {
    const double a = (-90 + 180.0 * k / (kRingSamples - 1)) * M_PI / 180;
    const double ca = std::cos(a), sa = std::sin(a);
    cv::Point2f d(static_cast<float>(out.x * ca - out.y * sa),
                  static_cast<float>(out.x * sa + out.y * ca));
    cv::Point2f q = e + d * static_cast<float>(rho);
    v[k] = bilinear(c, q.x, q.y);
  }
  return median(std::move(v));
}

// The end's line is fitted to the trace from kHookPx to kFitPx behind the
// end; the last kHookPx may be a hook (see end_ray).
constexpr float kHookPx = 8.0f;
constexpr float kFitPx = 32.0f;
constexpr float kHookDevPx = 1.5f;  // Off the fitted line: part of a hook.

}  // namespace

// measure_hair's clean cross-sections of the trace `pts`, `half` samples to
// each side, at the trace points HairMeasure::section_at.
struct TakenSections {
  std::vector<cv::Point2f> pts;
  int half = 0;
  Sections sections;
};

cv::Point2f unit(cv::Point2f v) {
  const float n = std::hypot(v.x, v.y);
  return n > 0 ? v / n : cv::Point2f(0, 0);
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  auto mid = v.begin() + v.size() / 2;
  std::nth_element(v.begin(), mid, v.end());
  return *mid;
}

EndRay end_ray(const std::vector<cv::Point2f>& path, int end) {
  const int n = static_cast<int>(path.size());
  auto at = [&](int i) { return end == 0 ? path[i] : path[n - 1 - i]; };
  std::vector<float> arc(n, 0);
  for (int i = 1; i < n; ++i) arc[i] = arc[i - 1] + static_cast<float>(cv::norm(at(i) - at(i - 1)));
  const float lo = std::min(kHookPx, 0.2f * arc[n - 1]), hi = std::min(kFitPx, 0.8f * arc[n - 1]);
  std::vector<int> fit;
  for (int i = 0; i < n; ++i)
    if (arc[i] >= lo && arc[i] <= hi) fit.push_back(i);
  if (fit.size() < 5) return {at(0), end_direction(path, end)};
  // Least squares v = a + b u in a frame along the chord of the fitted
  // stretch (u pointing out of the end, v across).
  const cv::Point2f origin = at(fit.front());
  const cv::Point2f chord = unit(at(fit.front()) - at(fit.back()));
  const cv::Point2f across_dir(-chord.y, chord.x);
  double s1 = 0, su = 0, suu = 0, sv = 0, suv = 0;
  for (int i : fit) {
    const cv::Point2f q = at(i) - origin;
    const double u = chord.dot(q), v = across_dir.dot(q);
    s1 += 1;
    su += u;
    suu += u * u;
    sv += v;
    suv += u * v;
  }
  const double det = s1 * suu - su * su;
  if (!(det > 1e-6)) return {at(0), end_direction(path, end)};
  const double b = (s1 * suv - su * sv) / det, a = (sv - b * su) / s1;
  int keep = 0;
  for (int i = 0; i < n && arc[i] < lo; ++i) {
    const cv::Point2f q = at(i) - origin;
    const double u = chord.dot(q);
    if (std::abs(across_dir.dot(q) - (a + b * u)) <= kHookDevPx) {
      keep = i;
      break;
    }
  }
  const double u = chord.dot(at(keep) - origin);
  const cv::Point2f start =
      origin + chord * static_cast<float>(u) + across_dir * static_cast<float>(a + b * u);
  return {start, unit(chord + across_dir * static_cast<float>(b))};
}

cv::Point2f end_direction(const std::vector<cv::Point2f>& pts, int end) {
  const int n = static_cast<int>(pts.size());
  const int a = std::min(3, n / 4), b = std::min(n - 1, 18);
  cv::Point2f d = end == 0 ? pts[a] - pts[b] : pts[n - 1 - a] - pts[n - 1 - b];
  float len = std::hypot(d.x, d.y);
  return len > 0 ? d / len : cv::Point2f(1, 0);
}

cv::Point2f tangent_at(const std::vector<cv::Point2f>& pts, int i) {
  const int n = static_cast<int>(pts.size());
  int a = std::max(0, i - 3), b = std::min(n - 1, i + 3);
  cv::Point2f d = pts[b] - pts[a];
  float len = std::hypot(d.x, d.y);
  return len > 0 ? d / len : cv::Point2f(1, 0);
}

double measure_reach(const TracedHair& hair, double widest_px) {
  return hair.width_px > 0 ? std::min(widest_px, 1.5 * hair.width_px + 5) : widest_px;
}

double edge_width(const std::vector<cv::Point>& pts, const ContrastMap& contrast,
                  double max_radius_px) {
  const int n = static_cast<int>(pts.size());
  if (n < 5) return 0;
  std::vector<cv::Point2f> p(pts.begin(), pts.end());
  const int half = std::min(127, static_cast<int>(std::ceil((2 * max_radius_px + 4) / kStepPx)));
  const int skip = std::min(n / 3, 4);
  const int step = std::max(2, (n - 2 * skip) / 8);
  std::vector<double> widths;
  std::vector<float> samples(2 * half + 1);
  for (int i = skip; i < n - skip; i += step) {
    cv::Point2f t = tangent_at(p, i);
    Section s = cross_section(contrast.raw, p[i], {-t.y, t.x}, half, samples.data());
    if (s.ok) widths.push_back(s.width);
  }
  return median(widths);
}

// Hairs of one opening leave it a few degrees apart and run side by side
// for much of their length, so a sibling's cross-sections there take in
// the other shaft as well: the band reads wider and its flanks are the
// pair's, not this shaft's. Only the sections whose centre lies farther
// than the two half-widths plus `margin_px` (the blur's reach) from every
// other trace see this shaft alone. A trace's last width + kClearEndPx
// px at each end are left out too: a free end's cap, where the profile
// narrows and the tracer may drift off the shaft. Fewer than
// kMinClearSections clear sections are too few for a mean profile.
constexpr double kClearEndPx = 2.0;
constexpr int kMinClearSections = 6;
// A clear stretch whose median width strays from the shaft's own width by
// more than this share of it is not the shaft alone: narrower, it is a
// thinning end or a drift of the trace off the shaft; wider, the trace runs
// there over a second shaft that has no trace of its own (a merged
// sibling), which the nearness test cannot see. The whole trace's fold at
// its own width is kept then.
constexpr double kClearWidthShare = 0.2;

bool fold_clear_sections(const TracedHair& hair, const ContrastMap& contrast, double reach_px,
                         const std::vector<NearTrace>& near, double margin_px, HairMeasure& m) {
  const double own_width_px = m.profile_width_px;
  const auto& pts = hair.pts;
  const int n = static_cast<int>(pts.size());
  const int half = std::min(127, static_cast<int>(std::ceil(reach_px / kStepPx)));
  const int spacing = section_spacing(n);
  const int skip = static_cast<int>(std::ceil(own_width_px + kClearEndPx));
  Sections sections;
  reserve(sections, half, skip, n - skip, spacing);
  const TakenSections* taken = m.taken.get();
  const bool same_trace = taken && taken->half == half && taken->pts.size() == pts.size() &&
                          std::equal(pts.begin(), pts.end(), taken->pts.begin());
  const int taken_first = measure_first(n);
  std::vector<double> widths;
  for (int i = skip; i < n - skip; i += spacing) {
    bool clear = true;
    for (const NearTrace& t : near) {
      const double keep = (own_width_px + t.width_px) / 2 + margin_px;
      for (const cv::Point2f& q : t.pts)
        if (std::abs(q.x - pts[i].x) < keep && std::abs(q.y - pts[i].y) < keep &&
            cv::norm(q - pts[i]) < keep) {
          clear = false;
          break;
        }
      if (!clear) break;
    }
    if (!clear) continue;
    if (same_trace && i >= taken_first && i < n - taken_first && (i - taken_first) % spacing == 0) {
      // measure_hair took this section: reuse it (a section it did not keep
      // was not clean).
      const auto k = std::lower_bound(m.section_at.begin(), m.section_at.end(), i);
      if (k == m.section_at.end() || *k != i) continue;
      const size_t from = k - m.section_at.begin();
      const Section& s = taken->sections.info[from];
      const float* v = taken->sections.samples(from);
      sections.info.push_back(s);
      sections.values.insert(sections.values.end(), v, v + sections.len);
      widths.push_back(s.width);
      continue;
    }
    const Section s = take_section(contrast.raw, pts, i, half, sections);
    if (s.ok) widths.push_back(s.width);
  }
  if (static_cast<int>(sections.info.size()) < kMinClearSections) return false;
  const double clear_width_px = median(widths);
  if (std::abs(clear_width_px - own_width_px) > kClearWidthShare * own_width_px) return false;
  m.clear_width_change =
      own_width_px > 0 ? std::abs(clear_width_px - own_width_px) / own_width_px : 0;
  m.profile_width_px = clear_width_px;
  m.profile = fold_sections(sections, m.profile_width_px, kFitFoldShare);
  return true;
}

CrossShape cross_shape(const std::vector<cv::Point2f>& pts, const cv::Mat& contrast,
                       double um_per_px) {
  constexpr int kHalf = static_cast<int>(CrossShape::kCrossReachUm / CrossShape::kCrossStepUm);
  constexpr int kLen = 2 * kHalf + 1;
  constexpr int kCentreSearch = 6, kMinHumpGap = 3;  // In steps: 30 and 15 µm.
  constexpr double kMinHumpHeight = 0.3, kMinDip = 0.08;
  const float step_px = static_cast<float>(CrossShape::kCrossStepUm / um_per_px);
  const int n = static_cast<int>(pts.size());
  std::array<double, kLen> mean{};
  std::array<float, kLen> v{};
  std::array<double, kLen> sm{};
  std::vector<double> fifths[5], gaps, depths;
  int sections = 0, doubles = 0;
  for (int k = 3; k + 3 < n; k += 2) {
    const cv::Point2f t = pts[k + 3] - pts[k - 3];
    const float len = std::hypot(t.x, t.y);
    if (!(len > 0)) continue;
    // sample_across steps kStepPx along `across`: the normal times
    // step_px / kStepPx.
    static_assert(kStepPx == 0.5);
    const cv::Point2f across = cv::Point2f(-t.y / len * step_px, t.x / len * step_px) * 2.0f;
    sample_across(contrast, pts[k], across, kHalf, v.data());
    for (int j = 0; j < kLen; ++j) mean[j] += v[j];
    ++sections;
    sm[0] = v[0];
    sm[kLen - 1] = v[kLen - 1];
    for (int j = 1; j + 1 < kLen; ++j) sm[j] = (v[j - 1] + 2.0 * v[j] + v[j + 1]) / 4;
    int p1 = kHalf - kCentreSearch;
    for (int j = p1; j <= kHalf + kCentreSearch; ++j)
      if (sm[j] > sm[p1]) p1 = j;
    const double top = sm[p1];
    if (!(top > 0)) continue;
    int a = p1, b = p1;
    while (a > 0 && sm[a - 1] > top / 2) --a;
    while (b + 1 < kLen && sm[b + 1] > top / 2) ++b;
    // The half-maximum crossings, interpolated between samples.
    const double left = a > 0 ? a - (sm[a] - top / 2) / (sm[a] - sm[a - 1]) : a;
    const double right = b + 1 < kLen ? b + (sm[b] - top / 2) / (sm[b] - sm[b + 1]) : b;
    fifths[std::min(4, 5 * k / n)].push_back((right - left) * CrossShape::kCrossStepUm);
    double best = 0;
    int p2 = -1;
    for (int j = 1; j + 1 < kLen; ++j) {
      if (std::abs(j - p1) < kMinHumpGap || sm[j] < sm[j - 1] || sm[j] < sm[j + 1]) continue;
      const double dip =
          *std::min_element(sm.begin() + std::min(j, p1), sm.begin() + std::max(j, p1) + 1);
      const double depth = std::min(sm[j], top) - dip;
      if (sm[j] > kMinHumpHeight * top && depth > kMinDip * top && depth > best) {
        best = depth;
        p2 = j;
      }
    }
    if (p2 < 0) continue;
    ++doubles;
    gaps.push_back(std::abs(p2 - p1) * CrossShape::kCrossStepUm);
    depths.push_back(best / top);
  }
  CrossShape out;
  if (sections == 0) return out;
  for (double& m : mean) m /= sections;
  const double peak = *std::max_element(mean.begin(), mean.end());
  const double scale = peak > 0 ? peak : 1;
  for (int j = 0; j < CrossShape::kFolds; ++j)
    out.fold[j] = (mean[kHalf + 2 * j] + mean[kHalf - 2 * j]) / 2 / scale;
  for (int j = 0; j < 2; ++j)
    out.asymmetry[j] = std::abs(mean[kHalf + 4 * (j + 1)] - mean[kHalf - 4 * (j + 1)]) / 2 / scale;
  out.peak = peak;
  for (int f = 0; f < 5; ++f) out.fifth_width_um[f] = median(std::move(fifths[f]));
  out.double_share = static_cast<double>(doubles) / sections;
  out.double_gap_um = median(std::move(gaps));
  out.double_depth = median(std::move(depths));
  return out;
}

HairMeasure measure_hair(const TracedHair& hair, const ContrastMap& contrast, double reach_px,
                         double ref_width_px) {
  const auto& pts = hair.pts;
  const int n = static_cast<int>(pts.size());
  const int half = std::min(127, static_cast<int>(std::ceil(reach_px / kStepPx)));
  const int spacing = section_spacing(n);
  std::vector<double> widths, peaks, shifts, ends[2];
  std::vector<int> at;
  Sections sections;
  const int skip = measure_first(n);
  reserve(sections, half, skip, n - skip, spacing);
  // Room for every section at once (grown one by one, each list was
  // reallocated several times per trace).
  for (auto* v : {&widths, &peaks, &shifts, &ends[0], &ends[1]})
    v->reserve(sections.info.capacity());
  at.reserve(sections.info.capacity());
  for (int i = skip; i < n - skip; i += spacing) {
    const Section s = take_section(contrast.raw, pts, i, half, sections);
    if (!s.ok) continue;
    widths.push_back(s.width);
    at.push_back(i);
    peaks.push_back(s.peak);
    shifts.push_back(s.shift);
    if (i < n / 4) ends[0].push_back(s.width);
    if (i >= n - n / 4) ends[1].push_back(s.width);
  }
  HairMeasure m;
  m.samples = static_cast<int>(widths.size());
  m.section_width.reserve(widths.size());
  m.section_shift.reserve(widths.size());
  m.width_px = median(widths);
  for (size_t k = 0; k < widths.size(); ++k) {
    m.section_width.push_back(static_cast<float>(widths[k]));
    m.section_shift.push_back(static_cast<float>(shifts[k]));
  }
  m.section_at = std::move(at);
  if (ref_width_px > 0)
    m.width_px = m.profile_width_px = ref_width_px;
  else
    m.profile_width_px = own_width(widths, m.width_px);
  m.contrast = median(peaks);
  m.centre_shift_px = median(shifts);
  for (int s = 0; s < 2; ++s) m.width_end[s] = ends[s].empty() ? m.width_px : median(ends[s]);
  const double shares[2] = {kFitFoldShare, kRiseFoldShare};
  HalfProfile folds[2];
  fold_sections(sections, m.profile_width_px, shares, folds, 2);
  m.profile = std::move(folds[0]);
  m.edge_rise_px = edge_rise(folds[1]);
  auto taken = std::make_shared<TakenSections>();
  taken->pts = pts;
  taken->half = half;
  taken->sections = std::move(sections);
  m.taken = std::move(taken);
  if (n < 4 || m.contrast <= 0) return m;
  const double r = std::max(1.0, m.width_px / 2);
  for (int s = 0; s < 2; ++s) {
    cv::Point2f out = end_direction(pts, s);
    // A free skeleton end stops about one radius short of the shaft's end.
    cv::Point2f e = (s == 0 ? pts.front() : pts.back()) + out * static_cast<float>(r);
    m.opening[s] = ring_contrast(contrast.raw, e, out, r) / m.contrast;
  }
  return m;
}

}  // namespace anagen::imaging
