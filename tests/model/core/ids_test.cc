#include "dscosim/model/core/ids.h"

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "dscosim/model/core/rng.h"

namespace dscosim {
namespace {

bool IsLowerHex(std::string_view s) {
  for (const char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool IsDigits(std::string_view s) {
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

// 8-4-4-4-12 lower-case hex, version nibble 4, variant nibble 8, 9, a or b.
bool IsV4Uuid(std::string_view s) {
  if (s.size() != 36) return false;
  if (s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) continue;
    if (!IsLowerHex(s.substr(i, 1))) return false;
  }
  const char variant = s[19];
  return s[14] == '4' &&
         (variant == '8' || variant == '9' || variant == 'a' || variant == 'b');
}

IdMaker Ids7() { return IdMaker(Rng(7).Fork("ids")); }

// --- Golden values ----------------------------------------------------------------
// Pinned: a change here changes every id of every saved seed, and so every trace hash.

TEST(IdMakerGoldenTest, FirstDscoIdsOfSeed7) {
  IdMaker ids = Ids7();
  EXPECT_EQ(ids.NextDscoId(), "1035978771");
  EXPECT_EQ(ids.NextDscoId(), "1035978802");
}

TEST(IdMakerGoldenTest, FirstUuidOfSeed7) {
  IdMaker ids = Ids7();
  EXPECT_EQ(ids.NextUuid(), "e1fa2ac9-8496-4625-9f70-e8411f830c74");
}

TEST(IdMakerGoldenTest, MixedSequenceOfSeed7) {
  IdMaker ids = Ids7();
  EXPECT_EQ(ids.NextDscoId(), "1035978771");
  EXPECT_EQ(ids.NextDscoId(), "1035978802");
  EXPECT_EQ(ids.NextUuid(), "4e417bea-9bff-4501-aab6-3f25c4f87594");
  EXPECT_EQ(ids.NextActivityId(), "cf4d79e7eba6158c50a789ff6c7e0ab1");
  EXPECT_EQ(ids.NextToken(8), "bb970ae3");
}

// --- Shapes -----------------------------------------------------------------------

TEST(IdMakerTest, DscoIdsAreTenDigitsAndStrictlyIncreasing) {
  IdMaker ids = Ids7();
  std::uint64_t previous = 0;
  for (int i = 0; i < 10000; ++i) {
    const std::string id = ids.NextDscoId();
    ASSERT_EQ(id.size(), 10u) << id;
    ASSERT_TRUE(IsDigits(id)) << id;
    ASSERT_NE(id[0], '0') << id;
    const std::uint64_t value = std::stoull(id);
    ASSERT_GT(value, previous) << id;
    previous = value;
  }
}

// Ids of every kind come from one counter, so they are globally unique even when
// other draws happen in between.
TEST(IdMakerTest, DscoIdsStayIncreasingWhenOtherIdsAreDrawnInBetween) {
  IdMaker ids = Ids7();
  std::set<std::string> seen;
  std::uint64_t previous = 0;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = ids.NextDscoId();
    ASSERT_TRUE(seen.insert(id).second) << id;
    ASSERT_GT(std::stoull(id), previous);
    previous = std::stoull(id);
    static_cast<void>(ids.NextUuid());
    static_cast<void>(ids.NextToken(static_cast<std::size_t>(i % 70)));
  }
}

TEST(IdMakerTest, UuidsAreVersion4Shaped) {
  IdMaker ids = Ids7();
  std::set<std::string> seen;
  std::set<char> variants;
  for (int i = 0; i < 2000; ++i) {
    const std::string uuid = ids.NextUuid();
    ASSERT_TRUE(IsV4Uuid(uuid)) << uuid;
    ASSERT_TRUE(seen.insert(uuid).second) << uuid;
    variants.insert(uuid[19]);
  }
  EXPECT_EQ(variants, (std::set<char>{'8', '9', 'a', 'b'}));
}

TEST(IdMakerTest, ActivityIdsAre32LowerHexWithoutDashes) {
  IdMaker ids = Ids7();
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = ids.NextActivityId();
    ASSERT_EQ(id.size(), 32u) << id;
    ASSERT_TRUE(IsLowerHex(id)) << id;
    ASSERT_TRUE(seen.insert(id).second) << id;
  }
}

TEST(IdMakerTest, TokensHaveTheRequestedLength) {
  IdMaker ids = Ids7();
  for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{15},
                              std::size_t{16}, std::size_t{17}, std::size_t{64},
                              std::size_t{100}}) {
    const std::string token = ids.NextToken(n);
    EXPECT_EQ(token.size(), n);
    EXPECT_TRUE(IsLowerHex(token)) << token;
  }
}

TEST(IdMakerTest, TokensUseEveryHexDigit) {
  IdMaker ids = Ids7();
  std::set<char> digits;
  for (int i = 0; i < 100; ++i) {
    for (const char c : ids.NextToken(64)) digits.insert(c);
  }
  EXPECT_EQ(digits.size(), 16u);
}

TEST(IdMakerTest, TokensAreDistinct) {
  IdMaker ids = Ids7();
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(seen.insert(ids.NextToken(32)).second);
}

// --- Determinism ------------------------------------------------------------------

TEST(IdMakerTest, SameStreamSameOperationsSameIds) {
  IdMaker a = Ids7();
  IdMaker b = Ids7();
  for (int i = 0; i < 100; ++i) {
    ASSERT_EQ(a.NextDscoId(), b.NextDscoId());
    ASSERT_EQ(a.NextUuid(), b.NextUuid());
    ASSERT_EQ(a.NextActivityId(), b.NextActivityId());
    ASSERT_EQ(a.NextToken(40), b.NextToken(40));
  }
}

TEST(IdMakerTest, CopyHasTheSameFuture) {
  IdMaker original = Ids7();
  static_cast<void>(original.NextDscoId());
  IdMaker copy = original;
  EXPECT_EQ(copy.NextDscoId(), original.NextDscoId());
  EXPECT_EQ(copy.NextUuid(), original.NextUuid());
}

TEST(IdMakerTest, DifferentStreamsGiveDifferentIds) {
  IdMaker ids = IdMaker(Rng(7).Fork("ids"));
  IdMaker tokens = IdMaker(Rng(7).Fork("tokens"));
  IdMaker other_seed = IdMaker(Rng(8).Fork("ids"));
  const std::string id = ids.NextDscoId();
  EXPECT_NE(id, tokens.NextDscoId());
  EXPECT_NE(id, other_seed.NextDscoId());
  EXPECT_NE(ids.NextUuid(), tokens.NextUuid());
}

}  // namespace
}  // namespace dscosim
