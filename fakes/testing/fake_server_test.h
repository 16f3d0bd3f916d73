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
// says) and no rate limits; override Options() to change them.
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

  // The default tenant's virtual clock.
  Time Now();
  void Advance(double seconds);

 private:
  std::unique_ptr<FakeServer> server_;
};

}  // namespace dscosim::fakes

#endif  // DSCOSIM_FAKES_TESTING_FAKE_SERVER_TEST_H_
