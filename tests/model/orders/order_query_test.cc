// Get Order and Get Orders: who sees what, modes, the 5-second rule, paging.
#include <gtest/gtest.h>

#include "dscosim/tests/support/commerce_fixture.h"

namespace dscosim {
namespace {

using namespace std::chrono_literals;
using test_support::CommerceWorld;
using Json = nlohmann::json;

std::vector<std::string> AllPages(CommerceWorld& w, const Account& who, OrderPageQuery q) {
  std::vector<std::string> ids;
  auto page = w.world.orders().Page(who.dsco_account_id, q);
  while (true) {
    EXPECT_TRUE(page.ok()) << page.status();
    if (!page.ok()) return ids;
    for (const Order& o : page->orders) ids.push_back(o.dsco_order_id);
    if (!page->scroll_id) return ids;
    OrderPageQuery next;
    next.scroll_id = page->scroll_id;
    page = w.world.orders().Page(who.dsco_account_id, next);
  }
}

OrderPageQuery CreatedWindow(Time since, Time until) {
  OrderPageQuery q;
  q.created_since = since;
  q.until = until;
  return q;
}

TEST(OrderGet, StrangersAndOtherSuppliersSeeNothing) {
  CommerceWorld w;
  const Order o = w.MustCreateOrder("PO-1", {{"A-1", 1}});
  for (const Account* who : {&w.r2, &w.s2}) {
    auto got = w.world.orders().Get(who->dsco_account_id, OrderKeyType::kDscoOrderId,
                                    o.dsco_order_id, {}, {}, false);
    auto missing = w.world.orders().Get(who->dsco_account_id, OrderKeyType::kDscoOrderId,
                                        "1", {}, {}, false);
    EXPECT_EQ(got.status().code(), StatusCode::kNotFound);
    EXPECT_EQ(got.status(), missing.status());
  }
}

TEST(OrderGet, ARetailerUsingSupplierOrderNumberNamesTheSupplier) {
  CommerceWorld w;
  const Order o = w.MustCreateOrder("PO-1", {{"A-1", 1}});
  ASSERT_TRUE(w.world.orders()
                  .Acknowledge(w.s1.dsco_account_id,
                               {{"id", o.dsco_order_id}, {"type", "DSCO_ORDER_ID"},
                                {"supplierOrderNumber", "SO-1"}})
                  .ok());
  auto no_partner = w.world.orders().Get(w.r1.dsco_account_id, OrderKeyType::kSupplierOrderNumber,
                                         "SO-1", {}, {}, false);
  EXPECT_EQ(no_partner.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(no_partner.status().field(), "dscoAccountId");
  EXPECT_TRUE(w.world.orders()
                  .Get(w.r1.dsco_account_id, OrderKeyType::kSupplierOrderNumber, "SO-1",
                       std::nullopt, std::string("S1@R1"), false)
                  .ok());
  EXPECT_TRUE(w.world.orders()
                  .Get(w.r1.dsco_account_id, OrderKeyType::kSupplierOrderNumber, "SO-1",
                       w.s1.dsco_account_id, std::nullopt, false)
                  .ok());
  auto wrong = w.world.orders().Get(w.r1.dsco_account_id, OrderKeyType::kSupplierOrderNumber,
                                    "SO-1", w.s2.dsco_account_id, std::nullopt, false);
  EXPECT_EQ(wrong.status().code(), StatusCode::kNotFound);
  auto bad_id = w.world.orders().Get(w.s1.dsco_account_id, OrderKeyType::kDscoOrderId, "abc",
                                     {}, {}, false);
  EXPECT_EQ(bad_id.status().field(), "value");
}

TEST(OrderPage, CreatedSinceIsInclusiveAndUntilExclusive) {
  CommerceWorld w;
  const Time t0 = w.world.now();
  const Order a = w.MustCreateOrder("PO-A", {{"A-1", 1}});  // created at t0
  const Order b = w.MustCreateOrder("PO-B", {{"A-1", 1}});  // created at t0 + 3 s
  ASSERT_TRUE(w.world.AdvanceBy(1min).ok());
  EXPECT_EQ(AllPages(w, w.s1, CreatedWindow(t0, b.created)),
            std::vector<std::string>{a.dsco_order_id});
  EXPECT_EQ(AllPages(w, w.s1, CreatedWindow(b.created, b.created + 1us)),
            std::vector<std::string>{b.dsco_order_id});
  EXPECT_EQ(AllPages(w, w.r1, CreatedWindow(t0, w.world.now() - 5s)),
            (std::vector<std::string>{a.dsco_order_id, b.dsco_order_id}));
  EXPECT_TRUE(AllPages(w, w.s2, CreatedWindow(t0, w.world.now() - 5s)).empty());
}

TEST(OrderPage, UpdatedSinceIsExclusive) {
  CommerceWorld w;
  const Order a = w.MustCreateOrder("PO-A", {{"A-1", 1}});
  ASSERT_TRUE(w.world.AdvanceBy(1min).ok());
  ASSERT_TRUE(w.world.orders()
                  .Acknowledge(w.s1.dsco_account_id, {{"id", a.dsco_order_id}, {"type", "DSCO_ORDER_ID"}})
                  .ok());
  const Time acked = w.world.now();
  ASSERT_TRUE(w.world.AdvanceBy(1min).ok());
  OrderPageQuery q;
  q.updated_since = acked - 1us;
  q.until = w.world.now() - 5s;
  EXPECT_EQ(AllPages(w, w.s1, q), std::vector<std::string>{a.dsco_order_id});
  q.updated_since = acked;
  EXPECT_TRUE(AllPages(w, w.s1, q).empty());
}

TEST(OrderPage, TheFiveSecondRuleAndTheModes) {
  CommerceWorld w;
  w.MustCreateOrder("PO-A", {{"A-1", 1}});
  const auto refused = [&](OrderPageQuery q, const std::string& field) {
    auto r = w.world.orders().Page(w.s1.dsco_account_id, q);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << field;
    EXPECT_EQ(r.status().field(), field);
  };
  OrderPageQuery q = CreatedWindow(w.world.now() - 1h, w.world.now() - 5s + 1us);
  refused(q, "until");
  q.until = w.world.now() - 5s;
  EXPECT_TRUE(w.world.orders().Page(w.s1.dsco_account_id, q).ok());
  q.until.reset();
  refused(q, "until");
  refused(OrderPageQuery{}, "ordersCreatedSince");
  OrderPageQuery both = CreatedWindow(w.world.now() - 1h, w.world.now() - 1min);
  both.updated_since = w.world.now() - 1h;
  refused(both, "ordersUpdatedSince");
  OrderPageQuery tiny = CreatedWindow(w.world.now() - 1h, w.world.now() - 1min);
  tiny.orders_per_page = 9;
  refused(tiny, "ordersPerPage");
  tiny.orders_per_page = 1001;
  refused(tiny, "ordersPerPage");
}

TEST(OrderPage, ConsumerOrderNumberMode) {
  CommerceWorld w;
  Json body = CommerceWorld::OrderBody("PO-C", {{"A-1", 1}, {"B-1", 1}});
  body["consumerOrderNumber"] = "CONS-1";
  body["lineItems"][1]["dscoSupplierId"] = w.s2.dsco_account_id;
  ASSERT_TRUE(w.world.orders().Create(w.r1.dsco_account_id, body).ok());
  w.MustCreateOrder("PO-D", {{"A-1", 1}});
  OrderPageQuery q;
  q.consumer_order_number = "CONS-1";
  EXPECT_EQ(AllPages(w, w.r1, q).size(), 2u);
  EXPECT_EQ(AllPages(w, w.s1, q).size(), 1u);
}

TEST(OrderPage, StatusAndTestFilters) {
  CommerceWorld w;
  const Order a = w.MustCreateOrder("PO-A", {{"A-1", 1}});
  Json test_body = CommerceWorld::OrderBody("PO-T", {{"A-1", 1}});
  test_body["testFlag"] = true;
  ASSERT_TRUE(w.world.orders().Create(w.r1.dsco_account_id, test_body).ok());
  const Order c = w.MustCreateOrder("PO-C", {{"A-1", 1}});
  ASSERT_TRUE(w.world.orders()
                  .Acknowledge(w.s1.dsco_account_id, {{"id", c.dsco_order_id}, {"type", "DSCO_ORDER_ID"}})
                  .ok());
  ASSERT_TRUE(w.world.AdvanceBy(1min).ok());
  OrderPageQuery q = CreatedWindow(a.created, w.world.now() - 5s);
  EXPECT_EQ(AllPages(w, w.s1, q).size(), 2u);
  q.include_test_orders = true;
  EXPECT_EQ(AllPages(w, w.s1, q).size(), 3u);
  q.statuses = {OrderStatus::kShipmentPending};
  EXPECT_EQ(AllPages(w, w.s1, q), std::vector<std::string>{c.dsco_order_id});
}

TEST(OrderPage, PagesShareAScrollIdThatExpires) {
  CommerceWorld w;
  std::vector<std::string> created;
  for (int i = 0; i < 25; ++i) {
    created.push_back(w.MustCreateOrder("PO-" + std::to_string(i), {{"A-1", 1}}).dsco_order_id);
  }
  ASSERT_TRUE(w.world.AdvanceBy(1min).ok());
  OrderPageQuery q = CreatedWindow(kDefaultWorldStart, w.world.now() - 5s);
  q.orders_per_page = 10;
  auto first = w.world.orders().Page(w.s1.dsco_account_id, q);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(first->scroll_id);
  EXPECT_EQ(first->orders.size(), 10u);
  EXPECT_EQ(AllPages(w, w.s1, q), created);
  ASSERT_TRUE(w.world.AdvanceBy(5min).ok());
  OrderPageQuery next;
  next.scroll_id = first->scroll_id;
  auto expired = w.world.orders().Page(w.s1.dsco_account_id, next);
  EXPECT_EQ(expired.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(expired.status().field(), "scrollId");
}

}  // namespace
}  // namespace dscosim
