// Reads an iCalendar document on stdin, parses it with libical and prints a
// JSON summary for the end-to-end tests: whether it parsed and passed
// libical's RFC 5545 restriction checks, the time zones, events and to-dos.
#include <libical/ical.h>

#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

using Json = nlohmann::json;

namespace {

std::string utc(icalproperty* p, icalcomponent* cal) {
  if (!p) return "";
  icaltimetype t = icalvalue_get_datetime(icalproperty_get_value(p));
  icalparameter* tzp = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
  if (tzp) {
    icaltimezone* tz = icalcomponent_get_timezone(cal, icalparameter_get_tzid(tzp));
    if (!tz) return "UNKNOWN-TZID";
    t = icaltime_convert_to_zone(icaltime_set_timezone(&t, tz), icaltimezone_get_utc_timezone());
  }
  if (t.is_date) return icaltime_as_ical_string(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", t.year, t.month, t.day, t.hour,
                t.minute, t.second);
  return buf;
}

}  // namespace

int main() {
  std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  icalcomponent* cal = icalparser_parse_string(text.c_str());
  Json out = {{"parsed", cal != nullptr}};
  if (!cal) {
    std::cout << out.dump() << "\n";
    return 1;
  }
  out["valid"] = icalrestriction_check(cal) == 1;
  Json errors = Json::array();
  for (icalcomponent* c = icalcomponent_get_first_component(cal, ICAL_ANY_COMPONENT); c;
       c = icalcomponent_get_next_component(cal, ICAL_ANY_COMPONENT)) {
    for (icalproperty* p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
      errors.push_back(icalproperty_get_xlicerror(p));
    }
  }
  out["errors"] = errors;
  Json tzs = Json::array(), events = Json::array(), todos = Json::array();
  for (icalcomponent* c = icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT); c;
       c = icalcomponent_get_next_component(cal, ICAL_VTIMEZONE_COMPONENT)) {
    icalproperty* id = icalcomponent_get_first_property(c, ICAL_TZID_PROPERTY);
    tzs.push_back(id ? icalproperty_get_tzid(id) : "");
  }
  for (icalcomponent* c = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); c;
       c = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
    icalproperty* st = icalcomponent_get_first_property(c, ICAL_STATUS_PROPERTY);
    icalproperty* seq = icalcomponent_get_first_property(c, ICAL_SEQUENCE_PROPERTY);
    events.push_back(
        {{"uid", icalcomponent_get_uid(c) ? icalcomponent_get_uid(c) : ""},
         {"summary", icalcomponent_get_summary(c) ? icalcomponent_get_summary(c) : ""},
         {"start", utc(icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY), cal)},
         {"end", utc(icalcomponent_get_first_property(c, ICAL_DTEND_PROPERTY), cal)},
         {"sequence", seq ? icalproperty_get_sequence(seq) : -1},
         {"status", st ? icalproperty_status_to_string(icalproperty_get_status(st)) : ""}});
  }
  for (icalcomponent* c = icalcomponent_get_first_component(cal, ICAL_VTODO_COMPONENT); c;
       c = icalcomponent_get_next_component(cal, ICAL_VTODO_COMPONENT)) {
    icalproperty* rr = icalcomponent_get_first_property(c, ICAL_RRULE_PROPERTY);
    icalrecurrencetype rule;
    if (rr) rule = icalproperty_get_rrule(rr);
    todos.push_back(
        {{"uid", icalcomponent_get_uid(c) ? icalcomponent_get_uid(c) : ""},
         {"summary", icalcomponent_get_summary(c) ? icalcomponent_get_summary(c) : ""},
         {"start", utc(icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY), cal)},
         {"rrule", rr ? icalrecurrencetype_as_string(&rule) : ""}});
  }
  out["timezones"] = tzs;
  out["events"] = events;
  out["todos"] = todos;
  icalcomponent_free(cal);
  std::cout << out.dump() << "\n";
  return 0;
}
