// The CLI's subcommands. Each takes the arguments after its name and returns the
// process exit code.
#ifndef DSCOSIM_CLI_COMMANDS_H_
#define DSCOSIM_CLI_COMMANDS_H_

#include <string>
#include <vector>

namespace dscosim::cli {

// dscosim simulate [--seed N] [--days D] [--trace FILE] [--quiet]
int SimulateCommand(const std::vector<std::string>& args);

// dscosim serve [--host H] [--port P] [--seed N] [--world FILE] [--clock manual|realtime]
//               [--speed X] [--history FILE] [--compat-extra-fields] [--no-rate-limits]
//               [--threads N]
int ServeCommand(const std::vector<std::string>& args);

// dscosim conform --profile NAME [--seed N] [--budget S] [--speed X] [--junit F] [--json F]
//                 [--history F] [--work-dir D] [--no-compat-pass] -- CMD [ARGS...]
// 0: every rule passed (or was not exercised); 1: a rule failed; 2: the harness failed.
int ConformCommand(const std::vector<std::string>& args);

// dscosim check [--profile NAME] HISTORY.jsonl [--junit F] [--json F]; exit codes as conform.
int CheckCommand(const std::vector<std::string>& args);

// dscosim replay FILE [--url URL] [--quiet] [--report FILE]: runs a scenario file
// (docs/scenarios.md). 0: every expectation held; 1: one failed; 2: the file is bad or
// the fake at URL could not be reached.
int ReplayCommand(const std::vector<std::string>& args);

// dscosim routes: the fake's /api/v3 routes as JSON lines {method, path, operationId,
// rateLimit}, for scripts/api_coverage.py.
int RoutesCommand(const std::vector<std::string>& args);

}  // namespace dscosim::cli

#endif  // DSCOSIM_CLI_COMMANDS_H_
