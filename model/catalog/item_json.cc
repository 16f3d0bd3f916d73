#include "dscosim/model/catalog/item_json.h"

#include <utility>

#include "dscosim/model/core/time.h"

namespace dscosim {
namespace {

using Json = nlohmann::json;

// The fields both views share: identity, identifiers, title and brand, the supplier,
// and the dates every view carries.
void PutShared(Json& out, const Item& item, const AccountDirectory& accounts) {
  out["sku"] = item.sku;
  out["dscoItemId"] = item.dsco_item_id;
  const std::pair<const char*, const std::optional<std::string>*> ids[] = {
      {"upc", &item.upc},   {"ean", &item.ean},   {"mpn", &item.mpn},
      {"isbn", &item.isbn}, {"gtin", &item.gtin}, {"departmentId", &item.department_id},
      {"title", &item.title}, {"brand", &item.brand},
  };
  for (const auto& [key, value] : ids) {
    if (*value) out[key] = **value;
  }
  out["dscoSupplierId"] = item.supplier_id;
  if (const Account* supplier = accounts.Find(item.supplier_id); supplier != nullptr) {
    out["dscoSupplierName"] = supplier->name;
  }
  out["dscoCreateDate"] = FormatIso8601(item.created);
  out["dscoLastUpdateDate"] = FormatIso8601(item.last_update);
  if (item.last_cost_update) out["dscoLastCostUpdateDate"] = FormatIso8601(*item.last_cost_update);
}

// One entry per retailer of a per-retailer map, in retailer id order, naming the retailer
// both ways (its account id and the supplier's trading-partner id for it).
template <typename Map, typename ValueFn>
Json PerRetailerMap(const Item& item, const Map& map, const char* value_key,
                    const AccountDirectory& accounts, ValueFn value_of) {
  Json out = Json::array();
  for (const auto& [retailer, value] : map) {
    Json entry = {{value_key, value_of(value)}, {"dscoRetailerId", retailer}};
    const PartnerView* p = accounts.PartnerOf(item.supplier_id, retailer);
    if (p != nullptr && !p->trading_partner_id.empty()) {
      entry["dscoTradingPartnerId"] = p->trading_partner_id;
    }
    out.push_back(std::move(entry));
  }
  return out;
}

void PutSupplierFields(Json& out, ItemView view, const Item& item,
                       const ItemJsonContext& context) {
  if (!item.partner_sku_by_retailer.empty()) {
    out["partnerSkuMap"] =
        PerRetailerMap(item, item.partner_sku_by_retailer, "partnerSku", context.accounts,
                       [](const std::string& s) { return s; });
  }
  if (view == ItemView::kCatalog && !item.listing_status_by_retailer.empty()) {
    out["listingStatusMap"] =
        PerRetailerMap(item, item.listing_status_by_retailer, "listingStatus", context.accounts,
                       [](ListingStatus s) { return std::string(ListingStatusName(s)); });
  }
  if (!context.assortments.empty()) out["assortments"] = context.assortments;
}

Json InventoryJson(const Item& item, bool as_partner, const AccountDirectory& accounts) {
  Json out = item.inventory;
  PutShared(out, item, accounts);
  const bool zero = as_partner && item.product_status == ProductStatus::kDiscontinued;
  Json warehouses = Json::array();
  for (const WarehouseQuantity& w : item.warehouses) {
    Json entry = w.extra;
    entry["code"] = w.code;
    if (w.dsco_id) entry["dscoId"] = *w.dsco_id;
    entry["quantity"] = zero ? 0 : w.quantity;
    warehouses.push_back(std::move(entry));
  }
  out["warehouses"] = std::move(warehouses);
  out["quantityAvailable"] = zero ? 0 : item.quantity_available;
  out["status"] = InventoryStatusName(as_partner ? PartnerStatus(item) : item.status);
  if (item.last_quantity_update) {
    out["dscoLastQuantityUpdateDate"] = FormatIso8601(*item.last_quantity_update);
  }
  return out;
}

Json CatalogJson(const Item& item, const AccountDirectory& accounts) {
  Json out = item.catalog;
  PutShared(out, item, accounts);
  out["productStatus"] = ProductStatusName(item.product_status);
  if (item.last_product_status_update) {
    out["dscoLastProductStatusUpdateDate"] = FormatIso8601(*item.last_product_status_update);
  }
  return out;
}

}  // namespace

std::string_view ItemViewName(ItemView view) {
  return view == ItemView::kInventory ? "inventory" : "catalog";
}

std::int64_t PartnerQuantity(const Item& item) {
  return item.product_status == ProductStatus::kDiscontinued ? 0 : item.quantity_available;
}

InventoryStatus PartnerStatus(const Item& item) {
  return item.product_status == ProductStatus::kDiscontinued ? InventoryStatus::kDiscontinued
                                                             : item.status;
}

Json ItemInventoryToJson(const Item& item, const ItemViewer& viewer,
                         const ItemJsonContext& context) {
  return ItemViewToJson(ItemView::kInventory, item, viewer, context);
}

Json ItemCatalogToJson(const Item& item, const ItemViewer& viewer,
                       const ItemJsonContext& context) {
  return ItemViewToJson(ItemView::kCatalog, item, viewer, context);
}

Json ItemViewToJson(ItemView view, const Item& item, const ItemViewer& viewer,
                    const ItemJsonContext& context) {
  const bool supplier = viewer.kind == ItemViewer::Kind::kSupplier;
  Json out = view == ItemView::kInventory ? InventoryJson(item, !supplier, context.accounts)
                                          : CatalogJson(item, context.accounts);
  switch (viewer.kind) {
    case ItemViewer::Kind::kNeutral:
      return out;
    case ItemViewer::Kind::kSupplier:
      PutSupplierFields(out, view, item, context);
      return out;
    case ItemViewer::Kind::kRetailer:
      return PersonalizeItemJson(std::move(out), view, item, viewer.retailer_id, context);
  }
  return out;
}

Json PersonalizeItemJson(Json out, ItemView view, const Item& item, std::string_view retailer_id,
                         const ItemJsonContext& context) {
  const std::string retailer(retailer_id);
  if (const auto it = item.partner_sku_by_retailer.find(retailer);
      it != item.partner_sku_by_retailer.end()) {
    out["partnerSku"] = it->second;
  }
  if (const PartnerView* p = context.accounts.PartnerOf(retailer, item.supplier_id); p != nullptr) {
    if (!p->trading_partner_id.empty()) out["dscoTradingPartnerId"] = p->trading_partner_id;
    if (!p->name.empty()) out["dscoTradingPartnerName"] = p->name;
  }
  if (view == ItemView::kCatalog) {
    if (const auto it = item.listing_status_by_retailer.find(retailer);
        it != item.listing_status_by_retailer.end()) {
      out["listingStatus"] = ListingStatusName(it->second);
    }
  } else if (out.contains("warehouses") && out["warehouses"].is_array()) {
    for (Json& w : out["warehouses"]) {
      if (!w.is_object() || !w.contains("code") || !w["code"].is_string()) continue;
      const Warehouse* known =
          context.warehouses.Find(item.supplier_id, w["code"].get<std::string>());
      if (known == nullptr) continue;
      const auto code = known->retailer_codes.find(retailer);
      if (code != known->retailer_codes.end()) w["retailerCode"] = code->second;
    }
  }
  if (!context.assortments.empty()) out["assortments"] = context.assortments;
  return out;
}

Json WithoutDates(Json view) {
  if (!view.is_object()) return view;
  for (auto it = view.begin(); it != view.end();) {
    const std::string& key = it.key();
    const bool date = key.size() > 8 && key.rfind("dsco", 0) == 0 &&
                      key.compare(key.size() - 4, 4, "Date") == 0;
    it = date ? view.erase(it) : std::next(it);
  }
  return view;
}

Json RuleAttributes(const Item& item, std::string_view retailer_id,
                    const AccountDirectory& accounts, const WarehouseDirectory& warehouses) {
  const ItemJsonContext context{accounts, warehouses, {}};
  const ItemViewer viewer = ItemViewer::Retailer(std::string(retailer_id));
  Json out = Json::object();
  if (item.has_catalog()) out = ItemCatalogToJson(item, viewer, context);
  if (item.has_inventory()) {
    const Json inventory = ItemInventoryToJson(item, viewer, context);
    for (const auto& [key, value] : inventory.items()) out[key] = value;
  }
  out.erase("assortments");
  return out;
}

}  // namespace dscosim
