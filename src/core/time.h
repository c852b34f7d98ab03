// Calendar dates, instants and clinic time zones (Howard Hinnant's date/tz on
// the system tz database). Dates are clinic-local calendar days; instants are
// UTC and shown with the clinic zone's offset.
#pragma once

#include <date/date.h>
#include <date/tz.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace anagen {

using Date = date::year_month_day;

// Parses a strict ISO 8601 calendar date "YYYY-MM-DD"; nullopt if malformed
// or not a real day (2026-02-30).
std::optional<Date> parse_date(std::string_view s);
std::string format_date(Date d);
// "2 Nov 2026", as the web app shows a day: for messages people read.
std::string human_date(Date d);

// Parses an ISO 8601 instant with an offset or Z ("2026-03-02T09:20:00+01:00",
// fractional seconds allowed). Without an offset the text is read as local
// time in `zone` when given (DST-ambiguous or skipped times yield nullopt).
std::optional<Instant> parse_instant(std::string_view s, const date::time_zone* zone = nullptr);
// "2026-03-02T09:20:00+01:00" in `zone` ("Z" suffix when zone is null).
std::string format_instant(Instant t, const date::time_zone* zone);

// The IANA zone of that name, or nullptr when the tz database lacks it.
const date::time_zone* find_zone(std::string_view name);

// The clinic-local calendar day of an instant.
Date local_date(Instant t, const date::time_zone* zone);

// Whole days from a to b (b - a).
int days_between(Date a, Date b);
Date add_days(Date d, int n);
// Adds calendar months, clamping to the month's last day (Jan 31 + 1 = Feb 28/29).
Date add_months(Date d, int months);

// Parses "HH:MM" (00:00-24:00) to minutes since midnight; nullopt if malformed.
std::optional<int> parse_hhmm(std::string_view s);
std::string format_hhmm(int minutes);

// ISO weekday, Monday = 1 .. Sunday = 7.
int iso_weekday(Date d);

// The UTC instant of clinic-local `d` at `minutes` past midnight. A time that
// a DST change skips is moved forward by the gap; an ambiguous one takes the
// earlier instant.
Instant local_to_instant(Date d, int minutes, const date::time_zone* zone);

}  // namespace anagen
