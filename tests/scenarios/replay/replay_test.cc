// Scenario replays: the example files hold in process; the same files over real HTTP
// (a fake on a loopback port) give byte-identical bodies and the same trace hash; a
// failed expectation is reported and the rest still runs; runtime errors name the step.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "dscosim/fakes/http_transport.h"
#include "dscosim/fakes/in_process_transport.h"
#include "dscosim/fakes/server.h"
#include "dscosim/scenarios/replay/runner.h"
#include "dscosim/tests/scenarios/replay/replay_test_support.h"

namespace dscosim::scenarios {
namespace {

using test_support::ExampleDir;
using test_support::ExampleFiles;
using test_support::Failures;
using test_support::InProcess;

TEST(Replay, ExampleFilesHoldInProcess) {
  const std::vector<std::string> files = ExampleFiles();
  ASSERT_GE(files.size(), 4u);
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    const Result<Scenario> scenario = LoadScenarioFile(file);
    ASSERT_TRUE(scenario.ok()) << scenario.status().ToString();
    auto transport = InProcess();
    const Result<RunReport> report = RunScenario(*scenario, *transport);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_TRUE(report->held()) << Failures(*report);
    EXPECT_GT(report->checks, 0u);
    EXPECT_EQ(report->trace_hash.size(), 16u);
    EXPECT_GT(report->trace_events, 0u);
  }
}

// The contract of `--url`: the same steps over HTTP give the same bytes.
TEST(Replay, OverHttpIsByteIdenticalToInProcess) {
  fakes::ServerOptions options;
  options.tenant.mode = fakes::ClockMode::kManual;
  fakes::FakeServer server(options);
  ASSERT_TRUE(server.Start().ok());
  for (const std::string& file : ExampleFiles()) {
    SCOPED_TRACE(file);
    const Result<Scenario> scenario = LoadScenarioFile(file);
    ASSERT_TRUE(scenario.ok());
    auto local = InProcess();
    auto http = fakes::HttpTransport::Create(server.base_url());
    ASSERT_TRUE(http.ok()) << http.status().ToString();
    const Result<RunReport> a = RunScenario(*scenario, *local);
    const Result<RunReport> b = RunScenario(*scenario, **http);
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_EQ(a->steps.size(), b->steps.size());
    for (std::size_t i = 0; i < a->steps.size(); ++i) {
      EXPECT_EQ(a->steps[i].status, b->steps[i].status) << "step " << i;
      EXPECT_EQ(a->steps[i].content_type, b->steps[i].content_type) << "step " << i;
      EXPECT_EQ(a->steps[i].body, b->steps[i].body) << "step " << i;
    }
    EXPECT_EQ(a->trace_hash, b->trace_hash);
    EXPECT_EQ(a->trace_events, b->trace_events);
    EXPECT_EQ(a->responses_hash, b->responses_hash);
    EXPECT_TRUE(b->held()) << Failures(*b);
  }
  server.Stop();
}

TEST(Replay, SameFileTwiceSameHashes) {
  const Result<Scenario> scenario = LoadScenarioFile(ExampleDir() + "/order-lifecycle.json");
  ASSERT_TRUE(scenario.ok());
  auto first = InProcess();
  auto second = InProcess();
  const Result<RunReport> a = RunScenario(*scenario, *first);
  const Result<RunReport> b = RunScenario(*scenario, *second);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->trace_hash, b->trace_hash);
  EXPECT_EQ(a->responses_hash, b->responses_hash);
  // Another seed is another world (other ids), so other bytes.
  Scenario reseeded = *scenario;
  reseeded.seed += 1;
  auto third = InProcess();
  const Result<RunReport> c = RunScenario(reseeded, *third);
  ASSERT_TRUE(c.ok());
  EXPECT_NE(a->responses_hash, c->responses_hash);
}

TEST(Replay, AFailedExpectationIsReportedAndTheRestRuns) {
  Result<Scenario> scenario = LoadScenarioFile(ExampleDir() + "/order-lifecycle.json");
  ASSERT_TRUE(scenario.ok());
  scenario->steps[1].expect.statuses = {200};  // the order is still in post-processing: 404
  auto transport = InProcess();
  const Result<RunReport> report = RunScenario(*scenario, *transport);
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->held());
  EXPECT_EQ(report->failed_steps, 1u);
  EXPECT_EQ(report->failed_checks, 1u);
  EXPECT_EQ(report->steps.size(), scenario->steps.size());
  EXPECT_FALSE(report->steps[1].held());
  EXPECT_EQ(report->steps[1].verdicts[0].got, "404");
  EXPECT_NE(FormatStepReport(report->steps[1], false).find("FAILED"), std::string::npos);
}

TEST(Replay, AStepThatCannotSaveLeavesLaterUsesNotRun) {
  Result<Scenario> scenario = LoadScenarioFile(ExampleDir() + "/order-lifecycle.json");
  ASSERT_TRUE(scenario.ok());
  scenario->steps[0].save = {{"order", "/noSuchField"}};
  auto transport = InProcess();
  const Result<RunReport> report = RunScenario(*scenario, *transport);
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->steps[0].held());
  EXPECT_FALSE(report->steps[1].not_run.empty());
}

Status RunFirstError(const Json& doc) {
  const Result<Scenario> scenario = ParseScenario(doc);
  if (!scenario.ok()) return scenario.status();
  auto transport = InProcess();
  const Result<RunReport> report = RunScenario(*scenario, *transport);
  return report.ok() ? Status::Ok() : report.status();
}

TEST(Replay, RuntimeErrorsNameTheStepAndField) {
  const Json world = Json::parse(R"({"accounts": [{"key": "r1", "role": "retailer", "name": "R"}]})");
  Json doc = {{"dscosimScenario", 1}, {"world", world}, {"steps", {{{"as", "r1"}, {"op", "getOrderz"}}}}};
  Status s = RunFirstError(doc);
  EXPECT_EQ(s.field(), "steps[0].op");
  EXPECT_NE(s.message().find("did you mean getOrders?"), std::string::npos) << s.message();

  doc["steps"][0] = {{"as", "nobody"}, {"op", "getOrders"}};
  EXPECT_EQ(RunFirstError(doc).field(), "steps[0].as");

  doc["steps"][0] = {{"as", "r1"}, {"op", "getOrderById"}, {"params", {"x"}}};
  EXPECT_EQ(RunFirstError(doc).field(), "steps[0].params");

  doc["steps"] = {{{"advance", {{"seconds", 60}}}}, {{"at", "2000-01-01T00:00:00Z"}, {"settle", true}}};
  EXPECT_EQ(RunFirstError(doc).field(), "steps[1].at");

  doc["world"] = {{"accounts", {{{"key", "r1"}, {"role", "wholesaler"}}}}};
  doc["steps"] = Json::array();
  s = RunFirstError(doc);
  EXPECT_EQ(s.field(), "world");
  EXPECT_NE(s.message().find("role"), std::string::npos) << s.message();
}

TEST(Replay, AnUnreachableFakeIsUnavailable) {
  auto http = fakes::HttpTransport::Create("http://127.0.0.1:1");
  ASSERT_TRUE(http.ok());
  const Result<Scenario> scenario = LoadScenarioFile(ExampleDir() + "/order-lifecycle.json");
  ASSERT_TRUE(scenario.ok());
  const Result<RunReport> report = RunScenario(*scenario, **http);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kUnavailable);
}

TEST(Replay, HttpTransportRefusesUrlsItCannotUse) {
  for (const char* url : {"https://127.0.0.1:8080", "http://127.0.0.1", "http://127.0.0.1:8080/other",
                          "127.0.0.1:8080"}) {
    EXPECT_FALSE(fakes::HttpTransport::Create(url).ok()) << url;
  }
  for (const char* url : {"http://127.0.0.1:8080", "http://127.0.0.1:8080/api/v3", "http://127.0.0.1:8080/t/ci-1",
                          "http://127.0.0.1:8080/t/ci-1/_dscosim/"}) {
    EXPECT_TRUE(fakes::HttpTransport::Create(url).ok()) << url;
  }
}

}  // namespace
}  // namespace dscosim::scenarios
