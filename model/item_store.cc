#include "model/item_store.h"

#include "model/json_fields.h"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

namespace dscosim {
namespace {

constexpr std::array<std::pair<std::string_view, InventoryStatus>, 4> kInventoryStatusNames{{
    {"in-stock", InventoryStatus::kInStock},
    {"out-of-stock", InventoryStatus::kOutOfStock},
    {"discontinued", InventoryStatus::kDiscontinued},
    {"hidden", InventoryStatus::kHidden},
}};
constexpr std::array<std::pair<std::string_view, ProductStatus>, 4> kProductStatusNames{{
    {"pending", ProductStatus::kPending},
    {"active", ProductStatus::kActive},
    {"discontinued_sell_through", ProductStatus::kDiscontinuedSellThrough},
    {"discontinued", ProductStatus::kDiscontinued},
}};

template <typename Enum, std::size_t N>
Result<Enum> ParseName(std::string_view text, std::string_view field,
                       const std::array<std::pair<std::string_view, Enum>, N>& names) {
  std::string allowed;
  for (const auto& [name, value] : names) {
    if (name == text) return value;
    if (!allowed.empty()) allowed += ", ";
    allowed += name;
  }
  return InvalidArgument(std::string(field), "must be one of: " + allowed);
}

template <typename Enum, std::size_t N>
std::string_view NameOf(Enum value, const std::array<std::pair<std::string_view, Enum>, N>& names) {
  for (const auto& [name, v] : names) {
    if (v == value) return name;
  }
  return "unknown";
}

std::string SkuKey(std::string_view supplier, std::string_view sku) {
  return std::string(supplier) + "/" + std::string(sku);
}

}  // namespace

std::string_view InventoryStatusName(InventoryStatus status) {
  return NameOf(status, kInventoryStatusNames);
}
Result<InventoryStatus> ParseInventoryStatus(std::string_view text, std::string_view field) {
  return ParseName(text, field, kInventoryStatusNames);
}
std::string_view ProductStatusName(ProductStatus status) {
  return NameOf(status, kProductStatusNames);
}
Result<ProductStatus> ParseProductStatus(std::string_view text, std::string_view field) {
  return ParseName(text, field, kProductStatusNames);
}

Result<Item> ItemStore::Put(Item item) {
  if (item.supplier_id.empty()) return InvalidArgument("dscoSupplierId", "is required");
  if (item.sku.empty()) return InvalidArgument("sku", "is required");
  if (FindBySku(item.supplier_id, item.sku) != nullptr) {
    return AlreadyExists("sku", "the supplier already has an item with sku " + item.sku);
  }
  if (!item.dsco_item_id.empty() && FindByDscoItemId(item.dsco_item_id) != nullptr) {
    return AlreadyExists("dscoItemId", "item " + item.dsco_item_id + " already exists");
  }
  if (item.dsco_item_id.empty()) item.dsco_item_id = services_->ids->NextDscoId();
  item.quantity_available = 0;
  for (const WarehouseQuantity& w : item.warehouses) item.quantity_available += w.quantity;
  item.created = services_->clock->now();
  item.last_update = item.created;
  item.sequence = next_sequence_++;
  by_sku_[SkuKey(item.supplier_id, item.sku)] = item.dsco_item_id;
  const std::string id = item.dsco_item_id;
  return items_.emplace(id, std::move(item)).first->second;
}

const Item* ItemStore::FindByDscoItemId(std::string_view dsco_item_id) const {
  const auto it = items_.find(dsco_item_id);
  return it == items_.end() ? nullptr : &it->second;
}

const Item* ItemStore::FindBySku(std::string_view supplier_id, std::string_view sku) const {
  const auto it = by_sku_.find(SkuKey(supplier_id, sku));
  return it == by_sku_.end() ? nullptr : FindByDscoItemId(it->second);
}

std::vector<const Item*> ItemStore::ItemsOf(std::string_view supplier_id) const {
  std::vector<const Item*> out;
  for (const auto& [id, item] : items_) {
    if (item.supplier_id == supplier_id) out.push_back(&item);
  }
  std::sort(out.begin(), out.end(),
            [](const Item* a, const Item* b) { return a->sequence < b->sequence; });
  return out;
}

Result<const Item*> ItemStore::Resolve(std::string_view retailer_id,
                                       const std::vector<std::string>& suppliers,
                                       const ItemIdentifiers& ids, std::string_view path) const {
  std::set<std::string> allowed(suppliers.begin(), suppliers.end());
  if (allowed.empty()) {
    for (const PartnerView& p : services_->accounts->PartnersOf(retailer_id)) {
      allowed.insert(p.partner_account_id);
    }
  }
  using Field = std::optional<std::string> ItemIdentifiers::*;
  struct Key {
    const char* name;
    Field field;
  };
  static constexpr Key kOrder[] = {
      {"dscoItemId", &ItemIdentifiers::dsco_item_id}, {"sku", &ItemIdentifiers::sku},
      {"partnerSku", &ItemIdentifiers::partner_sku},  {"upc", &ItemIdentifiers::upc},
      {"ean", &ItemIdentifiers::ean},                 {"mpn", &ItemIdentifiers::mpn},
      {"isbn", &ItemIdentifiers::isbn},               {"gtin", &ItemIdentifiers::gtin},
  };
  const char* first_given = nullptr;
  for (const Key& key : kOrder) {
    const std::optional<std::string>& wanted = ids.*key.field;
    if (!wanted) continue;
    if (first_given == nullptr) first_given = key.name;
    std::vector<const Item*> matches;
    for (const auto& [id, item] : items_) {
      if (allowed.count(item.supplier_id) == 0) continue;
      std::optional<std::string> have;
      if (key.field == &ItemIdentifiers::dsco_item_id) {
        have = item.dsco_item_id;
      } else if (key.field == &ItemIdentifiers::sku) {
        have = item.sku;
      } else if (key.field == &ItemIdentifiers::partner_sku) {
        const auto p = item.partner_sku_by_retailer.find(std::string(retailer_id));
        if (p != item.partner_sku_by_retailer.end()) have = p->second;
      } else if (key.field == &ItemIdentifiers::upc) {
        have = item.upc;
      } else if (key.field == &ItemIdentifiers::ean) {
        have = item.ean;
      } else if (key.field == &ItemIdentifiers::mpn) {
        have = item.mpn;
      } else if (key.field == &ItemIdentifiers::isbn) {
        have = item.isbn;
      } else {
        have = item.gtin;
      }
      if (have && *have == *wanted) matches.push_back(&item);
    }
    if (matches.empty()) continue;
    if (matches.size() > 1) {
      std::set<std::string> owners;
      for (const Item* m : matches) owners.insert(m->supplier_id);
      return InvalidArgument(
          JoinPath(path, key.name),
          owners.size() > 1
              ? "matches items of " + std::to_string(owners.size()) +
                    " suppliers; name the supplier (dscoSupplierId or dscoTradingPartnerId)"
              : "matches " + std::to_string(matches.size()) + " items of the supplier; use sku "
                "or dscoItemId");
    }
    return matches.front();
  }
  if (first_given == nullptr) {
    return InvalidArgument(std::string(path),
                           "needs an item id: dscoItemId, sku, partnerSku, upc or ean");
  }
  return NotFound(JoinPath(path, first_given),
                  "no item of your trading partners has this identifier");
}

}  // namespace dscosim
