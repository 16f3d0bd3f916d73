// The assortment store: POST/GET /assortment, GET/PUT/DELETE /assortment/{id},
// POST/DELETE /assortment/{id}/item and /items (and, element by element, /batch/small),
// plus dynamic assortments (docs/items.md, "Assortments").
//
// Who may do what: any retailer or supplier creates assortments; only the owner sees or
// changes one (to anyone else it answers NotFound, field "id", like an unknown id). A
// retailer adds its partners' items, a supplier its own. Only a retailer gives a rule
// (our extension of the spec's body: `rule`, see assortment_rule.h); its assortment is
// then dynamic and refuses manual adds and removes (FailedPrecondition).
//
// Invariant: a dynamic assortment's members are exactly the owner's partners' items its
// rule matches, after every call of any store: the item store calls OnItemChanged after
// each item change, Create/Update recompute on a new rule, and RecomputeAll catches up
// after partners are linked.
//
// Events: every membership change (manual, rule-driven, or by deleting the assortment)
// publishes, through ItemStore::PublishMembershipChange, one event per existing view of
// the item with reason added_to_assortment / removed_from_assortment and facts
// {assortmentId, membership: "added" | "removed"}; a retailer's assortment addresses its
// events to that retailer. Creating, renaming and deleting assortments are traced.
// Errors name the field of the spec's body and leave everything unchanged.
#ifndef DSCOSIM_MODEL_CATALOG_ASSORTMENT_STORE_H_
#define DSCOSIM_MODEL_CATALOG_ASSORTMENT_STORE_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dscosim/model/catalog/assortment.h"
#include "dscosim/model/core/clock.h"
#include "dscosim/model/catalog/item.h"
#include "dscosim/model/services.h"
#include "dscosim/model/core/status.h"

namespace dscosim {

inline constexpr std::size_t kMaxAssortmentItemIds = 1000;  // dscoItemIds per call
inline constexpr std::size_t kMaxAssortmentItemKeys = 100;  // itemKeys per call

class AssortmentStore {
 public:
  void Bind(const Services* services) { services_ = services; }
  // Fires a timer this store scheduled (none today: membership is recomputed at once).
  void OnTimer(const Timer& timer);

  // POST /assortment: {name* (non-blank), rule}. Returns the new assortment (a dynamic
  // one already holds its matching items).
  Result<Assortment> Create(std::string_view caller, const nlohmann::json& body);
  // GET /assortment: the caller's assortments, in creation order.
  Result<std::vector<Assortment>> List(std::string_view caller) const;
  // GET /assortment/{id}.
  Result<Assortment> Get(std::string_view caller, std::string_view id) const;
  // PUT /assortment/{id}: {id* (must be the path's), name*, rule}. `rule` absent keeps
  // the rule; null makes the assortment manual, keeping its items; an object replaces the
  // rule and recomputes the members.
  Status Update(std::string_view caller, std::string_view id, const nlohmann::json& body);
  // DELETE /assortment/{id}: removes every item (publishing removals), then the
  // assortment.
  Status Delete(std::string_view caller, std::string_view id);

  // POST / DELETE /assortment/{id}/item: a DscoItemIdOrItemKeyObj — dscoItemId, or
  // itemKey {itemKey*, itemKeyType* (SKU|UPC|EAN|MPN|ISBN|GTIN), dscoSupplierId |
  // tradingPartnerId (a retailer must name the supplier)}; dscoItemId wins when both are
  // given. Adding a member or removing a non-member changes nothing.
  Status AddItem(std::string_view caller, std::string_view id, const nlohmann::json& body);
  Status RemoveItem(std::string_view caller, std::string_view id, const nlohmann::json& body);
  // POST / DELETE /assortment/{id}/items, and one element of /batch/small: a
  // DscoItemIdsOrItemKeysObj {dscoItemIds (<= 1000), itemKeys (<= 100)}, one or both.
  // Every item must resolve, or nothing changes.
  Status AddItems(std::string_view caller, std::string_view id, const nlohmann::json& body);
  Status RemoveItems(std::string_view caller, std::string_view id, const nlohmann::json& body);

  // For the item store and the streams.
  // Recomputes every dynamic assortment's membership of one item.
  void OnItemChanged(std::string_view dsco_item_id);
  // Recomputes every dynamic assortment over every item (after partners are linked).
  void RecomputeAll();
  bool IsMember(std::string_view assortment_id, std::string_view dsco_item_id) const;
  // Ids of `owner_id`'s assortments holding the item, in id order.
  std::vector<std::string> AssortmentsOf(std::string_view owner_id,
                                         std::string_view dsco_item_id) const;
  const Assortment* Find(std::string_view id) const;
  // By id.
  const std::map<std::string, Assortment, std::less<>>& assortments() const {
    return assortments_;
  }

 private:
  Time now() const { return services_->clock->now(); }
  Result<const Assortment*> Owned(std::string_view caller, std::string_view id) const;
  // The items a DscoItemIdOrItemKeyObj (`path` "" for the whole body) or one itemKeys
  // element names, as the owner may see them.
  Result<const Item*> ResolveById(const Assortment& a, const nlohmann::json& id,
                                  const std::string& path) const;
  Result<const Item*> ResolveByKey(const Assortment& a, const nlohmann::json& key,
                                   const std::string& path) const;
  Result<std::vector<const Item*>> ResolveOne(const Assortment& a,
                                              const nlohmann::json& body) const;
  Result<std::vector<const Item*>> ResolveMany(const Assortment& a,
                                               const nlohmann::json& body) const;
  Status ChangeMembers(std::string_view caller, std::string_view id, const nlohmann::json& body,
                       bool many, bool add);
  // Whether the item belongs by the rule. Precondition: a.dynamic().
  bool Belongs(const Assortment& a, const Item& item) const;
  // Adds or removes one member and publishes the events; no-op when already so.
  void SetMember(Assortment& a, const Item& item, bool member, std::string_view actor);
  void Recompute(Assortment& a, std::string_view actor);
  void TraceChange(std::string_view actor, std::string kind, const Assortment& a);

  const Services* services_ = nullptr;
  std::uint64_t next_sequence_ = 1;
  std::map<std::string, Assortment, std::less<>> assortments_;  // by id
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CATALOG_ASSORTMENT_STORE_H_
