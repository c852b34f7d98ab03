#include "interop/ical.h"

#include <libical/ical.h>

#include <memory>

namespace anagen::interop {
namespace {

icaltimetype utc_time(Instant t) {
  return icaltime_from_timet_with_zone(
      std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count(), 0,
      icaltimezone_get_utc_timezone());
}

// A floating wall-clock time (the TZID parameter says which zone).
icaltimetype wall_time(date::local_seconds local) {
  auto day = std::chrono::floor<date::days>(local);
  date::year_month_day ymd{day};
  date::hh_mm_ss hms{local - day};
  icaltimetype it = icaltime_null_time();
  it.year = static_cast<int>(ymd.year());
  it.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  it.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  it.hour = static_cast<int>(hms.hours().count());
  it.minute = static_cast<int>(hms.minutes().count());
  it.second = static_cast<int>(hms.seconds().count());
  return it;
}

// The local time of t in `zone`, or t in UTC without a zone.
icaltimetype zone_time(Instant t, const date::time_zone* zone) {
  if (!zone) return utc_time(t);
  auto secs = std::chrono::floor<std::chrono::seconds>(t);
  return wall_time(date::local_seconds((secs + zone->get_info(secs).offset).time_since_epoch()));
}

icalproperty* with_tzid(icalproperty* p, const date::time_zone* zone) {
  if (zone)
    icalproperty_add_parameter(p, icalparameter_new_tzid(std::string(zone->name()).c_str()));
  return p;
}

// One observance: the offset `info` brings, starting at info.begin.
icalcomponent* observance(const date::sys_info& info, std::chrono::seconds from_offset) {
  icalcomponent* c = icalcomponent_new(
      info.save != std::chrono::minutes(0) ? ICAL_XDAYLIGHT_COMPONENT : ICAL_XSTANDARD_COMPONENT);
  // DTSTART is the wall time just before the change (in the old offset).
  icalcomponent_add_property(c, icalproperty_new_dtstart(wall_time(date::local_seconds(
                                    (info.begin + from_offset).time_since_epoch()))));
  icalcomponent_add_property(c,
                             icalproperty_new_tzoffsetfrom(static_cast<int>(from_offset.count())));
  icalcomponent_add_property(c, icalproperty_new_tzoffsetto(static_cast<int>(info.offset.count())));
  icalcomponent_add_property(c, icalproperty_new_tzname(info.abbrev.c_str()));
  return c;
}

// The zone's VTIMEZONE over [from, to], from the same tz database the server
// schedules with (so the feed and the server agree on every offset).
icalcomponent* vtimezone(const date::time_zone* zone, Instant from, Instant to) {
  icalcomponent* vtz = icalcomponent_new(ICAL_VTIMEZONE_COMPONENT);
  icalcomponent_add_property(vtz, icalproperty_new_tzid(std::string(zone->name()).c_str()));
  auto t = std::chrono::floor<std::chrono::seconds>(from);
  auto info = zone->get_info(t);
  auto before = zone->get_info(info.begin - std::chrono::seconds(1));
  icalcomponent_add_component(vtz, observance(info, before.offset));
  while (info.end <= std::chrono::floor<std::chrono::seconds>(to)) {
    auto next = zone->get_info(info.end);
    icalcomponent_add_component(vtz, observance(next, info.offset));
    info = next;
  }
  return vtz;
}

icalcomponent* event_component(const CalEvent& e, const date::time_zone* zone, Instant now) {
  icalcomponent* ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
  icalcomponent_add_property(ev, icalproperty_new_uid(e.uid.c_str()));
  icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc_time(now)));
  icalcomponent_add_property(ev,
                             with_tzid(icalproperty_new_dtstart(zone_time(e.start, zone)), zone));
  icalcomponent_add_property(ev, with_tzid(icalproperty_new_dtend(zone_time(e.end, zone)), zone));
  icalcomponent_add_property(ev, icalproperty_new_summary(e.summary.c_str()));
  if (!e.description.empty()) {
    icalcomponent_add_property(ev, icalproperty_new_description(e.description.c_str()));
  }
  if (!e.location.empty())
    icalcomponent_add_property(ev, icalproperty_new_location(e.location.c_str()));
  icalcomponent_add_property(ev, icalproperty_new_sequence(e.sequence));
  icalcomponent_add_property(ev, icalproperty_new_lastmodified(utc_time(e.last_modified)));
  icalcomponent_add_property(
      ev, icalproperty_new_status(e.cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
  return ev;
}

icaltimetype ical_date(Date d) {
  icaltimetype day = icaltime_null_date();
  day.year = static_cast<int>(d.year());
  day.month = static_cast<int>(static_cast<unsigned>(d.month()));
  day.day = static_cast<int>(static_cast<unsigned>(d.day()));
  return day;
}

icalcomponent* todo_component(const CalTodo& t, Instant now) {
  icalcomponent* td = icalcomponent_new(ICAL_VTODO_COMPONENT);
  icalcomponent_add_property(td, icalproperty_new_uid(t.uid.c_str()));
  icalcomponent_add_property(td, icalproperty_new_dtstamp(utc_time(now)));
  const icaltimetype day = ical_date(t.start);
  icalcomponent_add_property(td, icalproperty_new_dtstart(day));
  icalcomponent_add_property(td, icalproperty_new_due(day));
  icalrecurrencetype rule = icalrecurrencetype_from_string(t.rrule.c_str());
  if (t.until) rule.until = ical_date(*t.until);
  icalcomponent_add_property(td, icalproperty_new_rrule(rule));
  icalcomponent_add_property(td, icalproperty_new_summary(t.summary.c_str()));
  if (!t.description.empty()) {
    icalcomponent_add_property(td, icalproperty_new_description(t.description.c_str()));
  }
  icalcomponent_add_property(td, icalproperty_new_lastmodified(utc_time(t.last_modified)));
  return td;
}

}  // namespace

std::string calendar_ics(const std::string& name, const std::string& tzid,
                         const std::vector<CalEvent>& events, const std::vector<CalTodo>& todos,
                         Instant now) {
  const date::time_zone* zone = find_zone(tzid);
  if (zone && (zone->name() == "UTC" || zone->name() == "Etc/UTC")) zone = nullptr;
  icalcomponent* cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
  icalcomponent_add_property(cal, icalproperty_new_prodid("-//anagen//anagen 1//EN"));
  icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
  icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
  icalproperty* calname = icalproperty_new_x(name.c_str());
  icalproperty_set_x_name(calname, "X-WR-CALNAME");
  icalcomponent_add_property(cal, calname);
  if (zone) {
    icalproperty* wrtz = icalproperty_new_x(std::string(zone->name()).c_str());
    icalproperty_set_x_name(wrtz, "X-WR-TIMEZONE");
    icalcomponent_add_property(cal, wrtz);
    // Cover every event, with a margin.
    Instant lo = now, hi = now;
    for (const auto& e : events) {
      lo = std::min(lo, e.start);
      hi = std::max(hi, e.end);
    }
    icalcomponent_add_component(
        cal, vtimezone(zone, lo - std::chrono::days(1), hi + std::chrono::days(1)));
  }
  for (const auto& e : events) icalcomponent_add_component(cal, event_component(e, zone, now));
  for (const auto& t : todos) icalcomponent_add_component(cal, todo_component(t, now));
  char* text = icalcomponent_as_ical_string_r(cal);
  std::string out = text ? text : "";
  free(text);
  icalcomponent_free(cal);
  return out;
}

}  // namespace anagen::interop
