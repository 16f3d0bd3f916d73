// The model's only source of randomness: a seeded xoshiro256** generator with
// distributions written here, not <random>'s (whose distributions differ between
// standard libraries), so a seed gives the same draws on every compiler and machine.
//
// Named sub-streams: Fork("ids") returns a generator that depends only on the root seed
// and the path of names ("ids", "world/orders"), never on how many numbers were drawn
// before. Adding a draw in one subsystem therefore does not reshuffle another's, and old
// seeds stay meaningful.
#ifndef DSCOSIM_MODEL_CORE_RNG_H_
#define DSCOSIM_MODEL_CORE_RNG_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <string>
#include <string_view>

namespace dscosim {

class Rng {
 public:
  // The root generator of a run.
  explicit Rng(std::uint64_t seed);

  // An independent generator for the sub-stream `name` below this one's path. A name
  // with slashes is a path: Fork("a/b") is Fork("a").Fork("b").
  Rng Fork(std::string_view name) const;

  std::uint64_t root_seed() const { return root_seed_; }
  // "" for the root, "a/b" for Fork("a").Fork("b").
  const std::string& path() const { return path_; }

  std::uint64_t NextU64();
  // Uniform in [0, bound). Precondition: bound > 0. Unbiased (rejection sampling).
  std::uint64_t Uniform(std::uint64_t bound);
  // Uniform in [lo, hi], both inclusive. Precondition: lo <= hi.
  std::int64_t UniformInRange(std::int64_t lo, std::int64_t hi);
  // Uniform in [0, 1) with 53 random bits.
  double UniformDouble();
  // True with probability p (clamped to [0, 1]).
  bool Bernoulli(double p);
  // True with probability numerator / denominator, exactly. Precondition: denominator > 0.
  bool Chance(std::uint64_t numerator, std::uint64_t denominator);
  // An index i with probability weights[i] / sum(weights). Precondition: the sum is > 0
  // and does not overflow.
  std::size_t WeightedChoice(std::span<const std::uint64_t> weights);

  // One element of a non-empty container, uniformly.
  template <typename Container>
  const auto& Pick(const Container& items) {
    auto it = items.begin();
    std::advance(it, static_cast<std::ptrdiff_t>(Uniform(items.size())));
    return *it;
  }

 private:
  Rng(std::uint64_t root_seed, std::uint64_t stream_key, std::string path);

  std::uint64_t root_seed_;
  std::uint64_t stream_key_;  // identifies this sub-stream; Fork derives from it
  std::string path_;
  std::array<std::uint64_t, 4> state_{};
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CORE_RNG_H_
