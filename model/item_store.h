// The item store: suppliers' items (catalog and inventory) and the lookups every other
// store uses to find an item by any of its identifiers.
#ifndef DSCOSIM_MODEL_ITEM_STORE_H_
#define DSCOSIM_MODEL_ITEM_STORE_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/conversation.h"
#include "model/item.h"
#include "model/services.h"
#include "model/status.h"

namespace dscosim {

class ItemStore {
 public:
  void Bind(const Services* services) { services_ = services; }

  // Adds an item as a world builder or test describes it (no validation beyond identity:
  // a unique dsco_item_id, a unique (supplier, sku)). An empty dsco_item_id gets a new
  // id. Publishes no event. Returns the stored item.
  Result<Item> Put(Item item);

  // The one item `ids` names among the items of `suppliers` (all of the retailer's
  // partners when `suppliers` is empty), trying the identifiers in the spec's order —
  // dscoItemId, sku, partnerSku (the retailer's own sku), upc, ean, then mpn, isbn,
  // gtin — and using the first one that matches anything. NotFound (field `path` + the
  // identifier's key) when nothing matches; InvalidArgument when the first matching
  // identifier matches items of several suppliers or several items of one supplier.
  Result<const Item*> Resolve(std::string_view retailer_id,
                              const std::vector<std::string>& suppliers,
                              const ItemIdentifiers& ids, std::string_view path) const;

  const Item* FindByDscoItemId(std::string_view dsco_item_id) const;
  const Item* FindBySku(std::string_view supplier_id, std::string_view sku) const;
  // A supplier's items in creation order.
  std::vector<const Item*> ItemsOf(std::string_view supplier_id) const;
  const std::map<std::string, Item, std::less<>>& items() const { return items_; }

 private:
  const Services* services_ = nullptr;
  std::uint64_t next_sequence_ = 1;
  std::map<std::string, Item, std::less<>> items_;  // by dsco_item_id
  // "<supplier>/<sku>" -> dsco_item_id
  std::map<std::string, std::string, std::less<>> by_sku_;
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_ITEM_STORE_H_
