#include "domain/plan.h"

#include <gtest/gtest.h>

namespace anagen::domain {
namespace {

Date d(const char* s) { return *parse_date(s); }

const Protocol& seeded(const std::string& name) {
  static const auto all = seed_protocols();
  for (const auto& p : all) {
    if (p.name == name) return p;
  }
  throw std::runtime_error("no protocol " + name);
}

// Day offsets of the sessions from the start.
std::vector<int> offsets(const std::vector<PlannedSession>& s, Date start) {
  std::vector<int> out;
  for (const auto& x : s) out.push_back(days_between(start, x.target));
  return out;
}

TEST(GenerateSessions, EverySeededProtocolAndSeverity) {
  struct Case {
    const char* protocol;
    Severity3 severity;
    std::vector<int> days;
  };
  using enum Severity3;
  const std::vector<int> standard_head = {0, 7, 14, 21, 35, 49, 63, 77};
  auto standard = [&](int maintenance) {
    auto v = standard_head;
    for (int i = 1; i <= maintenance; ++i) v.push_back(77 + 28 * i);
    return v;
  };
  const Case cases[] = {
      // 2026-01-05 + 5 months = 2026-06-05 (151 days): maintenance at 105, 133.
      {"Standard taper", kMild, standard(2)},
      // + 8 months = 2026-09-05 (243 days): 105 .. 217.
      {"Standard taper", kModerate, standard(5)},
      // + 12 months = 2027-01-05 (365 days): 105 .. 357.
      {"Standard taper", kAdvanced, standard(10)},
      {"RCT 10 sessions (women)", kMild, {0, 7, 14, 21, 35, 49, 77, 105, 133, 161}},
      {"RCT 10 sessions (women)", kAdvanced, {0, 7, 14, 21, 35, 49, 77, 105, 133, 161}},
      {"Nappage weeks 0-1-2-3-5-7-11", kModerate, {0, 7, 14, 21, 35, 49, 77}},
      {"Quarterly maintenance", kMild, {0, 91, 182, 273, 364}},
  };
  Date start = d("2026-01-05");
  for (const auto& c : cases) {
    const Protocol& p = seeded(c.protocol);
    Date end = course_end(start, p.months_for(c.severity));
    auto s = generate_sessions(p, start, end, 0, std::nullopt);
    EXPECT_EQ(offsets(s, start), c.days) << c.protocol << " " << to_string(c.severity);
    for (size_t i = 0; i < s.size(); ++i) {
      EXPECT_EQ(s[i].number, static_cast<int>(i + 1));
      EXPECT_LT(date::sys_days(s[i].target), date::sys_days(end)) << "inside the course";
      EXPECT_LE(date::sys_days(s[i].earliest), date::sys_days(s[i].target));
      EXPECT_GE(date::sys_days(s[i].latest), date::sys_days(s[i].target));
      EXPECT_GE(date::sys_days(s[i].earliest), date::sys_days(start));
      if (i >= 2) {
        // Intervals never shrink.
        EXPECT_GE(days_between(s[i - 1].target, s[i].target),
                  days_between(s[i - 2].target, s[i - 1].target));
      }
      if (i >= 1) {
        EXPECT_GT(date::sys_days(s[i].earliest), date::sys_days(s[i - 1].target));
      }
    }
  }
}

TEST(GenerateSessions, NappageMatchesTheStudyWeeks) {
  Date start = d("2026-03-02");
  auto s = generate_sessions(seeded("Nappage weeks 0-1-2-3-5-7-11"), start, d("2026-08-02"), 0, {});
  std::vector<int> weeks;
  for (const auto& x : s) weeks.push_back(days_between(start, x.target) / 7);
  EXPECT_EQ(weeks, (std::vector<int>{0, 1, 2, 3, 5, 7, 11}));
}

TEST(GenerateSessions, WindowsFollowPhaseTolerance) {
  Date start = d("2026-01-05");
  auto s = generate_sessions(seeded("Standard taper"), start, course_end(start, 8), 0, {});
  EXPECT_EQ(format_date(s[0].earliest), "2026-01-05");  // never before the start
  EXPECT_EQ(format_date(s[0].latest), "2026-01-06");
  EXPECT_EQ(format_date(s[4].earliest), "2026-02-07");  // consolidation: +/- 2 days
  EXPECT_EQ(format_date(s[4].latest), "2026-02-11");
  EXPECT_EQ(s[8].phase, "maintenance");
  EXPECT_EQ(days_between(s[8].earliest, s[8].latest), 8);  // +/- 4 days
}

TEST(GenerateSessions, ContinuesAfterSessionsDone) {
  Date start = d("2026-01-05");
  // Four sessions done, the last on 2026-01-27 (a day late): session 5 is
  // the first of consolidation, 14 days after.
  auto s =
      generate_sessions(seeded("Standard taper"), start, course_end(start, 5), 4, d("2026-01-27"));
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s[0].number, 5);
  EXPECT_EQ(format_date(s[0].target), "2026-02-10");
  EXPECT_EQ(format_date(s[0].earliest), "2026-02-08");
  EXPECT_EQ(s.back().number, 10);
}

TEST(GenerateSessions, ShortCourseCutsTheProtocol) {
  Date start = d("2026-01-05");
  auto s = generate_sessions(seeded("Standard taper"), start, d("2026-02-01"), 0, {});
  EXPECT_EQ(offsets(s, start), (std::vector<int>{0, 7, 14, 21}));
  EXPECT_EQ(format_date(s.back().latest), "2026-01-27");
  EXPECT_EQ(
      format_date(
          generate_sessions(seeded("Standard taper"), start, d("2026-01-28"), 0, {}).back().latest),
      "2026-01-27");  // never on or after the end
}

TEST(PlanRefusal, NotACandidate) {
  Assessment a;
  a.candidacy = {false, {"Scarring alopecia: ..."}};
  EXPECT_TRUE(plan_refusal(a));
  a.candidacy.candidate = true;
  EXPECT_FALSE(plan_refusal(a));
}

}  // namespace
}  // namespace anagen::domain
