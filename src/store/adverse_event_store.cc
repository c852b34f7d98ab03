#include "store/adverse_event_store.h"

#include "store/store_util.h"

namespace anagen::store::adverse_events {
namespace {

constexpr const char* kInsert =
    "INSERT INTO adverse_events (id, patient_id, treatment_id, type, grade, onset, management, "
    "outcome, notes, reported_by, reporter_role, reviewed, created_at, updated_at, reviewed_by) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14)";
constexpr const char* kInsertLot =
    "INSERT INTO adverse_event_lots (adverse_event_id, lot_id) VALUES ($1, $2) ON CONFLICT DO "
    "NOTHING";
constexpr const char* kUpdate =
    "UPDATE adverse_events SET outcome = $2, management = $3, notes = $4, reviewed = $5, "
    "updated_at = $6, treatment_id = $7, grade = $8, reviewed_by = $9 WHERE id = $1";
constexpr const char* kDeleteLots = "DELETE FROM adverse_event_lots WHERE adverse_event_id = $1";
#define ANAGEN_AE_COLUMNS                                                                 \
  "SELECT id, patient_id, treatment_id, type, grade, onset, management, outcome, notes, " \
  "reported_by, reporter_role, reviewed, created_at, updated_at, reviewed_by FROM adverse_events "
constexpr const char* kGet = ANAGEN_AE_COLUMNS "WHERE id = $1";
constexpr const char* kForPatient =
    ANAGEN_AE_COLUMNS "WHERE patient_id = $1 ORDER BY created_at DESC, id";
constexpr const char* kBetween =
    ANAGEN_AE_COLUMNS "WHERE created_at >= $1 AND created_at < $2 ORDER BY created_at, id";
constexpr const char* kOpen = ANAGEN_AE_COLUMNS
    "WHERE reviewed = 0 OR outcome IN ('ongoing', 'recovering') ORDER BY created_at, id";
#undef ANAGEN_AE_COLUMNS
constexpr const char* kLots =
    "SELECT lot_id FROM adverse_event_lots WHERE adverse_event_id = $1 ORDER BY lot_id";

domain::AdverseEvent from_row(const Row& r) {
  domain::AdverseEvent e;
  e.id = r.text(0);
  e.patient_id = r.text(1);
  e.treatment_id = r.opt_text(2);
  e.type = r.text(3);
  e.grade = static_cast<int>(r.i64(4));
  e.onset = r.text(5);
  for (const auto& m : json_of(r.text(6))) e.management.push_back(m);
  e.outcome = r.text(7);
  e.notes = r.opt_text(8);
  e.reported_by = r.text(9);
  e.reporter_role = r.text(10);
  e.reviewed = r.boolean(11);
  e.created_at = instant_of(r.i64(12));
  e.updated_at = instant_of(r.i64(13));
  e.reviewed_by = r.opt_text(14);
  return e;
}

Result<std::vector<domain::AdverseEvent>> many(Tx& tx, const char* sql, std::vector<Value> params) {
  ANAGEN_ASSIGN(auto rows, tx.query(sql, params));
  std::vector<domain::AdverseEvent> out;
  for (const auto& r : rows) {
    out.push_back(from_row(r));
    ANAGEN_ASSIGN(auto lots, tx.query(kLots, {val(out.back().id)}));
    for (const auto& l : lots) out.back().lot_ids.push_back(l.text(0));
  }
  return out;
}

}  // namespace

Status insert(Tx& tx, const domain::AdverseEvent& e) {
  ANAGEN_TRY(tx.exec(
      kInsert,
      {val(e.id), val(e.patient_id), val(e.treatment_id), val(e.type), val(e.grade), val(e.onset),
       val(Json(e.management).dump()), val(e.outcome), val(e.notes), val(e.reported_by),
       val(e.reporter_role), val(e.reviewed), val(ms(e.created_at)), val(e.reviewed_by)}));
  for (const auto& lot : e.lot_ids) ANAGEN_TRY(tx.exec(kInsertLot, {val(e.id), val(lot)}));
  return ok_status();
}

Status update(Tx& tx, const domain::AdverseEvent& e) {
  ANAGEN_TRY(tx.exec(kUpdate, {val(e.id), val(e.outcome), val(Json(e.management).dump()),
                               val(e.notes), val(e.reviewed), val(ms(e.updated_at)),
                               val(e.treatment_id), val(e.grade), val(e.reviewed_by)}));
  ANAGEN_TRY(tx.exec(kDeleteLots, {val(e.id)}));
  for (const auto& lot : e.lot_ids) ANAGEN_TRY(tx.exec(kInsertLot, {val(e.id), val(lot)}));
  return ok_status();
}

Result<std::optional<domain::AdverseEvent>> get(Tx& tx, const std::string& id) {
  ANAGEN_ASSIGN(auto all, many(tx, kGet, {val(id)}));
  if (all.empty()) return std::optional<domain::AdverseEvent>();
  return std::optional<domain::AdverseEvent>(std::move(all.front()));
}

Result<std::vector<domain::AdverseEvent>> list_for_patient(Tx& tx, const std::string& patient_id) {
  return many(tx, kForPatient, {val(patient_id)});
}

Result<std::vector<domain::AdverseEvent>> between(Tx& tx, Instant from, Instant to) {
  return many(tx, kBetween, {val(ms(from)), val(ms(to))});
}

Result<std::vector<domain::AdverseEvent>> open(Tx& tx) { return many(tx, kOpen, {}); }

}  // namespace anagen::store::adverse_events
