// `dscosim conform` and `dscosim check` as processes: exit codes, the printed seed and
// replay command, and the reports and history files, judged the same way twice.

#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "dscosim/tests/cli/cli_run.h"

namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

class ConformCli : public dscosim::test_support::CliRunTest {
};

TEST_F(ConformCli, HarnessProblemsExitTwo) {
  EXPECT_EQ(Run("conform --profile no-such-profile -- true"), 2);
  EXPECT_THAT(Read("err"), HasSubstr("supplier-customer-care"));
  EXPECT_EQ(Run("conform --profile supplier-orders"), 2);  // no command
  EXPECT_EQ(Run("conform --profile supplier-orders --budget 3 -- true"), 2);
  EXPECT_THAT(Read("err"), HasSubstr("budget"));
  EXPECT_EQ(Run("conform --profile supplier-orders --speed 20 -- /no/such/program"), 2);
  EXPECT_THAT(Read("err"), HasSubstr("/no/such/program"));
  EXPECT_EQ(Run("check --profile supplier-orders " + dir_ + "/missing.jsonl"), 2);
}

// A program that does nothing owes the consumers their answers: CONF-CC-001 fails, the
// run exits 1, and `check` on the saved history says the same.
TEST_F(ConformCli, ReportsAFailureAndCheckAgreesOffline) {
  const std::string history = dir_ + "/h.jsonl";
  EXPECT_EQ(Run("conform --profile supplier-customer-care --seed 9 --speed 20 --no-compat-pass --json " + dir_ +
                "/r.json --junit " + dir_ + "/r.xml --history " + history + " -- sleep 30"),
            1)
      << Read("err");
  const std::string out = Read("out");
  EXPECT_THAT(out, HasSubstr("profile supplier-customer-care, seed 9, speed 20"));
  EXPECT_THAT(out, HasSubstr("FAIL          CONF-CC-001"));
  EXPECT_THAT(out, HasSubstr("rule: docs/rules/CONF-CC-001.md"));
  EXPECT_THAT(out, HasSubstr("replay: dscosim conform --profile supplier-customer-care --seed 9 --speed 20 "
                             "--no-compat-pass -- sleep 30"));
  const Json report = Json::parse(Read("r.json"));
  EXPECT_EQ(report["outcome"], "FAIL");
  EXPECT_EQ(report["seed"], "9");
  EXPECT_THAT(Read("r.xml"), HasSubstr("<property name=\"seed\" value=\"9\"/>"));

  ASSERT_EQ(Run("check " + history + " --json " + dir_ + "/again.json"), 1) << Read("err");
  const Json again = Json::parse(Read("again.json"));
  ASSERT_EQ(again["rules"].size(), report["rules"].size());
  for (std::size_t i = 0; i < again["rules"].size(); ++i) {
    EXPECT_EQ(again["rules"][i]["outcome"], report["rules"][i]["outcome"]) << again["rules"][i]["id"];
    EXPECT_EQ(again["rules"][i]["findings"], report["rules"][i]["findings"]) << again["rules"][i]["id"];
  }
  EXPECT_EQ(again["replay"], report["replay"]);
}

}  // namespace
