#include "domain/assessment.h"

#include <algorithm>
#include <cctype>

namespace anagen::domain {

const char* to_string(Severity3 s) {
  switch (s) {
    case Severity3::kMild:
      return "mild";
    case Severity3::kModerate:
      return "moderate";
    case Severity3::kAdvanced:
      return "advanced";
  }
  return "moderate";
}

std::optional<Severity3> parse_severity3(std::string_view s) {
  if (s == "mild") return Severity3::kMild;
  if (s == "moderate") return Severity3::kModerate;
  if (s == "advanced") return Severity3::kAdvanced;
  return std::nullopt;
}

const std::vector<GradingScale>& grading_scales() {
  using enum Severity3;
  static const std::vector<GradingScale> scales = {
      {"norwood",
       "Norwood-Hamilton",
       {{"I", kMild},
        {"II", kMild},
        {"IIa", kMild},
        {"III", kModerate},
        {"IIIa", kModerate},
        {"III vertex", kModerate},
        {"IV", kModerate},
        {"IVa", kModerate},
        {"V", kAdvanced},
        {"Va", kAdvanced},
        {"VI", kAdvanced},
        {"VII", kAdvanced}}},
      {"ludwig", "Ludwig", {{"I", kMild}, {"II", kModerate}, {"III", kAdvanced}}},
      {"sinclair",
       "Sinclair",
       {{"1", kMild}, {"2", kMild}, {"3", kModerate}, {"4", kAdvanced}, {"5", kAdvanced}}},
      {"savin",
       "Savin",
       {{"I-1", kMild},
        {"I-2", kMild},
        {"I-3", kMild},
        {"I-4", kMild},
        {"II-1", kModerate},
        {"II-2", kModerate},
        {"III", kAdvanced},
        {"advanced", kAdvanced},
        {"frontal", kModerate}}},
  };
  return scales;
}

const GradingScale* find_scale(std::string_view name) {
  for (const auto& s : grading_scales()) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

namespace {

// Upper-cases roman numerals and drops separators so that "iii-vertex",
// "III Vertex" and "IIIv" compare equal to "III vertex".
std::string squash(std::string_view g) {
  std::string out;
  for (char c : g) {
    if (c == ' ' || c == '-' || c == '_') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (out.size() > 6 && out.ends_with("vertex")) out = out.substr(0, out.size() - 6) + "v";
  return out;
}

}  // namespace

std::optional<std::string> canonical_grade(const GradingScale& scale, std::string_view grade) {
  if (grade.empty() || grade.size() > 20) return std::nullopt;
  for (const auto& level : scale.levels) {
    if (level.grade == grade) return level.grade;
  }
  std::string want = squash(grade);
  for (const auto& level : scale.levels) {
    if (squash(level.grade) == want) return level.grade;
  }
  return std::nullopt;
}

Severity3 grade_severity(const GradingScale& scale, const std::string& grade,
                         const SeverityOverrides& overrides) {
  auto s = overrides.find(scale.name);
  if (s != overrides.end()) {
    auto g = s->second.find(grade);
    if (g != s->second.end()) return g->second;
  }
  for (const auto& level : scale.levels) {
    if (level.grade == grade) return level.severity;
  }
  return Severity3::kModerate;
}

const char* to_string(Diagnosis d) {
  switch (d) {
    case Diagnosis::kAndrogenetic:
      return "androgenetic_alopecia";
    case Diagnosis::kTelogenEffluvium:
      return "telogen_effluvium";
    case Diagnosis::kAlopeciaAreata:
      return "alopecia_areata";
    case Diagnosis::kScarring:
      return "scarring_alopecia";
    case Diagnosis::kOther:
      return "other";
  }
  return "other";
}

std::optional<Diagnosis> parse_diagnosis(std::string_view s) {
  for (auto d : {Diagnosis::kAndrogenetic, Diagnosis::kTelogenEffluvium, Diagnosis::kAlopeciaAreata,
                 Diagnosis::kScarring, Diagnosis::kOther}) {
    if (s == to_string(d)) return d;
  }
  return std::nullopt;
}

Icd10 icd10(Diagnosis d) {
  switch (d) {
    case Diagnosis::kAndrogenetic:
      return {"L64.9", "Androgenic alopecia, unspecified"};
    case Diagnosis::kTelogenEffluvium:
      return {"L65.0", "Telogen effluvium"};
    case Diagnosis::kAlopeciaAreata:
      return {"L63.9", "Alopecia areata, unspecified"};
    case Diagnosis::kScarring:
      return {"L66.9", "Cicatricial alopecia, unspecified"};
    case Diagnosis::kOther:
      break;
  }
  return {"L65.9", "Nonscarring hair loss, unspecified"};
}

Candidacy evaluate_candidacy(const AssessmentInput& in, Severity3 severity) {
  Candidacy c{true, {}};
  if (!in.roots_retained) {
    c.candidate = false;
    c.reasons.push_back(
        "No hair roots retained in the area: injections cannot regrow hair "
        "where follicles are gone.");
  }
  if (in.diagnosis == Diagnosis::kScarring) {
    c.candidate = false;
    c.reasons.push_back(
        "Scarring alopecia: the follicles are destroyed, so the area is a poor "
        "candidate.");
  }
  if (!c.candidate) return c;
  if (in.diagnosis == Diagnosis::kTelogenEffluvium) {
    c.reasons.push_back("Telogen effluvium: identify and treat the trigger alongside the course.");
  }
  if (in.diagnosis == Diagnosis::kOther) {
    c.reasons.push_back("Other non-scarring alopecia: make sure the cause is established first.");
  }
  if (severity == Severity3::kAdvanced) {
    c.reasons.push_back(
        "Advanced grade: a longer course is planned and the response may be "
        "limited.");
  }
  if (in.pull_test_hairs && *in.pull_test_hairs > 2) {
    c.reasons.push_back("Positive pull test (" + std::to_string(*in.pull_test_hairs) +
                        " hairs, normal is 2 or fewer): active shedding.");
  }
  c.reasons.insert(c.reasons.begin(),
                   "Hair roots retained and the alopecia is not scarring: a candidate for a "
                   "mesotherapy course.");
  return c;
}

}  // namespace anagen::domain
