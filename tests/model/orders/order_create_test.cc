// Create Order: validation, item resolution, splitting by supplier, replay, post-
// processing, deadlines.
#include <gtest/gtest.h>

#include "dscosim/tests/support/commerce_fixture.h"
#include "dscosim/tests/support/world_fixture.h"

namespace dscosim {
namespace {

using namespace std::chrono_literals;
using test_support::CommerceWorld;
using Json = nlohmann::json;

// A fingerprint of everything an order operation could change.
std::string OrdersFingerprint(const World& w) {
  Json out;
  for (const auto& [id, o] : w.orders().orders()) out[id] = w.orders().ToJson(o);
  out["events"] = w.events_published();
  out["trace"] = w.trace().hash_hex();
  out["timers"] = w.clock().PendingTimers();
  World probe = w;
  out["nextId"] = probe.ids().NextDscoId();
  return out.dump();
}

#define EXPECT_ORDER_REFUSED(world, statement, expected_code, expected_field)        \
  do {                                                                              \
    const std::string before_ = OrdersFingerprint(world);                           \
    const ::dscosim::Status status_ = (statement).status();                         \
    EXPECT_EQ(status_.code(), (expected_code)) << status_;                          \
    EXPECT_EQ(status_.field(), (expected_field)) << status_;                        \
    EXPECT_EQ(OrdersFingerprint(world), before_) << "a refused call changed state"; \
  } while (false)

TEST(OrderCreate, CreatesAReceivedOrderThatBecomesCreatedAfterPostProcessing) {
  CommerceWorld w;
  auto created = w.world.orders().Create(w.r1.dsco_account_id,
                                         CommerceWorld::OrderBody("PO-1", {{"A-1", 2}, {"A-2", 1}}));
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_FALSE(created->replay);
  ASSERT_EQ(created->orders.size(), 1u);
  const Order& o = created->orders[0];
  EXPECT_EQ(o.dsco_order_id.size(), 10u);
  EXPECT_EQ(o.retailer_id, w.r1.dsco_account_id);
  EXPECT_EQ(o.supplier_id, w.s1.dsco_account_id);
  EXPECT_EQ(o.po_number, "PO-1");
  EXPECT_EQ(o.lifecycle, OrderLifecycle::kReceived);
  EXPECT_EQ(o.dsco_status(), OrderStatus::kCreated);
  ASSERT_EQ(o.lines.size(), 2u);
  EXPECT_EQ(o.lines[0].line_number, 1);
  EXPECT_EQ(o.lines[0].dsco_item_id, w.item_a1);
  EXPECT_EQ(o.lines[0].sku, "A-1");
  EXPECT_EQ(o.lines[0].quantity, 2);
  ASSERT_EQ(o.lines[0].activity.size(), 1u);
  EXPECT_EQ(o.lines[0].activity[0].action, "add");
  EXPECT_EQ(o.lines[0].activity[0].uuid.size(), 32u);

  // Invisible to both sides until post-processing is done.
  EXPECT_EQ(w.world.orders()
                .Get(w.s1.dsco_account_id, OrderKeyType::kDscoOrderId, o.dsco_order_id, {}, {}, false)
                .status()
                .code(),
            StatusCode::kNotFound);
  EXPECT_EQ(w.world.orders()
                .Get(w.r1.dsco_account_id, OrderKeyType::kPoNumber, "PO-1", {}, {}, false)
                .status()
                .code(),
            StatusCode::kNotFound);
  ASSERT_TRUE(w.world.AdvanceBy(3s).ok());
  auto got = w.world.orders().Get(w.s1.dsco_account_id, OrderKeyType::kDscoOrderId,
                                  o.dsco_order_id, {}, {}, false);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ((*got)[0].lifecycle, OrderLifecycle::kCreated);
}

TEST(OrderCreate, ThePostProcessingDelayIsExact) {
  WorldOptions options;
  options.orders.post_processing_delay = 10s;
  CommerceWorld w(options);
  ASSERT_TRUE(w.world.orders().Create(w.r1.dsco_account_id,
                                      CommerceWorld::OrderBody("PO-1", {{"A-1", 1}})).ok());
  ASSERT_TRUE(w.world.AdvanceBy(10s - 1us).ok());
  EXPECT_FALSE(w.world.orders().Get(w.r1.dsco_account_id, OrderKeyType::kPoNumber, "PO-1", {}, {}, false).ok());
  ASSERT_TRUE(w.world.AdvanceBy(1us).ok());
  EXPECT_TRUE(w.world.orders().Get(w.r1.dsco_account_id, OrderKeyType::kPoNumber, "PO-1", {}, {}, false).ok());
}

TEST(OrderCreate, APurchaseOrderForTwoSuppliersBecomesTwoOrders) {
  CommerceWorld w;
  auto created = w.world.orders().Create(
      w.r1.dsco_account_id, CommerceWorld::OrderBody("PO-9", {{"A-1", 1}, {"B-2", 4}, {"A-3", 2}}));
  ASSERT_TRUE(created.ok()) << created.status();
  ASSERT_EQ(created->orders.size(), 2u);
  EXPECT_EQ(created->orders[0].supplier_id, w.s1.dsco_account_id);
  EXPECT_EQ(created->orders[1].supplier_id, w.s2.dsco_account_id);
  EXPECT_EQ(created->orders[0].po_number, "PO-9");
  EXPECT_EQ(created->orders[1].po_number, "PO-9");
  ASSERT_EQ(created->orders[0].lines.size(), 2u);
  EXPECT_EQ(created->orders[0].lines[1].line_number, 3);  // keeps the PO's numbering
  ASSERT_EQ(created->orders[1].lines.size(), 1u);
  EXPECT_EQ(created->orders[1].lines[0].sku, "B-2");
  // Each supplier sees only its own.
  ASSERT_TRUE(w.world.AdvanceBy(3s).ok());
  auto s2 = w.world.orders().Get(w.s2.dsco_account_id, OrderKeyType::kPoNumber, "PO-9", {}, {}, true);
  ASSERT_TRUE(s2.ok());
  ASSERT_EQ(s2->size(), 1u);
  EXPECT_EQ((*s2)[0].supplier_id, w.s2.dsco_account_id);
  // The retailer sees both with returnMultiple, the first without.
  auto all = w.world.orders().Get(w.r1.dsco_account_id, OrderKeyType::kPoNumber, "PO-9", {}, {}, true);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 2u);
  auto first = w.world.orders().Get(w.r1.dsco_account_id, OrderKeyType::kPoNumber, "PO-9", {}, {}, false);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ((*first)[0].dsco_order_id, created->orders[0].dsco_order_id);
}

TEST(OrderCreate, TheSamePoAgainIsAReplayThatChangesNothing) {
  CommerceWorld w;
  auto first = w.world.orders().Create(w.r1.dsco_account_id,
                                       CommerceWorld::OrderBody("PO-1", {{"A-1", 1}}));
  ASSERT_TRUE(first.ok());
  const std::string before = OrdersFingerprint(w.world);
  auto again = w.world.orders().Create(w.r1.dsco_account_id,
                                       CommerceWorld::OrderBody("PO-1", {{"A-2", 9}}));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->replay);
  ASSERT_EQ(again->orders.size(), 1u);
  EXPECT_EQ(again->orders[0].dsco_order_id, first->orders[0].dsco_order_id);
  EXPECT_EQ(again->orders[0].lines[0].sku, "A-1");
  EXPECT_EQ(OrdersFingerprint(w.world), before);
  // Another retailer may use the same PO number.
  auto other = w.world.orders().Create(w.r2.dsco_account_id,
                                       CommerceWorld::OrderBody("PO-1", {{"A-1", 1}}));
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->replay);
}

TEST(OrderCreate, ItemIdentifiersResolveInTheSpecsOrder) {
  CommerceWorld w;
  Json body = CommerceWorld::OrderBody("PO-1", {});
  // The identifiers are tried in the spec's order; the first that matches anything wins.
  body["lineItems"] = Json::array({
      {{"quantity", 1}, {"partnerSku", "R1-A1"}},
      {{"quantity", 1}, {"dscoItemId", w.item_a2}, {"sku", "A-3"}},
      {{"quantity", 1}, {"upc", "012345678905"}, {"dscoSupplierId", w.s2.dsco_account_id}},
  });
  auto created = w.world.orders().Create(w.r1.dsco_account_id, body);
  ASSERT_TRUE(created.ok()) << created.status();
  ASSERT_EQ(created->orders.size(), 2u);
  EXPECT_EQ(created->orders[0].lines[0].dsco_item_id, w.item_a1);
  EXPECT_EQ(created->orders[0].lines[1].dsco_item_id, w.item_a2);  // dscoItemId first
  EXPECT_EQ(created->orders[1].lines[0].dsco_item_id, w.item_b1);
}

TEST(OrderCreate, AnAmbiguousItemIdNeedsTheSupplier) {
  CommerceWorld w;
  Json body = CommerceWorld::OrderBody("PO-1", {});
  body["lineItems"] = Json::array({{{"quantity", 1}, {"upc", "012345678905"}}});
  EXPECT_ORDER_REFUSED(w.world, w.world.orders().Create(w.r1.dsco_account_id, body),
                       StatusCode::kInvalidArgument, "lineItems[0].upc");
  body["dscoTradingPartnerId"] = "S1@R1";  // on the order, it narrows every line
  auto created = w.world.orders().Create(w.r1.dsco_account_id, body);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->orders[0].lines[0].dsco_item_id, w.item_a1);
}

TEST(OrderCreate, ItemsMustBelongToTheRetailersPartners) {
  CommerceWorld w;
  // R2 trades only with S1; B-1 is S2's.
  EXPECT_ORDER_REFUSED(w.world,
                       w.world.orders().Create(w.r2.dsco_account_id,
                                               CommerceWorld::OrderBody("PO-1", {{"B-1", 1}})),
                       StatusCode::kNotFound, "lineItems[0].sku");
  Json body = CommerceWorld::OrderBody("PO-1", {{"A-1", 1}});
  body["dscoSupplierId"] = w.s2.dsco_account_id;  // a partner of R1, but doesn't carry A-1
  EXPECT_ORDER_REFUSED(w.world, w.world.orders().Create(w.r1.dsco_account_id, body),
                       StatusCode::kNotFound, "lineItems[0].sku");
  body["dscoSupplierId"] = w.r2.dsco_account_id;
  EXPECT_ORDER_REFUSED(w.world, w.world.orders().Create(w.r1.dsco_account_id, body),
                       StatusCode::kInvalidArgument, "dscoSupplierId");
}

TEST(OrderCreate, RequiredFieldsAreNamed) {
  CommerceWorld w;
  const auto refused = [&](const std::function<void(Json&)>& edit, const std::string& field,
                           StatusCode code = StatusCode::kInvalidArgument) {
    Json body = CommerceWorld::OrderBody("PO-X", {{"A-1", 1}});
    edit(body);
    EXPECT_ORDER_REFUSED(w.world, w.world.orders().Create(w.r1.dsco_account_id, body), code, field);
  };
  refused([](Json& b) { b.erase("poNumber"); }, "poNumber");
  refused([](Json& b) { b["poNumber"] = 12; }, "poNumber");
  refused([](Json& b) { b["poNumber"] = " "; }, "poNumber");
  refused([](Json& b) { b.erase("shipping"); }, "shipping");
  refused([](Json& b) { b["shipping"].erase("city"); }, "shipping.city");
  refused([](Json& b) { b["shipping"].erase("region"); }, "shipping.region");
  refused([](Json& b) { b["shipping"].erase("postal"); }, "shipping.postal");
  refused([](Json& b) { b["shipping"].erase("address1"); }, "shipping.address1");
  refused([](Json& b) { b["shipping"].erase("lastName"); }, "shipping.name");
  refused([](Json& b) { b.erase("shippingServiceLevelCode"); }, "shippingServiceLevelCode");
  refused([](Json& b) { b.erase("lineItems"); }, "lineItems");
  refused([](Json& b) { b["lineItems"] = Json::array(); }, "lineItems");
  refused([](Json& b) { b["lineItems"][0].erase("quantity"); }, "lineItems[0].quantity");
  refused([](Json& b) { b["lineItems"][0]["quantity"] = 0; }, "lineItems[0].quantity");
  refused([](Json& b) { b["lineItems"][0]["quantity"] = "2"; }, "lineItems[0].quantity");
  refused([](Json& b) { b["lineItems"][0].erase("sku"); }, "lineItems[0]");
  refused([](Json& b) { b["lineItems"][0]["sku"] = "NOPE"; }, "lineItems[0].sku",
          StatusCode::kNotFound);
  refused([](Json& b) { b["orderType"] = "retail"; }, "orderType");
  refused([](Json& b) { b["shipByDate"] = "tomorrow"; }, "shipByDate");
  refused([](Json& b) { b["testFlag"] = "yes"; }, "testFlag");
  refused(
      [](Json& b) {
        b["lineItems"].push_back({{"sku", "A-2"}, {"quantity", 1}, {"lineNumber", 1}});
      },
      "lineItems[1].lineNumber");
}

TEST(OrderCreate, ShippingAlternativesAreAccepted) {
  CommerceWorld w;
  Json body = CommerceWorld::OrderBody("PO-1", {{"A-1", 1}});
  body["shipping"].erase("address1");
  body["shipping"]["address"] = Json::array({"1 Main St", "Apt 2"});
  body["shipping"].erase("firstName");
  body["shipping"].erase("lastName");
  body["shipping"]["name"] = "Ada Lovelace";
  body.erase("shippingServiceLevelCode");
  body["shipCarrier"] = "UPS";
  body["shipMethod"] = "Ground";
  EXPECT_TRUE(w.world.orders().Create(w.r1.dsco_account_id, body).ok());
}

TEST(OrderCreate, OnlyRetailersCreateOrders) {
  CommerceWorld w;
  EXPECT_ORDER_REFUSED(w.world,
                       w.world.orders().Create(w.s1.dsco_account_id,
                                               CommerceWorld::OrderBody("PO-1", {{"A-1", 1}})),
                       StatusCode::kPermissionDenied, "");
}

TEST(OrderCreate, KeepsTheRetailersOtherFieldsAndRendersItsOwn) {
  CommerceWorld w;
  Json body = CommerceWorld::OrderBody("PO-1", {{"A-1", 2}});
  body["giftMessage"] = "Happy birthday";
  body["orderType"] = "Dropship";
  body["dscoStatus"] = "shipped";  // read-only: ignored
  body["lineItems"][0]["expectedCost"] = 12.5;
  body["lineItems"][0]["personalization"] = "A.L.";
  auto created = w.world.orders().Create(w.r1.dsco_account_id, body);
  ASSERT_TRUE(created.ok());
  const Json j = w.world.orders().ToJson(created->orders[0]);
  EXPECT_EQ(j["giftMessage"], "Happy birthday");
  EXPECT_EQ(j["shipping"]["city"], "Springfield");
  EXPECT_EQ(j["orderType"], "dropship");
  EXPECT_EQ(j["dscoStatus"], "created");
  EXPECT_EQ(j["dscoLifecycle"], "received");
  EXPECT_EQ(j["dscoRetailerId"], w.r1.dsco_account_id);
  EXPECT_EQ(j["dscoSupplierId"], w.s1.dsco_account_id);
  EXPECT_EQ(j["dscoSupplierName"], "Supplier One");
  EXPECT_EQ(j["dscoTradingPartnerId"], "S1@R1");
  EXPECT_EQ(j["dscoTradingPartnerName"], "Supplier One");
  EXPECT_EQ(j["testFlag"], false);
  EXPECT_EQ(j["numberOfLineItems"], 1);
  EXPECT_EQ(j["lineItems"][0]["expectedCost"], 12.5);
  EXPECT_EQ(j["lineItems"][0]["personalization"], "A.L.");
  EXPECT_EQ(j["lineItems"][0]["remainingQuantity"], 2);
  EXPECT_EQ(j["lineItems"][0]["dscoItemId"], w.item_a1);
  EXPECT_EQ(j["dscoCreateDate"], "2026-01-05T09:00:00+00:00");
  EXPECT_TRUE(j["packages"].is_array());
}

TEST(OrderCreate, DeadlinesDefaultFromThePolicyOrComeFromTheRetailer) {
  CommerceWorld w;
  auto created = w.world.orders().Create(w.r1.dsco_account_id,
                                         CommerceWorld::OrderBody("PO-1", {{"A-1", 1}}));
  ASSERT_TRUE(created.ok());
  const Order& o = created->orders[0];
  EXPECT_EQ(o.acknowledge_by, o.created + 24h);
  EXPECT_EQ(o.ship_by, o.created + 72h);
  EXPECT_EQ(o.invoice_by, o.created + 72h + 72h);
  EXPECT_EQ(o.cancel_after, o.created + 72h + 24h * 7);
  Json body = CommerceWorld::OrderBody("PO-2", {{"A-1", 1}});
  body["shipByDate"] = "2026-01-07T00:00:00Z";
  auto given = w.world.orders().Create(w.r1.dsco_account_id, body);
  ASSERT_TRUE(given.ok());
  EXPECT_EQ(FormatIso8601(*given->orders[0].ship_by), "2026-01-07T00:00:00+00:00");
}

TEST(OrderCreate, PublishesAnOrderEvent) {
  CommerceWorld w;
  const std::uint64_t before = w.world.events_published();
  auto created = w.world.orders().Create(
      w.r1.dsco_account_id, CommerceWorld::OrderBody("PO-1", {{"A-1", 1}, {"B-1", 1}}));
  ASSERT_TRUE(created.ok());
  ASSERT_EQ(w.world.events_published(), before + 2);
  const DomainEvent& e = w.world.events()[w.world.events().size() - 2];
  EXPECT_EQ(e.object_type, StreamObjectType::kOrder);
  EXPECT_EQ(e.object_key, created->orders[0].dsco_order_id);
  EXPECT_EQ(e.event_reasons, std::vector<std::string>{"create"});
  EXPECT_EQ(e.retailer_id, w.r1.dsco_account_id);
  EXPECT_EQ(e.supplier_id, w.s1.dsco_account_id);
  EXPECT_EQ(e.payload["poNumber"], "PO-1");
  EXPECT_EQ(e.facts["isNew"], true);
  // Post-processing publishes the move to `created`.
  ASSERT_TRUE(w.world.AdvanceBy(3s).ok());
  ASSERT_EQ(w.world.events_published(), before + 4);
  EXPECT_EQ(w.world.events().back().event_reasons,
            std::vector<std::string>{"update_status_lifecycle"});
  EXPECT_EQ(w.world.events().back().payload["dscoLifecycle"], "created");
}

}  // namespace
}  // namespace dscosim
