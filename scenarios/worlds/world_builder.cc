#include "dscosim/scenarios/worlds/world_builder.h"

#include <cctype>

namespace dscosim {
namespace {

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

WorldBuilder& WorldBuilder::Start(const std::string& iso8601) {
  world_["start"] = iso8601;
  return *this;
}

WorldBuilder& WorldBuilder::Account(const std::string& key, const std::string& role,
                                    const std::string& name) {
  world_["accounts"].push_back({{"key", key}, {"role", role}, {"name", name}});
  return *this;
}

WorldBuilder& WorldBuilder::Retailer(const std::string& key, const std::string& name) {
  return Account(key, "retailer", name);
}

WorldBuilder& WorldBuilder::Supplier(const std::string& key, const std::string& name) {
  return Account(key, "supplier", name);
}

// An unknown key yields the key itself: the loader then refuses the partnership naming it.
std::string WorldBuilder::NameOf(const std::string& key) const {
  for (const Json& a : world_.value("accounts", Json::array())) {
    if (a.value("key", "") == key) return a.value("name", key);
  }
  return key;
}

WorldBuilder& WorldBuilder::Partners(const std::string& retailer_key, const std::string& supplier_key) {
  world_["partners"].push_back({{"retailer", retailer_key},
                                {"supplier", supplier_key},
                                {"retailerIdForSupplier", Upper(supplier_key)},
                                {"retailerNameForSupplier", NameOf(supplier_key)},
                                {"supplierIdForRetailer", Upper(retailer_key)},
                                {"supplierNameForRetailer", NameOf(retailer_key)}});
  return *this;
}

WorldBuilder& WorldBuilder::Item(const std::string& supplier_key, const std::string& sku,
                                 const std::vector<std::pair<std::string, int>>& warehouses,
                                 const std::string& title) {
  world_["catalog"].push_back(
      {{"supplier", supplier_key},
       {"body", {{"sku", sku}, {"title", title.empty() ? sku : title}, {"productStatus", "active"}}}});
  Json stock = Json::array();
  int total = 0;
  for (const auto& [code, quantity] : warehouses) {
    stock.push_back({{"code", code}, {"quantity", quantity}});
    total += quantity;
  }
  world_["inventory"].push_back({{"supplier", supplier_key},
                                 {"body",
                                  {{"sku", sku},
                                   {"status", total > 0 ? "in-stock" : "out-of-stock"},
                                   {"quantityAvailable", total},
                                   {"warehouses", std::move(stock)}}}});
  return *this;
}

WorldBuilder& WorldBuilder::Order(const std::string& retailer_key, Json body) {
  world_["orders"].push_back({{"retailer", retailer_key}, {"body", std::move(body)}});
  return *this;
}

}  // namespace dscosim
