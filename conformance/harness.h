// `dscosim conform`: runs an integration under a profile and records the history.
//
// Two passes run at the same time, each on its own fake (loopback, port 0, realtime
// clock): pass 1 plain, pass 2 with unknown attributes in every JSON answer
// (--compat-extra-fields). Each pass starts the command with DSCO_* in its environment,
// runs the profile's and the common steps on the clock, restarts the command once,
// stops it at the end and records the platform's final state. The history (JSONL,
// conformance/history.h) holds both passes; judge it with Judge().
#ifndef DSCOSIM_CONFORMANCE_HARNESS_H_
#define DSCOSIM_CONFORMANCE_HARNESS_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "dscosim/conformance/history.h"
#include "dscosim/conformance/profile.h"

namespace dscosim::conformance {

struct ConformOptions {
  std::string profile;
  std::uint64_t seed = 1;
  double speed = 1.0;    // the platform's clock runs this many times faster than the wall
  double budget = 0;     // seconds the whole run may take; 0: no limit
  bool compat_pass = true;
  std::vector<std::string> command;
  std::string work_dir;  // logs and state directories; "" makes one under $TMPDIR
};

struct ConformRun {
  History history;
  std::vector<std::string> lines;  // the history as JSONL lines, for --history
  std::string work_dir;            // where the integration's logs are
};

// Unavailable or InvalidArgument when the harness itself cannot run (unknown profile,
// a command that does not start, a fake that does not bind, the budget exceeded):
// `conform` exits 2 then. `progress` gets one line per step as it happens.
Result<ConformRun> RunConform(const ConformOptions& options, std::ostream& progress);

}  // namespace dscosim::conformance

#endif  // DSCOSIM_CONFORMANCE_HARNESS_H_
