#include "dscosim/model/orders/order.h"

#include "dscosim/model/core/enum_names.h"

#include <array>
#include <utility>

namespace dscosim {
namespace {

constexpr std::array<std::pair<std::string_view, OrderLifecycle>, 4> kLifecycleNames{{
    {"received", OrderLifecycle::kReceived},
    {"created", OrderLifecycle::kCreated},
    {"acknowledged", OrderLifecycle::kAcknowledged},
    {"completed", OrderLifecycle::kCompleted},
}};
constexpr std::array<std::pair<std::string_view, OrderStatus>, 4> kStatusNames{{
    {"created", OrderStatus::kCreated},
    {"shipment_pending", OrderStatus::kShipmentPending},
    {"shipped", OrderStatus::kShipped},
    {"cancelled", OrderStatus::kCancelled},
}};
constexpr std::array<std::pair<std::string_view, LineStatus>, 3> kLineStatusNames{{
    {"accepted", LineStatus::kAccepted},
    {"rejected", LineStatus::kRejected},
    {"cancelled", LineStatus::kCancelled},
}};

}  // namespace

std::string_view OrderLifecycleName(OrderLifecycle v) { return EnumName(v, kLifecycleNames); }
Result<OrderLifecycle> ParseOrderLifecycle(std::string_view text, std::string_view field) {
  return ParseEnumName(text, field, kLifecycleNames);
}
std::string_view OrderStatusName(OrderStatus v) { return EnumName(v, kStatusNames); }
Result<OrderStatus> ParseOrderStatus(std::string_view text, std::string_view field) {
  return ParseEnumName(text, field, kStatusNames);
}
std::string_view LineStatusName(LineStatus v) { return EnumName(v, kLineStatusNames); }
Result<LineStatus> ParseLineStatus(std::string_view text, std::string_view field) {
  return ParseEnumName(text, field, kLineStatusNames);
}

OrderStatus Order::dsco_status() const {
  bool all_cancelled = !lines.empty();
  for (const OrderLine& line : lines) all_cancelled = all_cancelled && line.all_cancelled();
  if (all_cancelled) return OrderStatus::kCancelled;
  if (shipped_quantity() > 0) return OrderStatus::kShipped;
  if (lifecycle == OrderLifecycle::kAcknowledged || lifecycle == OrderLifecycle::kCompleted) {
    return OrderStatus::kShipmentPending;
  }
  return OrderStatus::kCreated;
}

std::int64_t Order::total_quantity() const {
  std::int64_t n = 0;
  for (const OrderLine& line : lines) n += line.quantity;
  return n;
}

std::int64_t Order::shipped_quantity() const {
  std::int64_t n = 0;
  for (const OrderLine& line : lines) n += line.shipped_quantity;
  return n;
}

std::int64_t Order::remaining_quantity() const {
  std::int64_t n = 0;
  for (const OrderLine& line : lines) n += line.remaining();
  return n;
}

const OrderLine* Order::FindLine(std::int64_t line_number) const {
  for (const OrderLine& line : lines) {
    if (line.line_number == line_number) return &line;
  }
  return nullptr;
}

OrderLine* Order::FindLine(std::int64_t line_number) {
  for (OrderLine& line : lines) {
    if (line.line_number == line_number) return &line;
  }
  return nullptr;
}

}  // namespace dscosim
