// Assortments over HTTP: the life cycle, owners only (others get the 404 of an unknown
// id), items by dscoItemId and itemKey one at a time and several at a time, membership in
// the item views, small batches through GET /assortment/log, and dynamic assortments.
#include <gtest/gtest.h>

#include "dscosim/fakes/testing/fake_server_test.h"

namespace dscosim::fakes {
namespace {

using Json = nlohmann::json;

::testing::AssertionResult NamesField(const ClientResponse& r, int status, const std::string& field) {
  if (r.status != status) return ::testing::AssertionFailure() << "status " << r.status << " " << r.body;
  const std::string description = r.json()["messages"][0]["description"];
  if (description.rfind(field + ": ", 0) != 0) {
    return ::testing::AssertionFailure() << "expected field " << field << ", got " << r.body;
  }
  return ::testing::AssertionSuccess();
}

class HttpAssortment : public FakeServerTest {
 protected:
  // The item's dscoItemId, and the retailer's trading-partner id for its supplier.
  std::string ItemId(const std::string& sku) {
    DscoClient retailer = Retailer(0);
    return retailer.Get("/inventory?itemKey=sku&value=" + sku).json()["dscoItemId"];
  }
  std::string TradingPartnerId(const std::string& sku) {
    DscoClient retailer = Retailer(0);
    return retailer.Get("/inventory?itemKey=sku&value=" + sku).json()["dscoTradingPartnerId"];
  }
  // The assortments `client` sees on the item's catalog view (none: an empty array).
  Json Holding(DscoClient& client, const std::string& sku) {
    const ClientResponse r = client.Get("/catalog?itemKey=sku&value=" + sku);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().value("assortments", Json::array());
  }
  std::string Create(DscoClient& client, const Json& body) {
    const ClientResponse r = client.Post("/assortment", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  }
  static ClientResponse DeleteWithBody(DscoClient& client, const std::string& path, const Json& body) {
    return client.Send("DELETE", path, body.dump(), "application/json");
  }
};

TEST_F(HttpAssortment, LifeCycleForTheOwnerOnly) {
  DscoClient owner = Retailer(0);
  DscoClient other = Retailer(1);
  const ClientResponse created = owner.Post("/assortment", {{"name", "Summer"}, {"unknownField", 1}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = created.json()["id"];
  EXPECT_EQ(created.json(), Json({{"id", id}, {"name", "Summer"}}));
  EXPECT_EQ(owner.Get("/assortment").json(), Json::array({{{"id", id}, {"name", "Summer"}}}));
  EXPECT_EQ(other.Get("/assortment").json(), Json::array());

  const ClientResponse renamed = owner.Put("/assortment/" + id, {{"id", id}, {"name", "Summer 2"}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.json()["success"], true);
  EXPECT_EQ(owner.Get("/assortment/" + id).json()["name"], "Summer 2");

  // Someone else's assortment answers exactly like one that does not exist.
  const ClientResponse hidden = other.Get("/assortment/" + id);
  const ClientResponse missing = other.Get("/assortment/123456789");
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(hidden.body, missing.body);
  EXPECT_EQ(other.Put("/assortment/" + id, {{"id", id}, {"name", "Mine"}}).status, 404);
  EXPECT_EQ(other.Delete("/assortment/" + id).status, 404);
  EXPECT_EQ(other.Post("/assortment/" + id + "/item", {{"dscoItemId", ItemId("ACME-101")}}).status, 404);
  EXPECT_EQ(owner.Get("/assortment/" + id).json()["name"], "Summer 2");

  const ClientResponse deleted = owner.Delete("/assortment/" + id);
  ASSERT_EQ(deleted.status, 200);
  EXPECT_EQ(deleted.json()["success"], true);
  EXPECT_EQ(owner.Get("/assortment/" + id).status, 404);
  EXPECT_EQ(owner.Get("/assortment").json(), Json::array());
}

TEST_F(HttpAssortment, MalformedBodiesNameTheFieldAndChangeNothing) {
  DscoClient owner = Retailer(0);
  EXPECT_TRUE(NamesField(owner.Post("/assortment", Json::object()), 400, "name"));
  EXPECT_TRUE(NamesField(owner.Post("/assortment", {{"name", 5}}), 400, "name"));
  EXPECT_TRUE(NamesField(owner.Post("/assortment", {{"name", "  "}}), 400, "name"));
  EXPECT_EQ(owner.Send("POST", "/assortment", "{\"name\":", "application/json").status, 400);
  EXPECT_EQ(owner.Get("/assortment").json(), Json::array());

  const std::string id = Create(owner, {{"name", "Winter"}});
  EXPECT_TRUE(NamesField(owner.Put("/assortment/" + id, {{"id", "1"}, {"name", "X"}}), 400, "id"));
  EXPECT_TRUE(NamesField(owner.Put("/assortment/" + id, {{"id", id}}), 400, "name"));
  EXPECT_TRUE(NamesField(owner.Put("/assortment/" + id, {{"name", "X"}}), 400, "id"));
  EXPECT_EQ(owner.Get("/assortment/" + id).json()["name"], "Winter");

  const std::string item = ItemId("ACME-101");
  EXPECT_TRUE(NamesField(owner.Post("/assortment/" + id + "/item", Json::object()), 400, "dscoItemId"));
  EXPECT_TRUE(NamesField(owner.Post("/assortment/" + id + "/item", {{"dscoItemId", true}}), 400, "dscoItemId"));
  EXPECT_TRUE(NamesField(owner.Post("/assortment/" + id + "/item",
                                    {{"itemKey", {{"itemKey", "ACME-101"}, {"itemKeyType", "COLOR"},
                                                  {"tradingPartnerId", TradingPartnerId("ACME-101")}}}}),
                         400, "itemKey.itemKeyType"));
  EXPECT_TRUE(NamesField(owner.Post("/assortment/" + id + "/item",
                                    {{"itemKey", {{"itemKey", "ACME-101"}, {"itemKeyType", "SKU"}}}}),
                         400, "itemKey.dscoSupplierId"));
  EXPECT_TRUE(NamesField(owner.Post("/assortment/" + id + "/item", {{"dscoItemId", "999999999"}}), 404, "dscoItemId"));
  // One unknown id among good ones: nothing is added.
  EXPECT_TRUE(NamesField(owner.Post("/assortment/" + id + "/items", {{"dscoItemIds", {item, "999999999"}}}),
                         404, "dscoItemIds[1]"));
  EXPECT_TRUE(NamesField(owner.Post("/assortment/" + id + "/items", {{"dscoItemIds", item}}), 400, "dscoItemIds"));
  EXPECT_TRUE(NamesField(owner.Post("/assortment/" + id + "/items", Json::object()), 400, "dscoItemIds"));
  EXPECT_EQ(Holding(owner, "ACME-101"), Json::array());
}

TEST_F(HttpAssortment, ItemsByIdAndKeyShowInTheOwnersViews) {
  DscoClient owner = Retailer(0);
  DscoClient other = Retailer(1);
  const std::string id = Create(owner, {{"name", "Picks"}});
  const ClientResponse one = owner.Post("/assortment/" + id + "/item", {{"dscoItemId", ItemId("ACME-101")}});
  ASSERT_EQ(one.status, 201) << one.body;
  EXPECT_EQ(one.json()["success"], true);
  const Json key = {{"itemKey", "ACME-102"}, {"itemKeyType", "sku"}, {"tradingPartnerId", TradingPartnerId("ACME-102")}};
  ASSERT_EQ(owner.Post("/assortment/" + id + "/item", {{"itemKey", key}}).status, 201);
  const std::string cedar_supplier = Accounts(Role::kSupplier)[1].dsco_account_id;
  const ClientResponse many = owner.Post(
      "/assortment/" + id + "/items",
      {{"dscoItemIds", {ItemId("CEDAR-101")}},
       {"itemKeys", {{{"itemKey", "CEDAR-102"}, {"itemKeyType", "SKU"}, {"dscoSupplierId", cedar_supplier}}}}});
  ASSERT_EQ(many.status, 201) << many.body;
  for (const char* sku : {"ACME-101", "ACME-102", "CEDAR-101", "CEDAR-102"}) {
    EXPECT_EQ(Holding(owner, sku), Json::array({id})) << sku;
    EXPECT_EQ(Holding(other, sku), Json::array()) << sku;
  }
  EXPECT_EQ(Holding(owner, "ACME-103"), Json::array());
  const ClientResponse inventory = owner.Get("/inventory?itemKey=sku&value=ACME-101");
  EXPECT_EQ(inventory.json()["assortments"], Json::array({id}));

  // Removing: one by itemKey, two by ids; removing a non-member changes nothing.
  const ClientResponse removed = DeleteWithBody(owner, "/assortment/" + id + "/item", {{"itemKey", key}});
  EXPECT_EQ(removed.status, 201) << removed.body;
  EXPECT_EQ(DeleteWithBody(owner, "/assortment/" + id + "/items",
                           {{"dscoItemIds", {ItemId("CEDAR-101"), ItemId("CEDAR-102"), ItemId("ACME-103")}}})
                .status,
            201);
  EXPECT_EQ(Holding(owner, "ACME-101"), Json::array({id}));
  for (const char* sku : {"ACME-102", "CEDAR-101", "CEDAR-102", "ACME-103"}) {
    EXPECT_EQ(Holding(owner, sku), Json::array()) << sku;
  }
  // Deleting the assortment removes its items.
  ASSERT_EQ(owner.Delete("/assortment/" + id).status, 200);
  EXPECT_EQ(Holding(owner, "ACME-101"), Json::array());
}

TEST_F(HttpAssortment, ASupplierAssortsOnlyItsOwnItems) {
  DscoClient supplier = Supplier(0);
  const std::string id = Create(supplier, {{"name", "Own"}});
  EXPECT_EQ(supplier.Post("/assortment/" + id + "/item", {{"dscoItemId", ItemId("ACME-101")}}).status, 201);
  EXPECT_TRUE(NamesField(supplier.Post("/assortment/" + id + "/item", {{"dscoItemId", ItemId("CEDAR-101")}}),
                         404, "dscoItemId"));
  EXPECT_EQ(supplier.Post("/assortment/" + id + "/item",
                          {{"itemKey", {{"itemKey", "ACME-102"}, {"itemKeyType", "SKU"}}}}).status,
            201);
  EXPECT_EQ(Holding(supplier, "ACME-102"), Json::array({id}));
  // The supplier's assortments are its own: a retailer does not see them on the item.
  DscoClient retailer = Retailer(0);
  EXPECT_EQ(Holding(retailer, "ACME-101"), Json::array());
  EXPECT_TRUE(NamesField(supplier.Post("/assortment", {{"name", "Auto"}, {"rule", {{"logicalOperator", "and"},
                                                        {"filter", Json::array({{{"key", "title"}, {"op", "exists"}}})}}}}),
                         403, "rule"));
}

TEST_F(HttpAssortment, SmallBatchesReportInTheAssortmentLog) {
  DscoClient owner = Retailer(0);
  const std::string id = Create(owner, {{"name", "Batch"}});
  const std::string a = ItemId("ACME-101");
  const std::string b = ItemId("CEDAR-101");
  const Json batch = Json::array({{{"dscoItemIds", {a, b}}}, {{"dscoItemIds", {"999999999"}}}});
  const ClientResponse sent = owner.Post("/assortment/" + id + "/batch/small", batch);
  ASSERT_EQ(sent.status, 202) << sent.body;
  EXPECT_EQ(sent.json()["status"], "pending");
  const std::string request = sent.json()["requestId"];
  ClientResponse log = owner.Get("/assortment/log?requestId=" + request);
  ASSERT_EQ(log.status, 200) << log.body;
  EXPECT_EQ(log.json()["status"], "PROCESSING");
  EXPECT_EQ(Holding(owner, "ACME-101"), Json::array());
  Advance(4);
  log = owner.Get("/assortment/log?requestId=" + request);
  EXPECT_EQ(log.json()["status"], "COMPLETED");
  ASSERT_EQ(log.json()["logs"].size(), 2u);
  EXPECT_EQ(log.json()["logs"][0]["status"], "success");
  EXPECT_EQ(log.json()["logs"][0]["requestMethodDetail"], "addItemsToAssortmentSmallBatch");
  EXPECT_EQ(log.json()["logs"][0]["payload"], batch[0]);
  EXPECT_EQ(log.json()["logs"][1]["status"], "failure");
  EXPECT_EQ(Holding(owner, "ACME-101"), Json::array({id}));
  EXPECT_EQ(Holding(owner, "CEDAR-101"), Json::array({id}));

  const ClientResponse removal = owner.Send("DELETE", "/assortment/" + id + "/batch/small",
                                            Json::array({{{"dscoItemIds", {b}}}}).dump(), "application/json");
  ASSERT_EQ(removal.status, 202) << removal.body;
  Advance(4);
  const ClientResponse removal_log = owner.Get("/assortment/log?requestId=" + removal.json()["requestId"].get<std::string>());
  EXPECT_EQ(removal_log.json()["logs"][0]["requestMethodDetail"], "removeItemsFromAssortmentSmallBatch");
  EXPECT_EQ(removal_log.json()["logs"][0]["status"], "success");
  EXPECT_EQ(Holding(owner, "CEDAR-101"), Json::array());
  EXPECT_EQ(Holding(owner, "ACME-101"), Json::array({id}));

  // Someone else's assortment is 404 at once; the body must be an array.
  DscoClient other = Retailer(1);
  EXPECT_EQ(other.Post("/assortment/" + id + "/batch/small", batch).status, 404);
  EXPECT_EQ(other.Get("/assortment/log?requestId=" + request).json()["logs"].size(), 0u);
  EXPECT_EQ(owner.Post("/assortment/" + id + "/batch/small", batch[0]).status, 400);
  EXPECT_EQ(owner.Get("/order/log?requestId=" + request).json()["logs"].size(), 0u);
  EXPECT_TRUE(NamesField(owner.Get("/assortment/log"), 400, "requestId"));
}

TEST_F(HttpAssortment, ADynamicAssortmentFollowsItsRule) {
  DscoClient owner = Retailer(0);
  DscoClient supplier = Supplier(0);
  const Json rule = {{"logicalOperator", "and"},
                     {"filter", Json::array({{{"key", "quantityAvailable"}, {"op", "gt"}, {"value", 100}}})}};
  const ClientResponse created = owner.Post("/assortment", {{"name", "Deep stock"}, {"rule", rule}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = created.json()["id"];
  EXPECT_EQ(created.json()["rule"]["logicalOperator"], "and");
  EXPECT_EQ(Holding(owner, "ACME-101"), Json::array());
  const Json stock = {{"sku", "ACME-101"}, {"status", "in-stock"}, {"quantityAvailable", 500},
                      {"warehouses", {{{"code", "WH-1"}, {"quantity", 500}}}}};
  ASSERT_EQ(supplier.Post("/inventory/singleItem", stock).status, 201);
  EXPECT_EQ(Holding(owner, "ACME-101"), Json::array({id}));
  EXPECT_TRUE(NamesField(owner.Post("/assortment/" + id + "/item", {{"dscoItemId", ItemId("ACME-102")}}), 400, "id"));
  EXPECT_TRUE(NamesField(owner.Put("/assortment/" + id, {{"id", id}, {"name", "Bad"}, {"rule", {{"logicalOperator", "and"}, {"filter", 1}}}}),
                         400, "rule.filter"));
  EXPECT_EQ(owner.Get("/assortment/" + id).json()["name"], "Deep stock");
  // Dropping the rule keeps the members and allows manual changes.
  ASSERT_EQ(owner.Put("/assortment/" + id, {{"id", id}, {"name", "Manual now"}, {"rule", nullptr}}).status, 200);
  EXPECT_FALSE(owner.Get("/assortment/" + id).json().contains("rule"));
  EXPECT_EQ(owner.Post("/assortment/" + id + "/item", {{"dscoItemId", ItemId("ACME-102")}}).status, 201);
  EXPECT_EQ(Holding(owner, "ACME-101"), Json::array({id}));
  EXPECT_EQ(Holding(owner, "ACME-102"), Json::array({id}));
}

}  // namespace
}  // namespace dscosim::fakes
