// `dscosim simulate`: the named, seeded simulations on the model (no HTTP), each
// printing its story, its counts and its trace hash with the command that replays it.
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "dscosim/cli/commands.h"
#include "dscosim/cli/flags.h"
#include "dscosim/scenarios/busy_day.h"
#include "dscosim/scenarios/demo.h"

namespace dscosim::cli {
namespace {

struct Named {
  const char* name;
  const char* summary;
};
constexpr Named kScenarios[] = {
    {"conversations", "a few days of customer-care and standard conversations between the demo world's "
                      "retailers and suppliers (--days D, default 3)"},
    {"busy-supplier-day", "one supplier and several retailers for a day: orders acknowledged, shipped in "
                          "parts, cancelled, invoiced; an inventory feed through small and large batches; "
                          "an order stream of 8 partitions read (--orders N, --inventory-updates N, "
                          "--retailers N, --partitions N)"},
};

int Fail(const std::string& why) {
  std::cerr << "dscosim simulate: " << why << "\n";
  return 2;
}

// The story, optionally the trace file, then the counts, the trace hash and the replay line.
template <typename Counts>
int Report(const Flags& flags, const std::vector<std::string>& story, const Counts& counts, const World& world,
           std::uint64_t trace_events, const std::string& trace_hash, std::uint64_t seed,
           const std::string& replay) {
  if (!flags.Has("quiet")) {
    for (const std::string& line : story) std::cout << line << "\n";
    std::cout << "\n";
  }
  if (const auto path = flags.Get("trace")) {
    std::ofstream out(*path);
    for (const TraceEvent& e : world.trace().retained()) out << Trace::ToJsonLine(e) << "\n";
    if (!out) {
      std::cerr << "dscosim simulate: cannot write " << *path << "\n";
      return 1;
    }
    std::cout << "trace written to " << *path << "\n";
  }
  std::cout << "summary:\n";
  for (const auto& [what, n] : counts) std::cout << "  " << what << ": " << n << "\n";
  std::cout << "trace: " << trace_events << " events, hash " << trace_hash << "\n"
            << "seed: " << seed << "\n"
            << "replay: " << replay << "\n";
  return 0;
}

}  // namespace

int SimulateCommand(const std::vector<std::string>& args) {
  auto flags = Flags::Parse(args,
                            {"seed", "days", "trace", "scenario", "orders", "inventory-updates", "retailers",
                             "partitions"},
                            {"quiet", "list"});
  if (!flags.ok()) return Fail(flags.status().ToString());
  if (flags->Has("list")) {
    for (const Named& s : kScenarios) std::cout << s.name << "  " << s.summary << "\n";
    return 0;
  }
  const std::string scenario = flags->Get("scenario").value_or("conversations");
  auto seed = flags->GetUint("seed", 42);
  if (!seed.ok()) return Fail(seed.status().ToString());
  // The default scenario replays without naming itself, as before there were several.
  std::string replay = "dscosim simulate" + (flags->Has("scenario") ? " --scenario " + scenario : std::string()) +
                       " --seed " + std::to_string(*seed);

  if (scenario == "conversations") {
    for (const char* other : {"orders", "inventory-updates", "retailers", "partitions"}) {
      if (flags->Has(other)) return Fail("--" + std::string(other) + " is a busy-supplier-day option");
    }
    auto days = flags->GetUint("days", 3);
    if (!days.ok()) return Fail(days.status().ToString());
    if (*days < 1 || *days > 365) return Fail("--days must be between 1 and 365");
    if (*days != 3) replay += " --days " + std::to_string(*days);
    std::cout << "dscosim simulate: conversations, seed=" << *seed << " days=" << *days << "\n"
              << "replay: " << replay << "\n\n"
              << std::flush;
    auto result = RunDemo(DemoOptions{*seed, static_cast<int>(*days)});
    if (!result.ok()) {
      std::cerr << "dscosim simulate: the demo failed: " << result.status().ToString() << "\n";
      return 1;
    }
    return Report(*flags, result->story, result->counts, result->world, result->trace_events, result->trace_hash,
                  *seed, replay);
  }

  if (scenario == "busy-supplier-day") {
    if (flags->Has("days")) return Fail("--days is a conversations option (the busy day is one day)");
    BusyDayOptions options;
    options.seed = *seed;
    const std::pair<const char*, int*> numbers[] = {{"orders", &options.orders},
                                                    {"inventory-updates", &options.inventory_updates},
                                                    {"retailers", &options.retailers},
                                                    {"partitions", &options.partitions}};
    for (const auto& [name, target] : numbers) {
      auto value = flags->GetUint(name, static_cast<std::uint64_t>(*target));
      if (!value.ok()) return Fail(value.status().ToString());
      if (*value > 10000000) return Fail("--" + std::string(name) + " is too large");
      if (flags->Has(name)) replay += " --" + std::string(name) + " " + std::to_string(*value);
      *target = static_cast<int>(*value);
    }
    std::cout << "dscosim simulate: busy-supplier-day, seed=" << *seed << " orders=" << options.orders
              << " inventory-updates=" << options.inventory_updates << " retailers=" << options.retailers
              << " partitions=" << options.partitions << "\n"
              << "replay: " << replay << "\n\n"
              << std::flush;
    auto result = RunBusyDay(options);
    if (!result.ok()) {
      if (result.status().code() == StatusCode::kInvalidArgument) {
        std::string flag = result.status().field();
        for (char& c : flag) c = c == '_' ? '-' : c;
        return Fail("--" + flag + ": " + result.status().message());
      }
      std::cerr << "dscosim simulate: the busy day failed: " << result.status().ToString() << "\n";
      return 1;
    }
    return Report(*flags, result->story, result->counts, result->world, result->trace_events, result->trace_hash,
                  *seed, replay);
  }
  return Fail("no scenario " + scenario + " (dscosim simulate --list names them)");
}

}  // namespace dscosim::cli
