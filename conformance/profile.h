// A conformance profile: what an integration claims to do, the world it runs in, the
// driver that plays the platform's and the trading partner's side on a schedule, the
// faults every profile injects, and the rules it is judged on.
//
// Times in a profile are seconds of the platform's (virtual) clock from the start of a
// pass. During `conform` the clock follows the wall clock (speed 1 unless --speed), so
// they are wall seconds too; each profile scales the platform's deadlines (hours and
// days in production) down to seconds so a pass takes well under a minute.
#ifndef DSCOSIM_CONFORMANCE_PROFILE_H_
#define DSCOSIM_CONFORMANCE_PROFILE_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dscosim/fakes/http.h"
#include "dscosim/fakes/tenant.h"
#include "dscosim/model/core/rng.h"
#include "dscosim/model/world.h"

namespace dscosim::conformance {

using Json = nlohmann::json;

// What a driver may do. Every call is made from the driver's thread; Act and the hook
// run under the tenant's lock.
class DriverContext {
 public:
  virtual ~DriverContext() = default;
  // Calls the API as `account_key` (a world-file key such as "retailer"), in-process:
  // no token, limit, fault or history. Returns the answer ({status, body}).
  struct Answer {
    int status = 0;
    Json body;  // null when not JSON
  };
  virtual Answer Act(const std::string& account_key, const std::string& method,
                     const std::string& target, const Json& body = nullptr) = 0;
  // Same, from inside a request hook (the lock is already held).
  virtual Answer ActLocked(fakes::Tenant& tenant, const std::string& account_key,
                           const std::string& method, const std::string& target,
                           const Json& body = nullptr) = 0;
  // Appends an event (conformance/events.h) stamped with both clocks now.
  virtual void Record(const std::string& kind, Json data) = 0;
  // Runs `fn` under the tenant's lock with the clock synced (for model access).
  virtual void WithTenant(const std::function<void(fakes::Tenant&)>& fn) = 0;
  // Reacts to the integration's requests (fakes/tenant.h, RequestHook).
  virtual void SetHook(fakes::RequestHook hook) = 0;
  // The platform's clock, in microseconds since the epoch, and seconds since the pass began.
  virtual std::int64_t NowVirtualMicros() = 0;
  virtual double Elapsed() = 0;
  // The Dsco account id of a world-file key.
  virtual std::string AccountId(const std::string& account_key) = 0;
  // The run's seeded generator for this pass ("driver" sub-stream).
  virtual Rng& rng() = 0;
  // The pass's settings (Profile::settings, plus what the harness added).
  virtual const Json& settings() = 0;
  // Stops the integration (SIGTERM, then SIGKILL) and starts it again, recording
  // integration_stopped {reason: "restart"} and integration_started.
  virtual void RestartIntegration() = 0;
};

// One thing the driver does at a moment of the pass.
struct Step {
  double at = 0;  // seconds from the pass's start (virtual)
  std::string what;  // for logs: "open conversation 3"
  std::function<void(DriverContext&)> act;
};

struct Profile {
  std::string name;
  std::string summary;                // one line for `conform --help` and the docs
  std::string integration_account;    // the world-file key the integration runs as
  std::vector<std::string> rule_ids;  // judged, in report order
  // The pass's world file (docs/serve.md); `start` is the run's wall-clock start.
  std::function<Json(const std::string& start_iso)> world;
  // Timings and tolerances, seconds (conformance/profiles/*.cc document each).
  Json settings;
  // The driver's schedule for one pass; may install a request hook in its first step.
  std::function<std::vector<Step>(const Json& settings, Rng& rng)> schedule;
  // Environment for the integration beyond DSCO_* credentials (e.g. DSCO_STREAM_ID).
  std::function<std::map<std::string, std::string>(DriverContext&)> extra_env;
  // Runs at pass_end, before the harness records it: final_* events.
  std::function<void(DriverContext&)> finish;
  // Adjusts the platform's policies for the profile (none: the server's defaults).
  std::function<void(WorldOptions&)> policies;
};

// Every profile, by name.
const std::vector<Profile>& AllProfiles();
const Profile* FindProfile(const std::string& name);

// What every profile does (conformance/profiles/common.cc): the settings it adds to a
// profile's (a profile's own win), and the steps: transient faults, a refusal, the
// outage, the restart (at settings["restartAt"]) and the token expiry.
Json CommonSettings();
std::vector<Step> CommonSteps(const Json& settings);

// The profiles (conformance/profiles/*.cc).
Profile SupplierCustomerCareProfile();
Profile SupplierOrdersProfile();
Profile RetailerInventoryStreamProfile();

}  // namespace dscosim::conformance

#endif  // DSCOSIM_CONFORMANCE_PROFILE_H_
