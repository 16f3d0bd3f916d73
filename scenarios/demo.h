// The seeded demo simulation: a few virtual days of conversations between the demo
// world's retailers and suppliers.
//
// Retailers forward consumer complaints as customer-care conversations on their orders;
// suppliers poll for them every 30 minutes with contiguous windows, answer and close;
// both sides open standard conversations, some with due dates (tasks), some of which
// nobody answers and which close themselves; a retailer now and then tries to add to a
// closed conversation and is refused. Every choice comes from the seed, so the same
// seed prints the same story and the same trace hash.
#ifndef DSCOSIM_SCENARIOS_DEMO_H_
#define DSCOSIM_SCENARIOS_DEMO_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "dscosim/model/world.h"

namespace dscosim {

struct DemoOptions {
  std::uint64_t seed = 42;
  int days = 3;
};

struct DemoResult {
  std::uint64_t seed = 0;
  std::string trace_hash;
  std::uint64_t trace_events = 0;
  // One human-readable line per thing that happened, in order.
  std::vector<std::string> story;
  // Event kind -> count, and refusals by status code.
  std::map<std::string, int> counts;
  World world;
};

// Runs the demo. Fails only if the demo world cannot be built (a bug).
Result<DemoResult> RunDemo(const DemoOptions& options);

// The WorldOptions the demo uses for a seed (auto-close shortened to a day, so the
// story shows it).
WorldOptions DemoWorldOptions(std::uint64_t seed);

}  // namespace dscosim

#endif  // DSCOSIM_SCENARIOS_DEMO_H_
