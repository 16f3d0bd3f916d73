#include "dscosim/model/core/scroll.h"

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "dscosim/model/core/ids.h"
#include "dscosim/model/core/rng.h"
#include "dscosim/model/core/time.h"

namespace dscosim {
namespace {

using namespace std::chrono_literals;

constexpr char kOwner[] = "1000000001";
constexpr char kOther[] = "1000000002";
constexpr Time kT0 = kDefaultWorldStart;
constexpr Duration kTtl = 5min;

std::vector<std::string> Ids(int n) {
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) ids.push_back("id" + std::to_string(i));
  return ids;
}

std::vector<std::string> Slice(int from, int to) {
  std::vector<std::string> ids;
  for (int i = from; i < to; ++i) ids.push_back("id" + std::to_string(i));
  return ids;
}

class ScrollCacheTest : public ::testing::Test {
 protected:
  ScrollCacheTest() : tokens_(Rng(1).Fork("tokens")), cache_(kTtl, 3) {}

  // Opens a scroll over `n` ids (n > page size) at `now` and returns its id.
  std::string OpenScroll(int n, Time now, const char* owner = kOwner) {
    const ScrollPage first = cache_.Open(owner, Ids(n), now, tokens_);
    EXPECT_TRUE(first.scroll_id.has_value());
    return first.scroll_id.value_or("");
  }

  IdMaker tokens_;
  ScrollCache cache_;
};

TEST_F(ScrollCacheTest, Accessors) {
  EXPECT_EQ(cache_.page_size(), 3u);
  EXPECT_EQ(cache_.open_scrolls(), 0u);
}

TEST_F(ScrollCacheTest, ResultThatFitsInOnePageHasNoScrollId) {
  for (const int n : {0, 1, 3}) {
    const ScrollPage page = cache_.Open(kOwner, Ids(n), kT0, tokens_);
    EXPECT_EQ(page.ids, Ids(n)) << n;
    EXPECT_EQ(page.scroll_id, std::nullopt) << n;
  }
  EXPECT_EQ(cache_.open_scrolls(), 0u);
}

// Only a scroll that opens draws a token, so reads that fit in a page do not shift the
// token stream.
TEST_F(ScrollCacheTest, DrawsATokenOnlyWhenAScrollOpens) {
  IdMaker twin(Rng(1).Fork("tokens"));
  static_cast<void>(cache_.Open(kOwner, Ids(3), kT0, tokens_));
  EXPECT_EQ(tokens_.NextToken(16), twin.NextToken(16));
  static_cast<void>(cache_.Open(kOwner, Ids(4), kT0, tokens_));
  EXPECT_NE(tokens_.NextToken(16), twin.NextToken(16));
}

TEST_F(ScrollCacheTest, PagesThroughWithTheSameScrollIdThenAnEmptyPage) {
  const ScrollPage first = cache_.Open(kOwner, Ids(7), kT0, tokens_);
  EXPECT_EQ(first.ids, Slice(0, 3));
  ASSERT_TRUE(first.scroll_id.has_value());
  const std::string scroll_id = *first.scroll_id;
  EXPECT_FALSE(scroll_id.empty());
  EXPECT_EQ(cache_.open_scrolls(), 1u);

  const Result<ScrollPage> second = cache_.Next(kOwner, scroll_id, kT0 + 1s);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->ids, Slice(3, 6));
  EXPECT_EQ(second->scroll_id, scroll_id);

  const Result<ScrollPage> third = cache_.Next(kOwner, scroll_id, kT0 + 2s);
  ASSERT_TRUE(third.ok()) << third.status();
  EXPECT_EQ(third->ids, Slice(6, 7));
  EXPECT_EQ(third->scroll_id, scroll_id);

  const Result<ScrollPage> end = cache_.Next(kOwner, scroll_id, kT0 + 3s);
  ASSERT_TRUE(end.ok()) << end.status();
  EXPECT_TRUE(end->ids.empty());
  EXPECT_EQ(end->scroll_id, std::nullopt);
}

// The platform's quirk: when the ids fill the pages exactly, the last full page still
// carries the scroll id and the empty page after it ends the scroll.
TEST_F(ScrollCacheTest, ExactMultipleOfThePageSizeEndsWithAnEmptyPage) {
  const ScrollPage first = cache_.Open(kOwner, Ids(6), kT0, tokens_);
  ASSERT_TRUE(first.scroll_id.has_value());
  const Result<ScrollPage> second = cache_.Next(kOwner, *first.scroll_id, kT0);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->ids, Slice(3, 6));
  EXPECT_EQ(second->scroll_id, first.scroll_id);
  const Result<ScrollPage> end = cache_.Next(kOwner, *first.scroll_id, kT0);
  ASSERT_TRUE(end.ok());
  EXPECT_TRUE(end->ids.empty());
  EXPECT_EQ(end->scroll_id, std::nullopt);
}

TEST_F(ScrollCacheTest, ScrollBelongsToItsOwner) {
  const std::string scroll_id = OpenScroll(7, kT0);
  const Result<ScrollPage> other = cache_.Next(kOther, scroll_id, kT0);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(other.status().field(), "scrollId");
  // The stranger's attempt did not consume a page.
  const Result<ScrollPage> mine = cache_.Next(kOwner, scroll_id, kT0);
  ASSERT_TRUE(mine.ok()) << mine.status();
  EXPECT_EQ(mine->ids, Slice(3, 6));
}

TEST_F(ScrollCacheTest, UnknownScrollIsNotFoundWithTheGivenField) {
  const Result<ScrollPage> unknown = cache_.Next(kOwner, "nope", kT0);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(unknown.status().field(), "scrollId");

  const Result<ScrollPage> named = cache_.Next(kOwner, "", kT0, "query.scrollId");
  ASSERT_FALSE(named.ok());
  EXPECT_EQ(named.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(named.status().field(), "query.scrollId");
}

// An expired scroll and someone else's are indistinguishable from an unknown one.
TEST_F(ScrollCacheTest, OtherOwnerAndExpiredLookLikeUnknown) {
  const std::string scroll_id = OpenScroll(7, kT0);
  const Status unknown = cache_.Next(kOwner, "nope", kT0).status();
  const Status other = cache_.Next(kOther, scroll_id, kT0).status();
  EXPECT_EQ(other, unknown);
  const Status expired = cache_.Next(kOwner, scroll_id, kT0 + kTtl).status();
  EXPECT_EQ(expired, unknown);
}

TEST_F(ScrollCacheTest, StillThereOneMicrosecondBeforeTheTtl) {
  const std::string scroll_id = OpenScroll(7, kT0);
  const Result<ScrollPage> page = cache_.Next(kOwner, scroll_id, kT0 + kTtl - 1us);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->ids, Slice(3, 6));
}

TEST_F(ScrollCacheTest, GoneExactlyAtTheTtl) {
  const std::string scroll_id = OpenScroll(7, kT0);
  const Result<ScrollPage> page = cache_.Next(kOwner, scroll_id, kT0 + kTtl);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(page.status().field(), "scrollId");
  // And it stays gone.
  EXPECT_FALSE(cache_.Next(kOwner, scroll_id, kT0 + kTtl + 1s).ok());
}

TEST_F(ScrollCacheTest, UsingAScrollRefreshesItsTtl) {
  const std::string scroll_id = OpenScroll(10, kT0);
  const Time used = kT0 + kTtl - 1us;
  ASSERT_TRUE(cache_.Next(kOwner, scroll_id, used).ok());
  // Counted from the last use now, not from the open.
  const Result<ScrollPage> later = cache_.Next(kOwner, scroll_id, used + kTtl - 1us);
  ASSERT_TRUE(later.ok()) << later.status();
  EXPECT_EQ(later->ids, Slice(6, 9));
  const Time last_used = used + kTtl - 1us;
  const Result<ScrollPage> gone = cache_.Next(kOwner, scroll_id, last_used + kTtl);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.status().code(), StatusCode::kNotFound);
}

TEST_F(ScrollCacheTest, AStrangersAttemptDoesNotRefreshTheTtl) {
  const std::string scroll_id = OpenScroll(7, kT0);
  EXPECT_FALSE(cache_.Next(kOther, scroll_id, kT0 + kTtl - 1us).ok());
  EXPECT_FALSE(cache_.Next(kOwner, scroll_id, kT0 + kTtl).ok());
}

TEST_F(ScrollCacheTest, ExpiredScrollsAreDropped) {
  static_cast<void>(OpenScroll(7, kT0));
  static_cast<void>(OpenScroll(7, kT0 + 1min));
  EXPECT_EQ(cache_.open_scrolls(), 2u);
  // Opening a new one later drops the one unused for the whole ttl.
  static_cast<void>(OpenScroll(7, kT0 + kTtl));
  EXPECT_EQ(cache_.open_scrolls(), 2u);
  static_cast<void>(cache_.Open(kOwner, Ids(1), kT0 + kTtl + 1h, tokens_));
  EXPECT_EQ(cache_.open_scrolls(), 0u);
}

TEST_F(ScrollCacheTest, ConcurrentScrollsAreIndependent) {
  const ScrollPage a = cache_.Open(kOwner, Ids(7), kT0, tokens_);
  const ScrollPage b = cache_.Open(kOwner, {"x0", "x1", "x2", "x3"}, kT0, tokens_);
  ASSERT_TRUE(a.scroll_id.has_value());
  ASSERT_TRUE(b.scroll_id.has_value());
  EXPECT_NE(*a.scroll_id, *b.scroll_id);
  EXPECT_EQ(cache_.open_scrolls(), 2u);

  const Result<ScrollPage> b2 = cache_.Next(kOwner, *b.scroll_id, kT0);
  ASSERT_TRUE(b2.ok());
  EXPECT_EQ(b2->ids, (std::vector<std::string>{"x3"}));
  const Result<ScrollPage> a2 = cache_.Next(kOwner, *a.scroll_id, kT0);
  ASSERT_TRUE(a2.ok());
  EXPECT_EQ(a2->ids, Slice(3, 6));
}

TEST_F(ScrollCacheTest, EachOwnerSeesOnlyTheirOwnScrolls) {
  const std::string mine = OpenScroll(7, kT0, kOwner);
  const std::string theirs = OpenScroll(7, kT0, kOther);
  EXPECT_TRUE(cache_.Next(kOwner, mine, kT0).ok());
  EXPECT_TRUE(cache_.Next(kOther, theirs, kT0).ok());
  EXPECT_EQ(cache_.Next(kOwner, theirs, kT0).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(cache_.Next(kOther, mine, kT0).status().code(), StatusCode::kNotFound);
}

TEST_F(ScrollCacheTest, SameTokensSameScrollIds) {
  ScrollCache other_cache(kTtl, 3);
  IdMaker other_tokens(Rng(1).Fork("tokens"));
  const ScrollPage a = cache_.Open(kOwner, Ids(7), kT0, tokens_);
  const ScrollPage b = other_cache.Open(kOwner, Ids(7), kT0, other_tokens);
  EXPECT_EQ(a.scroll_id, b.scroll_id);
}

}  // namespace
}  // namespace dscosim
