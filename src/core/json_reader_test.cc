#include "core/json_reader.h"

#include <gtest/gtest.h>

namespace anagen {
namespace {

TEST(ParseJsonObject, SaysWhatIsWrong) {
  EXPECT_EQ(parse_json_object("").error().code, ErrorCode::kBadRequest);
  EXPECT_NE(parse_json_object("{\"a\":").error().detail.find("not valid JSON"), std::string::npos);
  EXPECT_NE(parse_json_object("[]").error().detail.find("object"), std::string::npos);
  EXPECT_TRUE(parse_json_object("{\"a\":1}").ok());
}

TEST(JsonReader, CollectsEveryFieldError) {
  Json j = Json::parse(R"({"name":"  ","age":"x","when":"2026-02-30","kind":"z","extra":1,
                          "n":3.5,"ok":true,"at":"2026-01-01T10:00:00+02:00"})");
  JsonReader r(j, "p.");
  EXPECT_FALSE(r.text("name", Need::kRequired));
  EXPECT_FALSE(r.integer("age", Need::kRequired, 0, 10));
  EXPECT_FALSE(r.date("when", Need::kRequired));
  EXPECT_FALSE(r.one_of("kind", Need::kRequired, {"a", "b"}));
  EXPECT_FALSE(r.integer("n", Need::kRequired, 0, 10));
  EXPECT_EQ(r.boolean("ok", Need::kRequired), true);
  EXPECT_TRUE(r.instant("at", Need::kRequired));
  EXPECT_FALSE(r.text("missing", Need::kOptional));
  EXPECT_FALSE(r.text("absent", Need::kRequired));
  r.reject_unknown();
  std::vector<std::string> fields;
  for (const auto& e : r.errors()) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"p.name", "p.age", "p.when", "p.kind", "p.n",
                                              "p.absent", "p.extra"}));
}

TEST(JsonReader, RangesAndLengths) {
  Json j = Json::parse(R"({"a": 11, "b": "abcdef", "c": 2.0})");
  JsonReader r(j);
  EXPECT_FALSE(r.integer("a", Need::kRequired, 0, 10));
  EXPECT_FALSE(r.text("b", Need::kRequired, 5));
  EXPECT_EQ(r.integer("c", Need::kRequired, 0, 10), 2);  // 2.0 is a whole number
  EXPECT_EQ(r.errors().size(), 2u);
  EXPECT_NE(r.errors()[0].message.find("between 0 and 10"), std::string::npos);
}

}  // namespace
}  // namespace anagen
