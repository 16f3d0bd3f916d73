// Judging a history against a profile's rules: each rule's checker on pass 1 (the
// plain pass), and CONF-COMPAT-001 by comparing pass 2 (unknown attributes) with it.
#ifndef DSCOSIM_CONFORMANCE_JUDGE_H_
#define DSCOSIM_CONFORMANCE_JUDGE_H_

#include <string>
#include <vector>

#include "dscosim/conformance/history.h"
#include "dscosim/conformance/verdict.h"

namespace dscosim::conformance {

struct Judgement {
  std::vector<Verdict> verdicts;  // one per rule id asked for, in that order
  int passed = 0, failed = 0, not_exercised = 0;
  bool ok() const { return failed == 0; }
};

// Unknown rule ids are InvalidArgument("rules", ...) (checked before anything runs).
Result<Judgement> Judge(const History& history, const std::vector<std::string>& rule_ids);

}  // namespace dscosim::conformance

#endif  // DSCOSIM_CONFORMANCE_JUDGE_H_
