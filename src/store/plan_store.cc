#include "store/plan_store.h"

#include "store/store_util.h"

namespace anagen::store::plans {
namespace {

constexpr const char* kInsert =
    "INSERT INTO plans (id, patient_id, assessment_id, protocol_id, protocol_version, protocol, "
    "severity, months, start_date, end_date, status, needs_review, review_reason, stop_reason, "
    "created_by, created_at, updated_at, version, booking_hold) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, 1, $17)";
constexpr const char* kUpdate =
    "UPDATE plans SET protocol_id = $2, protocol_version = $3, protocol = $4, months = $5, "
    "end_date = $6, status = $7, needs_review = $8, review_reason = $9, stop_reason = $10, "
    "updated_at = $11, version = $12, booking_hold = $13 WHERE id = $1 AND version = $12 - 1";
#define ANAGEN_PLAN_COLUMNS                                                                  \
  "SELECT id, patient_id, assessment_id, protocol, severity, months, start_date, end_date, " \
  "status, needs_review, review_reason, stop_reason, created_by, created_at, version, "      \
  "booking_hold "                                                                            \
  "FROM plans "
constexpr const char* kGet = ANAGEN_PLAN_COLUMNS "WHERE id = $1";
constexpr const char* kList =
    ANAGEN_PLAN_COLUMNS "WHERE patient_id = $1 ORDER BY created_at DESC, id";
constexpr const char* kFlagged =
    ANAGEN_PLAN_COLUMNS "WHERE needs_review = 1 AND status = 'active' ORDER BY updated_at, id";
constexpr const char* kWindowPassed = ANAGEN_PLAN_COLUMNS
    "WHERE status = 'active' AND EXISTS (SELECT 1 FROM plan_sessions s WHERE s.plan_id = plans.id "
    "AND s.status IN ('planned', 'missed') AND s.latest < $1) ORDER BY updated_at, id";
#undef ANAGEN_PLAN_COLUMNS
constexpr const char* kSessions =
    "SELECT number, phase, target_date, earliest, latest, status, appointment_id "
    "FROM plan_sessions WHERE plan_id = $1 ORDER BY number";
constexpr const char* kDeleteSessions = "DELETE FROM plan_sessions WHERE plan_id = $1";
constexpr const char* kInsertSession =
    "INSERT INTO plan_sessions (plan_id, number, phase, target_date, earliest, latest, status, "
    "appointment_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

domain::Plan from_row(const Row& r) {
  domain::Plan p;
  p.id = r.text(0);
  p.patient_id = r.text(1);
  p.assessment_id = r.text(2);
  p.protocol = domain::protocol_from_json(json_of(r.text(3)));
  p.severity = domain::parse_severity3(r.text(4)).value_or(domain::Severity3::kModerate);
  p.months = static_cast<int>(r.i64(5));
  p.start = date_of(r.text(6));
  p.end = date_of(r.text(7));
  p.status = domain::parse_plan_status(r.text(8)).value_or(domain::PlanStatus::kActive);
  p.needs_review = r.boolean(9);
  p.review_reason = r.opt_text(10);
  p.stop_reason = r.opt_text(11);
  p.created_by = r.text(12);
  p.created_at = instant_of(r.i64(13));
  p.version = static_cast<int>(r.i64(14));
  p.booking_hold = r.boolean(15);
  return p;
}

Status load_sessions(Tx& tx, domain::Plan& p) {
  ANAGEN_ASSIGN(auto rows, tx.query(kSessions, {val(p.id)}));
  for (const auto& r : rows) {
    domain::PlannedSession s;
    s.number = static_cast<int>(r.i64(0));
    s.phase = r.text(1);
    s.target = date_of(r.text(2));
    s.earliest = date_of(r.text(3));
    s.latest = date_of(r.text(4));
    s.status = domain::parse_session_status(r.text(5)).value_or(domain::SessionStatus::kPlanned);
    s.appointment_id = r.opt_text(6);
    p.sessions.push_back(std::move(s));
  }
  return ok_status();
}

Status save_sessions(Tx& tx, const domain::Plan& p) {
  ANAGEN_TRY(tx.exec(kDeleteSessions, {val(p.id)}));
  for (const auto& s : p.sessions) {
    ANAGEN_TRY(
        tx.exec(kInsertSession, {val(p.id), val(s.number), val(s.phase), val(format_date(s.target)),
                                 val(format_date(s.earliest)), val(format_date(s.latest)),
                                 val(domain::to_string(s.status)), val(s.appointment_id)}));
  }
  return ok_status();
}

Result<std::vector<domain::Plan>> many(Tx& tx, const char* sql, std::vector<Value> params) {
  ANAGEN_ASSIGN(auto rows, tx.query(sql, params));
  std::vector<domain::Plan> out;
  for (const auto& r : rows) {
    out.push_back(from_row(r));
    ANAGEN_TRY(load_sessions(tx, out.back()));
  }
  return out;
}

}  // namespace

Status insert(Tx& tx, const domain::Plan& p, Instant now) {
  ANAGEN_TRY(
      tx.exec(kInsert, {val(p.id), val(p.patient_id), val(p.assessment_id), val(p.protocol.id),
                        val(p.protocol.version), val(domain::protocol_to_json(p.protocol).dump()),
                        val(domain::to_string(p.severity)), val(p.months),
                        val(format_date(p.start)), val(format_date(p.end)),
                        val(domain::to_string(p.status)), val(p.needs_review), val(p.review_reason),
                        val(p.stop_reason), val(p.created_by), val(ms(now)), val(p.booking_hold)}));
  return save_sessions(tx, p);
}

Status update(Tx& tx, const domain::Plan& p, Instant now) {
  ANAGEN_ASSIGN(auto n,
                tx.exec(kUpdate, {val(p.id), val(p.protocol.id), val(p.protocol.version),
                                  val(domain::protocol_to_json(p.protocol).dump()), val(p.months),
                                  val(format_date(p.end)), val(domain::to_string(p.status)),
                                  val(p.needs_review), val(p.review_reason), val(p.stop_reason),
                                  val(ms(now)), val(p.version), val(p.booking_hold)}));
  if (n == 0) return Error::conflict("The plan was changed meanwhile; reload and retry.");
  return save_sessions(tx, p);
}

Result<std::optional<domain::Plan>> get(Tx& tx, const std::string& id) {
  ANAGEN_ASSIGN(auto all, many(tx, kGet, {val(id)}));
  if (all.empty()) return std::optional<domain::Plan>();
  return std::optional<domain::Plan>(std::move(all.front()));
}

Result<domain::Plan> require(Tx& tx, const std::string& id) {
  return found(get(tx, id), "Plan " + id);
}

Result<std::vector<domain::Plan>> list_for_patient(Tx& tx, const std::string& patient_id) {
  return many(tx, kList, {val(patient_id)});
}

Result<std::vector<domain::Plan>> flagged(Tx& tx) { return many(tx, kFlagged, {}); }

Result<std::vector<domain::Plan>> window_passed(Tx& tx, Date today) {
  return many(tx, kWindowPassed, {val(format_date(today))});
}

}  // namespace anagen::store::plans
