// The example supplier's HTTP layer, as a partner would write it against the Dsco API v3:
// client-credentials tokens shared by both jobs, retries with exponential backoff on the
// platform's transient statuses, a client-side rate limiter per endpoint, one log line per
// exchange. Every planted defect of the HTTP layer is switched here (see Bugs).
#ifndef DSCOSIM_EXAMPLES_SUPPLIER_CLIENT_H_
#define DSCOSIM_EXAMPLES_SUPPLIER_CLIENT_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace supplier {

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

// The defect planted with --bug NAME (empty: none).
struct Bugs {
  std::string name;
  bool Is(const char* n) const { return name == n; }
  static const std::set<std::string>& Known();
};

struct Config {
  std::string api_url;  // http://host:port/api/v3
  std::string client_id;
  std::string client_secret;
  std::string account_id;
  std::string state_dir;
  Bugs bugs;
};

// Set by SIGTERM; every wait and every new request checks it.
extern std::atomic<bool> g_stopping;
// Sleeps up to `d`, less when stopping; returns false when stopping.
bool SleepFor(std::chrono::milliseconds d);
// Wakes every SleepFor (after setting g_stopping).
void WakeSleepers();
void Log(const std::string& who, const std::string& line);

// Wall-clock time for `until` and `since`: ISO 8601 UTC with milliseconds.
std::int64_t NowMillis();
std::string IsoMillis(std::int64_t epoch_millis);
// "2026-01-05T09:00:00.123+00:00" (or Z) -> epoch millis; -1 when it is not one.
std::int64_t ParseIsoMillis(const std::string& text);

// Thrown by the strict-json defect when a response carries an attribute it does not know.
struct UnknownAttribute : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Response {
  int status = 0;  // 0: no answer (connection refused, dropped, timed out); -1: stopping
  std::string body;
  Json json;  // discarded (null) unless the body is JSON
  bool ok() const { return status >= 200 && status < 300; }
};

// Per-endpoint request budgets in sliding windows of 1 s and 1 min (wall clock), below
// the spec's limits. The last second's sends are kept in DSCO_STATE_DIR so a restarted
// process cannot add its first second to the last second of the process it replaces.
class Limiter {
 public:
  explicit Limiter(std::string state_dir);
  void Acquire(const std::string& family, bool bypass);
  // A 5xx or 408 answer (or none) never reached the platform's limiter: give it back.
  void Refund(const std::string& family);

 private:
  struct Budget {
    int per_second;
    int per_minute;
    std::deque<std::int64_t> sent;  // epoch millis
  };
  void SaveLocked();
  std::string state_dir_;
  std::mutex mu_;
  std::map<std::string, Budget> budgets_;
};

class Tokens {
 public:
  explicit Tokens(const Config& config) : config_(config) {}
  // The token to use (fetching one when there is none); empty while stopping.
  std::string Get(const std::string& who);
  // The token `failed` got a 401: fetch a new one unless another thread already did.
  std::string Renew(const std::string& failed, const std::string& who);

 private:
  std::string Fetch(const std::string& who);
  const Config& config_;
  std::mutex mu_;
  std::string token_;
};

// One job's connection to the API (cpp-httplib's client is not shared between threads).
class Api {
 public:
  Api(const Config& config, Tokens& tokens, Limiter& limiter, std::string who);
  ~Api();
  Response Get(const std::string& path, const std::map<std::string, std::string>& query,
               const std::string& family);
  Response Post(const std::string& path, const Json& body, const std::string& family);
  Response Put(const std::string& path, const Json& body, const std::string& family);
  // rate-burst: this call skips the client-side limiter.
  Response PostUnlimited(const std::string& path, const Json& body, const std::string& family);

 private:
  Response Send(const std::string& method, const std::string& target, const std::string& body,
                const std::string& family, bool bypass_limit);
  Response Once(const std::string& method, const std::string& target, const std::string& body,
                const std::string& token);
  struct Impl;
  Impl* impl_;
  const Config& config_;
  Tokens& tokens_;
  Limiter& limiter_;
  std::string who_;
};

// Checkpoints and work in progress, one JSON file per job in DSCO_STATE_DIR, replaced
// atomically (write, then rename) so a SIGKILL never leaves half a file.
Json LoadState(const Config& config, const std::string& name);
void SaveState(const Config& config, const std::string& name, const Json& state);

// Throws UnknownAttribute under strict-json when `j` has a key outside `known`.
void StrictKeys(const Config& config, const Json& j, std::initializer_list<const char*> known,
                const std::string& what);

}  // namespace supplier

#endif  // DSCOSIM_EXAMPLES_SUPPLIER_CLIENT_H_
