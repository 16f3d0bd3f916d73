// Order updates (one element of POST /orderupdate/batch/small): STATUS and
// EST_SHIP_DATE from the supplier, RETAILER_DATA from the retailer.
#include <map>
#include <utility>

#include "dscosim/model/orders/order_internal.h"
#include "dscosim/model/orders/order_store.h"
#include "dscosim/model/core/text.h"

namespace dscosim {
namespace {

// One line of a STATUS update, read and checked.
struct StatusPlan {
  std::size_t line = 0;
  std::optional<LineStatus> status;
  std::optional<std::string> status_reason;
  std::int64_t accept = 0, cancel = 0, reject = 0;
  std::optional<std::string> accepted_reason, cancelled_reason, rejected_reason, cancel_code;
};

}  // namespace

Status OrderStore::ApplyUpdate(std::string_view caller, const Json& body) {
  const Account* me = services_->accounts->Find(caller);
  if (me == nullptr) return PermissionDenied("", "unknown caller account");
  DSCOSIM_RETURN_IF_ERROR(RequireObject(body, ""));
  DSCOSIM_ASSIGN_OR_RETURN(const std::string type, ReqString(body, "updateType"));
  const bool supplier_type = type == "STATUS" || type == "EST_SHIP_DATE";
  if (!supplier_type && type != "RETAILER_DATA") {
    return InvalidArgument("updateType", "must be one of: STATUS, EST_SHIP_DATE, RETAILER_DATA");
  }
  if (supplier_type && me->role != Role::kSupplier) {
    return PermissionDenied("updateType", type + " updates come from the order's supplier");
  }
  if (!supplier_type && me->role != Role::kRetailer) {
    return PermissionDenied("updateType", "RETAILER_DATA updates come from the order's retailer");
  }
  Order* order = nullptr;
  if (supplier_type) {
    DSCOSIM_ASSIGN_OR_RETURN(order, LocateForSupplier(caller, body, ""));
  } else {
    DSCOSIM_ASSIGN_OR_RETURN(order, LocateForRetailer(caller, body, ""));
  }
  DSCOSIM_ASSIGN_OR_RETURN(const Json* payload, OptArray(body, "payload"));
  const Json empty = Json::array();
  const Json& items = payload != nullptr ? *payload : empty;

  if (type == "EST_SHIP_DATE") {
    if (items.empty()) return InvalidArgument("payload", "give at least one line");
    std::vector<std::pair<std::size_t, std::pair<Time, std::optional<std::string>>>> plan;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string path = IndexPath("payload", i);
      DSCOSIM_ASSIGN_OR_RETURN(const std::size_t index, LocateLine(*order, items[i], path));
      DSCOSIM_ASSIGN_OR_RETURN(const std::optional<Time> date,
                               OptTime(items[i], "estimatedShipDate", path));
      if (!date) return InvalidArgument(JoinPath(path, "estimatedShipDate"), "is required");
      DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> reason,
                               OptString(items[i], "estimatedShipReason", path));
      plan.push_back({index, {*date, reason}});
    }
    for (const auto& [index, value] : plan) {
      order->lines[index].estimated_ship_date = value.first;
      if (value.second) order->lines[index].estimated_ship_reason = value.second;
    }
    Touch(*order, false);
    PublishOrder(*order, caller, "order.estimated_ship_date", {"update_line_item_estimated_ship_date"});
    return Status::Ok();
  }

  if (type == "STATUS") {
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> top, OptString(body, "status"));
    std::optional<OrderStatus> top_status;
    if (top) {
      DSCOSIM_ASSIGN_OR_RETURN(top_status, ParseOrderStatus(*top, "status"));
    }
    if (!top_status && items.empty()) {
      return InvalidArgument("payload", "a STATUS update needs a status or at least one line");
    }
    std::vector<StatusPlan> plans;
    std::map<std::size_t, std::int64_t> resolving;  // units cancelled or rejected per line
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string path = IndexPath("payload", i);
      const Json& item = items[i];
      DSCOSIM_ASSIGN_OR_RETURN(const std::size_t index, LocateLine(*order, item, path));
      const OrderLine& line = order->lines[index];
      StatusPlan p;
      p.line = index;
      DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> status, OptString(item, "status", path));
      if (status) {
        DSCOSIM_ASSIGN_OR_RETURN(p.status, ParseLineStatus(*status, JoinPath(path, "status")));
      }
      DSCOSIM_ASSIGN_OR_RETURN(p.status_reason, OptString(item, "statusReason", path));
      DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::int64_t> accepted,
                               OptInt(item, "acceptedQuantity", path));
      DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::int64_t> cancelled,
                               OptInt(item, "cancelledQuantity", path));
      DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::int64_t> rejected,
                               OptInt(item, "rejectedQuantity", path));
      DSCOSIM_ASSIGN_OR_RETURN(p.accepted_reason, OptString(item, "acceptedReason", path));
      DSCOSIM_ASSIGN_OR_RETURN(p.cancelled_reason, OptString(item, "cancelledReason", path));
      DSCOSIM_ASSIGN_OR_RETURN(p.rejected_reason, OptString(item, "rejectedReason", path));
      DSCOSIM_ASSIGN_OR_RETURN(p.cancel_code, OptString(item, "cancelCode", path));
      const std::int64_t remaining = line.remaining() - resolving[index];
      // A status without quantities applies to every unit that remains.
      p.cancel = cancelled.value_or(p.status == LineStatus::kCancelled ? remaining : 0);
      p.reject = rejected.value_or(p.status == LineStatus::kRejected ? remaining : 0);
      p.accept = accepted.value_or(p.status == LineStatus::kAccepted ? remaining : 0);
      if (p.cancel < 0 || p.reject < 0 || p.accept < 0) {
        return InvalidArgument(path, "quantities must not be negative");
      }
      if (!p.status && p.cancel == 0 && p.reject == 0 && p.accept == 0) {
        return InvalidArgument(JoinPath(path, "status"), "this line changes nothing");
      }
      resolving[index] += p.cancel + p.reject;
      if (resolving[index] > line.remaining()) {
        return InvalidArgument(JoinPath(path, p.cancel > 0 ? "cancelledQuantity" : "rejectedQuantity"),
                               "more than the " + std::to_string(line.remaining()) +
                                   " units that remain on line " + std::to_string(line.line_number));
      }
      if (p.accept > line.quantity - line.cancelled_quantity - line.rejected_quantity - p.cancel - p.reject) {
        return InvalidArgument(JoinPath(path, "acceptedQuantity"),
                               "accepts more units than the line has left");
      }
      plans.push_back(std::move(p));
    }

    Json cancelled_lines = Json::array();
    std::optional<std::string> cancel_code;
    bool rejected_cancel_request = false;
    for (const StatusPlan& p : plans) {
      OrderLine& line = order->lines[p.line];
      if (p.cancel > 0) {
        line.cancelled_quantity += p.cancel;
        line.cancel_code = p.cancel_code;
        line.cancelled_reason = p.cancelled_reason;
        cancel_code = p.cancel_code;
        AddActivity(line, "cancel", p.cancel, p.cancelled_reason.value_or("cancelled by status update"));
        cancelled_lines.push_back({{"lineNumber", line.line_number}, {"dscoItemId", line.dsco_item_id},
                                   {"sku", line.sku}, {"quantity", p.cancel}});
      }
      if (p.reject > 0) {
        line.rejected_quantity += p.reject;
        line.rejected_reason = p.rejected_reason;
        AddActivity(line, "cancel", p.reject, p.rejected_reason.value_or("rejected"));
      }
      if (p.accept > 0) {
        line.accepted_quantity = std::max(line.accepted_quantity, p.accept);
        line.accepted_reason = p.accepted_reason;
        AddActivity(line, "accept", p.accept, p.accepted_reason.value_or("accepted by status update"));
        // Accepting a line the retailer asked to cancel rejects the request.
        if (line.cancel_requested) {
          line.cancel_requested = false;
          rejected_cancel_request = true;
        }
      }
      if (p.status_reason) line.status_reason = p.status_reason;
      if (line.all_cancelled()) {
        line.status = line.rejected_quantity >= line.quantity ? LineStatus::kRejected
                                                              : LineStatus::kCancelled;
      } else if (p.status == LineStatus::kAccepted || p.accept > 0 || !line.status) {
        line.status = LineStatus::kAccepted;
      }
    }
    // The order-level status, when given, may act on every line; what the lines imply
    // overrules it (the spec: the top-level status "may be overruled").
    if (top_status == OrderStatus::kCancelled) {
      for (OrderLine& line : order->lines) {
        if (line.remaining() <= 0) continue;
        const std::int64_t q = line.remaining();
        line.cancelled_quantity += q;
        AddActivity(line, "cancel", q, "order cancelled by status update");
        line.status = LineStatus::kCancelled;
        cancelled_lines.push_back({{"lineNumber", line.line_number}, {"dscoItemId", line.dsco_item_id},
                                   {"sku", line.sku}, {"quantity", q}});
      }
    }
    if (rejected_cancel_request) {
      bool any_left = false;
      for (const OrderLine& line : order->lines) any_left = any_left || line.cancel_requested;
      if (!any_left) order->cancel_requested = false;
    } else {
      // Cancelling what was asked settles the request.
      bool any_left = false;
      for (const OrderLine& line : order->lines) {
        any_left = any_left || (line.cancel_requested && line.remaining() > 0);
      }
      if (!any_left && order->cancel_requested) {
        order->cancel_requested = false;
        for (OrderLine& line : order->lines) line.cancel_requested = false;
      }
    }
    Touch(*order, true);
    Json facts = Json::object();
    if (rejected_cancel_request) facts["cancelRequestRejected"] = true;
    PublishOrder(*order, caller, "order.status_updated", {"update_status_lifecycle"}, facts);
    if (!cancelled_lines.empty()) {
      PublishItemChange(*order, caller, "cancelled", std::move(cancelled_lines), std::nullopt,
                        cancel_code);
    }
    return Status::Ok();
  }

  // RETAILER_DATA.
  struct LinePlan {
    std::size_t line;
    std::optional<std::int64_t> quantity;
    Json extra;
  };
  std::vector<LinePlan> lines;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string path = IndexPath("payload", i);
    const Json& item = items[i];
    DSCOSIM_ASSIGN_OR_RETURN(const std::size_t index, LocateLine(*order, item, path));
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::int64_t> quantity, OptInt(item, "quantity", path));
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<double> cost, OptNumber(item, "expectedCost", path));
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<double> price, OptNumber(item, "consumerPrice", path));
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> warehouse,
                             OptString(item, "warehouseCode", path));
    (void)cost, (void)price, (void)warehouse;  // type-checked; kept in extra
    const OrderLine& line = order->lines[index];
    const std::int64_t done = line.shipped_quantity + line.cancelled_quantity + line.rejected_quantity;
    if (quantity && (*quantity < 1 || *quantity < done)) {
      return InvalidArgument(JoinPath(path, "quantity"),
                             "must be at least 1 and at least the " + std::to_string(done) +
                                 " units already shipped or cancelled");
    }
    lines.push_back({index, quantity, order_internal::WithoutOwnedLineFields(item)});
  }
  DSCOSIM_ASSIGN_OR_RETURN(const Json* data, OptObject(body, "retailerData"));
  std::optional<std::string> consumer_order_number;
  std::optional<bool> test;
  std::array<std::optional<Time>, 4> deadlines;
  const std::array<const char*, 4> deadline_keys = {"acknowledgeByDate", "shipByDate",
                                                    "invoiceByDate", "cancelAfterDate"};
  if (data != nullptr) {
    DSCOSIM_ASSIGN_OR_RETURN(consumer_order_number,
                             OptString(*data, "consumerOrderNumber", "retailerData"));
    DSCOSIM_ASSIGN_OR_RETURN(test, OptBool(*data, "testOrder", "retailerData"));
    for (std::size_t i = 0; i < deadlines.size(); ++i) {
      DSCOSIM_ASSIGN_OR_RETURN(deadlines[i], OptTime(*data, deadline_keys[i], "retailerData"));
    }
  }
  if (lines.empty() && data == nullptr) {
    return InvalidArgument("payload", "a RETAILER_DATA update needs payload lines or retailerData");
  }
  for (LinePlan& p : lines) {
    OrderLine& line = order->lines[p.line];
    if (p.quantity && *p.quantity != line.quantity) {
      AddActivity(line, "add", *p.quantity - line.quantity, "quantity changed by the retailer");
      line.quantity = *p.quantity;
    }
    line.extra.update(p.extra);
  }
  if (data != nullptr) {
    Json rest = order_internal::WithoutOwnedOrderFields(*data);
    rest.erase("testOrder");
    rest.erase("changeNote");
    order->extra.update(rest);
    if (consumer_order_number) order->consumer_order_number = consumer_order_number;
    if (test) order->test = *test;
    std::optional<Time>* targets[] = {&order->acknowledge_by, &order->ship_by, &order->invoice_by,
                                      &order->cancel_after};
    bool moved = false;
    for (std::size_t i = 0; i < deadlines.size(); ++i) {
      if (deadlines[i] && deadlines[i] != *targets[i]) {
        *targets[i] = deadlines[i];
        moved = true;
      }
    }
    if (moved) ScheduleDeadlines(*order);
  }
  Touch(*order, false);
  PublishOrder(*order, caller, "order.retailer_data", {"update_order_info"});
  return Status::Ok();
}

}  // namespace dscosim
