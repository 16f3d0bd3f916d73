// What happens to an order after creation: acknowledge, ship, cancel, update, request a
// cancel, deadlines.
#include <gtest/gtest.h>

#include "dscosim/tests/support/commerce_fixture.h"

namespace dscosim {
namespace {

using namespace std::chrono_literals;
using test_support::CommerceWorld;
using Json = nlohmann::json;

std::string Fingerprint(const World& w) {
  Json out;
  for (const auto& [id, o] : w.orders().orders()) out[id] = w.orders().ToJson(o);
  out["events"] = w.events_published();
  out["trace"] = w.trace().hash_hex();
  World probe = w;
  out["nextId"] = probe.ids().NextDscoId();
  return out.dump();
}

#define EXPECT_REFUSED_ON(world, statement, expected_code, expected_field)           \
  do {                                                                              \
    const std::string before_ = Fingerprint(world);                                 \
    const ::dscosim::Status status_ = (statement);                                  \
    EXPECT_EQ(status_.code(), (expected_code)) << status_;                          \
    EXPECT_EQ(status_.field(), (expected_field)) << status_;                        \
    EXPECT_EQ(Fingerprint(world), before_) << "a refused call changed state";       \
  } while (false)

Json Ack(const Order& o) { return {{"id", o.dsco_order_id}, {"type", "DSCO_ORDER_ID"}}; }

Json Shipment(const Order& o, const std::string& tracking,
              std::vector<std::pair<std::string, std::int64_t>> lines) {
  Json s = {{"trackingNumber", tracking},
            {"shipCarrier", "UPS"},
            {"shippingServiceLevelCode", "UPCG"},
            {"lineItems", Json::array()}};
  for (auto& [sku, q] : lines) s["lineItems"].push_back({{"sku", sku}, {"quantity", q}});
  return {{"dscoOrderId", o.dsco_order_id}, {"poNumber", o.po_number}, {"shipments", {s}}};
}

Json Cancel(const Order& o, std::vector<std::pair<std::string, std::int64_t>> lines) {
  Json body = {{"id", o.dsco_order_id}, {"type", "DSCO_ORDER_ID"}, {"lineItems", Json::array()}};
  for (auto& [sku, q] : lines) {
    body["lineItems"].push_back({{"sku", sku}, {"cancelledQuantity", q}, {"cancelCode", "OOS"}});
  }
  return body;
}

const Order& Current(CommerceWorld& w, const Order& o) { return *w.world.orders().Find(o.dsco_order_id); }

TEST(OrderAcknowledge, MovesCreatedToAcknowledgedAndShipmentPending) {
  CommerceWorld w;
  const Order o = w.MustCreateOrder("PO-1", {{"A-1", 2}});
  Json ack = Ack(o);
  ack["supplierOrderNumber"] = "SO-77";
  ASSERT_TRUE(w.world.orders().Acknowledge(w.s1.dsco_account_id, ack).ok());
  const Order& after = Current(w, o);
  EXPECT_EQ(after.lifecycle, OrderLifecycle::kAcknowledged);
  EXPECT_EQ(after.dsco_status(), OrderStatus::kShipmentPending);
  EXPECT_EQ(after.supplier_order_number, "SO-77");
  EXPECT_EQ(after.lines[0].status, LineStatus::kAccepted);
  EXPECT_EQ(after.lines[0].accepted_quantity, 2);
  EXPECT_EQ(after.lines[0].activity.back().action, "accept");
  // Now findable by the supplier's own number.
  EXPECT_TRUE(w.world.orders()
                  .Get(w.s1.dsco_account_id, OrderKeyType::kSupplierOrderNumber, "SO-77", {}, {}, false)
                  .ok());
  // Twice changes nothing.
  const std::string before = Fingerprint(w.world);
  EXPECT_TRUE(w.world.orders().Acknowledge(w.s1.dsco_account_id, Ack(o)).ok());
  EXPECT_EQ(Fingerprint(w.world), before);
}

TEST(OrderAcknowledge, ByPoNumberAndRefusals) {
  CommerceWorld w;
  const Order o = w.MustCreateOrder("PO-1", {{"A-1", 2}});
  EXPECT_REFUSED_ON(w.world, w.world.orders().Acknowledge(w.r1.dsco_account_id, Ack(o)),
                    StatusCode::kPermissionDenied, "");
  EXPECT_REFUSED_ON(w.world, w.world.orders().Acknowledge(w.s2.dsco_account_id, Ack(o)),
                    StatusCode::kNotFound, "id");
  EXPECT_REFUSED_ON(w.world,
                    w.world.orders().Acknowledge(w.s1.dsco_account_id,
                                                 {{"id", o.dsco_order_id}, {"type", "ORDER"}}),
                    StatusCode::kInvalidArgument, "type");
  EXPECT_REFUSED_ON(w.world,
                    w.world.orders().Acknowledge(w.s1.dsco_account_id, {{"type", "PO_NUMBER"}}),
                    StatusCode::kInvalidArgument, "id");
  EXPECT_TRUE(w.world.orders()
                  .Acknowledge(w.s1.dsco_account_id, {{"id", "PO-1"}, {"type", "PO_NUMBER"}})
                  .ok());
}

TEST(OrderAcknowledge, AReceivedOrderIsNotThereYet) {
  CommerceWorld w;
  auto created = w.world.orders().Create(w.r1.dsco_account_id,
                                         CommerceWorld::OrderBody("PO-1", {{"A-1", 1}}));
  ASSERT_TRUE(created.ok());
  EXPECT_REFUSED_ON(w.world, w.world.orders().Acknowledge(w.s1.dsco_account_id, Ack(created->orders[0])),
                    StatusCode::kNotFound, "id");
}

TEST(OrderAcknowledgeItems, AcceptsCancelsAndSetsShipDates) {
  CommerceWorld w;
  const Order o = w.MustCreateOrder("PO-1", {{"A-1", 5}, {"A-2", 2}});
  Json body = Ack(o);
  body["lineItems"] = Json::array({
      {{"sku", "A-1"}, {"acceptedQuantity", 3}, {"cancelledQuantity", 2}, {"cancelCode", "OOS"},
       {"estimatedShipDate", "2026-01-06T12:00:00Z"}},
      {{"lineNumber", 2}, {"acceptedQuantity", 2}},
  });
  ASSERT_TRUE(w.world.orders().AcknowledgeItems(w.s1.dsco_account_id, body).ok());
  const Order& after = Current(w, o);
  EXPECT_EQ(after.lines[0].accepted_quantity, 3);
  EXPECT_EQ(after.lines[0].cancelled_quantity, 2);
  EXPECT_EQ(after.lines[0].remaining(), 3);
  EXPECT_EQ(after.lines[0].cancel_code, "OOS");
  EXPECT_EQ(FormatIso8601(*after.lines[0].estimated_ship_date), "2026-01-06T12:00:00+00:00");
  EXPECT_EQ(after.lifecycle, OrderLifecycle::kAcknowledged);
  EXPECT_EQ(w.world.events().back().object_type, StreamObjectType::kOrderItemChange);
  EXPECT_EQ(w.world.events().back().facts["status"], "cancelled");

  Json too_many = Ack(o);
  too_many["lineItems"] = Json::array({{{"sku", "A-1"}, {"cancelledQuantity", 4}, {"cancelCode", "X"}}});
  EXPECT_REFUSED_ON(w.world, w.world.orders().AcknowledgeItems(w.s1.dsco_account_id, too_many),
                    StatusCode::kInvalidArgument, "lineItems[0].cancelledQuantity");
  Json no_code = Ack(o);
  no_code["lineItems"] = Json::array({{{"sku", "A-1"}, {"cancelledQuantity", 1}}});
  EXPECT_REFUSED_ON(w.world, w.world.orders().AcknowledgeItems(w.s1.dsco_account_id, no_code),
                    StatusCode::kInvalidArgument, "lineItems[0].cancelCode");
}

TEST(OrderShip, ShipsPartOfALineThenTheRest) {
  CommerceWorld w;
  const Order o = w.MustCreateOrder("PO-1", {{"A-1", 3}, {"A-2", 1}});
  ASSERT_TRUE(w.world.orders().Ship(w.s1.dsco_account_id, Shipment(o, "1Z001", {{"A-1", 2}})).ok());
  const Order& partial = Current(w, o);
  EXPECT_EQ(partial.lifecycle, OrderLifecycle::kAcknowledged);  // shipping implies it
  EXPECT_EQ(partial.dsco_status(), OrderStatus::kShipped);
  EXPECT_EQ(partial.lines[0].shipped_quantity, 2);
  EXPECT_EQ(partial.lines[0].remaining(), 1);
  EXPECT_EQ(partial.lines[0].status, LineStatus::kAccepted);
  EXPECT_EQ(partial.lines[0].status_reason, "Tracking # 1Z001 added");
  EXPECT_EQ(partial.lines[0].activity.back().action, "ship");
  ASSERT_EQ(partial.packages.size(), 1u);
  EXPECT_EQ(partial.packages[0].tracking_number, "1Z001");
  EXPECT_EQ(partial.packages[0].items[0].quantity, 2);
  EXPECT_GT(partial.packages[0].dsco_package_id, 0);
  ASSERT_TRUE(w.world.orders()
                  .Ship(w.s1.dsco_account_id, Shipment(o, "1Z002", {{"A-1", 1}, {"A-2", 1}}))
                  .ok());
  const Order& done = Current(w, o);
  EXPECT_EQ(done.lifecycle, OrderLifecycle::kCompleted);
  EXPECT_EQ(done.dsco_status(), OrderStatus::kShipped);
  EXPECT_EQ(done.packages.size(), 2u);
  EXPECT_EQ(done.remaining_quantity(), 0);
}

TEST(OrderShip, NeverMoreThanRemains) {
  CommerceWorld w;
  const Order o = w.MustCreateOrder("PO-1", {{"A-1", 3}});
  EXPECT_REFUSED_ON(w.world, w.world.orders().Ship(w.s1.dsco_account_id, Shipment(o, "T", {{"A-1", 4}})),
                    StatusCode::kInvalidArgument, "shipments[0].lineItems[0].quantity");
  // Two lines of the same request add up.
  Json both = Shipment(o, "T", {{"A-1", 2}, {"A-1", 2}});
  EXPECT_REFUSED_ON(w.world, w.world.orders().Ship(w.s1.dsco_account_id, both),
                    StatusCode::kInvalidArgument, "shipments[0].lineItems[1].quantity");
  ASSERT_TRUE(w.world.orders().CancelItems(w.s1.dsco_account_id, Cancel(o, {{"A-1", 2}})).ok());
  EXPECT_REFUSED_ON(w.world, w.world.orders().Ship(w.s1.dsco_account_id, Shipment(o, "T", {{"A-1", 2}})),
                    StatusCode::kInvalidArgument, "shipments[0].lineItems[0].quantity");
}

TEST(OrderShip, TheFieldsProductionRequires) {
  CommerceWorld w;
  const Order o = w.MustCreateOrder("PO-1", {{"A-1", 3}});
  const auto refused = [&](const std::function<void(Json&)>& edit, const std::string& field) {
    Json body = Shipment(o, "1Z", {{"A-1", 1}});
    edit(body);
    EXPECT_REFUSED_ON(w.world, w.world.orders().Ship(w.s1.dsco_account_id, body),
                      StatusCode::kInvalidArgument, field);
  };
  refused([](Json& b) { b.erase("poNumber"); }, "poNumber");
  refused([](Json& b) { b["shipments"][0].erase("shipCarrier"); }, "shipments[0].shipCarrier");
  refused([](Json& b) { b["shipments"][0].erase("shippingServiceLevelCode"); },
          "shipments[0].shippingServiceLevelCode");
  refused([](Json& b) { b["shipments"][0]["shippingServiceLevelCode"] = "GCG"; },
          "shipments[0].shippingServiceLevelCode");
  refused([](Json& b) { b["shipments"][0].erase("trackingNumber"); }, "shipments[0].trackingNumber");
  refused(
      [](Json& b) {
        b["shipments"][0]["lineItems"][0].erase("sku");
        b["shipments"][0]["lineItems"][0]["lineNumber"] = 1;
      },
      "shipments[0].lineItems[0].sku");
  refused([](Json& b) { b["shipments"][0]["lineItems"][0].erase("quantity"); },
          "shipments[0].lineItems[0].quantity");
  refused([](Json& b) { b["shipments"] = Json::array(); }, "shipments");
  // Relaxed: the spec's own minimum.
  WorldOptions relaxed;
  relaxed.orders.strict_shipments = ShipmentStrictness::kOff;
  CommerceWorld lax(relaxed);
  const Order lo = lax.MustCreateOrder("PO-1", {{"A-1", 3}});
  Json minimal = {{"dscoOrderId", lo.dsco_order_id},
                  {"shipments", {{{"trackingNumber", "1Z"},
                                  {"lineItems", {{{"lineNumber", 1}, {"quantity", 1}}}}}}}};
  EXPECT_TRUE(lax.world.orders().Ship(lax.s1.dsco_account_id, minimal).ok());
}

TEST(OrderShip, PublishesItemChangeAndOrderEvents) {
  CommerceWorld w;
  const Order o = w.MustCreateOrder("PO-1", {{"A-1", 3}});
  const std::uint64_t before = w.world.events_published();
  ASSERT_TRUE(w.world.orders().Ship(w.s1.dsco_account_id, Shipment(o, "1Z9", {{"A-1", 1}})).ok());
  ASSERT_EQ(w.world.events_published(), before + 2);
  const DomainEvent& change = w.world.events()[w.world.events().size() - 2];
  EXPECT_EQ(change.object_type, StreamObjectType::kOrderItemChange);
  EXPECT_EQ(change.payload["status"], "shipped");
  EXPECT_EQ(change.payload["trackingNumber"], "1Z9");
  EXPECT_EQ(change.payload["lineItems"][0]["quantity"], 1);
  EXPECT_EQ(change.payload["order"]["dscoOrderId"], o.dsco_order_id);
  EXPECT_EQ(w.world.events().back().event_reasons, std::vector<std::string>{"add_shipment"});
}

TEST(OrderCancelItems, CancelsUnitsAndCompletesWhenNothingRemains) {
  CommerceWorld w;
  const Order o = w.MustCreateOrder("PO-1", {{"A-1", 2}, {"A-2", 1}});
  ASSERT_TRUE(w.world.orders().CancelItems(w.s1.dsco_account_id, Cancel(o, {{"A-1", 1}})).ok());
  EXPECT_EQ(Current(w, o).lines[0].cancelled_quantity, 1);
  EXPECT_EQ(Current(w, o).lines[0].status, std::nullopt);
  EXPECT_EQ(Current(w, o).dsco_status(), OrderStatus::kShipmentPending);
  ASSERT_TRUE(w.world.orders().CancelItems(w.s1.dsco_account_id, Cancel(o, {{"A-1", 1}, {"A-2", 1}})).ok());
  const Order& done = Current(w, o);
  EXPECT_EQ(done.lines[0].status, LineStatus::kCancelled);
  EXPECT_EQ(done.dsco_status(), OrderStatus::kCancelled);
  EXPECT_EQ(done.lifecycle, OrderLifecycle::kCompleted);
  EXPECT_REFUSED_ON(w.world, w.world.orders().CancelItems(w.s1.dsco_account_id, Cancel(o, {{"A-1", 1}})),
                    StatusCode::kInvalidArgument, "lineItems[0].cancelledQuantity");
}

TEST(OrderCancelItems, ShippedAndCancelledTogetherMakeShipped) {
  CommerceWorld w;
  const Order o = w.MustCreateOrder("PO-1", {{"A-1", 2}});
  ASSERT_TRUE(w.world.orders().Ship(w.s1.dsco_account_id, Shipment(o, "1Z", {{"A-1", 1}})).ok());
  ASSERT_TRUE(w.world.orders().CancelItems(w.s1.dsco_account_id, Cancel(o, {{"A-1", 1}})).ok());
  EXPECT_EQ(Current(w, o).dsco_status(), OrderStatus::kShipped);
  EXPECT_EQ(Current(w, o).lifecycle, OrderLifecycle::kCompleted);
}

TEST(OrderCancelItems, NeedsACancelCode) {
  CommerceWorld w;
  const Order o = w.MustCreateOrder("PO-1", {{"A-1", 2}});
  Json body = Cancel(o, {{"A-1", 1}});
  body["lineItems"][0].erase("cancelCode");
  EXPECT_REFUSED_ON(w.world, w.world.orders().CancelItems(w.s1.dsco_account_id, body),
                    StatusCode::kInvalidArgument, "lineItems[0].cancelCode");
  WorldOptions strict;
  strict.orders.cancel_codes = {"OOS", "DISC"};
  CommerceWorld coded(strict);
  const Order co = coded.MustCreateOrder("PO-1", {{"A-1", 2}});
  Json unknown = Cancel(co, {{"A-1", 1}});
  unknown["lineItems"][0]["cancelCode"] = "WHATEVER";
  EXPECT_REFUSED_ON(coded.world, coded.world.orders().CancelItems(coded.s1.dsco_account_id, unknown),
                    StatusCode::kInvalidArgument, "lineItems[0].cancelCode");
}

TEST(OrderRequestCancel, ACreatedOrderIsCancelledAtOnce) {
  CommerceWorld w;
  const Order o = w.MustCreateOrder("PO-1", {{"A-1", 2}});
  auto r = w.world.orders().RequestCancel(w.r1.dsco_account_id,
                                          {{"poNumber", "PO-1"}, {"cancelCode", "CUST"}});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->outcome, CancelRequestOutcome::kCancelled);
  EXPECT_EQ(r->request_id.size(), 36u);
  EXPECT_EQ(Current(w, o).dsco_status(), OrderStatus::kCancelled);
  EXPECT_FALSE(Current(w, o).cancel_requested);
}

TEST(OrderRequestCancel, AnAcknowledgedOrderGetsARequestTheSupplierAnswers) {
  CommerceWorld w;
  const Order o = w.MustCreateOrder("PO-1", {{"A-1", 2}, {"A-2", 1}});
  ASSERT_TRUE(w.world.orders().Acknowledge(w.s1.dsco_account_id, Ack(o)).ok());
  auto r = w.world.orders().RequestCancel(
      w.r1.dsco_account_id,
      {{"dscoOrderId", o.dsco_order_id}, {"cancelCode", "CUST"},
       {"lineItems", {{{"sku", "A-1"}}}}});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->outcome, CancelRequestOutcome::kRequested);
  EXPECT_TRUE(Current(w, o).cancel_requested);
  EXPECT_EQ(Current(w, o).cancel_requested_code, "CUST");
  EXPECT_TRUE(Current(w, o).lines[0].cancel_requested);
  EXPECT_FALSE(Current(w, o).lines[1].cancel_requested);
  EXPECT_EQ(w.world.orders().ToJson(Current(w, o))["cancelRequested"], true);
  // The supplier accepts by cancelling the line: the request is settled.
  ASSERT_TRUE(w.world.orders().CancelItems(w.s1.dsco_account_id, Cancel(o, {{"A-1", 2}})).ok());
  EXPECT_FALSE(Current(w, o).cancel_requested);
}

TEST(OrderRequestCancel, TheSupplierMayRejectByAcceptingTheLine) {
  CommerceWorld w;
  const Order o = w.MustCreateOrder("PO-1", {{"A-1", 2}});
  ASSERT_TRUE(w.world.orders().Acknowledge(w.s1.dsco_account_id, Ack(o)).ok());
  ASSERT_TRUE(w.world.orders()
                  .RequestCancel(w.r1.dsco_account_id, {{"poNumber", "PO-1"}, {"cancelCode", "C"}})
                  .ok());
  Json reject = {{"dscoOrderId", o.dsco_order_id},
                 {"updateType", "STATUS"},
                 {"payload", {{{"sku", "A-1"}, {"status", "accepted"}}}}};
  ASSERT_TRUE(w.world.orders().ApplyUpdate(w.s1.dsco_account_id, reject).ok());
  EXPECT_FALSE(Current(w, o).cancel_requested);
  EXPECT_EQ(w.world.events().back().facts["cancelRequestRejected"], true);
}

TEST(OrderRequestCancel, ShippedOrdersAndOthersAreRefused) {
  CommerceWorld w;
  const Order o = w.MustCreateOrder("PO-1", {{"A-1", 2}});
  ASSERT_TRUE(w.world.orders().Ship(w.s1.dsco_account_id, Shipment(o, "1Z", {{"A-1", 1}})).ok());
  EXPECT_REFUSED_ON(w.world,
                    w.world.orders()
                        .RequestCancel(w.r1.dsco_account_id, {{"poNumber", "PO-1"}, {"cancelCode", "C"}})
                        .status(),
                    StatusCode::kFailedPrecondition, "poNumber");
  EXPECT_REFUSED_ON(w.world,
                    w.world.orders().RequestCancel(w.s1.dsco_account_id, {{"poNumber", "PO-1"}, {"cancelCode", "C"}}).status(),
                    StatusCode::kPermissionDenied, "");
  EXPECT_REFUSED_ON(w.world,
                    w.world.orders().RequestCancel(w.r2.dsco_account_id, {{"poNumber", "PO-1"}, {"cancelCode", "C"}}).status(),
                    StatusCode::kNotFound, "poNumber");
  EXPECT_REFUSED_ON(w.world,
                    w.world.orders().RequestCancel(w.r1.dsco_account_id, {{"poNumber", "PO-1"}}).status(),
                    StatusCode::kInvalidArgument, "cancelCode");
}

TEST(OrderUpdate, EstimatedShipDateBySupplier) {
  CommerceWorld w;
  const Order o = w.MustCreateOrder("PO-1", {{"A-1", 2}});
  Json update = {{"poNumber", "PO-1"},
                 {"updateType", "EST_SHIP_DATE"},
                 {"payload", {{{"lineNumber", 1}, {"estimatedShipDate", "2026-01-09T00:00:00Z"},
                               {"estimatedShipReason", "backorder"}}}}};
  ASSERT_TRUE(w.world.orders().ApplyUpdate(w.s1.dsco_account_id, update).ok());
  EXPECT_EQ(Current(w, o).lines[0].estimated_ship_reason, "backorder");
  EXPECT_EQ(w.world.events().back().event_reasons,
            std::vector<std::string>{"update_line_item_estimated_ship_date"});
  EXPECT_REFUSED_ON(w.world, w.world.orders().ApplyUpdate(w.r1.dsco_account_id, update),
                    StatusCode::kPermissionDenied, "updateType");
  update["payload"][0].erase("estimatedShipDate");
  EXPECT_REFUSED_ON(w.world, w.world.orders().ApplyUpdate(w.s1.dsco_account_id, update),
                    StatusCode::kInvalidArgument, "payload[0].estimatedShipDate");
}

TEST(OrderUpdate, StatusCancelsAndRejects) {
  CommerceWorld w;
  const Order o = w.MustCreateOrder("PO-1", {{"A-1", 4}});
  Json update = {{"dscoOrderId", o.dsco_order_id},
                 {"updateType", "STATUS"},
                 {"payload", {{{"sku", "A-1"}, {"status", "cancelled"}, {"cancelledQuantity", 1},
                               {"cancelCode", "OOS"}}}}};
  ASSERT_TRUE(w.world.orders().ApplyUpdate(w.s1.dsco_account_id, update).ok());
  EXPECT_EQ(Current(w, o).lines[0].cancelled_quantity, 1);
  Json everything = {{"dscoOrderId", o.dsco_order_id}, {"updateType", "STATUS"}, {"status", "cancelled"}};
  ASSERT_TRUE(w.world.orders().ApplyUpdate(w.s1.dsco_account_id, everything).ok());
  EXPECT_EQ(Current(w, o).dsco_status(), OrderStatus::kCancelled);
  EXPECT_EQ(Current(w, o).lifecycle, OrderLifecycle::kCompleted);
  Json nothing = {{"dscoOrderId", o.dsco_order_id}, {"updateType", "STATUS"}};
  EXPECT_REFUSED_ON(w.world, w.world.orders().ApplyUpdate(w.s1.dsco_account_id, nothing),
                    StatusCode::kInvalidArgument, "payload");
}

TEST(OrderUpdate, RetailerDataChangesQuantitiesAndDeadlines) {
  CommerceWorld w;
  const Order o = w.MustCreateOrder("PO-1", {{"A-1", 4}});
  ASSERT_TRUE(w.world.orders().Ship(w.s1.dsco_account_id, Shipment(o, "1Z", {{"A-1", 2}})).ok());
  Json update = {{"dscoOrderId", o.dsco_order_id},
                 {"updateType", "RETAILER_DATA"},
                 {"payload", {{{"sku", "A-1"}, {"quantity", 1}}}}};
  EXPECT_REFUSED_ON(w.world, w.world.orders().ApplyUpdate(w.r1.dsco_account_id, update),
                    StatusCode::kInvalidArgument, "payload[0].quantity");
  update["payload"][0]["quantity"] = 3;
  update["payload"][0]["expectedCost"] = 7.25;
  update["retailerData"] = {{"consumerOrderNumber", "C-42"}, {"shipByDate", "2026-01-20T00:00:00Z"},
                            {"channel", "web"}};
  ASSERT_TRUE(w.world.orders().ApplyUpdate(w.r1.dsco_account_id, update).ok());
  const Order& after = Current(w, o);
  EXPECT_EQ(after.lines[0].quantity, 3);
  EXPECT_EQ(after.lines[0].remaining(), 1);
  EXPECT_EQ(after.consumer_order_number, "C-42");
  EXPECT_EQ(FormatIso8601(*after.ship_by), "2026-01-20T00:00:00+00:00");
  EXPECT_EQ(w.world.orders().ToJson(after)["channel"], "web");
  EXPECT_EQ(w.world.orders().ToJson(after)["lineItems"][0]["expectedCost"], 7.25);
  EXPECT_REFUSED_ON(w.world, w.world.orders().ApplyUpdate(w.s1.dsco_account_id, update),
                    StatusCode::kPermissionDenied, "updateType");
}

TEST(OrderDeadlines, LateDatesAreSetWhenADeadlinePassesUnmet) {
  CommerceWorld w;
  const Order o = w.MustCreateOrder("PO-1", {{"A-1", 2}});
  ASSERT_TRUE(w.world.AdvanceTo(*o.acknowledge_by - 1us).ok());
  EXPECT_FALSE(Current(w, o).acknowledge_late.has_value());
  ASSERT_TRUE(w.world.AdvanceTo(*o.acknowledge_by).ok());
  EXPECT_EQ(Current(w, o).acknowledge_late, o.acknowledge_by);
  EXPECT_EQ(w.world.events().back().facts["late"], "acknowledge");
  ASSERT_TRUE(w.world.orders().Ship(w.s1.dsco_account_id, Shipment(o, "1Z", {{"A-1", 2}})).ok());
  ASSERT_TRUE(w.world.AdvanceTo(*o.cancel_after + 1h).ok());
  EXPECT_FALSE(Current(w, o).ship_late.has_value());   // shipped in time
  EXPECT_FALSE(Current(w, o).cancel_late.has_value());
  EXPECT_TRUE(Current(w, o).invoice_late.has_value());  // nothing invoiced
}

TEST(OrderDeadlines, AnAcknowledgedOrderIsNeverAcknowledgeLate) {
  CommerceWorld w;
  const Order o = w.MustCreateOrder("PO-1", {{"A-1", 2}});
  ASSERT_TRUE(w.world.orders().Acknowledge(w.s1.dsco_account_id, Ack(o)).ok());
  ASSERT_TRUE(w.world.AdvanceTo(*o.ship_by + 1us).ok());
  EXPECT_FALSE(Current(w, o).acknowledge_late.has_value());
  EXPECT_EQ(Current(w, o).ship_late, o.ship_by);
}

}  // namespace
}  // namespace dscosim
