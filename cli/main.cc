// dscosim: a deterministic simulation of the Dsco platform.
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace {

constexpr char kUsage[] =
    "usage: dscosim <command> [options]\n"
    "\n"
    "commands:\n"
    "  simulate [--seed N] [--days D] [--trace FILE] [--quiet]\n"
    "      run the seeded demo simulation and print what happened, the trace hash\n"
    "      and the command that replays it\n"
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
  std::cerr << "dscosim: unknown command \"" << command << "\"\n\n" << kUsage;
  return 2;
}
