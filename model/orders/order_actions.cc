// What suppliers and retailers do to an order after it exists: acknowledge, ship,
// cancel, update, request a cancel. Each action first reads and checks its whole body
// into a plan, then applies the plan, so a refusal never leaves a half-applied change
// (and never draws an id).
#include <map>
#include <utility>

#include "dscosim/model/catalog/item_store.h"
#include "dscosim/model/orders/order_internal.h"
#include "dscosim/model/orders/order_store.h"
#include "dscosim/model/core/text.h"

namespace dscosim {
namespace {

using order_internal::ReadItemIdentifiers;

// The identifiers given match the line (through its item for upc/ean/mpn/isbn/gtin).
bool LineMatches(const OrderLine& line, const ItemIdentifiers& ids, const Item* item) {
  const auto eq = [](const std::optional<std::string>& want, const std::optional<std::string>& have) {
    return !want || (have && *want == *have);
  };
  if (ids.dsco_item_id && *ids.dsco_item_id != line.dsco_item_id) return false;
  if (ids.sku && *ids.sku != line.sku) return false;
  if (ids.partner_sku && !eq(ids.partner_sku, line.given.partner_sku)) return false;
  if (item == nullptr) return !ids.upc && !ids.ean && !ids.mpn && !ids.isbn && !ids.gtin;
  return eq(ids.upc, item->upc) && eq(ids.ean, item->ean) && eq(ids.mpn, item->mpn) &&
         eq(ids.isbn, item->isbn) && eq(ids.gtin, item->gtin);
}

Status CheckCancelCode(const OrderPolicy& policy, const std::optional<std::string>& code,
                       const std::string& field) {
  if (!code || IsBlank(*code)) return InvalidArgument(field, "is required");
  if (!policy.cancel_codes.empty() && policy.cancel_codes.count(*code) == 0) {
    std::string allowed;
    for (const std::string& c : policy.cancel_codes) allowed += (allowed.empty() ? "" : ", ") + c;
    return InvalidArgument(field, "is not one of the account's cancel codes: " + allowed);
  }
  return Status::Ok();
}

// Clears the order's cancel request once no line still has one.
void SettleCancelRequest(Order& order) {
  if (!order.cancel_requested) return;
  for (const OrderLine& line : order.lines) {
    if (line.cancel_requested && line.remaining() > 0) return;
  }
  order.cancel_requested = false;
  for (OrderLine& line : order.lines) line.cancel_requested = false;
}

Json ItemChangeLine(const OrderLine& line, std::int64_t quantity) {
  return {{"lineNumber", line.line_number},
          {"dscoItemId", line.dsco_item_id},
          {"sku", line.sku},
          {"quantity", quantity}};
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Finding the order and the line.

Result<Order*> OrderStore::LocateForSupplier(std::string_view caller, const Json& body,
                                             std::string_view path) {
  const Account* me = services_->accounts->Find(caller);
  if (me == nullptr) return PermissionDenied("", "unknown caller account");
  if (me->role != Role::kSupplier) {
    return PermissionDenied("", "only the order's supplier may do this");
  }
  DSCOSIM_RETURN_IF_ERROR(RequireObject(body, path));
  OrderKeyType key = OrderKeyType::kDscoOrderId;
  std::optional<std::string> value;
  std::string field;
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> type, OptString(body, "type", path));
  if (type) {
    DSCOSIM_ASSIGN_OR_RETURN(key, ParseOrderKeyType(*type, JoinPath(path, "type")));
    DSCOSIM_ASSIGN_OR_RETURN(value, OptId(body, "id", path));
    field = JoinPath(path, "id");
    if (!value) return InvalidArgument(field, "is required");
  } else {
    const std::pair<const char*, OrderKeyType> keys[] = {
        {"dscoOrderId", OrderKeyType::kDscoOrderId},
        {"poNumber", OrderKeyType::kPoNumber},
        {"supplierOrderNumber", OrderKeyType::kSupplierOrderNumber}};
    for (const auto& [name, k] : keys) {
      DSCOSIM_ASSIGN_OR_RETURN(value, OptId(body, name, path));
      if (value) {
        key = k;
        field = JoinPath(path, name);
        break;
      }
    }
    if (!value) {
      return InvalidArgument(JoinPath(path, "dscoOrderId"),
                             "name the order: dscoOrderId, poNumber or supplierOrderNumber");
    }
  }
  for (const Order* o : FindAll(key, *value, "", caller)) {
    if (o->lifecycle == OrderLifecycle::kReceived) continue;  // not visible yet
    return &orders_.at(o->dsco_order_id);
  }
  return NotFound(field, "no order of yours has this id (yet)");
}

Result<Order*> OrderStore::LocateForRetailer(std::string_view caller, const Json& body,
                                             std::string_view path) {
  const Account* me = services_->accounts->Find(caller);
  if (me == nullptr) return PermissionDenied("", "unknown caller account");
  if (me->role != Role::kRetailer) return PermissionDenied("", "only the order's retailer may do this");
  DSCOSIM_RETURN_IF_ERROR(RequireObject(body, path));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> id, OptId(body, "dscoOrderId", path));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> po, OptString(body, "poNumber", path));
  if (id) {
    const Order* o = Find(*id);
    if (o == nullptr || o->retailer_id != caller) {
      return NotFound(JoinPath(path, "dscoOrderId"), "no order of yours has this id");
    }
    if (po && *po != o->po_number) {
      return InvalidArgument(JoinPath(path, "poNumber"), "is not the PO number of dscoOrderId");
    }
    return &orders_.at(*id);
  }
  if (!po) {
    return InvalidArgument(JoinPath(path, "dscoOrderId"), "name the order: dscoOrderId or poNumber");
  }
  const std::vector<const Order*> matches = FindAll(OrderKeyType::kPoNumber, *po, caller, "");
  if (matches.empty()) return NotFound(JoinPath(path, "poNumber"), "no order of yours has this PO");
  if (matches.size() > 1) {
    return InvalidArgument(JoinPath(path, "poNumber"),
                           "PO " + *po + " was split into " + std::to_string(matches.size()) +
                               " orders (one per supplier); name one by dscoOrderId");
  }
  return &orders_.at(matches.front()->dsco_order_id);
}

Result<std::size_t> OrderStore::LocateLine(const Order& order, const Json& line,
                                           std::string_view path, bool require_sku) const {
  DSCOSIM_RETURN_IF_ERROR(RequireObject(line, path));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::int64_t> number,
                           OptInt(line, "lineNumber", path));
  DSCOSIM_ASSIGN_OR_RETURN(const ItemIdentifiers ids, ReadItemIdentifiers(line, path));
  if (require_sku && !ids.sku) return InvalidArgument(JoinPath(path, "sku"), "is required");
  if (!number && ids.empty()) {
    return InvalidArgument(JoinPath(path, "sku"), "name the line: lineNumber or an item id");
  }
  std::optional<std::size_t> found;
  std::size_t matches = 0;
  for (std::size_t i = 0; i < order.lines.size(); ++i) {
    const OrderLine& l = order.lines[i];
    if (number && l.line_number != *number) continue;
    if (!LineMatches(l, ids, services_->items->FindByDscoItemId(l.dsco_item_id))) continue;
    if (++matches == 1) found = i;
  }
  const std::string key = number ? JoinPath(path, "lineNumber")
                                 : JoinPath(path, ids.sku ? "sku" : ids.dsco_item_id ? "dscoItemId"
                                                                                      : "partnerSku");
  if (!found) return NotFound(key, "no line of order " + order.dsco_order_id + " matches");
  if (matches > 1) {
    return InvalidArgument(key, "matches " + std::to_string(matches) + " lines; add lineNumber");
  }
  return *found;
}

// ---------------------------------------------------------------------------------------
// Acknowledge.

Status OrderStore::Acknowledge(std::string_view caller, const Json& body) {
  DSCOSIM_ASSIGN_OR_RETURN(Order* const order, LocateForSupplier(caller, body, ""));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> supplier_order_number,
                           OptString(body, "supplierOrderNumber"));
  std::vector<std::string> reasons;
  if (supplier_order_number && supplier_order_number != order->supplier_order_number) {
    order->supplier_order_number = supplier_order_number;
    reasons.push_back("update_supplier_order_number");
  }
  const bool was_acknowledged = order->lifecycle != OrderLifecycle::kCreated;
  if (!was_acknowledged) {
    for (OrderLine& line : order->lines) {
      if (line.status || line.remaining() == 0) continue;
      line.status = LineStatus::kAccepted;
      line.accepted_quantity = line.quantity - line.cancelled_quantity - line.rejected_quantity;
      AddActivity(line, "accept", line.accepted_quantity, "order acknowledged");
    }
    reasons.push_back("update_status_lifecycle");
  }
  if (reasons.empty()) return Status::Ok();  // acknowledging twice changes nothing
  Touch(*order, true);
  PublishOrder(*order, caller, "order.acknowledged", std::move(reasons));
  return Status::Ok();
}

Status OrderStore::AcknowledgeItems(std::string_view caller, const Json& body) {
  DSCOSIM_ASSIGN_OR_RETURN(Order* const order, LocateForSupplier(caller, body, ""));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> supplier_order_number,
                           OptString(body, "supplierOrderNumber"));
  DSCOSIM_ASSIGN_OR_RETURN(const Json* lines, OptArray(body, "lineItems"));
  if (lines == nullptr || lines->empty()) return InvalidArgument("lineItems", "is required");
  struct Plan {
    std::size_t line = 0;
    std::int64_t accepted = 0, cancelled = 0;
    std::optional<std::string> accepted_reason, cancelled_reason, cancel_code;
    std::optional<Time> estimated_ship_date;
  };
  std::vector<Plan> plans;
  std::map<std::size_t, std::int64_t> used;  // units claimed per line by this request
  for (std::size_t i = 0; i < lines->size(); ++i) {
    const std::string path = IndexPath("lineItems", i);
    const Json& l = (*lines)[i];
    DSCOSIM_ASSIGN_OR_RETURN(const std::size_t index, LocateLine(*order, l, path));
    Plan p;
    p.line = index;
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::int64_t> accepted,
                             OptInt(l, "acceptedQuantity", path));
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::int64_t> cancelled,
                             OptInt(l, "cancelledQuantity", path));
    DSCOSIM_ASSIGN_OR_RETURN(p.accepted_reason, OptString(l, "acceptedReason", path));
    DSCOSIM_ASSIGN_OR_RETURN(p.cancelled_reason, OptString(l, "cancelledReason", path));
    DSCOSIM_ASSIGN_OR_RETURN(p.cancel_code, OptString(l, "cancelCode", path));
    DSCOSIM_ASSIGN_OR_RETURN(p.estimated_ship_date, OptTime(l, "estimatedShipDate", path));
    const OrderLine& line = order->lines[index];
    p.cancelled = cancelled.value_or(0);
    if (p.cancelled < 0) return InvalidArgument(JoinPath(path, "cancelledQuantity"), "must not be negative");
    used[index] += p.cancelled;
    if (used[index] > line.remaining()) {
      return InvalidArgument(JoinPath(path, "cancelledQuantity"),
                             "cancels more than the " + std::to_string(line.remaining()) +
                                 " units that remain on line " + std::to_string(line.line_number));
    }
    if (p.cancelled > 0) {
      DSCOSIM_RETURN_IF_ERROR(CheckCancelCode(policy_, p.cancel_code, JoinPath(path, "cancelCode")));
    }
    // Without an accepted quantity, every unit not cancelled is accepted.
    p.accepted = accepted.value_or(line.remaining() - p.cancelled);
    if (p.accepted < 0) return InvalidArgument(JoinPath(path, "acceptedQuantity"), "must not be negative");
    if (p.accepted + p.cancelled > line.remaining()) {
      return InvalidArgument(JoinPath(path, "acceptedQuantity"),
                             "accepts more than the " + std::to_string(line.remaining() - p.cancelled) +
                                 " units left on line " + std::to_string(line.line_number));
    }
    plans.push_back(std::move(p));
  }

  Json cancelled_lines = Json::array();
  std::optional<std::string> last_cancel_code;
  for (const Plan& p : plans) {
    OrderLine& line = order->lines[p.line];
    if (p.cancelled > 0) {
      line.cancelled_quantity += p.cancelled;
      line.cancel_code = p.cancel_code;
      line.cancelled_reason = p.cancelled_reason;
      last_cancel_code = p.cancel_code;
      AddActivity(line, "cancel", p.cancelled, p.cancelled_reason.value_or("cancelled by supplier"));
      cancelled_lines.push_back(ItemChangeLine(line, p.cancelled));
    }
    if (p.accepted > 0) {
      line.accepted_quantity = std::max(line.accepted_quantity, p.accepted);
      line.accepted_reason = p.accepted_reason;
      AddActivity(line, "accept", p.accepted, p.accepted_reason.value_or("line acknowledged"));
    }
    line.status = line.all_cancelled() ? LineStatus::kCancelled : LineStatus::kAccepted;
    if (p.estimated_ship_date) line.estimated_ship_date = p.estimated_ship_date;
  }
  if (supplier_order_number) order->supplier_order_number = supplier_order_number;
  SettleCancelRequest(*order);
  Touch(*order, true);
  PublishOrder(*order, caller, "order.acknowledged_items", {"update_status_lifecycle"});
  if (!cancelled_lines.empty()) {
    PublishItemChange(*order, caller, "cancelled", std::move(cancelled_lines), std::nullopt,
                      last_cancel_code);
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------
// Ship.

Result<ShipmentStrictness> ParseShipmentStrictness(std::string_view text, std::string_view field) {
  if (text == "off") return ShipmentStrictness::kOff;
  if (text == "single") return ShipmentStrictness::kSingle;
  if (text == "all") return ShipmentStrictness::kAll;
  return InvalidArgument(std::string(field), "must be off, single or all");
}

Status OrderStore::Ship(std::string_view caller, const Json& body, ShipmentRoute route) {
  DSCOSIM_ASSIGN_OR_RETURN(Order* const order, LocateForSupplier(caller, body, ""));
  const bool strict = policy_.strict_shipments == ShipmentStrictness::kAll ||
                      (policy_.strict_shipments == ShipmentStrictness::kSingle &&
                       route == ShipmentRoute::kSingleShipment);
  if (strict) {
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> po, OptString(body, "poNumber"));
    if (!po) return InvalidArgument("poNumber", "is required (the platform needs it on shipments)");
    if (*po != order->po_number) {
      return InvalidArgument("poNumber", "is not the PO number of the order named");
    }
  }
  DSCOSIM_ASSIGN_OR_RETURN(const Json* shipments, OptArray(body, "shipments"));
  if (shipments == nullptr || shipments->empty()) {
    return InvalidArgument("shipments", "give at least one shipment");
  }
  struct PlannedItem {
    std::size_t line;
    std::int64_t quantity;
    Json extra;
  };
  struct PlannedPackage {
    std::string tracking_number;
    std::optional<Time> ship_date;
    Json extra;
    std::vector<PlannedItem> items;
  };
  std::vector<PlannedPackage> packages;
  std::map<std::size_t, std::int64_t> shipping;  // units per line across the whole request
  for (std::size_t s = 0; s < shipments->size(); ++s) {
    const Json& shipment = (*shipments)[s];
    const std::string path = IndexPath("shipments", s);
    DSCOSIM_RETURN_IF_ERROR(RequireObject(shipment, path));
    PlannedPackage pkg;
    DSCOSIM_ASSIGN_OR_RETURN(pkg.tracking_number, ReqString(shipment, "trackingNumber", path));
    if (IsBlank(pkg.tracking_number)) {
      return InvalidArgument(JoinPath(path, "trackingNumber"), "must not be empty");
    }
    DSCOSIM_ASSIGN_OR_RETURN(pkg.ship_date, OptTime(shipment, "shipDate", path));
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> carrier,
                             OptString(shipment, "shipCarrier", path));
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> level,
                             OptString(shipment, "shippingServiceLevelCode", path));
    if (strict) {
      if (!carrier) return InvalidArgument(JoinPath(path, "shipCarrier"), "Ship carrier is required");
      if (!level) {
        return InvalidArgument(JoinPath(path, "shippingServiceLevelCode"), "is required");
      }
    }
    if (level && policy_.generic_service_level_codes.count(*level) != 0) {
      return InvalidArgument(JoinPath(path, "shippingServiceLevelCode"),
                             *level + " is a generic code, accepted on orders but not on "
                                      "shipments; use a carrier's code such as UPCG or FECG");
    }
    DSCOSIM_ASSIGN_OR_RETURN(const Json* items, OptArray(shipment, "lineItems", path));
    if (items == nullptr || items->empty()) {
      return InvalidArgument(JoinPath(path, "lineItems"), "a shipment needs its line items");
    }
    for (std::size_t i = 0; i < items->size(); ++i) {
      const std::string ipath = IndexPath(JoinPath(path, "lineItems"), i);
      const Json& item = (*items)[i];
      DSCOSIM_ASSIGN_OR_RETURN(const std::size_t index,
                               LocateLine(*order, item, ipath, strict));
      DSCOSIM_ASSIGN_OR_RETURN(const std::int64_t quantity, ReqInt(item, "quantity", ipath));
      if (quantity < 1) return InvalidArgument(JoinPath(ipath, "quantity"), "must be at least 1");
      const OrderLine& line = order->lines[index];
      shipping[index] += quantity;
      const std::int64_t may_ship = policy_.planted_bug_ship_ignores_cancelled
                                        ? line.quantity - line.shipped_quantity
                                        : line.remaining();
      if (shipping[index] > may_ship) {
        return InvalidArgument(JoinPath(ipath, "quantity"),
                               "ships " + std::to_string(shipping[index]) + " units of line " +
                                   std::to_string(line.line_number) + " but only " +
                                   std::to_string(may_ship) + " remain");
      }
      pkg.items.push_back({index, quantity, order_internal::WithoutOwnedPackageItemFields(item)});
    }
    pkg.extra = order_internal::WithoutOwnedPackageFields(shipment);
    packages.push_back(std::move(pkg));
  }

  for (PlannedPackage& planned : packages) {
    Package pkg;
    pkg.dsco_package_id = std::stoll(services_->ids->NextDscoId());
    pkg.tracking_number = planned.tracking_number;
    pkg.ship_date = planned.ship_date.value_or(now());
    pkg.extra = std::move(planned.extra);
    Json changed = Json::array();
    const std::string reason = "Tracking # " + planned.tracking_number + " added";
    for (PlannedItem& item : planned.items) {
      OrderLine& line = order->lines[item.line];
      line.shipped_quantity += item.quantity;
      line.accepted_quantity = std::max(line.accepted_quantity, line.shipped_quantity);
      line.status = LineStatus::kAccepted;
      line.status_reason = reason;
      line.accepted_reason = reason;
      AddActivity(line, "ship", item.quantity, reason);
      pkg.items.push_back({line.line_number, line.dsco_item_id, line.sku, item.quantity,
                           std::move(item.extra)});
      changed.push_back(ItemChangeLine(line, item.quantity));
    }
    order->packages.push_back(std::move(pkg));
    SettleCancelRequest(*order);
    Touch(*order, true);
    PublishItemChange(*order, caller, "shipped", std::move(changed), planned.tracking_number,
                      std::nullopt);
  }
  PublishOrder(*order, caller, "order.shipped", {"add_shipment"});
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------
// Cancel items (supplier).

Status OrderStore::CancelItems(std::string_view caller, const Json& body) {
  DSCOSIM_ASSIGN_OR_RETURN(Order* const order, LocateForSupplier(caller, body, ""));
  DSCOSIM_ASSIGN_OR_RETURN(const Json* lines, OptArray(body, "lineItems"));
  if (lines == nullptr || lines->empty()) return InvalidArgument("lineItems", "is required");
  struct Plan {
    std::size_t line;
    std::int64_t quantity;
    std::string code;
    std::optional<std::string> reason;
  };
  std::vector<Plan> plans;
  std::map<std::size_t, std::int64_t> cancelling;
  for (std::size_t i = 0; i < lines->size(); ++i) {
    const std::string path = IndexPath("lineItems", i);
    const Json& l = (*lines)[i];
    DSCOSIM_ASSIGN_OR_RETURN(const std::size_t index, LocateLine(*order, l, path));
    DSCOSIM_ASSIGN_OR_RETURN(const std::int64_t quantity, ReqInt(l, "cancelledQuantity", path));
    if (quantity < 1) {
      return InvalidArgument(JoinPath(path, "cancelledQuantity"), "must be at least 1");
    }
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> code, OptString(l, "cancelCode", path));
    DSCOSIM_RETURN_IF_ERROR(CheckCancelCode(policy_, code, JoinPath(path, "cancelCode")));
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> reason,
                             OptString(l, "cancelledReason", path));
    const OrderLine& line = order->lines[index];
    cancelling[index] += quantity;
    if (cancelling[index] > line.remaining()) {
      return InvalidArgument(JoinPath(path, "cancelledQuantity"),
                             "cancels " + std::to_string(cancelling[index]) + " units of line " +
                                 std::to_string(line.line_number) + " but only " +
                                 std::to_string(line.remaining()) + " remain");
    }
    plans.push_back({index, quantity, *code, reason});
  }
  Json changed = Json::array();
  for (const Plan& p : plans) {
    OrderLine& line = order->lines[p.line];
    line.cancelled_quantity += p.quantity;
    line.cancel_code = p.code;
    line.cancelled_reason = p.reason;
    AddActivity(line, "cancel", p.quantity, p.reason.value_or("cancelled by supplier"));
    if (line.all_cancelled()) line.status = LineStatus::kCancelled;
    changed.push_back(ItemChangeLine(line, p.quantity));
  }
  SettleCancelRequest(*order);
  Touch(*order, true);
  PublishItemChange(*order, caller, "cancelled", std::move(changed), std::nullopt,
                    plans.back().code);
  PublishOrder(*order, caller, "order.items_cancelled", {"update_status_lifecycle"});
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------
// Request cancel (retailer).

Result<CancelRequestResult> OrderStore::RequestCancel(std::string_view caller, const Json& body) {
  DSCOSIM_ASSIGN_OR_RETURN(Order* const order, LocateForRetailer(caller, body, ""));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> code, OptString(body, "cancelCode"));
  DSCOSIM_RETURN_IF_ERROR(CheckCancelCode(policy_, code, "cancelCode"));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> reason, OptString(body, "reason"));
  DSCOSIM_ASSIGN_OR_RETURN(const Json* lines, OptArray(body, "lineItems"));
  // Which lines, and how many units of each (all that remain unless told).
  std::map<std::size_t, std::int64_t> wanted;
  if (lines == nullptr || lines->empty()) {
    for (std::size_t i = 0; i < order->lines.size(); ++i) {
      if (order->lines[i].remaining() > 0) wanted[i] = order->lines[i].remaining();
    }
  } else {
    for (std::size_t i = 0; i < lines->size(); ++i) {
      const std::string path = IndexPath("lineItems", i);
      DSCOSIM_ASSIGN_OR_RETURN(const std::size_t index, LocateLine(*order, (*lines)[i], path));
      DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::int64_t> q,
                               OptInt((*lines)[i], "cancelledQuantity", path));
      const std::int64_t remaining = order->lines[index].remaining();
      const std::int64_t quantity = q.value_or(remaining);
      if (quantity < 1 || wanted[index] + quantity > remaining) {
        return InvalidArgument(JoinPath(path, "cancelledQuantity"),
                               "must be between 1 and the " + std::to_string(remaining) +
                                   " units that remain");
      }
      wanted[index] += quantity;
    }
  }
  const OrderStatus status = order->dsco_status();
  const std::string field = body.contains("dscoOrderId") ? "dscoOrderId" : "poNumber";
  if (status == OrderStatus::kShipped || status == OrderStatus::kCancelled ||
      order->lifecycle == OrderLifecycle::kCompleted || wanted.empty()) {
    return FailedPrecondition(field, "order " + order->dsco_order_id + " is " +
                                         std::string(OrderStatusName(status)) +
                                         "; only a created or shipment_pending order can be "
                                         "cancelled");
  }

  CancelRequestResult result;
  result.request_id = services_->ids->NextUuid();
  if (status == OrderStatus::kCreated) {
    // Not yet with the supplier: cancelled at once.
    Json changed = Json::array();
    for (const auto& [index, quantity] : wanted) {
      OrderLine& line = order->lines[index];
      line.cancelled_quantity += quantity;
      line.cancel_code = code;
      line.cancelled_reason = reason;
      AddActivity(line, "cancel", quantity, reason.value_or("cancelled at the retailer's request"));
      if (line.all_cancelled()) line.status = LineStatus::kCancelled;
      changed.push_back(ItemChangeLine(line, quantity));
    }
    Touch(*order, false);
    result.outcome = CancelRequestOutcome::kCancelled;
    PublishItemChange(*order, caller, "cancelled", std::move(changed), std::nullopt, code);
    PublishOrder(*order, caller, "order.cancelled_by_retailer", {"update_status_lifecycle"});
  } else {
    // With the supplier: a request it must answer (cancel or ship the lines).
    order->cancel_requested = true;
    order->cancel_requested_code = code;
    order->cancel_requested_reason = reason;
    for (const auto& [index, quantity] : wanted) {
      order->lines[index].cancel_requested = true;
      order->lines[index].cancel_requested_code = code;
    }
    Touch(*order, false);
    result.outcome = CancelRequestOutcome::kRequested;
    PublishOrder(*order, caller, "order.cancel_requested", {"update_order_info"},
                 {{"cancelRequest", true}});
  }
  result.order = *order;
  return result;
}

}  // namespace dscosim
