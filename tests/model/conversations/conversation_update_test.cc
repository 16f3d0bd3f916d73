// Update Conversation: finding it, what may change, the status life cycle, refusals.
#include <gtest/gtest.h>

#include "dscosim/tests/support/world_fixture.h"

namespace dscosim {
namespace {

using namespace std::chrono_literals;
using test_support::TestWorld;

UpdateConversationRequest ById(const std::string& id) {
  UpdateConversationRequest req;
  req.dsco_conversation_id = id;
  return req;
}

UpdateConversationRequest SetStatus(const std::string& id, ConversationStatus status) {
  UpdateConversationRequest req = ById(id);
  req.status = status;
  return req;
}

TEST(ConversationUpdate, EitherPartyMayCloseAndClosingRecordsTheDate) {
  for (const bool by_supplier : {false, true}) {
    TestWorld w;
    const Conversation c = w.MustCreate(w.r1, TestWorld::Basic(w.s1));
    ASSERT_TRUE(w.world.AdvanceBy(1h).ok());
    const Account& closer = by_supplier ? w.s1 : w.r1;
    auto closed = w.store().Update(closer.dsco_account_id,
                                   SetStatus(c.id, ConversationStatus::kClosed));
    ASSERT_TRUE(closed.ok()) << closed.status();
    EXPECT_EQ(closed->status, ConversationStatus::kClosed);
    EXPECT_EQ(closed->closed_date, w.world.now());
    EXPECT_EQ(closed->last_update, w.world.now());
    EXPECT_EQ(closed->auto_close_timer, 0u);
    EXPECT_EQ(w.world.clock().PendingTimers(), 0u);
    EXPECT_EQ(w.world.trace().retained().back().kind, "conversation.updated");
    EXPECT_EQ(w.world.trace().retained().back().payload["statusFrom"], "new");
  }
}

TEST(ConversationUpdate, ReopeningSetsInProgressAndClearsTheClosedDate) {
  TestWorld w;
  const Conversation c = w.MustCreate(w.r1, TestWorld::Basic(w.s1));
  ASSERT_TRUE(w.store().Update(w.s1.dsco_account_id, SetStatus(c.id, ConversationStatus::kClosed)).ok());
  auto reopened = w.store().Update(w.r1.dsco_account_id,
                                   SetStatus(c.id, ConversationStatus::kInProgress));
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(reopened->status, ConversationStatus::kInProgress);
  EXPECT_FALSE(reopened->closed_date.has_value());
  EXPECT_NE(reopened->auto_close_timer, 0u);
}

TEST(ConversationUpdate, StatusMayNotBeSetToNew) {
  TestWorld w;
  const Conversation c = w.MustCreate(w.r1, TestWorld::Basic(w.s1));
  EXPECT_REFUSED(w.world, w.store().Update(w.r1.dsco_account_id, SetStatus(c.id, ConversationStatus::kNew)),
                 StatusCode::kInvalidArgument, "status");
}

TEST(ConversationUpdate, SomethingToUpdateIsRequired) {
  TestWorld w;
  const Conversation c = w.MustCreate(w.r1, TestWorld::Basic(w.s1));
  EXPECT_REFUSED(w.world, w.store().Update(w.r1.dsco_account_id, ById(c.id)),
                 StatusCode::kInvalidArgument, "");
  // The type alone is not something to update (spec: title, status, dueDate or a
  // reference id).
  UpdateConversationRequest type_only = ById(c.id);
  type_only.type = ConversationType{};
  EXPECT_REFUSED(w.world, w.store().Update(w.r1.dsco_account_id, type_only),
                 StatusCode::kInvalidArgument, "");
}

TEST(ConversationUpdate, ALocatorIsRequired) {
  TestWorld w;
  UpdateConversationRequest req;
  req.title = "x";
  EXPECT_REFUSED(w.world, w.store().Update(w.r1.dsco_account_id, req),
                 StatusCode::kInvalidArgument, "dscoConversationId");
}

TEST(ConversationUpdate, OnlyParticipantsFindTheConversation) {
  TestWorld w;
  const Conversation c = w.MustCreate(w.r1, TestWorld::Basic(w.s1));
  UpdateConversationRequest req = ById(c.id);
  req.title = "hijack";
  // R2 trades with S1 but is not part of this conversation; S2 is a stranger to both.
  for (const Account* outsider : {&w.r2, &w.s2}) {
    EXPECT_REFUSED(w.world, w.store().Update(outsider->dsco_account_id, req),
                   StatusCode::kNotFound, "dscoConversationId");
  }
  // Exactly the answer for an id that does not exist.
  UpdateConversationRequest missing = ById("1");
  missing.title = "x";
  const Status unknown = w.store().Update(w.r1.dsco_account_id, missing).status();
  const Status hidden = w.store().Update(w.r2.dsco_account_id, req).status();
  EXPECT_EQ(unknown.code(), hidden.code());
  EXPECT_EQ(unknown.field(), hidden.field());
}

TEST(ConversationUpdate, FindsByEitherReferenceId) {
  TestWorld w;
  CreateConversationRequest create = TestWorld::Basic(w.s1);
  create.reference_id = "R-REF";
  const Conversation c = w.MustCreate(w.r1, create);
  UpdateConversationRequest set_supplier_ref;
  set_supplier_ref.find_by_retailer_reference_id = "R-REF";  // the supplier finds it by R1's id
  set_supplier_ref.supplier_reference_id = "S-REF";
  auto updated = w.store().Update(w.s1.dsco_account_id, set_supplier_ref);
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->supplier_reference_id, "S-REF");

  UpdateConversationRequest by_supplier_ref;
  by_supplier_ref.find_by_supplier_reference_id = "S-REF";
  by_supplier_ref.title = "Renamed";
  updated = w.store().Update(w.r1.dsco_account_id, by_supplier_ref);
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->id, c.id);
  EXPECT_EQ(updated->title, "Renamed");
}

TEST(ConversationUpdate, LocatorsMustAgree) {
  TestWorld w;
  CreateConversationRequest a = TestWorld::Basic(w.s1);
  a.reference_id = "A";
  const Conversation ca = w.MustCreate(w.r1, a);
  CreateConversationRequest b = TestWorld::Basic(w.s1);
  b.reference_id = "B";
  w.MustCreate(w.r1, b);
  UpdateConversationRequest req = ById(ca.id);
  req.find_by_retailer_reference_id = "B";
  req.title = "x";
  EXPECT_REFUSED(w.world, w.store().Update(w.r1.dsco_account_id, req),
                 StatusCode::kInvalidArgument, "findByRetailerReferenceId");
}

TEST(ConversationUpdate, AReferenceIdSharedByTwoRetailersIsAmbiguousForTheSupplier) {
  TestWorld w;
  CreateConversationRequest one = TestWorld::Basic(w.s1);
  one.reference_id = "SAME";
  w.MustCreate(w.r1, one);
  w.MustCreate(w.r2, one);
  UpdateConversationRequest req;
  req.find_by_retailer_reference_id = "SAME";
  req.title = "x";
  EXPECT_REFUSED(w.world, w.store().Update(w.s1.dsco_account_id, req),
                 StatusCode::kInvalidArgument, "findByRetailerReferenceId");
  // Each retailer still finds its own.
  EXPECT_TRUE(w.store().Update(w.r1.dsco_account_id, req).ok());
}

TEST(ConversationUpdate, EachSideSetsOnlyItsOwnReferenceId) {
  TestWorld w;
  const Conversation c = w.MustCreate(w.r1, TestWorld::Basic(w.s1));
  UpdateConversationRequest req = ById(c.id);
  req.retailer_reference_id = "X";
  EXPECT_REFUSED(w.world, w.store().Update(w.s1.dsco_account_id, req),
                 StatusCode::kPermissionDenied, "retailerReferenceId");
  req.retailer_reference_id.reset();
  req.supplier_reference_id = "X";
  EXPECT_REFUSED(w.world, w.store().Update(w.r1.dsco_account_id, req),
                 StatusCode::kPermissionDenied, "supplierReferenceId");
}

TEST(ConversationUpdate, ReferenceIdsStayUniqueAndAChangeFreesTheOldOne) {
  TestWorld w;
  CreateConversationRequest a = TestWorld::Basic(w.s1);
  a.reference_id = "A";
  const Conversation ca = w.MustCreate(w.r1, a);
  const Conversation cb = w.MustCreate(w.r1, TestWorld::Basic(w.s2));
  UpdateConversationRequest take = ById(cb.id);
  take.retailer_reference_id = "A";
  EXPECT_REFUSED(w.world, w.store().Update(w.r1.dsco_account_id, take),
                 StatusCode::kAlreadyExists, "retailerReferenceId");
  UpdateConversationRequest rename = ById(ca.id);
  rename.retailer_reference_id = "A2";
  ASSERT_TRUE(w.store().Update(w.r1.dsco_account_id, rename).ok());
  EXPECT_TRUE(w.store().Update(w.r1.dsco_account_id, take).ok());
  // The new one was taken, too.
  CreateConversationRequest again = TestWorld::Basic(w.s1);
  again.reference_id = "A2";
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, again),
                 StatusCode::kAlreadyExists, "referenceId");
}

TEST(ConversationUpdate, TheTypesKindNeverChangesButItsConsumerIdMay) {
  TestWorld w;
  CreateConversationRequest create = TestWorld::Basic(w.s1);
  create.type = ConversationType{ConversationKind::kCustomerCare, "C-1"};
  const Conversation c = w.MustCreate(w.r1, create);
  UpdateConversationRequest req = ById(c.id);
  req.title = "t";
  req.type = ConversationType{ConversationKind::kStandard, ""};
  EXPECT_REFUSED(w.world, w.store().Update(w.r1.dsco_account_id, req),
                 StatusCode::kInvalidArgument, "type.type");
  req.type = ConversationType{ConversationKind::kCustomerCare, ""};
  EXPECT_REFUSED(w.world, w.store().Update(w.r1.dsco_account_id, req),
                 StatusCode::kInvalidArgument, "type.consumerId");
  req.type = ConversationType{ConversationKind::kCustomerCare, "C-2"};
  auto updated = w.store().Update(w.r1.dsco_account_id, req);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->type.consumer_id, "C-2");
}

TEST(ConversationUpdate, TitleAndDueDateChange) {
  TestWorld w;
  const Conversation c = w.MustCreate(w.r1, TestWorld::Basic(w.s1));
  UpdateConversationRequest req = ById(c.id);
  req.title = std::string(51, 'x');
  EXPECT_REFUSED(w.world, w.store().Update(w.r1.dsco_account_id, req),
                 StatusCode::kInvalidArgument, "title");
  req.title = "New title";
  req.due_date = w.world.now() + 24h;
  ASSERT_TRUE(w.world.AdvanceBy(10s).ok());
  auto updated = w.store().Update(w.s1.dsco_account_id, req);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->title, "New title");
  EXPECT_EQ(updated->due_date, c.created + 24h);
  EXPECT_EQ(updated->last_update, w.world.now());
  EXPECT_EQ(w.world.trace().retained().back().payload["changes"],
            nlohmann::json({"title", "dueDate"}));
}

TEST(ConversationUpdate, AnUpdateThatChangesNothingChangesNothing) {
  TestWorld w;
  const Conversation c = w.MustCreate(w.r1, TestWorld::Basic(w.s1, "Same"));
  ASSERT_TRUE(w.store().Update(w.r1.dsco_account_id, SetStatus(c.id, ConversationStatus::kClosed)).ok());
  ASSERT_TRUE(w.world.AdvanceBy(1h).ok());
  const std::string before = test_support::Fingerprint(w.world);
  // A retried close, and a title equal to the current one: accepted, harmless.
  EXPECT_TRUE(w.store().Update(w.s1.dsco_account_id, SetStatus(c.id, ConversationStatus::kClosed)).ok());
  UpdateConversationRequest same_title = ById(c.id);
  same_title.title = "Same";
  auto r = w.store().Update(w.r1.dsco_account_id, same_title);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->closed_date, c.created);
  EXPECT_EQ(test_support::Fingerprint(w.world), before);
}

TEST(ConversationUpdate, ManualInProgressFromNew) {
  TestWorld w;
  const Conversation c = w.MustCreate(w.r1, TestWorld::Basic(w.s1));
  auto r = w.store().Update(w.s1.dsco_account_id, SetStatus(c.id, ConversationStatus::kInProgress));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, ConversationStatus::kInProgress);
}

}  // namespace
}  // namespace dscosim
