// An integration test as a user writes it: the fake on a loopback port, a world of the
// test's own, a retailer's order, the clock, and the requests verified afterwards.
#include <dscosim/fakes/testing/fake_server_test.h>
#include <dscosim/scenarios/worlds/world_builder.h>
#include <gtest/gtest.h>

namespace {

class OrdersTest : public dscosim::fakes::FakeServerTest {
 protected:
  dscosim::fakes::ServerOptions Options() const override {
    auto options = FakeServerTest::Options();
    options.tenant.world = dscosim::WorldBuilder()
                               .Retailer("r1", "Northwind")
                               .Supplier("s1", "Acme")
                               .Partners("r1", "s1")
                               .Item("s1", "TENT-2P", {{"MAIN", 12}, {"EAST", 3}})
                               .Item("s1", "STOVE-1", {{"MAIN", 0}})
                               .Build();
    return options;
  }
};

TEST_F(OrdersTest, ARetailersOrderReachesItsSupplier) {
  const auto supplier_account = AccountNamed("s1");
  const auto retailer_account = AccountNamed("r1");
  ASSERT_EQ(StockedSkus(supplier_account), std::vector<std::string>{"TENT-2P"});
  ASSERT_EQ(PartnerIds(retailer_account), std::vector<std::string>{supplier_account.dsco_account_id});

  auto retailer = ClientFor(retailer_account);
  const nlohmann::json order = {
      {"poNumber", "PO-1"},
      {"shipping", {{"name", "Ada"}, {"address1", "1 Main St"}, {"city", "Springfield"}, {"region", "IL"},
                    {"postal", "62701"}}},
      {"shippingServiceLevelCode", "UPCG"},
      {"lineItems", {{{"sku", "TENT-2P"}, {"quantity", 2}}}}};
  ASSERT_EQ(retailer.Post("/order/", order).status, 201);
  Settle();  // past the order's post-processing

  auto supplier = ClientFor(supplier_account);
  const auto found = supplier.Get("/order/?orderKey=poNumber&value=PO-1");
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(found.json()["dscoSupplierId"], supplier_account.dsco_account_id);
  EXPECT_EQ(Exchanges("createOrder", 201).size(), 1u);
  EXPECT_EQ(Exchanges("getOrderById", 200).size(), 1u);
}

}  // namespace
