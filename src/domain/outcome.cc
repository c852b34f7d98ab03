#include "domain/outcome.h"

#include <algorithm>
#include <cmath>

#include "core/text.h"

namespace anagen::domain {

const std::vector<MeasurementKind>& measurement_kinds() {
  static const std::vector<MeasurementKind> kinds = {
      {"density", "hairs/cm²", 0, 1000, false, "Total density", true},
      {"terminal_density", "hairs/cm²", 0, 1000, false, "Terminal hair density", true},
      {"vellus_percent", "%", 0, 100, false, "Vellus hairs", true},
      {"mean_diameter_um", "µm", 1, 300, false, "Mean shaft diameter", true},
      {"cumulative_thickness_mm", "mm/cm²", 0, 100, false, "Cumulative thickness", true},
      {"anagen_percent", "%", 0, 100, false, "Anagen hairs", true},
      {"pull_test_hairs", "hairs", 0, 100, true, "Pull test"},
      {"shedding_count", "hairs", 0, 2000, true, "Shedding count"},
      {"photo_rating", "-3..+3", -3, 3, true, "Global photo rating"},
      {"self_assessment", "-3..+3", -3, 3, true, "Patient self-assessment"},
  };
  return kinds;
}

const MeasurementKind* find_kind(std::string_view kind) {
  for (const auto& k : measurement_kinds()) {
    if (k.kind == kind) return &k;
  }
  return nullptr;
}

const char* to_string(Evaluation e) {
  switch (e) {
    case Evaluation::kTooEarly:
      return "too_early";
    case Evaluation::kDue:
      return "due";
    case Evaluation::kOverdue:
      return "overdue";
    case Evaluation::kResponder:
      return "responder";
    case Evaluation::kPartial:
      return "partial";
    case Evaluation::kNonResponder:
      return "non_responder";
  }
  return "too_early";
}

namespace {

bool on_or_before(Date a, Date b) { return date::sys_days(a) <= date::sys_days(b); }

// "Vertex mark" and "vertex  MARK" are one site; a site with no letter or
// digit ("-") is no site.
std::optional<std::string> site_key(const std::optional<std::string>& site) {
  if (!site) return std::nullopt;
  std::string key;
  for (const std::string& w : search_words(*site)) key += (key.empty() ? "" : " ") + w;
  if (key.empty()) return std::nullopt;
  return key;
}

}  // namespace

// Only two different named sites are not compared: a figure whose site was
// not written down is taken to be the marked one.
bool Series::compares(const Measurement& m) const {
  if (!baseline || !at_site) return true;
  auto a = site_key(m.site), b = site_key(site);
  return !a || !b || a == b;
}

Progress evaluate_progress(const std::vector<Measurement>& measurements,
                           std::optional<Date> first_session, Date today, const Thresholds& t) {
  Progress p;
  p.first_session = first_session;
  std::vector<const Measurement*> sorted;
  for (const auto& m : measurements) sorted.push_back(&m);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Measurement* a, const Measurement* b) {
    return date::sys_days(a->taken_on) < date::sys_days(b->taken_on);
  });
  for (const Measurement* m : sorted) {
    auto [it, first] = p.series.try_emplace(m->kind);
    Series& s = it->second;
    if (first) {
      const MeasurementKind* k = find_kind(m->kind);
      s.at_site = k && k->at_site;
    }
    s.points.push_back(m);
    if (first_session && on_or_before(m->taken_on, *first_session)) {
      s.baseline = m->value;
      s.baseline_on = m->taken_on;
      s.site = s.at_site ? m->site : std::nullopt;
    }
  }
  for (auto& [kind, s] : p.series) {
    for (const Measurement* m : s.points) {
      if (!s.compares(*m)) continue;
      s.latest = m->value;
      s.latest_on = m->taken_on;
    }
  }
  for (auto& [kind, s] : p.series) {
    if (s.baseline && s.latest && s.latest_on != s.baseline_on) {
      s.change = *s.latest - *s.baseline;
      if (*s.baseline != 0) s.change_percent = 100.0 * *s.change / std::fabs(*s.baseline);
    }
  }
  if (!first_session) {
    p.explanation = "No session done yet.";
    return p;
  }
  Date from = add_months(*first_session, t.evaluation_from_months);
  Date due_until = add_months(*first_session, t.evaluation_due_months);
  if (date::sys_days(today) < date::sys_days(from)) {
    p.explanation = "Results show after " + std::to_string(t.evaluation_from_months) +
                    " months; evaluate from " + human_date(from) + ".";
    return p;
  }
  // The response is judged on density and photo rating measured from `from` on.
  std::optional<double> density_pct, photo;
  for (const Measurement* m : sorted) {
    if (date::sys_days(m->taken_on) < date::sys_days(from)) continue;
    const Series& s = p.series[m->kind];
    if (m->kind == "density" && s.baseline && *s.baseline > 0 && s.compares(*m)) {
      density_pct = 100.0 * (m->value - *s.baseline) / *s.baseline;
    }
    if (m->kind == "photo_rating") photo = m->value;
  }
  if (!density_pct && !photo) {
    bool overdue = date::sys_days(today) > date::sys_days(due_until);
    p.evaluation = overdue ? Evaluation::kOverdue : Evaluation::kDue;
    // A density from another site does not count: say so, and where to measure.
    std::string elsewhere;
    if (auto d = p.series.find("density"); d != p.series.end()) {
      for (const Measurement* m : d->second.points) {
        if (date::sys_days(m->taken_on) >= date::sys_days(from) && !d->second.compares(*m))
          elsewhere = " (the density of " + human_date(m->taken_on) + " is from " + *m->site +
                      ", not the baseline's " + *d->second.site + ")";
      }
    }
    // Without a baseline density no density can be compared: only the
    // photographs can judge the course.
    const auto d = p.series.find("density");
    const bool no_baseline = d == p.series.end() || !d->second.baseline;
    p.explanation =
        std::string(overdue ? "Overdue: " : "Due: ") +
        (no_baseline
             ? "no baseline density (none on or before the first session, " +
                   human_date(*first_session) + "): rate the photographs"
             : "measure density against the baseline" + elsewhere + ", or rate the photographs") +
        " (evaluation window " + human_date(from) + " to " + human_date(due_until) + ").";
    return p;
  }
  if ((density_pct && *density_pct >= t.responder_density_percent) ||
      (photo && *photo >= t.responder_photo_rating)) {
    p.evaluation = Evaluation::kResponder;
  } else if (density_pct && *density_pct >= t.partial_density_percent) {
    p.evaluation = Evaluation::kPartial;
  } else {
    p.evaluation = Evaluation::kNonResponder;
  }
  const bool density_fell = density_pct && *density_pct <= -t.partial_density_percent;
  const bool density_rose = density_pct && *density_pct >= t.responder_density_percent;
  const bool photo_better = photo && *photo >= t.responder_photo_rating;
  const bool photo_worse = photo && *photo <= -t.responder_photo_rating;
  p.conflicting = (density_fell && photo_better) || (density_rose && photo_worse);
  // "Density +25% against the baseline, photo rating +1 (latest since 2026-04-05)."
  auto signed_int = [](double v) {
    long r = std::lround(v);
    return (r > 0 ? "+" : "") + std::to_string(r);
  };
  // To a tenth, cut toward zero, so that the figure never reads as the next
  // class's threshold: +4.97% is "+4.9%", not "+5%", when partial starts at 5.
  auto signed_tenths = [](double v) {
    long tenths = std::lround(std::trunc(v * 10));
    std::string s = (tenths > 0   ? "+"
                     : tenths < 0 ? "-"
                                  : "") +
                    std::to_string(std::labs(tenths) / 10);
    return std::labs(tenths) % 10 ? s + "." + std::to_string(std::labs(tenths) % 10) : s;
  };
  std::string what;
  if (density_pct) what = "Density " + signed_tenths(*density_pct) + "% against the baseline";
  if (photo) what += (what.empty() ? "Photo rating " : ", photo rating ") + signed_int(*photo);
  p.explanation = what + " (latest since " + human_date(from) + ").";
  if (p.conflicting)
    p.explanation +=
        " The density and the photographs disagree: check both before telling the patient.";
  return p;
}

}  // namespace anagen::domain
