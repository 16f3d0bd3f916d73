// The demo world: two retailers and two suppliers that all trade with each other, with
// items and orders registered in the object directory so conversations can be about
// them. Everything is drawn from the world's seed.
#ifndef DSCOSIM_SCENARIOS_WORLDS_DEMO_WORLD_H_
#define DSCOSIM_SCENARIOS_WORLDS_DEMO_WORLD_H_

#include <string>
#include <vector>

#include "dscosim/model/core/status.h"
#include "dscosim/model/world.h"

namespace dscosim {

struct DemoAccounts {
  std::vector<Account> retailers;
  std::vector<Account> suppliers;
};

// Adds the demo accounts, relationships, items and orders to an empty `world`.
Result<DemoAccounts> BuildDemoWorld(World& world);

}  // namespace dscosim

#endif  // DSCOSIM_SCENARIOS_WORLDS_DEMO_WORLD_H_
