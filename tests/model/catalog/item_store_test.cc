// Inventory updates (POST /inventory/singleItem, /inventory/batch/small elements): the
// quantity rules, warehouses, creation, skipping, events and every refusal.
#include <gtest/gtest.h>

#include "dscosim/model/catalog/item_json.h"
#include "dscosim/model/catalog/item_update.h"
#include "dscosim/tests/model/catalog/item_test_support.h"

namespace dscosim {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using test_support::CatalogBody;
using test_support::CommerceWorld;
using test_support::EventsSince;
using test_support::InventoryBody;

class InventoryTest : public ::testing::Test {
 protected:
  ItemStore& items() { return w.world.items(); }
  const Item& A1() { return *items().FindBySku(w.s1.dsco_account_id, "A-1"); }
  Result<UpsertOutcome> Update(const json& body) {
    return items().UpdateInventory(w.s1.dsco_account_id, body);
  }

  CommerceWorld w;
};

TEST_F(InventoryTest, FixtureItemsHaveAnInventoryViewAndRegisteredWarehouses) {
  const Item& a1 = A1();
  EXPECT_TRUE(a1.has_inventory());
  EXPECT_FALSE(a1.has_catalog());
  EXPECT_EQ(a1.quantity_available, 10);
  const Warehouse* wh1 = items().warehouses().Find(w.s1.dsco_account_id, "WH1");
  ASSERT_NE(wh1, nullptr);
  EXPECT_EQ(a1.warehouses[0].dsco_id, wh1->dsco_id);
  const Warehouse* wh1_s2 = items().warehouses().Find(w.s2.dsco_account_id, "WH1");
  ASSERT_NE(wh1_s2, nullptr);
  EXPECT_NE(wh1_s2->dsco_id, wh1->dsco_id);
}

TEST_F(InventoryTest, SingleItemSetsQuantitiesAndPublishesOneInventoryEvent) {
  const std::uint64_t before = w.world.events_published();
  ASSERT_TRUE(w.world.AdvanceBy(1min).ok());
  auto r = Update(InventoryBody("A-1", {{"WH1", 4}, {"WH2", 3}}));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(*r, UpsertOutcome::kUpdated);
  const Item& a1 = A1();
  EXPECT_EQ(a1.quantity_available, 7);
  ASSERT_EQ(a1.warehouses.size(), 2u);
  EXPECT_EQ(a1.warehouses[1].code, "WH2");
  EXPECT_EQ(a1.last_update, w.world.now());
  EXPECT_EQ(a1.last_quantity_update, w.world.now());

  const auto events = EventsSince(w.world, before);
  ASSERT_EQ(events.size(), 1u);  // no catalog view: one event
  const DomainEvent& e = events[0];
  EXPECT_EQ(e.object_type, StreamObjectType::kInventory);
  EXPECT_EQ(e.object_key, w.item_a1);
  EXPECT_EQ(e.supplier_id, w.s1.dsco_account_id);
  EXPECT_EQ(e.retailer_id, "");
  EXPECT_EQ(e.actor, w.s1.dsco_account_id);
  EXPECT_EQ(e.kind, "inventory.updated");
  EXPECT_EQ(e.event_reasons, std::vector<std::string>{"inventory_attribute_changed"});
  EXPECT_EQ(e.payload["quantityAvailable"], 7);
  EXPECT_EQ(e.payload["sku"], "A-1");
  EXPECT_EQ(e.payload["dscoItemId"], w.item_a1);
  EXPECT_EQ(e.payload["status"], "in-stock");
  EXPECT_FALSE(e.payload.contains("partnerSku"));  // neutral view
  EXPECT_FALSE(e.payload.contains("partnerSkuMap"));
  EXPECT_EQ(e.facts["quantityChanged"], true);
  EXPECT_EQ(e.facts["quantityStateChanged"], false);
  EXPECT_EQ(e.facts["unchanged"], false);
  EXPECT_EQ(e.facts["isNew"], false);
  EXPECT_EQ(e.facts["status"], "in-stock");
}

TEST_F(InventoryTest, QuantityAvailableMustEqualTheSumOfTheWarehouses) {
  json body = InventoryBody("A-1", {{"WH1", 4}, {"WH2", 3}});
  body["quantityAvailable"] = 8;
  EXPECT_ITEM_REFUSED(w.world, Update(body), StatusCode::kInvalidArgument, "quantityAvailable");
  // A warehouse that keeps its stored quantity counts too: WH1 keeps 10.
  body = {{"sku", "A-1"}, {"status", "in-stock"}, {"quantityAvailable", 5},
          {"warehouses", {{{"code", "WH1"}}, {{"code", "WH2"}, {"quantity", 5}}}}};
  EXPECT_ITEM_REFUSED(w.world, Update(body), StatusCode::kInvalidArgument, "quantityAvailable");
  body["quantityAvailable"] = 15;
  ASSERT_TRUE(Update(body).ok());
  EXPECT_EQ(A1().quantity_available, 15);
}

TEST_F(InventoryTest, AStatusAndAQuantityAreRequired) {
  json body = InventoryBody("A-1", {{"WH1", 4}});
  body.erase("status");
  EXPECT_ITEM_REFUSED(w.world, Update(body), StatusCode::kInvalidArgument, "status");
  body = {{"sku", "A-1"}, {"status", "in-stock"}, {"warehouses", {{{"code", "WH1"}}}}};
  EXPECT_ITEM_REFUSED(w.world, Update(body), StatusCode::kInvalidArgument, "quantityAvailable");
}

TEST_F(InventoryTest, EveryMalformedFieldIsRefusedByName) {
  const auto refused = [&](json body, const std::string& field) {
    SCOPED_TRACE(body.dump());
    EXPECT_ITEM_REFUSED(w.world, Update(body), StatusCode::kInvalidArgument, field);
  };
  const json good = InventoryBody("A-1", {{"WH1", 4}});
  refused(json::array(), "");
  json b = good;
  b.erase("sku");
  refused(b, "sku");
  b = good;
  b["sku"] = "   ";
  refused(b, "sku");
  b["sku"] = std::string(91, 'x');
  refused(b, "sku");
  b["sku"] = 12;
  refused(b, "sku");
  b = good;
  b["status"] = "available";
  refused(b, "status");
  b = good;
  b.erase("warehouses");
  refused(b, "warehouses");
  b["warehouses"] = json::array();
  refused(b, "warehouses");
  b["warehouses"] = json::object();
  refused(b, "warehouses");
  b["warehouses"] = {{{"quantity", 4}}};
  refused(b, "warehouses[0].code");
  b["warehouses"] = json::array({"WH1"});
  refused(b, "warehouses[0]");
  b["warehouses"] = {{{"code", "WH1"}, {"quantity", 2}}, {{"code", "WH1"}, {"quantity", 2}}};
  refused(b, "warehouses[1].code");
  b["warehouses"] = {{{"code", "WH1"}, {"quantity", -1}}};
  refused(b, "warehouses[0].quantity");
  b["warehouses"] = {{{"code", "WH1"}, {"quantity", 2.5}}};
  refused(b, "warehouses[0].quantity");
  b["warehouses"] = {{{"code", "WH1"}, {"quantity", kMaxQuantity + 1}}};
  refused(b, "warehouses[0].quantity");
  b = good;
  b["quantityAvailable"] = -4;
  refused(b, "quantityAvailable");
  b = good;
  b["upc"] = "12345";
  refused(b, "upc");
  b = good;
  b["ean"] = "123456789012";
  refused(b, "ean");
  b = good;
  b["isbn"] = "12345678901";
  refused(b, "isbn");
  b = good;
  b["gtin"] = "12345678901";
  refused(b, "gtin");
  b = good;
  b["title"] = 5;
  refused(b, "title");
  b = good;
  b["partnerSkuMap"] = {{{"partnerSku", "X"}}};
  refused(b, "partnerSkuMap[0].dscoRetailerId");
}

TEST_F(InventoryTest, OnlyTheSupplierWritesInventory) {
  const json body = InventoryBody("A-1", {{"WH1", 4}});
  EXPECT_ITEM_REFUSED(w.world, items().UpdateInventory(w.r1.dsco_account_id, body),
                      StatusCode::kPermissionDenied, "");
  EXPECT_ITEM_REFUSED(w.world, items().UpdateInventory("999", body),
                      StatusCode::kPermissionDenied, "");
}

TEST_F(InventoryTest, OneWarehouseWithoutAQuantityTakesQuantityAvailable) {
  ASSERT_TRUE(Update({{"sku", "A-1"},
                      {"status", "in-stock"},
                      {"quantityAvailable", 42},
                      {"warehouses", {{{"code", "WH1"}}}}})
                  .ok());
  EXPECT_EQ(A1().quantity_available, 42);
  EXPECT_EQ(A1().warehouses[0].quantity, 42);
}

TEST_F(InventoryTest, AWarehouseWithoutAQuantityKeepsItsStoredOne) {
  ASSERT_TRUE(Update({{"sku", "A-1"},
                      {"status", "in-stock"},
                      {"warehouses", {{{"code", "WH1"}}, {{"code", "WH2"}, {"quantity", 1}}}}})
                  .ok());
  EXPECT_EQ(A1().warehouses[0].quantity, 10);
  EXPECT_EQ(A1().quantity_available, 11);
}

TEST_F(InventoryTest, TheWarehouseListReplacesTheStoredOne) {
  ASSERT_TRUE(Update(InventoryBody("A-1", {{"WH2", 3}})).ok());
  ASSERT_EQ(A1().warehouses.size(), 1u);
  EXPECT_EQ(A1().warehouses[0].code, "WH2");
  EXPECT_EQ(A1().quantity_available, 3);
}

TEST_F(InventoryTest, UnknownWarehouseCodesAreAddedToTheDirectory) {
  const std::uint64_t traced = w.world.trace().total();
  ASSERT_TRUE(Update(InventoryBody("A-1", {{"EAST", 3}})).ok());
  const Warehouse* east = items().warehouses().Find(w.s1.dsco_account_id, "EAST");
  ASSERT_NE(east, nullptr);
  EXPECT_TRUE(east->auto_created);
  EXPECT_EQ(east->status, WarehouseStatus::kActive);
  EXPECT_EQ(A1().warehouses[0].dsco_id, east->dsco_id);
  EXPECT_EQ(items().InventoryJson(A1(), ItemViewer::Neutral())["warehouses"][0]["dscoId"],
            east->dsco_id);
  EXPECT_EQ(w.world.trace().retained()[traced].kind, "warehouse.created");
  // The supplier's other warehouses are untouched; S2 has no EAST.
  EXPECT_NE(items().warehouses().Find(w.s1.dsco_account_id, "WH1"), nullptr);
  EXPECT_EQ(items().warehouses().Find(w.s2.dsco_account_id, "EAST"), nullptr);
}

TEST_F(InventoryTest, AnUnknownSkuCreatesAnInventoryOnlyItem) {
  const std::uint64_t before = w.world.events_published();
  auto r = Update(InventoryBody("NEW-1", {{"WH1", 5}}));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(*r, UpsertOutcome::kCreated);
  const Item* item = items().FindBySku(w.s1.dsco_account_id, "NEW-1");
  ASSERT_NE(item, nullptr);
  EXPECT_TRUE(item->has_inventory());
  EXPECT_FALSE(item->has_catalog());
  EXPECT_EQ(item->created, w.world.now());
  EXPECT_EQ(item->dsco_item_id.size(), 10u);
  const auto events = EventsSince(w.world, before);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, "inventory.created");
  EXPECT_EQ(events[0].event_reasons, std::vector<std::string>{"inventory_object_created"});
  EXPECT_EQ(events[0].facts["isNew"], true);
  EXPECT_EQ(events[0].facts["quantityChanged"], true);
  EXPECT_EQ(events[0].facts["quantityStateChanged"], true);  // 0 -> 5
  EXPECT_FALSE(events[0].facts.contains("productStatus"));
}

TEST_F(InventoryTest, SkipItemsThatDontExistDropsAnUnknownSkuSilently) {
  const std::string before = test_support::ItemFingerprint(w.world);
  auto r = items().ApplyInventoryBatchElement(w.s1.dsco_account_id,
                                              InventoryBody("NEW-1", {{"WH1", 5}}), true);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(*r, UpsertOutcome::kSkipped);
  EXPECT_EQ(test_support::ItemFingerprint(w.world), before);
  // A known sku is processed as usual; without the flag an unknown one is created.
  r = items().ApplyInventoryBatchElement(w.s1.dsco_account_id,
                                         InventoryBody("A-1", {{"WH1", 5}}), true);
  EXPECT_EQ(*r, UpsertOutcome::kUpdated);
  r = items().ApplyInventoryBatchElement(w.s1.dsco_account_id,
                                         InventoryBody("NEW-1", {{"WH1", 5}}), false);
  EXPECT_EQ(*r, UpsertOutcome::kCreated);
}

TEST_F(InventoryTest, AnUpdateThatChangesNothingStillPublishesAnUnchangedEvent) {
  ASSERT_TRUE(w.world.AdvanceBy(1min).ok());
  const Time stamped = A1().last_update;
  const std::uint64_t before = w.world.events_published();
  auto r = Update(InventoryBody("A-1", {{"WH1", 10}}));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(*r, UpsertOutcome::kUnchanged);
  EXPECT_EQ(A1().last_update, stamped);
  const auto events = EventsSince(w.world, before);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, "inventory.unchanged");
  // The schema's reasons have no "unchanged"; the facts say it (docs/fidelity.md).
  EXPECT_EQ(events[0].event_reasons, std::vector<std::string>{"inventory_attribute_changed"});
  EXPECT_EQ(events[0].facts["unchanged"], true);
  EXPECT_EQ(events[0].facts["quantityChanged"], false);
  EXPECT_EQ(events[0].facts["quantityStateChanged"], false);
}

TEST_F(InventoryTest, QuantityStateChangesAreCrossingsOfZeroAndUpdatesThatStayAtZero) {
  const auto state_changed = [&](std::int64_t quantity) {
    const std::uint64_t before = w.world.events_published();
    EXPECT_TRUE(Update(InventoryBody("A-1", {{"WH1", quantity}})).ok());
    const auto events = EventsSince(w.world, before);
    return events.at(0).facts["quantityStateChanged"].get<bool>();
  };
  EXPECT_FALSE(state_changed(11));  // 10 -> 11
  EXPECT_TRUE(state_changed(0));    // 11 -> 0
  EXPECT_TRUE(state_changed(0));    // 0 -> 0
  EXPECT_TRUE(state_changed(3));    // 0 -> 3
}

TEST_F(InventoryTest, ADscoItemIdMustNameTheCallersItemWithThatSku) {
  json body = InventoryBody("A-1", {{"WH1", 4}});
  body["dscoItemId"] = w.item_a2;
  EXPECT_ITEM_REFUSED(w.world, Update(body), StatusCode::kInvalidArgument, "dscoItemId");
  body["dscoItemId"] = w.item_b1;  // S2's
  EXPECT_ITEM_REFUSED(w.world, Update(body), StatusCode::kNotFound, "dscoItemId");
  body["dscoItemId"] = "1";
  EXPECT_ITEM_REFUSED(w.world, Update(body), StatusCode::kNotFound, "dscoItemId");
  body["dscoItemId"] = w.item_a1;
  EXPECT_TRUE(Update(body).ok());
}

TEST_F(InventoryTest, OtherFieldsAreKeptVerbatimAndReadOnlyOnesIgnored) {
  json body = InventoryBody("A-1", {{"WH1", 4}});
  body["cost"] = 12.5;
  body["currencyCode"] = "USD";
  body["warehouses"][0]["quantityOnOrder"] = 7;
  body["warehouses"][0]["retailerCode"] = "not-yours";
  body["dscoSupplierId"] = "123";
  body["partnerSku"] = "ignored";
  body["dscoCreateDate"] = "2020-01-01T00:00:00Z";
  ASSERT_TRUE(Update(body).ok());
  const json view = items().InventoryJson(A1(), ItemViewer::Supplier());
  EXPECT_EQ(view["cost"], 12.5);
  EXPECT_EQ(view["currencyCode"], "USD");
  EXPECT_EQ(view["warehouses"][0]["quantityOnOrder"], 7);
  EXPECT_FALSE(view["warehouses"][0].contains("retailerCode"));
  EXPECT_EQ(view["dscoSupplierId"], w.s1.dsco_account_id);
  EXPECT_EQ(view["dscoSupplierName"], "Supplier One");
  EXPECT_FALSE(view.contains("partnerSku"));
  EXPECT_EQ(view["dscoCreateDate"], FormatIso8601(A1().created));
  EXPECT_EQ(A1().last_cost_update, w.world.now());
  // Stored fields survive an update that does not mention them.
  ASSERT_TRUE(Update(InventoryBody("A-1", {{"WH1", 5}})).ok());
  EXPECT_EQ(items().InventoryJson(A1(), ItemViewer::Supplier())["cost"], 12.5);
}

TEST_F(InventoryTest, PartnersSeeADiscontinuedProductWithZeroQuantity) {
  ASSERT_TRUE(items().UpsertCatalog(w.s1.dsco_account_id,
                                    CatalogBody("A-1", "Tent", "discontinued")).ok());
  const json neutral = items().InventoryJson(A1(), ItemViewer::Neutral());
  EXPECT_EQ(neutral["quantityAvailable"], 0);
  EXPECT_EQ(neutral["warehouses"][0]["quantity"], 0);
  EXPECT_EQ(neutral["status"], "discontinued");
  const json retailer = items().InventoryJson(A1(), ItemViewer::Retailer(w.r1.dsco_account_id));
  EXPECT_EQ(retailer["quantityAvailable"], 0);
  const json supplier = items().InventoryJson(A1(), ItemViewer::Supplier());
  EXPECT_EQ(supplier["quantityAvailable"], 10);
  EXPECT_EQ(supplier["status"], "in-stock");
  EXPECT_EQ(A1().quantity_available, 10);
}

TEST_F(InventoryTest, DiscontinuingAProductIsAQuantityChangeForPartners) {
  ASSERT_TRUE(items().UpsertCatalog(w.s1.dsco_account_id, CatalogBody("A-1", "Tent")).ok());
  const std::uint64_t before = w.world.events_published();
  ASSERT_TRUE(items().UpsertCatalog(w.s1.dsco_account_id,
                                    CatalogBody("A-1", "Tent", "discontinued")).ok());
  const auto events = EventsSince(w.world, before);
  ASSERT_EQ(events.size(), 2u);  // catalog, and inventory whose status changed
  EXPECT_EQ(events[0].object_type, StreamObjectType::kCatalog);
  EXPECT_EQ(events[1].object_type, StreamObjectType::kInventory);
  EXPECT_EQ(events[1].facts["quantityChanged"], true);
  EXPECT_EQ(events[1].facts["status"], "discontinued");
  EXPECT_EQ(events[1].payload["quantityAvailable"], 0);
}

TEST_F(InventoryTest, ASharedFieldChangePublishesBothViews) {
  ASSERT_TRUE(items().UpsertCatalog(w.s1.dsco_account_id, CatalogBody("A-1", "Tent")).ok());
  const std::uint64_t before = w.world.events_published();
  json body = InventoryBody("A-1", {{"WH1", 10}});
  body["upc"] = "123456789012";
  ASSERT_TRUE(Update(body).ok());
  const auto events = EventsSince(w.world, before);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].object_type, StreamObjectType::kInventory);
  EXPECT_EQ(events[0].event_reasons, std::vector<std::string>{"inventory_attribute_changed"});
  EXPECT_EQ(events[1].object_type, StreamObjectType::kCatalog);
  EXPECT_EQ(events[1].event_reasons, std::vector<std::string>{"catalog_attribute_changed"});
  EXPECT_EQ(events[1].payload["upc"], "123456789012");
  // A quantity-only change leaves the catalog alone.
  const std::uint64_t second = w.world.events_published();
  ASSERT_TRUE(Update(InventoryBody("A-1", {{"WH1", 9}})).ok());
  ASSERT_EQ(EventsSince(w.world, second).size(), 1u);
}

TEST_F(InventoryTest, QuantityAvailableIsTheSumInEveryView) {
  ASSERT_TRUE(Update(InventoryBody("A-1", {{"WH1", 4}, {"WH2", 6}, {"WH3", 0}})).ok());
  for (const ItemViewer& viewer : {ItemViewer::Neutral(), ItemViewer::Supplier(),
                                   ItemViewer::Retailer(w.r1.dsco_account_id)}) {
    const json view = items().InventoryJson(A1(), viewer);
    std::int64_t sum = 0;
    for (const json& wh : view["warehouses"]) sum += wh["quantity"].get<std::int64_t>();
    EXPECT_EQ(view["quantityAvailable"].get<std::int64_t>(), sum);
    EXPECT_EQ(sum, 10);
  }
}

TEST_F(InventoryTest, PutRefusesDuplicateWarehouseCodes) {
  Item item;
  item.supplier_id = w.s1.dsco_account_id;
  item.sku = "DUP";
  item.warehouses = {{"W", std::nullopt, std::nullopt, 1, {}},
                     {"W", std::nullopt, std::nullopt, 2, {}}};
  EXPECT_ITEM_REFUSED(w.world, items().Put(item), StatusCode::kInvalidArgument,
                      "warehouses[1].code");
}

}  // namespace
}  // namespace dscosim
