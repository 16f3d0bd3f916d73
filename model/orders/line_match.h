// Which order line a return or invoice line names.
//
// Return and invoice lines name an item by any of its identifiers, and optionally the
// order line by `lineNumber`. The platform's rule for identifiers (as Get Item applies
// it) is used here too: they are tried in a fixed order — the Dsco item id, sku,
// partnerSku (the retailer's own sku), upc, ean, mpn, isbn, gtin — and the first one
// that matches a candidate line decides. A `lineNumber` picks the line directly; then
// at least one given identifier must match that line's item. An identifier that
// matches several lines needs a `lineNumber`.
#ifndef DSCOSIM_MODEL_ORDERS_LINE_MATCH_H_
#define DSCOSIM_MODEL_ORDERS_LINE_MATCH_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dscosim/model/catalog/item_store.h"
#include "dscosim/model/core/json_fields.h"
#include "dscosim/model/orders/order.h"
#include "dscosim/model/core/status.h"

namespace dscosim {

// Item identifiers in the order they are tried.
enum class ItemIdKey { kDscoItemId, kSku, kPartnerSku, kUpc, kEan, kMpn, kIsbn, kGtin };

// How a line's JSON spells an item id: "itemId" on returns, "dscoItemId" on invoices.
enum class DscoItemIdSpelling { kItemId, kDscoItemId };

// The JSON key of an identifier ("partnerSku"; the Dsco id per `spelling`).
std::string_view ItemIdKeyName(ItemIdKey key, DscoItemIdSpelling spelling);

// A request line's reference to an order line.
struct LineRef {
  std::vector<std::pair<ItemIdKey, std::string>> ids;  // the given ones, in trying order
  std::optional<std::int64_t> line_number;
};

// What is known about one order line: its number and every identifier of its item
// (possibly several values per key: the supplier's and the retailer's spelling).
struct LineKey {
  std::int64_t line_number = 0;
  std::vector<std::pair<ItemIdKey, std::string>> ids;
  std::string dsco_item_id;
  std::string sku;

  bool Has(ItemIdKey key, std::string_view value) const;
  friend bool operator==(const LineKey&, const LineKey&) = default;
};

// Reads `line`'s identifiers and lineNumber. Requires one of the Dsco item id, sku,
// partnerSku, upc, ean, mpn ("lineItems[2]" when none); checks the spec's formats
// (partnerSku at most 90 characters, upc 6 or 12 digits, ean 8 or 13, isbn 10 or 13,
// gtin 8 or 12 to 14; none empty) and a lineNumber of 1 to `max_line_number`.
Result<LineRef> ReadLineRef(const Json& line, std::string_view path, DscoItemIdSpelling spelling,
                            std::int64_t max_line_number = 1000000);

// Everything known about `line` of `order`: the line's own ids, what the retailer sent,
// and the item's catalog identifiers (`items` may be null, or not know the item).
LineKey KeyOfOrderLine(const Order& order, const OrderLine& line, const ItemStore* items);

// The index in `lines` of the line `ref` names. `what` names the candidates in
// messages ("order 1000000012"). NotFound (path.lineNumber, or path.<first id>) when no
// line matches; InvalidArgument (path.lineNumber) when several do, or (path.<first id>)
// when the numbered line's item has none of the given ids.
Result<std::size_t> MatchLine(const std::vector<LineKey>& lines, const LineRef& ref,
                              std::string_view path, DscoItemIdSpelling spelling,
                              std::string_view what);

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_ORDERS_LINE_MATCH_H_
