// Stable hashes: the same bytes give the same value on every compiler and machine
// (std::hash gives no such promise). Used for named random sub-streams, the trace's
// running hash and, later, stream partitioning.
#ifndef DSCOSIM_MODEL_CORE_HASH_H_
#define DSCOSIM_MODEL_CORE_HASH_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace dscosim {

inline constexpr std::uint64_t kFnv1a64Offset = 0xcbf29ce484222325ULL;

// 64-bit FNV-1a over `bytes`, continuing from `state` (start with kFnv1a64Offset).
constexpr std::uint64_t Fnv1a64(std::string_view bytes,
                                std::uint64_t state = kFnv1a64Offset) {
  for (const char c : bytes) {
    state ^= static_cast<std::uint8_t>(c);
    state *= 0x100000001b3ULL;
  }
  return state;
}

// SplitMix64's finaliser: a bijective mixer with good avalanche.
constexpr std::uint64_t Mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// 16 lower-case hex digits.
std::string Hex64(std::uint64_t value);

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CORE_HASH_H_
