// Deterministic id makers in the platform's shapes. Every id comes from the world's
// "ids" random sub-stream, so the same seed and the same operations give the same ids.
#ifndef DSCOSIM_MODEL_CORE_IDS_H_
#define DSCOSIM_MODEL_CORE_IDS_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "dscosim/model/core/rng.h"

namespace dscosim {

class IdMaker {
 public:
  explicit IdMaker(Rng rng);

  // A Dsco numeric-string id such as "1000051226": ten digits, strictly increasing,
  // shared by every kind of object (orders, items, conversations, messages...), so ids
  // are globally unique like the platform's.
  std::string NextDscoId();
  // A dashed, version-4-shaped UUID: "1823ba54-3d92-4a86-9f3c-420e4d498213".
  std::string NextUuid();
  // 32 lower-case hex digits without dashes, like an order activity's uuid.
  std::string NextActivityId();
  // `hex_digits` lower-case hex digits: opaque tokens (scroll ids, access tokens).
  std::string NextToken(std::size_t hex_digits);

 private:
  Rng rng_;
  std::uint64_t next_dsco_id_;
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CORE_IDS_H_
