// The AUTH, RETRY, LIMIT and BATCH checkers and check_support, over synthetic histories.
#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "dscosim/conformance/checks/check_support.h"
#include "dscosim/conformance/events.h"
#include "dscosim/conformance/rules.h"
#include "dscosim/tests/conformance/history_builder.h"

namespace dscosim::conformance {
namespace {

using test_support::HistoryBuilder;
using Seqs = std::vector<std::uint64_t>;

constexpr char kPoll[] = "/api/v3/order/page?ordersCreatedSince=2027-01-15T00:00:00Z&until=2027-01-15T00:01:00Z";

Call& Token(HistoryBuilder& h, double at, const std::string& token, int status = 200) {
  Call& c = h.Add(at, "POST", "/api/v3/oauth2/token", status, nullptr,
                  Json{{"access_token", token}, {"token_type", "Bearer"}, {"expires_in", 3600}}, "getAccessToken");
  c.request_text = "grant_type=client_credentials&client_id=id-1&client_secret=s3cret";
  c.authorization.clear();
  c.token.clear();
  c.account.clear();
  return c;
}

Call& Poll(HistoryBuilder& h, double at, int status, const std::string& token = "tok-1") {
  Call& c = h.Add(at, "GET", kPoll, status, nullptr, Json{{"orders", Json::array()}}, "getOrders");
  c.authorization = "Bearer " + token;
  c.token = token;
  return c;
}

void Outage(HistoryBuilder& h, double at) {
  h.AddEvent(at, events::kFaultInstalled, {{"id", "f-outage"}, {"kind", "outage"}, {"status", 503}});
}

Seqs FindingSeqs(const Verdict& v, std::size_t i = 0) {
  return i < v.findings.size() ? v.findings[i].seqs : Seqs{};
}

// --- check_support ----------------------------------------------------------------------

TEST(CheckSupport, IdentityIgnoresTokenAndQueryOrderAndComparesJsonAsValues) {
  HistoryBuilder h;
  Call& a = h.Add(1, "POST", "/api/v3/order/acknowledge?x=1&y=2", 202,
                  Json::array({{{"id", "1"}, {"type", "PO_NUMBER"}}}));
  a.token = "tok-1";
  Call b = h.Add(2, "POST", "/api/v3/order/acknowledge?y=2&x=1", 202);
  b.request_text = "[ {\"type\": \"PO_NUMBER\", \"id\": \"1\"} ]";
  b.request_json = Json::parse(b.request_text);
  b.token = "tok-2";
  b.authorization = "Bearer tok-2";
  EXPECT_TRUE(SameRequest(h.history().calls[0], b));
  Call c = b;
  c.query = {{"x", "1"}, {"y", "3"}};
  EXPECT_FALSE(SameRequest(h.history().calls[0], c));
  Call d = b;
  d.method = "PUT";
  EXPECT_FALSE(SameRequest(b, d));
  Call e = b;
  e.request_json = Json::array({{{"id", 1}, {"type", "PO_NUMBER"}}});  // a number, not a string
  EXPECT_FALSE(SameRequest(b, e));
  Call f = b;  // a text body is compared as text
  f.request_json = nullptr;
  f.request_text = "grant_type=client_credentials";
  Call g = f;
  g.request_text = "grant_type=client_credentials&x=1";
  EXPECT_FALSE(SameRequest(f, g));
}

TEST(CheckSupport, TransientStatuses) {
  for (int s : {0, 408, 429, 500, 502, 503, 504}) EXPECT_TRUE(IsTransientStatus(s)) << s;
  for (int s : {200, 202, 400, 401, 403, 404, 409, 501, 505}) EXPECT_FALSE(IsTransientStatus(s)) << s;
}

TEST(CheckSupport, DescribesCallsRelativeToThePassStart) {
  HistoryBuilder h;
  h.AddEvent(0.5, events::kIntegrationStarted);
  Poll(h, 12.8455, 503);
  Poll(h, 13, 0);
  PassView v = h.View();
  ASSERT_EQ(PassStartWall(v), HistoryBuilder::Micros(0.5));
  EXPECT_EQ(DescribeCall(*v.calls[0], PassStartWall(v)), std::string("#1 GET ") + kPoll + " -> 503 at +12.345 s");
  EXPECT_EQ(DescribeCall(*v.calls[1], PassStartWall(v)), std::string("#2 GET ") + kPoll + " -> dropped at +12.500 s");
  EXPECT_EQ(FormatOffset(HistoryBuilder::Micros(0.25), PassStartWall(v)), "-0.250 s");
  EXPECT_EQ(FormatMillis(1'499), "1 ms");
  EXPECT_EQ(FormatMillis(250'600), "251 ms");

  HistoryBuilder no_events;
  Poll(no_events, 2, 200);
  EXPECT_EQ(PassStartWall(no_events.View()), HistoryBuilder::Micros(2));
}

TEST(CheckSupport, FaultIdsOfKindAndStops) {
  HistoryBuilder h;
  h.AddEvent(1, events::kFaultInstalled, {{"id", "t1"}, {"kind", "transient"}, {"status", 500}});
  Outage(h, 2);
  h.AddEvent(3, events::kFaultInstalled, {{"id", "t2"}, {"kind", "transient"}, {"status", 429}});
  h.AddEvent(5, events::kIntegrationStopped, {{"reason", "restart"}});
  PassView v = h.View();
  EXPECT_EQ(FaultIdsOfKind(v, "transient"), (std::set<std::string>{"t1", "t2"}));
  EXPECT_EQ(FaultIdsOfKind(v, "outage"), (std::set<std::string>{"f-outage"}));
  EXPECT_EQ(StopBetween(v, HistoryBuilder::Micros(1), HistoryBuilder::Micros(4)), nullptr);
  ASSERT_NE(StopBetween(v, HistoryBuilder::Micros(4), HistoryBuilder::Micros(6)), nullptr);
}

// --- CONF-AUTH-001 ----------------------------------------------------------------------

TEST(AuthCheck, Auth001PassesBearerTokensFromTheTokenRoute) {
  HistoryBuilder h;
  Token(h, 0.1, "tok-1");
  Poll(h, 1, 200);
  Poll(h, 2, 200).authorization = "bearer tok-1";  // the docs' lower case
  Verdict v = CheckAuth001(h.View());
  EXPECT_EQ(v.outcome, Outcome::kPass) << v.exercised;
  EXPECT_EQ(v.exercised, "2 API requests and 1 token request (1 token issued)");
}

TEST(AuthCheck, Auth001FindsMissingOtherSchemeAndUnissuedTokens) {
  HistoryBuilder h;
  Token(h, 0.1, "tok-1");
  Poll(h, 1, 401).authorization.clear();
  Poll(h, 2, 401).authorization = "Basic aWQ6c2VjcmV0";
  Poll(h, 3, 401, "made-up");
  Poll(h, 4, 200);
  Verdict v = CheckAuth001(h.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 3u);
  EXPECT_EQ(FindingSeqs(v, 0), Seqs{2});
  EXPECT_EQ(FindingSeqs(v, 1), Seqs{3});
  EXPECT_NE(v.findings[1].message.find("\"Basic\""), std::string::npos);
  EXPECT_EQ(v.findings[1].message.find("aWQ6"), std::string::npos) << "never echo a credential";
  EXPECT_EQ(FindingSeqs(v, 2), Seqs{4});
}

TEST(AuthCheck, Auth001FindsATokenRequestThatIsNotClientCredentials) {
  HistoryBuilder h;
  Call& json = Token(h, 0.1, "tok-1", 400);
  json.request_text = R"({"grant_type":"client_credentials"})";
  Token(h, 0.2, "tok-1").request_text = "grant_type=password&username=u";
  Token(h, 0.3, "tok-1");
  Poll(h, 1, 200);
  Verdict v = CheckAuth001(h.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(FindingSeqs(v), (Seqs{1, 2}));
}

// The vendor's Java demo sends no grant_type and production issues a token: counted in
// the summary, never a finding (issue 11).
TEST(AuthCheck, Auth001AcceptsATokenRequestWithoutGrantType) {
  HistoryBuilder h;
  Token(h, 0.1, "tok-1").request_text = "client_id=id-1&client_secret=s3cret";
  Poll(h, 1, 200);
  Verdict v = CheckAuth001(h.View());
  EXPECT_EQ(v.outcome, Outcome::kPass) << v.exercised;
  EXPECT_EQ(v.exercised,
            "1 API request and 1 token request (1 token issued; 1 token request without "
            "grant_type, which production accepts as client_credentials (sending it is better))");
  // Without grant_type and without the secret it is no client-credentials request.
  HistoryBuilder no_secret;
  Token(no_secret, 0.1, "tok-1");
  Token(no_secret, 0.2, "tok-2", 400).request_text = "client_id=id-1";
  Poll(no_secret, 1, 200);
  const Verdict refused = CheckAuth001(no_secret.View());
  ASSERT_EQ(refused.outcome, Outcome::kFail);
  ASSERT_EQ(refused.findings.size(), 1u);
  EXPECT_EQ(FindingSeqs(refused), Seqs{2});
}

TEST(AuthCheck, Auth001NotExercisedWithoutRequests) {
  HistoryBuilder h;
  h.AddEvent(0, events::kIntegrationStarted);
  EXPECT_EQ(CheckAuth001(h.View()).outcome, Outcome::kNotExercised);
}

// --- CONF-AUTH-002 ----------------------------------------------------------------------

TEST(AuthCheck, Auth002PassesANewTokenAndAResend) {
  HistoryBuilder h;
  Token(h, 0.1, "tok-1");
  Poll(h, 19, 200);
  h.AddEvent(20, events::kTokenExpired);
  Poll(h, 20.5, 401);
  Token(h, 20.6, "tok-2");
  Poll(h, 20.7, 200, "tok-2");
  Verdict v = CheckAuth002(h.View());
  EXPECT_EQ(v.outcome, Outcome::kPass) << (v.findings.empty() ? "" : v.findings[0].message);
}

TEST(AuthCheck, Auth002FindsTheExpiredTokenSentAgainAndNoResend) {
  HistoryBuilder h;
  Token(h, 0.1, "tok-1");
  Poll(h, 20.5, 401);  // #2
  h.Add(21.05, "GET", "/api/v3/hello", 401, nullptr, nullptr, "helloWorld");  // #3, tok-1 again
  Token(h, 21.1, "tok-2");
  h.Add(21.5, "GET", "/api/v3/hello", 200, nullptr, nullptr, "helloWorld").token = "tok-2";
  Verdict v = CheckAuth002(h.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 2u);
  EXPECT_EQ(FindingSeqs(v, 0), (Seqs{2, 3}));  // tok-1 reused after its 401
  EXPECT_EQ(FindingSeqs(v, 1), Seqs{2});       // the poll was never sent with tok-2
}

TEST(AuthCheck, Auth002IgnoresRequestsInFlightAndExemptsAStop) {
  HistoryBuilder h;
  Token(h, 0.1, "tok-1");
  Call& slow = Poll(h, 20.0, 401);
  slow.duration_micros = 500'000;  // answered at 20.5
  h.Add(20.2, "GET", "/api/v3/hello", 401, nullptr, nullptr, "helloWorld");  // sent before that
  h.AddEvent(25, events::kPassEnd);
  Verdict v = CheckAuth002(h.View());
  EXPECT_EQ(v.outcome, Outcome::kPass) << (v.findings.empty() ? "" : v.findings[0].message);
  EXPECT_NE(v.exercised.find("2 followed by a stop"), std::string::npos) << v.exercised;
}

TEST(AuthCheck, Auth002ExcusesAConcurrentRequestButNotTheSameOneResent) {
  HistoryBuilder h;
  Token(h, 0.1, "tok-1");
  Poll(h, 20.5, 401);                                                         // #2
  h.Add(20.6, "GET", "/api/v3/hello", 401, nullptr, nullptr, "helloWorld");  // #3: another thread's
  Token(h, 20.7, "tok-2");
  Poll(h, 20.8, 200, "tok-2");
  Verdict v = CheckAuth002(h.View());
  EXPECT_EQ(v.outcome, Outcome::kFail);  // #3's own 401 was never resent with tok-2
  for (const Finding& f : v.findings) EXPECT_EQ(f.seqs, Seqs{3}) << f.message;

  HistoryBuilder again;
  Token(again, 0.1, "tok-1");
  Poll(again, 20.5, 401);  // #2
  Poll(again, 20.6, 401);  // #3: the same request, the same token, at once
  Token(again, 20.7, "tok-2");
  Poll(again, 20.8, 200, "tok-2");
  v = CheckAuth002(again.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  EXPECT_EQ(FindingSeqs(v, 0), (Seqs{2, 3}));
}

TEST(AuthCheck, Auth002NotExercisedWithoutA401) {
  HistoryBuilder h;
  Token(h, 0.1, "tok-1");
  Poll(h, 1, 200);
  EXPECT_EQ(CheckAuth002(h.View()).outcome, Outcome::kNotExercised);
}

// --- CONF-AUTH-003 ----------------------------------------------------------------------

TEST(AuthCheck, Auth003PassesReuseAndRenewalsThatWereNeeded) {
  HistoryBuilder h;
  h.AddEvent(0, events::kIntegrationStarted);
  Token(h, 0.1, "tok-1");
  for (int i = 1; i < 10; ++i) Poll(h, i, 200);
  h.AddEvent(15, events::kIntegrationStarted);  // a restart forgets the token
  Token(h, 15.1, "tok-2");
  Poll(h, 16, 401, "tok-2");  // a 401: renewing is right
  Token(h, 16.1, "tok-3");
  h.AddEvent(20, events::kTokenExpired);
  Token(h, 20.1, "tok-4");
  Verdict v = CheckAuth003(h.View());
  EXPECT_EQ(v.outcome, Outcome::kPass) << (v.findings.empty() ? "" : v.findings[0].message);
  EXPECT_EQ(v.exercised, "4 token requests (4 tokens issued), 0 superfluous (2 allowed)");
}

TEST(AuthCheck, Auth003FindsATokenPerCall) {
  HistoryBuilder h;
  for (int i = 0; i < 5; ++i) {
    Token(h, i, "tok-" + std::to_string(i));  // seqs 1, 3, 5, 7, 9
    Poll(h, i + 0.5, 200, "tok-" + std::to_string(i));
  }
  Verdict v = CheckAuth003(h.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  EXPECT_EQ(FindingSeqs(v), (Seqs{3, 5, 7, 9}));
}

TEST(AuthCheck, Auth003AllowsSpareTokensAndHonoursExpiresIn) {
  HistoryBuilder h(std::string("1000000001"), Json{{"spareTokens", 1}});
  Token(h, 0, "tok-1").response_json["expires_in"] = 2;
  Token(h, 3, "tok-2");  // tok-1 had expired
  Token(h, 4, "tok-3");  // superfluous, the one spare
  Verdict v = CheckAuth003(h.View());
  EXPECT_EQ(v.outcome, Outcome::kPass);
  Token(h, 5, "tok-4");  // a second superfluous one
  v = CheckAuth003(h.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  EXPECT_EQ(FindingSeqs(v), (Seqs{3, 4}));
}

// The vendor's Java demo renews 30 s before expiry, a production middleware 60 s: hours
// of that are not superfluous tokens; renewing 10 minutes ahead still is.
TEST(AuthCheck, Auth003AcceptsRenewingShortlyBeforeExpiry) {
  HistoryBuilder h;
  Token(h, 0, "tok-0");
  for (int hour = 1; hour <= 4; ++hour) {
    Token(h, hour * 3570.0, "tok-" + std::to_string(hour));  // 30 s before each expiry
    Poll(h, hour * 3570.0 + 1, 200, "tok-" + std::to_string(hour));
  }
  Verdict v = CheckAuth003(h.View());
  EXPECT_EQ(v.outcome, Outcome::kPass) << (v.findings.empty() ? "" : v.findings[0].message);
  EXPECT_EQ(v.exercised, "5 token requests (5 tokens issued), 0 superfluous (2 allowed)");

  HistoryBuilder early;
  Token(early, 0, "tok-0");
  for (int hour = 1; hour <= 3; ++hour) Token(early, hour * 3000.0, "tok-" + std::to_string(hour));
  EXPECT_EQ(CheckAuth003(early.View()).outcome, Outcome::kFail);
}

TEST(AuthCheck, Auth003NotExercisedWithoutAToken) {
  HistoryBuilder h;
  Token(h, 0.1, "tok-1", 401);
  EXPECT_EQ(CheckAuth003(h.View()).outcome, Outcome::kNotExercised);
}

// --- CONF-RETRY-001 ---------------------------------------------------------------------

TEST(RetryCheck, Retry001PassesRetriedTransientAnswers) {
  HistoryBuilder h;
  h.AddEvent(3, events::kFaultInstalled, {{"id", "t1"}, {"kind", "transient"}, {"status", 500}});
  Poll(h, 3, 500).fault = "t1";
  Poll(h, 3.2, 0);    // dropped
  Poll(h, 3.6, 429);  // the rate limiter's own 429 counts too
  Poll(h, 4.4, 200);
  Verdict v = CheckRetry001(h.View());
  EXPECT_EQ(v.outcome, Outcome::kPass);
  EXPECT_EQ(v.exercised, "3 transient answers outside the outage, all retried");
}

TEST(RetryCheck, Retry001FindsAnswersNotRetriedInTime) {
  HistoryBuilder h;
  Poll(h, 3, 503);                                                                   // #1: next at 14
  h.Add(4, "POST", "/api/v3/order/acknowledge", 502, Json::array(), nullptr, "acknowledgeOrders");  // #2: never
  Poll(h, 14, 200);                                                                  // #3
  Verdict v = CheckRetry001(h.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 2u);
  EXPECT_EQ(FindingSeqs(v, 0), (Seqs{1, 3}));
  EXPECT_NE(v.findings[0].message.find("next attempt #3 at +11.000 s"), std::string::npos) << v.findings[0].message;
  EXPECT_EQ(FindingSeqs(v, 1), Seqs{2});
}

TEST(RetryCheck, Retry001LeavesTheOutageToRetry004) {
  HistoryBuilder h;
  Outage(h, 9);
  Poll(h, 9.1, 503).fault = "f-outage";  // never retried: RETRY-004's business
  Verdict v = CheckRetry001(h.View());
  EXPECT_EQ(v.outcome, Outcome::kNotExercised) << v.exercised;
}

TEST(RetryCheck, Retry001ExemptsAnswersFollowedByAStop) {
  HistoryBuilder h;
  Poll(h, 14, 500);
  h.AddEvent(15, events::kIntegrationStopped, {{"reason", "restart"}});
  Poll(h, 30, 500);
  h.AddEvent(31, events::kPassEnd);
  Verdict v = CheckRetry001(h.View());
  EXPECT_EQ(v.outcome, Outcome::kPass);
  EXPECT_NE(v.exercised.find("2 followed by a stop"), std::string::npos) << v.exercised;
}

TEST(RetryCheck, Retry001DoesNotExcuseAnIntegrationThatMovedOnBeforeTheStop) {
  HistoryBuilder h;
  Poll(h, 14, 500);  // #1: given up on
  h.Add(14.5, "GET", "/api/v3/order/page?ordersCreatedSince=2027-01-15T00%3A00%3A00Z", 200, nullptr,
        Json{{"orders", Json::array()}}, "getOrders");  // #2: another window instead of a retry
  h.AddEvent(15, events::kIntegrationStopped, {{"reason", "restart"}});
  Verdict v = CheckRetry001(h.View());
  ASSERT_EQ(v.outcome, Outcome::kFail) << v.exercised;
  EXPECT_EQ(FindingSeqs(v), Seqs{1});
}

TEST(RetryCheck, Retry004AcceptsARefusalAfterTheOutage) {
  HistoryBuilder h;
  Outage(h, 9);
  Poll(h, 9.1, 503).fault = "f-outage";  // #1
  Poll(h, 11.6, 400);                    // #2: the same request, refused for its own reasons
  Verdict v = CheckRetry004(h.View());
  EXPECT_EQ(v.outcome, Outcome::kPass) << (v.findings.empty() ? v.exercised : v.findings[0].message);
}

TEST(RetryCheck, Retry004DoesNotExcuseAnOperationDroppedBeforeTheStop) {
  HistoryBuilder h;
  Outage(h, 9);
  Poll(h, 9.1, 503).fault = "f-outage";  // #1, never answered 2xx
  h.Add(12, "GET", "/api/v3/order/page?ordersCreatedSince=2027-01-15T00%3A00%3A00Z", 200, nullptr,
        Json{{"orders", Json::array()}}, "getOrders");  // #2: moved on
  h.AddEvent(15, events::kIntegrationStopped, {{"reason", "restart"}});
  Verdict v = CheckRetry004(h.View());
  ASSERT_EQ(v.outcome, Outcome::kFail) << v.exercised;
  EXPECT_EQ(FindingSeqs(v), Seqs{1});
}

// --- CONF-RETRY-002 ---------------------------------------------------------------------

// A chain of attempts of the poll: each answered `status` (the last 200) after 1 ms,
// the next sent `waits[i]` seconds after the answer.
void Chain(HistoryBuilder& h, double at, const std::vector<double>& waits, int status = 503) {
  for (double w : waits) {
    Poll(h, at, status);
    at += 0.001 + w;
  }
  Poll(h, at, 200);
}

TEST(RetryCheck, Retry002PassesExponentialBackoff) {
  HistoryBuilder h;
  Chain(h, 3, {0.2, 0.4, 0.8});
  Chain(h, 30, {0.15, 0.15});  // two waits: no growth asked
  Verdict v = CheckRetry002(h.View());
  EXPECT_EQ(v.outcome, Outcome::kPass) << (v.findings.empty() ? "" : v.findings[0].message);
  EXPECT_EQ(v.exercised, "2 retry chains with 5 waits, the shortest 150 ms");
}

TEST(RetryCheck, Retry002FindsAPollThatComesRoundAgainButToleratesOneStall) {
  HistoryBuilder h;
  Chain(h, 9, {1.0, 1.2, 1.0});  // a poll that simply comes round again each second
  Verdict v = CheckRetry002(h.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  EXPECT_NE(v.findings[0].message.find("3 of 3 waits within 25% of 1000 ms"), std::string::npos)
      << v.findings[0].message;

  HistoryBuilder noisy;  // a constant 100 ms, held up now and then: still flat
  Chain(noisy, 9, {0.1, 0.1, 0.45, 0.1, 0.11, 0.1, 0.3, 0.1});
  EXPECT_EQ(CheckRetry002(noisy.View()).outcome, Outcome::kFail);

  HistoryBuilder capped;  // doubling up to a cap of 800 ms
  Chain(capped, 9, {0.12, 0.24, 0.48, 0.8, 0.8, 0.8});
  EXPECT_EQ(CheckRetry002(capped.View()).outcome, Outcome::kPass);

  HistoryBuilder stalled;
  Chain(stalled, 3, {1.5, 0.3, 1.1});  // 120 ms held up 1.4 s by the client's own lock
  EXPECT_EQ(CheckRetry002(stalled.View()).outcome, Outcome::kPass);
}

TEST(RetryCheck, Retry002FindsShortAndFlatWaits) {
  HistoryBuilder h;
  Chain(h, 3, {0.01, 0.2});      // #1..#3: 10 ms
  Chain(h, 10, {0.2, 0.2, 0.2});  // #4..#7: flat
  Verdict v = CheckRetry002(h.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 2u);
  EXPECT_EQ(FindingSeqs(v, 0), (Seqs{1, 2, 3}));
  EXPECT_NE(v.findings[0].message.find("waits 10 ms, 200 ms; 10 ms is under 100 ms"), std::string::npos)
      << v.findings[0].message;
  EXPECT_EQ(FindingSeqs(v, 1), (Seqs{4, 5, 6, 7}));
  EXPECT_NE(v.findings[1].message.find("3 of 3 waits within 25% of 200 ms"), std::string::npos)
      << v.findings[1].message;
}

TEST(RetryCheck, Retry002StartsAfreshAfterARestart) {
  HistoryBuilder h;
  h.AddEvent(0, events::kIntegrationStarted);
  Poll(h, 1, 503);
  Poll(h, 1.201, 503);
  Poll(h, 1.602, 503);
  h.AddEvent(2, events::kIntegrationStarted);
  Poll(h, 3, 503);  // the new process backs off from the start again
  Poll(h, 3.151, 503);
  Poll(h, 3.452, 200);
  Verdict v = CheckRetry002(h.View());
  EXPECT_EQ(v.outcome, Outcome::kPass) << (v.findings.empty() ? "" : v.findings[0].message);
  EXPECT_EQ(v.exercised, "2 retry chains with 4 waits, the shortest 150 ms");
}

TEST(RetryCheck, Retry002NotExercisedWithoutARetry) {
  HistoryBuilder h;
  Poll(h, 1, 200);
  Poll(h, 1.001, 200);  // sent again after a success: not a retry
  Poll(h, 5, 503);
  EXPECT_EQ(CheckRetry002(h.View()).outcome, Outcome::kNotExercised);
}

// --- CONF-RETRY-003 ---------------------------------------------------------------------

TEST(RetryCheck, Retry003PassesAChangedRequest) {
  HistoryBuilder h;
  h.Add(1, "POST", "/api/v3/order/singleShipment", 400, Json{{"poNumber", "PO-1"}}, nullptr, "singleShipment");
  h.Add(2, "POST", "/api/v3/order/singleShipment", 200, Json{{"poNumber", "PO-1"}, {"shipCarrier", "UPS"}},
        nullptr, "singleShipment");
  Verdict v = CheckRetry003(h.View());
  EXPECT_EQ(v.outcome, Outcome::kPass);
  EXPECT_EQ(v.exercised, "1 non-transient 4xx answer, none resent unchanged");
}

TEST(RetryCheck, Retry003FindsAnUnchangedResend) {
  HistoryBuilder h;
  Poll(h, 7.5, 400);  // #1
  Poll(h, 7.8, 400);  // #2
  h.Add(8, "POST", "/api/v3/order/item/cancel", 404, Json{{"dscoOrderId", "9"}}, nullptr, "cancelOrderItem");  // #3
  Poll(h, 9, 200);    // #4
  h.Add(9.5, "POST", "/api/v3/order/item/cancel", 404, Json{{"dscoOrderId", "9"}}, nullptr, "cancelOrderItem");  // #5
  Verdict v = CheckRetry003(h.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 2u);
  EXPECT_EQ(FindingSeqs(v, 0), (Seqs{1, 2, 4}));
  EXPECT_EQ(FindingSeqs(v, 1), (Seqs{3, 5}));
}

TEST(RetryCheck, Retry003NotExercisedByGet404sOr401s) {
  HistoryBuilder h;
  h.Add(1, "GET", "/api/v3/order?orderKey=dscoOrderId&value=9", 404, nullptr, nullptr, "getOrderById");
  h.Add(2, "GET", "/api/v3/order?orderKey=dscoOrderId&value=9", 200, nullptr, nullptr, "getOrderById");
  Poll(h, 3, 401);
  Poll(h, 4, 200);
  EXPECT_EQ(CheckRetry003(h.View()).outcome, Outcome::kNotExercised);
}

// --- CONF-RETRY-004 ---------------------------------------------------------------------

TEST(RetryCheck, Retry004PassesWhenTheRequestSucceedsAfterTheOutage) {
  HistoryBuilder h;
  Outage(h, 9);
  Poll(h, 9.1, 503).fault = "f-outage";
  Poll(h, 10.1, 503).fault = "f-outage";
  Poll(h, 12.1, 200);
  Verdict v = CheckRetry004(h.View());
  EXPECT_EQ(v.outcome, Outcome::kPass);
  EXPECT_EQ(v.exercised, "2 outage answers to 1 distinct requests, all later answered 2xx");
}

TEST(RetryCheck, Retry004FindsAnOperationGivenUp) {
  HistoryBuilder h;
  Outage(h, 9);
  Poll(h, 9.1, 503).fault = "f-outage";  // #1
  Poll(h, 9.3, 503).fault = "f-outage";  // #2, then given up
  h.Add(12, "GET", "/api/v3/hello", 200, nullptr, nullptr, "helloWorld");
  h.AddEvent(30, events::kPassEnd);
  Verdict v = CheckRetry004(h.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  EXPECT_EQ(FindingSeqs(v), (Seqs{1, 2}));
}

TEST(RetryCheck, Retry004ExemptsAStopWhileRetrying) {
  HistoryBuilder h;
  Outage(h, 9);
  Poll(h, 11.4, 503).fault = "f-outage";
  h.AddEvent(15, events::kIntegrationStopped, {{"reason", "restart"}});
  Verdict v = CheckRetry004(h.View());
  EXPECT_EQ(v.outcome, Outcome::kPass);
  EXPECT_NE(v.exercised.find("1 cut short by a stop while retrying"), std::string::npos) << v.exercised;
}

TEST(RetryCheck, Retry004NotExercisedWithoutOutageAnswers) {
  HistoryBuilder h;
  Poll(h, 9.1, 503);
  EXPECT_EQ(CheckRetry004(h.View()).outcome, Outcome::kNotExercised);
  Outage(h, 9);
  EXPECT_EQ(CheckRetry004(h.View()).outcome, Outcome::kNotExercised);
}

// --- CONF-LIMIT-001 ---------------------------------------------------------------------

Json Limits(int per_second, int per_minute) {
  return Json{{"rateLimits", {{"getOrders", {{"perSecond", per_second}, {"perMinute", per_minute}, {"perHour", 0}}}}}};
}

TEST(LimitCheck, Limit001PassesWithinAlignedWindows) {
  HistoryBuilder h(std::string("1000000001"), Limits(2, 0));
  Poll(h, 0.8, 200);
  Poll(h, 0.9, 200);
  Poll(h, 1.0, 200);  // a new second: 4 within 0.3 s, but 2 per aligned second
  Poll(h, 1.1, 200);
  Poll(h, 1.2, 503).fault = "t1";  // a fault answer never reached the limiter
  Poll(h, 1.3, 401);               // nor did a 401
  Verdict v = CheckLimit001(h.View());
  EXPECT_EQ(v.outcome, Outcome::kPass) << (v.findings.empty() ? "" : v.findings[0].message);
  EXPECT_EQ(v.exercised, "4 requests to 1 rate-limited routes; busiest getOrders 2 in one second (limit 2/s)");
}

TEST(LimitCheck, Limit001FindsAWindowOverTheLimit) {
  HistoryBuilder h(std::string("1000000001"), Limits(0, 3));
  for (int i = 0; i < 5; ++i) Poll(h, 10 + i, 200);  // one minute: 5 > 3
  Poll(h, 61, 200);
  Verdict v = CheckLimit001(h.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(FindingSeqs(v), (Seqs{4, 5}));
  EXPECT_NE(v.findings[0].message.find("5 getOrders requests in one minute from #1"), std::string::npos)
      << v.findings[0].message;
}

TEST(LimitCheck, Limit001FindsTheRateLimitersOwn429) {
  HistoryBuilder h;  // no rateLimits in the settings
  Poll(h, 1, 200);
  h.Add(2, "POST", "/api/v3/conversation/list", 429, Json::object(), nullptr, "getConversations");
  Verdict v = CheckLimit001(h.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  EXPECT_EQ(FindingSeqs(v), Seqs{2});
}

TEST(LimitCheck, Limit001NotExercisedWithoutLimits) {
  HistoryBuilder h;
  Poll(h, 1, 200);
  Poll(h, 2, 429).fault = "t1";
  EXPECT_EQ(CheckLimit001(h.View()).outcome, Outcome::kNotExercised);
}

// --- CONF-LIMIT-002 ---------------------------------------------------------------------

Call& Ship(HistoryBuilder& h, double at, int po, int status = 200) {
  return h.Add(at, "POST", "/api/v3/order/singleShipment", status, Json{{"poNumber", "PO-" + std::to_string(po)}},
               Json{{"success", true}}, "singleShipment");
}

TEST(LimitCheck, Limit002PassesSpreadSingleCallsAndBatches) {
  HistoryBuilder h;
  Ship(h, 1, 1);
  Ship(h, 1.1, 1, 503);  // a retry is the same shipment
  Ship(h, 1.2, 1);
  Ship(h, 2, 2);
  Ship(h, 3, 3);
  Ship(h, 7, 4);  // the fourth, more than 5 s after the first
  h.Add(8, "POST", "/api/v3/inventory/batch/small", 202, Json::array(), Json{{"requestId", "r-1"}},
        "updateInventorySmallBatch");
  Verdict v = CheckLimit002(h.View());
  EXPECT_EQ(v.outcome, Outcome::kPass) << (v.findings.empty() ? "" : v.findings[0].message);
  EXPECT_EQ(v.exercised, "4 single-object calls, 1 batch calls; most within 5 s: singleShipment 3");
}

TEST(LimitCheck, Limit002FindsABurstOfSingleCalls) {
  HistoryBuilder h;
  Ship(h, 1, 1);
  for (int i = 0; i < 6; ++i) {
    h.Add(10 + 0.1 * i, "POST", "/api/v3/inventory/singleItem", 200, Json{{"sku", "sku-" + std::to_string(i)}},
          nullptr, "singleItem");
  }
  Verdict v = CheckLimit002(h.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(FindingSeqs(v), (Seqs{2, 3, 4, 5, 6, 7}));
  EXPECT_NE(v.findings[0].expected.find("updateInventorySmallBatch"), std::string::npos);
}

TEST(LimitCheck, Limit002NotExercisedWithoutShipmentsInvoicesOrInventory) {
  HistoryBuilder h;
  Poll(h, 1, 200);
  EXPECT_EQ(CheckLimit002(h.View()).outcome, Outcome::kNotExercised);
}

// --- CONF-BATCH-001 ---------------------------------------------------------------------

Call& Batch(HistoryBuilder& h, double at, const std::string& path, const std::string& route,
            const std::string& request_id, int status = 202) {
  return h.Add(at, "POST", "/api/v3" + path, status, Json::array({Json::object()}),
               Json{{"status", "pending"}, {"requestId", request_id}}, route);
}

Call& Log(HistoryBuilder& h, double at, const std::string& family, const std::string& request_id, int status = 200) {
  return h.Add(at, "GET", "/api/v3/" + family + "/log?requestId=" + request_id, status, nullptr,
               Json{{"logs", Json::array()}}, "get" + family + "ChangeLog");
}

TEST(BatchCheck, Batch001PassesAChangeLogReadPerRequest) {
  HistoryBuilder h;
  Batch(h, 1, "/order/shipment/batch/small", "createShipmentSmallBatch", "r-1");
  Batch(h, 2, "/orderupdate/batch/small", "updateOrderSmallBatch", "r-2");
  Log(h, 3, "order", "r-1", 503);  // a failed read does not count...
  Log(h, 4, "order", "r-1");       // ...this one does
  Log(h, 5, "order", "r-2");
  Verdict v = CheckBatch001(h.View());
  EXPECT_EQ(v.outcome, Outcome::kPass) << (v.findings.empty() ? "" : v.findings[0].message);
  EXPECT_EQ(v.exercised, "2 async requests, each change log read within 10 s");
}

TEST(BatchCheck, Batch001FindsUnreadLateAndWrongLogs) {
  HistoryBuilder h;
  Batch(h, 1, "/inventory/batch/small", "updateInventorySmallBatch", "r-1");  // #1: never read
  Batch(h, 2, "/invoice/batch/small", "createInvoiceSmallBatch", "r-2");     // #2: read late
  Batch(h, 3, "/order/shipment/batch/small", "createShipmentSmallBatch", "r-3");  // #3: wrong log
  Log(h, 4, "inventory", "r-3");  // #4
  Log(h, 15, "invoice", "r-2");   // #5
  Verdict v = CheckBatch001(h.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 3u);
  EXPECT_EQ(FindingSeqs(v, 0), Seqs{1});
  EXPECT_NE(v.findings[0].message.find("GET /inventory/log?requestId= was never read"), std::string::npos)
      << v.findings[0].message;
  EXPECT_EQ(FindingSeqs(v, 1), (Seqs{2, 5}));
  EXPECT_EQ(FindingSeqs(v, 2), Seqs{3});
}

TEST(BatchCheck, Batch001ExemptsABatchJustBeforeTheEnd) {
  HistoryBuilder h;
  Batch(h, 33, "/order/shipment/batch/small", "createShipmentSmallBatch", "r-1");
  h.AddEvent(34, events::kPassEnd);
  Verdict v = CheckBatch001(h.View());
  EXPECT_EQ(v.outcome, Outcome::kPass);
  EXPECT_NE(v.exercised.find("1 followed by a stop"), std::string::npos) << v.exercised;
}

TEST(BatchCheck, Batch001NotExercisedWithoutAcceptedBatches) {
  HistoryBuilder h;
  Batch(h, 1, "/order/shipment/batch/small", "createShipmentSmallBatch", "r-1", 400);
  Ship(h, 2, 1);
  EXPECT_EQ(CheckBatch001(h.View()).outcome, Outcome::kNotExercised);
}

}  // namespace
}  // namespace dscosim::conformance
