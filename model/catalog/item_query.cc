// GET /inventory and GET /catalog, and the item lookups other stores share.
#include <algorithm>

#include "dscosim/model/catalog/item_store.h"
#include "dscosim/model/core/json_fields.h"

namespace dscosim {

std::vector<const Item*> ItemStore::FindByKey(std::string_view supplier_id, ItemKeyType key,
                                              std::string_view value,
                                              std::string_view retailer_id) const {
  std::vector<const Item*> out;
  if (key == ItemKeyType::kDscoItemId) {
    const Item* item = FindByDscoItemId(value);
    if (item != nullptr && item->supplier_id == supplier_id) out.push_back(item);
    return out;
  }
  if (key == ItemKeyType::kSku) {
    const Item* item = FindBySku(supplier_id, value);
    if (item != nullptr) out.push_back(item);
    return out;
  }
  for (const Item* item : ItemsOf(supplier_id)) {
    const std::optional<std::string> have = item->Identifier(key, retailer_id);
    if (have && *have == value) out.push_back(item);
  }
  return out;
}

bool ItemStore::VisibleTo(const Item& item, std::string_view account_id) const {
  return item.supplier_id == account_id ||
         services_->accounts->PartnerOf(account_id, item.supplier_id) != nullptr;
}

Result<std::vector<const Item*>> ItemStore::Lookup(std::string_view caller, ItemView view,
                                                   const ItemLookup& lookup) const {
  const Account* me = services_->accounts->Find(caller);
  if (me == nullptr) return PermissionDenied("", "unknown caller account");
  if (lookup.value.empty()) return InvalidArgument("value", "is required");
  std::vector<std::string> suppliers;
  std::string retailer;  // whose partnerSku a partnerSku lookup means
  if (me->role == Role::kRetailer) {
    retailer = std::string(caller);
    if (lookup.dsco_trading_partner_id) {
      const PartnerView* p =
          services_->accounts->PartnerByTradingPartnerId(caller, *lookup.dsco_trading_partner_id);
      if (p == nullptr) {
        return InvalidArgument("dscoTradingPartnerId", "is not one of your trading partners");
      }
      suppliers.push_back(p->partner_account_id);
    } else {
      for (const PartnerView& p : services_->accounts->PartnersOf(caller)) {
        suppliers.push_back(p.partner_account_id);
      }
    }
  } else {
    suppliers.push_back(std::string(caller));
    if (lookup.item_key == ItemKeyType::kPartnerSku) {
      std::optional<std::string> named;
      if (lookup.dsco_retailer_id) {
        if (services_->accounts->PartnerOf(caller, *lookup.dsco_retailer_id) == nullptr) {
          return InvalidArgument("dscoRetailerId", "is not one of your trading partners");
        }
        named = *lookup.dsco_retailer_id;
      }
      if (lookup.dsco_trading_partner_id) {
        const PartnerView* p = services_->accounts->PartnerByTradingPartnerId(
            caller, *lookup.dsco_trading_partner_id);
        if (p == nullptr) {
          return InvalidArgument("dscoTradingPartnerId", "is not one of your trading partners");
        }
        if (named && *named != p->partner_account_id) {
          return InvalidArgument("dscoTradingPartnerId",
                                 "names another retailer than dscoRetailerId");
        }
        named = p->partner_account_id;
      }
      if (!named) {
        return InvalidArgument("dscoRetailerId",
                               "dscoRetailerId or dscoTradingPartnerId is required when a "
                               "supplier looks up a partnerSku");
      }
      retailer = *named;
    }
  }
  std::vector<const Item*> found;
  for (const std::string& supplier : suppliers) {
    for (const Item* item : FindByKey(supplier, lookup.item_key, lookup.value, retailer)) {
      const bool has_view = view == ItemView::kInventory ? item->has_inventory()
                                                         : item->has_catalog();
      if (has_view) found.push_back(item);
    }
  }
  // The same message for an item that does not exist and one the caller may not see.
  if (found.empty()) return NotFound("value", "no item matches this itemKey and value");
  std::sort(found.begin(), found.end(),
            [](const Item* a, const Item* b) { return a->sequence < b->sequence; });
  if (!lookup.return_multiple) found.resize(1);
  return found;
}

Result<std::vector<Json>> ItemStore::GetInventory(std::string_view caller,
                                                  const ItemLookup& lookup) const {
  DSCOSIM_ASSIGN_OR_RETURN(const std::vector<const Item*> items,
                           Lookup(caller, ItemView::kInventory, lookup));
  const Account* me = services_->accounts->Find(caller);
  const ItemViewer viewer = me != nullptr && me->role == Role::kRetailer
                                ? ItemViewer::Retailer(std::string(caller))
                                : ItemViewer::Supplier();
  std::vector<Json> out;
  for (const Item* item : items) out.push_back(InventoryJson(*item, viewer));
  return out;
}

Result<std::vector<Json>> ItemStore::GetCatalog(std::string_view caller,
                                                const ItemLookup& lookup) const {
  DSCOSIM_ASSIGN_OR_RETURN(const std::vector<const Item*> items,
                           Lookup(caller, ItemView::kCatalog, lookup));
  const Account* me = services_->accounts->Find(caller);
  const ItemViewer viewer = me != nullptr && me->role == Role::kRetailer
                                ? ItemViewer::Retailer(std::string(caller))
                                : ItemViewer::Supplier();
  std::vector<Json> out;
  for (const Item* item : items) out.push_back(CatalogJson(*item, viewer));
  return out;
}

}  // namespace dscosim
