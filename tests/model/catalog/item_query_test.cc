// GET /inventory, GET /catalog, and the warehouses: who sees what, by which key.
#include <gtest/gtest.h>

#include "dscosim/tests/model/catalog/item_test_support.h"

namespace dscosim {
namespace {

using nlohmann::json;
using test_support::CatalogBody;
using test_support::CommerceWorld;
using test_support::InventoryBody;

ItemLookup By(ItemKeyType key, std::string value, bool multiple = false) {
  ItemLookup l;
  l.item_key = key;
  l.value = std::move(value);
  l.return_multiple = multiple;
  return l;
}

class ItemQueryTest : public ::testing::Test {
 protected:
  ItemStore& items() { return w.world.items(); }
  std::vector<std::string> Skus(const Result<std::vector<json>>& r) {
    std::vector<std::string> out;
    if (!r.ok()) return out;
    for (const json& j : *r) out.push_back(j["sku"]);
    return out;
  }
  const std::string& R1() { return w.r1.dsco_account_id; }
  const std::string& R2() { return w.r2.dsco_account_id; }
  const std::string& S1() { return w.s1.dsco_account_id; }
  const std::string& S2() { return w.s2.dsco_account_id; }

  CommerceWorld w;
};

TEST_F(ItemQueryTest, ARetailerFindsItsPartnersItemsByEveryKey) {
  auto r = items().GetInventory(R1(), By(ItemKeyType::kSku, "B-2"));
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->size(), 1u);
  const json& view = r->front();
  EXPECT_EQ(view["dscoItemId"], w.item_b2);
  EXPECT_EQ(view["dscoTradingPartnerId"], "S2@R1");
  EXPECT_EQ(view["quantityAvailable"], 10);
  EXPECT_EQ(Skus(items().GetInventory(R1(), By(ItemKeyType::kDscoItemId, w.item_a2))),
            std::vector<std::string>{"A-2"});
  EXPECT_EQ(Skus(items().GetInventory(R1(), By(ItemKeyType::kPartnerSku, "R1-A1"))),
            std::vector<std::string>{"A-1"});
  EXPECT_EQ(items().GetInventory(R1(), By(ItemKeyType::kPartnerSku, "R1-A1"))->front()["partnerSku"],
            "R1-A1");
}

TEST_F(ItemQueryTest, SeveralMatchesGiveTheFirstUnlessReturnMultiple) {
  // A-1 (S1) and B-1 (S2) share a upc.
  EXPECT_EQ(Skus(items().GetInventory(R1(), By(ItemKeyType::kUpc, "012345678905"))),
            std::vector<std::string>{"A-1"});
  EXPECT_EQ(Skus(items().GetInventory(R1(), By(ItemKeyType::kUpc, "012345678905", true))),
            (std::vector<std::string>{"A-1", "B-1"}));
  // A retailer may narrow to one supplier by its trading-partner id.
  ItemLookup only_s2 = By(ItemKeyType::kUpc, "012345678905", true);
  only_s2.dsco_trading_partner_id = "S2@R1";
  EXPECT_EQ(Skus(items().GetInventory(R1(), only_s2)), std::vector<std::string>{"B-1"});
  only_s2.dsco_trading_partner_id = "S9@R1";
  EXPECT_ITEM_REFUSED(w.world, items().GetInventory(R1(), only_s2), StatusCode::kInvalidArgument,
                      "dscoTradingPartnerId");
}

TEST_F(ItemQueryTest, AStrangerSeesNothingExactlyLikeAMissingItem) {
  // R2 trades with S1 only.
  const auto hidden = items().GetInventory(R2(), By(ItemKeyType::kDscoItemId, w.item_b1));
  const auto missing = items().GetInventory(R2(), By(ItemKeyType::kDscoItemId, "1999999999"));
  EXPECT_EQ(hidden.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(hidden.status(), missing.status());
  EXPECT_EQ(hidden.status().field(), "value");
  EXPECT_EQ(items().GetCatalog(R2(), By(ItemKeyType::kSku, "B-1")).status().code(),
            StatusCode::kNotFound);
  // R2 has no partnerSku for A-1 (R1's is not R2's).
  EXPECT_EQ(items().GetInventory(R2(), By(ItemKeyType::kPartnerSku, "R1-A1")).status(),
            missing.status());
  // A supplier sees only its own items.
  EXPECT_EQ(items().GetInventory(S1(), By(ItemKeyType::kSku, "B-1")).status(), missing.status());
  EXPECT_EQ(Skus(items().GetInventory(S1(), By(ItemKeyType::kUpc, "012345678905", true))),
            std::vector<std::string>{"A-1"});
}

TEST_F(ItemQueryTest, ASupplierLookingUpAPartnerSkuNamesTheRetailer) {
  ItemLookup l = By(ItemKeyType::kPartnerSku, "R1-A1");
  EXPECT_ITEM_REFUSED(w.world, items().GetInventory(S1(), l), StatusCode::kInvalidArgument,
                      "dscoRetailerId");
  l.dsco_trading_partner_id = "R1@S1";
  auto r = items().GetInventory(S1(), l);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->front()["sku"], "A-1");
  EXPECT_TRUE(r->front().contains("partnerSkuMap"));  // the supplier's view
  EXPECT_FALSE(r->front().contains("partnerSku"));
  l.dsco_trading_partner_id.reset();
  l.dsco_retailer_id = R1();
  EXPECT_TRUE(items().GetInventory(S1(), l).ok());
  l.dsco_retailer_id = R2();
  EXPECT_EQ(items().GetInventory(S1(), l).status().code(), StatusCode::kNotFound);
  l.dsco_retailer_id = w.s2.dsco_account_id;
  EXPECT_ITEM_REFUSED(w.world, items().GetInventory(S1(), l), StatusCode::kInvalidArgument,
                      "dscoRetailerId");
  l.dsco_retailer_id = R1();
  l.dsco_trading_partner_id = "R2@S1";
  EXPECT_ITEM_REFUSED(w.world, items().GetInventory(S1(), l), StatusCode::kInvalidArgument,
                      "dscoTradingPartnerId");
}

TEST_F(ItemQueryTest, EachViewIsFoundOnlyOnceItExists) {
  ASSERT_TRUE(items().UpsertCatalog(S1(), CatalogBody("C-1", "Tent")).ok());
  EXPECT_EQ(items().GetInventory(R1(), By(ItemKeyType::kSku, "C-1")).status().code(),
            StatusCode::kNotFound);
  auto catalog = items().GetCatalog(R1(), By(ItemKeyType::kSku, "C-1"));
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  EXPECT_EQ(catalog->front()["title"], "Tent");
  EXPECT_EQ(items().GetCatalog(R1(), By(ItemKeyType::kSku, "A-1")).status().code(),
            StatusCode::kNotFound);  // A-1 has no catalog yet
  ASSERT_TRUE(items().UpdateInventory(S1(), InventoryBody("C-1", {{"WH1", 1}})).ok());
  EXPECT_TRUE(items().GetInventory(R1(), By(ItemKeyType::kSku, "C-1")).ok());
}

TEST_F(ItemQueryTest, ReadsChangeNothingAndNeedAValue) {
  const std::string before = test_support::ItemFingerprint(w.world);
  (void)items().GetInventory(R1(), By(ItemKeyType::kSku, "A-1"));
  (void)items().GetCatalog(R1(), By(ItemKeyType::kSku, "A-1"));
  EXPECT_EQ(test_support::ItemFingerprint(w.world), before);
  EXPECT_ITEM_REFUSED(w.world, items().GetInventory(R1(), By(ItemKeyType::kSku, "")),
                      StatusCode::kInvalidArgument, "value");
  EXPECT_ITEM_REFUSED(w.world, items().GetInventory("42", By(ItemKeyType::kSku, "A-1")),
                      StatusCode::kPermissionDenied, "");
}

TEST_F(ItemQueryTest, ItemKeyTypesParseEitherSpelling) {
  EXPECT_EQ(*ParseItemKeyType("partnerSku", "itemKey"), ItemKeyType::kPartnerSku);
  EXPECT_EQ(*ParseItemKeyType("SKU", "itemKeyType"), ItemKeyType::kSku);
  EXPECT_EQ(*ParseItemKeyType("GTIN", "itemKeyType"), ItemKeyType::kGtin);
  EXPECT_EQ(ParseItemKeyType("color", "itemKey").status().field(), "itemKey");
  EXPECT_EQ(ItemKeyTypeName(ItemKeyType::kDscoItemId), "dscoItemId");
}

// --- Warehouses ---

TEST_F(ItemQueryTest, ASupplierDefinesAndUpdatesItsWarehouses) {
  auto created = items().PutWarehouse(S1(), {{"code", "EAST"}, {"name", "East DC"},
                                             {"city", "Boston"}, {"warehouseId", "ignored"}});
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->dsco_id.size(), 10u);
  EXPECT_FALSE(created->auto_created);
  EXPECT_EQ(created->extra["city"], "Boston");
  auto updated = items().PutWarehouse(S1(), {{"code", "EAST"}, {"status", "inactive"},
                                             {"city", nullptr}});
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->dsco_id, created->dsco_id);
  EXPECT_EQ(updated->name, "East DC");
  EXPECT_EQ(updated->status, WarehouseStatus::kInactive);
  EXPECT_FALSE(updated->extra.contains("city"));
  // Inventory at the defined warehouse uses it rather than creating one.
  ASSERT_TRUE(items().UpdateInventory(S1(), InventoryBody("A-1", {{"EAST", 2}})).ok());
  EXPECT_EQ(items().FindBySku(S1(), "A-1")->warehouses[0].dsco_id, created->dsco_id);

  EXPECT_ITEM_REFUSED(w.world, items().PutWarehouse(S1(), {{"name", "x"}}),
                      StatusCode::kInvalidArgument, "code");
  EXPECT_ITEM_REFUSED(w.world, items().PutWarehouse(S1(), {{"code", "EAST"}, {"status", "on"}}),
                      StatusCode::kInvalidArgument, "status");
  EXPECT_ITEM_REFUSED(w.world, items().PutWarehouse(R1(), {{"code", "X"}}),
                      StatusCode::kPermissionDenied, "");
}

TEST_F(ItemQueryTest, RetailersSetTheirOwnWarehouseCodes) {
  const Warehouse* wh1 = items().warehouses().Find(S1(), "WH1");
  const Warehouse* wh1_s2 = items().warehouses().Find(S2(), "WH1");
  ASSERT_NE(wh1, nullptr);
  ASSERT_NE(wh1_s2, nullptr);
  const json body = json::array({
      {{"accountId", S1()}, {"warehouseId", wh1->dsco_id}, {"code", "R1-NORTH"}},
      {{"accountId", S2()}, {"warehouseId", wh1_s2->dsco_id}, {"code", "R1-NORTH"}},
      {{"accountId", S2()}, {"warehouseId", wh1->dsco_id}, {"code", "R1-X"}},
      {{"accountId", S2()}, {"warehouseId", "1"}, {"code", "R1-Y"}},
  });
  auto r = items().SetRetailerWarehouseCodes(R1(), body);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->applied, json::array({body[0]}));
  EXPECT_EQ(r->duplicated, json::array({body[1]}));
  EXPECT_EQ(r->unauthorized, json::array({body[2], body[3]}));
  wh1 = items().warehouses().Find(S1(), "WH1");
  EXPECT_EQ(wh1->retailer_codes.at(R1()), "R1-NORTH");
  // R1's inventory view shows its code; R2's and the neutral view do not.
  const Item& a1 = *items().FindBySku(S1(), "A-1");
  EXPECT_EQ(items().InventoryJson(a1, ItemViewer::Retailer(R1()))["warehouses"][0]["retailerCode"],
            "R1-NORTH");
  EXPECT_FALSE(items().InventoryJson(a1, ItemViewer::Retailer(R2()))["warehouses"][0].contains(
      "retailerCode"));
  EXPECT_FALSE(
      items().InventoryJson(a1, ItemViewer::Neutral())["warehouses"][0].contains("retailerCode"));
  // R2 is not S2's partner.
  auto stranger = items().SetRetailerWarehouseCodes(
      R2(), json::array({{{"accountId", S2()}, {"warehouseId", wh1_s2->dsco_id}, {"code", "Z"}}}));
  ASSERT_TRUE(stranger.ok());
  EXPECT_EQ(stranger->unauthorized.size(), 1u);

  EXPECT_ITEM_REFUSED(w.world,
                      items().SetRetailerWarehouseCodes(
                          R1(), json::array({body[0], {{"accountId", S1()}, {"code", "Q"}}})),
                      StatusCode::kInvalidArgument, "[1].warehouseId");
  EXPECT_ITEM_REFUSED(w.world, items().SetRetailerWarehouseCodes(R1(), json::object()),
                      StatusCode::kInvalidArgument, "");
  EXPECT_ITEM_REFUSED(w.world, items().SetRetailerWarehouseCodes(S1(), json::array()),
                      StatusCode::kPermissionDenied, "");
}

TEST_F(ItemQueryTest, WarehouseSearchFollowsTheSpecsCombinations) {
  ASSERT_TRUE(items().PutWarehouse(S1(), {{"code", "EAST"}, {"name", "East"}}).ok());
  ASSERT_TRUE(items().PutWarehouse(S1(), {{"code", "OLD"}, {"status", "inactive"}}).ok());
  const auto codes = [](const Result<std::vector<json>>& r) {
    std::vector<std::string> out;
    if (!r.ok()) return out;
    for (const json& j : *r) out.push_back(j["supplierId"].get<std::string>() + ":" +
                                           j["code"].get<std::string>());
    return out;
  };
  const std::string s1 = S1() + ":";
  const std::string s2 = S2() + ":";
  EXPECT_EQ(codes(items().FindWarehouses(S1(), {})),
            (std::vector<std::string>{s1 + "EAST", s1 + "OLD", s1 + "WH1"}));
  WarehouseQuery q;
  q.status = "active";
  EXPECT_EQ(codes(items().FindWarehouses(S1(), q)),
            (std::vector<std::string>{s1 + "EAST", s1 + "WH1"}));
  q.name = "East";
  EXPECT_EQ(codes(items().FindWarehouses(S1(), q)), std::vector<std::string>{s1 + "EAST"});
  // R1 sees both partners'; R2 only S1's; the supplier filter narrows.
  EXPECT_EQ(codes(items().FindWarehouses(R2(), {})).size(), 3u);
  WarehouseQuery by_supplier;
  by_supplier.dsco_trading_partner_id = "S2@R1";
  EXPECT_EQ(codes(items().FindWarehouses(R1(), by_supplier)), std::vector<std::string>{s2 + "WH1"});
  WarehouseQuery by_id;
  by_id.id_type = "warehouseId";
  by_id.id_value = items().warehouses().Find(S2(), "WH1")->dsco_id;
  EXPECT_EQ(codes(items().FindWarehouses(R1(), by_id)), std::vector<std::string>{s2 + "WH1"});
  EXPECT_TRUE(codes(items().FindWarehouses(R2(), by_id)).empty());  // not R2's partner
  EXPECT_TRUE(codes(items().FindWarehouses(S1(), by_id)).empty());

  const auto refused = [&](const std::string& caller, const WarehouseQuery& query,
                           const std::string& field) {
    EXPECT_ITEM_REFUSED(w.world, items().FindWarehouses(caller, query),
                        StatusCode::kInvalidArgument, field);
  };
  WarehouseQuery bad;
  bad.id_type = "code";
  refused(S1(), bad, "idValue");
  bad = {};
  bad.id_value = "x";
  refused(S1(), bad, "idType");
  bad.id_type = "name";
  refused(S1(), bad, "idType");
  bad.id_type = "code";
  bad.status = "active";
  refused(S1(), bad, "idType");
  bad = {};
  bad.name = "East";
  refused(S1(), bad, "status");
  bad = {};
  bad.status = "closed";
  refused(S1(), bad, "status");
  bad = {};
  bad.supplier_id = S2();
  refused(R2(), bad, "supplierId");
  // A supplier's supplier filter is ignored.
  WarehouseQuery ignored;
  ignored.supplier_id = S2();
  EXPECT_EQ(codes(items().FindWarehouses(S1(), ignored)).size(), 3u);
}

}  // namespace
}  // namespace dscosim
