#include "dscosim/model/catalog/assortment_store.h"

#include <algorithm>
#include <set>
#include <utility>

#include "dscosim/model/catalog/item_store.h"
#include "dscosim/model/core/json_fields.h"
#include "dscosim/model/core/text.h"
#include "dscosim/model/core/trace.h"

namespace dscosim {
namespace {

Result<std::string> ReadName(const Json& body) {
  DSCOSIM_ASSIGN_OR_RETURN(std::string name, ReqString(body, "name"));
  if (IsBlank(name)) return InvalidArgument("name", "must not be blank");
  DSCOSIM_RETURN_IF_ERROR(CheckUtf8(name, "name"));
  return name;
}

// A dscoItemId given as a string or a number (the spec says number; ids are strings).
Result<std::string> IdText(const Json& value, const std::string& path) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer() || value.is_number_unsigned()) return value.dump();
  return InvalidArgument(path, "must be a string or an integer");
}

bool IsNullOrAbsent(const Json& body, std::string_view key) {
  const auto it = body.find(key);
  return it == body.end() || it->is_null();
}

}  // namespace

void AssortmentStore::OnTimer(const Timer& timer) { (void)timer; }

Result<Assortment> AssortmentStore::Create(std::string_view caller, const Json& body) {
  const Account* me = services_->accounts->Find(caller);
  if (me == nullptr) return PermissionDenied("", "unknown caller account");
  DSCOSIM_RETURN_IF_ERROR(RequireObject(body, ""));
  DSCOSIM_ASSIGN_OR_RETURN(std::string name, ReadName(body));
  std::optional<AssortmentRule> rule;
  if (!IsNullOrAbsent(body, "rule")) {
    if (me->role != Role::kRetailer) {
      return PermissionDenied("rule", "only a retailer's assortment can be dynamic");
    }
    DSCOSIM_ASSIGN_OR_RETURN(rule, AssortmentRule::Parse(body["rule"], "rule"));
  }
  Assortment a;
  a.id = services_->ids->NextDscoId();
  a.owner_id = std::string(caller);
  a.owner_role = me->role;
  a.name = std::move(name);
  a.rule = std::move(rule);
  a.created = now();
  a.last_update = a.created;
  a.sequence = next_sequence_++;
  TraceChange(caller, "assortment.created", a);
  const std::string id = a.id;
  Assortment& stored = assortments_.emplace(id, std::move(a)).first->second;
  if (stored.dynamic()) Recompute(stored, kPlatformActor);
  return stored;
}

Result<std::vector<Assortment>> AssortmentStore::List(std::string_view caller) const {
  if (services_->accounts->Find(caller) == nullptr) {
    return PermissionDenied("", "unknown caller account");
  }
  std::vector<Assortment> out;
  for (const auto& [id, a] : assortments_) {
    if (a.owner_id == caller) out.push_back(a);
  }
  std::sort(out.begin(), out.end(),
            [](const Assortment& x, const Assortment& y) { return x.sequence < y.sequence; });
  return out;
}

Result<Assortment> AssortmentStore::Get(std::string_view caller, std::string_view id) const {
  DSCOSIM_ASSIGN_OR_RETURN(const Assortment* a, Owned(caller, id));
  return *a;
}

Status AssortmentStore::Update(std::string_view caller, std::string_view id, const Json& body) {
  DSCOSIM_ASSIGN_OR_RETURN(const Assortment* current, Owned(caller, id));
  DSCOSIM_RETURN_IF_ERROR(RequireObject(body, ""));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> body_id, OptId(body, "id"));
  if (!body_id) return InvalidArgument("id", "is required");
  if (*body_id != id) return InvalidArgument("id", "must be the assortment's id in the path");
  DSCOSIM_ASSIGN_OR_RETURN(std::string name, ReadName(body));
  std::optional<AssortmentRule> rule = current->rule;
  bool new_rule = false;
  if (body.contains("rule")) {
    if (body["rule"].is_null()) {
      rule.reset();
    } else {
      if (current->owner_role != Role::kRetailer) {
        return PermissionDenied("rule", "only a retailer's assortment can be dynamic");
      }
      DSCOSIM_ASSIGN_OR_RETURN(rule, AssortmentRule::Parse(body["rule"], "rule"));
      new_rule = !current->rule || !(*current->rule == *rule);
    }
  }
  const bool changed = name != current->name || rule.has_value() != current->dynamic() || new_rule;
  if (!changed) return Status::Ok();
  Assortment& a = assortments_.find(id)->second;
  a.name = std::move(name);
  a.rule = std::move(rule);
  a.last_update = now();
  TraceChange(caller, "assortment.updated", a);
  if (new_rule) Recompute(a, kPlatformActor);
  return Status::Ok();
}

Status AssortmentStore::Delete(std::string_view caller, std::string_view id) {
  DSCOSIM_RETURN_IF_ERROR(Owned(caller, id).status());
  Assortment& a = assortments_.find(id)->second;
  const std::set<std::string> members = a.members;
  for (const std::string& item_id : members) {
    const Item* item = services_->items->FindByDscoItemId(item_id);
    if (item != nullptr) SetMember(a, *item, false, caller);
  }
  TraceChange(caller, "assortment.deleted", a);
  assortments_.erase(assortments_.find(id));
  return Status::Ok();
}

Status AssortmentStore::AddItem(std::string_view caller, std::string_view id, const Json& body) {
  return ChangeMembers(caller, id, body, /*many=*/false, /*add=*/true);
}
Status AssortmentStore::RemoveItem(std::string_view caller, std::string_view id,
                                   const Json& body) {
  return ChangeMembers(caller, id, body, /*many=*/false, /*add=*/false);
}
Status AssortmentStore::AddItems(std::string_view caller, std::string_view id, const Json& body) {
  return ChangeMembers(caller, id, body, /*many=*/true, /*add=*/true);
}
Status AssortmentStore::RemoveItems(std::string_view caller, std::string_view id,
                                    const Json& body) {
  return ChangeMembers(caller, id, body, /*many=*/true, /*add=*/false);
}

Status AssortmentStore::ChangeMembers(std::string_view caller, std::string_view id,
                                      const Json& body, bool many, bool add) {
  DSCOSIM_ASSIGN_OR_RETURN(const Assortment* current, Owned(caller, id));
  if (current->dynamic()) {
    return FailedPrecondition("id", "the assortment is dynamic: its rule decides its items");
  }
  DSCOSIM_ASSIGN_OR_RETURN(const std::vector<const Item*> items,
                           many ? ResolveMany(*current, body) : ResolveOne(*current, body));
  Assortment& a = assortments_.find(id)->second;
  for (const Item* item : items) SetMember(a, *item, add, caller);
  return Status::Ok();
}

Result<const Assortment*> AssortmentStore::Owned(std::string_view caller,
                                                 std::string_view id) const {
  const Assortment* a = Find(id);
  // Someone else's assortment answers exactly like one that does not exist.
  if (a == nullptr || a->owner_id != caller) {
    return NotFound("id", "no assortment has this id");
  }
  return a;
}

Result<const Item*> AssortmentStore::ResolveById(const Assortment& a, const Json& value,
                                                 const std::string& path) const {
  DSCOSIM_ASSIGN_OR_RETURN(const std::string id, IdText(value, path));
  const Item* item = services_->items->FindByDscoItemId(id);
  const bool visible =
      item != nullptr && (a.owner_role == Role::kRetailer
                              ? services_->accounts->ArePartners(a.owner_id, item->supplier_id)
                              : item->supplier_id == a.owner_id);
  if (!visible) return NotFound(path, "no item has this id");
  return item;
}

Result<const Item*> AssortmentStore::ResolveByKey(const Assortment& a, const Json& key,
                                                  const std::string& path) const {
  DSCOSIM_RETURN_IF_ERROR(RequireObject(key, path));
  DSCOSIM_ASSIGN_OR_RETURN(const std::string value, ReqString(key, "itemKey", path));
  DSCOSIM_ASSIGN_OR_RETURN(const std::string type_text, ReqString(key, "itemKeyType", path));
  const std::string type_path = JoinPath(path, "itemKeyType");
  const Result<ItemKeyType> type = ParseItemKeyType(type_text, type_path);
  if (!type.ok() || *type == ItemKeyType::kDscoItemId || *type == ItemKeyType::kPartnerSku) {
    return InvalidArgument(type_path, "must be one of: SKU, UPC, EAN, MPN, ISBN, GTIN");
  }
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> supplier_id,
                           OptId(key, "dscoSupplierId", path));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> tp_id,
                           OptString(key, "tradingPartnerId", path));
  std::string supplier;
  if (a.owner_role == Role::kSupplier) {
    if (supplier_id && *supplier_id != a.owner_id) {
      return InvalidArgument(JoinPath(path, "dscoSupplierId"), "must be your own account id");
    }
    supplier = a.owner_id;
  } else if (supplier_id) {
    if (!services_->accounts->ArePartners(a.owner_id, *supplier_id)) {
      return InvalidArgument(JoinPath(path, "dscoSupplierId"),
                             "is not one of your trading partners");
    }
    supplier = *supplier_id;
  } else if (tp_id) {
    const PartnerView* p = services_->accounts->PartnerByTradingPartnerId(a.owner_id, *tp_id);
    if (p == nullptr) {
      return InvalidArgument(JoinPath(path, "tradingPartnerId"),
                             "is not one of your trading partners");
    }
    supplier = p->partner_account_id;
  } else {
    return InvalidArgument(JoinPath(path, "dscoSupplierId"),
                           "dscoSupplierId or tradingPartnerId is required");
  }
  const std::vector<const Item*> matches = services_->items->FindByKey(supplier, *type, value);
  const std::string key_path = JoinPath(path, "itemKey");
  if (matches.empty()) return NotFound(key_path, "no item of this supplier matches");
  if (matches.size() > 1) {
    return InvalidArgument(key_path, "matches " + std::to_string(matches.size()) +
                                         " items of the supplier; use dscoItemId");
  }
  return matches.front();
}

Result<std::vector<const Item*>> AssortmentStore::ResolveOne(const Assortment& a,
                                                             const Json& body) const {
  DSCOSIM_RETURN_IF_ERROR(RequireObject(body, ""));
  std::vector<const Item*> out;
  if (!IsNullOrAbsent(body, "dscoItemId")) {
    DSCOSIM_ASSIGN_OR_RETURN(const Item* item, ResolveById(a, body["dscoItemId"], "dscoItemId"));
    out.push_back(item);
  } else if (!IsNullOrAbsent(body, "itemKey")) {
    DSCOSIM_ASSIGN_OR_RETURN(const Item* item, ResolveByKey(a, body["itemKey"], "itemKey"));
    out.push_back(item);
  } else {
    return InvalidArgument("dscoItemId", "dscoItemId or itemKey is required");
  }
  return out;
}

Result<std::vector<const Item*>> AssortmentStore::ResolveMany(const Assortment& a,
                                                              const Json& body) const {
  DSCOSIM_RETURN_IF_ERROR(RequireObject(body, ""));
  DSCOSIM_ASSIGN_OR_RETURN(const Json* ids, OptArray(body, "dscoItemIds"));
  DSCOSIM_ASSIGN_OR_RETURN(const Json* keys, OptArray(body, "itemKeys"));
  if ((ids == nullptr || ids->empty()) && (keys == nullptr || keys->empty())) {
    return InvalidArgument("dscoItemIds", "one or both of dscoItemIds and itemKeys are required");
  }
  if (ids != nullptr && ids->size() > kMaxAssortmentItemIds) {
    return TooLarge("dscoItemIds", "at most 1000 dscoItemIds per call");
  }
  if (keys != nullptr && keys->size() > kMaxAssortmentItemKeys) {
    return TooLarge("itemKeys", "at most 100 itemKeys per call");
  }
  std::vector<const Item*> out;
  std::set<const Item*> seen;
  const auto add = [&](const Item* item) {
    if (seen.insert(item).second) out.push_back(item);
  };
  for (std::size_t i = 0; ids != nullptr && i < ids->size(); ++i) {
    DSCOSIM_ASSIGN_OR_RETURN(const Item* item,
                             ResolveById(a, (*ids)[i], IndexPath("dscoItemIds", i)));
    add(item);
  }
  for (std::size_t i = 0; keys != nullptr && i < keys->size(); ++i) {
    DSCOSIM_ASSIGN_OR_RETURN(const Item* item,
                             ResolveByKey(a, (*keys)[i], IndexPath("itemKeys", i)));
    add(item);
  }
  return out;
}

bool AssortmentStore::Belongs(const Assortment& a, const Item& item) const {
  const bool candidate = a.owner_role == Role::kRetailer
                             ? services_->accounts->ArePartners(a.owner_id, item.supplier_id)
                             : item.supplier_id == a.owner_id;
  if (!candidate || !a.rule) return false;
  return a.rule->Matches(services_->items->AttributesFor(item, a.owner_id));
}

void AssortmentStore::SetMember(Assortment& a, const Item& item, bool member,
                                std::string_view actor) {
  if ((a.members.count(item.dsco_item_id) != 0) == member) return;
  if (member) {
    a.members.insert(item.dsco_item_id);
  } else {
    a.members.erase(item.dsco_item_id);
  }
  a.last_update = now();
  services_->items->PublishMembershipChange(
      item, actor, a.id, a.owner_role == Role::kRetailer ? a.owner_id : "", member);
}

void AssortmentStore::Recompute(Assortment& a, std::string_view actor) {
  std::vector<const Item*> all;
  for (const auto& [id, item] : services_->items->items()) all.push_back(&item);
  std::sort(all.begin(), all.end(),
            [](const Item* x, const Item* y) { return x->sequence < y->sequence; });
  for (const Item* item : all) SetMember(a, *item, Belongs(a, *item), actor);
}

void AssortmentStore::OnItemChanged(std::string_view dsco_item_id) {
  const Item* item = services_->items->FindByDscoItemId(dsco_item_id);
  if (item == nullptr) return;
  for (auto& [id, a] : assortments_) {
    if (a.dynamic()) SetMember(a, *item, Belongs(a, *item), kPlatformActor);
  }
}

void AssortmentStore::RecomputeAll() {
  for (auto& [id, a] : assortments_) {
    if (a.dynamic()) Recompute(a, kPlatformActor);
  }
}

bool AssortmentStore::IsMember(std::string_view assortment_id,
                               std::string_view dsco_item_id) const {
  const Assortment* a = Find(assortment_id);
  return a != nullptr && a->members.count(std::string(dsco_item_id)) != 0;
}

std::vector<std::string> AssortmentStore::AssortmentsOf(std::string_view owner_id,
                                                        std::string_view dsco_item_id) const {
  std::vector<std::string> out;
  for (const auto& [id, a] : assortments_) {
    if (a.owner_id == owner_id && a.members.count(std::string(dsco_item_id)) != 0) {
      out.push_back(id);
    }
  }
  return out;
}

const Assortment* AssortmentStore::Find(std::string_view id) const {
  const auto it = assortments_.find(id);
  return it == assortments_.end() ? nullptr : &it->second;
}

void AssortmentStore::TraceChange(std::string_view actor, std::string kind, const Assortment& a) {
  services_->trace->Append(now(), std::string(actor), std::move(kind),
                           {{"assortment", AssortmentToJson(a)},
                            {"ownerId", a.owner_id},
                            {"ownerRole", RoleName(a.owner_role)}});
}

}  // namespace dscosim
