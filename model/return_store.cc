#include "model/return_store.h"

namespace dscosim {

void ReturnStore::OnTimer(const Timer& timer) { (void)timer; }

}  // namespace dscosim
