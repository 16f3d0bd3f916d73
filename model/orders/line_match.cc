#include "dscosim/model/orders/line_match.h"

#include <array>
#include <initializer_list>

#include "dscosim/model/core/text.h"

namespace dscosim {
namespace {

constexpr std::array<ItemIdKey, 8> kTryingOrder = {
    ItemIdKey::kDscoItemId, ItemIdKey::kSku, ItemIdKey::kPartnerSku, ItemIdKey::kUpc,
    ItemIdKey::kEan,        ItemIdKey::kMpn, ItemIdKey::kIsbn,       ItemIdKey::kGtin};

bool DigitsOfLength(std::string_view s, std::initializer_list<std::size_t> lengths) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  for (const std::size_t n : lengths) {
    if (s.size() == n) return true;
  }
  return false;
}

Status CheckFormat(ItemIdKey key, const std::string& value, const std::string& field) {
  if (value.empty()) return InvalidArgument(field, "must not be empty");
  DSCOSIM_RETURN_IF_ERROR(CheckUtf8(value, field));
  switch (key) {
    case ItemIdKey::kPartnerSku:
      if (Utf8Length(value) > 90) return InvalidArgument(field, "must be at most 90 characters");
      break;
    case ItemIdKey::kUpc:
      if (!DigitsOfLength(value, {6, 12})) return InvalidArgument(field, "must be 6 or 12 digits");
      break;
    case ItemIdKey::kEan:
      if (!DigitsOfLength(value, {8, 13})) return InvalidArgument(field, "must be 8 or 13 digits");
      break;
    case ItemIdKey::kIsbn:
      if (!DigitsOfLength(value, {10, 13})) {
        return InvalidArgument(field, "must be 10 or 13 digits");
      }
      break;
    case ItemIdKey::kGtin:
      if (!DigitsOfLength(value, {8, 12, 13, 14})) {
        return InvalidArgument(field, "must be 8 or 12 to 14 digits");
      }
      break;
    default:
      break;
  }
  return Status::Ok();
}

void AddId(LineKey& key, ItemIdKey id_key, const std::optional<std::string>& value) {
  if (!value || value->empty() || key.Has(id_key, *value)) return;
  key.ids.emplace_back(id_key, *value);
}

}  // namespace

std::string_view ItemIdKeyName(ItemIdKey key, DscoItemIdSpelling spelling) {
  switch (key) {
    case ItemIdKey::kDscoItemId:
      return spelling == DscoItemIdSpelling::kItemId ? "itemId" : "dscoItemId";
    case ItemIdKey::kSku:
      return "sku";
    case ItemIdKey::kPartnerSku:
      return "partnerSku";
    case ItemIdKey::kUpc:
      return "upc";
    case ItemIdKey::kEan:
      return "ean";
    case ItemIdKey::kMpn:
      return "mpn";
    case ItemIdKey::kIsbn:
      return "isbn";
    case ItemIdKey::kGtin:
      return "gtin";
  }
  return "unknown";
}

bool LineKey::Has(ItemIdKey key, std::string_view value) const {
  for (const auto& [k, v] : ids) {
    if (k == key && v == value) return true;
  }
  return false;
}

Result<LineRef> ReadLineRef(const Json& line, std::string_view path, DscoItemIdSpelling spelling,
                            std::int64_t max_line_number) {
  DSCOSIM_RETURN_IF_ERROR(RequireObject(line, path));
  LineRef ref;
  bool has_required_kind = false;
  for (const ItemIdKey key : kTryingOrder) {
    const std::string_view name = ItemIdKeyName(key, spelling);
    DSCOSIM_ASSIGN_OR_RETURN(std::optional<std::string> value, OptString(line, name, path));
    if (!value) continue;
    DSCOSIM_RETURN_IF_ERROR(CheckFormat(key, *value, JoinPath(path, name)));
    if (key != ItemIdKey::kIsbn && key != ItemIdKey::kGtin) has_required_kind = true;
    ref.ids.emplace_back(key, std::move(*value));
  }
  if (!has_required_kind) {
    return InvalidArgument(std::string(path),
                           "a line needs one item id: " +
                               std::string(ItemIdKeyName(ItemIdKey::kDscoItemId, spelling)) +
                               ", sku, partnerSku, upc, ean or mpn");
  }
  DSCOSIM_ASSIGN_OR_RETURN(ref.line_number, OptInt(line, "lineNumber", path));
  if (ref.line_number && (*ref.line_number < 1 || *ref.line_number > max_line_number)) {
    return InvalidArgument(JoinPath(path, "lineNumber"),
                           "must be between 1 and " + std::to_string(max_line_number));
  }
  return ref;
}

LineKey KeyOfOrderLine(const Order& order, const OrderLine& line, const ItemStore* items) {
  LineKey key;
  key.line_number = line.line_number;
  key.dsco_item_id = line.dsco_item_id;
  key.sku = line.sku;
  const Item* item = items == nullptr ? nullptr : items->FindByDscoItemId(line.dsco_item_id);
  AddId(key, ItemIdKey::kDscoItemId, line.dsco_item_id);
  AddId(key, ItemIdKey::kDscoItemId, line.given.dsco_item_id);
  AddId(key, ItemIdKey::kSku, line.sku);
  AddId(key, ItemIdKey::kSku, line.given.sku);
  AddId(key, ItemIdKey::kPartnerSku, line.given.partner_sku);
  if (item != nullptr) {
    const auto psku = item->partner_sku_by_retailer.find(order.retailer_id);
    if (psku != item->partner_sku_by_retailer.end()) {
      AddId(key, ItemIdKey::kPartnerSku, psku->second);
    }
    AddId(key, ItemIdKey::kUpc, item->upc);
    AddId(key, ItemIdKey::kEan, item->ean);
    AddId(key, ItemIdKey::kMpn, item->mpn);
    AddId(key, ItemIdKey::kIsbn, item->isbn);
    AddId(key, ItemIdKey::kGtin, item->gtin);
  }
  AddId(key, ItemIdKey::kUpc, line.given.upc);
  AddId(key, ItemIdKey::kEan, line.given.ean);
  AddId(key, ItemIdKey::kMpn, line.given.mpn);
  AddId(key, ItemIdKey::kIsbn, line.given.isbn);
  AddId(key, ItemIdKey::kGtin, line.given.gtin);
  return key;
}

Result<std::size_t> MatchLine(const std::vector<LineKey>& lines, const LineRef& ref,
                              std::string_view path, DscoItemIdSpelling spelling,
                              std::string_view what) {
  const std::string first_id_field = JoinPath(path, ItemIdKeyName(ref.ids.front().first, spelling));
  if (ref.line_number) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (lines[i].line_number != *ref.line_number) continue;
      for (const auto& [key, value] : ref.ids) {
        if (lines[i].Has(key, value)) return i;
      }
      return InvalidArgument(first_id_field, "line " + std::to_string(*ref.line_number) + " of " +
                                                 std::string(what) + " is not for this item");
    }
    return NotFound(JoinPath(path, "lineNumber"),
                    std::string(what) + " has no line " + std::to_string(*ref.line_number));
  }
  for (const auto& [key, value] : ref.ids) {
    std::vector<std::size_t> matches;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (lines[i].Has(key, value)) matches.push_back(i);
    }
    if (matches.empty()) continue;  // the next identifier may match
    if (matches.size() > 1) {
      return InvalidArgument(JoinPath(path, "lineNumber"),
                             "several lines of " + std::string(what) + " have " +
                                 std::string(ItemIdKeyName(key, spelling)) + " " + value +
                                 "; give lineNumber");
    }
    return matches.front();
  }
  return NotFound(first_id_field, std::string(what) + " has no line for this item");
}

}  // namespace dscosim
