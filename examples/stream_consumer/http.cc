#include "http.h"

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <utility>

#include <httplib.h>

namespace consumer {
namespace {

std::atomic<bool> g_stopping{false};
std::mutex g_sleep_mu;
std::condition_variable g_sleep_cv;
std::mutex g_log_mu;

// One exchange at a time for the whole process: reading the token, the request and, on
// a 401, the renewal happen before another thread sends anything, so no request leaves
// with a token after that token was answered 401 (the readers are otherwise free to
// overlap, and three of them would all send the expired token at once).
std::mutex g_exchange_mu;

// Retries: 250 ms doubling, capped at 1 s, at most 6 (4.75 s in all). The cap ends a
// chain soon after an outage of a few seconds instead of sleeping 4 s and 8 s past it.
constexpr int kBaseMillis = 250;
constexpr int kCapMillis = 1000;
constexpr int kMaxRetries = 6;

// "http://127.0.0.1:8080/api/v3" -> {"http://127.0.0.1:8080", "/api/v3"}.
std::pair<std::string, std::string> SplitUrl(const std::string& url) {
  const std::size_t scheme = url.find("://");
  const std::size_t path = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (path == std::string::npos) return {url, ""};
  std::string prefix = url.substr(path);
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  return {url.substr(0, path), prefix};
}

std::unique_ptr<httplib::Client> NewClient(const std::string& host) {
  auto client = std::make_unique<httplib::Client>(host);
  client->set_connection_timeout(2, 0);
  client->set_read_timeout(5, 0);
  client->set_write_timeout(5, 0);
  client->set_keep_alive(true);
  return client;
}

Json ParseJson(const std::string& body) {
  Json j = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  return j.is_discarded() ? Json(nullptr) : j;
}

}  // namespace

const std::set<std::string>& Bugs::Known() {
  static const std::set<std::string> known = {
      "no-backoff",      "no-retry",         "retry-400",     "token-per-call",
      "skip-partition",  "late-partitions",  "commit-unseen", "rare-commit",
      "resume-from-start", "resume-from-end", "strict-json"};
  return known;
}

bool Stopping() { return g_stopping.load(); }

void RequestStop() {
  {
    std::lock_guard<std::mutex> lock(g_sleep_mu);
    g_stopping = true;
  }
  g_sleep_cv.notify_all();
}

bool SleepFor(std::chrono::milliseconds d) {
  std::unique_lock<std::mutex> lock(g_sleep_mu);
  g_sleep_cv.wait_for(lock, d, [] { return g_stopping.load(); });
  return !g_stopping.load();
}

void Log(const std::string& who, const std::string& line) {
  const auto now = std::chrono::system_clock::now();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char stamp[64];
  std::snprintf(stamp, sizeof stamp, "%02d:%02d:%02d.%03d", tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  std::lock_guard<std::mutex> lock(g_log_mu);
  std::fprintf(stderr, "%s [%s] %s\n", stamp, who.c_str(), line.c_str());
}

std::string Encode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string Tokens::Get(const std::string& who) {
  std::lock_guard<std::mutex> lock(mu_);
  // token-per-call: the defect, a new token for every request.
  if (token_.empty() || config_.bugs.Is("token-per-call")) token_ = Fetch(who);
  return token_;
}

std::string Tokens::Renew(const std::string& failed, const std::string& who) {
  std::lock_guard<std::mutex> lock(mu_);
  if (token_.empty() || token_ == failed) token_ = Fetch(who);
  return token_;
}

// Client credentials, form-encoded; transient answers are retried like any request.
std::string Tokens::Fetch(const std::string& who) {
  const auto [host, prefix] = SplitUrl(config_.api_url);
  auto client = NewClient(host);
  const std::string form = "grant_type=client_credentials&client_id=" + Encode(config_.client_id) +
                           "&client_secret=" + Encode(config_.client_secret);
  for (int attempt = 0; attempt <= kMaxRetries && !Stopping(); ++attempt) {
    auto res = client->Post(prefix + "/oauth2/token", form, "application/x-www-form-urlencoded");
    const int status = res ? res->status : 0;
    if (status >= 200 && status < 300) {
      const Json j = ParseJson(res->body);
      if (j.is_object() && j.contains("access_token") && j["access_token"].is_string()) {
        Log(who, "POST /oauth2/token -> " + std::to_string(status) + " (new token)");
        return j["access_token"].get<std::string>();
      }
    }
    Log(who, "POST /oauth2/token -> " + std::to_string(status));
    if (!Response::Transient(status)) break;
    SleepFor(std::chrono::milliseconds(std::min(kBaseMillis << attempt, kCapMillis)));
  }
  return "";
}

struct Api::Impl {
  std::string host;
  std::string prefix;
  std::unique_ptr<httplib::Client> client;
};

Api::Api(const Config& config, Tokens& tokens, std::string who)
    : impl_(std::make_unique<Impl>()), config_(config), tokens_(tokens), who_(std::move(who)) {
  std::tie(impl_->host, impl_->prefix) = SplitUrl(config.api_url);
  impl_->client = NewClient(impl_->host);
}

Api::~Api() = default;

Response Api::Get(const std::string& target) { return Send("GET", target); }
Response Api::Put(const std::string& target) { return Send("PUT", target); }

Response Api::Once(const std::string& method, const std::string& target, const std::string& token) {
  httplib::Headers headers = {{"Accept", "application/json"}};
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  const std::string path = impl_->prefix + target;
  auto res = method == "GET" ? impl_->client->Get(path.c_str(), headers)
                             : impl_->client->Put(path.c_str(), headers, std::string(), "application/json");
  Response r;
  if (!res) {
    // A dropped connection: the next attempt opens a new one.
    impl_->client = NewClient(impl_->host);
    return r;
  }
  r.status = res->status;
  r.body = res->body;
  r.json = ParseJson(r.body);
  return r;
}

Response Api::Send(const std::string& method, const std::string& target) {
  const Bugs& bugs = config_.bugs;
  bool renewed = false;
  int retries = 0;
  while (true) {
    if (Stopping()) return Response{-1, "", nullptr};
    Response r;
    {
      std::lock_guard<std::mutex> lock(g_exchange_mu);
      // token-per-call (the defect) fetches a new token here, for every request.
      const std::string token = tokens_.Get(who_);
      r = Once(method, target, token);
      if (r.status == 401) tokens_.Renew(token, who_);
    }
    Log(who_, method + " " + target + " -> " + (r.status == 0 ? std::string("no answer") : std::to_string(r.status)));
    if (r.status == 401 && !renewed) {
      renewed = true;  // once: the request again with the new token
      continue;
    }
    // retry-400: the defect, a refused request is sent again as if it were transient.
    const bool again = Response::Transient(r.status) || (bugs.Is("retry-400") && r.status == 400);
    if (!again || bugs.Is("no-retry")) return r;
    if (bugs.Is("no-backoff")) {
      // The defect: a constant short wait and no limit.
      if (!SleepFor(std::chrono::milliseconds(50))) return Response{-1, "", nullptr};
      continue;
    }
    if (retries == kMaxRetries) return r;
    const auto wait = std::chrono::milliseconds(std::min(kBaseMillis << retries, kCapMillis));
    ++retries;
    Log(who_, "retry " + std::to_string(retries) + " in " + std::to_string(wait.count()) + " ms");
    if (!SleepFor(wait)) return Response{-1, "", nullptr};
  }
}

}  // namespace consumer
