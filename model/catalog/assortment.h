// Assortments: named sets of items, owned by a retailer or a supplier.
//
// A manual assortment holds the items its owner added. A dynamic one (retailers only)
// holds exactly the candidate items its rule matches (assortment_rule.h): the items of
// the owner's trading partners, judged on the attributes the owner sees. The store keeps
// `members` equal to that set whenever an item, the rule or the partners change
// (assortment_store.h).
#ifndef DSCOSIM_MODEL_CATALOG_ASSORTMENT_H_
#define DSCOSIM_MODEL_CATALOG_ASSORTMENT_H_

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "dscosim/model/accounts/accounts.h"
#include "dscosim/model/catalog/assortment_rule.h"
#include "dscosim/model/core/time.h"

namespace dscosim {

struct Assortment {
  std::string id;  // a Dsco id
  std::string owner_id;
  Role owner_role = Role::kRetailer;
  std::string name;
  std::optional<AssortmentRule> rule;  // set: a dynamic assortment
  std::set<std::string> members;       // dscoItemIds
  Time created;
  Time last_update;  // name, rule or members
  std::uint64_t sequence = 0;  // creation order

  bool dynamic() const { return rule.has_value(); }
};

// The spec's Assortment object {id, name}, plus our extension `rule` for a dynamic one.
nlohmann::json AssortmentToJson(const Assortment& assortment);

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CATALOG_ASSORTMENT_H_
