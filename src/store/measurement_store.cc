#include "store/measurement_store.h"

#include "store/store_util.h"

namespace anagen::store::measurements {
namespace {

constexpr const char* kInsert =
    "INSERT INTO measurements (id, patient_id, kind, value, taken_on, site, source, notes, "
    "recorded_by, created_at, trichoscopy_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
    "$11)";
#define ANAGEN_M_COLUMNS                                                                         \
  "SELECT id, patient_id, kind, value, taken_on, site, source, notes, recorded_by, created_at, " \
  "trichoscopy_id, error_reason, error_by, error_at FROM measurements "
// Those marked entered in error leave the list, and with it every figure.
constexpr const char* kList =
    ANAGEN_M_COLUMNS "WHERE patient_id = $1 AND error_at IS NULL ORDER BY taken_on, created_at, id";
constexpr const char* kListMarked =
    ANAGEN_M_COLUMNS "WHERE patient_id = $1 ORDER BY taken_on, created_at, id";
constexpr const char* kGet = ANAGEN_M_COLUMNS "WHERE id = $1";
#undef ANAGEN_M_COLUMNS
constexpr const char* kInsertPhoto =
    "INSERT INTO photos (id, patient_id, view, taken_on, content_type, width, height, bytes, "
    "sha256, data, recorded_by, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
constexpr const char* kPhotos =
    "SELECT id, patient_id, view, taken_on, content_type, width, height, bytes, sha256, "
    "recorded_by, created_at FROM photos WHERE patient_id = $1 ORDER BY view, taken_on, "
    "created_at, id";
constexpr const char* kPhoto =
    "SELECT id, patient_id, view, taken_on, content_type, width, height, bytes, sha256, "
    "recorded_by, created_at, data FROM photos WHERE id = $1";

domain::Measurement measurement_from(const Row& r) {
  domain::Measurement m;
  m.id = r.text(0);
  m.patient_id = r.text(1);
  m.kind = r.text(2);
  m.value = r.f64(3);
  m.taken_on = date_of(r.text(4));
  m.site = r.opt_text(5);
  m.source = r.text(6);
  m.notes = r.opt_text(7);
  m.recorded_by = r.text(8);
  m.created_at = instant_of(r.i64(9));
  m.trichoscopy_id = r.opt_text(10);
  m.entered_in_error = correction_of(r, 11);
  return m;
}

Photo photo_from(const Row& r) {
  Photo p;
  p.id = r.text(0);
  p.patient_id = r.text(1);
  p.view = r.text(2);
  p.taken_on = date_of(r.text(3));
  p.content_type = r.text(4);
  p.width = static_cast<int>(r.i64(5));
  p.height = static_cast<int>(r.i64(6));
  p.bytes = r.i64(7);
  p.sha256 = r.text(8);
  p.recorded_by = r.text(9);
  p.created_at = instant_of(r.i64(10));
  if (r.size() > 11) p.data = r.blob(11);
  return p;
}

}  // namespace

Status insert(Tx& tx, const domain::Measurement& m) {
  ANAGEN_TRY(
      tx.exec(kInsert, {val(m.id), val(m.patient_id), val(m.kind), val(m.value),
                        val(format_date(m.taken_on)), val(m.site), val(m.source), val(m.notes),
                        val(m.recorded_by), val(ms(m.created_at)), val(m.trichoscopy_id)}));
  return ok_status();
}

Result<std::optional<domain::Measurement>> get(Tx& tx, const std::string& id) {
  ANAGEN_ASSIGN(auto row, tx.query_one(kGet, {val(id)}));
  if (!row) return std::optional<domain::Measurement>();
  return std::optional<domain::Measurement>(measurement_from(*row));
}

Result<bool> mark_entered_in_error(Tx& tx, const std::string& id, const domain::Correction& c) {
  ANAGEN_ASSIGN(int64_t changed, store::mark_entered_in_error(tx, "measurements", "id", id, c));
  return changed == 1;
}

Result<int64_t> mark_analysis_entered_in_error(Tx& tx, const std::string& trichoscopy_id,
                                               const domain::Correction& c) {
  return store::mark_entered_in_error(tx, "measurements", "trichoscopy_id", trichoscopy_id, c);
}

Result<std::vector<domain::Measurement>> list_for_patient(Tx& tx, const std::string& patient_id,
                                                          bool with_marked) {
  ANAGEN_ASSIGN(auto rows, tx.query(with_marked ? kListMarked : kList, {val(patient_id)}));
  std::vector<domain::Measurement> out;
  for (const auto& r : rows) out.push_back(measurement_from(r));
  return out;
}

Status insert_photo(Tx& tx, const Photo& p) {
  ANAGEN_TRY(tx.exec(kInsertPhoto,
                     {val(p.id), val(p.patient_id), val(p.view), val(format_date(p.taken_on)),
                      val(p.content_type), val(p.width), val(p.height), val(p.bytes), val(p.sha256),
                      val(p.data), val(p.recorded_by), val(ms(p.created_at))}));
  return ok_status();
}

Result<std::vector<Photo>> photos_of(Tx& tx, const std::string& patient_id) {
  ANAGEN_ASSIGN(auto rows, tx.query(kPhotos, {val(patient_id)}));
  std::vector<Photo> out;
  for (const auto& r : rows) out.push_back(photo_from(r));
  return out;
}

Result<std::optional<Photo>> photo(Tx& tx, const std::string& id) {
  ANAGEN_ASSIGN(auto row, tx.query_one(kPhoto, {val(id)}));
  if (!row) return std::optional<Photo>();
  return std::optional<Photo>(photo_from(*row));
}

}  // namespace anagen::store::measurements
