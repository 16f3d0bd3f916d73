#include "dscosim/fakes/tenant.h"

#include <algorithm>
#include <thread>

#include "dscosim/model/core/json_fields.h"
#include "dscosim/scenarios/worlds/demo_world.h"

namespace dscosim::fakes {

// --- Tokens ---------------------------------------------------------------------------

std::string TokenStore::Issue(World& world, const std::string& account_id) {
  const std::string token = ids_.NextToken(48);
  tokens_[token] = Token{account_id, world.now() + std::chrono::seconds(kLifetimeSeconds)};
  // Forgetting is decided here, as of now, but the map is swept only when it has doubled
  // since the last sweep: erasing on every Issue made token requests O(tokens) each.
  forget_before_ = world.now() - std::chrono::hours(24);
  if (tokens_.size() >= sweep_at_) {
    std::erase_if(tokens_, [&](const auto& t) { return Forgotten(t.second); });
    sweep_at_ = std::max<std::size_t>(1024, 2 * tokens_.size());
  }
  return token;
}

bool TokenStore::Forgotten(const Token& t) const {
  return forget_before_ && t.expires < *forget_before_;
}

Result<std::string> TokenStore::Check(std::string_view token, Time now) const {
  const auto it = tokens_.find(token);
  if (it == tokens_.end() || Forgotten(it->second)) return Unauthenticated("the access token is not valid");
  if (now >= it->second.expires) return Unauthenticated("the access token has expired");
  return it->second.account_id;
}

int TokenStore::ExpireAll(Time now, std::string_view account_id) {
  int n = 0;
  for (auto& [token, t] : tokens_) {
    if (!account_id.empty() && t.account_id != account_id) continue;
    if (t.expires > now) {
      t.expires = now;
      ++n;
    }
  }
  return n;
}

// --- Rate limits ----------------------------------------------------------------------

bool RateLimiter::Admit(const RateLimit& limit, std::string_view account, Time now) {
  if (!enabled) return true;
  struct Span {
    int max;
    std::int64_t seconds;
    const char* tag;
  };
  const Span spans[] = {{limit.per_second, 1, "s"}, {limit.per_minute, 60, "m"}, {limit.per_hour, 3600, "h"}};
  const std::int64_t now_s = MicrosOf(now) / 1000000;
  std::vector<Window*> touched;
  for (const Span& span : spans) {
    if (span.max <= 0) continue;
    Window& w = windows_[std::string(account) + "/" + limit.name + "/" + span.tag];
    const std::int64_t start = now_s - now_s % span.seconds;
    if (w.start != start) {
      w.start = start;
      w.count = 0;
    }
    if (w.count >= span.max) return false;
    touched.push_back(&w);
  }
  for (Window* w : touched) ++w->count;
  return true;
}

// --- Fault rules ----------------------------------------------------------------------

Result<FaultRule> FaultRule::FromJson(const Json& json, std::string id) {
  DSCOSIM_RETURN_IF_ERROR(RequireObject(json, ""));
  FaultRule r;
  r.id = std::move(id);
  DSCOSIM_ASSIGN_OR_RETURN(r.method, OptString(json, "method"));
  DSCOSIM_ASSIGN_OR_RETURN(r.path_prefix, OptString(json, "path"));
  DSCOSIM_ASSIGN_OR_RETURN(r.account, OptString(json, "account"));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::int64_t> status, OptInt(json, "status"));
  if (status) {
    if (*status < 100 || *status > 599) return InvalidArgument("status", "must be an HTTP status");
    r.status = static_cast<int>(*status);
  }
  if (json.contains("body")) r.body = json["body"];
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::int64_t> delay, OptInt(json, "delayMs"));
  if (delay && (*delay < 0 || *delay > 600000)) {
    return InvalidArgument("delayMs", "must be between 0 and 600000");
  }
  r.delay_ms = static_cast<int>(delay.value_or(0));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<bool> drop, OptBool(json, "drop"));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<bool> reset, OptBool(json, "reset"));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<bool> after, OptBool(json, "after"));
  r.drop = drop.value_or(false);
  r.reset = reset.value_or(false);
  r.after = after.value_or(false);
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::int64_t> count, OptInt(json, "count"));
  if (count) {
    if (*count < 1) return InvalidArgument("count", "must be at least 1");
    r.remaining = static_cast<int>(*count);
  }
  DSCOSIM_ASSIGN_OR_RETURN(r.from, OptTime(json, "from"));
  DSCOSIM_ASSIGN_OR_RETURN(r.until, OptTime(json, "until"));
  DSCOSIM_ASSIGN_OR_RETURN(r.probability, OptNumber(json, "probability"));
  if (r.probability && (*r.probability < 0 || *r.probability > 1)) {
    return InvalidArgument("probability", "must be between 0 and 1");
  }
  if (!r.status && r.delay_ms == 0 && !r.drop && !r.reset) {
    return InvalidArgument("status", "a rule needs status, delayMs, drop or reset");
  }
  return r;
}

Json FaultRule::ToJson() const {
  Json j = {{"id", id}, {"fired", fired}, {"drop", drop}, {"reset", reset}, {"after", after},
            {"delayMs", delay_ms}};
  if (method) j["method"] = *method;
  if (path_prefix) j["path"] = *path_prefix;
  if (account) j["account"] = *account;
  if (status) j["status"] = *status;
  if (body) j["body"] = *body;
  if (remaining) j["remaining"] = *remaining;
  if (from) j["from"] = FormatIso8601(*from);
  if (until) j["until"] = FormatIso8601(*until);
  if (probability) j["probability"] = *probability;
  return j;
}

void DeferredBody::Set(const std::string& text) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!json_) return;  // a reader was first
  text_ = text.substr(0, limit_);
  json_.reset();
}

std::string DeferredBody::Get() const {
  std::lock_guard<std::mutex> lock(mu_);
  if (json_) {
    text_ = json_->dump(-1, ' ', false, Json::error_handler_t::replace).substr(0, limit_);
    json_.reset();
  }
  return text_;
}

Json Exchange::ToJson() const {
  Json j = {{"seq", sequence},
            {"wallTime", wall_time},
            {"wallMicros", wall_micros},
            {"virtualTime", virtual_time},
            {"virtualMicros", virtual_micros},
            {"method", method},
            {"target", target},
            {"route", route},
            {"requestHeaders", request_headers},
            {"requestBody", request_body},
            {"status", status},
            {"responseBody", deferred_response_body ? deferred_response_body->Get() : response_body},
            {"durationMicros", duration_micros}};
  if (!account.empty()) j["account"] = account;
  if (!token.empty()) j["token"] = token;
  if (!fault.empty()) j["fault"] = fault;
  return j;
}

// --- Request queue --------------------------------------------------------------------

void RequestQueue::LockQueue() {
  for (int spins = 0; queue_lock_.test_and_set(std::memory_order_acquire); ++spins) {
    if (spins >= 64) std::this_thread::yield();  // the holder was preempted
  }
}

void RequestQueue::Run(std::mutex& mu, const std::function<void()>& work) {
  Job job;
  job.work = &work;
  LockQueue();
  queue_.push_back(&job);
  const bool run = !running_;
  running_ = true;
  UnlockQueue();
  if (!run) {
    job.wake.acquire();  // done, or handed the runner's role
    if (job.runner) RunQueue(mu, job);
  } else {
    RunQueue(mu, job);
  }
  if (job.error) std::rethrow_exception(job.error);
}

void RequestQueue::RunQueue(std::mutex& mu, Job& own) {
  std::lock_guard<std::mutex> lock(mu);
  int after_own = 0;
  while (true) {
    LockQueue();
    if (queue_.empty()) {
      running_ = false;
      UnlockQueue();
      return;
    }
    Job* next = queue_.front();
    if (own.done && after_own >= kRunAfterOwn) {
      next->runner = true;  // `running_` stays set: the role passes to it
      UnlockQueue();
      next->wake.release();
      return;
    }
    queue_.pop_front();
    UnlockQueue();
    try {
      (*next->work)();
    } catch (...) {
      next->error = std::current_exception();
    }
    next->done = true;
    if (next != &own) next->wake.release();
    if (own.done) ++after_own;
  }
}

// --- Tenant ---------------------------------------------------------------------------

WorldOptions DefaultWorldOptions() {
  WorldOptions wo;
  wo.trace_retention = 10000;
  wo.event_retention = 10000;
  return wo;
}

Tenant::Tenant(const TenantOptions& o) : options(o) {}

Result<World> BuildTenantWorld(const std::optional<Json>& spec, WorldOptions options,
                               std::map<std::string, std::string>* account_keys) {
  if (spec && !IsDemoWorld(*spec)) return BuildWorldFromJson(*spec, options, account_keys);
  if (spec) {
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::int64_t> seed, OptInt(*spec, "seed"));
    if (seed) options.seed = static_cast<std::uint64_t>(*seed);
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<Time> start, OptTime(*spec, "start"));
    if (start) options.start = *start;
  }
  World world(options);
  DSCOSIM_RETURN_IF_ERROR(BuildDemoWorld(world).status());
  if (account_keys != nullptr) account_keys->clear();
  return world;
}

bool IsDemoWorld(const Json& spec) {
  return spec.is_object() && spec.contains("demo") && spec["demo"] == true;
}

Result<std::unique_ptr<Tenant>> Tenant::Create(const TenantOptions& options) {
  std::unique_ptr<Tenant> t(new Tenant(options));
  WorldOptions wo = options.world_options;
  wo.seed = options.seed;
  DSCOSIM_ASSIGN_OR_RETURN(t->world, BuildTenantWorld(options.world, wo, &t->account_keys));
  t->fault_rng = t->world.Fork("faults");
  t->tokens = TokenStore(t->world.Fork("access-tokens/" + options.name));
  t->limits.enabled = options.rate_limits;
  t->wall_anchor_ = std::chrono::steady_clock::now();
  t->virtual_anchor_ = t->world.now();
  return t;
}

void Tenant::SyncClock() {
  if (options.mode != ClockMode::kRealtime) return;
  const auto wall = std::chrono::steady_clock::now() - wall_anchor_;
  const auto scaled = std::chrono::duration_cast<Duration>(
      std::chrono::duration<double, std::micro>(
          static_cast<double>(std::chrono::duration_cast<Duration>(wall).count()) * options.speed));
  const Time target = virtual_anchor_ + scaled;
  if (target > world.now()) (void)world.AdvanceTo(target);
}

void Tenant::Reanchor() {
  wall_anchor_ = std::chrono::steady_clock::now();
  virtual_anchor_ = world.now();
}

void Tenant::SetMode(ClockMode mode, double speed) {
  SyncClock();
  options.mode = mode;
  options.speed = speed;
  wall_anchor_ = std::chrono::steady_clock::now();
  virtual_anchor_ = world.now();
}

void Tenant::Reset() {
  auto fresh = Create(options);
  if (!fresh.ok()) return;
  world = (*fresh)->world;
  account_keys = (*fresh)->account_keys;
  tokens = TokenStore(world.Fork("access-tokens/" + options.name));
  limits = RateLimiter{};
  limits.enabled = options.rate_limits;
  faults.clear();
  fault_rng = world.Fork("faults");
  wall_anchor_ = std::chrono::steady_clock::now();
  virtual_anchor_ = world.now();
  world_built_after = exchanges;
  export_blocked.clear();
}

Json Tenant::ClockJson() const {
  return {{"now", FormatIso8601(world.now())},
          {"nowMicros", MicrosOf(world.now())},
          {"mode", options.mode == ClockMode::kRealtime ? "realtime" : "manual"},
          {"speed", options.speed},
          {"pendingTimers", world.clock().PendingTimers()}};
}

}  // namespace dscosim::fakes
