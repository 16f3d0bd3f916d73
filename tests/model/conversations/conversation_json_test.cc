// The API's JSON views of conversations and messages (model/conversation_json.h), as one
// viewer sees them (dsco-api-facts §3.4, §3.6, §3.8).
#include <chrono>
#include <string>
#include <utility>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "dscosim/model/conversations/conversation_json.h"
#include "dscosim/model/conversations/conversation_store.h"
#include "dscosim/tests/support/world_fixture.h"

namespace dscosim::test_support {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

void Advance(TestWorld& t, Duration delta) { ASSERT_TRUE(t.world.AdvanceBy(delta).ok()); }

json View(TestWorld& t, const Conversation& c, const Account& viewer) {
  return ConversationToJson(c, t.world.accounts(), viewer.dsco_account_id);
}

json Neutral(TestWorld& t, const Conversation& c) {
  return ConversationToJson(c, t.world.accounts(), "");
}

json View(TestWorld& t, const ConversationMessage& m, const Account& viewer) {
  const Conversation* c = t.store().Find(m.conversation_id);
  EXPECT_NE(c, nullptr);
  if (c == nullptr) return json();
  return MessageToJson(m, *c, t.world.accounts(), viewer.dsco_account_id);
}

// The stored state of a conversation (after messages and updates).
const Conversation& Stored(TestWorld& t, const std::string& id) {
  const Conversation* c = t.store().Find(id);
  EXPECT_NE(c, nullptr) << id;
  static const Conversation kMissing{};
  return c == nullptr ? kMissing : *c;
}

Conversation MustUpdate(TestWorld& t, const Account& caller,
                        const UpdateConversationRequest& request) {
  auto r = t.store().Update(caller.dsco_account_id, request);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : Conversation{};
}

CreateConversationRequest CustomerCare(const Account& other, std::string consumer) {
  CreateConversationRequest req = TestWorld::Basic(other, "Care");
  req.type = ConversationType{ConversationKind::kCustomerCare, std::move(consumer)};
  return req;
}

// ---------------------------------------------------------------------------------------
// Conversation: fields

TEST(ConversationJsonConversation, RequiredKeysAndParties) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1, "Shipping delay"));
  const json j = View(t, c, t.r1);
  EXPECT_EQ(j.at("id"), c.id);
  EXPECT_EQ(j.at("title"), "Shipping delay");
  EXPECT_EQ(j.at("initiatedBy"), "retailer");
  EXPECT_EQ(j.at("dscoRetailerId"), t.r1.dsco_account_id);
  EXPECT_EQ(j.at("dscoSupplierId"), t.s1.dsco_account_id);
  EXPECT_EQ(j.at("status"), "new");
  EXPECT_EQ(j.at("isTest"), false);
}

TEST(ConversationJsonConversation, InitiatedBySupplier) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.s1, TestWorld::Basic(t.r1));
  const json j = View(t, c, t.s1);
  EXPECT_EQ(j.at("initiatedBy"), "supplier");
  EXPECT_EQ(j.at("dscoRetailerId"), t.r1.dsco_account_id);
  EXPECT_EQ(j.at("dscoSupplierId"), t.s1.dsco_account_id);
}

TEST(ConversationJsonConversation, StatusIsTheApiString) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  EXPECT_EQ(Neutral(t, c).at("status"), "new");
  t.MustAdd(t.s1, c.id);
  EXPECT_EQ(Neutral(t, Stored(t, c.id)).at("status"), "in_progress");
  UpdateConversationRequest u;
  u.dsco_conversation_id = c.id;
  u.status = ConversationStatus::kClosed;
  EXPECT_EQ(Neutral(t, MustUpdate(t, t.s1, u)).at("status"), "closed");
}

TEST(ConversationJsonConversation, StandardTypeIsAnObjectWithOnlyItsKind) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  EXPECT_EQ(Neutral(t, c).at("type"), json({{"type", "standard"}}));
}

TEST(ConversationJsonConversation, CustomerCareTypeCarriesTheConsumerId) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, CustomerCare(t.s1, "C-42"));
  EXPECT_EQ(Neutral(t, c).at("type"),
            json({{"type", "customer_care"}, {"consumerId", "C-42"}}));
}

TEST(ConversationJsonConversation, AccountContextIsJustItsType) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  EXPECT_EQ(Neutral(t, c).at("context"), json({{"type", "account"}}));
}

TEST(ConversationJsonConversation, OrderContextNamesTheOrder) {
  TestWorld t;
  CreateConversationRequest req = TestWorld::Basic(t.s1, "Order");
  ConversationContext order;
  order.kind = ContextKind::kOrder;
  order.po_number = "PO-1";
  req.context = order;
  const Conversation c = t.MustCreate(t.r1, req);
  const json context = View(t, c, t.s1).at("context");
  EXPECT_EQ(context.at("type"), "order");
  EXPECT_EQ(context.at("poNumber"), "PO-1");
  EXPECT_EQ(context, ContextToJson(c.context));
}

TEST(ConversationJsonConversation, DatesAreIso8601WithOffset) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  const json created = Neutral(t, c);
  EXPECT_EQ(created.at("createDate"), "2026-01-05T09:00:00+00:00");
  EXPECT_EQ(created.at("lastUpdate"), "2026-01-05T09:00:00+00:00");

  Advance(t, 90min);
  t.MustAdd(t.s1, c.id);
  const json updated = Neutral(t, Stored(t, c.id));
  EXPECT_EQ(updated.at("createDate"), "2026-01-05T09:00:00+00:00");
  EXPECT_EQ(updated.at("lastUpdate"), "2026-01-05T10:30:00+00:00");

  Advance(t, 250ms);
  t.MustAdd(t.r1, c.id);
  EXPECT_EQ(Neutral(t, Stored(t, c.id)).at("lastUpdate"), "2026-01-05T10:30:00.250+00:00");
}

TEST(ConversationJsonConversation, DueDateOnlyWhenSet) {
  TestWorld t;
  const Conversation plain = t.MustCreate(t.r1, TestWorld::Basic(t.s1, "plain"));
  EXPECT_FALSE(Neutral(t, plain).contains("dueDate"));

  CreateConversationRequest req = TestWorld::Basic(t.s1, "task");
  req.due_date = kDefaultWorldStart + 32h;
  const Conversation task = t.MustCreate(t.r1, req);
  EXPECT_EQ(Neutral(t, task).at("dueDate"), "2026-01-06T17:00:00+00:00");
}

TEST(ConversationJsonConversation, ClosedDateOnlyWhenClosed) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  EXPECT_FALSE(Neutral(t, c).contains("closedDate"));
  Advance(t, 1h);
  UpdateConversationRequest close;
  close.dsco_conversation_id = c.id;
  close.status = ConversationStatus::kClosed;
  const json closed = Neutral(t, MustUpdate(t, t.r1, close));
  EXPECT_EQ(closed.at("closedDate"), "2026-01-05T10:00:00+00:00");
  EXPECT_EQ(closed.at("lastUpdate"), "2026-01-05T10:00:00+00:00");

  UpdateConversationRequest reopen;
  reopen.dsco_conversation_id = c.id;
  reopen.status = ConversationStatus::kInProgress;
  EXPECT_FALSE(Neutral(t, MustUpdate(t, t.s1, reopen)).contains("closedDate"));
}

TEST(ConversationJsonConversation, TestTypeCustomerOnlyForTestConversations) {
  TestWorld t;
  const Conversation legit = t.MustCreate(t.r1, TestWorld::Basic(t.s1, "legit"));
  const json legit_json = Neutral(t, legit);
  EXPECT_EQ(legit_json.at("isTest"), false);
  EXPECT_FALSE(legit_json.contains("testType"));

  CreateConversationRequest req = TestWorld::Basic(t.s1, "test");
  req.is_test = true;
  const json test_json = Neutral(t, t.MustCreate(t.r1, req));
  EXPECT_EQ(test_json.at("isTest"), true);
  EXPECT_EQ(test_json.at("testType"), "customer");
}

TEST(ConversationJsonConversation, ReferenceIdsAndInitialMessageOnlyWhenSet) {
  TestWorld t;
  const Conversation plain = t.MustCreate(t.r1, TestWorld::Basic(t.s1, "plain"));
  const json plain_json = Neutral(t, plain);
  EXPECT_FALSE(plain_json.contains("retailerReferenceId"));
  EXPECT_FALSE(plain_json.contains("supplierReferenceId"));
  EXPECT_FALSE(plain_json.contains("initialMessage"));

  CreateConversationRequest req = TestWorld::Basic(t.s1, "referenced");
  req.reference_id = "R-REF";
  req.initial_message = "hello there";
  const json j = Neutral(t, t.MustCreate(t.r1, req));
  EXPECT_EQ(j.at("retailerReferenceId"), "R-REF");
  EXPECT_FALSE(j.contains("supplierReferenceId"));
  EXPECT_EQ(j.at("initialMessage"), json({{"message", "hello there"}}));
}

// ---------------------------------------------------------------------------------------
// Context objects, per kind

TEST(ConversationJsonContext, CatalogAndInventoryCarryTheItemIdsFlat) {
  ConversationContext c;
  c.kind = ContextKind::kCatalog;
  c.item.sku = "SKU-A";
  c.item.upc = "012345678905";
  c.item.partner_sku = "R1-A";
  EXPECT_EQ(ContextToJson(c),
            json({{"type", "catalog"},
                  {"sku", "SKU-A"},
                  {"upc", "012345678905"},
                  {"partnerSku", "R1-A"}}));
  c.kind = ContextKind::kInventory;
  EXPECT_EQ(ContextToJson(c).at("type"), "inventory");
  EXPECT_EQ(ContextToJson(c).at("sku"), "SKU-A");
}

TEST(ConversationJsonContext, OrderWithLineItem) {
  ConversationContext c;
  c.kind = ContextKind::kOrder;
  c.dsco_order_id = "1000";
  c.po_number = "PO-1";
  OrderLineRef line;
  line.item.sku = "SKU-B";
  line.line_number = 2;
  c.line_item = line;
  EXPECT_EQ(ContextToJson(c), json({{"type", "order"},
                                    {"dscoOrderId", "1000"},
                                    {"poNumber", "PO-1"},
                                    {"lineItem", {{"sku", "SKU-B"}, {"lineNumber", 2}}}}));
}

TEST(ConversationJsonContext, ContractInvoiceAndReturn) {
  ConversationContext contract;
  contract.kind = ContextKind::kContract;
  contract.dsco_contract_id = "K-1";
  EXPECT_EQ(ContextToJson(contract), json({{"type", "contract"}, {"dscoContractId", "K-1"}}));

  ConversationContext invoice;
  invoice.kind = ContextKind::kInvoice;
  invoice.invoice_id = "INV-1";
  invoice.po_number = "PO-1";
  EXPECT_EQ(ContextToJson(invoice),
            json({{"type", "invoice"}, {"invoiceId", "INV-1"}, {"poNumber", "PO-1"}}));

  ConversationContext ret;
  ret.kind = ContextKind::kReturn;
  ret.retailer_return_number = "RET-1";
  ret.dsco_order_id = "1000";
  EXPECT_EQ(ContextToJson(ret), json({{"type", "return"},
                                      {"retailerReturnNumber", "RET-1"},
                                      {"dscoOrderId", "1000"}}));
}

TEST(ConversationJsonContext, FieldsOfOtherKindsAreLeftOut) {
  ConversationContext account;
  account.kind = ContextKind::kAccount;
  account.po_number = "PO-1";
  account.dsco_contract_id = "K-1";
  account.dsco_account_id = "123";
  EXPECT_EQ(ContextToJson(account), json({{"type", "account"}}));

  ConversationContext contract;
  contract.kind = ContextKind::kContract;
  contract.dsco_contract_id = "K-1";
  contract.po_number = "PO-1";
  contract.item.sku = "SKU-A";
  EXPECT_EQ(ContextToJson(contract), json({{"type", "contract"}, {"dscoContractId", "K-1"}}));
}

// ---------------------------------------------------------------------------------------
// Conversation: names as the viewer knows the other party

TEST(ConversationJsonViewer, SupplierSeesTheRetailerUnderItsOwnIdAndName) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  const json j = View(t, c, t.s1);
  EXPECT_EQ(j.at("dscoRetailerTradingPartnerId"), "R1@S1");
  EXPECT_EQ(j.at("dscoRetailerTradingPartnerName"), "Retailer One");
  EXPECT_FALSE(j.contains("dscoSupplierTradingPartnerId"));
  EXPECT_FALSE(j.contains("dscoSupplierTradingPartnerName"));
}

TEST(ConversationJsonViewer, RetailerSeesTheSupplierUnderItsOwnIdAndName) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.s1, TestWorld::Basic(t.r1));
  const json j = View(t, c, t.r1);
  EXPECT_EQ(j.at("dscoSupplierTradingPartnerId"), "S1@R1");
  EXPECT_EQ(j.at("dscoSupplierTradingPartnerName"), "Supplier One");
  EXPECT_FALSE(j.contains("dscoRetailerTradingPartnerId"));
  EXPECT_FALSE(j.contains("dscoRetailerTradingPartnerName"));
}

TEST(ConversationJsonViewer, NeutralViewerSeesNoTradingPartnerNames) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  const json j = Neutral(t, c);
  EXPECT_FALSE(j.contains("dscoRetailerTradingPartnerId"));
  EXPECT_FALSE(j.contains("dscoRetailerTradingPartnerName"));
  EXPECT_FALSE(j.contains("dscoSupplierTradingPartnerId"));
  EXPECT_FALSE(j.contains("dscoSupplierTradingPartnerName"));
}

TEST(ConversationJsonViewer, SupplierThatNeverNamedTheRetailerSeesNoRetailerNames) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s2));
  const json j = View(t, c, t.s2);
  EXPECT_FALSE(j.contains("dscoRetailerTradingPartnerId"));
  EXPECT_FALSE(j.contains("dscoRetailerTradingPartnerName"));
  EXPECT_FALSE(j.contains("dscoSupplierTradingPartnerId"));
  EXPECT_FALSE(j.contains("dscoSupplierTradingPartnerName"));
  // R1 did name S2.
  const json r1_view = View(t, c, t.r1);
  EXPECT_EQ(r1_view.at("dscoSupplierTradingPartnerId"), "S2@R1");
  EXPECT_EQ(r1_view.at("dscoSupplierTradingPartnerName"), "Supplier Two");
}

TEST(ConversationJsonViewer, IdWithoutANameGivesOnlyTheId) {
  TestWorld t;  // R2 calls S1 "S1@R2" but gave it no name
  const Conversation c = t.MustCreate(t.r2, TestWorld::Basic(t.s1));
  const json j = View(t, c, t.r2);
  EXPECT_EQ(j.at("dscoSupplierTradingPartnerId"), "S1@R2");
  EXPECT_FALSE(j.contains("dscoSupplierTradingPartnerName"));
  const json s1_view = View(t, c, t.s1);
  EXPECT_EQ(s1_view.at("dscoRetailerTradingPartnerId"), "R2@S1");
  EXPECT_EQ(s1_view.at("dscoRetailerTradingPartnerName"), "Retailer Two");
}

TEST(ConversationJsonViewer, EverythingElseIsTheSameForBothParticipants) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  json r1_view = View(t, c, t.r1);
  json s1_view = View(t, c, t.s1);
  r1_view.erase("dscoSupplierTradingPartnerId");
  r1_view.erase("dscoSupplierTradingPartnerName");
  s1_view.erase("dscoRetailerTradingPartnerId");
  s1_view.erase("dscoRetailerTradingPartnerName");
  EXPECT_EQ(r1_view, s1_view);
  EXPECT_EQ(r1_view, Neutral(t, c));
}

// ---------------------------------------------------------------------------------------
// Messages

TEST(ConversationJsonMessage, CoreFields) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  Advance(t, 30min);
  const ConversationMessage m = t.MustAdd(t.r1, c.id, "Where is my order?");
  const json j = View(t, m, t.s1);
  EXPECT_EQ(j.at("dscoMessageId"), m.id);
  EXPECT_EQ(j.at("dscoConversationId"), c.id);
  EXPECT_EQ(j.at("message"), "Where is my order?");
  EXPECT_EQ(j.at("accountType"), "retailer");
  EXPECT_EQ(j.at("dscoAccountId"), t.r1.dsco_account_id);
  EXPECT_EQ(j.at("recipientDscoAccountId"), t.s1.dsco_account_id);
  EXPECT_EQ(j.at("createDate"), "2026-01-05T09:30:00+00:00");
  EXPECT_EQ(j.at("isTest"), false);
  EXPECT_FALSE(j.contains("testType"));
}

TEST(ConversationJsonMessage, AuthorViewerSeesOnlyTheRecipientsNames) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  const ConversationMessage m = t.MustAdd(t.r1, c.id);
  const json j = View(t, m, t.r1);
  EXPECT_FALSE(j.contains("dscoTradingPartnerId"));
  EXPECT_FALSE(j.contains("dscoTradingPartnerName"));
  EXPECT_EQ(j.at("recipientDscoTradingPartnerId"), "S1@R1");
  EXPECT_EQ(j.at("recipientDscoTradingPartnerName"), "Supplier One");
}

TEST(ConversationJsonMessage, RecipientViewerSeesOnlyTheAuthorsNames) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  const ConversationMessage m = t.MustAdd(t.r1, c.id);
  const json j = View(t, m, t.s1);
  EXPECT_EQ(j.at("dscoTradingPartnerId"), "R1@S1");
  EXPECT_EQ(j.at("dscoTradingPartnerName"), "Retailer One");
  EXPECT_FALSE(j.contains("recipientDscoTradingPartnerId"));
  EXPECT_FALSE(j.contains("recipientDscoTradingPartnerName"));
}

TEST(ConversationJsonMessage, SupplierAuthoredMessageInTheRetailersTerms) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  const ConversationMessage m = t.MustAdd(t.s1, c.id);
  const json to_r1 = View(t, m, t.r1);
  EXPECT_EQ(to_r1.at("accountType"), "supplier");
  EXPECT_EQ(to_r1.at("dscoTradingPartnerId"), "S1@R1");
  EXPECT_EQ(to_r1.at("dscoTradingPartnerName"), "Supplier One");
  EXPECT_FALSE(to_r1.contains("recipientDscoTradingPartnerId"));
  const json to_s1 = View(t, m, t.s1);
  EXPECT_FALSE(to_s1.contains("dscoTradingPartnerId"));
  EXPECT_EQ(to_s1.at("recipientDscoTradingPartnerId"), "R1@S1");
  EXPECT_EQ(to_s1.at("recipientDscoTradingPartnerName"), "Retailer One");
}

TEST(ConversationJsonMessage, NeutralViewerSeesNoTradingPartnerNames) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  const ConversationMessage m = t.MustAdd(t.r1, c.id);
  const json j = MessageToJson(m, Stored(t, c.id), t.world.accounts(), "");
  EXPECT_FALSE(j.contains("dscoTradingPartnerId"));
  EXPECT_FALSE(j.contains("dscoTradingPartnerName"));
  EXPECT_FALSE(j.contains("recipientDscoTradingPartnerId"));
  EXPECT_FALSE(j.contains("recipientDscoTradingPartnerName"));
}

TEST(ConversationJsonMessage, UnnamedAuthorGivesNoAuthorNames) {
  TestWorld t;  // S2 never gave R1 an id or a name
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s2));
  const ConversationMessage m = t.MustAdd(t.r1, c.id);
  const json j = View(t, m, t.s2);
  EXPECT_FALSE(j.contains("dscoTradingPartnerId"));
  EXPECT_FALSE(j.contains("dscoTradingPartnerName"));
  EXPECT_FALSE(j.contains("recipientDscoTradingPartnerId"));
  EXPECT_EQ(j.at("dscoAccountId"), t.r1.dsco_account_id);
}

TEST(ConversationJsonMessage, CustomerCareMessagesCarryTheirType) {
  TestWorld t;
  CreateConversationRequest req = CustomerCare(t.s1, "C-42");
  req.initial_message = "my parcel is late";
  const Conversation c = t.MustCreate(t.r1, req);
  ASSERT_EQ(c.message_ids.size(), 1u);
  const ConversationMessage* from_consumer = t.store().FindMessage(c.message_ids[0]);
  ASSERT_NE(from_consumer, nullptr);
  EXPECT_EQ(View(t, *from_consumer, t.s1).at("type"),
            json({{"type", "customer_care"},
                  {"customerCareType", "message_from_consumer"},
                  {"consumerId", "C-42"}}));

  const ConversationMessage answer = t.MustAdd(t.s1, c.id, "it ships today");
  EXPECT_EQ(View(t, answer, t.r1).at("type"),
            json({{"type", "customer_care"},
                  {"customerCareType", "response_to_consumer"},
                  {"consumerId", "C-42"}}));
}

TEST(ConversationJsonMessage, StandardMessagesHaveNoType) {
  TestWorld t;
  const Conversation c = t.MustCreate(t.r1, TestWorld::Basic(t.s1));
  EXPECT_FALSE(View(t, t.MustAdd(t.r1, c.id), t.s1).contains("type"));
  EXPECT_FALSE(View(t, t.MustAdd(t.s1, c.id), t.r1).contains("type"));
}

TEST(ConversationJsonMessage, TestMessagesHaveTestTypeCustomer) {
  TestWorld t;
  CreateConversationRequest req = TestWorld::Basic(t.s1);
  req.is_test = true;
  const Conversation c = t.MustCreate(t.r1, req);
  const json j = View(t, t.MustAdd(t.r1, c.id), t.s1);
  EXPECT_EQ(j.at("isTest"), true);
  EXPECT_EQ(j.at("testType"), "customer");
}

TEST(ConversationJsonMessage, ReferenceIdsComeFromTheConversation) {
  TestWorld t;
  CreateConversationRequest req = TestWorld::Basic(t.s1);
  req.reference_id = "R-REF";
  const Conversation c = t.MustCreate(t.r1, req);
  const ConversationMessage m = t.MustAdd(t.s1, c.id);
  json j = View(t, m, t.s1);
  EXPECT_EQ(j.at("retailerReferenceId"), "R-REF");
  EXPECT_FALSE(j.contains("supplierReferenceId"));

  UpdateConversationRequest u;
  u.dsco_conversation_id = c.id;
  u.supplier_reference_id = "S-REF";
  MustUpdate(t, t.s1, u);
  j = View(t, m, t.r1);
  EXPECT_EQ(j.at("retailerReferenceId"), "R-REF");
  EXPECT_EQ(j.at("supplierReferenceId"), "S-REF");
}

}  // namespace
}  // namespace dscosim::test_support
