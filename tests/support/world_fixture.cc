#include "dscosim/tests/support/world_fixture.h"

#include <utility>

#include "dscosim/model/conversations/conversation_json.h"

namespace dscosim::test_support {
namespace {

Account Must(Result<Account> r) {
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : Account{};
}

void MustOk(const Status& s) { EXPECT_TRUE(s.ok()) << s; }

}  // namespace

TestWorld::TestWorld(ConversationPolicy policy, std::uint64_t seed)
    : world([&] {
        WorldOptions o;
        o.seed = seed;
        o.conversations = policy;
        o.invoices.visibility_delay = Duration::zero();
        return o;
      }()) {
  r1 = Must(world.CreateAccount(Role::kRetailer, "Retailer One"));
  r2 = Must(world.CreateAccount(Role::kRetailer, "Retailer Two"));
  s1 = Must(world.CreateAccount(Role::kSupplier, "Supplier One"));
  s2 = Must(world.CreateAccount(Role::kSupplier, "Supplier Two"));
  MustOk(world.LinkPartners({r1.dsco_account_id, s1.dsco_account_id, "S1@R1", "Supplier One",
                             "R1@S1", "Retailer One"}));
  MustOk(world.LinkPartners({r1.dsco_account_id, s2.dsco_account_id, "S2@R1", "Supplier Two",
                             "", ""}));
  MustOk(world.LinkPartners({r2.dsco_account_id, s1.dsco_account_id, "S1@R2", "", "R2@S1",
                             "Retailer Two"}));

  // Real objects, so contexts resolve through the world's stores.
  const auto item = [&](const Account& supplier, std::string sku, std::optional<std::string> upc,
                        std::optional<std::string> r1_sku) {
    Item it;
    it.supplier_id = supplier.dsco_account_id;
    it.sku = std::move(sku);
    it.upc = std::move(upc);
    if (r1_sku) it.partner_sku_by_retailer[r1.dsco_account_id] = *r1_sku;
    auto stored = world.items().Put(std::move(it));
    EXPECT_TRUE(stored.ok()) << stored.status();
    return stored.ok() ? *stored : Item{};
  };
  const Item a = item(s1, "SKU-A", "012345678905", "R1-A");
  const Item b = item(s1, "SKU-B", std::nullopt, std::nullopt);
  const Item z = item(s2, "SKU-Z", std::nullopt, std::nullopt);
  ids.item_a = a.dsco_item_id;
  ids.item_b = b.dsco_item_id;
  ids.item_z = z.dsco_item_id;

  // Orders, created and visible; every unit shipped, so it can be invoiced and returned.
  const auto order = [&](const Account& supplier, std::string po, std::vector<Item> items) {
    Order o;
    o.dsco_order_id = world.ids().NextDscoId();
    o.consumer_order_number = "C-" + o.dsco_order_id;
    o.retailer_id = r1.dsco_account_id;
    o.supplier_id = supplier.dsco_account_id;
    o.po_number = std::move(po);
    o.lifecycle = OrderLifecycle::kCompleted;
    std::int64_t n = 0;
    for (const Item& it : items) {
      OrderLine line;
      line.line_number = ++n;
      line.dsco_item_id = it.dsco_item_id;
      line.sku = it.sku;
      line.given.sku = it.sku;
      line.quantity = 1;
      line.shipped_quantity = 1;
      o.lines.push_back(line);
    }
    auto stored = world.orders().Put(std::move(o));
    EXPECT_TRUE(stored.ok()) << stored.status();
    return stored.ok() ? stored->dsco_order_id : std::string();
  };
  ids.order_po1 = order(s1, "PO-1", {a, b});
  ids.order_po1_split = order(s1, "PO-1", {b});
  ids.order_po9 = order(s2, "PO-9", {z});

  auto invoice = world.invoices().Create(
      s1.dsco_account_id, {{"invoiceId", "INV-1"}, {"totalAmount", 10.0},
                           {"dscoOrderId", ids.order_po1}, {"poNumber", "PO-1"}});
  EXPECT_TRUE(invoice.ok()) << invoice.status();
  if (invoice.ok()) ids.invoice = world.invoices().FindByInvoiceId(s1.dsco_account_id, "INV-1")->dsco_invoice_id;
  auto ret = world.returns().Create(
      r1.dsco_account_id,
      {{"returnNumber", "RET-1"}, {"dscoOrderId", ids.order_po1},
       {"lineItems", {{{"sku", "SKU-A"}, {"quantity", 1}, {"reasonCode", "DAMAGED"}}}}});
  EXPECT_TRUE(ret.ok()) << ret.status();
  if (ret.ok()) ids.return_id = world.returns().FindByNumber(r1.dsco_account_id, "RET-1")->dsco_return_id;
  auto contract = world.contracts().Share({"K-1", r1.dsco_account_id, s1.dsco_account_id, "Terms", {}, {}});
  EXPECT_TRUE(contract.ok()) << contract.status();
}

CreateConversationRequest TestWorld::Basic(const Account& other, std::string title) {
  CreateConversationRequest req;
  req.title = std::move(title);
  req.other_party_dsco_account_id = other.dsco_account_id;
  return req;
}

Conversation TestWorld::MustCreate(const Account& caller,
                                   const CreateConversationRequest& request) {
  auto r = store().Create(caller.dsco_account_id, request);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : Conversation{};
}

ConversationMessage TestWorld::MustAdd(const Account& caller,
                                       const std::string& conversation_id, std::string text) {
  AddMessageRequest req;
  req.dsco_conversation_id = conversation_id;
  req.message = std::move(text);
  auto r = store().AddMessage(caller.dsco_account_id, req);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : ConversationMessage{};
}

std::string Fingerprint(const World& world) {
  nlohmann::json out;
  const ConversationStore& store = world.conversations();
  for (const auto& [id, c] : store.conversations()) {
    nlohmann::json j = ConversationToJson(c, world.accounts(), "");
    j["_lastActivity"] = MicrosOf(c.last_activity);
    j["_visibleAt"] = MicrosOf(c.visible_at);
    j["_sequence"] = c.sequence;
    j["_messages"] = c.message_ids;
    j["_timer"] = c.auto_close_timer;
    out["conversations"][id] = j;
  }
  for (const auto& [id, m] : store.messages()) {
    out["messages"][id] = MessageToJson(m, *store.Find(m.conversation_id), world.accounts(), "");
  }
  out["conversationScrolls"] = store.conversation_scrolls().Describe(world.now());
  out["messageScrolls"] = store.message_scrolls().Describe(world.now());
  out["now"] = MicrosOf(world.now());
  out["pendingTimers"] = world.clock().PendingTimers();
  out["traceHash"] = world.trace().hash_hex();
  out["traceTotal"] = world.trace().total();
  World probe = world;  // the ids the world would hand out next
  out["nextId"] = probe.ids().NextDscoId();
  out["nextToken"] = probe.tokens().NextToken(16);
  return out.dump();
}

}  // namespace dscosim::test_support
