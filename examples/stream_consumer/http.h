// The stream consumer's HTTP layer, as a partner would write it against the Dsco API v3:
// a client-credentials token shared by every thread and reused until a 401, retries with
// exponential backoff on the platform's transient answers, one log line per exchange.
// The planted defects of the HTTP layer are switched here (see Bugs).
#ifndef DSCOSIM_EXAMPLES_STREAM_CONSUMER_HTTP_H_
#define DSCOSIM_EXAMPLES_STREAM_CONSUMER_HTTP_H_

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

namespace consumer {

using Json = nlohmann::json;

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
  std::string stream_id;
  std::string state_dir;
  Bugs bugs;
};

// Set on SIGTERM; every wait and every new request checks it.
bool Stopping();
void RequestStop();
// Sleeps up to `d`, less when stopping; false when stopping.
bool SleepFor(std::chrono::milliseconds d);
void Log(const std::string& who, const std::string& line);

// Percent-encodes everything but unreserved characters (an event id's '/' becomes %2F).
std::string Encode(const std::string& text);

struct Response {
  int status = 0;  // 0: no answer (refused, dropped, timed out); -1: stopping
  std::string body;
  Json json;  // null unless the body is JSON
  bool ok() const { return status >= 200 && status < 300; }
  static bool Transient(int status) {
    return status == 0 || status == 408 || status == 429 || status == 500 || status == 502 || status == 503 ||
           status == 504;
  }
};

class Tokens {
 public:
  explicit Tokens(const Config& config) : config_(config) {}
  // The token to use (fetching one when there is none); "" while stopping.
  std::string Get(const std::string& who);
  // `failed` was answered 401: a new token, unless another thread already got one.
  std::string Renew(const std::string& failed, const std::string& who);

 private:
  std::string Fetch(const std::string& who);
  const Config& config_;
  std::mutex mu_;
  std::string token_;
};

// One thread's connection to the API (cpp-httplib's client is not shared between threads).
class Api {
 public:
  Api(const Config& config, Tokens& tokens, std::string who);
  ~Api();
  // `target` is below the API's base path, e.g. "/stream?id=inv". Retries transient
  // answers (250 ms doubling capped at 1 s, at most 6 retries), renews the token once on a 401, never
  // resends after another 4xx; answers the last response.
  Response Get(const std::string& target);
  Response Put(const std::string& target);

 private:
  Response Send(const std::string& method, const std::string& target);
  Response Once(const std::string& method, const std::string& target, const std::string& token);
  struct Impl;
  std::unique_ptr<Impl> impl_;
  const Config& config_;
  Tokens& tokens_;
  std::string who_;
};

}  // namespace consumer

#endif  // DSCOSIM_EXAMPLES_STREAM_CONSUMER_HTTP_H_
