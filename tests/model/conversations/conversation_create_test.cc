// Create Conversation: who may talk to whom, the fields, and every refusal.
#include <gtest/gtest.h>

#include "dscosim/tests/support/world_fixture.h"

namespace dscosim {
namespace {

using namespace std::chrono_literals;
using test_support::TestWorld;

TEST(ConversationCreate, RetailerCreatesWithSupplierByAccountId) {
  TestWorld w;
  const Conversation c = w.MustCreate(w.r1, TestWorld::Basic(w.s1, "Order 12345 status"));
  EXPECT_EQ(c.id.size(), 10u);
  EXPECT_EQ(c.title, "Order 12345 status");
  EXPECT_EQ(c.initiated_by, Role::kRetailer);
  EXPECT_EQ(c.retailer_id, w.r1.dsco_account_id);
  EXPECT_EQ(c.supplier_id, w.s1.dsco_account_id);
  EXPECT_EQ(c.status, ConversationStatus::kNew);
  EXPECT_EQ(c.type.kind, ConversationKind::kStandard);
  EXPECT_EQ(c.context.kind, ContextKind::kAccount);
  EXPECT_EQ(c.created, w.world.now());
  EXPECT_EQ(c.last_update, w.world.now());
  EXPECT_EQ(c.visible_at, w.world.now() + 2s);
  EXPECT_FALSE(c.is_test);
  EXPECT_FALSE(c.due_date.has_value());
  EXPECT_FALSE(c.closed_date.has_value());
  EXPECT_TRUE(c.message_ids.empty());
  EXPECT_NE(w.store().Find(c.id), nullptr);
}

TEST(ConversationCreate, SupplierCreatesWithRetailerByTradingPartnerId) {
  TestWorld w;
  CreateConversationRequest req;
  req.title = "Catalog question";
  req.other_party_trading_partner_id = "R1@S1";
  const Conversation c = w.MustCreate(w.s1, req);
  EXPECT_EQ(c.initiated_by, Role::kSupplier);
  EXPECT_EQ(c.retailer_id, w.r1.dsco_account_id);
  EXPECT_EQ(c.supplier_id, w.s1.dsco_account_id);
  EXPECT_EQ(c.initiator_id(), w.s1.dsco_account_id);
}

TEST(ConversationCreate, BothOtherPartyFormsMayBeGivenWhenTheyAgree) {
  TestWorld w;
  CreateConversationRequest req = TestWorld::Basic(w.s1);
  req.other_party_trading_partner_id = "S1@R1";
  EXPECT_TRUE(w.store().Create(w.r1.dsco_account_id, req).ok());
  req.other_party_trading_partner_id = "S2@R1";
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, req),
                 StatusCode::kInvalidArgument, "otherPartyTradingPartnerId");
}

TEST(ConversationCreate, OtherPartyIsRequired) {
  TestWorld w;
  CreateConversationRequest req;
  req.title = "x";
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, req),
                 StatusCode::kInvalidArgument, "otherPartyDscoAccountId");
}

TEST(ConversationCreate, OtherPartyMustBeATradingPartner) {
  TestWorld w;
  // R2 and S2 are strangers.
  EXPECT_REFUSED(w.world, w.store().Create(w.r2.dsco_account_id, TestWorld::Basic(w.s2)),
                 StatusCode::kNotFound, "otherPartyDscoAccountId");
  // Two retailers are never partners.
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, TestWorld::Basic(w.r2)),
                 StatusCode::kNotFound, "otherPartyDscoAccountId");
  // Nor is the caller itself.
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, TestWorld::Basic(w.r1)),
                 StatusCode::kNotFound, "otherPartyDscoAccountId");
  CreateConversationRequest by_tp;
  by_tp.title = "x";
  by_tp.other_party_trading_partner_id = "S2@R1";  // R1's id for S2, not R2's
  EXPECT_REFUSED(w.world, w.store().Create(w.r2.dsco_account_id, by_tp),
                 StatusCode::kNotFound, "otherPartyTradingPartnerId");
}

TEST(ConversationCreate, TitleIsRequiredAndAtMostFiftyCharacters) {
  TestWorld w;
  CreateConversationRequest req = TestWorld::Basic(w.s1);
  req.title.reset();
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, req),
                 StatusCode::kInvalidArgument, "title");
  req.title = "   ";
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, req),
                 StatusCode::kInvalidArgument, "title");
  req.title = std::string(51, 'x');
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, req),
                 StatusCode::kInvalidArgument, "title");
  req.title = std::string(50, 'x');
  EXPECT_TRUE(w.store().Create(w.r1.dsco_account_id, req).ok());
}

TEST(ConversationCreate, TitleLengthCountsCharactersNotBytes) {
  TestWorld w;
  std::string fifty;
  for (int i = 0; i < 50; ++i) fifty += "\xC3\xA9";  // é, two bytes in UTF-8
  CreateConversationRequest req = TestWorld::Basic(w.s1, fifty);
  EXPECT_TRUE(w.store().Create(w.r1.dsco_account_id, req).ok());
  req.title = fifty + "\xC3\xA9";
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, req),
                 StatusCode::kInvalidArgument, "title");
}

TEST(ConversationCreate, TextMustBeValidUtf8) {
  TestWorld w;
  CreateConversationRequest req = TestWorld::Basic(w.s1, "Caf\xe9");
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, req),
                 StatusCode::kInvalidArgument, "title");
  req.title = "Caf\xc3\xa9";
  req.initial_message = "bad \xc0\xaf overlong";
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, req),
                 StatusCode::kInvalidArgument, "initialMessage.message");
  req.initial_message.reset();
  req.type = ConversationType{ConversationKind::kCustomerCare, "\xff"};
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, req),
                 StatusCode::kInvalidArgument, "type.consumerId");
  req.type.reset();
  req.reference_id = "\xed\xa0\x80";  // a UTF-16 surrogate, not a character
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, req),
                 StatusCode::kInvalidArgument, "referenceId");
}

TEST(ConversationCreate, ReferenceIdIsStoredByTheCreatorsRole) {
  TestWorld w;
  CreateConversationRequest req = TestWorld::Basic(w.s1);
  req.reference_id = "R-REF-1";
  const Conversation by_retailer = w.MustCreate(w.r1, req);
  EXPECT_EQ(by_retailer.retailer_reference_id, "R-REF-1");
  EXPECT_FALSE(by_retailer.supplier_reference_id.has_value());

  CreateConversationRequest sreq = TestWorld::Basic(w.r1);
  sreq.reference_id = "S-REF-1";
  const Conversation by_supplier = w.MustCreate(w.s1, sreq);
  EXPECT_EQ(by_supplier.supplier_reference_id, "S-REF-1");
  EXPECT_FALSE(by_supplier.retailer_reference_id.has_value());
}

TEST(ConversationCreate, ReferenceIdIsUniquePerCreatingAccount) {
  TestWorld w;
  CreateConversationRequest req = TestWorld::Basic(w.s1);
  req.reference_id = "REF";
  w.MustCreate(w.r1, req);
  // Same account, even with another partner: refused.
  CreateConversationRequest again = TestWorld::Basic(w.s2);
  again.reference_id = "REF";
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, again),
                 StatusCode::kAlreadyExists, "referenceId");
  // Another account may use the same reference id.
  CreateConversationRequest other = TestWorld::Basic(w.s1);
  other.reference_id = "REF";
  EXPECT_TRUE(w.store().Create(w.r2.dsco_account_id, other).ok());
  CreateConversationRequest by_supplier = TestWorld::Basic(w.r1);
  by_supplier.reference_id = "REF";
  EXPECT_TRUE(w.store().Create(w.s1.dsco_account_id, by_supplier).ok());
}

TEST(ConversationCreate, EmptyReferenceIdIsRefused) {
  TestWorld w;
  CreateConversationRequest req = TestWorld::Basic(w.s1);
  req.reference_id = "";
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, req),
                 StatusCode::kInvalidArgument, "referenceId");
}

TEST(ConversationCreate, CustomerCareNeedsAConsumerId) {
  TestWorld w;
  CreateConversationRequest req = TestWorld::Basic(w.s1);
  req.type = ConversationType{ConversationKind::kCustomerCare, ""};
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, req),
                 StatusCode::kInvalidArgument, "type.consumerId");
  req.type->consumer_id = "12345";
  const Conversation c = w.MustCreate(w.r1, req);
  EXPECT_EQ(c.type.kind, ConversationKind::kCustomerCare);
  EXPECT_EQ(c.type.consumer_id, "12345");
}

TEST(ConversationCreate, InitialMessageStartsProgressUnderTheSeedsRule) {
  TestWorld w;  // default: InProgressRule::kAnyMessage
  CreateConversationRequest req = TestWorld::Basic(w.s1);
  req.type = ConversationType{ConversationKind::kCustomerCare, "12345"};
  req.initial_message = "Why is my order late?";
  const Conversation c = w.MustCreate(w.r1, req);
  EXPECT_EQ(c.status, ConversationStatus::kInProgress);
  ASSERT_EQ(c.message_ids.size(), 1u);
  const ConversationMessage* m = w.store().FindMessage(c.message_ids[0]);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->text, "Why is my order late?");
  EXPECT_EQ(m->author_account_id, w.r1.dsco_account_id);
  EXPECT_EQ(m->recipient_account_id, w.s1.dsco_account_id);
  EXPECT_EQ(m->customer_care_type, CustomerCareType::kMessageFromConsumer);
  EXPECT_EQ(m->consumer_id, "12345");
  EXPECT_EQ(c.initial_message, "Why is my order late?");
}

TEST(ConversationCreate, InitialMessageKeepsNewUnderTheSpecRule) {
  ConversationPolicy policy;
  policy.in_progress_rule = InProgressRule::kOtherPartyReplies;
  TestWorld w(policy);
  CreateConversationRequest req = TestWorld::Basic(w.s1);
  req.initial_message = "hello";
  EXPECT_EQ(w.MustCreate(w.r1, req).status, ConversationStatus::kNew);
}

TEST(ConversationCreate, BlankInitialMessageIsRefused) {
  TestWorld w;
  CreateConversationRequest req = TestWorld::Basic(w.s1);
  req.initial_message = " \n";
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, req),
                 StatusCode::kInvalidArgument, "initialMessage.message");
}

TEST(ConversationCreate, TestConversationsMarkTheirMessagesAsTests) {
  TestWorld w;
  CreateConversationRequest req = TestWorld::Basic(w.s1);
  req.is_test = true;
  req.initial_message = "ping";
  const Conversation c = w.MustCreate(w.r1, req);
  EXPECT_TRUE(c.is_test);
  EXPECT_TRUE(w.store().FindMessage(c.message_ids[0])->is_test);
  EXPECT_TRUE(w.MustAdd(w.s1, c.id).is_test);
}

TEST(ConversationCreate, DueDateMakesATask) {
  TestWorld w;
  CreateConversationRequest req = TestWorld::Basic(w.s1);
  req.due_date = w.world.now() + 48h;
  const Conversation c = w.MustCreate(w.r1, req);
  EXPECT_TRUE(c.is_task());
  EXPECT_FALSE(c.is_past_due(w.world.now()));
  EXPECT_FALSE(c.is_past_due(*c.due_date));
  EXPECT_TRUE(c.is_past_due(*c.due_date + 1us));
}

TEST(ConversationCreate, UnknownCallerIsRefused) {
  TestWorld w;
  EXPECT_REFUSED(w.world, w.store().Create("999", TestWorld::Basic(w.s1)),
                 StatusCode::kPermissionDenied, "");
}

TEST(ConversationCreate, IsTracedWithItsInitialMessage) {
  TestWorld w;
  const std::uint64_t before = w.world.trace().total();
  CreateConversationRequest req = TestWorld::Basic(w.s1);
  req.initial_message = "hi";
  const Conversation c = w.MustCreate(w.r1, req);
  ASSERT_EQ(w.world.trace().total(), before + 2);
  const auto& events = w.world.trace().retained();
  const TraceEvent& created = events[events.size() - 2];
  const TraceEvent& message = events.back();
  EXPECT_EQ(created.kind, "conversation.created");
  EXPECT_EQ(created.actor, w.r1.dsco_account_id);
  EXPECT_EQ(created.payload["conversation"]["id"], c.id);
  EXPECT_EQ(message.kind, "conversation.message_added");
  EXPECT_EQ(message.payload["message"]["dscoMessageId"], c.message_ids[0]);
}

TEST(ConversationCreate, SchedulesAutoCloseAtCreatePlusThePeriod) {
  TestWorld w;
  const Conversation c = w.MustCreate(w.r1, TestWorld::Basic(w.s1));
  ASSERT_NE(c.auto_close_timer, 0u);
  EXPECT_EQ(w.world.clock().DueTimeOf(c.auto_close_timer),
            c.created + w.store().policy().auto_close_after);
}

}  // namespace
}  // namespace dscosim
