#include "store/treatment_store.h"

#include "store/store_util.h"

namespace anagen::store::treatments {
namespace {

constexpr const char* kInsert =
    "INSERT INTO treatments (id, appointment_id, plan_id, session_number, patient_id, "
    "practitioner_id, performed_at, performed_by, pregnancy, technique, needle_gauge, "
    "needle_length_mm, depth_mm, anaesthetic, pain_score, adjuncts, notes, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)";
constexpr const char* kInsertZone =
    "INSERT INTO treatment_zones (treatment_id, zone, points, volume_ul) VALUES ($1, $2, $3, $4)";
constexpr const char* kInsertProduct =
    "INSERT INTO treatment_products (treatment_id, lot_id, role, volume_ul) VALUES ($1, $2, $3, "
    "$4)";
constexpr const char* kInsertAddendum =
    "INSERT INTO treatment_addenda (id, treatment_id, text, created_by, created_at) "
    "VALUES ($1, $2, $3, $4, $5)";
#define ANAGEN_TREATMENT_COLUMNS                                                                 \
  "SELECT id, appointment_id, plan_id, session_number, patient_id, practitioner_id, "            \
  "performed_at, performed_by, pregnancy, technique, needle_gauge, needle_length_mm, depth_mm, " \
  "anaesthetic, pain_score, adjuncts, notes, created_at, error_reason, error_by, error_at "      \
  "FROM treatments "
constexpr const char* kGet = ANAGEN_TREATMENT_COLUMNS "WHERE id = $1";
constexpr const char* kByAppointment = ANAGEN_TREATMENT_COLUMNS "WHERE appointment_id = $1";
constexpr const char* kForPatient =
    ANAGEN_TREATMENT_COLUMNS "WHERE patient_id = $1 ORDER BY performed_at, id";
#undef ANAGEN_TREATMENT_COLUMNS
constexpr const char* kZones =
    "SELECT zone, points, volume_ul FROM treatment_zones WHERE treatment_id = $1 ORDER BY zone";
constexpr const char* kProducts =
    "SELECT lot_id, role, volume_ul FROM treatment_products WHERE treatment_id = $1 ORDER BY role, "
    "lot_id";
constexpr const char* kAddenda =
    "SELECT id, text, created_by, created_at FROM treatment_addenda WHERE treatment_id = $1 "
    "ORDER BY created_at, id";
// Records marked entered in error count nowhere.
constexpr const char* kFirst =
    "SELECT MIN(performed_at) FROM treatments WHERE patient_id = $1 AND error_at IS NULL";
constexpr const char* kCount =
    "SELECT COUNT(*) FROM treatments WHERE performed_at >= $1 AND performed_at < $2 "
    "AND error_at IS NULL";
constexpr const char* kPerLot =
    "SELECT tp.lot_id, COUNT(DISTINCT t.id) FROM treatment_products tp "
    "JOIN treatments t ON t.id = tp.treatment_id WHERE t.performed_at >= $1 AND t.performed_at < "
    "$2 AND t.error_at IS NULL "
    "GROUP BY tp.lot_id";

domain::Treatment from_row(const Row& r) {
  domain::Treatment t;
  t.id = r.text(0);
  t.appointment_id = r.text(1);
  t.plan_id = r.text(2);
  t.session_number = static_cast<int>(r.i64(3));
  t.patient_id = r.text(4);
  t.practitioner_id = r.text(5);
  t.performed_at = instant_of(r.i64(6));
  t.performed_by = r.text(7);
  t.pregnancy = r.text(8);
  t.technique = r.opt_text(9);
  if (auto v = r.opt_i64(10)) t.needle_gauge = static_cast<int>(*v);
  t.needle_length_mm = r.opt_f64(11);
  t.depth_mm = r.opt_f64(12);
  t.anaesthetic = r.boolean(13);
  t.pain_score = static_cast<int>(r.i64(14));
  for (const auto& a : json_of(r.text(15))) t.adjuncts.push_back(a);
  t.notes = r.opt_text(16);
  t.created_at = instant_of(r.i64(17));
  t.entered_in_error = correction_of(r, 18);
  return t;
}

Status load_parts(Tx& tx, domain::Treatment& t) {
  ANAGEN_ASSIGN(auto zones, tx.query(kZones, {val(t.id)}));
  for (const auto& z : zones) t.zones.push_back({z.text(0), static_cast<int>(z.i64(1)), z.i64(2)});
  ANAGEN_ASSIGN(auto products, tx.query(kProducts, {val(t.id)}));
  for (const auto& p : products) t.products.push_back({p.text(0), p.text(1), p.i64(2)});
  ANAGEN_ASSIGN(auto addenda, tx.query(kAddenda, {val(t.id)}));
  for (const auto& a : addenda) {
    t.addenda.push_back({a.text(0), a.text(1), a.text(2), instant_of(a.i64(3))});
  }
  return ok_status();
}

Result<std::optional<domain::Treatment>> one(Tx& tx, const char* sql, const std::string& key) {
  ANAGEN_ASSIGN(auto row, tx.query_one(sql, {val(key)}));
  if (!row) return std::optional<domain::Treatment>();
  auto t = from_row(*row);
  ANAGEN_TRY(load_parts(tx, t));
  return std::optional<domain::Treatment>(std::move(t));
}

}  // namespace

Status insert(Tx& tx, const domain::Treatment& t) {
  auto r = tx.exec(kInsert,
                   {val(t.id), val(t.appointment_id), val(t.plan_id), val(t.session_number),
                    val(t.patient_id), val(t.practitioner_id), val(ms(t.performed_at)),
                    val(t.performed_by), val(t.pregnancy), val(t.technique), val(t.needle_gauge),
                    val(t.needle_length_mm), val(t.depth_mm), val(t.anaesthetic), val(t.pain_score),
                    val(Json(t.adjuncts).dump()), val(t.notes), val(ms(t.created_at))});
  if (!r.ok() && r.error().code == ErrorCode::kConflict) {
    return Error::conflict(
        "This appointment's session is already recorded; add an addendum to "
        "correct it.");
  }
  if (!r.ok()) return r.take_error();
  for (const auto& z : t.zones) {
    ANAGEN_TRY(tx.exec(kInsertZone, {val(t.id), val(z.zone), val(z.points), val(z.volume)}));
  }
  for (const auto& p : t.products) {
    ANAGEN_TRY(tx.exec(kInsertProduct, {val(t.id), val(p.lot_id), val(p.role), val(p.volume)}));
  }
  return ok_status();
}

Status add_addendum(Tx& tx, const std::string& treatment_id, const domain::Addendum& a) {
  ANAGEN_TRY(tx.exec(kInsertAddendum, {val(a.id), val(treatment_id), val(a.text), val(a.created_by),
                                       val(ms(a.created_at))}));
  return ok_status();
}

Result<bool> mark_entered_in_error(Tx& tx, const std::string& id, const domain::Correction& c) {
  ANAGEN_ASSIGN(auto n, store::mark_entered_in_error(tx, "treatments", "id", id, c));
  return n == 1;
}

Result<std::optional<domain::Treatment>> get(Tx& tx, const std::string& id) {
  return one(tx, kGet, id);
}

Result<std::optional<domain::Treatment>> by_appointment(Tx& tx, const std::string& appointment_id) {
  return one(tx, kByAppointment, appointment_id);
}

Result<std::vector<domain::Treatment>> list_for_patient(Tx& tx, const std::string& patient_id) {
  ANAGEN_ASSIGN(auto rows, tx.query(kForPatient, {val(patient_id)}));
  std::vector<domain::Treatment> out;
  for (const auto& r : rows) {
    out.push_back(from_row(r));
    ANAGEN_TRY(load_parts(tx, out.back()));
  }
  return out;
}

Result<std::optional<Instant>> first_performed(Tx& tx, const std::string& patient_id) {
  ANAGEN_ASSIGN(auto row, tx.query_one(kFirst, {val(patient_id)}));
  if (!row || row->is_null(0)) return std::optional<Instant>();
  return std::optional<Instant>(instant_of(row->i64(0)));
}

Result<int> count_between(Tx& tx, Instant from, Instant to) {
  ANAGEN_ASSIGN(auto row, tx.query_one(kCount, {val(ms(from)), val(ms(to))}));
  return static_cast<int>(row->i64(0));
}

Result<std::map<std::string, int>> sessions_per_lot(Tx& tx, Instant from, Instant to) {
  ANAGEN_ASSIGN(auto rows, tx.query(kPerLot, {val(ms(from)), val(ms(to))}));
  std::map<std::string, int> out;
  for (const auto& r : rows) out[r.text(0)] = static_cast<int>(r.i64(1));
  return out;
}

}  // namespace anagen::store::treatments
