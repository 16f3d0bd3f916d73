// Stream fan-out and read-back throughput, and memory per stored event.
//
//   ./build/benchmarks/stream_bench --benchmark_counters_tabular=true
//
// Each iteration publishes one small order event (about 200 bytes of JSON) to a world
// with `streams` order streams of the same supplier (4 partitions each), so one publish
// stores `streams` events. Memory is counted by a global operator new that tracks live
// bytes.
#include <atomic>
#include <cstdlib>
#include <new>
#include <string>

#include <benchmark/benchmark.h>

#include "dscosim/model/world.h"

namespace {

std::atomic<std::size_t> g_live_bytes{0};

}  // namespace

void* operator new(std::size_t size) {
  void* p = std::malloc(size + sizeof(std::size_t));
  if (p == nullptr) throw std::bad_alloc();
  *static_cast<std::size_t*>(p) = size;
  g_live_bytes += size;
  return static_cast<std::size_t*>(p) + 1;
}
void operator delete(void* p) noexcept {
  if (p == nullptr) return;
  std::size_t* base = static_cast<std::size_t*>(p) - 1;
  g_live_bytes -= *base;
  std::free(base);
}
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }

namespace dscosim {
namespace {

struct Fixture {
  World world;
  std::string retailer, supplier;
  explicit Fixture(int streams) {
    retailer = world.CreateAccount(Role::kRetailer, "R")->dsco_account_id;
    supplier = world.CreateAccount(Role::kSupplier, "S")->dsco_account_id;
    (void)world.LinkPartners({retailer, supplier, "S", "S", "R", "R"});
    for (int i = 0; i < streams; ++i) {
      (void)world.streams().Create(supplier, {{"id", "s" + std::to_string(i)},
                                              {"objectType", "order"},
                                              {"numPartitions", 4},
                                              {"query", {{"queryType", "order"}}}});
    }
  }
  DomainEvent Event(std::int64_t n) const {
    DomainEvent e;
    e.kind = "order.bench";
    e.object_type = StreamObjectType::kOrder;
    e.object_key = std::to_string(1000000000 + n % 5000);
    e.retailer_id = retailer;
    e.supplier_id = supplier;
    e.event_reasons = {"update_order_info"};
    e.payload = {{"dscoOrderId", e.object_key},
                 {"poNumber", "PO-" + std::to_string(n)},
                 {"dscoStatus", "shipment_pending"},
                 {"dscoLifecycle", "acknowledged"},
                 {"dscoRetailerId", retailer},
                 {"dscoSupplierId", supplier},
                 {"lineItems", {{{"sku", "SKU-1"}, {"quantity", 2}, {"lineNumber", 1}}}}};
    e.facts = {{"dscoStatus", "shipment_pending"}, {"dscoLifecycle", "acknowledged"},
               {"orderType", "dropship"}};
    return e;
  }
};

void BM_FanOutAppend(benchmark::State& state) {
  const int streams = static_cast<int>(state.range(0));
  Fixture f(streams);
  // Events are built outside the timing: this measures the stream store.
  std::vector<DomainEvent> events;
  for (std::int64_t i = 0; i < 4096; ++i) events.push_back(f.Event(i));
  const std::size_t payload_bytes = events[0].payload.dump().size();
  std::int64_t n = 0;
  const std::size_t before = g_live_bytes.load();
  for (auto _ : state) {
    f.world.streams().OnEvent(events[static_cast<std::size_t>(n % 4096)]);
    if (++n % 1000 == 0) {
      state.PauseTiming();
      (void)f.world.AdvanceBy(std::chrono::milliseconds(1));
      state.ResumeTiming();
    }
  }
  const std::size_t stored = static_cast<std::size_t>(n) * static_cast<std::size_t>(streams);
  state.counters["stored_events/s"] =
      benchmark::Counter(static_cast<double>(stored), benchmark::Counter::kIsRate);
  state.counters["payload_B"] = static_cast<double>(payload_bytes);
  state.counters["B/stored_event"] =
      static_cast<double>(g_live_bytes.load() - before) / static_cast<double>(stored);
}
BENCHMARK(BM_FanOutAppend)->Arg(1)->Arg(4)->Arg(8);

void BM_ReadBack(benchmark::State& state) {
  Fixture f(1);
  for (std::int64_t i = 0; i < 100000; ++i) {
    f.world.streams().OnEvent(f.Event(i));
    if (i % 1000 == 999) (void)f.world.AdvanceBy(std::chrono::milliseconds(1));
  }
  const Stream* s = f.world.streams().Find(f.supplier, "s0");
  std::int64_t read = 0;
  for (auto _ : state) {
    for (const StreamPartition& p : s->partitions) {
      std::string position = p.position;
      while (true) {
        auto batch = f.world.streams().ReadAfter(f.supplier, "s0", p.partition_id, position);
        if (!batch.ok() || batch->events.empty()) break;
        read += static_cast<std::int64_t>(batch->events.size());
        position = batch->events.back().id();
      }
    }
  }
  state.counters["events_read/s"] =
      benchmark::Counter(static_cast<double>(read), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ReadBack)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace dscosim

BENCHMARK_MAIN();
