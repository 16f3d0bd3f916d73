// libFuzzer target: the request codec and the text parsers every route relies on.
//
// One input is read as all of these at once (docs/fuzzing.md):
//   - a request target    -> ParseTarget (segments, query) and PercentDecode/PercentEncode
//   - a form body         -> ParseForm (the token endpoint)
//   - a JSON body         -> nlohmann::json::parse without exceptions, then the
//                            json_fields readers on every member (what handlers do)
//   - a date-time         -> ParseIso8601
//   - a stream position   -> ParseEventId
// None of them may crash, hang, leak or throw; on top of that the properties below must
// hold, and a broken one aborts (libFuzzer reports it as a crash with the input).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "dscosim/fakes/http.h"
#include "dscosim/model/core/json_fields.h"
#include "dscosim/model/streams/stream.h"
#include "dscosim/model/core/time.h"

namespace {

using dscosim::Json;
using dscosim::Time;

[[noreturn]] void Fail(const char* what, std::string_view input) {
  std::fprintf(stderr, "fuzz_target_codec: property broken: %s\ninput (%zu bytes): %.*s\n", what,
               input.size(), static_cast<int>(input.size() > 512 ? 512 : input.size()),
               input.data());
  std::abort();
}

void Check(bool ok, const char* what, std::string_view input) {
  if (!ok) Fail(what, input);
}

// PercentEncode escapes everything but unreserved characters, so decoding gives the
// text back, in both modes ('+' is always escaped).
void CheckPercentRoundTrip(std::string_view text, std::string_view input) {
  const std::string encoded = dscosim::fakes::PercentEncode(text);
  for (const bool plus : {false, true}) {
    const auto decoded = dscosim::fakes::PercentDecode(encoded, plus);
    Check(decoded.ok(), "PercentDecode refuses PercentEncode's output", input);
    Check(*decoded == text, "PercentDecode(PercentEncode(x)) != x", input);
  }
}

void FuzzTarget(std::string_view input) {
  dscosim::fakes::HttpRequest request;
  const dscosim::Status parsed = dscosim::fakes::ParseTarget(input, request);
  Check(request.target == input, "ParseTarget does not keep the raw target", input);
  if (!parsed.ok()) return;
  // A segment is never empty ("//" and a trailing '/' are ignored), and re-encoding the
  // decoded segments gives a target that parses to the same segments.
  std::string rebuilt;
  for (const std::string& segment : request.segments) {
    Check(!segment.empty(), "ParseTarget produced an empty segment", input);
    CheckPercentRoundTrip(segment, input);
    rebuilt += "/" + dscosim::fakes::PercentEncode(segment);
  }
  dscosim::fakes::HttpRequest again;
  Check(dscosim::fakes::ParseTarget(rebuilt, again).ok(), "a re-encoded target does not parse", input);
  Check(again.segments == request.segments, "re-encoded segments differ", input);
  Check(again.query.empty(), "a target without '?' has a query", input);
  // Query lookups agree with the multimap.
  for (const auto& [name, value] : request.query) {
    Check(request.Query(name).has_value(), "Query() misses a parsed parameter", input);
    Check(request.QueryAll(name).size() == request.query.count(name), "QueryAll() count", input);
  }
}

void FuzzForm(std::string_view input) {
  const auto form = dscosim::fakes::ParseForm(input);
  if (!form.ok()) return;
  // Re-encoding the fields gives the same fields back.
  std::string rebuilt;
  for (const auto& [key, value] : *form) {
    if (!rebuilt.empty()) rebuilt += "&";
    rebuilt += dscosim::fakes::PercentEncode(key) + "=" + dscosim::fakes::PercentEncode(value);
  }
  const auto again = dscosim::fakes::ParseForm(rebuilt);
  Check(again.ok(), "a re-encoded form does not parse", input);
  Check(*again == *form, "re-encoded form fields differ", input);
}

// What a handler does with a parsed body: read fields of every type, at every level.
void ReadFields(const Json& value, int depth) {
  if (depth > 8) return;
  if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      (void)dscosim::OptString(value, key, "body");
      (void)dscosim::OptInt(value, key, "body");
      (void)dscosim::OptNumber(value, key, "body");
      (void)dscosim::OptBool(value, key, "body");
      (void)dscosim::OptTime(value, key, "body");
      (void)dscosim::OptId(value, key, "body");
      (void)dscosim::ReqString(value, key, "body");
      (void)dscosim::ReqInt(value, key, "body");
      (void)dscosim::OptArray(value, key, "body");
      (void)dscosim::OptObject(value, key, "body");
      ReadFields(member, depth + 1);
    }
    (void)dscosim::RequireObject(value, "body");
    (void)dscosim::OptString(value, "absent");
  } else if (value.is_array()) {
    std::size_t i = 0;
    for (const Json& member : value) {
      (void)dscosim::IndexPath("body", i++);
      ReadFields(member, depth + 1);
    }
  } else {
    Check(!dscosim::RequireObject(value, "body").ok(), "RequireObject accepts a non-object", "");
  }
}

// 1e400 parses to infinity, which JSON cannot say: dump() writes null for it.
bool AllFinite(const Json& value) {
  if (value.is_number_float()) return std::isfinite(value.get<double>());
  if (value.is_structured()) {
    for (const Json& member : value) {
      if (!AllFinite(member)) return false;
    }
  }
  return true;
}

void FuzzJson(std::string_view input) {
  const Json parsed = Json::parse(input, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return;
  ReadFields(parsed, 0);
  // What the fake answers is always dumped this way; it must parse back to the same value.
  const std::string dumped = parsed.dump(-1, ' ', false, Json::error_handler_t::replace);
  const Json again = Json::parse(dumped, nullptr, false);
  Check(!again.is_discarded(), "a dumped document does not parse", input);
  if (AllFinite(parsed)) Check(again == parsed, "a dumped document parses to another value", input);
}

void FuzzTime(std::string_view input) {
  const auto t = dscosim::ParseIso8601(input, "time");
  if (!t.ok()) {
    Check(t.status().field() == "time", "ParseIso8601 error names another field", input);
    return;
  }
  // Formatting and parsing again keeps the time to the millisecond, for the years the
  // four-digit format can show.
  constexpr std::int64_t kMin = -62167219200LL * 1000000;   // 0000-01-01T00:00:00Z
  constexpr std::int64_t kMax = 253402300799LL * 1000000;   // 9999-12-31T23:59:59Z
  const std::int64_t micros = dscosim::MicrosOf(*t);
  if (micros < kMin || micros > kMax) return;
  const std::int64_t millis_floor = micros - (((micros % 1000) + 1000) % 1000);
  for (const std::string& text : {dscosim::FormatIso8601(*t), dscosim::FormatIso8601Millis(*t)}) {
    const auto back = dscosim::ParseIso8601(text, "time");
    Check(back.ok(), "ParseIso8601 refuses FormatIso8601's output", input);
    Check(dscosim::MicrosOf(*back) == millis_floor, "time does not survive format and parse", input);
  }
}

void FuzzEventId(std::string_view input) {
  const auto parts = dscosim::ParseEventId(input, "position");
  if (!parts.ok()) return;
  // An accepted position is exactly the canonical form of its parts.
  Check(dscosim::FormatEventId(dscosim::TimeFromMicros(parts->millis * 1000), parts->sequence) == input,
        "ParseEventId accepts a non-canonical position", input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  FuzzTarget(input);
  for (const bool plus : {false, true}) {
    const auto decoded = dscosim::fakes::PercentDecode(input, plus);
    if (decoded.ok()) Check(decoded->size() <= input.size(), "decoding grew the text", input);
  }
  CheckPercentRoundTrip(input, input);
  FuzzForm(input);
  FuzzJson(input);
  FuzzTime(input);
  FuzzEventId(input);
  // A position usually arrives as one (decoded) path segment.
  if (auto decoded = dscosim::fakes::PercentDecode(input, false); decoded.ok() && *decoded != input) {
    FuzzEventId(*decoded);
    FuzzTime(*decoded);
  }
  return 0;
}
