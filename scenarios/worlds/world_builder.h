// A world file (docs/serve.md, "World files") built in a few lines, for tests that want
// an empty world with exactly the accounts, partnerships and stock they talk about:
//
//   const Json world = WorldBuilder()
//                          .Retailer("r1", "Northwind")
//                          .Supplier("s1", "Acme")
//                          .Partners("r1", "s1")
//                          .Item("s1", "TENT-2P", {{"MAIN", 12}, {"EAST", 3}})
//                          .Build();
//   options.tenant.world = world;   // a FakeServerTest's Options(), or a scenario's world
//
// The builder only writes the document: the fake checks it when it loads it, as it
// checks a world file, and refuses a bad one naming the path (an unknown account key,
// a partnership given twice). Accounts get the file's defaults (ids and credentials
// drawn from the seed); the clock starts at `Start`, else the world file's default.
#ifndef DSCOSIM_SCENARIOS_WORLDS_WORLD_BUILDER_H_
#define DSCOSIM_SCENARIOS_WORLDS_WORLD_BUILDER_H_

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace dscosim {

class WorldBuilder {
 public:
  using Json = nlohmann::json;

  WorldBuilder& Start(const std::string& iso8601);
  WorldBuilder& Retailer(const std::string& key, const std::string& name);
  WorldBuilder& Supplier(const std::string& key, const std::string& name);
  // A partnership. Each side knows the other by the other's key in upper case and its
  // name (the retailer sees the supplier as trading partner "S1", the supplier sees the
  // retailer as "R1"), so ids stay unique however many partners an account has.
  WorldBuilder& Partners(const std::string& retailer_key, const std::string& supplier_key);
  // An active catalog item of the supplier with stock in each warehouse (code,
  // quantity); quantityAvailable is their sum, and status in-stock or out-of-stock.
  WorldBuilder& Item(const std::string& supplier_key, const std::string& sku,
                     const std::vector<std::pair<std::string, int>>& warehouses,
                     const std::string& title = "");
  // An order placed by the retailer at the start, `body` as POST /order takes it.
  WorldBuilder& Order(const std::string& retailer_key, Json body);

  Json Build() const { return world_; }

 private:
  WorldBuilder& Account(const std::string& key, const std::string& role, const std::string& name);
  std::string NameOf(const std::string& key) const;

  Json world_ = Json::object();
};

}  // namespace dscosim

#endif  // DSCOSIM_SCENARIOS_WORLDS_WORLD_BUILDER_H_
