// A GoogleTest fixture that runs the fake in-process on a loopback port for each test,
// with a chosen world and seed, and hands the test clients and the clock.
//
//   class MyIntegrationTest : public dscosim::fakes::FakeServerTest {};
//   TEST_F(MyIntegrationTest, AcknowledgesNewOrders) {
//     auto supplier = Supplier(0);            // authenticated client
//     ... point your code at server().api_url() ...
//     Advance(60);                             // move the virtual clock a minute
//   }
//
// Defaults: the demo world, seed 42, the manual clock (time moves only when the test
// says) and no rate limits; override Options() to change them, e.g. to an empty world
// of your own (scenarios/worlds/world_builder.h):
//
//   fakes::ServerOptions Options() const override {
//     auto o = FakeServerTest::Options();
//     o.tenant.world = WorldBuilder().Retailer("r1", "R").Supplier("s1", "S")
//                          .Partners("r1", "s1").Item("s1", "SKU-1", {{"MAIN", 5}}).Build();
//     return o;
//   }
//
// After a call that the platform processes later (an order's post-processing, an
// acknowledgement, a batch), Settle() advances the clock until nothing is in flight;
// Exchanges() verifies what the code under test sent.
#ifndef DSCOSIM_FAKES_TESTING_FAKE_SERVER_TEST_H_
#define DSCOSIM_FAKES_TESTING_FAKE_SERVER_TEST_H_

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "dscosim/fakes/server.h"
#include "dscosim/fakes/testing/dsco_client.h"

namespace dscosim::fakes {

class FakeServerTest : public ::testing::Test {
 protected:
  virtual ServerOptions Options() const;

  void SetUp() override;
  void TearDown() override;

  FakeServer& server() { return *server_; }
  // The world's accounts of a role, ordered by account id.
  std::vector<Account> Accounts(Role role);
  // A client authenticated as that account (the test fails if it cannot get a token).
  DscoClient ClientFor(const Account& account);
  DscoClient Retailer(std::size_t n = 0) { return ClientFor(Accounts(Role::kRetailer).at(n)); }
  DscoClient Supplier(std::size_t n = 0) { return ClientFor(Accounts(Role::kSupplier).at(n)); }
  // A client with no token (for the control API, or to test authentication).
  DscoClient Anonymous() { return DscoClient(server_->api_url()); }

  // An account by its world-file key ("r1"), its dscoAccountId or its name (the test
  // fails, and answers an empty account, when none matches).
  Account AccountNamed(const std::string& key_id_or_name);
  // The supplier's SKUs with stock (quantityAvailable > 0), in catalog order.
  std::vector<std::string> StockedSkus(const Account& supplier);
  // The dscoAccountIds of the account's trading partners.
  std::vector<std::string> PartnerIds(const Account& account);

  // The default tenant's virtual clock.
  Time Now();
  void Advance(double seconds);
  // Advances the clock until no post-processing, acknowledgement, invoice processing or
  // batch is in flight (POST /_dscosim/clock/settle).
  void Settle();

  // The recorded exchanges (the control API's history entries: method, target, route,
  // account, status, bodies) served by `operation_id` ("createOrder"; empty: every
  // one), with `status` (0: any), oldest first.
  std::vector<nlohmann::json> Exchanges(const std::string& operation_id = "", int status = 0);

 private:
  std::unique_ptr<FakeServer> server_;
};

}  // namespace dscosim::fakes

#endif  // DSCOSIM_FAKES_TESTING_FAKE_SERVER_TEST_H_
