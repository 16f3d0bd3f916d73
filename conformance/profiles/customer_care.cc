// supplier-customer-care: the driver, as the retailer, forwards consumers' messages in
// customer-care conversations on orders; the integration (the supplier) must find each,
// answer it in its own conversation within the SLA, and close it.
#include <memory>
#include <mutex>
#include <set>

#include "dscosim/conformance/events.h"
#include "dscosim/conformance/profile.h"
#include "dscosim/conformance/profiles/world.h"

namespace dscosim::conformance {
namespace {

using profiles::kRetailer;
using profiles::kSupplier;

// When each conversation opens (seconds), and which one the retailer closes the moment
// the integration first tries to answer it. The first two open together, so one window
// holds two results and, one to a page, a scrollId to follow.
const std::vector<double> kOpenAt = {1.0, 1.0, 4.5, 14.5, 16.0, 19.0};
constexpr std::size_t kClosedByPartner = 4;

std::string Po(std::size_t i) { return "PO-CC-" + std::to_string(i + 1); }

// Shared by the steps and the hook of one pass.
struct State {
  std::mutex mu;
  std::vector<std::string> ids;  // per conversation, once opened
  std::set<std::string> closed;
};

}  // namespace

Profile SupplierCustomerCareProfile() {
  Profile p;
  p.name = "supplier-customer-care";
  p.summary =
      "the driver (a retailer) opens customer-care conversations with consumers' messages on "
      "orders; the integration (a supplier) must find each, answer it within the SLA, and close it";
  p.integration_account = kSupplier;
  p.rule_ids = {"CONF-AUTH-001",  "CONF-AUTH-002",  "CONF-AUTH-003",  "CONF-RETRY-001",
                "CONF-RETRY-002", "CONF-RETRY-003", "CONF-RETRY-004", "CONF-LIMIT-001",
                "CONF-POLL-001",  "CONF-POLL-002",  "CONF-POLL-003",  "CONF-CC-001",
                "CONF-CC-002",    "CONF-CC-003",    "CONF-COMPAT-001"};
  p.world = [](const std::string& start) {
    Json world = profiles::BaseWorld(start, {{kSupplier, "SKU-CC-1", 100}});
    world["orders"] = Json::array();
    for (std::size_t i = 0; i < kOpenAt.size(); ++i) {
      world["orders"].push_back({{"retailer", kRetailer}, {"body", profiles::OrderBody(Po(i), {{"SKU-CC-1", 1}})}});
    }
    return world;
  };
  p.settings = {{"passSeconds", 34.0},
                {"pollPrefixes", {"/api/v3/conversation/message/list", "/api/v3/conversation/list"}},
                {"pollMethod", "POST"},
                {"answerSlaSeconds", 14.0},
                {"closeWithinSeconds", 10.0}};
  p.schedule = [](const Json& settings, Rng&) {
    auto state = std::make_shared<State>();
    state->ids.resize(kOpenAt.size());
    std::vector<Step> steps;
    steps.push_back({0.0, "watch for answers to the conversation the retailer will close", [state](DriverContext& ctx) {
                       ctx.SetHook([state, &ctx](fakes::Api&, fakes::Tenant& tenant, const fakes::HookedRequest& r) {
                         if (r.route != "addConversationMessage" || r.status != 0) return;
                         std::string target;
                         {
                           std::lock_guard<std::mutex> lock(state->mu);
                           target = state->ids[kClosedByPartner];
                           if (target.empty() || state->closed.count(target) != 0) return;
                         }
                         const Json body = Json::parse(r.request.body, nullptr, false);
                         if (!body.is_object() || body.value("dscoConversationId", "") != target) return;
                         const auto closed = ctx.ActLocked(tenant, kRetailer, "PUT", "/conversation",
                                                           {{"dscoConversationId", target}, {"status", "closed"}});
                         {
                           std::lock_guard<std::mutex> lock(state->mu);
                           state->closed.insert(target);
                         }
                         ctx.Record(events::kConversationClosedByPartner,
                                    {{"dscoConversationId", target}, {"status", closed.status}});
                       });
                     }});
    const double sla = settings.value("answerSlaSeconds", 14.0);
    for (std::size_t i = 0; i < kOpenAt.size(); ++i) {
      steps.push_back({kOpenAt[i], "open customer-care conversation " + std::to_string(i + 1) + " on " + Po(i),
                       [state, i, sla](DriverContext& ctx) {
                         const std::string consumer = "consumer-" + std::to_string(1001 + i);
                         const auto created = ctx.Act(
                             kRetailer, "POST", "/conversation",
                             {{"otherPartyDscoAccountId", ctx.AccountId(kSupplier)},
                              {"title", "Question about order " + Po(i)},
                              {"type", {{"type", "customer_care"}, {"consumerId", consumer}}},
                              {"context", {{"type", "order"}, {"poNumber", Po(i)}}},
                              {"initialMessage", {{"message", "Hello, where is my order " + Po(i) + "?"}}}});
                         const std::string id = created.body.is_object() ? created.body.value("id", "") : "";
                         {
                           std::lock_guard<std::mutex> lock(state->mu);
                           state->ids[i] = id;
                         }
                         Json data = {{"dscoConversationId", id},
                                      {"consumerId", consumer},
                                      {"poNumber", Po(i)},
                                      {"status", created.status},
                                      {"answerByVirtual", ctx.NowVirtualMicros() + static_cast<std::int64_t>(sla * 1e6)}};
                         const auto messages =
                             ctx.Act(kRetailer, "POST", "/conversation/message/list", {{"dscoConversationId", id}});
                         if (messages.body.is_object() && !messages.body.value("messages", Json::array()).empty()) {
                           data["dscoMessageId"] = messages.body["messages"][0].value("dscoMessageId", "");
                         }
                         if (created.body.is_object() && created.body.contains("context")) {
                           data["dscoOrderId"] = created.body["context"].value("dscoOrderId", "");
                         }
                         ctx.Record(events::kConversationOpened, std::move(data));
                       }});
    }
    return steps;
  };
  p.finish = [](DriverContext& ctx) {
    // Every page (the profile pages one result at a time).
    const auto all = [&ctx](const std::string& path, Json query, const std::string& field) {
      Json out = Json::array();
      for (int page = 0; page < 1000; ++page) {
        const auto got = ctx.Act(kRetailer, "POST", path, query);
        if (!got.body.is_object()) break;
        const Json items = got.body.value(field, Json::array());
        for (const Json& item : items) out.push_back(item);
        if (items.empty() || !got.body.contains("scrollId")) break;
        query = {{"scrollId", got.body["scrollId"]}};
      }
      return out;
    };
    Json conversations = Json::array();
    for (const Json& c : all("/conversation/list", {{"type", {{"type", "customer_care"}}}}, "conversations")) {
      conversations.push_back(
          {{"conversation", c},
           {"messages", all("/conversation/message/list", {{"dscoConversationId", c.value("id", "")}}, "messages")}});
    }
    ctx.Record(events::kFinalConversations, {{"conversations", conversations}});
  };
  // One result a page, so every page with results carries a scrollId to follow
  // (CONF-POLL-003); the platform's page size is a server choice the spec leaves open.
  p.policies = [](WorldOptions& o) {
    o.orders.post_processing_delay = Duration(0);
    o.conversations.page_size = 1;
  };
  return p;
}

}  // namespace dscosim::conformance
