#include "registration.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace anagen::imaging {
namespace {

constexpr int kShrink = 4;
constexpr double kMaxRotationDeg = 4.0;

cv::Mat prepare(const cv::Mat& bgr) {
  cv::Mat gray, small, f;
  cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
  cv::resize(gray, small, cv::Size(), 1.0 / kShrink, 1.0 / kShrink, cv::INTER_AREA);
  small.convertTo(f, CV_32F);
  // Remove illumination so hairs and skin texture drive the correlation.
  cv::Mat bg;
  cv::GaussianBlur(f, bg, cv::Size(0, 0), 8);
  return f - bg;
}

// Rigid least-squares fit (Kabsch in 2-D) of b = R a + t.
cv::Matx23d fit_rigid(const std::vector<cv::Point2f>& a, const std::vector<cv::Point2f>& b) {
  cv::Point2d ca(0, 0), cb(0, 0);
  for (size_t i = 0; i < a.size(); ++i) {
    ca += cv::Point2d(a[i]);
    cb += cv::Point2d(b[i]);
  }
  ca /= static_cast<double>(a.size());
  cb /= static_cast<double>(b.size());
  double sxx = 0, sxy = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    cv::Point2d p = cv::Point2d(a[i]) - ca, q = cv::Point2d(b[i]) - cb;
    sxx += p.x * q.x + p.y * q.y;
    sxy += p.x * q.y - p.y * q.x;
  }
  double th = std::atan2(sxy, sxx), c = std::cos(th), s = std::sin(th);
  return {c, -s, cb.x - (c * ca.x - s * ca.y), s, c, cb.y - (s * ca.x + c * ca.y)};
}

}  // namespace

cv::Point2f apply(const cv::Matx23d& m, cv::Point2f p) {
  return {static_cast<float>(m(0, 0) * p.x + m(0, 1) * p.y + m(0, 2)),
          static_cast<float>(m(1, 0) * p.x + m(1, 1) * p.y + m(1, 2))};
}

cv::Point2d coarse_shift(const cv::Mat& first, const cv::Mat& second) {
  cv::Mat a = prepare(first), b = prepare(second), window;
  cv::createHanningWindow(window, a.size(), CV_32F);
  cv::Point2d shift = cv::phaseCorrelate(b, a, window);
  return shift * static_cast<double>(kShrink);
}

namespace {

struct Vote {
  int count = 0;
  double deg = 0;
  cv::Point2d shift;
};

// Best shift for one rotation: a 2-px histogram of displacements.
Vote vote(const std::vector<cv::Point2f>& a, const std::vector<cv::Point2f>& b,
          const cv::Matx23d& rot, cv::Point2d shift, double search) {
  const double bin = 2.0;
  const int n = 2 * static_cast<int>(std::ceil(search / bin)) + 1;
  std::vector<int> hist(n * n, 0);
  for (const cv::Point2f& q : b) {
    cv::Point2f rq = apply(rot, q);
    for (const cv::Point2f& p : a) {
      double dx = p.x - rq.x - shift.x, dy = p.y - rq.y - shift.y;
      if (std::abs(dx) > search || std::abs(dy) > search) continue;
      int ix = static_cast<int>(std::lround(dx / bin)) + n / 2;
      int iy = static_cast<int>(std::lround(dy / bin)) + n / 2;
      // Spread each vote over a 3x3 block so bin edges do not split peaks.
      for (int y = std::max(0, iy - 1); y <= std::min(n - 1, iy + 1); ++y)
        for (int x = std::max(0, ix - 1); x <= std::min(n - 1, ix + 1); ++x) ++hist[y * n + x];
    }
  }
  int best = static_cast<int>(std::max_element(hist.begin(), hist.end()) - hist.begin());
  return {hist[best], 0, shift + cv::Point2d((best % n - n / 2) * bin, (best / n - n / 2) * bin)};
}

}  // namespace

Registration register_points(const std::vector<cv::Point2f>& a, const std::vector<cv::Point2f>& b,
                             cv::Point2f centre, cv::Point2d shift, double search_px) {
  Vote best;
  for (double deg = -kMaxRotationDeg; deg <= kMaxRotationDeg + 1e-9; deg += 0.25) {
    cv::Matx23d rot(cv::getRotationMatrix2D(centre, deg, 1.0));
    Vote v = vote(a, b, rot, shift, search_px);
    if (v.count > best.count) best = {v.count, deg, v.shift};
  }
  cv::Matx23d m(cv::getRotationMatrix2D(centre, best.deg, 1.0));
  m(0, 2) += best.shift.x;
  m(1, 2) += best.shift.y;
  std::vector<cv::Point2f> from, to;
  const auto agree = [&](double tol) {
    from.clear();
    to.clear();
    for (const cv::Point2f& q : b) {
      cv::Point2f mq = apply(m, q);
      for (const cv::Point2f& p : a)
        if (cv::norm(p - mq) < tol) {
          from.push_back(q);
          to.push_back(p);
          break;
        }
    }
  };
  for (double tol : {6.0, 3.0, 2.0}) {  // Least squares on the agreeing points.
    agree(tol);
    if (from.size() < 3) break;
    m = fit_rigid(from, to);
  }
  agree(2.0);
  return {m, static_cast<int>(from.size())};
}

}  // namespace anagen::imaging
