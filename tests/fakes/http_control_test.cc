// The control API: the clock at its fixed paths, faults, snapshots, tenants, history,
// counters, worlds.
#include <gtest/gtest.h>

#include <httplib.h>

#include "dscosim/fakes/testing/fake_server_test.h"

namespace dscosim::fakes {
namespace {

using Json = nlohmann::json;

class HttpControl : public FakeServerTest {};

TEST_F(HttpControl, TheClockAtItsFixedPaths) {
  DscoClient control = Anonymous();
  const ClientResponse clock = control.Get("/_dscosim/clock");
  ASSERT_EQ(clock.status, 200);
  EXPECT_EQ(clock.json()["now"], "2026-01-05T09:00:00+00:00");
  EXPECT_EQ(clock.json()["mode"], "manual");
  const ClientResponse advanced = control.Post("/_dscosim/clock/advance", {{"seconds", 90}});
  ASSERT_EQ(advanced.status, 200);
  EXPECT_EQ(advanced.json()["now"], "2026-01-05T09:01:30+00:00");
  EXPECT_EQ(control.Post("/_dscosim/clock/advance", {{"seconds", -1}}).status, 400);
  EXPECT_EQ(control.Post("/_dscosim/clock/mode", {{"mode", "realtime"}, {"speed", 2}}).json()["mode"], "realtime");
}

TEST_F(HttpControl, AdvanceFiresWhatIsDueBeforeAnswering) {
  DscoClient retailer = Retailer(0);
  const std::string supplier = Accounts(Role::kSupplier)[0].dsco_account_id;
  const ClientResponse created = retailer.Post("/conversation", {{"otherPartyDscoAccountId", supplier}, {"title", "idle"}});
  ASSERT_EQ(created.status, 201);
  // Auto-close is 30 days by default.
  ASSERT_EQ(Anonymous().Post("/_dscosim/clock/advance", {{"seconds", 30 * 24 * 3600}}).status, 200);
  Tenant& t = server().tenant();
  std::lock_guard<std::mutex> lock(t.mu);
  EXPECT_EQ(t.world.conversations().Find(created.json()["id"].get<std::string>())->status,
            ConversationStatus::kClosed);
}

TEST_F(HttpControl, FaultRulesByCountThenGone) {
  DscoClient client = Retailer(0);
  DscoClient control = Anonymous();
  const ClientResponse rule = control.Post("/_dscosim/faults",
                                           {{"path", "/api/v3/hello"}, {"status", 503}, {"count", 2}});
  ASSERT_EQ(rule.status, 201) << rule.body;
  EXPECT_EQ(client.Get("/hello").status, 503);
  EXPECT_EQ(client.Get("/hello").status, 503);
  EXPECT_EQ(client.Get("/hello").status, 200);
  const ClientResponse listed = control.Get("/_dscosim/faults");
  EXPECT_EQ(listed.json()["faults"][0]["fired"], 2);
  EXPECT_EQ(control.Post("/_dscosim/faults", {{"path", "/api/v3"}}).status, 400);  // no action
  EXPECT_EQ(control.Send("DELETE", "/_dscosim/faults", "", "").status, 200);
}

TEST_F(HttpControl, FaultsCanMatchAnAccountAndDropTheConnection) {
  DscoClient r0 = Retailer(0);
  DscoClient r1 = Retailer(1);
  DscoClient control = Anonymous();
  ASSERT_EQ(control.Post("/_dscosim/faults", {{"account", Accounts(Role::kRetailer)[0].dsco_account_id},
                                              {"drop", true}, {"count", 1}})
                .status,
            201);
  EXPECT_EQ(r1.Get("/hello").status, 200);
  EXPECT_NE(r0.Get("/hello").status, 200);  // no complete answer
  EXPECT_EQ(r0.Get("/hello").status, 200);
}

TEST_F(HttpControl, FaultAfterTheChangeStillChanges) {
  DscoClient retailer = Retailer(0);
  DscoClient control = Anonymous();
  const std::string supplier = Accounts(Role::kSupplier)[0].dsco_account_id;
  ASSERT_EQ(control.Post("/_dscosim/faults", {{"method", "POST"}, {"path", "/api/v3/conversation"},
                                              {"status", 504}, {"after", true}, {"count", 1}})
                .status,
            201);
  EXPECT_EQ(retailer.Post("/conversation", {{"otherPartyDscoAccountId", supplier}, {"title", "t"}}).status, 504);
  Tenant& t = server().tenant();
  std::lock_guard<std::mutex> lock(t.mu);
  EXPECT_EQ(t.world.conversations().conversations().size(), 1u);  // it happened anyway
}

TEST_F(HttpControl, SnapshotAndRestore) {
  DscoClient retailer = Retailer(0);
  DscoClient control = Anonymous();
  const std::string supplier = Accounts(Role::kSupplier)[0].dsco_account_id;
  ASSERT_EQ(control.Post("/_dscosim/snapshots", {{"name", "clean"}}).status, 201);
  ASSERT_EQ(retailer.Post("/conversation", {{"otherPartyDscoAccountId", supplier}, {"title", "t"}}).status, 201);
  ASSERT_EQ(control.Post("/_dscosim/clock/advance", {{"seconds", 60}}).status, 200);
  ASSERT_EQ(control.Post("/_dscosim/snapshots/clean/restore", Json::object()).status, 200);
  EXPECT_EQ(control.Get("/_dscosim/clock").json()["now"], "2026-01-05T09:00:00+00:00");
  {
    Tenant& t = server().tenant();
    std::lock_guard<std::mutex> lock(t.mu);
    EXPECT_TRUE(t.world.conversations().conversations().empty());
  }
  EXPECT_EQ(retailer.Get("/hello").status, 200);  // the token was in the snapshot
  EXPECT_EQ(control.Post("/_dscosim/snapshots/nope/restore", Json::object()).status, 404);
}

TEST_F(HttpControl, TenantsAreIsolated) {
  DscoClient control = Anonymous();
  const ClientResponse created = control.Post("/_dscosim/tenants", {{"name", "job-7"}, {"seed", 42}, {"mode", "manual"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const Json tenant = created.json();
  EXPECT_EQ(tenant["apiUrl"], server().base_url() + "/t/job-7/api/v3");
  const Json account = tenant["accounts"][0];
  DscoClient in_tenant(tenant["apiUrl"], account["clientId"], account["clientSecret"]);
  ASSERT_EQ(in_tenant.Authenticate().status, 200);
  // The same seed gives the same credentials, but the token only works in its tenant.
  DscoClient in_default(server().api_url());
  in_default.set_token(in_tenant.token());
  EXPECT_EQ(in_default.Get("/hello").status, 401);
  EXPECT_EQ(in_tenant.Get("/hello").status, 200);
  ASSERT_EQ(in_tenant.Post("/_dscosim/clock/advance", {{"seconds", 3600}}).status, 200);
  EXPECT_EQ(control.Get("/_dscosim/clock").json()["now"], "2026-01-05T09:00:00+00:00");
  EXPECT_EQ(control.Post("/_dscosim/tenants", {{"name", "job-7"}}).status, 400);
  EXPECT_EQ(control.Send("DELETE", "/_dscosim/tenants/job-7", "", "").status, 200);
  EXPECT_EQ(in_tenant.Get("/hello").status, 403);  // gone
}

TEST_F(HttpControl, HistoryAndCountersRecordEveryExchange) {
  DscoClient client = Retailer(0);
  ASSERT_EQ(client.Get("/hello?_ts=1").status, 200);
  ASSERT_EQ(client.Get("/nope").status, 403);
  const ClientResponse history = Anonymous().Get("/_dscosim/history");
  ASSERT_EQ(history.status, 200);
  const Json exchanges = history.json()["exchanges"];
  ASSERT_GE(exchanges.size(), 3u);  // token, hello, nope
  const Json hello = exchanges[exchanges.size() - 2];
  EXPECT_EQ(hello["method"], "GET");
  EXPECT_EQ(hello["target"], "/api/v3/hello?_ts=1");
  EXPECT_EQ(hello["status"], 200);
  EXPECT_EQ(hello["account"], Accounts(Role::kRetailer)[0].dsco_account_id);
  EXPECT_EQ(hello["virtualTime"], "2026-01-05T09:00:00.000Z");
  EXPECT_TRUE(hello.contains("wallTime"));
  const ClientResponse lines = Anonymous().Get("/_dscosim/history?format=jsonl&since=" +
                                               std::to_string(hello["seq"].get<int>() - 1));
  EXPECT_EQ(std::count(lines.body.begin(), lines.body.end(), '\n'), 2);
  const Json counters = Anonymous().Get("/_dscosim/counters").json()["counters"];
  EXPECT_EQ(counters["helloWorld 200"], 1);
  EXPECT_EQ(counters["unknown 403"], 1);
}

TEST_F(HttpControl, LoadingAWorldFile) {
  DscoClient control = Anonymous();
  const Json world = {
      {"accounts", {{{"key", "r"}, {"role", "retailer"}, {"name", "Shop"}, {"clientId", "shop-id"},
                     {"clientSecret", "shop-secret"}},
                    {{"key", "s"}, {"role", "supplier"}, {"name", "Maker"}}}},
      {"partners", {{{"retailer", "r"}, {"supplier", "s"}, {"retailerIdForSupplier", "MAKER"}}}},
      {"inventory", {{{"supplier", "s"},
                      {"body", {{"sku", "MUG-1"}, {"status", "in-stock"}, {"quantityAvailable", 5},
                                {"warehouses", {{{"code", "W1"}, {"quantity", 5}}}}}}}}},
      {"orders", {{{"retailer", "r"},
                   {"body", {{"poNumber", "PO-W"},
                             {"shipping", {{"name", "A"}, {"address1", "x"}, {"city", "c"}, {"region", "r"}, {"postal", "p"}}},
                             {"shippingServiceLevelCode", "UPCG"},
                             {"lineItems", {{{"sku", "MUG-1"}, {"quantity", 1}}}}}}}}}};
  const ClientResponse loaded = control.Post("/_dscosim/world", world);
  ASSERT_EQ(loaded.status, 200) << loaded.body;
  DscoClient shop(server().api_url(), "shop-id", "shop-secret");
  ASSERT_EQ(shop.Authenticate().status, 200);
  EXPECT_EQ(shop.Get("/order/?orderKey=poNumber&value=PO-W").status, 200);
  Json broken = world;
  broken["partners"][0]["supplier"] = "nobody";
  const ClientResponse refused = control.Post("/_dscosim/world", broken);
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("partners[0].supplier"), std::string::npos);
}

}  // namespace
}  // namespace dscosim::fakes
