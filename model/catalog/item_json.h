// The API's JSON shapes of an item (vendor spec: ItemInventory, ItemCatalog), as one
// viewer sees them.
//
// Three viewers:
//   * neutral — what every partner retailer of the supplier has in common; the payload of
//     item events that are not addressed to one retailer. Partners are shown what the
//     platform exports: a `discontinued` product has zero quantity at every warehouse and
//     the inventory status `discontinued`, whatever the supplier stored (spec:
//     productStatus "discontinued").
//   * a retailer — the neutral view plus what is that retailer's own: its partnerSku, its
//     trading-partner id and name for the supplier, its listingStatus, its code for each
//     warehouse, and its assortments holding the item (PersonalizeItemJson).
//   * the supplier — the stored values (no zeroing), plus partnerSkuMap and
//     listingStatusMap (every retailer's entry) and the supplier's own assortments.
// In every view quantityAvailable equals the sum of the warehouses' quantities.
//
// Dates use FormatIso8601; keys are sorted (nlohmann::json objects), so a rendering is a
// pure function of its inputs.
#ifndef DSCOSIM_MODEL_CATALOG_ITEM_JSON_H_
#define DSCOSIM_MODEL_CATALOG_ITEM_JSON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "dscosim/model/accounts/accounts.h"
#include "dscosim/model/catalog/item.h"
#include "dscosim/model/catalog/warehouse.h"

namespace dscosim {

// Which of the item's two views.
enum class ItemView { kInventory, kCatalog };
std::string_view ItemViewName(ItemView view);  // "inventory" / "catalog"

struct ItemViewer {
  enum class Kind { kNeutral, kSupplier, kRetailer };
  Kind kind = Kind::kNeutral;
  std::string retailer_id;  // kRetailer only

  static ItemViewer Neutral() { return {}; }
  static ItemViewer Supplier() { return {Kind::kSupplier, ""}; }
  static ItemViewer Retailer(std::string retailer_id) {
    return {Kind::kRetailer, std::move(retailer_id)};
  }
};

// What a rendering needs besides the item. `assortments`: ids of the viewer's assortments
// holding the item (ignored for the neutral viewer), shown as `assortments` when not empty.
struct ItemJsonContext {
  const AccountDirectory& accounts;
  const WarehouseDirectory& warehouses;
  std::vector<std::string> assortments;
};

// The quantity and status partners are shown (see above).
std::int64_t PartnerQuantity(const Item& item);
InventoryStatus PartnerStatus(const Item& item);

// Precondition: the view exists (item.has_inventory() / item.has_catalog()).
nlohmann::json ItemInventoryToJson(const Item& item, const ItemViewer& viewer,
                                   const ItemJsonContext& context);
nlohmann::json ItemCatalogToJson(const Item& item, const ItemViewer& viewer,
                                 const ItemJsonContext& context);
nlohmann::json ItemViewToJson(ItemView view, const Item& item, const ItemViewer& viewer,
                              const ItemJsonContext& context);

// Turns a neutral rendering of `view` into `retailer_id`'s: adds the retailer's own
// fields (see above) from the item's current state. This is how retailer views are made,
// and how a stream can address a neutral event payload to one retailer.
nlohmann::json PersonalizeItemJson(nlohmann::json neutral, ItemView view, const Item& item,
                                   std::string_view retailer_id,
                                   const ItemJsonContext& context);

// A rendering without its dsco*Date fields: what "did anything change" compares.
nlohmann::json WithoutDates(nlohmann::json view);

// The attributes a retailer's dynamic-assortment rules read: the retailer's catalog view
// with its inventory view laid over it (the inventory's value wins on a key both have:
// cost, title, ...), without `assortments`. Views that do not exist are left out.
nlohmann::json RuleAttributes(const Item& item, std::string_view retailer_id,
                              const AccountDirectory& accounts,
                              const WarehouseDirectory& warehouses);

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CATALOG_ITEM_JSON_H_
