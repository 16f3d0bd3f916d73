// Exporting a tenant as a scenario file (GET /_dscosim/scenario): every example file,
// replayed, exported and replayed again from the export, rebuilds the same model (same
// trace hash); the export is a valid scenario document; a state that the API calls
// cannot rebuild (a restored snapshot) is refused naming `history`, and a reset starts
// the export afresh.
#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "dscosim/fakes/in_process_transport.h"
#include "dscosim/scenarios/replay/runner.h"

namespace dscosim::scenarios {
namespace {

using Json = nlohmann::json;

std::string ExampleDir() { return std::string(DSCOSIM_SOURCE_DIR) + "/scenarios/examples"; }

std::vector<std::string> ExampleFiles() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(ExampleDir())) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::unique_ptr<fakes::InProcessTransport> InProcess() {
  fakes::TenantOptions tenant;
  tenant.mode = fakes::ClockMode::kManual;
  auto t = fakes::InProcessTransport::Create(fakes::ServeOptions{}, tenant);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? std::move(*t) : nullptr;
}

fakes::WireResponse Control(fakes::Transport& transport, const std::string& method,
                            const std::string& path, const std::string& body = "") {
  fakes::WireRequest request;
  request.method = method;
  request.target = "/_dscosim" + path;
  request.body = body;
  if (!body.empty()) request.headers.emplace_back("Content-Type", "application/json");
  return transport.Send(request);
}

std::string Failures(const RunReport& report) {
  std::string out;
  for (const StepReport& s : report.steps) {
    if (!s.held()) out += FormatStepReport(s, false) + "        body: " + s.body.substr(0, 400) + "\n";
  }
  return out;
}

TEST(ExportScenario, EveryExampleRebuildsTheSameModel) {
  const std::vector<std::string> files = ExampleFiles();
  ASSERT_GE(files.size(), 4u);
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    const Result<Scenario> original = LoadScenarioFile(file);
    ASSERT_TRUE(original.ok()) << original.status().ToString();
    auto first = InProcess();
    const Result<RunReport> ran = RunScenario(*original, *first);
    ASSERT_TRUE(ran.ok()) << ran.status().ToString();
    ASSERT_TRUE(ran->held()) << Failures(*ran);

    const fakes::WireResponse exported = Control(*first, "GET", "/scenario");
    ASSERT_EQ(exported.status, 200) << exported.body;
    const Json document = Json::parse(exported.body);
    EXPECT_EQ(document.value("dscosimScenario", 0), 1);
    EXPECT_EQ(document.value("seed", 0u), original->seed);
    const Result<Scenario> reread = ParseScenario(document);
    ASSERT_TRUE(reread.ok()) << reread.status().ToString();
    // The original's control-only steps (checks, settles) are not calls: the export has
    // a step per API request the handler ran, plus the final clock move.
    EXPECT_GT(reread->steps.size(), 0u);

    auto second = InProcess();
    const Result<RunReport> replayed = RunScenario(*reread, *second);
    ASSERT_TRUE(replayed.ok()) << replayed.status().ToString();
    EXPECT_TRUE(replayed->held()) << Failures(*replayed);
    EXPECT_EQ(replayed->trace_hash, ran->trace_hash);
    EXPECT_EQ(replayed->trace_events, ran->trace_events);

    // Exporting the replay gives the same world and steps: the export is a fixed point
    // (only the description's count of left-out requests may differ).
    const fakes::WireResponse again = Control(*second, "GET", "/scenario");
    ASSERT_EQ(again.status, 200) << again.body;
    const Json reexported = Json::parse(again.body);
    EXPECT_EQ(reexported["steps"], document["steps"]);
    EXPECT_EQ(reexported["world"], document["world"]);
    EXPECT_EQ(reexported["seed"], document["seed"]);
  }
}

TEST(ExportScenario, AFreshTenantExportsOnlyTheClock) {
  auto transport = InProcess();
  const fakes::WireResponse exported = Control(*transport, "GET", "/scenario");
  ASSERT_EQ(exported.status, 200) << exported.body;
  const Result<Scenario> scenario = ParseScenario(Json::parse(exported.body));
  ASSERT_TRUE(scenario.ok()) << scenario.status().ToString();
  for (const Step& step : scenario->steps) EXPECT_NE(step.kind, StepKind::kCall);
}

TEST(ExportScenario, ARestoredSnapshotIsRefusedNamingHistoryUntilAReset) {
  const Result<Scenario> scenario = LoadScenarioFile(ExampleDir() + "/order-lifecycle.json");
  ASSERT_TRUE(scenario.ok());
  auto transport = InProcess();
  ASSERT_EQ(Control(*transport, "POST", "/snapshots", R"({"name": "start"})").status, 201);
  ASSERT_TRUE(RunScenario(*scenario, *transport).ok());
  ASSERT_EQ(Control(*transport, "POST", "/snapshots/start/restore").status, 200);

  const fakes::WireResponse refused = Control(*transport, "GET", "/scenario");
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(refused.body.find("history"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("snapshot start was restored"), std::string::npos) << refused.body;

  ASSERT_EQ(Control(*transport, "POST", "/reset").status, 200);
  EXPECT_EQ(Control(*transport, "GET", "/scenario").status, 200);
}

}  // namespace
}  // namespace dscosim::scenarios
