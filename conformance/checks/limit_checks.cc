// Placeholder until the checkers land.
#include "conformance/rules.h"

namespace dscosim::conformance {
Verdict CheckLimit001(const PassView& pass) { return NotExercised("CONF-LIMIT-001", pass, "not implemented yet"); }
Verdict CheckLimit002(const PassView& pass) { return NotExercised("CONF-LIMIT-002", pass, "not implemented yet"); }
Verdict CheckBatch001(const PassView& pass) { return NotExercised("CONF-BATCH-001", pass, "not implemented yet"); }
}  // namespace dscosim::conformance
