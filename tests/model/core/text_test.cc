#include "dscosim/model/core/text.h"

#include <gtest/gtest.h>

namespace dscosim {
namespace {

TEST(Text, ValidUtf8) {
  for (const char* good : {"", "plain", "caf\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x93\xa6",
                           "\xef\xbf\xbf", "\xf4\x8f\xbf\xbf"}) {
    EXPECT_TRUE(IsValidUtf8(good)) << good;
  }
}

TEST(Text, InvalidUtf8) {
  for (const char* bad : {
           "caf\xe9",            // Latin-1
           "\x80",               // stray continuation
           "\xc3",               // truncated two-byte
           "\xe2\x82",           // truncated three-byte
           "\xc0\xaf",           // overlong '/'
           "\xe0\x80\xaf",       // overlong
           "\xed\xa0\x80",       // surrogate
           "\xf4\x90\x80\x80",   // above U+10FFFF
           "\xf8\x88\x80\x80\x80",  // five bytes
       }) {
    EXPECT_FALSE(IsValidUtf8(bad)) << testing::PrintToString(std::string(bad));
  }
}

TEST(Text, LengthCountsCodePoints) {
  EXPECT_EQ(Utf8Length(""), 0u);
  EXPECT_EQ(Utf8Length("abc"), 3u);
  EXPECT_EQ(Utf8Length("caf\xc3\xa9"), 4u);
  EXPECT_EQ(Utf8Length("\xf0\x9f\x93\xa6!"), 2u);
}

TEST(Text, CheckUtf8NamesTheField) {
  EXPECT_TRUE(CheckUtf8("ok", "title").ok());
  const Status s = CheckUtf8("\xff", "title");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "title");
}

TEST(Text, Blank) {
  EXPECT_TRUE(IsBlank(""));
  EXPECT_TRUE(IsBlank(" \t\r\n"));
  EXPECT_FALSE(IsBlank(" x "));
}

}  // namespace
}  // namespace dscosim
