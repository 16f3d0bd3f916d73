// Matchers and verdicts of a step's expectations.
#include "dscosim/scenarios/replay/expectation.h"

#include <gtest/gtest.h>

namespace dscosim::scenarios {
namespace {

bool Match(const char* matcher, const Json& value) {
  const Json m = Json::parse(matcher);
  EXPECT_TRUE(ValidateMatcher(m, "m").ok()) << matcher;
  return Matches(m, &value);
}

TEST(Expectation, PlainValuesCompareEqual) {
  EXPECT_TRUE(Match(R"("created")", "created"));
  EXPECT_FALSE(Match(R"("created")", "acknowledged"));
  EXPECT_TRUE(Match(R"({"a": [1, 2]})", Json{{"a", {1, 2}}}));
  EXPECT_FALSE(Match("1", "1"));  // a number is not its text
}

TEST(Expectation, Operators) {
  EXPECT_TRUE(Match(R"({"$length": 2})", Json::array({1, 2})));
  EXPECT_TRUE(Match(R"({"$length": 3})", "abc"));
  EXPECT_FALSE(Match(R"({"$length": 2})", 2));
  EXPECT_TRUE(Match(R"({"$in": ["a", "b"]})", "b"));
  EXPECT_FALSE(Match(R"({"$in": ["a", "b"]})", "c"));
  EXPECT_TRUE(Match(R"({"$contains": "postal"})", "shipping.postal: is required"));
  EXPECT_TRUE(Match(R"({"$contains": 3})", Json::array({1, 3})));
  EXPECT_FALSE(Match(R"({"$contains": 4})", Json::array({1, 3})));
  EXPECT_TRUE(Match(R"({"$gte": 2})", 2));
  EXPECT_FALSE(Match(R"({"$gte": 2})", 1.5));
  EXPECT_TRUE(Match(R"({"$lte": 2})", 1));
  EXPECT_FALSE(Match(R"({"$lte": 2})", "1"));
  EXPECT_TRUE(Match(R"({"$type": "array"})", Json::array()));
  EXPECT_FALSE(Match(R"({"$type": "string"})", 1));
  EXPECT_TRUE(Match(R"({"$not": {"$in": [1]}})", 2));
  EXPECT_TRUE(Match(R"({"$exists": true})", nullptr));  // present, even if null
  const Json absent_false = Json::parse(R"({"$exists": false})");
  EXPECT_TRUE(Matches(absent_false, nullptr));
  EXPECT_FALSE(Matches(Json::parse(R"({"$exists": true})"), nullptr));
  EXPECT_FALSE(Matches(Json("x"), nullptr));
}

TEST(Expectation, UnknownOrMalformedOperatorsAreRefusedNamingThePath) {
  for (const char* bad : {R"({"$near": 1})", R"({"$length": "2"})", R"({"$in": 1})", R"({"$type": "date"})",
                          R"({"$gte": 1, "$lte": 2})", R"({"$exists": 1})", R"({"$not": {"$x": 1}})"}) {
    const Status s = ValidateMatcher(Json::parse(bad), "steps[0].expect.json./a");
    EXPECT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.field().rfind("steps[0].expect.json./a", 0), 0u) << bad << " " << s.field();
  }
}

TEST(Expectation, EvaluateGivesOneVerdictPerCheck) {
  Expectation e;
  e.statuses = {200, 201};
  e.content_type = "application/json";
  e.checks = {{"/status", "success"}, {"/ids", Json{{"$length", 1}}}, {"/missing", Json{{"$exists", false}}}};
  const Json body = {{"status", "success"}, {"ids", {"a", "b"}}};
  const std::vector<CheckVerdict> v = Evaluate(e, 201, "application/json", &body);
  ASSERT_EQ(v.size(), 5u);
  EXPECT_TRUE(v[0].held);
  EXPECT_TRUE(v[1].held);
  EXPECT_TRUE(v[2].held);
  EXPECT_FALSE(v[3].held);
  EXPECT_EQ(v[3].got, R"(["a","b"])");
  EXPECT_TRUE(v[4].held);
  const std::vector<CheckVerdict> wrong = Evaluate(e, 404, "text/plain", nullptr);
  EXPECT_FALSE(wrong[0].held);
  EXPECT_EQ(wrong[0].got, "404");
  EXPECT_FALSE(wrong[1].held);
}

TEST(Expectation, FindPointer) {
  const Json doc = {{"a", {{"b~c", {10, 20}}}}};
  ASSERT_NE(FindPointer(doc, "/a/b~0c/1"), nullptr);
  EXPECT_EQ(*FindPointer(doc, "/a/b~0c/1"), 20);
  EXPECT_EQ(FindPointer(doc, "/a/x"), nullptr);
  EXPECT_EQ(FindPointer(doc, "/a/b~0c/9"), nullptr);
  EXPECT_EQ(FindPointer(doc, "no-slash"), nullptr);
  EXPECT_EQ(*FindPointer(doc, ""), doc);
}

}  // namespace
}  // namespace dscosim::scenarios
