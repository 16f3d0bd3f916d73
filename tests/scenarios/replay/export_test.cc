// Exporting a tenant as a scenario file (GET /_dscosim/scenario): every example file,
// replayed, exported and replayed again from the export, rebuilds the same model (same
// trace hash); the export is a valid scenario document; a state that the API calls
// cannot rebuild (a restored snapshot) is refused naming `history`, and a reset starts
// the export afresh.
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "dscosim/fakes/in_process_transport.h"
#include "dscosim/scenarios/replay/runner.h"
#include "dscosim/scenarios/worlds/world_builder.h"
#include "dscosim/tests/scenarios/replay/replay_test_support.h"

namespace dscosim::scenarios {
namespace {

using Json = nlohmann::json;

using test_support::ExampleDir;
using test_support::ExampleFiles;
using test_support::Failures;
using test_support::InProcess;

// A control request whose body is JSON text (or empty); the test fails on no answer.
fakes::WireResponse Control(fakes::Transport& transport, const std::string& method, const std::string& path,
                            const std::string& body = "") {
  const Result<fakes::WireResponse> answer =
      SendControl(transport, method, path, body.empty() ? Json(nullptr) : Json::parse(body));
  EXPECT_TRUE(answer.ok()) << answer.status().ToString();
  return answer.ok() ? *answer : fakes::WireResponse{};
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

// Token requests are left out of the export, and a replay gets its tokens at other
// moments; the scroll ids the model hands out must not depend on them, or the exported
// `scrollId` would name nothing on replay.
TEST(ExportScenario, AScrollFollowedAfterExtraTokenRequestsReplays) {
  WorldBuilder builder;
  builder.Start("2026-03-02T09:00:00Z").Retailer("r1", "Northwind").Supplier("s1", "Acme").Partners("r1", "s1");
  builder.Item("s1", "TENT-2P", {{"MAIN", 100}});
  for (int n = 1; n <= 12; ++n) {
    builder.Order("r1", {{"poNumber", "PO-" + std::to_string(n)},
                         {"shipping", {{"name", "Ada"}, {"address1", "1 Main St"}, {"city", "Springfield"},
                                       {"region", "IL"}, {"postal", "62701"}}},
                         {"shippingServiceLevelCode", "UPCG"},
                         {"lineItems", {{{"sku", "TENT-2P"}, {"quantity", 1}}}}});
  }
  Json world = builder.Build();
  world["accounts"][1]["clientId"] = "s1-id";
  world["accounts"][1]["clientSecret"] = "s1-secret";
  fakes::TenantOptions tenant;
  tenant.mode = fakes::ClockMode::kManual;
  tenant.world = world;
  auto made = fakes::InProcessTransport::Create(fakes::ServeOptions{}, tenant);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  fakes::InProcessTransport& t = **made;

  std::string token;
  for (int n = 0; n < 3; ++n) {  // a client that gets more tokens than it needs
    fakes::WireRequest request;
    request.method = "POST";
    request.target = "/api/v3/oauth2/token";
    request.body = "grant_type=client_credentials&client_id=s1-id&client_secret=s1-secret";
    request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    const fakes::WireResponse answer = t.Send(request);
    ASSERT_EQ(answer.status, 200) << answer.body;
    token = Json::parse(answer.body)["access_token"];
  }
  ASSERT_EQ(Control(t, "POST", "/clock/advance", R"({"seconds": 10})").status, 200);
  const auto get = [&](const std::string& target) {
    fakes::WireRequest request;
    request.method = "GET";
    request.target = target;
    request.headers.emplace_back("Authorization", "Bearer " + token);
    return t.Send(request);
  };
  const fakes::WireResponse first =
      get("/api/v3/order/page?ordersCreatedSince=2026-03-01T00:00:00Z&until=2026-03-02T09:00:05Z&ordersPerPage=10");
  ASSERT_EQ(first.status, 200) << first.body;
  const Json page = Json::parse(first.body);
  ASSERT_EQ(page["orders"].size(), 10u);
  ASSERT_TRUE(page["scrollId"].is_string()) << first.body;
  const fakes::WireResponse second = get("/api/v3/order/page?scrollId=" + page["scrollId"].get<std::string>());
  ASSERT_EQ(second.status, 200) << second.body;
  ASSERT_EQ(Json::parse(second.body)["orders"].size(), 2u);

  const fakes::WireResponse exported = Control(t, "GET", "/scenario");
  ASSERT_EQ(exported.status, 200) << exported.body;
  const Result<Scenario> scenario = ParseScenario(Json::parse(exported.body));
  ASSERT_TRUE(scenario.ok()) << scenario.status().ToString();
  auto fresh = InProcess();
  const Result<RunReport> replayed = RunScenario(*scenario, *fresh);
  ASSERT_TRUE(replayed.ok()) << replayed.status().ToString();
  EXPECT_TRUE(replayed->held()) << Failures(*replayed);
  ASSERT_EQ(replayed->steps.size(), 3u);  // two pages and the clock
  EXPECT_EQ(replayed->steps[1].body, second.body);
}

TEST(ExportScenario, ARequestHoldingBracesIsRefusedNamingHistory) {
  auto transport = InProcess();
  fakes::WireRequest request;
  request.method = "GET";
  request.target = "/api/v3/hello?note=%7B%7Bx%7D%7D";  // "{{x}}": a replay would read a variable
  request.headers.emplace_back("Authorization", "Bearer none");
  (void)transport->Send(request);  // refused before its handler (no token): not exported
  EXPECT_EQ(Control(*transport, "GET", "/scenario").status, 200);

  const fakes::WireResponse accounts = Control(*transport, "GET", "/world");
  ASSERT_EQ(accounts.status, 200) << accounts.body;
  const Json account = Json::parse(accounts.body)["accounts"][0];
  fakes::WireRequest token;
  token.method = "POST";
  token.target = "/api/v3/oauth2/token";
  token.body = "grant_type=client_credentials&client_id=" + account["clientId"].get<std::string>() +
               "&client_secret=" + account["clientSecret"].get<std::string>();
  token.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  const fakes::WireResponse issued = transport->Send(token);
  ASSERT_EQ(issued.status, 200) << issued.body;
  request.headers = {{"Authorization", "Bearer " + Json::parse(issued.body)["access_token"].get<std::string>()}};
  ASSERT_EQ(transport->Send(request).status, 200);
  const fakes::WireResponse refused = Control(*transport, "GET", "/scenario");
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(refused.body.find("history"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("{{"), std::string::npos) << refused.body;
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
