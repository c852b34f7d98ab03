#include "store/assessment_store.h"

#include "store/store_util.h"

namespace anagen::store::assessments {
namespace {

constexpr const char* kInsert =
    "INSERT INTO assessments (id, patient_id, diagnosis, scale, grade, severity, roots_retained, "
    "pull_test_hairs, shedding_count, notes, candidate, reasons, assessed_by, assessed_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";
#define ANAGEN_ASSESSMENT_COLUMNS                                                               \
  "SELECT id, patient_id, diagnosis, scale, grade, severity, roots_retained, pull_test_hairs, " \
  "shedding_count, notes, candidate, reasons, assessed_by, assessed_at FROM assessments "
constexpr const char* kGet = ANAGEN_ASSESSMENT_COLUMNS "WHERE id = $1";
constexpr const char* kList =
    ANAGEN_ASSESSMENT_COLUMNS "WHERE patient_id = $1 ORDER BY assessed_at DESC, id DESC";
#undef ANAGEN_ASSESSMENT_COLUMNS

domain::Assessment from_row(const Row& r) {
  domain::Assessment a;
  a.id = r.text(0);
  a.patient_id = r.text(1);
  a.input.diagnosis = domain::parse_diagnosis(r.text(2)).value_or(domain::Diagnosis::kOther);
  a.input.scale = r.text(3);
  a.input.grade = r.text(4);
  a.severity = domain::parse_severity3(r.text(5)).value_or(domain::Severity3::kModerate);
  a.input.roots_retained = r.boolean(6);
  if (auto v = r.opt_i64(7)) a.input.pull_test_hairs = static_cast<int>(*v);
  if (auto v = r.opt_i64(8)) a.input.shedding_count = static_cast<int>(*v);
  a.notes = r.opt_text(9);
  a.candidacy.candidate = r.boolean(10);
  for (const auto& reason : json_of(r.text(11))) a.candidacy.reasons.push_back(reason);
  a.assessed_by = r.text(12);
  a.assessed_at = instant_of(r.i64(13));
  return a;
}

}  // namespace

Status insert(Tx& tx, const domain::Assessment& a) {
  const auto& in = a.input;
  ANAGEN_TRY(tx.exec(
      kInsert,
      {val(a.id), val(a.patient_id), val(domain::to_string(in.diagnosis)), val(in.scale),
       val(in.grade), val(domain::to_string(a.severity)), val(in.roots_retained),
       val(in.pull_test_hairs), val(in.shedding_count), val(a.notes), val(a.candidacy.candidate),
       val(Json(a.candidacy.reasons).dump()), val(a.assessed_by), val(ms(a.assessed_at))}));
  return ok_status();
}

Result<std::optional<domain::Assessment>> get(Tx& tx, const std::string& id) {
  ANAGEN_ASSIGN(auto row, tx.query_one(kGet, {val(id)}));
  if (!row) return std::optional<domain::Assessment>();
  return std::optional<domain::Assessment>(from_row(*row));
}

Result<std::vector<domain::Assessment>> list(Tx& tx, const std::string& patient_id) {
  ANAGEN_ASSIGN(auto rows, tx.query(kList, {val(patient_id)}));
  std::vector<domain::Assessment> out;
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

}  // namespace anagen::store::assessments
