#include "dscosim/model/catalog/item_store.h"

#include <algorithm>
#include <set>
#include <utility>

#include "dscosim/model/catalog/assortment_store.h"
#include "dscosim/model/catalog/item_update.h"
#include "dscosim/model/core/json_fields.h"

namespace dscosim {
namespace {

// What a supplier's first inventory or catalog update starts from.
Item NewItem(std::string_view supplier, const std::string& sku) {
  Item item;
  item.supplier_id = std::string(supplier);
  item.sku = sku;
  return item;
}

std::string SkuKey(std::string_view supplier, std::string_view sku) {
  return std::string(supplier) + "/" + std::string(sku);
}

bool HasView(const Item& item, ItemView view) {
  return view == ItemView::kInventory ? item.has_inventory() : item.has_catalog();
}

StreamObjectType ObjectTypeOf(ItemView view) {
  return view == ItemView::kInventory ? StreamObjectType::kInventory : StreamObjectType::kCatalog;
}

std::vector<std::pair<std::string, std::int64_t>> Quantities(const Item& item) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const WarehouseQuantity& w : item.warehouses) out.emplace_back(w.code, w.quantity);
  return out;
}

Json CostOf(const Json& attributes) {
  const auto it = attributes.find("cost");
  return it == attributes.end() ? Json() : *it;
}

}  // namespace

std::string_view UpsertOutcomeName(UpsertOutcome outcome) {
  switch (outcome) {
    case UpsertOutcome::kCreated: return "created";
    case UpsertOutcome::kUpdated: return "updated";
    case UpsertOutcome::kUnchanged: return "unchanged";
    case UpsertOutcome::kSkipped: return "skipped";
  }
  return "unknown";
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
  std::set<std::string> codes;
  for (std::size_t i = 0; i < item.warehouses.size(); ++i) {
    if (!codes.insert(item.warehouses[i].code).second) {
      return InvalidArgument(IndexPath("warehouses", i) + ".code",
                             "names a warehouse listed earlier");
    }
  }
  if (item.dsco_item_id.empty()) item.dsco_item_id = services_->ids->NextDscoId();
  item.quantity_available = item.WarehouseTotal();
  item.created = now();
  item.last_update = item.created;
  if (!item.inventory_created) item.inventory_created = item.created;
  if (!item.catalog_created && item.title) item.catalog_created = item.created;
  item.sequence = next_sequence_++;
  RegisterWarehouses(item, /*trace=*/false);
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
  struct Key {
    const char* name;
    std::optional<std::string> ItemIdentifiers::*field;
    ItemKeyType type;
  };
  static constexpr Key kOrder[] = {
      {"dscoItemId", &ItemIdentifiers::dsco_item_id, ItemKeyType::kDscoItemId},
      {"sku", &ItemIdentifiers::sku, ItemKeyType::kSku},
      {"partnerSku", &ItemIdentifiers::partner_sku, ItemKeyType::kPartnerSku},
      {"upc", &ItemIdentifiers::upc, ItemKeyType::kUpc},
      {"ean", &ItemIdentifiers::ean, ItemKeyType::kEan},
      {"mpn", &ItemIdentifiers::mpn, ItemKeyType::kMpn},
      {"isbn", &ItemIdentifiers::isbn, ItemKeyType::kIsbn},
      {"gtin", &ItemIdentifiers::gtin, ItemKeyType::kGtin},
  };
  const char* first_given = nullptr;
  for (const Key& key : kOrder) {
    const std::optional<std::string>& wanted = ids.*key.field;
    if (!wanted) continue;
    if (first_given == nullptr) first_given = key.name;
    std::vector<const Item*> matches;
    for (const auto& [id, item] : items_) {
      if (allowed.count(item.supplier_id) == 0) continue;
      const std::optional<std::string> have = item.Identifier(key.type, retailer_id);
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

// --- Writes ---

Result<UpsertOutcome> ItemStore::UpdateInventory(std::string_view caller, const Json& body) {
  return WriteInventory(caller, body, /*skip_unknown=*/false);
}

Result<UpsertOutcome> ItemStore::ApplyInventoryBatchElement(std::string_view caller,
                                                            const Json& body,
                                                            bool skip_items_that_dont_exist) {
  return WriteInventory(caller, body, skip_items_that_dont_exist);
}

Result<UpsertOutcome> ItemStore::WriteInventory(std::string_view caller, const Json& body,
                                                bool skip_unknown) {
  const Account* me = services_->accounts->Find(caller);
  if (me == nullptr) return PermissionDenied("", "unknown caller account");
  if (me->role != Role::kSupplier) return PermissionDenied("", "only a supplier sends inventory");
  DSCOSIM_ASSIGN_OR_RETURN(const std::string sku, ReadSku(body));
  DSCOSIM_ASSIGN_OR_RETURN(const Item* current, LocateOwn(caller, body, sku));
  if (current == nullptr && skip_unknown) return UpsertOutcome::kSkipped;
  Item base = current != nullptr ? *current : NewItem(caller, sku);
  DSCOSIM_ASSIGN_OR_RETURN(Item after,
                           ApplyInventoryBody(std::move(base), body, *services_->accounts));
  DSCOSIM_RETURN_IF_ERROR(CheckPartnerSkusUnique(after, "partnerSkuMap"));
  if (!after.inventory_created) after.inventory_created = now();
  return Commit(current, std::move(after), ItemView::kInventory, caller, "");
}

Result<UpsertOutcome> ItemStore::UpsertCatalog(std::string_view caller, const Json& body) {
  const Account* me = services_->accounts->Find(caller);
  if (me == nullptr) return PermissionDenied("", "unknown caller account");
  if (me->role != Role::kSupplier) return PermissionDenied("", "only a supplier sends catalog");
  DSCOSIM_ASSIGN_OR_RETURN(const std::string sku, ReadSku(body));
  DSCOSIM_ASSIGN_OR_RETURN(const Item* current, LocateOwn(caller, body, sku));
  Item base = current != nullptr ? *current : NewItem(caller, sku);
  DSCOSIM_ASSIGN_OR_RETURN(Item after,
                           ApplyCatalogBody(std::move(base), body, *services_->accounts));
  DSCOSIM_RETURN_IF_ERROR(CheckPartnerSkusUnique(after, "partnerSkuMap"));
  if (!after.catalog_created) after.catalog_created = now();
  return Commit(current, std::move(after), ItemView::kCatalog, caller, "");
}

Result<UpsertOutcome> ItemStore::ApplyChannelOverride(std::string_view caller, const Json& body) {
  const Account* me = services_->accounts->Find(caller);
  if (me == nullptr) return PermissionDenied("", "unknown caller account");
  if (me->role != Role::kRetailer) {
    return PermissionDenied("", "only a retailer sends channel overrides");
  }
  DSCOSIM_RETURN_IF_ERROR(RequireObject(body, ""));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> tp_id,
                           OptString(body, "tradingPartnerId"));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> tp_name,
                           OptString(body, "tradingPartnerName"));
  std::string supplier;
  if (tp_id) {
    const PartnerView* p = services_->accounts->PartnerByTradingPartnerId(caller, *tp_id);
    if (p == nullptr) {
      return InvalidArgument("tradingPartnerId", "is not one of your trading partners");
    }
    supplier = p->partner_account_id;
  } else if (tp_name) {
    std::vector<std::string> named;
    for (const PartnerView& p : services_->accounts->PartnersOf(caller)) {
      if (!p.name.empty() && p.name == *tp_name) named.push_back(p.partner_account_id);
    }
    if (named.empty()) {
      return InvalidArgument("tradingPartnerName", "is not one of your trading partners");
    }
    if (named.size() > 1) {
      return InvalidArgument("tradingPartnerName", "names several partners; use tradingPartnerId");
    }
    supplier = named.front();
  } else {
    return InvalidArgument("tradingPartnerId", "tradingPartnerId or tradingPartnerName is required");
  }

  struct Selector {
    const char* key;
    ItemKeyType type;
  };
  static constexpr Selector kSelectors[] = {
      {"sku", ItemKeyType::kSku},   {"retailerSku", ItemKeyType::kPartnerSku},
      {"upc", ItemKeyType::kUpc},   {"ean", ItemKeyType::kEan},
      {"mpn", ItemKeyType::kMpn},   {"isbn", ItemKeyType::kIsbn},
      {"gtin", ItemKeyType::kGtin},
  };
  std::vector<std::pair<ItemKeyType, std::string>> wanted;
  const char* first_key = nullptr;
  for (const Selector& s : kSelectors) {
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> value, OptString(body, s.key));
    if (!value) continue;
    if (first_key == nullptr) first_key = s.key;
    wanted.emplace_back(s.type, *value);
  }
  if (first_key == nullptr) {
    return InvalidArgument("sku", "an item identifier is required: sku, retailerSku, upc, ean, "
                                  "mpn, isbn or gtin");
  }
  std::vector<const Item*> matches;
  for (const Item* item : ItemsOf(supplier)) {
    const bool all = std::all_of(wanted.begin(), wanted.end(), [&](const auto& w) {
      return item->Identifier(w.first, caller) == std::optional<std::string>(w.second);
    });
    if (all) matches.push_back(item);
  }
  if (matches.empty()) return NotFound(first_key, "no item of this supplier matches");
  if (matches.size() > 1) {
    return InvalidArgument(first_key, "matches " + std::to_string(matches.size()) +
                                          " items; give more identifiers");
  }
  DSCOSIM_ASSIGN_OR_RETURN(const Json* replacements, OptObject(body, "replacements"));
  if (replacements == nullptr) return InvalidArgument("replacements", "is required");
  const Item* current = matches.front();
  DSCOSIM_ASSIGN_OR_RETURN(Item after, ApplyOverrideReplacements(*current, *replacements, caller));
  DSCOSIM_RETURN_IF_ERROR(CheckPartnerSkusUnique(after, "replacements"));
  return Commit(current, std::move(after), ItemView::kCatalog, caller, caller);
}

Result<const Item*> ItemStore::LocateOwn(std::string_view caller, const Json& body,
                                         const std::string& sku) const {
  const Item* by_sku = FindBySku(caller, sku);
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> id, OptId(body, "dscoItemId"));
  if (!id) return by_sku;
  const Item* by_id = FindByDscoItemId(*id);
  if (by_id == nullptr || by_id->supplier_id != caller) {
    return NotFound("dscoItemId", "none of your items has this id");
  }
  if (by_id != by_sku) {
    return InvalidArgument("dscoItemId", "names your item with sku " + by_id->sku + ", not " + sku);
  }
  return by_sku;
}

Status ItemStore::CheckPartnerSkusUnique(const Item& item, std::string_view field_prefix) const {
  for (const auto& [retailer, psku] : item.partner_sku_by_retailer) {
    for (const auto& [id, other] : items_) {
      if (id == item.dsco_item_id) continue;
      const auto it = other.partner_sku_by_retailer.find(retailer);
      if (it == other.partner_sku_by_retailer.end() || it->second != psku) continue;
      std::string field = std::string(field_prefix) + ".partnerSku";
      if (field_prefix == "partnerSkuMap") {
        field = "partnerSkuMap";
        std::size_t index = 0;
        for (const auto& [r, s] : item.partner_sku_by_retailer) {
          if (r == retailer) field = IndexPath("partnerSkuMap", index) + ".partnerSku";
          ++index;
        }
      }
      return AlreadyExists(field, "the retailer already knows item " + other.dsco_item_id +
                                      " (sku " + other.sku + ") by partnerSku " + psku);
    }
  }
  return Status::Ok();
}

UpsertOutcome ItemStore::Commit(const Item* before_ptr, Item after, ItemView target,
                                std::string_view actor, std::string_view audience) {
  // `before_ptr` points into items_, which the store overwrites below: keep a copy.
  const std::optional<Item> before =
      before_ptr == nullptr ? std::nullopt : std::optional<Item>(*before_ptr);
  const Time t = now();
  if (!before) {
    after.dsco_item_id = services_->ids->NextDscoId();
    after.created = t;
    after.last_update = t;
    after.sequence = next_sequence_++;
  }
  RegisterWarehouses(after, /*trace=*/true);

  // What changed is judged on the audience's views without dates or assortments: for
  // every partner, both what the supplier stored and what partners are shown (a
  // discontinued product's zeroed quantity); for one retailer, its own view.
  const ItemJsonContext plain{*services_->accounts, warehouses_, {}};
  const auto content = [&](const Item& item, ItemView view) {
    if (!audience.empty()) {
      return WithoutDates(
          ItemViewToJson(view, item, ItemViewer::Retailer(std::string(audience)), plain));
    }
    return Json::array({WithoutDates(ItemViewToJson(view, item, ItemViewer::Supplier(), plain)),
                        WithoutDates(ItemViewToJson(view, item, ItemViewer::Neutral(), plain))});
  };
  const auto view_changed = [&](ItemView view) {
    if (!HasView(after, view)) return false;
    if (!before || !HasView(*before, view)) return true;
    return content(*before, view) != content(after, view);
  };
  const bool inventory_changed = view_changed(ItemView::kInventory);
  const bool catalog_changed = view_changed(ItemView::kCatalog);
  const bool changed = inventory_changed || catalog_changed;
  if (changed) {
    after.last_update = t;
    if (after.has_inventory() &&
        (!before || !before->has_inventory() || Quantities(*before) != Quantities(after))) {
      after.last_quantity_update = t;
    }
    if (!before || CostOf(before->inventory) != CostOf(after.inventory) ||
        CostOf(before->catalog) != CostOf(after.catalog)) {
      if (!CostOf(after.inventory).is_null() || !CostOf(after.catalog).is_null()) {
        after.last_cost_update = t;
      }
    }
    if (after.has_catalog() && (!before || !before->has_catalog() ||
                                before->product_status != after.product_status)) {
      after.last_product_status_update = t;
    }
  }
  const Json base_facts = BaseFacts(before ? &*before : nullptr, after);

  const std::string id = after.dsco_item_id;
  if (!before) by_sku_[SkuKey(after.supplier_id, after.sku)] = id;
  items_.insert_or_assign(id, std::move(after));
  const Item& stored = items_.at(id);

  const auto publish = [&](ItemView view, bool view_changed_now, bool targeted) {
    if (!HasView(stored, view) || (!targeted && !view_changed_now)) return;
    const bool is_new = !before || !HasView(*before, view);
    const std::string name(ItemViewName(view));
    std::vector<std::string> reasons;
    std::string kind = name + ".unchanged";
    if (is_new) {
      reasons.push_back(name + "_object_created");
      kind = name + ".created";
    } else if (view_changed_now) {
      reasons.push_back(name + "_attribute_changed");
      kind = name + ".updated";
    } else {
      // A write that changed nothing (streams with includeUnchangedItems): the schema's
      // reasons have no "unchanged", and a stream event needs one; the item was written.
      reasons.push_back(name + "_attribute_changed");
    }
    Json facts = base_facts;
    facts["isNew"] = is_new;
    facts["unchanged"] = !changed;
    Publish(stored, view, actor, std::move(kind), std::move(reasons), std::move(facts), audience);
  };
  const ItemView other = target == ItemView::kInventory ? ItemView::kCatalog : ItemView::kInventory;
  const bool target_changed = target == ItemView::kInventory ? inventory_changed : catalog_changed;
  const bool other_changed = target == ItemView::kInventory ? catalog_changed : inventory_changed;
  publish(target, target_changed, /*targeted=*/true);
  publish(other, other_changed, /*targeted=*/false);

  if (changed && services_->assortments != nullptr) services_->assortments->OnItemChanged(id);
  if (!before) return UpsertOutcome::kCreated;
  return changed ? UpsertOutcome::kUpdated : UpsertOutcome::kUnchanged;
}

void ItemStore::RegisterWarehouses(Item& item, bool trace) {
  for (WarehouseQuantity& w : item.warehouses) {
    const Warehouse* known = warehouses_.Find(item.supplier_id, w.code);
    if (known == nullptr) {
      Warehouse created;
      created.dsco_id = services_->ids->NextDscoId();
      created.supplier_id = item.supplier_id;
      created.code = w.code;
      created.auto_created = true;
      created.created = now();
      created.last_update = created.created;
      if (trace) {
        services_->trace->Append(now(), item.supplier_id, "warehouse.created",
                                 {{"warehouse", WarehouseToJson(created, "")},
                                  {"autoCreated", true}});
      }
      warehouses_.Upsert(created);
      known = warehouses_.Find(item.supplier_id, w.code);
    }
    w.dsco_id = known->dsco_id;
  }
}

Json ItemStore::BaseFacts(const Item* before, const Item& after) const {
  Json facts = Json::object();
  const std::int64_t was = before != nullptr && before->has_inventory() ? PartnerQuantity(*before) : 0;
  const std::int64_t is = after.has_inventory() ? PartnerQuantity(after) : 0;
  facts["quantityChanged"] = after.has_inventory() && was != is;
  // Crossing 0 <-> >0, or an update that leaves the item at 0 (quantityStateChangeOnly).
  facts["quantityStateChanged"] = after.has_inventory() && !(was > 0 && is > 0);
  if (after.has_inventory()) facts["status"] = InventoryStatusName(PartnerStatus(after));
  if (after.has_catalog()) facts["productStatus"] = ProductStatusName(after.product_status);
  return facts;
}

void ItemStore::Publish(const Item& item, ItemView view, std::string_view actor, std::string kind,
                        std::vector<std::string> reasons, Json facts, std::string_view audience) {
  DomainEvent event;
  event.actor = std::string(actor);
  event.kind = std::move(kind);
  event.object_type = ObjectTypeOf(view);
  event.object_key = item.dsco_item_id;
  event.retailer_id = std::string(audience);
  event.supplier_id = item.supplier_id;
  event.event_reasons = std::move(reasons);
  event.payload = ViewJson(view, item,
                           audience.empty() ? ItemViewer::Neutral()
                                            : ItemViewer::Retailer(std::string(audience)));
  event.facts = std::move(facts);
  services_->events->Publish(std::move(event));
}

void ItemStore::PublishMembershipChange(const Item& item, std::string_view actor,
                                        std::string_view assortment_id,
                                        std::string_view retailer_id, bool added) {
  Json facts = BaseFacts(&item, item);
  facts["quantityChanged"] = false;
  facts["quantityStateChanged"] = false;
  facts["isNew"] = false;
  facts["unchanged"] = false;
  facts["assortmentId"] = std::string(assortment_id);
  facts["membership"] = added ? "added" : "removed";
  const std::string reason = added ? "added_to_assortment" : "removed_from_assortment";
  for (const ItemView view : {ItemView::kInventory, ItemView::kCatalog}) {
    if (!HasView(item, view)) continue;
    Publish(item, view, actor,
            std::string(ItemViewName(view)) + (added ? ".assortment_added" : ".assortment_removed"),
            {reason}, facts, retailer_id);
  }
}

ItemJsonContext ItemStore::Context(const Item& item, const ItemViewer& viewer) const {
  ItemJsonContext context{*services_->accounts, warehouses_, {}};
  if (services_->assortments == nullptr) return context;
  if (viewer.kind == ItemViewer::Kind::kSupplier) {
    context.assortments = services_->assortments->AssortmentsOf(item.supplier_id, item.dsco_item_id);
  } else if (viewer.kind == ItemViewer::Kind::kRetailer) {
    context.assortments = services_->assortments->AssortmentsOf(viewer.retailer_id, item.dsco_item_id);
  }
  return context;
}

Json ItemStore::ViewJson(ItemView view, const Item& item, const ItemViewer& viewer) const {
  return ItemViewToJson(view, item, viewer, Context(item, viewer));
}

std::vector<ItemStore::SyncItem> ItemStore::SyncView(ItemView view, std::string_view owner) const {
  std::vector<SyncItem> out;
  const Account* account = services_->accounts->Find(owner);
  if (account == nullptr) return out;
  std::vector<const Item*> items;
  for (const auto& [id, item] : items_) {
    const bool visible = account->role == Role::kSupplier
                             ? item.supplier_id == owner
                             : services_->accounts->ArePartners(owner, item.supplier_id);
    const bool has_view = view == ItemView::kInventory ? item.has_inventory() : item.has_catalog();
    if (visible && has_view) items.push_back(&item);
  }
  std::sort(items.begin(), items.end(),
            [](const Item* a, const Item* b) { return a->sequence < b->sequence; });
  for (const Item* item : items) {
    const ItemViewer viewer = account->role == Role::kSupplier
                                  ? ItemViewer::Supplier()
                                  : ItemViewer::Retailer(std::string(owner));
    out.push_back({item, ViewJson(view, *item, viewer), BaseFacts(item, *item)});
  }
  return out;
}

Json ItemStore::AttributesFor(const Item& item, std::string_view retailer_id) const {
  return RuleAttributes(item, retailer_id, *services_->accounts, warehouses_);
}

}  // namespace dscosim
