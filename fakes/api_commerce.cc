// Returns, invoices, inventory, catalog, assortments and warehouses.
#include "fakes/api_common.h"

namespace dscosim::fakes {

void AddCommerceRoutes(std::vector<Route>& routes) { (void)routes; }

}  // namespace dscosim::fakes
