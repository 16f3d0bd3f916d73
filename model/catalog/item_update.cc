#include "dscosim/model/catalog/item_update.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "dscosim/model/core/json_fields.h"
#include "dscosim/model/core/text.h"

namespace dscosim {
namespace {

using Json = nlohmann::json;

// Keys the model reads itself, or that are the platform's to set: never kept verbatim.
constexpr std::array<std::string_view, 27> kNotVerbatim = {
    "sku", "dscoItemId", "upc", "ean", "mpn", "isbn", "gtin", "departmentId", "title", "brand",
    "partnerSku", "partnerSkuMap", "listingStatusMap", "assortments", "retailerOwnedAttributes",
    "dscoSupplierId", "dscoSupplierName", "dscoTradingPartnerId", "dscoTradingPartnerName",
    "dscoTradingPartnerParentId", "dscoCreateDate", "dscoLastUpdateDate",
    "dscoLastQuantityUpdateDate", "dscoLastCostUpdateDate", "dscoLastProductStatusUpdateDate",
    // Read by the inventory body, ignored by the catalog one (and the other way round).
    "status", "productStatus"};
constexpr std::array<std::string_view, 2> kInventoryOnly = {"quantityAvailable", "warehouses"};

template <std::size_t N>
bool OneOf(std::string_view key, const std::array<std::string_view, N>& keys) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

bool IsExplicitNull(const Json& body, std::string_view key) {
  const auto it = body.find(key);
  return it != body.end() && it->is_null();
}

Status CheckText(const std::string& text, std::string_view field) {
  return CheckUtf8(text, field);
}

// The partner retailer an entry of partnerSkuMap / listingStatusMap names.
Result<std::string> EntryRetailer(const Json& entry, const std::string& path,
                                  std::string_view supplier_id,
                                  const AccountDirectory& accounts) {
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> by_id,
                           OptId(entry, "dscoRetailerId", path));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> by_tp,
                           OptString(entry, "dscoTradingPartnerId", path));
  std::optional<std::string> retailer;
  if (by_id) {
    if (accounts.PartnerOf(supplier_id, *by_id) == nullptr) {
      return InvalidArgument(JoinPath(path, "dscoRetailerId"),
                             "is not one of your trading partners");
    }
    retailer = *by_id;
  }
  if (by_tp) {
    const PartnerView* p = accounts.PartnerByTradingPartnerId(supplier_id, *by_tp);
    if (p == nullptr) {
      return InvalidArgument(JoinPath(path, "dscoTradingPartnerId"),
                             "is not one of your trading partners");
    }
    if (retailer && *retailer != p->partner_account_id) {
      return InvalidArgument(JoinPath(path, "dscoTradingPartnerId"),
                             "names another retailer than dscoRetailerId");
    }
    retailer = p->partner_account_id;
  }
  if (!retailer) {
    return InvalidArgument(JoinPath(path, "dscoRetailerId"),
                           "dscoRetailerId or dscoTradingPartnerId is required");
  }
  return *retailer;
}

// A per-retailer map: each entry's `value_key` by the retailer it names.
template <typename Value, typename ParseFn>
Result<std::map<std::string, Value>> ReadRetailerMap(const Json& array, std::string_view key,
                                                     std::string_view value_key,
                                                     std::string_view supplier_id,
                                                     const AccountDirectory& accounts,
                                                     ParseFn parse) {
  std::map<std::string, Value> out;
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string path = IndexPath(key, i);
    DSCOSIM_RETURN_IF_ERROR(RequireObject(array[i], path));
    DSCOSIM_ASSIGN_OR_RETURN(const std::string text, ReqString(array[i], value_key, path));
    DSCOSIM_ASSIGN_OR_RETURN(Value value, parse(text, JoinPath(path, value_key)));
    DSCOSIM_ASSIGN_OR_RETURN(std::string retailer,
                             EntryRetailer(array[i], path, supplier_id, accounts));
    if (out.count(retailer) != 0) {
      return InvalidArgument(JoinPath(path, "dscoRetailerId"),
                             "names a retailer an earlier entry already names");
    }
    out.emplace(std::move(retailer), std::move(value));
  }
  return out;
}

Result<std::string> ParsePartnerSku(const std::string& text, const std::string& field) {
  if (IsBlank(text)) return InvalidArgument(field, "must not be blank");
  DSCOSIM_RETURN_IF_ERROR(CheckText(text, field));
  if (Utf8Length(text) > kMaxSkuLength) {
    return InvalidArgument(field, "must be at most 90 characters");
  }
  return text;
}

// The shared fields. `null_deletes`: the catalog's reading of JSON null.
Status ReadShared(Item& item, const Json& body, const AccountDirectory& accounts,
                  bool null_deletes) {
  struct Id {
    const char* key;
    std::optional<std::string> Item::*field;
    std::optional<ItemKeyType> pattern;
  };
  const Id ids[] = {
      {"upc", &Item::upc, ItemKeyType::kUpc},    {"ean", &Item::ean, ItemKeyType::kEan},
      {"isbn", &Item::isbn, ItemKeyType::kIsbn}, {"gtin", &Item::gtin, ItemKeyType::kGtin},
      {"mpn", &Item::mpn, std::nullopt},         {"departmentId", &Item::department_id, std::nullopt},
      {"brand", &Item::brand, std::nullopt},     {"title", &Item::title, std::nullopt},
  };
  for (const Id& id : ids) {
    if (IsExplicitNull(body, id.key)) {
      if (!null_deletes) continue;
      if (id.field == &Item::title) {
        return InvalidArgument("title", "is required and cannot be deleted");
      }
      item.*id.field = std::nullopt;
      continue;
    }
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> value, OptString(body, id.key));
    if (!value) continue;
    DSCOSIM_RETURN_IF_ERROR(CheckText(*value, id.key));
    if (id.pattern) DSCOSIM_RETURN_IF_ERROR(CheckIdentifierPattern(*id.pattern, *value, id.key));
    if (id.field == &Item::title && IsBlank(*value)) {
      return InvalidArgument("title", "must not be blank");
    }
    item.*id.field = *value;
  }

  if (IsExplicitNull(body, "partnerSkuMap")) {
    if (null_deletes) item.partner_sku_by_retailer.clear();
  } else {
    DSCOSIM_ASSIGN_OR_RETURN(const Json* map, OptArray(body, "partnerSkuMap"));
    if (map != nullptr) {
      DSCOSIM_ASSIGN_OR_RETURN(
          item.partner_sku_by_retailer,
          ReadRetailerMap<std::string>(*map, "partnerSkuMap", "partnerSku", item.supplier_id,
                                       accounts, ParsePartnerSku));
    }
  }
  if (IsExplicitNull(body, "listingStatusMap")) {
    if (null_deletes) item.listing_status_by_retailer.clear();
  } else {
    DSCOSIM_ASSIGN_OR_RETURN(const Json* map, OptArray(body, "listingStatusMap"));
    if (map != nullptr) {
      DSCOSIM_ASSIGN_OR_RETURN(
          item.listing_status_by_retailer,
          ReadRetailerMap<ListingStatus>(*map, "listingStatusMap", "listingStatus",
                                         item.supplier_id, accounts,
                                         [](const std::string& text, const std::string& field) {
                                           return ParseListingStatus(text, field);
                                         }));
    }
  }
  return Status::Ok();
}

struct WarehouseEntry {
  std::string code;
  std::optional<std::int64_t> quantity;
  Json extra = Json::object();
};

Result<std::optional<std::int64_t>> ReadQuantity(const Json& object, std::string_view key,
                                                 std::string_view path) {
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::int64_t> q, OptInt(object, key, path));
  if (q && (*q < 0 || *q > kMaxQuantity)) {
    return InvalidArgument(JoinPath(path, key), "must be between 0 and 2147483647");
  }
  return q;
}

Result<std::vector<WarehouseEntry>> ReadWarehouses(const Json& body) {
  DSCOSIM_ASSIGN_OR_RETURN(const Json* list, OptArray(body, "warehouses"));
  if (list == nullptr) return InvalidArgument("warehouses", "is required");
  if (list->empty()) return InvalidArgument("warehouses", "must list at least one warehouse");
  std::vector<WarehouseEntry> out;
  std::set<std::string> codes;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string path = IndexPath("warehouses", i);
    const Json& w = (*list)[i];
    DSCOSIM_RETURN_IF_ERROR(RequireObject(w, path));
    WarehouseEntry entry;
    DSCOSIM_ASSIGN_OR_RETURN(entry.code, ReqString(w, "code", path));
    if (IsBlank(entry.code)) return InvalidArgument(JoinPath(path, "code"), "must not be blank");
    DSCOSIM_RETURN_IF_ERROR(CheckText(entry.code, JoinPath(path, "code")));
    if (!codes.insert(entry.code).second) {
      return InvalidArgument(JoinPath(path, "code"), "names a warehouse listed earlier");
    }
    DSCOSIM_ASSIGN_OR_RETURN(entry.quantity, ReadQuantity(w, "quantity", path));
    for (const auto& [key, value] : w.items()) {
      // dscoId and the retailer codes are the directory's; the rest is the supplier's.
      if (key == "code" || key == "quantity" || key == "dscoId" || key == "retailerCode" ||
          key == "retailerCodes" || value.is_null()) {
        continue;
      }
      entry.extra[key] = value;
    }
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace

Result<std::string> ReadSku(const Json& body, std::string_view key) {
  DSCOSIM_RETURN_IF_ERROR(RequireObject(body, ""));
  DSCOSIM_ASSIGN_OR_RETURN(std::string sku, ReqString(body, key));
  if (IsBlank(sku)) return InvalidArgument(std::string(key), "must not be blank");
  DSCOSIM_RETURN_IF_ERROR(CheckText(sku, key));
  if (Utf8Length(sku) > kMaxSkuLength) {
    return InvalidArgument(std::string(key), "must be at most 90 characters");
  }
  return sku;
}

Result<Item> ApplyInventoryBody(Item item, const Json& body, const AccountDirectory& accounts) {
  DSCOSIM_RETURN_IF_ERROR(RequireObject(body, ""));
  DSCOSIM_RETURN_IF_ERROR(ReadShared(item, body, accounts, /*null_deletes=*/false));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> status, OptString(body, "status"));
  if (!status) return InvalidArgument("status", "is required");
  DSCOSIM_ASSIGN_OR_RETURN(item.status, ParseInventoryStatus(*status, "status"));
  DSCOSIM_ASSIGN_OR_RETURN(std::vector<WarehouseEntry> entries, ReadWarehouses(body));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::int64_t> available,
                           ReadQuantity(body, "quantityAvailable", ""));
  const bool any_quantity = std::any_of(entries.begin(), entries.end(),
                                        [](const WarehouseEntry& e) { return e.quantity; });
  if (!available && !any_quantity) {
    return InvalidArgument("quantityAvailable",
                           "a quantity is required: quantityAvailable or warehouses[n].quantity");
  }
  if (available && !any_quantity && entries.size() == 1) entries.front().quantity = *available;

  std::vector<WarehouseQuantity> warehouses;
  std::int64_t total = 0;
  for (WarehouseEntry& e : entries) {
    WarehouseQuantity w;
    const WarehouseQuantity* stored = item.FindWarehouse(e.code);
    w.code = e.code;
    if (stored != nullptr) w.dsco_id = stored->dsco_id;
    w.quantity = e.quantity ? *e.quantity : (stored != nullptr ? stored->quantity : 0);
    w.extra = std::move(e.extra);
    total += w.quantity;
    warehouses.push_back(std::move(w));
  }
  if (available && *available != total) {
    return InvalidArgument("quantityAvailable",
                           "must equal the sum of the warehouses' quantities (" +
                               std::to_string(total) + ")");
  }
  item.warehouses = std::move(warehouses);
  item.quantity_available = total;

  for (const auto& [key, value] : body.items()) {
    if (OneOf(key, kNotVerbatim) || OneOf(key, kInventoryOnly) || value.is_null()) continue;
    item.inventory[key] = value;
  }
  return item;
}

Result<Item> ApplyCatalogBody(Item item, const Json& body, const AccountDirectory& accounts) {
  DSCOSIM_RETURN_IF_ERROR(RequireObject(body, ""));
  const bool creating = !item.has_catalog();
  DSCOSIM_RETURN_IF_ERROR(ReadShared(item, body, accounts, /*null_deletes=*/true));
  if (creating && (!body.contains("title") || body["title"].is_null())) {
    return InvalidArgument("title", "is required");
  }
  if (IsExplicitNull(body, "productStatus")) {
    return InvalidArgument("productStatus", "is required and cannot be deleted");
  }
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> product_status,
                           OptString(body, "productStatus"));
  if (product_status) {
    DSCOSIM_ASSIGN_OR_RETURN(item.product_status,
                             ParseProductStatus(*product_status, "productStatus"));
  } else if (creating) {
    return InvalidArgument("productStatus", "is required");
  }
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> listing,
                           OptString(body, "listingStatus"));
  if (listing) DSCOSIM_RETURN_IF_ERROR(ParseListingStatus(*listing, "listingStatus").status());

  for (const auto& [key, value] : body.items()) {
    if (OneOf(key, kNotVerbatim) || OneOf(key, kInventoryOnly)) continue;
    if (value.is_null()) {
      item.catalog.erase(key);
    } else {
      item.catalog[key] = value;
    }
  }
  return item;
}

Result<Item> ApplyOverrideReplacements(Item item, const Json& replacements,
                                       std::string_view retailer_id) {
  const std::string path = "replacements";
  if (!replacements.is_object()) return InvalidArgument(path, "must be a JSON object");
  if (replacements.empty()) return InvalidArgument(path, "must have at least one replacement");
  const std::string retailer(retailer_id);
  if (IsExplicitNull(replacements, "partnerSku")) {
    item.partner_sku_by_retailer.erase(retailer);
  } else {
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> sku,
                             OptString(replacements, "partnerSku", path));
    if (sku) {
      DSCOSIM_ASSIGN_OR_RETURN(item.partner_sku_by_retailer[retailer],
                               ParsePartnerSku(*sku, JoinPath(path, "partnerSku")));
    }
  }
  if (IsExplicitNull(replacements, "listingStatus")) {
    item.listing_status_by_retailer.erase(retailer);
  } else {
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> listing,
                             OptString(replacements, "listingStatus", path));
    if (listing) {
      DSCOSIM_ASSIGN_OR_RETURN(item.listing_status_by_retailer[retailer],
                               ParseListingStatus(*listing, JoinPath(path, "listingStatus")));
    }
  }
  return item;
}

}  // namespace dscosim
