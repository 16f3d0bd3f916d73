// Get Returns (search modes, filters, visibility, paging) and the status properties of
// returns under random create / complete / cancel / acknowledge sequences.
#include <algorithm>
#include <map>
#include <set>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "dscosim/tests/model/returns/return_invoice_fixture.h"

namespace dscosim {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using test_support::Answer;
using test_support::Body;
using test_support::CommerceWorld;
using test_support::Line;
using test_support::PutOrder;
using test_support::Respond;
using test_support::State;

std::vector<std::string> Ids(const ReturnPage& page) {
  std::vector<std::string> ids;
  for (const Return& r : page.returns) ids.push_back(r.dsco_return_id);
  return ids;
}

// R1-S1 order PO-1 (A-1 x10 shipped, A-2 x10 shipped); R1-S2 order PO-2 (B-1 x10);
// R2-S1 order PO-3 (A-1 x10).
class ReturnQueryTest : public ::testing::Test {
 protected:
  ReturnQueryTest() {
    po1 = PutOrder(w.world, w.r1, w.s1, "PO-1",
                   {{"A-1", w.item_a1, 10, 10}, {"A-2", w.item_a2, 10, 10}});
    po2 = PutOrder(w.world, w.r1, w.s2, "PO-2", {{"B-1", w.item_b1, 10, 10}});
    po3 = PutOrder(w.world, w.r2, w.s1, "PO-3", {{"A-1", w.item_a1, 10, 10}});
  }
  ReturnStore& store() { return w.world.returns(); }
  const std::string& R1() const { return w.r1.dsco_account_id; }
  const std::string& R2() const { return w.r2.dsco_account_id; }
  const std::string& S1() const { return w.s1.dsco_account_id; }
  const std::string& S2() const { return w.s2.dsco_account_id; }

  std::string Create(const std::string& caller, const json& body) {
    auto r = store().Create(caller, body);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->ret.dsco_return_id : "";
  }
  ReturnPage MustPage(const std::string& caller, const ReturnPageQuery& q) {
    auto r = store().Page(caller, q);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : ReturnPage{};
  }
  static ReturnPageQuery ById(ReturnIdType type, std::string value) {
    ReturnPageQuery q;
    q.return_id_type = type;
    q.return_id_value = std::move(value);
    return q;
  }

  CommerceWorld w;
  Order po1, po2, po3;
};

TEST_F(ReturnQueryTest, ByReturnIds) {
  const std::string a = Create(R1(), Body("RET-A", po1.dsco_order_id, {Line("A-1", 1)}));
  const std::string b = Create(R1(), Body("RET-B", po1.dsco_order_id, {Line("A-2", 1)}));
  json complete = Respond(a, {Answer("A-1", "accepted")});
  complete["returnNumber"] = "S1-RMA";
  ASSERT_TRUE(store().Complete(S1(), complete).ok());

  EXPECT_EQ(Ids(MustPage(S1(), ById(ReturnIdType::kDscoReturnId, b))), std::vector{b});
  EXPECT_EQ(Ids(MustPage(R1(), ById(ReturnIdType::kReturnNumber, "RET-A"))), std::vector{a});
  EXPECT_EQ(Ids(MustPage(S1(), ById(ReturnIdType::kReturnNumber, "S1-RMA"))), std::vector{a});
  EXPECT_TRUE(MustPage(S1(), ById(ReturnIdType::kReturnNumber, "RET-A")).returns.empty());

  ReturnPageQuery q = ById(ReturnIdType::kPartnerReturnNumber, "RET-B");
  EXPECT_RI_REFUSED(w.world, store().Page(S1(), q), StatusCode::kInvalidArgument, "accountIdType");
  q.account_id_type = AccountIdType::kTradingPartnerId;
  q.account_id_value = "R1@S1";
  EXPECT_EQ(Ids(MustPage(S1(), q)), std::vector{b});
  q.account_id_type = AccountIdType::kDscoAccountId;
  q.account_id_value = R2();  // another partner: not R2's return
  EXPECT_TRUE(MustPage(S1(), q).returns.empty());
  q.account_id_value = S2();  // not S1's partner at all
  EXPECT_RI_REFUSED(w.world, store().Page(S1(), q), StatusCode::kInvalidArgument, "accountIdValue");
  q = ById(ReturnIdType::kPartnerReturnNumber, "S1-RMA");
  q.account_id_type = AccountIdType::kDscoAccountId;
  q.account_id_value = S1();
  EXPECT_EQ(Ids(MustPage(R1(), q)), std::vector{a});
}

TEST_F(ReturnQueryTest, OutsidersSeeNothingLikeAMissingId) {
  const std::string a = Create(R1(), Body("RET-A", po1.dsco_order_id, {Line("A-1", 1)}));
  EXPECT_TRUE(MustPage(R2(), ById(ReturnIdType::kDscoReturnId, a)).returns.empty());
  EXPECT_TRUE(MustPage(S2(), ById(ReturnIdType::kDscoReturnId, a)).returns.empty());
  EXPECT_TRUE(MustPage(R2(), ById(ReturnIdType::kDscoReturnId, "1999999999")).returns.empty());
  EXPECT_RI_REFUSED(w.world, store().Page("42", ById(ReturnIdType::kDscoReturnId, a)),
                    StatusCode::kPermissionDenied, "");
}

TEST_F(ReturnQueryTest, ByOrder) {
  const std::string a = Create(R1(), Body("RET-A", po1.dsco_order_id, {Line("A-1", 1)}));
  const std::string b = Create(S1(), Body("S-B", po1.dsco_order_id, {Line("A-2", 1)}));
  const std::string c = Create(R1(), Body("RET-C", po2.dsco_order_id, {Line("B-1", 1)}));
  const std::string d = Create(R2(), Body("RET-D", po3.dsco_order_id, {Line("A-1", 1)}));
  ReturnPageQuery q;
  q.order_id_type = ReturnOrderIdType::kDscoOrderId;
  q.order_id_value = po1.dsco_order_id;
  EXPECT_EQ(Ids(MustPage(R1(), q)), (std::vector{a, b}));
  q.order_id_type = ReturnOrderIdType::kPoNumber;
  q.order_id_value = "PO-2";
  EXPECT_EQ(Ids(MustPage(R1(), q)), std::vector{c});
  q.order_id_value = "PO-1";
  EXPECT_RI_REFUSED(w.world, store().Page(S1(), q), StatusCode::kInvalidArgument, "accountIdType");
  q.account_id_type = AccountIdType::kDscoAccountId;
  q.account_id_value = R1();
  EXPECT_EQ(Ids(MustPage(S1(), q)), (std::vector{a, b}));
  q.order_id_value = "PO-3";
  q.account_id_value = R2();
  EXPECT_EQ(Ids(MustPage(S1(), q)), std::vector{d});
}

TEST_F(ReturnQueryTest, StatusFilter) {
  const std::string a = Create(R1(), Body("RET-A", po1.dsco_order_id, {Line("A-1", 1)}));
  const std::string b = Create(R1(), Body("RET-B", po1.dsco_order_id, {Line("A-1", 1)}));
  ASSERT_TRUE(store().Complete(S1(), Respond(b, {Answer("A-1", "rejected")})).ok());
  ReturnPageQuery q;
  q.order_id_type = ReturnOrderIdType::kDscoOrderId;
  q.order_id_value = po1.dsco_order_id;
  q.statuses = {ReturnStatus::kCompleted};
  EXPECT_EQ(Ids(MustPage(R1(), q)), std::vector{b});
  q.statuses = {ReturnStatus::kCreated, ReturnStatus::kAcknowledged};
  EXPECT_EQ(Ids(MustPage(R1(), q)), std::vector{a});
}

TEST_F(ReturnQueryTest, CreatedAndUpdatedWindows) {
  const Time t0 = w.world.now();
  const std::string a = Create(R1(), Body("RET-A", po1.dsco_order_id, {Line("A-1", 1)}));
  ASSERT_TRUE(w.world.AdvanceBy(10s).ok());
  const Time t1 = w.world.now();
  const std::string b = Create(R1(), Body("RET-B", po1.dsco_order_id, {Line("A-1", 1)}));
  ASSERT_TRUE(w.world.AdvanceBy(10s).ok());
  const Time t2 = w.world.now();
  ASSERT_TRUE(store().Complete(S1(), Respond(a, {Answer("A-1", "accepted")})).ok());
  ASSERT_TRUE(w.world.AdvanceBy(10s).ok());

  ReturnPageQuery q;
  q.created_since = t0;  // inclusive
  q.until = t1;          // exclusive
  EXPECT_EQ(Ids(MustPage(R1(), q)), std::vector{a});
  q.until = t1 + 1us;
  EXPECT_EQ(Ids(MustPage(S1(), q)), (std::vector{a, b}));
  q = {};
  q.updated_since = t1;  // exclusive: b (updated at t1) is out
  q.until = w.world.now() - 5s;
  EXPECT_EQ(Ids(MustPage(R1(), q)), std::vector{a});
  q.updated_since = t2;
  EXPECT_TRUE(MustPage(R1(), q).returns.empty());
}

TEST_F(ReturnQueryTest, TheUntilRule) {
  ReturnPageQuery q;
  q.created_since = w.world.now() - 1h;
  EXPECT_RI_REFUSED(w.world, store().Page(R1(), q), StatusCode::kInvalidArgument, "until");
  q.until = w.world.now() - 4s;
  EXPECT_RI_REFUSED(w.world, store().Page(R1(), q), StatusCode::kInvalidArgument, "until");
  q.until = w.world.now() - 5s;
  EXPECT_TRUE(store().Page(R1(), q).ok());
}

TEST_F(ReturnQueryTest, ExactlyOneSearchMode) {
  const auto refused = [&](const ReturnPageQuery& q, const std::string& field) {
    EXPECT_RI_REFUSED(w.world, store().Page(R1(), q), StatusCode::kInvalidArgument, field);
  };
  ReturnPageQuery q;
  refused(q, "");
  q.return_id_type = ReturnIdType::kDscoReturnId;
  refused(q, "returnIdValue");
  q = {};
  q.return_id_value = "1";
  refused(q, "returnIdType");
  q = {};
  q.order_id_type = ReturnOrderIdType::kDscoOrderId;
  refused(q, "orderIdValue");
  q = {};
  q.account_id_value = "x";
  q.order_id_type = ReturnOrderIdType::kDscoOrderId;
  q.order_id_value = "1";
  refused(q, "accountIdType");
  q = ById(ReturnIdType::kDscoReturnId, "1");
  q.order_id_type = ReturnOrderIdType::kDscoOrderId;
  q.order_id_value = "1";
  refused(q, "orderIdType");
  q = {};
  q.created_since = w.world.now() - 1h;
  q.updated_since = w.world.now() - 1h;
  q.until = w.world.now() - 1min;
  refused(q, "returnsUpdatedSince");
  q.created_since.reset();
  q.order_id_type = ReturnOrderIdType::kDscoOrderId;
  q.order_id_value = "1";
  refused(q, "returnsUpdatedSince");
}

TEST_F(ReturnQueryTest, PagesScrollAndExpire) {
  ReturnPolicy policy;
  policy.page_size = 2;
  store().set_policy(policy);
  std::vector<std::string> all;
  for (int i = 0; i < 5; ++i) {
    all.push_back(
        Create(R1(), Body("R-" + std::to_string(i), po1.dsco_order_id, {Line("A-1", 1)})));
  }
  ReturnPageQuery q;
  q.order_id_type = ReturnOrderIdType::kDscoOrderId;
  q.order_id_value = po1.dsco_order_id;
  const std::string before = State(w.world);
  ReturnPage page = MustPage(R1(), q);
  ASSERT_TRUE(page.scroll_id.has_value());
  std::vector<std::string> seen = Ids(page);
  const std::string scroll = *page.scroll_id;
  ReturnPageQuery next;
  next.scroll_id = scroll;
  next.order_id_type = ReturnOrderIdType::kPoNumber;  // ignored with a scrollId
  EXPECT_RI_REFUSED(w.world, store().Page(R2(), next), StatusCode::kNotFound, "scrollId");
  for (int i = 0; i < 3; ++i) {
    page = MustPage(R1(), next);
    for (const std::string& id : Ids(page)) seen.push_back(id);
  }
  EXPECT_EQ(seen, all);
  EXPECT_TRUE(page.returns.empty());
  ASSERT_TRUE(w.world.AdvanceBy(5min + 1us).ok());
  EXPECT_RI_REFUSED(w.world, store().Page(R1(), next), StatusCode::kNotFound, "scrollId");
  EXPECT_NE(State(w.world), before);  // a scroll was opened (reads never touch the trace)
}

// ---------------------------------------------------------------------------------
// Properties: random sequences of creates, completes (by either side), cancels and
// portal acknowledges, checked after every step.

struct Sim {
  CommerceWorld w;
  Order order;
  std::vector<std::string> ids;  // every created return, in order
  // Responses the store accepted, per return and line number: a response is final.
  std::map<std::string, std::map<std::int64_t, std::string>> responses;
};

const char* kSkus[] = {"A-1", "A-2", "A-3"};

void Step(Sim& s) {
  const std::string& r1 = s.w.r1.dsco_account_id;
  const std::string& s1 = s.w.s1.dsco_account_id;
  ReturnStore& store = s.w.world.returns();
  const int kind = *rc::gen::inRange(0, 4);
  if (kind == 0 || s.ids.empty()) {  // create, by either side
    const bool by_retailer = *rc::gen::arbitrary<bool>();
    std::vector<json> lines;
    for (int i = 0; i < 3; ++i) {
      if (*rc::gen::arbitrary<bool>()) lines.push_back(Line(kSkus[i], *rc::gen::inRange(1, 4)));
    }
    const json body = Body("N" + std::to_string(s.ids.size()) + (by_retailer ? "r" : "s"),
                           s.order.dsco_order_id, lines);
    auto created = store.Create(by_retailer ? r1 : s1, body);
    if (created.ok() && !created->replay) s.ids.push_back(created->ret.dsco_return_id);
    return;
  }
  const std::string id = s.ids[*rc::gen::inRange<std::size_t>(0, s.ids.size())];
  const Return& ret = *store.Find(id);
  const bool by_responder = *rc::gen::inRange(0, 5) != 0;  // mostly the right party
  const std::string& actor = by_responder ? ret.responder_id() : ret.initiator_id();
  if (kind == 1 || kind == 2) {  // complete some lines, A-3 maybe not on the return
    std::vector<json> lines;
    for (int i = 0; i < 3; ++i) {
      if (*rc::gen::arbitrary<bool>()) {
        lines.push_back(Answer(kSkus[i], *rc::gen::arbitrary<bool>() ? "accepted" : "rejected"));
      }
    }
    const std::string before = State(s.w.world);
    auto done = store.Complete(actor, Respond(id, lines));
    if (!done.ok()) {
      RC_ASSERT(State(s.w.world) == before);  // refused: nothing changed
      return;
    }
    RC_ASSERT(actor == ret.responder_id());
    for (const json& line : lines) {
      const ReturnLine* l = nullptr;
      for (const ReturnLine& candidate : done->lines) {
        if (candidate.item.sku == line["sku"]) l = &candidate;
      }
      RC_ASSERT(l != nullptr);
      auto& known = s.responses[id][l->item.line_number];
      if (known.empty()) known = line["response"];
      RC_ASSERT(known == std::string(line["response"]));  // never changed once given
    }
  } else if (kind == 3) {
    (void)store.Cancel(actor, {{"dscoReturnId", id}});
  } else {
    (void)store.Acknowledge(actor, id);
  }
}

template <typename Check>
void RunRandomReturns(Check check) {
  Sim s;
  s.order = PutOrder(
      s.w.world, s.w.r1, s.w.s1, "PO-P",
      {{"A-1", s.w.item_a1, 9, 8}, {"A-2", s.w.item_a2, 9, 9}, {"A-3", s.w.item_a3, 9, 4}});
  const int steps = *rc::gen::inRange(1, 40);
  for (int i = 0; i < steps; ++i) {
    Step(s);
    for (const std::string& id : s.ids) {
      const Return& ret = *s.w.world.returns().Find(id);
      check(s, ret, s.w.world.returns().ToJson(ret));
    }
  }
}

RC_GTEST_PROP(ReturnProperty, CompletedExactlyWhenEveryLineHasAResponse, ()) {
  RunRandomReturns([](const Sim& s, const Return& ret, const json& j) {
    bool every = !j["lineItems"].empty();
    for (const json& line : j["lineItems"]) every = every && line.contains("response");
    RC_ASSERT((j["status"] == "completed") == every);
    RC_ASSERT((ret.status() == ReturnStatus::kCompleted) == every);
    // And the lines carry exactly the responses the store accepted.
    const auto known = s.responses.find(ret.dsco_return_id);
    for (const json& line : j["lineItems"]) {
      const std::int64_t n = line["lineNumber"];
      const bool expected = known != s.responses.end() && known->second.count(n) != 0;
      RC_ASSERT(line.contains("response") == expected);
      if (expected) RC_ASSERT(line["response"] == known->second.at(n));
    }
  });
}

RC_GTEST_PROP(ReturnProperty, StatusTagsAgreeWithTheLineResponses, ()) {
  RunRandomReturns([](const Sim&, const Return& ret, const json& j) {
    bool accepted = false;
    bool rejected = false;
    for (const json& line : j["lineItems"]) {
      if (line.value("response", "") == "accepted") accepted = true;
      if (line.value("response", "") == "rejected") rejected = true;
    }
    json expected = json::array();
    if (accepted) expected.push_back("accepted");
    if (rejected) expected.push_back("rejected");
    RC_ASSERT(j["statusTags"] == expected);
    RC_ASSERT(ret.status_tags().size() == expected.size());
  });
}

RC_GTEST_PROP(ReturnProperty, ReturnedUnitsNeverExceedShippedUnits, ()) {
  RunRandomReturns([](const Sim& s, const Return&, const json&) {
    for (const OrderLine& line : s.order.lines) {
      RC_ASSERT(s.w.world.returns().ReturnedQuantity(s.order.dsco_order_id, line.line_number) <=
                line.shipped_quantity);
    }
  });
}

}  // namespace
}  // namespace dscosim
