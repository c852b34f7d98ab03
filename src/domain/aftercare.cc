#include "domain/aftercare.h"

#include <charconv>

namespace anagen::domain {

AftercareDefaults clinic_aftercare(const Json& document) {
  if (document.is_object()) {
    auto parsed = parse_aftercare(document);
    if (parsed.ok()) return *parsed;
  }
  return default_aftercare();
}

AftercareDefaults default_aftercare() {
  return {
      {
          {"diet",
           "Eat a balanced diet with iron, antioxidants, folic acid and vitamins A, B, C "
           "and E (leafy greens, pulses, fish, eggs, nuts, citrus fruit)."},
          {"stress", "Reduce stress: regular sport, yoga, pilates or relaxation techniques."},
          {"hydration", "Drink water through the day so the scalp does not dry out."},
          {"hair_care", "Use a nourishing hair mask once a week."},
          {"hair_care", "Brush your hair often."},
          {"hair_care", "Avoid very hot water when washing your hair."},
          {"hair_care", "Limit hairdryers, straighteners and tongs."},
          {"hair_care", "Have your hair cut at least every 3 months."},
          {"after_session",
           "After a session some tenderness or mild redness is normal; if the "
           "area is inflamed, use the anti-inflammatory cream the clinic "
           "recommends and tell us at your next visit."},
      },
      {
          {"hair_mask", "Nourishing hair mask", "Apply a nourishing hair mask.",
           "FREQ=WEEKLY;INTERVAL=1"},
          {"haircut", "Haircut", "Have your hair cut (at least every 3 months).",
           "FREQ=MONTHLY;INTERVAL=3"},
          {"relaxation", "Exercise or relaxation", "Sport, yoga, pilates or a relaxation session.",
           "FREQ=WEEKLY;INTERVAL=1"},
          {"hydration", "Stay hydrated",
           "Drink water through the day so your scalp does not dry out.", "FREQ=WEEKLY;INTERVAL=1"},
      },
  };
}

Json aftercare_to_json(const AftercareDefaults& a) {
  Json recs = Json::array(), rems = Json::array();
  for (const auto& r : a.recommendations)
    recs.push_back({{"category", r.category}, {"text", r.text}});
  for (const auto& r : a.reminders) {
    rems.push_back(
        {{"code", r.code}, {"title", r.title}, {"description", r.description}, {"rrule", r.rrule}});
  }
  return {{"recommendations", recs}, {"reminders", rems}};
}

Result<AftercareDefaults> parse_aftercare(const Json& body) {
  JsonReader r(body);
  const Json* recs = r.array("recommendations", Need::kRequired, 50);
  const Json* rems = r.array("reminders", Need::kRequired, 20);
  r.reject_unknown();
  AftercareDefaults out;
  if (recs) {
    for (size_t i = 0; i < recs->size(); ++i) {
      std::string at = "recommendations[" + std::to_string(i) + "]";
      if (!(*recs)[i].is_object()) {
        r.fail(at, "must be an object {category, text}");
        continue;
      }
      JsonReader ir((*recs)[i], at + ".");
      auto category =
          ir.one_of("category", Need::kRequired,
                    {"diet", "stress", "hydration", "hair_care", "after_session", "other"});
      auto text = ir.text("text", Need::kRequired, 1000);
      ir.reject_unknown();
      r.merge(ir);
      if (category && text) out.recommendations.push_back({*category, *text});
    }
  }
  if (rems) {
    std::vector<std::string> codes;
    for (size_t i = 0; i < rems->size(); ++i) {
      std::string at = "reminders[" + std::to_string(i) + "]";
      if (!(*rems)[i].is_object()) {
        r.fail(at, "must be an object {code, title, description?, rrule}");
        continue;
      }
      JsonReader ir((*rems)[i], at + ".");
      auto code = ir.text("code", Need::kRequired, 40);
      auto title = ir.text("title", Need::kRequired, 120);
      auto description = ir.text("description", Need::kOptional, 500);
      auto rrule = ir.text("rrule", Need::kRequired, 60);
      ir.reject_unknown();
      if (rrule && !parse_rrule(*rrule)) {
        ir.fail("rrule",
                "must be FREQ=DAILY, WEEKLY or MONTHLY with INTERVAL=1..12, e.g. "
                "FREQ=WEEKLY;INTERVAL=1");
      }
      if (code && std::find(codes.begin(), codes.end(), *code) != codes.end()) {
        ir.fail("code", "is used twice");
      }
      r.merge(ir);
      if (code && title && rrule && parse_rrule(*rrule)) {
        codes.push_back(*code);
        out.reminders.push_back({*code, *title, description.value_or(""), *rrule});
      }
    }
  }
  if (!r.ok()) return r.error();
  return out;
}

std::optional<Recurrence> parse_rrule(std::string_view s) {
  Recurrence r{Recurrence::Freq::kWeekly, 1};
  bool freq = false;
  while (!s.empty()) {
    auto semi = s.find(';');
    auto part = s.substr(0, semi);
    s = semi == std::string_view::npos ? std::string_view() : s.substr(semi + 1);
    auto eq = part.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    auto key = part.substr(0, eq), value = part.substr(eq + 1);
    if (key == "FREQ") {
      freq = true;
      if (value == "DAILY")
        r.freq = Recurrence::Freq::kDaily;
      else if (value == "WEEKLY")
        r.freq = Recurrence::Freq::kWeekly;
      else if (value == "MONTHLY")
        r.freq = Recurrence::Freq::kMonthly;
      else
        return std::nullopt;
    } else if (key == "INTERVAL") {
      int n = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || p != value.data() + value.size() || n < 1 || n > 12)
        return std::nullopt;
      r.interval = n;
    } else {
      return std::nullopt;
    }
  }
  if (!freq) return std::nullopt;
  return r;
}

namespace {

Date occurrence(Date start, const Recurrence& r, int k) {
  switch (r.freq) {
    case Recurrence::Freq::kDaily:
      return add_days(start, k * r.interval);
    case Recurrence::Freq::kWeekly:
      return add_days(start, 7 * k * r.interval);
    case Recurrence::Freq::kMonthly:
      return add_months(start, k * r.interval);
  }
  return start;
}

}  // namespace

Date first_due(Date course_start, const Recurrence& r) { return occurrence(course_start, r, 1); }

Date next_due(Date start, const Recurrence& r, std::optional<Date> last_done, Date today) {
  // Once done, the rhythm restarts from that day.
  bool done = last_done.has_value();
  Date anchor = done ? *last_done : start;
  auto at = [&](int k) { return date::sys_days(occurrence(anchor, r, k)); };
  int first = done ? 1 : 0;
  if (at(first) > date::sys_days(today)) return occurrence(anchor, r, first);
  // Overdue: the latest occurrence by today. Occurrences are at most a few
  // intervals from an estimate by days; jump there, then step.
  int period = r.freq == Recurrence::Freq::kDaily    ? r.interval
               : r.freq == Recurrence::Freq::kWeekly ? 7 * r.interval
                                                     : 31 * r.interval;  // never past the answer
  int k = std::max(first, days_between(anchor, today) / period - 2);
  while (at(k + 1) <= date::sys_days(today)) ++k;
  return occurrence(anchor, r, k);
}

}  // namespace anagen::domain
