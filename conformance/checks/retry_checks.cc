// CONF-RETRY-001..004: retries transient answers, backs off exponentially, never resends
// a refused request unchanged, rides out the outage (conformance/README.md, "Rules").
// Identity is check_support's RequestIdentity; waits are on the wall clock.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "dscosim/conformance/checks/check_support.h"
#include "dscosim/conformance/rules.h"

namespace dscosim::conformance {
namespace {

std::int64_t SecondsToMicros(double seconds) { return static_cast<std::int64_t>(seconds * 1e6); }

// Every attempt of each identity, in seq order, keyed by the identity's first seq so
// that findings come out in the order the requests were first sent.
std::map<std::uint64_t, std::vector<const Call*>> AttemptsByIdentity(const PassView& pass) {
  std::map<std::string, std::uint64_t> first_seq;
  std::map<std::uint64_t, std::vector<const Call*>> attempts;
  for (const Call* c : pass.calls) {
    const auto [it, inserted] = first_seq.emplace(RequestIdentity(*c), c->seq);
    attempts[it->second].push_back(c);
  }
  return attempts;
}

// The attempt after `call` in its identity's list, or nullptr.
const Call* NextAttempt(const std::vector<const Call*>& attempts, const Call* call) {
  auto it = std::find(attempts.begin(), attempts.end(), call);
  return it == attempts.end() || it + 1 == attempts.end() ? nullptr : *(it + 1);
}

// 400, 403, 404 (except on GET: not visible yet is worth asking again), 405, 409, 413,
// 415 and 422. 401 is CONF-AUTH-002's.
bool IsRefusal(const Call& call) {
  switch (call.status) {
    case 400: case 403: case 405: case 409: case 413: case 415: case 422: return true;
    case 404: return call.method != "GET";
    default: return false;
  }
}

// "10" for 10 s, "2.5" for 2.5 s.
std::string Seconds(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

std::string Ratio(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

}  // namespace

Verdict CheckRetry001(const PassView& pass) {
  const std::string id = "CONF-RETRY-001";
  const std::int64_t start = PassStartWall(pass);
  const double within = pass.Setting("retryWithinSeconds", 10);
  const std::set<std::string> outage = FaultIdsOfKind(pass, "outage");
  const auto attempts = AttemptsByIdentity(pass);
  std::map<const Call*, const std::vector<const Call*>*> list_of;
  for (const auto& [first, list] : attempts) {
    for (const Call* c : list) list_of[c] = &list;
  }

  std::size_t judged = 0, exempt = 0;
  std::vector<Finding> findings;
  for (const Call* c : pass.calls) {
    if (!IsTransientStatus(c->status) || (!c->fault.empty() && outage.contains(c->fault))) continue;
    ++judged;
    const std::int64_t due = c->answered_wall_micros() + SecondsToMicros(within);
    const Call* next = NextAttempt(*list_of[c], c);
    if (next != nullptr && next->wall_micros <= due) continue;
    if (const Event* stop = StopBetween(pass, c->answered_wall_micros(), due);
        stop != nullptr && !MovedOn(pass, *c, stop->wall_micros)) {
      ++exempt;
      continue;
    }
    std::string message = DescribeCall(*c, start) + " was not sent again within " + Seconds(within) + " s";
    std::vector<std::uint64_t> seqs = {c->seq};
    if (next != nullptr) {
      message += " (next attempt #" + std::to_string(next->seq) + " at " + FormatOffset(next->wall_micros, start) + ")";
      seqs.push_back(next->seq);
    } else {
      message += " (never sent again)";
    }
    findings.push_back({std::move(message), std::move(seqs),
                        "the same request again (backing off) within " + Seconds(within) + " s of a 408, 429, "
                        "500, 502, 503, 504 or dropped connection"});
  }
  if (judged == 0) return NotExercised(id, pass, "no transient answer outside the outage");
  const std::size_t retried = judged - exempt - findings.size();
  std::string exercised = std::to_string(judged) + " transient answers outside the outage, " +
                          (retried == judged ? "all" : std::to_string(retried)) + " retried";
  if (exempt > 0) exercised += ", " + std::to_string(exempt) + " followed by a stop before a retry was due";
  return Judged(id, pass, std::move(exercised), std::move(findings));
}

Verdict CheckRetry002(const PassView& pass) {
  const std::string id = "CONF-RETRY-002";
  const std::int64_t start = PassStartWall(pass);
  const auto min_wait = SecondsToMicros(pass.Setting("minRetryWaitMillis", 100) / 1000);
  const std::vector<const Event*> restarts = Restarts(pass);
  const auto restart_between = [&](std::int64_t from, std::int64_t to) {
    return std::any_of(restarts.begin(), restarts.end(),
                       [&](const Event* e) { return e->wall_micros > from && e->wall_micros <= to; });
  };

  // A chain: consecutive attempts of one identity, each after a transient answer to the
  // one before, within one run of the integration (a restarted one starts afresh).
  std::vector<std::vector<const Call*>> chains;
  for (const auto& [first, list] : AttemptsByIdentity(pass)) {
    std::vector<const Call*> chain;
    for (const Call* c : list) {
      if (!chain.empty() && (!IsTransientStatus(chain.back()->status) ||
                             restart_between(chain.back()->answered_wall_micros(), c->wall_micros))) {
        if (chain.size() > 1) chains.push_back(chain);
        chain.clear();
      }
      chain.push_back(c);
    }
    if (chain.size() > 1) chains.push_back(chain);
  }
  if (chains.empty()) return NotExercised(id, pass, "no request was sent again after a transient answer");
  std::sort(chains.begin(), chains.end(), [](const auto& a, const auto& b) { return a[0]->seq < b[0]->seq; });

  std::size_t waits_seen = 0;
  std::int64_t shortest = 0;
  std::vector<Finding> findings;
  for (const auto& chain : chains) {
    std::vector<std::int64_t> waits;
    for (std::size_t i = 1; i < chain.size(); ++i) {
      waits.push_back(chain[i]->wall_micros - chain[i - 1]->answered_wall_micros());
    }
    const std::int64_t least = *std::min_element(waits.begin(), waits.end());
    shortest = waits_seen == 0 ? least : std::min(shortest, least);
    waits_seen += waits.size();
    const bool too_short = least < min_wait;
    const double ratio = waits.front() > 0 ? static_cast<double>(waits.back()) / static_cast<double>(waits.front()) : 0;
    // Flat: most waits (three or more, and at least three quarters) sit within 25% of
    // the chain's median wait. A growing backoff has few waits near its median; one wait
    // stretched by the client's own lock or a loaded machine does not make it flat, and
    // a few stretched waits do not hide a constant retry interval either.
    std::vector<std::int64_t> sorted = waits;
    std::sort(sorted.begin(), sorted.end());
    const double median = static_cast<double>(sorted[sorted.size() / 2]);
    const auto near = static_cast<std::size_t>(std::count_if(waits.begin(), waits.end(), [&](std::int64_t w) {
      return std::abs(static_cast<double>(w) - median) <= 0.25 * median;
    }));
    const bool flat = waits.size() >= 3 && near >= 3 && 4 * near >= 3 * waits.size();
    if (!too_short && !flat) continue;
    std::string listed;
    for (std::size_t i = 0; i < waits.size(); ++i) {
      if (i == 8 && waits.size() > 9) {
        listed += ", ... " + FormatMillis(waits.back());
        break;
      }
      listed += (i == 0 ? "" : ", ") + FormatMillis(waits[i]);
    }
    std::string message = std::to_string(chain.size()) + " attempts of " + DescribeCall(*chain.front(), start) +
                          ": waits " + listed;
    if (too_short) message += "; " + FormatMillis(least) + " is under " + FormatMillis(min_wait);
    if (flat) {
      message += "; " + std::to_string(near) + " of " + std::to_string(waits.size()) + " waits within 25% of " +
                 FormatMillis(static_cast<std::int64_t>(median)) + " (the last is " + Ratio(ratio) + "x the first)";
    }
    findings.push_back({std::move(message), Seqs(chain),
                        "each wait (answer to next attempt) at least " + FormatMillis(min_wait) +
                            ", and growing: not three quarters of 3 or more waits within 25% of their median"});
  }
  return Judged(id, pass,
                std::to_string(chains.size()) + " retry chains with " + std::to_string(waits_seen) +
                    " waits, the shortest " + FormatMillis(shortest),
                std::move(findings));
}

Verdict CheckRetry003(const PassView& pass) {
  const std::string id = "CONF-RETRY-003";
  const std::int64_t start = PassStartWall(pass);
  std::size_t refusals = 0;
  std::vector<Finding> findings;
  for (const auto& [first, list] : AttemptsByIdentity(pass)) {
    auto refused = std::find_if(list.begin(), list.end(), [](const Call* c) { return IsRefusal(*c); });
    if (refused == list.end()) continue;
    refusals += static_cast<std::size_t>(
        std::count_if(list.begin(), list.end(), [](const Call* c) { return IsRefusal(*c); }));
    if (refused + 1 == list.end()) continue;
    const std::vector<const Call*> resent(refused, list.end());
    findings.push_back({DescribeCall(**refused, start) + " was sent again unchanged " +
                            std::to_string(resent.size() - 1) + (resent.size() == 2 ? " time" : " times") +
                            ", first " + DescribeCall(*resent[1], start),
                        Seqs(resent),
                        "after a 400, 403, 404 (not GET), 405, 409, 413, 415 or 422, change the request "
                        "(or give it up); never resend it unchanged"});
  }
  if (refusals == 0) return NotExercised(id, pass, "no request was answered with a non-transient 4xx");
  return Judged(id, pass,
                std::to_string(refusals) +
                    (refusals == 1 ? " non-transient 4xx answer" : " non-transient 4xx answers") +
                    (findings.empty() ? ", none resent unchanged" : ""),
                std::move(findings));
}

Verdict CheckRetry004(const PassView& pass) {
  const std::string id = "CONF-RETRY-004";
  const std::int64_t start = PassStartWall(pass);
  const double within = pass.Setting("retryWithinSeconds", 10);
  const std::set<std::string> outage = FaultIdsOfKind(pass, "outage");
  if (outage.empty()) return NotExercised(id, pass, "the pass had no outage");
  const auto in_outage = [&](const Call* c) { return !c->fault.empty() && outage.contains(c->fault); };

  std::size_t identities = 0, answers = 0, exempt = 0;
  std::vector<Finding> findings;
  for (const auto& [first, list] : AttemptsByIdentity(pass)) {
    auto hit = std::find_if(list.begin(), list.end(), in_outage);
    if (hit == list.end()) continue;
    ++identities;
    answers += static_cast<std::size_t>(std::count_if(list.begin(), list.end(), in_outage));
    // Answered 2xx after the outage, or refused for its own reasons (a non-transient 4xx,
    // which is RETRY-003's business): either way the outage did not lose it.
    if (std::any_of(hit, list.end(), [](const Call* c) {
          return IsSuccessStatus(c->status) || (c->status >= 400 && c->status < 500 && !IsTransientStatus(c->status));
        })) {
      continue;
    }
    // Still retrying when the harness stopped it: not lost by the integration.
    const Call* last = list.back();
    if (const Event* stop =
            StopBetween(pass, last->answered_wall_micros(), last->answered_wall_micros() + SecondsToMicros(within));
        stop != nullptr && !MovedOn(pass, *last, stop->wall_micros)) {
      ++exempt;
      continue;
    }
    const std::vector<const Call*> after(hit, list.end());
    findings.push_back({DescribeCall(**hit, start) + " (the outage) was never answered 2xx afterwards; " +
                            std::to_string(after.size()) + " attempts, the last " + DescribeCall(*last, start),
                        Seqs(after), "keep retrying (backing off) until the request succeeds after the outage"});
  }
  if (identities == 0) return NotExercised(id, pass, "no request was answered by the outage");
  std::string exercised = std::to_string(answers) + " outage answers to " + std::to_string(identities) +
                          " distinct requests";
  if (findings.empty() && exempt == 0) exercised += ", all later answered 2xx";
  if (exempt > 0) exercised += ", " + std::to_string(exempt) + " cut short by a stop while retrying";
  return Judged(id, pass, std::move(exercised), std::move(findings));
}

}  // namespace dscosim::conformance
