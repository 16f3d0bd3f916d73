// The dynamic-assortment rule language: every operator, paths through arrays, nesting,
// the canonical form and every refusal.
#include <gtest/gtest.h>

#include "dscosim/model/catalog/assortment_rule.h"

namespace dscosim {
namespace {

using nlohmann::json;

json Cond(const std::string& key, const std::string& op, json value = json()) {
  json c = {{"key", key}, {"op", op}};
  if (!value.is_null()) c["value"] = std::move(value);
  return c;
}

bool Matches(const json& condition, const json& attributes) {
  const auto rule = AssortmentRule::Parse({{"logicalOperator", "and"}, {"filter", {condition}}});
  EXPECT_TRUE(rule.ok()) << rule.status();
  return rule.ok() && rule->Matches(attributes);
}

const json kItem = {
    {"sku", "A-1"},
    {"productStatus", "active"},
    {"quantityAvailable", 5},
    {"cost", 12.5},
    {"title", "Trail tent"},
    {"description", ""},
    {"images", json::array()},
    {"keywords", {"camping", "tent"}},
    {"dscoCreateDate", "2026-01-05T09:00:00+00:00"},
    {"locationsCanBeSold", {{{"country", "US"}, {"regions", {"CA", "NY"}}}, {{"country", "CA"}}}},
    {"extendedAttributes", {{"default", {{"color", "green"}}}}},
    {"hazmatFlag", false},
    {"listingStatus", nullptr},
};

TEST(AssortmentRule, ExistsMeansPresentAndNotEmpty) {
  EXPECT_TRUE(Matches(Cond("title", "exists"), kItem));
  EXPECT_FALSE(Matches(Cond("description", "exists"), kItem));  // ""
  EXPECT_FALSE(Matches(Cond("images", "exists"), kItem));       // []
  EXPECT_FALSE(Matches(Cond("brand", "exists"), kItem));        // absent
  EXPECT_FALSE(Matches(Cond("listingStatus", "exists"), kItem));  // null
  EXPECT_TRUE(Matches(Cond("hazmatFlag", "exists"), kItem));    // false is a value
  EXPECT_TRUE(Matches(Cond("brand", "not_exists"), kItem));
  EXPECT_FALSE(Matches(Cond("title", "not_exists"), kItem));
  EXPECT_TRUE(Matches(Cond("extendedAttributes.default.color", "exists"), kItem));
}

TEST(AssortmentRule, EqualityComparesValuesAndArrayElements) {
  EXPECT_TRUE(Matches(Cond("productStatus", "eq", "active"), kItem));
  EXPECT_FALSE(Matches(Cond("productStatus", "eq", "Active"), kItem));
  EXPECT_TRUE(Matches(Cond("quantityAvailable", "eq", 5.0), kItem));  // 5 == 5.0
  EXPECT_FALSE(Matches(Cond("quantityAvailable", "eq", "5"), kItem));
  EXPECT_TRUE(Matches(Cond("keywords", "eq", "tent"), kItem));
  EXPECT_TRUE(Matches(Cond("hazmatFlag", "eq", false), kItem));
  EXPECT_TRUE(Matches(Cond("locationsCanBeSold.country", "eq", "CA"), kItem));
  EXPECT_TRUE(Matches(Cond("locationsCanBeSold.regions", "eq", "NY"), kItem));
  // ne is "not eq": true when absent.
  EXPECT_TRUE(Matches(Cond("listingStatus", "ne", "listed"), kItem));
  EXPECT_TRUE(Matches(Cond("brand", "ne", "Acme"), kItem));
  EXPECT_FALSE(Matches(Cond("keywords", "ne", "camping"), kItem));
  // An omitted op is eq, as in the stream's filterBy.
  const auto rule = AssortmentRule::Parse(
      {{"logicalOperator", "and"}, {"filter", {{{"key", "sku"}, {"value", "A-1"}}}}});
  ASSERT_TRUE(rule.ok()) << rule.status();
  EXPECT_TRUE(rule->Matches(kItem));
  EXPECT_EQ(rule->ToJson()["filter"][0]["op"], "eq");
}

TEST(AssortmentRule, OrderingComparesNumbersWithNumbersAndStringsWithStrings) {
  EXPECT_TRUE(Matches(Cond("quantityAvailable", "gt", 0), kItem));
  EXPECT_FALSE(Matches(Cond("quantityAvailable", "gt", 5), kItem));
  EXPECT_TRUE(Matches(Cond("quantityAvailable", "gte", 5), kItem));
  EXPECT_TRUE(Matches(Cond("quantityAvailable", "lt", 5.5), kItem));
  EXPECT_TRUE(Matches(Cond("cost", "lte", 12.5), kItem));
  EXPECT_FALSE(Matches(Cond("quantityAvailable", "gt", "0"), kItem));
  EXPECT_FALSE(Matches(Cond("brand", "gt", 0), kItem));
  EXPECT_TRUE(Matches(Cond("dscoCreateDate", "lt", "2026-02-01T00:00:00+00:00"), kItem));
  EXPECT_FALSE(Matches(Cond("dscoCreateDate", "gte", "2026-02-01"), kItem));
}

TEST(AssortmentRule, InAndContains) {
  EXPECT_TRUE(Matches(Cond("productStatus", "in", {"active", "discontinued_sell_through"}), kItem));
  EXPECT_FALSE(Matches(Cond("productStatus", "in", {"pending"}), kItem));
  EXPECT_TRUE(Matches(Cond("locationsCanBeSold.country", "in", {"GB", "US"}), kItem));
  EXPECT_TRUE(Matches(Cond("title", "contains", "tent"), kItem));
  EXPECT_FALSE(Matches(Cond("title", "contains", "Tent"), kItem));
  EXPECT_TRUE(Matches(Cond("keywords", "contains", "camping"), kItem));
  // The seed guide's country-based assortment, three ways.
  EXPECT_TRUE(Matches(Cond("locationsCanBeSold", "contains", "US"), kItem));
  EXPECT_TRUE(Matches(Cond("locationsCanBeSold", "contains", {{"country", "US"}}), kItem));
  EXPECT_TRUE(Matches(Cond("locationsCanBeSold.country", "eq", "US"), kItem));
  EXPECT_FALSE(Matches(Cond("locationsCanBeSold", "contains", "GB"), kItem));
  EXPECT_FALSE(
      Matches(Cond("locationsCanBeSold", "contains", {{"country", "US"}, {"regions", "TX"}}), kItem));
  EXPECT_TRUE(Matches(Cond("extendedAttributes.default", "contains", {{"color", "green"}}), kItem));
  EXPECT_FALSE(Matches(Cond("quantityAvailable", "contains", 5), kItem));
}

TEST(AssortmentRule, GroupsNest) {
  const json rule = {
      {"logicalOperator", "and"},
      {"filter",
       {Cond("productStatus", "eq", "active"),
        {{"logicalOperator", "or"},
         {"filter", {Cond("brand", "eq", "Acme"), Cond("quantityAvailable", "gte", 5)}}}}}};
  auto parsed = AssortmentRule::Parse(rule);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_TRUE(parsed->Matches(kItem));
  json other = kItem;
  other["quantityAvailable"] = 1;
  EXPECT_FALSE(parsed->Matches(other));
  other["brand"] = "Acme";
  EXPECT_TRUE(parsed->Matches(other));
  other["productStatus"] = "pending";
  EXPECT_FALSE(parsed->Matches(other));
  EXPECT_EQ(parsed->ToJson(), rule);
  auto again = AssortmentRule::Parse(parsed->ToJson());
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(*again == *parsed);
}

TEST(AssortmentRule, EveryMalformedRuleIsRefusedByField) {
  const auto field = [](const json& rule) {
    return AssortmentRule::Parse(rule).status().field();
  };
  // The filter list as an explicit array: `f({one_json})` is a copy under clang and an
  // array under g++.
  const auto group = [](std::vector<json> filter) {
    return json{{"logicalOperator", "and"}, {"filter", json(std::move(filter))}};
  };
  const auto group_of = [](json filter) {
    return json{{"logicalOperator", "and"}, {"filter", std::move(filter)}};
  };
  EXPECT_EQ(field(json::array()), "rule");
  EXPECT_EQ(field({{"filter", {Cond("a", "exists")}}}), "rule.logicalOperator");
  EXPECT_EQ(field(Cond("a", "exists")), "rule.logicalOperator");
  EXPECT_EQ(field({{"logicalOperator", "xor"}, {"filter", {Cond("a", "exists")}}}),
            "rule.logicalOperator");
  EXPECT_EQ(field({{"logicalOperator", "and"}}), "rule.filter");
  EXPECT_EQ(field(group_of(json::array())), "rule.filter");
  EXPECT_EQ(field(group_of(json::object())), "rule.filter");
  EXPECT_EQ(field(group_of(json::array({1}))), "rule.filter[0]");
  EXPECT_EQ(field(group({Cond("a", "like", "x")})), "rule.filter[0].op");
  EXPECT_EQ(field(group({{{"op", "exists"}}})), "rule.filter[0].key");
  EXPECT_EQ(field(group({Cond("a..b", "exists")})), "rule.filter[0].key");
  EXPECT_EQ(field(group({Cond("", "exists")})), "rule.filter[0].key");
  EXPECT_EQ(field(group({Cond("a", "eq")})), "rule.filter[0].value");
  EXPECT_EQ(field(group({Cond("a", "exists", 1)})), "rule.filter[0].value");
  EXPECT_EQ(field(group({Cond("a", "gt", json::array())})), "rule.filter[0].value");
  EXPECT_EQ(field(group({Cond("a", "in", "x")})), "rule.filter[0].value");
  EXPECT_EQ(field(group({{{"key", "a"}, {"op", "contains"}, {"value", nullptr}}})),
            "rule.filter[0].value");
  EXPECT_EQ(field(group({{{"key", "a"}, {"value", 1}, {"changes", true}}})),
            "rule.filter[0].changes");
  EXPECT_EQ(field(group({{{"key", "a"}, {"op", "exists"}, {"opp", 1}}})), "rule.filter[0].opp");
  EXPECT_EQ(field(group({{{"key", "a"}, {"logicalOperator", "and"}, {"filter", json::array()}}})),
            "rule.filter[0]");
  EXPECT_EQ(field(group({Cond("a", "exists"), group({Cond("b", "eq")})})),
            "rule.filter[1].filter[0].value");
  json deep = Cond("a", "exists");
  for (std::size_t i = 0; i < kMaxRuleDepth; ++i) deep = group({deep});
  EXPECT_TRUE(AssortmentRule::Parse(deep).ok());
  // One more level: the innermost group sits at depth 9.
  std::string too_deep = "rule";
  for (std::size_t i = 0; i < kMaxRuleDepth; ++i) too_deep += ".filter[0]";
  EXPECT_EQ(field(group({deep})), too_deep);
  json wide = json::array();
  for (std::size_t i = 0; i <= kMaxRuleNodes; ++i) wide.push_back(Cond("a", "exists"));
  EXPECT_EQ(field(group_of(wide)), "rule.filter");
  EXPECT_EQ(AssortmentRule::Parse(group({Cond("a", "exists")}), "body.rule").status().ok(), true);
  EXPECT_EQ(AssortmentRule::Parse(json::array(), "body.rule").status().field(), "body.rule");
}

TEST(AssortmentRule, OperatorNamesRoundTrip) {
  for (const char* name :
       {"eq", "ne", "gt", "gte", "lt", "lte", "exists", "not_exists", "contains", "in"}) {
    auto op = ParseRuleOperator(name, "op");
    ASSERT_TRUE(op.ok()) << name;
    EXPECT_EQ(RuleOperatorName(*op), name);
  }
  EXPECT_EQ(ParseRuleOperator("EQ", "x.op").status().field(), "x.op");
}

}  // namespace
}  // namespace dscosim
