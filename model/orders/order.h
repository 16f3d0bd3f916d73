// Orders, their lines and packages, as the model stores them (docs/orders.md).
//
// An order is created by a retailer for one supplier (a purchase order whose lines
// belong to several suppliers becomes one Dsco order per supplier, all with the same
// poNumber). The model owns the fields its rules govern — identity, parties, life cycle,
// quantities, packages, deadlines, cancel requests, activity — and keeps every other
// field the retailer sent (shipping address, prices, gift messages, ...) verbatim in
// `extra`, so a client reads back what it wrote.
#ifndef DSCOSIM_MODEL_ORDERS_ORDER_H_
#define DSCOSIM_MODEL_ORDERS_ORDER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dscosim/model/conversations/conversation.h"
#include "dscosim/model/core/status.h"
#include "dscosim/model/core/time.h"

namespace dscosim {

// dscoLifecycle: received (post-processing, invisible to the supplier and to Get Order)
// -> created (ready for the supplier) -> acknowledged (the supplier has it; some units
// may be shipped or cancelled, some are open) -> completed (every unit shipped,
// cancelled or rejected).
enum class OrderLifecycle { kReceived, kCreated, kAcknowledged, kCompleted };
std::string_view OrderLifecycleName(OrderLifecycle lifecycle);
Result<OrderLifecycle> ParseOrderLifecycle(std::string_view text, std::string_view field);

// The deprecated dscoStatus, derived from the lines and the life cycle (see
// Order::dsco_status()).
enum class OrderStatus { kCreated, kShipmentPending, kShipped, kCancelled };
std::string_view OrderStatusName(OrderStatus status);
Result<OrderStatus> ParseOrderStatus(std::string_view text, std::string_view field);

enum class LineStatus { kAccepted, kRejected, kCancelled };
std::string_view LineStatusName(LineStatus status);
Result<LineStatus> ParseLineStatus(std::string_view text, std::string_view field);

// One entry of a line's `activity` (OrderLineItemActivity).
struct LineActivity {
  std::string action;  // accept | add | cancel | remove_status | remove_shipment | ship
  std::optional<std::int64_t> quantity;
  std::optional<std::string> former_status;
  std::string reason;
  std::string uuid;  // 32 hex digits
  Time date;
};

struct OrderLine {
  std::int64_t line_number = 0;
  std::optional<std::int64_t> consumer_line_number;
  std::string dsco_item_id;  // resolved at create
  std::string sku;           // the supplier's sku of the resolved item
  ItemIdentifiers given;     // the identifiers the retailer sent
  std::int64_t quantity = 0;
  std::int64_t accepted_quantity = 0;
  std::int64_t cancelled_quantity = 0;  // by the supplier
  std::int64_t rejected_quantity = 0;   // by the retailer
  std::int64_t shipped_quantity = 0;
  std::optional<LineStatus> status;
  std::optional<std::string> status_reason, accepted_reason, cancelled_reason, rejected_reason;
  std::optional<std::string> cancel_code;
  std::optional<Time> estimated_ship_date;
  std::optional<std::string> estimated_ship_reason;
  bool cancel_requested = false;
  std::optional<std::string> cancel_requested_code;
  std::vector<LineActivity> activity;
  nlohmann::json extra = nlohmann::json::object();  // the retailer's other line fields

  // Units neither shipped, cancelled nor rejected.
  std::int64_t remaining() const {
    return quantity - shipped_quantity - cancelled_quantity - rejected_quantity;
  }
  // Every unit is cancelled or rejected.
  bool all_cancelled() const { return cancelled_quantity + rejected_quantity >= quantity; }
};

struct PackageItem {
  std::int64_t line_number = 0;
  std::string dsco_item_id;
  std::string sku;
  std::int64_t quantity = 0;
  nlohmann::json extra = nlohmann::json::object();  // serialNumbers, title, ...
};

struct Package {
  std::int64_t dsco_package_id = 0;
  std::string tracking_number;
  std::vector<PackageItem> items;
  std::optional<Time> ship_date;
  bool returned = false;
  std::optional<Time> return_date;
  nlohmann::json extra = nlohmann::json::object();  // carrier, method, weight, ...
};

struct Order {
  std::string dsco_order_id;
  std::string retailer_id;
  std::string supplier_id;
  std::string po_number;
  std::optional<std::string> supplier_order_number;
  std::optional<std::string> consumer_order_number;
  std::string order_type = "dropship";  // lower case, as real payloads have it
  bool test = false;
  OrderLifecycle lifecycle = OrderLifecycle::kReceived;

  Time created;      // dscoCreateDate
  Time last_update;  // dscoLastUpdate
  Time visible_at;   // created + post-processing delay: `received` until then

  std::optional<Time> acknowledge_by, ship_by, invoice_by, cancel_after;
  std::optional<Time> acknowledge_late, ship_late, invoice_late, cancel_late;

  bool cancel_requested = false;
  std::optional<std::string> cancel_requested_code;
  std::optional<std::string> cancel_requested_reason;

  std::vector<OrderLine> lines;
  std::vector<Package> packages;
  nlohmann::json extra = nlohmann::json::object();  // the retailer's other order fields
  std::uint64_t sequence = 0;                       // creation order

  // The deprecated dscoStatus: cancelled when every unit of every line is cancelled or
  // rejected; shipped as soon as any unit shipped; shipment_pending once acknowledged;
  // created before that.
  OrderStatus dsco_status() const;
  std::int64_t total_quantity() const;
  std::int64_t shipped_quantity() const;
  std::int64_t remaining_quantity() const;
  bool fully_resolved() const { return remaining_quantity() == 0; }
  const OrderLine* FindLine(std::int64_t line_number) const;
  OrderLine* FindLine(std::int64_t line_number);
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_ORDERS_ORDER_H_
