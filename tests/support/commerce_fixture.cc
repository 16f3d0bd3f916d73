#include "dscosim/tests/support/commerce_fixture.h"

#include <gtest/gtest.h>

#include <utility>

namespace dscosim::test_support {
namespace {

Account MustAccount(Result<Account> r) {
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : Account{};
}

}  // namespace

CommerceWorld::CommerceWorld(WorldOptions options) : world(std::move(options)) {
  r1 = MustAccount(world.CreateAccount(Role::kRetailer, "Retailer One"));
  r2 = MustAccount(world.CreateAccount(Role::kRetailer, "Retailer Two"));
  s1 = MustAccount(world.CreateAccount(Role::kSupplier, "Supplier One"));
  s2 = MustAccount(world.CreateAccount(Role::kSupplier, "Supplier Two"));
  EXPECT_TRUE(world.LinkPartners({r1.dsco_account_id, s1.dsco_account_id, "S1@R1",
                                  "Supplier One", "R1@S1", "Retailer One"}).ok());
  EXPECT_TRUE(world.LinkPartners({r1.dsco_account_id, s2.dsco_account_id, "S2@R1",
                                  "Supplier Two", "R1@S2", "Retailer One"}).ok());
  EXPECT_TRUE(world.LinkPartners({r2.dsco_account_id, s1.dsco_account_id, "S1@R2", "",
                                  "R2@S1", "Retailer Two"}).ok());
  const auto put = [&](const Account& supplier, std::string sku, std::optional<std::string> upc,
                       std::optional<std::string> r1_sku) {
    Item item;
    item.supplier_id = supplier.dsco_account_id;
    item.sku = std::move(sku);
    item.upc = std::move(upc);
    if (r1_sku) item.partner_sku_by_retailer[r1.dsco_account_id] = *r1_sku;
    item.status = InventoryStatus::kInStock;
    item.warehouses.push_back(WarehouseQuantity{"WH1", std::nullopt, std::nullopt, 10, {}});
    auto stored = world.items().Put(std::move(item));
    EXPECT_TRUE(stored.ok()) << stored.status();
    return stored.ok() ? stored->dsco_item_id : std::string();
  };
  item_a1 = put(s1, "A-1", "012345678905", "R1-A1");
  item_a2 = put(s1, "A-2", std::nullopt, std::nullopt);
  item_a3 = put(s1, "A-3", std::nullopt, std::nullopt);
  item_b1 = put(s2, "B-1", "012345678905", std::nullopt);
  item_b2 = put(s2, "B-2", std::nullopt, std::nullopt);
}

nlohmann::json CommerceWorld::OrderBody(
    const std::string& po, std::vector<std::pair<std::string, std::int64_t>> lines) {
  nlohmann::json body = {
      {"poNumber", po},
      {"shipping",
       {{"firstName", "Ada"}, {"lastName", "Lovelace"}, {"address1", "1 Main St"},
        {"city", "Springfield"}, {"region", "IL"}, {"postal", "62701"}, {"country", "US"}}},
      {"shippingServiceLevelCode", "UPCG"},
      {"lineItems", nlohmann::json::array()},
  };
  for (auto& [sku, quantity] : lines) {
    body["lineItems"].push_back({{"sku", sku}, {"quantity", quantity}});
  }
  return body;
}

Order CommerceWorld::MustCreateOrder(const std::string& po,
                                     std::vector<std::pair<std::string, std::int64_t>> lines) {
  auto created = world.orders().Create(r1.dsco_account_id, OrderBody(po, std::move(lines)));
  EXPECT_TRUE(created.ok()) << created.status();
  if (!created.ok() || created->orders.empty()) return Order{};
  EXPECT_TRUE(world.AdvanceBy(world.orders().policy().post_processing_delay).ok());
  return *world.orders().Find(created->orders.front().dsco_order_id);
}

}  // namespace dscosim::test_support
