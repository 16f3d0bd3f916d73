// dscosim: a deterministic simulation of the Dsco platform.
#include <iostream>
#include <string>
#include <vector>

#include "dscosim/cli/commands.h"

namespace {

constexpr char kUsage[] =
    "usage: dscosim <command> [options]\n"
    "\n"
    "commands:\n"
    "  simulate [--list] [--scenario NAME] [--seed N] [--days D] [--trace FILE] [--quiet]\n"
    "      run the seeded demo simulation and print what happened, the trace hash\n"
    "      and the command that replays it\n"
    "  serve [--port P] [--seed N] [--world FILE | --scenario FILE] [--clock manual|realtime]\n"
    "        [--speed X] [--history FILE] [--compat-extra-fields] [--no-rate-limits]\n"
    "        [--strict-shipments off|single|all] [--host H]\n"
    "        [--threads N]\n"
    "      run the fake Dsco API (v3) on 127.0.0.1; prints one JSON line with the URLs and\n"
    "      the demo world's accounts and credentials, then serves until interrupted;\n"
    "      --scenario starts from the state a scenario file's steps leave (manual clock)\n"
    "  conform --profile NAME [--seed N] [--budget S] [--speed X] [--junit FILE] [--json FILE]\n"
    "          [--history FILE] [--work-dir DIR] [--no-compat-pass] -- CMD [ARGS...]\n"
    "      run CMD (a partner's integration) against the fake under a conformance profile\n"
    "      (supplier-customer-care, supplier-orders, retailer-inventory-stream) and judge\n"
    "      it rule by rule; exit 0 all passed, 1 a rule failed, 2 the harness failed\n"
    "  check [--profile NAME] HISTORY.jsonl [--junit FILE] [--json FILE]\n"
    "      judge a history saved by conform --history again, offline\n"
    "  replay FILE [--url URL] [--quiet] [--report FILE]\n"
    "      run a scenario file's steps in process (or over HTTP against a running fake or\n"
    "      tenant at URL) and check its expectations; exit 0 all held, 1 one failed,\n"
    "      2 the file is bad\n"
    "  routes\n"
    "      list the fake's /api/v3 routes as JSON lines (method, path, operationId, rateLimit)\n"
    "  help\n"
    "      print this text\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "simulate") return dscosim::cli::SimulateCommand(args);
  if (command == "serve") return dscosim::cli::ServeCommand(args);
  if (command == "conform") return dscosim::cli::ConformCommand(args);
  if (command == "check") return dscosim::cli::CheckCommand(args);
  if (command == "replay") return dscosim::cli::ReplayCommand(args);
  if (command == "routes") return dscosim::cli::RoutesCommand(args);
  std::cerr << "dscosim: unknown command \"" << command << "\"\n\n" << kUsage;
  return 2;
}
