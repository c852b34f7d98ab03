#include "domain/appointment.h"

#include <gtest/gtest.h>

namespace anagen::domain {
namespace {

TEST(Transitions, Table) {
  using enum AppointmentStatus;
  struct Case {
    AppointmentStatus from, to;
    bool ok;
  };
  for (auto c : {Case{kBooked, kArrived, true}, Case{kBooked, kCompleted, true},
                 Case{kBooked, kNoShow, true}, Case{kBooked, kCancelled, true},
                 Case{kArrived, kCompleted, true}, Case{kArrived, kNoShow, true},
                 Case{kArrived, kBooked, false}, Case{kCompleted, kCancelled, false},
                 Case{kCancelled, kBooked, false}, Case{kNoShow, kCompleted, false},
                 Case{kBooked, kBooked, false}}) {
    EXPECT_EQ(check_transition(c.from, c.to).ok(), c.ok)
        << to_string(c.from) << "->" << to_string(c.to);
  }
}

TEST(Timing, ArrivedAndDoneFromTheDayNoShowFromTheStart) {
  using enum AppointmentStatus;
  auto z = find_zone("Europe/Madrid");
  auto start = local_to_instant(*parse_date("2026-01-19"), 16 * 60 + 30, z);
  auto day_before = local_to_instant(*parse_date("2026-01-18"), 23 * 60 + 59, z);
  auto morning = local_to_instant(*parse_date("2026-01-19"), 0, z);
  for (auto to : {kArrived, kCompleted, kNoShow}) {
    EXPECT_FALSE(check_timing(to, start, day_before, z).ok()) << to_string(to);
  }
  EXPECT_TRUE(check_timing(kArrived, start, morning, z).ok());
  EXPECT_TRUE(check_timing(kCompleted, start, morning, z).ok());
  auto early = check_timing(kNoShow, start, start - std::chrono::minutes(1), z);
  ASSERT_FALSE(early.ok());
  EXPECT_NE(early.error().detail.find("19 Jan 2026 at 16:30"), std::string::npos)
      << early.error().detail;
  EXPECT_TRUE(check_timing(kNoShow, start, start, z).ok());
  EXPECT_TRUE(check_timing(kCancelled, start, day_before, z).ok());
}

TEST(ShiftLocal, KeepsWallClockAcrossDst) {
  auto z = find_zone("Europe/Madrid");
  auto t = local_to_instant(*parse_date("2026-03-23"), 10 * 60, z);  // before the change
  EXPECT_EQ(format_instant(shift_local(t, 7, 0, z), z), "2026-03-30T10:00:00+02:00");
  EXPECT_EQ(format_instant(shift_local(t, 1, 90, z), z), "2026-03-24T11:30:00+01:00");
  EXPECT_EQ(format_instant(shift_local(t, 0, -11 * 60, z), z), "2026-03-22T23:00:00+01:00");
  EXPECT_EQ(format_instant(shift_local(t, 0, 14 * 60, z), z), "2026-03-24T00:00:00+01:00");
}

}  // namespace
}  // namespace anagen::domain
