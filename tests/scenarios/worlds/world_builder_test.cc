// WorldBuilder writes world files the loader accepts: the accounts, partnerships and
// stock it was told, nothing else; a mistake is refused by the loader naming the path.
#include "dscosim/scenarios/worlds/world_builder.h"

#include <map>
#include <string>

#include <gtest/gtest.h>

#include "dscosim/model/world_file.h"

namespace dscosim {
namespace {

TEST(WorldBuilder, BuildsAWorldWithExactlyWhatItWasTold) {
  const nlohmann::json file = WorldBuilder()
                                  .Start("2026-03-02T09:00:00Z")
                                  .Retailer("r1", "Northwind")
                                  .Supplier("s1", "Acme")
                                  .Supplier("s2", "Birch")
                                  .Partners("r1", "s1")
                                  .Item("s1", "TENT-2P", {{"MAIN", 12}, {"EAST", 3}}, "Two-person tent")
                                  .Item("s1", "STOVE-1", {{"MAIN", 0}})
                                  .Build();
  std::map<std::string, std::string> keys;
  Result<World> world = BuildWorldFromJson(file, WorldOptions{}, &keys);
  ASSERT_TRUE(world.ok()) << world.status().ToString();
  ASSERT_EQ(keys.size(), 3u);
  EXPECT_EQ(world->accounts().accounts().size(), 3u);
  const auto partners = world->accounts().PartnersOf(keys["r1"]);
  ASSERT_EQ(partners.size(), 1u);
  EXPECT_EQ(partners[0].partner_account_id, keys["s1"]);
  EXPECT_EQ(partners[0].trading_partner_id, "S1");  // the retailer knows its supplier as S1
  EXPECT_EQ(world->accounts().PartnersOf(keys["s1"]).at(0).trading_partner_id, "R1");
  EXPECT_TRUE(world->accounts().PartnersOf(keys["s2"]).empty());

  const auto items = world->items().ItemsOf(keys["s1"]);
  ASSERT_EQ(items.size(), 2u);
  std::map<std::string, std::int64_t> available;
  for (const Item* item : items) available[item->sku] = item->quantity_available;
  EXPECT_EQ(available["TENT-2P"], 15);
  EXPECT_EQ(available["STOVE-1"], 0);
  EXPECT_EQ(FormatIso8601(world->now()).substr(0, 16), "2026-03-02T09:00");
}

TEST(WorldBuilder, AnUnknownAccountKeyIsRefusedNamingThePath) {
  const nlohmann::json file =
      WorldBuilder().Retailer("r1", "Northwind").Supplier("s1", "Acme").Partners("r1", "s9").Build();
  Result<World> world = BuildWorldFromJson(file, WorldOptions{});
  ASSERT_FALSE(world.ok());
  EXPECT_NE(world.status().ToString().find("partners[0].supplier"), std::string::npos)
      << world.status().ToString();
}

}  // namespace
}  // namespace dscosim
