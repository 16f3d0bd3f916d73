#include "dscosim/model/core/rng.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace dscosim {
namespace {

constexpr int kDraws = 100000;

std::vector<std::uint64_t> Draw(Rng rng, std::size_t n) {
  std::vector<std::uint64_t> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(rng.NextU64());
  return out;
}

// --- Golden values ----------------------------------------------------------------
// These pin the generator. A change here reshuffles every saved seed, trace hash and
// scenario: only change them on purpose, and say so in the release notes.

TEST(RngGoldenTest, FirstDrawsOfSeed42) {
  // xoshiro256** 1.0; the state is seeded from the SplitMix64 sequence of the key
  // (cross-checked against an independent Python model of both algorithms).
  Rng rng(42);
  EXPECT_EQ(rng.NextU64(), 0xbe15272cdf80b6c2ULL);
  EXPECT_EQ(rng.NextU64(), 0xaf6e2ee49ff5d0e3ULL);
  EXPECT_EQ(rng.NextU64(), 0xca56edd0338a318fULL);
  EXPECT_EQ(rng.NextU64(), 0x4945f1d915ae1af2ULL);
}

TEST(RngGoldenTest, FirstDrawsOfSeed0) {
  Rng rng(0);
  EXPECT_EQ(rng.NextU64(), 0x422ea740d0977210ULL);
  EXPECT_EQ(rng.NextU64(), 0xe062b061b42e2928ULL);
}

TEST(RngGoldenTest, FirstDrawsOfForks) {
  Rng a = Rng(42).Fork("a");
  EXPECT_EQ(a.NextU64(), 0x765c25e416da8c41ULL);
  Rng ab = Rng(42).Fork("a").Fork("b");
  EXPECT_EQ(ab.NextU64(), 0xd610e303625e77a6ULL);
  Rng ids = Rng(42).Fork("ids");
  EXPECT_EQ(ids.NextU64(), 0x218ccb7bdd296ce4ULL);
}

// The distributions are our own code (not <random>'s), so they are pinned too.
TEST(RngGoldenTest, FirstDistributionDraws) {
  Rng uniform(42);
  EXPECT_EQ(uniform.Uniform(1000), 466u);
  EXPECT_EQ(uniform.Uniform(1000), 283u);
  EXPECT_EQ(uniform.Uniform(1000), 639u);
  EXPECT_EQ(uniform.Uniform(1000), 538u);
  EXPECT_EQ(uniform.Uniform(1000), 984u);
  Rng range(42);
  EXPECT_EQ(range.UniformInRange(-1000, 1000), 315);
  EXPECT_EQ(range.UniformInRange(-1000, 1000), 914);
  EXPECT_EQ(range.UniformInRange(-1000, 1000), 66);
  Rng real(42);
  EXPECT_DOUBLE_EQ(real.UniformDouble(), 0.74251026959928157);
}

// --- Determinism and streams ------------------------------------------------------

TEST(RngTest, SameSeedSameSequence) {
  EXPECT_EQ(Draw(Rng(12345), 1000), Draw(Rng(12345), 1000));
}

TEST(RngTest, DifferentSeedsDifferentSequences) {
  EXPECT_NE(Draw(Rng(1), 8), Draw(Rng(2), 8));
  EXPECT_NE(Draw(Rng(0), 8), Draw(Rng(1), 8));
}

TEST(RngTest, CopyContinuesFromTheSameState) {
  Rng rng(7);
  for (int i = 0; i < 10; ++i) static_cast<void>(rng.NextU64());
  const Rng copy = rng;
  EXPECT_EQ(Draw(copy, 100), Draw(rng, 100));
}

TEST(RngTest, PathAndRootSeed) {
  const Rng root(99);
  EXPECT_EQ(root.root_seed(), 99u);
  EXPECT_EQ(root.path(), "");
  const Rng a = root.Fork("a");
  EXPECT_EQ(a.path(), "a");
  EXPECT_EQ(a.root_seed(), 99u);
  const Rng ab = a.Fork("b");
  EXPECT_EQ(ab.path(), "a/b");
  EXPECT_EQ(ab.root_seed(), 99u);
  EXPECT_EQ(root.Fork("world").Fork("orders").path(), "world/orders");
}

TEST(RngTest, ForkDoesNotDependOnParentDraws) {
  Rng fresh(42);
  Rng used(42);
  for (int i = 0; i < 1000; ++i) static_cast<void>(used.NextU64());
  static_cast<void>(used.Uniform(17));
  static_cast<void>(used.UniformDouble());
  EXPECT_EQ(Draw(fresh.Fork("a"), 64), Draw(used.Fork("a"), 64));
  EXPECT_EQ(Draw(fresh.Fork("a").Fork("b"), 64), Draw(used.Fork("a").Fork("b"), 64));
}

TEST(RngTest, ForkOfAForkDoesNotDependOnDrawsAnywhereOnThePath) {
  Rng a = Rng(42).Fork("a");
  const auto expected = Draw(a.Fork("b"), 32);
  for (int i = 0; i < 50; ++i) static_cast<void>(a.NextU64());
  EXPECT_EQ(Draw(a.Fork("b"), 32), expected);
}

TEST(RngTest, ForkDoesNotAdvanceTheParent) {
  Rng forked(42);
  static_cast<void>(forked.Fork("a"));
  static_cast<void>(forked.Fork("b").Fork("c"));
  EXPECT_EQ(Draw(forked, 16), Draw(Rng(42), 16));
}

TEST(RngTest, ForkIsDeterministic) {
  EXPECT_EQ(Draw(Rng(42).Fork("orders"), 32), Draw(Rng(42).Fork("orders"), 32));
}

TEST(RngTest, DifferentNamesGiveDifferentStreams) {
  const Rng root(42);
  EXPECT_NE(Draw(root.Fork("a"), 8), Draw(root.Fork("b"), 8));
  EXPECT_NE(Draw(root.Fork("a"), 8), Draw(root, 8));
  EXPECT_NE(Draw(root.Fork(""), 8), Draw(root, 8));
  EXPECT_NE(Draw(root.Fork("ids"), 8), Draw(root.Fork("tokens"), 8));
}

TEST(RngTest, ForkPathOrderMatters) {
  const Rng root(42);
  EXPECT_NE(Draw(root.Fork("a").Fork("b"), 8), Draw(root.Fork("b").Fork("a"), 8));
  EXPECT_NE(Draw(root.Fork("a").Fork("a"), 8), Draw(root.Fork("a"), 8));
}

TEST(RngTest, SameNameUnderDifferentSeedsDiffers) {
  EXPECT_NE(Draw(Rng(1).Fork("a"), 8), Draw(Rng(2).Fork("a"), 8));
}

TEST(RngTest, ManySiblingForksAreDistinct) {
  const Rng root(5);
  std::set<std::uint64_t> firsts;
  for (int i = 0; i < 1000; ++i) {
    Rng child = root.Fork("child" + std::to_string(i));
    firsts.insert(child.NextU64());
  }
  EXPECT_EQ(firsts.size(), 1000u);
}

// --- Distributions ----------------------------------------------------------------

TEST(RngTest, UniformOfOneIsAlwaysZero) {
  Rng rng(3);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(rng.Uniform(1), 0u);
}

TEST(RngTest, UniformTenIsFlat) {
  Rng rng(42);
  std::array<int, 10> counts{};
  for (int i = 0; i < kDraws; ++i) {
    const std::uint64_t v = rng.Uniform(10);
    ASSERT_LT(v, 10u);
    ++counts[static_cast<std::size_t>(v)];
  }
  for (std::size_t bucket = 0; bucket < counts.size(); ++bucket) {
    // Expected 10000 per bucket; ±5% is about 16 standard deviations.
    EXPECT_GE(counts[bucket], 9500) << "bucket " << bucket;
    EXPECT_LE(counts[bucket], 10500) << "bucket " << bucket;
  }
}

// Bounds just above 2^63 reject almost half of the raw draws: a biased modulo would
// put about two thirds of the results in the lower half.
TEST(RngTest, UniformIsUnbiasedForHugeBounds) {
  Rng rng(42);
  const std::uint64_t bound = (std::uint64_t{1} << 63) + (std::uint64_t{1} << 62);
  const std::uint64_t half = bound / 2;
  int lower = 0;
  for (int i = 0; i < kDraws; ++i) {
    const std::uint64_t v = rng.Uniform(bound);
    ASSERT_LT(v, bound);
    if (v < half) ++lower;
  }
  EXPECT_GE(lower, 49000);
  EXPECT_LE(lower, 51000);
}

TEST(RngTest, UniformStaysBelowTheMaximumBound) {
  Rng rng(8);
  const std::uint64_t bound = std::numeric_limits<std::uint64_t>::max();
  for (int i = 0; i < 1000; ++i) ASSERT_LT(rng.Uniform(bound), bound);
}

TEST(RngTest, UniformInRangeReachesBothInclusiveBounds) {
  Rng rng(42);
  std::array<int, 7> counts{};
  for (int i = 0; i < 7000; ++i) {
    const std::int64_t v = rng.UniformInRange(-3, 3);
    ASSERT_GE(v, -3);
    ASSERT_LE(v, 3);
    ++counts[static_cast<std::size_t>(v + 3)];
  }
  for (std::size_t i = 0; i < counts.size(); ++i) {
    EXPECT_GT(counts[i], 800) << "value " << static_cast<int>(i) - 3;
    EXPECT_LT(counts[i], 1200) << "value " << static_cast<int>(i) - 3;
  }
}

TEST(RngTest, UniformInRangeOfOneValue) {
  Rng rng(42);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(rng.UniformInRange(17, 17), 17);
  const std::int64_t min = std::numeric_limits<std::int64_t>::min();
  EXPECT_EQ(rng.UniformInRange(min, min), min);
}

TEST(RngTest, UniformInRangeAtTheEdgesOfInt64) {
  Rng rng(42);
  const std::int64_t min = std::numeric_limits<std::int64_t>::min();
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  std::set<std::int64_t> low, high;
  for (int i = 0; i < 200; ++i) {
    low.insert(rng.UniformInRange(min, min + 1));
    high.insert(rng.UniformInRange(max - 1, max));
  }
  EXPECT_EQ(low, (std::set<std::int64_t>{min, min + 1}));
  EXPECT_EQ(high, (std::set<std::int64_t>{max - 1, max}));
}

TEST(RngTest, UniformInRangeFullInt64RangeWorks) {
  Rng rng(42);
  const std::int64_t min = std::numeric_limits<std::int64_t>::min();
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  int negative = 0;
  for (int i = 0; i < 10000; ++i) {
    if (rng.UniformInRange(min, max) < 0) ++negative;
  }
  EXPECT_GT(negative, 4500);
  EXPECT_LT(negative, 5500);
}

TEST(RngTest, UniformInRangeWideSpans) {
  Rng rng(4);
  const std::int64_t min = std::numeric_limits<std::int64_t>::min();
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  for (int i = 0; i < 1000; ++i) {
    const std::int64_t a = rng.UniformInRange(min, 0);
    ASSERT_LE(a, 0);
    const std::int64_t b = rng.UniformInRange(-1, max);
    ASSERT_GE(b, -1);
  }
}

TEST(RngTest, UniformDoubleIsInUnitIntervalWithMeanOneHalf) {
  Rng rng(42);
  double sum = 0;
  int below_tenth = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double v = rng.UniformDouble();
    ASSERT_GE(v, 0.0);
    ASSERT_LT(v, 1.0);
    sum += v;
    if (v < 0.1) ++below_tenth;
  }
  EXPECT_NEAR(sum / kDraws, 0.5, 0.01);
  EXPECT_NEAR(below_tenth, 10000, 500);
}

TEST(RngTest, BernoulliFrequency) {
  Rng rng(42);
  int hits = 0;
  for (int i = 0; i < kDraws; ++i) hits += rng.Bernoulli(0.3) ? 1 : 0;
  EXPECT_NEAR(hits, 30000, 1000);
}

TEST(RngTest, BernoulliClampsProbability) {
  Rng rng(42);
  for (int i = 0; i < 1000; ++i) {
    ASSERT_FALSE(rng.Bernoulli(0.0));
    ASSERT_FALSE(rng.Bernoulli(-0.5));
    ASSERT_TRUE(rng.Bernoulli(1.0));
    ASSERT_TRUE(rng.Bernoulli(7.0));
  }
}

TEST(RngTest, ChanceFrequency) {
  Rng rng(42);
  int hits = 0;
  for (int i = 0; i < kDraws; ++i) hits += rng.Chance(1, 4) ? 1 : 0;
  EXPECT_NEAR(hits, 25000, 1000);
}

TEST(RngTest, ChanceExtremes) {
  Rng rng(42);
  for (int i = 0; i < 1000; ++i) {
    ASSERT_FALSE(rng.Chance(0, 5));
    ASSERT_TRUE(rng.Chance(5, 5));
    ASSERT_TRUE(rng.Chance(1, 1));
  }
}

TEST(RngTest, WeightedChoiceNeverPicksZeroWeights) {
  Rng rng(42);
  const std::vector<std::uint64_t> weights = {1, 0, 3};
  std::array<int, 3> counts{};
  for (int i = 0; i < kDraws; ++i) {
    const std::size_t choice = rng.WeightedChoice(weights);
    ASSERT_LT(choice, weights.size());
    ++counts[choice];
  }
  EXPECT_EQ(counts[1], 0);
  EXPECT_NEAR(counts[0], 25000, 1000);
  EXPECT_NEAR(counts[2], 75000, 1000);
  const double ratio = static_cast<double>(counts[2]) / static_cast<double>(counts[0]);
  EXPECT_NEAR(ratio, 3.0, 0.2);
}

TEST(RngTest, WeightedChoiceEdgeWeights) {
  Rng rng(42);
  const std::vector<std::uint64_t> only = {5};
  const std::vector<std::uint64_t> zero_first_and_last = {0, 2, 0};
  const std::vector<std::uint64_t> trailing_zero = {1, 0};
  for (int i = 0; i < 1000; ++i) {
    ASSERT_EQ(rng.WeightedChoice(only), 0u);
    ASSERT_EQ(rng.WeightedChoice(zero_first_and_last), 1u);
    ASSERT_EQ(rng.WeightedChoice(trailing_zero), 0u);
  }
}

TEST(RngTest, WeightedChoiceHugeWeights) {
  Rng rng(42);
  const std::uint64_t big = std::uint64_t{1} << 62;
  const std::vector<std::uint64_t> weights = {big, big, big};
  std::array<int, 3> counts{};
  for (int i = 0; i < 30000; ++i) ++counts[rng.WeightedChoice(weights)];
  for (const int c : counts) EXPECT_NEAR(c, 10000, 600);
}

TEST(RngTest, PickReachesEveryElement) {
  Rng rng(42);
  const std::vector<std::string> items = {"a", "b", "c", "d"};
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(rng.Pick(items));
  EXPECT_EQ(seen, (std::set<std::string>{"a", "b", "c", "d"}));
}

TEST(RngTest, PickWorksOnNonRandomAccessContainers) {
  Rng rng(42);
  const std::set<int> items = {10, 20, 30};
  std::set<int> seen;
  for (int i = 0; i < 300; ++i) seen.insert(rng.Pick(items));
  EXPECT_EQ(seen, items);
}

TEST(RngTest, PickReturnsAReferenceIntoTheContainer) {
  Rng rng(42);
  const std::vector<int> items = {7};
  EXPECT_EQ(&rng.Pick(items), &items[0]);
}

TEST(RngTest, PickIsUniform) {
  Rng rng(42);
  const std::array<int, 5> items = {0, 1, 2, 3, 4};
  std::array<int, 5> counts{};
  for (int i = 0; i < kDraws; ++i) ++counts[static_cast<std::size_t>(rng.Pick(items))];
  for (const int c : counts) EXPECT_NEAR(c, 20000, 1000);
}

}  // namespace
}  // namespace dscosim
