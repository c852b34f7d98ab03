#include "store/screening_store.h"

#include "store/store_util.h"

namespace anagen::store::screenings {
namespace {

constexpr const char* kCurrentRules =
    "SELECT version, rules FROM screening_rule_sets ORDER BY version DESC LIMIT 1";
constexpr const char* kInsertRules =
    "INSERT INTO screening_rule_sets (version, rules, created_at, created_by) "
    "VALUES ($1, $2, $3, $4)";
constexpr const char* kInsert =
    "INSERT INTO screenings (id, patient_id, answers, findings, outcome, rule_set_version, "
    "screened_by, screened_at, screened_on, expires_on) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
#define ANAGEN_SCREENING_COLUMNS                                                         \
  "SELECT id, patient_id, answers, findings, outcome, rule_set_version, screened_by, "   \
  "screened_at, screened_on, expires_on, override_reason, overridden_by, overridden_at " \
  "FROM screenings "
constexpr const char* kGet = ANAGEN_SCREENING_COLUMNS "WHERE id = $1";
constexpr const char* kCurrent = ANAGEN_SCREENING_COLUMNS
    "WHERE patient_id = $1 AND expires_on >= $2 ORDER BY screened_at DESC, id DESC LIMIT 1";
constexpr const char* kList =
    ANAGEN_SCREENING_COLUMNS "WHERE patient_id = $1 ORDER BY screened_at DESC, id DESC";
#undef ANAGEN_SCREENING_COLUMNS
constexpr const char* kOverride =
    "UPDATE screenings SET override_reason = $2, overridden_by = $3, overridden_at = $4 "
    "WHERE id = $1 AND override_reason IS NULL";

domain::Screening from_row(const Row& r) {
  domain::Screening s;
  s.id = r.text(0);
  s.patient_id = r.text(1);
  auto answers = domain::parse_answers(json_of(r.text(2)));
  if (answers.ok()) s.answers = std::move(answers).value();
  s.result.findings = domain::findings_from_json(json_of(r.text(3)));
  auto outcome = r.text(4);
  s.result.outcome = outcome == "eligible"     ? domain::ScreeningOutcome::kEligible
                     : outcome == "ineligible" ? domain::ScreeningOutcome::kIneligible
                                               : domain::ScreeningOutcome::kReview;
  s.rule_set_version = static_cast<int>(r.i64(5));
  s.screened_by = r.text(6);
  s.screened_at = instant_of(r.i64(7));
  s.screened_on = date_of(r.text(8));
  s.expires_on = date_of(r.text(9));
  if (!r.is_null(10)) {
    s.override_ = domain::ScreeningOverride{r.text(10), r.text(11), instant_of(r.i64(12))};
  }
  return s;
}

}  // namespace

Result<domain::RuleSet> current_rules(Tx& tx) {
  ANAGEN_ASSIGN(auto row, tx.query_one(kCurrentRules, {}));
  domain::RuleSet rules = domain::default_rule_set();
  if (!row) return rules;
  rules.version = static_cast<int>(row->i64(0));
  // Rule by rule: one saved before the floor existed (haemophilia ignored)
  // is raised to its floor; the clinic's other rules stay as saved.
  const Json stored = json_of(row->text(1));
  for (auto it = stored.begin(); stored.is_object() && it != stored.end(); ++it) {
    auto one = domain::parse_rules(Json{{it.key(), *it}});
    if (one.ok()) {
      for (auto& [code, sev] : *one) rules.severity[code] = sev;
    } else if (auto floor = domain::rule_floor().find(it.key());
               floor != domain::rule_floor().end()) {
      rules.severity[it.key()] = floor->second;
    }
  }
  return rules;
}

Result<domain::RuleSet> save_rules(Tx& tx, std::map<std::string, domain::Severity> changes,
                                   const std::string& by, Instant at) {
  ANAGEN_TRY(tx.lock("screening_rules"));
  ANAGEN_ASSIGN(auto rules, current_rules(tx));
  for (auto& [code, sev] : changes) rules.severity[code] = sev;
  rules.version += 1;
  ANAGEN_TRY(tx.exec(kInsertRules, {val(rules.version), val(domain::rules_to_json(rules).dump()),
                                    val(ms(at)), val(by)}));
  return rules;
}

Status insert(Tx& tx, const domain::Screening& s) {
  ANAGEN_TRY(tx.exec(
      kInsert,
      {val(s.id), val(s.patient_id), val(domain::answers_to_json(s.answers).dump()),
       val(domain::findings_to_json(s.result.findings).dump()),
       val(domain::to_string(s.result.outcome)), val(s.rule_set_version), val(s.screened_by),
       val(ms(s.screened_at)), val(format_date(s.screened_on)), val(format_date(s.expires_on))}));
  return ok_status();
}

Result<std::optional<domain::Screening>> get(Tx& tx, const std::string& id) {
  ANAGEN_ASSIGN(auto row, tx.query_one(kGet, {val(id)}));
  if (!row) return std::optional<domain::Screening>();
  return std::optional<domain::Screening>(from_row(*row));
}

Result<std::optional<domain::Screening>> current(Tx& tx, const std::string& patient_id,
                                                 Date today) {
  ANAGEN_ASSIGN(auto row, tx.query_one(kCurrent, {val(patient_id), val(format_date(today))}));
  if (!row) return std::optional<domain::Screening>();
  return std::optional<domain::Screening>(from_row(*row));
}

Result<std::vector<domain::Screening>> list(Tx& tx, const std::string& patient_id) {
  ANAGEN_ASSIGN(auto rows, tx.query(kList, {val(patient_id)}));
  std::vector<domain::Screening> out;
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

Status set_override(Tx& tx, const std::string& id, const domain::ScreeningOverride& o) {
  ANAGEN_ASSIGN(auto n, tx.exec(kOverride, {val(id), val(o.reason), val(o.by), val(ms(o.at))}));
  if (n == 0) return Error::conflict("This screening has already been overridden.");
  return ok_status();
}

}  // namespace anagen::store::screenings
