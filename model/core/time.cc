#include "dscosim/model/core/time.h"

#include <cstdio>

namespace dscosim {
namespace {

constexpr std::int64_t kMicrosPerSecond = 1000000;
constexpr std::int64_t kSecondsPerDay = 86400;

// Floor division, so times before the epoch format correctly.
std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

struct Split {
  CivilDate date;
  int hour, minute, second;
  std::int64_t micros;
};

Split SplitTime(Time t) {
  const std::int64_t micros = MicrosOf(t);
  const std::int64_t seconds = FloorDiv(micros, kMicrosPerSecond);
  const std::int64_t days = FloorDiv(seconds, kSecondsPerDay);
  const std::int64_t second_of_day = seconds - days * kSecondsPerDay;
  Split s{};
  s.date = CivilFromDays(days);
  s.hour = static_cast<int>(second_of_day / 3600);
  s.minute = static_cast<int>((second_of_day % 3600) / 60);
  s.second = static_cast<int>(second_of_day % 60);
  s.micros = micros - seconds * kMicrosPerSecond;
  return s;
}

bool IsLeap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(std::int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return (m == 2 && IsLeap(y)) ? 29 : kDays[m - 1];
}

// A tiny cursor over the text being parsed.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  bool done() const { return pos_ >= text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  bool consume(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  // Reads exactly `n` decimal digits.
  bool digits(int n, int* out) {
    int value = 0;
    for (int i = 0; i < n; ++i) {
      const char c = peek();
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
      ++pos_;
    }
    *out = value;
    return true;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const std::int64_t era = FloorDiv(y, 400);
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate CivilFromDays(std::int64_t z) {
  z += 719468;
  const std::int64_t era = FloorDiv(z, 146097);
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{y + (m <= 2), m, d};
}

std::string FormatIso8601(Time t) {
  const Split s = SplitTime(t);
  char buf[48];
  const auto millis = static_cast<int>(s.micros / 1000);
  if (millis == 0) {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d+00:00",
                  static_cast<long long>(s.date.year), s.date.month, s.date.day, s.hour,
                  s.minute, s.second);
  } else {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d.%03d+00:00",
                  static_cast<long long>(s.date.year), s.date.month, s.date.day, s.hour,
                  s.minute, s.second, millis);
  }
  return buf;
}

std::string FormatIso8601Millis(Time t) {
  const Split s = SplitTime(t);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ",
                static_cast<long long>(s.date.year), s.date.month, s.date.day, s.hour,
                s.minute, s.second, static_cast<int>(s.micros / 1000));
  return buf;
}

std::string FormatIso8601Exact(Time t) {
  const Split s = SplitTime(t);
  if (s.micros % 1000 == 0) return FormatIso8601Millis(t);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d.%06dZ",
                static_cast<long long>(s.date.year), s.date.month, s.date.day, s.hour,
                s.minute, s.second, static_cast<int>(s.micros));
  return buf;
}

Result<Time> ParseIso8601(std::string_view text, std::string_view field) {
  const auto bad = [&](const char* why) {
    return InvalidArgument(std::string(field),
                           std::string("not an ISO-8601 date-time (") + why + "): \"" +
                               std::string(text.substr(0, 64)) + "\"");
  };
  Cursor c(text);
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!c.digits(4, &year) || !c.consume('-') || !c.digits(2, &month) || !c.consume('-') ||
      !c.digits(2, &day)) {
    return bad("expected YYYY-MM-DD");
  }
  if (!c.consume('T')) return bad("expected 'T' between date and time");
  if (!c.digits(2, &hour) || !c.consume(':') || !c.digits(2, &minute)) {
    return bad("expected hh:mm");
  }
  std::int64_t micros = 0;
  if (c.consume(':')) {
    if (!c.digits(2, &second)) return bad("expected two-digit seconds");
    if (c.consume('.') || c.consume(',')) {
      int n = 0;
      std::int64_t scale = 100000;
      while (c.peek() >= '0' && c.peek() <= '9') {
        int digit = 0;
        (void)c.digits(1, &digit);
        micros += digit * scale;
        scale /= 10;
        ++n;
      }
      if (n == 0) return bad("empty fraction of a second");
      if (n > 9) return bad("more than 9 fraction digits");
    }
  }
  int offset_minutes = 0;
  if (c.consume('Z')) {
  } else if (c.peek() == '+' || c.peek() == '-') {
    const int sign = c.peek() == '+' ? 1 : -1;
    (void)c.consume(c.peek());
    int oh = 0, om = 0;
    if (!c.digits(2, &oh)) return bad("expected a zone offset like +00:00");
    if (c.consume(':')) {
      if (!c.digits(2, &om)) return bad("expected a zone offset like +00:00");
    } else if (!c.done()) {
      if (!c.digits(2, &om)) return bad("expected a zone offset like +0000");
    }
    if (oh > 23 || om > 59) return bad("zone offset out of range");
    offset_minutes = sign * (oh * 60 + om);
  } else {
    return bad("missing zone: end with Z or an offset such as +00:00");
  }
  if (!c.done()) return bad("unexpected characters after the zone");
  if (month < 1 || month > 12) return bad("month out of range");
  if (day < 1 || static_cast<unsigned>(day) > DaysInMonth(year, static_cast<unsigned>(month))) {
    return bad("day out of range");
  }
  if (hour > 23 || minute > 59 || second > 59) return bad("time of day out of range");

  const std::int64_t days =
      DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  const std::int64_t seconds = days * kSecondsPerDay + hour * 3600 + minute * 60 + second -
                               static_cast<std::int64_t>(offset_minutes) * 60;
  return TimeFromMicros(seconds * kMicrosPerSecond + micros);
}

}  // namespace dscosim
