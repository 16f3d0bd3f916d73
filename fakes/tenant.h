// A tenant: one isolated simulated platform on the server, with its own world, clock
// mode, access tokens, rate-limit windows, fault rules, request history and snapshots.
// Parallel CI jobs each take a tenant and never see each other.
//
// Thread safety: every member is guarded by `mu`; the server holds it (through
// `requests`) while a request runs against the tenant, so the world has one writer at a
// time (DESIGN.md, "One writer"). Parsing the body and serialising the answer happen
// outside it.
#ifndef DSCOSIM_FAKES_TENANT_H_
#define DSCOSIM_FAKES_TENANT_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <exception>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>
#include <vector>

#include "dscosim/fakes/http.h"
#include "dscosim/model/core/rng.h"
#include "dscosim/model/world.h"
#include "dscosim/model/world_file.h"

namespace dscosim::fakes {

enum class ClockMode { kManual, kRealtime };

// OAuth2 access tokens, on the virtual clock. Their text comes from the store's own
// random stream (the world's fork "access-tokens/<tenant name>"), never from the
// world's: getting a token changes nothing the model draws next (scroll ids, request
// ids), so a scenario export that leaves token requests out still rebuilds the same
// state, and two tenants of one seed hand out different tokens.
class TokenStore {
 public:
  static constexpr std::int64_t kLifetimeSeconds = 3600;
  TokenStore() : ids_(Rng(0)) {}
  explicit TokenStore(Rng rng) : ids_(std::move(rng)) {}
  struct Token {
    std::string account_id;
    Time expires;
  };
  // Tokens expired for more than a day are forgotten (unknown, not "expired") as of
  // the latest Issue, so a long run does not grow without bound.
  std::string Issue(World& world, const std::string& account_id);
  // The account a token belongs to; Unauthenticated when unknown or expired.
  Result<std::string> Check(std::string_view token, Time now) const;
  // Makes every token (of `account_id`, or all when empty) expire now.
  int ExpireAll(Time now, std::string_view account_id = "");
  // May still hold forgotten tokens that no sweep has removed yet.
  const std::map<std::string, Token, std::less<>>& tokens() const { return tokens_; }

 private:
  bool Forgotten(const Token& t) const;
  IdMaker ids_;
  std::map<std::string, Token, std::less<>> tokens_;
  std::optional<Time> forget_before_;  // the latest Issue's time, less the day of grace
  std::size_t sweep_at_ = 1024;        // sweep when the map reaches this size
};

// The spec's per-operation limits, per account, on the virtual clock.
struct RateLimit {
  std::string name;  // which limit, e.g. "conversation"
  int per_second = 0;
  int per_minute = 0;
  int per_hour = 0;
};

class RateLimiter {
 public:
  // Counts one call; false (and nothing counted) when it would exceed a window.
  bool Admit(const RateLimit& limit, std::string_view account, Time now);
  bool enabled = true;

 private:
  struct Window {
    std::int64_t start = -1;
    int count = 0;
  };
  std::map<std::string, Window, std::less<>> windows_;
};

// Fault rules (control API). A rule matches a request by method, path prefix and
// account, and then answers a status, delays, drops or resets the connection — by
// count, inside a virtual-time window, or with a seeded probability.
struct FaultRule {
  std::string id;
  std::optional<std::string> method;
  std::optional<std::string> path_prefix;  // of the decoded path, e.g. "/api/v3/order"
  std::optional<std::string> account;      // the authenticated account
  std::optional<int> status;               // answer this status instead
  std::optional<Json> body;                // with this body (default: a message)
  int delay_ms = 0;
  bool drop = false;    // close the connection without answering
  bool reset = false;   // reset the connection (RST)
  bool after = false;   // apply after the request ran (the change happened)
  std::optional<int> remaining;  // how many more times; none: unlimited
  std::optional<Time> from, until;
  std::optional<double> probability;
  int fired = 0;

  static Result<FaultRule> FromJson(const Json& json, std::string id);
  Json ToJson() const;
};

// A recorded response body whose JSON is serialised after the tenant's lock is released
// (HttpResponse::json): the request's thread stores the text it sent; a history reader
// that comes first serialises the JSON itself. Either way the same text, cut to `limit`.
class DeferredBody {
 public:
  DeferredBody(std::shared_ptr<const Json> json, std::size_t limit)
      : json_(std::move(json)), limit_(limit) {}
  void Set(const std::string& text);
  std::string Get() const;

 private:
  mutable std::mutex mu_;
  mutable std::shared_ptr<const Json> json_;  // until the text is known
  mutable std::string text_;
  std::size_t limit_;
};

// One recorded exchange, as the history file and the control API show it.
struct Exchange {
  static constexpr std::size_t kBodyLimit = 65536;  // bytes of each body kept

  std::uint64_t sequence = 0;
  std::string wall_time;   // ISO-8601 of the machine's clock
  std::int64_t wall_micros = 0;  // the same, in microseconds since the epoch
  std::string virtual_time;
  std::int64_t virtual_micros = 0;
  std::string method;
  std::string target;
  std::string route;    // the operationId that served it; empty for unknown routes
  std::string account;  // authenticated account, if any
  std::string token;    // bearer token sent, if any
  Json request_headers;
  std::string request_body;
  int status = 0;
  std::string response_body;
  std::shared_ptr<DeferredBody> deferred_response_body;  // instead of response_body
  std::string fault;  // the fault rule applied, if any
  // The route's handler ran (so the model may have changed), answering this status
  // (before an `after` fault replaced it): what a scenario export replays.
  bool handled = false;
  int handled_status = 0;
  std::int64_t duration_micros = 0;

  Json ToJson() const;
};

// Runs a tenant's requests one at a time under its mutex, in the order they arrived.
// The thread that finds nobody running the queue becomes its runner: it takes the
// mutex and runs the queued requests, its own and those of the threads waiting behind
// it, then hands the role on. With many keep-alive connections this beats each thread
// taking the mutex in turn: the work stays on a running thread instead of waking a
// sleeping one per request, and arrival order bounds every request's wait, where a
// plain mutex lets running threads barge ahead of sleeping ones (latency spikes).
class RequestQueue {
 public:
  // Runs `work` under `mu` and returns when it has run; rethrows what it threw.
  void Run(std::mutex& mu, const std::function<void()>& work);

 private:
  struct Job {
    const std::function<void()>* work = nullptr;
    std::exception_ptr error;
    bool done = false;    // set by the runner before it releases `wake`
    bool runner = false;  // handed the runner's role instead
    std::binary_semaphore wake{0};
  };
  // Runs queued jobs (under the tenant's mutex) until the queue is empty, or until `own`
  // is done and kRunAfterOwn more have run; then hands the role to the queue's head.
  void RunQueue(std::mutex& mu, Job& own);
  void LockQueue();
  void UnlockQueue() { queue_lock_.clear(std::memory_order_release); }

  // How many requests of others a runner runs after its own before handing the role
  // on: bounds how long its own answer waits.
  static constexpr int kRunAfterOwn = 32;

  // Held for a few instructions at a time (push, pop): a spin lock, so that neither
  // the runner nor an arriving request sleeps on it.
  std::atomic_flag queue_lock_ = ATOMIC_FLAG_INIT;
  std::deque<Job*> queue_;
  bool running_ = false;  // a thread is the runner
};

// Server defaults: trace and domain events kept to the newest 10,000 so a long-running
// server does not grow without bound (hashes still cover everything).
WorldOptions DefaultWorldOptions();

struct TenantOptions {
  std::string name = "default";
  std::uint64_t seed = 42;
  std::optional<Json> world;  // a world file's contents; none: the demo world
  // Policies (conversations, orders, batches, streams...) for the world; its seed and
  // start are replaced by `seed` and the world file's.
  WorldOptions world_options = DefaultWorldOptions();
  ClockMode mode = ClockMode::kRealtime;
  double speed = 1.0;
  bool rate_limits = true;
  std::size_t history_limit = 100000;  // exchanges kept in memory
};

// What a request hook sees: a request that passed authentication, the rate limit and
// the fault rules, just before its handler runs (`status` 0) and again after it
// answered (`status` set).
struct HookedRequest {
  const std::string& route;    // operationId
  const std::string& account;  // the caller
  const HttpRequest& request;
  int status = 0;
};
class Api;
class Tenant;
// Called under the tenant's lock; may change the world (through Api::CallLocked), which
// is how a conformance driver reacts to the integration at a deterministic point.
using RequestHook = std::function<void(Api&, Tenant&, const HookedRequest&)>;

// A tenant's world: `spec` none or {"demo": true, "seed"?, "start"?} builds the demo
// world, anything else is a world file (model/world_file.h).
Result<World> BuildTenantWorld(const std::optional<Json>& spec, WorldOptions options,
                               std::map<std::string, std::string>* account_keys = nullptr);
bool IsDemoWorld(const Json& spec);

class Tenant {
 public:
  // Builds the tenant's world (the demo world, or `options.world`).
  static Result<std::unique_ptr<Tenant>> Create(const TenantOptions& options);

  std::mutex mu;
  RequestQueue requests;  // API requests take `mu` through this
  TenantOptions options;
  World world;
  TokenStore tokens;
  RateLimiter limits;
  std::vector<FaultRule> faults;
  Rng fault_rng{0};
  std::deque<Exchange> history;
  std::uint64_t exchanges = 0;
  std::map<std::string, std::uint64_t> counters;  // "<route> <status>" -> count
  struct Snapshot {
    World world;
    TokenStore tokens;
  };
  std::map<std::string, Snapshot> snapshots;
  int next_fault_id = 1;
  RequestHook request_hook;  // none by default (conformance drivers set one)
  // A world file's account keys -> dscoAccountId (empty for the demo world).
  std::map<std::string, std::string> account_keys;
  // Exchanges recorded before the world was last built (Create, Reset, a world load):
  // a scenario export replays the ones after.
  std::uint64_t world_built_after = 0;
  // Why the state since then is not the world plus the API exchanges (a snapshot was
  // restored, a large batch uploaded to its dataUrl); empty when it is.
  std::string export_blocked;

  // Realtime mode: moves the virtual clock to where the wall clock says it is.
  void SyncClock();
  // Realtime mode continues from the world's current time (after an advance or a
  // restored snapshot), without first syncing from the old anchor.
  void Reanchor();
  // Switches mode; the virtual clock keeps its time.
  void SetMode(ClockMode mode, double speed);
  // The seconds the world was built from; reset goes back to it.
  void Reset();
  Json ClockJson() const;

 private:
  explicit Tenant(const TenantOptions& o);
  std::chrono::steady_clock::time_point wall_anchor_;
  Time virtual_anchor_;
};


}  // namespace dscosim::fakes

#endif  // DSCOSIM_FAKES_TENANT_H_
