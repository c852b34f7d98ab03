// Conversions shared by the store modules.
#pragma once

#include "core/clock.h"
#include "core/json_reader.h"
#include "core/time.h"
#include "store/db.h"

namespace anagen::store {

inline int64_t ms(Instant t) { return t.time_since_epoch().count(); }
inline Instant instant_of(int64_t ms) { return Instant(std::chrono::milliseconds(ms)); }
inline Date date_of(const std::string& s) { return parse_date(s).value_or(Date{}); }
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
