#include "domain/schedule.h"

#include <algorithm>
#include <map>
#include <utility>

namespace anagen::domain {

std::string off_reason(const TimeOff& off) {
  std::string why = off.clinic_wide ? "Clinic closed" : "Practitioner away";
  return off.reason.empty() ? why : why + ": " + off.reason;
}

namespace {

const char* kWeekdayNames[] = {"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

const TimeOff* off_on(const Availability& a, Date d) {
  for (const auto& o : a.off) {
    if (date::sys_days(d) >= date::sys_days(o.from) && date::sys_days(d) <= date::sys_days(o.to)) {
      return &o;
    }
  }
  return nullptr;
}

bool overlaps_busy(const Availability& a, Instant start, Instant end,
                   const std::vector<std::string>& ignore) {
  // busy is sorted by start; appointments last less than a day, so only
  // those starting in [start - 1 day, end) can overlap.
  auto by_start = [](const Busy& b, Instant t) { return b.start < t; };
  auto it = std::lower_bound(a.busy.begin(), a.busy.end(), end, by_start);
  auto from = std::lower_bound(a.busy.begin(), it, start - std::chrono::hours(24), by_start);
  for (auto i = from; i != it; ++i) {
    if (i->end > start &&
        std::find(ignore.begin(), ignore.end(), i->appointment_id) == ignore.end()) {
      return true;
    }
  }
  return false;
}

// Candidate days, closest to the target first (later before earlier on ties).
std::vector<Date> days_by_closeness(const SlotRequest& r) {
  std::vector<Date> days;
  for (auto d = date::sys_days(r.earliest); d <= date::sys_days(r.latest); d += date::days(1)) {
    days.emplace_back(d);
  }
  auto t = date::sys_days(r.target);
  std::stable_sort(days.begin(), days.end(), [&](Date a, Date b) {
    auto da = (date::sys_days(a) - t).count(), db = (date::sys_days(b) - t).count();
    if (std::abs(da) != std::abs(db)) return std::abs(da) < std::abs(db);
    return da > db;
  });
  return days;
}

// Start minutes on one day, best first, within hours and preferences.
std::vector<int> candidate_minutes(const SlotRequest& r, const Availability& a,
                                   const Preferences& p, int weekday) {
  std::vector<int> out;
  for (const auto& h : a.hours) {
    if (h.weekday != weekday) continue;
    int lo = std::max(h.start_min, p.from_min.value_or(0));
    int hi = std::min(h.end_min, p.to_min.value_or(24 * 60));
    // Starts aligned to the step from the start of the working interval.
    int first =
        h.start_min + ((std::max(0, lo - h.start_min) + r.step_min - 1) / r.step_min) * r.step_min;
    for (int m = first; m + r.duration_min <= hi; m += r.step_min) out.push_back(m);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  if (r.keep_minute) {
    int k = *r.keep_minute;
    // Closest first; on a tie the later one, as for days.
    std::stable_sort(out.begin(), out.end(), [k](int x, int y) {
      if (std::abs(x - k) != std::abs(y - k)) return std::abs(x - k) < std::abs(y - k);
      return x > y;
    });
  }
  return out;
}

}  // namespace

void Availability::add_busy(Busy b) {
  auto it = std::upper_bound(busy.begin(), busy.end(), b.start,
                             [](Instant t, const Busy& x) { return t < x.start; });
  busy.insert(it, std::move(b));
}

std::pair<Date, int> local_day_minute(Instant t, const date::time_zone* zone) {
  auto secs = std::chrono::floor<std::chrono::seconds>(t);
  auto local = zone ? secs + zone->get_info(secs).offset : secs;
  auto day = std::chrono::floor<date::days>(local);
  int minute =
      static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(local - day).count());
  return {Date{day}, minute};
}

std::variant<Slot, std::string> find_slot(const SlotRequest& r, const Availability& a,
                                          const Preferences& p) {
  std::map<Date, std::string> why;  // Why each day has no slot, in date order.
  for (Date day : days_by_closeness(r)) {
    int wd = iso_weekday(day);
    std::string label = human_date(day) + " (" + kWeekdayNames[wd] + ")";
    if (!p.weekdays.empty() &&
        std::find(p.weekdays.begin(), p.weekdays.end(), wd) == p.weekdays.end()) {
      why.emplace(day, label + " not among the patient's weekdays");
      continue;
    }
    if (const TimeOff* o = off_on(a, day)) {
      why.emplace(day, label + (o->clinic_wide ? " clinic closed" : " practitioner off") +
                           (o->reason.empty() ? "" : " (" + o->reason + ")"));
      continue;
    }
    auto minutes = candidate_minutes(r, a, p, wd);
    if (minutes.empty()) {
      bool works = std::any_of(a.hours.begin(), a.hours.end(),
                               [wd](const WorkingHours& h) { return h.weekday == wd; });
      // Working, but no block fits the session: in the patient's hours if
      // they gave some, else at all (a block shorter than the session).
      const bool hours = p.from_min || p.to_min;
      why.emplace(day, label + (!works  ? " not a working day"
                                : hours ? " no working time within the patient's hours"
                                        : " no working block long enough for the session"));
      continue;
    }
    bool past = true;
    for (int m : minutes) {
      Instant start = local_to_instant(day, m, a.zone);
      if (start < r.not_before) continue;
      past = false;
      Instant end = start + std::chrono::minutes(r.duration_min);
      if (!overlaps_busy(a, start, end, {})) return Slot{start, end, day, m};
    }
    why.emplace(day, label + (past ? " already past" : " fully booked"));
  }
  std::string reason =
      "No free slot between " + human_date(r.earliest) + " and " + human_date(r.latest) + ":";
  const char* sep = " ";
  for (const auto& [day, text] : why) reason += std::exchange(sep, "; ") + text;
  return reason;
}

bool within_hours(const std::vector<WorkingHours>& hours, Date day, int start_min, int end_min) {
  int wd = iso_weekday(day);
  return std::any_of(hours.begin(), hours.end(), [&](const WorkingHours& h) {
    return h.weekday == wd && h.start_min <= start_min && end_min <= h.end_min;
  });
}

std::optional<std::string> check_slot(Instant start, int duration_min, const Availability& a,
                                      const std::vector<std::string>& ignore) {
  auto [day, minute] = local_day_minute(start, a.zone);
  Instant end = start + std::chrono::minutes(duration_min);
  auto [end_day, end_minute] = local_day_minute(end, a.zone);
  if (end_day != day) end_minute += 24 * 60;
  if (const TimeOff* o = off_on(a, day)) {
    return human_date(day) +
           (o->clinic_wide ? " the clinic is closed" : " the practitioner is off") +
           (o->reason.empty() ? "" : " (" + o->reason + ")");
  }
  if (!within_hours(a.hours, day, minute, end_minute)) {
    return human_date(day) + " " + format_hhmm(minute) + "-" + format_hhmm(end_minute % (24 * 60)) +
           " is outside the practitioner's working hours";
  }
  if (overlaps_busy(a, start, end, ignore)) {
    return human_date(day) + " " + format_hhmm(minute) +
           " overlaps another appointment of the practitioner or the patient";
  }
  return std::nullopt;
}

}  // namespace anagen::domain

namespace anagen::domain {

std::vector<WorkingHours> read_working_hours(const Json& arr, const std::string& field,
                                             JsonReader& r) {
  std::vector<WorkingHours> out;
  for (size_t i = 0; i < arr.size(); ++i) {
    std::string at = field + "[" + std::to_string(i) + "]";
    if (!arr[i].is_object()) {
      r.fail(at,
             "must be an object like {\"weekday\": 1, \"start\": \"09:00\", \"end\": \"17:00\"}");
      continue;
    }
    JsonReader hr(arr[i], at + ".");
    auto wd = hr.integer("weekday", Need::kRequired, 1, 7);
    auto start = hr.hhmm("start", Need::kRequired);
    auto end = hr.hhmm("end", Need::kRequired);
    hr.reject_unknown();
    if (start && end && *start >= *end) hr.fail("end", "must be after start");
    r.merge(hr);
    if (wd && start && end && *start < *end) {
      out.push_back({static_cast<int>(*wd), *start, *end});
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.weekday, a.start_min) < std::tie(b.weekday, b.start_min);
  });
  for (size_t i = 1; i < out.size(); ++i) {
    if (out[i].weekday == out[i - 1].weekday && out[i].start_min < out[i - 1].end_min) {
      r.fail(field, "has overlapping hours on weekday " + std::to_string(out[i].weekday));
    }
  }
  return out;
}

}  // namespace anagen::domain
