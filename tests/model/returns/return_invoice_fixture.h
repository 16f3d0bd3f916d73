// Helpers for the return and invoice tests: orders put straight into the order store
// (with shipped quantities), request-body builders, and a refusal check that also
// covers the returns' and invoices' internal state.
#ifndef DSCOSIM_TESTS_MODEL_RETURNS_RETURN_INVOICE_FIXTURE_H_
#define DSCOSIM_TESTS_MODEL_RETURNS_RETURN_INVOICE_FIXTURE_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "dscosim/model/world.h"
#include "dscosim/tests/support/commerce_fixture.h"
#include "dscosim/tests/support/world_fixture.h"

namespace dscosim::test_support {

// Everything a refused call must leave alone: the world's fingerprint plus every
// return's and invoice's internal state.
inline std::string State(const World& world) {
  return Fingerprint(world) + world.returns().Describe(world.now()) + world.invoices().Describe();
}

struct LineSpec {
  std::string sku;
  std::string item;  // dscoItemId
  std::int64_t quantity = 1;
  std::int64_t shipped = 0;
  nlohmann::json extra = nlohmann::json::object();  // expectedCost, retailerLineId, ...
};

// An order of `retailer` for `supplier` with lines numbered 1, 2, ... (each accepted in
// full, `shipped` units shipped), not yet stored.
inline Order MakeOrder(const Account& retailer, const Account& supplier, std::string po,
                       const std::vector<LineSpec>& lines,
                       OrderLifecycle lifecycle = OrderLifecycle::kAcknowledged) {
  Order o;
  o.retailer_id = retailer.dsco_account_id;
  o.supplier_id = supplier.dsco_account_id;
  o.po_number = std::move(po);
  o.lifecycle = lifecycle;
  std::int64_t n = 0;
  for (const LineSpec& spec : lines) {
    OrderLine line;
    line.line_number = ++n;
    line.dsco_item_id = spec.item;
    line.sku = spec.sku;
    line.given.sku = spec.sku;
    line.quantity = spec.quantity;
    line.accepted_quantity = spec.quantity;
    line.shipped_quantity = spec.shipped;
    line.extra = spec.extra;
    o.lines.push_back(line);
  }
  return o;
}

inline Order PutOrder(World& world, Order order) {
  auto stored = world.orders().Put(std::move(order));
  EXPECT_TRUE(stored.ok()) << stored.status();
  return stored.ok() ? *stored : Order{};
}

inline Order PutOrder(World& world, const Account& retailer, const Account& supplier,
                      std::string po, const std::vector<LineSpec>& lines,
                      OrderLifecycle lifecycle = OrderLifecycle::kAcknowledged) {
  return PutOrder(world, MakeOrder(retailer, supplier, std::move(po), lines, lifecycle));
}

// A return line.
inline nlohmann::json Line(const std::string& sku, std::int64_t quantity,
                           std::string reason = "DAMAGED") {
  return {{"sku", sku}, {"quantity", quantity}, {"reasonCode", std::move(reason)}};
}

// A Create Return body against a dscoOrderId.
inline nlohmann::json Body(const std::string& number, const std::string& order_id,
                           std::vector<nlohmann::json> lines) {
  return {{"returnNumber", number}, {"dscoOrderId", order_id}, {"lineItems", std::move(lines)}};
}

// A Complete Return body by dscoReturnId, and one of its lines.
inline nlohmann::json Respond(const std::string& return_id, std::vector<nlohmann::json> lines) {
  return {{"dscoReturnId", return_id}, {"lineItems", std::move(lines)}};
}
inline nlohmann::json Answer(const std::string& sku, const std::string& response) {
  return {{"sku", sku}, {"response", response}};
}

// R1 <-> S1 order PO-1: line 1 A-1 x5 (3 shipped), line 2 A-2 x2 (2 shipped),
// line 3 A-3 x1 (none shipped).
class ReturnTest : public ::testing::Test {
 protected:
  ReturnTest() {
    order =
        PutOrder(w.world, w.r1, w.s1, "PO-1",
                 {{"A-1", w.item_a1, 5, 3}, {"A-2", w.item_a2, 2, 2}, {"A-3", w.item_a3, 1, 0}});
  }
  ReturnStore& store() { return w.world.returns(); }
  const std::string& R1() const { return w.r1.dsco_account_id; }
  const std::string& R2() const { return w.r2.dsco_account_id; }
  const std::string& S1() const { return w.s1.dsco_account_id; }
  const std::string& S2() const { return w.s2.dsco_account_id; }

  Return MustCreate(const std::string& caller, const nlohmann::json& body) {
    auto r = store().Create(caller, body);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->ret : Return{};
  }
  Return MustComplete(const std::string& caller, const nlohmann::json& body) {
    auto r = store().Complete(caller, body);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : Return{};
  }
  // R1's return RET-1 of 2 x A-1 and 1 x A-2.
  Return Standard() {
    return MustCreate(R1(), Body("RET-1", order.dsco_order_id, {Line("A-1", 2), Line("A-2", 1)}));
  }

  CommerceWorld w;
  Order order;
};

}  // namespace dscosim::test_support

// Asserts that `statement` (a Status or Result) is refused with `code` naming `field`,
// and that neither the world nor any return or invoice changed.
#define EXPECT_RI_REFUSED(world, statement, expected_code, expected_field) \
  do {                                                                     \
    const std::string ri_before_ = ::dscosim::test_support::State(world);       \
    const ::dscosim::Status ri_status_ = (statement).status();             \
    EXPECT_EQ(ri_status_.code(), (expected_code)) << ri_status_;           \
    EXPECT_EQ(ri_status_.field(), (expected_field)) << ri_status_;         \
    EXPECT_EQ(::dscosim::test_support::State(world), ri_before_)                \
        << "a refused operation changed the world";                        \
  } while (false)

#endif  // DSCOSIM_TESTS_MODEL_RETURNS_RETURN_INVOICE_FIXTURE_H_
