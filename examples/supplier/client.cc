#include "client.h"

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>
#include <iostream>
#include <memory>
#include <thread>

#include <httplib.h>

namespace supplier {

std::atomic<bool> g_stopping{false};

namespace {

std::mutex g_sleep_mu;
std::condition_variable g_sleep_cv;
std::mutex g_log_mu;

// One exchange at a time for the whole process: a token read, its request and, on a
// 401, the renewal all happen before the other job sends anything, so no request ever
// leaves with a token after that token was answered 401.
std::mutex g_exchange_mu;

// Retry schedule (facts §1.8: back off exponentially): 120 ms doubling, capped at 800 ms,
// at most 6 retries. Six transient answers in a row then cost 3.2 s, not the 15.75 s of
// an uncapped 250 ms doubling (which would hold the poll past the acknowledge deadlines),
// and the chain still outlasts an outage of a few seconds.
constexpr int kBaseMillis = 120;
constexpr int kCapMillis = 800;
constexpr int kMaxRetries = 6;

bool Transient(int status) {
  return status == 0 || status == 408 || status == 429 || status == 500 || status == 502 || status == 503 ||
         status == 504;
}

std::string UrlEncode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += hex[u >> 4];
      out += hex[u & 15];
    }
  }
  return out;
}

// "http://host:port/api/v3" -> ("http://host:port", "/api/v3").
std::pair<std::string, std::string> SplitUrl(const std::string& url) {
  const std::size_t scheme = url.find("://");
  const std::size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (slash == std::string::npos) return {url, ""};
  std::string base = url.substr(slash);
  while (!base.empty() && base.back() == '/') base.pop_back();
  return {url.substr(0, slash), base};
}

std::unique_ptr<httplib::Client> NewClient(const std::string& origin) {
  auto c = std::make_unique<httplib::Client>(origin);
  c->set_connection_timeout(2, 0);
  c->set_read_timeout(10, 0);
  c->set_write_timeout(5, 0);
  c->set_keep_alive(true);
  return c;
}

Json ParseJson(const std::string& body) { return Json::parse(body, nullptr, false); }

}  // namespace

const std::set<std::string>& Bugs::Known() {
  static const std::set<std::string> known = {
      "no-auth-first", "reuse-expired", "token-per-call", "no-retry",       "no-backoff",
      "retry-400",     "short-retry",   "rate-burst",     "until-too-recent", "window-gap",
      "no-scroll",     "slow-answer",   "no-close",       "answer-closed",  "no-ack",
      "ship-part",     "missing-field", "invoice-wrong",  "ignore-cancel",  "single-calls",
      "ignore-change-log", "strict-json"};
  return known;
}

bool SleepFor(std::chrono::milliseconds d) {
  std::unique_lock<std::mutex> lock(g_sleep_mu);
  return !g_sleep_cv.wait_for(lock, d, [] { return g_stopping.load(); });
}

void WakeSleepers() { g_sleep_cv.notify_all(); }

void Log(const std::string& who, const std::string& line) {
  const std::string text = IsoMillis(NowMillis()) + " [" + who + "] " + line + "\n";
  std::lock_guard<std::mutex> lock(g_log_mu);
  std::fputs(text.c_str(), stderr);
}

std::int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string IsoMillis(std::int64_t epoch_millis) {
  const std::time_t secs = static_cast<std::time_t>(epoch_millis / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(epoch_millis % 1000));
  return buf;
}

std::int64_t ParseIsoMillis(const std::string& text) {
  std::tm tm{};
  int millis = 0;
  char rest[16] = {0};
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3d%15s", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec, &millis, rest) < 7) {
    return -1;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  std::int64_t offset = 0;  // "+hh:mm" or "Z"
  int oh = 0, om = 0;
  if ((rest[0] == '+' || rest[0] == '-') && std::sscanf(rest + 1, "%2d:%2d", &oh, &om) == 2) {
    offset = (rest[0] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
  }
  return (static_cast<std::int64_t>(timegm(&tm)) - offset) * 1000 + millis;
}

void StrictKeys(const Config& config, const Json& j, std::initializer_list<const char*> known,
                const std::string& what) {
  if (!config.bugs.Is("strict-json") || !j.is_object()) return;
  for (const auto& item : j.items()) {
    const std::string key = item.key();  // not a structured binding: clang 14 cannot capture one
    if (std::none_of(known.begin(), known.end(), [&](const char* k) { return key == k; })) {
      throw UnknownAttribute(what + ": unknown attribute " + key);
    }
  }
}

Json LoadState(const Config& config, const std::string& name) {
  std::ifstream in(config.state_dir + "/" + name + ".json");
  if (!in) return Json::object();
  std::stringstream text;
  text << in.rdbuf();
  Json j = ParseJson(text.str());
  return j.is_object() ? j : Json::object();
}

void SaveState(const Config& config, const std::string& name, const Json& state) {
  const std::string path = config.state_dir + "/" + name + ".json";
  {
    std::ofstream out(path + ".tmp", std::ios::trunc);
    out << state.dump();
  }
  std::rename((path + ".tmp").c_str(), path.c_str());
}

// ---- Limiter ----

Limiter::Limiter(std::string state_dir) : state_dir_(std::move(state_dir)) {
  // Family -> budget, each below the spec's limit (facts §1.8): the conversation
  // endpoints 4/s each (the spec's 5/s each).
  const std::map<std::string, std::pair<int, int>> limits = {
      {"conversationList", {4, 240}}, {"messageList", {4, 240}}, {"message", {4, 240}},
      {"conversationUpdate", {4, 240}}, {"getOrders", {8, 400}},   {"getOrder", {8, 400}},
      {"acknowledge", {10, 800}},     {"inventory", {10, 250}},  {"singleShipment", {10, 250}},
      {"invoice", {10, 800}},         {"batch", {8, 400}},       {"changeLog", {8, 400}}};
  // What the process before a restart sent still counts against the windows.
  Config where;
  where.state_dir = state_dir_;
  const Json saved = LoadState(where, "limiter");
  for (const auto& [family, l] : limits) {
    Budget b{l.first, l.second, {}};
    if (saved.contains(family) && saved[family].is_array()) {
      for (const Json& t : saved[family]) {
        if (t.is_number_integer()) b.sent.push_back(t.get<std::int64_t>());
      }
    }
    budgets_.emplace(family, std::move(b));
  }
}

void Limiter::SaveLocked() {
  Json out = Json::object();
  for (const auto& [family, b] : budgets_) {
    out[family] = Json::array();
    for (const std::int64_t t : b.sent) {
      if (NowMillis() - t < 1000) out[family].push_back(t);
    }
  }
  Config where;
  where.state_dir = state_dir_;
  SaveState(where, "limiter", out);
}

void Limiter::Acquire(const std::string& family, bool bypass) {
  for (;;) {
    std::int64_t wait = 0;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = budgets_.find(family);
      if (it == budgets_.end()) return;
      Budget& b = it->second;
      const std::int64_t now = NowMillis();
      while (!b.sent.empty() && now - b.sent.front() >= 60000) b.sent.pop_front();
      const auto in_last_second =
          std::count_if(b.sent.begin(), b.sent.end(), [&](std::int64_t t) { return now - t < 1000; });
      if (bypass || (in_last_second < b.per_second && static_cast<int>(b.sent.size()) < b.per_minute)) {
        b.sent.push_back(now);
        SaveLocked();
        return;
      }
      // Wait until the oldest send that blocks us leaves its window.
      const std::int64_t oldest_in_second = b.sent[b.sent.size() - static_cast<std::size_t>(in_last_second)];
      wait = in_last_second >= b.per_second ? oldest_in_second + 1000 - now : b.sent.front() + 60000 - now;
    }
    if (!SleepFor(std::chrono::milliseconds(std::max<std::int64_t>(wait, 0) + 5))) return;
  }
}

void Limiter::Refund(const std::string& family) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = budgets_.find(family);
  if (it != budgets_.end() && !it->second.sent.empty()) {
    it->second.sent.pop_back();
    SaveLocked();
  }
}

// ---- Tokens ----

std::string Tokens::Get(const std::string& who) {
  std::lock_guard<std::mutex> lock(mu_);
  if (token_.empty() || config_.bugs.Is("token-per-call")) token_ = Fetch(who);
  return token_;
}

std::string Tokens::Renew(const std::string& failed, const std::string& who) {
  std::lock_guard<std::mutex> lock(mu_);
  if (token_.empty() || token_ == failed) token_ = Fetch(who);
  return token_;
}

// Client credentials, form-encoded. The token route is retried like any other.
std::string Tokens::Fetch(const std::string& who) {
  const auto [origin, base] = SplitUrl(config_.api_url);
  auto client = NewClient(origin);
  const std::string form = "grant_type=client_credentials&client_id=" + UrlEncode(config_.client_id) +
                           "&client_secret=" + UrlEncode(config_.client_secret);
  int wait = kBaseMillis;
  for (int attempt = 0; !g_stopping; ++attempt) {
    auto res = client->Post(base + "/oauth2/token", form, "application/x-www-form-urlencoded");
    const int status = res ? res->status : 0;
    if (status == 200) {
      const Json j = ParseJson(res->body);
      StrictKeys(config_, j, {"access_token", "token_type", "expires_in", "scope"}, "token");
      if (j.is_object() && j.contains("access_token") && j["access_token"].is_string()) {
        Log(who, "token: new access token");
        return j["access_token"].get<std::string>();
      }
    }
    Log(who, "token: request answered " + std::to_string(status));
    if (!Transient(status) || attempt >= kMaxRetries) {
      if (!SleepFor(std::chrono::seconds(1))) break;  // bad credentials: do not hammer
    } else if (!SleepFor(std::chrono::milliseconds(wait))) {
      break;
    }
    wait = std::min(wait * 2, kCapMillis);
  }
  return "";
}

// ---- Api ----

struct Api::Impl {
  std::unique_ptr<httplib::Client> client;
  std::string base;
};

Api::Api(const Config& config, Tokens& tokens, Limiter& limiter, std::string who)
    : impl_(new Impl), config_(config), tokens_(tokens), limiter_(limiter), who_(std::move(who)) {
  const auto [origin, base] = SplitUrl(config.api_url);
  impl_->client = NewClient(origin);
  impl_->base = base;
}

Api::~Api() { delete impl_; }

Response Api::Get(const std::string& path, const std::map<std::string, std::string>& query,
                  const std::string& family) {
  std::string target = path;
  char sep = '?';
  for (const auto& [k, v] : query) {
    target += sep + UrlEncode(k) + "=" + UrlEncode(v);
    sep = '&';
  }
  return Send("GET", target, "", family, false);
}

Response Api::Post(const std::string& path, const Json& body, const std::string& family) {
  return Send("POST", path, body.dump(), family, false);
}

Response Api::Put(const std::string& path, const Json& body, const std::string& family) {
  return Send("PUT", path, body.dump(), family, false);
}

Response Api::PostUnlimited(const std::string& path, const Json& body, const std::string& family) {
  return Send("POST", path, body.dump(), family, true);
}

Response Api::Once(const std::string& method, const std::string& target, const std::string& body,
                   const std::string& token) {
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  const std::string url = impl_->base + target;
  httplib::Result res = method == "GET"    ? impl_->client->Get(url, headers)
                        : method == "POST" ? impl_->client->Post(url, headers, body, "application/json")
                                           : impl_->client->Put(url, headers, body, "application/json");
  Response out;
  if (!res) return out;
  out.status = res->status;
  out.body = res->body;
  out.json = ParseJson(res->body);
  if (out.json.is_discarded()) out.json = nullptr;
  return out;
}

// The identical request (method, target, body) is what gets resent: a retry never
// recomputes anything.
Response Api::Send(const std::string& method, const std::string& target, const std::string& body,
                   const std::string& family, bool bypass_limit) {
  static std::atomic<bool> first_call{true};
  const Bugs& bugs = config_.bugs;
  const int max_retries = bugs.Is("no-retry") ? 0 : bugs.Is("short-retry") ? 2 : bugs.Is("no-backoff") ? 1000
                                                                                                      : kMaxRetries;
  int wait = bugs.Is("no-backoff") ? 100 : kBaseMillis;
  int retries = 0;
  int auth_retries = 0;
  bool reused_expired = false;
  bool resent_refused = false;
  std::string token;
  bool have_token = false;
  for (;;) {
    if (g_stopping) return Response{-1, "", nullptr};
    limiter_.Acquire(family, bypass_limit);
    if (g_stopping) return Response{-1, "", nullptr};
    Response res;
    bool renewed = false;
    {
      std::lock_guard<std::mutex> exchange(g_exchange_mu);
      if (!have_token) {
        // no-auth-first: the process's very first API call goes out without a token.
        const bool skip = bugs.Is("no-auth-first") && first_call.exchange(false);
        token = skip ? "" : tokens_.Get(who_);
        have_token = true;
      } else if (bugs.Is("token-per-call")) {
        token = tokens_.Get(who_);
      }
      first_call = false;
      res = Once(method, target, body, token);
      if (res.status == 401 && auth_retries < 3) {
        ++auth_retries;
        renewed = true;
        if (bugs.Is("reuse-expired") && !reused_expired && !token.empty()) {
          reused_expired = true;  // the defect: the same token once more
        } else {
          token = tokens_.Renew(token, who_);
        }
      }
    }
    Log(who_, method + " " + target.substr(0, 120) + " -> " + std::to_string(res.status));
    if (renewed && !token.empty()) {
      limiter_.Refund(family);
      continue;
    }
    if (Transient(res.status)) {
      if (res.status != 429) limiter_.Refund(family);
      if (retries >= max_retries) {
        Log(who_, "giving up after " + std::to_string(retries) + " retries");
        return res;
      }
      ++retries;
      Log(who_, "retry " + std::to_string(retries) + " in " + std::to_string(wait) + " ms");
      if (!SleepFor(std::chrono::milliseconds(wait))) return Response{-1, "", nullptr};
      if (!bugs.Is("no-backoff")) wait = std::min(wait * 2, kCapMillis);
      continue;
    }
    if (res.status >= 400 && res.status < 500 && res.status != 401 && bugs.Is("retry-400") && !resent_refused) {
      resent_refused = true;  // the defect: resend what the platform refused
      continue;
    }
    return res;
  }
}

}  // namespace supplier
