// Returns and invoices over HTTP, against orders shipped over HTTP: invoices (sync, 404
// until post-processed, batches), returns (create / complete / update / cancel by role,
// paging with the 5-second rule and scroll, batches), privacy, malformed input.
#include <gtest/gtest.h>

#include "dscosim/fakes/testing/fake_server_test.h"

namespace dscosim::fakes {
namespace {

using Json = nlohmann::json;

class HttpReturnInvoice : public FakeServerTest {
 protected:
  std::string FirstSku(std::size_t supplier) {
    const std::string supplier_id = Accounts(Role::kSupplier)[supplier].dsco_account_id;
    Tenant& t = server().tenant();
    std::lock_guard<std::mutex> lock(t.mu);
    return t.world.items().ItemsOf(supplier_id)[0]->sku;
  }

  // Retailer 0 orders `ordered` units of supplier 0's first sku; supplier 0 acknowledges
  // and ships `shipped` of them, all over HTTP. Returns the dscoOrderId.
  std::string ShippedOrder(const std::string& po, int ordered, int shipped) {
    sku_ = FirstSku(0);
    DscoClient retailer = Retailer(0);
    DscoClient supplier = Supplier(0);
    const Json order = {{"poNumber", po},
                        {"shipping", {{"name", "Ada Lovelace"}, {"address1", "1 Main St"},
                                      {"city", "Springfield"}, {"region", "IL"}, {"postal", "62701"}}},
                        {"shippingServiceLevelCode", "UPCG"},
                        {"lineItems", {{{"sku", sku_}, {"quantity", ordered}}}}};
    const ClientResponse created = retailer.Post("/order/", order);
    EXPECT_EQ(created.status, 201) << created.body;
    const std::string id = created.json()["dscoOrderIds"][0];
    Advance(3);
    EXPECT_EQ(supplier.Post("/order/acknowledge", Json::array({{{"id", id}, {"type", "DSCO_ORDER_ID"}}})).status,
              202);
    Advance(3);
    const Json shipment = {{"dscoOrderId", id},
                           {"poNumber", po},
                           {"shipments", {{{"trackingNumber", "1Z-" + po},
                                           {"shipCarrier", "UPS"},
                                           {"shippingServiceLevelCode", "UPCG"},
                                           {"lineItems", {{{"sku", sku_}, {"quantity", shipped}}}}}}}};
    const ClientResponse ship = supplier.Post("/order/singleShipment", shipment);
    EXPECT_EQ(ship.status, 201) << ship.body;
    return id;
  }

  // Supplier 0's trading-partner id for retailer 0.
  std::string RetailerTradingPartnerId() {
    const std::string supplier = Accounts(Role::kSupplier)[0].dsco_account_id;
    const std::string retailer = Accounts(Role::kRetailer)[0].dsco_account_id;
    Tenant& t = server().tenant();
    std::lock_guard<std::mutex> lock(t.mu);
    return t.world.accounts().PartnerOf(supplier, retailer)->trading_partner_id;
  }

  Json InvoiceBody(const std::string& invoice_id, const std::string& order_id, int quantity) {
    return {{"invoiceId", invoice_id},
            {"dscoOrderId", order_id},
            {"totalAmount", 9.99 * quantity},
            {"lineItems", {{{"sku", sku_}, {"quantity", quantity}, {"unitPrice", 9.99}}}}};
  }
  Json ReturnBody(const std::string& number, const std::string& order_id, int quantity) {
    return {{"returnNumber", number},
            {"dscoOrderId", order_id},
            {"lineItems", {{{"sku", sku_}, {"quantity", quantity}, {"reasonCode", "DAMAGED"}}}}};
  }

  // Every return's and invoice's internal state: a refused call must leave it alone.
  std::string State() {
    Tenant& t = server().tenant();
    std::lock_guard<std::mutex> lock(t.mu);
    return t.world.returns().Describe(t.world.now()) + t.world.invoices().Describe();
  }

  std::string sku_;
};

// The first error message's description: "field: message", or just the message when
// the whole body is wrong.
std::string Description(const ClientResponse& r) {
  const Json& messages = r.json().is_object() ? r.json().value("messages", Json::array()) : Json::array();
  return messages.empty() ? "" : messages[0].value("description", "");
}
::testing::AssertionResult RefusedNaming(const ClientResponse& r, const std::string& field) {
  if (r.status != 400) return ::testing::AssertionFailure() << "status " << r.status << ": " << r.body;
  const std::string description = Description(r);
  if (field.empty() ? description.empty() : description.rfind(field + ":", 0) != 0) {
    return ::testing::AssertionFailure() << "does not name " << field << ": " << r.body;
  }
  return ::testing::AssertionSuccess();
}

// ---------------------------------------------------------------------------------
// Invoices

TEST_F(HttpReturnInvoice, InvoiceWhatWasShippedVisibleAfterPostProcessing) {
  const std::string order = ShippedOrder("PO-INV", 3, 2);
  DscoClient supplier = Supplier(0);
  DscoClient retailer = Retailer(0);
  const ClientResponse created = supplier.Post("/invoice", InvoiceBody("INV-1", order, 2));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["success"], true);
  EXPECT_EQ(created.json()["status"], "success");
  // Not visible until post-processing has finished.
  EXPECT_EQ(supplier.Get("/invoice?key=invoiceId&value=INV-1").status, 404);
  Advance(2);
  const ClientResponse got = supplier.Get("/invoice?key=invoiceId&value=INV-1&_ts=1");
  ASSERT_EQ(got.status, 200) << got.body;
  ASSERT_EQ(got.json()["invoices"].size(), 1u);
  const Json& invoice = got.json()["invoices"][0];
  EXPECT_EQ(invoice["dscoOrderId"], order);
  EXPECT_EQ(invoice["poNumber"], "PO-INV");
  EXPECT_EQ(invoice["lineItems"][0]["lineNumber"], 1);
  EXPECT_EQ(invoice["lineItems"][0]["quantity"], 2);
  // The retailer reads it by its PO and by Dsco's id.
  const ClientResponse by_po = retailer.Get("/invoice?key=poNumber&value=PO-INV");
  ASSERT_EQ(by_po.status, 200) << by_po.body;
  EXPECT_EQ(by_po.json()["invoices"][0]["invoiceId"], "INV-1");
  const std::string dsco_id = invoice["dscoInvoiceId"];
  EXPECT_EQ(retailer.Get("/invoice?key=dscoInvoiceId&value=" + dsco_id).status, 200);

  // Another account's invoice answers exactly like one that does not exist.
  std::vector<DscoClient> others;
  others.push_back(Retailer(1));
  others.push_back(Supplier(1));
  for (DscoClient& other : others) {
    const ClientResponse hidden = other.Get("/invoice?key=dscoInvoiceId&value=" + dsco_id);
    const ClientResponse missing = other.Get("/invoice?key=dscoInvoiceId&value=999" + dsco_id);
    EXPECT_EQ(hidden.status, 404);
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(Description(hidden).rfind("value:", 0), 0u) << hidden.body;
    EXPECT_EQ(Description(missing).rfind("value:", 0), 0u) << missing.body;
  }
  // Only suppliers invoice; a retailer is refused and nothing changes.
  const std::string before = State();
  EXPECT_EQ(retailer.Post("/invoice", InvoiceBody("INV-R", order, 1)).status, 403);
  // Supplier 1 cannot invoice supplier 0's order: it is not found for it.
  const ClientResponse foreign = Supplier(1).Post("/invoice", InvoiceBody("INV-X", order, 1));
  EXPECT_EQ(foreign.status, 404) << foreign.body;
  EXPECT_EQ(Description(foreign).rfind("dscoOrderId:", 0), 0u) << foreign.body;
  EXPECT_EQ(State(), before);
}

TEST_F(HttpReturnInvoice, OverInvoicingIsAcceptedAndRecorded) {
  // The platform does not refuse an invoice for more than was shipped (docs
  // returns-invoices.md): the model records it for the conformance checkers instead.
  const std::string order = ShippedOrder("PO-OVER", 3, 2);
  const ClientResponse over = Supplier(0).Post("/invoice/", InvoiceBody("INV-OVER", order, 3));
  ASSERT_EQ(over.status, 201) << over.body;
  Tenant& t = server().tenant();
  std::lock_guard<std::mutex> lock(t.mu);
  EXPECT_EQ(t.world.invoices().InvoicedQuantity(order, 1), 3);
  ASSERT_EQ(t.world.invoices().InvoicesOfOrder(order).size(), 1u);
  EXPECT_EQ(t.world.invoices().InvoicesOfOrder(order)[0]->over_invoiced_lines, std::vector<std::int64_t>{1});
}

TEST_F(HttpReturnInvoice, MalformedInvoicesAreRefusedNamingTheFieldAndChangeNothing) {
  const std::string order = ShippedOrder("PO-BADINV", 2, 2);
  DscoClient supplier = Supplier(0);
  const std::string before = State();
  EXPECT_TRUE(RefusedNaming(supplier.Send("POST", "/invoice", "{\"invoiceId\":", "application/json"), ""));
  Json body = InvoiceBody("INV-B", order, 1);
  body.erase("invoiceId");
  EXPECT_TRUE(RefusedNaming(supplier.Post("/invoice", body), "invoiceId"));
  body = InvoiceBody("INV-B", order, 1);
  body["totalAmount"] = "9.99";
  EXPECT_TRUE(RefusedNaming(supplier.Post("/invoice", body), "totalAmount"));
  body = InvoiceBody("INV-B", order, 1);
  body["lineItems"][0].erase("unitPrice");
  EXPECT_TRUE(RefusedNaming(supplier.Post("/invoice", body), "lineItems[0].unitPrice"));
  body = InvoiceBody("INV-B", order, 1);
  body["lineItems"][0]["quantity"] = "1";
  EXPECT_TRUE(RefusedNaming(supplier.Post("/invoice", body), "lineItems[0].quantity"));
  EXPECT_EQ(State(), before);
  Advance(2);
  EXPECT_EQ(supplier.Get("/invoice?key=invoiceId&value=INV-B").status, 404);
  // Query errors.
  EXPECT_TRUE(RefusedNaming(supplier.Get("/invoice?value=INV-B"), "key"));
  EXPECT_TRUE(RefusedNaming(supplier.Get("/invoice?key=sku&value=INV-B"), "key"));
  EXPECT_TRUE(RefusedNaming(supplier.Get("/invoice?key=invoiceId"), "value"));
  // Unknown body fields are kept, not refused.
  body = InvoiceBody("INV-B", order, 1);
  body["x-future-field"] = {{"a", 1}};
  ASSERT_EQ(supplier.Post("/invoice", body).status, 201);
  Advance(2);
  const ClientResponse got = supplier.Get("/invoice?key=invoiceId&value=INV-B&unknownParam=1");
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.json()["invoices"][0]["x-future-field"]["a"], 1);
}

TEST_F(HttpReturnInvoice, InvoiceSmallBatchReportsEachObjectInTheChangeLog) {
  const std::string order = ShippedOrder("PO-IB", 4, 4);
  DscoClient supplier = Supplier(0);
  Json bad = InvoiceBody("INV-B2", order, 1);
  bad.erase("totalAmount");
  const ClientResponse sent =
      supplier.Post("/invoice/batch/small", Json::array({InvoiceBody("INV-B1", order, 2), bad}));
  ASSERT_EQ(sent.status, 202) << sent.body;
  EXPECT_EQ(sent.json()["status"], "pending");
  const std::string request = sent.json()["requestId"];
  ClientResponse log = supplier.Get("/invoice/log?requestId=" + request);
  ASSERT_EQ(log.status, 200) << log.body;
  EXPECT_EQ(log.json()["status"], "PROCESSING");
  Advance(3);
  log = supplier.Get("/invoice/log?requestId=" + request);
  EXPECT_EQ(log.json()["status"], "COMPLETED");
  ASSERT_EQ(log.json()["logs"].size(), 2u);
  EXPECT_EQ(log.json()["logs"][0]["status"], "success");
  EXPECT_EQ(log.json()["logs"][0]["requestMethodDetail"], "createInvoiceSmallBatch");
  EXPECT_EQ(log.json()["logs"][1]["status"], "failure");
  EXPECT_NE(log.json()["logs"][1]["results"][0]["description"].get<std::string>().find("totalAmount"),
            std::string::npos);
  Advance(2);
  EXPECT_EQ(supplier.Get("/invoice?key=invoiceId&value=INV-B1").status, 200);
  EXPECT_EQ(supplier.Get("/invoice?key=invoiceId&value=INV-B2").status, 404);
  // The log is the sender's: the retailer does not see the request.
  const ClientResponse others = Retailer(0).Get("/invoice/log?requestId=" + request);
  EXPECT_TRUE(others.status == 404 || others.json()["logs"].empty()) << others.body;
  // A batch must be a JSON array.
  EXPECT_TRUE(RefusedNaming(supplier.Post("/invoice/batch/small", InvoiceBody("INV-B3", order, 1)), ""));
}

// ---------------------------------------------------------------------------------
// Returns

TEST_F(HttpReturnInvoice, RetailerReturnsSupplierCompletesAndAddsPackages) {
  const std::string order = ShippedOrder("PO-RET", 3, 3);
  DscoClient retailer = Retailer(0);
  DscoClient supplier = Supplier(0);
  const ClientResponse created = retailer.Post("/return/", ReturnBody("RMA-1", order, 2));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["status"], "success");
  const Json& ret = created.json()["return"];
  const std::string id = ret["dscoReturnId"];
  EXPECT_EQ(ret["returnNumber"], "RMA-1");
  EXPECT_EQ(ret["status"], "created");
  EXPECT_EQ(ret["dscoOrderId"], order);
  EXPECT_EQ(ret["lineItems"][0]["quantity"], 2);
  // The same body again (without the trailing slash) is a replay of the same return.
  const ClientResponse replay = retailer.Post("/return", ReturnBody("RMA-1", order, 2));
  EXPECT_EQ(replay.status, 201);
  EXPECT_EQ(replay.json()["return"]["dscoReturnId"], id);

  // The creator may not complete; the supplier completes by the retailer's number.
  const Json complete = {{"dscoReturnId", id},
                         {"returnNumber", "S-RMA-1"},
                         {"lineItems", {{{"sku", sku_}, {"response", "accepted"}}}}};
  EXPECT_EQ(retailer.Put("/return/", complete).status, 403);
  Json by_number = complete;
  by_number.erase("dscoReturnId");
  by_number["partnerReturnNumber"] = "RMA-1";
  by_number["dscoTradingPartnerId"] = RetailerTradingPartnerId();
  const ClientResponse done = supplier.Put("/return", by_number);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["return"]["status"], "completed");
  EXPECT_EQ(done.json()["return"]["statusTags"], Json::array({"accepted"}));
  // Numbers are relative to the reader.
  EXPECT_EQ(done.json()["return"]["returnNumber"], "S-RMA-1");
  EXPECT_EQ(done.json()["return"]["partnerReturnNumber"], "RMA-1");

  // Packages: suppliers only.
  const Json update = {{"dscoReturnId", id},
                       {"packages", {{{"trackingNumber", "RT-1"},
                                      {"carrier", "UPS"},
                                      {"lineItems", {{{"sku", sku_}, {"quantity", 2}}}}}}}};
  EXPECT_EQ(retailer.Post("/return/update", update).status, 403);
  const ClientResponse packed = supplier.Post("/return/update/", update);
  ASSERT_EQ(packed.status, 201) << packed.body;
  EXPECT_EQ(packed.json()["return"]["packages"][0]["trackingNumber"], "RT-1");
  // Too many units in the packages: refused naming the field, nothing changes.
  Json over = update;
  over["packages"][0]["lineItems"][0]["quantity"] = 3;
  const std::string before = State();
  EXPECT_TRUE(RefusedNaming(supplier.Post("/return/update", over), "packages[0].lineItems[0].quantity"));
  EXPECT_EQ(State(), before);

  // The retailer reads it back with its own number; both parties see the same return.
  const ClientResponse page = retailer.Get("/return/page?returnIdType=returnNumber&returnIdValue=RMA-1");
  ASSERT_EQ(page.status, 200) << page.body;
  ASSERT_EQ(page.json()["returns"].size(), 1u);
  EXPECT_EQ(page.json()["returns"][0]["returnNumber"], "RMA-1");
  EXPECT_EQ(page.json()["returns"][0]["partnerReturnNumber"], "S-RMA-1");
  EXPECT_EQ(page.json()["returns"][0]["packages"].size(), 1u);
  const ClientResponse supplier_view =
      supplier.Get("/return/page?orderIdType=dscoOrderId&orderIdValue=" + order + "&status=completed");
  ASSERT_EQ(supplier_view.status, 200) << supplier_view.body;
  EXPECT_EQ(supplier_view.json()["returns"].size(), 1u);
  EXPECT_EQ(supplier.Get("/return/page?orderIdType=dscoOrderId&orderIdValue=" + order + "&status=created")
                .json()["returns"]
                .size(),
            0u);
}

TEST_F(HttpReturnInvoice, OnlyTheCreatorCancelsAndACancelledReturnRefusesCompletion) {
  const std::string order = ShippedOrder("PO-CAN", 2, 2);
  DscoClient retailer = Retailer(0);
  DscoClient supplier = Supplier(0);
  const std::string id = retailer.Post("/return/", ReturnBody("RMA-C", order, 2)).json()["return"]["dscoReturnId"];
  // The units are taken: a second return of them is refused naming the quantity.
  const std::string before = State();
  EXPECT_TRUE(RefusedNaming(retailer.Post("/return/", ReturnBody("RMA-C2", order, 1)), "lineItems[0].quantity"));
  EXPECT_EQ(State(), before);

  EXPECT_EQ(supplier.Post("/return/cancel", {{"dscoReturnId", id}}).status, 403);
  const ClientResponse cancelled = retailer.Post("/return/cancel", {{"returnNumber", "RMA-C"}});
  ASSERT_EQ(cancelled.status, 201) << cancelled.body;
  EXPECT_EQ(cancelled.json()["status"], "success");
  const Json got = retailer.Get("/return/page?returnIdType=dscoReturnId&returnIdValue=" + id).json();
  EXPECT_EQ(got["returns"][0]["cancelled"], true);
  const ClientResponse complete =
      supplier.Put("/return/", {{"dscoReturnId", id}, {"lineItems", {{{"sku", sku_}, {"response", "rejected"}}}}});
  EXPECT_EQ(complete.status, 400) << complete.body;
  // Cancelling freed the units.
  EXPECT_EQ(retailer.Post("/return/", ReturnBody("RMA-C2", order, 2)).status, 201);
}

TEST_F(HttpReturnInvoice, AnotherAccountsReturnIsLikeOneThatDoesNotExist) {
  const std::string order = ShippedOrder("PO-PRIV", 2, 2);
  const std::string id =
      Retailer(0).Post("/return/", ReturnBody("RMA-P", order, 1)).json()["return"]["dscoReturnId"];
  const std::string before = State();
  const Json answer = {{"sku", sku_}, {"response", "accepted"}};
  std::vector<DscoClient> others;
  others.push_back(Retailer(1));
  others.push_back(Supplier(1));
  for (DscoClient& other : others) {
    for (const std::string& target : {id, std::string("0000000000")}) {
      const ClientResponse complete =
          other.Put("/return/", {{"dscoReturnId", target}, {"lineItems", {answer}}});
      EXPECT_EQ(complete.status, 404) << complete.body;
      EXPECT_EQ(Description(complete).rfind("dscoReturnId:", 0), 0u) << complete.body;
      EXPECT_EQ(other.Post("/return/cancel", {{"dscoReturnId", target}}).status, 404);
      const ClientResponse page = other.Get("/return/page?returnIdType=dscoReturnId&returnIdValue=" + target);
      ASSERT_EQ(page.status, 200);
      EXPECT_TRUE(page.json()["returns"].empty());
    }
  }
  EXPECT_EQ(Supplier(1).Post("/return/update", {{"dscoReturnId", id},
                                                 {"packages", {{{"trackingNumber", "T"},
                                                                {"lineItems", {{{"sku", sku_}, {"quantity", 1}}}}}}}})
                .status,
            404);
  // Nor can another retailer return against the order.
  const ClientResponse foreign = Retailer(1).Post("/return/", ReturnBody("RMA-X", order, 1));
  EXPECT_EQ(foreign.status, 404);
  EXPECT_EQ(Description(foreign).rfind("dscoOrderId:", 0), 0u) << foreign.body;
  EXPECT_EQ(State(), before);
}

TEST_F(HttpReturnInvoice, MalformedReturnsAreRefusedNamingTheFieldAndChangeNothing) {
  const std::string order = ShippedOrder("PO-BADRET", 2, 2);
  DscoClient retailer = Retailer(0);
  const std::string before = State();
  EXPECT_TRUE(RefusedNaming(retailer.Send("POST", "/return/", "[1,", "application/json"), ""));
  Json body = ReturnBody("RMA-B", order, 1);
  body.erase("returnNumber");
  EXPECT_TRUE(RefusedNaming(retailer.Post("/return/", body), "returnNumber"));
  body = ReturnBody("RMA-B", order, 1);
  body["lineItems"][0]["quantity"] = "1";
  EXPECT_TRUE(RefusedNaming(retailer.Post("/return/", body), "lineItems[0].quantity"));
  body = ReturnBody("RMA-B", order, 1);
  body.erase("lineItems");
  EXPECT_TRUE(RefusedNaming(retailer.Post("/return/", body), "lineItems"));
  body = ReturnBody("RMA-B", order, 1);
  body["lineItems"][0].erase("reasonCode");
  EXPECT_TRUE(RefusedNaming(retailer.Post("/return/", body), "lineItems[0].reasonCode"));
  EXPECT_TRUE(RefusedNaming(Supplier(0).Put("/return/", {{"lineItems", Json::array()}}), "lineItems"));
  EXPECT_TRUE(RefusedNaming(Supplier(0).Post("/return/cancel", Json::object()), "dscoReturnId"));
  EXPECT_EQ(State(), before);
  const ClientResponse none = retailer.Get("/return/page?returnIdType=returnNumber&returnIdValue=RMA-B");
  ASSERT_EQ(none.status, 200);
  EXPECT_TRUE(none.json()["returns"].empty());
  // Query errors on Get Returns.
  EXPECT_TRUE(RefusedNaming(retailer.Get("/return/page?returnIdType=sku&returnIdValue=1"), "returnIdType"));
  EXPECT_TRUE(RefusedNaming(retailer.Get("/return/page?returnIdType=returnNumber"), "returnIdValue"));
  EXPECT_TRUE(RefusedNaming(retailer.Get("/return/page?orderIdType=dscoOrderId&orderIdValue=1&status=open"),
                            "status"));
  EXPECT_TRUE(RefusedNaming(retailer.Get("/return/page?returnsCreatedSince=yesterday&until=x"),
                            "returnsCreatedSince"));
  EXPECT_EQ(retailer.Get("/return/page").status, 400);
  // Unknown fields and parameters are ignored.
  body = ReturnBody("RMA-B", order, 1);
  body["x-future-field"] = "kept";
  body["status"] = "completed";  // read-only: ignored
  const ClientResponse created = retailer.Post("/return/?_ts=5", body);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["return"]["status"], "created");
}

TEST_F(HttpReturnInvoice, GetReturnsByDateNeedsUntilFiveSecondsAgoAndScrolls) {
  const std::string order = ShippedOrder("PO-PAGE", 5, 5);
  {
    Tenant& t = server().tenant();
    std::lock_guard<std::mutex> lock(t.mu);
    ReturnPolicy policy = t.world.returns().policy();
    policy.page_size = 2;
    t.world.returns().set_policy(policy);
  }
  DscoClient retailer = Retailer(0);
  const Time since = Now();
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(retailer.Post("/return/", ReturnBody("RMA-" + std::to_string(i), order, 1)).status, 201);
    Advance(1);
  }
  const std::string window =
      "/return/page?returnsCreatedSince=" + PercentEncode(FormatIso8601(since)) + "&until=";
  EXPECT_TRUE(RefusedNaming(retailer.Get(window + PercentEncode(FormatIso8601(Now()))), "until"));
  Advance(5);
  ClientResponse page = retailer.Get(window + PercentEncode(FormatIso8601(Now() - std::chrono::seconds(5))));
  std::vector<std::string> numbers;
  std::optional<std::string> scroll;
  for (int pages = 0; pages < 10; ++pages) {
    ASSERT_EQ(page.status, 200) << page.body;
    for (const Json& r : page.json()["returns"]) numbers.push_back(r["returnNumber"]);
    if (!page.json().contains("scrollId") || page.json()["returns"].empty()) break;
    if (scroll) {
      EXPECT_EQ(page.json()["scrollId"], *scroll);  // the same id every page
    }
    scroll = page.json()["scrollId"].get<std::string>();
    page = retailer.Get("/return/page?scrollId=" + *scroll + "&returnIdType=ignored");
  }
  EXPECT_EQ(numbers, (std::vector<std::string>{"RMA-0", "RMA-1", "RMA-2", "RMA-3", "RMA-4"}));
  ASSERT_TRUE(scroll.has_value());
  // The scroll is its opener's; unknown ones are 404.
  EXPECT_EQ(Supplier(0).Get("/return/page?scrollId=" + *scroll).status, 404);
  EXPECT_EQ(retailer.Get("/return/page?scrollId=nope").status, 404);
  // Other accounts see nothing in the window.
  const std::string until = PercentEncode(FormatIso8601(Now() - std::chrono::seconds(5)));
  EXPECT_TRUE(Retailer(1).Get(window + until).json()["returns"].empty());
  // Both date modes at once are refused naming the second.
  EXPECT_TRUE(RefusedNaming(
      retailer.Get(window + until + "&returnsUpdatedSince=" + PercentEncode(FormatIso8601(since))),
      "returnsUpdatedSince"));
}

TEST_F(HttpReturnInvoice, ReturnBatchesPickTheOperationAndReportInTheChangeLog) {
  const std::string order = ShippedOrder("PO-RB", 4, 4);
  DscoClient retailer = Retailer(0);
  DscoClient supplier = Supplier(0);
  const Json batch = Json::array({ReturnBody("RMA-B1", order, 1), ReturnBody("RMA-B2", order, 9)});
  EXPECT_TRUE(RefusedNaming(retailer.Post("/return/batch/small", batch), "operation"));
  EXPECT_TRUE(RefusedNaming(retailer.Post("/return/batch/small?operation=cancel", batch), "operation"));
  const ClientResponse sent = retailer.Post("/return/batch/small?operation=create", batch);
  ASSERT_EQ(sent.status, 202) << sent.body;
  Advance(3);
  const ClientResponse log = retailer.Get("/return/log?requestId=" + sent.json()["requestId"].get<std::string>());
  ASSERT_EQ(log.status, 200) << log.body;
  EXPECT_EQ(log.json()["status"], "COMPLETED");
  ASSERT_EQ(log.json()["logs"].size(), 2u);
  EXPECT_EQ(log.json()["logs"][0]["status"], "success");
  EXPECT_EQ(log.json()["logs"][1]["status"], "failure");
  EXPECT_NE(log.json()["logs"][1]["results"][0]["description"].get<std::string>().find("lineItems[0].quantity"),
            std::string::npos);

  // complete, through the large batch: open, PUT JSON Lines to the dataUrl, read the log.
  const ClientResponse opened = supplier.Post("/return/batch/large?operation=complete", Json::object());
  ASSERT_EQ(opened.status, 200) << opened.body;
  const std::string url = opened.json()["dataUrl"];
  const std::string path = url.substr(url.find("/_dscosim/"));
  const Json complete = {{"partnerReturnNumber", "RMA-B1"},
                         {"dscoTradingPartnerId", RetailerTradingPartnerId()},
                         {"lineItems", {{{"sku", sku_}, {"response", "rejected"}}}}};
  ASSERT_EQ(supplier.Send("PUT", path, complete.dump() + "\n", "application/x-ndjson").status, 200);
  Advance(3);
  const ClientResponse large_log =
      supplier.Get("/return/log?requestId=" + opened.json()["requestId"].get<std::string>());
  ASSERT_EQ(large_log.json()["logs"].size(), 1u) << large_log.body;
  EXPECT_EQ(large_log.json()["logs"][0]["status"], "success") << large_log.body;
  const Json got = retailer.Get("/return/page?returnIdType=returnNumber&returnIdValue=RMA-B1").json();
  EXPECT_EQ(got["returns"][0]["status"], "completed");
  EXPECT_EQ(got["returns"][0]["statusTags"], Json::array({"rejected"}));
}

class HttpReturnInvoiceLimits : public HttpReturnInvoice {
 protected:
  ServerOptions Options() const override {
    ServerOptions o = HttpReturnInvoice::Options();
    o.tenant.rate_limits = true;
    return o;
  }
};

TEST_F(HttpReturnInvoiceLimits, InvoicesFifteenPerSecondReturnsUnlimited) {
  DscoClient supplier = Supplier(0);
  for (int i = 0; i < 15; ++i) EXPECT_EQ(supplier.Get("/invoice?key=invoiceId&value=none").status, 404) << i;
  EXPECT_EQ(supplier.Get("/invoice?key=invoiceId&value=none").status, 429);
  // Create Invoice has its own limit.
  EXPECT_TRUE(RefusedNaming(supplier.Post("/invoice", Json::object()), "invoiceId"));
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(supplier.Get("/return/page?returnIdType=returnNumber&returnIdValue=x").status, 200) << i;
  }
  Advance(1);
  EXPECT_EQ(supplier.Get("/invoice?key=invoiceId&value=none").status, 404);
}

}  // namespace
}  // namespace dscosim::fakes
