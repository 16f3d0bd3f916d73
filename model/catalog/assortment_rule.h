// Dynamic-assortment rules: which items belong to a retailer's dynamic assortment.
//
// The platform configures dynamic assortments in its web application and the spec has
// no body for them, so the shape is ours, aligned with the inventory stream's `filterBy`
// ({logicalOperator, filter: [{key, value}]}):
//
//   rule      := {"logicalOperator": "and" | "or", "filter": [node, ...]}
//   node      := rule | condition                   (1 to 100 nodes a group; 8 deep)
//   condition := {"key": "<path>", "op": "<op>", "value": <any JSON>}
//
// `op` defaults to "eq" (filterBy has none); filterBy's `changes` is refused: a rule
// judges an item's state, not a change.
//
// A rule reads the item's attributes as its retailer sees them (ItemStore::AttributesFor:
// catalog and inventory views merged). `key` is a dot path ("locationsCanBeSold.country",
// "extendedAttributes.default.color"); a step applied to an array applies to each of its
// elements, so a path yields a list of values (empty when absent). Then:
//   exists        some value is present: not null, "", [] or {}
//   not_exists    none is
//   eq            some value, or some element of an array value, equals `value`
//                 (numbers compare by value: 1 == 1.0)
//   ne            not eq — true when the attribute is absent
//   gt gte lt lte some value (or array element) compares so with `value`; both numbers,
//                 or both strings (byte order: ISO dates compare by time)
//   in            some value (or array element) equals an element of `value` (an array)
//   contains      some value is a string containing `value` (a string), or an array
//                 with an element that equals `value`, or is an object holding every
//                 member of `value` (an object), or has a member equal to `value` (a
//                 scalar) — so locationsCanBeSold contains "US" and contains
//                 {"country": "US"} both find [{"country": "US", "regions": [...]}]
// The seed guide's examples are in docs/items.md.
#ifndef DSCOSIM_MODEL_CATALOG_ASSORTMENT_RULE_H_
#define DSCOSIM_MODEL_CATALOG_ASSORTMENT_RULE_H_

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dscosim/model/core/status.h"

namespace dscosim {

enum class RuleOperator { kEq, kNe, kGt, kGte, kLt, kLte, kExists, kNotExists, kContains, kIn };
std::string_view RuleOperatorName(RuleOperator op);  // "not_exists"
Result<RuleOperator> ParseRuleOperator(std::string_view text, std::string_view field);

enum class LogicalOperator { kAnd, kOr };

inline constexpr std::size_t kMaxRuleDepth = 8;
inline constexpr std::size_t kMaxRuleNodes = 100;  // per group

class AssortmentRule {
 public:
  // Reads a rule; errors name the field under `path` ("rule.filter[2].op").
  static Result<AssortmentRule> Parse(const nlohmann::json& rule, std::string_view path = "rule");

  // Whether an item with these attributes belongs.
  bool Matches(const nlohmann::json& attributes) const;

  // The canonical form (every condition with its op; no value for exists/not_exists).
  nlohmann::json ToJson() const;

  friend bool operator==(const AssortmentRule& a, const AssortmentRule& b) {
    return a.ToJson() == b.ToJson();
  }

 private:
  struct Node {
    bool group = true;
    LogicalOperator logic = LogicalOperator::kAnd;
    std::vector<Node> children;  // group
    std::string key;             // condition
    std::vector<std::string> path;
    RuleOperator op = RuleOperator::kEq;
    nlohmann::json value;
  };
  static Result<Node> ParseNode(const nlohmann::json& node, const std::string& path,
                                std::size_t depth);
  static bool Evaluate(const Node& node, const nlohmann::json& attributes);
  static nlohmann::json NodeToJson(const Node& node);

  Node root_;
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CATALOG_ASSORTMENT_RULE_H_
