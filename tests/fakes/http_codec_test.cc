// The request target codec: segments decoded one by one (so %2F stays inside a
// segment), queries, forms.
#include "dscosim/fakes/http.h"

#include <gtest/gtest.h>

namespace dscosim::fakes {
namespace {

TEST(HttpCodec, SegmentsAreDecodedOneByOne) {
  HttpRequest r;
  ASSERT_TRUE(ParseTarget("/api/v3/stream/s1/0/z%2F2025%2F11%2F21%2F07%2F30%2F1763710215897-0000000?_ts=1", r).ok());
  ASSERT_EQ(r.segments.size(), 6u);
  EXPECT_EQ(r.segments[5], "z/2025/11/21/07/30/1763710215897-0000000");
  EXPECT_EQ(r.Query("_ts"), "1");
}

TEST(HttpCodec, TrailingSlashesAndEmptySegmentsVanish) {
  HttpRequest a, b;
  ASSERT_TRUE(ParseTarget("/api/v3/order/", a).ok());
  ASSERT_TRUE(ParseTarget("/api/v3/order", b).ok());
  EXPECT_EQ(a.segments, b.segments);
}

TEST(HttpCodec, QueriesRepeatAndDecode) {
  HttpRequest r;
  ASSERT_TRUE(ParseTarget("/x?status=shipped&status=shipment_pending&until=2026-01-05T09%3A00%3A00%2B00%3A00&a+b=c+d", r).ok());
  EXPECT_EQ(r.QueryAll("status"), (std::vector<std::string>{"shipped", "shipment_pending"}));
  EXPECT_EQ(r.Query("until"), "2026-01-05T09:00:00+00:00");
  EXPECT_EQ(r.Query("a b"), "c d");
  EXPECT_FALSE(r.Query("missing").has_value());
}

TEST(HttpCodec, BrokenEscapesAreRefused) {
  HttpRequest r;
  EXPECT_FALSE(ParseTarget("/api/v3/order%2", r).ok());
  EXPECT_FALSE(ParseTarget("/api/v3/order%zz", r).ok());
  EXPECT_FALSE(PercentDecode("%", false).ok());
}

TEST(HttpCodec, FormsAndEncoding) {
  auto form = ParseForm("grant_type=client_credentials&client_id=a%2Bb&client_secret=x+y");
  ASSERT_TRUE(form.ok());
  EXPECT_EQ(form->find("client_id")->second, "a+b");
  EXPECT_EQ(form->find("client_secret")->second, "x y");
  EXPECT_EQ(PercentEncode("z/2025 a+b"), "z%2F2025%20a%2Bb");
}

}  // namespace
}  // namespace dscosim::fakes
