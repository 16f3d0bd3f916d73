// Placeholder until the checkers land.
#include "conformance/rules.h"

namespace dscosim::conformance {
Verdict CheckOrd001(const PassView& pass) { return NotExercised("CONF-ORD-001", pass, "not implemented yet"); }
Verdict CheckOrd002(const PassView& pass) { return NotExercised("CONF-ORD-002", pass, "not implemented yet"); }
Verdict CheckOrd003(const PassView& pass) { return NotExercised("CONF-ORD-003", pass, "not implemented yet"); }
Verdict CheckOrd004(const PassView& pass) { return NotExercised("CONF-ORD-004", pass, "not implemented yet"); }
Verdict CheckOrd005(const PassView& pass) { return NotExercised("CONF-ORD-005", pass, "not implemented yet"); }
}  // namespace dscosim::conformance
