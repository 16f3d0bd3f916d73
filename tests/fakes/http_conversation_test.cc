// Conversations over HTTP: the customer-care guide's flow end to end, the 5-second
// rule, closed conversations, text/plain errors, limits.
#include <gtest/gtest.h>

#include "dscosim/fakes/testing/fake_server_test.h"

namespace dscosim::fakes {
namespace {

using Json = nlohmann::json;

class HttpConversation : public FakeServerTest {
 protected:
  // An order between retailer 0 and the supplier at `supplier`, from the demo world.
  std::pair<std::string, std::string> SomeOrder(std::size_t supplier = 0) {
    const std::string retailer = Accounts(Role::kRetailer)[0].dsco_account_id;
    const std::string sup = Accounts(Role::kSupplier)[supplier].dsco_account_id;
    Tenant& t = server().tenant();
    std::lock_guard<std::mutex> lock(t.mu);
    for (const auto& [id, o] : t.world.orders().orders()) {
      if (o.retailer_id == retailer && o.supplier_id == sup) return {o.po_number, sup};
    }
    return {"", sup};
  }
  std::string Iso(Time t) { return FormatIso8601(t); }
};

TEST_F(HttpConversation, TheCustomerCareFlowEndToEnd) {
  DscoClient retailer = Retailer(0);
  DscoClient supplier = Supplier(0);
  const auto [po, supplier_id] = SomeOrder(0);
  ASSERT_FALSE(po.empty());
  const Time since = Now();

  // 1. The retailer forwards the consumer's message in a new customer-care conversation.
  const ClientResponse created = retailer.Post(
      "/conversation", {{"otherPartyDscoAccountId", supplier_id},
                        {"title", "Late order complaint on " + po},
                        {"type", {{"type", "customer_care"}, {"consumerId", "12345"}}},
                        {"context", {{"type", "order"}, {"poNumber", po}}},
                        {"initialMessage", {{"message", "Why is my order late?"}}}});
  ASSERT_EQ(created.status, 201) << created.body;
  const Json conversation = created.json();
  EXPECT_EQ(conversation["status"], "in_progress");  // the guide: a message starts it
  EXPECT_EQ(conversation["initiatedBy"], "retailer");
  EXPECT_EQ(conversation["context"]["poNumber"], po);
  EXPECT_TRUE(conversation["context"].contains("dscoOrderId"));
  const std::string id = conversation["id"];

  // 2. The supplier polls: the until must be at least 5 s old.
  Advance(30);
  const ClientResponse too_recent = supplier.Post(
      "/conversation/message/list",
      {{"type", {{"type", "customer_care"}}}, {"createdSince", Iso(since)}, {"until", Iso(Now())}});
  EXPECT_EQ(too_recent.status, 400);
  EXPECT_EQ(too_recent.content_type, "text/plain");
  EXPECT_NE(too_recent.body.find("until"), std::string::npos);
  const ClientResponse polled = supplier.Post(
      "/conversation/message/list", {{"type", {{"type", "customer_care"}}},
                                     {"createdSince", Iso(since)},
                                     {"until", Iso(Now() - std::chrono::seconds(5))}});
  ASSERT_EQ(polled.status, 200) << polled.body;
  ASSERT_EQ(polled.json()["messages"].size(), 1u);
  const Json message = polled.json()["messages"][0];
  EXPECT_EQ(message["message"], "Why is my order late?");
  EXPECT_EQ(message["type"]["customerCareType"], "message_from_consumer");
  EXPECT_EQ(message["type"]["consumerId"], "12345");
  EXPECT_EQ(message["dscoConversationId"], id);
  EXPECT_EQ(message["dscoTradingPartnerId"], "RET-1");  // the supplier's id for the retailer

  // 3. It answers and closes.
  const ClientResponse answer = supplier.Post(
      "/conversation/message", {{"dscoConversationId", id}, {"message", "It ships tomorrow."}});
  ASSERT_EQ(answer.status, 201) << answer.body;
  EXPECT_EQ(answer.json()["type"]["customerCareType"], "response_to_consumer");
  const ClientResponse closed = supplier.Put("/conversation", {{"dscoConversationId", id}, {"status", "closed"}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json()["status"], "closed");
  EXPECT_TRUE(closed.json().contains("closedDate"));

  // 4. The retailer reads the response.
  Advance(10);
  const ClientResponse read = retailer.Post(
      "/conversation/message/list",
      {{"type", {{"type", "customer_care"}, {"customerCareType", "response_to_consumer"}}},
       {"createdSince", Iso(since)}, {"until", Iso(Now() - std::chrono::seconds(5))}});
  ASSERT_EQ(read.status, 200);
  ASSERT_EQ(read.json()["messages"].size(), 1u);
  EXPECT_EQ(read.json()["messages"][0]["message"], "It ships tomorrow.");

  // A closed conversation refuses a message, and nothing changes.
  const ClientResponse refused = retailer.Post("/conversation/message", {{"dscoConversationId", id}, {"message", "?"}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.content_type, "text/plain");
  EXPECT_NE(refused.body.find("closed"), std::string::npos);
}

class HttpConversationPaging : public FakeServerTest {
 protected:
  ServerOptions Options() const override {
    ServerOptions o = FakeServerTest::Options();
    o.tenant.world_options.conversations.page_size = 2;  // small pages, so the scroll shows
    return o;
  }
  std::string Iso(Time t) { return FormatIso8601(t); }
};

TEST_F(HttpConversationPaging, PollingFollowsTheScrollToTheEmptyPage) {
  DscoClient retailer = Retailer(0);
  DscoClient supplier = Supplier(0);
  const std::string supplier_id = Accounts(Role::kSupplier)[0].dsco_account_id;
  const Time since = Now();
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(retailer.Post("/conversation", {{"otherPartyDscoAccountId", supplier_id},
                                              {"title", "Q" + std::to_string(i)},
                                              {"initialMessage", {{"message", "m" + std::to_string(i)}}}})
                  .status,
              201);
  }
  Advance(10);
  std::vector<std::string> seen;
  ClientResponse page = supplier.Post("/conversation/message/list",
                                      {{"createdSince", Iso(since)}, {"until", Iso(Now() - std::chrono::seconds(5))}});
  while (true) {
    ASSERT_EQ(page.status, 200) << page.body;
    for (const Json& m : page.json()["messages"]) seen.push_back(m["message"]);
    if (!page.json().contains("scrollId")) break;
    page = supplier.Post("/conversation/message/list", {{"scrollId", page.json()["scrollId"]}});
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"m0", "m1", "m2", "m3", "m4"}));
  const ClientResponse unknown = supplier.Post("/conversation/message/list", {{"scrollId", "nope"}});
  EXPECT_EQ(unknown.status, 404);
}

TEST_F(HttpConversation, ErrorsAreTextPlainAndNameTheField) {
  DscoClient retailer = Retailer(0);
  const auto expect_400 = [&](const Json& body, const std::string& field) {
    const ClientResponse r = retailer.Post("/conversation", body);
    EXPECT_EQ(r.status, 400) << body.dump();
    EXPECT_EQ(r.content_type, "text/plain");
    EXPECT_EQ(r.body.rfind(field + ":", 0), 0u) << r.body;
  };
  expect_400({{"title", "x"}}, "otherPartyDscoAccountId");
  expect_400({{"title", 5}, {"otherPartyTradingPartnerId", "SUP-1"}}, "title");
  expect_400({{"title", std::string(51, 'x')}, {"otherPartyTradingPartnerId", "SUP-1"}}, "title");
  expect_400({{"title", "x"}, {"otherPartyTradingPartnerId", "SUP-1"}, {"type", "customer_care"}}, "type");
  expect_400({{"title", "x"}, {"otherPartyTradingPartnerId", "SUP-1"}, {"context", {{"type", "planet"}}}},
             "context.type");
  expect_400({{"title", "x"}, {"otherPartyTradingPartnerId", "SUP-1"}, {"dueDate", "tomorrow"}}, "dueDate");
  const ClientResponse not_json = retailer.Send("POST", "/conversation", "{title:", "application/json");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_NE(not_json.body.find("not valid JSON"), std::string::npos);
  // Unknown fields are tolerated.
  EXPECT_EQ(retailer.Post("/conversation", {{"title", "x"}, {"otherPartyTradingPartnerId", "SUP-1"},
                                            {"somethingNew", {{"a", 1}}}})
                .status,
            201);
}

TEST_F(HttpConversation, OutsidersGetTheSameAnswerAsForNothing) {
  DscoClient r0 = Retailer(0);
  DscoClient r1 = Retailer(1);
  const std::string supplier_id = Accounts(Role::kSupplier)[0].dsco_account_id;
  const ClientResponse created = r0.Post("/conversation", {{"otherPartyDscoAccountId", supplier_id}, {"title", "secret"}});
  ASSERT_EQ(created.status, 201);
  const std::string id = created.json()["id"];
  const ClientResponse hidden = r1.Post("/conversation/message", {{"dscoConversationId", id}, {"message", "hi"}});
  const ClientResponse missing = r1.Post("/conversation/message", {{"dscoConversationId", "1"}, {"message", "hi"}});
  EXPECT_EQ(hidden.status, missing.status);
  EXPECT_EQ(hidden.body.substr(0, hidden.body.find(' ')), missing.body.substr(0, missing.body.find(' ')));
}

class HttpConversationLimits : public FakeServerTest {
 protected:
  ServerOptions Options() const override {
    ServerOptions o = FakeServerTest::Options();
    o.tenant.rate_limits = true;
    return o;
  }
};

TEST_F(HttpConversationLimits, FivePerSecondThen429UntilTheNextSecond) {
  DscoClient retailer = Retailer(0);
  const Json query = {{"test", "all"}};
  for (int i = 0; i < 5; ++i) EXPECT_EQ(retailer.Post("/conversation/list", query).status, 200) << i;
  EXPECT_EQ(retailer.Post("/conversation/list", query).status, 429);
  // Another endpoint has its own limit; another account too.
  EXPECT_EQ(retailer.Post("/conversation/message/list", query).status, 200);
  EXPECT_EQ(Retailer(1).Post("/conversation/list", query).status, 200);
  Advance(1);
  EXPECT_EQ(retailer.Post("/conversation/list", query).status, 200);
}

TEST_F(HttpConversationLimits, BodiesOverTheLimitAre413) {
  DscoClient retailer = Retailer(0);
  const std::string huge(5 * 1024 * 1024 + 1, 'x');
  const ClientResponse r = retailer.Send("POST", "/conversation", huge, "application/json");
  EXPECT_EQ(r.status, 413);
}

}  // namespace
}  // namespace dscosim::fakes
