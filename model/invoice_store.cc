#include "model/invoice_store.h"

namespace dscosim {

void InvoiceStore::OnTimer(const Timer& timer) { (void)timer; }

}  // namespace dscosim
