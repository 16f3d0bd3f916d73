// Create Return — every rule and every refusal — the return's JSON view and its event.
#include <gtest/gtest.h>

#include "dscosim/tests/model/returns/return_invoice_fixture.h"

namespace dscosim {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using test_support::Body;
using test_support::Line;
using test_support::PutOrder;
using test_support::ReturnTest;
using test_support::State;

// ---------------------------------------------------------------------------------
// Create

TEST_F(ReturnTest, RetailerCreatesAgainstItsOrder) {
  const Time t = w.world.now();
  const Return r = Standard();
  EXPECT_EQ(r.dsco_return_id.size(), 10u);
  EXPECT_EQ(r.retailer_id, R1());
  EXPECT_EQ(r.supplier_id, S1());
  EXPECT_EQ(r.initiated_by, Role::kRetailer);
  EXPECT_EQ(r.initiator_id(), R1());
  EXPECT_EQ(r.dsco_order_id, order.dsco_order_id);
  EXPECT_EQ(r.po_number, "PO-1");
  EXPECT_EQ(r.initiator_number, "RET-1");
  EXPECT_FALSE(r.responder_number.has_value());
  EXPECT_EQ(r.status(), ReturnStatus::kCreated);
  EXPECT_TRUE(r.status_tags().empty());
  ASSERT_EQ(r.lines.size(), 2u);
  EXPECT_EQ(r.lines[0].item.line_number, 1);
  EXPECT_EQ(r.lines[0].quantity, 2);
  EXPECT_EQ(r.lines[0].reason_code, "DAMAGED");
  EXPECT_EQ(r.lines[1].item.line_number, 2);
  EXPECT_EQ(r.created, t);
  EXPECT_EQ(r.last_update, t);
  EXPECT_EQ(store().ReturnedQuantity(order.dsco_order_id, 1), 2);
  EXPECT_EQ(store().ReturnedQuantity(order.dsco_order_id, 2), 1);
  EXPECT_EQ(store().FindByNumber(R1(), "RET-1"), store().Find(r.dsco_return_id));
}

TEST_F(ReturnTest, CreatePublishesAReturnsEvent) {
  const Return r = Standard();
  ASSERT_FALSE(w.world.events().empty());
  const DomainEvent& e = w.world.events().back();
  EXPECT_EQ(e.kind, "return.created");
  EXPECT_EQ(e.object_type, StreamObjectType::kReturns);
  EXPECT_EQ(e.object_key, r.dsco_return_id);
  EXPECT_EQ(e.retailer_id, R1());
  EXPECT_EQ(e.supplier_id, S1());
  EXPECT_EQ(e.actor, R1());
  EXPECT_EQ(e.facts, json({{"status", "created"}}));
  EXPECT_EQ(e.payload, store().ToJson(*store().Find(r.dsco_return_id)));
}

TEST_F(ReturnTest, SupplierCreatesByPoNumberNamingTheRetailer) {
  json body = {{"returnNumber", "S-RET-9"},
               {"poNumber", "PO-1"},
               {"dscoAccountId", R1()},
               {"lineItems", {Line("A-2", 2)}}};
  const Return r = MustCreate(S1(), body);
  EXPECT_EQ(r.initiated_by, Role::kSupplier);
  EXPECT_EQ(r.initiator_id(), S1());
  EXPECT_EQ(r.dsco_order_id, order.dsco_order_id);
  EXPECT_EQ(r.supplier_return_number(), "S-RET-9");

  body["returnNumber"] = "S-RET-10";
  body.erase("dscoAccountId");
  body["dscoTradingPartnerId"] = "R1@S1";
  body["lineItems"] = json::array({Line("A-1", 1)});
  EXPECT_TRUE(store().Create(S1(), body).ok());
}

TEST_F(ReturnTest, SupplierByPoNumberMustNameTheRetailer) {
  const json body = {
      {"returnNumber", "S-1"}, {"poNumber", "PO-1"}, {"lineItems", {Line("A-1", 1)}}};
  EXPECT_RI_REFUSED(w.world, store().Create(S1(), body), StatusCode::kInvalidArgument,
                    "dscoAccountId");
  json bad = body;
  bad["dscoTradingPartnerId"] = "nobody";
  EXPECT_RI_REFUSED(w.world, store().Create(S1(), bad), StatusCode::kInvalidArgument,
                    "dscoTradingPartnerId");
  bad = body;
  bad["dscoAccountId"] = S2();  // not a partner of S1
  EXPECT_RI_REFUSED(w.world, store().Create(S1(), bad), StatusCode::kInvalidArgument,
                    "dscoAccountId");
  bad["dscoAccountId"] = R1();
  bad["dscoTradingPartnerId"] = "R2@S1";  // names another partner
  EXPECT_RI_REFUSED(w.world, store().Create(S1(), bad), StatusCode::kInvalidArgument,
                    "dscoTradingPartnerId");
  bad = body;
  bad["dscoAccountId"] = R2();  // a partner, but PO-1 is not R2's
  EXPECT_RI_REFUSED(w.world, store().Create(S1(), bad), StatusCode::kNotFound, "poNumber");
  bad.erase("poNumber");
  bad["dscoOrderId"] = order.dsco_order_id;  // the order is R1's, not R2's
  EXPECT_RI_REFUSED(w.world, store().Create(S1(), bad), StatusCode::kInvalidArgument,
                    "dscoAccountId");
}

TEST_F(ReturnTest, MalformedBodiesAreRefusedNamingTheField) {
  const std::string id = order.dsco_order_id;
  const auto refused = [&](json body, const std::string& field) {
    SCOPED_TRACE(body.dump(-1, ' ', false, json::error_handler_t::replace));
    EXPECT_RI_REFUSED(w.world, store().Create(R1(), body), StatusCode::kInvalidArgument, field);
  };
  refused(json::array(), "");
  refused({{"dscoOrderId", id}, {"lineItems", {Line("A-1", 1)}}}, "returnNumber");
  refused(Body("", id, {Line("A-1", 1)}), "returnNumber");
  refused({{"returnNumber", "R"}, {"dscoOrderId", id}}, "lineItems");
  refused({{"returnNumber", "R"}, {"dscoOrderId", id}, {"lineItems", json::array()}}, "lineItems");
  refused({{"returnNumber", "R"}, {"dscoOrderId", id}, {"lineItems", "x"}}, "lineItems");
  refused({{"returnNumber", "R"}, {"lineItems", {Line("A-1", 1)}}}, "dscoOrderId");
  refused(Body("R", id, {{{"sku", "A-1"}, {"reasonCode", "X"}}}), "lineItems[0].quantity");
  refused(Body("R", id, {Line("A-1", 0)}), "lineItems[0].quantity");
  refused(Body("R", id, {{{"sku", "A-1"}, {"quantity", 1.5}, {"reasonCode", "X"}}}),
          "lineItems[0].quantity");
  refused(Body("R", id, {{{"sku", "A-1"}, {"quantity", 1}}}), "lineItems[0].reasonCode");
  refused(Body("R", id, {{{"quantity", 1}, {"reasonCode", "X"}}}), "lineItems[0]");
  refused(Body("R", id, {{{"isbn", "0123456789"}, {"quantity", 1}, {"reasonCode", "X"}}}),
          "lineItems[0]");
  refused(Body("R", id, {{{"upc", "12345"}, {"quantity", 1}, {"reasonCode", "X"}}}),
          "lineItems[0].upc");
  refused(
      Body("R", id, {{{"partnerSku", std::string(91, 'p')}, {"quantity", 1}, {"reasonCode", "X"}}}),
      "lineItems[0].partnerSku");
  refused(Body("R", id, {Line("A-1", 1), Line("A-2", 1), {{"sku", 7}}}), "lineItems[2].quantity");
  refused(
      Body("R", id, {{{"sku", "A-1"}, {"quantity", 1}, {"reasonCode", "X"}, {"lineNumber", 0}}}),
      "lineItems[0].lineNumber");
  json b = Body("R", id, {Line("A-1", 1)});
  b["restockingCharge"] = -1;
  refused(b, "restockingCharge");
  b = Body("R", id, {Line("A-1", 1)});
  b["returnDate"] = "yesterday";
  refused(b, "returnDate");
  b = Body("R", id, {Line("A-1", 1)});
  b["returnTrackingNumbers"] = {{"1Z999", 5}};
  refused(b, "returnTrackingNumbers.1Z999");
  b = Body("R", id, {Line("A-1", 1)});
  b["lineItems"][0]["adjustments"] = {{"reason_1", "a lot"}};
  refused(b, "lineItems[0].adjustments.reason_1");
  b = Body("R", id, {Line("A-1", 1)});
  b["reason"] = std::string("bad \xff byte");
  refused(b, "reason");
}

TEST_F(ReturnTest, UnknownCallerIsRefused) {
  EXPECT_RI_REFUSED(w.world,
                    store().Create("9999999999", Body("R", order.dsco_order_id, {Line("A-1", 1)})),
                    StatusCode::kPermissionDenied, "");
}

TEST_F(ReturnTest, AnOrderOutsideThePartiesIsNotFoundLikeAMissingOne) {
  const Order other = PutOrder(w.world, w.r2, w.s1, "PO-R2", {{"A-1", w.item_a1, 1, 1}});
  const Status foreign =
      store().Create(R1(), Body("R", other.dsco_order_id, {Line("A-1", 1)})).status();
  const Status missing = store().Create(R1(), Body("R", "1999999999", {Line("A-1", 1)})).status();
  EXPECT_EQ(foreign.code(), StatusCode::kNotFound);
  EXPECT_EQ(foreign.field(), "dscoOrderId");
  EXPECT_EQ(foreign.message(), "no order " + other.dsco_order_id + " is visible to you");
  EXPECT_EQ(missing.message(), "no order 1999999999 is visible to you");
  // S2 is R1's partner but not this order's supplier.
  EXPECT_RI_REFUSED(w.world, store().Create(S2(), Body("R", order.dsco_order_id, {Line("A-1", 1)})),
                    StatusCode::kNotFound, "dscoOrderId");
  EXPECT_RI_REFUSED(
      w.world,
      store().Create(
          R1(), {{"returnNumber", "R"}, {"poNumber", "PO-NONE"}, {"lineItems", {Line("A-1", 1)}}}),
      StatusCode::kNotFound, "poNumber");
}

TEST_F(ReturnTest, AnOrderInPostProcessingIsNotFound) {
  const Order pending = PutOrder(w.world, w.r1, w.s1, "PO-NEW", {{"A-1", w.item_a1, 1, 1}},
                                 OrderLifecycle::kReceived);
  EXPECT_RI_REFUSED(w.world,
                    store().Create(R1(), Body("R", pending.dsco_order_id, {Line("A-1", 1)})),
                    StatusCode::kNotFound, "dscoOrderId");
}

TEST_F(ReturnTest, PoNumberGivenWithDscoOrderIdMustMatch) {
  json body = Body("R", order.dsco_order_id, {Line("A-1", 1)});
  body["poNumber"] = "PO-2";
  EXPECT_RI_REFUSED(w.world, store().Create(R1(), body), StatusCode::kInvalidArgument, "poNumber");
  body["poNumber"] = "PO-1";
  EXPECT_TRUE(store().Create(R1(), body).ok());
}

TEST_F(ReturnTest, LinesResolveByAnyItemIdentifier) {
  // partnerSku is R1's own sku; upc is the item's; itemId the Dsco id.
  const Return r =
      MustCreate(R1(), Body("R", order.dsco_order_id,
                            {{{"partnerSku", "R1-A1"}, {"quantity", 1}, {"reasonCode", "X"}},
                             {{"itemId", w.item_a2}, {"quantity", 1}, {"reasonCode", "X"}}}));
  EXPECT_EQ(r.lines[0].item.line_number, 1);
  EXPECT_EQ(r.lines[1].item.line_number, 2);
  const Return by_upc =
      MustCreate(R1(), Body("R-upc", order.dsco_order_id,
                            {{{"upc", "012345678905"}, {"quantity", 1}, {"reasonCode", "X"}}}));
  EXPECT_EQ(by_upc.lines[0].item.line_number, 1);
  // An unknown identifier first, then one that matches: the matching one decides.
  const Return second = MustCreate(
      R1(),
      Body("R-2", order.dsco_order_id,
           {{{"sku", "NOPE"}, {"upc", "012345678905"}, {"quantity", 1}, {"reasonCode", "X"}}}));
  EXPECT_EQ(second.lines[0].item.line_number, 1);
}

TEST_F(ReturnTest, LinesMustBeOnTheOrder) {
  const std::string id = order.dsco_order_id;
  EXPECT_RI_REFUSED(w.world, store().Create(R1(), Body("R", id, {Line("B-1", 1)})),
                    StatusCode::kNotFound, "lineItems[0].sku");
  json line = Line("A-1", 1);
  line["lineNumber"] = 9;
  EXPECT_RI_REFUSED(w.world, store().Create(R1(), Body("R", id, {line})), StatusCode::kNotFound,
                    "lineItems[0].lineNumber");
  line["lineNumber"] = 2;  // line 2 is A-2
  EXPECT_RI_REFUSED(w.world, store().Create(R1(), Body("R", id, {line})),
                    StatusCode::kInvalidArgument, "lineItems[0].sku");
  EXPECT_RI_REFUSED(w.world, store().Create(R1(), Body("R", id, {Line("A-1", 1), Line("A-1", 1)})),
                    StatusCode::kInvalidArgument, "lineItems[1]");
}

TEST_F(ReturnTest, AnItemOnSeveralLinesNeedsALineNumber) {
  const Order twice =
      PutOrder(w.world, w.r1, w.s1, "PO-2", {{"A-1", w.item_a1, 2, 2}, {"A-1", w.item_a1, 2, 2}});
  EXPECT_RI_REFUSED(w.world, store().Create(R1(), Body("R", twice.dsco_order_id, {Line("A-1", 1)})),
                    StatusCode::kInvalidArgument, "lineItems[0].lineNumber");
  json line = Line("A-1", 1);
  line["lineNumber"] = 2;
  const Return r = MustCreate(R1(), Body("R", twice.dsco_order_id, {line}));
  EXPECT_EQ(r.lines[0].item.line_number, 2);
}

TEST_F(ReturnTest, ReturnedUnitsNeverExceedShippedUnitsAcrossReturns) {
  const std::string id = order.dsco_order_id;
  // Line 3 shipped nothing.
  EXPECT_RI_REFUSED(w.world, store().Create(R1(), Body("R", id, {Line("A-3", 1)})),
                    StatusCode::kFailedPrecondition, "lineItems[0].quantity");
  EXPECT_RI_REFUSED(w.world, store().Create(R1(), Body("R", id, {Line("A-1", 4)})),
                    StatusCode::kFailedPrecondition, "lineItems[0].quantity");
  const Return first = MustCreate(R1(), Body("R-a", id, {Line("A-1", 2)}));
  // The supplier's returns count too: 1 of 3 left.
  EXPECT_RI_REFUSED(w.world,
                    store().Create(S1(), json{{"returnNumber", "S-a"},
                                              {"dscoOrderId", id},
                                              {"lineItems", {Line("A-1", 2)}}}),
                    StatusCode::kFailedPrecondition, "lineItems[0].quantity");
  MustCreate(S1(), {{"returnNumber", "S-a"}, {"dscoOrderId", id}, {"lineItems", {Line("A-1", 1)}}});
  EXPECT_EQ(store().ReturnedQuantity(id, 1), 3);
  // Cancelling a return frees its units.
  ASSERT_TRUE(store().Cancel(R1(), {{"dscoReturnId", first.dsco_return_id}}).ok());
  EXPECT_EQ(store().ReturnedQuantity(id, 1), 1);
  MustCreate(R1(), Body("R-b", id, {Line("A-1", 2)}));
}

TEST_F(ReturnTest, RepeatedReturnNumberIsAReplayOrTaken) {
  const json body = Body("RET-1", order.dsco_order_id, {Line("A-1", 2), Line("A-2", 1)});
  const Return r = MustCreate(R1(), body);
  const std::string before = State(w.world);
  auto again = store().Create(R1(), body);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(again->replay);
  EXPECT_EQ(again->ret.dsco_return_id, r.dsco_return_id);
  EXPECT_EQ(State(w.world), before);  // no new return, no event
  EXPECT_RI_REFUSED(w.world,
                    store().Create(R1(), Body("RET-1", order.dsco_order_id, {Line("A-1", 1)})),
                    StatusCode::kAlreadyExists, "returnNumber");
  // Numbers are per account: the supplier may use the same one.
  MustCreate(S1(), {{"returnNumber", "RET-1"},
                    {"dscoOrderId", order.dsco_order_id},
                    {"lineItems", {Line("A-1", 1)}}});
}

TEST_F(ReturnTest, SplitPoNumberPicksTheOrderWithTheItems) {
  const Order s2_order = PutOrder(w.world, w.r1, w.s2, "PO-1", {{"B-1", w.item_b1, 1, 1}});
  const Return r = MustCreate(
      R1(), {{"returnNumber", "R"}, {"poNumber", "PO-1"}, {"lineItems", {Line("B-1", 1)}}});
  EXPECT_EQ(r.dsco_order_id, s2_order.dsco_order_id);
  EXPECT_EQ(r.supplier_id, S2());
  const Return first = MustCreate(
      R1(), {{"returnNumber", "R2"}, {"poNumber", "PO-1"}, {"lineItems", {Line("A-1", 1)}}});
  EXPECT_EQ(first.dsco_order_id, order.dsco_order_id);
}

TEST_F(ReturnTest, JsonKeepsTheCreatorsFieldsAndRendersTheModels) {
  json body = Body("RET-1", order.dsco_order_id, {Line("A-1", 2)});
  body["reason"] = "Customer changed mind";
  body["requestedAction"] = "refund";
  body["x-custom"] = {{"nested", true}};
  body["returnTrackingNumbers"] = {{"1ZTRACK", "UPS"}};
  body["status"] = "completed";                    // read-only: ignored
  body["statusTags"] = json::array({"accepted"});  // read-only: ignored
  body["dscoReturnId"] = "123";                    // read-only: ignored
  body["lineItems"][0]["color"] = "red";
  body["lineItems"][0]["adjustments"] = {{"reason_1", 12.02}};
  body["lineItems"][0]["response"] = "accepted";  // read-only on create
  const Return r = MustCreate(R1(), body);
  const json j = store().ToJson(r);
  EXPECT_EQ(j["reason"], "Customer changed mind");
  EXPECT_EQ(j["requestedAction"], "refund");
  EXPECT_EQ(j["x-custom"], json({{"nested", true}}));
  EXPECT_EQ(j["dscoReturnId"], r.dsco_return_id);
  EXPECT_EQ(j["dscoRetailerId"], R1());
  EXPECT_EQ(j["dscoSupplierId"], S1());
  EXPECT_EQ(j["dscoOrderId"], order.dsco_order_id);
  EXPECT_EQ(j["poNumber"], "PO-1");
  EXPECT_EQ(j["initiatedBy"], R1());
  EXPECT_EQ(j["initiatorCreateDate"], FormatIso8601(r.created));
  EXPECT_EQ(j["createDate"], FormatIso8601(r.created));
  EXPECT_EQ(j["lastUpdate"], FormatIso8601(r.created));
  EXPECT_EQ(j["status"], "created");
  EXPECT_EQ(j["statusTags"], json::array());
  EXPECT_EQ(j["returnNumber"], "RET-1");
  EXPECT_FALSE(j.contains("partnerReturnNumber"));
  EXPECT_FALSE(j.contains("dscoAccountId"));
  EXPECT_EQ(j["packages"], json::array());
  EXPECT_EQ(j["trackingNumbers"], json({"1ZTRACK"}));
  EXPECT_EQ(j["returnTrackingNumbers"], json({{"1ZTRACK", "UPS"}}));
  const json& line = j["lineItems"][0];
  EXPECT_EQ(line["sku"], "A-1");
  EXPECT_EQ(line["itemId"], w.item_a1);
  EXPECT_EQ(line["lineNumber"], 1);
  EXPECT_EQ(line["quantity"], 2);
  EXPECT_EQ(line["reasonCode"], "DAMAGED");
  EXPECT_EQ(line["color"], "red");
  EXPECT_EQ(line["adjustments"], json({{"reason_1", 12.02}}));
  EXPECT_FALSE(line.contains("response"));
  EXPECT_FALSE(j.contains("cancelled"));
}

TEST(ReturnEnums, NamesRoundTrip) {
  for (const ReturnStatus s :
       {ReturnStatus::kCreated, ReturnStatus::kAcknowledged, ReturnStatus::kCompleted}) {
    EXPECT_EQ(*ParseReturnStatus(ReturnStatusName(s), "status"), s);
  }
  EXPECT_EQ(ParseReturnStatus("cancelled", "status[0]").status().field(), "status[0]");
  EXPECT_EQ(*ParseReturnResponse("rejected", "r"), ReturnResponse::kRejected);
  EXPECT_EQ(*ParseReturnIdType("partnerReturnNumber", "f"), ReturnIdType::kPartnerReturnNumber);
  EXPECT_EQ(*ParseAccountIdType("tradingPartnerId", "f"), AccountIdType::kTradingPartnerId);
  EXPECT_EQ(*ParseReturnOrderIdType("poNumber", "f"), ReturnOrderIdType::kPoNumber);
  EXPECT_FALSE(ParseReturnOrderIdType("supplierOrderNumber", "orderIdType").ok());
}

}  // namespace
}  // namespace dscosim
