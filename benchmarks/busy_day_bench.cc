// The busy supplier day (scenarios/busy_day.h) on one core: the whole day, world built
// and torn down included, at the size (20,000 orders, 200,000 inventory updates)
// and at a tenth of it, so the cost per order and per update shows.
//
//   ./build/benchmarks/busy_day_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include "dscosim/scenarios/busy_day.h"

namespace {

void BM_BusyDay(benchmark::State& state) {
  dscosim::BusyDayOptions options;
  options.orders = static_cast<int>(state.range(0));
  options.inventory_updates = static_cast<int>(state.range(1));
  std::uint64_t events = 0;
  for (auto _ : state) {
    auto day = dscosim::RunBusyDay(options);
    if (!day.ok()) {
      state.SkipWithError(day.status().ToString().c_str());
      return;
    }
    events = day->trace_events;
    benchmark::DoNotOptimize(day->trace_hash);
  }
  state.counters["orders"] = static_cast<double>(options.orders);
  state.counters["updates"] = static_cast<double>(options.inventory_updates);
  state.counters["trace_events"] = static_cast<double>(events);
  state.counters["events_per_s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_BusyDay)->Args({2000, 20000})->Args({20000, 200000})->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
