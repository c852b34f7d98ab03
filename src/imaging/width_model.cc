#include "width_model.h"

#include <algorithm>
#include <cmath>
#include <limits>

#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#define ANAGEN_FIT4 1
#endif

namespace anagen::imaging {
namespace {

constexpr double kRadiusStep = 0.2;
constexpr double kMinRadius = 0.4;
constexpr double kSigmas[] = {0.4, 0.7, 1.0, 1.3, 1.6};
// Tabulated transmissions: black hair lets through about 0.04 of the light
// across a full diameter, brown 0.1-0.2, blond and grey terminal hair
// 0.4-0.45, the palest vellus hair 0.55. A hair's own transmission (fit)
// is searched among the first kSearchedTables only: the pale vellus table
// serves fits made at a fixed transmission (fit_transmission).
constexpr double kTransmission[] = {0.04, 0.2, 0.45, 0.55};
constexpr int kSearchedTables = 3;
// Transmissions tried for an image's shafts (model rows blended between the
// tabulated ones): black hair lets through about 0.04 of the light across a
// full diameter, brown 0.1-0.2, blond and grey 0.4-0.45.
constexpr double kTransmissionSteps[] = {0.04, 0.07, 0.1, 0.14, 0.2, 0.26, 0.33, 0.45};
constexpr double kIntegrationStep = 0.2;
constexpr double kKernelStep = 0.02;

// Blur kernel of the optics (Gaussian sigma) and a 1-px sensor box.
double kernel(double x, double sigma) {
  const double s = sigma * std::sqrt(2.0);
  return 0.5 * (std::erf((x + 0.5) / s) - std::erf((x - 0.5) / s));
}

// `across` (samples of a profile across the shaft, every 2r / its size from
// -r) blurred by the kernel `kern` and sampled from the axis out.
std::vector<float> blur_across(const std::vector<double>& across, double r, int n_t,
                               const std::vector<double>& kern, double kern_step) {
  const int n_u = static_cast<int>(across.size());
  const double du = 2 * r / n_u;
  std::vector<float> row(n_t);
  const int half = static_cast<int>(kern.size() / 2);
  for (int j = 0; j < n_t; ++j) {
    double t = j * kProfileStepPx, acc = 0;
    for (int i = 0; i < n_u; ++i) {
      // Nearest kernel sample; the offset keeps the truncated value positive.
      int idx =
          half + static_cast<int>((t - (-r + (i + 0.5) * du)) / kern_step + 0.5 + 1e6) - 1000000;
      if (idx >= 0 && idx < static_cast<int>(kern.size())) acc += across[i] * kern[idx];
    }
    row[j] = static_cast<float>(acc);
  }
  return row;
}

std::vector<float> model_row(double r, double k, int n_t, const std::vector<double>& kern,
                             double kern_step) {
  // Chord profile of the cylinder, sampled across the shaft.
  std::vector<double> chord;
  const int n_u = std::max(4, static_cast<int>(std::ceil(2 * r / kIntegrationStep)));
  const double du = 2 * r / n_u;
  for (int i = 0; i < n_u; ++i) {
    double q = (-r + (i + 0.5) * du) / r;
    chord.push_back((1 - std::pow(k, std::sqrt(std::max(0.0, 1 - q * q)))) / (1 - k) * du);
  }
  return blur_across(chord, r, n_t, kern, kern_step);
}

// A model row depends only on its table (sigma, k) and radius index (the
// radii are the same sequence in every model), so the rows are kept across
// models: per thread, computed on first use. [table][radius][t].
std::vector<std::vector<float>>& row_cache(std::size_t table_index) {
  thread_local std::vector<std::vector<std::vector<float>>> cache(std::size(kSigmas) *
                                                                  std::size(kTransmission));
  return cache[table_index];
}

// A specular highlight along the shaft: light reflected where the surface
// faces the lamp, a narrow band at a fixed place on the cylinder
// (kHighlightAt of the radius off the axis, kHighlightWidth of it wide), on
// one side. Folded about the centre it is two half-height bumps, blurred
// like the shaft; its height is a share of the shaft's contrast, negative
// (a dip) on a shaft darker than the skin.
constexpr double kHighlightAt = 0.35;
constexpr double kHighlightWidth = 0.15;

std::vector<float> highlight_row(double r, int n_t, const std::vector<double>& kern,
                                 double kern_step) {
  std::vector<double> band;
  const int n_u = std::max(4, static_cast<int>(std::ceil(2 * r / kIntegrationStep)));
  const double du = 2 * r / n_u;
  auto g = [](double q) { return std::exp(-std::pow((q - kHighlightAt) / kHighlightWidth, 2)); };
  for (int i = 0; i < n_u; ++i) {
    double q = (-r + (i + 0.5) * du) / r;
    band.push_back(0.5 * (g(q) + g(-q)) * du);
  }
  return blur_across(band, r, n_t, kern, kern_step);
}

// Highlight rows, per blur, kept like the model rows. [sigma][radius][t].
std::vector<std::vector<float>>& highlight_cache(std::size_t sigma_index) {
  thread_local std::vector<std::vector<std::vector<float>>> cache(std::size(kSigmas));
  return cache[sigma_index];
}

// The rows of one blur's two tables bracketing a transmission, blended for
// it: every hair of an image is fitted at the image's one transmission,
// so the blended rows are kept (per thread, per blur) until it changes.
struct BlendCache {
  double k = -1, highlight = 0;
  std::vector<std::vector<float>> rows;  // [radius][t]
};

BlendCache& blend_cache(std::size_t sigma_index) {
  thread_local std::vector<BlendCache> cache(std::size(kSigmas));
  return cache[sigma_index];
}

// Where `x` lies among the ascending `v` (at least two values): between
// v[hi - 1] and v[hi], at weight `w` towards v[hi] (clamped to the ends).
struct Bracket {
  int hi;
  double w;
};

Bracket bracket(const double* v, int n, double x) {
  int hi = 1;
  while (hi < n - 1 && v[hi] < x) ++hi;
  return {hi, std::clamp((x - v[hi - 1]) / (v[hi] - v[hi - 1]), 0.0, 1.0)};
}

// The fit interpolated between the two tabulated blurs around `sigma`.
template <class FitAt>
WidthModel::Fit between_sigmas(const std::vector<double>& sigmas, double sigma,
                               const FitAt& fit_at) {
  const Bracket b = bracket(sigmas.data(), static_cast<int>(sigmas.size()), sigma);
  const WidthModel::Fit lo = fit_at(b.hi - 1), hi = fit_at(b.hi);
  return {lo.radius_px * (1 - b.w) + hi.radius_px * b.w,
          lo.residual * (1 - b.w) + hi.residual * b.w};
}

// Squared misfit of y[first, n) to the model row m scaled by its least-
// squares contrast, or the largest double if the row is zero there (a
// sample past the row's end meets a model value of 0).
double misfit(const HalfProfile& y, const std::vector<float>& m, int first, int n) {
  double ym = 0, mm = 0;
  for (int j = first; j < n; ++j) {
    float mv = j < static_cast<int>(m.size()) ? m[j] : 0.0f;
    ym += y[j] * mv;
    mm += mv * mv;
  }
  if (mm <= 0) return std::numeric_limits<double>::max();
  double c = ym / mm, e = 0;
  for (int j = first; j < n; ++j) {
    float mv = j < static_cast<int>(m.size()) ? m[j] : 0.0f;
    e += (y[j] - c * mv) * (y[j] - c * mv);
  }
  return e;
}

#ifdef ANAGEN_FIT4
constexpr int kMaxFit4Samples = 512;

bool has_avx2() {
  static const bool yes = __builtin_cpu_supports("avx2");
  return yes;
}

// misfit for four rows at once, one per lane (AVX2): each lane's sums take
// the same float products and double operations in the same order as
// misfit's, so the same values, but the four chains of additions overlap
// instead of waiting on each other. REQUIRES: n <= kMaxFit4Samples.
__attribute__((target("avx2"))) void misfit4(const HalfProfile& y,
                                             const std::vector<float>* const rows[4], int first,
                                             int n, double* err) {
  alignas(16) float m[kMaxFit4Samples][4];  // m[j][k]: row k's value at j, 0 past its end.
  for (int k = 0; k < 4; ++k) {
    const std::vector<float>& row = *rows[k];
    const int in_row = std::max(first, std::min(static_cast<int>(row.size()), n));
    for (int j = first; j < in_row; ++j) m[j][k] = row[j];
    for (int j = in_row; j < n; ++j) m[j][k] = 0.0f;
  }
  __m256d ym = _mm256_setzero_pd(), mm = _mm256_setzero_pd();
  for (int j = first; j < n; ++j) {
    const __m128 mv = _mm_load_ps(m[j]);
    ym = _mm256_add_pd(ym, _mm256_cvtps_pd(_mm_mul_ps(_mm_set1_ps(y[j]), mv)));
    mm = _mm256_add_pd(mm, _mm256_cvtps_pd(_mm_mul_ps(mv, mv)));
  }
  const __m256d c = _mm256_div_pd(ym, mm);
  __m256d e = _mm256_setzero_pd();
  for (int j = first; j < n; ++j) {
    const __m256d d =
        _mm256_sub_pd(_mm256_set1_pd(y[j]), _mm256_mul_pd(c, _mm256_cvtps_pd(_mm_load_ps(m[j]))));
    e = _mm256_add_pd(e, _mm256_mul_pd(d, d));
  }
  alignas(32) double mm_k[4];
  _mm256_store_pd(mm_k, mm);
  _mm256_storeu_pd(err, e);
  for (int k = 0; k < 4; ++k)
    if (mm_k[k] <= 0) err[k] = std::numeric_limits<double>::max();
}
#endif

}  // namespace

void model_misfits(const HalfProfile& y, const std::vector<float>* const rows[4], int first, int n,
                   double* err, bool wide) {
#ifdef ANAGEN_FIT4
  if (wide && n <= kMaxFit4Samples && has_avx2()) {
    misfit4(y, rows, first, n, err);
    return;
  }
#endif
  for (int k = 0; k < 4; ++k) err[k] = misfit(y, *rows[k], first, n);
}

WidthModel::WidthModel(double max_radius_px) {
  for (double r = kMinRadius; r <= max_radius_px + 1e-9; r += kRadiusStep) radii_.push_back(r);
  sigmas_.assign(std::begin(kSigmas), std::end(kSigmas));
  for (double sigma : sigmas_) {
    const double reach = 0.5 + 4 * sigma;
    std::vector<double> kern;
    for (double x = -reach; x <= reach + 1e-9; x += kKernelStep) kern.push_back(kernel(x, sigma));
    for (double k : kTransmission) tables_.push_back({sigma, k, kern});
  }
  for (std::size_t ti = 0; ti < tables_.size(); ++ti) {
    std::vector<std::vector<float>>& rows = row_cache(ti);
    if (rows.size() < radii_.size()) rows.resize(radii_.size());
  }
}

const std::vector<float>& WidthModel::row(const Table& t, size_t i) const {
  std::vector<float>& r = row_cache(static_cast<std::size_t>(&t - tables_.data()))[i];
  if (r.empty()) {
    const double reach = 0.5 + 4 * t.sigma;
    int n_t = static_cast<int>(std::ceil((radii_[i] + reach) / kProfileStepPx)) + 1;
    r = model_row(radii_[i], t.k, n_t, t.kernel, kKernelStep);
  }
  return r;
}

const std::vector<float>& WidthModel::highlight(int si, size_t i) const {
  std::vector<std::vector<float>>& rows = highlight_cache(static_cast<std::size_t>(si));
  if (rows.size() < radii_.size()) rows.resize(radii_.size());
  std::vector<float>& r = rows[i];
  if (r.empty()) {
    const Table& t = tables_[si * std::size(kTransmission)];
    const double reach = 0.5 + 4 * t.sigma;
    int n_t = static_cast<int>(std::ceil((radii_[i] + reach) / kProfileStepPx)) + 1;
    r = highlight_row(radii_[i], n_t, t.kernel, kKernelStep);
  }
  return r;
}

WidthModel::Window WidthModel::window_for(double fwhm_px) {
  return {0.33 * fwhm_px, 0.65 * fwhm_px,
          static_cast<int>(std::ceil((0.65 * fwhm_px + 3) / kProfileStepPx)) + 1};
}

template <class Row>
WidthModel::Fit WidthModel::fit_rows(const HalfProfile& y, const Row& row_at,
                                     const Window& w) const {
  const int n = std::min(static_cast<int>(y.size()), w.samples);
  std::vector<double> err(radii_.size(), std::numeric_limits<double>::max());
  double peak = std::max(1e-3f, *std::max_element(y.begin(), y.begin() + n));
  auto in_window = [&](size_t i) {
    return !(radii_[i] < w.r_lo - kRadiusStep || radii_[i] > w.r_hi + kRadiusStep);
  };
  size_t i = 0;
  while (i < radii_.size() && !in_window(i)) ++i;
  // The window's radii four at a time (they are consecutive).
  for (; i + 4 <= radii_.size() && in_window(i + 3); i += 4) {
    const std::vector<float>* rows[4] = {&row_at(i), &row_at(i + 1), &row_at(i + 2),
                                         &row_at(i + 3)};
    model_misfits(y, rows, w.first, n, err.data() + i, true);
  }
  for (; i < radii_.size(); ++i)
    if (in_window(i)) err[i] = misfit(y, row_at(i), w.first, n);
  size_t best = std::min_element(err.begin(), err.end()) - err.begin();
  if (err[best] == std::numeric_limits<double>::max()) return {0, err[best]};
  double r = radii_[best];
  if (best > 0 && best + 1 < radii_.size() && err[best - 1] < std::numeric_limits<double>::max() &&
      err[best + 1] < std::numeric_limits<double>::max()) {  // Parabolic refinement.
    double a = err[best - 1], b = err[best], c = err[best + 1];
    double d = a - 2 * b + c;
    if (d > 0) r += kRadiusStep * std::clamp(0.5 * (a - c) / d, -0.5, 0.5);
  }
  return {r, std::sqrt(err[best] / std::max(1, n - w.first)) / peak};
}

WidthModel::Fit WidthModel::fit_table(const HalfProfile& y, const Table& table,
                                      const Window& w) const {
  return fit_rows(
      y, [&](size_t i) -> const std::vector<float>& { return row(table, i); }, w);
}

WidthModel::Fit WidthModel::fit_blend(const HalfProfile& y, int si, double k,
                                      double highlight_share, const Window& w) const {
  const int nk = static_cast<int>(std::size(kTransmission));
  const Bracket t = bracket(kTransmission, nk, k);
  const Table &a = tables_[si * nk + t.hi - 1], &b = tables_[si * nk + t.hi];
  BlendCache& cache = blend_cache(static_cast<std::size_t>(si));
  if (cache.k != k || cache.highlight != highlight_share) {
    cache.k = k;
    cache.highlight = highlight_share;
    cache.rows.clear();
  }
  if (cache.rows.size() < radii_.size()) cache.rows.resize(radii_.size());
  return fit_rows(
      y,
      [&](size_t i) -> const std::vector<float>& {
        std::vector<float>& blend = cache.rows[i];
        if (blend.empty()) {
          const std::vector<float>&ra = row(a, i), &rb = row(b, i);
          blend.assign(std::max(ra.size(), rb.size()), 0.0f);
          for (size_t j = 0; j < blend.size(); ++j)
            blend[j] = static_cast<float>((j < ra.size() ? ra[j] : 0.0f) * (1 - t.w) +
                                          (j < rb.size() ? rb[j] : 0.0f) * t.w);
          if (highlight_share != 0) {
            const std::vector<float>& h = highlight(si, i);
            for (size_t j = 0; j < blend.size() && j < h.size(); ++j)
              blend[j] += static_cast<float>(highlight_share * h[j]);
          }
        }
        return blend;
      },
      w);
}

WidthModel::Fit WidthModel::fit_transmission(const HalfProfile& y, double sigma, double k,
                                             const Window& win, double highlight_share) const {
  return between_sigmas(sigmas_, sigma,
                        [&](int si) { return fit_blend(y, si, k, highlight_share, win); });
}

double WidthModel::estimate_transmission(const std::vector<const HalfProfile*>& profiles,
                                         const std::vector<Window>& windows, double sigma,
                                         double highlight_share) const {
  double best_k = kTransmission[0], best = std::numeric_limits<double>::max();
  for (double k : kTransmissionSteps) {
    double total = 0;
    for (size_t i = 0; i < profiles.size(); ++i)
      total += fit_transmission(*profiles[i], sigma, k, windows[i], highlight_share).residual;
    if (total < best) best = total, best_k = k;
  }
  return best_k;
}

WidthModel::Fit WidthModel::fit_sigma_index(const HalfProfile& y, int si, const Window& w) const {
  Fit best{0, std::numeric_limits<double>::max()};
  const int nk = static_cast<int>(std::size(kTransmission));
  for (int ki = 0; ki < kSearchedTables; ++ki) {
    Fit f = fit_table(y, tables_[si * nk + ki], w);
    if (f.residual < best.residual) best = f;
  }
  return best;
}

WidthModel::Fit WidthModel::fit(const HalfProfile& y, double sigma, const Window& win) const {
  return between_sigmas(sigmas_, sigma, [&](int si) { return fit_sigma_index(y, si, win); });
}

double WidthModel::best_residual(const HalfProfile& y, const Window& w) const {
  double best = std::numeric_limits<double>::max();
  for (int si = 0; si < static_cast<int>(sigmas_.size()); ++si)
    best = std::min(best, fit_sigma_index(y, si, w).residual);
  return best;
}

double WidthModel::estimate_sigma(const std::vector<const HalfProfile*>& profiles,
                                  const std::vector<Window>& windows) const {
  const int ns = static_cast<int>(sigmas_.size());
  if (profiles.empty()) return sigmas_[ns / 2];
  std::vector<double> total(ns, 0);
  for (int si = 0; si < ns; ++si)
    for (size_t i = 0; i < profiles.size(); ++i)
      total[si] += fit_sigma_index(*profiles[i], si, windows[i]).residual;
  int best = static_cast<int>(std::min_element(total.begin(), total.end()) - total.begin());
  double s = sigmas_[best];
  if (best > 0 && best + 1 < ns) {
    double a = total[best - 1], b = total[best], c = total[best + 1], d = a - 2 * b + c;
    if (d > 0) s += (sigmas_[1] - sigmas_[0]) * std::clamp(0.5 * (a - c) / d, -0.5, 0.5);
  }
  return s;
}

}  // namespace anagen::imaging
