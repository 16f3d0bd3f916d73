#include "model/assortment_store.h"

namespace dscosim {

void AssortmentStore::OnTimer(const Timer& timer) { (void)timer; }

}  // namespace dscosim
