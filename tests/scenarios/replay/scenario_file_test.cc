// Scenario files: what parses, what is refused (each error names the step and field),
// and that a parsed scenario writes back to the same document.
#include "dscosim/scenarios/replay/scenario.h"

#include <gtest/gtest.h>

namespace dscosim::scenarios {
namespace {

Json Minimal() {
  return Json::parse(R"({"dscosimScenario": 1, "world": {"demo": true},
                         "steps": [{"as": "r1", "op": "getOrders"}]})");
}

// The field named by the refusal of `doc`.
std::string RefusedField(const Json& doc) {
  const Result<Scenario> s = ParseScenario(doc);
  EXPECT_FALSE(s.ok()) << doc.dump();
  return s.ok() ? "(accepted)" : s.status().field();
}

TEST(ScenarioFile, MinimalParsesWithDefaults) {
  const Result<Scenario> s = ParseScenario(Minimal());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->seed, 1u);
  EXPECT_FALSE(s->rate_limits);
  ASSERT_EQ(s->steps.size(), 1u);
  EXPECT_EQ(s->steps[0].kind, StepKind::kCall);
  EXPECT_TRUE(s->steps[0].auth);
  EXPECT_TRUE(s->steps[0].expect.empty());
}

TEST(ScenarioFile, EveryStepKindRoundTrips) {
  const Json doc = Json::parse(R"({
    "dscosimScenario": 1, "name": "n", "description": "d", "seed": 9, "rateLimits": true,
    "world": {"accounts": [{"key": "r1", "role": "retailer", "name": "R"}]},
    "steps": [
      {"name": "create", "at": "2026-01-05T10:00:00.000Z", "as": "r1", "op": "createOrder",
       "query": {"a": "1", "b": ["x", "y"]}, "body": {"poNumber": "P"},
       "save": {"order": "/dscoOrderIds/0"},
       "expect": {"status": [200, 201], "contentType": "application/json",
                  "json": {"/status": "success", "/n": {"$gte": 1}}}},
      {"advance": {"seconds": 1.5}},
      {"advance": {"to": "2026-01-06T00:00:00.000Z"}},
      {"settle": true},
      {"check": {"kind": "order", "id": "{{order}}"}, "expect": {"json": {"/x": {"$exists": false}}}},
      {"auth": false, "op": "getOrders", "form": {"k": "v"}, "params": ["p"]}
    ]})");
  const Result<Scenario> s = ParseScenario(doc);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(ScenarioToJson(*s), doc);
  ASSERT_EQ(s->steps.size(), 6u);
  EXPECT_EQ(s->steps[0].query.size(), 3u);
  EXPECT_EQ(s->steps[1].kind, StepKind::kAdvance);
  EXPECT_EQ(*s->steps[1].seconds, 1.5);
  EXPECT_EQ(s->steps[3].kind, StepKind::kSettle);
  EXPECT_EQ(s->steps[4].object_kind, "order");
}

TEST(ScenarioFile, RefusalsNameTheStepAndField) {
  Json doc = Minimal();
  doc["dscosimScenario"] = 2;
  EXPECT_EQ(RefusedField(doc), "dscosimScenario");

  doc = Minimal();
  doc.erase("world");
  EXPECT_EQ(RefusedField(doc), "world");

  doc = Minimal();
  doc["world"] = "elsewhere.json";  // a path needs LoadScenarioFile
  EXPECT_EQ(RefusedField(doc), "world");

  doc = Minimal();
  doc["sede"] = 3;
  EXPECT_EQ(RefusedField(doc), "sede");

  doc = Minimal();
  doc["steps"][0]["expect"] = {{"status", 42}};
  EXPECT_EQ(RefusedField(doc), "steps[0].expect.status");

  doc = Minimal();
  doc["steps"][0]["expect"] = {{"json", {{"dscoOrderId", 1}}}};
  EXPECT_EQ(RefusedField(doc), "steps[0].expect.json.dscoOrderId");

  doc = Minimal();
  doc["steps"][0]["expect"] = {{"json", {{"/a", {{"$near", 1}}}}}};
  EXPECT_EQ(RefusedField(doc), "steps[0].expect.json./a");

  doc = Minimal();
  doc["steps"][0].erase("as");
  EXPECT_EQ(RefusedField(doc), "steps[0].as");

  doc = Minimal();
  doc["steps"].push_back({{"advance", {{"seconds", 1}, {"to", "2026-01-01T00:00:00Z"}}}});
  EXPECT_EQ(RefusedField(doc), "steps[1].advance");

  doc = Minimal();
  doc["steps"].push_back({{"advance", {{"seconds", -1}}}});
  EXPECT_EQ(RefusedField(doc), "steps[1].advance.seconds");

  doc = Minimal();
  doc["steps"].push_back({{"check", {{"kind", "pallet"}, {"id", "1"}}}, {"expect", {{"status", 200}}}});
  EXPECT_EQ(RefusedField(doc), "steps[1].check.kind");

  doc = Minimal();
  doc["steps"].push_back({{"check", {{"kind", "order"}, {"id", "1"}}}});
  EXPECT_EQ(RefusedField(doc), "steps[1].expect");

  doc = Minimal();
  doc["steps"].push_back({{"nothing", true}});
  EXPECT_EQ(RefusedField(doc), "steps[1].nothing");

  doc = Minimal();
  doc["steps"][0]["body"] = {{"a", 1}};
  doc["steps"][0]["form"] = {{"a", "1"}};
  EXPECT_EQ(RefusedField(doc), "steps[0].form");

  doc = Minimal();
  doc["steps"][0]["save"] = {{"now", "/x"}};
  EXPECT_EQ(RefusedField(doc), "steps[0].save.now");

  doc = Minimal();
  doc["steps"][0]["at"] = "yesterday";
  EXPECT_EQ(RefusedField(doc), "steps[0].at");
}

TEST(ScenarioFile, AVariableMustBeSavedByAnEarlierStep) {
  Json doc = Minimal();
  doc["steps"][0]["query"] = {{"value", "{{order}}"}};
  EXPECT_EQ(RefusedField(doc), "steps[0]");
  // Saved by the step before: fine. Built-in names need no saving.
  doc["steps"].insert(doc["steps"].begin(), Json{{"as", "r1"}, {"op", "createOrder"}, {"save", {{"order", "/id"}}}});
  doc["steps"][1]["query"]["since"] = "{{now-5s}}";
  doc["steps"][1]["as"] = "{{accounts.r1}}";
  EXPECT_TRUE(ParseScenario(doc).ok());
}

TEST(ScenarioFile, VariablesInFindsEachUseInOrder) {
  EXPECT_EQ(VariablesIn("{{a}}-{{b}}/{{a}}"), (std::vector<std::string>{"a", "b", "a"}));
  EXPECT_TRUE(VariablesIn("no {{ end").empty());
}

TEST(ScenarioFile, MissingFileIsRefusedNamingIt) {
  const Result<Scenario> s = LoadScenarioFile("/nonexistent/scenario.json");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().field(), "file");
  EXPECT_NE(s.status().message().find("/nonexistent/scenario.json"), std::string::npos);
}

}  // namespace
}  // namespace dscosim::scenarios
