// dscosim replay FILE [--url URL] [--quiet] [--report FILE]: runs a scenario file's
// steps in process (or over HTTP against a running fake or tenant) and says which
// expectations held. Exit 0 all held, 1 an expectation failed, 2 the file is bad or the
// fake could not be reached.
#include <fstream>
#include <iostream>
#include <memory>

#include "dscosim/cli/commands.h"
#include "dscosim/cli/flags.h"
#include "dscosim/fakes/http_transport.h"
#include "dscosim/fakes/in_process_transport.h"
#include "dscosim/scenarios/replay/runner.h"

namespace dscosim::cli {
namespace {

using Json = nlohmann::json;

std::string Plain(const Status& s) {
  return s.field().empty() ? s.message() : s.field() + ": " + s.message();
}

}  // namespace

int ReplayCommand(const std::vector<std::string>& args) {
  auto flags = Flags::Parse(args, {"url", "report"}, {"quiet"}, /*allow_positional=*/true);
  if (!flags.ok()) {
    std::cerr << "dscosim replay: " << Plain(flags.status()) << "\n";
    return 2;
  }
  if (flags->positional().size() != 1) {
    std::cerr << "usage: dscosim replay FILE [--url URL] [--quiet] [--report FILE]\n";
    return 2;
  }
  const std::string file = flags->positional()[0];
  auto scenario = scenarios::LoadScenarioFile(file);
  if (!scenario.ok()) {
    std::cerr << "dscosim replay: " << file << ": " << Plain(scenario.status()) << "\n";
    return 2;
  }
  std::unique_ptr<fakes::Transport> transport;
  std::string where = "in process";
  std::string replay = "dscosim replay " + file;
  if (const auto url = flags->Get("url")) {
    auto http = fakes::HttpTransport::Create(*url);
    if (!http.ok()) {
      std::cerr << "dscosim replay: --url: " << http.status().message() << "\n";
      return 2;
    }
    transport = std::move(*http);
    where = "over HTTP at " + transport->BaseUrl();
    replay += " --url " + *url;
  } else {
    fakes::TenantOptions tenant;
    tenant.seed = scenario->seed;
    tenant.mode = fakes::ClockMode::kManual;
    if (!fakes::IsDemoWorld(scenario->world)) tenant.world = scenario->world;
    auto local = fakes::InProcessTransport::Create(fakes::ServeOptions{}, tenant);
    if (!local.ok()) {
      std::cerr << "dscosim replay: " << Plain(local.status()) << "\n";
      return 2;
    }
    transport = std::move(*local);
  }
  const bool quiet = flags->Has("quiet");
  std::cout << "dscosim replay: " << (scenario->name.empty() ? "(unnamed)" : "\"" + scenario->name + "\"")
            << " from " << file << ", seed " << scenario->seed << ", " << scenario->steps.size()
            << " steps, " << where << "\n"
            << std::flush;
  auto report = scenarios::RunScenario(*scenario, *transport, [&](const scenarios::StepReport& step) {
    if (!quiet || !step.held()) std::cout << scenarios::FormatStepReport(step, !quiet) << std::flush;
  });
  if (!report.ok()) {
    std::cerr << "dscosim replay: " << file << ": " << Plain(report.status()) << "\n";
    return 2;
  }
  std::cout << "result: " << report->steps.size() << " steps, " << report->checks << " checks, "
            << report->failed_checks << " failed"
            << (report->failed_steps > 0 ? ", " + std::to_string(report->failed_steps) + " steps did not hold" : "")
            << "\n"
            << "trace: " << report->trace_events << " events, hash " << report->trace_hash << "\n"
            << "responses: hash " << report->responses_hash << "\n"
            << "replay: " << replay << "\n";
  if (const auto path = flags->Get("report")) {
    Json steps = Json::array();
    for (const scenarios::StepReport& s : report->steps) {
      Json verdicts = Json::array();
      for (const scenarios::CheckVerdict& v : s.verdicts) {
        verdicts.push_back({{"check", v.description}, {"held", v.held}, {"got", v.got}});
      }
      steps.push_back({{"index", s.index}, {"time", FormatIso8601Millis(s.time)}, {"status", s.status},
                       {"contentType", s.content_type}, {"body", s.body}, {"held", s.held()},
                       {"notRun", s.not_run}, {"verdicts", verdicts}});
    }
    std::ofstream out(*path);
    out << Json{{"file", file}, {"seed", scenario->seed}, {"held", report->held()},
                {"traceHash", report->trace_hash}, {"traceEvents", report->trace_events},
                {"responsesHash", report->responses_hash}, {"steps", steps}}
               .dump(2)
        << "\n";
    if (!out) {
      std::cerr << "dscosim replay: cannot write " << *path << "\n";
      return 2;
    }
  }
  return report->held() ? 0 : 1;
}

}  // namespace dscosim::cli
