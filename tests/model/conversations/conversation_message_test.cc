// Add Conversation Message, the in-progress policies, closed conversations, customer
// care message types, and auto-close on the clock.
#include <gtest/gtest.h>

#include "dscosim/tests/support/world_fixture.h"

namespace dscosim {
namespace {

using namespace std::chrono_literals;
using test_support::TestWorld;

AddMessageRequest To(const std::string& conversation_id, std::string text = "hi") {
  AddMessageRequest req;
  req.dsco_conversation_id = conversation_id;
  req.message = std::move(text);
  return req;
}

TEST(ConversationMessage, CarriesAuthorRecipientAndTime) {
  TestWorld w;
  const Conversation c = w.MustCreate(w.r1, TestWorld::Basic(w.s1));
  ASSERT_TRUE(w.world.AdvanceBy(90s).ok());
  const ConversationMessage m = w.MustAdd(w.s1, c.id, "On it.");
  EXPECT_EQ(m.id.size(), 10u);
  EXPECT_EQ(m.conversation_id, c.id);
  EXPECT_EQ(m.text, "On it.");
  EXPECT_EQ(m.author_account_id, w.s1.dsco_account_id);
  EXPECT_EQ(m.author_role, Role::kSupplier);
  EXPECT_EQ(m.recipient_account_id, w.r1.dsco_account_id);
  EXPECT_EQ(m.created, w.world.now());
  EXPECT_EQ(m.visible_at, w.world.now() + 2s);
  EXPECT_FALSE(m.customer_care_type.has_value());
  const Conversation* after = w.store().Find(c.id);
  EXPECT_EQ(after->last_update, w.world.now());
  EXPECT_EQ(after->message_ids, std::vector<std::string>{m.id});
}

TEST(ConversationMessage, IdsAreUniqueAndIncreasing) {
  TestWorld w;
  const Conversation c = w.MustCreate(w.r1, TestWorld::Basic(w.s1));
  std::string last;
  for (int i = 0; i < 20; ++i) {
    const std::string id = w.MustAdd(i % 2 == 0 ? w.r1 : w.s1, c.id).id;
    EXPECT_GT(id, last);
    last = id;
  }
}

TEST(ConversationMessage, SeedsRuleAnyMessageStartsProgress) {
  TestWorld w;
  const Conversation c = w.MustCreate(w.r1, TestWorld::Basic(w.s1));
  EXPECT_EQ(c.status, ConversationStatus::kNew);
  w.MustAdd(w.r1, c.id);  // even the initiator's own message
  EXPECT_EQ(w.store().Find(c.id)->status, ConversationStatus::kInProgress);
}

TEST(ConversationMessage, SpecRuleOnlyTheOtherPartysReplyStartsProgress) {
  ConversationPolicy policy;
  policy.in_progress_rule = InProgressRule::kOtherPartyReplies;
  TestWorld w(policy);
  const Conversation c = w.MustCreate(w.s1, TestWorld::Basic(w.r1));
  w.MustAdd(w.s1, c.id);
  w.MustAdd(w.s1, c.id);
  EXPECT_EQ(w.store().Find(c.id)->status, ConversationStatus::kNew);
  w.MustAdd(w.r1, c.id);
  EXPECT_EQ(w.store().Find(c.id)->status, ConversationStatus::kInProgress);
}

TEST(ConversationMessage, AClosedConversationRefusesMessagesUntilReopened) {
  TestWorld w;
  const Conversation c = w.MustCreate(w.r1, TestWorld::Basic(w.s1));
  UpdateConversationRequest close;
  close.dsco_conversation_id = c.id;
  close.status = ConversationStatus::kClosed;
  ASSERT_TRUE(w.store().Update(w.s1.dsco_account_id, close).ok());
  for (const Account* who : {&w.r1, &w.s1}) {
    EXPECT_REFUSED(w.world, w.store().AddMessage(who->dsco_account_id, To(c.id)),
                   StatusCode::kFailedPrecondition, "dscoConversationId");
  }
  UpdateConversationRequest reopen = close;
  reopen.status = ConversationStatus::kInProgress;
  ASSERT_TRUE(w.store().Update(w.r1.dsco_account_id, reopen).ok());
  EXPECT_TRUE(w.store().AddMessage(w.r1.dsco_account_id, To(c.id)).ok());
}

TEST(ConversationMessage, CustomerCareTypeFollowsTheAuthorsRole) {
  TestWorld w;
  CreateConversationRequest create = TestWorld::Basic(w.s1);
  create.type = ConversationType{ConversationKind::kCustomerCare, "consumer-9"};
  const Conversation c = w.MustCreate(w.r1, create);
  const ConversationMessage from_consumer = w.MustAdd(w.r1, c.id, "Where is it?");
  const ConversationMessage response = w.MustAdd(w.s1, c.id, "Tomorrow.");
  EXPECT_EQ(from_consumer.customer_care_type, CustomerCareType::kMessageFromConsumer);
  EXPECT_EQ(response.customer_care_type, CustomerCareType::kResponseToConsumer);
  EXPECT_EQ(from_consumer.consumer_id, "consumer-9");
  EXPECT_EQ(response.consumer_id, "consumer-9");
}

TEST(ConversationMessage, MessageTextIsRequired) {
  TestWorld w;
  const Conversation c = w.MustCreate(w.r1, TestWorld::Basic(w.s1));
  AddMessageRequest req = To(c.id);
  req.message.reset();
  EXPECT_REFUSED(w.world, w.store().AddMessage(w.r1.dsco_account_id, req),
                 StatusCode::kInvalidArgument, "message");
  req.message = "\t ";
  EXPECT_REFUSED(w.world, w.store().AddMessage(w.r1.dsco_account_id, req),
                 StatusCode::kInvalidArgument, "message");
}

TEST(ConversationMessage, TextMustBeValidUtf8) {
  TestWorld w;
  const Conversation c = w.MustCreate(w.r1, TestWorld::Basic(w.s1));
  EXPECT_REFUSED(w.world, w.store().AddMessage(w.s1.dsco_account_id, To(c.id, "truncated \xe2\x82")),
                 StatusCode::kInvalidArgument, "message");
  EXPECT_TRUE(w.store().AddMessage(w.s1.dsco_account_id, To(c.id, "\xe2\x82\xac 12 \xf0\x9f\x93\xa6")).ok());
}

TEST(ConversationMessage, ListingByASharedRetailerReferenceIdReturnsBothConversations) {
  TestWorld w;
  CreateConversationRequest req = TestWorld::Basic(w.s1);
  req.reference_id = "SAME";
  req.initial_message = "from R1";
  w.MustCreate(w.r1, req);
  req.initial_message = "from R2";
  w.MustCreate(w.r2, req);
  ASSERT_TRUE(w.world.AdvanceBy(10s).ok());
  MessageQuery q;
  q.retailer_reference_id = "SAME";
  auto page = w.store().ListMessages(w.s1.dsco_account_id, q);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->messages.size(), 2u);
  EXPECT_EQ(page->messages[0].text, "from R1");
  EXPECT_EQ(page->messages[1].text, "from R2");
  ConversationQuery cq;
  cq.retailer_reference_id = "SAME";
  auto conversations = w.store().List(w.s1.dsco_account_id, cq);
  ASSERT_TRUE(conversations.ok());
  EXPECT_EQ(conversations->conversations.size(), 2u);
}

TEST(ConversationMessage, FindsTheConversationByReferenceIds) {
  TestWorld w;
  CreateConversationRequest create = TestWorld::Basic(w.s1);
  create.reference_id = "MY-REF";
  const Conversation c = w.MustCreate(w.r1, create);
  AddMessageRequest by_ref;
  by_ref.retailer_reference_id = "MY-REF";
  by_ref.message = "via reference";
  // The supplier may use the retailer's reference id too.
  auto m = w.store().AddMessage(w.s1.dsco_account_id, by_ref);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->conversation_id, c.id);
  by_ref.retailer_reference_id = "NOPE";
  EXPECT_REFUSED(w.world, w.store().AddMessage(w.s1.dsco_account_id, by_ref),
                 StatusCode::kNotFound, "retailerReferenceId");
  AddMessageRequest none;
  none.message = "x";
  EXPECT_REFUSED(w.world, w.store().AddMessage(w.s1.dsco_account_id, none),
                 StatusCode::kInvalidArgument, "dscoConversationId");
}

TEST(ConversationMessage, OutsidersCannotAddMessages) {
  TestWorld w;
  const Conversation c = w.MustCreate(w.r1, TestWorld::Basic(w.s1));
  for (const Account* outsider : {&w.r2, &w.s2}) {
    EXPECT_REFUSED(w.world, w.store().AddMessage(outsider->dsco_account_id, To(c.id)),
                   StatusCode::kNotFound, "dscoConversationId");
  }
  CreateConversationRequest with_ref = TestWorld::Basic(w.s1);
  with_ref.reference_id = "SECRET";
  w.MustCreate(w.r1, with_ref);
  AddMessageRequest by_ref;
  by_ref.retailer_reference_id = "SECRET";
  by_ref.message = "x";
  EXPECT_REFUSED(w.world, w.store().AddMessage(w.r2.dsco_account_id, by_ref),
                 StatusCode::kNotFound, "retailerReferenceId");
}

TEST(ConversationAutoClose, ClosesExactlyAtLastActivityPlusThePeriod) {
  ConversationPolicy policy;
  policy.auto_close_after = 24h;
  TestWorld w(policy);
  const Conversation c = w.MustCreate(w.r1, TestWorld::Basic(w.s1));
  ASSERT_TRUE(w.world.AdvanceBy(10h).ok());
  w.MustAdd(w.s1, c.id);  // activity: the period starts again
  const Time due = w.world.now() + 24h;
  ASSERT_TRUE(w.world.AdvanceTo(due - 1us).ok());
  EXPECT_EQ(w.store().Find(c.id)->status, ConversationStatus::kInProgress);
  ASSERT_TRUE(w.world.AdvanceTo(due + 5h).ok());
  const Conversation* closed = w.store().Find(c.id);
  EXPECT_EQ(closed->status, ConversationStatus::kClosed);
  EXPECT_EQ(closed->closed_date, due);
  EXPECT_EQ(closed->last_update, due);
  const TraceEvent& e = w.world.trace().retained().back();
  EXPECT_EQ(e.kind, "conversation.auto_closed");
  EXPECT_EQ(e.actor, kPlatformActor);
  EXPECT_EQ(e.time, due);
}

TEST(ConversationAutoClose, AnUpdateIsActivityToo) {
  ConversationPolicy policy;
  policy.auto_close_after = 1h;
  TestWorld w(policy);
  const Conversation c = w.MustCreate(w.r1, TestWorld::Basic(w.s1));
  ASSERT_TRUE(w.world.AdvanceBy(59min).ok());
  UpdateConversationRequest rename;
  rename.dsco_conversation_id = c.id;
  rename.title = "renamed";
  ASSERT_TRUE(w.store().Update(w.r1.dsco_account_id, rename).ok());
  ASSERT_TRUE(w.world.AdvanceBy(59min).ok());
  EXPECT_EQ(w.store().Find(c.id)->status, ConversationStatus::kNew);
  ASSERT_TRUE(w.world.AdvanceBy(1min).ok());
  EXPECT_EQ(w.store().Find(c.id)->status, ConversationStatus::kClosed);
}

TEST(ConversationAutoClose, ManualCloseCancelsTheTimerAndReopenRestartsIt) {
  ConversationPolicy policy;
  policy.auto_close_after = 1h;
  TestWorld w(policy);
  const Conversation c = w.MustCreate(w.r1, TestWorld::Basic(w.s1));
  EXPECT_EQ(w.world.clock().PendingTimers(), 1u);
  UpdateConversationRequest close;
  close.dsco_conversation_id = c.id;
  close.status = ConversationStatus::kClosed;
  ASSERT_TRUE(w.store().Update(w.s1.dsco_account_id, close).ok());
  EXPECT_EQ(w.world.clock().PendingTimers(), 0u);
  ASSERT_TRUE(w.world.AdvanceBy(3h).ok());
  close.status = ConversationStatus::kInProgress;
  ASSERT_TRUE(w.store().Update(w.r1.dsco_account_id, close).ok());
  ASSERT_EQ(w.world.clock().PendingTimers(), 1u);
  EXPECT_EQ(w.world.clock().NextDue(), w.world.now() + 1h);
}

TEST(ConversationAutoClose, ZeroDisablesIt) {
  ConversationPolicy policy;
  policy.auto_close_after = Duration::zero();
  TestWorld w(policy);
  const Conversation c = w.MustCreate(w.r1, TestWorld::Basic(w.s1));
  EXPECT_EQ(w.world.clock().PendingTimers(), 0u);
  ASSERT_TRUE(w.world.AdvanceBy(24h * 365).ok());
  EXPECT_EQ(w.store().Find(c.id)->status, ConversationStatus::kNew);
}

TEST(ConversationAutoClose, DefaultPeriodIsThirtyDays) {
  TestWorld w;
  const Conversation c = w.MustCreate(w.r1, TestWorld::Basic(w.s1));
  ASSERT_TRUE(w.world.AdvanceBy(24h * 30 - 1us).ok());
  EXPECT_EQ(w.store().Find(c.id)->status, ConversationStatus::kNew);
  ASSERT_TRUE(w.world.AdvanceBy(1us).ok());
  EXPECT_EQ(w.store().Find(c.id)->status, ConversationStatus::kClosed);
}

}  // namespace
}  // namespace dscosim
