// The history format, the judge (CONF-COMPAT-001 across passes), the reports and the
// harness's process handling. The checkers have their own tests beside this one.
#include <signal.h>
#include <stdlib.h>

#include <chrono>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dscosim/conformance/events.h"
#include "dscosim/conformance/harness.h"
#include "dscosim/conformance/history.h"
#include "dscosim/conformance/judge.h"
#include "dscosim/conformance/process.h"
#include "dscosim/conformance/profile.h"
#include "dscosim/conformance/report.h"
#include "dscosim/conformance/rules.h"
#include "dscosim/tests/conformance/history_builder.h"

namespace dscosim::conformance {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Json Exchange(int seq, const std::string& target, int status, const std::string& account) {
  return {{"type", "exchange"},     {"pass", 1},       {"seq", seq},
          {"wallMicros", 1000 * seq}, {"virtualMicros", 2000 * seq}, {"durationMicros", 5},
          {"method", "GET"},        {"target", target}, {"route", "getOrders"},
          {"account", account},     {"status", status}, {"requestBody", ""},
          {"responseBody", "{\"orders\":[]}"}, {"requestHeaders", {{"authorization", "Bearer t"}}}};
}

TEST(History, ParsesEveryLineKindAndSplitsPasses) {
  PassInfo p1{1, false, "1000000201", {{"passSeconds", 30}}};
  PassInfo p2{2, true, "1000000201", {{"passSeconds", 30}}};
  Event e{1, events::kTokenExpired, 5, 6, Json::object()};
  std::ostringstream text;
  text << RunLine({{"profile", "supplier-orders"}, {"seed", 7}}).dump() << "\n"
       << PassLine(p2).dump() << "\n"
       << PassLine(p1).dump() << "\n"
       << EventLine(e).dump() << "\n"
       << Exchange(2, "/t/x/api/v3/order/page/?until=2026-01-01T00%3A00%3A00Z&a=b%20c", 200, "1000000201").dump()
       << "\n\n"
       << Exchange(1, "/api/v3/order/page", 200, "9999").dump() << "\n";
  std::istringstream in(text.str());
  auto h = ParseHistory(in);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_EQ(h->run["seed"], 7);
  ASSERT_EQ(h->passes.size(), 2u);
  EXPECT_EQ(h->passes[0].pass, 1);  // sorted
  EXPECT_TRUE(h->passes[1].compat_extra_fields);
  ASSERT_EQ(h->calls.size(), 2u);
  EXPECT_EQ(h->calls[0].seq, 1u);  // sorted by seq
  const Call& c = h->calls[1];
  EXPECT_EQ(c.path, "/order/page");  // tenant prefix, /api/v3 and the trailing slash gone
  EXPECT_EQ(c.Query("until"), "2026-01-01T00:00:00Z");
  EXPECT_EQ(c.Query("a"), "b c");
  EXPECT_EQ(c.authorization, "Bearer t");
  EXPECT_EQ(c.response_json["orders"], Json::array());
  EXPECT_EQ(c.answered_wall_micros(), 2005);

  const std::vector<PassView> views = SplitPasses(*h);
  ASSERT_EQ(views.size(), 2u);
  ASSERT_EQ(views[0].calls.size(), 1u);  // the other account's request is not the integration's
  EXPECT_EQ(views[0].calls[0]->seq, 2u);
  EXPECT_NE(views[0].FirstEvent(events::kTokenExpired), nullptr);
  EXPECT_TRUE(views[1].events.empty());
  EXPECT_EQ(views[0].Setting("passSeconds", 0), 30);
  EXPECT_EQ(views[0].Setting("absent", 4.5), 4.5);
}

TEST(History, PlainServeHistoryIsOnePassOfEveryCaller) {
  Json line = Exchange(1, "/api/v3/order/page", 200, "a");
  line.erase("type");
  line.erase("pass");
  std::istringstream in(line.dump() + "\n" + Exchange(2, "/api/v3/hello", 200, "b").dump() + "\n");
  auto h = ParseHistory(in);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  ASSERT_EQ(h->passes.size(), 1u);
  EXPECT_EQ(SplitPasses(*h)[0].calls.size(), 2u);
}

TEST(History, RefusesBrokenLinesNamingTheLine) {
  std::istringstream broken("{\"type\":\"run\"}\n[1,2]\n");
  auto h = ParseHistory(broken);
  ASSERT_FALSE(h.ok());
  EXPECT_THAT(h.status().message(), HasSubstr("line 2"));
  std::istringstream unknown("{\"type\":\"mystery\"}\n");
  EXPECT_THAT(ParseHistory(unknown).status().message(), HasSubstr("mystery"));
  std::istringstream no_kind("{\"type\":\"event\",\"data\":{}}\n");
  EXPECT_FALSE(ParseHistory(no_kind).ok());
}

// A history of two passes where pass 2 differs from pass 1 only in its `until`.
History TwoPasses(bool second_too_recent, bool second_exits) {
  History h;
  h.passes = {PassInfo{1, false, "A", Json::object()}, PassInfo{2, true, "A", Json::object()}};
  for (int pass = 1; pass <= 2; ++pass) {
    const bool recent = pass == 2 && second_too_recent;
    Json x = Exchange(1,
                      std::string("/api/v3/order/page?ordersCreatedSince=1970-01-01T00:00:00Z&until=") +
                          (recent ? "1970-01-01T00:01:38Z" : "1970-01-01T00:01:00Z"),
                      200, "A");
    x["virtualMicros"] = 100'000'000;  // 100 s: the first until is 40 s old, the second 2 s
    h.calls.push_back(*CallFromExchange(x, pass));
  }
  if (second_exits) h.events.push_back(Event{2, events::kIntegrationExited, 10, 10, {{"exitCode", 3}}});
  return h;
}

TEST(Judge, CompatFailsWhenARuleFailsOnlyWithUnknownAttributes) {
  auto same = Judge(TwoPasses(false, false), {"CONF-POLL-001", "CONF-COMPAT-001"});
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->verdicts[0].outcome, Outcome::kPass) << same->verdicts[0].exercised;
  EXPECT_EQ(same->verdicts[1].outcome, Outcome::kPass) << same->verdicts[1].exercised;

  auto worse = Judge(TwoPasses(true, false), {"CONF-POLL-001", "CONF-COMPAT-001"});
  ASSERT_TRUE(worse.ok());
  EXPECT_EQ(worse->verdicts[0].outcome, Outcome::kPass);  // pass 1 is what POLL-001 judges
  ASSERT_EQ(worse->verdicts[1].outcome, Outcome::kFail);
  EXPECT_THAT(worse->verdicts[1].findings[0].message, HasSubstr("CONF-POLL-001"));
  EXPECT_EQ(worse->failed, 1);
  EXPECT_FALSE(worse->ok());

  auto exits = Judge(TwoPasses(false, true), {"CONF-COMPAT-001"});
  ASSERT_TRUE(exits.ok());
  ASSERT_EQ(exits->verdicts[0].outcome, Outcome::kFail);
  EXPECT_THAT(exits->verdicts[0].findings.back().message, HasSubstr("exited on its own"));
}

TEST(Judge, CompatDoesNotCompareTheIntegrationsTiming) {
  // Pass 2 retries a transient answer without waiting; pass 1 waits. RETRY-002 differs
  // but is a timing rule, so the passes count as the same.
  History h;
  h.passes = {PassInfo{1, false, "A", Json::object()}, PassInfo{2, true, "A", Json::object()}};
  for (int pass = 1; pass <= 2; ++pass) {
    const double wait = pass == 1 ? 0.4 : 0.001;
    for (int i = 0; i < 4; ++i) {
      Json x = Exchange(i + 1, "/api/v3/order/page", i < 3 ? 503 : 200, "A");
      x["wallMicros"] = static_cast<std::int64_t>(1e6 + i * (wait * (1 << i)) * 1e6);
      x["durationMicros"] = 0;
      h.calls.push_back(*CallFromExchange(x, pass));
    }
  }
  ASSERT_EQ(CheckRetry002(SplitPasses(h)[1]).outcome, Outcome::kFail);  // the difference is real
  auto j = Judge(h, {"CONF-RETRY-002", "CONF-COMPAT-001"});
  ASSERT_TRUE(j.ok());
  EXPECT_EQ(j->verdicts[0].outcome, Outcome::kPass);
  EXPECT_EQ(j->verdicts[1].outcome, Outcome::kPass) << j->verdicts[1].exercised;
}

TEST(Judge, CompatNotExercisedWithoutASecondPassAndUnknownRulesRefused) {
  History h = TwoPasses(false, false);
  h.passes.pop_back();
  auto j = Judge(h, {"CONF-COMPAT-001"});
  ASSERT_TRUE(j.ok());
  EXPECT_EQ(j->verdicts[0].outcome, Outcome::kNotExercised);
  EXPECT_EQ(j->not_exercised, 1);
  EXPECT_TRUE(j->ok());
  auto unknown = Judge(h, {"CONF-AUTH-001", "CONF-NOPE-001"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().field(), "rules");
}

TEST(Rules, CatalogueIdsAreUniqueSortedByAreaAndDocumented) {
  std::set<std::string> ids;
  for (const Rule& r : AllRules()) {
    EXPECT_TRUE(ids.insert(r.id).second) << r.id;
    EXPECT_THAT(r.id, ::testing::MatchesRegex("CONF-[A-Z]+-[0-9][0-9][0-9]"));
    EXPECT_EQ(r.doc(), "docs/rules/" + r.id + ".md");
    EXPECT_FALSE(r.title.empty());
  }
  EXPECT_EQ(ids.size(), 27u);
  EXPECT_EQ(FindRule("CONF-COMPAT-001")->check, nullptr);
  for (const Profile& p : AllProfiles()) {
    for (const std::string& id : p.rule_ids) EXPECT_NE(FindRule(id), nullptr) << p.name << " " << id;
  }
}

Judgement SampleJudgement() {
  Judgement j;
  Verdict pass;
  pass.rule_id = "CONF-AUTH-001";
  pass.outcome = Outcome::kPass;
  pass.exercised = "3 requests";
  Verdict fail;
  fail.rule_id = "CONF-RETRY-002";
  fail.outcome = Outcome::kFail;
  fail.exercised = "1 chain";
  fail.findings.push_back({"waits <50 ms> & \"none\"", {4, 5}, "at least 100 ms"});
  Verdict skipped;
  skipped.rule_id = "CONF-CC-003";
  skipped.exercised = "nothing closed";
  j.verdicts = {pass, fail, skipped};
  j.passed = j.failed = j.not_exercised = 1;
  return j;
}

TEST(Report, ConsoleShowsEvidencePageAndReplay) {
  ReportContext context{"supplier-orders", "7", "dscosim conform --profile supplier-orders --seed 7 -- x", ""};
  std::ostringstream out;
  PrintConsole(out, SampleJudgement(), context);
  const std::string text = out.str();
  EXPECT_THAT(text, HasSubstr("PASS          CONF-AUTH-001"));
  EXPECT_THAT(text, HasSubstr("FAIL          CONF-RETRY-002"));
  EXPECT_THAT(text, HasSubstr("requests: #4, #5 (pass 1)"));
  EXPECT_THAT(text, HasSubstr("expected: at least 100 ms"));
  EXPECT_THAT(text, HasSubstr("rule: docs/rules/CONF-RETRY-002.md"));
  EXPECT_THAT(text, HasSubstr("NOT EXERCISED CONF-CC-003"));
  EXPECT_THAT(text, HasSubstr("summary: 1 passed, 1 failed, 1 not exercised"));
  EXPECT_THAT(text, HasSubstr("replay: dscosim conform --profile supplier-orders --seed 7 -- x"));
}

TEST(Report, JunitHasOneCasePerRuleEscapedWithSeedAndReplay) {
  ReportContext context{"supplier-orders", "7", "dscosim conform --seed 7 -- 'a b'", ""};
  const std::string xml = JunitXml(SampleJudgement(), context);
  EXPECT_THAT(xml, HasSubstr("tests=\"3\" failures=\"1\""));
  EXPECT_THAT(xml, HasSubstr("<property name=\"seed\" value=\"7\"/>"));
  EXPECT_THAT(xml, HasSubstr("value=\"dscosim conform --seed 7 -- &apos;a b&apos;\""));
  EXPECT_THAT(xml, HasSubstr("<failure message=\"waits &lt;50 ms&gt; &amp; &quot;none&quot;\""));
  EXPECT_THAT(xml, HasSubstr("<skipped message=\"not exercised: nothing closed\"/>"));
  EXPECT_THAT(xml, Not(HasSubstr("<50")));
  std::size_t cases = 0;
  for (std::size_t at = xml.find("<testcase "); at != std::string::npos; at = xml.find("<testcase ", at + 1)) ++cases;
  EXPECT_EQ(cases, 3u);

  const Json json = ReportJson(SampleJudgement(), context);
  EXPECT_EQ(json["outcome"], "FAIL");
  EXPECT_EQ(json["rules"][1]["findings"][0]["requests"], Json::array({4, 5}));
  EXPECT_EQ(json["rules"][1]["doc"], "docs/rules/CONF-RETRY-002.md");
}

TEST(Report, ShellQuoteReadsBack) {
  EXPECT_EQ(ShellQuote({"a", "--bug", "x-y"}), "a --bug x-y");
  EXPECT_EQ(ShellQuote({"sh", "-c", "echo 'hi' $X", ""}), "sh -c 'echo '\\''hi'\\'' $X' ''");
}

TEST(ChildProcess, StartsWithEnvironmentStopsAndReportsExec) {
  char dir[] = "/tmp/dscosim-child-XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  const std::string log = std::string(dir) + "/log";
  {
    ChildProcess child;
    ASSERT_TRUE(child.Start({"sh", "-c", "echo \"$DSCO_X\"; exec sleep 30"}, {{"DSCO_X", "hello"}}, log).ok());
    EXPECT_TRUE(child.running());
    for (int i = 0; i < 500 && std::ifstream(log).peek() == EOF; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));  // until it has written
    }
    EXPECT_FALSE(child.Poll().has_value());
    const ExitStatus s = child.Stop(2000);
    EXPECT_EQ(s.signal, SIGTERM);
    EXPECT_FALSE(child.running());
  }
  std::ifstream in(log);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "hello");

  ChildProcess quick;
  ASSERT_TRUE(quick.Start({"sh", "-c", "exit 3"}, {}, log).ok());
  std::optional<ExitStatus> done;
  for (int i = 0; i < 500 && !done; ++i) {
    done = quick.Poll();
    if (!done) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(done.has_value());
  EXPECT_EQ(done->code, 3);

  ChildProcess missing;
  const Status s = missing.Start({"/no/such/program"}, {}, log);
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("/no/such/program"));
}

TEST(Harness, RefusesWhatCannotRunBeforeStarting) {
  std::ostringstream progress;
  ConformOptions options;
  options.profile = "no-such-profile";
  options.command = {"true"};
  EXPECT_EQ(RunConform(options, progress).status().field(), "profile");
  options.profile = "supplier-orders";
  options.command.clear();
  EXPECT_EQ(RunConform(options, progress).status().field(), "command");
  options.command = {"true"};
  options.budget = 3;  // a pass takes 36 s
  EXPECT_EQ(RunConform(options, progress).status().field(), "budget");
}

// A whole run at ten times speed with a program that does nothing: the schedule is
// recorded (restart, expiry, outage, the final state), and the rules that need the
// program's requests are not exercised rather than failed or passed.
TEST(Harness, RecordsTheScheduleOfBothPasses) {
  std::ostringstream progress;
  ConformOptions options;
  options.profile = "supplier-customer-care";
  options.seed = 3;
  options.speed = 10;
  options.command = {"sh", "-c", "echo \"$DSCO_API_URL $DSCO_ACCOUNT_ID\"; exec sleep 60"};
  auto run = RunConform(options, progress);
  ASSERT_TRUE(run.ok()) << run.status().ToString() << progress.str();
  const History& h = run->history;
  ASSERT_EQ(h.passes.size(), 2u);
  EXPECT_EQ(h.run["seed"], 3);
  EXPECT_EQ(h.passes[0].account_id, "1000000201");
  const double restart_at = h.passes[0].settings["restartAt"];
  EXPECT_GE(restart_at, 15.0);
  EXPECT_LE(restart_at, 17.0);
  EXPECT_EQ(h.passes[1].settings["restartAt"], restart_at);  // both passes, one schedule
  for (const PassView& pass : SplitPasses(h)) {
    EXPECT_EQ(pass.EventsOf(events::kIntegrationStarted).size(), 2u);
    EXPECT_EQ(pass.EventsOf(events::kIntegrationStopped).size(), 2u);
    EXPECT_EQ(pass.EventsOf(events::kConversationOpened).size(), 6u);
    EXPECT_NE(pass.FirstEvent(events::kOutage), nullptr);
    EXPECT_NE(pass.FirstEvent(events::kTokenExpired), nullptr);
    EXPECT_EQ(pass.events.back()->kind, events::kPassEnd);
    const Event* final_state = pass.FirstEvent(events::kFinalConversations);
    ASSERT_NE(final_state, nullptr);
    EXPECT_EQ(final_state->data["conversations"].size(), 6u);
    EXPECT_TRUE(pass.calls.empty());
  }
  std::ifstream log(run->work_dir + "/pass1/integration.log");
  std::string line;
  std::getline(log, line);
  EXPECT_THAT(line, ::testing::MatchesRegex("http://127\\.0\\.0\\.1:[0-9]+/api/v3 1000000201"));
  auto j = Judge(h, FindProfile("supplier-customer-care")->rule_ids);
  ASSERT_TRUE(j.ok());
  EXPECT_EQ(j->passed + j->failed + j->not_exercised, 15);
}

}  // namespace
}  // namespace dscosim::conformance
