// Diagnosis and grading of hair loss (domain.md section 4): the scales and
// their levels, the severity each level implies, and candidacy.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace anagen::domain {

enum class Severity3 { kMild, kModerate, kAdvanced };
const char* to_string(Severity3 s);
std::optional<Severity3> parse_severity3(std::string_view s);

struct GradeLevel {
  std::string grade;   // canonical spelling, as in domain.md ("III vertex")
  Severity3 severity;  // default severity
};

struct GradingScale {
  std::string name;   // norwood, ludwig, sinclair, savin
  std::string label;  // "Norwood-Hamilton"
  std::vector<GradeLevel> levels;
};

const std::vector<GradingScale>& grading_scales();
const GradingScale* find_scale(std::string_view name);

// The canonical spelling of `grade` on `scale`, accepting harmless variants
// (case, spaces, "IIIv"/"III-vertex" for "III vertex", "I2" for "I-2");
// nullopt when the grade is not a level of the scale.
std::optional<std::string> canonical_grade(const GradingScale& scale, std::string_view grade);

// Per-scale overrides of the default severities: {"norwood": {"III": moderate}}.
using SeverityOverrides = std::map<std::string, std::map<std::string, Severity3>>;
Severity3 grade_severity(const GradingScale& scale, const std::string& grade,
                         const SeverityOverrides& overrides = {});

enum class Diagnosis {
  kAndrogenetic,
  kTelogenEffluvium,
  kAlopeciaAreata,
  kScarring,
  kOther,
};
const char* to_string(Diagnosis d);
std::optional<Diagnosis> parse_diagnosis(std::string_view s);
// The ICD-10 (WHO) code of a diagnosis ("L64.9") and its display text
// there, for interchange.
struct Icd10 {
  const char* code;
  const char* display;
};
Icd10 icd10(Diagnosis d);

struct AssessmentInput {
  Diagnosis diagnosis;
  std::string scale;
  std::string grade;  // canonical
  bool roots_retained;
  std::optional<int> pull_test_hairs;  // hairs out of one pull of 40-60
  std::optional<int> shedding_count;   // 60-second comb count
};

struct Candidacy {
  bool candidate;
  std::vector<std::string> reasons;  // why (or why not), for a person to read
};

// Not a candidate without retained roots or with scarring alopecia; the
// reasons also note findings that temper the prognosis.
Candidacy evaluate_candidacy(const AssessmentInput& in, Severity3 severity);

}  // namespace anagen::domain

#include "core/clock.h"

namespace anagen::domain {

struct Assessment {
  std::string id;
  std::string patient_id;
  AssessmentInput input;
  Severity3 severity = Severity3::kModerate;
  Candidacy candidacy;
  std::optional<std::string> notes;
  std::string assessed_by;
  Instant assessed_at{};
};

}  // namespace anagen::domain
