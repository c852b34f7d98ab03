#include "domain/schedule.h"

#include <gtest/gtest.h>

#include "domain/booking.h"

namespace anagen::domain {
namespace {

Date d(const char* s) { return *parse_date(s); }
const date::time_zone* madrid() { return find_zone("Europe/Madrid"); }

// Mon-Fri 09:00-17:00 in Madrid.
Availability weekdays_9_to_5() {
  Availability a;
  a.zone = madrid();
  for (int wd = 1; wd <= 5; ++wd) a.hours.push_back({wd, 9 * 60, 17 * 60});
  return a;
}

SlotRequest request(const char* earliest, const char* target, const char* latest) {
  SlotRequest r;
  r.earliest = d(earliest);
  r.target = d(target);
  r.latest = d(latest);
  r.duration_min = 20;
  r.step_min = 10;
  return r;
}

std::string local(const std::variant<Slot, std::string>& r) {
  if (auto* s = std::get_if<Slot>(&r)) return format_instant(s->start, madrid());
  return "none: " + std::get<std::string>(r);
}

// Fills every slot of a day.
void fill_day(Availability& a, const char* day) {
  a.add_busy({local_to_instant(d(day), 9 * 60, madrid()),
              local_to_instant(d(day), 17 * 60, madrid()), "x"});
}

TEST(FindSlot, Table) {
  struct Case {
    const char* name;
    std::function<void(Availability&, SlotRequest&, Preferences&)> setup;
    std::string want;  // local start, or a fragment of the reason
  };
  const Case cases[] = {
      {"target day, earliest time", [](auto&, auto&, auto&) {}, "2026-03-04T09:00:00+01:00"},
      {"keeps the time of day", [](auto&, auto& r, auto&) { r.keep_minute = 15 * 60 + 30; },
       "2026-03-04T15:30:00+01:00"},
      {"closest free time to the kept one",
       [](auto& a, auto& r, auto&) {
         r.keep_minute = 10 * 60;
         a.add_busy({local_to_instant(d("2026-03-04"), 10 * 60, madrid()),
                     local_to_instant(d("2026-03-04"), 10 * 60 + 20, madrid()), "b"});
       },
       "2026-03-04T10:20:00+01:00"},
      {"full target day: the day after before the day before",
       [](auto& a, auto&, auto&) { fill_day(a, "2026-03-04"); }, "2026-03-05T09:00:00+01:00"},
      {"practitioner off on the target day",
       [](auto& a, auto&, auto&) {
         a.off.push_back({d("2026-03-04"), d("2026-03-05"), "leave", false});
       },
       "2026-03-03T09:00:00+01:00"},
      {"patient's weekdays", [](auto&, auto&, auto& p) { p.weekdays = {2}; },
       "2026-03-03T09:00:00+01:00"},
      {"patient's time range", [](auto&, auto&, auto& p) { p.from_min = 16 * 60 + 30; },
       "2026-03-04T16:30:00+01:00"},
      {"range too late for the session", [](auto&, auto&, auto& p) { p.from_min = 16 * 60 + 50; },
       "no working time within the patient's hours"},
      {"working blocks shorter than the session",
       [](auto& a, auto&, auto&) {
         for (auto& h : a.hours) h.end_min = h.start_min + 10;
       },
       "no working block long enough for the session"},
      {"clinic holiday all window",
       [](auto& a, auto&, auto&) {
         a.off.push_back({d("2026-03-01"), d("2026-03-31"), "closed", true});
       },
       "clinic closed (closed)"},
      {"nothing in the past",
       [](auto&, auto& r, auto&) {
         r.not_before = local_to_instant(d("2026-03-04"), 12 * 60, madrid());
       },
       "2026-03-04T12:00:00+01:00"},
  };
  for (const auto& c : cases) {
    Availability a = weekdays_9_to_5();
    SlotRequest r = request("2026-03-03", "2026-03-04", "2026-03-05");
    Preferences p;
    c.setup(a, r, p);
    std::string got = local(find_slot(r, a, p));
    EXPECT_NE(got.find(c.want), std::string::npos) << c.name << ": " << got;
  }
}

TEST(FindSlot, ReasonsNameEveryDay) {
  Availability a = weekdays_9_to_5();
  fill_day(a, "2026-03-06");
  a.off.push_back({d("2026-03-09"), d("2026-03-10"), "course", false});
  auto r = find_slot(request("2026-03-06", "2026-03-08", "2026-03-10"), a, {});
  ASSERT_TRUE(std::holds_alternative<std::string>(r));
  auto why = std::get<std::string>(r);
  EXPECT_EQ(
      why.find("No free slot between 6 Mar 2026 and 10 Mar 2026: 6 Mar 2026 (Fri) fully booked; "
               "7 Mar 2026 (Sat) not a working day"),
      0u)
      << why;  // In date order, read as a person writes dates.
  EXPECT_NE(why.find("; 9 Mar 2026 (Mon) practitioner off (course); 10 Mar 2026 (Tue) practitioner "
                     "off (course)"),
            std::string::npos)
      << why;
}

TEST(FindSlot, DstWeekKeepsLocalTime) {
  // Europe/Madrid springs forward on Sunday 2026-03-29 and falls back on 2026-10-25.
  Availability a = weekdays_9_to_5();
  SlotRequest r = request("2026-03-30", "2026-03-30", "2026-03-30");
  r.keep_minute = 10 * 60;
  auto s = std::get<Slot>(find_slot(r, a, {}));
  EXPECT_EQ(format_instant(s.start, nullptr), "2026-03-30T08:00:00Z");
  r = request("2026-03-27", "2026-03-27", "2026-03-27");
  r.keep_minute = 10 * 60;
  EXPECT_EQ(format_instant(std::get<Slot>(find_slot(r, a, {})).start, nullptr),
            "2026-03-27T09:00:00Z");
  r = request("2026-10-26", "2026-10-26", "2026-10-26");
  r.keep_minute = 10 * 60;
  EXPECT_EQ(format_instant(std::get<Slot>(find_slot(r, a, {})).start, nullptr),
            "2026-10-26T09:00:00Z");
}

TEST(FindSlot, MonthEndsAndLeapDay) {
  Availability a;
  a.zone = madrid();
  for (int wd = 1; wd <= 7; ++wd) a.hours.push_back({wd, 9 * 60, 12 * 60});
  auto s = std::get<Slot>(find_slot(request("2028-02-28", "2028-02-29", "2028-03-01"), a, {}));
  EXPECT_EQ(format_date(s.day), "2028-02-29");
  fill_day(a, "2028-02-29");
  a.busy.clear();
  a.add_busy({local_to_instant(d("2028-02-29"), 9 * 60, madrid()),
              local_to_instant(d("2028-02-29"), 12 * 60, madrid()), "x"});
  s = std::get<Slot>(find_slot(request("2028-02-28", "2028-02-29", "2028-03-01"), a, {}));
  EXPECT_EQ(format_date(s.day), "2028-03-01");
  s = std::get<Slot>(find_slot(request("2026-01-30", "2026-01-31", "2026-02-01"), a, {}));
  EXPECT_EQ(format_date(s.day), "2026-01-31");
}

TEST(CheckSlot, HoursOffAndOverlaps) {
  Availability a = weekdays_9_to_5();
  auto at = [](const char* day, int h, int m) {
    return local_to_instant(d(day), h * 60 + m, madrid());
  };
  EXPECT_FALSE(check_slot(at("2026-03-04", 9, 0), 20, a));
  EXPECT_TRUE(check_slot(at("2026-03-04", 16, 50), 20, a));  // ends after 17:00
  EXPECT_TRUE(check_slot(at("2026-03-07", 10, 0), 20, a));   // Saturday
  a.add_busy({at("2026-03-04", 10, 0), at("2026-03-04", 10, 20), "other"});
  EXPECT_TRUE(check_slot(at("2026-03-04", 10, 10), 20, a));
  EXPECT_FALSE(check_slot(at("2026-03-04", 10, 20), 20, a));  // back to back is fine
  EXPECT_FALSE(check_slot(at("2026-03-04", 10, 10), 20, a, {"other"}));
  a.off.push_back({d("2026-03-04"), d("2026-03-04"), "", true});
  EXPECT_NE(check_slot(at("2026-03-04", 12, 0), 20, a)->find("clinic is closed"),
            std::string::npos);
}

TEST(BookSessions, KeepsTimeAcrossTheCourseAndReportsFailures) {
  Availability a = weekdays_9_to_5();
  std::vector<PlannedSession> sessions;
  for (int i = 0; i < 4; ++i) {
    Date t = add_days(d("2026-03-02"), 7 * i);
    sessions.push_back({i + 1, "weekly", t, add_days(t, -1), add_days(t, 1)});
  }
  sessions[1].status = SessionStatus::kDone;  // not booked again
  a.off.push_back(
      {add_days(sessions[3].target, -1), add_days(sessions[3].target, 1), "leave", false});
  Preferences p;
  p.from_min = 11 * 60;
  auto out = book_sessions(sessions, 20, a, p, std::nullopt, Instant{}, d("2026-03-01"), 10);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(format_instant(out[0].slot->start, madrid()), "2026-03-02T11:00:00+01:00");
  EXPECT_EQ(out[1].session_number, 3);
  EXPECT_EQ(format_instant(out[1].slot->start, madrid()), "2026-03-16T11:00:00+01:00");
  EXPECT_FALSE(out[2].slot);
  EXPECT_NE(out[2].reason.find("practitioner off"), std::string::npos);
  EXPECT_EQ(a.busy.size(), 2u);  // booked slots are busy for what follows
}

TEST(BookSessions, WindowAlreadyOver) {
  Availability a = weekdays_9_to_5();
  std::vector<PlannedSession> s = {
      {1, "weekly", d("2026-03-02"), d("2026-03-01"), d("2026-03-03")}};
  auto out = book_sessions(s, 20, a, {}, std::nullopt, Instant{}, d("2026-03-04"), 10);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(out[0].reason.find("window ended on 3 Mar 2026"), std::string::npos);
}

}  // namespace
}  // namespace anagen::domain
