#include "core/time.h"

#include <gtest/gtest.h>

namespace anagen {
namespace {

TEST(ParseDate, AcceptsOnlyRealIsoDates) {
  struct Case {
    const char* text;
    bool ok;
  };
  for (auto c : {Case{"2026-03-02", true}, Case{"2024-02-29", true}, Case{"2026-02-29", false},
                 Case{"2026-13-01", false}, Case{"2026-3-2", false}, Case{"02/03/2026", false},
                 Case{"2026-03-02T10:00", false}, Case{"", false}, Case{"abcd-ef-gh", false}}) {
    EXPECT_EQ(parse_date(c.text).has_value(), c.ok) << c.text;
  }
  EXPECT_EQ(format_date(*parse_date("2024-02-29")), "2024-02-29");
}

TEST(ParseInstant, ReadsOffsetsAndZulu) {
  auto a = parse_instant("2026-03-02T09:20:00+01:00");
  auto b = parse_instant("2026-03-02T08:20:00Z");
  auto c = parse_instant("2026-03-02T08:20:00.500Z");
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(*a, *b);
  EXPECT_EQ((*c - *b).count(), 500);
  EXPECT_FALSE(parse_instant("2026-03-02T09:20:00"));  // no offset, no zone
  auto madrid = find_zone("Europe/Madrid");
  EXPECT_EQ(format_instant(*parse_instant("2027-03-28T10:00:00", madrid), madrid),
            "2027-03-28T10:00:00+02:00");
  EXPECT_FALSE(parse_instant("2027-03-28T02:30:00", madrid));  // skipped: clocks go 02:00 -> 03:00
  EXPECT_FALSE(parse_instant("2027-10-31T02:30:00", madrid));  // passed twice
  EXPECT_TRUE(parse_instant("2027-03-28T02:30:00+01:00", madrid));  // an offset says which
  EXPECT_FALSE(parse_instant("2026-03-02T25:00:00Z"));
  EXPECT_FALSE(parse_instant("2026-03-02T09:20:00+1:00"));
}

TEST(ParseInstant, LocalTimeInAZone) {
  auto madrid = find_zone("Europe/Madrid");
  auto t = parse_instant("2026-07-01T10:00:00", madrid);
  ASSERT_TRUE(t);
  EXPECT_EQ(format_instant(*t, nullptr), "2026-07-01T08:00:00Z");
}

TEST(FormatInstant, CarriesTheZoneOffsetAcrossDst) {
  auto madrid = find_zone("Europe/Madrid");
  EXPECT_EQ(format_instant(*parse_instant("2026-01-15T09:00:00Z"), madrid),
            "2026-01-15T10:00:00+01:00");
  EXPECT_EQ(format_instant(*parse_instant("2026-07-15T09:00:00Z"), madrid),
            "2026-07-15T11:00:00+02:00");
  EXPECT_EQ(format_instant(*parse_instant("2026-07-15T09:00:00Z"), find_zone("America/St_Johns")),
            "2026-07-15T06:30:00-02:30");
}

TEST(FindZone, KnowsTheTzDatabase) {
  EXPECT_NE(find_zone("Europe/Madrid"), nullptr);
  EXPECT_NE(find_zone("UTC"), nullptr);
  EXPECT_EQ(find_zone("Mars/Olympus"), nullptr);
  EXPECT_EQ(find_zone(""), nullptr);
}

TEST(LocalToInstant, HandlesDstGapsAndOverlaps) {
  auto madrid = find_zone("Europe/Madrid");
  // 2026-03-29: clocks jump from 02:00 to 03:00.
  auto skipped = local_to_instant(*parse_date("2026-03-29"), 2 * 60 + 30, madrid);
  EXPECT_EQ(format_instant(skipped, madrid), "2026-03-29T03:30:00+02:00");
  // 2026-10-25: 02:00-03:00 happens twice; the earlier is taken.
  auto twice = local_to_instant(*parse_date("2026-10-25"), 2 * 60 + 30, madrid);
  EXPECT_EQ(format_instant(twice, nullptr), "2026-10-25T00:30:00Z");
  auto normal = local_to_instant(*parse_date("2026-06-01"), 9 * 60, madrid);
  EXPECT_EQ(format_instant(normal, madrid), "2026-06-01T09:00:00+02:00");
}

TEST(Calendar, DaysMonthsAndWeekdays) {
  auto d = *parse_date("2026-01-31");
  EXPECT_EQ(format_date(add_months(d, 1)), "2026-02-28");
  EXPECT_EQ(format_date(add_months(*parse_date("2024-01-31"), 1)), "2024-02-29");
  EXPECT_EQ(format_date(add_months(d, 12)), "2027-01-31");
  EXPECT_EQ(format_date(add_days(d, 1)), "2026-02-01");
  EXPECT_EQ(days_between(*parse_date("2026-01-01"), *parse_date("2027-01-01")), 365);
  EXPECT_EQ(iso_weekday(*parse_date("2026-01-05")), 1);  // Monday
  EXPECT_EQ(iso_weekday(*parse_date("2026-01-11")), 7);  // Sunday
  EXPECT_EQ(local_date(*parse_instant("2026-01-05T23:30:00Z"), find_zone("Europe/Madrid")),
            *parse_date("2026-01-06"));
}

TEST(Hhmm, ParsesClockTimes) {
  EXPECT_EQ(parse_hhmm("09:30"), 570);
  EXPECT_EQ(parse_hhmm("24:00"), 1440);
  EXPECT_FALSE(parse_hhmm("24:01"));
  EXPECT_FALSE(parse_hhmm("9:30"));
  EXPECT_FALSE(parse_hhmm("09:60"));
  EXPECT_EQ(format_hhmm(570), "09:30");
}

TEST(HumanDate, ReadsAsTheWebAppShowsADay) {
  EXPECT_EQ(human_date(*parse_date("2026-11-02")), "2 Nov 2026");
  EXPECT_EQ(human_date(*parse_date("2027-09-30")), "30 Sept 2027");
  EXPECT_EQ(human_date(*parse_date("2026-01-05")), "5 Jan 2026");
}

}  // namespace
}  // namespace anagen
