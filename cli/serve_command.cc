#include <csignal>
#include <cstdlib>
#include <fstream>
#include <future>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

#include "dscosim/cli/commands.h"
#include "dscosim/cli/flags.h"
#include "dscosim/fakes/http_transport.h"
#include "dscosim/fakes/server.h"
#include "dscosim/fakes/world_json.h"
#include "dscosim/scenarios/replay/runner.h"

namespace dscosim::cli {
namespace {

volatile std::sig_atomic_t g_stop = 0;
void OnSignal(int) { g_stop = 1; }

// --scenario: runs the file's steps over loopback against the server just started, so
// it serves the state they leave. Failed expectations go to stderr; the server still
// starts (exploring a reproduced failure by hand is the point).
Result<nlohmann::json> StartFromScenario(const fakes::FakeServer& server,
                                         const scenarios::Scenario& scenario,
                                         const std::string& file, bool realtime, bool rate_limits) {
  DSCOSIM_ASSIGN_OR_RETURN(auto transport, fakes::HttpTransport::Create(server.base_url()));
  DSCOSIM_ASSIGN_OR_RETURN(const scenarios::RunReport report,
                           scenarios::RunScenario(scenario, *transport));
  for (const scenarios::StepReport& step : report.steps) {
    if (!step.held()) std::cerr << scenarios::FormatStepReport(step, false);
  }
  // The run set the limits as the file says; the server serves as its flags say.
  DSCOSIM_ASSIGN_OR_RETURN(const fakes::WireResponse limited,
                           scenarios::SendControl(*transport, "PUT", "/limits", {{"enabled", rate_limits}}));
  if (limited.status != 200) return Unavailable("cannot set the rate limits: " + limited.body);
  if (realtime) {
    DSCOSIM_ASSIGN_OR_RETURN(const fakes::WireResponse mode,
                             scenarios::SendControl(*transport, "PUT", "/clock/mode", {{"mode", "realtime"}}));
    if (mode.status != 200) return Unavailable("cannot switch the clock to realtime: " + mode.body);
  }
  return nlohmann::json{{"file", file},
                        {"steps", report.steps.size()},
                        {"held", report.held()},
                        {"failedSteps", report.failed_steps},
                        {"traceHash", report.trace_hash}};
}

}  // namespace

int ServeCommand(const std::vector<std::string>& args) {
  auto flags = Flags::Parse(args,
                            {"host", "port", "seed", "world", "scenario", "clock", "speed",
                             "history", "threads", "strict-shipments"},
                            {"compat-extra-fields", "no-rate-limits"});
  const auto fail = [](const std::string& why) {
    std::cerr << "dscosim serve: " << why << "\n";
    return 2;
  };
  if (!flags.ok()) return fail(flags.status().ToString());
  fakes::ServerOptions options;
  options.host = flags->Get("host").value_or("127.0.0.1");
  auto port = flags->GetUint("port", 0);
  auto seed = flags->GetUint("seed", 42);
  auto threads = flags->GetUint("threads", 64);
  for (const auto* r : {&port, &seed, &threads}) {
    if (!r->ok()) return fail(r->status().ToString());
  }
  if (*port > 65535) return fail("--port must be at most 65535");
  if (*threads < 1 || *threads > 1024) return fail("--threads must be between 1 and 1024");
  options.port = static_cast<int>(*port);
  options.threads = static_cast<int>(*threads);
  options.tenant.seed = *seed;
  std::optional<scenarios::Scenario> scenario;
  const std::optional<std::string> scenario_file = flags->Get("scenario");
  if (scenario_file) {
    if (flags->Has("world")) return fail("give --world or --scenario, not both (a scenario has its world)");
    if (flags->Has("seed")) return fail("give --seed or --scenario, not both (a scenario has its seed)");
    auto loaded = scenarios::LoadScenarioFile(*scenario_file);
    if (!loaded.ok()) return fail(*scenario_file + ": " + loaded.status().ToString());
    scenario = std::move(*loaded);
    options.tenant.seed = scenario->seed;
    if (!fakes::IsDemoWorld(scenario->world)) options.tenant.world = scenario->world;
  }
  // A scenario leaves its state on a manual clock unless --clock realtime says otherwise.
  const std::string clock = flags->Get("clock").value_or(scenario ? "manual" : "realtime");
  if (clock != "manual" && clock != "realtime") return fail("--clock must be manual or realtime");
  options.tenant.mode = clock == "manual" ? fakes::ClockMode::kManual : fakes::ClockMode::kRealtime;
  if (const auto speed = flags->Get("speed")) {
    char* end = nullptr;
    const double s = std::strtod(speed->c_str(), &end);
    if (end == speed->c_str() || *end != '\0' || s <= 0 || s > 100000) {
      return fail("--speed must be a number above 0 and at most 100000");
    }
    options.tenant.speed = s;
  }
  if (const auto world = flags->Get("world")) {
    std::ifstream in(*world);
    if (!in) return fail("cannot read " + *world);
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = nlohmann::json::parse(text.str(), nullptr, false);
    if (parsed.is_discarded()) return fail(*world + " is not valid JSON");
    options.tenant.world = std::move(parsed);
  }
  if (const auto strict = flags->Get("strict-shipments")) {
    auto parsed = ParseShipmentStrictness(*strict, "--strict-shipments");
    if (!parsed.ok()) return fail(parsed.status().Description());
    options.tenant.world_options.orders.strict_shipments = *parsed;
  }
  options.tenant.rate_limits = !flags->Has("no-rate-limits");
  options.serve.compat_extra_fields = flags->Has("compat-extra-fields");
  options.serve.history_path = flags->Get("history").value_or("");

  fakes::FakeServer server(options);
  const Status started = server.Start();
  if (!started.ok()) return fail(started.ToString());
  std::optional<nlohmann::json> replayed;
  if (scenario) {
    auto result = StartFromScenario(server, *scenario, *scenario_file, clock == "realtime",
                                    options.tenant.rate_limits);
    if (!result.ok()) {
      server.Stop();
      return fail(*scenario_file + ": " + result.status().ToString());
    }
    replayed = std::move(*result);
  }
  nlohmann::json line;
  {
    fakes::Tenant& tenant = server.tenant();
    std::lock_guard<std::mutex> lock(tenant.mu);
    line = {{"apiUrl", server.api_url()},
            {"controlUrl", server.control_url()},
            {"seed", tenant.world.seed()},
            {"clock", tenant.ClockJson()},
            {"accounts", fakes::AccountsJson(tenant.world)}};
    if (replayed) line["scenario"] = *replayed;
  }
  std::cout << line.dump() << std::endl;  // one line, flushed: scripts parse it
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  // Requests in flight finish, but a worker whose client idles on a keep-alive
  // connection only notices the stop at the keep-alive timeout (a minute): after a short
  // grace, exit without waiting for it (every history line is already flushed).
  auto stopped = std::make_shared<std::promise<void>>();
  std::thread([&server, stopped] {
    server.Stop();
    stopped->set_value();
  }).detach();
  if (stopped->get_future().wait_for(std::chrono::seconds(2)) != std::future_status::ready) {
    std::cout.flush();
    std::_Exit(0);
  }
  return 0;
}

}  // namespace dscosim::cli
