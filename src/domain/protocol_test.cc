#include "domain/protocol.h"

#include <gtest/gtest.h>

namespace anagen::domain {
namespace {

std::vector<std::string> fields(const Result<Protocol>& r) {
  std::vector<std::string> out;
  if (!r.ok()) {
    for (const auto& f : r.error().fields) out.push_back(f.field);
  }
  return out;
}

TEST(ParseProtocol, AcceptsATaper) {
  auto p = parse_protocol(Json::parse(R"({"name": "Taper", "phases": [
      {"name": "weekly", "interval_days": 7, "sessions": 4},
      {"name": "monthly", "interval_days": 28, "until_end": true, "tolerance_days": 3}],
      "months": {"mild": 6}})"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->session_minutes, 20);
  EXPECT_EQ(p->phases[0].tolerance_days, 1);
  EXPECT_FALSE(p->phases[1].sessions);
  EXPECT_EQ(p->months_for(Severity3::kMild), 6);
  EXPECT_EQ(p->months_for(Severity3::kAdvanced), 12);
}

TEST(ParseProtocol, RefusesBrokenRules) {
  struct Case {
    const char* json;
    std::vector<std::string> fields;
  };
  const Case cases[] = {
      {R"({"name": "x", "phases": []})", {"phases"}},
      {R"({"name": "x", "phases": [{"name": "a", "interval_days": 14, "sessions": 2},
                                   {"name": "b", "interval_days": 7, "sessions": 2}]})",
       {"phases[1].interval_days"}},
      {R"({"name": "x", "phases": [{"name": "a", "interval_days": 7, "until_end": true},
                                   {"name": "b", "interval_days": 14, "sessions": 2}]})",
       {"phases[0].sessions"}},
      {R"({"name": "x", "phases": [{"name": "a", "interval_days": 7, "sessions": 2, "tolerance_days": 4}]})",
       {"phases[0].tolerance_days"}},
      {R"({"name": "x", "phases": [{"name": "a", "interval_days": 7}]})", {"phases[0].sessions"}},
      {R"({"name": "x", "phases": [{"name": "a", "interval_days": 7, "sessions": 1}], "months": {"mild": 13}})",
       {"months.mild"}},
      // A more advanced grade never gets a shorter course.
      {R"({"name": "x", "phases": [{"name": "a", "interval_days": 7, "sessions": 1}],
           "months": {"mild": 12, "moderate": 12, "advanced": 5}})",
       {"months.advanced"}},
      {R"({"name": "x", "phases": [{"name": "a", "interval_days": 7, "sessions": 1}], "months": {"mild": 9}})",
       {"months.moderate"}},
      {R"({"phases": [{"name": "a", "interval_days": 0, "sessions": 1, "colour": "red"}]})",
       {"name", "phases[0].interval_days", "phases[0].colour"}},
  };
  for (const auto& c : cases) {
    auto r = parse_protocol(Json::parse(c.json));
    EXPECT_FALSE(r.ok()) << c.json;
    auto got = fields(r);
    std::sort(got.begin(), got.end());
    auto want = c.fields;
    std::sort(want.begin(), want.end());
    EXPECT_EQ(got, want) << c.json;
  }
}

TEST(SeedProtocols, AreValidAndRoundTrip) {
  for (const auto& p : seed_protocols()) {
    Json j = protocol_to_json(p);
    j.erase("id");
    j.erase("version");
    j.erase("active");
    auto parsed = parse_protocol(j);
    ASSERT_TRUE(parsed.ok()) << p.name << " "
                             << (parsed.ok() ? "" : parsed.error().fields[0].field);
    EXPECT_EQ(protocol_to_json(*parsed).dump(), [&] {
      Json x = protocol_to_json(p);
      x["id"] = "";
      return x.dump();
    }());
  }
}

}  // namespace
}  // namespace anagen::domain
