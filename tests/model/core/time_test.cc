#include "dscosim/model/core/time.h"

#include <cstdint>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace dscosim {
namespace {

using namespace std::chrono_literals;

// 2025-11-11T23:01:54Z (checked against Python's datetime).
constexpr Time kSample = TimeFromMicros(1762902114LL * 1000000);

// --- Formatting -------------------------------------------------------------------

TEST(FormatIso8601Test, WholeSecondsHaveNoFraction) {
  EXPECT_EQ(FormatIso8601(kSample), "2025-11-11T23:01:54+00:00");
}

TEST(FormatIso8601Test, MillisecondsShownWhenNotZero) {
  EXPECT_EQ(FormatIso8601(kSample + 250ms), "2025-11-11T23:01:54.250+00:00");
  EXPECT_EQ(FormatIso8601(kSample + 1ms), "2025-11-11T23:01:54.001+00:00");
  EXPECT_EQ(FormatIso8601(kSample + 999ms), "2025-11-11T23:01:54.999+00:00");
}

TEST(FormatIso8601Test, MicrosecondsBelowTheMillisecondAreDropped) {
  EXPECT_EQ(FormatIso8601(kSample + 999us), "2025-11-11T23:01:54+00:00");
  EXPECT_EQ(FormatIso8601(kSample + 1999us), "2025-11-11T23:01:54.001+00:00");
}

TEST(FormatIso8601Test, DefaultWorldStartIsMondayMorning) {
  EXPECT_EQ(FormatIso8601(kDefaultWorldStart), "2026-01-05T09:00:00+00:00");
}

TEST(FormatIso8601Test, Epoch) {
  EXPECT_EQ(FormatIso8601(TimeFromMicros(0)), "1970-01-01T00:00:00+00:00");
}

TEST(FormatIso8601Test, TimesBeforeTheEpoch) {
  EXPECT_EQ(FormatIso8601(TimeFromMicros(-1000000)), "1969-12-31T23:59:59+00:00");
  // -1 µs is 23:59:59.999999; the dropped micros must not borrow a wrong second.
  EXPECT_EQ(FormatIso8601(TimeFromMicros(-1)), "1969-12-31T23:59:59.999+00:00");
  EXPECT_EQ(FormatIso8601(TimeFromMicros(-750000)), "1969-12-31T23:59:59.250+00:00");
  // 1900-01-01 is day -25567.
  EXPECT_EQ(FormatIso8601(TimeFromMicros(-25567LL * 86400 * 1000000)),
            "1900-01-01T00:00:00+00:00");
}

TEST(FormatIso8601MillisTest, AlwaysMillisAndZ) {
  EXPECT_EQ(FormatIso8601Millis(kSample), "2025-11-11T23:01:54.000Z");
  EXPECT_EQ(FormatIso8601Millis(kSample + 250ms), "2025-11-11T23:01:54.250Z");
  EXPECT_EQ(FormatIso8601Millis(kSample + 250ms + 999us), "2025-11-11T23:01:54.250Z");
  EXPECT_EQ(FormatIso8601Millis(TimeFromMicros(-1)), "1969-12-31T23:59:59.999Z");
}

TEST(FormatIso8601ExactTest, MicrosOnlyWhenNeededAndParsesBack) {
  EXPECT_EQ(FormatIso8601Exact(kSample + 250ms), "2025-11-11T23:01:54.250Z");
  EXPECT_EQ(FormatIso8601Exact(kSample + 250ms + 999us), "2025-11-11T23:01:54.250999Z");
  for (const Time t : {kSample, kSample + 1us, kSample + 250ms + 999us, TimeFromMicros(-1)}) {
    const Result<Time> back = ParseIso8601(FormatIso8601Exact(t), "t");
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, t);
  }
}

TEST(TimeHelpersTest, MicrosAndMillisOf) {
  EXPECT_EQ(MicrosOf(TimeFromMicros(1234567)), 1234567);
  EXPECT_EQ(MillisOf(TimeFromMicros(1234567)), 1234);
  EXPECT_EQ(MicrosOf(kDefaultWorldStart), 1767603600LL * 1000000);
}

// --- Civil dates ------------------------------------------------------------------

TEST(CivilDateTest, KnownDays) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(1900, 1, 1), -25567);
  EXPECT_EQ(DaysFromCivil(2026, 1, 5), 20458);
  EXPECT_EQ(DaysFromCivil(1, 1, 1), -719162);
  EXPECT_EQ(DaysFromCivil(9999, 12, 31), 2932896);
}

TEST(CivilDateTest, LeapYearRules) {
  // 2000 is a leap year (divisible by 400), 1900 is not (by 100), 2024 is (by 4).
  EXPECT_EQ(DaysFromCivil(2000, 3, 1) - DaysFromCivil(2000, 2, 28), 2);
  EXPECT_EQ(DaysFromCivil(1900, 3, 1) - DaysFromCivil(1900, 2, 28), 1);
  EXPECT_EQ(DaysFromCivil(2024, 3, 1) - DaysFromCivil(2024, 2, 28), 2);
  EXPECT_EQ(DaysFromCivil(2025, 3, 1) - DaysFromCivil(2025, 2, 28), 1);
}

TEST(CivilDateTest, RoundTripsOverFiveThousandYears) {
  // Every day from year -400 to about 4700: valid fields, and back to the same day.
  // Plain checks in the loop (millions of days); one failure stops it.
  for (std::int64_t days = DaysFromCivil(-400, 1, 1); days < 1000000; ++days) {
    const CivilDate d = CivilFromDays(days);
    const bool valid = d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31;
    if (!valid || DaysFromCivil(d.year, d.month, d.day) != days) {
      ADD_FAILURE() << "day " << days << " -> " << d.year << "-" << d.month << "-" << d.day;
      break;
    }
  }
}

TEST(CivilDateTest, ConsecutiveDaysAreConsecutiveDates) {
  CivilDate previous = CivilFromDays(-1);
  EXPECT_EQ(previous.year, 1969);
  EXPECT_EQ(previous.month, 12u);
  EXPECT_EQ(previous.day, 31u);
  for (std::int64_t days = 0; days < 366 * 4; ++days) {
    const CivilDate d = CivilFromDays(days);
    const bool next_day = d.year == previous.year && d.month == previous.month &&
                          d.day == previous.day + 1;
    const bool next_month = d.year == previous.year && d.month == previous.month + 1 &&
                            d.day == 1;
    const bool next_year = d.year == previous.year + 1 && d.month == 1 && d.day == 1 &&
                           previous.month == 12 && previous.day == 31;
    ASSERT_TRUE(next_day || next_month || next_year)
        << d.year << "-" << d.month << "-" << d.day;
    previous = d;
  }
}

TEST(CivilDateTest, CivilFromDaysKnownDates) {
  const CivilDate epoch = CivilFromDays(0);
  EXPECT_EQ(epoch.year, 1970);
  EXPECT_EQ(epoch.month, 1u);
  EXPECT_EQ(epoch.day, 1u);
  const CivilDate leap = CivilFromDays(DaysFromCivil(2024, 3, 1) - 1);
  EXPECT_EQ(leap.year, 2024);
  EXPECT_EQ(leap.month, 2u);
  EXPECT_EQ(leap.day, 29u);
}

// --- Parsing ----------------------------------------------------------------------

Time MustParse(std::string_view text) {
  const Result<Time> r = ParseIso8601(text, "createdSince");
  EXPECT_TRUE(r.ok()) << text << ": " << r.status();
  return r.ok() ? r.value() : Time{};
}

TEST(ParseIso8601Test, AcceptsZ) {
  EXPECT_EQ(MustParse("2025-11-11T23:01:54Z"), kSample);
}

TEST(ParseIso8601Test, AcceptsZeroOffsetInEveryShape) {
  EXPECT_EQ(MustParse("2025-11-11T23:01:54+00:00"), kSample);
  EXPECT_EQ(MustParse("2025-11-11T23:01:54+0000"), kSample);
  EXPECT_EQ(MustParse("2025-11-11T23:01:54+00"), kSample);
  EXPECT_EQ(MustParse("2025-11-11T23:01:54-00:00"), kSample);
}

TEST(ParseIso8601Test, PositiveOffsetsAreAheadOfUtc) {
  // 2025-11-12T04:31:54+05:30 is the same instant as 23:01:54Z the day before.
  EXPECT_EQ(MustParse("2025-11-12T04:31:54+05:30"), kSample);
  EXPECT_EQ(MustParse("2025-11-12T04:31:54+0530"), kSample);
  EXPECT_EQ(MustParse("2025-11-12T01:01:54+02"), kSample);
}

TEST(ParseIso8601Test, NegativeOffsetsAreBehindUtc) {
  EXPECT_EQ(MustParse("2025-11-11T18:01:54-05:00"), kSample);
  EXPECT_EQ(MustParse("2025-11-11T18:01:54-0500"), kSample);
  EXPECT_EQ(MustParse("2025-11-11T18:01:54-05"), kSample);
  EXPECT_EQ(MustParse("2025-11-11T19:31:54-03:30"), kSample);
}

TEST(ParseIso8601Test, SecondsAreOptional) {
  EXPECT_EQ(MustParse("2025-11-11T23:01Z"), kSample - 54s);
  EXPECT_EQ(MustParse("2025-11-11T23:01+01:00"), kSample - 54s - 1h);
}

TEST(ParseIso8601Test, FractionsOfOneToNineDigitsKeptToTheMicrosecond) {
  EXPECT_EQ(MustParse("2025-11-11T23:01:54.2Z"), kSample + 200ms);
  EXPECT_EQ(MustParse("2025-11-11T23:01:54.25Z"), kSample + 250ms);
  EXPECT_EQ(MustParse("2025-11-11T23:01:54.250Z"), kSample + 250ms);
  EXPECT_EQ(MustParse("2025-11-11T23:01:54.0000Z"), kSample);
  EXPECT_EQ(MustParse("2025-11-11T23:01:54.12345Z"), kSample + 123450us);
  EXPECT_EQ(MustParse("2025-11-11T23:01:54.123456Z"), kSample + 123456us);
  // Beyond the microsecond: truncated, never rounded.
  EXPECT_EQ(MustParse("2025-11-11T23:01:54.1234567Z"), kSample + 123456us);
  EXPECT_EQ(MustParse("2025-11-11T23:01:54.99999999Z"), kSample + 999999us);
  EXPECT_EQ(MustParse("2025-11-11T23:01:54.123456789Z"), kSample + 123456us);
  EXPECT_EQ(MustParse("2025-11-11T23:01:54.000000999Z"), kSample);
}

TEST(ParseIso8601Test, FractionWithOffset) {
  EXPECT_EQ(MustParse("2025-11-11T23:01:54.250+00:00"), kSample + 250ms);
  EXPECT_EQ(MustParse("2025-11-11T18:01:54.5-05:00"), kSample + 500ms);
}

TEST(ParseIso8601Test, FebruaryTwentyNinthOnlyInLeapYears) {
  EXPECT_EQ(MustParse("2024-02-29T00:00:00Z"),
            TimeFromMicros(DaysFromCivil(2024, 2, 29) * 86400 * 1000000));
  EXPECT_EQ(MustParse("2000-02-29T12:00:00Z"),
            TimeFromMicros((DaysFromCivil(2000, 2, 29) * 86400 + 12 * 3600) * 1000000));
}

TEST(ParseIso8601Test, TimesBeforeTheEpoch) {
  EXPECT_EQ(MustParse("1969-12-31T23:59:59Z"), TimeFromMicros(-1000000));
  EXPECT_EQ(MustParse("1969-12-31T23:59:59.999999Z"), TimeFromMicros(-1));
  EXPECT_EQ(MustParse("1970-01-01T00:00:00+01:00"), TimeFromMicros(-3600LL * 1000000));
}

TEST(ParseIso8601Test, EndOfDayAndYearBoundaries) {
  EXPECT_EQ(FormatIso8601(MustParse("2025-12-31T23:59:59Z")), "2025-12-31T23:59:59+00:00");
  EXPECT_EQ(FormatIso8601(MustParse("2025-12-31T23:30:00-01:00")),
            "2026-01-01T00:30:00+00:00");
  EXPECT_EQ(FormatIso8601(MustParse("2026-01-01T00:30:00+01:00")),
            "2025-12-31T23:30:00+00:00");
}

TEST(ParseIso8601Test, RoundTripsFormattedTimes) {
  // FormatIso8601 keeps milliseconds, so any millisecond-aligned time comes back exactly.
  const Time starts[] = {kSample, kDefaultWorldStart, TimeFromMicros(0),
                         TimeFromMicros(-25567LL * 86400 * 1000000)};
  for (const Time start : starts) {
    for (std::int64_t step = 0; step < 2000; ++step) {
      // Steps of 7h 13m 17.123s walk through hours, days, months and leap days.
      const Time t = start + step * (7h + 13min + 17s + 123ms);
      const Result<Time> plain = ParseIso8601(FormatIso8601(t), "t");
      ASSERT_TRUE(plain.ok()) << FormatIso8601(t) << ": " << plain.status();
      ASSERT_EQ(plain.value(), t) << FormatIso8601(t);
      const Result<Time> millis = ParseIso8601(FormatIso8601Millis(t), "t");
      ASSERT_TRUE(millis.ok()) << FormatIso8601Millis(t) << ": " << millis.status();
      ASSERT_EQ(millis.value(), t) << FormatIso8601Millis(t);
    }
  }
}

TEST(ParseIso8601Test, RoundTripDropsSubMillisecondMicros) {
  const Time t = kSample + 123456us;
  EXPECT_EQ(MustParse(FormatIso8601(t)), kSample + 123ms);
  EXPECT_EQ(MustParse(FormatIso8601Millis(t)), kSample + 123ms);
}

void ExpectRefused(std::string_view text, std::string_view field = "createdSince") {
  SCOPED_TRACE(std::string("input: \"") + std::string(text) + "\"");
  const Result<Time> r = ParseIso8601(text, field);
  ASSERT_FALSE(r.ok()) << "parsed as " << FormatIso8601(r.value());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), field);
}

TEST(ParseIso8601Test, RefusesMissingZone) {
  ExpectRefused("2025-11-11T23:01:54");
  ExpectRefused("2025-11-11T23:01:54.250");
  ExpectRefused("2025-11-11T23:01");
}

TEST(ParseIso8601Test, RefusesMissingT) {
  ExpectRefused("2025-11-11 23:01:54Z");
  ExpectRefused("2025-11-1123:01:54Z");
  ExpectRefused("2025-11-11");
  ExpectRefused("2025-11-11Z");
}

// The vendor's guide has this typo in an example; the platform refuses it.
TEST(ParseIso8601Test, RefusesTheVendorGuideTypo) {
  ExpectRefused("2023:05:01T9:29:55.0000Z");
}

TEST(ParseIso8601Test, RefusesMalformedDigits) {
  ExpectRefused("");
  ExpectRefused("2025-11-11T9:01:54Z");
  ExpectRefused("25-11-11T23:01:54Z");
  ExpectRefused("2025-1-11T23:01:54Z");
  ExpectRefused("2025-11-11T23:1:54Z");
  ExpectRefused("2025-11-11T23:01:5Z");
  ExpectRefused("2025-11-11T23:01:54.Z");
  ExpectRefused("2025-11-11T2301:54Z");
}

TEST(ParseIso8601Test, RefusesOutOfRangeDates) {
  ExpectRefused("2025-13-01T00:00:00Z");
  ExpectRefused("2025-00-01T00:00:00Z");
  ExpectRefused("2025-01-00T00:00:00Z");
  ExpectRefused("2025-01-32T00:00:00Z");
  ExpectRefused("2025-04-31T00:00:00Z");
  ExpectRefused("2025-02-30T00:00:00Z");
  ExpectRefused("2024-02-30T00:00:00Z");
}

TEST(ParseIso8601Test, RefusesFebruaryTwentyNinthInNonLeapYears) {
  ExpectRefused("2025-02-29T00:00:00Z");
  ExpectRefused("1900-02-29T00:00:00Z");
  ExpectRefused("2100-02-29T00:00:00Z");
}

TEST(ParseIso8601Test, RefusesOutOfRangeTimesOfDay) {
  ExpectRefused("2025-11-11T24:00:00Z");
  ExpectRefused("2025-11-11T23:60:00Z");
  ExpectRefused("2025-11-11T23:59:60Z");  // leap seconds are refused
  ExpectRefused("2025-11-11T99:00Z");
}

TEST(ParseIso8601Test, RefusesBadZones) {
  ExpectRefused("2025-11-11T23:01:54+24:00");
  ExpectRefused("2025-11-11T23:01:54+05:60");
  ExpectRefused("2025-11-11T23:01:54+5");
  ExpectRefused("2025-11-11T23:01:54+05:3");
  ExpectRefused("2025-11-11T23:01:54+05:");
  ExpectRefused("2025-11-11T23:01:54+");
  ExpectRefused("2025-11-11T23:01:54UTC");
}

TEST(ParseIso8601Test, RefusesTrailingJunk) {
  ExpectRefused("2025-11-11T23:01:54Zjunk");
  ExpectRefused("2025-11-11T23:01:54ZZ");
  ExpectRefused("2025-11-11T23:01:54+00:00 ");
  ExpectRefused("2025-11-11T23:01:54+00:00x");
  ExpectRefused("2025-11-11T23:01:54+000000");
  ExpectRefused("2025-11-11T23:01:54Z\n");
}

TEST(ParseIso8601Test, ErrorNamesTheGivenField) {
  ExpectRefused("yesterday", "until");
  ExpectRefused("2025-02-29T00:00:00Z", "dueDate");
  ExpectRefused("2025-11-11T23:01:54", "context.order.createdSince");
}

}  // namespace
}  // namespace dscosim
