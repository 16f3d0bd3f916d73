#include "dscosim/model/orders/order_store.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "dscosim/model/invoices/invoice_store.h"
#include "dscosim/model/catalog/item_store.h"
#include "dscosim/model/orders/order_internal.h"
#include "dscosim/model/core/text.h"

namespace dscosim {
namespace {

using order_internal::ReadItemIdentifiers;

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A line of a Create Order body, checked and resolved, before any state changes.
struct PlannedLine {
  OrderLine line;
  std::string supplier_id;
};

// The supplier a hint names (dscoSupplierId or the retailer's trading-partner id).
Result<std::optional<std::string>> SupplierHint(const AccountDirectory& accounts,
                                                std::string_view retailer, const Json& object,
                                                std::string_view path) {
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> by_id,
                           OptId(object, "dscoSupplierId", path));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> by_tp,
                           OptString(object, "dscoTradingPartnerId", path));
  std::optional<std::string> supplier;
  if (by_id) {
    if (accounts.PartnerOf(retailer, *by_id) == nullptr) {
      return InvalidArgument(JoinPath(path, "dscoSupplierId"),
                             "is not one of your trading partners");
    }
    supplier = *by_id;
  }
  if (by_tp) {
    const PartnerView* p = accounts.PartnerByTradingPartnerId(retailer, *by_tp);
    if (p == nullptr) {
      return InvalidArgument(JoinPath(path, "dscoTradingPartnerId"),
                             "is not one of your trading-partner ids");
    }
    if (supplier && *supplier != p->partner_account_id) {
      return InvalidArgument(JoinPath(path, "dscoTradingPartnerId"),
                             "names a different supplier than dscoSupplierId");
    }
    supplier = p->partner_account_id;
  }
  return supplier;
}

Status CheckShipping(const Json& order) {
  DSCOSIM_ASSIGN_OR_RETURN(const Json* shipping, OptObject(order, "shipping"));
  if (shipping == nullptr) return InvalidArgument("shipping", "is required");
  for (const char* key : {"city", "region", "postal"}) {
    DSCOSIM_ASSIGN_OR_RETURN(const std::string value, ReqString(*shipping, key, "shipping"));
    if (IsBlank(value)) return InvalidArgument(JoinPath("shipping", key), "must not be empty");
  }
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> address1,
                           OptString(*shipping, "address1", "shipping"));
  DSCOSIM_ASSIGN_OR_RETURN(const Json* address, OptArray(*shipping, "address", "shipping"));
  if (!address1 && (address == nullptr || address->empty())) {
    return InvalidArgument("shipping.address1", "shipping needs address1 or address");
  }
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> name,
                           OptString(*shipping, "name", "shipping"));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> first,
                           OptString(*shipping, "firstName", "shipping"));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> last,
                           OptString(*shipping, "lastName", "shipping"));
  if (!name && !(first && last)) {
    return InvalidArgument("shipping.name", "shipping needs name, or firstName and lastName");
  }
  return Status::Ok();
}

Status CheckServiceLevel(const Json& order) {
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> level,
                           OptString(order, "shippingServiceLevelCode"));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> carrier, OptString(order, "shipCarrier"));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> method, OptString(order, "shipMethod"));
  if (!level && !(carrier && method)) {
    return InvalidArgument("shippingServiceLevelCode",
                           "give shippingServiceLevelCode, or shipCarrier and shipMethod");
  }
  return Status::Ok();
}

}  // namespace

Result<OrderKeyType> ParseOrderKeyType(std::string_view text, std::string_view field) {
  if (text == "dscoOrderId" || text == "DSCO_ORDER_ID") return OrderKeyType::kDscoOrderId;
  if (text == "poNumber" || text == "PO_NUMBER") return OrderKeyType::kPoNumber;
  if (text == "supplierOrderNumber" || text == "SUPPLIER_ORDER_NUMBER") {
    return OrderKeyType::kSupplierOrderNumber;
  }
  if (text == "consumerOrderNumber" || text == "CONSUMER_ORDER_NUMBER") {
    return OrderKeyType::kConsumerOrderNumber;
  }
  return InvalidArgument(std::string(field),
                         "must be one of: dscoOrderId, poNumber, supplierOrderNumber "
                         "(DSCO_ORDER_ID, PO_NUMBER, SUPPLIER_ORDER_NUMBER)");
}

OrderStore::OrderStore(OrderPolicy policy)
    : policy_(std::move(policy)), scrolls_(policy_.scroll_ttl, 1000) {}

Result<Order> OrderStore::Put(Order order) {
  if (!services_->accounts->ArePartners(order.retailer_id, order.supplier_id)) {
    return InvalidArgument("dscoSupplierId", "the retailer and the supplier are not partners");
  }
  if (order.po_number.empty()) return InvalidArgument("poNumber", "is required");
  if (order.dsco_order_id.empty()) order.dsco_order_id = services_->ids->NextDscoId();
  if (orders_.count(order.dsco_order_id) != 0) {
    return AlreadyExists("dscoOrderId", "order " + order.dsco_order_id + " exists");
  }
  if (order.created == Time()) order.created = now();
  if (order.last_update == Time()) order.last_update = order.created;
  if (order.visible_at == Time()) order.visible_at = order.created;
  order.sequence = next_sequence_++;
  by_po_[order.retailer_id + "/" + order.po_number].push_back(order.dsco_order_id);
  const std::string id = order.dsco_order_id;
  return orders_.emplace(id, std::move(order)).first->second;
}

const Order* OrderStore::Find(std::string_view dsco_order_id) const {
  const auto it = orders_.find(dsco_order_id);
  return it == orders_.end() ? nullptr : &it->second;
}

std::vector<const Order*> OrderStore::FindAll(OrderKeyType key, std::string_view value,
                                              std::string_view retailer_id,
                                              std::string_view supplier_id) const {
  std::vector<const Order*> out;
  const auto mine = [&](const Order& o) {
    return (retailer_id.empty() || o.retailer_id == retailer_id) &&
           (supplier_id.empty() || o.supplier_id == supplier_id);
  };
  // The store is keyed by dscoOrderId: an index lookup, not a scan of every order.
  if (key == OrderKeyType::kDscoOrderId) {
    const auto it = orders_.find(value);
    if (it != orders_.end() && mine(it->second)) out.push_back(&it->second);
    return out;
  }
  for (const auto& [id, o] : orders_) {
    if (!retailer_id.empty() && o.retailer_id != retailer_id) continue;
    if (!supplier_id.empty() && o.supplier_id != supplier_id) continue;
    bool match = false;
    switch (key) {
      case OrderKeyType::kDscoOrderId: match = o.dsco_order_id == value; break;
      case OrderKeyType::kPoNumber: match = o.po_number == value; break;
      case OrderKeyType::kSupplierOrderNumber:
        match = o.supplier_order_number && *o.supplier_order_number == value;
        break;
      case OrderKeyType::kConsumerOrderNumber:
        match = o.consumer_order_number && *o.consumer_order_number == value;
        break;
    }
    if (match) out.push_back(&o);
  }
  std::sort(out.begin(), out.end(),
            [](const Order* a, const Order* b) { return a->sequence < b->sequence; });
  return out;
}

Result<CreateOrdersResult> OrderStore::Create(std::string_view caller, const Json& body) {
  const Account* me = services_->accounts->Find(caller);
  if (me == nullptr) return PermissionDenied("", "unknown caller account");
  if (me->role != Role::kRetailer) return PermissionDenied("", "only a retailer creates orders");
  DSCOSIM_RETURN_IF_ERROR(RequireObject(body, ""));
  DSCOSIM_ASSIGN_OR_RETURN(const std::string po, ReqString(body, "poNumber"));
  if (IsBlank(po)) return InvalidArgument("poNumber", "must not be empty");
  DSCOSIM_RETURN_IF_ERROR(CheckUtf8(po, "poNumber"));

  // The same PO again: the platform ignores the transaction and answers with what exists.
  if (const auto existing = by_po_.find(std::string(caller) + "/" + po); existing != by_po_.end()) {
    CreateOrdersResult replay;
    replay.replay = true;
    for (const std::string& id : existing->second) replay.orders.push_back(orders_.at(id));
    return replay;
  }

  DSCOSIM_RETURN_IF_ERROR(CheckShipping(body));
  DSCOSIM_RETURN_IF_ERROR(CheckServiceLevel(body));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> order_supplier,
                           SupplierHint(*services_->accounts, caller, body, ""));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> consumer_order_number,
                           OptString(body, "consumerOrderNumber"));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<bool> test, OptBool(body, "testFlag"));
  DSCOSIM_ASSIGN_OR_RETURN(std::optional<std::string> order_type, OptString(body, "orderType"));
  if (order_type) {
    order_type = Lower(*order_type);
    if (*order_type != "dropship" && *order_type != "marketplace" && *order_type != "wholesale" &&
        *order_type != "mixed") {
      return InvalidArgument("orderType", "must be one of: Dropship, Marketplace, Wholesale, Mixed");
    }
  }
  std::array<std::optional<Time>, 4> deadlines;
  const std::array<const char*, 4> deadline_keys = {"acknowledgeByDate", "shipByDate",
                                                    "invoiceByDate", "cancelAfterDate"};
  for (std::size_t i = 0; i < deadlines.size(); ++i) {
    DSCOSIM_ASSIGN_OR_RETURN(deadlines[i], OptTime(body, deadline_keys[i]));
  }
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<Time> retailer_created,
                           OptTime(body, "retailerCreateDate"));
  (void)retailer_created;  // checked for format; kept verbatim in extra

  DSCOSIM_ASSIGN_OR_RETURN(const Json* lines, OptArray(body, "lineItems"));
  if (lines == nullptr || lines->empty()) {
    return InvalidArgument("lineItems", "an order needs at least one line item");
  }
  std::vector<PlannedLine> planned;
  std::set<std::int64_t> line_numbers;
  for (std::size_t i = 0; i < lines->size(); ++i) {
    const Json& line = (*lines)[i];
    const std::string path = IndexPath("lineItems", i);
    DSCOSIM_RETURN_IF_ERROR(RequireObject(line, path));
    DSCOSIM_ASSIGN_OR_RETURN(const std::int64_t quantity, ReqInt(line, "quantity", path));
    if (quantity < 1) return InvalidArgument(JoinPath(path, "quantity"), "must be at least 1");
    DSCOSIM_ASSIGN_OR_RETURN(std::optional<std::int64_t> line_number,
                             OptInt(line, "lineNumber", path));
    if (!line_number) line_number = static_cast<std::int64_t>(i + 1);
    if (*line_number < 1) return InvalidArgument(JoinPath(path, "lineNumber"), "must be at least 1");
    if (!line_numbers.insert(*line_number).second) {
      return InvalidArgument(JoinPath(path, "lineNumber"),
                             "line number " + std::to_string(*line_number) + " is used twice");
    }
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::int64_t> consumer_line,
                             OptInt(line, "consumerLineNumber", path));
    DSCOSIM_ASSIGN_OR_RETURN(const ItemIdentifiers ids, ReadItemIdentifiers(line, path));
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> line_supplier,
                             SupplierHint(*services_->accounts, caller, line, path));
    std::vector<std::string> suppliers;
    if (line_supplier) {
      suppliers.push_back(*line_supplier);
    } else if (order_supplier) {
      suppliers.push_back(*order_supplier);
    }
    DSCOSIM_ASSIGN_OR_RETURN(const Item* item,
                             services_->items->Resolve(caller, suppliers, ids, path));
    PlannedLine p;
    p.supplier_id = item->supplier_id;
    p.line.line_number = *line_number;
    p.line.consumer_line_number = consumer_line;
    p.line.dsco_item_id = item->dsco_item_id;
    p.line.sku = item->sku;
    p.line.given = ids;
    p.line.quantity = quantity;
    p.line.extra = order_internal::WithoutOwnedLineFields(line);
    planned.push_back(std::move(p));
  }

  // Every check passed. One order per supplier, in order of first appearance.
  std::vector<std::string> supplier_order;
  for (const PlannedLine& p : planned) {
    if (std::find(supplier_order.begin(), supplier_order.end(), p.supplier_id) ==
        supplier_order.end()) {
      supplier_order.push_back(p.supplier_id);
    }
  }
  const Json extra = order_internal::WithoutOwnedOrderFields(body);
  CreateOrdersResult result;
  for (const std::string& supplier : supplier_order) {
    Order o;
    o.dsco_order_id = services_->ids->NextDscoId();
    o.retailer_id = std::string(caller);
    o.supplier_id = supplier;
    o.po_number = po;
    o.consumer_order_number = consumer_order_number;
    o.order_type = order_type.value_or("dropship");
    o.test = test.value_or(false);
    o.created = now();
    o.last_update = o.created;
    o.visible_at = o.created + policy_.post_processing_delay;
    o.lifecycle = policy_.post_processing_delay > Duration::zero() ? OrderLifecycle::kReceived
                                                                    : OrderLifecycle::kCreated;
    o.acknowledge_by = deadlines[0].value_or(o.created + policy_.acknowledge_window);
    o.ship_by = deadlines[1].value_or(o.created + policy_.ship_window);
    o.invoice_by = deadlines[2].value_or(*o.ship_by + policy_.invoice_window_after_ship_by);
    o.cancel_after = deadlines[3].value_or(*o.ship_by + policy_.cancel_after_window_after_ship_by);
    o.extra = extra;
    for (const PlannedLine& p : planned) {
      if (p.supplier_id != supplier) continue;
      o.lines.push_back(p.line);
      AddActivity(o.lines.back(), "add", p.line.quantity, "line item added");
    }
    o.sequence = next_sequence_++;
    by_po_[std::string(caller) + "/" + po].push_back(o.dsco_order_id);
    Order& stored = orders_.emplace(o.dsco_order_id, std::move(o)).first->second;
    if (stored.lifecycle == OrderLifecycle::kReceived) {
      services_->clock->ScheduleAt(stored.visible_at, kPostProcessingTopic, stored.dsco_order_id);
    }
    ScheduleDeadlines(stored);
    PublishOrder(stored, caller, "order.created", {"create"}, {{"isNew", true}});
    result.orders.push_back(stored);
  }
  return result;
}

Result<std::vector<Order>> OrderStore::Get(std::string_view caller, OrderKeyType key,
                                           std::string_view value,
                                           const std::optional<std::string>& partner_account_id,
                                           const std::optional<std::string>& partner_tp_id,
                                           bool return_multiple) {
  const Account* me = services_->accounts->Find(caller);
  if (me == nullptr) return PermissionDenied("", "unknown caller account");
  if (value.empty()) return InvalidArgument("value", "is required");
  if (key == OrderKeyType::kDscoOrderId && !IsDigits(value)) {
    return InvalidArgument("value", "a dscoOrderId is a number");
  }
  std::optional<std::string> partner;
  if (partner_account_id) {
    if (services_->accounts->PartnerOf(caller, *partner_account_id) == nullptr) {
      return InvalidArgument("dscoAccountId", "is not one of your trading partners");
    }
    partner = *partner_account_id;
  }
  if (partner_tp_id) {
    const PartnerView* p = services_->accounts->PartnerByTradingPartnerId(caller, *partner_tp_id);
    if (p == nullptr) {
      return InvalidArgument("dscoTradingPartnerId", "is not one of your trading-partner ids");
    }
    partner = p->partner_account_id;
  }
  if (me->role == Role::kRetailer && key == OrderKeyType::kSupplierOrderNumber && !partner) {
    return InvalidArgument("dscoAccountId",
                           "a retailer looking up by supplierOrderNumber must name the supplier "
                           "(dscoAccountId or dscoTradingPartnerId)");
  }
  const std::string other = partner.value_or("");
  const std::string retailer = me->role == Role::kRetailer ? std::string(caller) : other;
  const std::string supplier = me->role == Role::kSupplier ? std::string(caller) : other;
  std::vector<Order> out;
  for (const Order* o : FindAll(key, value, retailer, supplier)) {
    if (o->lifecycle == OrderLifecycle::kReceived) continue;  // not visible yet
    out.push_back(*o);
    if (!return_multiple) break;
  }
  if (out.empty()) return NotFound("value", "no order of yours has this id (yet)");
  return out;
}

void OrderStore::AddActivity(OrderLine& line, std::string action,
                             std::optional<std::int64_t> quantity, std::string reason) {
  LineActivity a;
  a.action = std::move(action);
  a.quantity = quantity;
  // The schema's formerStatus takes the activity names (accept, cancel, ...): the line's
  // status before this change, said as the activity that set it. A rejected line has no
  // such name, so it has none (the field is nullable).
  if (line.status == LineStatus::kAccepted) a.former_status = "accept";
  if (line.status == LineStatus::kCancelled) a.former_status = "cancel";
  a.reason = std::move(reason);
  a.uuid = services_->ids->NextActivityId();
  a.date = now();
  line.activity.push_back(std::move(a));
}

void OrderStore::Touch(Order& order, bool supplier_action) {
  order.last_update = now();
  if (supplier_action && order.lifecycle == OrderLifecycle::kCreated) {
    order.lifecycle = OrderLifecycle::kAcknowledged;
  }
  if (order.fully_resolved() && order.lifecycle != OrderLifecycle::kReceived) {
    order.lifecycle = OrderLifecycle::kCompleted;
  }
}

void OrderStore::ScheduleDeadlines(const Order& order) {
  const std::pair<const char*, const std::optional<Time>*> deadlines[] = {
      {"acknowledge", &order.acknowledge_by},
      {"ship", &order.ship_by},
      {"invoice", &order.invoice_by},
      {"cancel", &order.cancel_after}};
  for (const auto& [which, when] : deadlines) {
    if (*when) {
      services_->clock->ScheduleAt(**when, kDeadlineTopic, order.dsco_order_id + "/" + which);
    }
  }
}

void OrderStore::PublishOrder(const Order& order, std::string_view actor, std::string kind,
                              std::vector<std::string> reasons, Json facts) {
  DomainEvent event;
  event.actor = std::string(actor);
  event.kind = std::move(kind);
  event.object_type = StreamObjectType::kOrder;
  event.object_key = order.dsco_order_id;
  event.retailer_id = order.retailer_id;
  event.supplier_id = order.supplier_id;
  event.event_reasons = std::move(reasons);
  event.payload = ToJson(order);
  facts["dscoStatus"] = OrderStatusName(order.dsco_status());
  facts["dscoLifecycle"] = OrderLifecycleName(order.lifecycle);
  facts["orderType"] = order.order_type;
  event.facts = std::move(facts);
  services_->events->Publish(std::move(event));
}

void OrderStore::PublishItemChange(const Order& order, std::string_view actor, std::string status,
                                   Json line_items, std::optional<std::string> tracking_number,
                                   std::optional<std::string> cancel_code) {
  DomainEvent event;
  event.actor = std::string(actor);
  event.kind = "orderitemchange." + status;
  event.object_type = StreamObjectType::kOrderItemChange;
  event.object_key = order.dsco_order_id;
  event.retailer_id = order.retailer_id;
  event.supplier_id = order.supplier_id;
  event.payload = {{"eventUuid", services_->ids->NextUuid()},
                   {"status", status},
                   {"order", ToJson(order)},
                   {"lineItems", std::move(line_items)}};
  if (tracking_number) event.payload["trackingNumber"] = *tracking_number;
  if (cancel_code) event.payload["cancelCode"] = *cancel_code;
  event.facts = {{"status", status}};
  services_->events->Publish(std::move(event));
}

std::int64_t OrderStore::InvoiceShortfall(const Order& order) const {
  return order.shipped_quantity() - services_->invoices->InvoicedQuantity(order.dsco_order_id);
}

void OrderStore::OnTimer(const Timer& timer) {
  if (timer.topic == kPostProcessingTopic) {
    const auto it = orders_.find(timer.key);
    if (it == orders_.end() || it->second.lifecycle != OrderLifecycle::kReceived) return;
    Order& o = it->second;
    o.lifecycle = o.fully_resolved() ? OrderLifecycle::kCompleted : OrderLifecycle::kCreated;
    o.last_update = now();
    // The supplier's streams never saw the order while it was received, so for them this
    // is its creation (stream_fanout.cc adds "create" there; docs/fidelity.md).
    PublishOrder(o, kPlatformActor, "order.visible", {"update_status_lifecycle"},
                 {{"supplierFirstSight", true}});
    return;
  }
  if (timer.topic != kDeadlineTopic) return;
  const auto slash = timer.key.find('/');
  const auto it = orders_.find(std::string_view(timer.key).substr(0, slash));
  if (it == orders_.end()) return;
  Order& o = it->second;
  const std::string which = timer.key.substr(slash + 1);
  // A deadline moved since this timer was set: the new one has its own timer.
  const auto due = [&](const std::optional<Time>& deadline) {
    return deadline && *deadline == now();
  };
  std::optional<Time>* late = nullptr;
  if (which == "acknowledge" && due(o.acknowledge_by)) {
    const bool unacknowledged = o.lifecycle == OrderLifecycle::kReceived ||
                                o.lifecycle == OrderLifecycle::kCreated;
    if (unacknowledged) late = &o.acknowledge_late;
  } else if (which == "ship" && due(o.ship_by)) {
    if (o.remaining_quantity() > 0) late = &o.ship_late;
  } else if (which == "invoice" && due(o.invoice_by)) {
    if (InvoiceShortfall(o) > 0) late = &o.invoice_late;
  } else if (which == "cancel" && due(o.cancel_after)) {
    if (o.remaining_quantity() > 0) late = &o.cancel_late;
  }
  if (late == nullptr || late->has_value()) return;
  *late = now();
  o.last_update = now();
  PublishOrder(o, kPlatformActor, "order.late", {"update_order_info"}, {{"late", which}});
}

}  // namespace dscosim
