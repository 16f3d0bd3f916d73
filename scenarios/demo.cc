#include "dscosim/scenarios/demo.h"

#include <array>
#include <utility>

#include "dscosim/scenarios/worlds/demo_world.h"
#include "dscosim/scenarios/message_poller.h"

namespace dscosim {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

constexpr std::array<const char*, 5> kComplaints = {
    "Why is my order late?",
    "The box arrived crushed and one item is broken.",
    "I received the wrong colour.",
    "Can I still change the delivery address?",
    "The tracking number does not work.",
};
constexpr std::array<const char*, 4> kResponses = {
    "We're sorry for the delay; it ships tomorrow with express delivery.",
    "We're sorry; a replacement is on its way, no need to return the damaged one.",
    "Apologies for the mix-up; we will send the right colour and a return label.",
    "Thanks for your patience; we have checked with the carrier and updated the tracking.",
};
constexpr std::array<const char*, 4> kTaskTitles = {
    "Item description needs more detail",
    "Please confirm ship date for next week",
    "Inventory feed missing two warehouses",
    "Quarterly catalog review",
};

class Demo {
 public:
  Demo(World& world, DemoResult& result) : world_(world), result_(result) {}

  Status Run(const DemoOptions& options) {
    DSCOSIM_ASSIGN_OR_RETURN(demo_, BuildDemoWorld(world_));
    rng_ = world_.Fork("demo");
    for (const Account& a : demo_.retailers) names_[a.dsco_account_id] = a.name;
    for (const Account& a : demo_.suppliers) {
      names_[a.dsco_account_id] = a.name;
      pollers_.emplace_back(a.dsco_account_id, world_.now(), std::chrono::seconds(5),
                            MessageTypeFilter{CustomerCareType::kMessageFromConsumer, {}});
    }
    Say(kPlatformActor, "demo world: " + std::to_string(demo_.retailers.size()) +
                            " retailers, " + std::to_string(demo_.suppliers.size()) +
                            " suppliers, " + std::to_string(world_.orders().orders().size()) +
                            " orders, all trading with each other");

    const int steps = options.days * 24 * 6;  // ten-minute steps
    for (int step = 1; step <= steps; ++step) {
      const std::uint64_t before = world_.trace().total();
      DSCOSIM_RETURN_IF_ERROR(world_.AdvanceBy(minutes(10)));
      NarrateAutoCloses(before);
      for (const Account& retailer : demo_.retailers) {
        if (rng_.Chance(1, 12)) OpenCustomerCare(retailer);
        if (rng_.Chance(1, 40)) FollowUp(retailer);
      }
      for (const auto* side : {&demo_.retailers, &demo_.suppliers}) {
        for (const Account& account : *side) {
          if (rng_.Chance(1, 45)) OpenTask(account);
        }
      }
      if (step % 3 == 0) {
        for (std::size_t s = 0; s < demo_.suppliers.size(); ++s) AnswerCustomerCare(s);
      }
      if (rng_.Chance(1, 8)) ReplyToSomeTask();
    }
    return Status::Ok();
  }

 private:
  void Say(std::string_view actor, const std::string& text) {
    const auto it = names_.find(std::string(actor));
    const std::string who = it == names_.end() ? std::string(actor) : it->second;
    result_.story.push_back(FormatIso8601Millis(world_.now()) + "  " + who + ": " + text);
  }
  void Refused(std::string_view actor, const std::string& what, const Status& status) {
    ++result_.counts["refused." + std::string(StatusCodeName(status.code()))];
    Say(actor, what + " -> refused: " + status.ToString());
  }

  void NarrateAutoCloses(std::uint64_t trace_before) {
    const auto& events = world_.trace().retained();
    for (const TraceEvent& e : events) {
      if (e.sequence <= trace_before || e.kind != "conversation.auto_closed") continue;
      ++result_.counts["conversation.auto_closed"];
      Say(kPlatformActor, "auto-closed idle conversation " +
                              e.payload["conversation"]["id"].get<std::string>() + " \"" +
                              e.payload["conversation"]["title"].get<std::string>() + "\"");
    }
  }

  void OpenCustomerCare(const Account& retailer) {
    std::vector<const Order*> orders;
    for (const auto& [id, o] : world_.orders().orders()) {
      if (o.retailer_id == retailer.dsco_account_id) orders.push_back(&o);
    }
    const Order& order = *rng_.Pick(orders);
    CreateConversationRequest req;
    req.title = "Consumer message on " + order.po_number;
    req.type = ConversationType{ConversationKind::kCustomerCare,
                                "CONS-" + std::to_string(1000 + rng_.Uniform(9000))};
    req.other_party_dsco_account_id = order.supplier_id;
    ConversationContext ctx;
    ctx.kind = ContextKind::kOrder;
    ctx.po_number = order.po_number;
    if (rng_.Chance(1, 2)) {
      ctx.line_item = OrderLineRef{};
      ctx.line_item->item.sku = order.lines.front().sku;
      ctx.line_item->line_number = order.lines.front().line_number;
    }
    req.context = ctx;
    req.initial_message = rng_.Pick(kComplaints);
    auto created = world_.conversations().Create(retailer.dsco_account_id, req);
    if (!created.ok()) return Refused(retailer.dsco_account_id, "open customer care", created.status());
    ++result_.counts["customer_care.opened"];
    customer_care_.push_back(created->id);
    Say(retailer.dsco_account_id, "forwarded a consumer message on " + order.po_number +
                                      " to " + names_[order.supplier_id] + " (conversation " +
                                      created->id + ", " +
                                      std::string(ConversationStatusName(created->status)) + ")");
  }

  void AnswerCustomerCare(std::size_t s) {
    const Account& supplier = demo_.suppliers[s];
    auto polled = pollers_[s].Poll(world_.conversations(), world_.now());
    if (!polled.ok()) return Refused(supplier.dsco_account_id, "poll messages", polled.status());
    for (const ConversationMessage& m : *polled) {
      AddMessageRequest reply;
      reply.dsco_conversation_id = m.conversation_id;
      reply.message = rng_.Pick(kResponses);
      auto added = world_.conversations().AddMessage(supplier.dsco_account_id, reply);
      if (!added.ok()) {
        Refused(supplier.dsco_account_id, "answer conversation " + m.conversation_id,
                added.status());
        continue;
      }
      ++result_.counts["customer_care.answered"];
      Say(supplier.dsco_account_id, "answered the consumer in conversation " +
                                        m.conversation_id + " (" +
                                        std::to_string((world_.now() - m.created) / minutes(1)) +
                                        " min after it was sent)");
      if (rng_.Chance(1, 5)) continue;  // forgets to close; auto-close will
      UpdateConversationRequest close;
      close.dsco_conversation_id = m.conversation_id;
      close.status = ConversationStatus::kClosed;
      auto closed = world_.conversations().Update(supplier.dsco_account_id, close);
      if (!closed.ok()) {
        Refused(supplier.dsco_account_id, "close " + m.conversation_id, closed.status());
        continue;
      }
      ++result_.counts["customer_care.closed"];
      Say(supplier.dsco_account_id, "closed conversation " + m.conversation_id);
    }
  }

  void FollowUp(const Account& retailer) {
    std::vector<std::string> mine;
    for (const std::string& id : customer_care_) {
      if (world_.conversations().Find(id)->retailer_id == retailer.dsco_account_id) {
        mine.push_back(id);
      }
    }
    if (mine.empty()) return;
    const std::string id = rng_.Pick(mine);
    AddMessageRequest req;
    req.dsco_conversation_id = id;
    req.message = "The consumer writes again: any news?";
    auto added = world_.conversations().AddMessage(retailer.dsco_account_id, req);
    if (!added.ok()) {
      Refused(retailer.dsco_account_id, "follow up on conversation " + id, added.status());
      if (added.status().code() == StatusCode::kFailedPrecondition && rng_.Chance(1, 2)) {
        UpdateConversationRequest reopen;
        reopen.dsco_conversation_id = id;
        reopen.status = ConversationStatus::kInProgress;
        if (world_.conversations().Update(retailer.dsco_account_id, reopen).ok()) {
          ++result_.counts["conversation.reopened"];
          Say(retailer.dsco_account_id, "reopened conversation " + id);
        }
      }
      return;
    }
    ++result_.counts["customer_care.follow_up"];
    Say(retailer.dsco_account_id, "sent a follow-up in conversation " + id);
  }

  void OpenTask(const Account& account) {
    const std::vector<PartnerView> partners = world_.accounts().PartnersOf(account.dsco_account_id);
    const PartnerView& partner = rng_.Pick(partners);
    CreateConversationRequest req;
    req.title = rng_.Pick(kTaskTitles);
    req.other_party_trading_partner_id = partner.trading_partner_id;
    req.initial_message = "Could you take a look at this, please?";
    if (rng_.Chance(2, 3)) {
      req.due_date = world_.now() + hours(static_cast<std::int64_t>(6 + rng_.Uniform(36)));
    }
    auto created = world_.conversations().Create(account.dsco_account_id, req);
    if (!created.ok()) return Refused(account.dsco_account_id, "open a conversation", created.status());
    ++result_.counts[req.due_date ? "task.opened" : "standard.opened"];
    tasks_.push_back(created->id);
    Say(account.dsco_account_id,
        std::string(req.due_date ? "opened a task" : "opened a conversation") + " with " +
            partner.name + ": \"" + *req.title + "\"" +
            (req.due_date ? " due " + FormatIso8601(*req.due_date) : std::string()));
  }

  void ReplyToSomeTask() {
    std::vector<const Conversation*> open;
    for (const std::string& id : tasks_) {
      const Conversation* c = world_.conversations().Find(id);
      if (c->status != ConversationStatus::kClosed) open.push_back(c);
    }
    if (open.empty()) return;
    const Conversation& c = *rng_.Pick(open);
    const std::string replier = c.other_party(c.initiator_id());
    const bool late = c.is_past_due(world_.now());
    AddMessageRequest req;
    req.dsco_conversation_id = c.id;
    req.message = "Done, thanks for the heads-up.";
    if (!world_.conversations().AddMessage(replier, req).ok()) return;
    UpdateConversationRequest close;
    close.dsco_conversation_id = c.id;
    close.status = ConversationStatus::kClosed;
    if (!world_.conversations().Update(replier, close).ok()) return;
    ++result_.counts[late ? "task.done_late" : "task.done"];
    Say(replier, "answered and closed \"" + c.title + "\" (conversation " + c.id + ")" +
                     (late ? ", past its due date" : ""));
  }

  World& world_;
  DemoResult& result_;
  DemoAccounts demo_;
  Rng rng_{0};
  std::map<std::string, std::string> names_;
  std::vector<MessagePoller> pollers_;
  std::vector<std::string> customer_care_;
  std::vector<std::string> tasks_;
};

}  // namespace

WorldOptions DemoWorldOptions(std::uint64_t seed) {
  WorldOptions options;
  options.seed = seed;
  options.conversations.auto_close_after = hours(24);
  return options;
}

Result<DemoResult> RunDemo(const DemoOptions& options) {
  DemoResult result;
  result.seed = options.seed;
  result.world = World(DemoWorldOptions(options.seed));
  Demo demo(result.world, result);
  DSCOSIM_RETURN_IF_ERROR(demo.Run(options));
  result.trace_hash = result.world.trace().hash_hex();
  result.trace_events = result.world.trace().total();
  return result;
}

}  // namespace dscosim
