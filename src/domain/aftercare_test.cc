#include "domain/aftercare.h"

#include <gtest/gtest.h>

namespace anagen::domain {
namespace {

Date d(const char* s) { return *parse_date(s); }

TEST(Recurrence, ParsesTheRruleSubset) {
  auto weekly = parse_rrule("FREQ=WEEKLY;INTERVAL=1");
  ASSERT_TRUE(weekly);
  EXPECT_EQ(weekly->freq, Recurrence::Freq::kWeekly);
  auto quarterly = parse_rrule("FREQ=MONTHLY;INTERVAL=3");
  ASSERT_TRUE(quarterly);
  EXPECT_EQ(quarterly->interval, 3);
  EXPECT_FALSE(parse_rrule("FREQ=YEARLY"));
  EXPECT_FALSE(parse_rrule("FREQ=WEEKLY;INTERVAL=0"));
}

TEST(FirstDue, OneIntervalIntoTheCourse) {
  EXPECT_EQ(first_due(d("2026-01-07"), *parse_rrule("FREQ=WEEKLY;INTERVAL=1")), d("2026-01-14"));
  EXPECT_EQ(first_due(d("2026-01-07"), *parse_rrule("FREQ=MONTHLY;INTERVAL=3")), d("2026-04-07"));
  EXPECT_EQ(first_due(d("2026-01-07"), *parse_rrule("FREQ=DAILY;INTERVAL=2")), d("2026-01-09"));
  // Month ends clamp (31 January + 1 month is the last day of February).
  EXPECT_EQ(first_due(d("2026-01-31"), *parse_rrule("FREQ=MONTHLY;INTERVAL=1")), d("2026-02-28"));
}

TEST(NextDue, Table) {
  auto weekly = *parse_rrule("FREQ=WEEKLY;INTERVAL=1");
  auto quarterly = *parse_rrule("FREQ=MONTHLY;INTERVAL=3");
  struct Case {
    const char* what;
    Recurrence rule;
    const char* start;
    std::optional<const char*> done;
    const char* today;
    const char* due;
  };
  const Case cases[] = {
      {"never done, before the first", weekly, "2026-01-14", std::nullopt, "2026-01-08",
       "2026-01-14"},
      {"never done, on the first", weekly, "2026-01-14", std::nullopt, "2026-01-14", "2026-01-14"},
      {"never done, a few days late", weekly, "2026-01-14", std::nullopt, "2026-01-17",
       "2026-01-14"},
      {"never done, three weeks on: only the latest is owed", weekly, "2026-01-14", std::nullopt,
       "2026-02-05", "2026-02-04"},
      {"done on the day: a week on", weekly, "2026-01-14", "2026-01-14", "2026-01-15",
       "2026-01-21"},
      {"done before the first: a week from then", weekly, "2026-01-14", "2026-01-10", "2026-01-10",
       "2026-01-17"},
      {"done three days late: a week from then", weekly, "2026-01-14", "2026-01-17", "2026-01-17",
       "2026-01-24"},
      {"done, then missed two weeks", weekly, "2026-01-14", "2026-01-14", "2026-02-06",
       "2026-02-04"},
      {"quarterly, done on time", quarterly, "2026-04-07", "2026-04-07", "2026-04-08",
       "2026-07-07"},
      {"quarterly, done late", quarterly, "2026-04-07", "2026-05-01", "2026-05-01", "2026-08-01"},
      {"quarterly, never done, half a year on", quarterly, "2026-04-07", std::nullopt, "2026-10-20",
       "2026-10-07"},
      {"quarterly, month end", quarterly, "2026-04-07", "2026-05-31", "2026-06-01", "2026-08-31"},
  };
  for (const auto& c : cases) {
    std::optional<Date> done;
    if (c.done) done = d(*c.done);
    EXPECT_EQ(format_date(next_due(d(c.start), c.rule, done, d(c.today))), c.due) << c.what;
  }
}

}  // namespace
}  // namespace anagen::domain
