// Streams: the nine stream operations.
#include "fakes/api_common.h"

namespace dscosim::fakes {

void AddStreamRoutes(std::vector<Route>& routes) { (void)routes; }

}  // namespace dscosim::fakes
