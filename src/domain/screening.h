// Screening for contraindications (domain.md section 3): the answer codes,
// the clinic's rule set (severity per code) and the outcome they give.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/json_reader.h"
#include "core/result.h"
#include "core/time.h"

namespace anagen::domain {

enum class Severity { kAbsolute, kRelative, kIgnore };
enum class ScreeningOutcome { kEligible, kReview, kIneligible };

const char* to_string(Severity s);
std::optional<Severity> parse_severity(std::string_view s);
const char* to_string(ScreeningOutcome o);

// How a code is answered: yes/no, or the diabetes levels.
enum class AnswerKind { kBool, kDiabetes };

struct ScreeningQuestion {
  std::string code;
  AnswerKind kind;
  std::string question;  // as asked to the patient
  std::string finding;   // message when the answer is positive
  Severity default_severity;
};

// Every question anagen asks, in the order a form shows them.
const std::vector<ScreeningQuestion>& screening_questions();
const ScreeningQuestion* find_question(std::string_view code);

// An answer: a bool, or for diabetes one of none/controlled/insulin_dependent/uncontrolled.
struct Answer {
  bool positive = false;  // "present": true, or a diabetes level other than none
  std::string value;      // "true"/"false" or the diabetes level
};
using Answers = std::map<std::string, Answer>;

// Reads {"CODE": value, ...}: unknown codes and values of the wrong type are
// errors naming "answers.CODE". Unanswered codes count as negative.
Result<Answers> parse_answers(const Json& answers);
Json answers_to_json(const Answers& a);

// Severity per code; codes missing from the map use their default. A
// diabetes level may have its own entry ("diabetes.controlled": "relative")
// that takes precedence over "diabetes".
struct RuleSet {
  int version = 0;
  std::map<std::string, Severity> severity;
  Severity severity_of(const std::string& code) const;
};
RuleSet default_rule_set();
// Reads {"CODE": "absolute"|"relative"|"ignore"}; unknown codes -> error.
Result<std::map<std::string, Severity>> parse_rules(const Json& rules);
// The weakest severity each floor contraindication may have (parse_rules
// refuses weaker): pregnancy absolute; scalp disease, diabetes (but the
// controlled level) and bleeding disorders at least relative.
const std::map<std::string, Severity>& rule_floor();
Json rules_to_json(const RuleSet& r);

struct Finding {
  std::string code;
  Severity severity;
  std::string message;
};

struct ScreeningResult {
  ScreeningOutcome outcome;
  std::vector<Finding> findings;
};

// Any absolute finding -> ineligible; else any relative -> review; else eligible.
ScreeningResult evaluate_screening(const Answers& answers, const RuleSet& rules);

// A screening done on `on` stays current through on + valid_days.
Date screening_expiry(Date on, int valid_days);

// Only a `review` outcome may be overridden, by a clinician, with a reason.
Status check_override(ScreeningOutcome outcome, bool already_overridden);

}  // namespace anagen::domain

namespace anagen::domain {

struct ScreeningOverride {
  std::string reason;
  std::string by;  // user id
  Instant at{};
};

struct Screening {
  std::string id;
  std::string patient_id;
  Answers answers;
  ScreeningResult result;
  int rule_set_version = 0;
  std::string screened_by;
  Instant screened_at{};
  Date screened_on;
  Date expires_on;
  std::optional<ScreeningOverride> override_;

  // Current on `today`: not past its expiry day.
  bool current_on(Date today) const { return date::sys_days(today) <= date::sys_days(expires_on); }
  // Clears the way for a plan: eligible, or review with a clinician override.
  bool clears_treatment() const {
    return result.outcome == ScreeningOutcome::kEligible ||
           (result.outcome == ScreeningOutcome::kReview && override_.has_value());
  }
};

Json findings_to_json(const std::vector<Finding>& f);
std::vector<Finding> findings_from_json(const Json& j);

}  // namespace anagen::domain
