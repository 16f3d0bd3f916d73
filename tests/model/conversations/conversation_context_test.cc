// Conversation contexts: the seven kinds, their shapes, and resolution against the
// objects the two parties share.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dscosim/model/conversations/conversation_context.h"
#include "dscosim/tests/support/world_fixture.h"

namespace dscosim {
namespace {

using test_support::TestWorld;
using ::testing::_;
using ::testing::AllOf;
using ::testing::Field;

CreateConversationRequest WithContext(const Account& other, ConversationContext context) {
  CreateConversationRequest req = TestWorld::Basic(other);
  req.context = std::move(context);
  return req;
}

ConversationContext OrderByPo(std::string po) {
  ConversationContext c;
  c.kind = ContextKind::kOrder;
  c.po_number = std::move(po);
  return c;
}

ConversationContext Item(ContextKind kind) {
  ConversationContext c;
  c.kind = kind;
  return c;
}

TEST(ConversationContext, DefaultsToAccount) {
  TestWorld w;
  EXPECT_EQ(w.MustCreate(w.r1, TestWorld::Basic(w.s1)).context.kind, ContextKind::kAccount);
}

TEST(ConversationContext, KeepsOnlyTheFieldsOfItsKind) {
  TestWorld w;
  ConversationContext c;
  c.kind = ContextKind::kAccount;
  c.dsco_order_id = "123";
  c.item.sku = "SKU-A";
  const Conversation conv = w.MustCreate(w.r1, WithContext(w.s1, c));
  EXPECT_EQ(conv.context, ConversationContext{});
}

TEST(ConversationContext, OrderByPoNumberResolvesToTheFirstOfASplitOrder) {
  TestWorld w;
  const Conversation c = w.MustCreate(w.r1, WithContext(w.s1, OrderByPo("PO-1")));
  EXPECT_EQ(c.context.kind, ContextKind::kOrder);
  EXPECT_EQ(c.context.po_number, "PO-1");
  EXPECT_EQ(c.context.dsco_order_id, w.ids.order_po1);
}

TEST(ConversationContext, OrderByDscoOrderIdPicksThatExactOrder) {
  TestWorld w;
  ConversationContext ctx;
  ctx.kind = ContextKind::kOrder;
  ctx.dsco_order_id = w.ids.order_po1_split;
  EXPECT_EQ(w.MustCreate(w.r1, WithContext(w.s1, ctx)).context.dsco_order_id,
            w.ids.order_po1_split);
}

TEST(ConversationContext, SupplierMayUseAnOrderContextToo) {
  TestWorld w;
  EXPECT_EQ(w.MustCreate(w.s1, WithContext(w.r1, OrderByPo("PO-1"))).context.dsco_order_id,
            w.ids.order_po1);
}

TEST(ConversationContext, OrderMustBeBetweenTheTwoParties) {
  TestWorld w;
  // PO-9 is R1's order with S2, not with S1.
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, WithContext(w.s1, OrderByPo("PO-9"))),
                 StatusCode::kNotFound, "context.poNumber");
  EXPECT_TRUE(w.store().Create(w.r1.dsco_account_id, WithContext(w.s2, OrderByPo("PO-9"))).ok());
  // R2 trades with S1 but PO-1 is R1's.
  EXPECT_REFUSED(w.world, w.store().Create(w.r2.dsco_account_id, WithContext(w.s1, OrderByPo("PO-1"))),
                 StatusCode::kNotFound, "context.poNumber");
}

TEST(ConversationContext, OrderNeedsAnIdentifier) {
  TestWorld w;
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id,
                                           WithContext(w.s1, Item(ContextKind::kOrder))),
                 StatusCode::kInvalidArgument, "context.dscoOrderId");
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, WithContext(w.s1, OrderByPo(""))),
                 StatusCode::kInvalidArgument, "context.poNumber");
}

TEST(ConversationContext, OrderIdentifiersMustAgree) {
  TestWorld w;
  ConversationContext ctx = OrderByPo("PO-1");
  ctx.dsco_order_id = w.ids.order_po9;
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, WithContext(w.s1, ctx)),
                 StatusCode::kNotFound, "context.dscoOrderId");
}

TEST(ConversationContext, OrderLineItemResolvesByItemId) {
  TestWorld w;
  ConversationContext ctx = OrderByPo("PO-1");
  ctx.line_item = OrderLineRef{};
  ctx.line_item->item.sku = "SKU-A";
  const Conversation c = w.MustCreate(w.r1, WithContext(w.s1, ctx));
  ASSERT_TRUE(c.context.line_item.has_value());
  EXPECT_EQ(c.context.line_item->item.dsco_item_id, w.ids.item_a);

  ctx.line_item->item = {};
  ctx.line_item->item.partner_sku = "R1-A";  // the retailer's own sku
  EXPECT_EQ(w.MustCreate(w.r1, WithContext(w.s1, ctx)).context.line_item->item.dsco_item_id,
            w.ids.item_a);
}

TEST(ConversationContext, OrderLineItemRefusals) {
  TestWorld w;
  ConversationContext ctx = OrderByPo("PO-1");
  ctx.line_item = OrderLineRef{};
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, WithContext(w.s1, ctx)),
                 StatusCode::kInvalidArgument, "context.lineItem");
  ctx.line_item->item.upc = "123";
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, WithContext(w.s1, ctx)),
                 StatusCode::kInvalidArgument, "context.lineItem.upc");
  ctx.line_item->item = {};
  ctx.line_item->item.sku = std::string(91, 'S');
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, WithContext(w.s1, ctx)),
                 StatusCode::kInvalidArgument, "context.lineItem.sku");
  ctx.line_item->item.sku = "SKU-Z";  // not on PO-1
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, WithContext(w.s1, ctx)),
                 StatusCode::kNotFound, "context.lineItem.sku");
  ctx.line_item->item.sku = "SKU-A";
  ctx.line_item->line_number = 2;  // SKU-A is line 1
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, WithContext(w.s1, ctx)),
                 StatusCode::kNotFound, "context.lineItem.sku");
}

TEST(ConversationContext, CatalogAndInventoryResolveAnItemOfTheSupplier) {
  TestWorld w;
  for (const ContextKind kind : {ContextKind::kCatalog, ContextKind::kInventory}) {
    ConversationContext ctx = Item(kind);
    ctx.item.sku = "SKU-A";
    EXPECT_EQ(w.MustCreate(w.r1, WithContext(w.s1, ctx)).context.item.dsco_item_id, w.ids.item_a);
    ctx.item = {};
    ctx.item.upc = "012345678905";
    EXPECT_EQ(w.MustCreate(w.r1, WithContext(w.s1, ctx)).context.item.dsco_item_id, w.ids.item_a);
    ctx.item = {};
    ctx.item.partner_sku = "R1-A";
    EXPECT_EQ(w.MustCreate(w.r1, WithContext(w.s1, ctx)).context.item.dsco_item_id, w.ids.item_a);
    ctx.item = {};
    ctx.item.sku = "SKU-Z";  // S2's item
    EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, WithContext(w.s1, ctx)),
                   StatusCode::kNotFound, "context.sku");
    EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, WithContext(w.s1, Item(kind))),
                   StatusCode::kInvalidArgument, "context.sku");
  }
}

TEST(ConversationContext, ItemIdentifierFormats) {
  const struct {
    const char* field;
    std::optional<std::string> ItemIdentifiers::*member;
    std::vector<std::string> good, bad;
  } cases[] = {
      {"upc", &ItemIdentifiers::upc, {"123456", "123456789012"}, {"12345", "1234567", "12345678901a"}},
      {"ean", &ItemIdentifiers::ean, {"12345678", "1234567890123"}, {"123456789", ""}},
      {"isbn", &ItemIdentifiers::isbn, {"1234567890", "1234567890123"}, {"123456789012"}},
      {"gtin", &ItemIdentifiers::gtin, {"12345678", "123456789012", "12345678901234"},
       {"1234567890", "123456789012345"}},
  };
  for (const auto& c : cases) {
    for (const std::string& good : c.good) {
      ItemIdentifiers ids;
      ids.*c.member = good;
      EXPECT_TRUE(ValidateItemIdentifiers(ids, "context.").ok()) << c.field << "=" << good;
    }
    for (const std::string& bad : c.bad) {
      ItemIdentifiers ids;
      ids.*c.member = bad;
      const Status s = ValidateItemIdentifiers(ids, "context.");
      EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << c.field << "=" << bad;
      EXPECT_EQ(s.field(), std::string("context.") + c.field);
    }
  }
}

TEST(ConversationContext, Contract) {
  TestWorld w;
  ConversationContext ctx = Item(ContextKind::kContract);
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, WithContext(w.s1, ctx)),
                 StatusCode::kInvalidArgument, "context.dscoContractId");
  ctx.dsco_contract_id = "K-2";
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, WithContext(w.s1, ctx)),
                 StatusCode::kNotFound, "context.dscoContractId");
  ctx.dsco_contract_id = "K-1";
  EXPECT_EQ(w.MustCreate(w.s1, WithContext(w.r1, ctx)).context.dsco_contract_id, "K-1");
}

TEST(ConversationContext, InvoiceByEitherIdWithConvenienceFieldsChecked) {
  TestWorld w;
  ConversationContext ctx = Item(ContextKind::kInvoice);
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, WithContext(w.s1, ctx)),
                 StatusCode::kInvalidArgument, "context.invoiceId");
  ctx.invoice_id = "INV-1";
  EXPECT_EQ(w.MustCreate(w.r1, WithContext(w.s1, ctx)).context.dsco_invoice_id, w.ids.invoice);
  ctx.invoice_id.reset();
  ctx.dsco_invoice_id = w.ids.invoice;
  EXPECT_EQ(w.MustCreate(w.r1, WithContext(w.s1, ctx)).context.dsco_invoice_id, w.ids.invoice);
  ctx.po_number = "PO-9";  // INV-1 is on PO-1
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, WithContext(w.s1, ctx)),
                 StatusCode::kNotFound, "context.dscoInvoiceId");
}

TEST(ConversationContext, Return) {
  TestWorld w;
  ConversationContext ctx = Item(ContextKind::kReturn);
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, WithContext(w.s1, ctx)),
                 StatusCode::kInvalidArgument, "context.dscoReturnId");
  ctx.retailer_return_number = "RET-1";
  EXPECT_EQ(w.MustCreate(w.r1, WithContext(w.s1, ctx)).context.dsco_return_id, w.ids.return_id);
  // The return must involve both participants.
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, WithContext(w.s2, ctx)),
                 StatusCode::kNotFound, "context.retailerReturnNumber");
}

TEST(ConversationContext, PartnerHintMustNameTheOtherParty) {
  TestWorld w;
  ConversationContext ctx = OrderByPo("PO-1");
  ctx.dsco_account_id = w.s2.dsco_account_id;
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, WithContext(w.s1, ctx)),
                 StatusCode::kInvalidArgument, "context.dscoAccountId");
  ctx.dsco_account_id = w.s1.dsco_account_id;
  EXPECT_TRUE(w.store().Create(w.r1.dsco_account_id, WithContext(w.s1, ctx)).ok());
  ctx.dsco_account_id.reset();
  ctx.dsco_trading_partner_id = "S2@R1";
  EXPECT_REFUSED(w.world, w.store().Create(w.r1.dsco_account_id, WithContext(w.s1, ctx)),
                 StatusCode::kInvalidArgument, "context.dscoTradingPartnerId");
  ctx.dsco_trading_partner_id = "S1@R1";
  EXPECT_TRUE(w.store().Create(w.r1.dsco_account_id, WithContext(w.s1, ctx)).ok());
}

class MockResolver : public ContextResolver {
 public:
  MOCK_METHOD(Result<ConversationContext>, Resolve,
              (const ConversationContext&, const ContextParties&), (const, override));
};

TEST(ConversationContext, AsksTheResolverWithTheConversationsParties) {
  TestWorld w;
  ::testing::StrictMock<MockResolver> resolver;
  ConversationContext resolved = OrderByPo("PO-X");
  resolved.dsco_order_id = "42";
  EXPECT_CALL(resolver,
              Resolve(Field(&ConversationContext::po_number, std::optional<std::string>("PO-X")),
                      AllOf(Field(&ContextParties::retailer_id, w.r1.dsco_account_id),
                            Field(&ContextParties::supplier_id, w.s1.dsco_account_id),
                            Field(&ContextParties::caller_role, Role::kSupplier))))
      .WillOnce([&](const ConversationContext&, const ContextParties&) {
        return Result<ConversationContext>(resolved);
      });
  auto out = CheckConversationContext(OrderByPo("PO-X"),
                                      {w.r1.dsco_account_id, w.s1.dsco_account_id, Role::kSupplier},
                                      w.s1.dsco_account_id, w.world.accounts(), &resolver);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->dsco_order_id, "42");
}

TEST(ConversationContext, ResolverErrorsAreNamedUnderContext) {
  TestWorld w;
  ::testing::StrictMock<MockResolver> resolver;
  EXPECT_CALL(resolver, Resolve(_, _))
      .WillOnce([](const ConversationContext&, const ContextParties&) {
        return Result<ConversationContext>(NotFound("lineItem.sku", "no line"));
      });
  ConversationContext ctx = OrderByPo("PO-X");
  ctx.line_item = OrderLineRef{};
  ctx.line_item->item.sku = "Q";
  auto out = CheckConversationContext(ctx, {w.r1.dsco_account_id, w.s1.dsco_account_id,
                                            Role::kRetailer},
                                      w.r1.dsco_account_id, w.world.accounts(), &resolver);
  EXPECT_EQ(out.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(out.status().field(), "context.lineItem.sku");
}

TEST(ConversationContext, AccountContextNeverAsksTheResolver) {
  TestWorld w;
  ::testing::StrictMock<MockResolver> resolver;  // any call fails the test
  auto out = CheckConversationContext(ConversationContext{},
                                      {w.r1.dsco_account_id, w.s1.dsco_account_id, Role::kRetailer},
                                      w.r1.dsco_account_id, w.world.accounts(), &resolver);
  EXPECT_TRUE(out.ok());
}

TEST(ConversationContext, WithoutAResolverObjectContextsAreNotFound) {
  TestWorld w;
  auto out = CheckConversationContext(OrderByPo("PO-1"),
                                      {w.r1.dsco_account_id, w.s1.dsco_account_id, Role::kRetailer},
                                      w.r1.dsco_account_id, w.world.accounts(), nullptr);
  EXPECT_EQ(out.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(out.status().field(), "context");
}

}  // namespace
}  // namespace dscosim
