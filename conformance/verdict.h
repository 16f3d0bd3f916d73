// What a checker says about one rule, and what it looks at: one pass of a history.
#ifndef DSCOSIM_CONFORMANCE_VERDICT_H_
#define DSCOSIM_CONFORMANCE_VERDICT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "dscosim/conformance/history.h"

namespace dscosim::conformance {

enum class Outcome { kPass, kFail, kNotExercised };
// "PASS", "FAIL", "NOT EXERCISED".
const char* OutcomeName(Outcome outcome);

// One piece of evidence: what went wrong, the requests that show it (their seqs, in the
// pass), and what was expected.
struct Finding {
  std::string message;              // e.g. "until 2026-... is 1.2 s before the platform's now"
  std::vector<std::uint64_t> seqs;  // the exchanges that prove it
  std::string expected;             // e.g. "until at least 5 s before now"
};

struct Verdict {
  std::string rule_id;
  Outcome outcome = Outcome::kNotExercised;
  int pass = 1;
  // What the rule looked at, for PASS and NOT EXERCISED too: "14 retried requests",
  // "no transient failure was seen".
  std::string exercised;
  std::vector<Finding> findings;  // non-empty exactly when FAIL
};

// One pass of a history, as checkers see it.
struct PassView {
  const PassInfo* info = nullptr;
  // The integration's requests (the pass's account, or every request when the account
  // is unknown; token requests always), in seq order.
  std::vector<const Call*> calls;
  std::vector<const Event*> events;  // in time order

  // The events of one kind, in order.
  std::vector<const Event*> EventsOf(const std::string& kind) const;
  // The first event of a kind, or nullptr.
  const Event* FirstEvent(const std::string& kind) const;
  // A profile setting (PassInfo::settings), or `fallback` when absent.
  double Setting(const std::string& name, double fallback) const;
};

// The views of every pass of a history, in pass order.
std::vector<PassView> SplitPasses(const History& history);

// Helpers for checkers: a verdict that passes or fails by its findings.
Verdict Judged(std::string rule_id, const PassView& pass, std::string exercised,
               std::vector<Finding> findings);
Verdict NotExercised(std::string rule_id, const PassView& pass, std::string why);

}  // namespace dscosim::conformance

#endif  // DSCOSIM_CONFORMANCE_VERDICT_H_
