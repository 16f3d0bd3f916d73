// Async batches and change logs: accepted at once, processed on the clock, one final
// entry per object, per-resource logs, retention, large batches.
#include <gtest/gtest.h>

#include "dscosim/tests/support/commerce_fixture.h"

namespace dscosim {
namespace {

using namespace std::chrono_literals;
using test_support::CommerceWorld;
using Json = nlohmann::json;

ChangeLogQuery ByRequest(const std::string& id) {
  ChangeLogQuery q;
  q.request_id = id;
  return q;
}

TEST(Batch, OrdersAreCreatedLaterAndEachGetsOneEntry) {
  CommerceWorld w;
  Json body = Json::array({CommerceWorld::OrderBody("PO-1", {{"A-1", 1}}),
                           CommerceWorld::OrderBody("PO-2", {{"NOPE", 1}}),
                           CommerceWorld::OrderBody("PO-3", {{"B-1", 2}})});
  auto receipt = w.world.batches().SubmitSmall(w.r1.dsco_account_id, BatchKind::kOrderCreate,
                                               body, body.dump().size());
  ASSERT_TRUE(receipt.ok()) << receipt.status();
  EXPECT_EQ(receipt->request_id.size(), 36u);
  EXPECT_EQ(receipt->objects, 3u);
  EXPECT_TRUE(w.world.orders().orders().empty());  // nothing yet

  auto pending = w.world.batches().Query(w.r1.dsco_account_id, ChangeLogResource::kOrder,
                                         ByRequest(receipt->request_id));
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(pending->request_status, "PROCESSING");
  ASSERT_EQ(pending->logs.size(), 3u);
  EXPECT_EQ(pending->logs[0].status, "pending");
  EXPECT_EQ(pending->logs[0].payload["poNumber"], "PO-1");
  EXPECT_EQ(pending->logs[0].request_method_detail, "createOrderSmallBatch");

  ASSERT_TRUE(w.world.AdvanceBy(3s).ok());
  auto done = w.world.batches().Query(w.r1.dsco_account_id, ChangeLogResource::kOrder,
                                      ByRequest(receipt->request_id));
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->request_status, "COMPLETED");
  ASSERT_EQ(done->logs.size(), 3u);
  EXPECT_EQ(done->logs[0].status, "success");
  EXPECT_EQ(done->logs[1].status, "failure");  // a bad object fails quietly, alone
  EXPECT_EQ(done->logs[1].results[0]["code"], "VALIDATION_FAILED");
  EXPECT_NE(done->logs[1].results[0]["description"].get<std::string>().find("lineItems[0].sku"),
            std::string::npos);
  EXPECT_EQ(done->logs[2].status, "success");
  EXPECT_EQ(done->logs[0].date_processed, w.world.now());
  EXPECT_EQ(w.world.orders().orders().size(), 2u);
}

TEST(Batch, RefusedRequestsChangeNothing) {
  CommerceWorld w;
  const auto refused = [&](const Json& body, std::size_t bytes, StatusCode code) {
    const std::uint64_t timers = w.world.clock().PendingTimers();
    auto r = w.world.batches().SubmitSmall(w.r1.dsco_account_id, BatchKind::kOrderCreate, body, bytes);
    EXPECT_EQ(r.status().code(), code);
    EXPECT_EQ(w.world.clock().PendingTimers(), timers);
    EXPECT_TRUE(w.world.batches().entries().empty());
  };
  refused(Json::object(), 2, StatusCode::kInvalidArgument);
  refused(Json::array(), 2, StatusCode::kInvalidArgument);
  refused(Json::array({Json::object()}), 5 * 1024 * 1024 + 1, StatusCode::kTooLarge);
}

TEST(Batch, LogsArePerResourceAndPerAccount) {
  CommerceWorld w;
  const Order o = w.MustCreateOrder("PO-1", {{"A-1", 2}});
  Json acks = Json::array({{{"id", o.dsco_order_id}, {"type", "DSCO_ORDER_ID"}}});
  auto receipt = w.world.batches().SubmitSmall(w.s1.dsco_account_id, BatchKind::kOrderAcknowledge,
                                               acks, 64);
  ASSERT_TRUE(receipt.ok());
  ASSERT_TRUE(w.world.AdvanceBy(3s).ok());
  EXPECT_EQ(w.world.orders().Find(o.dsco_order_id)->lifecycle, OrderLifecycle::kAcknowledged);
  // The retailer cannot read the supplier's log; the inventory log does not have it.
  auto other = w.world.batches().Query(w.r1.dsco_account_id, ChangeLogResource::kOrder,
                                       ByRequest(receipt->request_id));
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->logs.empty());
  EXPECT_FALSE(other->request_status.has_value());
  auto inventory = w.world.batches().Query(w.s1.dsco_account_id, ChangeLogResource::kInventory,
                                           ByRequest(receipt->request_id));
  ASSERT_TRUE(inventory.ok());
  EXPECT_TRUE(inventory->logs.empty());
}

TEST(Batch, DateRangeAndStatusFilters) {
  CommerceWorld w;
  const Time t0 = w.world.now();
  Json body = Json::array({CommerceWorld::OrderBody("PO-1", {{"A-1", 1}}),
                           CommerceWorld::OrderBody("PO-2", {{"NOPE", 1}})});
  ASSERT_TRUE(w.world.batches().SubmitSmall(w.r1.dsco_account_id, BatchKind::kOrderCreate, body, 10).ok());
  ASSERT_TRUE(w.world.AdvanceBy(1h).ok());
  ChangeLogQuery q;
  q.start_date = t0;
  q.end_date = t0 + 1us;
  auto all = w.world.batches().Query(w.r1.dsco_account_id, ChangeLogResource::kOrder, q);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->logs.size(), 2u);
  q.status = "failure";
  EXPECT_EQ(w.world.batches().Query(w.r1.dsco_account_id, ChangeLogResource::kOrder, q)->logs.size(), 1u);
  q.status = "success_or_failure";
  EXPECT_EQ(w.world.batches().Query(w.r1.dsco_account_id, ChangeLogResource::kOrder, q)->logs.size(), 2u);
  q.start_date = t0 + 1us;
  q.status.reset();
  EXPECT_TRUE(w.world.batches().Query(w.r1.dsco_account_id, ChangeLogResource::kOrder, q)->logs.empty());
  ChangeLogQuery nothing;
  auto refused = w.world.batches().Query(w.r1.dsco_account_id, ChangeLogResource::kOrder, nothing);
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  ChangeLogQuery half;
  half.start_date = t0;
  EXPECT_EQ(w.world.batches().Query(w.r1.dsco_account_id, ChangeLogResource::kOrder, half).status().field(),
            "endDate");
  ChangeLogQuery bad_status = ByRequest("x");
  bad_status.status = "done";
  EXPECT_EQ(w.world.batches().Query(w.r1.dsco_account_id, ChangeLogResource::kOrder, bad_status).status().field(),
            "status");
}

TEST(Batch, LogsAreKeptTwoWeeks) {
  CommerceWorld w;
  Json body = Json::array({CommerceWorld::OrderBody("PO-1", {{"A-1", 1}})});
  auto receipt = w.world.batches().SubmitSmall(w.r1.dsco_account_id, BatchKind::kOrderCreate, body, 10);
  ASSERT_TRUE(receipt.ok());
  ASSERT_TRUE(w.world.AdvanceBy(24h * 14 - 1us).ok());
  EXPECT_EQ(w.world.batches().Query(w.r1.dsco_account_id, ChangeLogResource::kOrder,
                                    ByRequest(receipt->request_id))->logs.size(), 1u);
  ASSERT_TRUE(w.world.AdvanceBy(1us).ok());
  EXPECT_TRUE(w.world.batches().Query(w.r1.dsco_account_id, ChangeLogResource::kOrder,
                                      ByRequest(receipt->request_id))->logs.empty());
}

TEST(Batch, LargeBatchesProcessAfterTheUpload) {
  CommerceWorld w;
  auto opened = w.world.batches().OpenLarge(w.r1.dsco_account_id, BatchKind::kOrderCreate);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->upload_token.size(), 40u);
  ASSERT_TRUE(w.world.AdvanceBy(1h).ok());  // nothing happens without the upload
  EXPECT_TRUE(w.world.batches().entries().empty());
  const std::string lines = CommerceWorld::OrderBody("PO-1", {{"A-1", 1}}).dump() + "\n\n" +
                            "not json\r\n" + CommerceWorld::OrderBody("PO-2", {{"A-2", 1}}).dump();
  auto uploaded = w.world.batches().Upload(opened->upload_token, lines);
  ASSERT_TRUE(uploaded.ok()) << uploaded.status();
  EXPECT_EQ(uploaded->objects, 3u);
  EXPECT_EQ(w.world.batches().Upload(opened->upload_token, lines).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(w.world.batches().Upload("nope", lines).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(w.world.AdvanceBy(3s).ok());
  auto log = w.world.batches().Query(w.r1.dsco_account_id, ChangeLogResource::kOrder,
                                     ByRequest(opened->request_id));
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->logs.size(), 3u);
  EXPECT_EQ(log->logs[0].status, "success");
  EXPECT_EQ(log->logs[1].status, "failure");
  EXPECT_EQ(log->logs[2].status, "success");
  EXPECT_EQ(log->logs[0].request_method_detail, "createOrderLargeBatch");
  EXPECT_EQ(log->request_status, "COMPLETED");
}

TEST(Batch, AShipmentThatFailsQuietlyLeavesTheOrderAsItWas) {
  CommerceWorld w;
  const Order o = w.MustCreateOrder("PO-1", {{"A-1", 2}});
  Json shipment = {{"dscoOrderId", o.dsco_order_id},
                   {"poNumber", "PO-1"},
                   {"shipments", {{{"trackingNumber", "1Z"},
                                   {"shipCarrier", "UPS"},
                                   {"shippingServiceLevelCode", "GCG"},  // valid on orders only
                                   {"lineItems", {{{"sku", "A-1"}, {"quantity", 2}}}}}}}};
  auto receipt = w.world.batches().SubmitSmall(w.s1.dsco_account_id, BatchKind::kOrderShipment,
                                               Json::array({shipment}), 100);
  ASSERT_TRUE(receipt.ok());  // accepted
  ASSERT_TRUE(w.world.AdvanceBy(3s).ok());
  EXPECT_EQ(w.world.orders().Find(o.dsco_order_id)->lifecycle, OrderLifecycle::kCreated);
  auto log = w.world.batches().Query(w.s1.dsco_account_id, ChangeLogResource::kOrder,
                                     ByRequest(receipt->request_id));
  ASSERT_EQ(log->logs.size(), 1u);
  EXPECT_EQ(log->logs[0].status, "failure");
}

TEST(Batch, LogPagesScroll) {
  BatchPolicy policy;
  policy.log_page_size = 2;
  WorldOptions options;
  options.batches = policy;
  CommerceWorld w(options);
  Json body = Json::array();
  for (int i = 0; i < 5; ++i) body.push_back(CommerceWorld::OrderBody("PO-" + std::to_string(i), {{"A-1", 1}}));
  auto receipt = w.world.batches().SubmitSmall(w.r1.dsco_account_id, BatchKind::kOrderCreate, body, 10);
  ASSERT_TRUE(receipt.ok());
  auto page = w.world.batches().Query(w.r1.dsco_account_id, ChangeLogResource::kOrder,
                                      ByRequest(receipt->request_id));
  std::size_t seen = 0;
  while (true) {
    ASSERT_TRUE(page.ok());
    seen += page->logs.size();
    if (!page->scroll_id) break;
    ChangeLogQuery next;
    next.scroll_id = page->scroll_id;
    page = w.world.batches().Query(w.r1.dsco_account_id, ChangeLogResource::kOrder, next);
  }
  EXPECT_EQ(seen, 5u);
}

}  // namespace
}  // namespace dscosim
