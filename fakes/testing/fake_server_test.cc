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

Account FakeServerTest::AccountNamed(const std::string& key_id_or_name) {
  Tenant& t = server_->tenant();
  std::lock_guard<std::mutex> lock(t.mu);
  std::string id = key_id_or_name;
  if (const auto key = t.account_keys.find(key_id_or_name); key != t.account_keys.end()) id = key->second;
  for (const auto& [account_id, a] : t.world.accounts().accounts()) {
    if (a.dsco_account_id == id || a.name == key_id_or_name) return a;
  }
  ADD_FAILURE() << "no account " << key_id_or_name;
  return Account{};
}

std::vector<std::string> FakeServerTest::StockedSkus(const Account& supplier) {
  Tenant& t = server_->tenant();
  std::lock_guard<std::mutex> lock(t.mu);
  std::vector<std::string> skus;
  for (const Item* item : t.world.items().ItemsOf(supplier.dsco_account_id)) {
    if (item->quantity_available > 0) skus.push_back(item->sku);
  }
  return skus;
}

std::vector<std::string> FakeServerTest::PartnerIds(const Account& account) {
  Tenant& t = server_->tenant();
  std::lock_guard<std::mutex> lock(t.mu);
  std::vector<std::string> ids;
  for (const PartnerView& p : t.world.accounts().PartnersOf(account.dsco_account_id)) {
    ids.push_back(p.partner_account_id);
  }
  return ids;
}

void FakeServerTest::Settle() {
  Tenant& t = server_->tenant();
  std::lock_guard<std::mutex> lock(t.mu);
  const Status settled = t.world.Settle();
  ASSERT_TRUE(settled.ok()) << settled;
}

std::vector<nlohmann::json> FakeServerTest::Exchanges(const std::string& operation_id, int status) {
  Tenant& t = server_->tenant();
  std::lock_guard<std::mutex> lock(t.mu);
  std::vector<nlohmann::json> out;
  for (const Exchange& e : t.history) {
    if (!operation_id.empty() && e.route != operation_id) continue;
    if (status != 0 && e.status != status) continue;
    out.push_back(e.ToJson());
  }
  return out;
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
