// Helpers shared by the order store's implementation files. Not part of the model's API.
#ifndef DSCOSIM_MODEL_ORDERS_ORDER_INTERNAL_H_
#define DSCOSIM_MODEL_ORDERS_ORDER_INTERNAL_H_

#include <string_view>

#include "dscosim/model/core/json_fields.h"
#include "dscosim/model/orders/order.h"

namespace dscosim::order_internal {

// The client's document without the fields the model owns (and renders itself), so
// `extra` never holds a stale copy of them.
Json WithoutOwnedOrderFields(const Json& order);
Json WithoutOwnedLineFields(const Json& line);
Json WithoutOwnedPackageFields(const Json& package);
Json WithoutOwnedPackageItemFields(const Json& item);

// The item identifiers of a line-like JSON object (dscoItemId, sku, partnerSku, upc, ean,
// mpn, isbn, gtin), each checked to be a string. `path` names the object.
Result<ItemIdentifiers> ReadItemIdentifiers(const Json& object, std::string_view path);

// Orders' JSON views of the model-owned parts.
Json LineToJson(const OrderLine& line);
Json PackageToJson(const Package& package);
Json ActivityToJson(const LineActivity& activity);

}  // namespace dscosim::order_internal

#endif  // DSCOSIM_MODEL_ORDERS_ORDER_INTERNAL_H_
