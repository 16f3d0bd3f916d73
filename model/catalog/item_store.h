// The item store: suppliers' items (catalog and inventory), their warehouses, and the
// lookups every other store uses to find an item by any of its identifiers.
//
// Who may do what: a supplier writes its own items' catalog (POST /catalog/batch/small)
// and inventory (POST /inventory/singleItem, /inventory/batch/small) and defines its
// warehouses; a retailer sets its own partnerSku and listingStatus for a partner's item
// (channel overrides) and its own warehouse codes. Reads (GET /inventory, GET /catalog,
// GET /warehouse/page) show a supplier its own items and a retailer its partners'
// items; to anyone else an item answers NotFound, exactly like an id that does not exist.
//
// Errors name the offending JSON field of the spec's body and leave the store (and the
// world: ids, trace, events) unchanged.
//
// Events: every write publishes, through services->events, one DomainEvent per affected
// view of the item (docs/items.md, "Events"):
//   * the view the write is about (inventory for inventory updates, catalog for catalog
//     upserts and channel overrides), when it exists — even when nothing changed
//     (facts.unchanged, no event reason), so streams can honour includeUnchangedItems;
//   * the other view, only when its content changed (a shared field such as upc).
// object_key = dscoItemId, supplier_id = the owner, retailer_id empty (every partner
// retailer) or, for a channel override, the retailer that made it. Reasons:
// <view>_object_created, <view>_attribute_changed. payload = the view as its audience
// sees it (item_json.h). facts: quantityChanged, quantityStateChanged, unchanged, isNew,
// status (when the item has an inventory view) and productStatus (when it has a
// catalog); docs/items.md defines each.
// After a change, dynamic assortments are recomputed (assortment_store.h), which may
// publish added_to_assortment / removed_from_assortment events.
#ifndef DSCOSIM_MODEL_CATALOG_ITEM_STORE_H_
#define DSCOSIM_MODEL_CATALOG_ITEM_STORE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dscosim/model/conversations/conversation.h"
#include "dscosim/model/catalog/item.h"
#include "dscosim/model/catalog/item_json.h"
#include "dscosim/model/services.h"
#include "dscosim/model/core/status.h"
#include "dscosim/model/catalog/warehouse.h"

namespace dscosim {

// GET /inventory and GET /catalog query parameters.
struct ItemLookup {
  ItemKeyType item_key = ItemKeyType::kSku;
  std::string value;
  // A supplier looking up a partnerSku names the retailer by one of these. A retailer may
  // narrow the search to one supplier with dsco_trading_partner_id (its id for it).
  std::optional<std::string> dsco_retailer_id;
  std::optional<std::string> dsco_trading_partner_id;
  bool return_multiple = false;
};

enum class UpsertOutcome {
  kCreated,    // a new item
  kUpdated,    // something changed
  kUnchanged,  // the body changed nothing (an event still went out)
  kSkipped,    // skipItemsThatDontExist dropped an unknown sku: nothing happened
};
std::string_view UpsertOutcomeName(UpsertOutcome outcome);  // "created"

class ItemStore {
 public:
  void Bind(const Services* services) { services_ = services; }

  // Adds an item as a world builder or test describes it (no validation beyond identity:
  // a unique dsco_item_id, a unique (supplier, sku), unique warehouse codes). An empty
  // dsco_item_id gets a new id. quantity_available is set to the warehouses' sum; unknown
  // warehouse codes are added to the directory (drawing their dscoIds after the item's);
  // the inventory view exists, and the catalog view exists when the item has a title.
  // Publishes no event and does not touch assortments. Returns the stored item.
  Result<Item> Put(Item item);

  // The one item `ids` names among the items of `suppliers` (all of the retailer's
  // partners when `suppliers` is empty), trying the identifiers in the spec's order —
  // dscoItemId, sku, partnerSku (the retailer's own sku), upc, ean, then mpn, isbn,
  // gtin — and using the first one that matches anything. NotFound (field `path` + the
  // identifier's key) when nothing matches; InvalidArgument when the first matching
  // identifier matches items of several suppliers or several items of one supplier.
  Result<const Item*> Resolve(std::string_view retailer_id,
                              const std::vector<std::string>& suppliers,
                              const ItemIdentifiers& ids, std::string_view path) const;

  const Item* FindByDscoItemId(std::string_view dsco_item_id) const;
  const Item* FindBySku(std::string_view supplier_id, std::string_view sku) const;
  // A supplier's items in creation order.
  std::vector<const Item*> ItemsOf(std::string_view supplier_id) const;
  const std::map<std::string, Item, std::less<>>& items() const { return items_; }

  // --- Writes (item_store.cc) ---

  // POST /inventory/singleItem (suppliers). The body is an ItemInventory
  // (ApplyInventoryBody: status and a quantity required, quantityAvailable == the sum of
  // the warehouses). An unknown sku creates the item (inventory view only). A given
  // dscoItemId must name the caller's item with that sku. Unknown warehouse codes are
  // added to the supplier's directory.
  Result<UpsertOutcome> UpdateInventory(std::string_view caller, const nlohmann::json& body);
  // One element of POST /inventory/batch/small, as the async batch processes it: the
  // same rules, except that with `skip_items_that_dont_exist` an unknown sku is dropped
  // (kSkipped) instead of creating the item.
  Result<UpsertOutcome> ApplyInventoryBatchElement(std::string_view caller,
                                                   const nlohmann::json& body,
                                                   bool skip_items_that_dont_exist);
  // One element of POST /catalog/batch/small (suppliers): an ItemCatalog merged into the
  // item with that sku, or a new item (ApplyCatalogBody). partnerSku values must stay
  // unique per retailer (AlreadyExists, "partnerSkuMap[i].partnerSku").
  Result<UpsertOutcome> UpsertCatalog(std::string_view caller, const nlohmann::json& body);
  // One element of PUT /catalog/overrides/batch/small (retailers): an item selector —
  // tradingPartnerId or tradingPartnerName (the retailer's names for a partner supplier)
  // and at least one of sku, retailerSku (the retailer's partnerSku), upc, ean, mpn,
  // isbn, gtin, all of which must match — and `replacements`
  // (ApplyOverrideReplacements). Events go to that retailer only.
  Result<UpsertOutcome> ApplyChannelOverride(std::string_view caller,
                                             const nlohmann::json& body);

  // A stream sync's view of every current item `owner` may see (its own items for a
  // supplier, its partners' for a retailer) that has `view`, in creation order: the
  // payload as `owner` sees it and the facts an event about it would carry.
  struct SyncItem {
    const Item* item;
    nlohmann::json payload;
    nlohmann::json facts;
  };
  std::vector<SyncItem> SyncView(ItemView view, std::string_view owner) const;

  // --- Reads (item_query.cc) ---

  // GET /inventory and GET /catalog: the items `lookup` names, in creation order, each as
  // the caller sees it; only the first unless return_multiple. A retailer searches its
  // partners' items (partnerSku: its own), a supplier its own (partnerSku: needs
  // dscoRetailerId or dscoTradingPartnerId naming a partner retailer, field
  // "dscoRetailerId"). NotFound (field "value") when nothing matches — also for
  // items the caller may not see, and for items without that view yet.
  Result<std::vector<nlohmann::json>> GetInventory(std::string_view caller,
                                                   const ItemLookup& lookup) const;
  Result<std::vector<nlohmann::json>> GetCatalog(std::string_view caller,
                                                 const ItemLookup& lookup) const;
  // The same search, as items.
  Result<std::vector<const Item*>> Lookup(std::string_view caller, ItemView view,
                                          const ItemLookup& lookup) const;

  // Items of `supplier_id` whose `key` is `value` (partnerSku: `retailer_id`'s), in
  // creation order.
  std::vector<const Item*> FindByKey(std::string_view supplier_id, ItemKeyType key,
                                     std::string_view value,
                                     std::string_view retailer_id = "") const;
  // Whether `account_id` may see the item: its supplier, or a retailer partner of it.
  bool VisibleTo(const Item& item, std::string_view account_id) const;

  // The item's view as `viewer` sees it (item_json.h), with the viewer's assortments.
  // Precondition: the view exists.
  nlohmann::json ViewJson(ItemView view, const Item& item, const ItemViewer& viewer) const;
  nlohmann::json InventoryJson(const Item& item, const ItemViewer& viewer) const {
    return ViewJson(ItemView::kInventory, item, viewer);
  }
  nlohmann::json CatalogJson(const Item& item, const ItemViewer& viewer) const {
    return ViewJson(ItemView::kCatalog, item, viewer);
  }

  // --- Warehouses (item_warehouses.cc) ---

  const WarehouseDirectory& warehouses() const { return warehouses_; }
  // Defines or updates one of the caller's (a supplier's) warehouses from a Warehouse
  // body (ApplyWarehouseBody). The control API's way to describe warehouses; the spec
  // has no create call. Returns the stored warehouse.
  Result<Warehouse> PutWarehouse(std::string_view caller, const nlohmann::json& body);
  // POST /retailer-warehouses/codes (retailers): [{accountId*, warehouseId*, code*}].
  // Each element is applied, or reported `unauthorized` (no such warehouse of that
  // partner supplier) or `duplicated` (the retailer already uses the code for another
  // warehouse, or an earlier element did). A malformed element refuses the whole call.
  Result<RetailerWarehouseCodesResult> SetRetailerWarehouseCodes(std::string_view caller,
                                                                 const nlohmann::json& body);
  // GET /warehouse/page without paging: every match, ordered by (supplier, code), as the
  // caller sees it. A supplier sees its own warehouses, a retailer its partners'.
  Result<std::vector<nlohmann::json>> FindWarehouses(std::string_view caller,
                                                     const WarehouseQuery& query) const;

  // --- For the assortment store ---

  // Publishes the events of one assortment membership change: one per existing view
  // (inventory, then catalog), reason added_to_assortment / removed_from_assortment,
  // facts {assortmentId, membership: "added"|"removed"} plus BaseFacts with no quantity
  // change. `retailer_id`: the assortment's owner when a retailer (the event is that
  // retailer's), else empty.
  void PublishMembershipChange(const Item& item, std::string_view actor,
                               std::string_view assortment_id, std::string_view retailer_id,
                               bool added);
  // The attributes a retailer's dynamic-assortment rules read (RuleAttributes).
  nlohmann::json AttributesFor(const Item& item, std::string_view retailer_id) const;

 private:
  Time now() const { return services_->clock->now(); }
  Result<UpsertOutcome> WriteInventory(std::string_view caller, const nlohmann::json& body,
                                       bool skip_unknown);
  // The caller's item named by the body's sku (and dscoItemId, when given), or null for a
  // new sku.
  Result<const Item*> LocateOwn(std::string_view caller, const nlohmann::json& body,
                                const std::string& sku) const;
  // AlreadyExists when one of the item's partnerSkus is another item's for that retailer.
  Status CheckPartnerSkusUnique(const Item& item, std::string_view field_prefix) const;
  // Stores `after` (the updated copy of `before`, or a new item when `before` is null),
  // stamps dates, registers warehouses, publishes the events and recomputes dynamic
  // assortments. `audience`: empty for every partner, else the one retailer the change is
  // for (its views are compared and rendered).
  UpsertOutcome Commit(const Item* before, Item after, ItemView target, std::string_view actor,
                       std::string_view audience);
  // Adds the item's unknown warehouse codes to the directory and copies dscoIds in.
  void RegisterWarehouses(Item& item, bool trace);
  nlohmann::json BaseFacts(const Item* before, const Item& after) const;
  void Publish(const Item& item, ItemView view, std::string_view actor, std::string kind,
               std::vector<std::string> reasons, nlohmann::json facts,
               std::string_view audience);
  ItemJsonContext Context(const Item& item, const ItemViewer& viewer) const;

  const Services* services_ = nullptr;
  std::uint64_t next_sequence_ = 1;
  std::map<std::string, Item, std::less<>> items_;  // by dsco_item_id
  // "<supplier>/<sku>" -> dsco_item_id
  std::map<std::string, std::string, std::less<>> by_sku_;
  WarehouseDirectory warehouses_;
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CATALOG_ITEM_STORE_H_
