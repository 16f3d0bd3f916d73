// A supplier's item: identity, catalog and inventory, as the model stores it.
//
// One Item holds both of the platform's views of a product variant: its catalog
// (ItemCatalog: title, brand, attributes, productStatus) and its inventory (ItemInventory:
// status, quantityAvailable, warehouses). Identity: `sku` is unique per supplier,
// `dsco_item_id` is unique across the platform; a retailer may know the item by its own
// `partnerSku`. Fields the model has no rule for are kept as the supplier sent them.
#ifndef DSCOSIM_MODEL_ITEM_H_
#define DSCOSIM_MODEL_ITEM_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/status.h"
#include "model/time.h"

namespace dscosim {

// ItemInventory.status.
enum class InventoryStatus { kInStock, kOutOfStock, kDiscontinued, kHidden };
std::string_view InventoryStatusName(InventoryStatus status);  // "in-stock"
Result<InventoryStatus> ParseInventoryStatus(std::string_view text, std::string_view field);

// ItemCatalog.productStatus.
enum class ProductStatus { kPending, kActive, kDiscontinuedSellThrough, kDiscontinued };
std::string_view ProductStatusName(ProductStatus status);  // "discontinued_sell_through"
Result<ProductStatus> ParseProductStatus(std::string_view text, std::string_view field);

struct WarehouseQuantity {
  std::string code;
  std::optional<std::string> dsco_id;
  std::optional<std::string> retailer_code;
  std::int64_t quantity = 0;
  nlohmann::json extra = nlohmann::json::object();  // the warehouse's other fields
};

struct Item {
  std::string dsco_item_id;
  std::string supplier_id;
  std::string sku;
  std::optional<std::string> upc, ean, mpn, isbn, gtin;
  // A retailer's own sku for this item, by retailer account id.
  std::map<std::string, std::string> partner_sku_by_retailer;

  // Catalog.
  std::optional<std::string> title, brand;
  ProductStatus product_status = ProductStatus::kActive;
  nlohmann::json catalog = nlohmann::json::object();  // other catalog attributes

  // Inventory.
  InventoryStatus status = InventoryStatus::kOutOfStock;
  std::int64_t quantity_available = 0;  // always the sum of the warehouses' quantities
  std::vector<WarehouseQuantity> warehouses;
  nlohmann::json inventory = nlohmann::json::object();  // other inventory fields

  Time created;
  Time last_update;
  std::optional<Time> last_quantity_update;
  std::uint64_t sequence = 0;  // creation order
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_ITEM_H_
