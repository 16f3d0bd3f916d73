#include "dscosim/scenarios/properties/commands.h"

#include <algorithm>

namespace dscosim::scenarios::properties {
namespace {

// The model after `command`: the state a postcondition checks.
PlatformModel After(const PlatformModel& model, const PlatformCommand& command) {
  PlatformModel next = model;
  command.apply(next);
  return next;
}

template <typename T>
std::size_t Pick(const std::vector<T>& v) {
  return static_cast<std::size_t>(*rc::gen::inRange<int>(0, static_cast<int>(v.size())));
}

std::string PickOf(const std::vector<std::string>& v) { return v[Pick(v)]; }

// Suppliers that have something to sell.
std::vector<std::string> Sellers(const PlatformModel& m) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < m.shape.suppliers.size(); ++i) {
    if (!m.shape.skus[i].empty()) out.push_back(m.shape.suppliers[i]);
  }
  return out;
}

// Visible orders with units left, and their lines with units left.
std::vector<std::size_t> OpenOrders(const PlatformModel& m) {
  std::vector<std::size_t> out;
  for (const std::size_t i : m.VisibleOrders()) {
    if (m.orders[i].remaining() > 0) out.push_back(i);
  }
  return out;
}

std::vector<std::size_t> OpenLines(const ModelOrder& o) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < o.lines.size(); ++i) {
    if (o.lines[i].remaining() > 0) out.push_back(i);
  }
  return out;
}

std::string Var(const std::string& name) { return "{{" + name + "}}"; }

Step SettleStep() {
  Step s;
  s.kind = StepKind::kSettle;
  return s;
}

Json ShipmentBody(const ModelOrder& o, std::size_t line, std::int64_t quantity) {
  return {{"dscoOrderId", Var(o.variable)},
          {"poNumber", o.po_number},
          {"shipments",
           {{{"trackingNumber", "1Z" + o.po_number},
             {"shipCarrier", "UPS"},
             {"shippingServiceLevelCode", "UPCG"},
             {"lineItems", {{{"sku", o.lines[line].sku}, {"quantity", quantity}}}}}}}};
}

void PickLine(const PlatformModel& m, std::size_t& order, std::size_t& line,
              std::int64_t& quantity) {
  const std::vector<std::size_t> open = OpenOrders(m);
  RC_PRE(!open.empty());
  order = open[Pick(open)];
  const std::vector<std::size_t> lines = OpenLines(m.orders[order]);
  line = lines[Pick(lines)];
  quantity = *rc::gen::inRange<std::int64_t>(1, m.orders[order].lines[line].remaining() + 1);
}

}  // namespace

Step CallStep(const std::string& as, const std::string& op, Json body, std::vector<int> statuses) {
  Step s;
  s.kind = StepKind::kCall;
  s.as = as;
  s.op = op;
  s.body = std::move(body);
  s.expect.statuses = std::move(statuses);
  return s;
}

Step OrderCheckStep(const PlatformModel& model, const ModelOrder& order) {
  Step s;
  s.kind = StepKind::kCheck;
  s.object_kind = "order";
  s.object_id = Var(order.variable);
  s.expect = OrderExpectation(model, order);
  return s;
}

Step ConversationCheckStep(const ModelConversation& c) {
  Step s;
  s.kind = StepKind::kCheck;
  s.object_kind = "conversation";
  s.object_id = Var(c.variable);
  s.expect = ConversationExpectation(c);
  return s;
}

// --- orders -------------------------------------------------------------------------------------

CreateOrder::CreateOrder(const PlatformModel& m) {
  const std::vector<std::string> sellers = Sellers(m);
  const bool can = !sellers.empty() && !m.shape.retailers.empty();
  RC_PRE(can);
  retailer = PickOf(m.shape.retailers);
  supplier = PickOf(sellers);
  po_number = "PO-" + std::to_string(m.next_number);
  variable = "order" + std::to_string(m.next_number);
  lines = *GenOrderLines(m.shape.skus[m.SupplierIndex(supplier)]);
  body = OrderBody(po_number, *GenShipping(), lines);
}

void CreateOrder::apply(PlatformModel& m) const {
  ModelOrder o{variable, po_number, retailer, supplier, {}, false, m.now + std::chrono::seconds(3)};
  for (const OrderLineSpec& l : lines) o.lines.push_back({l.sku, l.quantity, 0, 0});
  m.orders.push_back(std::move(o));
  ++m.next_number;
}

void CreateOrder::run(const PlatformModel& m, PlatformSut& sut) const {
  Step create = CallStep(retailer, "createOrder", body, {201});
  create.save = {{variable, "/dscoOrderIds/0"}};
  create.expect.checks = {{"/status", "success"},
                          {"/dscoOrderIds", Json{{"$length", 1}}},
                          {"/dscoOrders/0/dscoLifecycle", "received"}};
  sut.Run(std::move(create));
  const PlatformModel next = After(m, *this);
  sut.Run(OrderCheckStep(next, next.orders.back()));
}

void CreateOrder::show(std::ostream& os) const {
  os << retailer << " creates " << po_number << " for " << supplier << " (" << lines.size()
     << " lines)";
}

CreateNearlyValidOrder::CreateNearlyValidOrder(const PlatformModel& m) {
  const std::vector<std::string> sellers = Sellers(m);
  const bool can = !sellers.empty() && !m.shape.retailers.empty();
  RC_PRE(can);
  retailer = PickOf(m.shape.retailers);
  supplier = PickOf(sellers);
  input = *GenNearlyValidOrderBody(m.shape.skus[m.SupplierIndex(supplier)],
                                   "PO-BAD-" + std::to_string(m.next_number));
}

void CreateNearlyValidOrder::run(const PlatformModel& m, PlatformSut& sut) const {
  Step create = CallStep(retailer, "createOrder", input.body, {400});
  create.expect.checks = {{"/messages/0/code", "VALIDATION_FAILED"},
                          {"/messages/0/description", Json{{"$contains", input.field + ":"}}}};
  sut.Run(std::move(create));
  // Nothing changed: the latest order is still as the model says.
  if (!m.orders.empty()) sut.Run(OrderCheckStep(m, m.orders.back()));
}

void CreateNearlyValidOrder::show(std::ostream& os) const {
  os << retailer << " sends an order with " << input.field << " wrong";
}

AdvanceClock::AdvanceClock(const PlatformModel&) { seconds = *rc::gen::inRange(1, 6 * 3600); }
void AdvanceClock::apply(PlatformModel& m) const { m.now += std::chrono::seconds(seconds); }
void AdvanceClock::run(const PlatformModel&, PlatformSut& sut) const {
  Step s;
  s.kind = StepKind::kAdvance;
  s.seconds = seconds;
  sut.Run(std::move(s));
}
void AdvanceClock::show(std::ostream& os) const { os << "the clock advances " << seconds << " s"; }

namespace {
// Settling runs every pending timer: the orders' post-processing and, when
// `batch`, a batch submitted now (processed 3 s later).
void SettleModel(PlatformModel& m, bool batch) {
  Time until = batch ? m.now + std::chrono::seconds(3) : m.now;
  for (const ModelOrder& o : m.orders) until = std::max(until, o.visible_at);
  m.now = until;
}
}  // namespace

Settle::Settle(const PlatformModel&) {}
void Settle::apply(PlatformModel& m) const { SettleModel(m, false); }
void Settle::run(const PlatformModel&, PlatformSut& sut) const { sut.Run(SettleStep()); }
void Settle::show(std::ostream& os) const { os << "settle"; }

AcknowledgeOrder::AcknowledgeOrder(const PlatformModel& m) {
  const std::vector<std::size_t> visible = m.VisibleOrders();
  RC_PRE(!visible.empty());
  order = visible[Pick(visible)];
}
void AcknowledgeOrder::apply(PlatformModel& m) const {
  m.orders[order].acknowledged = true;
  SettleModel(m, true);
}
void AcknowledgeOrder::run(const PlatformModel& m, PlatformSut& sut) const {
  const ModelOrder& o = m.orders[order];
  sut.Run(CallStep(o.supplier, "acknowledgeOrders",
                   Json::array({{{"id", Var(o.variable)}, {"type", "DSCO_ORDER_ID"}}}), {202}));
  sut.Run(SettleStep());
  const PlatformModel next = After(m, *this);
  sut.Run(OrderCheckStep(next, next.orders[order]));
}
void AcknowledgeOrder::show(std::ostream& os) const { os << "acknowledge order #" << order; }

ShipLine::ShipLine(const PlatformModel& m) { PickLine(m, order, line, quantity); }
void ShipLine::apply(PlatformModel& m) const {
  ModelOrder& o = m.orders[order];
  o.lines[line].shipped += quantity;
  o.acknowledged = true;
}
void ShipLine::run(const PlatformModel& m, PlatformSut& sut) const {
  const ModelOrder& o = m.orders[order];
  Step ship = CallStep(o.supplier, "singleShipment", ShipmentBody(o, line, quantity), {201});
  ship.expect.checks = {{"/success", true}};
  sut.Run(std::move(ship));
  const PlatformModel next = After(m, *this);
  sut.Run(OrderCheckStep(next, next.orders[order]));
}
void ShipLine::show(std::ostream& os) const {
  os << "ship " << quantity << " of line " << line << " of order #" << order;
}

OverShipLine::OverShipLine(const PlatformModel& m) {
  const std::vector<std::size_t> open = OpenOrders(m);
  RC_PRE(!open.empty());
  order = open[Pick(open)];
  line = Pick(m.orders[order].lines);
  quantity = m.orders[order].lines[line].remaining() + *rc::gen::inRange<std::int64_t>(1, 4);
}
void OverShipLine::run(const PlatformModel& m, PlatformSut& sut) const {
  const ModelOrder& o = m.orders[order];
  Step ship = CallStep(o.supplier, "singleShipment", ShipmentBody(o, line, quantity), {400});
  ship.expect.checks = {
      {"/messages/0/description", Json{{"$contains", "shipments[0].lineItems[0].quantity:"}}}};
  sut.Run(std::move(ship));
  sut.Run(OrderCheckStep(m, o));  // nothing changed
}
void OverShipLine::show(std::ostream& os) const {
  os << "try to ship " << quantity << " of line " << line << " of order #" << order
     << " (more than remain)";
}

CancelLine::CancelLine(const PlatformModel& m) { PickLine(m, order, line, quantity); }
void CancelLine::apply(PlatformModel& m) const {
  ModelOrder& o = m.orders[order];
  o.lines[line].cancelled += quantity;
  o.acknowledged = true;
}
void CancelLine::run(const PlatformModel& m, PlatformSut& sut) const {
  const ModelOrder& o = m.orders[order];
  sut.Run(CallStep(
      o.supplier, "cancelOrderItem",
      {{"dscoOrderId", Var(o.variable)},
       {"lineItems",
        {{{"sku", o.lines[line].sku}, {"cancelledQuantity", quantity}, {"cancelCode", "OOS"}}}}},
      {200}));
  const PlatformModel next = After(m, *this);
  sut.Run(OrderCheckStep(next, next.orders[order]));
}
void CancelLine::show(std::ostream& os) const {
  os << "cancel " << quantity << " of line " << line << " of order #" << order;
}

// --- conversations ------------------------------------------------------------------------------

CreateConversation::CreateConversation(const PlatformModel& m) {
  const bool can = !m.shape.retailers.empty() && !m.shape.suppliers.empty();
  RC_PRE(can);
  retailer = PickOf(m.shape.retailers);
  supplier = PickOf(m.shape.suppliers);
  title = *GenText();
  message = *GenText();
  variable = "conversation" + std::to_string(m.next_number);
}
void CreateConversation::apply(PlatformModel& m) const {
  m.conversations.push_back({variable, retailer, supplier, "in_progress", 1});
  ++m.next_number;
}
void CreateConversation::run(const PlatformModel& m, PlatformSut& sut) const {
  Step create = CallStep(retailer, "createConversation",
                         {{"otherPartyDscoAccountId", "{{accounts." + supplier + "}}"},
                          {"title", title},
                          {"initialMessage", {{"message", message}}}},
                         {201});
  create.save = {{variable, "/id"}};
  create.expect.checks = {{"/title", title}, {"/status", "in_progress"}};
  sut.Run(std::move(create));
  const PlatformModel next = After(m, *this);
  sut.Run(ConversationCheckStep(next.conversations.back()));
}
void CreateConversation::show(std::ostream& os) const {
  os << retailer << " opens a conversation with " << supplier;
}

AddMessage::AddMessage(const PlatformModel& m) {
  RC_PRE(!m.conversations.empty());
  conversation = Pick(m.conversations);
  by_retailer = *rc::gen::arbitrary<bool>();
  message = *GenText();
}
void AddMessage::apply(PlatformModel& m) const {
  ModelConversation& c = m.conversations[conversation];
  if (c.status != "closed") ++c.messages;
}
void AddMessage::run(const PlatformModel& m, PlatformSut& sut) const {
  const ModelConversation& c = m.conversations[conversation];
  const bool closed = c.status == "closed";
  Step add = CallStep(by_retailer ? c.retailer : c.supplier, "addConversationMessage",
                      {{"dscoConversationId", Var(c.variable)}, {"message", message}},
                      {closed ? 400 : 201});
  if (closed) add.expect.content_type = "text/plain";
  sut.Run(std::move(add));
  const PlatformModel next = After(m, *this);
  sut.Run(ConversationCheckStep(next.conversations[conversation]));
}
void AddMessage::show(std::ostream& os) const {
  os << (by_retailer ? "the retailer" : "the supplier") << " writes to conversation #"
     << conversation;
}

SetConversationStatus::SetConversationStatus(const PlatformModel& m) {
  RC_PRE(!m.conversations.empty());
  conversation = Pick(m.conversations);
  by_retailer = *rc::gen::arbitrary<bool>();
  status = m.conversations[conversation].status == "closed" ? "in_progress" : "closed";
}
void SetConversationStatus::apply(PlatformModel& m) const {
  m.conversations[conversation].status = status;
}
void SetConversationStatus::run(const PlatformModel& m, PlatformSut& sut) const {
  const ModelConversation& c = m.conversations[conversation];
  sut.Run(CallStep(by_retailer ? c.retailer : c.supplier, "updateConversation",
                   {{"dscoConversationId", Var(c.variable)}, {"status", status}}, {200}));
  const PlatformModel next = After(m, *this);
  sut.Run(ConversationCheckStep(next.conversations[conversation]));
}
void SetConversationStatus::show(std::ostream& os) const {
  os << (by_retailer ? "the retailer" : "the supplier") << " sets conversation #" << conversation
     << " " << status;
}

// --- preconditions, re-checked while shrinking --------------------------------------------------

namespace {
bool LineFits(const PlatformModel& m, std::size_t order, std::size_t line) {
  return order < m.orders.size() && m.Visible(m.orders[order]) &&
         line < m.orders[order].lines.size();
}
}  // namespace

void AcknowledgeOrder::checkPreconditions(const PlatformModel& m) const {
  const bool fits = order < m.orders.size() && m.Visible(m.orders[order]);
  RC_PRE(fits);
}
// (RC_PRE's expression capture does not short-circuit &&, so each test is one
// bool.)
void ShipLine::checkPreconditions(const PlatformModel& m) const {
  const bool fits = LineFits(m, order, line) && quantity <= m.orders[order].lines[line].remaining();
  RC_PRE(fits);
}
void CancelLine::checkPreconditions(const PlatformModel& m) const {
  const bool fits = LineFits(m, order, line) && quantity <= m.orders[order].lines[line].remaining();
  RC_PRE(fits);
}
void OverShipLine::checkPreconditions(const PlatformModel& m) const {
  const bool fits = LineFits(m, order, line) && m.orders[order].remaining() > 0 &&
                    quantity > m.orders[order].lines[line].remaining();
  RC_PRE(fits);
}
void AddMessage::checkPreconditions(const PlatformModel& m) const {
  const bool fits = conversation < m.conversations.size();
  RC_PRE(fits);
}
void SetConversationStatus::checkPreconditions(const PlatformModel& m) const {
  const bool fits =
      conversation < m.conversations.size() && m.conversations[conversation].status != status;
  RC_PRE(fits);
}

}  // namespace dscosim::scenarios::properties
