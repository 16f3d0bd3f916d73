// Placeholder until the checkers land.
#include "conformance/rules.h"

namespace dscosim::conformance {
Verdict CheckPoll001(const PassView& pass) { return NotExercised("CONF-POLL-001", pass, "not implemented yet"); }
Verdict CheckPoll002(const PassView& pass) { return NotExercised("CONF-POLL-002", pass, "not implemented yet"); }
Verdict CheckPoll003(const PassView& pass) { return NotExercised("CONF-POLL-003", pass, "not implemented yet"); }
}  // namespace dscosim::conformance
