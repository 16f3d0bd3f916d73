// Control routes that scenario runs need besides the clock and the world
// (docs/control-api.md, "Scenarios"): settle the asynchronous work, switch the rate
// limits, read an object's state as the model holds it, and export the tenant as a
// scenario file.
#include "dscosim/fakes/api_common.h"
#include "dscosim/fakes/scenario_export.h"
#include "dscosim/model/catalog/item_json.h"
#include "dscosim/model/conversations/conversation_json.h"
#include "dscosim/model/core/json_fields.h"

namespace dscosim::fakes {
namespace {

HttpResponse Ok(const Json& body) { return HttpResponse::JsonBody(200, body); }

HttpResponse Settle(ApiCall& call) {
  const Status s = call.world().Settle();
  if (!s.ok()) return Fail(s);
  call.tenant.Reanchor();
  return Ok(call.tenant.ClockJson());
}

HttpResponse SetRateLimits(ApiCall& call) {
  auto body = call.BodyJson();
  if (!body.ok()) return Fail(body.status());
  auto enabled = OptBool(*body, "enabled");
  if (!enabled.ok()) return Fail(enabled.status());
  if (!*enabled) return Fail(InvalidArgument("enabled", "is required (true or false)"));
  call.tenant.options.rate_limits = **enabled;
  call.tenant.limits = RateLimiter{};
  call.tenant.limits.enabled = **enabled;
  return Ok({{"enabled", **enabled}});
}

Result<Json> ConversationState(const World& world, const std::string& id) {
  const Conversation* c = world.conversations().Find(id);
  if (c == nullptr) return NotFound("id", "no conversation " + id);
  Json out = ConversationToJson(*c, world.accounts(), c->retailer_id);
  Json messages = Json::array();
  for (const std::string& message_id : c->message_ids) {
    const auto it = world.conversations().messages().find(message_id);
    if (it != world.conversations().messages().end()) {
      messages.push_back(MessageToJson(it->second, *c, world.accounts(), c->retailer_id));
    }
  }
  out["messages"] = std::move(messages);
  return out;
}

Result<Json> ItemState(const World& world, const std::string& id) {
  const Item* item = world.items().FindByDscoItemId(id);
  if (item == nullptr) return NotFound("id", "no item " + id);
  const ItemJsonContext context{world.accounts(), world.items().warehouses(), {}};
  Json out = Json::object();
  if (item->has_catalog()) out["catalog"] = ItemCatalogToJson(*item, ItemViewer::Supplier(), context);
  if (item->has_inventory()) {
    out["inventory"] = ItemInventoryToJson(*item, ItemViewer::Supplier(), context);
  }
  return out;
}

// A stream id is unique per owner: "ID" finds it when one account has it, "OWNER/ID"
// (the owner's dscoAccountId) always.
Result<const Stream*> FindStream(const World& world, const std::string& id) {
  if (const std::size_t slash = id.find('/'); slash != std::string::npos) {
    const Stream* s = world.streams().Find(id.substr(0, slash), id.substr(slash + 1));
    if (s == nullptr) return NotFound("id", "no stream " + id);
    return s;
  }
  const Stream* found = nullptr;
  for (const auto& [key, stream] : world.streams().streams()) {
    if (stream.id != id) continue;
    if (found != nullptr) {
      return InvalidArgument("id", "several accounts have a stream " + id + "; name it OWNER/" + id);
    }
    found = &stream;
  }
  if (found == nullptr) return NotFound("id", "no stream " + id);
  return found;
}

Result<Json> StreamState(const World& world, const std::string& id) {
  DSCOSIM_ASSIGN_OR_RETURN(const Stream* stream, FindStream(world, id));
  Json out = world.streams().ToJson(*stream);
  out["ownerDscoAccountId"] = stream->owner_account_id;
  Json partitions = Json::array();
  for (const StreamPartition& p : stream->partitions) {
    Json events = Json::array();
    for (const StreamEvent& e : p.events) events.push_back(StreamStore::EventToJson(e));
    partitions.push_back({{"partitionId", p.partition_id},
                          {"active", p.active},
                          {"position", p.position},
                          {"events", std::move(events)}});
  }
  out["partitionEvents"] = std::move(partitions);
  return out;
}

// GET /objects/{kind}/{id}: the object as the model holds it, rendered as its owner
// sees it through the API (plus what no API shows, such as a stream's events).
HttpResponse GetObject(ApiCall& call) {
  const std::string& kind = call.params[0];
  const std::string& id = call.params[1];
  const World& world = call.world();
  Result<Json> state = NotFound("kind", "");
  if (kind == "order") {
    const Order* order = world.orders().Find(id);
    state = order != nullptr ? Result<Json>(world.orders().ToJson(*order))
                             : Result<Json>(NotFound("id", "no order " + id));
  } else if (kind == "conversation") {
    state = ConversationState(world, id);
  } else if (kind == "return") {
    const Return* ret = world.returns().Find(id);
    state = ret != nullptr ? Result<Json>(world.returns().ToJson(*ret))
                           : Result<Json>(NotFound("id", "no return " + id));
  } else if (kind == "invoice") {
    const Invoice* invoice = world.invoices().Find(id);
    state = invoice != nullptr ? Result<Json>(world.invoices().ToJson(*invoice))
                               : Result<Json>(NotFound("id", "no invoice " + id));
  } else if (kind == "item") {
    state = ItemState(world, id);
  } else if (kind == "stream") {
    state = StreamState(world, id);
  } else {
    return Fail(NotFound("kind", "must be one of: order, conversation, return, invoice, item, stream"));
  }
  if (!state.ok()) return Fail(state.status());
  return Ok(*state);
}

HttpResponse Export(ApiCall& call) {
  Result<Json> scenario = ExportScenario(call.tenant);
  if (!scenario.ok()) return Fail(scenario.status());
  return Ok(*scenario);
}

}  // namespace

void AddScenarioControlRoutes(std::vector<Route>& routes) {
  routes.push_back(ControlRoute("POST", {"clock", "settle"}, "settle", Settle));
  routes.push_back(ControlRoute("PUT", {"limits"}, "limits", SetRateLimits));
  routes.push_back(ControlRoute("GET", {"objects", "{}", "{}"}, "object", GetObject));
  routes.push_back(ControlRoute("GET", {"scenario"}, "export_scenario", Export));
}

}  // namespace dscosim::fakes
