// The example of docs/scenarios.md, "Properties": a user's own rule as one
// command added to the library's. Kept compiled and run so the page cannot rot.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "dscosim/scenarios/properties/check.h"

namespace dscosim::scenarios::properties {
namespace {

// The rule: a supplier never cancels more units of a line than remain; the
// platform answers 400 naming the quantity and the order stays as it was.
struct OverCancelLine : PlatformCommand {
  explicit OverCancelLine(const PlatformModel& m) {
    RC_PRE(!m.VisibleOrders().empty());
    order = *rc::gen::elementOf(m.VisibleOrders());
    extra = *rc::gen::inRange<std::int64_t>(1, 5);
  }
  // Shrinking removes earlier commands: the order may no longer exist.
  void checkPreconditions(const PlatformModel& m) const override {
    RC_PRE(m.VisibleOrder(order) != nullptr);
  }
  void run(const PlatformModel& m, PlatformSut& sut) const override {
    const ModelOrder& o = m.orders[order];
    const Json line = {{"sku", o.lines[0].sku},
                       {"cancelledQuantity", o.lines[0].remaining() + extra},
                       {"cancelCode", "OOS"}};
    Step cancel = CallStep(o.supplier, "cancelOrderItem",
                           {{"dscoOrderId", "{{" + o.variable + "}}"}, {"lineItems", {line}}},
                           {400});
    cancel.expect.checks = {
        {"/messages/0/description", Json{{"$contains", "lineItems[0].cancelledQuantity:"}}}};
    sut.Run(std::move(cancel));
    sut.Run(OrderCheckStep(m, o));  // nothing changed
  }
  void show(std::ostream& os) const override {
    os << "cancel " << extra << " more than remain on line 0 of order #" << order;
  }
  std::size_t order = 0;
  std::int64_t extra = 1;
};

RC_GTEST_PROP(OwnRule, NoCancelBeyondWhatRemains, ()) {
  CheckPlatformStateMachine(
      "no-cancel-beyond-what-remains", *GenWorldFile(), *rc::gen::inRange<std::uint64_t>(1, 1000),
      rc::state::gen::execOneOfWithArgs<CreateOrder, Settle, ShipLine, CancelLine,
                                        OverCancelLine>());
}

}  // namespace
}  // namespace dscosim::scenarios::properties
