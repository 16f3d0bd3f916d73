#include <fstream>
#include <iostream>

#include "dscosim/cli/commands.h"
#include "dscosim/cli/flags.h"
#include "dscosim/scenarios/demo.h"

namespace dscosim::cli {

int SimulateCommand(const std::vector<std::string>& args) {
  auto flags = Flags::Parse(args, {"seed", "days", "trace"}, {"quiet"});
  if (!flags.ok()) {
    std::cerr << "dscosim simulate: " << flags.status().ToString() << "\n";
    return 2;
  }
  auto seed = flags->GetUint("seed", 42);
  auto days = flags->GetUint("days", 3);
  for (const auto* r : {&seed, &days}) {
    if (!r->ok()) {
      std::cerr << "dscosim simulate: " << r->status().ToString() << "\n";
      return 2;
    }
  }
  if (*days < 1 || *days > 365) {
    std::cerr << "dscosim simulate: --days must be between 1 and 365\n";
    return 2;
  }
  std::string replay = "dscosim simulate --seed " + std::to_string(*seed);
  if (*days != 3) replay += " --days " + std::to_string(*days);
  std::cout << "dscosim simulate: seed=" << *seed << " days=" << *days << "\n"
            << "replay: " << replay << "\n\n"
            << std::flush;

  auto result = RunDemo(DemoOptions{*seed, static_cast<int>(*days)});
  if (!result.ok()) {
    std::cerr << "dscosim simulate: the demo failed: " << result.status().ToString() << "\n";
    return 1;
  }
  if (!flags->Has("quiet")) {
    for (const std::string& line : result->story) std::cout << line << "\n";
    std::cout << "\n";
  }
  if (const auto path = flags->Get("trace")) {
    std::ofstream out(*path);
    for (const TraceEvent& e : result->world.trace().retained()) {
      out << Trace::ToJsonLine(e) << "\n";
    }
    if (!out) {
      std::cerr << "dscosim simulate: cannot write " << *path << "\n";
      return 1;
    }
    std::cout << "trace written to " << *path << "\n";
  }
  std::cout << "summary:\n";
  for (const auto& [what, n] : result->counts) std::cout << "  " << what << ": " << n << "\n";
  std::cout << "trace: " << result->trace_events << " events, hash " << result->trace_hash
            << "\n"
            << "seed: " << *seed << "\n"
            << "replay: " << replay << "\n";
  return 0;
}

}  // namespace dscosim::cli
