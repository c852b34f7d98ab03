// Conversions shared by the store modules.
#pragma once

#include "core/clock.h"
#include "core/json_reader.h"
#include "core/time.h"
#include "domain/outcome.h"
#include "store/db.h"

namespace anagen::store {

inline int64_t ms(Instant t) { return t.time_since_epoch().count(); }
inline Instant instant_of(int64_t ms) { return Instant(std::chrono::milliseconds(ms)); }
inline Date date_of(const std::string& s) { return parse_date(s).value_or(Date{}); }
// The three columns error_reason, error_by, error_at from `first` on: a
// correction if the row was marked entered in error.
inline std::optional<domain::Correction> correction_of(const Row& r, size_t first) {
  if (r.is_null(first + 2)) return std::nullopt;
  return domain::Correction{r.text(first), r.text(first + 1), instant_of(r.i64(first + 2))};
}
// Marks the rows of `table` whose `column` equals `key`, and that are not
// marked yet, entered in error; returns how many. Checked in the statement,
// so of two concurrent marks only one changes a row.
inline Result<int64_t> mark_entered_in_error(Tx& tx, const std::string& table,
                                             const std::string& column, const std::string& key,
                                             const domain::Correction& c) {
  return tx.exec("UPDATE " + table + " SET error_reason = $2, error_by = $3, error_at = $4 WHERE " +
                     column + " = $1 AND error_at IS NULL",
                 {val(key), val(c.reason), val(c.by), val(ms(c.at))});
}
inline Json json_of(const std::string& s) {
  Json j = Json::parse(s, nullptr, false);
  return j.is_discarded() ? Json() : j;
}

// Turns "no row" into kNotFound naming what was looked for.
template <typename T>
Result<T> found(Result<std::optional<T>> r, const std::string& what) {
  if (!r.ok()) return r.take_error();
  if (!r.value()) return Error::not_found(what + " was not found.");
  return std::move(*r.value());
}

}  // namespace anagen::store
