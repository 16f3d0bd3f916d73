#include "dscosim/model/core/rng.h"

#include <iterator>

#include "dscosim/model/core/hash.h"

namespace dscosim {
namespace {

constexpr std::uint64_t RotateLeft(std::uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

}  // namespace

Rng::Rng(std::uint64_t seed) : Rng(seed, seed, "") {}

Rng::Rng(std::uint64_t root_seed, std::uint64_t stream_key, std::string path)
    : root_seed_(root_seed), stream_key_(stream_key), path_(std::move(path)) {
  // SplitMix64 expands the key into the 256-bit state, as xoshiro's authors advise.
  std::uint64_t x = stream_key;
  for (auto& word : state_) {
    x += 0x9e3779b97f4a7c15ULL;
    word = Mix64(x);
  }
}

Rng Rng::Fork(std::string_view name) const {
  // "a/b" is the same sub-stream as Fork("a").Fork("b"): the path names it.
  if (const auto slash = name.find('/'); slash != std::string_view::npos) {
    return Fork(name.substr(0, slash)).Fork(name.substr(slash + 1));
  }
  const std::uint64_t key = Mix64(stream_key_ ^ Fnv1a64(name));
  std::string path = path_.empty() ? std::string(name) : path_ + "/" + std::string(name);
  return Rng(root_seed_, key, std::move(path));
}

std::uint64_t Rng::NextU64() {
  // xoshiro256** 1.0 (Blackman and Vigna).
  const std::uint64_t result = RotateLeft(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = RotateLeft(state_[3], 45);
  return result;
}

std::uint64_t Rng::Uniform(std::uint64_t bound) {
  // Reject the top sliver that would bias the modulo.
  const std::uint64_t threshold = (0 - bound) % bound;
  for (;;) {
    const std::uint64_t r = NextU64();
    if (r >= threshold) return r % bound;
  }
}

std::int64_t Rng::UniformInRange(std::int64_t lo, std::int64_t hi) {
  const std::uint64_t span =
      static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
  if (span == UINT64_MAX) return static_cast<std::int64_t>(NextU64());
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + Uniform(span + 1));
}

double Rng::UniformDouble() {
  return static_cast<double>(NextU64() >> 11) * 0x1.0p-53;
}

bool Rng::Bernoulli(double p) {
  if (p <= 0.0) return false;
  if (p >= 1.0) return true;
  return UniformDouble() < p;
}

bool Rng::Chance(std::uint64_t numerator, std::uint64_t denominator) {
  return Uniform(denominator) < numerator;
}

std::size_t Rng::WeightedChoice(std::span<const std::uint64_t> weights) {
  std::uint64_t total = 0;
  for (const std::uint64_t w : weights) total += w;
  std::uint64_t r = Uniform(total);
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (r < weights[i]) return i;
    r -= weights[i];
  }
  return weights.size() - 1;  // unreachable when the precondition holds
}

}  // namespace dscosim
