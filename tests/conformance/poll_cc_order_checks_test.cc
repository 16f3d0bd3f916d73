// CONF-POLL-*, CONF-CC-* and CONF-ORD-* checkers over synthetic histories: for each rule
// a passing pass, a failing one (with its finding), a NOT EXERCISED one, and the edge
// cases conformance/README.md names.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "dscosim/conformance/events.h"
#include "dscosim/conformance/rules.h"
#include "dscosim/model/core/time.h"
#include "dscosim/tests/conformance/history_builder.h"

namespace dscosim::conformance {
namespace {

using test_support::HistoryBuilder;
using ::testing::HasSubstr;

std::string Iso(double at) { return FormatIso8601Millis(TimeFromMicros(HistoryBuilder::Micros(at))); }

HistoryBuilder Started() {
  HistoryBuilder b;
  b.AddEvent(0, events::kIntegrationStarted);
  return b;
}

// GET /order/page?ordersCreatedSince=..&until=.. at `at`.
void OrderPage(HistoryBuilder& b, double at, double since, double until, int status = 200,
               const char* since_name = "ordersCreatedSince", Json response = {{"orders", Json::array()}}) {
  b.Add(at, "GET", "/api/v3/order/page?" + std::string(since_name) + "=" + Iso(since) + "&until=" + Iso(until),
        status, nullptr, std::move(response), "getOrders");
}

// ---------------------------------------------------------------------------------------
// CONF-POLL-001

TEST(Poll001, UntilFiveSecondsBackPasses) {
  HistoryBuilder b = Started();
  OrderPage(b, 10, 0, 5);                                                    // exactly now - 5 s
  b.Add(12, "POST", "/api/v3/conversation/list", 200, {{"createdSince", Iso(0)}, {"until", Iso(6)}},
        {{"conversations", Json::array()}}, "getConversations");
  const Verdict v = CheckPoll001(b.View());
  EXPECT_EQ(v.outcome, Outcome::kPass) << v.exercised;
  EXPECT_THAT(v.exercised, HasSubstr("2 request(s)"));
}

TEST(Poll001, RecentUntilInQueryOrBodyFails) {
  HistoryBuilder b = Started();
  OrderPage(b, 10, 0, 6, 400);  // 4 s before now, refused: still sent
  b.Add(12, "POST", "/api/v3/conversation/list", 200, {{"createdSince", Iso(0)}, {"until", Iso(11)}},
        {{"conversations", Json::array()}}, "getConversations");
  const Verdict v = CheckPoll001(b.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 2u);  // one per route
  EXPECT_EQ(v.findings[0].seqs, std::vector<std::uint64_t>({2}));  // getConversations sorts first
  EXPECT_THAT(v.findings[0].message, HasSubstr("1.000 s before"));
  EXPECT_EQ(v.findings[1].seqs, std::vector<std::uint64_t>({1}));
  EXPECT_THAT(v.findings[1].message, HasSubstr("+6.000 s, 4.000 s before"));
  EXPECT_THAT(v.findings[1].expected, HasSubstr("+5.000 s"));
}

TEST(Poll001, NotExercisedWithoutUntilAndScrollPagesIgnored) {
  HistoryBuilder b = Started();
  b.Add(3, "GET", "/api/v3/order/page?scrollId=abc&until=" + Iso(3), 200, nullptr, {{"orders", Json::array()}},
        "getOrders");
  b.Add(4, "GET", "/api/v3/hello", 200, nullptr, nullptr, "hello");
  EXPECT_EQ(CheckPoll001(b.View()).outcome, Outcome::kNotExercised);
}

// ---------------------------------------------------------------------------------------
// CONF-POLL-002

TEST(Poll002, ContiguousAndOverlappingWindowsPass) {
  HistoryBuilder b = Started();
  OrderPage(b, 10, 0, 5);
  OrderPage(b, 15, 5, 10);
  OrderPage(b, 20, 9, 15);  // overlap is fine
  const Verdict v = CheckPoll002(b.View());
  EXPECT_EQ(v.outcome, Outcome::kPass) << v.exercised;
  EXPECT_THAT(v.exercised, HasSubstr("getOrders ordersCreatedSince: 3"));
}

TEST(Poll002, GapFailsAndFailedWindowsDoNotMoveTheHandOff) {
  HistoryBuilder b = Started();
  OrderPage(b, 10, 0, 5);
  OrderPage(b, 15, 5, 10, 503);  // failed: the next window must still start at 5
  OrderPage(b, 20, 10, 15);
  const Verdict v = CheckPoll002(b.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(v.findings[0].seqs, std::vector<std::uint64_t>({1, 3}));
  EXPECT_THAT(v.findings[0].message, HasSubstr("gap of 5.000 s"));
  EXPECT_THAT(v.findings[0].expected, HasSubstr("at most +5.000 s"));
  EXPECT_THAT(v.exercised, ::testing::Not(HasSubstr("each starting")));
}

TEST(Poll002, QueriesAreJudgedSeparately) {
  HistoryBuilder b = Started();
  OrderPage(b, 10, 0, 5, 200, "ordersCreatedSince");
  OrderPage(b, 11, 2, 6, 200, "ordersUpdatedSince");  // another query: not compared with the first
  b.Add(12, "POST", "/api/v3/conversation/list", 200, {{"updatedSince", Iso(1)}, {"until", Iso(7)}},
        {{"conversations", Json::array()}}, "getConversations");
  b.Add(13, "POST", "/api/v3/conversation/list", 200, {{"scrollId", "s1"}}, {{"conversations", Json::array()}},
        "getConversations");  // a later page, not a window
  b.Add(20, "POST", "/api/v3/conversation/list", 200, {{"updatedSince", Iso(8)}, {"until", Iso(15)}},
        {{"conversations", Json::array()}}, "getConversations");
  const Verdict v = CheckPoll002(b.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(v.findings[0].seqs, std::vector<std::uint64_t>({3, 5}));
  EXPECT_THAT(v.findings[0].message, HasSubstr("getConversations updatedSince"));
}

TEST(Poll002, RestartIsNoException) {
  HistoryBuilder b = Started();
  OrderPage(b, 14, 0, 9);
  b.AddEvent(15, events::kIntegrationStopped, {{"reason", "restart"}});
  b.AddEvent(16, events::kIntegrationStarted);
  OrderPage(b, 17, 11, 12);  // resumed from a later point: a gap
  EXPECT_EQ(CheckPoll002(b.View()).outcome, Outcome::kFail);
}

TEST(Poll002, NotExercisedWithOneWindow) {
  HistoryBuilder b = Started();
  OrderPage(b, 10, 0, 5);
  EXPECT_EQ(CheckPoll002(b.View()).outcome, Outcome::kNotExercised);
  EXPECT_EQ(CheckPoll002(Started().View()).outcome, Outcome::kNotExercised);
}

// ---------------------------------------------------------------------------------------
// CONF-POLL-003

Json Orders(int n, const char* scroll = nullptr) {
  Json out = {{"orders", Json::array()}};
  for (int i = 0; i < n; ++i) out["orders"].push_back({{"dscoOrderId", std::to_string(100 + i)}});
  if (scroll != nullptr) out["scrollId"] = scroll;
  return out;
}

TEST(Poll003, FollowedToTheEmptyPagePasses) {
  HistoryBuilder b = Started();
  OrderPage(b, 10, 0, 5, 200, "ordersCreatedSince", Orders(2, "sc-1"));
  b.Add(10.1, "GET", "/api/v3/order/page?scrollId=sc-1", 200, nullptr, Orders(1, "sc-1"), "getOrders");
  b.Add(10.2, "GET", "/api/v3/order/page?scrollId=sc-1", 200, nullptr, Orders(0), "getOrders");
  OrderPage(b, 11, 5, 6, 200, "ordersCreatedSince", Orders(0, "sc-2"));  // empty: nothing to follow
  const Verdict v = CheckPoll003(b.View());
  EXPECT_EQ(v.outcome, Outcome::kPass) << v.exercised;
  EXPECT_THAT(v.exercised, HasSubstr("1 scroll(s)"));
}

TEST(Poll003, AbandonedScrollFails) {
  HistoryBuilder b = Started();
  OrderPage(b, 10, 0, 5, 200, "ordersCreatedSince", Orders(2, "sc-1"));
  b.Add(10.1, "GET", "/api/v3/order/page?scrollId=sc-1", 503, nullptr, nullptr, "getOrders");
  b.Add(10.5, "GET", "/api/v3/order/page?scrollId=sc-1", 200, nullptr, Orders(1, "sc-1"), "getOrders");
  OrderPage(b, 12, 5, 7);  // moved on without the rest
  b.AddEvent(30, events::kPassEnd);
  const Verdict v = CheckPoll003(b.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(v.findings[0].seqs, std::vector<std::uint64_t>({3}));
  EXPECT_THAT(v.findings[0].message, HasSubstr("1 orders (page 2)"));
}

TEST(Poll003, StopRightAfterThePageIsExcused) {
  HistoryBuilder b = Started();
  b.Add(14.9, "POST", "/api/v3/conversation/list", 200, {{"createdSince", Iso(0)}, {"until", Iso(9)}},
        Json{{"conversations", Json::array({Json{{"id", "1"}}})}, {"scrollId", "c-1"}}, "getConversations");
  b.AddEvent(15, events::kIntegrationStopped, {{"reason", "restart"}});
  b.Add(16, "POST", "/api/v3/conversation/list", 200, {{"createdSince", Iso(0)}, {"until", Iso(10)}},
        {{"conversations", Json::array()}}, "getConversations");
  const Verdict v = CheckPoll003(b.View());
  EXPECT_EQ(v.outcome, Outcome::kPass) << v.exercised;
  EXPECT_THAT(v.exercised, HasSubstr("cut short"));
}

// The profile's deliberate 400 landed on the request for page 2: dropping the scroll
// then is what CONF-RETRY-003 asks, not an abandoned scroll. A refusal that was not
// injected (the platform's own 400) excuses nothing.
TEST(Poll003, AScrollRefusedByTheProfileIsExcused) {
  HistoryBuilder b = Started();
  OrderPage(b, 10, 0, 5, 200, "ordersCreatedSince", Orders(2, "sc-1"));
  b.Add(10.1, "GET", "/api/v3/order/page?scrollId=sc-1", 400, nullptr, nullptr, "getOrders").fault = "fault-7";
  OrderPage(b, 12, 5, 7);
  b.AddEvent(30, events::kPassEnd);
  const Verdict excused = CheckPoll003(b.View());
  EXPECT_EQ(excused.outcome, Outcome::kPass) << excused.exercised;
  EXPECT_THAT(excused.exercised, HasSubstr("refusal"));

  HistoryBuilder own = Started();
  OrderPage(own, 10, 0, 5, 200, "ordersCreatedSince", Orders(2, "sc-1"));
  own.Add(10.1, "GET", "/api/v3/order/page?scrollId=sc-1", 400, nullptr, nullptr, "getOrders");
  OrderPage(own, 12, 5, 7);
  own.AddEvent(30, events::kPassEnd);
  EXPECT_EQ(CheckPoll003(own.View()).outcome, Outcome::kFail);
}

TEST(Poll003, NotExercisedWithoutScrolls) {
  HistoryBuilder b = Started();
  OrderPage(b, 10, 0, 5, 200, "ordersCreatedSince", Orders(3));
  EXPECT_EQ(CheckPoll003(b.View()).outcome, Outcome::kNotExercised);
}

// ---------------------------------------------------------------------------------------
// CONF-CC-001..003

void Open(HistoryBuilder& b, double at, const std::string& conversation, double sla = 14) {
  b.AddEvent(at, events::kConversationOpened,
             {{"dscoConversationId", conversation}, {"dscoMessageId", "m" + conversation},
              {"consumerId", "c1"}, {"dscoOrderId", "9"}, {"answerByVirtual", HistoryBuilder::Micros(at + sla)}});
}

void AddMessage(HistoryBuilder& b, double at, const std::string& conversation, int status = 201,
                const std::string& answer = "") {
  b.Add(at, "POST", "/api/v3/conversation/message", status, {{"dscoConversationId", conversation}, {"message", "hi"}},
        status == 201 ? Json{{"dscoConversationId", conversation}, {"dscoMessageId", "r" + conversation}}
                      : Json(nullptr),
        "addConversationMessage")
      .response_text = answer.empty() ? std::string() : answer;
}

void SetStatus(HistoryBuilder& b, double at, const std::string& conversation, const char* status,
               int http = 200) {
  b.Add(at, "PUT", "/api/v3/conversation", http, {{"dscoConversationId", conversation}, {"status", status}},
        http == 200 ? Json{{"id", conversation}, {"status", status}} : Json(nullptr), "updateConversation");
}

const char kClosedAnswer[] = "dscoConversationId: conversation 16 is closed; reopen it (status in_progress)";

TEST(Cc001, AnsweredInTimePassesAndPartnerCloseExcuses) {
  HistoryBuilder b = Started();
  Open(b, 1, "1");
  Open(b, 16, "16");
  AddMessage(b, 5, "1");
  b.AddEvent(20, events::kConversationClosedByPartner, {{"dscoConversationId", "16"}});
  AddMessage(b, 20, "16", 400, kClosedAnswer);
  const Verdict v = CheckCc001(b.View());
  EXPECT_EQ(v.outcome, Outcome::kPass) << v.exercised;
  EXPECT_THAT(v.exercised, HasSubstr("1 owed an answer, 1 closed by the retailer first"));
}

TEST(Cc001, LateOrMissingAnswerFails) {
  HistoryBuilder b = Started();
  Open(b, 1, "1");
  Open(b, 2, "2");
  AddMessage(b, 3, "2", 400);  // refused: does not count
  AddMessage(b, 16, "1");      // 1 s late
  b.AddEvent(34, events::kPassEnd);
  const Verdict v = CheckCc001(b.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 2u);
  EXPECT_THAT(v.findings[0].message, HasSubstr("answered at +16.000 s (seq 2), 1.000 s after"));
  EXPECT_EQ(v.findings[0].seqs, std::vector<std::uint64_t>({2}));
  EXPECT_THAT(v.findings[1].message, HasSubstr("conversation 2 (opened +2.000 s) was never answered"));
  EXPECT_EQ(v.findings[1].seqs, std::vector<std::uint64_t>({1}));
  EXPECT_THAT(v.findings[1].expected, HasSubstr("before +16.000 s"));
}

TEST(Cc001, AnswerByReferenceIdOrSeenOnlyInTheFinalState) {
  HistoryBuilder b = Started();
  Open(b, 1, "1");
  Open(b, 2, "2");
  b.Add(4, "POST", "/api/v3/conversation/message", 400, {{"supplierReferenceId", "ref-1"}, {"message", "x"}},
        nullptr, "addConversationMessage");
  b.Add(5, "POST", "/api/v3/conversation/message", 201, {{"supplierReferenceId", "ref-1"}, {"message", "x"}},
        nullptr, "addConversationMessage");
  b.AddEvent(34, events::kPassEnd);
  b.AddEvent(34, events::kFinalConversations,
             {{"conversations",
               Json::array(
                   {Json{{"conversation", {{"id", "1"}, {"status", "in_progress"}, {"supplierReferenceId", "ref-1"}}},
                         {"messages", Json::array()}},
                    Json{{"conversation", {{"id", "2"}, {"status", "in_progress"}}},
                         {"messages",
                          Json::array({Json{{"dscoAccountId", "1000000001"}, {"createDate", Iso(6)}}})}}})}});
  const Verdict v = CheckCc001(b.View());
  EXPECT_EQ(v.outcome, Outcome::kPass) << (v.findings.empty() ? v.exercised : v.findings[0].message);
}

TEST(Cc001, NotExercisedAndNotYetDue) {
  EXPECT_EQ(CheckCc001(Started().View()).outcome, Outcome::kNotExercised);
  HistoryBuilder b = Started();
  Open(b, 30, "1");  // due at 44, after the pass's end
  b.AddEvent(34, events::kPassEnd);
  const Verdict v = CheckCc001(b.View());
  EXPECT_EQ(v.outcome, Outcome::kNotExercised);
  EXPECT_THAT(v.exercised, HasSubstr("not yet due"));
}

TEST(Cc002, ClosedWithinTenSecondsPasses) {
  HistoryBuilder b = Started();
  Open(b, 1, "1");
  AddMessage(b, 5, "1");
  SetStatus(b, 14.9, "1", "closed");
  EXPECT_EQ(CheckCc002(b.View()).outcome, Outcome::kPass);
}

TEST(Cc002, LateOrMissingCloseFails) {
  HistoryBuilder b = Started();
  Open(b, 1, "1");
  Open(b, 2, "2");
  AddMessage(b, 3, "1");
  AddMessage(b, 4, "2");
  SetStatus(b, 14, "1", "closed", 503);  // failed close does not count
  SetStatus(b, 15, "1", "closed");       // 12 s after the answer
  b.AddEvent(34, events::kPassEnd);
  const Verdict v = CheckCc002(b.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 2u);
  EXPECT_THAT(v.findings[0].message, HasSubstr("closed at +15.000 s, 12.000 s after the answer"));
  EXPECT_EQ(v.findings[0].seqs, std::vector<std::uint64_t>({1, 4}));
  EXPECT_THAT(v.findings[1].message, HasSubstr("conversation 2, answered at +4.000 s (seq 2), was never closed"));
  EXPECT_THAT(v.findings[1].expected, HasSubstr("by +14.000 s"));
}

TEST(Cc002, PartnerClosedOrNotDueOrNothingAnswered) {
  HistoryBuilder b = Started();
  Open(b, 16, "16");
  Open(b, 19, "19");
  b.AddEvent(20, events::kConversationClosedByPartner, {{"dscoConversationId", "16"}});
  AddMessage(b, 20, "16", 400, kClosedAnswer);
  EXPECT_EQ(CheckCc002(b.View()).outcome, Outcome::kNotExercised);
  AddMessage(b, 30, "19");  // close due at 40, the pass ends at 34
  b.AddEvent(34, events::kPassEnd);
  const Verdict v = CheckCc002(b.View());
  EXPECT_EQ(v.outcome, Outcome::kPass) << v.exercised;
  EXPECT_THAT(v.exercised, HasSubstr("1 not yet due"));
}

TEST(Cc003, OneAttemptAfterTheCloseIsAllowed) {
  HistoryBuilder b = Started();
  Open(b, 16, "16");
  b.AddEvent(20, events::kConversationClosedByPartner, {{"dscoConversationId", "16"}});
  AddMessage(b, 20, "16", 400, kClosedAnswer);
  const Verdict v = CheckCc003(b.View());
  EXPECT_EQ(v.outcome, Outcome::kPass) << v.exercised;
  EXPECT_THAT(v.exercised, HasSubstr("1 attempt(s)"));
}

TEST(Cc003, SecondAttemptFailsAndTransientAnswersDoNotCount) {
  HistoryBuilder b = Started();
  Open(b, 16, "16");
  b.AddEvent(20, events::kConversationClosedByPartner, {{"dscoConversationId", "16"}});
  AddMessage(b, 20, "16", 400, kClosedAnswer);
  AddMessage(b, 21, "16", 503);  // not judged by the platform
  AddMessage(b, 22, "16", 400, kClosedAnswer);
  const Verdict v = CheckCc003(b.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(v.findings[0].seqs, std::vector<std::uint64_t>({1, 3}));
  EXPECT_THAT(v.findings[0].message, HasSubstr("2 attempts to add a message to conversation 16 after it was "
                                               "closed at +20.000 s by the retailer"));
}

TEST(Cc003, OwnCloseOrAClosed400StartsTheCountAndReopenEndsIt) {
  HistoryBuilder b = Started();
  AddMessage(b, 3, "1");
  SetStatus(b, 4, "1", "closed");
  AddMessage(b, 5, "1", 400, "conversation 1 is closed");
  SetStatus(b, 6, "1", "in_progress");  // reopened: adds are fine again
  AddMessage(b, 7, "1");
  AddMessage(b, 8, "2", 400, "conversation 2 is closed");  // a close we only learn from the 400
  EXPECT_EQ(CheckCc003(b.View()).outcome, Outcome::kPass);
  AddMessage(b, 9, "2", 400, "conversation 2 is closed");
  const Verdict v = CheckCc003(b.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  EXPECT_EQ(v.findings[0].seqs, std::vector<std::uint64_t>({6, 7}));
}

TEST(Cc003, NotExercisedWithoutAttemptsOnAClosedConversation) {
  HistoryBuilder b = Started();
  Open(b, 1, "1");
  AddMessage(b, 3, "1");
  SetStatus(b, 4, "1", "closed");
  EXPECT_EQ(CheckCc003(b.View()).outcome, Outcome::kNotExercised);
}

// ---------------------------------------------------------------------------------------
// CONF-ORD-001..005

// An order created at `at` (deadlines as in supplier-orders: +10, +17, +22, +17 s).
void Create(HistoryBuilder& b, double at, const std::string& id, int quantity = 2) {
  b.AddEvent(at, events::kOrderCreated,
             {{"dscoOrderId", id}, {"poNumber", "PO-" + id},
              {"acknowledgeByVirtual", HistoryBuilder::Micros(at + 10)},
              {"shipByVirtual", HistoryBuilder::Micros(at + 17)},
              {"invoiceByVirtual", HistoryBuilder::Micros(at + 22)},
              {"cancelAfterVirtual", HistoryBuilder::Micros(at + 17)},
              {"lines", Json::array({Json{{"lineNumber", 1}, {"sku", "SKU-1"}, {"quantity", quantity}}})}});
}

// The platform's view of an order at the end.
Json Final(const std::string& id, int quantity, int shipped, int cancelled, Json extra = Json::object()) {
  Json o = {{"dscoOrderId", id}, {"poNumber", "PO-" + id}, {"dscoLifecycle", "acknowledged"},
            {"cancelRequested", false},
            {"lineItems", Json::array({Json{{"lineNumber", 1}, {"sku", "SKU-1"}, {"dscoItemId", "77"},
                                            {"quantity", quantity}, {"shippedQuantity", shipped},
                                            {"cancelledQuantity", cancelled}, {"rejectedQuantity", 0}}})}};
  o.update(extra);
  return o;
}

void Finals(HistoryBuilder& b, Json orders, Json invoices = Json::array()) {
  b.AddEvent(36, events::kPassEnd);
  b.AddEvent(36, events::kFinalOrders, {{"orders", std::move(orders)}});
  b.AddEvent(36, events::kFinalInvoices, {{"invoices", std::move(invoices)}});
}

void Acknowledge(HistoryBuilder& b, double at, Json ids, int status = 202) {
  b.Add(at, "POST", "/api/v3/order/acknowledge", status, std::move(ids), {{"status", "pending"}},
        "acknowledgeOrders");
}

Json Shipment(const std::string& tracking, int quantity = 2) {
  return {{"trackingNumber", tracking}, {"shipDate", Iso(5)}, {"shipCarrier", "UPS"},
          {"shippingServiceLevelCode", "UPCG"},
          {"lineItems", Json::array({Json{{"sku", "SKU-1"}, {"quantity", quantity}}})}};
}

void Ship(HistoryBuilder& b, double at, const std::string& id, Json shipment, int status = 201) {
  b.Add(at, "POST", "/api/v3/order/singleShipment", status,
        {{"dscoOrderId", id}, {"poNumber", "PO-" + id}, {"shipments", Json::array({std::move(shipment)})}},
        {{"success", true}}, "singleShipment");
}

TEST(Ord001, AcknowledgedInTimePasses) {
  HistoryBuilder b = Started();
  Create(b, 1, "10");
  Create(b, 1, "11");
  Acknowledge(b, 2, Json::array({Json{{"id", "10"}, {"type", "DSCO_ORDER_ID"}},
                                 Json{{"id", "PO-11"}, {"type", "PO_NUMBER"}}}));
  Finals(b, Json::array({Final("10", 2, 2, 0), Final("11", 2, 0, 2)}));
  const Verdict v = CheckOrd001(b.View());
  EXPECT_EQ(v.outcome, Outcome::kPass) << v.exercised;
  EXPECT_THAT(v.exercised, HasSubstr("2 order(s)"));
}

TEST(Ord001, LateDateOrNeverAcknowledgedFails) {
  HistoryBuilder b = Started();
  Create(b, 1, "10");
  Create(b, 1, "11");
  Acknowledge(b, 12, Json::array({Json{{"id", "10"}, {"type", "DSCO_ORDER_ID"}}}));
  Finals(b, Json::array({Final("10", 2, 2, 0, {{"dscoAcknowledgeLateDate", Iso(11)}}),
                         Final("11", 2, 0, 0, {{"dscoLifecycle", "created"}})}));
  const Verdict v = CheckOrd001(b.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 2u);
  EXPECT_THAT(v.findings[0].message, HasSubstr("order 10 (PO PO-10) was first acknowledged by seq 1 at +12.000 s"));
  EXPECT_THAT(v.findings[0].message, HasSubstr("dscoAcknowledgeLateDate +11.000 s"));
  EXPECT_EQ(v.findings[0].seqs, std::vector<std::uint64_t>({1}));
  EXPECT_THAT(v.findings[1].message, HasSubstr("never acknowledged; its acknowledge-by was +11.000 s"));
  EXPECT_THAT(v.exercised, ::testing::Not(HasSubstr("in time")));
  EXPECT_TRUE(v.findings[1].seqs.empty());
}

TEST(Ord001, WithoutFinalStateTheRequestsDecide) {
  HistoryBuilder b = Started();
  Create(b, 1, "10");
  Create(b, 1, "11");
  Ship(b, 5, "10", Shipment("T1"));    // shipping acknowledges
  Acknowledge(b, 6, Json::array({Json{{"id", "11"}, {"type", "DSCO_ORDER_ID"}}}), 400);  // refused
  b.AddEvent(36, events::kPassEnd);
  const Verdict v = CheckOrd001(b.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_THAT(v.findings[0].message, HasSubstr("order 11"));
}

TEST(Ord001, NotExercised) {
  EXPECT_EQ(CheckOrd001(Started().View()).outcome, Outcome::kNotExercised);
  HistoryBuilder b = Started();
  Create(b, 30, "10");  // acknowledge-by 40, after the pass's end
  b.AddEvent(36, events::kPassEnd);
  EXPECT_EQ(CheckOrd001(b.View()).outcome, Outcome::kNotExercised);
}

TEST(Ord002, ShippedOrCancelledPasses) {
  HistoryBuilder b = Started();
  Create(b, 1, "10", 3);
  Finals(b, Json::array({Final("10", 3, 2, 1)}));
  EXPECT_EQ(CheckOrd002(b.View()).outcome, Outcome::kPass);
}

TEST(Ord002, OpenUnitsOrShipLateDateFails) {
  HistoryBuilder b = Started();
  Create(b, 1, "10", 3);
  Create(b, 1, "11", 2);
  Ship(b, 5, "10", Shipment("T1", 2));
  Ship(b, 19, "11", Shipment("T2", 2));
  Finals(b, Json::array({Final("10", 3, 2, 0), Final("11", 2, 2, 0, {{"dscoShipLateDate", Iso(18)}})}));
  const Verdict v = CheckOrd002(b.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 2u);
  EXPECT_THAT(v.findings[0].message, HasSubstr("1 unit(s) neither shipped nor cancelled"));
  EXPECT_THAT(v.findings[0].message, HasSubstr("line 1 (sku SKU-1): 1 of 3"));
  EXPECT_EQ(v.findings[0].seqs, std::vector<std::uint64_t>({1}));
  EXPECT_THAT(v.findings[1].message, HasSubstr("still open at its ship-by +18.000 s"));
  EXPECT_EQ(v.findings[1].seqs, std::vector<std::uint64_t>({2}));
}

TEST(Ord002, NotExercisedWithoutOrdersOrFinalState) {
  EXPECT_EQ(CheckOrd002(Started().View()).outcome, Outcome::kNotExercised);
  HistoryBuilder b = Started();
  Create(b, 1, "10");
  EXPECT_EQ(CheckOrd002(b.View()).outcome, Outcome::kNotExercised);
}

TEST(Ord003, CompleteShipmentsPass) {
  HistoryBuilder b = Started();
  Json by_method = Shipment("T2");
  by_method.erase("shippingServiceLevelCode");
  by_method["shipMethod"] = "Ground";
  by_method["lineItems"] = Json::array({Json{{"dscoItemId", "77"}, {"quantity", 1}}});
  Ship(b, 5, "10", Shipment("T1"));
  b.Add(6, "POST", "/api/v3/order/shipment/batch/small", 202,
        Json::array({Json{{"poNumber", "PO-11"}, {"shipments", Json::array({by_method})}}}),
        {{"status", "pending"}}, "createShipmentSmallBatch");
  const Verdict v = CheckOrd003(b.View());
  EXPECT_EQ(v.outcome, Outcome::kPass) << (v.findings.empty() ? v.exercised : v.findings[0].message);
  EXPECT_THAT(v.exercised, HasSubstr("2 shipment(s) in 2 request(s)"));
}

TEST(Ord003, MissingFieldsFailOncePerShipment) {
  HistoryBuilder b = Started();
  Json bad = Shipment("T1");
  bad.erase("shipDate");
  bad.erase("shipCarrier");
  bad["lineItems"] = Json::array({Json{{"lineNumber", 1}, {"quantity", 0}}});
  Ship(b, 5, "10", bad, 503);
  Ship(b, 6, "10", bad);  // the retry is the same shipment
  const Verdict v = CheckOrd003(b.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(v.findings[0].seqs, std::vector<std::uint64_t>({1, 2}));
  EXPECT_THAT(v.findings[0].message, HasSubstr("shipment T1 of order 10: no shipDate; no shipCarrier; "
                                               "lineItems[0] has no item id"));
  EXPECT_THAT(v.findings[0].message, HasSubstr("lineItems[0] has quantity 0"));
}

TEST(Ord003, NotExercisedWithoutShipments) {
  HistoryBuilder b = Started();
  Create(b, 1, "10");
  EXPECT_EQ(CheckOrd003(b.View()).outcome, Outcome::kNotExercised);
}

Json Invoice(const std::string& order, int quantity) {
  return {{"invoiceId", "INV-" + order}, {"dscoOrderId", order},
          {"lineItems", Json::array({Json{{"sku", "SKU-1"}, {"quantity", quantity}}})}};
}

TEST(Ord004, InvoicedExactlyPasses) {
  HistoryBuilder b = Started();
  Create(b, 1, "10", 3);
  Create(b, 1, "11", 2);  // all cancelled: nothing to invoice
  Finals(b, Json::array({Final("10", 3, 2, 1), Final("11", 2, 0, 2)}), Json::array({Invoice("10", 2)}));
  const Verdict v = CheckOrd004(b.View());
  EXPECT_EQ(v.outcome, Outcome::kPass) << v.exercised;
  EXPECT_THAT(v.exercised, HasSubstr("1 order(s) with shipped units (2)"));
}

TEST(Ord004, WrongQuantityOrLateFails) {
  HistoryBuilder b = Started();
  Create(b, 1, "10", 3);
  b.Add(8, "POST", "/api/v3/invoice", 201, Invoice("10", 3), {{"success", true}}, "singleInvoice");
  Finals(b, Json::array({Final("10", 3, 2, 1, {{"dscoInvoiceLateDate", Iso(23)}})}),
         Json::array({Invoice("10", 3)}));
  const Verdict v = CheckOrd004(b.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_THAT(v.findings[0].message, HasSubstr("sku SKU-1: invoiced 3, shipped 2"));
  EXPECT_THAT(v.findings[0].message, HasSubstr("dscoInvoiceLateDate +23.000 s"));
  EXPECT_EQ(v.findings[0].seqs, std::vector<std::uint64_t>({1}));
}

TEST(Ord004, SentInvoicesCountWithoutFinalInvoices) {
  HistoryBuilder b = Started();
  Create(b, 1, "10", 2);
  Json by_po = {{"invoiceId", "INV-1"}, {"poNumber", "PO-10"},
                {"lineItems", Json::array({Json{{"dscoItemId", "77"}, {"quantity", 2}}})}};
  b.Add(8, "POST", "/api/v3/invoice/batch/small", 202, Json::array({by_po}), {{"status", "pending"}},
        "createInvoiceSmallBatch");
  b.AddEvent(36, events::kPassEnd);
  b.AddEvent(36, events::kFinalOrders, {{"orders", Json::array({Final("10", 2, 2, 0)})}});
  EXPECT_EQ(CheckOrd004(b.View()).outcome, Outcome::kPass);
}

TEST(Ord004, NotExercisedWhenNothingShipped) {
  HistoryBuilder b = Started();
  Create(b, 1, "10", 2);
  Finals(b, Json::array({Final("10", 2, 0, 2)}));
  EXPECT_EQ(CheckOrd004(b.View()).outcome, Outcome::kNotExercised);
}

void RequestCancel(HistoryBuilder& b, double at, const std::string& id, double answer_by) {
  b.AddEvent(at, events::kCancelRequested,
             {{"dscoOrderId", id}, {"poNumber", "PO-" + id}, {"answerByVirtual", HistoryBuilder::Micros(answer_by)}});
}

void CancelItems(HistoryBuilder& b, double at, const std::string& id, int status = 200) {
  b.Add(at, "POST", "/api/v3/order/item/cancel", status,
        {{"id", id}, {"type", "DSCO_ORDER_ID"},
         {"lineItems", Json::array({Json{{"sku", "SKU-1"}, {"cancelledQuantity", 2}, {"cancelCode", "OOS"}}})}},
        {{"status", "success"}}, "cancelOrderItem");
}

TEST(Ord005, AnsweredInTimePasses) {
  HistoryBuilder b = Started();
  Create(b, 1, "10");
  Create(b, 1, "11");
  Acknowledge(b, 2, Json::array({Json{{"id", "10"}, {"type", "DSCO_ORDER_ID"}}}));
  RequestCancel(b, 2, "10", 18);
  RequestCancel(b, 3, "11", 18);
  CancelItems(b, 4, "10");
  b.Add(5, "POST", "/api/v3/orderupdate/batch/small", 202,
        Json::array({Json{{"dscoOrderId", "11"}, {"updateType", "STATUS"},
                          {"payload", Json::array({Json{{"lineNumber", 1}, {"status", "accepted"}}})}}}),
        {{"status", "pending"}}, "updateOrderSmallBatch");
  Finals(b, Json::array({Final("10", 2, 0, 2), Final("11", 2, 2, 0)}));
  const Verdict v = CheckOrd005(b.View());
  EXPECT_EQ(v.outcome, Outcome::kPass) << (v.findings.empty() ? v.exercised : v.findings[0].message);
  EXPECT_THAT(v.exercised, HasSubstr("2 cancel request(s)"));
}

TEST(Ord005, UnansweredOrLateFails) {
  HistoryBuilder b = Started();
  Create(b, 1, "10");
  Create(b, 1, "11");
  RequestCancel(b, 2, "10", 18);
  RequestCancel(b, 2, "11", 18);
  CancelItems(b, 1.5, "10");  // before the request: not an answer to it
  CancelItems(b, 5, "10", 400);
  CancelItems(b, 19, "11");  // after cancel-after
  Finals(b, Json::array({Final("10", 2, 0, 0, {{"cancelRequested", true}}),
                         Final("11", 2, 0, 2, {{"dscoCancelLateDate", Iso(18)}})}));
  const Verdict v = CheckOrd005(b.View());
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 2u);
  EXPECT_THAT(v.findings[0].message, HasSubstr("order 10 (PO PO-10): the cancel request at +2.000 s was never "
                                               "answered (cancelRequested is still true"));
  EXPECT_EQ(v.findings[0].seqs, std::vector<std::uint64_t>({2}));
  EXPECT_THAT(v.findings[1].message, HasSubstr("answered by seq 3 at +19.000 s, 1.000 s after"));
  EXPECT_THAT(v.exercised, ::testing::Not(HasSubstr("in time")));
  EXPECT_EQ(v.findings[1].seqs, std::vector<std::uint64_t>({3}));
}

TEST(Ord005, NotExercisedWithoutCancelRequests) {
  HistoryBuilder b = Started();
  Create(b, 1, "10");
  Finals(b, Json::array({Final("10", 2, 2, 0)}));
  EXPECT_EQ(CheckOrd005(b.View()).outcome, Outcome::kNotExercised);
}

}  // namespace
}  // namespace dscosim::conformance
