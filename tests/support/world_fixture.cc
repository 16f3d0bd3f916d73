#include "tests/support/world_fixture.h"

#include <utility>

#include "model/conversation_json.h"

namespace dscosim::testing {
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

  ObjectDirectory& objects = world.objects();
  const auto item = [&](const Account& supplier, std::string sku, std::optional<std::string> upc,
                        std::optional<std::string> r1_sku) {
    DirectoryItem it;
    it.supplier_id = supplier.dsco_account_id;
    it.ids.dsco_item_id = world.ids().NextDscoId();
    it.ids.sku = std::move(sku);
    it.ids.upc = std::move(upc);
    if (r1_sku) it.partner_sku_by_retailer[r1.dsco_account_id] = *r1_sku;
    objects.AddItem(it);
    return it;
  };
  const DirectoryItem a = item(s1, "SKU-A", "012345678905", "R1-A");
  const DirectoryItem b = item(s1, "SKU-B", std::nullopt, std::nullopt);
  const DirectoryItem z = item(s2, "SKU-Z", std::nullopt, std::nullopt);
  ids.item_a = *a.ids.dsco_item_id;
  ids.item_b = *b.ids.dsco_item_id;
  ids.item_z = *z.ids.dsco_item_id;

  const auto order = [&](const Account& supplier, std::string po,
                         std::vector<DirectoryItem> items) {
    DirectoryOrder o;
    o.dsco_order_id = world.ids().NextDscoId();
    o.retailer_id = r1.dsco_account_id;
    o.supplier_id = supplier.dsco_account_id;
    o.po_number = std::move(po);
    o.consumer_order_number = "C-" + o.dsco_order_id;
    std::int64_t n = 0;
    for (const DirectoryItem& it : items) {
      DirectoryOrderLine line;
      line.line_number = ++n;
      line.item = it.ids;
      const auto psku = it.partner_sku_by_retailer.find(r1.dsco_account_id);
      if (psku != it.partner_sku_by_retailer.end()) line.item.partner_sku = psku->second;
      o.lines.push_back(line);
    }
    objects.AddOrder(o);
    return o.dsco_order_id;
  };
  ids.order_po1 = order(s1, "PO-1", {a, b});
  ids.order_po1_split = order(s1, "PO-1", {b});
  ids.order_po9 = order(s2, "PO-9", {z});

  ids.invoice = world.ids().NextDscoId();
  objects.AddInvoice({ids.invoice, "INV-1", r1.dsco_account_id, s1.dsco_account_id, "PO-1",
                      std::nullopt, std::nullopt});
  ids.return_id = world.ids().NextDscoId();
  objects.AddReturn({ids.return_id, r1.dsco_account_id, s1.dsco_account_id, "RET-1",
                     std::nullopt, ids.order_po1, "PO-1"});
  objects.AddContract({"K-1", r1.dsco_account_id, s1.dsco_account_id});
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

}  // namespace dscosim::testing
