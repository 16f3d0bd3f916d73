// A busy supplier day, simulated on the model (no HTTP): one supplier trading with
// several retailers. Orders arrive all day; the supplier acknowledges them, ships them
// in parts (a line at a time, two carriers), cancels what it lacks (one line in 25),
// invoices what it shipped. All day the supplier's inventory feed pushes stock changes
// through small batches (100 items); on the hour that minute's changes go as one large
// batch instead. The supplier reads its order stream of several partitions and commits.
// Returns are not part of the day yet. Every
// choice comes from the seed: the same options give the same counts and trace hash.
//
//   dscosim simulate --scenario busy-supplier-day --orders 20000 --inventory-updates 200000
#ifndef DSCOSIM_SCENARIOS_BUSY_DAY_H_
#define DSCOSIM_SCENARIOS_BUSY_DAY_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "dscosim/model/world.h"

namespace dscosim {

struct BusyDayOptions {
  std::uint64_t seed = 42;
  int retailers = 4;
  int skus = 500;
  int orders = 20000;              // over the day, spread over minute ticks
  int inventory_updates = 200000;  // item updates, in batches
  int partitions = 8;              // of the supplier's order stream
};

struct BusyDayResult {
  std::uint64_t seed = 0;
  std::string trace_hash;
  std::uint64_t trace_events = 0;
  // A few lines on how the day went, then the counts.
  std::vector<std::string> story;
  std::map<std::string, std::int64_t> counts;
  World world;
};

// InvalidArgument naming the option when one is out of range (retailers 1-50, skus
// 1-100,000, orders 0-1,000,000, inventory_updates 0-10,000,000, partitions 1-20);
// FailedPrecondition naming `busy-supplier-day` when the model refuses a call the day
// makes (a bug: every call is valid).
Result<BusyDayResult> RunBusyDay(const BusyDayOptions& options);

}  // namespace dscosim

#endif  // DSCOSIM_SCENARIOS_BUSY_DAY_H_
