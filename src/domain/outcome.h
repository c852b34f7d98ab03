// Measured outcomes and their evaluation (domain.md section 5): series per
// kind against the baseline, and the response class by clinic thresholds.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/json_reader.h"
#include "core/time.h"

namespace anagen::domain {

struct MeasurementKind {
  std::string kind;
  std::string unit;
  double min, max;
  bool whole;  // counts and ratings are whole numbers
  std::string label;
  bool at_site = false;  // measured at a marked site, the same every time (trichoscopy)

  // A rating on a scale against the start (-3..+3): its "unit" is the scale.
  bool is_rating() const { return unit.find("..") != std::string::npos; }
};
const std::vector<MeasurementKind>& measurement_kinds();
const MeasurementKind* find_kind(std::string_view kind);

// A record marked entered in error (wrong patient, site, scale or value): it
// leaves every figure but stays on record, with who, when and why.
struct Correction {
  std::string reason;
  std::string by;
  Instant at{};
};

struct Measurement {
  std::string id;
  std::string patient_id;
  std::string kind;
  double value = 0;
  Date taken_on;
  std::optional<std::string> site;
  std::string source = "manual";  // manual, trichoscopy (image analysis), patient
  std::optional<std::string> notes;
  std::optional<std::string> trichoscopy_id;  // the analysis it came from
  std::string recorded_by;
  Instant created_at{};
  std::optional<Correction> entered_in_error;
};

// What counts as a response (clinic settings; defaults from domain.md).
struct Thresholds {
  double responder_density_percent = 10;
  int responder_photo_rating = 1;
  double partial_density_percent = 5;
  int evaluation_from_months = 3;
  int evaluation_due_months = 5;
};

struct Series {
  std::optional<double> baseline;
  std::optional<Date> baseline_on;
  // The baseline's site: change is measured at the same site every time
  // (a figure from another named site is charted but not compared).
  std::optional<std::string> site;
  std::optional<double> latest;
  std::optional<Date> latest_on;
  std::optional<double> change;
  std::optional<double> change_percent;
  std::vector<const Measurement*> points;  // in date order

  bool at_site = false;  // the kind's MeasurementKind::at_site

  // Whether m is compared with the baseline: not taken at another named
  // site, for a kind measured at a site (all are while there is no baseline).
  bool compares(const Measurement& m) const;
};

enum class Evaluation { kTooEarly, kDue, kOverdue, kResponder, kPartial, kNonResponder };
const char* to_string(Evaluation e);

struct Progress {
  std::optional<Date> first_session;
  Evaluation evaluation = Evaluation::kTooEarly;
  std::map<std::string, Series> series;
  std::string explanation;
  // The measures the class rests on point opposite ways (density fell by
  // the partial threshold or more while the photographs were rated a
  // response, or the other way round): a clinician checks them before the
  // patient is told.
  bool conflicting = false;
};

// Baseline of a kind: its last value on or before the first session's day;
// its latest value and change, and the density the response is judged on,
// are those at the baseline's site (domain.md: "same site every time").
// Evaluation: too_early until `from_months` after the first session; from
// then, a response class once a measurement taken at least that long after
// the first session exists; otherwise due until `due_months`, overdue after.
Progress evaluate_progress(const std::vector<Measurement>& measurements,
                           std::optional<Date> first_session, Date today, const Thresholds& t);

}  // namespace anagen::domain
