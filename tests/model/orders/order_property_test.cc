// State-machine properties of orders and batches (rapidcheck rc::state).
//
// Random sequences of create, replay, acknowledge, ship, cancel, reject, request-cancel,
// batch acknowledge and clock moves run against the order store and a reference model
// of quantities. After every command:
//   * the store's quantities per line equal the model's, and shipped + cancelled +
//     rejected never exceeds the quantity ordered;
//   * the life cycle is `completed` exactly when every unit is shipped, cancelled or
//     rejected (for an order past post-processing);
//   * dscoStatus agrees with the lines: cancelled iff every unit is cancelled or
//     rejected, else shipped iff any unit shipped, else shipment_pending iff
//     acknowledged, else created;
//   * a replayed create changes nothing;
//   * every object of a processed batch has exactly one final change-log entry.
#include <map>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>
#include <rapidcheck/state.h>

#include "dscosim/tests/support/commerce_fixture.h"

namespace dscosim::test_support {
namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;

const char* kSkus[] = {"A-1", "A-2", "A-3"};

struct RefLine {
  std::int64_t quantity = 0, shipped = 0, cancelled = 0, rejected = 0;
  std::int64_t remaining() const { return quantity - shipped - cancelled - rejected; }
};

struct RefOrder {
  std::string po;
  std::vector<RefLine> lines;
  bool acknowledged = false;  // by the supplier (any action counts)
  Time visible_at;
  std::int64_t remaining() const {
    std::int64_t n = 0;
    for (const RefLine& l : lines) n += l.remaining();
    return n;
  }
};

struct PendingBatch {
  Time due;
  std::string request_id;  // filled by run(): the model only needs the count
  std::vector<int> acks;   // order indices acknowledged when processed (-1: bad object)
};

struct Model {
  Time now = kDefaultWorldStart;
  std::vector<RefOrder> orders;
  std::vector<PendingBatch> batches;
  int next_po = 1;

  bool Visible(const RefOrder& o) const { return o.visible_at <= now; }
  void Advance(Duration d) {
    now += d;
    for (PendingBatch& b : batches) {
      if (b.due > now || b.due == Time()) continue;
      for (int i : b.acks) {
        if (i < 0) continue;
        RefOrder& o = orders[static_cast<std::size_t>(i)];
        if (o.visible_at <= b.due) o.acknowledged = true;  // a received order is not found
      }
      b.due = Time();  // processed
    }
  }
};

struct Sut {
  CommerceWorld w;
  std::vector<std::string> ids;          // dscoOrderId by model index
  std::vector<std::string> batch_ids;    // request ids, by model batch index
  std::vector<std::size_t> batch_sizes;
};

using Cmd = rc::state::Command<Model, Sut>;

Model After(const Model& m, const Cmd& c) {
  Model next = m;
  c.apply(next);
  return next;
}

void CheckInvariants(const Model& m, Sut& sut) {
  RC_ASSERT(sut.w.world.now() == m.now);
  RC_ASSERT(sut.ids.size() == m.orders.size());
  for (std::size_t i = 0; i < m.orders.size(); ++i) {
    const RefOrder& want = m.orders[i];
    const Order* o = sut.w.world.orders().Find(sut.ids[i]);
    RC_ASSERT(o != nullptr);
    RC_ASSERT(o->lines.size() == want.lines.size());
    bool all_cancelled = true, any_shipped = false;
    for (std::size_t l = 0; l < want.lines.size(); ++l) {
      const OrderLine& line = o->lines[l];
      RC_ASSERT(line.shipped_quantity == want.lines[l].shipped);
      RC_ASSERT(line.cancelled_quantity == want.lines[l].cancelled);
      RC_ASSERT(line.rejected_quantity == want.lines[l].rejected);
      RC_ASSERT(line.shipped_quantity + line.cancelled_quantity + line.rejected_quantity <= line.quantity);
      all_cancelled = all_cancelled && line.all_cancelled();
      any_shipped = any_shipped || line.shipped_quantity > 0;
    }
    if (!m.Visible(want)) {
      RC_ASSERT(o->lifecycle == OrderLifecycle::kReceived);
      continue;
    }
    RC_ASSERT((o->lifecycle == OrderLifecycle::kCompleted) == (want.remaining() == 0));
    const bool acked = o->lifecycle == OrderLifecycle::kAcknowledged ||
                       o->lifecycle == OrderLifecycle::kCompleted;
    RC_ASSERT(acked == (want.acknowledged || want.remaining() == 0));
    OrderStatus expected = OrderStatus::kCreated;
    if (all_cancelled) {
      expected = OrderStatus::kCancelled;
    } else if (any_shipped) {
      expected = OrderStatus::kShipped;
    } else if (acked) {
      expected = OrderStatus::kShipmentPending;
    }
    RC_ASSERT(o->dsco_status() == expected);
  }
  // Processed batches: exactly one final entry per object.
  for (std::size_t b = 0; b < m.batches.size(); ++b) {
    std::size_t final_entries = 0, entries = 0;
    for (const auto& [seq, e] : sut.w.world.batches().entries()) {
      if (e.request_id != sut.batch_ids[b]) continue;
      ++entries;
      if (e.status != "pending") ++final_entries;
    }
    RC_ASSERT(entries == sut.batch_sizes[b]);
    RC_ASSERT(final_entries == (m.batches[b].due == Time() ? entries : 0u));
  }
}

struct CreateCmd : Cmd {
  std::vector<std::pair<int, std::int64_t>> lines;
  explicit CreateCmd(const Model&) {
    const int n = *rc::gen::inRange(1, 4);
    for (int i = 0; i < n; ++i) {
      lines.push_back({*rc::gen::inRange(0, 3), *rc::gen::inRange<std::int64_t>(1, 6)});
    }
  }
  void apply(Model& m) const override {
    RefOrder o;
    o.po = "PO-" + std::to_string(m.next_po++);
    for (const auto& [sku, q] : lines) o.lines.push_back(RefLine{q, 0, 0, 0});
    o.visible_at = m.now + 3s;
    m.orders.push_back(o);
  }
  void run(const Model& m, Sut& sut) const override {
    std::vector<std::pair<std::string, std::int64_t>> body_lines;
    for (const auto& [sku, q] : lines) body_lines.push_back({kSkus[sku], q});
    auto created = sut.w.world.orders().Create(
        sut.w.r1.dsco_account_id,
        CommerceWorld::OrderBody("PO-" + std::to_string(m.next_po), body_lines));
    RC_ASSERT(created.ok());
    RC_ASSERT(created->orders.size() == 1u);
    sut.ids.push_back(created->orders[0].dsco_order_id);
    CheckInvariants(After(m, *this), sut);
  }
  void show(std::ostream& os) const override {
    os << "Create(";
    for (const auto& [sku, q] : lines) os << kSkus[sku] << "x" << q << " ";
    os << ")";
  }
};

struct ReplayCmd : Cmd {
  int order = 0;
  explicit ReplayCmd(const Model& m) {
    if (m.orders.empty()) RC_DISCARD("no order");
    order = *rc::gen::inRange(0, static_cast<int>(m.orders.size()));
  }
  void checkPreconditions(const Model& m) const override {
    RC_PRE(static_cast<std::size_t>(order) < m.orders.size());
  }
  void apply(Model&) const override {}
  void run(const Model& m, Sut& sut) const override {
    const auto before = sut.w.world.trace().hash();
    auto again = sut.w.world.orders().Create(
        sut.w.r1.dsco_account_id,
        CommerceWorld::OrderBody(m.orders[static_cast<std::size_t>(order)].po, {{"A-3", 9}}));
    RC_ASSERT(again.ok());
    RC_ASSERT(again->replay);
    RC_ASSERT(again->orders[0].dsco_order_id == sut.ids[static_cast<std::size_t>(order)]);
    RC_ASSERT(sut.w.world.trace().hash() == before);
    CheckInvariants(m, sut);
  }
  void show(std::ostream& os) const override { os << "Replay(#" << order << ")"; }
};

// Ship, cancel or reject some units of one line of a visible order; `over` tries one
// unit more than remains, which must be refused and change nothing.
struct LineActionCmd : Cmd {
  enum Kind { kShip, kCancel, kReject } kind = kShip;
  int order = 0, line = 0;
  std::int64_t quantity = 1;
  bool over = false;
  explicit LineActionCmd(const Model& m) {
    std::vector<int> candidates;
    for (std::size_t i = 0; i < m.orders.size(); ++i) {
      if (m.Visible(m.orders[i]) && m.orders[i].remaining() > 0) candidates.push_back(static_cast<int>(i));
    }
    if (candidates.empty()) RC_DISCARD("nothing open");
    order = *rc::gen::elementOf(candidates);
    const RefOrder& o = m.orders[static_cast<std::size_t>(order)];
    std::vector<int> open_lines;
    for (std::size_t l = 0; l < o.lines.size(); ++l) {
      if (o.lines[l].remaining() > 0) open_lines.push_back(static_cast<int>(l));
    }
    line = *rc::gen::elementOf(open_lines);
    kind = *rc::gen::element(kShip, kCancel, kReject);
    over = *rc::gen::weightedElement<bool>({{1, true}, {4, false}});
    const std::int64_t remaining = o.lines[static_cast<std::size_t>(line)].remaining();
    quantity = over ? remaining + 1 : *rc::gen::inRange<std::int64_t>(1, remaining + 1);
  }
  void checkPreconditions(const Model& m) const override {
    RC_PRE(static_cast<std::size_t>(order) < m.orders.size());
    const RefOrder& o = m.orders[static_cast<std::size_t>(order)];
    RC_PRE(m.Visible(o));
    const std::int64_t remaining = o.lines[static_cast<std::size_t>(line)].remaining();
    const bool valid = over ? quantity == remaining + 1 : (quantity >= 1 && quantity <= remaining);
    RC_PRE(valid);
  }
  void apply(Model& m) const override {
    if (over) return;
    RefOrder& o = m.orders[static_cast<std::size_t>(order)];
    RefLine& l = o.lines[static_cast<std::size_t>(line)];
    if (kind == kShip) l.shipped += quantity;
    if (kind == kCancel) l.cancelled += quantity;
    if (kind == kReject) l.rejected += quantity;
    o.acknowledged = true;  // any supplier action acknowledges
  }
  void run(const Model& m, Sut& sut) const override {
    const RefOrder& o = m.orders[static_cast<std::size_t>(order)];
    const std::string& id = sut.ids[static_cast<std::size_t>(order)];
    const std::int64_t line_number = line + 1;
    Status status;
    const auto before = sut.w.world.trace().hash();
    if (kind == kShip) {
      Json body = {{"dscoOrderId", id}, {"poNumber", o.po},
                   {"shipments", {{{"trackingNumber", "T" + std::to_string(line_number)},
                                   {"shipCarrier", "UPS"}, {"shippingServiceLevelCode", "UPCG"},
                                   {"lineItems", {{{"lineNumber", line_number},
                                                   {"sku", sut.w.world.orders().Find(id)->lines[static_cast<std::size_t>(line)].sku},
                                                   {"quantity", quantity}}}}}}}};
      status = sut.w.world.orders().Ship(sut.w.s1.dsco_account_id, body);
    } else if (kind == kCancel) {
      Json body = {{"id", id}, {"type", "DSCO_ORDER_ID"},
                   {"lineItems", {{{"lineNumber", line_number}, {"cancelledQuantity", quantity},
                                   {"cancelCode", "OOS"}}}}};
      status = sut.w.world.orders().CancelItems(sut.w.s1.dsco_account_id, body);
    } else {
      Json body = {{"dscoOrderId", id}, {"updateType", "STATUS"},
                   {"payload", {{{"lineNumber", line_number}, {"status", "rejected"},
                                 {"rejectedQuantity", quantity}}}}};
      status = sut.w.world.orders().ApplyUpdate(sut.w.s1.dsco_account_id, body);
    }
    if (over) {
      RC_ASSERT(status.code() == StatusCode::kInvalidArgument);
      RC_ASSERT(sut.w.world.trace().hash() == before);
    } else {
      RC_ASSERT(status.ok());
    }
    CheckInvariants(After(m, *this), sut);
  }
  void show(std::ostream& os) const override {
    static const char* kNames[] = {"Ship", "Cancel", "Reject"};
    os << kNames[kind] << "(#" << order << " line " << line + 1 << " x" << quantity
       << (over ? " OVER" : "") << ")";
  }
};

struct BatchAckCmd : Cmd {
  std::vector<int> acks;  // order indices; -1 is an object naming no order
  explicit BatchAckCmd(const Model& m) {
    const int n = *rc::gen::inRange(1, 5);
    for (int i = 0; i < n; ++i) {
      const bool bad = m.orders.empty() || *rc::gen::weightedElement<bool>({{1, true}, {3, false}});
      acks.push_back(bad ? -1 : *rc::gen::inRange(0, static_cast<int>(m.orders.size())));
    }
  }
  void checkPreconditions(const Model& m) const override {
    for (int i : acks) RC_PRE(i < static_cast<int>(m.orders.size()));
  }
  void apply(Model& m) const override { m.batches.push_back({m.now + 3s, "", acks}); }
  void run(const Model& m, Sut& sut) const override {
    Json body = Json::array();
    for (int i : acks) {
      body.push_back({{"id", i < 0 ? "999" : sut.ids[static_cast<std::size_t>(i)]}, {"type", "DSCO_ORDER_ID"}});
    }
    auto receipt = sut.w.world.batches().SubmitSmall(sut.w.s1.dsco_account_id,
                                                     BatchKind::kOrderAcknowledge, body, 100);
    RC_ASSERT(receipt.ok());
    sut.batch_ids.push_back(receipt->request_id);
    sut.batch_sizes.push_back(acks.size());
    CheckInvariants(After(m, *this), sut);
  }
  void show(std::ostream& os) const override {
    os << "BatchAck(";
    for (int i : acks) os << (i < 0 ? std::string("bad") : "#" + std::to_string(i)) << " ";
    os << ")";
  }
};

struct AdvanceCmd : Cmd {
  Duration delta;
  explicit AdvanceCmd(const Model&) : delta(*rc::gen::element<Duration>(1s, 2s, 3s, 10s, 1min)) {}
  void apply(Model& m) const override { m.Advance(delta); }
  void run(const Model& m, Sut& sut) const override {
    RC_ASSERT(sut.w.world.AdvanceBy(delta).ok());
    CheckInvariants(After(m, *this), sut);
  }
  void show(std::ostream& os) const override {
    os << "Advance(" << std::chrono::duration_cast<std::chrono::seconds>(delta).count() << " s)";
  }
};

RC_GTEST_PROP(OrderProperties, QuantitiesLifecycleAndStatusAlwaysAgree, ()) {
  Model model;
  Sut sut;
  rc::state::check(model, sut,
                   rc::state::gen::execOneOfWithArgs<CreateCmd, ReplayCmd, LineActionCmd,
                                                     BatchAckCmd, AdvanceCmd>());
}

}  // namespace
}  // namespace dscosim::test_support
