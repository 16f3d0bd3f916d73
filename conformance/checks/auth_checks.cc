// Placeholder until the checkers land.
#include "conformance/rules.h"

namespace dscosim::conformance {
Verdict CheckAuth001(const PassView& pass) { return NotExercised("CONF-AUTH-001", pass, "not implemented yet"); }
Verdict CheckAuth002(const PassView& pass) { return NotExercised("CONF-AUTH-002", pass, "not implemented yet"); }
Verdict CheckAuth003(const PassView& pass) { return NotExercised("CONF-AUTH-003", pass, "not implemented yet"); }
}  // namespace dscosim::conformance
