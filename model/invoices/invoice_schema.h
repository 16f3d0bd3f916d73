// The shape of a Create Invoice body (the spec's Invoice schema), checked before any
// rule that needs the order: types, required fields, lengths and enums of the header,
// charges, credits, taxes, terms, the five addresses, ship and every line.
#ifndef DSCOSIM_MODEL_INVOICES_INVOICE_SCHEMA_H_
#define DSCOSIM_MODEL_INVOICES_INVOICE_SCHEMA_H_

#include <vector>

#include "dscosim/model/core/json_fields.h"
#include "dscosim/model/orders/line_match.h"
#include "dscosim/model/core/status.h"

namespace dscosim {

struct InvoiceShapeOptions {
  // The address description (not the schema) also asks for address1 or address.
  bool require_street_address = false;
};

// Checks `body` and returns each line's reference to its order line (in line order;
// empty when the invoice has no lineItems).
Result<std::vector<LineRef>> CheckInvoiceShape(const Json& body,
                                               const InvoiceShapeOptions& options);

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_INVOICES_INVOICE_SCHEMA_H_
