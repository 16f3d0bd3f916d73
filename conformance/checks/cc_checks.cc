// Placeholder until the checkers land.
#include "conformance/rules.h"

namespace dscosim::conformance {
Verdict CheckCc001(const PassView& pass) { return NotExercised("CONF-CC-001", pass, "not implemented yet"); }
Verdict CheckCc002(const PassView& pass) { return NotExercised("CONF-CC-002", pass, "not implemented yet"); }
Verdict CheckCc003(const PassView& pass) { return NotExercised("CONF-CC-003", pass, "not implemented yet"); }
}  // namespace dscosim::conformance
