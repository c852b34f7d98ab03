#include "store/practitioner_store.h"

#include "store/store_util.h"

namespace anagen::store::practitioners {
namespace {

constexpr const char* kInsert =
    "INSERT INTO practitioners (id, name, active, created_at, updated_at) VALUES ($1, $2, $3, $4, "
    "$4)";
constexpr const char* kUpdate =
    "UPDATE practitioners SET name = $2, active = $3, updated_at = $4 WHERE id = $1";
constexpr const char* kGet = "SELECT id, name, active FROM practitioners WHERE id = $1";
constexpr const char* kList = "SELECT id, name, active FROM practitioners ORDER BY name, id";
constexpr const char* kHours =
    "SELECT weekday, start_min, end_min FROM practitioner_hours WHERE practitioner_id = $1 "
    "ORDER BY weekday, start_min";
constexpr const char* kDeleteHours = "DELETE FROM practitioner_hours WHERE practitioner_id = $1";
constexpr const char* kInsertHours =
    "INSERT INTO practitioner_hours (practitioner_id, weekday, start_min, end_min) "
    "VALUES ($1, $2, $3, $4)";
constexpr const char* kInsertOff =
    "INSERT INTO time_off (id, practitioner_id, from_date, to_date, reason, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
constexpr const char* kDeleteOff =
    "DELETE FROM time_off WHERE id = $1 AND COALESCE(practitioner_id, '') = $2";
constexpr const char* kListOff =
    "SELECT id, practitioner_id, from_date, to_date, reason FROM time_off "
    "WHERE COALESCE(practitioner_id, '') = $1 ORDER BY from_date, id";
constexpr const char* kOffBetween =
    "SELECT id, practitioner_id, from_date, to_date, reason FROM time_off "
    "WHERE (practitioner_id = $1 OR practitioner_id IS NULL) AND from_date <= $3 AND to_date >= $2 "
    "ORDER BY from_date, id";

Status load_hours(Tx& tx, domain::Practitioner& p) {
  ANAGEN_ASSIGN(auto rows, tx.query(kHours, {val(p.id)}));
  for (const auto& r : rows) {
    p.hours.push_back(
        {static_cast<int>(r.i64(0)), static_cast<int>(r.i64(1)), static_cast<int>(r.i64(2))});
  }
  return ok_status();
}

Status save_hours(Tx& tx, const domain::Practitioner& p) {
  ANAGEN_TRY(tx.exec(kDeleteHours, {val(p.id)}));
  for (const auto& h : p.hours) {
    ANAGEN_TRY(
        tx.exec(kInsertHours, {val(p.id), val(h.weekday), val(h.start_min), val(h.end_min)}));
  }
  return ok_status();
}

TimeOffEntry off_from_row(const Row& r) {
  TimeOffEntry e;
  e.id = r.text(0);
  e.practitioner_id = r.opt_text(1);
  e.off = {date_of(r.text(2)), date_of(r.text(3)), r.text(4), !e.practitioner_id.has_value()};
  return e;
}

}  // namespace

Status insert(Tx& tx, const domain::Practitioner& p, Instant now) {
  ANAGEN_TRY(tx.exec(kInsert, {val(p.id), val(p.name), val(p.active), val(ms(now))}));
  return save_hours(tx, p);
}

Status update(Tx& tx, const domain::Practitioner& p, Instant now) {
  ANAGEN_TRY(tx.exec(kUpdate, {val(p.id), val(p.name), val(p.active), val(ms(now))}));
  return save_hours(tx, p);
}

Result<std::optional<domain::Practitioner>> get(Tx& tx, const std::string& id) {
  ANAGEN_ASSIGN(auto row, tx.query_one(kGet, {val(id)}));
  if (!row) return std::optional<domain::Practitioner>();
  domain::Practitioner p{row->text(0), row->text(1), row->boolean(2), {}};
  ANAGEN_TRY(load_hours(tx, p));
  return std::optional<domain::Practitioner>(std::move(p));
}

Result<domain::Practitioner> require(Tx& tx, const std::string& id) {
  return found(get(tx, id), "Practitioner " + id);
}

Result<std::vector<domain::Practitioner>> list(Tx& tx) {
  ANAGEN_ASSIGN(auto rows, tx.query(kList, {}));
  std::vector<domain::Practitioner> out;
  for (const auto& r : rows) {
    out.push_back({r.text(0), r.text(1), r.boolean(2), {}});
    ANAGEN_TRY(load_hours(tx, out.back()));
  }
  return out;
}

Status insert_time_off(Tx& tx, const TimeOffEntry& e, Instant now) {
  ANAGEN_TRY(tx.exec(kInsertOff, {val(e.id), val(e.practitioner_id), val(format_date(e.off.from)),
                                  val(format_date(e.off.to)), val(e.off.reason), val(ms(now))}));
  return ok_status();
}

Status delete_time_off(Tx& tx, const std::string& id,
                       const std::optional<std::string>& practitioner_id) {
  ANAGEN_ASSIGN(auto n, tx.exec(kDeleteOff, {val(id), val(practitioner_id.value_or(""))}));
  if (n == 0) return Error::not_found("Time off " + id + " was not found.");
  return ok_status();
}

Result<std::vector<TimeOffEntry>> list_time_off(Tx& tx,
                                                const std::optional<std::string>& practitioner_id) {
  ANAGEN_ASSIGN(auto rows, tx.query(kListOff, {val(practitioner_id.value_or(""))}));
  std::vector<TimeOffEntry> out;
  for (const auto& r : rows) out.push_back(off_from_row(r));
  return out;
}

Result<std::vector<domain::TimeOff>> off_between(Tx& tx, const std::string& practitioner_id,
                                                 Date from, Date to) {
  ANAGEN_ASSIGN(auto rows, tx.query(kOffBetween, {val(practitioner_id), val(format_date(from)),
                                                  val(format_date(to))}));
  std::vector<domain::TimeOff> out;
  for (const auto& r : rows) out.push_back(off_from_row(r).off);
  return out;
}

}  // namespace anagen::store::practitioners
