// Returns and invoices.
#include "fakes/api_common.h"

namespace dscosim::fakes {

void AddReturnInvoiceRoutes(std::vector<Route>& routes) { (void)routes; }

}  // namespace dscosim::fakes
