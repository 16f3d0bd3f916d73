#include "dscosim/conformance/harness.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "dscosim/conformance/events.h"
#include "dscosim/conformance/process.h"
#include "dscosim/fakes/server.h"
#include "dscosim/model/core/time.h"

namespace dscosim::conformance {
namespace {

using SteadyClock = std::chrono::steady_clock;

std::int64_t SystemMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Status MakeDir(const std::string& path) {
  if (mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) {
    return Unavailable("cannot create " + path + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

// Runs one pass: its own fake, the integration, the driver's steps.
class PassRunner final : public DriverContext {
 public:
  PassRunner(const Profile& profile, const ConformOptions& options, int pass, bool compat,
             Json settings, std::string dir, std::ostream& progress, std::mutex& progress_mu)
      : profile_(profile), options_(options), pass_(pass), compat_(compat),
        settings_(std::move(settings)), dir_(std::move(dir)), progress_(progress),
        progress_mu_(progress_mu), rng_(Rng(options.seed).Fork("conform").Fork("driver")) {}

  ~PassRunner() override {
    if (server_) server_->Stop();
  }

  Status Run(SteadyClock::time_point deadline) {
    DSCOSIM_RETURN_IF_ERROR(MakeDir(dir_));
    DSCOSIM_RETURN_IF_ERROR(MakeDir(dir_ + "/state"));
    DSCOSIM_RETURN_IF_ERROR(StartServer());
    std::vector<Step> steps = CommonSteps(settings_);
    for (Step& s : profile_.schedule(settings_, rng_)) steps.push_back(std::move(s));
    std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) { return a.at < b.at; });

    std::size_t next = 0;
    for (; next < steps.size() && steps[next].at <= 0; ++next) Do(steps[next]);
    env_ = {{"DSCO_API_URL", server_->api_url()},
            {"DSCO_CLIENT_ID", Account(profile_.integration_account).value("clientId", "")},
            {"DSCO_CLIENT_SECRET", Account(profile_.integration_account).value("clientSecret", "")},
            {"DSCO_ACCOUNT_ID", AccountId(profile_.integration_account)},
            {"DSCO_STATE_DIR", dir_ + "/state"}};
    if (profile_.extra_env) {
      for (auto& [k, v] : profile_.extra_env(*this)) env_[k] = v;
    }
    DSCOSIM_RETURN_IF_ERROR(StartIntegration());
    const double end = settings_.value("passSeconds", 30.0);
    for (; next < steps.size() && steps[next].at < end; ++next) {
      DSCOSIM_RETURN_IF_ERROR(WaitUntil(steps[next].at, deadline));
      Do(steps[next]);
    }
    DSCOSIM_RETURN_IF_ERROR(WaitUntil(end, deadline));
    StopIntegration("end");
    Log("pass end: recording the platform's final state");
    if (profile_.finish) profile_.finish(*this);
    Record(events::kPassEnd, Json::object());
    return Status::Ok();
  }

  // The pass's lines: its header, the driver's events, the integration's exchanges.
  std::vector<std::string> Lines() {
    std::vector<std::string> lines;
    PassInfo info;
    info.pass = pass_;
    info.compat_extra_fields = compat_;
    info.account_id = AccountId(profile_.integration_account);
    info.settings = settings_;
    lines.push_back(PassLine(info).dump());
    {
      std::lock_guard<std::mutex> lock(events_mu_);
      for (const Event& e : events_) lines.push_back(EventLine(e).dump());
    }
    if (server_) {
      fakes::Tenant& tenant = server_->tenant();
      std::lock_guard<std::mutex> lock(tenant.mu);
      for (const fakes::Exchange& e : tenant.history) {
        Json j = e.ToJson();
        j["type"] = "exchange";
        j["pass"] = pass_;
        lines.push_back(j.dump(-1, ' ', false, Json::error_handler_t::replace));
      }
    }
    return lines;
  }

  // --- DriverContext ---
  Answer Act(const std::string& account_key, const std::string& method, const std::string& target,
             const Json& body) override {
    fakes::Tenant& tenant = server_->tenant();
    std::lock_guard<std::mutex> lock(tenant.mu);
    tenant.SyncClock();
    return ActLocked(tenant, account_key, method, target, body);
  }
  Answer ActLocked(fakes::Tenant& tenant, const std::string& account_key, const std::string& method,
                   const std::string& target, const Json& body) override {
    fakes::HttpResponse r = server_->api().CallLocked(tenant, AccountId(account_key), method, target, body);
    Answer a;
    a.status = r.status;
    a.body = Json::parse(r.body, nullptr, /*allow_exceptions=*/false);
    if (a.body.is_discarded()) a.body = r.body.empty() ? Json(nullptr) : Json(r.body);
    return a;
  }
  void Record(const std::string& kind, Json data) override {
    Event e;
    e.pass = pass_;
    e.kind = kind;
    e.wall_micros = SystemMicros();
    e.virtual_micros = NowVirtualMicros();
    e.data = std::move(data);
    std::lock_guard<std::mutex> lock(events_mu_);
    events_.push_back(std::move(e));
  }
  void WithTenant(const std::function<void(fakes::Tenant&)>& fn) override {
    fakes::Tenant& tenant = server_->tenant();
    std::lock_guard<std::mutex> lock(tenant.mu);
    tenant.SyncClock();
    fn(tenant);
  }
  void SetHook(fakes::RequestHook hook) override {
    WithTenant([&](fakes::Tenant& t) { t.request_hook = std::move(hook); });
  }
  std::int64_t NowVirtualMicros() override {
    return virtual_start_micros_ + static_cast<std::int64_t>(std::llround(Elapsed() * 1e6));
  }
  double Elapsed() override {
    const auto wall = std::chrono::duration<double>(SteadyClock::now() - wall_start_).count();
    return wall * options_.speed;
  }
  std::string AccountId(const std::string& account_key) override {
    return Account(account_key).value("dscoAccountId", "");
  }
  Rng& rng() override { return rng_; }
  const Json& settings() override { return settings_; }
  void RestartIntegration() override {
    StopIntegration("restart");
    if (Status s = StartIntegration(); !s.ok()) Log("could not restart the integration: " + s.message());
  }

 private:
  Json Account(const std::string& key) const {
    for (const Json& a : world_.value("accounts", Json::array())) {
      if (a.value("key", "") == key) return a;
    }
    return Json::object();
  }

  Status StartServer() {
    const std::int64_t start_micros = SystemMicros();
    // Loading a world file lets orders finish post-processing (the clock moves on by the
    // delay): start that much earlier so the platform's clock reads the wall clock.
    WorldOptions policies = fakes::DefaultWorldOptions();
    if (profile_.policies) profile_.policies(policies);
    world_ = profile_.world(
        FormatIso8601Millis(TimeFromMicros(start_micros - MicrosOf(Time(policies.orders.post_processing_delay)))));
    fakes::ServerOptions so;
    so.threads = 16;
    so.tenant.seed = options_.seed;
    so.tenant.world = world_;
    so.tenant.mode = fakes::ClockMode::kRealtime;
    so.tenant.speed = options_.speed;
    so.tenant.rate_limits = true;
    if (profile_.policies) profile_.policies(so.tenant.world_options);
    so.serve.compat_extra_fields = compat_;
    so.serve.tenant_template = so.tenant;
    server_ = std::make_unique<fakes::FakeServer>(so);
    DSCOSIM_RETURN_IF_ERROR(server_->Start());
    fakes::Tenant& tenant = server_->tenant();
    std::lock_guard<std::mutex> lock(tenant.mu);
    tenant.Reanchor();
    wall_start_ = SteadyClock::now();
    virtual_start_micros_ = MicrosOf(tenant.world.now());
    Log("fake listening at " + server_->api_url() + (compat_ ? " (unknown attributes on)" : ""));
    return Status::Ok();
  }

  Status StartIntegration() {
    // For an integration whose clock must follow a sped-up platform (docs/conformance.md,
    // "Time"): where the platform's clock stands as it starts, and how fast it runs.
    env_["DSCO_CLOCK_START"] = FormatIso8601Millis(TimeFromMicros(NowVirtualMicros()));
    env_["DSCO_CLOCK_SPEED"] = settings_.contains("speed") ? settings_["speed"].dump() : "1";
    DSCOSIM_RETURN_IF_ERROR(child_.Start(options_.command, env_, dir_ + "/integration.log"));
    exited_ = false;
    Record(events::kIntegrationStarted, Json::object());
    Log("integration started");
    return Status::Ok();
  }

  void StopIntegration(const std::string& reason) {
    Json data = {{"reason", reason}};
    if (child_.running()) {
      const ExitStatus s = child_.Stop(2000);
      if (s.code) data["exitCode"] = *s.code;
      if (s.signal) data["signal"] = *s.signal;
      Log("integration stopped (" + reason + "): " + s.ToString());
    } else {
      data["alreadyExited"] = true;
    }
    Record(events::kIntegrationStopped, std::move(data));
  }

  void CheckExited() {
    if (exited_ || !child_.running()) return;
    if (auto s = child_.Poll()) {
      exited_ = true;
      Json data = Json::object();
      if (s->code) data["exitCode"] = *s->code;
      if (s->signal) data["signal"] = *s->signal;
      Record(events::kIntegrationExited, data);
      Log("integration exited on its own: " + s->ToString() + " (log: " + dir_ + "/integration.log)");
    }
  }

  Status WaitUntil(double at, SteadyClock::time_point deadline) {
    while (true) {
      CheckExited();
      const double remaining = (at - Elapsed()) / options_.speed;
      if (remaining <= 0) return Status::Ok();
      if (SteadyClock::now() > deadline) {
        return Unavailable("the run exceeded its budget of " + std::to_string(options_.budget) + " s");
      }
      std::this_thread::sleep_for(std::chrono::duration<double>(std::min(remaining, 0.02)));
    }
  }

  void Do(const Step& step) {
    Log(step.what);
    step.act(*this);
  }

  void Log(const std::string& what) {
    char at[32];
    std::snprintf(at, sizeof at, "%+.3f s", Elapsed());
    std::lock_guard<std::mutex> lock(progress_mu_);
    progress_ << "[pass " << pass_ << " " << at << "] " << what << "\n" << std::flush;
  }

  const Profile& profile_;
  const ConformOptions& options_;
  int pass_;
  bool compat_;
  Json settings_;
  std::string dir_;
  std::ostream& progress_;
  std::mutex& progress_mu_;
  Rng rng_;
  Json world_;
  std::unique_ptr<fakes::FakeServer> server_;
  SteadyClock::time_point wall_start_ = SteadyClock::now();
  std::int64_t virtual_start_micros_ = 0;
  std::map<std::string, std::string> env_;
  ChildProcess child_;
  bool exited_ = false;
  std::mutex events_mu_;
  std::vector<Event> events_;
};

Json PassSettings(const Profile& profile, const ConformOptions& options) {
  Json s = CommonSettings();
  for (auto& [k, v] : profile.settings.items()) s[k] = v;
  Rng restart = Rng(options.seed).Fork("conform").Fork("restart");
  const double from = s.value("restartFrom", 15.0), to = s.value("restartTo", 17.0);
  s["restartAt"] = std::round((from + (to - from) * restart.UniformDouble()) * 1000.0) / 1000.0;
  s["speed"] = options.speed;
  s["integrationAccount"] = profile.integration_account;
  Json limits = Json::object();
  fakes::Api api(fakes::ServeOptions{});
  for (const fakes::Route& r : api.routes()) {
    if (r.limit.name.empty()) continue;
    limits[r.name] = {{"perSecond", r.limit.per_second},
                      {"perMinute", r.limit.per_minute},
                      {"perHour", r.limit.per_hour}};
  }
  s["rateLimits"] = limits;
  return s;
}

}  // namespace

Result<ConformRun> RunConform(const ConformOptions& options, std::ostream& progress) {
  const Profile* profile = FindProfile(options.profile);
  if (profile == nullptr) return InvalidArgument("profile", "unknown profile \"" + options.profile + "\"");
  if (options.command.empty()) return InvalidArgument("command", "give the integration's command after --");
  if (!(options.speed > 0)) return InvalidArgument("speed", "must be more than 0");
  const Json settings = PassSettings(*profile, options);
  const double pass_wall = settings.value("passSeconds", 30.0) / options.speed;
  if (options.budget > 0 && pass_wall + 5 > options.budget) {
    return InvalidArgument("budget", "the profile's pass takes " + std::to_string(pass_wall) +
                                         " s of wall time; give at least " +
                                         std::to_string(static_cast<int>(pass_wall + 5)) + " s");
  }
  ConformRun run;
  run.work_dir = options.work_dir;
  if (run.work_dir.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    std::string templ = std::string(tmp != nullptr && *tmp ? tmp : "/tmp") + "/dscosim-conform-XXXXXX";
    if (mkdtemp(templ.data()) == nullptr) return Unavailable("cannot create a work directory in " + templ);
    run.work_dir = templ;
  } else {
    DSCOSIM_RETURN_IF_ERROR(MakeDir(run.work_dir));
  }
  const auto deadline = options.budget > 0
                            ? SteadyClock::now() + std::chrono::milliseconds(static_cast<std::int64_t>(options.budget * 1000))
                            : SteadyClock::time_point::max();

  std::mutex progress_mu;
  std::vector<std::unique_ptr<PassRunner>> runners;
  runners.push_back(std::make_unique<PassRunner>(*profile, options, 1, false, settings,
                                                 run.work_dir + "/pass1", progress, progress_mu));
  if (options.compat_pass) {
    runners.push_back(std::make_unique<PassRunner>(*profile, options, 2, true, settings,
                                                   run.work_dir + "/pass2", progress, progress_mu));
  }
  std::vector<Status> results(runners.size(), Status::Ok());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < runners.size(); ++i) {
    threads.emplace_back([&, i] { results[i] = runners[i]->Run(deadline); });
  }
  for (std::thread& t : threads) t.join();
  for (const Status& s : results) DSCOSIM_RETURN_IF_ERROR(s);

  Json header = {{"profile", profile->name},
                 {"seed", options.seed},
                 {"speed", options.speed},
                 {"command", options.command},
                 {"rules", profile->rule_ids},
                 {"workDir", run.work_dir}};
  run.lines.push_back(RunLine(header).dump());
  for (auto& r : runners) {
    for (std::string& line : r->Lines()) run.lines.push_back(std::move(line));
  }
  std::string text;
  for (const std::string& l : run.lines) text += l + "\n";
  std::istringstream in(text);
  DSCOSIM_ASSIGN_OR_RETURN(run.history, ParseHistory(in));
  return run;
}

}  // namespace dscosim::conformance
