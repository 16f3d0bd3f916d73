#include "dscosim/scenarios/properties/platform_model.h"

#include <algorithm>

namespace dscosim::scenarios::properties {

std::int64_t ModelOrder::remaining() const {
  std::int64_t n = 0;
  for (const ModelLine& l : lines) n += l.remaining();
  return n;
}

std::string ModelOrder::Lifecycle(Time now) const {
  if (now < visible_at) return "received";
  if (remaining() == 0) return "completed";
  return acknowledged ? "acknowledged" : "created";
}

std::string ModelOrder::Status() const {
  bool all_cancelled = true, any_shipped = false;
  for (const ModelLine& l : lines) {
    all_cancelled = all_cancelled && l.cancelled == l.quantity;
    any_shipped = any_shipped || l.shipped > 0;
  }
  if (all_cancelled) return "cancelled";
  if (any_shipped) return "shipped";
  return acknowledged ? "shipment_pending" : "created";
}

PlatformModel PlatformModel::Of(const Json& world_file) {
  PlatformModel m;
  m.world = world_file;
  m.shape = ShapeOf(world_file);
  const Result<Time> start = ParseIso8601(m.shape.start, "start");
  // Loading a world moves the clock past the orders' post-processing (3 s).
  m.now = (start.ok() ? *start : kDefaultWorldStart) + std::chrono::seconds(3);
  return m;
}

const ModelOrder* PlatformModel::VisibleOrder(std::size_t index) const {
  if (index >= orders.size() || !Visible(orders[index])) return nullptr;
  return &orders[index];
}

std::vector<std::size_t> PlatformModel::VisibleOrders() const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < orders.size(); ++i) {
    if (Visible(orders[i])) out.push_back(i);
  }
  return out;
}

std::size_t PlatformModel::SupplierIndex(const std::string& key) const {
  return static_cast<std::size_t>(std::find(shape.suppliers.begin(), shape.suppliers.end(), key) -
                                  shape.suppliers.begin());
}

Expectation OrderExpectation(const PlatformModel& model, const ModelOrder& order) {
  Expectation e;
  e.statuses = {200};
  const std::string lifecycle = order.Lifecycle(model.now);
  e.checks.push_back({"/dscoLifecycle", lifecycle});
  if (lifecycle != "received") e.checks.push_back({"/dscoStatus", order.Status()});
  e.checks.push_back({"/lineItems", Json{{"$length", order.lines.size()}}});
  for (std::size_t i = 0; i < order.lines.size(); ++i) {
    const ModelLine& l = order.lines[i];
    const std::string at = "/lineItems/" + std::to_string(i);
    e.checks.push_back({at + "/sku", l.sku});
    e.checks.push_back({at + "/quantity", l.quantity});
    e.checks.push_back({at + "/shippedQuantity", l.shipped});
    e.checks.push_back({at + "/cancelledQuantity", l.cancelled});
  }
  return e;
}

Expectation ConversationExpectation(const ModelConversation& c) {
  Expectation e;
  e.statuses = {200};
  e.checks.push_back({"/status", c.status});
  e.checks.push_back({"/messages", Json{{"$length", c.messages}}});
  return e;
}

}  // namespace dscosim::scenarios::properties
