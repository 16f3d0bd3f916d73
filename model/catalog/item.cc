#include "dscosim/model/catalog/item.h"

#include "dscosim/model/core/enum_names.h"

#include <array>
#include <cctype>
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
constexpr std::array<std::pair<std::string_view, ListingStatus>, 2> kListingStatusNames{{
    {"listed", ListingStatus::kListed},
    {"unlisted", ListingStatus::kUnlisted},
}};
constexpr std::array<std::pair<std::string_view, ItemKeyType>, 8> kItemKeyNames{{
    {"dscoItemId", ItemKeyType::kDscoItemId},
    {"sku", ItemKeyType::kSku},
    {"partnerSku", ItemKeyType::kPartnerSku},
    {"upc", ItemKeyType::kUpc},
    {"ean", ItemKeyType::kEan},
    {"mpn", ItemKeyType::kMpn},
    {"isbn", ItemKeyType::kIsbn},
    {"gtin", ItemKeyType::kGtin},
}};

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

bool AllDigits(std::string_view text) {
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::string_view InventoryStatusName(InventoryStatus status) {
  return EnumName(status, kInventoryStatusNames);
}
Result<InventoryStatus> ParseInventoryStatus(std::string_view text, std::string_view field) {
  return ParseEnumName(text, field, kInventoryStatusNames);
}
std::string_view ProductStatusName(ProductStatus status) {
  return EnumName(status, kProductStatusNames);
}
Result<ProductStatus> ParseProductStatus(std::string_view text, std::string_view field) {
  return ParseEnumName(text, field, kProductStatusNames);
}
std::string_view ListingStatusName(ListingStatus status) {
  return EnumName(status, kListingStatusNames);
}
Result<ListingStatus> ParseListingStatus(std::string_view text, std::string_view field) {
  return ParseEnumName(text, field, kListingStatusNames);
}
std::string_view ItemKeyTypeName(ItemKeyType type) { return EnumName(type, kItemKeyNames); }

Result<ItemKeyType> ParseItemKeyType(std::string_view text, std::string_view field) {
  for (const auto& [name, value] : kItemKeyNames) {
    if (EqualsIgnoringCase(name, text)) return value;
  }
  return ParseEnumName(text, field, kItemKeyNames);  // the error, listing the names
}

Status CheckIdentifierPattern(ItemKeyType type, std::string_view value, std::string_view field) {
  const std::size_t n = value.size();
  bool ok = true;
  const char* rule = "";
  switch (type) {
    case ItemKeyType::kUpc:
      ok = AllDigits(value) && (n == 6 || n == 12);
      rule = "must be 6 or 12 digits";
      break;
    case ItemKeyType::kEan:
      ok = AllDigits(value) && (n == 8 || n == 13);
      rule = "must be 8 or 13 digits";
      break;
    case ItemKeyType::kIsbn:
      ok = AllDigits(value) && (n == 10 || n == 13);
      rule = "must be 10 or 13 digits";
      break;
    case ItemKeyType::kGtin:
      ok = AllDigits(value) && (n == 8 || (n >= 12 && n <= 14));
      rule = "must be 8 or 12 to 14 digits";
      break;
    default:
      break;
  }
  if (ok) return Status::Ok();
  return InvalidArgument(std::string(field), rule);
}

std::int64_t Item::WarehouseTotal() const {
  std::int64_t total = 0;
  for (const WarehouseQuantity& w : warehouses) total += w.quantity;
  return total;
}

const WarehouseQuantity* Item::FindWarehouse(std::string_view code) const {
  for (const WarehouseQuantity& w : warehouses) {
    if (w.code == code) return &w;
  }
  return nullptr;
}

std::optional<std::string> Item::Identifier(ItemKeyType type,
                                            std::string_view retailer_id) const {
  switch (type) {
    case ItemKeyType::kDscoItemId: return dsco_item_id;
    case ItemKeyType::kSku: return sku;
    case ItemKeyType::kPartnerSku: {
      const auto it = partner_sku_by_retailer.find(std::string(retailer_id));
      if (it == partner_sku_by_retailer.end()) return std::nullopt;
      return it->second;
    }
    case ItemKeyType::kUpc: return upc;
    case ItemKeyType::kEan: return ean;
    case ItemKeyType::kMpn: return mpn;
    case ItemKeyType::kIsbn: return isbn;
    case ItemKeyType::kGtin: return gtin;
  }
  return std::nullopt;
}

}  // namespace dscosim
