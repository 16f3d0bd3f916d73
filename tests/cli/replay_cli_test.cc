// `dscosim replay` as a process: exit 0 when every expectation holds, 1 when one fails
// (the failure printed with what was there), 2 for a bad file naming the step and field.

#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "dscosim/tests/cli/cli_run.h"

namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

class ReplayCli : public dscosim::test_support::CliRunTest {
 protected:
  static std::string Example(const std::string& name) {
    return std::string(DSCOSIM_SOURCE_DIR) + "/scenarios/examples/" + name;
  }
};

TEST_F(ReplayCli, AHoldingScenarioExitsZeroWithHashAndReplayLine) {
  ASSERT_EQ(Run("replay " + Example("order-lifecycle.json") + " --report " + dir_ + "/r.json"), 0) << Read("err");
  const std::string out = Read("out");
  EXPECT_THAT(out, HasSubstr("seed 7"));
  EXPECT_THAT(out, HasSubstr("held"));
  EXPECT_THAT(out, HasSubstr("trace: "));
  EXPECT_THAT(out, HasSubstr("replay: dscosim replay " + Example("order-lifecycle.json")));
  const Json report = Json::parse(Read("r.json"));
  EXPECT_EQ(report["held"], true);
  EXPECT_EQ(report["traceHash"].get<std::string>().size(), 16u);
  // The same file again: the same trace hash.
  ASSERT_EQ(Run("replay --quiet " + Example("order-lifecycle.json") + " --report " + dir_ + "/r2.json"), 0);
  EXPECT_EQ(Json::parse(Read("r2.json"))["traceHash"], report["traceHash"]);
}

TEST_F(ReplayCli, AFailedExpectationExitsOne) {
  Json doc = Json::parse(std::ifstream(Example("order-lifecycle.json")));
  doc["world"] = Json::parse(std::ifstream(Example("worlds/one-pair.json")));
  doc["steps"][1]["expect"]["status"] = 200;
  Write("failing.json", doc.dump());
  EXPECT_EQ(Run("replay --quiet " + dir_ + "/failing.json"), 1);
  EXPECT_THAT(Read("out"), HasSubstr("FAILED   status is 200  (got 404)"));
}

TEST_F(ReplayCli, ABadFileExitsTwoNamingTheField) {
  Write("bad.json", R"({"dscosimScenario": 1, "world": {"demo": true}, "steps": [{"as": "r1", "op": "getOrders", "expect": {"status": "ok"}}]})");
  EXPECT_EQ(Run("replay " + dir_ + "/bad.json"), 2);
  EXPECT_THAT(Read("err"), HasSubstr("steps[0].expect.status"));
  Write("notjson.json", "{");
  EXPECT_EQ(Run("replay " + dir_ + "/notjson.json"), 2);
  EXPECT_EQ(Run("replay " + dir_ + "/missing.json"), 2);
  EXPECT_EQ(Run("replay"), 2);
  EXPECT_EQ(Run("replay " + Example("order-lifecycle.json") + " --url ftp://x"), 2);
}

}  // namespace
