// The fake server: the Api behind cpp-httplib on a loopback port, with a ticker that keeps
// realtime tenants' clocks moving (so timers fire even when nobody calls).
#ifndef DSCOSIM_FAKES_SERVER_H_
#define DSCOSIM_FAKES_SERVER_H_

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "dscosim/fakes/api.h"
#include "dscosim/fakes/tenant.h"

namespace httplib {
class Server;
}

namespace dscosim::fakes {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0 picks a free port
  // Worker threads. cpp-httplib's default pool is a handful of threads and keep-alive
  // connections each hold one, so many clients starve; see docs/benchmarks.md.
  int threads = 64;
  TenantOptions tenant;  // the default tenant
  ServeOptions serve;
};

class FakeServer {
 public:
  explicit FakeServer(ServerOptions options);
  ~FakeServer();
  FakeServer(const FakeServer&) = delete;
  FakeServer& operator=(const FakeServer&) = delete;

  // Builds the default tenant, binds and starts serving. Returns once listening.
  Status Start();
  void Stop();

  int port() const { return port_; }
  std::string base_url() const;     // http://127.0.0.1:PORT
  std::string api_url() const;      // .../api/v3
  std::string control_url() const;  // .../_dscosim
  Api& api() { return *api_; }
  Tenant& tenant() { return *api_->FindTenant("default"); }

 private:
  ServerOptions options_;
  std::unique_ptr<Api> api_;
  std::unique_ptr<httplib::Server> server_;
  std::thread listener_;
  std::thread ticker_;
  std::atomic<bool> running_{false};
  int port_ = 0;
};

}  // namespace dscosim::fakes

#endif  // DSCOSIM_FAKES_SERVER_H_
