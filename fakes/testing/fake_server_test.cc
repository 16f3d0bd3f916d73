#include "dscosim/fakes/testing/fake_server_test.h"

namespace dscosim::fakes {

ServerOptions FakeServerTest::Options() const {
  ServerOptions options;
  options.port = 0;
  options.threads = 8;
  options.tenant.seed = 42;
  options.tenant.mode = ClockMode::kManual;
  options.tenant.rate_limits = false;
  return options;
}

void FakeServerTest::SetUp() {
  server_ = std::make_unique<FakeServer>(Options());
  const Status started = server_->Start();
  ASSERT_TRUE(started.ok()) << started;
}

void FakeServerTest::TearDown() {
  if (server_) server_->Stop();
}

std::vector<Account> FakeServerTest::Accounts(Role role) {
  std::vector<Account> out;
  Tenant& t = server_->tenant();
  std::lock_guard<std::mutex> lock(t.mu);
  for (const auto& [id, a] : t.world.accounts().accounts()) {
    if (a.role == role) out.push_back(a);
  }
  return out;
}

DscoClient FakeServerTest::ClientFor(const Account& account) {
  DscoClient client(server_->api_url(), account.client_id, account.client_secret);
  const ClientResponse r = client.Authenticate();
  EXPECT_EQ(r.status, 200) << r.body;
  return client;
}

Time FakeServerTest::Now() {
  Tenant& t = server_->tenant();
  std::lock_guard<std::mutex> lock(t.mu);
  return t.world.now();
}

void FakeServerTest::Advance(double seconds) {
  Tenant& t = server_->tenant();
  std::lock_guard<std::mutex> lock(t.mu);
  ASSERT_TRUE(t.world.AdvanceBy(std::chrono::microseconds(static_cast<std::int64_t>(seconds * 1e6))).ok());
}

}  // namespace dscosim::fakes
