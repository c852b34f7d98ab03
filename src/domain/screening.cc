#include "domain/screening.h"

namespace anagen::domain {

const char* to_string(Severity s) {
  switch (s) {
    case Severity::kAbsolute:
      return "absolute";
    case Severity::kRelative:
      return "relative";
    case Severity::kIgnore:
      return "ignore";
  }
  return "ignore";
}

std::optional<Severity> parse_severity(std::string_view s) {
  if (s == "absolute") return Severity::kAbsolute;
  if (s == "relative") return Severity::kRelative;
  if (s == "ignore") return Severity::kIgnore;
  return std::nullopt;
}

const char* to_string(ScreeningOutcome o) {
  switch (o) {
    case ScreeningOutcome::kEligible:
      return "eligible";
    case ScreeningOutcome::kReview:
      return "review";
    case ScreeningOutcome::kIneligible:
      return "ineligible";
  }
  return "review";
}

const std::vector<ScreeningQuestion>& screening_questions() {
  using enum Severity;
  using enum AnswerKind;
  static const std::vector<ScreeningQuestion> q = {
      {"pregnant", kBool, "Are you pregnant, or could you be?", "Pregnancy", kAbsolute},
      {"breastfeeding", kBool, "Are you breastfeeding (or did you stop less than 6 months ago)?",
       "Breastfeeding or weaned less than 6 months ago", kAbsolute},
      {"scalp_condition", kBool, "Do you have a skin disease or condition of the scalp?",
       "Skin disease or condition of the scalp", kAbsolute},
      {"diabetes", kDiabetes,
       "Do you have diabetes? (none, controlled, insulin-dependent, uncontrolled)", "Diabetes",
       kAbsolute},
      {"bleeding_disorder", kBool, "Do you have haemophilia or another bleeding disorder?",
       "Haemophilia or another bleeding disorder", kAbsolute},
      {"anticoagulants", kBool, "Do you take anticoagulants or antiplatelets (aspirin included)?",
       "Takes anticoagulants or antiplatelets", kRelative},
      {"active_scalp_infection", kBool,
       "Is there an infection (herpes included) on or near the scalp?",
       "Active infection at or near the injection site", kAbsolute},
      {"component_allergy", kBool,
       "Are you allergic to any component of the cocktail or to local anaesthetics?",
       "Allergy to a component of the cocktail or the anaesthetic", kAbsolute},
      {"immunosuppressed", kBool, "Is your immune system suppressed (by disease or medication)?",
       "Immunosuppression", kRelative},
      {"cancer_treatment", kBool, "Do you have active cancer or receive chemotherapy?",
       "Active cancer or chemotherapy", kRelative},
      {"autoimmune_disease", kBool,
       "Do you have an autoimmune disease such as lupus or scleroderma?",
       "Autoimmune connective-tissue disease", kRelative},
      {"keloid_tendency", kBool, "Do your scars tend to become raised (keloids)?",
       "Keloid tendency", kRelative},
      {"recent_scalp_surgery", kBool,
       "Have you had surgery or a hair transplant on the scalp recently?",
       "Recent scalp surgery or hair transplant", kRelative},
      {"isotretinoin_last_12_months", kBool, "Have you taken isotretinoin in the last 12 months?",
       "Isotretinoin in the last 12 months", kRelative},
      {"uncontrolled_hypertension", kBool,
       "Do you have uncontrolled high blood pressure or heart disease?",
       "Uncontrolled hypertension or heart disease", kRelative},
  };
  return q;
}

const ScreeningQuestion* find_question(std::string_view code) {
  for (const auto& q : screening_questions()) {
    if (q.code == code) return &q;
  }
  return nullptr;
}

Result<Answers> parse_answers(const Json& answers) {
  std::vector<FieldError> errors;
  Answers out;
  for (auto it = answers.begin(); it != answers.end(); ++it) {
    const std::string field = "answers." + it.key();
    const ScreeningQuestion* q = find_question(it.key());
    if (!q) {
      errors.push_back({field, "is not a screening question anagen knows"});
      continue;
    }
    const Json& v = it.value();
    if (q->kind == AnswerKind::kBool) {
      if (!v.is_boolean()) {
        errors.push_back({field, "must be true or false"});
        continue;
      }
      out[it.key()] = {v.get<bool>(), v.get<bool>() ? "true" : "false"};
    } else {
      static const char* kLevels[] = {"none", "controlled", "insulin_dependent", "uncontrolled"};
      bool valid = false;
      for (const char* level : kLevels) valid |= v.is_string() && v.get<std::string>() == level;
      if (!valid) {
        errors.push_back(
            {field, "must be one of: none, controlled, insulin_dependent, uncontrolled"});
        continue;
      }
      out[it.key()] = {v.get<std::string>() != "none", v.get<std::string>()};
    }
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return out;
}

Json answers_to_json(const Answers& a) {
  Json j = Json::object();
  for (const auto& [code, ans] : a) {
    const ScreeningQuestion* q = find_question(code);
    if (q && q->kind == AnswerKind::kBool) {
      j[code] = ans.positive;
    } else {
      j[code] = ans.value;
    }
  }
  return j;
}

Severity RuleSet::severity_of(const std::string& code) const {
  auto it = severity.find(code);
  if (it != severity.end()) return it->second;
  const ScreeningQuestion* q = find_question(code);
  return q ? q->default_severity : Severity::kIgnore;
}

RuleSet default_rule_set() {
  RuleSet r;
  for (const auto& q : screening_questions()) r.severity[q.code] = q.default_severity;
  return r;
}

namespace {
bool is_rule_key(const std::string& key) {
  if (find_question(key)) return true;
  return key == "diabetes.controlled" || key == "diabetes.insulin_dependent" ||
         key == "diabetes.uncontrolled";
}
}  // namespace

// The treatment is not recommended in pregnancy, scalp disease, diabetes or
// haemophilia (the floor): a clinic may weigh them differently but not drop
// them, and pregnancy always rules it out. Controlled diabetes is the
// clinic's call (some treat only insulin-dependent or uncontrolled diabetes
// as a contraindication).
const std::map<std::string, Severity>& rule_floor() {
  static const std::map<std::string, Severity> floor = {
      {"pregnant", Severity::kAbsolute},
      {"scalp_condition", Severity::kRelative},
      {"bleeding_disorder", Severity::kRelative},
      {"diabetes", Severity::kRelative},
      {"diabetes.insulin_dependent", Severity::kRelative},
      {"diabetes.uncontrolled", Severity::kRelative}};
  return floor;
}

namespace {

// Severity's order is strongest first: absolute < relative < ignore.
std::optional<std::string> below_floor(const std::string& key, Severity s) {
  auto it = rule_floor().find(key);
  if (it == rule_floor().end() || s <= it->second) return std::nullopt;
  if (it->second == Severity::kAbsolute) {
    return std::string("must stay absolute: pregnancy always rules the treatment out");
  }
  return std::string(
      "cannot be ignored: it is one of the contraindications every clinic "
      "screens for (absolute or relative)");
}

}  // namespace

Result<std::map<std::string, Severity>> parse_rules(const Json& rules) {
  std::vector<FieldError> errors;
  std::map<std::string, Severity> out;
  for (auto it = rules.begin(); it != rules.end(); ++it) {
    const std::string field = "rules." + it.key();
    if (!is_rule_key(it.key())) {
      errors.push_back({field,
                        "is not a screening question anagen knows (diabetes levels are "
                        "written diabetes.controlled, diabetes.insulin_dependent, "
                        "diabetes.uncontrolled)"});
      continue;
    }
    std::optional<Severity> s;
    if (it->is_string()) s = parse_severity(it->get<std::string>());
    if (!s) {
      errors.push_back({field, "must be one of: absolute, relative, ignore"});
      continue;
    }
    if (auto why = below_floor(it.key(), *s)) {
      errors.push_back({field, *why});
      continue;
    }
    out[it.key()] = *s;
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return out;
}

Json rules_to_json(const RuleSet& r) {
  Json j = Json::object();
  for (const auto& q : screening_questions()) j[q.code] = to_string(r.severity_of(q.code));
  for (const auto& [key, sev] : r.severity) {
    if (key.find('.') != std::string::npos) j[key] = to_string(sev);
  }
  return j;
}

ScreeningResult evaluate_screening(const Answers& answers, const RuleSet& rules) {
  ScreeningResult r{ScreeningOutcome::kEligible, {}};
  // Iterate in question order so findings read the same way every time.
  for (const auto& q : screening_questions()) {
    auto it = answers.find(q.code);
    if (it == answers.end() || !it->second.positive) continue;
    // A diabetes level may carry its own severity ("diabetes.controlled").
    Severity s = rules.severity_of(q.code);
    if (q.kind == AnswerKind::kDiabetes) {
      auto level = rules.severity.find(q.code + "." + it->second.value);
      if (level != rules.severity.end()) s = level->second;
    }
    if (s == Severity::kIgnore) continue;
    std::string message = q.finding;
    if (q.kind == AnswerKind::kDiabetes) message += " (" + it->second.value + ")";
    r.findings.push_back({q.code, s, message});
    if (s == Severity::kAbsolute) {
      r.outcome = ScreeningOutcome::kIneligible;
    } else if (r.outcome == ScreeningOutcome::kEligible) {
      r.outcome = ScreeningOutcome::kReview;
    }
  }
  return r;
}

Date screening_expiry(Date on, int valid_days) { return add_days(on, valid_days); }

Status check_override(ScreeningOutcome outcome, bool already_overridden) {
  if (outcome == ScreeningOutcome::kIneligible) {
    return Error::conflict(
        "An ineligible screening cannot be overridden: an absolute contraindication was found.");
  }
  if (outcome == ScreeningOutcome::kEligible) {
    return Error::conflict("This screening is already eligible; there is nothing to override.");
  }
  if (already_overridden) return Error::conflict("This screening has already been overridden.");
  return ok_status();
}

}  // namespace anagen::domain

namespace anagen::domain {

Json findings_to_json(const std::vector<Finding>& findings) {
  Json j = Json::array();
  for (const auto& f : findings) {
    j.push_back({{"code", f.code}, {"severity", to_string(f.severity)}, {"message", f.message}});
  }
  return j;
}

std::vector<Finding> findings_from_json(const Json& j) {
  std::vector<Finding> out;
  for (const auto& f : j) {
    out.push_back({f.value("code", ""),
                   parse_severity(f.value("severity", "")).value_or(Severity::kRelative),
                   f.value("message", "")});
  }
  return out;
}

}  // namespace anagen::domain
