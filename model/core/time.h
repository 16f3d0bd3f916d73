// Virtual time.
//
// The model never reads a wall clock. Time is an integer count of microseconds since the
// Unix epoch (UTC) on the simulation's virtual clock; `SimClock` has no now() on purpose,
// so std::chrono code cannot reach the real one by accident. Only the clock (clock.h)
// moves time forward.
#ifndef DSCOSIM_MODEL_CORE_TIME_H_
#define DSCOSIM_MODEL_CORE_TIME_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "dscosim/model/core/status.h"

namespace dscosim {

using Duration = std::chrono::microseconds;

struct SimClock {
  using rep = std::int64_t;
  using period = std::micro;
  using duration = Duration;
  using time_point = std::chrono::time_point<SimClock, Duration>;
  static constexpr bool is_steady = true;
};

using Time = SimClock::time_point;

constexpr Time TimeFromMicros(std::int64_t micros) { return Time(Duration(micros)); }
constexpr std::int64_t MicrosOf(Time t) { return t.time_since_epoch().count(); }
constexpr std::int64_t MillisOf(Time t) { return MicrosOf(t) / 1000; }

// 2026-01-05T09:00:00Z, the default start of generated worlds (a Monday morning).
inline constexpr Time kDefaultWorldStart = TimeFromMicros(1767603600LL * 1000000);

// Formats like the platform's payloads: "2025-11-11T23:01:54+00:00", with a
// ".mmm" millisecond fraction only when it is not zero
// ("2025-11-11T23:01:54.250+00:00"). Microseconds below the millisecond are dropped.
std::string FormatIso8601(Time t);

// Always with milliseconds and "Z": "2025-11-11T23:01:54.000Z". For traces and logs,
// where fixed-width sorting matters.
std::string FormatIso8601Millis(Time t);

// Like FormatIso8601Millis, but with six fraction digits when the time is not a whole
// millisecond, so that it parses back to exactly `t` (scenario files).
std::string FormatIso8601Exact(Time t);

// Parses an ISO-8601 date-time with a mandatory 'T' and a zone: "Z", "+hh:mm", "+hhmm"
// or "+hh". Seconds and a fraction (1 to 9 digits, kept to the microsecond) are
// optional. Leap seconds and out-of-range fields are refused. `field` names the input
// in the error ("createdSince").
Result<Time> ParseIso8601(std::string_view text, std::string_view field);

// Days since 1970-01-01 of a civil date (proleptic Gregorian), and back.
std::int64_t DaysFromCivil(std::int64_t year, unsigned month, unsigned day);
struct CivilDate {
  std::int64_t year;
  unsigned month;
  unsigned day;
};
CivilDate CivilFromDays(std::int64_t days);

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CORE_TIME_H_
