#include "dscosim/conformance/verdict.h"

namespace dscosim::conformance {

const char* OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kPass: return "PASS";
    case Outcome::kFail: return "FAIL";
    case Outcome::kNotExercised: return "NOT EXERCISED";
  }
  return "?";
}

std::vector<const Event*> PassView::EventsOf(const std::string& kind) const {
  std::vector<const Event*> out;
  for (const Event* e : events) {
    if (e->kind == kind) out.push_back(e);
  }
  return out;
}

const Event* PassView::FirstEvent(const std::string& kind) const {
  for (const Event* e : events) {
    if (e->kind == kind) return e;
  }
  return nullptr;
}

double PassView::Setting(const std::string& name, double fallback) const {
  if (info == nullptr) return fallback;
  auto it = info->settings.find(name);
  return it != info->settings.end() && it->is_number() ? it->get<double>() : fallback;
}

std::vector<PassView> SplitPasses(const History& history) {
  std::vector<PassView> views;
  for (const PassInfo& info : history.passes) {
    PassView v;
    v.info = &info;
    for (const Call& c : history.calls) {
      if (c.pass != info.pass) continue;
      const bool token_call = c.route == "getAccessToken";
      if (info.account_id.empty() || token_call || c.account == info.account_id || c.account.empty()) {
        v.calls.push_back(&c);
      }
    }
    for (const Event& e : history.events) {
      if (e.pass == info.pass) v.events.push_back(&e);
    }
    views.push_back(std::move(v));
  }
  return views;
}

Verdict Judged(std::string rule_id, const PassView& pass, std::string exercised,
               std::vector<Finding> findings) {
  Verdict v;
  v.rule_id = std::move(rule_id);
  v.pass = pass.info != nullptr ? pass.info->pass : 1;
  v.exercised = std::move(exercised);
  v.outcome = findings.empty() ? Outcome::kPass : Outcome::kFail;
  v.findings = std::move(findings);
  return v;
}

Verdict NotExercised(std::string rule_id, const PassView& pass, std::string why) {
  Verdict v;
  v.rule_id = std::move(rule_id);
  v.pass = pass.info != nullptr ? pass.info->pass : 1;
  v.exercised = std::move(why);
  v.outcome = Outcome::kNotExercised;
  return v;
}

}  // namespace dscosim::conformance
