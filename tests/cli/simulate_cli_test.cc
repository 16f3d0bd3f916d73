// `dscosim simulate` as a process: --list names the scenarios; each scenario prints its
// counts, trace hash and replay line, the same on every run of the same flags; bad
// flags exit 2 naming the flag.

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dscosim/tests/cli/cli_run.h"

namespace {

using ::testing::HasSubstr;

class SimulateCli : public dscosim::test_support::CliRunTest {
 protected:
  std::string Line(const std::string& text, const std::string& prefix) {
    const auto at = text.find("\n" + prefix);
    if (at == std::string::npos) return "";
    return text.substr(at + 1, text.find('\n', at + 1) - at - 1);
  }
};

TEST_F(SimulateCli, ListNamesEveryScenario) {
  ASSERT_EQ(Run("simulate --list"), 0) << Read("err");
  EXPECT_THAT(Read("out"), HasSubstr("conversations"));
  EXPECT_THAT(Read("out"), HasSubstr("busy-supplier-day"));
}

TEST_F(SimulateCli, ABusyDayPrintsTheSameCountsAndHashEveryRun) {
  const std::string flags = "--scenario busy-supplier-day --seed 3 --orders 200 --inventory-updates 2000 --quiet";
  ASSERT_EQ(Run("simulate " + flags), 0) << Read("err");
  const std::string first = Read("out");
  EXPECT_THAT(first, HasSubstr("orders placed: 200"));
  EXPECT_THAT(first, HasSubstr("inventory updates sent: 2000"));
  EXPECT_THAT(first, HasSubstr(
                         "replay: dscosim simulate --scenario busy-supplier-day --seed 3 --orders 200 "
                         "--inventory-updates 2000"));
  ASSERT_EQ(Run("simulate " + flags), 0);
  EXPECT_EQ(Line(Read("out"), "trace: "), Line(first, "trace: "));
  EXPECT_NE(Line(first, "trace: "), "");
}

TEST_F(SimulateCli, TheDefaultIsTheConversationsDemo) {
  ASSERT_EQ(Run("simulate --seed 42 --days 1 --quiet"), 0) << Read("err");
  EXPECT_THAT(Read("out"), HasSubstr("replay: dscosim simulate --seed 42 --days 1"));
}

TEST_F(SimulateCli, BadFlagsExitTwoNamingTheFlag) {
  EXPECT_EQ(Run("simulate --scenario tuesday"), 2);
  EXPECT_THAT(Read("err"), HasSubstr("no scenario tuesday (dscosim simulate --list names them)"));
  EXPECT_EQ(Run("simulate --scenario busy-supplier-day --days 2"), 2);
  EXPECT_THAT(Read("err"), HasSubstr("--days"));
  EXPECT_EQ(Run("simulate --scenario busy-supplier-day --orders 2000000"), 2);
  EXPECT_THAT(Read("err"), HasSubstr("--orders: must be between 0 and 1000000"));
  EXPECT_EQ(Run("simulate --scenario busy-supplier-day --partitions 0"), 2);
  EXPECT_THAT(Read("err"), HasSubstr("--partitions: must be between 1 and 20"));
  EXPECT_EQ(Run("simulate --orders 5"), 2);
  EXPECT_THAT(Read("err"), HasSubstr("--orders is a busy-supplier-day option"));
}

}  // namespace
