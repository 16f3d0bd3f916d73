// Catalog upserts (POST /catalog/batch/small elements), partnerSku and listing status
// maps, and retailers' channel overrides.
#include <gtest/gtest.h>

#include "dscosim/model/catalog/item_json.h"
#include "dscosim/tests/model/catalog/item_test_support.h"

namespace dscosim {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using test_support::CatalogBody;
using test_support::CommerceWorld;
using test_support::EventsSince;
using test_support::InventoryBody;

class CatalogTest : public ::testing::Test {
 protected:
  ItemStore& items() { return w.world.items(); }
  const Item* S1(const std::string& sku) { return items().FindBySku(w.s1.dsco_account_id, sku); }
  Result<UpsertOutcome> Upsert(const json& body) {
    return items().UpsertCatalog(w.s1.dsco_account_id, body);
  }
  Result<UpsertOutcome> Override(const json& body) {
    return items().ApplyChannelOverride(w.r1.dsco_account_id, body);
  }

  CommerceWorld w;
};

TEST_F(CatalogTest, ANewSkuCreatesACatalogOnlyItem) {
  const std::uint64_t before = w.world.events_published();
  json body = CatalogBody("C-1", "Trail tent", "pending");
  body["brand"] = "Acme";
  body["description"] = "Two-person tent";
  body["locationsCanBeSold"] = {{{"country", "US"}}};
  auto r = Upsert(body);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(*r, UpsertOutcome::kCreated);
  const Item* item = S1("C-1");
  ASSERT_NE(item, nullptr);
  EXPECT_TRUE(item->has_catalog());
  EXPECT_FALSE(item->has_inventory());
  EXPECT_EQ(item->title, "Trail tent");
  EXPECT_EQ(item->brand, "Acme");
  EXPECT_EQ(item->product_status, ProductStatus::kPending);
  EXPECT_EQ(item->last_product_status_update, w.world.now());

  const auto events = EventsSince(w.world, before);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].object_type, StreamObjectType::kCatalog);
  EXPECT_EQ(events[0].kind, "catalog.created");
  EXPECT_EQ(events[0].event_reasons, std::vector<std::string>{"catalog_object_created"});
  EXPECT_EQ(events[0].facts["isNew"], true);
  EXPECT_EQ(events[0].facts["productStatus"], "pending");
  EXPECT_FALSE(events[0].facts.contains("status"));
  EXPECT_EQ(events[0].payload["title"], "Trail tent");
  EXPECT_EQ(events[0].payload["productStatus"], "pending");
  EXPECT_EQ(events[0].payload["description"], "Two-person tent");
  EXPECT_EQ(events[0].payload["locationsCanBeSold"][0]["country"], "US");
  EXPECT_FALSE(events[0].payload.contains("quantityAvailable"));
}

TEST_F(CatalogTest, TitleAndProductStatusAreRequiredToCreateACatalog) {
  json body = CatalogBody("C-1");
  body.erase("title");
  EXPECT_ITEM_REFUSED(w.world, Upsert(body), StatusCode::kInvalidArgument, "title");
  body = CatalogBody("C-1");
  body.erase("productStatus");
  EXPECT_ITEM_REFUSED(w.world, Upsert(body), StatusCode::kInvalidArgument, "productStatus");
  // Also for an existing item without a catalog yet.
  body = CatalogBody("A-1");
  body.erase("title");
  EXPECT_ITEM_REFUSED(w.world, Upsert(body), StatusCode::kInvalidArgument, "title");
}

TEST_F(CatalogTest, EveryMalformedFieldIsRefusedByName) {
  const auto refused = [&](const json& body, const std::string& field,
                           StatusCode code = StatusCode::kInvalidArgument) {
    SCOPED_TRACE(body.dump());
    EXPECT_ITEM_REFUSED(w.world, Upsert(body), code, field);
  };
  json b = CatalogBody("C-1");
  b["productStatus"] = "live";
  refused(b, "productStatus");
  b = CatalogBody("C-1");
  b["title"] = "  ";
  refused(b, "title");
  b = CatalogBody("C-1");
  b["upc"] = "01234567890";
  refused(b, "upc");
  b = CatalogBody("C-1");
  b["listingStatus"] = "maybe";
  refused(b, "listingStatus");
  b = CatalogBody("C-1");
  b["brand"] = json::array();
  refused(b, "brand");
  b = CatalogBody("C-1");
  b["partnerSkuMap"] = {{{"partnerSku", "X"}, {"dscoRetailerId", w.r2.dsco_account_id}}};
  // R2 is S1's partner; S2's item cannot name R2 (not S2's partner).
  EXPECT_TRUE(Upsert(b).ok());
  b = CatalogBody("B-9");
  b["partnerSkuMap"] = {{{"partnerSku", "X"}, {"dscoRetailerId", w.r2.dsco_account_id}}};
  EXPECT_ITEM_REFUSED(w.world, items().UpsertCatalog(w.s2.dsco_account_id, b),
                      StatusCode::kInvalidArgument, "partnerSkuMap[0].dscoRetailerId");
  b = CatalogBody("C-2");
  b["partnerSkuMap"] = {{{"partnerSku", "Y"}, {"dscoTradingPartnerId", "nobody"}}};
  refused(b, "partnerSkuMap[0].dscoTradingPartnerId");
  b["partnerSkuMap"] = {{{"partnerSku", "Y"},
                         {"dscoRetailerId", w.r1.dsco_account_id},
                         {"dscoTradingPartnerId", "R2@S1"}}};
  refused(b, "partnerSkuMap[0].dscoTradingPartnerId");
  b["partnerSkuMap"] = {{{"partnerSku", "Y"}, {"dscoRetailerId", w.r1.dsco_account_id}},
                        {{"partnerSku", "Z"}, {"dscoTradingPartnerId", "R1@S1"}}};
  refused(b, "partnerSkuMap[1].dscoRetailerId");
  b["partnerSkuMap"] = {{{"partnerSku", std::string(91, 'p')},
                         {"dscoRetailerId", w.r1.dsco_account_id}}};
  refused(b, "partnerSkuMap[0].partnerSku");
  b["partnerSkuMap"] = {{{"dscoRetailerId", w.r1.dsco_account_id}}};
  refused(b, "partnerSkuMap[0].partnerSku");
  b = CatalogBody("C-2");
  b["listingStatusMap"] = {{{"listingStatus", "gone"}, {"dscoRetailerId", w.r1.dsco_account_id}}};
  refused(b, "listingStatusMap[0].listingStatus");
  EXPECT_ITEM_REFUSED(w.world, items().UpsertCatalog(w.r1.dsco_account_id, CatalogBody("C-3")),
                      StatusCode::kPermissionDenied, "");
}

TEST_F(CatalogTest, IdentifierPatternsFollowTheSpec) {
  const auto accepts = [&](const char* key, const char* value) {
    json b = CatalogBody("C-1");
    b[key] = value;
    return Upsert(b).ok();
  };
  EXPECT_TRUE(accepts("upc", "123456"));
  EXPECT_TRUE(accepts("upc", "123456789012"));
  EXPECT_FALSE(accepts("upc", "1234567"));
  EXPECT_FALSE(accepts("upc", "12345678901a"));
  EXPECT_TRUE(accepts("ean", "12345678"));
  EXPECT_TRUE(accepts("ean", "1234567890123"));
  EXPECT_FALSE(accepts("ean", "123456789"));
  EXPECT_TRUE(accepts("isbn", "1234567890"));
  EXPECT_TRUE(accepts("isbn", "1234567890123"));
  EXPECT_FALSE(accepts("isbn", "123456789012"));
  EXPECT_TRUE(accepts("gtin", "12345678"));
  EXPECT_TRUE(accepts("gtin", "123456789012"));
  EXPECT_TRUE(accepts("gtin", "12345678901234"));
  EXPECT_FALSE(accepts("gtin", "123456789"));
  EXPECT_FALSE(accepts("gtin", "123456789012345"));
  EXPECT_TRUE(accepts("mpn", "anything-goes"));
}

TEST_F(CatalogTest, AnUpsertMergesAndNullDeletes) {
  json body = CatalogBody("C-1", "Tent");
  body["description"] = "Two-person";
  body["color"] = "green";
  body["brand"] = "Acme";
  ASSERT_TRUE(Upsert(body).ok());
  ASSERT_TRUE(Upsert({{"sku", "C-1"}, {"color", "red"}, {"description", nullptr},
                      {"brand", nullptr}})
                  .ok());
  const json view = items().CatalogJson(*S1("C-1"), ItemViewer::Supplier());
  EXPECT_EQ(view["title"], "Tent");
  EXPECT_EQ(view["productStatus"], "active");
  EXPECT_EQ(view["color"], "red");
  EXPECT_FALSE(view.contains("description"));
  EXPECT_FALSE(view.contains("brand"));
  EXPECT_ITEM_REFUSED(w.world, Upsert({{"sku", "C-1"}, {"title", nullptr}}),
                      StatusCode::kInvalidArgument, "title");
  EXPECT_ITEM_REFUSED(w.world, Upsert({{"sku", "C-1"}, {"productStatus", nullptr}}),
                      StatusCode::kInvalidArgument, "productStatus");
}

TEST_F(CatalogTest, ACatalogForAnInventoryOnlyItemCreatesTheCatalogView) {
  ASSERT_TRUE(w.world.AdvanceBy(1min).ok());
  const std::uint64_t before = w.world.events_published();
  auto r = Upsert(CatalogBody("A-1", "Tent"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(*r, UpsertOutcome::kUpdated);
  EXPECT_EQ(S1("A-1")->catalog_created, w.world.now());
  const auto events = EventsSince(w.world, before);
  ASSERT_EQ(events.size(), 2u);  // the new catalog; the inventory view gained a title
  EXPECT_EQ(events[0].event_reasons, std::vector<std::string>{"catalog_object_created"});
  EXPECT_EQ(events[0].facts["isNew"], true);
  EXPECT_EQ(events[1].object_type, StreamObjectType::kInventory);
  EXPECT_EQ(events[1].payload["title"], "Tent");
  EXPECT_EQ(events[1].facts["isNew"], false);
}

TEST_F(CatalogTest, InventoryOnlyFieldsAreIgnoredInACatalog) {
  json body = CatalogBody("A-1", "Tent");
  body["quantityAvailable"] = 99;
  body["warehouses"] = {{{"code", "X"}, {"quantity", 99}}};
  body["status"] = "hidden";
  ASSERT_TRUE(Upsert(body).ok());
  EXPECT_EQ(S1("A-1")->quantity_available, 10);
  EXPECT_EQ(S1("A-1")->status, InventoryStatus::kInStock);
  EXPECT_FALSE(items().CatalogJson(*S1("A-1"), ItemViewer::Supplier()).contains("warehouses"));
}

TEST_F(CatalogTest, PartnerSkusAreEachRetailersOwnAndUniquePerRetailer) {
  json body = CatalogBody("A-2", "Stove");
  body["partnerSkuMap"] = {{{"partnerSku", "R1-A2"}, {"dscoTradingPartnerId", "R1@S1"}},
                           {{"partnerSku", "R2-A2"}, {"dscoRetailerId", w.r2.dsco_account_id}}};
  ASSERT_TRUE(Upsert(body).ok());
  const Item& a2 = *S1("A-2");
  EXPECT_EQ(items().CatalogJson(a2, ItemViewer::Retailer(w.r1.dsco_account_id))["partnerSku"],
            "R1-A2");
  EXPECT_EQ(items().CatalogJson(a2, ItemViewer::Retailer(w.r2.dsco_account_id))["partnerSku"],
            "R2-A2");
  EXPECT_EQ(items().InventoryJson(a2, ItemViewer::Retailer(w.r1.dsco_account_id))["partnerSku"],
            "R1-A2");
  const json neutral = items().CatalogJson(a2, ItemViewer::Neutral());
  EXPECT_FALSE(neutral.contains("partnerSku"));
  EXPECT_FALSE(neutral.contains("partnerSkuMap"));
  const json supplier = items().CatalogJson(a2, ItemViewer::Supplier());
  ASSERT_EQ(supplier["partnerSkuMap"].size(), 2u);
  const json retailer = items().CatalogJson(a2, ItemViewer::Retailer(w.r1.dsco_account_id));
  EXPECT_FALSE(retailer.contains("partnerSkuMap"));
  EXPECT_EQ(retailer["dscoTradingPartnerId"], "S1@R1");
  EXPECT_EQ(retailer["dscoTradingPartnerName"], "Supplier One");

  // R1 already knows A-1 as "R1-A1": no other item may take it for R1.
  json dup = CatalogBody("A-3", "Lamp");
  dup["partnerSkuMap"] = {{{"partnerSku", "R2-A3"}, {"dscoRetailerId", w.r2.dsco_account_id}},
                          {{"partnerSku", "R1-A1"}, {"dscoRetailerId", w.r1.dsco_account_id}}};
  const std::size_t r1_index = w.r1.dsco_account_id < w.r2.dsco_account_id ? 0 : 1;
  EXPECT_ITEM_REFUSED(w.world, Upsert(dup), StatusCode::kAlreadyExists,
                      "partnerSkuMap[" + std::to_string(r1_index) + "].partnerSku");
  // Another retailer may use the same value.
  dup["partnerSkuMap"] = {{{"partnerSku", "R1-A1"}, {"dscoRetailerId", w.r2.dsco_account_id}}};
  EXPECT_TRUE(Upsert(dup).ok());
}

TEST_F(CatalogTest, ListingStatusIsPerRetailer) {
  json body = CatalogBody("A-2", "Stove");
  body["listingStatus"] = "unlisted";
  body["listingStatusMap"] = {{{"listingStatus", "listed"}, {"dscoTradingPartnerId", "R1@S1"}}};
  ASSERT_TRUE(Upsert(body).ok());
  const Item& a2 = *S1("A-2");
  EXPECT_EQ(items().CatalogJson(a2, ItemViewer::Retailer(w.r1.dsco_account_id))["listingStatus"],
            "listed");
  EXPECT_EQ(items().CatalogJson(a2, ItemViewer::Retailer(w.r2.dsco_account_id))["listingStatus"],
            "unlisted");
  EXPECT_EQ(items().CatalogJson(a2, ItemViewer::Supplier())["listingStatusMap"][0]["listingStatus"],
            "listed");
}

TEST_F(CatalogTest, AProductStatusChangeIsStamped) {
  ASSERT_TRUE(Upsert(CatalogBody("C-1", "Tent", "pending")).ok());
  const Time first = w.world.now();
  ASSERT_TRUE(w.world.AdvanceBy(1h).ok());
  ASSERT_TRUE(Upsert({{"sku", "C-1"}, {"description", "x"}}).ok());
  EXPECT_EQ(S1("C-1")->last_product_status_update, first);
  EXPECT_EQ(S1("C-1")->last_update, w.world.now());
  ASSERT_TRUE(Upsert({{"sku", "C-1"}, {"productStatus", "active"}}).ok());
  EXPECT_EQ(S1("C-1")->last_product_status_update, w.world.now());
  EXPECT_EQ(items().CatalogJson(*S1("C-1"), ItemViewer::Neutral())["dscoLastProductStatusUpdateDate"],
            FormatIso8601(w.world.now()));
}

// --- Channel overrides ---

TEST_F(CatalogTest, ARetailerSetsItsOwnPartnerSkuAndListingStatus) {
  ASSERT_TRUE(Upsert(CatalogBody("A-2", "Stove")).ok());
  const std::uint64_t before = w.world.events_published();
  auto r = Override({{"tradingPartnerId", "S1@R1"},
                     {"sku", "A-2"},
                     {"replacements", {{"partnerSku", "MY-STOVE"}, {"listingStatus", "listed"},
                                       {"retailPrice", 19.99}}}});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(*r, UpsertOutcome::kUpdated);
  const Item& a2 = *S1("A-2");
  EXPECT_EQ(a2.partner_sku_by_retailer.at(w.r1.dsco_account_id), "MY-STOVE");
  EXPECT_EQ(a2.listing_status_by_retailer.at(w.r1.dsco_account_id), ListingStatus::kListed);
  const auto events = EventsSince(w.world, before);
  ASSERT_EQ(events.size(), 2u);  // the catalog, and the inventory view's partnerSku
  for (const DomainEvent& e : events) {
    EXPECT_EQ(e.retailer_id, w.r1.dsco_account_id);
    EXPECT_EQ(e.actor, w.r1.dsco_account_id);
    EXPECT_EQ(e.payload["partnerSku"], "MY-STOVE");
  }
  EXPECT_EQ(events[0].object_type, StreamObjectType::kCatalog);
  EXPECT_EQ(events[0].payload["listingStatus"], "listed");
  // R2 sees nothing of it.
  EXPECT_FALSE(items().CatalogJson(a2, ItemViewer::Retailer(w.r2.dsco_account_id))
                   .contains("partnerSku"));

  // The retailer now finds it by its partnerSku, and by retailerSku in the next override.
  ItemLookup lookup;
  lookup.item_key = ItemKeyType::kPartnerSku;
  lookup.value = "MY-STOVE";
  EXPECT_TRUE(items().GetCatalog(w.r1.dsco_account_id, lookup).ok());
  ASSERT_TRUE(Override({{"tradingPartnerName", "Supplier One"},
                        {"retailerSku", "MY-STOVE"},
                        {"replacements", {{"partnerSku", nullptr}, {"listingStatus", nullptr}}}})
                  .ok());
  EXPECT_TRUE(S1("A-2")->partner_sku_by_retailer.empty());
  EXPECT_TRUE(S1("A-2")->listing_status_by_retailer.empty());
}

TEST_F(CatalogTest, AnOverrideOfAnInventoryOnlyItemPublishesOnlyTheInventoryView) {
  const std::uint64_t before = w.world.events_published();
  ASSERT_TRUE(Override({{"tradingPartnerId", "S1@R1"},
                        {"sku", "A-3"},
                        {"replacements", {{"partnerSku", "R1-A3"}}}})
                  .ok());
  const auto events = EventsSince(w.world, before);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].object_type, StreamObjectType::kInventory);
  // Changing nothing publishes nothing: the catalog view the override is about does not
  // exist, and the inventory view did not change.
  const std::uint64_t second = w.world.events_published();
  ASSERT_TRUE(Override({{"tradingPartnerId", "S1@R1"},
                        {"sku", "A-3"},
                        {"replacements", {{"partnerSku", "R1-A3"}}}})
                  .ok());
  EXPECT_EQ(w.world.events_published(), second);
}

TEST_F(CatalogTest, EveryOverrideRefusalNamesTheField) {
  const json replacements = {{"partnerSku", "P"}};
  const auto refused = [&](const json& body, StatusCode code, const std::string& field) {
    SCOPED_TRACE(body.dump());
    EXPECT_ITEM_REFUSED(w.world, Override(body), code, field);
  };
  refused({{"sku", "A-2"}, {"replacements", replacements}}, StatusCode::kInvalidArgument,
          "tradingPartnerId");
  refused({{"tradingPartnerId", "nope"}, {"sku", "A-2"}, {"replacements", replacements}},
          StatusCode::kInvalidArgument, "tradingPartnerId");
  refused({{"tradingPartnerName", "nope"}, {"sku", "A-2"}, {"replacements", replacements}},
          StatusCode::kInvalidArgument, "tradingPartnerName");
  refused({{"tradingPartnerId", "S1@R1"}, {"replacements", replacements}},
          StatusCode::kInvalidArgument, "sku");
  refused({{"tradingPartnerId", "S1@R1"}, {"sku", "B-1"}, {"replacements", replacements}},
          StatusCode::kNotFound, "sku");
  refused({{"tradingPartnerId", "S1@R1"}, {"sku", "A-2"}, {"upc", "012345678905"},
           {"replacements", replacements}},
          StatusCode::kNotFound, "sku");  // every identifier must match
  refused({{"tradingPartnerId", "S1@R1"}, {"sku", "A-2"}}, StatusCode::kInvalidArgument,
          "replacements");
  refused({{"tradingPartnerId", "S1@R1"}, {"sku", "A-2"}, {"replacements", json::object()}},
          StatusCode::kInvalidArgument, "replacements");
  refused({{"tradingPartnerId", "S1@R1"}, {"sku", "A-2"},
           {"replacements", {{"listingStatus", "soon"}}}},
          StatusCode::kInvalidArgument, "replacements.listingStatus");
  refused({{"tradingPartnerId", "S1@R1"}, {"sku", "A-2"},
           {"replacements", {{"partnerSku", "R1-A1"}}}},
          StatusCode::kAlreadyExists, "replacements.partnerSku");
  EXPECT_ITEM_REFUSED(w.world,
                      items().ApplyChannelOverride(
                          w.s1.dsco_account_id,
                          {{"tradingPartnerId", "R1@S1"}, {"sku", "A-2"},
                           {"replacements", replacements}}),
                      StatusCode::kPermissionDenied, "");
  // R2 does not trade with S2: its name for nobody resolves.
  EXPECT_ITEM_REFUSED(w.world,
                      items().ApplyChannelOverride(
                          w.r2.dsco_account_id,
                          {{"tradingPartnerId", "S2@R1"}, {"sku", "B-1"},
                           {"replacements", replacements}}),
                      StatusCode::kInvalidArgument, "tradingPartnerId");
}

}  // namespace
}  // namespace dscosim
