// Checking an answer against a step's expectations (scenario.h): its status, media type
// and JSON fields, each check with its own verdict.
#ifndef DSCOSIM_SCENARIOS_REPLAY_EXPECTATION_H_
#define DSCOSIM_SCENARIOS_REPLAY_EXPECTATION_H_

#include <string>
#include <string_view>
#include <vector>

#include "dscosim/scenarios/replay/scenario.h"

namespace dscosim::scenarios {

struct CheckVerdict {
  std::string description;  // "status is 201", "/dscoLifecycle == \"created\""
  bool held = false;
  std::string got;          // what was there instead, when it did not hold
};

// InvalidArgument(path) unless `matcher` is a value or a known operator object.
Status ValidateMatcher(const Json& matcher, const std::string& path);

// Whether `value` (null when absent) matches `matcher`. Precondition: ValidateMatcher.
bool Matches(const Json& matcher, const Json* value);

// `body` null when the answer is not JSON. One verdict per status, media type and
// pointer check, in that order.
std::vector<CheckVerdict> Evaluate(const Expectation& expect, int status,
                                   std::string_view content_type, const Json* body);

// The value at `pointer` in `document`, or null when there is none (a bad pointer too).
const Json* FindPointer(const Json& document, const std::string& pointer);

}  // namespace dscosim::scenarios

#endif  // DSCOSIM_SCENARIOS_REPLAY_EXPECTATION_H_
