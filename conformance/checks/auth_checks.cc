// CONF-AUTH-001..003: client-credentials tokens, sent as Bearer; a new token and a
// resend after a 401; reuse of a valid token (conformance/README.md, "Rules").
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "dscosim/conformance/checks/check_support.h"
#include "dscosim/conformance/events.h"
#include "dscosim/conformance/rules.h"
#include "dscosim/fakes/http.h"

namespace dscosim::conformance {
namespace {

bool HasBearerScheme(const std::string& authorization) {
  return authorization.rfind("Bearer ", 0) == 0 || authorization.rfind("bearer ", 0) == 0;
}

std::string BearerToken(const Call& call) {
  if (!call.token.empty()) return call.token;
  return HasBearerScheme(call.authorization) ? call.authorization.substr(7) : std::string();
}

// The token a 2xx token answer issued, or "".
std::string IssuedToken(const Call& call) {
  if (!IsTokenRequest(call) || !IsSuccessStatus(call.status) || !call.response_json.is_object()) return "";
  return call.response_json.value("access_token", std::string());
}

// A form with grant_type=client_credentials, or with none: production takes a form of
// only client_id and client_secret (the vendor's Java demo sends that), so its absence
// is counted, not failed.
bool IsClientCredentialsForm(const Call& call, bool& without_grant) {
  auto form = fakes::ParseForm(call.request_text);
  if (!form.ok()) return false;
  const auto grant = form->find("grant_type");
  without_grant = grant == form->end() && form->contains("client_id") &&
                  form->contains("client_secret");
  return without_grant || (grant != form->end() && grant->second == "client_credentials");
}

// "first #3 GET ... at +1.000 s" for a group of calls.
std::string FirstOf(const std::vector<const Call*>& calls, std::int64_t start) {
  return calls.empty() ? std::string() : "first " + DescribeCall(*calls.front(), start);
}

std::string Plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + ' ' + (n == 1 ? one : many);
}

}  // namespace

Verdict CheckAuth001(const PassView& pass) {
  const std::string id = "CONF-AUTH-001";
  if (pass.calls.empty()) return NotExercised(id, pass, "the integration sent no request");
  const std::int64_t start = PassStartWall(pass);
  std::set<std::string> issued;
  for (const Call* c : pass.calls) {
    if (std::string t = IssuedToken(*c); !t.empty()) issued.insert(t);
  }
  std::vector<const Call*> missing, other_scheme, unissued, bad_token_requests;
  std::size_t api_requests = 0, token_requests = 0, without_grant = 0;
  for (const Call* c : pass.calls) {
    if (IsTokenRequest(*c)) {
      ++token_requests;
      bool no_grant = false;
      if (!IsClientCredentialsForm(*c, no_grant)) bad_token_requests.push_back(c);
      if (no_grant) ++without_grant;
      continue;
    }
    ++api_requests;
    if (c->authorization.empty()) {
      missing.push_back(c);
    } else if (!HasBearerScheme(c->authorization)) {
      other_scheme.push_back(c);
    } else if (!issued.contains(BearerToken(*c))) {
      unissued.push_back(c);
    }
  }
  std::vector<Finding> findings;
  const auto add = [&](const std::vector<const Call*>& calls, const std::string& what,
                       const std::string& expected) {
    if (calls.empty()) return;
    findings.push_back({Plural(calls.size(), "request", "requests") + ' ' + what + ", " +
                            FirstOf(calls, start),
                        Seqs(calls), expected});
  };
  const std::string bearer = "every API request sends Authorization: Bearer <token from POST /oauth2/token>";
  add(missing, "without an Authorization header", bearer);
  if (!other_scheme.empty()) {
    // Only the scheme: the rest of the header may be a credential.
    const std::string& header = other_scheme.front()->authorization;
    add(other_scheme, "with Authorization scheme \"" + header.substr(0, header.find(' ')) + "\"", bearer);
  }
  add(unissued, "with a bearer token the token route never issued in this pass", bearer);
  add(bad_token_requests, "to the token route without a form-encoded client-credentials request",
      "POST /oauth2/token with an application/x-www-form-urlencoded body, "
      "grant_type=client_credentials, client_id and client_secret");
  return Judged(id, pass,
                Plural(api_requests, "API request", "API requests") + " and " +
                    Plural(token_requests, "token request", "token requests") + " (" +
                    Plural(issued.size(), "token issued", "tokens issued") +
                    (without_grant == 0
                         ? std::string()
                         : "; " + Plural(without_grant, "token request", "token requests") +
                               " without grant_type, which production accepts as "
                               "client_credentials (sending it is better)") +
                    ")",
                std::move(findings));
}

Verdict CheckAuth002(const PassView& pass) {
  const std::string id = "CONF-AUTH-002";
  const std::int64_t start = PassStartWall(pass);
  const double within = pass.Setting("retryWithinSeconds", 10);
  const auto grace = static_cast<std::int64_t>(pass.Setting("inFlightGraceMillis", 500) * 1000);
  std::vector<const Call*> refused;
  for (const Call* c : pass.calls) {
    if (c->status == 401 && !IsTokenRequest(*c)) refused.push_back(c);
  }
  if (refused.empty()) return NotExercised(id, pass, "no API request was answered 401");

  std::vector<Finding> findings;
  std::size_t exempt = 0;
  std::set<std::string> reported_tokens;
  for (const Call* r : refused) {
    const std::string token = BearerToken(*r);
    // Requests sent after the 401 arrived (in flight ones do not count) with that token.
    std::vector<const Call*> reuses;
    const Call* resent = nullptr;
    const std::string identity = RequestIdentity(*r);
    for (const Call* c : pass.calls) {
      if (c->wall_micros < r->answered_wall_micros() || IsTokenRequest(*c) || c == r) continue;
      const std::string t = BearerToken(*c);
      // Another thread's request sent just as the 401 came back was already on its way;
      // resending the refused request itself with the old token never is.
      const bool in_flight = c->wall_micros < r->answered_wall_micros() + grace && RequestIdentity(*c) != identity;
      if (!token.empty() && t == token && !in_flight) reuses.push_back(c);
      if (resent == nullptr && t != token && !t.empty() && RequestIdentity(*c) == identity) resent = c;
    }
    if (!reuses.empty() && reported_tokens.insert(token).second) {
      std::vector<const Call*> seqs = {r};
      seqs.insert(seqs.end(), reuses.begin(), reuses.end());
      findings.push_back({DescribeCall(*r, start) + "; the same token was sent again by " +
                              Plural(reuses.size(), "later request", "later requests") + ", " +
                              FirstOf(reuses, start),
                          Seqs(seqs), "after a 401, get a new token and never send the old one again"});
    }
    if (resent != nullptr) continue;
    const std::int64_t due = r->answered_wall_micros() + static_cast<std::int64_t>(within * 1e6);
    if (const Event* stop = StopBetween(pass, r->answered_wall_micros(), due);
        stop != nullptr && !MovedOn(pass, *r, stop->wall_micros)) {
      ++exempt;
      continue;
    }
    findings.push_back({DescribeCall(*r, start) + " was never sent again with a new token",
                        {r->seq}, "the request that got the 401 sent again with a new token"});
  }
  std::string exercised = Plural(refused.size(), "request", "requests") + " answered 401";
  if (exempt > 0) exercised += " (" + std::to_string(exempt) + " followed by a stop before a resend was due)";
  return Judged(id, pass, std::move(exercised), std::move(findings));
}

Verdict CheckAuth003(const PassView& pass) {
  const std::string id = "CONF-AUTH-003";
  const std::int64_t start = PassStartWall(pass);
  const auto spare = static_cast<std::size_t>(pass.Setting("spareTokens", 2));
  // Renewing shortly before expiry is what production clients do (the vendor's Java demo
  // 30 s ahead, a production middleware 60 s): never superfluous. Shortly is at most a
  // tenth of the token's lifetime, so a short-lived token still shows a token per call.
  const auto refresh_ahead =
      static_cast<std::int64_t>(pass.Setting("refreshAheadSeconds", 300) * 1e6);
  const std::vector<const Event*> restarts = Restarts(pass);
  const std::vector<const Event*> expiries = pass.EventsOf(events::kTokenExpired);
  const auto happened_between = [](const std::vector<const Event*>& list, std::int64_t from, std::int64_t to) {
    for (const Event* e : list) {
      if (e->wall_micros > from && e->wall_micros <= to) return true;
    }
    return false;
  };

  const Call* current = nullptr;  // the latest 2xx token answer that had arrived
  std::size_t token_requests = 0, issued = 0;
  std::vector<const Call*> superfluous;
  for (const Call* c : pass.calls) {
    if (!IsTokenRequest(*c)) continue;
    if (!IssuedToken(*c).empty()) ++issued;
    ++token_requests;
    // The token in hand when this request was sent: the latest one answered before.
    for (const Call* t : pass.calls) {
      if (t->seq >= c->seq) break;
      if (!IssuedToken(*t).empty() && t->answered_wall_micros() <= c->wall_micros) current = t;
    }
    if (current == nullptr) continue;
    const std::int64_t issued_wall = current->answered_wall_micros();
    const std::int64_t lifetime =
        static_cast<std::int64_t>(current->response_json.value("expires_in", 0.0) * 1e6);
    const std::int64_t ahead = std::min(refresh_ahead, lifetime / 10);
    const bool expired =
        lifetime > 0 && current->virtual_micros + lifetime - ahead <= c->virtual_micros;
    bool refused = false;
    for (const Call* o : pass.calls) {
      if (o->status == 401 && !IsTokenRequest(*o) && o->answered_wall_micros() > issued_wall &&
          o->answered_wall_micros() <= c->wall_micros) {
        refused = true;
        break;
      }
    }
    if (!expired && !refused && !happened_between(expiries, issued_wall, c->wall_micros) &&
        !happened_between(restarts, issued_wall, c->wall_micros)) {
      superfluous.push_back(c);
    }
  }
  if (issued == 0) return NotExercised(id, pass, "no token was issued");
  std::vector<Finding> findings;
  if (superfluous.size() > spare) {
    findings.push_back({Plural(superfluous.size(), "token request", "token requests") +
                            " while a valid token was in hand (no 401, expiry or restart since it "
                            "was issued), first " + DescribeCall(*superfluous.front(), start),
                        Seqs(superfluous),
                        "reuse the token until it expires or a 401; at most " + std::to_string(spare) +
                            " spare token requests"});
  }
  return Judged(id, pass,
                Plural(token_requests, "token request", "token requests") + " (" +
                    Plural(issued, "token issued", "tokens issued") + "), " +
                    std::to_string(superfluous.size()) + " superfluous (" + std::to_string(spare) +
                    " allowed)",
                std::move(findings));
}

}  // namespace dscosim::conformance
