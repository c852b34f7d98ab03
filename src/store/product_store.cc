#include "store/product_store.h"

#include "store/store_util.h"

namespace anagen::store::products {
namespace {

constexpr const char* kInsert =
    "INSERT INTO products (id, name, manufacturer, category, composition, active, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr const char* kUpdate =
    "UPDATE products SET name = $2, manufacturer = $3, category = $4, composition = $5, "
    "active = $6 WHERE id = $1";
constexpr const char* kGet =
    "SELECT id, name, manufacturer, category, composition, active FROM products WHERE id = $1";
constexpr const char* kList =
    "SELECT id, name, manufacturer, category, composition, active FROM products ORDER BY name, id";
constexpr const char* kInsertLot =
    "INSERT INTO lots (id, product_id, lot_number, expires_on, received_ul, remaining_ul, "
    "received_on, created_at) VALUES ($1, $2, $3, $4, $5, $5, $6, $7)";
#define ANAGEN_LOT_COLUMNS                                                                  \
  "SELECT id, product_id, lot_number, expires_on, received_ul, remaining_ul, received_on, " \
  "recalled_on, recall_reason, recalled_by FROM lots "
constexpr const char* kGetLot = ANAGEN_LOT_COLUMNS "WHERE id = $1";
constexpr const char* kLotsOf =
    ANAGEN_LOT_COLUMNS "WHERE product_id = $1 ORDER BY expires_on, lot_number";
constexpr const char* kUsable = ANAGEN_LOT_COLUMNS
    "WHERE expires_on >= $1 AND remaining_ul > 0 AND (recalled_on IS NULL OR recalled_on > $1) "
    "ORDER BY expires_on, lot_number";
#undef ANAGEN_LOT_COLUMNS
// Lot numbers are compared as domain::lot_key does: whatever the case,
// spaces, dashes, dots and slashes they were typed with.
constexpr const char* kSameNumber =
    "SELECT lot_number FROM lots WHERE product_id = $1 AND UPPER(REPLACE(REPLACE(REPLACE(REPLACE("
    "lot_number, ' ', ''), '-', ''), '.', ''), '/', '')) = $2";
constexpr const char* kSetRecall =
    "UPDATE lots SET recalled_on = $2, recall_reason = $3, recalled_by = $4 WHERE id = $1";
// The row as it is when written (PostgreSQL re-reads it under a concurrent
// write): enough left, and not recalled by the session's day meanwhile.
constexpr const char* kTake =
    "UPDATE lots SET remaining_ul = remaining_ul - $2 WHERE id = $1 AND remaining_ul >= $2 "
    "AND (recalled_on IS NULL OR recalled_on > $3)";
constexpr const char* kGiveBack = "UPDATE lots SET remaining_ul = remaining_ul + $2 WHERE id = $1";
constexpr const char* kRecipients =
    "SELECT t.patient_id, t.id, t.performed_at, tp.volume_ul, p.given_name, p.family_name, "
    "p.email, p.phone "
    "FROM treatment_products tp JOIN treatments t ON t.id = tp.treatment_id "
    "JOIN patients p ON p.id = t.patient_id WHERE tp.lot_id = $1 AND t.error_at IS NULL "
    "ORDER BY t.performed_at, t.id";

domain::Product product_from(const Row& r) {
  return {r.text(0), r.text(1), r.opt_text(2), r.text(3), r.opt_text(4), r.boolean(5)};
}

domain::Lot lot_from(const Row& r) {
  domain::Lot l{r.text(0), r.text(1), r.text(2),         date_of(r.text(3)),
                r.i64(4),  r.i64(5),  date_of(r.text(6))};
  if (auto d = r.opt_text(7)) l.recalled_on = date_of(*d);
  l.recall_reason = r.opt_text(8);
  l.recalled_by = r.opt_text(9);
  return l;
}

template <typename T, typename F>
Result<std::vector<T>> many(Tx& tx, const char* sql, std::vector<Value> params, F from) {
  ANAGEN_ASSIGN(auto rows, tx.query(sql, params));
  std::vector<T> out;
  for (const auto& r : rows) out.push_back(from(r));
  return out;
}

}  // namespace

Status insert(Tx& tx, const domain::Product& p, Instant now) {
  ANAGEN_TRY(tx.exec(kInsert, {val(p.id), val(p.name), val(p.manufacturer), val(p.category),
                               val(p.composition), val(p.active), val(ms(now))}));
  return ok_status();
}

Status update(Tx& tx, const domain::Product& p) {
  ANAGEN_TRY(tx.exec(kUpdate, {val(p.id), val(p.name), val(p.manufacturer), val(p.category),
                               val(p.composition), val(p.active)}));
  return ok_status();
}

Result<std::optional<domain::Product>> get(Tx& tx, const std::string& id) {
  ANAGEN_ASSIGN(auto row, tx.query_one(kGet, {val(id)}));
  if (!row) return std::optional<domain::Product>();
  return std::optional<domain::Product>(product_from(*row));
}

Result<std::vector<domain::Product>> list(Tx& tx) {
  return many<domain::Product>(tx, kList, {}, product_from);
}

Status insert_lot(Tx& tx, const domain::Lot& l, Instant now) {
  ANAGEN_ASSIGN(auto same,
                tx.query_one(kSameNumber, {val(l.product_id), val(domain::lot_key(l.lot_number))}));
  if (same) {
    return Error::conflict("This product already has a lot numbered " + same->text(0) + ".");
  }
  auto r = tx.exec(kInsertLot,
                   {val(l.id), val(l.product_id), val(l.lot_number), val(format_date(l.expires_on)),
                    val(l.received), val(format_date(l.received_on)), val(ms(now))});
  if (!r.ok() && r.error().code == ErrorCode::kConflict) {
    return Error::conflict("This product already has a lot numbered " + l.lot_number + ".");
  }
  if (!r.ok()) return r.take_error();
  return ok_status();
}

Result<std::optional<domain::Lot>> get_lot(Tx& tx, const std::string& id) {
  ANAGEN_ASSIGN(auto row, tx.query_one(kGetLot, {val(id)}));
  if (!row) return std::optional<domain::Lot>();
  return std::optional<domain::Lot>(lot_from(*row));
}

Result<std::vector<domain::Lot>> lots_of(Tx& tx, const std::string& product_id) {
  return many<domain::Lot>(tx, kLotsOf, {val(product_id)}, lot_from);
}

Result<std::vector<domain::Lot>> usable_lots(Tx& tx, Date day) {
  return many<domain::Lot>(tx, kUsable, {val(format_date(day))}, lot_from);
}

Status set_recall(Tx& tx, const domain::Lot& l) {
  ANAGEN_TRY(tx.exec(
      kSetRecall,
      {val(l.id),
       val(l.recalled_on ? std::optional<std::string>(format_date(*l.recalled_on)) : std::nullopt),
       val(l.recall_reason), val(l.recalled_by)}));
  return ok_status();
}

Status give_back(Tx& tx, const std::string& lot_id, domain::Microlitres volume) {
  ANAGEN_TRY(tx.exec(kGiveBack, {val(lot_id), val(volume)}));
  return ok_status();
}

Status take(Tx& tx, const std::string& lot_id, domain::Microlitres volume, Date day) {
  ANAGEN_ASSIGN(auto n, tx.exec(kTake, {val(lot_id), val(volume), val(format_date(day))}));
  if (n == 0) return Error::conflict("The lot was used up or recalled meanwhile.");
  return ok_status();
}

Result<std::vector<Recipient>> recipients(Tx& tx, const std::string& lot_id) {
  return many<Recipient>(tx, kRecipients, {val(lot_id)}, [](const Row& r) {
    return Recipient{r.text(0), r.text(1), instant_of(r.i64(2)), r.i64(3),
                     r.text(4), r.text(5), r.opt_text(6),        r.opt_text(7)};
  });
}

}  // namespace anagen::store::products
