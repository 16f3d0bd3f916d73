// A supplier's item: identity, catalog and inventory, as the model stores it.
//
// One Item holds both of the platform's views of a product variant: its catalog
// (ItemCatalog: title, brand, attributes, productStatus) and its inventory (ItemInventory:
// status, quantityAvailable, warehouses). Identity: `sku` is unique per supplier,
// `dsco_item_id` is unique across the platform; a retailer may know the item by its own
// `partnerSku`. Fields the model has no rule for are kept as the supplier sent them.
//
// A view exists once something created it: the catalog view when a catalog upsert (or a
// world builder's Put with a title) first arrived, the inventory view when an inventory
// update (or Put) did. Reads and events only ever show views that exist.
//
// Invariant (kept by the item store): quantity_available == the sum of the warehouses'
// quantities, and no two warehouses share a code.
//
// The store's operations are in item_store.h, the API's JSON shapes in item_json.h and
// the rules for reading the supplier's bodies in item_update.h; docs/items.md explains
// the choices.
#ifndef DSCOSIM_MODEL_CATALOG_ITEM_H_
#define DSCOSIM_MODEL_CATALOG_ITEM_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dscosim/model/core/status.h"
#include "dscosim/model/core/time.h"

namespace dscosim {

// ItemInventory.status.
enum class InventoryStatus { kInStock, kOutOfStock, kDiscontinued, kHidden };
std::string_view InventoryStatusName(InventoryStatus status);  // "in-stock"
Result<InventoryStatus> ParseInventoryStatus(std::string_view text, std::string_view field);

// ItemCatalog.productStatus.
enum class ProductStatus { kPending, kActive, kDiscontinuedSellThrough, kDiscontinued };
std::string_view ProductStatusName(ProductStatus status);  // "discontinued_sell_through"
Result<ProductStatus> ParseProductStatus(std::string_view text, std::string_view field);

// ItemCatalog.listingStatus: whether a retailer lists the item on its site.
enum class ListingStatus { kListed, kUnlisted };
std::string_view ListingStatusName(ListingStatus status);  // "listed"
Result<ListingStatus> ParseListingStatus(std::string_view text, std::string_view field);

// The identifiers an item is looked up by: GET /inventory and GET /catalog `itemKey`
// ("dscoItemId", "partnerSku", ...), and the assortment ItemKeyObj's `itemKeyType`
// ("SKU", "UPC", ...). Parsing ignores case.
enum class ItemKeyType { kDscoItemId, kSku, kPartnerSku, kUpc, kEan, kMpn, kIsbn, kGtin };
std::string_view ItemKeyTypeName(ItemKeyType type);  // the GET spelling: "partnerSku"
Result<ItemKeyType> ParseItemKeyType(std::string_view text, std::string_view field);

// The spec's patterns for the standard identifiers: upc 6 or 12 digits, ean 8 or 13,
// isbn 10 or 13, gtin 8 or 12 to 14. mpn, sku and the others have no pattern.
// InvalidArgument(field) when `value` breaks its key's pattern.
Status CheckIdentifierPattern(ItemKeyType type, std::string_view value, std::string_view field);

struct WarehouseQuantity {
  std::string code;                    // the supplier's warehouse code (unique per item)
  std::optional<std::string> dsco_id;  // the warehouse's dscoId, copied from the directory
  std::optional<std::string> retailer_code;  // not used by the store: retailer codes live
                                             // on the Warehouse (warehouse.h)
  std::int64_t quantity = 0;                 // >= 0
  nlohmann::json extra = nlohmann::json::object();  // the warehouse's other fields
};

struct Item {
  std::string dsco_item_id;
  std::string supplier_id;
  std::string sku;
  std::optional<std::string> upc, ean, mpn, isbn, gtin;
  std::optional<std::string> department_id;
  // A retailer's own sku for this item, by retailer account id.
  std::map<std::string, std::string> partner_sku_by_retailer;
  // Whether a retailer lists the item, by retailer account id.
  std::map<std::string, ListingStatus> listing_status_by_retailer;

  // Catalog.
  std::optional<std::string> title, brand;
  ProductStatus product_status = ProductStatus::kActive;
  nlohmann::json catalog = nlohmann::json::object();  // other catalog attributes

  // Inventory.
  InventoryStatus status = InventoryStatus::kOutOfStock;
  std::int64_t quantity_available = 0;  // always the sum of the warehouses' quantities
  std::vector<WarehouseQuantity> warehouses;
  nlohmann::json inventory = nlohmann::json::object();  // other inventory fields

  Time created;      // dscoCreateDate
  Time last_update;  // dscoLastUpdateDate: any attribute of either view
  std::optional<Time> last_quantity_update;        // dscoLastQuantityUpdateDate
  std::optional<Time> last_cost_update;            // dscoLastCostUpdateDate
  std::optional<Time> last_product_status_update;  // dscoLastProductStatusUpdateDate
  std::optional<Time> catalog_created;    // unset: the item has no catalog view yet
  std::optional<Time> inventory_created;  // unset: the item has no inventory view yet
  std::uint64_t sequence = 0;  // creation order

  bool has_catalog() const { return catalog_created.has_value(); }
  bool has_inventory() const { return inventory_created.has_value(); }
  // The sum of the warehouses' quantities.
  std::int64_t WarehouseTotal() const;
  // The warehouse entry with `code`, or null.
  const WarehouseQuantity* FindWarehouse(std::string_view code) const;
  // The value of one identifier, if the item has it (partnerSku: `retailer_id`'s).
  std::optional<std::string> Identifier(ItemKeyType type, std::string_view retailer_id) const;
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CATALOG_ITEM_H_
