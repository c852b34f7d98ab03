#include "store/appointment_store.h"

#include "store/store_util.h"

namespace anagen::store::appointments {
namespace {

constexpr const char* kInsert =
    "INSERT INTO appointments (id, plan_id, session_number, patient_id, practitioner_id, "
    "start_at, end_at, status, sequence, note, created_by, created_at, updated_at, kind) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";
constexpr const char* kUpdate =
    "UPDATE appointments SET practitioner_id = $2, start_at = $3, end_at = $4, status = $5, "
    "sequence = $6, note = $7, updated_at = $8, session_number = $9 WHERE id = $1";
#define ANAGEN_APPOINTMENT_COLUMNS                                                      \
  "SELECT id, plan_id, session_number, patient_id, practitioner_id, start_at, end_at, " \
  "status, sequence, note, created_by, created_at, updated_at, kind FROM appointments "
constexpr const char* kGet = ANAGEN_APPOINTMENT_COLUMNS "WHERE id = $1";
// One query per leading filter, so each walks its own index; the other
// filters apply to what it reads (an empty-string parameter means "any").
#define ANAGEN_APPOINTMENT_REST                                             \
  "AND ($1 = '' OR practitioner_id = $1) AND ($2 = '' OR patient_id = $2) " \
  "AND ($3 = '' OR plan_id = $3) AND start_at >= $4 AND start_at < $5 "     \
  "AND ($6 = 1 OR status <> 'cancelled') ORDER BY start_at, id LIMIT $7"
constexpr const char* kListByPlan =
    ANAGEN_APPOINTMENT_COLUMNS "WHERE plan_id = $3 " ANAGEN_APPOINTMENT_REST;
constexpr const char* kListByPatient =
    ANAGEN_APPOINTMENT_COLUMNS "WHERE patient_id = $2 " ANAGEN_APPOINTMENT_REST;
constexpr const char* kListByPractitioner =
    ANAGEN_APPOINTMENT_COLUMNS "WHERE practitioner_id = $1 " ANAGEN_APPOINTMENT_REST;
constexpr const char* kListByTime =
    ANAGEN_APPOINTMENT_COLUMNS "WHERE 1 = 1 " ANAGEN_APPOINTMENT_REST;
#undef ANAGEN_APPOINTMENT_REST
// Appointments last less than a day, so those overlapping [$2, $3) start
// after $4 = $2 - 1 day: a bounded index range. ($4 is computed here, not in
// SQL: PostgreSQL would type "$2 - 86400000" as a 32-bit integer.)
constexpr const char* kBusyPractitioner =
    "SELECT id, start_at, end_at FROM appointments WHERE practitioner_id = $1 "
    "AND start_at > $4 AND start_at < $3 AND end_at > $2 "
    "AND status IN ('booked', 'arrived', 'completed')";
constexpr const char* kBusyPatient =
    "SELECT id, start_at, end_at FROM appointments WHERE patient_id = $1 "
    "AND start_at > $4 AND start_at < $3 AND end_at > $2 "
    "AND status IN ('booked', 'arrived', 'completed')";
constexpr const char* kUpcoming =
    "SELECT a.id, a.plan_id, a.session_number, a.patient_id, a.practitioner_id, a.start_at, "
    "a.end_at, a.status, a.sequence, a.note, a.created_by, a.created_at, a.updated_at, a.kind, "
    "p.email, "
    "p.given_name FROM appointments a JOIN patients p ON p.id = a.patient_id "
    "JOIN plans pl ON pl.id = a.plan_id "
    "WHERE a.start_at > $1 AND a.start_at <= $2 AND a.status = 'booked' AND p.email IS NOT NULL "
    "AND pl.booking_hold = 0 AND pl.status <> 'stopped' "
    "ORDER BY a.start_at, a.id";
#undef ANAGEN_APPOINTMENT_COLUMNS

domain::Appointment from_row(const Row& r) {
  domain::Appointment a;
  a.id = r.text(0);
  a.plan_id = r.text(1);
  a.session_number = static_cast<int>(r.i64(2));
  a.patient_id = r.text(3);
  a.practitioner_id = r.text(4);
  a.start = instant_of(r.i64(5));
  a.end = instant_of(r.i64(6));
  a.status =
      domain::parse_appointment_status(r.text(7)).value_or(domain::AppointmentStatus::kBooked);
  a.sequence = static_cast<int>(r.i64(8));
  a.note = r.opt_text(9);
  a.created_by = r.text(10);
  a.created_at = instant_of(r.i64(11));
  a.updated_at = instant_of(r.i64(12));
  a.kind = domain::parse_appointment_kind(r.text(13)).value_or(domain::AppointmentKind::kSession);
  return a;
}

}  // namespace

Status insert(Tx& tx, const domain::Appointment& a) {
  ANAGEN_TRY(tx.exec(
      kInsert, {val(a.id), val(a.plan_id), val(a.session_number), val(a.patient_id),
                val(a.practitioner_id), val(ms(a.start)), val(ms(a.end)),
                val(domain::to_string(a.status)), val(a.sequence), val(a.note), val(a.created_by),
                val(ms(a.created_at)), val(ms(a.updated_at)), val(domain::to_string(a.kind))}));
  return ok_status();
}

Status update(Tx& tx, const domain::Appointment& a) {
  ANAGEN_TRY(tx.exec(kUpdate, {val(a.id), val(a.practitioner_id), val(ms(a.start)), val(ms(a.end)),
                               val(domain::to_string(a.status)), val(a.sequence), val(a.note),
                               val(ms(a.updated_at)), val(a.session_number)}));
  return ok_status();
}

Result<std::optional<domain::Appointment>> get(Tx& tx, const std::string& id) {
  ANAGEN_ASSIGN(auto row, tx.query_one(kGet, {val(id)}));
  if (!row) return std::optional<domain::Appointment>();
  return std::optional<domain::Appointment>(from_row(*row));
}

Result<domain::Appointment> require(Tx& tx, const std::string& id) {
  return found(get(tx, id), "Appointment " + id);
}

Result<std::vector<domain::Appointment>> list(Tx& tx, const Filter& f) {
  const char* sql = f.plan_id           ? kListByPlan
                    : f.patient_id      ? kListByPatient
                    : f.practitioner_id ? kListByPractitioner
                                        : kListByTime;
  ANAGEN_ASSIGN(
      auto rows,
      tx.query(sql, {val(f.practitioner_id.value_or("")), val(f.patient_id.value_or("")),
                     val(f.plan_id.value_or("")), val(f.from ? ms(*f.from) : INT64_MIN),
                     val(f.to ? ms(*f.to) : INT64_MAX), val(f.include_cancelled), val(f.limit)}));
  std::vector<domain::Appointment> out;
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

Result<std::vector<domain::Busy>> busy(Tx& tx, const std::string& practitioner_id,
                                       const std::string& patient_id, Instant from, Instant to) {
  std::vector<domain::Busy> out;
  for (auto [sql, key] :
       {std::pair{kBusyPractitioner, &practitioner_id}, {kBusyPatient, &patient_id}}) {
    ANAGEN_ASSIGN(auto rows, tx.query(sql, {val(*key), val(ms(from)), val(ms(to)),
                                            val(ms(from - std::chrono::days(1)))}));
    for (const auto& r : rows) {
      out.push_back({instant_of(r.i64(1)), instant_of(r.i64(2)), r.text(0)});
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.start, a.appointment_id) < std::tie(b.start, b.appointment_id);
  });
  out.erase(std::unique(
                out.begin(), out.end(),
                [](const auto& a, const auto& b) { return a.appointment_id == b.appointment_id; }),
            out.end());
  return out;
}

Result<std::vector<Upcoming>> upcoming_with_email(Tx& tx, Instant from, Instant to) {
  ANAGEN_ASSIGN(auto rows, tx.query(kUpcoming, {val(ms(from)), val(ms(to))}));
  std::vector<Upcoming> out;
  for (const auto& r : rows) out.push_back({from_row(r), r.text(14), r.text(15)});
  return out;
}

}  // namespace anagen::store::appointments
