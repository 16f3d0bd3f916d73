// A property as a user writes one: the library's commands plus one of the user's own.
// The rule: a supplier's shipment of a SKU the order does not have is refused as not
// found, naming the line, and changes nothing.
#include <dscosim/scenarios/properties/check.h>
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

namespace props = dscosim::scenarios::properties;

namespace {

struct ShipUnknownSku : props::PlatformCommand {
  explicit ShipUnknownSku(const props::PlatformModel& m) {
    RC_PRE(!m.VisibleOrders().empty());
    order = *rc::gen::elementOf(m.VisibleOrders());
  }
  void checkPreconditions(const props::PlatformModel& m) const override {
    RC_PRE(m.VisibleOrder(order) != nullptr);
  }
  void run(const props::PlatformModel& m, props::PlatformSut& sut) const override {
    const props::ModelOrder& o = m.orders[order];
    const nlohmann::json shipment = {
        {"dscoOrderId", "{{" + o.variable + "}}"},
        {"poNumber", o.po_number},
        {"shipments", {{{"trackingNumber", "1Z999"},
                        {"shipCarrier", "UPS"},
                        {"shippingServiceLevelCode", "UPCG"},
                        {"lineItems", {{{"sku", "NO-SUCH-SKU"}, {"quantity", 1}}}}}}}};
    dscosim::scenarios::Step ship = props::CallStep(o.supplier, "singleShipment", shipment, {404});
    ship.expect.checks = {{"/messages/0/description",
                           nlohmann::json{{"$contains", "shipments[0].lineItems[0].sku:"}}}};
    sut.Run(std::move(ship));
    sut.Run(props::OrderCheckStep(m, o));
  }
  void show(std::ostream& os) const override { os << "ship an unknown sku on order #" << order; }
  std::size_t order = 0;
};

RC_GTEST_PROP(ConsumerRule, UnknownLinesAreNotShipped, ()) {
  props::CheckPlatformStateMachine(
      "consumer-unknown-lines", *props::GenWorldFile(), *rc::gen::inRange<std::uint64_t>(1, 1000),
      rc::state::gen::execOneOfWithArgs<props::CreateOrder, props::Settle, props::ShipLine,
                                        ShipUnknownSku>());
}

}  // namespace
