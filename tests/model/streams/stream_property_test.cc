// Stream properties (rapidcheck).
//
// Synthetic order events on random keys are fanned out to a stream while its partition
// count changes and it is repartitioned; a consumer follows the documented loop (read
// from the committed position, process, commit, repeat) and crashes at random points.
//   * at-least-once: after draining, every event of the stream was processed;
//   * per object in order: without partition changes, the events a consumer processes
//     for the first time come in publication order for each object; across partition
//     changes and repartitions, a consumer that merges all partitions by id does;
//   * range reads return exactly the events between their bounds;
//   * a filter never lets a non-matching event through and never drops a matching one.
#include <algorithm>
#include <map>
#include <set>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "dscosim/tests/support/commerce_fixture.h"

namespace dscosim {
namespace {

using namespace std::chrono_literals;
using test_support::CommerceWorld;
using Json = nlohmann::json;

// One synthetic order event between R1 and S1.
DomainEvent OrderEvent(const CommerceWorld& w, int key, int seq, const std::string& status,
                       const std::string& order_type) {
  DomainEvent e;
  e.kind = "order.test";
  e.object_type = StreamObjectType::kOrder;
  e.object_key = "order-" + std::to_string(key);
  e.retailer_id = w.r1.dsco_account_id;
  e.supplier_id = w.s1.dsco_account_id;
  e.event_reasons = {"update_order_info"};
  e.payload = {{"dscoOrderId", e.object_key}, {"seq", seq}, {"dscoStatus", status}, {"orderType", order_type}};
  e.facts = {{"dscoStatus", status}, {"dscoLifecycle", "created"}, {"orderType", order_type}};
  return e;
}

int SeqOf(const StreamEvent& e) { return Json::parse(e.payload())["seq"].get<int>(); }

struct Step {
  enum Kind { kEvent, kAdvance, kSetPartitions, kRepartition, kConsume, kCrash } kind;
  int a = 0;
};

void showValue(const Step& step, std::ostream& os) {
  static const char* kNames[] = {"Event", "Advance", "SetPartitions", "Repartition", "Consume", "Crash"};
  os << kNames[step.kind] << "(" << step.a << ")";
}

rc::Gen<Step> StepGen() {
  return rc::gen::oneOf(
      rc::gen::construct<Step>(rc::gen::just(Step::kEvent), rc::gen::inRange(0, 12)),
      rc::gen::construct<Step>(rc::gen::just(Step::kEvent), rc::gen::inRange(0, 12)),
      rc::gen::construct<Step>(rc::gen::just(Step::kAdvance), rc::gen::inRange(0, 3)),
      rc::gen::construct<Step>(rc::gen::just(Step::kSetPartitions), rc::gen::inRange(1, 6)),
      rc::gen::construct<Step>(rc::gen::just(Step::kRepartition), rc::gen::just(0)),
      rc::gen::construct<Step>(rc::gen::just(Step::kConsume), rc::gen::inRange(1, 4)),
      rc::gen::construct<Step>(rc::gen::just(Step::kCrash), rc::gen::just(0)));
}

// A consumer following the documented loop on every partition, with in-memory progress
// that a crash loses (only committed positions survive).
struct Consumer {
  std::map<int, std::string> cursor;        // partition -> where this process reads next
  std::set<std::string> processed;          // event ids ever processed
  std::map<std::string, int> last_first_seq;  // object -> seq of the last first-time event
  bool in_order = true;

  void Step(World& world, const std::string& owner, int rounds) {
    const Stream* s = world.streams().Find(owner, "p");
    for (int r = 0; r < rounds; ++r) {
      for (const StreamPartition& p : s->partitions) {
        if (!cursor.count(p.partition_id)) cursor[p.partition_id] = p.position;
        auto read = world.streams().ReadAfter(owner, "p", p.partition_id, cursor[p.partition_id]);
        RC_ASSERT(read.ok());
        for (const StreamEvent& e : read->events) {
          if (processed.insert(e.id()).second) {
            const int seq = SeqOf(e);
            auto& last = last_first_seq[e.object_key()];
            if (seq < last) in_order = false;
            last = std::max(last, seq);
          }
          cursor[p.partition_id] = e.id();
        }
        if (!read->events.empty()) {
          RC_ASSERT(world.streams().Commit(owner, "p", p.partition_id, read->events.back().id()).ok());
        }
      }
    }
  }
  void Crash() { cursor.clear(); }
};

RC_GTEST_PROP(StreamProperties, ConsumerLoopSeesEveryEventInOrderAcrossRepartitions, ()) {
  const auto steps = *rc::gen::container<std::vector<Step>>(StepGen());
  CommerceWorld w;
  const std::string owner = w.s1.dsco_account_id;
  ASSERT_TRUE(w.world.streams().Create(owner, {{"id", "p"}, {"objectType", "order"},
                                               {"query", {{"queryType", "order"}}}}).ok());
  Consumer consumer;
  std::map<std::string, int> next_seq;  // per object
  std::vector<std::pair<std::string, int>> published;
  for (const Step& step : steps) {
    switch (step.kind) {
      case Step::kEvent: {
        const std::string key = "order-" + std::to_string(step.a);
        const int seq = next_seq[key]++;
        w.world.streams().OnEvent(OrderEvent(w, step.a, seq, "created", "dropship"));
        published.push_back({key, seq});
        break;
      }
      case Step::kAdvance:
        RC_ASSERT(w.world.AdvanceBy(step.a == 0 ? 0s : step.a == 1 ? 1ms : 5s).ok());
        break;
      case Step::kSetPartitions:
        RC_ASSERT(w.world.streams().Update(owner, "p", {{"numPartitions", step.a}}, true).ok());
        break;
      case Step::kRepartition:
        RC_ASSERT(w.world.streams().Operate(owner, "p", {{"operationType", "repartition"}}).ok());
        break;
      case Step::kConsume:
        consumer.Step(w.world, owner, step.a);
        break;
      case Step::kCrash:
        consumer.Crash();
        break;
    }
  }
  consumer.Crash();
  consumer.Step(w.world, owner, 50);  // drain (each read returns at most 1000 events)

  // Every event published reached exactly one partition and was processed.
  std::vector<StreamEvent> all;
  for (const StreamPartition& p : w.world.streams().Find(owner, "p")->partitions) {
    all.insert(all.end(), p.events.begin(), p.events.end());
  }
  RC_ASSERT(all.size() == published.size());
  for (const StreamEvent& e : all) RC_ASSERT(consumer.processed.count(e.id()) == 1u);
  // Merged by id, each object's events come in publication order.
  std::sort(all.begin(), all.end(), [](const StreamEvent& a, const StreamEvent& b) { return a.id() < b.id(); });
  std::map<std::string, int> expected;
  for (const StreamEvent& e : all) RC_ASSERT(SeqOf(e) == expected[e.object_key()]++);
  // (A consumer that reads partitions one by one may see a key's new partition before
  // draining its old one after a repartition; docs/streams.md says how to avoid that.
  // Without partition changes it never happens: the next property.)
}

RC_GTEST_PROP(StreamProperties, WithoutPartitionChangesEachObjectIsProcessedInOrder, ()) {
  const auto keys = *rc::gen::container<std::vector<int>>(rc::gen::inRange(0, 8));
  const int partitions = *rc::gen::inRange(1, 6);
  CommerceWorld w;
  const std::string owner = w.s1.dsco_account_id;
  ASSERT_TRUE(w.world.streams().Create(owner, {{"id", "p"}, {"objectType", "order"}, {"numPartitions", partitions},
                                               {"query", {{"queryType", "order"}}}}).ok());
  Consumer consumer;
  std::map<int, int> seq;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    w.world.streams().OnEvent(OrderEvent(w, keys[i], seq[keys[i]]++, "created", "dropship"));
    if (i % 3 == 0) consumer.Step(w.world, owner, 1);
    if (i % 7 == 0) consumer.Crash();
  }
  consumer.Crash();
  consumer.Step(w.world, owner, 5);
  RC_ASSERT(consumer.in_order);
  RC_ASSERT(consumer.processed.size() == keys.size());
}

RC_GTEST_PROP(StreamProperties, RangeReadsReturnExactlyTheEventsBetweenTheirBounds, ()) {
  const int count = *rc::gen::inRange(1, 40);
  CommerceWorld w;
  const std::string owner = w.s1.dsco_account_id;
  ASSERT_TRUE(w.world.streams().Create(owner, {{"id", "p"}, {"objectType", "order"},
                                               {"query", {{"queryType", "order"}}}}).ok());
  for (int i = 0; i < count; ++i) {
    w.world.streams().OnEvent(OrderEvent(w, i % 5, i, "created", "dropship"));
    RC_ASSERT(w.world.AdvanceBy(std::chrono::milliseconds(*rc::gen::inRange(0, 3))).ok());
  }
  const std::deque<StreamEvent>& events = w.world.streams().Find(owner, "p")->partitions[0].events;
  const std::size_t a = static_cast<std::size_t>(*rc::gen::inRange(0, count));
  const std::size_t b = static_cast<std::size_t>(*rc::gen::inRange(0, count));
  const std::string start = events[std::min(a, b)].id();
  const std::string end = events[std::max(a, b)].id();
  auto range = w.world.streams().ReadRange(owner, "p", 0, start, end);
  RC_ASSERT(range.ok());
  std::vector<std::string> want;
  for (const StreamEvent& e : events) {
    if (e.id() >= start && e.id() < end) want.push_back(e.id());
  }
  std::vector<std::string> got;
  for (const StreamEvent& e : range->events) got.push_back(e.id());
  RC_ASSERT(got == want);
}

RC_GTEST_PROP(StreamProperties, FiltersPassExactlyTheMatchingEvents, ()) {
  // Random subsets (possibly empty) of the two enums.
  const auto subset = [](std::vector<std::string> all) {
    std::set<std::string> out;
    for (const std::string& v : all) {
      if (*rc::gen::arbitrary<bool>()) out.insert(v);
    }
    return out;
  };
  const auto statuses = subset({"created", "shipment_pending", "shipped", "cancelled"});
  const auto types = subset({"dropship", "marketplace", "wholesale"});
  const auto events = *rc::gen::container<std::vector<std::pair<std::string, std::string>>>(
      rc::gen::pair(rc::gen::element<std::string>("created", "shipment_pending", "shipped", "cancelled"),
                    rc::gen::element<std::string>("dropship", "marketplace", "wholesale")));
  CommerceWorld w;
  const std::string owner = w.s1.dsco_account_id;
  Json query = {{"queryType", "order"}};
  if (!statuses.empty()) query["statuses"] = statuses;
  if (!types.empty()) query["orderTypes"] = types;
  ASSERT_TRUE(w.world.streams().Create(owner, {{"id", "p"}, {"objectType", "order"}, {"query", query}}).ok());
  std::vector<int> want;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& [status, type] = events[i];
    w.world.streams().OnEvent(OrderEvent(w, 0, static_cast<int>(i), status, type));
    const bool status_ok = statuses.empty() || statuses.count(status) != 0;
    const bool type_ok = types.empty() ? type == "dropship" : types.count(type) != 0;
    if (status_ok && type_ok) want.push_back(static_cast<int>(i));
  }
  std::vector<int> got;
  for (const StreamEvent& e : w.world.streams().Find(owner, "p")->partitions[0].events) got.push_back(SeqOf(e));
  RC_ASSERT(got == want);
}

}  // namespace
}  // namespace dscosim
