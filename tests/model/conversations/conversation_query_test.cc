// Get Conversations (ConversationStore::List) and Get Conversation Messages
// (ConversationStore::ListMessages): visibility after post-processing, the 5-second rule
// on `until`, the date window, the filters, the party filters, isolation between
// accounts, and scroll paging (docs: dsco-api-facts §1.4, §1.5, §3.5, §3.9).
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "dscosim/model/conversations/conversation_store.h"
#include "dscosim/tests/support/world_fixture.h"

namespace dscosim::test_support {
namespace {

using namespace std::chrono_literals;

// ---------------------------------------------------------------------------------------
// Helpers

void Advance(TestWorld& t, Duration delta) { ASSERT_TRUE(t.world.AdvanceBy(delta).ok()); }

ConversationPolicy PageSize(std::size_t n) {
  ConversationPolicy policy;
  policy.page_size = n;
  return policy;
}

ConversationPolicy NoDelay() {
  ConversationPolicy policy;
  policy.visibility_delay = 0s;
  return policy;
}

// A broad criterion: every status (test conversations stay hidden, as by default).
ConversationQuery AnyStatus() {
  ConversationQuery q;
  q.statuses = std::vector<ConversationStatus>{
      ConversationStatus::kNew, ConversationStatus::kInProgress, ConversationStatus::kClosed};
  return q;
}

ConversationQuery AllTests() {
  ConversationQuery q;
  q.test = TestFilter::kAll;
  return q;
}

MessageQuery AllMessages() {
  MessageQuery q;
  q.test = TestFilter::kAll;
  return q;
}

MessageQuery InConversation(const std::string& id) {
  MessageQuery q;
  q.dsco_conversation_id = id;
  return q;
}

std::vector<std::string> IdsOf(const ConversationPage& page) {
  std::vector<std::string> ids;
  for (const Conversation& c : page.conversations) ids.push_back(c.id);
  return ids;
}

std::vector<std::string> IdsOf(const MessagePage& page) {
  std::vector<std::string> ids;
  for (const ConversationMessage& m : page.messages) ids.push_back(m.id);
  return ids;
}

// The ids of one List call; a refusal fails the test and gives a sentinel.
std::vector<std::string> List(TestWorld& t, const Account& caller, const ConversationQuery& q) {
  auto r = t.store().List(caller.dsco_account_id, q);
  EXPECT_TRUE(r.ok()) << r.status();
  if (!r.ok()) return {"<refused: " + r.status().ToString() + ">"};
  return IdsOf(*r);
}

std::vector<std::string> Messages(TestWorld& t, const Account& caller, const MessageQuery& q) {
  auto r = t.store().ListMessages(caller.dsco_account_id, q);
  EXPECT_TRUE(r.ok()) << r.status();
  if (!r.ok()) return {"<refused: " + r.status().ToString() + ">"};
  return IdsOf(*r);
}

// Every page of a query, following the scrollId until an empty page.
std::vector<std::string> AllPages(TestWorld& t, const Account& caller, ConversationQuery q) {
  std::vector<std::string> ids;
  for (int guard = 0; guard < 1000; ++guard) {
    auto r = t.store().List(caller.dsco_account_id, q);
    EXPECT_TRUE(r.ok()) << r.status();
    if (!r.ok()) break;
    for (const Conversation& c : r->conversations) ids.push_back(c.id);
    if (!r->scroll_id || r->conversations.empty()) break;
    ConversationQuery next;
    next.scroll_id = r->scroll_id;
    q = next;
  }
  return ids;
}

std::vector<std::string> AllMessagePages(TestWorld& t, const Account& caller, MessageQuery q) {
  std::vector<std::string> ids;
  for (int guard = 0; guard < 1000; ++guard) {
    auto r = t.store().ListMessages(caller.dsco_account_id, q);
    EXPECT_TRUE(r.ok()) << r.status();
    if (!r.ok()) break;
    for (const ConversationMessage& m : r->messages) ids.push_back(m.id);
    if (!r->scroll_id || r->messages.empty()) break;
    MessageQuery next;
    next.scroll_id = r->scroll_id;
    q = next;
  }
  return ids;
}

void MustUpdate(TestWorld& t, const Account& caller, const UpdateConversationRequest& request) {
  auto r = t.store().Update(caller.dsco_account_id, request);
  ASSERT_TRUE(r.ok()) << r.status();
}

void MustClose(TestWorld& t, const Account& caller, const std::string& id) {
  UpdateConversationRequest u;
  u.dsco_conversation_id = id;
  u.status = ConversationStatus::kClosed;
  MustUpdate(t, caller, u);
}

CreateConversationRequest CustomerCare(const Account& other, std::string consumer,
                                       std::string title = "Care") {
  CreateConversationRequest req = TestWorld::Basic(other, std::move(title));
  req.type = ConversationType{ConversationKind::kCustomerCare, std::move(consumer)};
  return req;
}

CreateConversationRequest WithDue(const Account& other, Time due, std::string title) {
  CreateConversationRequest req = TestWorld::Basic(other, std::move(title));
  req.due_date = due;
  return req;
}

// Creates `n` R1-S1 conversations one second apart and returns their ids.
std::vector<std::string> CreateMany(TestWorld& t, int n) {
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) {
    ids.push_back(t.MustCreate(t.r1, TestWorld::Basic(t.s1, "C" + std::to_string(i))).id);
    EXPECT_TRUE(t.world.AdvanceBy(1s).ok());
  }
  return ids;
}

// Adds `n` messages one second apart to `conversation_id` and returns their ids.
std::vector<std::string> AddMany(TestWorld& t, const std::string& conversation_id, int n) {
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) {
    const Account& author = i % 2 == 0 ? t.r1 : t.s1;
    ids.push_back(t.MustAdd(author, conversation_id, "m" + std::to_string(i)).id);
    EXPECT_TRUE(t.world.AdvanceBy(1s).ok());
  }
  return ids;
}

using Ids = std::vector<std::string>;

// ---------------------------------------------------------------------------------------
// Visibility after post-processing

TEST(ConversationQueryVisibility, ConversationAppearsExactlyAtCreatedPlusDelay) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  EXPECT_EQ(List(t, t.r1, AnyStatus()), Ids{});
  EXPECT_EQ(List(t, t.r1, AllTests()), Ids{});
  Advance(t, 2s - 1us);
  EXPECT_EQ(List(t, t.r1, AnyStatus()), Ids{});
  EXPECT_EQ(List(t, t.s1, AllTests()), Ids{});
  Advance(t, 1us);
  EXPECT_EQ(List(t, t.r1, AnyStatus()), Ids{c.id});
  EXPECT_EQ(List(t, t.r1, AllTests()), Ids{c.id});
  EXPECT_EQ(List(t, t.s1, AnyStatus()), Ids{c.id});
  Advance(t, 1h);
  EXPECT_EQ(List(t, t.r1, AnyStatus()), Ids{c.id});
}

TEST(ConversationQueryVisibility, MessageAppearsExactlyAtCreatedPlusDelay) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  Advance(t, 10s);
  const ConversationMessage m = t.MustAdd(t.s1, c.id, "reply");
  EXPECT_EQ(Messages(t, t.r1, InConversation(c.id)), Ids{});
  EXPECT_EQ(Messages(t, t.r1, AllMessages()), Ids{});
  Advance(t, 2s - 1us);
  EXPECT_EQ(Messages(t, t.r1, InConversation(c.id)), Ids{});
  EXPECT_EQ(Messages(t, t.s1, AllMessages()), Ids{});
  Advance(t, 1us);
  EXPECT_EQ(Messages(t, t.r1, InConversation(c.id)), Ids{m.id});
  EXPECT_EQ(Messages(t, t.r1, AllMessages()), Ids{m.id});
  EXPECT_EQ(Messages(t, t.s1, AllMessages()), Ids{m.id});
}

TEST(ConversationQueryVisibility, InitialMessageFollowsTheSameDelay) {
  TestWorld t;
  CreateConversationRequest req = TestWorld::Basic(t.s1);
  req.initial_message = "first";
  const Conversation c = t.MustCreate(t.r1, req);
  ASSERT_EQ(c.message_ids.size(), 1u);
  Advance(t, 2s - 1us);
  EXPECT_EQ(Messages(t, t.s1, InConversation(c.id)), Ids{});
  Advance(t, 1us);
  EXPECT_EQ(Messages(t, t.s1, InConversation(c.id)), Ids{c.message_ids[0]});
}

TEST(ConversationQueryVisibility, ZeroDelayMakesConversationsAndMessagesVisibleAtOnce) {
  TestWorld t(NoDelay());
  CreateConversationRequest req = TestWorld::Basic(t.s1);
  req.initial_message = "first";
  const Conversation c = t.MustCreate(t.r1, req);
  ASSERT_EQ(c.message_ids.size(), 1u);
  EXPECT_EQ(List(t, t.r1, AnyStatus()), Ids{c.id});
  EXPECT_EQ(List(t, t.s1, AnyStatus()), Ids{c.id});
  EXPECT_EQ(Messages(t, t.s1, AllMessages()), Ids{c.message_ids[0]});
  const ConversationMessage m = t.MustAdd(t.s1, c.id, "reply");
  EXPECT_EQ(Messages(t, t.r1, InConversation(c.id)), (Ids{c.message_ids[0], m.id}));
}

TEST(ConversationQueryVisibility, LookupByIdBeforeVisibleIsAnEmptyListNotAnError) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  ConversationQuery q;
  q.dsco_conversation_id = c.id;
  EXPECT_EQ(List(t, t.r1, q), Ids{});
  EXPECT_EQ(List(t, t.s1, q), Ids{});
  Advance(t, 2s);
  EXPECT_EQ(List(t, t.r1, q), Ids{c.id});
  EXPECT_EQ(List(t, t.s1, q), Ids{c.id});
}

// ---------------------------------------------------------------------------------------
// The 5-second rule

TEST(ConversationQueryUntil, UntilFiveSecondsBeforeNowIsAccepted) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  Advance(t, 10s);
  ConversationQuery q;
  q.until = t.world.now() - 5s;  // c.created + 5 s: c is before it
  EXPECT_EQ(List(t, t.r1, q), Ids{c.id});
}

TEST(ConversationQueryUntil, UntilOneMicrosecondLaterIsRefusedAndChangesNothing) {
  TestWorld t(PageSize(1));
  t.MustCreate(t.r1, TestWorld::Basic(t.s1, "A"));
  t.MustCreate(t.r1, TestWorld::Basic(t.s1, "B"));  // two results would open a scroll
  Advance(t, 10s);
  ConversationQuery q;
  q.until = t.world.now() - 5s + 1us;
  EXPECT_REFUSED(t.world, t.store().List(t.r1.dsco_account_id, q),
                 StatusCode::kInvalidArgument, "until");
  q.until = t.world.now();
  EXPECT_REFUSED(t.world, t.store().List(t.r1.dsco_account_id, q),
                 StatusCode::kInvalidArgument, "until");
}

TEST(ConversationQueryUntil, MessageUntilFiveSecondsBeforeNowIsAccepted) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  const ConversationMessage m = t.MustAdd(t.r1, c.id);
  Advance(t, 10s);
  MessageQuery q;
  q.until = t.world.now() - 5s;
  EXPECT_EQ(Messages(t, t.s1, q), Ids{m.id});
}

TEST(ConversationQueryUntil, MessageUntilOneMicrosecondLaterIsRefusedAndChangesNothing) {
  TestWorld t(PageSize(1));
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  t.MustAdd(t.r1, c.id, "one");
  t.MustAdd(t.s1, c.id, "two");
  Advance(t, 10s);
  MessageQuery q;
  q.until = t.world.now() - 5s + 1us;
  EXPECT_REFUSED(t.world, t.store().ListMessages(t.s1.dsco_account_id, q),
                 StatusCode::kInvalidArgument, "until");
  q.dsco_conversation_id = c.id;
  EXPECT_REFUSED(t.world, t.store().ListMessages(t.s1.dsco_account_id, q),
                 StatusCode::kInvalidArgument, "until");
}

// ---------------------------------------------------------------------------------------
// At least one criterion

TEST(ConversationQueryCriteria, QueryWithNoCriterionIsRefused) {
  TestWorld t;
  t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  Advance(t, 10s);
  EXPECT_REFUSED(t.world, t.store().List(t.r1.dsco_account_id, ConversationQuery{}),
                 StatusCode::kInvalidArgument, "");
}

TEST(ConversationQueryCriteria, MessageQueryWithNoCriterionIsRefused) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  t.MustAdd(t.r1, c.id);
  Advance(t, 10s);
  EXPECT_REFUSED(t.world, t.store().ListMessages(t.r1.dsco_account_id, MessageQuery{}),
                 StatusCode::kInvalidArgument, "");
}

TEST(ConversationQueryCriteria, OnlyTestIsEnoughOfACriterion) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  const ConversationMessage m = t.MustAdd(t.r1, c.id);
  Advance(t, 10s);
  ConversationQuery q;
  q.test = TestFilter::kLegit;
  EXPECT_EQ(List(t, t.r1, q), Ids{c.id});
  MessageQuery mq;
  mq.test = TestFilter::kLegit;
  EXPECT_EQ(Messages(t, t.r1, mq), Ids{m.id});
}

// ---------------------------------------------------------------------------------------
// The date window

TEST(ConversationQueryWindow, CreatedSinceIsInclusiveAndUntilExclusive) {
  TestWorld t;
  const Time t0 = t.world.now();
  const std::string a = t.MustCreate(t.r1, TestWorld::Basic(t.s1, "A")).id;
  Advance(t, 1s);
  const std::string b = t.MustCreate(t.r1, TestWorld::Basic(t.s1, "B")).id;
  Advance(t, 1s);
  const std::string c = t.MustCreate(t.r1, TestWorld::Basic(t.s1, "C")).id;
  Advance(t, 10s);

  ConversationQuery q;
  q.created_since = t0 + 1s;  // exactly b's create time
  q.until = t0 + 2s;          // exactly c's create time
  EXPECT_EQ(List(t, t.r1, q), Ids{b});

  ConversationQuery since;
  since.created_since = t0 + 1s;
  EXPECT_EQ(List(t, t.r1, since), (Ids{b, c}));
  since.created_since = t0 + 1s + 1us;
  EXPECT_EQ(List(t, t.r1, since), Ids{c});

  ConversationQuery until;
  until.until = t0 + 2s;
  EXPECT_EQ(List(t, t.r1, until), (Ids{a, b}));
  until.until = t0 + 2s + 1us;
  EXPECT_EQ(List(t, t.r1, until), (Ids{a, b, c}));
}

TEST(ConversationQueryWindow, UpdatedSinceIsInclusiveOnLastUpdateBumpedByMessagesAndUpdates) {
  TestWorld t;
  const Time t0 = t.world.now();
  const std::string a = t.MustCreate(t.r1, TestWorld::Basic(t.s1, "A")).id;
  Advance(t, 1s);
  const std::string b = t.MustCreate(t.r1, TestWorld::Basic(t.s1, "B")).id;
  Advance(t, 1s);
  const std::string c = t.MustCreate(t.r1, TestWorld::Basic(t.s1, "C")).id;
  Advance(t, 8s);  // t0 + 10 s
  t.MustAdd(t.s1, a, "a message bumps lastUpdate");
  Advance(t, 10s);  // t0 + 20 s
  UpdateConversationRequest u;
  u.dsco_conversation_id = b;
  u.title = "B renamed";
  MustUpdate(t, t.r1, u);
  Advance(t, 10s);  // t0 + 30 s

  ConversationQuery q;
  q.updated_since = t0;
  EXPECT_EQ(List(t, t.r1, q), (Ids{a, b, c}));
  q.updated_since = t0 + 10s;  // exactly a's lastUpdate
  EXPECT_EQ(List(t, t.r1, q), (Ids{a, b}));
  q.updated_since = t0 + 10s + 1us;
  EXPECT_EQ(List(t, t.r1, q), Ids{b});
  q.updated_since = t0 + 20s;  // exactly b's lastUpdate
  EXPECT_EQ(List(t, t.r1, q), Ids{b});
  q.updated_since = t0 + 20s + 1us;
  EXPECT_EQ(List(t, t.s1, q), Ids{});
}

TEST(ConversationQueryWindow, WithUpdatedSinceTheLastUpdateMustBeBeforeUntil) {
  TestWorld t;
  const Time t0 = t.world.now();
  const std::string a = t.MustCreate(t.r1, TestWorld::Basic(t.s1, "A")).id;
  Advance(t, 1s);
  const std::string b = t.MustCreate(t.r1, TestWorld::Basic(t.s1, "B")).id;
  Advance(t, 1s);
  const std::string c = t.MustCreate(t.r1, TestWorld::Basic(t.s1, "C")).id;
  Advance(t, 8s);
  t.MustAdd(t.s1, a);  // a.lastUpdate = t0 + 10 s
  Advance(t, 10s);
  UpdateConversationRequest u;
  u.dsco_conversation_id = b;
  u.title = "B renamed";
  MustUpdate(t, t.r1, u);  // b.lastUpdate = t0 + 20 s
  Advance(t, 10s);

  ConversationQuery q;
  q.updated_since = t0;
  q.until = t0 + 10s;  // exactly a's lastUpdate: a is out
  EXPECT_EQ(List(t, t.r1, q), Ids{c});
  q.until = t0 + 10s + 1us;
  EXPECT_EQ(List(t, t.r1, q), (Ids{a, c}));

  // Without updatedSince, `until` only bounds the create date.
  ConversationQuery created_only;
  created_only.until = t0 + 10s;
  EXPECT_EQ(List(t, t.r1, created_only), (Ids{a, b, c}));
}

TEST(ConversationQueryWindow, MessageCreatedSinceIsInclusiveAndUntilExclusive) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  const Time t0 = t.world.now();
  const std::string m1 = t.MustAdd(t.r1, c.id, "one").id;
  Advance(t, 1s);
  const std::string m2 = t.MustAdd(t.s1, c.id, "two").id;
  Advance(t, 1s);
  const std::string m3 = t.MustAdd(t.r1, c.id, "three").id;
  Advance(t, 10s);

  MessageQuery q;
  q.created_since = t0 + 1s;
  q.until = t0 + 2s;
  EXPECT_EQ(Messages(t, t.r1, q), Ids{m2});

  MessageQuery since;
  since.created_since = t0 + 1s;
  EXPECT_EQ(Messages(t, t.s1, since), (Ids{m2, m3}));
  since.created_since = t0 + 1s + 1us;
  EXPECT_EQ(Messages(t, t.s1, since), Ids{m3});

  MessageQuery until;
  until.until = t0 + 2s;
  EXPECT_EQ(Messages(t, t.s1, until), (Ids{m1, m2}));
  until.until = t0 + 2s + 1us;
  EXPECT_EQ(Messages(t, t.s1, until), (Ids{m1, m2, m3}));
}

// ---------------------------------------------------------------------------------------
// Filters

TEST(ConversationQueryFilter, StatusesSelectsByStatus) {
  TestWorld t;
  const std::string fresh = t.MustCreate(t.r1, TestWorld::Basic(t.s1, "new")).id;
  const std::string talking = t.MustCreate(t.r1, TestWorld::Basic(t.s1, "talking")).id;
  t.MustAdd(t.s1, talking);
  const std::string done = t.MustCreate(t.r1, TestWorld::Basic(t.s1, "done")).id;
  MustClose(t, t.s1, done);
  Advance(t, 10s);

  ConversationQuery q;
  q.statuses = std::vector<ConversationStatus>{ConversationStatus::kNew};
  EXPECT_EQ(List(t, t.r1, q), Ids{fresh});
  q.statuses = std::vector<ConversationStatus>{ConversationStatus::kInProgress};
  EXPECT_EQ(List(t, t.r1, q), Ids{talking});
  q.statuses = std::vector<ConversationStatus>{ConversationStatus::kClosed};
  EXPECT_EQ(List(t, t.s1, q), Ids{done});
  q.statuses =
      std::vector<ConversationStatus>{ConversationStatus::kClosed, ConversationStatus::kNew};
  EXPECT_EQ(List(t, t.s1, q), (Ids{fresh, done}));
}

TEST(ConversationQueryFilter, InitiatedBySelectsWhoStartedIt) {
  TestWorld t;
  const std::string by_retailer = t.MustCreate(t.r1, TestWorld::Basic(t.s1, "R")).id;
  const std::string by_supplier = t.MustCreate(t.s1, TestWorld::Basic(t.r1, "S")).id;
  Advance(t, 10s);
  ConversationQuery q;
  q.initiated_by = Role::kRetailer;
  EXPECT_EQ(List(t, t.r1, q), Ids{by_retailer});
  EXPECT_EQ(List(t, t.s1, q), Ids{by_retailer});
  q.initiated_by = Role::kSupplier;
  EXPECT_EQ(List(t, t.r1, q), Ids{by_supplier});
  EXPECT_EQ(List(t, t.s1, q), Ids{by_supplier});
}

TEST(ConversationQueryFilter, TypeSelectsStandardOrCustomerCareAndConsumerId) {
  TestWorld t;
  const std::string standard = t.MustCreate(t.r1, TestWorld::Basic(t.s1)).id;
  const std::string care42 = t.MustCreate(t.r1, CustomerCare(t.s1, "C-42")).id;
  const std::string care7 = t.MustCreate(t.r1, CustomerCare(t.s1, "C-7")).id;
  Advance(t, 10s);

  ConversationQuery q;
  q.type = ConversationTypeFilter{ConversationKind::kStandard, std::nullopt};
  EXPECT_EQ(List(t, t.r1, q), Ids{standard});
  q.type = ConversationTypeFilter{ConversationKind::kCustomerCare, std::nullopt};
  EXPECT_EQ(List(t, t.r1, q), (Ids{care42, care7}));
  q.type = ConversationTypeFilter{ConversationKind::kCustomerCare, "C-42"};
  EXPECT_EQ(List(t, t.s1, q), Ids{care42});
  q.type = ConversationTypeFilter{ConversationKind::kCustomerCare, "C-nobody"};
  EXPECT_EQ(List(t, t.s1, q), Ids{});
}

TEST(ConversationQueryFilter, ContextTypesSelectsByContextKind) {
  TestWorld t;
  const std::string account = t.MustCreate(t.r1, TestWorld::Basic(t.s1, "Account")).id;
  CreateConversationRequest req = TestWorld::Basic(t.s1, "Order");
  ConversationContext order;
  order.kind = ContextKind::kOrder;
  order.po_number = "PO-1";
  req.context = order;
  const std::string about_order = t.MustCreate(t.r1, req).id;
  Advance(t, 10s);

  ConversationQuery q;
  q.context_types = std::vector<ContextKind>{ContextKind::kOrder};
  EXPECT_EQ(List(t, t.r1, q), Ids{about_order});
  EXPECT_EQ(List(t, t.s1, q), Ids{about_order});
  q.context_types = std::vector<ContextKind>{ContextKind::kAccount};
  EXPECT_EQ(List(t, t.r1, q), Ids{account});
  q.context_types = std::vector<ContextKind>{ContextKind::kAccount, ContextKind::kOrder};
  EXPECT_EQ(List(t, t.r1, q), (Ids{account, about_order}));
  q.context_types = std::vector<ContextKind>{ContextKind::kCatalog};
  EXPECT_EQ(List(t, t.r1, q), Ids{});
}

TEST(ConversationQueryFilter, PastDueSplitsOpenTasksByDueDateAndSkipsTheRest) {
  TestWorld t;
  const Time t0 = t.world.now();
  t.MustCreate(t.r1, TestWorld::Basic(t.s1, "no due date"));
  const std::string overdue = t.MustCreate(t.r1, WithDue(t.s1, t0 + 20s, "overdue")).id;
  const std::string upcoming = t.MustCreate(t.r1, WithDue(t.s1, t0 + 1h, "upcoming")).id;
  const std::string closed = t.MustCreate(t.r1, WithDue(t.s1, t0 + 20s, "closed")).id;
  MustClose(t, t.r1, closed);
  Advance(t, 1min);

  ConversationQuery q;
  q.past_due = true;
  EXPECT_EQ(List(t, t.r1, q), Ids{overdue});
  EXPECT_EQ(List(t, t.s1, q), Ids{overdue});
  q.past_due = false;
  EXPECT_EQ(List(t, t.r1, q), Ids{upcoming});
  EXPECT_EQ(List(t, t.s1, q), Ids{upcoming});
}

TEST(ConversationQueryFilter, PastDueBoundaryIsTheDueDateItself) {
  TestWorld t;
  const Time t0 = t.world.now();
  const std::string task = t.MustCreate(t.r1, WithDue(t.s1, t0 + 1min, "task")).id;
  ConversationQuery past;
  past.past_due = true;
  ConversationQuery not_past;
  not_past.past_due = false;

  Advance(t, 1min);  // now == dueDate: not yet past due
  EXPECT_EQ(List(t, t.r1, past), Ids{});
  EXPECT_EQ(List(t, t.r1, not_past), Ids{task});
  Advance(t, 1us);
  EXPECT_EQ(List(t, t.r1, past), Ids{task});
  EXPECT_EQ(List(t, t.r1, not_past), Ids{});
}

TEST(ConversationQueryFilter, TestFilterDefaultsToLegit) {
  TestWorld t;
  const std::string legit = t.MustCreate(t.r1, TestWorld::Basic(t.s1, "legit")).id;
  CreateConversationRequest req = TestWorld::Basic(t.s1, "test");
  req.is_test = true;
  const std::string test = t.MustCreate(t.r1, req).id;
  Advance(t, 10s);

  ConversationQuery q = AnyStatus();  // test unset: legit only
  EXPECT_EQ(List(t, t.r1, q), Ids{legit});
  q.test = TestFilter::kLegit;
  EXPECT_EQ(List(t, t.r1, q), Ids{legit});
  q.test = TestFilter::kTest;
  EXPECT_EQ(List(t, t.r1, q), Ids{test});
  EXPECT_EQ(List(t, t.s1, q), Ids{test});
  q.test = TestFilter::kAll;
  EXPECT_EQ(List(t, t.r1, q), (Ids{legit, test}));
}

TEST(ConversationQueryFilter, SortDescendingReversesCreationOrder) {
  TestWorld t;
  const Ids created = CreateMany(t, 4);
  Advance(t, 10s);
  ConversationQuery q = AnyStatus();
  EXPECT_EQ(List(t, t.r1, q), created);
  q.sort = SortDirection::kAscending;
  EXPECT_EQ(List(t, t.r1, q), created);
  q.sort = SortDirection::kDescending;
  EXPECT_EQ(List(t, t.r1, q), (Ids{created[3], created[2], created[1], created[0]}));
}

TEST(ConversationQueryFilter, MessageSortDescendingReversesCreationOrder) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  const Ids added = AddMany(t, c.id, 3);
  Advance(t, 10s);
  MessageQuery q = InConversation(c.id);
  EXPECT_EQ(Messages(t, t.r1, q), added);
  q.sort = SortDirection::kDescending;
  EXPECT_EQ(Messages(t, t.r1, q), (Ids{added[2], added[1], added[0]}));
}

// ---------------------------------------------------------------------------------------
// Party filters
//
// Conversations: R1-S1 ("r1s1"), R1-S2 ("r1s2"), R2-S1 ("r2s1").

struct ThreePairs {
  std::string r1s1, r1s2, r2s1;
};

ThreePairs CreateThreePairs(TestWorld& t) {
  ThreePairs p;
  p.r1s1 = t.MustCreate(t.r1, TestWorld::Basic(t.s1, "R1-S1")).id;
  p.r1s2 = t.MustCreate(t.r1, TestWorld::Basic(t.s2, "R1-S2")).id;
  p.r2s1 = t.MustCreate(t.s1, TestWorld::Basic(t.r2, "R2-S1")).id;
  EXPECT_TRUE(t.world.AdvanceBy(10s).ok());
  return p;
}

TEST(ConversationQueryParty, RetailerFiltersByPartnerSupplierId) {
  TestWorld t;
  const ThreePairs p = CreateThreePairs(t);
  ConversationQuery q;
  q.dsco_supplier_id = t.s2.dsco_account_id;
  EXPECT_EQ(List(t, t.r1, q), Ids{p.r1s2});
  q.dsco_supplier_id = t.s1.dsco_account_id;
  EXPECT_EQ(List(t, t.r1, q), Ids{p.r1s1});
}

TEST(ConversationQueryParty, SupplierIdOfANonPartnerIsRefused) {
  TestWorld t;
  CreateThreePairs(t);
  ConversationQuery q;
  q.dsco_supplier_id = t.s2.dsco_account_id;  // R2 and S2 are strangers
  EXPECT_REFUSED(t.world, t.store().List(t.r2.dsco_account_id, q),
                 StatusCode::kInvalidArgument, "dscoSupplierId");
  q.dsco_supplier_id = t.s1.dsco_account_id;  // another supplier is not "you"
  EXPECT_REFUSED(t.world, t.store().List(t.s2.dsco_account_id, q),
                 StatusCode::kInvalidArgument, "dscoSupplierId");
}

TEST(ConversationQueryParty, RetailerOwnIdIsNotASupplierId) {
  TestWorld t;
  CreateThreePairs(t);
  ConversationQuery q;
  q.dsco_supplier_id = t.r1.dsco_account_id;
  EXPECT_REFUSED(t.world, t.store().List(t.r1.dsco_account_id, q),
                 StatusCode::kInvalidArgument, "dscoSupplierId");
  ConversationQuery as_retailer;
  as_retailer.dsco_retailer_id = t.s1.dsco_account_id;
  EXPECT_REFUSED(t.world, t.store().List(t.s1.dsco_account_id, as_retailer),
                 StatusCode::kInvalidArgument, "dscoRetailerId");
}

TEST(ConversationQueryParty, SupplierMayFilterByItselfAsSupplier) {
  TestWorld t;
  const ThreePairs p = CreateThreePairs(t);
  ConversationQuery q;
  q.dsco_supplier_id = t.s1.dsco_account_id;
  EXPECT_EQ(List(t, t.s1, q), (Ids{p.r1s1, p.r2s1}));
}

TEST(ConversationQueryParty, RetailerIdMustBeTheCallerOrAPartner) {
  TestWorld t;
  const ThreePairs p = CreateThreePairs(t);
  ConversationQuery q;
  q.dsco_retailer_id = t.r1.dsco_account_id;
  EXPECT_EQ(List(t, t.r1, q), (Ids{p.r1s1, p.r1s2}));  // the caller itself
  EXPECT_EQ(List(t, t.s1, q), Ids{p.r1s1});            // a partner
  q.dsco_retailer_id = t.r2.dsco_account_id;
  EXPECT_EQ(List(t, t.s1, q), Ids{p.r2s1});
  EXPECT_REFUSED(t.world, t.store().List(t.r1.dsco_account_id, q),
                 StatusCode::kInvalidArgument, "dscoRetailerId");  // another retailer
  EXPECT_REFUSED(t.world, t.store().List(t.s2.dsco_account_id, q),
                 StatusCode::kInvalidArgument, "dscoRetailerId");  // a stranger
}

TEST(ConversationQueryParty, RetailerIdAndRetailerTradingPartnerIdTogetherAreRefused) {
  TestWorld t;
  CreateThreePairs(t);
  ConversationQuery q;
  q.dsco_retailer_id = t.r1.dsco_account_id;
  q.dsco_retailer_trading_partner_id = "R1@S1";
  EXPECT_REFUSED(t.world, t.store().List(t.s1.dsco_account_id, q),
                 StatusCode::kInvalidArgument, "dscoRetailerTradingPartnerId");
  MessageQuery mq;
  mq.dsco_retailer_id = t.r1.dsco_account_id;
  mq.dsco_retailer_trading_partner_id = "R1@S1";
  EXPECT_REFUSED(t.world, t.store().ListMessages(t.s1.dsco_account_id, mq),
                 StatusCode::kInvalidArgument, "dscoRetailerTradingPartnerId");
}

TEST(ConversationQueryParty, SupplierIdAndSupplierTradingPartnerIdTogetherAreRefused) {
  TestWorld t;
  CreateThreePairs(t);
  ConversationQuery q;
  q.dsco_supplier_id = t.s1.dsco_account_id;
  q.dsco_supplier_trading_partner_id = "S1@R1";
  EXPECT_REFUSED(t.world, t.store().List(t.r1.dsco_account_id, q),
                 StatusCode::kInvalidArgument, "dscoSupplierTradingPartnerId");
}

TEST(ConversationQueryParty, RetailerMayNotUseRetailerTradingPartnerId) {
  TestWorld t;
  CreateThreePairs(t);
  ConversationQuery q;
  q.dsco_retailer_trading_partner_id = "R1@S1";
  EXPECT_REFUSED(t.world, t.store().List(t.r1.dsco_account_id, q),
                 StatusCode::kInvalidArgument, "dscoRetailerTradingPartnerId");
  // Not even with one of its own trading-partner ids.
  q.dsco_retailer_trading_partner_id = "S1@R1";
  EXPECT_REFUSED(t.world, t.store().List(t.r1.dsco_account_id, q),
                 StatusCode::kInvalidArgument, "dscoRetailerTradingPartnerId");
}

TEST(ConversationQueryParty, SupplierMayNotUseSupplierTradingPartnerId) {
  TestWorld t;
  CreateThreePairs(t);
  ConversationQuery q;
  q.dsco_supplier_trading_partner_id = "S1@R1";
  EXPECT_REFUSED(t.world, t.store().List(t.s1.dsco_account_id, q),
                 StatusCode::kInvalidArgument, "dscoSupplierTradingPartnerId");
  q.dsco_supplier_trading_partner_id = "R1@S1";  // S1's own id for R1
  EXPECT_REFUSED(t.world, t.store().List(t.s1.dsco_account_id, q),
                 StatusCode::kInvalidArgument, "dscoSupplierTradingPartnerId");
}

TEST(ConversationQueryParty, SupplierFiltersByItsOwnTradingPartnerIdForTheRetailer) {
  TestWorld t;
  const ThreePairs p = CreateThreePairs(t);
  ConversationQuery q;
  q.dsco_retailer_trading_partner_id = "R1@S1";
  EXPECT_EQ(List(t, t.s1, q), Ids{p.r1s1});
  q.dsco_retailer_trading_partner_id = "R2@S1";
  EXPECT_EQ(List(t, t.s1, q), Ids{p.r2s1});
}

TEST(ConversationQueryParty, RetailerFiltersByItsOwnTradingPartnerIdForTheSupplier) {
  TestWorld t;
  const ThreePairs p = CreateThreePairs(t);
  ConversationQuery q;
  q.dsco_supplier_trading_partner_id = "S2@R1";
  EXPECT_EQ(List(t, t.r1, q), Ids{p.r1s2});
}

TEST(ConversationQueryParty, UnknownTradingPartnerIdIsRefused) {
  TestWorld t;
  CreateThreePairs(t);
  ConversationQuery q;
  q.dsco_retailer_trading_partner_id = "R9@S1";
  EXPECT_REFUSED(t.world, t.store().List(t.s1.dsco_account_id, q),
                 StatusCode::kInvalidArgument, "dscoRetailerTradingPartnerId");
  // R1's name for S1 is not one of S1's trading-partner ids.
  q.dsco_retailer_trading_partner_id = "S1@R1";
  EXPECT_REFUSED(t.world, t.store().List(t.s1.dsco_account_id, q),
                 StatusCode::kInvalidArgument, "dscoRetailerTradingPartnerId");
  ConversationQuery by_supplier;
  by_supplier.dsco_supplier_trading_partner_id = "S9@R1";
  EXPECT_REFUSED(t.world, t.store().List(t.r1.dsco_account_id, by_supplier),
                 StatusCode::kInvalidArgument, "dscoSupplierTradingPartnerId");
}

TEST(ConversationQueryParty, TradingPartnerIdsNameTheFirstUnknownEntry) {
  TestWorld t;
  CreateThreePairs(t);
  ConversationQuery q;
  q.dsco_trading_partner_ids = std::vector<std::string>{"S1@R1", "nope"};
  EXPECT_REFUSED(t.world, t.store().List(t.r1.dsco_account_id, q),
                 StatusCode::kInvalidArgument, "dscoTradingPartnerIds[1]");
  q.dsco_trading_partner_ids = std::vector<std::string>{"nope", "S1@R1"};
  EXPECT_REFUSED(t.world, t.store().List(t.r1.dsco_account_id, q),
                 StatusCode::kInvalidArgument, "dscoTradingPartnerIds[0]");
  MessageQuery mq;
  mq.dsco_trading_partner_ids = std::vector<std::string>{"S1@R1", "nope"};
  EXPECT_REFUSED(t.world, t.store().ListMessages(t.r1.dsco_account_id, mq),
                 StatusCode::kInvalidArgument, "dscoTradingPartnerIds[1]");
}

TEST(ConversationQueryParty, TradingPartnerIdsFilterToThosePartners) {
  TestWorld t;
  const ThreePairs p = CreateThreePairs(t);
  ConversationQuery q;
  q.dsco_trading_partner_ids = std::vector<std::string>{"S2@R1"};
  EXPECT_EQ(List(t, t.r1, q), Ids{p.r1s2});
  q.dsco_trading_partner_ids = std::vector<std::string>{"S1@R1", "S2@R1"};
  EXPECT_EQ(List(t, t.r1, q), (Ids{p.r1s1, p.r1s2}));
  q.dsco_trading_partner_ids = std::vector<std::string>{"R2@S1"};
  EXPECT_EQ(List(t, t.s1, q), Ids{p.r2s1});
}

TEST(ConversationQueryParty, AccountIdsFilterToConversationsInvolvingAnyOfThem) {
  TestWorld t;
  const ThreePairs p = CreateThreePairs(t);
  ConversationQuery q;
  q.dsco_account_ids = std::vector<std::string>{t.s2.dsco_account_id};
  EXPECT_EQ(List(t, t.r1, q), Ids{p.r1s2});
  q.dsco_account_ids = std::vector<std::string>{t.s1.dsco_account_id, t.s2.dsco_account_id};
  EXPECT_EQ(List(t, t.r1, q), (Ids{p.r1s1, p.r1s2}));
  q.dsco_account_ids = std::vector<std::string>{t.r2.dsco_account_id};
  EXPECT_EQ(List(t, t.s1, q), Ids{p.r2s1});
  q.dsco_account_ids = std::vector<std::string>{t.s1.dsco_account_id};
  EXPECT_EQ(List(t, t.s1, q), (Ids{p.r1s1, p.r2s1}));  // the caller itself: all of its own
}

TEST(ConversationQueryParty, MessagePartyFiltersSelectTheConversationsParties) {
  TestWorld t;
  const ThreePairs p = CreateThreePairs(t);
  const std::string m11 = t.MustAdd(t.r1, p.r1s1).id;
  const std::string m12 = t.MustAdd(t.s2, p.r1s2).id;
  const std::string m21 = t.MustAdd(t.r2, p.r2s1).id;
  Advance(t, 10s);

  MessageQuery q;
  q.dsco_supplier_id = t.s2.dsco_account_id;
  EXPECT_EQ(Messages(t, t.r1, q), Ids{m12});
  MessageQuery by_tp;
  by_tp.dsco_retailer_trading_partner_id = "R2@S1";
  EXPECT_EQ(Messages(t, t.s1, by_tp), Ids{m21});
  MessageQuery by_account;
  by_account.dsco_account_ids = std::vector<std::string>{t.s1.dsco_account_id};
  EXPECT_EQ(Messages(t, t.r1, by_account), Ids{m11});
  MessageQuery refused;
  refused.dsco_supplier_id = t.s2.dsco_account_id;
  EXPECT_REFUSED(t.world, t.store().ListMessages(t.r2.dsco_account_id, refused),
                 StatusCode::kInvalidArgument, "dscoSupplierId");
}

// ---------------------------------------------------------------------------------------
// Isolation: a conversation exists only for its two participants.

struct Private {
  Conversation conversation;
  ConversationMessage message;
};

// An R1-S1 conversation with both reference ids and one message, all visible.
Private CreatePrivate(TestWorld& t) {
  CreateConversationRequest req = TestWorld::Basic(t.s1, "Private");
  req.reference_id = "R-REF";
  req.initial_message = "between us";
  Private p;
  p.conversation = t.MustCreate(t.r1, req);
  UpdateConversationRequest u;
  u.dsco_conversation_id = p.conversation.id;
  u.supplier_reference_id = "S-REF";
  EXPECT_TRUE(t.store().Update(t.s1.dsco_account_id, u).ok());
  p.message = t.MustAdd(t.s1, p.conversation.id, "reply");
  EXPECT_TRUE(t.world.AdvanceBy(10s).ok());
  return p;
}

TEST(ConversationQueryIsolation, ParticipantsFindThePrivateConversation) {
  TestWorld t;
  const Private p = CreatePrivate(t);
  const std::string id = p.conversation.id;
  for (const Account* who : {&t.r1, &t.s1}) {
    ConversationQuery by_ref;
    by_ref.retailer_reference_id = "R-REF";
    EXPECT_EQ(List(t, *who, by_ref), Ids{id});
    ConversationQuery by_sref;
    by_sref.supplier_reference_id = "S-REF";
    EXPECT_EQ(List(t, *who, by_sref), Ids{id});
    MessageQuery by_message;
    by_message.dsco_message_id = p.message.id;
    EXPECT_EQ(Messages(t, *who, by_message), Ids{p.message.id});
  }
}

TEST(ConversationQueryIsolation, StrangersSeeNothingInAnyList) {
  TestWorld t;
  const Private p = CreatePrivate(t);
  for (const Account* who : {&t.r2, &t.s2}) {
    SCOPED_TRACE(who->name);
    EXPECT_EQ(List(t, *who, AnyStatus()), Ids{});
    EXPECT_EQ(List(t, *who, AllTests()), Ids{});
    ConversationQuery by_account;
    by_account.dsco_account_ids =
        std::vector<std::string>{t.r1.dsco_account_id, t.s1.dsco_account_id};
    EXPECT_EQ(List(t, *who, by_account), Ids{});
    ConversationQuery since;
    since.created_since = kDefaultWorldStart;
    EXPECT_EQ(List(t, *who, since), Ids{});

    EXPECT_EQ(Messages(t, *who, AllMessages()), Ids{});
    MessageQuery messages_by_account;
    messages_by_account.dsco_account_ids =
        std::vector<std::string>{t.r1.dsco_account_id, t.s1.dsco_account_id};
    EXPECT_EQ(Messages(t, *who, messages_by_account), Ids{});
  }
  // Each stranger's own partner of the pair, named explicitly: still nothing.
  ConversationQuery r2_by_s1;
  r2_by_s1.dsco_supplier_id = t.s1.dsco_account_id;
  EXPECT_EQ(List(t, t.r2, r2_by_s1), Ids{});
  ConversationQuery s2_by_r1;
  s2_by_r1.dsco_retailer_id = t.r1.dsco_account_id;
  EXPECT_EQ(List(t, t.s2, s2_by_r1), Ids{});
  MessageQuery s2_messages_by_r1;
  s2_messages_by_r1.dsco_retailer_id = t.r1.dsco_account_id;
  EXPECT_EQ(Messages(t, t.s2, s2_messages_by_r1), Ids{});
}

// `real` and `made_up` are the same query naming the private object or a made-up one.
template <typename Query, typename Call>
void ExpectSameNotFound(TestWorld& t, Call call, const Query& real, const Query& made_up,
                        const std::string& field) {
  for (const Account* who : {&t.r2, &t.s2}) {
    SCOPED_TRACE(who->name + " / " + field);
    EXPECT_REFUSED(t.world, call(who->dsco_account_id, real), StatusCode::kNotFound, field);
    EXPECT_REFUSED(t.world, call(who->dsco_account_id, made_up), StatusCode::kNotFound, field);
    const Status a = call(who->dsco_account_id, real).status();
    const Status b = call(who->dsco_account_id, made_up).status();
    EXPECT_EQ(a.code(), b.code());
    EXPECT_EQ(a.field(), b.field());
  }
}

TEST(ConversationQueryIsolation, StrangerListLookupsAreNotFoundLikeMadeUpIds) {
  TestWorld t;
  const Private p = CreatePrivate(t);
  const auto list = [&](const std::string& caller, const ConversationQuery& q) {
    return t.store().List(caller, q);
  };
  ConversationQuery real;
  ConversationQuery fake;
  real.dsco_conversation_id = p.conversation.id;
  fake.dsco_conversation_id = "999999999999";
  ExpectSameNotFound(t, list, real, fake, "dscoConversationId");

  real = fake = ConversationQuery{};
  real.retailer_reference_id = "R-REF";
  fake.retailer_reference_id = "NO-SUCH-REF";
  ExpectSameNotFound(t, list, real, fake, "retailerReferenceId");

  real = fake = ConversationQuery{};
  real.supplier_reference_id = "S-REF";
  fake.supplier_reference_id = "NO-SUCH-REF";
  ExpectSameNotFound(t, list, real, fake, "supplierReferenceId");
}

TEST(ConversationQueryIsolation, StrangerMessageLookupsAreNotFoundLikeMadeUpIds) {
  TestWorld t;
  const Private p = CreatePrivate(t);
  const auto list = [&](const std::string& caller, const MessageQuery& q) {
    return t.store().ListMessages(caller, q);
  };
  MessageQuery real;
  MessageQuery fake;
  real.dsco_conversation_id = p.conversation.id;
  fake.dsco_conversation_id = "999999999999";
  ExpectSameNotFound(t, list, real, fake, "dscoConversationId");

  real = fake = MessageQuery{};
  real.retailer_reference_id = "R-REF";
  fake.retailer_reference_id = "NO-SUCH-REF";
  ExpectSameNotFound(t, list, real, fake, "retailerReferenceId");

  real = fake = MessageQuery{};
  real.supplier_reference_id = "S-REF";
  fake.supplier_reference_id = "NO-SUCH-REF";
  ExpectSameNotFound(t, list, real, fake, "supplierReferenceId");

  real = fake = MessageQuery{};
  real.dsco_message_id = p.message.id;
  fake.dsco_message_id = "999999999999";
  ExpectSameNotFound(t, list, real, fake, "dscoMessageId");
}

TEST(ConversationQueryIsolation, PartnerOfOneSideStillCannotLookUpTheOthersConversation) {
  // S1 is R2's partner and R1 is S2's, but neither takes part in an R1-S2 / R2-S1 pair.
  TestWorld t;
  const ThreePairs p = CreateThreePairs(t);
  ConversationQuery q;
  q.dsco_conversation_id = p.r1s2;
  EXPECT_REFUSED(t.world, t.store().List(t.s1.dsco_account_id, q), StatusCode::kNotFound,
                 "dscoConversationId");
  q.dsco_conversation_id = p.r2s1;
  EXPECT_REFUSED(t.world, t.store().List(t.r1.dsco_account_id, q), StatusCode::kNotFound,
                 "dscoConversationId");
}

// ---------------------------------------------------------------------------------------
// Paging with scrollId (page size 3)

ConversationQuery Scroll(const std::optional<std::string>& scroll_id) {
  ConversationQuery q;
  q.scroll_id = scroll_id;
  return q;
}

MessageQuery MessageScroll(const std::optional<std::string>& scroll_id) {
  MessageQuery q;
  q.scroll_id = scroll_id;
  return q;
}

TEST(ConversationQueryPaging, SevenResultsComeAsThreeThreeOneThenAnEmptyPage) {
  TestWorld t(PageSize(3));
  const Ids created = CreateMany(t, 7);
  Advance(t, 10s);

  auto first = t.store().List(t.r1.dsco_account_id, AnyStatus());
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(IdsOf(*first), (Ids{created[0], created[1], created[2]}));
  ASSERT_TRUE(first->scroll_id.has_value());
  const std::string scroll = *first->scroll_id;
  EXPECT_FALSE(scroll.empty());

  auto second = t.store().List(t.r1.dsco_account_id, Scroll(scroll));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(IdsOf(*second), (Ids{created[3], created[4], created[5]}));
  EXPECT_EQ(second->scroll_id, scroll);

  auto third = t.store().List(t.r1.dsco_account_id, Scroll(scroll));
  ASSERT_TRUE(third.ok()) << third.status();
  EXPECT_EQ(IdsOf(*third), Ids{created[6]});
  EXPECT_EQ(third->scroll_id, scroll);

  auto last = t.store().List(t.r1.dsco_account_id, Scroll(scroll));
  ASSERT_TRUE(last.ok()) << last.status();
  EXPECT_EQ(IdsOf(*last), Ids{});
  EXPECT_EQ(last->scroll_id, std::nullopt);
}

TEST(ConversationQueryPaging, WithScrollIdEveryOtherCriterionIsIgnored) {
  TestWorld t(PageSize(3));
  const Ids created = CreateMany(t, 7);
  Advance(t, 10s);
  auto first = t.store().List(t.r1.dsco_account_id, AnyStatus());
  ASSERT_TRUE(first.ok() && first->scroll_id) << first.status();

  ConversationQuery q = Scroll(first->scroll_id);
  q.until = t.world.now();  // would be refused on its own
  q.statuses = std::vector<ConversationStatus>{ConversationStatus::kClosed};
  q.dsco_conversation_id = "999999999999";
  q.dsco_trading_partner_ids = std::vector<std::string>{"nope"};
  q.sort = SortDirection::kDescending;
  EXPECT_EQ(List(t, t.r1, q), (Ids{created[3], created[4], created[5]}));
}

TEST(ConversationQueryPaging, ScrollUnusedForTheTimeToLiveIsGone) {
  TestWorld t(PageSize(3));
  CreateMany(t, 7);
  Advance(t, 10s);
  auto first = t.store().List(t.r1.dsco_account_id, AnyStatus());
  ASSERT_TRUE(first.ok() && first->scroll_id) << first.status();
  Advance(t, 5min);
  EXPECT_REFUSED(t.world, t.store().List(t.r1.dsco_account_id, Scroll(first->scroll_id)),
                 StatusCode::kNotFound, "scrollId");
}

TEST(ConversationQueryPaging, ScrollStillWorksOneMicrosecondBeforeItExpires) {
  TestWorld t(PageSize(3));
  const Ids created = CreateMany(t, 7);
  Advance(t, 10s);
  auto first = t.store().List(t.r1.dsco_account_id, AnyStatus());
  ASSERT_TRUE(first.ok() && first->scroll_id) << first.status();
  Advance(t, 5min - 1us);
  EXPECT_EQ(List(t, t.r1, Scroll(first->scroll_id)),
            (Ids{created[3], created[4], created[5]}));
  // Each use restarts the time-to-live.
  Advance(t, 5min - 1us);
  EXPECT_EQ(List(t, t.r1, Scroll(first->scroll_id)), Ids{created[6]});
  Advance(t, 5min);
  EXPECT_REFUSED(t.world, t.store().List(t.r1.dsco_account_id, Scroll(first->scroll_id)),
                 StatusCode::kNotFound, "scrollId");
}

TEST(ConversationQueryPaging, AnotherAccountsUseOfTheScrollIdIsNotFound) {
  TestWorld t(PageSize(3));
  const Ids created = CreateMany(t, 7);
  Advance(t, 10s);
  auto first = t.store().List(t.r1.dsco_account_id, AnyStatus());
  ASSERT_TRUE(first.ok() && first->scroll_id) << first.status();
  // S1 takes part in every one of these conversations, yet the scroll is R1's.
  for (const Account* who : {&t.s1, &t.r2, &t.s2}) {
    EXPECT_REFUSED(t.world, t.store().List(who->dsco_account_id, Scroll(first->scroll_id)),
                   StatusCode::kNotFound, "scrollId");
  }
  // The owner's scroll is untouched by those attempts.
  EXPECT_EQ(List(t, t.r1, Scroll(first->scroll_id)),
            (Ids{created[3], created[4], created[5]}));
}

TEST(ConversationQueryPaging, MadeUpScrollIdIsNotFound) {
  TestWorld t(PageSize(3));
  CreateMany(t, 7);
  Advance(t, 10s);
  EXPECT_REFUSED(t.world, t.store().List(t.r1.dsco_account_id, Scroll("not-a-scroll")),
                 StatusCode::kNotFound, "scrollId");
}

TEST(ConversationQueryPaging, ExactlyOnePageOfResultsHasNoScrollId) {
  TestWorld t(PageSize(3));
  const Ids created = CreateMany(t, 3);
  Advance(t, 10s);
  auto r = t.store().List(t.r1.dsco_account_id, AnyStatus());
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(IdsOf(*r), created);
  EXPECT_EQ(r->scroll_id, std::nullopt);
}

// The same operations on two worlds that differ only in page size.
void PopulateForPaging(TestWorld& t) {
  const Time t0 = t.world.now();
  for (int i = 0; i < 8; ++i) {
    const Account& other = i % 3 == 0 ? t.s2 : t.s1;
    CreateConversationRequest req = TestWorld::Basic(other, "P" + std::to_string(i));
    if (i % 4 == 1) req.due_date = t0 + 1h;
    const std::string id = t.MustCreate(t.r1, req).id;
    t.MustAdd(t.r1, id, "hello " + std::to_string(i));
    if (i % 2 == 0) t.MustAdd(other, id, "answer " + std::to_string(i));
    EXPECT_TRUE(t.world.AdvanceBy(1s).ok());
  }
  EXPECT_TRUE(t.world.AdvanceBy(10s).ok());
}

TEST(ConversationQueryPaging, PagedAndUnpagedResultsAreTheSameIdsInTheSameOrder) {
  TestWorld paged(PageSize(3));
  TestWorld whole(PageSize(1000));
  PopulateForPaging(paged);
  PopulateForPaging(whole);

  std::vector<ConversationQuery> queries;
  queries.push_back(AnyStatus());
  ConversationQuery desc = AnyStatus();
  desc.sort = SortDirection::kDescending;
  queries.push_back(desc);
  ConversationQuery s1_only;
  s1_only.dsco_supplier_id = paged.s1.dsco_account_id;
  queries.push_back(s1_only);

  for (const ConversationQuery& q : queries) {
    auto once = whole.store().List(whole.r1.dsco_account_id, q);
    ASSERT_TRUE(once.ok()) << once.status();
    EXPECT_EQ(once->scroll_id, std::nullopt);
    const Ids expected = IdsOf(*once);
    EXPECT_GT(expected.size(), 3u);
    EXPECT_EQ(AllPages(paged, paged.r1, q), expected);
  }
  // Both worlds made the same ids, so the comparison above is of like with like.
  EXPECT_EQ(AllPages(paged, paged.r1, AnyStatus()).size(), 8u);
}

TEST(ConversationQueryPaging, MessagesSevenResultsComeAsThreeThreeOneThenAnEmptyPage) {
  TestWorld t(PageSize(3));
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  const Ids added = AddMany(t, c.id, 7);
  Advance(t, 10s);

  auto first = t.store().ListMessages(t.s1.dsco_account_id, InConversation(c.id));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(IdsOf(*first), (Ids{added[0], added[1], added[2]}));
  ASSERT_TRUE(first->scroll_id.has_value());
  const std::string scroll = *first->scroll_id;

  auto second = t.store().ListMessages(t.s1.dsco_account_id, MessageScroll(scroll));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(IdsOf(*second), (Ids{added[3], added[4], added[5]}));
  EXPECT_EQ(second->scroll_id, scroll);

  auto third = t.store().ListMessages(t.s1.dsco_account_id, MessageScroll(scroll));
  ASSERT_TRUE(third.ok()) << third.status();
  EXPECT_EQ(IdsOf(*third), Ids{added[6]});
  EXPECT_EQ(third->scroll_id, scroll);

  auto last = t.store().ListMessages(t.s1.dsco_account_id, MessageScroll(scroll));
  ASSERT_TRUE(last.ok()) << last.status();
  EXPECT_EQ(IdsOf(*last), Ids{});
  EXPECT_EQ(last->scroll_id, std::nullopt);
}

TEST(ConversationQueryPaging, MessagesWithScrollIdEveryOtherCriterionIsIgnored) {
  TestWorld t(PageSize(3));
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  const Ids added = AddMany(t, c.id, 7);
  Advance(t, 10s);
  auto first = t.store().ListMessages(t.r1.dsco_account_id, InConversation(c.id));
  ASSERT_TRUE(first.ok() && first->scroll_id) << first.status();
  MessageQuery q = MessageScroll(first->scroll_id);
  q.until = t.world.now();
  q.dsco_message_id = "999999999999";
  q.type = MessageTypeFilter{CustomerCareType::kResponseToConsumer, std::nullopt};
  EXPECT_EQ(Messages(t, t.r1, q), (Ids{added[3], added[4], added[5]}));
}

TEST(ConversationQueryPaging, MessageScrollExpiresAfterTheTimeToLiveAndNotBefore) {
  TestWorld t(PageSize(3));
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  const Ids added = AddMany(t, c.id, 7);
  Advance(t, 10s);
  auto first = t.store().ListMessages(t.r1.dsco_account_id, InConversation(c.id));
  ASSERT_TRUE(first.ok() && first->scroll_id) << first.status();
  Advance(t, 5min - 1us);
  EXPECT_EQ(Messages(t, t.r1, MessageScroll(first->scroll_id)),
            (Ids{added[3], added[4], added[5]}));
  Advance(t, 5min);
  EXPECT_REFUSED(t.world,
                 t.store().ListMessages(t.r1.dsco_account_id, MessageScroll(first->scroll_id)),
                 StatusCode::kNotFound, "scrollId");
}

TEST(ConversationQueryPaging, MessagesAnotherAccountsUseOfTheScrollIdIsNotFound) {
  TestWorld t(PageSize(3));
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  AddMany(t, c.id, 7);
  Advance(t, 10s);
  auto first = t.store().ListMessages(t.r1.dsco_account_id, InConversation(c.id));
  ASSERT_TRUE(first.ok() && first->scroll_id) << first.status();
  EXPECT_REFUSED(t.world,
                 t.store().ListMessages(t.s1.dsco_account_id, MessageScroll(first->scroll_id)),
                 StatusCode::kNotFound, "scrollId");
  // A message scroll is not a conversation scroll, even for its owner.
  EXPECT_REFUSED(t.world,
                 t.store().List(t.r1.dsco_account_id, Scroll(first->scroll_id)),
                 StatusCode::kNotFound, "scrollId");
}

TEST(ConversationQueryPaging, MessagesExactlyOnePageHasNoScrollId) {
  TestWorld t(PageSize(3));
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  const Ids added = AddMany(t, c.id, 3);
  Advance(t, 10s);
  auto r = t.store().ListMessages(t.r1.dsco_account_id, InConversation(c.id));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(IdsOf(*r), added);
  EXPECT_EQ(r->scroll_id, std::nullopt);
}

TEST(ConversationQueryPaging, MessagesPagedAndUnpagedResultsAreTheSameIdsInTheSameOrder) {
  TestWorld paged(PageSize(3));
  TestWorld whole(PageSize(1000));
  PopulateForPaging(paged);
  PopulateForPaging(whole);

  std::vector<MessageQuery> queries;
  queries.push_back(AllMessages());
  MessageQuery desc = AllMessages();
  desc.sort = SortDirection::kDescending;
  queries.push_back(desc);
  MessageQuery s1_only;
  s1_only.dsco_supplier_id = paged.s1.dsco_account_id;
  queries.push_back(s1_only);

  for (const MessageQuery& q : queries) {
    auto once = whole.store().ListMessages(whole.r1.dsco_account_id, q);
    ASSERT_TRUE(once.ok()) << once.status();
    EXPECT_EQ(once->scroll_id, std::nullopt);
    const Ids expected = IdsOf(*once);
    EXPECT_GT(expected.size(), 3u);
    EXPECT_EQ(AllMessagePages(paged, paged.r1, q), expected);
  }
  EXPECT_EQ(AllMessagePages(paged, paged.r1, AllMessages()).size(), 12u);
}

// ---------------------------------------------------------------------------------------
// Get Conversation Messages

TEST(ConversationQueryMessages, ByConversationIdGivesThatConversationsMessagesInOrder) {
  TestWorld t;
  const Conversation a = t.MustCreate(t.r1, TestWorld::Basic(t.s1, "A"));
  const Conversation b = t.MustCreate(t.r1, TestWorld::Basic(t.s1, "B"));
  const std::string a1 = t.MustAdd(t.r1, a.id, "a1").id;
  t.MustAdd(t.r1, b.id, "b1");
  Advance(t, 1s);
  const std::string a2 = t.MustAdd(t.s1, a.id, "a2").id;
  Advance(t, 10s);
  EXPECT_EQ(Messages(t, t.r1, InConversation(a.id)), (Ids{a1, a2}));
  EXPECT_EQ(Messages(t, t.s1, InConversation(a.id)), (Ids{a1, a2}));
}

TEST(ConversationQueryMessages, ByRetailerOrSupplierReferenceId) {
  TestWorld t;
  CreateConversationRequest req = TestWorld::Basic(t.s1, "Referenced");
  req.reference_id = "R-REF";
  const Conversation c = t.MustCreate(t.r1, req);
  UpdateConversationRequest u;
  u.dsco_conversation_id = c.id;
  u.supplier_reference_id = "S-REF";
  MustUpdate(t, t.s1, u);
  const Conversation other = t.MustCreate(t.r1, TestWorld::Basic(t.s1, "Other"));
  const std::string m = t.MustAdd(t.s1, c.id).id;
  t.MustAdd(t.s1, other.id);
  Advance(t, 10s);

  MessageQuery by_retailer_ref;
  by_retailer_ref.retailer_reference_id = "R-REF";
  EXPECT_EQ(Messages(t, t.r1, by_retailer_ref), Ids{m});
  EXPECT_EQ(Messages(t, t.s1, by_retailer_ref), Ids{m});
  MessageQuery by_supplier_ref;
  by_supplier_ref.supplier_reference_id = "S-REF";
  EXPECT_EQ(Messages(t, t.r1, by_supplier_ref), Ids{m});
  EXPECT_EQ(Messages(t, t.s1, by_supplier_ref), Ids{m});
}

TEST(ConversationQueryMessages, ByMessageIdGivesExactlyThatMessage) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  t.MustAdd(t.r1, c.id, "one");
  const ConversationMessage two = t.MustAdd(t.s1, c.id, "two");
  t.MustAdd(t.r1, c.id, "three");
  Advance(t, 10s);
  MessageQuery q;
  q.dsco_message_id = two.id;
  auto r = t.store().ListMessages(t.r1.dsco_account_id, q);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->messages.size(), 1u);
  EXPECT_EQ(r->messages[0].id, two.id);
  EXPECT_EQ(r->messages[0].text, "two");
  EXPECT_EQ(r->messages[0].conversation_id, c.id);
}

struct CareSetup {
  std::string consumer_message, supplier_answer, standard_from_retailer,
      standard_from_supplier, other_consumer_message;
};

CareSetup CreateCareSetup(TestWorld& t) {
  CareSetup s;
  CreateConversationRequest care = CustomerCare(t.s1, "C-42");
  care.initial_message = "my parcel is late";
  const Conversation c = t.MustCreate(t.r1, care);
  s.consumer_message = c.message_ids.at(0);
  s.supplier_answer = t.MustAdd(t.s1, c.id, "it ships today").id;
  const Conversation standard = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  s.standard_from_retailer = t.MustAdd(t.r1, standard.id, "plain").id;
  s.standard_from_supplier = t.MustAdd(t.s1, standard.id, "plain answer").id;
  CreateConversationRequest care7 = CustomerCare(t.s1, "C-7");
  care7.initial_message = "wrong colour";
  s.other_consumer_message = t.MustCreate(t.r1, care7).message_ids.at(0);
  EXPECT_TRUE(t.world.AdvanceBy(10s).ok());
  return s;
}

TEST(ConversationQueryMessages, TypeResponseToConsumerGivesOnlySupplierAnswersInCustomerCare) {
  TestWorld t;
  const CareSetup s = CreateCareSetup(t);
  MessageQuery q;
  q.type = MessageTypeFilter{CustomerCareType::kResponseToConsumer, std::nullopt};
  EXPECT_EQ(Messages(t, t.r1, q), Ids{s.supplier_answer});
  EXPECT_EQ(Messages(t, t.s1, q), Ids{s.supplier_answer});
}

TEST(ConversationQueryMessages, TypeMessageFromConsumerAndConsumerId) {
  TestWorld t;
  const CareSetup s = CreateCareSetup(t);
  MessageQuery q;
  q.type = MessageTypeFilter{CustomerCareType::kMessageFromConsumer, std::nullopt};
  EXPECT_EQ(Messages(t, t.s1, q), (Ids{s.consumer_message, s.other_consumer_message}));
  q.type = MessageTypeFilter{CustomerCareType::kMessageFromConsumer, "C-7"};
  EXPECT_EQ(Messages(t, t.s1, q), Ids{s.other_consumer_message});
  q.type = MessageTypeFilter{std::nullopt, "C-42"};
  EXPECT_EQ(Messages(t, t.s1, q), (Ids{s.consumer_message, s.supplier_answer}));
}

TEST(ConversationQueryMessages, StandardConversationMessagesNeverMatchATypeFilter) {
  TestWorld t;
  const CareSetup s = CreateCareSetup(t);
  MessageQuery q;
  q.type = MessageTypeFilter{};  // any customer-care message
  EXPECT_EQ(Messages(t, t.r1, q),
            (Ids{s.consumer_message, s.supplier_answer, s.other_consumer_message}));
  // All five messages are there without the filter.
  EXPECT_EQ(Messages(t, t.r1, AllMessages()),
            (Ids{s.consumer_message, s.supplier_answer, s.standard_from_retailer,
                 s.standard_from_supplier, s.other_consumer_message}));
}

TEST(ConversationQueryMessages, TestMessagesAreHiddenByDefault) {
  TestWorld t;
  const Conversation legit = t.MustCreate(t.r1, TestWorld::Basic(t.s1, "legit"));
  CreateConversationRequest req = TestWorld::Basic(t.s1, "test");
  req.is_test = true;
  const Conversation test = t.MustCreate(t.r1, req);
  const std::string legit_message = t.MustAdd(t.r1, legit.id).id;
  const std::string test_message = t.MustAdd(t.r1, test.id).id;
  Advance(t, 10s);

  EXPECT_EQ(Messages(t, t.s1, InConversation(test.id)), Ids{});
  MessageQuery q = InConversation(test.id);
  q.test = TestFilter::kAll;
  EXPECT_EQ(Messages(t, t.s1, q), Ids{test_message});

  MessageQuery legit_only;
  legit_only.created_since = kDefaultWorldStart;
  EXPECT_EQ(Messages(t, t.s1, legit_only), Ids{legit_message});
  legit_only.test = TestFilter::kTest;
  EXPECT_EQ(Messages(t, t.s1, legit_only), Ids{test_message});
  legit_only.test = TestFilter::kAll;
  EXPECT_EQ(Messages(t, t.s1, legit_only), (Ids{legit_message, test_message}));
}

}  // namespace
}  // namespace dscosim::test_support
