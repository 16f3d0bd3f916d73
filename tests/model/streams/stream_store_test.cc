// Streams: definitions, fan-out, partitions, reading, committing, retention, operations.
#include <gtest/gtest.h>

#include "dscosim/tests/support/commerce_fixture.h"

namespace dscosim {
namespace {

using namespace std::chrono_literals;
using test_support::CommerceWorld;
using Json = nlohmann::json;

Json OrderStream(std::string id = "", int partitions = 1) {
  Json body = {{"objectType", "order"}, {"query", {{"queryType", "order"}}}};
  if (!id.empty()) body["id"] = id;
  if (partitions != 1) body["numPartitions"] = partitions;
  return body;
}

Stream MustCreate(CommerceWorld& w, const Account& who, const Json& body) {
  auto s = w.world.streams().Create(who.dsco_account_id, body);
  EXPECT_TRUE(s.ok()) << s.status();
  return s.ok() ? *s : Stream{};
}

// Every event of every partition, merged in id order.
std::vector<StreamEvent> AllEvents(CommerceWorld& w, const Account& who, const std::string& id) {
  std::vector<StreamEvent> out;
  const Stream* s = w.world.streams().Find(who.dsco_account_id, id);
  for (const StreamPartition& p : s->partitions) out.insert(out.end(), p.events.begin(), p.events.end());
  std::sort(out.begin(), out.end(), [](const StreamEvent& a, const StreamEvent& b) { return a.id() < b.id(); });
  return out;
}

std::string Start(CommerceWorld& w, const Account& who, const std::string& id, int partition = 0) {
  return w.world.streams().Find(who.dsco_account_id, id)->partitions[static_cast<std::size_t>(partition)].position;
}

TEST(StreamIds, HaveTheRealShapeAndSortAsTime) {
  const Time t = TimeFromMicros(1763710215897000);
  EXPECT_EQ(FormatEventId(t, 0), "z/2025/11/21/07/30/1763710215897-0000000");
  EXPECT_EQ(FormatEventId(t, 174608), "z/2025/11/21/07/30/1763710215897-0174608");
  auto parts = ParseEventId("z/2025/11/21/07/30/1763710215897-0000042", "position");
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ(parts->millis, 1763710215897);
  EXPECT_EQ(parts->sequence, 42u);
  EXPECT_LT(FormatEventId(t, 9), FormatEventId(t + 1ms, 0));
  for (const char* bad : {"", "z/2025/11/21/07/30/1763710215897", "z/2025/11/21/07/31/1763710215897-0000000",
                          "y/2025/11/21/07/30/1763710215897-0000000", "2025-11-21T07:30:00Z"}) {
    EXPECT_EQ(ParseEventId(bad, "position").status().field(), "position") << bad;
  }
}

TEST(StreamCreate, DefaultsAndClientChosenIds) {
  CommerceWorld w;
  const Stream s = MustCreate(w, w.s1, OrderStream());
  EXPECT_EQ(s.id.size(), 36u);  // a UUID
  EXPECT_EQ(s.stream_version, 1);
  EXPECT_EQ(s.num_partitions, 1);
  ASSERT_EQ(s.partitions.size(), 1u);
  EXPECT_TRUE(s.partitions[0].active);
  EXPECT_EQ(s.partitions[0].partition_id, 0);
  EXPECT_EQ(s.max_events.object_count, 1000);
  EXPECT_EQ(s.max_events.num_bytes, 4194304);
  EXPECT_EQ(s.max_events.duration_sec, 22);
  EXPECT_EQ(s.partitions[0].position, FormatEventId(w.world.now(), 0));
  const Stream mine = MustCreate(w, w.s1, OrderStream("my-orders", 3));
  EXPECT_EQ(mine.id, "my-orders");
  EXPECT_EQ(mine.partitions.size(), 3u);
  // Unique per account; another account may reuse it.
  EXPECT_EQ(w.world.streams().Create(w.s1.dsco_account_id, OrderStream("my-orders")).status().code(),
            StatusCode::kAlreadyExists);
  EXPECT_TRUE(w.world.streams().Create(w.s2.dsco_account_id, OrderStream("my-orders")).ok());
}

TEST(StreamCreate, Refusals) {
  CommerceWorld w;
  const auto refused = [&](Json body, const std::string& field) {
    const std::uint64_t trace = w.world.trace().total();
    auto r = w.world.streams().Create(w.r1.dsco_account_id, body);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << body.dump();
    EXPECT_EQ(r.status().field(), field) << r.status();
    EXPECT_EQ(w.world.trace().total(), trace);
    EXPECT_TRUE(w.world.streams().streams().empty());
  };
  refused({{"query", {{"queryType", "order"}}}}, "objectType");
  refused({{"objectType", "orders"}, {"query", {{"queryType", "orders"}}}}, "objectType");
  refused({{"objectType", "validation"}, {"query", {{"queryType", "validation"}}}}, "objectType");
  refused({{"objectType", "order"}}, "query");
  refused({{"objectType", "order"}, {"query", {{"queryType", "inventory"}}}}, "query.queryType");
  refused({{"objectType", "order"},
           {"query", {{"queryType", "order"}, {"dscoIncludeAccountIds", {w.s1.dsco_account_id}},
                      {"dscoExcludeTradingPartnerIds", {"S2@R1"}}}}},
          "query.dscoExcludeTradingPartnerIds");
  refused({{"objectType", "order"},
           {"query", {{"queryType", "order"}, {"dscoIncludeAccountIds", {w.r2.dsco_account_id}}}}},
          "query.dscoIncludeAccountIds");
  refused({{"objectType", "order"}, {"query", {{"queryType", "order"}, {"statuses", {"done"}}}}},
          "query.statuses[0]");
  refused({{"objectType", "inventory"}, {"query", {{"queryType", "inventory"}, {"itemStatus", {"hidden"}}}}},
          "query.itemStatus[0]");
  Json too_many = OrderStream();
  too_many["numPartitions"] = 21;
  refused(too_many, "numPartitions");
  Json cap = OrderStream();
  cap["maxEvents"] = {{"durationSec", 23}};
  refused(cap, "maxEvents.durationSec");
  cap["maxEvents"] = {{"numBytes", 1023}};
  refused(cap, "maxEvents.numBytes");
}

TEST(StreamList, OnlyTheCallersStreams) {
  CommerceWorld w;
  MustCreate(w, w.s1, OrderStream("a", 2));
  MustCreate(w, w.s1, OrderStream("b"));
  MustCreate(w, w.r1, OrderStream("c"));
  auto all = w.world.streams().List(w.s1.dsco_account_id, std::nullopt, std::nullopt);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 2u);
  auto one = w.world.streams().List(w.s1.dsco_account_id, std::string("a"), 1);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(w.world.streams().ToJson((*one)[0], 1)["partitions"].size(), 1u);
  EXPECT_EQ(w.world.streams().List(w.s1.dsco_account_id, std::string("c"), std::nullopt).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(w.world.streams().List(w.s1.dsco_account_id, std::string("a"), 2).status().field(),
            "partitionId");
}

TEST(StreamUpdate, VersionsPartitionsAndObjectType) {
  CommerceWorld w;
  MustCreate(w, w.s1, OrderStream("s", 4));
  ASSERT_TRUE(w.world.AdvanceBy(1min).ok());
  auto lowered = w.world.streams().Update(w.s1.dsco_account_id, "s", {{"numPartitions", 2}}, true);
  ASSERT_TRUE(lowered.ok()) << lowered.status();
  EXPECT_EQ(lowered->stream_version, 2);
  EXPECT_TRUE(lowered->partitions[1].active);
  EXPECT_FALSE(lowered->partitions[2].active);  // the highest-numbered go
  EXPECT_FALSE(lowered->partitions[3].active);
  EXPECT_EQ(lowered->partitions[3].last_deactivated, w.world.now());
  auto raised = w.world.streams().Update(w.s1.dsco_account_id, "s", {{"numPartitions", 5}}, false);
  ASSERT_TRUE(raised.ok());
  EXPECT_EQ(raised->stream_version, 2);  // incrementVersionNumber=false
  EXPECT_EQ(raised->partitions.size(), 5u);
  EXPECT_TRUE(raised->partitions[3].active);
  EXPECT_EQ(w.world.streams().Update(w.s1.dsco_account_id, "s", {{"objectType", "invoice"}}, true).status().field(),
            "objectType");
  EXPECT_EQ(w.world.streams().Update(w.r1.dsco_account_id, "s", {{"numPartitions", 1}}, true).status().code(),
            StatusCode::kNotFound);
  auto deleted = w.world.streams().Delete(w.s1.dsco_account_id, "s");
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(w.world.streams().Find(w.s1.dsco_account_id, "s"), nullptr);
}

TEST(StreamFanOut, TheSupplierSeesItsOrdersOnceTheyAreVisible) {
  CommerceWorld w;
  MustCreate(w, w.s1, OrderStream("s1"));
  MustCreate(w, w.s2, OrderStream("s2"));
  MustCreate(w, w.r1, OrderStream("r1"));
  MustCreate(w, w.r2, OrderStream("r2"));
  auto created = w.world.orders().Create(w.r1.dsco_account_id, CommerceWorld::OrderBody("PO-1", {{"A-1", 1}}));
  ASSERT_TRUE(created.ok());
  EXPECT_TRUE(AllEvents(w, w.s1, "s1").empty());  // still received
  EXPECT_EQ(AllEvents(w, w.r1, "r1").size(), 1u);  // the retailer sees its own create
  ASSERT_TRUE(w.world.AdvanceBy(3s).ok());
  const auto s1 = AllEvents(w, w.s1, "s1");
  ASSERT_EQ(s1.size(), 1u);
  EXPECT_EQ(s1[0].source(), "stream");
  EXPECT_EQ(s1[0].object_key(), created->orders[0].dsco_order_id);
  EXPECT_EQ(Json::parse(s1[0].payload())["dscoLifecycle"], "created");
  EXPECT_TRUE(AllEvents(w, w.s2, "s2").empty());
  EXPECT_TRUE(AllEvents(w, w.r2, "r2").empty());
}

TEST(StreamFanOut, QueryFilters) {
  CommerceWorld w;
  MustCreate(w, w.s1, {{"id", "shipped"}, {"objectType", "order"},
                       {"query", {{"queryType", "order"}, {"statuses", {"shipped"}}}}});
  MustCreate(w, w.s1, {{"id", "marketplace"}, {"objectType", "order"},
                       {"query", {{"queryType", "order"}, {"orderTypes", {"Marketplace"}}}}});
  MustCreate(w, w.r1, {{"id", "from-s2"}, {"objectType", "order"},
                       {"query", {{"queryType", "order"}, {"dscoIncludeTradingPartnerIds", {"S2@R1"}}}}});
  MustCreate(w, w.r1, {{"id", "changes"}, {"objectType", "orderitemchange"},
                       {"query", {{"queryType", "orderitemchange"}, {"statuses", {"cancelled"}}}}});
  MustCreate(w, w.s1, {{"id", "cancel-requests"}, {"objectType", "order"},
                       {"query", {{"queryType", "order"}, {"onlyIncludeCancelRequests", true}}}});
  const Order o = w.MustCreateOrder("PO-1", {{"A-1", 3}});
  Json market = CommerceWorld::OrderBody("PO-M", {{"A-2", 1}});
  market["orderType"] = "Marketplace";
  ASSERT_TRUE(w.world.orders().Create(w.r1.dsco_account_id, market).ok());
  w.MustCreateOrder("PO-2", {{"B-1", 1}});
  ASSERT_TRUE(w.world.orders().Acknowledge(w.s1.dsco_account_id, {{"id", o.dsco_order_id}, {"type", "DSCO_ORDER_ID"}}).ok());
  ASSERT_TRUE(w.world.orders().RequestCancel(w.r1.dsco_account_id, {{"dscoOrderId", o.dsco_order_id}, {"cancelCode", "C"}}).ok());
  ASSERT_TRUE(w.world.orders()
                  .Ship(w.s1.dsco_account_id,
                        {{"dscoOrderId", o.dsco_order_id}, {"poNumber", "PO-1"},
                         {"shipments", {{{"trackingNumber", "1Z"}, {"shipCarrier", "UPS"},
                                         {"shippingServiceLevelCode", "UPCG"},
                                         {"lineItems", {{{"sku", "A-1"}, {"quantity", 1}}}}}}}})
                  .ok());
  ASSERT_TRUE(w.world.orders()
                  .CancelItems(w.s1.dsco_account_id,
                               {{"id", o.dsco_order_id}, {"type", "DSCO_ORDER_ID"},
                                {"lineItems", {{{"sku", "A-1"}, {"cancelledQuantity", 2}, {"cancelCode", "C"}}}}})
                  .ok());
  for (const StreamEvent& e : AllEvents(w, w.s1, "shipped")) {
    EXPECT_EQ(Json::parse(e.payload())["dscoStatus"], "shipped");
  }
  EXPECT_EQ(AllEvents(w, w.s1, "shipped").size(), 2u);  // after the shipment, and after the cancel
  const auto market_events = AllEvents(w, w.s1, "marketplace");
  ASSERT_FALSE(market_events.empty());
  for (const StreamEvent& e : market_events) EXPECT_EQ(Json::parse(e.payload())["poNumber"], "PO-M");
  for (const StreamEvent& e : AllEvents(w, w.r1, "from-s2")) {
    EXPECT_EQ(Json::parse(e.payload())["dscoSupplierId"], w.s2.dsco_account_id);
  }
  EXPECT_FALSE(AllEvents(w, w.r1, "from-s2").empty());
  const auto changes = AllEvents(w, w.r1, "changes");
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(Json::parse(changes[0].payload())["status"], "cancelled");
  const auto requests = AllEvents(w, w.s1, "cancel-requests");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(Json::parse(requests[0].payload())["cancelRequested"], true);
}

TEST(StreamFanOut, OneObjectStaysInOnePartition) {
  CommerceWorld w;
  MustCreate(w, w.s1, OrderStream("p", 4));
  std::vector<std::string> ids;
  for (int i = 0; i < 12; ++i) ids.push_back(w.MustCreateOrder("PO-" + std::to_string(i), {{"A-1", 2}}).dsco_order_id);
  for (const std::string& id : ids) {
    ASSERT_TRUE(w.world.orders().Acknowledge(w.s1.dsco_account_id, {{"id", id}, {"type", "DSCO_ORDER_ID"}}).ok());
  }
  std::map<std::string, std::set<int>> partitions_of;
  std::set<int> used;
  const Stream* s = w.world.streams().Find(w.s1.dsco_account_id, "p");
  for (const StreamPartition& p : s->partitions) {
    for (std::size_t i = 0; i < p.events.size(); ++i) {
      partitions_of[p.events[i].object_key()].insert(p.partition_id);
      used.insert(p.partition_id);
      if (i > 0) {
        EXPECT_LT(p.events[i - 1].id(), p.events[i].id());
      }
    }
  }
  for (const auto& [key, parts] : partitions_of) EXPECT_EQ(parts.size(), 1u) << key;
  EXPECT_GT(used.size(), 1u);
}

TEST(StreamRead, AfterAPositionWithCaps) {
  CommerceWorld w;
  MustCreate(w, w.s1, OrderStream("s"));
  for (int i = 0; i < 5; ++i) w.MustCreateOrder("PO-" + std::to_string(i), {{"A-1", 1}});
  auto all = w.world.streams().ReadAfter(w.s1.dsco_account_id, "s", 0, Start(w, w.s1, "s"));
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->events.size(), 5u);
  auto after_two = w.world.streams().ReadAfter(w.s1.dsco_account_id, "s", 0, all->events[1].id());
  ASSERT_EQ(after_two->events.size(), 3u);
  EXPECT_EQ(after_two->events[0].id(), all->events[2].id());
  ASSERT_TRUE(w.world.streams().Update(w.s1.dsco_account_id, "s", {{"maxEvents", {{"objectCount", 2}}}}, true).ok());
  EXPECT_EQ(w.world.streams().ReadAfter(w.s1.dsco_account_id, "s", 0, Start(w, w.s1, "s"))->events.size(), 2u);
  ASSERT_TRUE(w.world.streams().Update(w.s1.dsco_account_id, "s",
                                       {{"maxEvents", {{"objectCount", 100}, {"numBytes", 1024}}}}, true).ok());
  auto bytes = w.world.streams().ReadAfter(w.s1.dsco_account_id, "s", 0, Start(w, w.s1, "s"));
  EXPECT_EQ(bytes->events.size(), 1u);  // one order is over 1 KB, and one event always fits
  ASSERT_TRUE(w.world.streams().Update(w.s1.dsco_account_id, "s",
                                       {{"maxEvents", {{"numBytes", 4194304}, {"durationSec", 5}}}}, true).ok());
  // Orders were made 3 s apart: a 5-second window holds two.
  EXPECT_EQ(w.world.streams().ReadAfter(w.s1.dsco_account_id, "s", 0, Start(w, w.s1, "s"))->events.size(), 2u);
  EXPECT_EQ(w.world.streams().ReadAfter(w.s1.dsco_account_id, "s", 0, "nope").status().field(), "position");
  EXPECT_EQ(w.world.streams().ReadAfter(w.s1.dsco_account_id, "s", 1, Start(w, w.s1, "s")).status().field(),
            "partitionId");
}

TEST(StreamCommit, OnlyEventsOfThePartitionAndRewindsAreAllowed) {
  CommerceWorld w;
  MustCreate(w, w.s1, OrderStream("s"));
  for (int i = 0; i < 3; ++i) w.MustCreateOrder("PO-" + std::to_string(i), {{"A-1", 1}});
  const auto events = w.world.streams().ReadAfter(w.s1.dsco_account_id, "s", 0, Start(w, w.s1, "s"))->events;
  ASSERT_EQ(events.size(), 3u);
  ASSERT_TRUE(w.world.streams().Commit(w.s1.dsco_account_id, "s", 0, events[2].id()).ok());
  EXPECT_EQ(Start(w, w.s1, "s"), events[2].id());
  EXPECT_TRUE(w.world.streams().ReadAfter(w.s1.dsco_account_id, "s", 0, Start(w, w.s1, "s"))->events.empty());
  ASSERT_TRUE(w.world.streams().Commit(w.s1.dsco_account_id, "s", 0, events[0].id()).ok());  // rewind
  EXPECT_EQ(w.world.trace().retained().back().payload["rewind"], true);
  const std::string not_an_event = FormatEventId(w.world.now(), 999);
  const Status s = w.world.streams().Commit(w.s1.dsco_account_id, "s", 0, not_an_event);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "position");
  EXPECT_EQ(Start(w, w.s1, "s"), events[0].id());
}

TEST(StreamRead, RangesAndSingles) {
  CommerceWorld w;
  MustCreate(w, w.s1, OrderStream("s"));
  for (int i = 0; i < 4; ++i) w.MustCreateOrder("PO-" + std::to_string(i), {{"A-1", 1}});
  const auto events = w.world.streams().ReadAfter(w.s1.dsco_account_id, "s", 0, Start(w, w.s1, "s"))->events;
  ASSERT_EQ(events.size(), 4u);
  auto range = w.world.streams().ReadRange(w.s1.dsco_account_id, "s", 0, events[1].id(), events[3].id());
  ASSERT_TRUE(range.ok());
  ASSERT_EQ(range->events.size(), 2u);
  EXPECT_EQ(range->events[0].id(), events[1].id());  // start inclusive, end exclusive
  auto by_time = w.world.streams().ReadRange(w.s1.dsco_account_id, "s", 0, FormatIso8601(events[1].time()),
                                             FormatIso8601(w.world.now() + 1h));
  ASSERT_TRUE(by_time.ok());
  EXPECT_EQ(by_time->events.size(), 3u);
  EXPECT_EQ(Start(w, w.s1, "s"), FormatEventId(kDefaultWorldStart, 0));  // never moves
  EXPECT_EQ(w.world.streams().ReadRange(w.s1.dsco_account_id, "s", 0, "x", events[0].id()).status().field(),
            "startPosition");
  auto single = w.world.streams().ReadSingle(w.s1.dsco_account_id, "s", 0, events[2].id());
  ASSERT_TRUE(single.ok());
  EXPECT_EQ(single->events.size(), 1u);
  EXPECT_EQ(w.world.streams().ReadSingle(w.s1.dsco_account_id, "s", 0, FormatEventId(w.world.now(), 5)).status().code(),
            StatusCode::kNotFound);
}

TEST(StreamRetention, EventsOlderThanNinetyDaysDisappear) {
  CommerceWorld w;
  MustCreate(w, w.s1, OrderStream("s"));
  w.MustCreateOrder("PO-OLD", {{"A-1", 1}});
  ASSERT_TRUE(w.world.AdvanceBy(24h * 60).ok());
  w.MustCreateOrder("PO-NEW", {{"A-1", 1}});
  ASSERT_TRUE(w.world.AdvanceBy(24h * 31).ok());
  // Reading from an expired position starts at what remains: PO-OLD's creation is gone
  // (its later "late" events, stamped at its deadlines, are still young enough).
  std::vector<StreamEvent> events;
  std::string position = Start(w, w.s1, "s");
  while (true) {
    auto read = w.world.streams().ReadAfter(w.s1.dsco_account_id, "s", 0, position);
    ASSERT_TRUE(read.ok());
    if (read->events.empty()) break;
    events.insert(events.end(), read->events.begin(), read->events.end());
    position = read->events.back().id();
  }
  ASSERT_FALSE(events.empty());
  for (const StreamEvent& e : events) {
    EXPECT_GE(e.time(), w.world.now() - 24h * 90);
    const Json payload = Json::parse(e.payload());
    EXPECT_FALSE(payload["poNumber"] == "PO-OLD" && payload["dscoLifecycle"] == "created" &&
                 !payload.contains("dscoAcknowledgeLateDate"));
  }
  EXPECT_TRUE(std::any_of(events.begin(), events.end(), [](const StreamEvent& e) {
    return Json::parse(e.payload())["poNumber"] == "PO-NEW";
  }));
}

TEST(StreamOperations, SetPartitionOwnerRepartitionAndRefusals) {
  CommerceWorld w;
  MustCreate(w, w.s1, OrderStream("s", 2));
  ASSERT_TRUE(w.world.AdvanceBy(1min).ok());
  auto op = w.world.streams().Operate(w.s1.dsco_account_id, "s",
                                      {{"operationType", "setpartitionowner"}, {"partitionId", 1}, {"ownerId", "pod-7"}});
  ASSERT_TRUE(op.ok()) << op.status();
  EXPECT_EQ(op->operation_uuid.size(), 36u);
  const Stream* s = w.world.streams().Find(w.s1.dsco_account_id, "s");
  EXPECT_EQ(s->partitions[1].owner_id, "pod-7");
  EXPECT_EQ(s->partitions[1].last_update, w.world.now());
  ASSERT_TRUE(w.world.AdvanceBy(1min).ok());
  ASSERT_TRUE(w.world.streams().Operate(w.s1.dsco_account_id, "s",
                                        {{"operationType", "setpartitionowner"}, {"partitionId", 1}, {"ownerId", "pod-7"}}).ok());
  EXPECT_EQ(s->partitions[1].last_update, w.world.now());  // a touch even without a change
  ASSERT_TRUE(w.world.streams().Operate(w.s1.dsco_account_id, "s",
                                        {{"operationType", "setpartitionowner"}, {"partitionId", 1}, {"ownerId", nullptr}}).ok());
  EXPECT_FALSE(s->partitions[1].owner_id.has_value());
  EXPECT_EQ(w.world.streams().Operate(w.s1.dsco_account_id, "s", {{"operationType", "sync"}}).status().field(),
            "operationType");
  EXPECT_EQ(w.world.streams().Operate(w.s1.dsco_account_id, "s", {{"operationType", "compact"}}).status().field(),
            "operationType");
  // Raising the count adds partitions that get events only after a repartition.
  ASSERT_TRUE(w.world.streams().Update(w.s1.dsco_account_id, "s", {{"numPartitions", 4}}, true).ok());
  EXPECT_EQ(s->routing, (std::vector<int>{0, 1}));
  ASSERT_TRUE(w.world.streams().Operate(w.s1.dsco_account_id, "s", {{"operationType", "repartition"}}).ok());
  EXPECT_EQ(s->routing, (std::vector<int>{0, 1, 2, 3}));
}

}  // namespace
}  // namespace dscosim

namespace dscosim {
namespace {

Json InventoryBody(const std::string& sku, std::int64_t quantity) {
  return {{"sku", sku},
          {"status", quantity > 0 ? "in-stock" : "out-of-stock"},
          {"quantityAvailable", quantity},
          {"warehouses", {{{"code", "WH1"}, {"quantity", quantity}}}}};
}

TEST(StreamSync, EveryCurrentItemBecomesASyncEvent) {
  CommerceWorld w;
  ASSERT_TRUE(w.world.streams().Create(w.r1.dsco_account_id,
                                       {{"id", "inv"}, {"objectType", "inventory"},
                                        {"query", {{"queryType", "inventory"}}}}).ok());
  auto op = w.world.streams().Operate(w.r1.dsco_account_id, "inv", {{"operationType", "sync"}});
  ASSERT_TRUE(op.ok()) << op.status();
  // R1 trades with S1 (3 items) and S2 (2 items).
  EXPECT_EQ(op->events, 5u);
  const auto events = AllEvents(w, w.r1, "inv");
  ASSERT_EQ(events.size(), 5u);
  for (const StreamEvent& e : events) EXPECT_STREQ(e.source(), "sync");
  // R1 sees its own partnerSku in the payload.
  bool saw_partner_sku = false;
  for (const StreamEvent& e : events) {
    if (Json::parse(e.payload()).value("partnerSku", "") == "R1-A1") saw_partner_sku = true;
  }
  EXPECT_TRUE(saw_partner_sku);
  auto only = w.world.streams().Operate(w.r1.dsco_account_id, "inv",
                                        {{"operationType", "sync"}, {"dscoTradingPartnerId", "S2@R1"},
                                         {"sku", {"B-2"}}});
  ASSERT_TRUE(only.ok());
  EXPECT_EQ(only->events, 1u);
}

TEST(StreamFanOut, InventoryFiltersUseTheChangeFacts) {
  CommerceWorld w;
  ASSERT_TRUE(w.world.streams().Create(w.r1.dsco_account_id,
                                       {{"id", "changes"}, {"objectType", "inventory"},
                                        {"query", {{"queryType", "inventory"}, {"quantityChangeOnly", true}}}}).ok());
  ASSERT_TRUE(w.world.streams().Create(w.r1.dsco_account_id,
                                       {{"id", "all"}, {"objectType", "inventory"},
                                        {"query", {{"queryType", "inventory"}, {"includeUnchangedItems", true}}}}).ok());
  ASSERT_TRUE(w.world.streams().Create(w.r2.dsco_account_id,
                                       {{"id", "r2"}, {"objectType", "inventory"},
                                        {"query", {{"queryType", "inventory"}}}}).ok());
  ASSERT_TRUE(w.world.items().UpdateInventory(w.s1.dsco_account_id, InventoryBody("A-1", 7)).ok());
  ASSERT_TRUE(w.world.items().UpdateInventory(w.s1.dsco_account_id, InventoryBody("A-1", 7)).ok());  // unchanged
  ASSERT_TRUE(w.world.items().UpdateInventory(w.s2.dsco_account_id, InventoryBody("B-1", 3)).ok());
  EXPECT_EQ(AllEvents(w, w.r1, "changes").size(), 2u);
  EXPECT_EQ(AllEvents(w, w.r1, "all").size(), 3u);
  EXPECT_EQ(AllEvents(w, w.r2, "r2").size(), 1u);  // R2 trades with S1 only
}

}  // namespace
}  // namespace dscosim
