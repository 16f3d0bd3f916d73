// Fidelity (docs/fidelity.md): what production clients were seen doing works unchanged,
// and each accepted deviation from the vendor schema (docs/fidelity-deviations.json) is
// pinned here by the test its entry names, so the list cannot drift from the behaviour.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dscosim/fakes/testing/fake_server_test.h"

namespace dscosim::fakes {
namespace {

using Json = nlohmann::json;

class HttpFidelityTest : public FakeServerTest {
 protected:
  static Json OrderBody(const std::string& po, const std::string& sku) {
    return {{"poNumber", po},
            {"shipping",
             {{"name", "Ada Lovelace"},
              {"address1", "1 Main St"},
              {"city", "Springfield"},
              {"region", "IL"},
              {"postal", "62701"}}},
            {"shippingServiceLevelCode", "UPCG"},
            {"lineItems", {{{"sku", sku}, {"quantity", 2}}}}};
  }
  std::string FirstSku() { return StockedSkus(Accounts(Role::kSupplier)[0]).at(0); }
  // A visible order from retailer 0 to supplier 0.
  std::string CreateVisibleOrder(const std::string& po) {
    const ClientResponse created = Retailer(0).Post("/order/", OrderBody(po, FirstSku()));
    EXPECT_EQ(created.status, 201) << created.body;
    Settle();
    return created.status == 201 ? created.json()["dscoOrderIds"][0].get<std::string>() : "";
  }
  // A shipment with only the spec's minimum: a tracking number, lines by lineNumber.
  static Json MinimalShipment(const std::string& order_id) {
    const Json line = {{"lineNumber", 1}, {"quantity", 1}};
    return {{"dscoOrderId", order_id},
            {"shipments", {{{"trackingNumber", "1ZFID"}, {"lineItems", {line}}}}}};
  }
  static std::string Position(DscoClient& client, const std::string& stream) {
    const ClientResponse r = client.Get("/stream?id=" + stream);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.json()[0]["partitions"][0]["position"].get<std::string>() : "";
  }
  static std::vector<Json> EventsAfter(DscoClient& client, const std::string& stream,
                                       const std::string& position) {
    const ClientResponse r = client.Get("/stream/" + stream + "/0/" + PercentEncode(position));
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<Json> out;
    if (r.status == 200) {
      for (const Json& e : r.json()["events"]) out.push_back(e);
    }
    return out;
  }
  // The change log's entries for one request, once processed.
  static Json LogOf(DscoClient& client, const std::string& resource,
                    const std::string& request_id) {
    const ClientResponse r = client.Get("/" + resource + "/log?requestId=" + request_id);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.json()["logs"] : Json::array();
  }
};

// --- What production clients do ---------------------------------------------------------

// The vendor's Java demo asks for a token with only client_id and client_secret.
TEST_F(HttpFidelityTest, TokenRequestWithoutGrantTypeIsIssued) {
  const Account r = Accounts(Role::kRetailer)[0];
  DscoClient anon = Anonymous();
  const ClientResponse token = anon.Send(
      "POST", "/oauth2/token", "client_id=" + r.client_id + "&client_secret=" + r.client_secret,
      "application/x-www-form-urlencoded");
  ASSERT_EQ(token.status, 200) << token.body;
  anon.set_token(token.json()["access_token"]);
  EXPECT_EQ(anon.Get("/hello").status, 200);
  // A grant_type that is not client_credentials is still refused.
  EXPECT_EQ(anon.Send("POST", "/oauth2/token",
                      "grant_type=password&client_id=" + r.client_id +
                          "&client_secret=" + r.client_secret,
                      "application/x-www-form-urlencoded")
                .status,
            400);
}

// A production middleware finds new orders on a supplier's order stream by "create" in
// eventReasons; the supplier first sees an order when post-processing ends.
TEST_F(HttpFidelityTest, SupplierFirstSeesAnOrderAsItsCreation) {
  DscoClient supplier = Supplier(0);
  DscoClient retailer = Retailer(0);
  const Json stream = {
      {"id", "orders"}, {"objectType", "order"}, {"query", {{"queryType", "order"}}}};
  ASSERT_EQ(supplier.Post("/stream", stream).status, 201);
  ASSERT_EQ(retailer.Post("/stream", stream).status, 201);
  const std::string supplier_from = Position(supplier, "orders");
  const std::string retailer_from = Position(retailer, "orders");
  const std::string id = CreateVisibleOrder("PO-FID-1");

  const std::vector<Json> seen = EventsAfter(supplier, "orders", supplier_from);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0]["payload"]["dscoOrderId"], id);
  EXPECT_EQ(seen[0]["eventReasons"], Json({"create", "update_status_lifecycle"}));
  EXPECT_EQ(seen[0]["payload"]["dscoLifecycle"], "created");
  // The retailer saw the creation when it happened, and post-processing as a change.
  const std::vector<Json> own = EventsAfter(retailer, "orders", retailer_from);
  ASSERT_EQ(own.size(), 2u);
  EXPECT_EQ(own[0]["eventReasons"], Json({"create"}));
  EXPECT_EQ(own[1]["eventReasons"], Json({"update_status_lifecycle"}));
}

// The strict shipment fields were seen on single shipments; the vendor's demo sends only
// the spec's minimum in shipment small batches.
TEST_F(HttpFidelityTest, ShipmentSmallBatchTakesTheSpecsMinimum) {
  const std::string id = CreateVisibleOrder("PO-FID-2");
  DscoClient supplier = Supplier(0);
  const Json minimal = MinimalShipment(id);
  const ClientResponse single = supplier.Post("/order/singleShipment", minimal);
  EXPECT_EQ(single.status, 400) << single.body;
  const ClientResponse batch = supplier.Post("/order/shipment/batch/small", Json::array({minimal}));
  ASSERT_EQ(batch.status, 202) << batch.body;
  Settle();
  const Json logs = LogOf(supplier, "order", batch.json()["requestId"]);
  ASSERT_EQ(logs.size(), 1u);
  EXPECT_EQ(logs[0]["status"], "success") << logs.dump();
  const ClientResponse order = supplier.Get("/order?orderKey=dscoOrderId&value=" + id);
  ASSERT_EQ(order.status, 200);
  EXPECT_EQ(order.json()["packages"][0]["trackingNumber"], "1ZFID");
}

class HttpFidelityStrictTest : public HttpFidelityTest {
 protected:
  ServerOptions Options() const override {
    ServerOptions o = HttpFidelityTest::Options();
    o.tenant.world_options.orders.strict_shipments = ShipmentStrictness::kAll;
    return o;
  }
};

// --strict-shipments all (or the world file's "strictShipments": "all") refuses the
// minimum in batches too, in the change log as the platform reports async failures.
TEST_F(HttpFidelityStrictTest, StrictEverywhereRefusesTheMinimumInBatches) {
  const std::string id = CreateVisibleOrder("PO-FID-3");
  DscoClient supplier = Supplier(0);
  const Json minimal = MinimalShipment(id);
  const ClientResponse batch = supplier.Post("/order/shipment/batch/small", Json::array({minimal}));
  ASSERT_EQ(batch.status, 202) << batch.body;
  Settle();
  const Json logs = LogOf(supplier, "order", batch.json()["requestId"]);
  ASSERT_EQ(logs.size(), 1u);
  EXPECT_EQ(logs[0]["status"], "failure");
  EXPECT_EQ(logs[0]["results"][0]["description"],
            "poNumber: is required (the platform needs it on shipments)");
}

// Change-log results say what the platform would, without the model's code names.
TEST_F(HttpFidelityTest, ChangeLogResultsCarryNoInternalCodeName) {
  DscoClient supplier = Supplier(0);
  const Json bad = Json::array({{{"sku", "NO-SUCH-SKU"}, {"quantityAvailable", -1}}});
  const ClientResponse sent = supplier.Post("/inventory/batch/small", bad);
  ASSERT_EQ(sent.status, 202) << sent.body;
  Settle();
  const Json logs = LogOf(supplier, "inventory", sent.json()["requestId"]);
  ASSERT_EQ(logs.size(), 1u);
  ASSERT_EQ(logs[0]["status"], "failure");
  const std::string description = logs[0]["results"][0]["description"];
  EXPECT_EQ(description.find("invalid_argument"), std::string::npos) << description;
  EXPECT_EQ(description.find(": "), description.find_first_of(':')) << description;
  EXPECT_FALSE(description.empty());
}

// --- Seen from real clients (facts §1.8, §5.1, §5.11, §11; [MW] and [JAVA]) -------------

// Production's 400 on a single shipment without its carrier: the field's message with
// code and severity, then one with only a description.
TEST_F(HttpFidelityTest, SingleShipmentRefusalReadsLikeProductions) {
  const std::string id = CreateVisibleOrder("PO-FID-7");
  const Json shipment = {{"dscoOrderId", id},
                         {"poNumber", "PO-FID-7"},
                         {"shipments",
                          {{{"trackingNumber", "1ZFID"},
                            {"shippingServiceLevelCode", "UPCG"},
                            {"lineItems", {{{"sku", FirstSku()}, {"quantity", 2}}}}}}}};
  const ClientResponse r = Supplier(0).Post("/order/singleShipment", shipment);
  ASSERT_EQ(r.status, 400);
  const Json& messages = r.json()["messages"];
  ASSERT_EQ(messages.size(), 2u) << r.body;
  EXPECT_EQ(messages[0]["code"], "VALIDATION_FAILED");
  EXPECT_EQ(messages[0]["severity"], "error");
  EXPECT_EQ(messages[0]["description"], "shipments[0].shipCarrier: Ship carrier is required");
  EXPECT_EQ(messages[1], Json({{"description",
                                "All of these fields are required: poNumber, carrier, "
                                "shippingServiceLevelCode, lineItems, lineItems.quantity, "
                                "lineItems.sku"}}));
}

// A shipped line and its order as production's real order JSON shows them.
TEST_F(HttpFidelityTest, ShippedOrderReadsLikeProductionsRealOrders) {
  const std::string id = CreateVisibleOrder("PO-FID-8");
  DscoClient supplier = Supplier(0);
  const Json shipment = {{"dscoOrderId", id},
                         {"poNumber", "PO-FID-8"},
                         {"shipments",
                          {{{"trackingNumber", "1ZFID8"},
                            {"shipCarrier", "UPS"},
                            {"shippingServiceLevelCode", "UPCG"},
                            {"trackingUrl", "https://track.example/1ZFID8"},
                            {"lineItems", {{{"sku", FirstSku()}, {"quantity", 2}}}}}}}};
  const ClientResponse shipped = supplier.Post("/order/singleShipment", shipment);
  ASSERT_EQ(shipped.status, 201) << shipped.body;
  // SuccessFailResponse is documented in two shapes; both are sent (facts §11).
  EXPECT_EQ(shipped.json(), Json({{"success", true}, {"status", "success"}}));
  const ClientResponse got = supplier.Get("/order?orderKey=dscoOrderId&value=" + id);
  ASSERT_EQ(got.status, 200);
  const Json& order = got.json();
  EXPECT_EQ(order["dscoLifecycle"], "completed");
  EXPECT_EQ(order["dscoStatus"], "shipped");
  const Json& line = order["lineItems"][0];
  EXPECT_EQ(line["status"], "accepted");
  EXPECT_EQ(line["acceptedQuantity"], 2);
  EXPECT_EQ(line["statusReason"], "Tracking # 1ZFID8 added");
  EXPECT_EQ(line["acceptedReason"], "Tracking # 1ZFID8 added");
  ASSERT_EQ(line["activity"].size(), 2u);
  EXPECT_EQ(line["activity"][0]["action"], "add");
  EXPECT_EQ(line["activity"][0]["quantity"], 2);
  EXPECT_EQ(line["activity"][1]["action"], "ship");
  EXPECT_EQ(line["activity"][1]["reason"], "Tracking # 1ZFID8 added");
  for (const Json& a : line["activity"]) {
    EXPECT_EQ(a["updateDate"], a["activityDate"]);  // the legacy field real entries carry
    EXPECT_EQ(a["uuid"].get<std::string>().size(), 32u);
  }
  // The tracking link under both names, as real packages carry it.
  EXPECT_EQ(order["packages"][0]["trackingUrl"], "https://track.example/1ZFID8");
  EXPECT_EQ(order["packages"][0]["tracking_url"], "https://track.example/1ZFID8");
}

// GCG is a generic service level: production takes it on orders and refuses it on
// shipments; the sku is required on a shipment line even when dscoItemId names it.
TEST_F(HttpFidelityTest, GenericServiceLevelOnOrdersNotShipmentsAndSkuAlwaysOnLines) {
  Json body = OrderBody("PO-FID-9", FirstSku());
  body["shippingServiceLevelCode"] = "GCG";
  const ClientResponse created = Retailer(0).Post("/order/", body);
  ASSERT_EQ(created.status, 201) << created.body;
  Settle();
  const std::string id = created.json()["dscoOrderIds"][0];
  DscoClient supplier = Supplier(0);
  const ClientResponse order = supplier.Get("/order?orderKey=dscoOrderId&value=" + id);
  ASSERT_EQ(order.status, 200);
  const std::string item_id = order.json()["lineItems"][0]["dscoItemId"];
  Json shipment = {{"dscoOrderId", id},
                   {"poNumber", "PO-FID-9"},
                   {"shipments",
                    {{{"trackingNumber", "1ZFID9"},
                      {"shipCarrier", "UPS"},
                      {"shippingServiceLevelCode", "GCG"},
                      {"lineItems", {{{"sku", FirstSku()}, {"quantity", 1}}}}}}}};
  const ClientResponse generic = supplier.Post("/order/singleShipment", shipment);
  ASSERT_EQ(generic.status, 400);
  EXPECT_EQ(generic.json()["messages"].size(), 1u);  // not a missing field: no field list
  EXPECT_EQ(generic.json()["messages"][0]["description"].get<std::string>().rfind(
                "shipments[0].shippingServiceLevelCode:", 0),
            0u);
  shipment["shipments"][0]["shippingServiceLevelCode"] = "UPCG";
  shipment["shipments"][0]["lineItems"][0] = {{"dscoItemId", item_id}, {"quantity", 1}};
  const ClientResponse no_sku = supplier.Post("/order/singleShipment", shipment);
  ASSERT_EQ(no_sku.status, 400);
  EXPECT_EQ(no_sku.json()["messages"][0]["description"].get<std::string>().rfind(
                "shipments[0].lineItems[0].sku:", 0),
            0u)
      << no_sku.body;
  EXPECT_EQ(supplier.Get("/order?orderKey=dscoOrderId&value=" + id).json()["packages"],
            Json::array());
}

// The vendor's Java demo renews its token 30 s before expiry: the old token keeps
// working until its hour is up, the new one after.
TEST_F(HttpFidelityTest, RenewingBeforeExpiryLeavesBothTokensValidUntilTheOldOneEnds) {
  DscoClient old_client = Retailer(0);
  Advance(3570);
  DscoClient new_client = Retailer(0);
  EXPECT_NE(old_client.token(), new_client.token());
  EXPECT_EQ(old_client.Get("/hello").status, 200);
  EXPECT_EQ(new_client.Get("/hello").status, 200);
  Advance(30);
  EXPECT_EQ(old_client.Get("/hello").status, 401);
  EXPECT_EQ(new_client.Get("/hello").status, 200);
}

// The vendor's Java demo changes a stream's query by sending objectType and query to
// Update Stream: the version moves and only matching events arrive after it.
TEST_F(HttpFidelityTest, UpdateStreamChangesTheQuery) {
  DscoClient supplier = Supplier(0);
  ASSERT_EQ(
      supplier
          .Post("/stream",
                {{"id", "orders"}, {"objectType", "order"}, {"query", {{"queryType", "order"}}}})
          .status,
      201);
  const ClientResponse updated = supplier.Put(
      "/stream/orders", {{"id", "orders"},
                         {"objectType", "order"},
                         {"query", {{"queryType", "order"}, {"statuses", {"shipment_pending"}}}}});
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.json()["streamVersion"], 2);
  EXPECT_EQ(updated.json()["query"]["statuses"], Json({"shipment_pending"}));
  const std::string from = Position(supplier, "orders");
  const std::string id = CreateVisibleOrder("PO-FID-10");  // created: not shipment_pending
  EXPECT_TRUE(EventsAfter(supplier, "orders", from).empty());
  ASSERT_EQ(
      supplier.Post("/order/acknowledge", Json::array({{{"id", id}, {"type", "DSCO_ORDER_ID"}}}))
          .status,
      202);
  Settle();
  const std::vector<Json> events = EventsAfter(supplier, "orders", from);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["payload"]["dscoStatus"], "shipment_pending");
}

// --- The accepted deviations, one test each ----------------------------------------------

TEST_F(HttpFidelityTest, OrderTypeIsLowerCaseAsOnTheWire) {
  const std::string id = CreateVisibleOrder("PO-FID-4");
  const ClientResponse order = Supplier(0).Get("/order?orderKey=dscoOrderId&value=" + id);
  ASSERT_EQ(order.status, 200);
  EXPECT_EQ(order.json()["orderType"], "dropship");
}

TEST_F(HttpFidelityTest, LineActivityCarriesActionNotActivity) {
  const std::string id = CreateVisibleOrder("PO-FID-5");
  const ClientResponse order = Supplier(0).Get("/order?orderKey=dscoOrderId&value=" + id);
  ASSERT_EQ(order.status, 200);
  const Json& activity = order.json()["lineItems"][0]["activity"];
  ASSERT_FALSE(activity.empty());
  EXPECT_EQ(activity[0]["action"], "add");
  EXPECT_FALSE(activity[0].contains("activity"));
}

TEST_F(HttpFidelityTest, EventReasonsIsAnArrayOfTheSchemasReasons) {
  DscoClient retailer = Retailer(0);
  ASSERT_EQ(retailer
                .Post("/stream", {{"id", "inv"},
                                  {"objectType", "inventory"},
                                  {"query", {{"queryType", "inventory"}}}})
                .status,
            201);
  const std::string from = Position(retailer, "inv");
  DscoClient supplier = Supplier(0);
  const Json update = {{"sku", FirstSku()},
                       {"status", "in-stock"},
                       {"quantityAvailable", 7},
                       {"warehouses", {{{"code", "WH-1"}, {"quantity", 7}}}}};
  ASSERT_EQ(supplier.Post("/inventory/singleItem", update).status, 201);
  const std::vector<Json> events = EventsAfter(retailer, "inv", from);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["eventReasons"], Json({"inventory_attribute_changed"}));
}

TEST_F(HttpFidelityTest, ReturnMultipleAnswersAnArray) {
  DscoClient supplier = Supplier(0);
  const std::string path = "/inventory?itemKey=sku&value=" + FirstSku();
  const ClientResponse one = supplier.Get(path);
  ASSERT_EQ(one.status, 200);
  EXPECT_TRUE(one.json().is_object());
  const ClientResponse all = supplier.Get(path + "&returnMultiple=true");
  ASSERT_EQ(all.status, 200);
  ASSERT_TRUE(all.json().is_array());
  EXPECT_EQ(all.json()[0]["sku"], FirstSku());
  const ClientResponse catalog =
      supplier.Get("/catalog?itemKey=sku&value=" + FirstSku() + "&returnMultiple=true");
  ASSERT_EQ(catalog.status, 200);
  ASSERT_TRUE(catalog.json().is_array());
  EXPECT_EQ(catalog.json()[0]["sku"], FirstSku());
}

TEST_F(HttpFidelityTest, ConversationErrorsAreTextPlain) {
  const ClientResponse r = Supplier(0).Post("/conversation/message/list", {{"scrollId", "nope"}});
  ASSERT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "text/plain");
  EXPECT_EQ(r.body.rfind("scrollId:", 0), 0u) << r.body;
}

TEST_F(HttpFidelityTest, ChangeLogPayloadIsWhatWasSent) {
  DscoClient supplier = Supplier(0);
  const Json sent_item = {{"quantityAvailable", 3}};  // no sku: fails, and is echoed as sent
  const ClientResponse sent = supplier.Post("/inventory/batch/small", Json::array({sent_item}));
  ASSERT_EQ(sent.status, 202) << sent.body;
  const Json pending = LogOf(supplier, "inventory", sent.json()["requestId"]);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0]["status"], "pending");
  EXPECT_EQ(pending[0]["payload"], sent_item);
  EXPECT_TRUE(pending[0].contains("dateProcessed"));  // required: when it was received
  Settle();
  const Json done = LogOf(supplier, "inventory", sent.json()["requestId"]);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0]["status"], "failure");
  EXPECT_EQ(done[0]["payload"], sent_item);
}

TEST_F(HttpFidelityTest, InvalidInputIs400WithMessages) {
  const ClientResponse r = Supplier(0).Get("/inventory?value=x");
  ASSERT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["messages"][0]["code"], "VALIDATION_FAILED");
  EXPECT_EQ(r.json()["messages"][0]["severity"], "error");
  EXPECT_EQ(r.json()["messages"][0]["description"].get<std::string>().rfind("itemKey:", 0), 0u);
}

TEST_F(HttpFidelityTest, MissingTokenIs401) {
  const ClientResponse r = Anonymous().Get("/order/page");
  ASSERT_EQ(r.status, 401);
  EXPECT_TRUE(r.json()["message"].is_string());
}

TEST_F(HttpFidelityTest, WrongRoleIs403) {
  const ClientResponse r = Supplier(0).Post("/order/", OrderBody("PO-FID-6", FirstSku()));
  ASSERT_EQ(r.status, 403);
  EXPECT_EQ(r.json()["messages"][0]["code"], "FORBIDDEN");
}

TEST_F(HttpFidelityTest, MissingOrderIs404) {
  const ClientResponse r = Supplier(0).Get("/order?orderKey=dscoOrderId&value=1999999999");
  ASSERT_EQ(r.status, 404);
  EXPECT_EQ(r.json()["messages"][0]["code"], "NOT_FOUND");
}

TEST_F(HttpFidelityTest, BodyOverTheLimitIs413) {
  // A small batch takes 5 MB.
  const ClientResponse r = Supplier(0).Send(
      "POST", "/inventory/batch/small", std::string(5 * 1024 * 1024 + 1, ' '), "application/json");
  ASSERT_EQ(r.status, 413);
  EXPECT_TRUE(r.json()["message"].is_string());
}

class HttpFidelityLimitsTest : public HttpFidelityTest {
 protected:
  ServerOptions Options() const override {
    ServerOptions o = HttpFidelityTest::Options();
    o.tenant.rate_limits = true;
    return o;
  }
};

TEST_F(HttpFidelityLimitsTest, OverTheRateLimitIs429) {
  DscoClient supplier = Supplier(0);
  const std::string path = "/inventory?itemKey=sku&value=" + FirstSku();
  ClientResponse last;
  for (int i = 0; i < 16; ++i) last = supplier.Get(path);  // 15 per second
  ASSERT_EQ(last.status, 429);
  EXPECT_TRUE(last.json()["message"].is_string());
}

}  // namespace
}  // namespace dscosim::fakes
