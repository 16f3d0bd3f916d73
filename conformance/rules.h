// The rule catalogue: every platform rule an integration is judged on, with a stable id
// (CONF-<AREA>-<NNN>; never renumbered, never reused), the checker that judges it, and
// its page in docs/rules/ (what the platform expects, why, how each is measured, how to
// fix it).
#ifndef DSCOSIM_CONFORMANCE_RULES_H_
#define DSCOSIM_CONFORMANCE_RULES_H_

#include <string>
#include <vector>

#include "dscosim/conformance/verdict.h"

namespace dscosim::conformance {

using Checker = Verdict (*)(const PassView& pass);

struct Rule {
  std::string id;     // "CONF-AUTH-001"
  std::string title;  // one line, what a passing integration does
  Checker check = nullptr;  // nullptr: judged across passes (CONF-COMPAT-001)
  std::string doc() const { return "docs/rules/" + id + ".md"; }
};

// Every rule, in id order.
const std::vector<Rule>& AllRules();
// The rule with this id, or nullptr.
const Rule* FindRule(const std::string& id);

// The checkers (conformance/checks/*.cc), one per rule.
Verdict CheckAuth001(const PassView& pass);   // client-credentials tokens, sent as Bearer
Verdict CheckAuth002(const PassView& pass);   // on 401: new token, retry; no expired reuse
Verdict CheckAuth003(const PassView& pass);   // reuses a valid token
Verdict CheckRetry001(const PassView& pass);  // retries 408/429/500/502/503/504
Verdict CheckRetry002(const PassView& pass);  // exponential backoff
Verdict CheckRetry003(const PassView& pass);  // no unchanged resend after a non-transient 4xx
Verdict CheckRetry004(const PassView& pass);  // rides out the outage
Verdict CheckLimit001(const PassView& pass);  // within per-endpoint rate limits
Verdict CheckLimit002(const PassView& pass);  // batches for bursts
Verdict CheckBatch001(const PassView& pass);  // change log for every async request
Verdict CheckPoll001(const PassView& pass);   // until at least 5 s before now
Verdict CheckPoll002(const PassView& pass);   // contiguous polling windows
Verdict CheckPoll003(const PassView& pass);   // follows scrollId to the empty page
Verdict CheckStream001(const PassView& pass); // reads every active partition
Verdict CheckStream002(const PassView& pass); // commits only positions it was given
Verdict CheckStream003(const PassView& pass); // commits regularly while events flow
Verdict CheckStream004(const PassView& pass); // resumes from the committed position
Verdict CheckStream005(const PassView& pass); // reads partitions activated by a repartition
Verdict CheckCc001(const PassView& pass);     // answers every consumer message within SLA
Verdict CheckCc002(const PassView& pass);     // closes each answered conversation
Verdict CheckCc003(const PassView& pass);     // never re-adds to a closed conversation
Verdict CheckOrd001(const PassView& pass);    // acknowledges before acknowledge-by
Verdict CheckOrd002(const PassView& pass);    // ships or cancels every unit before ship-by
Verdict CheckOrd003(const PassView& pass);    // shipments carry every required field
Verdict CheckOrd004(const PassView& pass);    // invoices exactly what shipped, in time
Verdict CheckOrd005(const PassView& pass);    // answers every cancel request in time

}  // namespace dscosim::conformance

#endif  // DSCOSIM_CONFORMANCE_RULES_H_
