// The product catalogue and lots: every injected product is traced by lot
// number and expiry (domain.md section 6).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/time.h"

namespace anagen::domain {

#define ANAGEN_PRODUCT_CATEGORIES \
  { "amino_acids", "vitamins", "trace_elements", "vasodilators", "anaesthetic", "other" }

struct Product {
  std::string id;
  std::string name;
  std::optional<std::string> manufacturer;
  std::string category;
  std::optional<std::string> composition;
  bool active = true;
};

// Volumes are kept in microlitres so stock arithmetic is exact.
using Microlitres = int64_t;
Microlitres to_ul(double ml);
double to_ml(Microlitres ul);

struct Lot {
  std::string id;
  std::string product_id;
  std::string lot_number;
  Date expires_on;
  Microlitres received = 0;
  Microlitres remaining = 0;
  Date received_on;
  // Recalled from this day on (sessions before it used the lot as it was).
  std::optional<Date> recalled_on;
  std::optional<std::string> recall_reason;
  std::optional<std::string> recalled_by;  // user id

  bool recalled_by_day(Date day) const {
    return recalled_on && date::sys_days(*recalled_on) <= date::sys_days(day);
  }
  // Usable on `day`: not past its expiry day, not recalled by then, not empty.
  bool usable_on(Date day) const {
    return date::sys_days(day) <= date::sys_days(expires_on) && !recalled_by_day(day) &&
           remaining > 0;
  }
};

// A lot number as compared with another of the same product: capitals, no
// spaces, dashes, dots or slashes ("ab 123", "AB-123" and "AB123" are one
// lot). The SQL in store/product_store.cc does the same.
std::string lot_key(std::string_view lot_number);

// Why `volume` of the lot cannot be used on `day` (expired, or not that much
// left), naming the lot; nullopt when it can.
std::optional<std::string> lot_problem(const Lot& lot, const std::string& product_name, Date day,
                                       Microlitres volume);

}  // namespace anagen::domain
