#include "core/time.h"

#include <charconv>
#include <cstdio>

namespace anagen {
namespace {

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

}  // namespace

std::optional<Date> parse_date(std::string_view s) {
  int y, m, d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!digits(s, 0, 4, y) || !digits(s, 5, 2, m) || !digits(s, 8, 2, d)) return std::nullopt;
  Date ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
           date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

std::string format_date(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

std::string human_date(Date d) {
  static const char* const months[] = {"Jan", "Feb", "Mar",  "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"};
  return std::to_string(static_cast<unsigned>(d.day())) + " " +
         months[static_cast<unsigned>(d.month()) - 1] + " " +
         std::to_string(static_cast<int>(d.year()));
}

std::optional<Instant> parse_instant(std::string_view s, const date::time_zone* zone) {
  // YYYY-MM-DDTHH:MM[:SS[.fff]](Z|+HH:MM|-HH:MM)?
  if (s.size() < 16 || (s[10] != 'T' && s[10] != ' ')) return std::nullopt;
  auto day = parse_date(s.substr(0, 10));
  int hh, mm, ss = 0, ms = 0;
  if (!day || !digits(s, 11, 2, hh) || s[13] != ':' || !digits(s, 14, 2, mm)) return std::nullopt;
  size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!digits(s, pos + 1, 2, ss)) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      size_t start = ++pos;
      int scale = 100;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        ms += (s[pos] - '0') * scale;
        scale /= 10;
        ++pos;
      }
      if (pos == start) return std::nullopt;
    }
  }
  if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
  auto local = date::sys_days(*day) + std::chrono::hours(hh) + std::chrono::minutes(mm) +
               std::chrono::seconds(ss) + std::chrono::milliseconds(ms);
  if (pos == s.size()) {
    if (!zone) return std::nullopt;
    try {
      auto lt = date::local_time<std::chrono::milliseconds>(local.time_since_epoch());
      // A wall-clock time the clocks skip (02:30 on a spring-forward night)
      // is no time at all, and one they pass twice is two: refused rather
      // than moved to 03:00 or guessed.
      if (zone->get_info(lt).result != date::local_info::unique) return std::nullopt;
      return date::make_zoned(zone, lt).get_sys_time();
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
  if (s[pos] == 'Z' && pos + 1 == s.size()) return Instant(local);
  int oh, om;
  if ((s[pos] != '+' && s[pos] != '-') || pos + 6 != s.size() || !digits(s, pos + 1, 2, oh) ||
      s[pos + 3] != ':' || !digits(s, pos + 4, 2, om) || oh > 23 || om > 59)
    return std::nullopt;
  auto offset = std::chrono::hours(oh) + std::chrono::minutes(om);
  return Instant(s[pos] == '+' ? local - offset : local + offset);
}

std::string format_instant(Instant t, const date::time_zone* zone) {
  auto secs = std::chrono::floor<std::chrono::seconds>(t);
  if (!zone) return date::format("%FT%TZ", secs);
  auto info = zone->get_info(secs);
  auto local = secs + info.offset;
  auto off = std::chrono::duration_cast<std::chrono::minutes>(info.offset).count();
  char sign = off < 0 ? '-' : '+';
  if (off < 0) off = -off;
  char tail[24];
  std::snprintf(tail, sizeof tail, "%c%02lld:%02lld", sign, static_cast<long long>(off / 60),
                static_cast<long long>(off % 60));
  return date::format("%FT%T", local) + tail;
}

const date::time_zone* find_zone(std::string_view name) {
  if (name.empty()) return nullptr;
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

Date local_date(Instant t, const date::time_zone* zone) {
  auto secs = std::chrono::floor<std::chrono::seconds>(t);
  auto local = zone ? secs + zone->get_info(secs).offset : secs;
  return Date{std::chrono::floor<date::days>(local)};
}

int days_between(Date a, Date b) {
  return static_cast<int>((date::sys_days(b) - date::sys_days(a)).count());
}

Date add_days(Date d, int n) { return Date{date::sys_days(d) + date::days(n)}; }

Date add_months(Date d, int months) {
  auto ym = date::year_month(d.year(), d.month()) + date::months(months);
  auto last = date::year_month_day_last(ym.year(), date::month_day_last(ym.month())).day();
  return Date{ym.year(), ym.month(), d.day() > last ? last : d.day()};
}

std::optional<int> parse_hhmm(std::string_view s) {
  int h, m;
  if (s.size() != 5 || s[2] != ':' || !digits(s, 0, 2, h) || !digits(s, 3, 2, m)) {
    return std::nullopt;
  }
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::string format_hhmm(int minutes) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

int iso_weekday(Date d) { return static_cast<int>(date::weekday(d).iso_encoding()); }

Instant local_to_instant(Date d, int minutes, const date::time_zone* zone) {
  auto local = date::local_days(d) + std::chrono::minutes(minutes);
  if (!zone) return Instant(date::sys_days(d) + std::chrono::minutes(minutes));
  auto info = zone->get_info(local);
  if (info.result == date::local_info::nonexistent) {
    // Skipped by a DST change: shift forward by the gap.
    auto gap = info.second.offset - info.first.offset;
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        date::sys_seconds((local + gap).time_since_epoch() - info.second.offset));
  }
  return std::chrono::time_point_cast<std::chrono::milliseconds>(
      date::sys_seconds(local.time_since_epoch() - info.first.offset));
}

}  // namespace anagen
