// Inventory, catalog and warehouses over HTTP: Single Inventory and the lookups by role,
// the quantity rule, malformed requests that change nothing, small and large batches
// through the change logs (skipItemsThatDontExist), warehouses and retailer codes, and
// the spec's rate limits.
#include <gtest/gtest.h>

#include "dscosim/fakes/testing/fake_server_test.h"

namespace dscosim::fakes {
namespace {

using Json = nlohmann::json;

std::string Description(const ClientResponse& r) {
  return r.json()["messages"][0]["description"].get<std::string>();
}

// The description names `field` first ("field: message").
::testing::AssertionResult NamesField(const ClientResponse& r, const std::string& field) {
  if (r.status != 400) return ::testing::AssertionFailure() << "status " << r.status << " " << r.body;
  if (Description(r).rfind(field + ": ", 0) != 0) {
    return ::testing::AssertionFailure() << "expected field " << field << ", got " << r.body;
  }
  return ::testing::AssertionSuccess();
}

Json Inventory(const std::string& sku, int quantity, const std::string& code = "WH-1") {
  return {{"sku", sku},
          {"status", "in-stock"},
          {"quantityAvailable", quantity},
          {"warehouses", {{{"code", code}, {"quantity", quantity}}}}};
}

// The path part of a dataUrl, which DscoClient sends to the control API.
std::string UploadPath(const ClientResponse& opened) {
  const std::string url = opened.json()["dataUrl"];
  return url.substr(url.find("/_dscosim/upload/"));
}

class HttpItem : public FakeServerTest {
 protected:
  std::string Id(Role role, std::size_t n) { return Accounts(role).at(n).dsco_account_id; }
  Json Get(DscoClient& client, const std::string& what, const std::string& key,
           const std::string& value) {
    const ClientResponse r = client.Get("/" + what + "?itemKey=" + key + "&value=" + PercentEncode(value));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  ClientResponse Log(DscoClient& client, const std::string& resource, const std::string& request_id) {
    return client.Get("/" + resource + "/log?requestId=" + request_id);
  }
};

TEST_F(HttpItem, SingleItemThenLookupsByRole) {
  DscoClient supplier = Supplier(0);
  DscoClient retailer = Retailer(0);
  const Json body = {{"sku", "NEW-1"},
                     {"status", "in-stock"},
                     {"quantityAvailable", 7},
                     {"upc", "123456789012"},
                     {"x-unknown-field", {{"kept", true}}},
                     {"warehouses", {{{"code", "WH-1"}, {"quantity", 4}}, {{"code", "WH-EAST"}, {"quantity", 3}}}}};
  const ClientResponse created = supplier.Post("/inventory/singleItem", body);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["success"], true);

  const Json own = Get(supplier, "inventory", "sku", "NEW-1");
  EXPECT_EQ(own["quantityAvailable"], 7);
  EXPECT_EQ(own["status"], "in-stock");
  EXPECT_EQ(own["dscoSupplierId"], Id(Role::kSupplier, 0));
  ASSERT_EQ(own["warehouses"].size(), 2u);
  EXPECT_EQ(own["warehouses"][1]["code"], "WH-EAST");
  EXPECT_EQ(own["warehouses"][1]["quantity"], 3);
  const std::string id = own["dscoItemId"];
  // The retailer finds it by any key, unknown query parameters ignored.
  const ClientResponse by_id = retailer.Get("/inventory?itemKey=dscoItemId&value=" + id + "&_ts=1");
  ASSERT_EQ(by_id.status, 200);
  EXPECT_EQ(by_id.json()["sku"], "NEW-1");
  EXPECT_EQ(Get(retailer, "inventory", "UPC", "123456789012")["dscoItemId"], id);
  // No catalog was sent: GET /catalog does not know the item.
  EXPECT_EQ(retailer.Get("/catalog?itemKey=sku&value=NEW-1").status, 404);
  // Another supplier sees exactly what it sees for an item that does not exist.
  DscoClient other = Supplier(1);
  const ClientResponse hidden = other.Get("/inventory?itemKey=dscoItemId&value=" + id);
  const ClientResponse missing = other.Get("/inventory?itemKey=dscoItemId&value=999999999");
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(hidden.body, missing.body);
}

TEST_F(HttpItem, PartnerSkuLookupsNeedTheRetailerFromASupplier) {
  DscoClient supplier = Supplier(0);
  DscoClient retailer = Retailer(0);
  const Json seen = Get(retailer, "inventory", "sku", "ACME-101");
  const std::string psku = seen["partnerSku"];
  const std::string tp = seen["dscoTradingPartnerId"];
  EXPECT_EQ(Get(retailer, "inventory", "partnerSku", psku)["sku"], "ACME-101");
  EXPECT_EQ(Get(retailer, "catalog", "partnerSku", psku)["title"], "Trail item 1");
  const ClientResponse bare = supplier.Get("/inventory?itemKey=partnerSku&value=" + psku);
  EXPECT_TRUE(NamesField(bare, "dscoRetailerId"));
  const ClientResponse named = supplier.Get("/inventory?itemKey=partnerSku&value=" + psku +
                                            "&dscoRetailerId=" + Id(Role::kRetailer, 0));
  ASSERT_EQ(named.status, 200) << named.body;
  EXPECT_EQ(named.json()["sku"], "ACME-101");
  // A retailer narrowing to the other supplier finds nothing.
  const std::string other_tp = Get(retailer, "inventory", "sku", "CEDAR-101")["dscoTradingPartnerId"];
  ASSERT_NE(tp, other_tp);
  EXPECT_EQ(retailer.Get("/inventory?itemKey=sku&value=ACME-101&dscoTradingPartnerId=" + other_tp).status, 404);
}

TEST_F(HttpItem, ReturnMultipleGivesEveryMatchInCreationOrder) {
  DscoClient s0 = Supplier(0);
  DscoClient s1 = Supplier(1);
  Json a = Inventory("SHARED-A", 2);
  a["upc"] = "000000111111";
  Json b = Inventory("SHARED-B", 5);
  b["upc"] = "000000111111";
  ASSERT_EQ(s0.Post("/inventory/singleItem", a).status, 201);
  ASSERT_EQ(s1.Post("/inventory/singleItem", b).status, 201);
  DscoClient retailer = Retailer(1);
  const ClientResponse all = retailer.Get("/inventory?itemKey=upc&value=000000111111&returnMultiple=true");
  ASSERT_EQ(all.status, 200);
  ASSERT_TRUE(all.json().is_array());
  ASSERT_EQ(all.json().size(), 2u);
  EXPECT_EQ(all.json()[0]["sku"], "SHARED-A");
  EXPECT_EQ(all.json()[1]["sku"], "SHARED-B");
  EXPECT_EQ(Get(retailer, "inventory", "upc", "000000111111")["sku"], "SHARED-A");
  const ClientResponse own = s1.Get("/inventory?itemKey=upc&value=000000111111&returnMultiple=true");
  ASSERT_EQ(own.json().size(), 1u);
  EXPECT_EQ(own.json()[0]["quantityAvailable"], 5);
}

TEST_F(HttpItem, MalformedRequestsNameTheFieldAndChangeNothing) {
  DscoClient supplier = Supplier(0);
  const Json before = Get(supplier, "inventory", "sku", "ACME-102");
  Json mismatch = Inventory("ACME-102", 9);
  mismatch["quantityAvailable"] = 10;
  Json no_status = Inventory("ACME-102", 9);
  no_status.erase("status");
  Json bad_status = Inventory("ACME-102", 9);
  bad_status["status"] = 3;
  Json no_warehouses = Inventory("ACME-102", 9);
  no_warehouses.erase("warehouses");
  Json text_quantity = Inventory("ACME-102", 9);
  text_quantity["warehouses"][0]["quantity"] = "9";
  Json negative = Inventory("ACME-102", 9);
  negative["warehouses"][0]["quantity"] = -1;
  negative.erase("quantityAvailable");
  Json no_quantity = Inventory("ACME-102", 9);
  no_quantity.erase("quantityAvailable");
  no_quantity["warehouses"][0].erase("quantity");
  Json long_sku = Inventory(std::string(91, 'x'), 1);
  Json bad_upc = Inventory("ACME-102", 9);
  bad_upc["upc"] = "12ab";
  const std::vector<std::pair<Json, std::string>> cases = {
      {mismatch, "quantityAvailable"},   {no_status, "status"},
      {bad_status, "status"},            {no_warehouses, "warehouses"},
      {text_quantity, "warehouses[0].quantity"}, {negative, "warehouses[0].quantity"},
      {no_quantity, "quantityAvailable"}, {long_sku, "sku"},
      {bad_upc, "upc"},                  {{{"status", "in-stock"}}, "sku"},
  };
  for (const auto& [body, field] : cases) {
    EXPECT_TRUE(NamesField(supplier.Post("/inventory/singleItem", body), field)) << body.dump();
  }
  const ClientResponse broken = supplier.Send("POST", "/inventory/singleItem", "{\"sku\":", "application/json");
  EXPECT_EQ(broken.status, 400);
  EXPECT_EQ(broken.json()["messages"][0]["code"], "VALIDATION_FAILED");
  EXPECT_EQ(supplier.Post("/inventory/singleItem", Json::array()).status, 400);
  EXPECT_EQ(Get(supplier, "inventory", "sku", "ACME-102"), before);
  EXPECT_EQ(supplier.Get("/inventory?itemKey=sku&value=" + std::string(91, 'x')).status, 404);
  // Lookups: the parameters are named too.
  EXPECT_TRUE(NamesField(supplier.Get("/inventory?value=ACME-102"), "itemKey"));
  EXPECT_TRUE(NamesField(supplier.Get("/catalog?itemKey=color&value=red"), "itemKey"));
  EXPECT_TRUE(NamesField(supplier.Get("/catalog?itemKey=sku"), "value"));
  EXPECT_TRUE(NamesField(supplier.Get("/inventory?itemKey=sku&value=ACME-102&returnMultiple=yes"), "returnMultiple"));
}

TEST_F(HttpItem, RolesTheSpecGives) {
  DscoClient retailer = Retailer(0);
  DscoClient supplier = Supplier(0);
  EXPECT_EQ(retailer.Post("/inventory/singleItem", Inventory("R-1", 1)).status, 403);
  EXPECT_EQ(retailer.Post("/inventory/batch/small", Json::array({Inventory("R-1", 1)})).status, 403);
  EXPECT_EQ(retailer.Post("/inventory/batch/large", Json::object()).status, 403);
  EXPECT_EQ(retailer.Post("/catalog/batch/small", Json::array({{{"sku", "R-1"}}})).status, 403);
  EXPECT_EQ(retailer.Post("/catalog/batch/large", Json::object()).status, 403);
  EXPECT_EQ(supplier.Post("/retailer-warehouses/codes", Json::array()).status, 403);
  EXPECT_EQ(supplier.Get("/retailer-warehouses").status, 403);
  EXPECT_EQ(supplier.Get("/retailer-warehouses/export").status, 403);
  EXPECT_EQ(retailer.Get("/inventory?itemKey=sku&value=R-1").status, 404);
}

TEST_F(HttpItem, SmallInventoryBatchSkipsUnknownItemsAndReportsInTheLog) {
  DscoClient supplier = Supplier(0);
  Json bad = Inventory("ACME-103", 4);
  bad["quantityAvailable"] = 5;
  const Json batch = Json::array({Inventory("ACME-101", 11), Inventory("NOPE-1", 3), bad});
  const ClientResponse sent = supplier.Post("/inventory/batch/small?skipItemsThatDontExist=true", batch);
  ASSERT_EQ(sent.status, 202) << sent.body;
  EXPECT_EQ(sent.json()["status"], "pending");
  const std::string request = sent.json()["requestId"];
  ClientResponse log = Log(supplier, "inventory", request);
  ASSERT_EQ(log.status, 200);
  EXPECT_EQ(log.json()["status"], "PROCESSING");
  EXPECT_EQ(log.json()["logs"].size(), 3u);
  EXPECT_EQ(log.json()["logs"][0]["status"], "pending");
  Advance(4);
  log = Log(supplier, "inventory", request);
  EXPECT_EQ(log.json()["status"], "COMPLETED");
  ASSERT_EQ(log.json()["logs"].size(), 3u);
  EXPECT_EQ(log.json()["logs"][0]["status"], "success");
  EXPECT_EQ(log.json()["logs"][0]["requestMethodDetail"], "updateInventorySmallBatch");
  EXPECT_EQ(log.json()["logs"][0]["payload"], batch[0]);
  EXPECT_EQ(log.json()["logs"][1]["status"], "success");
  EXPECT_EQ(log.json()["logs"][2]["status"], "failure");
  EXPECT_NE(log.json()["logs"][2]["results"][0]["description"].get<std::string>().find("quantityAvailable"),
            std::string::npos);
  EXPECT_EQ(Get(supplier, "inventory", "sku", "ACME-101")["quantityAvailable"], 11);
  EXPECT_EQ(supplier.Get("/inventory?itemKey=sku&value=NOPE-1").status, 404);
  // Another account cannot read the log.
  DscoClient other = Supplier(1);
  EXPECT_EQ(Log(other, "inventory", request).json()["logs"].size(), 0u);

  // Without the flag an unknown sku creates the item.
  ASSERT_EQ(supplier.Post("/inventory/batch/small", Json::array({Inventory("NOPE-2", 6)})).status, 202);
  Advance(4);
  EXPECT_EQ(Get(supplier, "inventory", "sku", "NOPE-2")["quantityAvailable"], 6);
  EXPECT_TRUE(NamesField(supplier.Post("/inventory/batch/small?skipItemsThatDontExist=maybe",
                                       Json::array({Inventory("NOPE-3", 1)})),
                         "skipItemsThatDontExist"));
  EXPECT_EQ(supplier.Post("/inventory/batch/small", Inventory("NOPE-3", 1)).status, 400);
  EXPECT_EQ(supplier.Post("/inventory/batch/small", Json::array()).status, 400);
  EXPECT_TRUE(NamesField(supplier.Get("/inventory/log"), "requestId"));
  Advance(4);
  EXPECT_EQ(supplier.Get("/inventory?itemKey=sku&value=NOPE-3").status, 404);
}

TEST_F(HttpItem, LargeInventoryBatchUploadsJsonLinesToTheDataUrl) {
  DscoClient supplier = Supplier(0);
  const ClientResponse opened = supplier.Post("/inventory/batch/large?skipItemsThatDontExist=true", Json::object());
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(opened.json()["status"], "success");
  const std::string url = opened.json()["dataUrl"];
  EXPECT_EQ(url.rfind(server().base_url() + "/_dscosim/upload/", 0), 0u) << url;
  const std::string request = opened.json()["requestId"];
  EXPECT_EQ(Log(supplier, "inventory", request).json()["logs"].size(), 0u);  // nothing until the upload
  const std::string lines = Inventory("ACME-104", 21).dump() + "\n" + Inventory("GHOST-1", 1).dump() +
                            "\nnot json\n";
  const ClientResponse uploaded = supplier.Send("PUT", UploadPath(opened), lines, "application/x-ndjson");
  ASSERT_EQ(uploaded.status, 200) << uploaded.body;
  EXPECT_EQ(uploaded.json()["objects"], 3);
  EXPECT_EQ(supplier.Send("PUT", UploadPath(opened), lines, "application/x-ndjson").status, 404);  // used up
  Advance(4);
  const ClientResponse log = Log(supplier, "inventory", request);
  EXPECT_EQ(log.json()["status"], "COMPLETED");
  ASSERT_EQ(log.json()["logs"].size(), 3u);
  EXPECT_EQ(log.json()["logs"][0]["status"], "success");
  EXPECT_EQ(log.json()["logs"][0]["requestMethodDetail"], "updateInventoryLargeBatch");
  EXPECT_EQ(log.json()["logs"][1]["status"], "success");  // skipped
  EXPECT_EQ(log.json()["logs"][2]["status"], "failure");
  EXPECT_EQ(Get(supplier, "inventory", "sku", "ACME-104")["quantityAvailable"], 21);
  EXPECT_EQ(supplier.Get("/inventory?itemKey=sku&value=GHOST-1").status, 404);

  // The same flow with DscoClient::Put and one JSON object.
  const ClientResponse second = supplier.Post("/inventory/batch/large", Json::object());
  ASSERT_EQ(supplier.Put(UploadPath(second), Inventory("GHOST-2", 8)).status, 200);
  Advance(4);
  EXPECT_EQ(Get(supplier, "inventory", "sku", "GHOST-2")["quantityAvailable"], 8);
  EXPECT_EQ(supplier.Put("/_dscosim/upload/unknown-token", Inventory("GHOST-3", 8)).status, 404);
}

TEST_F(HttpItem, CatalogBatchesMergeDeleteAndReport) {
  DscoClient supplier = Supplier(0);
  DscoClient retailer = Retailer(0);
  const Json batch = Json::array({{{"sku", "CAT-1"}, {"title", "Tent"}, {"productStatus", "active"},
                                   {"brand", "Acme"}, {"color", "green"}},
                                  {{"sku", "CAT-2"}, {"productStatus", "active"}}});
  const ClientResponse sent = supplier.Post("/catalog/batch/small", batch);
  ASSERT_EQ(sent.status, 202) << sent.body;
  const std::string request = sent.json()["requestId"];
  EXPECT_EQ(retailer.Get("/catalog?itemKey=sku&value=CAT-1").status, 404);
  Advance(4);
  const ClientResponse log = Log(supplier, "catalog", request);
  EXPECT_EQ(log.json()["status"], "COMPLETED");
  ASSERT_EQ(log.json()["logs"].size(), 2u);
  EXPECT_EQ(log.json()["logs"][0]["status"], "success");
  EXPECT_EQ(log.json()["logs"][0]["requestMethodDetail"], "updateCatalogSmallBatch");
  EXPECT_EQ(log.json()["logs"][1]["status"], "failure");
  EXPECT_NE(log.json()["logs"][1]["results"][0]["description"].get<std::string>().find("title: is required"),
            std::string::npos)
      << log.body;
  EXPECT_EQ(Log(supplier, "inventory", request).json()["logs"].size(), 0u);  // another log
  const Json cat = Get(retailer, "catalog", "sku", "CAT-1");
  EXPECT_EQ(cat["title"], "Tent");
  EXPECT_EQ(cat["color"], "green");
  EXPECT_EQ(cat["productStatus"], "active");
  EXPECT_EQ(retailer.Get("/catalog?itemKey=sku&value=CAT-2").status, 404);
  EXPECT_EQ(retailer.Get("/inventory?itemKey=sku&value=CAT-1").status, 404);

  // A large batch: null deletes an attribute, absent ones stay.
  const ClientResponse opened = supplier.Post("/catalog/batch/large", Json::object());
  ASSERT_EQ(opened.status, 200);
  ASSERT_EQ(supplier.Put(UploadPath(opened), {{"sku", "CAT-1"}, {"color", nullptr}, {"size", "L"}}).status, 200);
  Advance(4);
  EXPECT_EQ(Log(supplier, "catalog", opened.json()["requestId"].get<std::string>()).json()["logs"][0]["requestMethodDetail"],
            "updateCatalogLargeBatch");
  const Json merged = Get(supplier, "catalog", "sku", "CAT-1");
  EXPECT_FALSE(merged.contains("color"));
  EXPECT_EQ(merged["size"], "L");
  EXPECT_EQ(merged["brand"], "Acme");
}

TEST_F(HttpItem, WarehousePageByRoleAndQuery) {
  DscoClient s0 = Supplier(0);
  DscoClient retailer = Retailer(0);
  const ClientResponse own = s0.Get("/warehouse/page");
  ASSERT_EQ(own.status, 200) << own.body;
  ASSERT_EQ(own.json()["warehouses"].size(), 1u);
  EXPECT_EQ(own.json()["warehouses"][0]["code"], "WH-1");
  EXPECT_EQ(own.json()["warehouses"][0]["supplierId"], Id(Role::kSupplier, 0));
  EXPECT_EQ(own.json()["warehouses"][0]["status"], "active");
  EXPECT_FALSE(own.json().contains("scrollId"));
  const ClientResponse all = retailer.Get("/warehouse/page");
  ASSERT_EQ(all.json()["warehouses"].size(), 2u);
  EXPECT_EQ(all.json()["warehouses"][1]["supplierId"], Id(Role::kSupplier, 1));
  const ClientResponse one = retailer.Get("/warehouse/page?supplierId=" + Id(Role::kSupplier, 1));
  ASSERT_EQ(one.json()["warehouses"].size(), 1u);
  const std::string wid = one.json()["warehouses"][0]["warehouseId"];
  EXPECT_EQ(retailer.Get("/warehouse/page?idType=warehouseId&idValue=" + wid).json()["warehouses"][0]["supplierId"],
            Id(Role::kSupplier, 1));
  // A supplier's supplier filter is ignored; the other supplier's warehouse stays hidden.
  EXPECT_EQ(s0.Get("/warehouse/page?supplierId=" + Id(Role::kSupplier, 1)).json()["warehouses"].size(), 1u);
  EXPECT_EQ(s0.Get("/warehouse/page?idType=warehouseId&idValue=" + wid).json()["warehouses"].size(), 0u);
  EXPECT_TRUE(NamesField(retailer.Get("/warehouse/page?idType=name&idValue=x"), "idType"));
  EXPECT_TRUE(NamesField(retailer.Get("/warehouse/page?idType=code"), "idValue"));
  EXPECT_TRUE(NamesField(retailer.Get("/warehouse/page?status=paused"), "status"));
  EXPECT_TRUE(NamesField(retailer.Get("/warehouse/page?name=Main"), "status"));
  EXPECT_EQ(retailer.Get("/warehouse/page?scrollId=abc").status, 404);
}

TEST_F(HttpItem, RetailerWarehouseCodesAppliedDuplicatedUnauthorised) {
  DscoClient r0 = Retailer(0);
  const std::string s0 = Id(Role::kSupplier, 0);
  const std::string s1 = Id(Role::kSupplier, 1);
  const Json list = r0.Get("/warehouse/page").json()["warehouses"];
  const std::string w0 = list[0]["warehouseId"];
  const std::string w1 = list[1]["warehouseId"];
  const ClientResponse malformed = r0.Post("/retailer-warehouses/codes",
                                           Json::array({{{"accountId", s0}, {"warehouseId", w0}, {"code", "A"}},
                                                        {{"accountId", s1}, {"warehouseId", w1}}}));
  EXPECT_TRUE(NamesField(malformed, "[1].code"));
  EXPECT_FALSE(r0.Get("/warehouse/page").json()["warehouses"][0].contains("retailerCode"));
  const Json body = Json::array({{{"accountId", s0}, {"warehouseId", w0}, {"code", "NW-EAST"}},
                                 {{"accountId", s1}, {"warehouseId", w0}, {"code", "NW-X"}},
                                 {{"accountId", s1}, {"warehouseId", w1}, {"code", "NW-EAST"}}});
  const ClientResponse set = r0.Post("/retailer-warehouses/codes", body);
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json()["success"], false);
  EXPECT_EQ(set.json()["appliedCodes"], Json::array({"NW-EAST"}));
  EXPECT_EQ(set.json()["unauthorisedCodes"], Json::array({body[1]}));
  EXPECT_EQ(set.json()["duplicatedCodes"], Json::array({body[2]}));
  EXPECT_EQ(r0.Get("/warehouse/page").json()["warehouses"][0]["retailerCode"], "NW-EAST");
  EXPECT_EQ(Get(r0, "inventory", "sku", "ACME-101")["warehouses"][0]["retailerCode"], "NW-EAST");
  DscoClient r1 = Retailer(1);
  EXPECT_FALSE(r1.Get("/warehouse/page").json()["warehouses"][0].contains("retailerCode"));
  EXPECT_FALSE(Get(r1, "inventory", "sku", "ACME-101")["warehouses"][0].contains("retailerCode"));
}

TEST_F(HttpItem, RetailerWarehousesPageSearchAndExport) {
  const std::string s1 = Id(Role::kSupplier, 1);
  {
    Tenant& t = server().tenant();
    std::lock_guard<std::mutex> lock(t.mu);
    ASSERT_TRUE(t.world.items()
                    .PutWarehouse(s1, {{"code", "WH-9"}, {"name", "Dock, Nine"}, {"status", "inactive"},
                                       {"address", {"9 Pier Rd"}}, {"city", "Portland"}, {"postal", "97201"}})
                    .ok());
  }
  DscoClient r0 = Retailer(0);
  const std::string tp = Get(r0, "inventory", "sku", "CEDAR-101")["dscoTradingPartnerId"];
  const ClientResponse all = r0.Get("/retailer-warehouses");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.json()["totalSize"], 3);
  EXPECT_EQ(all.json()["totalPages"], 1);
  const ClientResponse disabled = r0.Get("/retailer-warehouses?status=disabled");
  ASSERT_EQ(disabled.json()["warehouses"].size(), 1u);
  const Json dock = disabled.json()["warehouses"][0];
  EXPECT_EQ(dock["name"], "Dock, Nine");
  EXPECT_EQ(dock["supplierCode"], "WH-9");
  EXPECT_EQ(dock["status"], "disabled");
  EXPECT_EQ(dock["tradingPartnerId"], tp);
  EXPECT_EQ(dock["tradingPartnerName"], "Cedar & Pine Goods");
  EXPECT_EQ(dock["address"], Json({{"address", "9 Pier Rd"}, {"city", "Portland"}, {"zip", "97201"}}));
  EXPECT_EQ(r0.Get("/retailer-warehouses?query=DOCK").json()["totalSize"], 1);
  const ClientResponse paged = r0.Get("/retailer-warehouses?size=2&from=2");
  EXPECT_EQ(paged.json()["totalPages"], 2);
  EXPECT_EQ(paged.json()["page"], 1);
  ASSERT_EQ(paged.json()["warehouses"].size(), 1u);
  EXPECT_EQ(paged.json()["warehouses"][0]["supplierCode"], "WH-9");
  EXPECT_TRUE(NamesField(r0.Get("/retailer-warehouses?size=0"), "size"));
  EXPECT_TRUE(NamesField(r0.Get("/retailer-warehouses?size=10001"), "size"));
  EXPECT_TRUE(NamesField(r0.Get("/retailer-warehouses?status=active"), "status"));
  EXPECT_TRUE(NamesField(r0.Get("/retailer-warehouses?sortKey=name"), "sortKey"));
  EXPECT_TRUE(NamesField(r0.Get("/retailer-warehouses?lastUpdatedFrom=yesterday"), "lastUpdatedFrom"));
  EXPECT_EQ(r0.Get("/retailer-warehouses?lastUpdatedFrom=2026-01-06").json()["totalSize"], 0);

  const ClientResponse csv = r0.Get("/retailer-warehouses/export?status=disabled");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.content_type.rfind("text/csv", 0), 0u);
  EXPECT_EQ(csv.body,
            "dscoId,supplierCode,retailerCode,name,status,tradingPartnerId,tradingPartnerName,address,"
            "city,region,country,zip,createdDate,lastUpdated\r\n" +
                dock["dscoId"].get<std::string>() + ",WH-9,,\"Dock, Nine\",disabled," + tp +
                ",Cedar & Pine Goods,9 Pier Rd,Portland,,,97201,2026-01-05T09:00:00+00:00,"
                "2026-01-05T09:00:00+00:00\r\n");
}

class HttpItemLimits : public HttpItem {
 protected:
  ServerOptions Options() const override {
    ServerOptions o = FakeServerTest::Options();
    o.tenant.rate_limits = true;
    return o;
  }
};

TEST_F(HttpItemLimits, TheSpecsLimitsPerOperation) {
  DscoClient supplier = Supplier(0);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(supplier.Post("/inventory/singleItem", Inventory("ACME-101", i)).status, 201) << i;
  }
  EXPECT_EQ(supplier.Post("/inventory/singleItem", Inventory("ACME-101", 9)).status, 429);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(supplier.Get("/catalog?itemKey=sku&value=ACME-101").status, 200) << i;
  EXPECT_EQ(supplier.Get("/catalog?itemKey=sku&value=ACME-101").status, 429);
  for (int i = 0; i < 15; ++i) EXPECT_EQ(supplier.Get("/inventory?itemKey=sku&value=ACME-101").status, 200) << i;
  EXPECT_EQ(supplier.Get("/inventory?itemKey=sku&value=ACME-101").status, 429);
  DscoClient other = Supplier(1);  // its own window
  EXPECT_EQ(Get(other, "inventory", "sku", "CEDAR-101")["sku"], "CEDAR-101");
  Advance(1);
  EXPECT_EQ(supplier.Post("/inventory/singleItem", Inventory("ACME-101", 9)).status, 201);
  EXPECT_EQ(Get(supplier, "inventory", "sku", "ACME-101")["quantityAvailable"], 9);
}

}  // namespace
}  // namespace dscosim::fakes
