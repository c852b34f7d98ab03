#include "store/trichoscopy_store.h"

#include "store/store_util.h"

namespace anagen::store::trichoscopy {
namespace {

constexpr const char* kInsert =
    "INSERT INTO trichoscopy (id, patient_id, site, taken_on, um_per_px, image, image_type, "
    "image_sha256, overlay, result, created_by, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
constexpr const char* kSecond =
    "UPDATE trichoscopy SET second_image = $2, second_type = $3, hours = $4, result = $5, "
    "overlay = $6 WHERE id = $1 AND hours IS NULL AND error_at IS NULL";
#define ANAGEN_T_COLUMNS                                                                 \
  "SELECT id, patient_id, site, taken_on, um_per_px, image_type, image_sha256, result, " \
  "second_type, hours, created_by, created_at, error_reason, error_by, error_at"
constexpr const char* kGet = ANAGEN_T_COLUMNS " FROM trichoscopy WHERE id = $1";
constexpr const char* kGetImages =
    ANAGEN_T_COLUMNS ", image, overlay, second_image FROM trichoscopy WHERE id = $1";
constexpr const char* kList =
    ANAGEN_T_COLUMNS " FROM trichoscopy WHERE patient_id = $1 ORDER BY taken_on, created_at, id";
constexpr const char* kFindImage = ANAGEN_T_COLUMNS
    " FROM trichoscopy WHERE patient_id = $1 AND image_sha256 = $2 AND error_at IS NULL "
    "ORDER BY created_at, id LIMIT 1";
#undef ANAGEN_T_COLUMNS

Record from_row(const Row& r) {
  Record t;
  t.id = r.text(0);
  t.patient_id = r.text(1);
  t.site = r.text(2);
  t.taken_on = date_of(r.text(3));
  t.um_per_px = r.f64(4);
  t.image_type = r.text(5);
  t.image_sha256 = r.text(6);
  t.result = json_of(r.text(7));
  t.second_type = r.opt_text(8);
  t.hours = r.opt_f64(9);
  t.created_by = r.text(10);
  t.created_at = instant_of(r.i64(11));
  t.entered_in_error = correction_of(r, 12);
  if (r.size() > 15) {
    t.image = r.blob(15);
    t.overlay = r.blob(16);
    if (!r.is_null(17)) t.second_image = r.blob(17);
  }
  return t;
}

Result<std::optional<Record>> one(Tx& tx, const char* sql, const std::string& id) {
  ANAGEN_ASSIGN(auto row, tx.query_one(sql, {val(id)}));
  if (!row) return std::optional<Record>();
  return std::optional<Record>(from_row(*row));
}

}  // namespace

Status insert(Tx& tx, const Record& r) {
  ANAGEN_TRY(tx.exec(
      kInsert, {val(r.id), val(r.patient_id), val(r.site), val(format_date(r.taken_on)),
                val(r.um_per_px), val(r.image), val(r.image_type), val(r.image_sha256),
                val(r.overlay), val(r.result.dump()), val(r.created_by), val(ms(r.created_at))}));
  return ok_status();
}

Result<bool> set_second(Tx& tx, const std::string& id, const Blob& image, const std::string& type,
                        double hours, const Json& result, const Blob& overlay) {
  ANAGEN_ASSIGN(int64_t changed, tx.exec(kSecond, {val(id), val(image), val(type), val(hours),
                                                   val(result.dump()), val(overlay)}));
  return changed == 1;
}

Result<bool> mark_entered_in_error(Tx& tx, const std::string& id, const domain::Correction& c) {
  ANAGEN_ASSIGN(int64_t changed, store::mark_entered_in_error(tx, "trichoscopy", "id", id, c));
  return changed == 1;
}

Result<std::optional<Record>> find_image(Tx& tx, const std::string& patient_id,
                                         const std::string& image_sha256) {
  ANAGEN_ASSIGN(auto row, tx.query_one(kFindImage, {val(patient_id), val(image_sha256)}));
  if (!row) return std::optional<Record>();
  return std::optional<Record>(from_row(*row));
}

Result<std::optional<Record>> get(Tx& tx, const std::string& id) { return one(tx, kGet, id); }

Result<std::optional<Record>> get_with_images(Tx& tx, const std::string& id) {
  return one(tx, kGetImages, id);
}

Result<std::vector<Record>> list_for_patient(Tx& tx, const std::string& patient_id) {
  ANAGEN_ASSIGN(auto rows, tx.query(kList, {val(patient_id)}));
  std::vector<Record> out;
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

}  // namespace anagen::store::trichoscopy
