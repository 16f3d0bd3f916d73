// Orders over HTTP: create and replay, 404 until visible, Get Orders, acknowledge through
// the change log, shipments with production's required fields, cancel requests.
#include <gtest/gtest.h>

#include "dscosim/fakes/testing/fake_server_test.h"

namespace dscosim::fakes {
namespace {

using Json = nlohmann::json;

class HttpOrder : public FakeServerTest {
 protected:
  Json OrderBody(const std::string& po, const std::string& sku, int quantity = 2) {
    return {{"poNumber", po},
            {"shipping", {{"name", "Ada Lovelace"}, {"address1", "1 Main St"}, {"city", "Springfield"},
                          {"region", "IL"}, {"postal", "62701"}}},
            {"shippingServiceLevelCode", "UPCG"},
            {"lineItems", {{{"sku", sku}, {"quantity", quantity}}}}};
  }
  std::string FirstSku(std::size_t supplier) {
    const std::string supplier_id = Accounts(Role::kSupplier)[supplier].dsco_account_id;
    Tenant& t = server().tenant();
    std::lock_guard<std::mutex> lock(t.mu);
    return t.world.items().ItemsOf(supplier_id)[0]->sku;
  }
};

TEST_F(HttpOrder, CreateThen404UntilVisibleThenReplay) {
  DscoClient retailer = Retailer(0);
  DscoClient supplier = Supplier(0);
  const std::string sku = FirstSku(0);
  const ClientResponse created = retailer.Post("/order/", OrderBody("PO-HTTP-1", sku));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["status"], "success");
  ASSERT_EQ(created.json()["dscoOrderIds"].size(), 1u);
  const std::string id = created.json()["dscoOrderIds"][0];
  EXPECT_EQ(created.json()["dscoOrders"][0]["dscoLifecycle"], "received");
  // Without the trailing slash and with an unknown parameter, as the Java client sends.
  EXPECT_EQ(supplier.Get("/order?orderKey=dscoOrderId&value=" + id + "&_ts=123").status, 404);
  Advance(3);
  const ClientResponse got = supplier.Get("/order/?orderKey=dscoOrderId&value=" + id + "&_ts=124");
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.json()["dscoLifecycle"], "created");
  EXPECT_EQ(got.json()["dscoStatus"], "created");
  EXPECT_EQ(got.json()["poNumber"], "PO-HTTP-1");
  const ClientResponse replay = retailer.Post("/order", OrderBody("PO-HTTP-1", sku, 9));
  EXPECT_EQ(replay.status, 200);
  EXPECT_EQ(replay.json()["dscoOrderIds"][0], id);
}

TEST_F(HttpOrder, ValidationFailedNamesTheField) {
  DscoClient retailer = Retailer(0);
  Json body = OrderBody("PO-BAD", FirstSku(0));
  body["shipping"].erase("postal");
  const ClientResponse r = retailer.Post("/order/", body);
  ASSERT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["messages"][0]["code"], "VALIDATION_FAILED");
  EXPECT_EQ(r.json()["messages"][0]["severity"], "error");
  EXPECT_EQ(r.json()["messages"][0]["description"].get<std::string>().rfind("shipping.postal:", 0), 0u);
  // A supplier may not create orders.
  EXPECT_EQ(Supplier(0).Post("/order/", OrderBody("PO-S", FirstSku(0))).status, 403);
}

TEST_F(HttpOrder, GetOrdersWithTheFiveSecondRuleAndScroll) {
  DscoClient retailer = Retailer(0);
  DscoClient supplier = Supplier(0);
  const Time since = Now();
  for (int i = 0; i < 12; ++i) {
    ASSERT_EQ(retailer.Post("/order/", OrderBody("PO-P" + std::to_string(i), FirstSku(0), 1)).status, 201);
  }
  Advance(10);
  const std::string window = "/order/page?ordersCreatedSince=" + PercentEncode(FormatIso8601(since)) + "&until=";
  EXPECT_EQ(supplier.Get(window + PercentEncode(FormatIso8601(Now()))).status, 400);
  ClientResponse page = supplier.Get(window + PercentEncode(FormatIso8601(Now() - std::chrono::seconds(5))) +
                                     "&ordersPerPage=10");
  std::size_t seen = 0;
  while (true) {
    ASSERT_EQ(page.status, 200) << page.body;
    // The demo world's own orders share the window; count this test's.
    for (const Json& order : page.json()["orders"]) {
      if (order["poNumber"].get<std::string>().rfind("PO-P", 0) == 0) ++seen;
    }
    if (!page.json().contains("scrollId")) break;
    page = supplier.Get("/order/page?scrollId=" + page.json()["scrollId"].get<std::string>());
  }
  EXPECT_EQ(seen, 12u);
  EXPECT_EQ(supplier.Get("/order/page?scrollId=nope").status, 404);
}

TEST_F(HttpOrder, AcknowledgeIsAsynchronousWithAChangeLog) {
  DscoClient retailer = Retailer(0);
  DscoClient supplier = Supplier(0);
  const ClientResponse created = retailer.Post("/order/", OrderBody("PO-A", FirstSku(0)));
  const std::string id = created.json()["dscoOrderIds"][0];
  Advance(3);
  const ClientResponse ack = supplier.Post("/order/acknowledge", Json::array({{{"id", id}, {"type", "DSCO_ORDER_ID"}}}));
  ASSERT_EQ(ack.status, 202) << ack.body;
  const std::string request = ack.json()["requestId"];
  ClientResponse log = supplier.Get("/order/log?requestId=" + request);
  ASSERT_EQ(log.status, 200);
  EXPECT_EQ(log.json()["status"], "PROCESSING");
  Advance(3);
  log = supplier.Get("/order/log?requestId=" + request);
  EXPECT_EQ(log.json()["status"], "COMPLETED");
  EXPECT_EQ(log.json()["logs"][0]["status"], "success");
  EXPECT_EQ(supplier.Get("/order/?orderKey=dscoOrderId&value=" + id).json()["dscoLifecycle"], "acknowledged");
}

TEST_F(HttpOrder, SingleShipmentNeedsWhatProductionNeeds) {
  DscoClient retailer = Retailer(0);
  DscoClient supplier = Supplier(0);
  const std::string sku = FirstSku(0);
  const std::string id = retailer.Post("/order/", OrderBody("PO-SHIP", sku)).json()["dscoOrderIds"][0];
  Advance(3);
  Json shipment = {{"dscoOrderId", id},
                   {"poNumber", "PO-SHIP"},
                   {"shipments", {{{"trackingNumber", "1Z999"},
                                   {"shippingServiceLevelCode", "UPCG"},
                                   {"lineItems", {{{"sku", sku}, {"quantity", 2}}}}}}}};
  const ClientResponse missing = supplier.Post("/order/singleShipment", shipment);
  ASSERT_EQ(missing.status, 400);
  EXPECT_EQ(missing.json()["messages"][0]["description"].get<std::string>().rfind("shipments[0].shipCarrier:", 0), 0u);
  shipment["shipments"][0]["shipCarrier"] = "UPS";
  const ClientResponse shipped = supplier.Post("/order/singleShipment", shipment);
  ASSERT_EQ(shipped.status, 201) << shipped.body;
  EXPECT_EQ(shipped.json()["success"], true);
  const Json order = supplier.Get("/order/?orderKey=dscoOrderId&value=" + id).json();
  EXPECT_EQ(order["dscoStatus"], "shipped");
  EXPECT_EQ(order["dscoLifecycle"], "completed");
  EXPECT_EQ(order["packages"][0]["trackingNumber"], "1Z999");
}

TEST_F(HttpOrder, CancelRequestsAnswerTheSpecsCodes) {
  DscoClient retailer = Retailer(0);
  DscoClient supplier = Supplier(0);
  const std::string sku = FirstSku(0);
  const std::string a = retailer.Post("/order/", OrderBody("PO-C1", sku)).json()["dscoOrderIds"][0];
  const std::string b = retailer.Post("/order/", OrderBody("PO-C2", sku)).json()["dscoOrderIds"][0];
  Advance(3);
  const ClientResponse at_once = retailer.Put("/order/request/cancel", {{"dscoOrderId", a}, {"cancelCode", "CUST"}});
  EXPECT_EQ(at_once.status, 200) << at_once.body;
  ASSERT_EQ(supplier.Post("/order/acknowledge", Json::array({{{"id", b}, {"type", "DSCO_ORDER_ID"}}})).status, 202);
  Advance(3);
  const ClientResponse requested = retailer.Put("/order/request/cancel", {{"dscoOrderId", b}, {"cancelCode", "CUST"}});
  EXPECT_EQ(requested.status, 201) << requested.body;
  EXPECT_EQ(supplier.Get("/order/?orderKey=dscoOrderId&value=" + b).json()["cancelRequested"], true);
  const ClientResponse again_cancelled = retailer.Put("/order/request/cancel", {{"dscoOrderId", a}, {"cancelCode", "CUST"}});
  EXPECT_EQ(again_cancelled.status, 400);
  EXPECT_EQ(again_cancelled.json()["status"], "failure");
}

}  // namespace
}  // namespace dscosim::fakes
