// Placeholder until the checkers land.
#include "conformance/rules.h"

namespace dscosim::conformance {
Verdict CheckRetry001(const PassView& pass) { return NotExercised("CONF-RETRY-001", pass, "not implemented yet"); }
Verdict CheckRetry002(const PassView& pass) { return NotExercised("CONF-RETRY-002", pass, "not implemented yet"); }
Verdict CheckRetry003(const PassView& pass) { return NotExercised("CONF-RETRY-003", pass, "not implemented yet"); }
Verdict CheckRetry004(const PassView& pass) { return NotExercised("CONF-RETRY-004", pass, "not implemented yet"); }
}  // namespace dscosim::conformance
