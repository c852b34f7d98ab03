#include "domain/product.h"

#include <cmath>
#include <cstdio>

namespace anagen::domain {

Microlitres to_ul(double ml) { return static_cast<Microlitres>(std::llround(ml * 1000.0)); }
double to_ml(Microlitres ul) { return static_cast<double>(ul) / 1000.0; }

std::string lot_key(std::string_view lot_number) {
  std::string key;
  for (char c : lot_number) {
    if (c == ' ' || c == '-' || c == '.' || c == '/') continue;
    key += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return key;
}

std::optional<std::string> lot_problem(const Lot& lot, const std::string& product_name, Date day,
                                       Microlitres volume) {
  std::string name = "Lot " + lot.lot_number + " of " + product_name;
  if (date::sys_days(day) > date::sys_days(lot.expires_on)) {
    return name + " expired on " + human_date(lot.expires_on) + ".";
  }
  if (lot.recalled_by_day(day)) {
    return name + " was recalled on " + human_date(*lot.recalled_on) +
           (lot.recall_reason ? " (" + *lot.recall_reason + ")" : std::string()) +
           ": it is not used any more.";
  }
  if (lot.remaining < volume) {
    char buf[96];
    std::snprintf(buf, sizeof buf, " has only %.3g mL left (%.3g mL asked).", to_ml(lot.remaining),
                  to_ml(volume));
    return name + (lot.remaining == 0 ? " is used up." : std::string(buf));
  }
  return std::nullopt;
}

}  // namespace anagen::domain
