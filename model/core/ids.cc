#include "dscosim/model/core/ids.h"

#include <utility>

namespace dscosim {

IdMaker::IdMaker(Rng rng) : rng_(std::move(rng)) {
  // Start somewhere in the range real accounts see, so ids look lived-in.
  next_dsco_id_ = 1000000000ULL + rng_.Uniform(50000000ULL);
}

std::string IdMaker::NextDscoId() {
  const std::uint64_t id = next_dsco_id_;
  // Gaps, as on a platform shared with other tenants.
  next_dsco_id_ += 1 + rng_.Uniform(40);
  return std::to_string(id);
}

std::string IdMaker::NextToken(std::size_t hex_digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(hex_digits);
  std::uint64_t bits = 0;
  int left = 0;
  for (std::size_t i = 0; i < hex_digits; ++i) {
    if (left == 0) {
      bits = rng_.NextU64();
      left = 16;
    }
    out.push_back(kDigits[bits & 0xf]);
    bits >>= 4;
    --left;
  }
  return out;
}

std::string IdMaker::NextUuid() {
  std::string hex = NextToken(32);
  hex[12] = '4';                                  // version 4
  // RFC 4122 variant: 8, 9, a or b, chosen by the random digit's value.
  const int nibble = hex[16] <= '9' ? hex[16] - '0' : hex[16] - 'a' + 10;
  hex[16] = "89ab"[nibble % 4];
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

std::string IdMaker::NextActivityId() { return NextToken(32); }

}  // namespace dscosim
