// The integration under test: a child process started with extra environment, its output
// appended to a log file, stopped with SIGTERM (then SIGKILL) as a whole process group.
#ifndef DSCOSIM_CONFORMANCE_PROCESS_H_
#define DSCOSIM_CONFORMANCE_PROCESS_H_

#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dscosim/model/core/status.h"

namespace dscosim::conformance {

struct ExitStatus {
  std::optional<int> code;    // exited with this code
  std::optional<int> signal;  // or was killed by this signal
  std::string ToString() const;
};

class ChildProcess {
 public:
  ChildProcess() = default;
  ~ChildProcess();  // kills what is still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Starts argv[0] (searched in PATH) with the parent's environment plus `env`; stdout and
  // stderr go to `log_path` (appended). Unavailable naming argv[0] when it cannot start.
  Status Start(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
               const std::string& log_path);
  bool running() const { return pid_ > 0; }
  // Reaps it without blocking: its status once it has exited, else nullopt.
  std::optional<ExitStatus> Poll();
  // SIGTERM to its process group, up to `grace_ms` to exit, then SIGKILL.
  ExitStatus Stop(int grace_ms);

 private:
  pid_t pid_ = -1;
};

}  // namespace dscosim::conformance

#endif  // DSCOSIM_CONFORMANCE_PROCESS_H_
