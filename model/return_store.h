// The returns store. (Being built: see docs/commerce.md.)
#ifndef DSCOSIM_MODEL_RETURN_STORE_H_
#define DSCOSIM_MODEL_RETURN_STORE_H_

#include "model/clock.h"
#include "model/services.h"

namespace dscosim {

class ReturnStore {
 public:
  void Bind(const Services* services) { services_ = services; }
  // Fires a timer this store scheduled.
  void OnTimer(const Timer& timer);

 private:
  const Services* services_ = nullptr;
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_RETURN_STORE_H_
