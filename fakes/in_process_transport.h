// A fake in this process, reached without a socket: each request goes through
// Api::Handle exactly as `dscosim serve` would handle it (tokens, rate limits, faults,
// history), on the tenant's manual clock.
#ifndef DSCOSIM_FAKES_IN_PROCESS_TRANSPORT_H_
#define DSCOSIM_FAKES_IN_PROCESS_TRANSPORT_H_

#include <memory>
#include <string>

#include "dscosim/fakes/api.h"
#include "dscosim/fakes/tenant.h"
#include "dscosim/fakes/transport.h"

namespace dscosim::fakes {

class InProcessTransport : public Transport {
 public:
  // The links in answers use this base, which no client can reach by mistake.
  static constexpr char kBaseUrl[] = "http://dscosim.invalid";

  // One default tenant built from `tenant` (its world, seed and policies).
  static Result<std::unique_ptr<InProcessTransport>> Create(ServeOptions serve,
                                                            TenantOptions tenant);

  WireResponse Send(const WireRequest& request) override;
  std::string BaseUrl() const override { return kBaseUrl; }

  Api& api() { return *api_; }
  // The default tenant; lock `tenant().mu` when touching it while others send.
  Tenant& tenant() { return *tenant_; }

 private:
  InProcessTransport() = default;
  std::unique_ptr<Api> api_;
  std::shared_ptr<Tenant> tenant_;
};

}  // namespace dscosim::fakes

#endif  // DSCOSIM_FAKES_IN_PROCESS_TRANSPORT_H_
