// The order store: Create Order and the whole order life cycle (docs/orders.md).
//
// Who may do what: a retailer creates orders, requests cancels and sends RETAILER_DATA
// updates; the supplier an order is for acknowledges it, ships it, cancels items and
// sends STATUS / EST_SHIP_DATE updates. Nobody else sees an order: to a third account
// it answers NotFound, exactly like an id that does not exist. An order in post-
// processing (`received`) is invisible to every read and every supplier action.
//
// Inputs are the spec's JSON bodies (Order, OrderId, ShipmentsForUpdate, OrderForCancel,
// OrderRequestCancel, the orderupdate element); errors name the offending field as a
// JSON path of that body and leave the store unchanged. Every change publishes a
// DomainEvent (object type `order`, and `orderitemchange` for shipped or cancelled
// units) with the spec's eventReasons.
#ifndef DSCOSIM_MODEL_ORDERS_ORDER_STORE_H_
#define DSCOSIM_MODEL_ORDERS_ORDER_STORE_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dscosim/model/core/clock.h"
#include "dscosim/model/core/json_fields.h"
#include "dscosim/model/orders/order.h"
#include "dscosim/model/core/scroll.h"
#include "dscosim/model/services.h"

namespace dscosim {

// Which shipments must carry poNumber, shipCarrier, shippingServiceLevelCode and each
// line's sku, beyond the spec's minimum (a trackingNumber and lines by any id).
enum class ShipmentStrictness {
  kOff,
  kSingle,  // POST /order/singleShipment only: where production was seen refusing (facts §5.11)
  kAll,     // shipment small batches too
};
// "off" | "single" | "all"; InvalidArgument(field) otherwise.
Result<ShipmentStrictness> ParseShipmentStrictness(std::string_view text, std::string_view field);

// How a shipment reached the model.
enum class ShipmentRoute { kSingleShipment, kSmallBatch };

struct OrderPolicy {
  // received -> created: how long the retailer-side post-processing takes.
  Duration post_processing_delay = std::chrono::seconds(3);
  // Deadlines when the retailer gives none, counted from dscoCreateDate (ack, ship) or
  // from the ship-by date (invoice, cancel-after).
  Duration acknowledge_window = std::chrono::hours(24);
  Duration ship_window = std::chrono::hours(72);
  Duration invoice_window_after_ship_by = std::chrono::hours(72);
  Duration cancel_after_window_after_ship_by = std::chrono::hours(24 * 7);
  // Production refuses a single shipment without poNumber, shipCarrier,
  // shippingServiceLevelCode and each line's sku, even when ids would do (facts §5.11);
  // the vendor's demo sends only the spec's minimum in small batches.
  ShipmentStrictness strict_shipments = ShipmentStrictness::kSingle;
  // Service-level codes accepted on orders but refused on shipments.
  std::set<std::string> generic_service_level_codes = {"GCG"};
  // Cancel codes a cancel or cancel request may use; empty accepts any non-empty code.
  std::set<std::string> cancel_codes;
  Duration until_min_age = std::chrono::seconds(5);
  Duration scroll_ttl = std::chrono::minutes(5);
  // TEST ONLY, a planted bug: a shipment's units are checked against quantity - shipped,
  // forgetting cancelled and rejected units, so a line can ship what it cancelled. It
  // exists to prove that the property library (scenarios/properties) finds a broken rule
  // and writes a counterexample that `dscosim replay` reproduces; world files set it
  // with {"testOnly": {"plantedBug": "ship-ignores-cancelled"}}. Never on otherwise.
  bool planted_bug_ship_ignores_cancelled = false;
};

enum class OrderKeyType { kDscoOrderId, kPoNumber, kSupplierOrderNumber, kConsumerOrderNumber };
// "dscoOrderId", "poNumber", "supplierOrderNumber", "consumerOrderNumber"; also accepts
// the acknowledge/cancel spellings DSCO_ORDER_ID, PO_NUMBER, SUPPLIER_ORDER_NUMBER.
Result<OrderKeyType> ParseOrderKeyType(std::string_view text, std::string_view field);

struct CreateOrdersResult {
  std::vector<Order> orders;  // one per supplier, in line order of first appearance
  bool replay = false;        // the PO existed: nothing changed (the spec's 200)
};

enum class CancelRequestOutcome {
  kCancelled,  // the order was still `created`: cancelled at once (the spec's 200)
  kRequested,  // shipment_pending: a request awaits the supplier (the spec's 201)
};

struct CancelRequestResult {
  CancelRequestOutcome outcome = CancelRequestOutcome::kCancelled;
  std::string request_id;
  Order order;
};

// Get Orders (GET /order/page). Modes, in precedence: scroll_id, consumer_order_number,
// then created_since (inclusive) or updated_since (exclusive) with until (required,
// exclusive, at least 5 s before now). `statuses` and `include_test_orders` apply in
// every mode.
struct OrderPageQuery {
  std::optional<std::string> scroll_id;
  std::optional<std::string> consumer_order_number;
  std::optional<Time> created_since;
  std::optional<Time> updated_since;
  std::optional<Time> until;
  std::vector<OrderStatus> statuses;
  bool include_test_orders = false;
  bool returned_only = false;
  std::optional<std::int64_t> orders_per_page;  // 10..1000, default 1000
};

struct OrderPage {
  std::vector<Order> orders;
  std::optional<std::string> scroll_id;
};

class OrderStore {
 public:
  static constexpr char kPostProcessingTopic[] = "order.post_processing";
  static constexpr char kDeadlineTopic[] = "order.deadline";  // key "<id>/<deadline>"

  explicit OrderStore(OrderPolicy policy = {});
  void Bind(const Services* services) { services_ = services; }

  // Adds an order as a world builder or a test describes it: `lifecycle`, quantities and
  // packages as given; a new dscoOrderId when empty; created = visible = now when unset.
  // Only identity is checked (known partners, unique id). Publishes no event and
  // schedules no deadline. Returns the stored order.
  Result<Order> Put(Order order);

  // Create Order (retailers). Lines resolve to items of the retailer's partners (see
  // ItemStore::Resolve; dscoSupplierId / dscoTradingPartnerId on the order or the line
  // narrow the search); lines of several suppliers make one order per supplier. A PO
  // number the retailer already used is a replay: the existing orders, nothing changed.
  Result<CreateOrdersResult> Create(std::string_view caller, const Json& order);

  // Get Order. A retailer using supplierOrderNumber must name the supplier
  // (`partner_account_id` or `partner_trading_partner_id`). Split orders: the first
  // match, or every match with `return_multiple`.
  Result<std::vector<Order>> Get(std::string_view caller, OrderKeyType key,
                                 std::string_view value,
                                 const std::optional<std::string>& partner_account_id,
                                 const std::optional<std::string>& partner_trading_partner_id,
                                 bool return_multiple);
  Result<OrderPage> Page(std::string_view caller, const OrderPageQuery& query);

  // Supplier actions, one order each, with the spec's bodies.
  Status Acknowledge(std::string_view caller, const Json& order_id);        // OrderId
  Status AcknowledgeItems(std::string_view caller, const Json& order_ack);  // with lineItems
  Status Ship(std::string_view caller, const Json& shipments,   // ShipmentsForUpdate
              ShipmentRoute route = ShipmentRoute::kSingleShipment);
  Status CancelItems(std::string_view caller, const Json& order_for_cancel);
  // One element of POST /orderupdate/batch/small: STATUS and EST_SHIP_DATE (supplier),
  // RETAILER_DATA (retailer).
  Status ApplyUpdate(std::string_view caller, const Json& update);
  // Request Order Cancel (retailers).
  Result<CancelRequestResult> RequestCancel(std::string_view caller, const Json& request);

  // The order as the API shows it.
  Json ToJson(const Order& order) const;

  // For the other stores and the world.
  const Order* Find(std::string_view dsco_order_id) const;
  // Orders whose `key` equals `value`, in creation order, between the given parties
  // (an empty id matches any), including orders still in post-processing.
  std::vector<const Order*> FindAll(OrderKeyType key, std::string_view value,
                                    std::string_view retailer_id,
                                    std::string_view supplier_id) const;
  void OnTimer(const Timer& timer);
  const std::map<std::string, Order, std::less<>>& orders() const { return orders_; }
  const OrderPolicy& policy() const { return policy_; }

 private:
  Time now() const { return services_->clock->now(); }
  // The visible order `caller` acts on as supplier, named by an OrderId-like object
  // ({id, type} or dscoOrderId/poNumber/supplierOrderNumber fields).
  Result<Order*> LocateForSupplier(std::string_view caller, const Json& body,
                                   std::string_view path);
  Result<Order*> LocateForRetailer(std::string_view caller, const Json& body,
                                   std::string_view path);
  Result<std::size_t> LocateLine(const Order& order, const Json& line, std::string_view path,
                                 bool require_sku = false) const;
  void AddActivity(OrderLine& line, std::string action, std::optional<std::int64_t> quantity,
                   std::string reason);
  // Moves the life cycle after a supplier action and stamps lastUpdate.
  void Touch(Order& order, bool supplier_action);
  void ScheduleDeadlines(const Order& order);
  // Units shipped but not yet invoiced.
  std::int64_t InvoiceShortfall(const Order& order) const;
  void PublishOrder(const Order& order, std::string_view actor, std::string kind,
                    std::vector<std::string> reasons, Json facts = Json::object());
  void PublishItemChange(const Order& order, std::string_view actor, std::string status,
                         Json line_items, std::optional<std::string> tracking_number,
                         std::optional<std::string> cancel_code);

  OrderPolicy policy_;
  const Services* services_ = nullptr;
  std::uint64_t next_sequence_ = 1;
  std::map<std::string, Order, std::less<>> orders_;  // by dscoOrderId
  // "<retailer>/<poNumber>" -> the orders of that PO, in creation order.
  std::map<std::string, std::vector<std::string>, std::less<>> by_po_;
  ScrollCache scrolls_;
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_ORDERS_ORDER_STORE_H_
