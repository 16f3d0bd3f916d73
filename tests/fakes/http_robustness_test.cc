// What a hostile or careless client cannot do to the server: nest JSON deep enough to
// overflow a stack, or make a restored snapshot jump ahead; and what tenants created at
// run time inherit from the server.
#include <string>

#include <gtest/gtest.h>

#include "dscosim/fakes/testing/fake_server_test.h"

namespace dscosim::fakes {
namespace {

using Json = nlohmann::json;

class HttpRobustness : public FakeServerTest {};

TEST_F(HttpRobustness, DeeplyNestedJsonIsRefusedNotFatal) {
  DscoClient retailer = Retailer(0);
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  // 403 for the supplier's inventory batch: the role is checked before the body.
  for (const auto& [path, expected] : {std::pair{"/order/batch/small", 400}, std::pair{"/order/", 400},
                                       std::pair{"/inventory/batch/small", 403}}) {
    EXPECT_EQ(retailer.Send("POST", path, deep, "application/json").status, expected) << path;
  }
  const ClientResponse conversation = retailer.Send("POST", "/conversation", deep, "application/json");
  EXPECT_EQ(conversation.status, 400);
  EXPECT_EQ(Anonymous().Send("POST", "/_dscosim/tenants", deep, "application/json").status, 400);
  // 64 levels is still fine (and refused only for its content).
  const std::string shallow = std::string(60, '[') + std::string(60, ']');
  const ClientResponse ok_depth = retailer.Send("POST", "/order/batch/small", shallow, "application/json");
  EXPECT_EQ(ok_depth.status, 202) << ok_depth.body;
  EXPECT_EQ(retailer.Get("/hello").status, 200);
}

TEST_F(HttpRobustness, ARestoredSnapshotDoesNotJumpAheadInRealtime) {
  DscoClient control = Anonymous();
  ASSERT_EQ(control.Post("/_dscosim/clock/mode", {{"mode", "realtime"}, {"speed", 1}}).status, 200);
  const ClientResponse snap = control.Post("/_dscosim/snapshots", {{"name", "start"}});
  ASSERT_EQ(snap.status, 201);
  const std::int64_t at_snapshot = snap.json()["clock"]["nowMicros"];
  ASSERT_EQ(control.Post("/_dscosim/clock/advance", {{"seconds", 86400}}).status, 200);
  const ClientResponse restored = control.Post("/_dscosim/snapshots/start/restore", Json::object());
  ASSERT_EQ(restored.status, 200) << restored.body;
  // Realtime goes on from the snapshot's time (a little wall time passes, never a day).
  const std::int64_t now = restored.json()["clock"]["nowMicros"];
  EXPECT_GE(now, at_snapshot);
  EXPECT_LT(now - at_snapshot, std::int64_t{3600} * 1'000'000);
  // A `to` in the past names `to`.
  const ClientResponse back = control.Post("/_dscosim/clock/advance", {{"to", "2020-01-01T00:00:00Z"}});
  EXPECT_EQ(back.status, 400);
  EXPECT_NE(back.body.find("to:"), std::string::npos) << back.body;
}

TEST_F(HttpRobustness, NewTenantsInheritTheServersRateLimitSettingUnlessTold) {
  DscoClient control = Anonymous();
  const auto burst_429s = [&](const Json& body) {
    const ClientResponse created = control.Post("/_dscosim/tenants", body);
    EXPECT_EQ(created.status, 201) << created.body;
    const Json t = created.json();
    const Json retailer = t["accounts"][0];
    DscoClient client(t["apiUrl"], retailer["clientId"], retailer["clientSecret"]);
    EXPECT_EQ(client.Authenticate().status, 200);
    std::string partner = retailer["tradingPartners"][0]["dscoAccountId"];
    int limited = 0;
    for (int i = 0; i < 8; ++i) {
      const ClientResponse r = client.Post("/conversation", {{"otherPartyDscoAccountId", partner},
                                                            {"title", "T" + std::to_string(i)},
                                                            {"initialMessage", {{"message", "m"}}}});
      if (r.status == 429) ++limited;
    }
    return limited;
  };
  // The fixture's server runs without rate limits; so do its new tenants by default.
  EXPECT_EQ(burst_429s({{"name", "inherits"}, {"mode", "manual"}}), 0);
  EXPECT_EQ(burst_429s({{"name", "limited"}, {"mode", "manual"}, {"rateLimits", true}}), 3);
  EXPECT_EQ(control.Post("/_dscosim/tenants", {{"name", "bad"}, {"rateLimits", "yes"}}).status, 400);
}

}  // namespace
}  // namespace dscosim::fakes
