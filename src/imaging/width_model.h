// Sub-pixel shaft diameter from a hair's mean cross-section profile.
// Internal to the analysis.
//
// Image formation model: a shaft is a cylinder of radius r whose absorbed
// fraction along a chord follows Beer-Lambert, so across the shaft the
// contrast is C * (1 - K^sqrt(1 - (t/r)^2)) / (1 - K), with K the light a
// full diameter lets through (0.04 for black hair, ~0.45 for grey or
// blond); the optics add a Gaussian blur (sigma) and the sensor a 1-px box.
// Half-maximum widths of such profiles are 6-16% narrower than the shaft and
// depend on K and sigma, which is why the width is fitted, not thresholded.
#ifndef ANAGEN_IMAGING_WIDTH_MODEL_H_
#define ANAGEN_IMAGING_WIDTH_MODEL_H_

#include <cstddef>
#include <vector>

namespace anagen::imaging {

inline constexpr double kProfileStepPx = 0.5;  // Spacing of profile samples.

// A folded mean profile: value at t = i * kProfileStepPx from the shaft
// centre, skin level subtracted.
using HalfProfile = std::vector<float>;

// The squared misfit of y[first, n) to each of four model rows scaled by
// its least-squares contrast (a row is 0 past its end), or the largest
// double for a row that is zero there, into err[0..3]. `wide`: the four at
// once where the CPU has AVX2 (the same operations lane by lane, so the
// same values). Exposed for tests.
void model_misfits(const HalfProfile& y, const std::vector<float>* const rows[4], int first, int n,
                   double* err, bool wide);

class WidthModel {
 public:
  // Model profiles for radii up to max_radius_px, computed on first use
  // and kept for later models in the same thread. Deterministic.
  explicit WidthModel(double max_radius_px);

  struct Fit {
    double radius_px = 0;
    double residual = 0;  // Weighted RMS misfit relative to the contrast.
  };

  // Search window of a fit: radii (px) and how much of the profile is used.
  struct Window {
    double r_lo = 0, r_hi = 1e9;
    int samples = 1 << 20;
    int first = 0;  // First profile sample used.
  };
  // The window for a shaft whose half-maximum width is `fwhm_px`: the model
  // allows 0.84-1.4 times the diameter for any blur and transmission.
  static Window window_for(double fwhm_px);

  // Best radius for `profile` at blur `sigma` (interpolated between the
  // tabulated blurs). REQUIRES: profile.size() >= 4.
  Fit fit(const HalfProfile& profile, double sigma, const Window& w) const;

  // The smallest residual of `profile` over the tabulated blurs: how well
  // the cylinder model explains it at all.
  double best_residual(const HalfProfile& profile, const Window& w) const;

  // The blur that best explains a set of well-resolved profiles.
  double estimate_sigma(const std::vector<const HalfProfile*>& profiles,
                        const std::vector<Window>& windows) const;

  // Best radius for `profile` at blur `sigma` with the shaft's transmission
  // fixed at `k` (between the tabulated ones, the model rows are blended).
  // `highlight_share`: a specular highlight along the shaft added at that
  // share of its contrast (see width_model.cc).
  Fit fit_transmission(const HalfProfile& profile, double sigma, double k, const Window& w,
                       double highlight_share = 0) const;

  // The transmission that best explains a set of profiles at blur `sigma`:
  // the shafts of one pigment (one scalp's terminal hairs) share it.
  double estimate_transmission(const std::vector<const HalfProfile*>& profiles,
                               const std::vector<Window>& windows, double sigma,
                               double highlight_share = 0) const;

 private:
  struct Table {
    double sigma, k;
    std::vector<double> kernel;  // Blur kernel on a fine grid.
  };
  const std::vector<float>& row(const Table& table, std::size_t radius_index) const;
  Fit fit_table(const HalfProfile& profile, const Table& table, const Window& w) const;
  Fit fit_sigma_index(const HalfProfile& profile, int sigma_index, const Window& w) const;
  Fit fit_blend(const HalfProfile& profile, int sigma_index, double k, double highlight_share,
                const Window& w) const;
  // The folded highlight's row at blur `sigma_index`, radius `radius_index`.
  const std::vector<float>& highlight(int sigma_index, std::size_t radius_index) const;
  template <class Row>
  Fit fit_rows(const HalfProfile& profile, const Row& row_at, const Window& w) const;

  std::vector<double> radii_;
  std::vector<double> sigmas_;
  std::vector<Table> tables_;  // sigma-major, then k.
};

}  // namespace anagen::imaging

#endif  // ANAGEN_IMAGING_WIDTH_MODEL_H_
