#include "dscosim/model/catalog/assortment_rule.h"

#include <array>
#include <utility>

#include "dscosim/model/core/json_fields.h"

namespace dscosim {
namespace {

using Json = nlohmann::json;

constexpr std::array<std::pair<std::string_view, RuleOperator>, 10> kOperatorNames{{
    {"eq", RuleOperator::kEq},
    {"ne", RuleOperator::kNe},
    {"gt", RuleOperator::kGt},
    {"gte", RuleOperator::kGte},
    {"lt", RuleOperator::kLt},
    {"lte", RuleOperator::kLte},
    {"exists", RuleOperator::kExists},
    {"not_exists", RuleOperator::kNotExists},
    {"contains", RuleOperator::kContains},
    {"in", RuleOperator::kIn},
}};

bool TakesNoValue(RuleOperator op) {
  return op == RuleOperator::kExists || op == RuleOperator::kNotExists;
}

bool IsOrdering(RuleOperator op) {
  return op == RuleOperator::kGt || op == RuleOperator::kGte || op == RuleOperator::kLt ||
         op == RuleOperator::kLte;
}

std::vector<std::string> SplitPath(std::string_view key) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = key.find('.', start);
    out.emplace_back(key.substr(start, dot == std::string_view::npos ? key.npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out;
}

// The values a path reaches. A step applied to an array applies to each element.
std::vector<const Json*> Resolve(const Json& doc, const std::vector<std::string>& path) {
  std::vector<const Json*> current{&doc};
  for (const std::string& step : path) {
    std::vector<const Json*> next;
    const auto take = [&](const Json& v) {
      if (!v.is_object()) return;
      const auto it = v.find(step);
      if (it != v.end()) next.push_back(&*it);
    };
    for (const Json* v : current) {
      if (v->is_array()) {
        for (const Json& e : *v) take(e);
      } else {
        take(*v);
      }
    }
    current = std::move(next);
  }
  return current;
}

bool Present(const Json& v) {
  if (v.is_null()) return false;
  if (v.is_string()) return !v.get_ref<const std::string&>().empty();
  if (v.is_array() || v.is_object()) return !v.empty();
  return true;
}

// Each value, with array values replaced by their elements.
std::vector<const Json*> Flatten(const std::vector<const Json*>& values) {
  std::vector<const Json*> out;
  for (const Json* v : values) {
    if (v->is_array()) {
      for (const Json& e : *v) out.push_back(&e);
    } else {
      out.push_back(v);
    }
  }
  return out;
}

bool Ordered(const Json& a, const Json& b, RuleOperator op) {
  int cmp = 0;
  if (a.is_number() && b.is_number()) {
    const double x = a.get<double>();
    const double y = b.get<double>();
    cmp = x < y ? -1 : (x > y ? 1 : 0);
  } else if (a.is_string() && b.is_string()) {
    const int c = a.get_ref<const std::string&>().compare(b.get_ref<const std::string&>());
    cmp = c < 0 ? -1 : (c > 0 ? 1 : 0);
  } else {
    return false;
  }
  switch (op) {
    case RuleOperator::kGt: return cmp > 0;
    case RuleOperator::kGte: return cmp >= 0;
    case RuleOperator::kLt: return cmp < 0;
    case RuleOperator::kLte: return cmp <= 0;
    default: return false;
  }
}

bool ObjectHolds(const Json& object, const Json& value) {
  if (!object.is_object()) return false;
  if (value.is_object()) {
    for (const auto& [k, v] : value.items()) {
      const auto it = object.find(k);
      if (it == object.end() || *it != v) return false;
    }
    return true;
  }
  if (value.is_array()) return false;
  for (const auto& [k, v] : object.items()) {
    if (v == value) return true;
  }
  return false;
}

bool Contains(const Json& v, const Json& value) {
  if (v.is_string()) {
    return value.is_string() &&
           v.get_ref<const std::string&>().find(value.get_ref<const std::string&>()) !=
               std::string::npos;
  }
  if (v.is_array()) {
    for (const Json& e : v) {
      if (e == value || ObjectHolds(e, value)) return true;
    }
    return false;
  }
  return ObjectHolds(v, value);
}

}  // namespace

std::string_view RuleOperatorName(RuleOperator op) {
  for (const auto& [name, value] : kOperatorNames) {
    if (value == op) return name;
  }
  return "unknown";
}

Result<RuleOperator> ParseRuleOperator(std::string_view text, std::string_view field) {
  std::string allowed;
  for (const auto& [name, value] : kOperatorNames) {
    if (name == text) return value;
    if (!allowed.empty()) allowed += ", ";
    allowed += name;
  }
  return InvalidArgument(std::string(field), "must be one of: " + allowed);
}

Result<AssortmentRule> AssortmentRule::Parse(const Json& rule, std::string_view path) {
  const std::string where(path);
  DSCOSIM_RETURN_IF_ERROR(RequireObject(rule, where));
  if (!rule.contains("logicalOperator")) {
    return InvalidArgument(JoinPath(where, "logicalOperator"), "is required");
  }
  AssortmentRule out;
  DSCOSIM_ASSIGN_OR_RETURN(out.root_, ParseNode(rule, where, 1));
  return out;
}

Result<AssortmentRule::Node> AssortmentRule::ParseNode(const Json& node, const std::string& path,
                                                       std::size_t depth) {
  DSCOSIM_RETURN_IF_ERROR(RequireObject(node, path));
  const bool group = node.contains("logicalOperator") || node.contains("filter");
  if (group && node.contains("key")) {
    return InvalidArgument(path, "is a group (logicalOperator, filter) or a condition (key, op, "
                                 "value), not both");
  }
  Node out;
  out.group = group;
  if (group) {
    for (const auto& [k, v] : node.items()) {
      if (k != "logicalOperator" && k != "filter") {
        return InvalidArgument(JoinPath(path, k), "is not a field of a rule group");
      }
    }
    if (depth > kMaxRuleDepth) return InvalidArgument(path, "nests groups more than 8 deep");
    DSCOSIM_ASSIGN_OR_RETURN(const std::string logic, ReqString(node, "logicalOperator", path));
    if (logic == "and") {
      out.logic = LogicalOperator::kAnd;
    } else if (logic == "or") {
      out.logic = LogicalOperator::kOr;
    } else {
      return InvalidArgument(JoinPath(path, "logicalOperator"), "must be one of: and, or");
    }
    DSCOSIM_ASSIGN_OR_RETURN(const Json* filter, OptArray(node, "filter", path));
    const std::string filter_path = JoinPath(path, "filter");
    if (filter == nullptr) return InvalidArgument(filter_path, "is required");
    if (filter->empty()) return InvalidArgument(filter_path, "must have at least one entry");
    if (filter->size() > kMaxRuleNodes) {
      return InvalidArgument(filter_path, "must have at most 100 entries");
    }
    for (std::size_t i = 0; i < filter->size(); ++i) {
      DSCOSIM_ASSIGN_OR_RETURN(Node child, ParseNode((*filter)[i], IndexPath(filter_path, i),
                                                     depth + 1));
      out.children.push_back(std::move(child));
    }
    return out;
  }
  for (const auto& [k, v] : node.items()) {
    if (k == "changes") {
      return InvalidArgument(JoinPath(path, k), "is not supported: a rule judges an item's "
                                                "state, not a change");
    }
    if (k != "key" && k != "op" && k != "value") {
      return InvalidArgument(JoinPath(path, k), "is not a field of a rule condition");
    }
  }
  DSCOSIM_ASSIGN_OR_RETURN(out.key, ReqString(node, "key", path));
  out.path = SplitPath(out.key);
  for (const std::string& step : out.path) {
    if (step.empty()) {
      return InvalidArgument(JoinPath(path, "key"), "must be a dot path without empty steps");
    }
  }
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> op, OptString(node, "op", path));
  if (op) {
    DSCOSIM_ASSIGN_OR_RETURN(out.op, ParseRuleOperator(*op, JoinPath(path, "op")));
  }
  const std::string value_path = JoinPath(path, "value");
  const auto value = node.find("value");
  if (TakesNoValue(out.op)) {
    if (value != node.end()) return InvalidArgument(value_path, "is not used by this op");
    return out;
  }
  if (value == node.end()) return InvalidArgument(value_path, "is required");
  out.value = *value;
  if (IsOrdering(out.op) && !out.value.is_number() && !out.value.is_string()) {
    return InvalidArgument(value_path, "must be a number or a string");
  }
  if (out.op == RuleOperator::kIn && !out.value.is_array()) {
    return InvalidArgument(value_path, "must be an array");
  }
  if (out.op == RuleOperator::kContains && out.value.is_null()) {
    return InvalidArgument(value_path, "must not be null");
  }
  return out;
}

bool AssortmentRule::Matches(const Json& attributes) const { return Evaluate(root_, attributes); }

bool AssortmentRule::Evaluate(const Node& node, const Json& attributes) {
  if (node.group) {
    for (const Node& child : node.children) {
      const bool m = Evaluate(child, attributes);
      if (node.logic == LogicalOperator::kAnd && !m) return false;
      if (node.logic == LogicalOperator::kOr && m) return true;
    }
    return node.logic == LogicalOperator::kAnd;
  }
  const std::vector<const Json*> values = Resolve(attributes, node.path);
  const auto any = [](const std::vector<const Json*>& vs, const auto& pred) {
    for (const Json* v : vs) {
      if (pred(*v)) return true;
    }
    return false;
  };
  switch (node.op) {
    case RuleOperator::kExists: return any(values, Present);
    case RuleOperator::kNotExists: return !any(values, Present);
    case RuleOperator::kEq:
      return any(Flatten(values), [&](const Json& v) { return v == node.value; });
    case RuleOperator::kNe:
      return !any(Flatten(values), [&](const Json& v) { return v == node.value; });
    case RuleOperator::kIn:
      return any(Flatten(values), [&](const Json& v) {
        for (const Json& allowed : node.value) {
          if (v == allowed) return true;
        }
        return false;
      });
    case RuleOperator::kContains:
      return any(values, [&](const Json& v) { return Contains(v, node.value); });
    case RuleOperator::kGt:
    case RuleOperator::kGte:
    case RuleOperator::kLt:
    case RuleOperator::kLte:
      return any(Flatten(values), [&](const Json& v) { return Ordered(v, node.value, node.op); });
  }
  return false;
}

Json AssortmentRule::ToJson() const { return NodeToJson(root_); }

Json AssortmentRule::NodeToJson(const Node& node) {
  if (node.group) {
    Json filter = Json::array();
    for (const Node& child : node.children) filter.push_back(NodeToJson(child));
    return {{"logicalOperator", node.logic == LogicalOperator::kAnd ? "and" : "or"},
            {"filter", std::move(filter)}};
  }
  Json out = {{"key", node.key}, {"op", RuleOperatorName(node.op)}};
  if (!TakesNoValue(node.op)) out["value"] = node.value;
  return out;
}

}  // namespace dscosim
