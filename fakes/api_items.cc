// Inventory, catalog lookups and warehouses.
#include "fakes/api_common.h"

namespace dscosim::fakes {

void AddItemRoutes(std::vector<Route>& routes) { (void)routes; }

}  // namespace dscosim::fakes
