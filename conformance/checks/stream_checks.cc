// Placeholder until the checkers land.
#include "conformance/rules.h"

namespace dscosim::conformance {
Verdict CheckStream001(const PassView& pass) { return NotExercised("CONF-STREAM-001", pass, "not implemented yet"); }
Verdict CheckStream002(const PassView& pass) { return NotExercised("CONF-STREAM-002", pass, "not implemented yet"); }
Verdict CheckStream003(const PassView& pass) { return NotExercised("CONF-STREAM-003", pass, "not implemented yet"); }
Verdict CheckStream004(const PassView& pass) { return NotExercised("CONF-STREAM-004", pass, "not implemented yet"); }
Verdict CheckStream005(const PassView& pass) { return NotExercised("CONF-STREAM-005", pass, "not implemented yet"); }
}  // namespace dscosim::conformance
