// Invoices: create (shape, order, lines, updates, over-invoicing, expected totals),
// post-processing and events, Get Invoices by every key, and the JSON view.
#include <gtest/gtest.h>

#include "dscosim/tests/model/returns/return_invoice_fixture.h"

namespace dscosim {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using test_support::CommerceWorld;
using test_support::LineSpec;
using test_support::MakeOrder;
using test_support::PutOrder;
using test_support::State;

json ILine(const std::string& sku, std::int64_t quantity, double unit_price) {
  return {{"sku", sku}, {"quantity", quantity}, {"unitPrice", unit_price}};
}

json Invoice(const std::string& invoice_id, const std::string& order_id, std::vector<json> lines,
             double total) {
  json body = {{"invoiceId", invoice_id}, {"dscoOrderId", order_id}, {"totalAmount", total}};
  if (!lines.empty()) body["lineItems"] = lines;
  return body;
}

// R1 <-> S1 order PO-1 (supplierOrderNumber SO-1, consumerOrderNumber C-1):
//   line 1 A-1 x5, 3 shipped, expectedCost 4.5, retailerLineId RL-1
//   line 2 A-2 x2, 2 shipped, expectedCost 10
class InvoiceTest : public ::testing::Test {
 protected:
  InvoiceTest() {
    Order o =
        MakeOrder(w.r1, w.s1, "PO-1",
                  {{"A-1", w.item_a1, 5, 3, {{"expectedCost", 4.5}, {"retailerLineId", "RL-1"}}},
                   {"A-2", w.item_a2, 2, 2, {{"expectedCost", 10}}}});
    o.supplier_order_number = "SO-1";
    o.consumer_order_number = "C-1";
    order = PutOrder(w.world, o);
  }
  InvoiceStore& store() { return w.world.invoices(); }
  const std::string& R1() const { return w.r1.dsco_account_id; }
  const std::string& R2() const { return w.r2.dsco_account_id; }
  const std::string& S1() const { return w.s1.dsco_account_id; }
  const std::string& S2() const { return w.s2.dsco_account_id; }

  dscosim::Invoice MustCreate(const std::string& caller, const json& body,
                              InvoiceWrite expected = InvoiceWrite::kCreated) {
    auto r = store().Create(caller, body);
    EXPECT_TRUE(r.ok()) << r.status();
    if (!r.ok()) return {};
    EXPECT_EQ(r->write, expected);
    return r->invoice;
  }
  // INV-1: 3 x A-1 at 5, 2 x A-2 at 10, total 35.
  dscosim::Invoice Standard() {
    return MustCreate(
        S1(), Invoice("INV-1", order.dsco_order_id, {ILine("A-1", 3, 5), ILine("A-2", 2, 10)}, 35));
  }
  void Visible() { ASSERT_TRUE(w.world.AdvanceBy(store().policy().visibility_delay).ok()); }
  std::vector<std::string> Got(const std::string& caller, InvoiceKeyType key,
                               const std::string& value) {
    auto r = store().Get(caller, key, value);
    std::vector<std::string> ids;
    if (r.ok()) {
      for (const dscosim::Invoice& i : *r) ids.push_back(i.dsco_invoice_id);
    }
    return ids;
  }

  CommerceWorld w;
  Order order;
};

TEST_F(InvoiceTest, CreatedNowVisibleAfterPostProcessing) {
  const std::uint64_t events = w.world.events_published();
  const dscosim::Invoice inv = Standard();
  EXPECT_EQ(inv.dsco_invoice_id.size(), 10u);
  EXPECT_EQ(inv.invoice_id, "INV-1");
  EXPECT_EQ(inv.retailer_id, R1());
  EXPECT_EQ(inv.supplier_id, S1());
  EXPECT_EQ(inv.dsco_order_id, order.dsco_order_id);
  EXPECT_EQ(inv.po_number, "PO-1");
  EXPECT_EQ(inv.total_amount, 35);
  ASSERT_EQ(inv.lines.size(), 2u);
  EXPECT_EQ(inv.lines[0].item.line_number, 1);
  EXPECT_EQ(inv.lines[1].item.line_number, 2);
  EXPECT_EQ(inv.created, w.world.now());
  EXPECT_EQ(inv.visible_at, w.world.now() + 2s);
  EXPECT_FALSE(inv.published);
  EXPECT_NE(inv.post_processing_timer, 0u);
  EXPECT_EQ(store().FindByInvoiceId(S1(), "INV-1"), store().Find(inv.dsco_invoice_id));
  // Stored, traced, but neither readable nor streamed yet.
  EXPECT_EQ(w.world.trace().retained().back().kind, "invoice.received");
  EXPECT_EQ(w.world.events_published(), events);
  const Status hidden =
      store().Get(S1(), InvoiceKeyType::kDscoInvoiceId, inv.dsco_invoice_id).status();
  EXPECT_EQ(hidden.code(), StatusCode::kNotFound);
  EXPECT_EQ(hidden.field(), "value");

  ASSERT_TRUE(w.world.AdvanceBy(2s - 1us).ok());
  EXPECT_TRUE(Got(R1(), InvoiceKeyType::kDscoInvoiceId, inv.dsco_invoice_id).empty());
  ASSERT_TRUE(w.world.AdvanceBy(1us).ok());
  EXPECT_EQ(Got(R1(), InvoiceKeyType::kDscoInvoiceId, inv.dsco_invoice_id),
            std::vector{inv.dsco_invoice_id});
  EXPECT_EQ(Got(S1(), InvoiceKeyType::kInvoiceId, "INV-1"), std::vector{inv.dsco_invoice_id});
  ASSERT_EQ(w.world.events_published(), events + 1);
  const DomainEvent& e = w.world.events().back();
  EXPECT_EQ(e.kind, "invoice.created");
  EXPECT_EQ(e.object_type, StreamObjectType::kInvoice);
  EXPECT_EQ(e.object_key, inv.dsco_invoice_id);
  EXPECT_EQ(e.retailer_id, R1());
  EXPECT_EQ(e.supplier_id, S1());
  EXPECT_EQ(e.actor, S1());
  EXPECT_EQ(e.time, inv.visible_at);
  EXPECT_EQ(e.facts, json({{"eventType", "new"}}));
  EXPECT_EQ(e.payload, store().ToJson(*store().Find(inv.dsco_invoice_id)));
  EXPECT_TRUE(store().Find(inv.dsco_invoice_id)->published);
}

TEST_F(InvoiceTest, ZeroDelayIsVisibleAndPublishedAtOnce) {
  store().set_policy({.visibility_delay = Duration::zero()});
  const dscosim::Invoice inv = Standard();
  EXPECT_TRUE(inv.published);
  EXPECT_EQ(w.world.events().back().facts, json({{"eventType", "new"}}));
  EXPECT_EQ(Got(R1(), InvoiceKeyType::kPoNumber, "PO-1"), std::vector{inv.dsco_invoice_id});
}

TEST_F(InvoiceTest, OnlySuppliersInvoice) {
  const json body = Invoice("INV-1", order.dsco_order_id, {ILine("A-1", 1, 5)}, 5);
  EXPECT_RI_REFUSED(w.world, store().Create(R1(), body), StatusCode::kPermissionDenied, "");
  EXPECT_RI_REFUSED(w.world, store().Create("12", body), StatusCode::kPermissionDenied, "");
}

TEST_F(InvoiceTest, MalformedBodiesAreRefusedNamingTheField) {
  const std::string id = order.dsco_order_id;
  const auto refused = [&](const json& body, const std::string& field) {
    SCOPED_TRACE(body.dump(-1, ' ', false, json::error_handler_t::replace));
    EXPECT_RI_REFUSED(w.world, store().Create(S1(), body), StatusCode::kInvalidArgument, field);
  };
  const json good = Invoice("INV-1", id, {ILine("A-1", 1, 5)}, 5);
  const auto with = [&](const std::string& key, json value) {
    json b = good;
    b[key] = std::move(value);
    return b;
  };
  const auto with_line = [&](const std::string& key, json value) {
    json b = good;
    b["lineItems"][0][key] = std::move(value);
    return b;
  };
  refused("not an object", "");
  refused({{"dscoOrderId", id}, {"totalAmount", 1}}, "invoiceId");
  refused(with("invoiceId", ""), "invoiceId");
  refused({{"invoiceId", "I"}, {"dscoOrderId", id}}, "totalAmount");
  refused(with("totalAmount", "35.00"), "totalAmount");
  refused({{"invoiceId", "I"}, {"totalAmount", 1}}, "dscoOrderId");
  refused(with("invoiceDate", "2026-13-01T00:00:00Z"), "invoiceDate");
  refused(with("lineItems", "x"), "lineItems");
  json no_price = good;
  no_price["lineItems"][0].erase("unitPrice");
  refused(no_price, "lineItems[0].unitPrice");
  json no_quantity = good;
  no_quantity["lineItems"][0].erase("quantity");
  refused(no_quantity, "lineItems[0].quantity");
  refused(with_line("quantity", 0), "lineItems[0].quantity");
  refused(with_line("lineNumber", 1000001), "lineItems[0].lineNumber");
  refused(with("lineItems", json::array({{{"quantity", 1}, {"unitPrice", 1}}})), "lineItems[0]");
  refused(with_line("upc", "123"), "lineItems[0].upc");
  refused(with_line("shipWeightUnits", "stone"), "lineItems[0].shipWeightUnits");
  refused(with_line("taxes", {{{"description", "VAT"}}}), "lineItems[0].taxes[0].amount");
  refused(with("charges", {{{"amount", 1}}}), "charges[0].title");
  refused(with("charges", {{{"title", "Freight"}}}), "charges[0].amount");
  refused(with("credits", {{{"amount", "x"}}}), "credits[0].amount");
  refused(with("taxes", {{{"amount", 1}, {"description", std::string(21, 'd')}}}),
          "taxes[0].description");
  refused(with("taxes", {{{"amount", 1}, {"description", "VAT"}, {"exemptCode", "Nope"}}}),
          "taxes[0].exemptCode");
  refused(with("shipTo", {{"country", "US"}, {"postal", "1"}}), "shipTo.city");
  refused(with("remitTo", {{"country", "US"}, {"postal", "1"}, {"city", ""}}), "remitTo.city");
  refused(with("shipFrom",
               {{"country", "US"}, {"postal", "1"}, {"city", "X"}, {"addressType", "Castle"}}),
          "shipFrom.addressType");
  refused(with("terms", json::object()), "terms");
  refused(with("terms", {{"netDays", "thirty"}}), "terms.netDays");
  refused(with("ship", json::object()), "ship");
  refused(with("ship", {{"weightUnits", "stone"}}), "ship.weightUnits");
  refused(with("orderType", "Consignment"), "orderType");
  refused(with("flsaComplianceFlag", "yes"), "flsaComplianceFlag");
  refused(with("sellerInvoiceNumber", std::string("\xc3\x28")), "sellerInvoiceNumber");
}

TEST_F(InvoiceTest, OrderTypeIsCaseInsensitiveAndStreetAddressIsAPolicy) {
  json body = Invoice("INV-1", order.dsco_order_id, {ILine("A-1", 1, 5)}, 5);
  body["orderType"] = "dropship";  // real payloads are lower case
  body["shipTo"] = {{"country", "US"}, {"postal", "62701"}, {"city", "Springfield"}};
  MustCreate(S1(), body);
  store().set_policy({.require_street_address = true});
  body["invoiceId"] = "INV-2";
  EXPECT_RI_REFUSED(w.world, store().Create(S1(), body), StatusCode::kInvalidArgument,
                    "shipTo.address1");
  body["shipTo"]["address"] = json::array({"1 Main St"});
  MustCreate(S1(), body);
}

TEST_F(InvoiceTest, TheOrderMustBeTheSuppliers) {
  const json lines = json::array({ILine("A-1", 1, 5)});
  json body = {{"invoiceId", "I"}, {"totalAmount", 5}, {"lineItems", lines}};
  body["dscoOrderId"] = "1999999999";
  const Status missing = store().Create(S1(), body).status();
  EXPECT_EQ(missing.code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.message(), "no order 1999999999 is visible to you");
  body["dscoOrderId"] = order.dsco_order_id;
  const Status foreign = store().Create(S2(), body).status();
  EXPECT_EQ(foreign.code(), StatusCode::kNotFound);
  EXPECT_EQ(foreign.field(), "dscoOrderId");
  EXPECT_EQ(foreign.message(), "no order " + order.dsco_order_id + " is visible to you");
  const Order pending = PutOrder(w.world, w.r1, w.s1, "PO-NEW", {{"A-1", w.item_a1, 1, 1}},
                                 OrderLifecycle::kReceived);
  body["dscoOrderId"] = pending.dsco_order_id;
  EXPECT_RI_REFUSED(w.world, store().Create(S1(), body), StatusCode::kNotFound, "dscoOrderId");
  body.erase("dscoOrderId");
  body["poNumber"] = "PO-404";
  EXPECT_RI_REFUSED(w.world, store().Create(S1(), body), StatusCode::kNotFound, "poNumber");
  body.erase("poNumber");
  body["supplierOrderNumber"] = "SO-404";
  EXPECT_RI_REFUSED(w.world, store().Create(S1(), body), StatusCode::kNotFound,
                    "supplierOrderNumber");
}

TEST_F(InvoiceTest, TheOrderByAnyReferenceAndTheyMustAgree) {
  const json lines = json::array({ILine("A-1", 1, 5)});
  json body = {
      {"invoiceId", "I-1"}, {"totalAmount", 5}, {"lineItems", lines}, {"poNumber", "PO-1"}};
  EXPECT_EQ(MustCreate(S1(), body).dsco_order_id, order.dsco_order_id);
  body = {{"invoiceId", "I-2"}, {"totalAmount", 5},
          {"lineItems", lines}, {"supplierOrderNumber", "SO-1"},
          {"poNumber", "PO-1"}, {"dscoOrderId", order.dsco_order_id}};
  EXPECT_EQ(MustCreate(S1(), body).dsco_order_id, order.dsco_order_id);
  const Order other = PutOrder(w.world, w.r1, w.s1, "PO-2", {{"A-1", w.item_a1, 1, 1}});
  body["invoiceId"] = "I-3";
  body["dscoOrderId"] = other.dsco_order_id;
  EXPECT_RI_REFUSED(w.world, store().Create(S1(), body), StatusCode::kInvalidArgument, "poNumber");
  body["poNumber"] = "PO-2";
  EXPECT_RI_REFUSED(w.world, store().Create(S1(), body), StatusCode::kInvalidArgument,
                    "supplierOrderNumber");
}

TEST_F(InvoiceTest, APoNumberOfSeveralRetailersIsAmbiguous) {
  const Order r2 = PutOrder(w.world, w.r2, w.s1, "PO-1", {{"A-1", w.item_a1, 1, 1}});
  json body = {{"invoiceId", "I"},
               {"totalAmount", 5},
               {"lineItems", {ILine("A-1", 1, 5)}},
               {"poNumber", "PO-1"}};
  EXPECT_RI_REFUSED(w.world, store().Create(S1(), body), StatusCode::kInvalidArgument, "poNumber");
  body["dscoOrderId"] = r2.dsco_order_id;
  EXPECT_EQ(MustCreate(S1(), body).retailer_id, R2());
}

TEST_F(InvoiceTest, LinesMustBeOnTheOrder) {
  EXPECT_RI_REFUSED(
      w.world, store().Create(S1(), Invoice("I", order.dsco_order_id, {ILine("A-3", 1, 5)}, 5)),
      StatusCode::kNotFound, "lineItems[0].sku");
  json line = ILine("A-1", 1, 5);
  line["lineNumber"] = 2;
  EXPECT_RI_REFUSED(w.world, store().Create(S1(), Invoice("I", order.dsco_order_id, {line}, 5)),
                    StatusCode::kInvalidArgument, "lineItems[0].sku");
  json by_id = {{"dscoItemId", w.item_a2}, {"quantity", 1}, {"unitPrice", 10}};
  EXPECT_EQ(
      MustCreate(S1(), Invoice("I", order.dsco_order_id, {by_id}, 10)).lines[0].item.line_number,
      2);
}

TEST_F(InvoiceTest, OverInvoicingIsAcceptedAndRecorded) {
  const dscosim::Invoice first =
      MustCreate(S1(), Invoice("I-1", order.dsco_order_id, {ILine("A-1", 2, 5)}, 10));
  EXPECT_TRUE(first.over_invoiced_lines.empty());
  // 2 + 2 units of a line that shipped 3.
  const dscosim::Invoice second = MustCreate(
      S1(), Invoice("I-2", order.dsco_order_id, {ILine("A-1", 2, 5), ILine("A-2", 2, 10)}, 30));
  EXPECT_EQ(second.over_invoiced_lines, std::vector<std::int64_t>{1});
  EXPECT_EQ(store().InvoicedQuantity(order.dsco_order_id), 6);
  EXPECT_EQ(store().InvoicedQuantity(order.dsco_order_id, 1), 4);
  EXPECT_EQ(store().InvoicedQuantity(order.dsco_order_id, 2), 2);
  EXPECT_EQ(store().InvoicedByLine(order.dsco_order_id),
            (std::map<std::int64_t, std::int64_t>{{1, 4}, {2, 2}}));
  EXPECT_EQ(store().InvoicesOfOrder(order.dsco_order_id).size(), 2u);
  EXPECT_EQ(store().InvoicedQuantity("1999999999"), 0);
}

TEST_F(InvoiceTest, RepeatingAnInvoiceIdIsAReplayOrAnUpdate) {
  store().set_policy({.visibility_delay = Duration::zero()});
  const json body = Invoice("INV-1", order.dsco_order_id, {ILine("A-1", 3, 5)}, 15);
  const dscosim::Invoice inv = MustCreate(S1(), body);
  std::string before = State(w.world);
  MustCreate(S1(), body, InvoiceWrite::kReplay);
  EXPECT_EQ(State(w.world), before);

  ASSERT_TRUE(w.world.AdvanceBy(1min).ok());
  const json changed = Invoice("INV-1", order.dsco_order_id, {ILine("A-1", 1, 5)}, 5);
  const dscosim::Invoice updated = MustCreate(S1(), changed, InvoiceWrite::kUpdated);
  EXPECT_EQ(updated.dsco_invoice_id, inv.dsco_invoice_id);
  EXPECT_EQ(updated.created, inv.created);
  EXPECT_EQ(updated.last_update, w.world.now());
  EXPECT_EQ(updated.total_amount, 5);
  EXPECT_EQ(store().InvoicedQuantity(order.dsco_order_id), 1);
  EXPECT_EQ(store().invoices().size(), 1u);
  EXPECT_EQ(w.world.events().back().kind, "invoice.updated");
  EXPECT_EQ(w.world.events().back().facts, json({{"eventType", "update"}}));

  const Order other = PutOrder(w.world, w.r1, w.s1, "PO-2", {{"A-1", w.item_a1, 1, 1}});
  EXPECT_RI_REFUSED(
      w.world, store().Create(S1(), Invoice("INV-1", other.dsco_order_id, {ILine("A-1", 1, 5)}, 5)),
      StatusCode::kAlreadyExists, "invoiceId");
  // Invoice ids are per supplier.
  const Order s2_order = PutOrder(w.world, w.r1, w.s2, "PO-9", {{"B-1", w.item_b1, 1, 1}});
  MustCreate(S2(), Invoice("INV-1", s2_order.dsco_order_id, {ILine("B-1", 1, 5)}, 5));
}

TEST_F(InvoiceTest, AnUpdateDuringPostProcessingRidesOnTheNewEvent) {
  Standard();
  const std::uint64_t events = w.world.events_published();
  MustCreate(S1(), Invoice("INV-1", order.dsco_order_id, {ILine("A-1", 1, 5)}, 5),
             InvoiceWrite::kUpdated);
  EXPECT_EQ(w.world.events_published(), events);
  EXPECT_EQ(w.world.trace().retained().back().kind, "invoice.revised");
  Visible();
  ASSERT_EQ(w.world.events_published(), events + 1);
  EXPECT_EQ(w.world.events().back().facts, json({{"eventType", "new"}}));
  EXPECT_EQ(w.world.events().back().payload["totalAmount"], 5);
}

TEST_F(InvoiceTest, ExpectedTotalsComeFromTheOrdersExpectedCost) {
  // 3 x A-1 (cost 4.5) + 2 x A-2 (cost 10) = 33.5 expected; billed 35.
  const json j = store().ToJson(Standard());
  EXPECT_EQ(j["dscoExpectedOrderTotalAmount"], 33.5);
  EXPECT_EQ(j["dscoExpectedOrderTotalDifference"], 1.5);
  EXPECT_EQ(j["expectedOrderTotalAmount"], 33.5);  // echoed when the supplier sent none
  EXPECT_EQ(j["expectedOrderTotalDifference"], 1.5);
  EXPECT_EQ(j["lineItems"][0]["dscoExpectedAmount"], 13.5);
  EXPECT_EQ(j["lineItems"][0]["dscoExpectedDifference"], 1.5);
  EXPECT_EQ(j["lineItems"][0]["expectedAmount"], 13.5);
  EXPECT_EQ(j["lineItems"][0]["expectedDifference"], 1.5);
  EXPECT_EQ(j["lineItems"][1]["dscoExpectedAmount"], 20);
  EXPECT_EQ(j["lineItems"][1]["dscoExpectedDifference"], 0);

  // The supplier's own figures are kept as sent.
  json body = Invoice("INV-2", order.dsco_order_id, {ILine("A-1", 3, 9.99)}, 29.97);
  body["expectedOrderTotalAmount"] = 30;
  const json k = store().ToJson(MustCreate(S1(), body));
  EXPECT_EQ(k["expectedOrderTotalAmount"], 30);
  EXPECT_EQ(k["dscoExpectedOrderTotalAmount"], 13.5);
  EXPECT_EQ(k["dscoExpectedOrderTotalDifference"], 16.47);
  EXPECT_EQ(k["expectedOrderTotalDifference"], 16.47);
}

TEST_F(InvoiceTest, ExpectedTotalsOfAHeaderOnlyInvoiceAndUnknownCosts) {
  // No lines: the whole order's units that are not cancelled: 5 x 4.5 + 2 x 10.
  const json header = store().ToJson(MustCreate(S1(), Invoice("H", order.dsco_order_id, {}, 40)));
  EXPECT_EQ(header["dscoExpectedOrderTotalAmount"], 42.5);
  EXPECT_EQ(header["dscoExpectedOrderTotalDifference"], -2.5);
  EXPECT_FALSE(header.contains("lineItems"));

  const Order no_cost = PutOrder(w.world, w.r1, w.s1, "PO-2", {{"A-1", w.item_a1, 1, 1}});
  const json j = store().ToJson(
      MustCreate(S1(), Invoice("N", no_cost.dsco_order_id, {ILine("A-1", 1, 5)}, 5)));
  EXPECT_FALSE(j.contains("dscoExpectedOrderTotalAmount"));
  EXPECT_FALSE(j.contains("expectedOrderTotalAmount"));
  EXPECT_FALSE(j["lineItems"][0].contains("dscoExpectedAmount"));
}

TEST_F(InvoiceTest, JsonKeepsTheSuppliersFieldsAndRendersTheModels) {
  json body = Invoice("INV-1", order.dsco_order_id, {ILine("A-1", 3, 5)}, 15);
  body["currencyCode"] = "USD";
  body["x-custom"] = {{"a", 1}};
  body["charges"] = {{{"title", "Freight"}, {"amount", 4.99}}};
  body["ship"] = {{"trackingNumber", "1ZSHIP"}, {"carrier", "UPS"}};
  body["dscoInvoiceId"] = "123";   // read-only: ignored
  body["dscoRetailerId"] = "456";  // read-only: ignored
  body["lineItems"][0]["title"] = "Tent";
  body["lineItems"][0]["dscoExpectedAmount"] = 1;  // read-only: ignored
  const dscosim::Invoice inv = MustCreate(S1(), body);
  const json j = store().ToJson(inv);
  EXPECT_EQ(j["dscoInvoiceId"], inv.dsco_invoice_id);
  EXPECT_EQ(j["invoiceId"], "INV-1");
  EXPECT_EQ(j["dscoOrderId"], order.dsco_order_id);
  EXPECT_EQ(j["poNumber"], "PO-1");
  EXPECT_EQ(j["supplierOrderNumber"], "SO-1");
  EXPECT_EQ(j["consumerOrderNumber"], "C-1");
  EXPECT_EQ(j["dscoRetailerId"], R1());
  EXPECT_EQ(j["dscoSupplierId"], S1());
  EXPECT_EQ(j["dscoTradingPartnerId"], "S1@R1");
  EXPECT_EQ(j["createDate"], FormatIso8601(inv.created));
  EXPECT_EQ(j["lastUpdate"], FormatIso8601(inv.created));
  EXPECT_EQ(j["totalAmount"], 15);
  EXPECT_EQ(j["currencyCode"], "USD");
  EXPECT_EQ(j["x-custom"], json({{"a", 1}}));
  EXPECT_EQ(j["charges"], json({{{"title", "Freight"}, {"amount", 4.99}}}));
  EXPECT_EQ(j["ship"]["carrier"], "UPS");
  const json& line = j["lineItems"][0];
  EXPECT_EQ(line["sku"], "A-1");
  EXPECT_EQ(line["dscoItemId"], w.item_a1);
  EXPECT_EQ(line["lineNumber"], 1);
  EXPECT_EQ(line["originalLineNumber"], 1);
  EXPECT_EQ(line["originalOrderQuantity"], 5);
  EXPECT_EQ(line["retailerLineId"], "RL-1");
  EXPECT_EQ(line["title"], "Tent");
  EXPECT_EQ(line["quantity"], 3);
  EXPECT_EQ(line["unitPrice"], 5);
  EXPECT_EQ(line["dscoExpectedAmount"], 13.5);
}

TEST_F(InvoiceTest, GetByEveryKey) {
  store().set_policy({.visibility_delay = Duration::zero()});
  json body = Invoice("INV-1", order.dsco_order_id, {ILine("A-1", 1, 5)}, 5);
  body["ship"] = {{"trackingNumber", "1ZSHIP"}};
  const std::string a = MustCreate(S1(), body).dsco_invoice_id;
  body = Invoice("INV-2", order.dsco_order_id, {ILine("A-1", 1, 5)}, 5);
  body["lineItems"][0]["trackingNumber"] = "1ZLINE";  // a line's: not searched
  body["consumerOrderNumber"] = "C-OWN";
  const std::string b = MustCreate(S1(), body).dsco_invoice_id;

  EXPECT_EQ(Got(R1(), InvoiceKeyType::kDscoInvoiceId, a), std::vector{a});
  EXPECT_EQ(Got(R1(), InvoiceKeyType::kInvoiceId, "INV-2"), std::vector{b});
  EXPECT_EQ(Got(R1(), InvoiceKeyType::kPoNumber, "PO-1"), (std::vector{a, b}));
  EXPECT_EQ(Got(S1(), InvoiceKeyType::kSupplierOrderNumber, "SO-1"), (std::vector{a, b}));
  EXPECT_EQ(Got(R1(), InvoiceKeyType::kConsumerOrderNumber, "C-1"), std::vector{a});
  EXPECT_EQ(Got(R1(), InvoiceKeyType::kConsumerOrderNumber, "C-OWN"), std::vector{b});
  EXPECT_EQ(Got(R1(), InvoiceKeyType::kTrackingNumber, "1ZSHIP"), std::vector{a});
  EXPECT_TRUE(Got(R1(), InvoiceKeyType::kTrackingNumber, "1ZLINE").empty());

  // A retailer searching by supplierOrderNumber names the supplier.
  EXPECT_RI_REFUSED(w.world, store().Get(R1(), InvoiceKeyType::kSupplierOrderNumber, "SO-1"),
                    StatusCode::kInvalidArgument, "dscoAccountId");
  auto named = store().Get(R1(), InvoiceKeyType::kSupplierOrderNumber, "SO-1", std::nullopt,
                           std::string("S1@R1"));
  ASSERT_TRUE(named.ok()) << named.status();
  EXPECT_EQ(named->size(), 2u);
  EXPECT_RI_REFUSED(w.world, store().Get(R1(), InvoiceKeyType::kPoNumber, "PO-1", S2()),
                    StatusCode::kNotFound, "value");  // narrowed to S2: none
  EXPECT_RI_REFUSED(w.world, store().Get(R1(), InvoiceKeyType::kPoNumber, "PO-1", R2()),
                    StatusCode::kInvalidArgument, "dscoAccountId");
  EXPECT_RI_REFUSED(
      w.world,
      store().Get(R1(), InvoiceKeyType::kPoNumber, "PO-1", std::nullopt, std::string("nobody")),
      StatusCode::kInvalidArgument, "dscoTradingPartnerId");
  EXPECT_RI_REFUSED(w.world, store().Get(R1(), InvoiceKeyType::kPoNumber, ""),
                    StatusCode::kInvalidArgument, "value");
}

TEST_F(InvoiceTest, OutsidersSeeNothingLikeAMissingId) {
  store().set_policy({.visibility_delay = Duration::zero()});
  const std::string id = Standard().dsco_invoice_id;
  const Status outsider = store().Get(R2(), InvoiceKeyType::kDscoInvoiceId, id).status();
  const Status missing = store().Get(R2(), InvoiceKeyType::kDscoInvoiceId, "1999999999").status();
  EXPECT_EQ(outsider.code(), StatusCode::kNotFound);
  EXPECT_EQ(outsider.field(), "value");
  EXPECT_EQ(outsider.message(), "no invoice with dscoInvoiceId " + id + " is visible to you");
  EXPECT_EQ(missing.message(), "no invoice with dscoInvoiceId 1999999999 is visible to you");
  EXPECT_FALSE(store().Get(S2(), InvoiceKeyType::kPoNumber, "PO-1").ok());
}

TEST_F(InvoiceTest, AWorldCopyKeepsPendingPostProcessing) {
  const std::string id = Standard().dsco_invoice_id;
  World copy = w.world;
  ASSERT_TRUE(copy.AdvanceBy(2s).ok());
  EXPECT_TRUE(copy.invoices().Find(id)->published);
  EXPECT_FALSE(w.world.invoices().Find(id)->published);
  EXPECT_EQ(copy.events().back().object_key, id);
  ASSERT_TRUE(w.world.AdvanceBy(2s).ok());
  EXPECT_EQ(w.world.trace().hash(), copy.trace().hash());
}

TEST(InvoiceKeys, ParseEveryKey) {
  EXPECT_EQ(*ParseInvoiceKeyType("dscoInvoiceId", "key"), InvoiceKeyType::kDscoInvoiceId);
  EXPECT_EQ(*ParseInvoiceKeyType("trackingNumber", "key"), InvoiceKeyType::kTrackingNumber);
  EXPECT_EQ(*ParseInvoiceKeyType("consumerOrderNumber", "key"),
            InvoiceKeyType::kConsumerOrderNumber);
  const Status bad = ParseInvoiceKeyType("sku", "key").status();
  EXPECT_EQ(bad.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.field(), "key");
}

TEST(Money, RoundsToFourPlaces) {
  EXPECT_EQ(RoundMoney(3 * 9.99), 29.97);
  EXPECT_EQ(RoundMoney(0.1 + 0.2), 0.3);
  EXPECT_EQ(RoundMoney(-0.00001), 0.0);
}

}  // namespace
}  // namespace dscosim
