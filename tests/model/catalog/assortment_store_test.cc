// Assortments: manual ones (add/remove by dscoItemId or itemKey), dynamic ones (the seed
// guide's ready-to-auto-list, manual-curation and country-based examples), their events
// and every refusal.
#include <gtest/gtest.h>

#include "dscosim/tests/model/catalog/item_test_support.h"

namespace dscosim {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using test_support::CatalogBody;
using test_support::CommerceWorld;
using test_support::EventsSince;
using test_support::InventoryBody;

json Cond(const std::string& key, const std::string& op, json value = json()) {
  json c = {{"key", key}, {"op", op}};
  if (!value.is_null()) c["value"] = std::move(value);
  return c;
}

// Seed guide: items completely ready to be listed automatically but not listed yet.
json ReadyToAutoList() {
  return {{"logicalOperator", "and"},
          {"filter",
           {Cond("productStatus", "eq", "active"), Cond("quantityAvailable", "gt", 0),
            Cond("title", "exists"), Cond("description", "exists"), Cond("images", "exists"),
            Cond("listingStatus", "ne", "listed")}}};
}

// Seed guide: ready to list, but a merchandiser curates them by hand — here, the items
// ready except for images, or from a brand the retailer curates.
json ReadyForManualCuration() {
  return {{"logicalOperator", "and"},
          {"filter",
           {Cond("productStatus", "in", {"active", "discontinued_sell_through"}),
            Cond("quantityAvailable", "gt", 0), Cond("listingStatus", "ne", "listed"),
            {{"logicalOperator", "or"},
             {"filter", {Cond("images", "not_exists"), Cond("brand", "in", {"Acme"})}}}}}};
}

// Seed guide: items that may be sold in the US.
json CountryUs() {
  return {{"logicalOperator", "and"}, {"filter", {Cond("locationsCanBeSold", "contains", "US")}}};
}

class AssortmentTest : public ::testing::Test {
 protected:
  ItemStore& items() { return w.world.items(); }
  AssortmentStore& store() { return w.world.assortments(); }
  const std::string& R1() { return w.r1.dsco_account_id; }
  const std::string& R2() { return w.r2.dsco_account_id; }
  const std::string& S1() { return w.s1.dsco_account_id; }
  const std::string& S2() { return w.s2.dsco_account_id; }
  std::string MustCreate(const std::string& owner, json body) {
    auto r = store().Create(owner, body);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->id : "";
  }
  std::set<std::string> Members(const std::string& id) { return store().Find(id)->members; }
  const std::string& Id(const std::string& supplier, const std::string& sku) {
    return items().FindBySku(supplier, sku)->dsco_item_id;
  }

  CommerceWorld w;
};

TEST_F(AssortmentTest, CreateListGetRenameDelete) {
  const std::string id = MustCreate(R1(), {{"name", "Summer"}});
  EXPECT_EQ(id.size(), 10u);
  auto got = store().Get(R1(), id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(AssortmentToJson(*got), json({{"id", id}, {"name", "Summer"}}));
  const std::string second = MustCreate(R1(), {{"name", "Winter"}});
  auto listed = store().List(R1());
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id, id);
  EXPECT_EQ((*listed)[1].id, second);
  EXPECT_TRUE(store().List(R2())->empty());

  ASSERT_TRUE(store().Update(R1(), id, {{"id", id}, {"name", "Summer 2026"}}).ok());
  EXPECT_EQ(store().Find(id)->name, "Summer 2026");
  ASSERT_TRUE(store().Delete(R1(), id).ok());
  EXPECT_EQ(store().Get(R1(), id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().List(R1())->size(), 1u);
}

TEST_F(AssortmentTest, SomeoneElsesAssortmentIsIndistinguishableFromAMissingOne) {
  const std::string id = MustCreate(R1(), {{"name", "Mine"}});
  const Status hidden = store().Get(R2(), id).status();
  EXPECT_EQ(hidden.code(), StatusCode::kNotFound);
  EXPECT_EQ(hidden.field(), "id");
  EXPECT_EQ(hidden, store().Get(R2(), "1999999999").status());
  EXPECT_ITEM_REFUSED(w.world, store().Update(S1(), id, {{"id", id}, {"name", "x"}}),
                      StatusCode::kNotFound, "id");
  EXPECT_ITEM_REFUSED(w.world, store().Delete(R2(), id), StatusCode::kNotFound, "id");
  EXPECT_ITEM_REFUSED(w.world, store().AddItem(R2(), id, {{"dscoItemId", w.item_a1}}),
                      StatusCode::kNotFound, "id");
}

TEST_F(AssortmentTest, CreateAndUpdateRefusals) {
  EXPECT_ITEM_REFUSED(w.world, store().Create(R1(), json::object()), StatusCode::kInvalidArgument,
                      "name");
  EXPECT_ITEM_REFUSED(w.world, store().Create(R1(), {{"name", " "}}),
                      StatusCode::kInvalidArgument, "name");
  EXPECT_ITEM_REFUSED(w.world, store().Create(R1(), {{"name", 3}}), StatusCode::kInvalidArgument,
                      "name");
  EXPECT_ITEM_REFUSED(w.world, store().Create(R1(), json::array()), StatusCode::kInvalidArgument,
                      "");
  EXPECT_ITEM_REFUSED(w.world, store().Create("77", {{"name", "x"}}),
                      StatusCode::kPermissionDenied, "");
  EXPECT_ITEM_REFUSED(w.world, store().Create(S1(), {{"name", "x"}, {"rule", CountryUs()}}),
                      StatusCode::kPermissionDenied, "rule");
  json bad = CountryUs();
  bad["filter"][0]["op"] = "near";
  EXPECT_ITEM_REFUSED(w.world, store().Create(R1(), {{"name", "x"}, {"rule", bad}}),
                      StatusCode::kInvalidArgument, "rule.filter[0].op");

  const std::string id = MustCreate(R1(), {{"name", "Mine"}});
  EXPECT_ITEM_REFUSED(w.world, store().Update(R1(), id, {{"name", "x"}}),
                      StatusCode::kInvalidArgument, "id");
  EXPECT_ITEM_REFUSED(w.world, store().Update(R1(), id, {{"id", "123"}, {"name", "x"}}),
                      StatusCode::kInvalidArgument, "id");
  EXPECT_ITEM_REFUSED(w.world, store().Update(R1(), id, {{"id", id}}),
                      StatusCode::kInvalidArgument, "name");
  EXPECT_ITEM_REFUSED(w.world, store().Update(R1(), id, {{"id", id}, {"name", "x"}, {"rule", bad}}),
                      StatusCode::kInvalidArgument, "rule.filter[0].op");
  const std::string supplier_owned = MustCreate(S1(), {{"name", "Share with R1"}});
  EXPECT_ITEM_REFUSED(w.world,
                      store().Update(S1(), supplier_owned,
                                     {{"id", supplier_owned}, {"name", "x"}, {"rule", CountryUs()}}),
                      StatusCode::kPermissionDenied, "rule");
}

TEST_F(AssortmentTest, AddingAndRemovingItemsPublishesMembershipEvents) {
  const std::string id = MustCreate(R1(), {{"name", "Picks"}});
  ASSERT_TRUE(items().UpsertCatalog(S1(), CatalogBody("A-1", "Tent")).ok());
  std::uint64_t before = w.world.events_published();
  ASSERT_TRUE(store().AddItem(R1(), id, {{"dscoItemId", w.item_a1}}).ok());
  EXPECT_EQ(Members(id), std::set<std::string>{w.item_a1});
  auto events = EventsSince(w.world, before);
  ASSERT_EQ(events.size(), 2u);  // inventory and catalog views
  EXPECT_EQ(events[0].object_type, StreamObjectType::kInventory);
  EXPECT_EQ(events[1].object_type, StreamObjectType::kCatalog);
  for (const DomainEvent& e : events) {
    EXPECT_EQ(e.object_key, w.item_a1);
    EXPECT_EQ(e.retailer_id, R1());
    EXPECT_EQ(e.actor, R1());
    EXPECT_EQ(e.event_reasons, std::vector<std::string>{"added_to_assortment"});
    EXPECT_EQ(e.facts["assortmentId"], id);
    EXPECT_EQ(e.facts["membership"], "added");
    EXPECT_EQ(e.facts["quantityChanged"], false);
    EXPECT_EQ(e.payload["assortments"], json::array({id}));  // R1's view
    EXPECT_EQ(e.payload["partnerSku"], "R1-A1");
  }
  // R1's views list the assortment; R2's and the supplier's do not.
  const Item& a1 = *items().FindBySku(S1(), "A-1");
  EXPECT_EQ(items().InventoryJson(a1, ItemViewer::Retailer(R1()))["assortments"], json::array({id}));
  EXPECT_FALSE(items().InventoryJson(a1, ItemViewer::Retailer(R2())).contains("assortments"));
  EXPECT_FALSE(items().InventoryJson(a1, ItemViewer::Supplier()).contains("assortments"));
  EXPECT_TRUE(store().IsMember(id, w.item_a1));
  EXPECT_EQ(store().AssortmentsOf(R1(), w.item_a1), std::vector<std::string>{id});

  // Adding a member again changes nothing.
  before = w.world.events_published();
  ASSERT_TRUE(store().AddItem(R1(), id, {{"dscoItemId", w.item_a1}}).ok());
  EXPECT_EQ(w.world.events_published(), before);

  ASSERT_TRUE(store().RemoveItem(R1(), id, {{"dscoItemId", w.item_a1}}).ok());
  events = EventsSince(w.world, before);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].event_reasons, std::vector<std::string>{"removed_from_assortment"});
  EXPECT_EQ(events[0].facts["membership"], "removed");
  EXPECT_TRUE(Members(id).empty());
  before = w.world.events_published();
  ASSERT_TRUE(store().RemoveItem(R1(), id, {{"dscoItemId", w.item_a1}}).ok());
  EXPECT_EQ(w.world.events_published(), before);
}

TEST_F(AssortmentTest, ItemKeysNameTheSupplier) {
  const std::string id = MustCreate(R1(), {{"name", "Picks"}});
  ASSERT_TRUE(store()
                  .AddItem(R1(), id, {{"itemKey", {{"itemKey", "B-2"}, {"itemKeyType", "SKU"},
                                                   {"tradingPartnerId", "S2@R1"}}}})
                  .ok());
  ASSERT_TRUE(store()
                  .AddItem(R1(), id, {{"itemKey", {{"itemKey", "012345678905"}, {"itemKeyType", "UPC"},
                                                   {"dscoSupplierId", std::stoll(S1())}}}})
                  .ok());
  EXPECT_EQ(Members(id), (std::set<std::string>{w.item_b2, w.item_a1}));

  const auto refused = [&](const json& key, StatusCode code, const std::string& field) {
    SCOPED_TRACE(key.dump());
    EXPECT_ITEM_REFUSED(w.world, store().AddItem(R1(), id, {{"itemKey", key}}), code, field);
  };
  refused({{"itemKey", "B-2"}, {"itemKeyType", "SKU"}}, StatusCode::kInvalidArgument,
          "itemKey.dscoSupplierId");
  refused({{"itemKey", "B-2"}, {"itemKeyType", "partnerSku"}, {"tradingPartnerId", "S2@R1"}},
          StatusCode::kInvalidArgument, "itemKey.itemKeyType");
  refused({{"itemKey", "B-2"}, {"itemKeyType", "COLOR"}, {"tradingPartnerId", "S2@R1"}},
          StatusCode::kInvalidArgument, "itemKey.itemKeyType");
  refused({{"itemKeyType", "SKU"}, {"tradingPartnerId", "S2@R1"}}, StatusCode::kInvalidArgument,
          "itemKey.itemKey");
  refused({{"itemKey", "B-9"}, {"itemKeyType", "SKU"}, {"tradingPartnerId", "S2@R1"}},
          StatusCode::kNotFound, "itemKey.itemKey");
  refused({{"itemKey", "B-2"}, {"itemKeyType", "SKU"}, {"tradingPartnerId", "S9"}},
          StatusCode::kInvalidArgument, "itemKey.tradingPartnerId");
  refused({{"itemKey", "B-2"}, {"itemKeyType", "SKU"}, {"dscoSupplierId", R2()}},
          StatusCode::kInvalidArgument, "itemKey.dscoSupplierId");
  refused("B-2", StatusCode::kInvalidArgument, "itemKey");
  EXPECT_ITEM_REFUSED(w.world, store().AddItem(R1(), id, json::object()),
                      StatusCode::kInvalidArgument, "dscoItemId");
  EXPECT_ITEM_REFUSED(w.world, store().AddItem(R1(), id, {{"dscoItemId", true}}),
                      StatusCode::kInvalidArgument, "dscoItemId");
}

TEST_F(AssortmentTest, OnlyVisibleItemsMayBeAdded) {
  const std::string r2 = MustCreate(R2(), {{"name", "R2 picks"}});
  EXPECT_ITEM_REFUSED(w.world, store().AddItem(R2(), r2, {{"dscoItemId", w.item_b1}}),
                      StatusCode::kNotFound, "dscoItemId");  // S2 is not R2's partner
  EXPECT_ITEM_REFUSED(w.world, store().AddItem(R2(), r2, {{"dscoItemId", "1999999999"}}),
                      StatusCode::kNotFound, "dscoItemId");
  const std::string s1 = MustCreate(S1(), {{"name", "For R1"}});
  EXPECT_ITEM_REFUSED(w.world, store().AddItem(S1(), s1, {{"dscoItemId", w.item_b1}}),
                      StatusCode::kNotFound, "dscoItemId");
  EXPECT_ITEM_REFUSED(w.world,
                      store().AddItem(S1(), s1, {{"itemKey", {{"itemKey", "A-1"},
                                                              {"itemKeyType", "SKU"},
                                                              {"dscoSupplierId", S2()}}}}),
                      StatusCode::kInvalidArgument, "itemKey.dscoSupplierId");
  // A supplier names its own items without saying whose they are.
  ASSERT_TRUE(store()
                  .AddItem(S1(), s1, {{"itemKey", {{"itemKey", "A-2"}, {"itemKeyType", "sku"}}}})
                  .ok());
  EXPECT_EQ(Members(s1), std::set<std::string>{w.item_a2});
}

TEST_F(AssortmentTest, ASupplierAssortmentIsSharedWithEveryPartner) {
  const std::string id = MustCreate(S1(), {{"name", "For R1"}});
  const std::uint64_t before = w.world.events_published();
  ASSERT_TRUE(store().AddItem(S1(), id, {{"dscoItemId", w.item_a2}}).ok());
  const auto events = EventsSince(w.world, before);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].retailer_id, "");
  EXPECT_FALSE(events[0].payload.contains("assortments"));  // the neutral view
  const Item& a2 = *items().FindBySku(S1(), "A-2");
  EXPECT_EQ(items().InventoryJson(a2, ItemViewer::Supplier())["assortments"], json::array({id}));
}

TEST_F(AssortmentTest, ManyItemsAtOnceAllResolveOrNothingChanges) {
  const std::string id = MustCreate(R1(), {{"name", "Bulk"}});
  EXPECT_ITEM_REFUSED(w.world,
                      store().AddItems(R1(), id, {{"dscoItemIds", {w.item_a1, "1999999999"}}}),
                      StatusCode::kNotFound, "dscoItemIds[1]");
  EXPECT_ITEM_REFUSED(w.world,
                      store().AddItems(R1(), id,
                                       {{"dscoItemIds", {w.item_a1}},
                                        {"itemKeys", {{{"itemKey", "A-2"}, {"itemKeyType", "SKU"}}}}}),
                      StatusCode::kInvalidArgument, "itemKeys[0].dscoSupplierId");
  EXPECT_ITEM_REFUSED(w.world, store().AddItems(R1(), id, json::object()),
                      StatusCode::kInvalidArgument, "dscoItemIds");
  EXPECT_ITEM_REFUSED(w.world, store().AddItems(R1(), id, {{"dscoItemIds", json::array()}}),
                      StatusCode::kInvalidArgument, "dscoItemIds");
  EXPECT_ITEM_REFUSED(w.world, store().AddItems(R1(), id, {{"dscoItemIds", "x"}}),
                      StatusCode::kInvalidArgument, "dscoItemIds");
  json many = json::array();
  for (std::size_t i = 0; i <= kMaxAssortmentItemIds; ++i) many.push_back(w.item_a1);
  EXPECT_ITEM_REFUSED(w.world, store().AddItems(R1(), id, {{"dscoItemIds", many}}),
                      StatusCode::kTooLarge, "dscoItemIds");
  json keys = json::array();
  for (std::size_t i = 0; i <= kMaxAssortmentItemKeys; ++i) {
    keys.push_back({{"itemKey", "A-2"}, {"itemKeyType", "SKU"}, {"tradingPartnerId", "S1@R1"}});
  }
  EXPECT_ITEM_REFUSED(w.world, store().AddItems(R1(), id, {{"itemKeys", keys}}),
                      StatusCode::kTooLarge, "itemKeys");

  ASSERT_TRUE(store()
                  .AddItems(R1(), id,
                            {{"dscoItemIds", {std::stoll(w.item_a1), w.item_b1, w.item_a1}},
                             {"itemKeys", {{{"itemKey", "A-2"}, {"itemKeyType", "SKU"},
                                            {"tradingPartnerId", "S1@R1"}}}}})
                  .ok());
  EXPECT_EQ(Members(id), (std::set<std::string>{w.item_a1, w.item_a2, w.item_b1}));
  ASSERT_TRUE(store().RemoveItems(R1(), id, {{"dscoItemIds", {w.item_a1, w.item_b1}}}).ok());
  EXPECT_EQ(Members(id), std::set<std::string>{w.item_a2});
}

TEST_F(AssortmentTest, DeletingAnAssortmentRemovesEveryItemFirst) {
  const std::string id = MustCreate(R1(), {{"name", "Bulk"}});
  ASSERT_TRUE(store().AddItems(R1(), id, {{"dscoItemIds", {w.item_a1, w.item_b2}}}).ok());
  const std::uint64_t before = w.world.events_published();
  const std::uint64_t traced = w.world.trace().total();
  ASSERT_TRUE(store().Delete(R1(), id).ok());
  const auto events = EventsSince(w.world, before);
  ASSERT_EQ(events.size(), 2u);  // one inventory view each
  for (const DomainEvent& e : events) {
    EXPECT_EQ(e.event_reasons, std::vector<std::string>{"removed_from_assortment"});
    EXPECT_EQ(e.facts["assortmentId"], id);
  }
  EXPECT_EQ(store().Find(id), nullptr);
  EXPECT_EQ(w.world.trace().retained().back().kind, "assortment.deleted");
  EXPECT_EQ(w.world.trace().total(), traced + 3);
}

// --- Dynamic assortments ---

TEST_F(AssortmentTest, ReadyToAutoListFollowsTheItemsAsTheyChange) {
  const std::string id = MustCreate(R1(), {{"name", "Ready to auto list"},
                                           {"rule", ReadyToAutoList()}});
  EXPECT_TRUE(Members(id).empty());  // the fixture's items have no catalog
  EXPECT_EQ(AssortmentToJson(*store().Find(id))["rule"], ReadyToAutoList());

  json catalog = CatalogBody("A-1", "Tent");
  catalog["description"] = "Two-person tent";
  ASSERT_TRUE(items().UpsertCatalog(S1(), catalog).ok());
  EXPECT_TRUE(Members(id).empty());  // no images yet

  const std::uint64_t before = w.world.events_published();
  catalog["images"] = {{{"name", "front"}, {"reference", "https://img.example/front.jpg"}}};
  ASSERT_TRUE(items().UpsertCatalog(S1(), catalog).ok());
  EXPECT_EQ(Members(id), std::set<std::string>{w.item_a1});
  auto events = EventsSince(w.world, before);
  // The catalog change (catalog view only: images are catalog-only), then the
  // membership (both views), addressed to R1.
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].event_reasons, std::vector<std::string>{"catalog_attribute_changed"});
  EXPECT_EQ(events[1].event_reasons, std::vector<std::string>{"added_to_assortment"});
  EXPECT_EQ(events[1].object_type, StreamObjectType::kInventory);
  EXPECT_EQ(events[1].actor, kPlatformActor);
  EXPECT_EQ(events[1].retailer_id, R1());
  EXPECT_EQ(events[2].object_type, StreamObjectType::kCatalog);

  // Out of stock: out; back in stock: in.
  ASSERT_TRUE(items().UpdateInventory(S1(), InventoryBody("A-1", {{"WH1", 0}}, "out-of-stock")).ok());
  EXPECT_TRUE(Members(id).empty());
  ASSERT_TRUE(items().UpdateInventory(S1(), InventoryBody("A-1", {{"WH1", 3}})).ok());
  EXPECT_EQ(Members(id), std::set<std::string>{w.item_a1});
  // Discontinued: partners see zero quantity and another productStatus.
  ASSERT_TRUE(items().UpsertCatalog(S1(), {{"sku", "A-1"}, {"productStatus", "discontinued"}}).ok());
  EXPECT_TRUE(Members(id).empty());
  ASSERT_TRUE(items().UpsertCatalog(S1(), {{"sku", "A-1"}, {"productStatus", "active"}}).ok());
  EXPECT_EQ(Members(id), std::set<std::string>{w.item_a1});
  // R1 lists it (channel override): it leaves R1's assortment.
  ASSERT_TRUE(items()
                  .ApplyChannelOverride(R1(), {{"tradingPartnerId", "S1@R1"},
                                               {"sku", "A-1"},
                                               {"replacements", {{"listingStatus", "listed"}}}})
                  .ok());
  EXPECT_TRUE(Members(id).empty());
  // Another retailer's listing status is not R1's.
  ASSERT_TRUE(items()
                  .ApplyChannelOverride(R1(), {{"tradingPartnerId", "S1@R1"},
                                               {"sku", "A-1"},
                                               {"replacements", {{"listingStatus", nullptr}}}})
                  .ok());
  EXPECT_EQ(Members(id), std::set<std::string>{w.item_a1});
  ASSERT_TRUE(items()
                  .ApplyChannelOverride(R2(), {{"tradingPartnerId", "S1@R2"},
                                               {"sku", "A-1"},
                                               {"replacements", {{"listingStatus", "listed"}}}})
                  .ok());
  EXPECT_EQ(Members(id), std::set<std::string>{w.item_a1});
}

TEST_F(AssortmentTest, ReadyForManualCurationAndCountryBased) {
  const std::string curation =
      MustCreate(R1(), {{"name", "Curate"}, {"rule", ReadyForManualCuration()}});
  const std::string us = MustCreate(R1(), {{"name", "US"}, {"rule", CountryUs()}});
  json a1 = CatalogBody("A-1", "Tent");
  a1["images"] = {{{"name", "front"}, {"reference", "https://img.example/a.jpg"}}};
  a1["locationsCanBeSold"] = {{{"country", "CA"}}, {{"country", "US"}, {"regions", {"NY"}}}};
  json a2 = CatalogBody("A-2", "Stove");  // no images: curate
  a2["locationsCanBeSold"] = {{{"country", "GB"}}};
  json b1 = CatalogBody("B-1", "Lamp", "discontinued_sell_through");
  b1["brand"] = "Acme";
  b1["images"] = {{{"name", "x"}, {"reference", "https://img.example/b.jpg"}}};
  ASSERT_TRUE(items().UpsertCatalog(S1(), a1).ok());
  ASSERT_TRUE(items().UpsertCatalog(S1(), a2).ok());
  ASSERT_TRUE(items().UpsertCatalog(S2(), b1).ok());
  EXPECT_EQ(Members(curation), (std::set<std::string>{w.item_a2, w.item_b1}));
  EXPECT_EQ(Members(us), std::set<std::string>{w.item_a1});
  ASSERT_TRUE(items().UpsertCatalog(S1(), {{"sku", "A-1"}, {"locationsCanBeSold", nullptr}}).ok());
  EXPECT_TRUE(Members(us).empty());
}

TEST_F(AssortmentTest, OnlyTheOwnersPartnersItemsAreCandidates) {
  ASSERT_TRUE(items().UpsertCatalog(S1(), CatalogBody("A-1", "Tent")).ok());
  ASSERT_TRUE(items().UpsertCatalog(S2(), CatalogBody("B-1", "Lamp")).ok());
  const json titled = {{"logicalOperator", "and"}, {"filter", {Cond("title", "exists")}}};
  const std::string r1 = MustCreate(R1(), {{"name", "Titled"}, {"rule", titled}});
  const std::string r2 = MustCreate(R2(), {{"name", "Titled"}, {"rule", titled}});
  EXPECT_EQ(Members(r1), (std::set<std::string>{w.item_a1, w.item_b1}));
  EXPECT_EQ(Members(r2), std::set<std::string>{w.item_a1});
  // Creating the assortment published its initial members.
  EXPECT_TRUE(store().IsMember(r2, w.item_a1));
}

TEST_F(AssortmentTest, DynamicAssortmentsRefuseManualChanges) {
  const std::string id = MustCreate(R1(), {{"name", "US"}, {"rule", CountryUs()}});
  EXPECT_ITEM_REFUSED(w.world, store().AddItem(R1(), id, {{"dscoItemId", w.item_a1}}),
                      StatusCode::kFailedPrecondition, "id");
  EXPECT_ITEM_REFUSED(w.world, store().RemoveItems(R1(), id, {{"dscoItemIds", {w.item_a1}}}),
                      StatusCode::kFailedPrecondition, "id");
}

TEST_F(AssortmentTest, ChangingTheRuleRecomputesAndClearingItKeepsTheItems) {
  ASSERT_TRUE(items().UpsertCatalog(S1(), CatalogBody("A-1", "Tent")).ok());
  ASSERT_TRUE(items().UpsertCatalog(S1(), CatalogBody("A-2", "Stove", "pending")).ok());
  const std::string id = MustCreate(R1(), {{"name", "Manual at first"}});
  ASSERT_TRUE(store().AddItem(R1(), id, {{"dscoItemId", w.item_a3}}).ok());
  const json pending = {{"logicalOperator", "and"},
                        {"filter", {Cond("productStatus", "eq", "pending")}}};
  const std::uint64_t before = w.world.events_published();
  ASSERT_TRUE(store().Update(R1(), id, {{"id", id}, {"name", "Pending"}, {"rule", pending}}).ok());
  EXPECT_EQ(Members(id), std::set<std::string>{w.item_a2});
  const auto events = EventsSince(w.world, before);
  // A-3 leaves (inventory view only), A-2 joins (both views); in item order.
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].object_key, w.item_a2);
  EXPECT_EQ(events[0].facts["membership"], "added");
  EXPECT_EQ(events[2].object_key, w.item_a3);
  EXPECT_EQ(events[2].facts["membership"], "removed");

  // The same rule again changes nothing.
  const std::uint64_t second = w.world.events_published();
  ASSERT_TRUE(store().Update(R1(), id, {{"id", id}, {"name", "Pending"}, {"rule", pending}}).ok());
  EXPECT_EQ(w.world.events_published(), second);
  // null makes it manual again, keeping its items; items then no longer move it.
  ASSERT_TRUE(store().Update(R1(), id, {{"id", id}, {"name", "Pending"}, {"rule", nullptr}}).ok());
  EXPECT_FALSE(store().Find(id)->dynamic());
  ASSERT_TRUE(items().UpsertCatalog(S1(), {{"sku", "A-2"}, {"productStatus", "active"}}).ok());
  EXPECT_EQ(Members(id), std::set<std::string>{w.item_a2});
  EXPECT_TRUE(store().AddItem(R1(), id, {{"dscoItemId", w.item_a1}}).ok());
  // A rule absent from the body keeps the rule.
  const std::string dyn = MustCreate(R1(), {{"name", "US"}, {"rule", CountryUs()}});
  ASSERT_TRUE(store().Update(R1(), dyn, {{"id", dyn}, {"name", "United States"}}).ok());
  EXPECT_TRUE(store().Find(dyn)->dynamic());
}

TEST_F(AssortmentTest, RecomputeAllCatchesUpWithNewPartners) {
  ASSERT_TRUE(items().UpsertCatalog(S2(), CatalogBody("B-1", "Lamp")).ok());
  const json titled = {{"logicalOperator", "and"}, {"filter", {Cond("title", "exists")}}};
  const std::string id = MustCreate(R2(), {{"name", "Titled"}, {"rule", titled}});
  EXPECT_TRUE(Members(id).empty());
  ASSERT_TRUE(w.world.LinkPartners({R2(), S2(), "S2@R2", "", "R2@S2", ""}).ok());
  store().RecomputeAll();
  EXPECT_EQ(Members(id), std::set<std::string>{w.item_b1});
}

TEST_F(AssortmentTest, AWorldCopyCarriesItsAssortments) {
  const std::string id = MustCreate(R1(), {{"name", "US"}, {"rule", CountryUs()}});
  World copy = w.world;
  json body = CatalogBody("A-1", "Tent");
  body["locationsCanBeSold"] = {{{"country", "US"}}};
  ASSERT_TRUE(copy.items().UpsertCatalog(S1(), body).ok());
  EXPECT_EQ(copy.assortments().Find(id)->members, std::set<std::string>{w.item_a1});
  EXPECT_TRUE(Members(id).empty());  // the original is untouched
  ASSERT_TRUE(items().UpsertCatalog(S1(), body).ok());
  EXPECT_EQ(test_support::ItemFingerprint(copy), test_support::ItemFingerprint(w.world));
}

}  // namespace
}  // namespace dscosim
