// Assortments.
#include "fakes/api_common.h"

namespace dscosim::fakes {

void AddAssortmentRoutes(std::vector<Route>& routes) { (void)routes; }

}  // namespace dscosim::fakes
