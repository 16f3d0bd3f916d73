// The proof that a failing property leaves a counterexample that reproduces:
// with a planted bug in a test-only variant of the shipment rule (OrderPolicy::
// planted_bug_ship_ignores_cancelled, set by the world file's testOnly section)
// the property fails, the shrunk counterexample is written as a scenario file,
// `dscosim replay` on it exits 1, and the same file without the bug holds.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "dscosim/model/world_file.h"
#include "dscosim/scenarios/properties/check.h"

namespace dscosim::scenarios::properties {
namespace {

constexpr char kName[] = "planted-bug-ship-ignores-cancelled";

int Replay(const std::string& file) {
  const std::string command =
      std::string(DSCOSIM_CLI_PATH) + " replay --quiet " + file + " > " + file + ".out 2>&1";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(PlantedBug, ThePropertyFailsAndItsCounterexampleReplays) {
  char dir[] = "/tmp/dscosim-planted-XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  ASSERT_EQ(setenv("DSCOSIM_COUNTEREXAMPLE_DIR", dir, 1), 0);
  const std::string file = CounterexamplePath(kName);
  ASSERT_EQ(file, std::string(dir) + "/" + kName + ".json");

  const bool held = rc::check("shipments never exceed what remains", [] {
    Json world = *GenWorldFile();
    world["testOnly"] = {{"plantedBug", "ship-ignores-cancelled"}};
    CheckPlatformStateMachine(
        kName, world, *rc::gen::inRange<std::uint64_t>(1, 1000000),
        rc::state::gen::execOneOfWithArgs<CreateOrder, Settle, ShipLine, CancelLine, CancelLine,
                                          OverShipLine, OverShipLine>());
  });
  unsetenv("DSCOSIM_COUNTEREXAMPLE_DIR");
  ASSERT_FALSE(held) << "the planted bug was not found";
  ASSERT_TRUE(std::filesystem::exists(file));

  // In process, the counterexample fails as the property did...
  Result<Scenario> scenario = LoadScenarioFile(file);
  ASSERT_TRUE(scenario.ok()) << scenario.status().ToString();
  EXPECT_LE(scenario->steps.size(), 12u) << "not shrunk";
  auto transport = fakes::InProcessTransport::Create(fakes::ServeOptions{}, fakes::TenantOptions{});
  ASSERT_TRUE(transport.ok());
  Result<RunReport> report = RunScenario(*scenario, **transport);
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->held());
  // ... and through the CLI.
  EXPECT_EQ(Replay(file), 1);

  // The bug gone, the same steps hold.
  scenario->world.erase("testOnly");
  const std::string fixed = std::string(dir) + "/fixed.json";
  ASSERT_TRUE(WriteScenarioFile(*scenario, fixed).ok());
  EXPECT_EQ(Replay(fixed), 0);
  std::filesystem::remove_all(dir);
}

TEST(PlantedBug, AnUnknownPlantedBugIsRefusedNamingTheField) {
  const Json doc = {{"accounts", {{{"key", "r1"}, {"role", "retailer"}, {"name", "R"}}}},
                    {"testOnly", {{"plantedBug", "something-else"}}}};
  const Result<World> built = BuildWorldFromJson(doc, WorldOptions{});
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.status().field(), "testOnly.plantedBug");
}

}  // namespace
}  // namespace dscosim::scenarios::properties
