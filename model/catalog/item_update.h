// Reading a supplier's ItemInventory and ItemCatalog bodies, and a retailer's channel
// override, into an item.
//
// Pure functions: each takes the stored item by value (or a fresh one) and returns the
// updated copy, or an error naming the offending JSON field. They stamp no dates, draw no
// ids and check nothing across items (partnerSku uniqueness, the warehouse directory):
// the item store does that when it commits.
//
// Fields common to both bodies ("shared"):
//   upc, ean, isbn, gtin        strings matching the spec's patterns (CheckIdentifierPattern)
//   mpn, departmentId, brand    strings
//   title                       string (required to create a catalog; never deletable)
//   partnerSkuMap               [{partnerSku* (<= 90 chars), dscoRetailerId |
//                               dscoTradingPartnerId}] naming partner retailers of the
//                               supplier, at most one entry each; replaces the whole map
//   listingStatusMap            [{listingStatus* (listed|unlisted), dscoRetailerId |
//                               dscoTradingPartnerId}]; replaces the whole map
// Read-only fields a supplier may echo back are ignored: dscoItemId (the store checks
// it), partnerSku, assortments, retailerOwnedAttributes, dscoSupplier*,
// dscoTradingPartner*, dsco*Date.
#ifndef DSCOSIM_MODEL_CATALOG_ITEM_UPDATE_H_
#define DSCOSIM_MODEL_CATALOG_ITEM_UPDATE_H_

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "dscosim/model/accounts/accounts.h"
#include "dscosim/model/catalog/item.h"
#include "dscosim/model/core/status.h"

namespace dscosim {

inline constexpr std::size_t kMaxSkuLength = 90;
// Quantities are the spec's (32-bit) integers: 0 ..= kMaxQuantity.
inline constexpr std::int64_t kMaxQuantity = 2147483647;

// A body's `key` read as a sku: a non-blank string of at most 90 characters.
Result<std::string> ReadSku(const nlohmann::json& body, std::string_view key = "sku");

// An ItemInventory body (POST /inventory/singleItem, an element of
// /inventory/batch/small), applied to `item` (owned by `item.supplier_id`):
//   status*             in-stock | out-of-stock | discontinued | hidden
//   warehouses*         [{code*, quantity (0 ..= kMaxQuantity), other fields verbatim}],
//                       at least one, codes unique. It is the item's complete list:
//                       warehouses not listed are dropped. A listed warehouse without a
//                       quantity keeps its stored quantity (0 when new), except that a
//                       single warehouse without one takes quantityAvailable.
//   quantityAvailable   when given, must equal the sum of the resulting warehouse
//                       quantities (field "quantityAvailable"). It or some
//                       warehouses[n].quantity is required (field "quantityAvailable").
//   shared fields       see above; JSON null means "not given"
//   anything else       kept verbatim, replacing the stored value of that key; null is
//                       ignored; catalog-only productStatus is ignored
// The result's quantity_available is the warehouses' sum.
Result<Item> ApplyInventoryBody(Item item, const nlohmann::json& body,
                                const AccountDirectory& accounts);

// An ItemCatalog body (an element of POST /catalog/batch/small) merged into `item`:
//   productStatus, title   required when the item has no catalog yet; never deletable
//   shared fields          see above
//   listingStatus          listed | unlisted, kept verbatim (a retailer's own entry in
//                          listingStatusMap wins in that retailer's view)
//   anything else          kept verbatim, replacing the stored value of that key
//   JSON null              deletes the attribute (spec: "Deleting attributes"), except
//                          sku, title and productStatus (InvalidArgument)
//   inventory-only status, quantityAvailable, warehouses   ignored
Result<Item> ApplyCatalogBody(Item item, const nlohmann::json& body,
                              const AccountDirectory& accounts);

// A channel override's `replacements` (PUT /catalog/overrides/batch/small) from
// `retailer_id`: partnerSku (string <= 90 chars) and listingStatus (listed|unlisted) set
// the retailer's own values; null deletes them. The other replacements (retailPrice,
// taxCode, retailModels, ...) are accepted and not simulated. At least one replacement
// is required (field "replacements").
Result<Item> ApplyOverrideReplacements(Item item, const nlohmann::json& replacements,
                                       std::string_view retailer_id);

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CATALOG_ITEM_UPDATE_H_
