#include "dscosim/conformance/rules.h"

namespace dscosim::conformance {

const std::vector<Rule>& AllRules() {
  static const std::vector<Rule> rules = {
      {"CONF-AUTH-001", "gets tokens by client credentials and sends them as bearer tokens", CheckAuth001},
      {"CONF-AUTH-002", "on a 401 gets a new token and retries; never keeps using an expired one", CheckAuth002},
      {"CONF-AUTH-003", "reuses a valid token instead of asking for one per call", CheckAuth003},
      {"CONF-RETRY-001", "retries requests answered 408, 429, 500, 502, 503 or 504", CheckRetry001},
      {"CONF-RETRY-002", "backs off exponentially between retries of the same request", CheckRetry002},
      {"CONF-RETRY-003", "does not resend a request unchanged after a non-transient 4xx", CheckRetry003},
      {"CONF-RETRY-004", "rides out a transient outage without losing the operation", CheckRetry004},
      {"CONF-LIMIT-001", "stays within the documented per-endpoint rate limits", CheckLimit001},
      {"CONF-LIMIT-002", "uses the batch APIs for bursts", CheckLimit002},
      {"CONF-BATCH-001", "checks the change log for every async request it made", CheckBatch001},
      {"CONF-POLL-001", "never asks for an until less than 5 s before the platform's now", CheckPoll001},
      {"CONF-POLL-002", "polls contiguous windows: no gap between one until and the next since", CheckPoll002},
      {"CONF-POLL-003", "follows every scrollId to the empty page", CheckPoll003},
      {"CONF-STREAM-001", "reads every active partition of its stream", CheckStream001},
      {"CONF-STREAM-002", "commits only positions of events it was given", CheckStream002},
      {"CONF-STREAM-003", "commits regularly while events flow", CheckStream003},
      {"CONF-STREAM-004", "after a restart resumes from its committed position, skipping nothing", CheckStream004},
      {"CONF-STREAM-005", "after a repartition reads the partitions that became active", CheckStream005},
      {"CONF-CC-001", "answers every consumer message in its own conversation within the SLA", CheckCc001},
      {"CONF-CC-002", "closes each customer-care conversation after answering it", CheckCc002},
      {"CONF-CC-003", "never tries to add a message to a closed conversation twice", CheckCc003},
      {"CONF-ORD-001", "acknowledges every order before its acknowledge-by date", CheckOrd001},
      {"CONF-ORD-002", "ships or cancels every unit before its ship-by date", CheckOrd002},
      {"CONF-ORD-003", "sends shipments with every field the platform requires", CheckOrd003},
      {"CONF-ORD-004", "invoices exactly what it shipped, before the invoice-by date", CheckOrd004},
      {"CONF-ORD-005", "answers every cancel request before the cancel-after date", CheckOrd005},
      {"CONF-COMPAT-001", "works unchanged when responses carry unknown attributes", nullptr},
  };
  return rules;
}

const Rule* FindRule(const std::string& id) {
  for (const Rule& r : AllRules()) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

}  // namespace dscosim::conformance
