#include "dscosim/conformance/judge.h"

#include <map>
#include <set>

#include "dscosim/conformance/events.h"
#include "dscosim/conformance/rules.h"

namespace dscosim::conformance {
namespace {

constexpr char kCompat[] = "CONF-COMPAT-001";

// Rules about the integration's own timing (how soon and how often it retries, how fast
// it calls): on a loaded machine they can differ between two passes of the same program,
// so CONF-COMPAT-001 compares what the integration does, not how fast.
const std::set<std::string>& TimingRules() {
  static const std::set<std::string> rules = {"CONF-RETRY-001", "CONF-RETRY-002", "CONF-RETRY-004",
                                              "CONF-LIMIT-001", "CONF-LIMIT-002"};
  return rules;
}

bool ExitedEarly(const PassView& pass) { return pass.FirstEvent(events::kIntegrationExited) != nullptr; }

Verdict JudgeCompat(const std::vector<PassView>& passes, const std::vector<std::string>& rule_ids) {
  const PassView* plain = nullptr;
  const PassView* extra = nullptr;
  for (const PassView& p : passes) {
    if (p.info->compat_extra_fields) {
      if (extra == nullptr) extra = &p;
    } else if (plain == nullptr) {
      plain = &p;
    }
  }
  if (plain == nullptr || extra == nullptr) {
    return NotExercised(kCompat, passes.empty() ? PassView{} : passes.front(),
                        "the history has no pass with unknown attributes to compare");
  }
  std::vector<Finding> findings;
  int compared = 0;
  for (const std::string& id : rule_ids) {
    const Rule* rule = FindRule(id);
    if (rule == nullptr || rule->check == nullptr || TimingRules().contains(id)) continue;
    ++compared;
    const Verdict before = rule->check(*plain);
    const Verdict after = rule->check(*extra);
    if (before.outcome != Outcome::kFail && after.outcome == Outcome::kFail) {
      Finding f;
      f.message = id + " " + OutcomeName(before.outcome) + " without unknown attributes but FAILED with them";
      if (!after.findings.empty()) {
        f.message += ": " + after.findings.front().message;
        f.seqs = after.findings.front().seqs;
      }
      f.expected = "the same verdict whether or not responses carry attributes the integration does not know";
      findings.push_back(std::move(f));
    }
  }
  if (ExitedEarly(*extra) && !ExitedEarly(*plain)) {
    const Event* e = extra->FirstEvent(events::kIntegrationExited);
    Finding f;
    f.message = "the integration exited on its own (" + e->data.dump() +
                ") only in the pass with unknown attributes";
    f.expected = "ignore attributes it does not know and keep running";
    findings.push_back(std::move(f));
  }
  return Judged(kCompat, *extra,
                std::to_string(compared) + " rules compared between the plain pass and the pass with "
                "unknown attributes in every JSON object",
                std::move(findings));
}

}  // namespace

Result<Judgement> Judge(const History& history, const std::vector<std::string>& rule_ids) {
  for (const std::string& id : rule_ids) {
    if (FindRule(id) == nullptr) return InvalidArgument("rules", "unknown rule \"" + id + "\"");
  }
  const std::vector<PassView> passes = SplitPasses(history);
  const PassView* first = nullptr;
  for (const PassView& p : passes) {
    if (!p.info->compat_extra_fields) {
      first = &p;
      break;
    }
  }
  if (first == nullptr && !passes.empty()) first = &passes.front();
  Judgement j;
  for (const std::string& id : rule_ids) {
    const Rule* rule = FindRule(id);
    Verdict v;
    if (rule->check == nullptr) {
      v = JudgeCompat(passes, rule_ids);
    } else if (first == nullptr) {
      v = NotExercised(id, PassView{}, "the history is empty");
    } else {
      v = rule->check(*first);
    }
    v.rule_id = id;
    switch (v.outcome) {
      case Outcome::kPass: ++j.passed; break;
      case Outcome::kFail: ++j.failed; break;
      case Outcome::kNotExercised: ++j.not_exercised; break;
    }
    j.verdicts.push_back(std::move(v));
  }
  return j;
}

}  // namespace dscosim::conformance
