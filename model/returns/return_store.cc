// The return store: Create Return, lookups, events and the store's plumbing. The other
// operations live in return_actions.cc, Get Returns in return_query.cc, the JSON view
// in return_json.cc.
#include "dscosim/model/returns/return_store.h"

#include <algorithm>
#include <array>
#include <utility>

#include "dscosim/model/orders/order_store.h"
#include "dscosim/model/core/field_rules.h"

namespace dscosim {
namespace {

constexpr FieldRule kCreateRules[] = {
    {.key = "returnNumber", .required = true},
    {.key = "poNumber", .non_empty = true},
    {.key = "dscoTradingPartnerId", .non_empty = true},
    {.key = "dscoTradingPartnerParentId"},
    {.key = "reason"},
    {.key = "requestedAction"},
    {.key = "restockingCharge", .type = FieldType::kNumber, .minimum = 0.0},
    {.key = "returnDate", .type = FieldType::kDateTime},
    {.key = "returnTrackingNumber"},
    {.key = "returnTrackingNumbers", .type = FieldType::kStringMap},
    {.key = "transactionDate", .type = FieldType::kDateTime},
    {.key = "transactionId"},
};

constexpr FieldRule kCreateLineRules[] = {
    {.key = "quantity", .type = FieldType::kInteger, .required = true, .minimum = 1.0},
    {.key = "reasonCode", .required = true},
    {.key = "adjustments", .type = FieldType::kNumberMap},
    {.key = "color"},
    {.key = "size"},
    {.key = "title"},
    {.key = "titleI18n", .type = FieldType::kStringMap},
    {.key = "personalization"},
    {.key = "serialNumbers", .type = FieldType::kStringArray},
};

// Fields of the create body the model owns or ignores (read-only in the spec, or
// rendered from the model): never kept in `body`.
constexpr std::string_view kOwnedFields[] = {
    "dscoReturnId", "dscoRetailerId", "dscoSupplierId", "dscoAccountId", "dscoTradingPartnerId",
    "dscoOrderId", "poNumber", "initiatedBy", "initiatorCreateDate", "returnNumber",
    "partnerReturnNumber", "status", "statusTags", "trackingNumbers", "createDate", "lastUpdate",
    "packages", "responseReason", "lineItems", "cancelled", "cancelDate"};
constexpr std::string_view kOwnedLineFields[] = {
    "quantity", "reasonCode", "lineNumber", "response", "completedBy",
    "completedByTradingPartnerId", "name", "retailerItemIds", "retailerLineId"};

}  // namespace

ReturnStore::ReturnStore(ReturnPolicy policy)
    : policy_(policy), scrolls_(policy.scroll_ttl, policy.page_size) {}

void ReturnStore::set_policy(ReturnPolicy policy) {
  policy_ = policy;
  scrolls_ = ScrollCache(policy.scroll_ttl, policy.page_size);
}

Status ReturnStore::CheckCaller(std::string_view caller) const {
  if (services_->accounts->Find(caller) == nullptr) {
    return PermissionDenied("", "unknown caller account");
  }
  return Status::Ok();
}

std::string ReturnStore::NumberKey(std::string_view account_id, std::string_view number) const {
  return std::string(account_id) + "/" + std::string(number);
}

Result<std::optional<std::string>> ReturnStore::PartnerNamedIn(std::string_view caller,
                                                               const Json& body) const {
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> account_id,
                           OptNonEmptyId(body, "dscoAccountId"));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> trading_partner_id,
                           OptString(body, "dscoTradingPartnerId"));
  std::optional<std::string> partner;
  if (account_id) {
    if (services_->accounts->PartnerOf(caller, *account_id) == nullptr) {
      return InvalidArgument("dscoAccountId", "is not one of your trading partners");
    }
    partner = *account_id;
  }
  if (trading_partner_id) {
    const PartnerView* view =
        services_->accounts->PartnerByTradingPartnerId(caller, *trading_partner_id);
    if (view == nullptr) {
      return InvalidArgument("dscoTradingPartnerId", "is not a trading-partner id you use");
    }
    if (partner && *partner != view->partner_account_id) {
      return InvalidArgument("dscoTradingPartnerId", "names another partner than dscoAccountId");
    }
    partner = view->partner_account_id;
  }
  return partner;
}

Result<const Order*> ReturnStore::LocateOrder(std::string_view caller, Role role, const Json& body,
                                              const std::vector<LineRef>& refs) const {
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> dsco_order_id,
                           OptNonEmptyId(body, "dscoOrderId"));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> po_number, OptString(body, "poNumber"));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> partner, PartnerNamedIn(caller, body));
  const auto mine = [&](const Order& o) {
    if (o.lifecycle == OrderLifecycle::kReceived) return false;  // still in post-processing
    return role == Role::kRetailer ? o.retailer_id == caller : o.supplier_id == caller;
  };
  const auto other_party = [&](const Order& o) {
    return role == Role::kRetailer ? o.supplier_id : o.retailer_id;
  };
  const std::string partner_field =
      body.contains("dscoAccountId") ? "dscoAccountId" : "dscoTradingPartnerId";

  if (dsco_order_id) {
    const Order* order = services_->orders->Find(*dsco_order_id);
    if (order == nullptr || !mine(*order)) {
      return NotFound("dscoOrderId", "no order " + *dsco_order_id + " is visible to you");
    }
    if (po_number && *po_number != order->po_number) {
      return InvalidArgument("poNumber", "is not the poNumber of order " + *dsco_order_id);
    }
    if (partner && *partner != other_party(*order)) {
      return InvalidArgument(partner_field, "is not the other party of order " + *dsco_order_id);
    }
    return order;
  }
  if (!po_number) {
    return InvalidArgument("dscoOrderId", "name the order: dscoOrderId or poNumber");
  }
  if (role == Role::kSupplier && !partner) {
    return InvalidArgument("dscoAccountId",
                           "a supplier naming the order by poNumber must also give "
                           "dscoAccountId or dscoTradingPartnerId (the retailer)");
  }
  const std::string retailer(role == Role::kRetailer ? caller : std::string_view(*partner));
  const std::string supplier(role == Role::kRetailer ? partner.value_or("") : caller);
  std::vector<const Order*> candidates;
  for (const Order* o :
       services_->orders->FindAll(OrderKeyType::kPoNumber, *po_number, retailer, supplier)) {
    if (mine(*o)) candidates.push_back(o);
  }
  if (candidates.empty()) {
    return NotFound("poNumber", "no order with poNumber " + *po_number + " is visible to you");
  }
  // A split PO (one order per supplier): the first order that has every returned item.
  if (candidates.size() > 1) {
    for (const Order* o : candidates) {
      std::vector<LineKey> keys;
      for (const OrderLine& line : o->lines) {
        keys.push_back(KeyOfOrderLine(*o, line, services_->items));
      }
      const bool all = std::all_of(refs.begin(), refs.end(), [&](const LineRef& ref) {
        return MatchLine(keys, ref, "", DscoItemIdSpelling::kItemId, "").ok();
      });
      if (all) return o;
    }
  }
  return candidates.front();
}

Result<CreateReturnResult> ReturnStore::Create(std::string_view caller, const Json& body) {
  DSCOSIM_RETURN_IF_ERROR(CheckCaller(caller));
  const Role role = services_->accounts->Find(caller)->role;
  DSCOSIM_RETURN_IF_ERROR(RequireObject(body, ""));
  DSCOSIM_RETURN_IF_ERROR(CheckJsonUtf8(body, ""));
  DSCOSIM_RETURN_IF_ERROR(CheckFields(body, "", kCreateRules));
  DSCOSIM_ASSIGN_OR_RETURN(const Json* items, NonEmptyArray(body, "lineItems", "", true));
  std::vector<LineRef> refs;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string path = IndexPath("lineItems", i);
    DSCOSIM_RETURN_IF_ERROR(CheckFields((*items)[i], path, kCreateLineRules));
    DSCOSIM_ASSIGN_OR_RETURN(LineRef ref,
                             ReadLineRef((*items)[i], path, DscoItemIdSpelling::kItemId));
    refs.push_back(std::move(ref));
  }

  // A number the caller already uses: a replay of the same body, else taken.
  const std::string number = body.at("returnNumber").get<std::string>();
  if (const auto it = by_number_.find(NumberKey(caller, number)); it != by_number_.end()) {
    const Return& existing = returns_.at(it->second);
    if (existing.initiator_id() == caller && existing.request == body) {
      return CreateReturnResult{existing, true};
    }
    return AlreadyExists("returnNumber", "you already use return number " + number +
                                             " for return " + existing.dsco_return_id);
  }

  DSCOSIM_ASSIGN_OR_RETURN(const Order* order, LocateOrder(caller, role, body, refs));
  std::vector<LineKey> keys;
  for (const OrderLine& line : order->lines) {
    keys.push_back(KeyOfOrderLine(*order, line, services_->items));
  }
  Return ret;
  ret.retailer_id = order->retailer_id;
  ret.supplier_id = order->supplier_id;
  ret.initiated_by = role;
  ret.dsco_order_id = order->dsco_order_id;
  ret.po_number = order->po_number;
  ret.initiator_number = number;
  const std::string what = "order " + order->dsco_order_id;
  std::vector<std::size_t> used;  // order-line index of each return line
  for (std::size_t i = 0; i < refs.size(); ++i) {
    const std::string path = IndexPath("lineItems", i);
    DSCOSIM_ASSIGN_OR_RETURN(const std::size_t index,
                             MatchLine(keys, refs[i], path, DscoItemIdSpelling::kItemId, what));
    if (const auto dup = std::find(used.begin(), used.end(), index); dup != used.end()) {
      return InvalidArgument(
          path, "names the same order line as " +
                    IndexPath("lineItems", static_cast<std::size_t>(dup - used.begin())) +
                    "; give each order line once");
    }
    used.push_back(index);
    const Json& item = (*items)[i];
    const OrderLine& order_line = order->lines[index];
    DSCOSIM_ASSIGN_OR_RETURN(const std::int64_t quantity, ReqInt(item, "quantity", path));
    const std::int64_t open = order_line.shipped_quantity -
                              ReturnedQuantity(order->dsco_order_id, order_line.line_number);
    if (quantity > open) {
      return FailedPrecondition(
          JoinPath(path, "quantity"),
          "returns " + std::to_string(quantity) + " units of line " +
              std::to_string(order_line.line_number) + " of " + what + ", which has " +
              std::to_string(order_line.shipped_quantity) + " shipped units, " +
              std::to_string(std::max<std::int64_t>(open, 0)) + " of them not on another return");
    }
    ReturnLine line;
    line.item = keys[index];
    line.quantity = quantity;
    line.reason_code = item.at("reasonCode").get<std::string>();
    line.given = WithoutKeys(item, kOwnedLineFields);
    ret.lines.push_back(std::move(line));
  }

  ret.dsco_return_id = services_->ids->NextDscoId();
  ret.body = WithoutKeys(body, kOwnedFields);
  ret.request = body;
  ret.created = now();
  ret.last_update = ret.created;
  ret.sequence = next_sequence_++;
  const std::string id = ret.dsco_return_id;
  by_number_[NumberKey(caller, number)] = id;
  by_order_[ret.dsco_order_id].push_back(id);
  const Return& stored = returns_.emplace(id, std::move(ret)).first->second;
  Publish(stored, caller, "return.created");
  return CreateReturnResult{stored, false};
}

void ReturnStore::Publish(const Return& ret, std::string_view actor, std::string kind) {
  if (services_->events == nullptr) return;
  DomainEvent event;
  event.actor = std::string(actor);
  event.kind = std::move(kind);
  event.object_type = StreamObjectType::kReturns;
  event.object_key = ret.dsco_return_id;
  event.retailer_id = ret.retailer_id;
  event.supplier_id = ret.supplier_id;
  event.payload = ToJson(ret);
  event.facts = {{"status", ReturnStatusName(ret.status())}};
  if (ret.is_cancelled()) event.facts["cancelled"] = true;
  services_->events->Publish(std::move(event));
}

const Return* ReturnStore::Find(std::string_view dsco_return_id) const {
  const auto it = returns_.find(dsco_return_id);
  return it == returns_.end() ? nullptr : &it->second;
}

const Return* ReturnStore::FindByNumber(std::string_view account_id,
                                        std::string_view number) const {
  const auto it = by_number_.find(NumberKey(account_id, number));
  return it == by_number_.end() ? nullptr : Find(it->second);
}

std::vector<const Return*> ReturnStore::ReturnsOfOrder(std::string_view dsco_order_id) const {
  std::vector<const Return*> out;
  const auto it = by_order_.find(dsco_order_id);
  if (it == by_order_.end()) return out;
  for (const std::string& id : it->second) out.push_back(&returns_.at(id));
  return out;
}

std::int64_t ReturnStore::ReturnedQuantity(std::string_view dsco_order_id,
                                           std::int64_t line_number) const {
  std::int64_t total = 0;
  for (const Return* ret : ReturnsOfOrder(dsco_order_id)) {
    if (ret->is_cancelled()) continue;
    if (const ReturnLine* line = ret->FindLine(line_number)) total += line->quantity;
  }
  return total;
}

std::vector<LineKey> ReturnStore::KeysOf(const Return& ret) const {
  std::vector<LineKey> keys;
  for (const ReturnLine& line : ret.lines) keys.push_back(line.item);
  return keys;
}

std::string ReturnStore::Describe(Time at) const {
  Json out = Json::object();
  for (const auto& [id, ret] : returns_) {
    Json j = ToJson(ret);
    j["_request"] = ret.request;
    j["_sequence"] = ret.sequence;
    j["_responderNumber"] = ret.responder_number ? Json(*ret.responder_number) : Json();
    out["returns"][id] = std::move(j);
  }
  out["byNumber"] = by_number_;
  out["byOrder"] = by_order_;
  out["nextSequence"] = next_sequence_;
  out["scrolls"] = scrolls_.Describe(at);
  return out.dump();
}

void ReturnStore::OnTimer(const Timer& timer) { (void)timer; }

}  // namespace dscosim
