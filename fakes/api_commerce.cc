// Returns, invoices, inventory, catalog, assortments and warehouses: one table per family.
#include "dscosim/fakes/api_common.h"

namespace dscosim::fakes {

void AddItemRoutes(std::vector<Route>& routes);            // api_items.cc
void AddReturnInvoiceRoutes(std::vector<Route>& routes);   // api_returns_invoices.cc
void AddAssortmentRoutes(std::vector<Route>& routes);      // api_assortments.cc

void AddCommerceRoutes(std::vector<Route>& routes) {
  AddItemRoutes(routes);
  AddReturnInvoiceRoutes(routes);
  AddAssortmentRoutes(routes);
}

}  // namespace dscosim::fakes
