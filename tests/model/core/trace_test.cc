#include "dscosim/model/core/trace.h"

#include <cstdint>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "dscosim/model/core/hash.h"
#include "dscosim/model/core/time.h"

namespace dscosim {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

constexpr Time kT = kDefaultWorldStart + 250ms;

TEST(TraceTest, EmptyTraceHasTheFnvOffsetAsHash) {
  const Trace trace;
  EXPECT_EQ(trace.total(), 0u);
  EXPECT_TRUE(trace.retained().empty());
  EXPECT_EQ(trace.hash(), kFnv1a64Offset);
  EXPECT_EQ(trace.hash_hex(), "cbf29ce484222325");
}

TEST(TraceTest, AppendNumbersEventsFromOne) {
  Trace trace;
  const TraceEvent& first = trace.Append(kT, "platform", "a", json::object());
  EXPECT_EQ(first.sequence, 1u);
  EXPECT_EQ(first.time, kT);
  EXPECT_EQ(first.actor, "platform");
  EXPECT_EQ(first.kind, "a");
  EXPECT_EQ(trace.Append(kT, "platform", "b", json::object()).sequence, 2u);
  EXPECT_EQ(trace.Append(kT + 1s, "1000000001", "c", json::object()).sequence, 3u);
  EXPECT_EQ(trace.total(), 3u);
  ASSERT_EQ(trace.retained().size(), 3u);
  EXPECT_EQ(trace.retained()[2].actor, "1000000001");
  EXPECT_EQ(trace.retained()[2].time, kT + 1s);
}

TEST(TraceTest, PlatformActorSpelling) { EXPECT_STREQ(kPlatformActor, "platform"); }

TEST(TraceTest, ToJsonLineHasSortedKeysAndNoWhitespace) {
  Trace trace;
  // Payload keys given out of order: they come out sorted.
  const TraceEvent& e =
      trace.Append(kT, kPlatformActor, "x.y", json{{"b", 1}, {"a", "z"}});
  EXPECT_EQ(Trace::ToJsonLine(e),
            R"({"actor":"platform","kind":"x.y","payload":{"a":"z","b":1},"seq":1,)"
            R"("time":"2026-01-05T09:00:00.250Z","timeMicros":1767603600250000})");
}

TEST(TraceTest, ToJsonLineSortsNestedKeysAndEscapesStrings) {
  TraceEvent e;
  e.time = TimeFromMicros(0);
  e.sequence = 42;
  e.actor = "1000000001";
  e.kind = "conversation.created";
  e.payload = json{{"z", json{{"y", true}, {"x", nullptr}}}, {"list", json::array({2, 1})},
                   {"text", "say \"hi\"\n"}};
  EXPECT_EQ(Trace::ToJsonLine(e),
            R"({"actor":"1000000001","kind":"conversation.created","payload":)"
            R"({"list":[2,1],"text":"say \"hi\"\n","z":{"x":null,"y":true}},"seq":42,)"
            R"("time":"1970-01-01T00:00:00.000Z","timeMicros":0})");
}

TEST(TraceTest, ToJsonLineOfTimeBeforeEpoch) {
  TraceEvent e;
  e.time = TimeFromMicros(-1);
  e.sequence = 1;
  e.actor = "platform";
  e.kind = "k";
  e.payload = json::object();
  EXPECT_EQ(Trace::ToJsonLine(e),
            R"({"actor":"platform","kind":"k","payload":{},"seq":1,)"
            R"("time":"1969-12-31T23:59:59.999Z","timeMicros":-1})");
}

// The documented fingerprint: FNV-1a 64 over every line and its newline.
TEST(TraceTest, HashIsFnvOverLinesAndNewlines) {
  Trace trace;
  const std::string line1 = Trace::ToJsonLine(trace.Append(kT, "platform", "a", json{{"n", 1}}));
  const std::string line2 = Trace::ToJsonLine(trace.Append(kT, "platform", "b", json{{"n", 2}}));
  EXPECT_EQ(trace.hash(), Fnv1a64(line1 + "\n" + line2 + "\n"));
  EXPECT_EQ(trace.hash(), Fnv1a64(line2 + "\n", Fnv1a64(line1 + "\n")));
}

// Pinned: a change in line format or hashing changes every saved run's fingerprint.
TEST(TraceTest, GoldenHashOfOneEvent) {
  Trace trace;
  static_cast<void>(trace.Append(kT, kPlatformActor, "x.y", json{{"b", 1}, {"a", "z"}}));
  EXPECT_EQ(trace.hash_hex(), "7dcd82940e12fdae");
  EXPECT_EQ(Hex64(trace.hash()), trace.hash_hex());
}

TEST(TraceTest, SameEventsGiveTheSameHash) {
  Trace a;
  Trace b(2);  // retention does not change the hash
  for (int i = 0; i < 5; ++i) {
    static_cast<void>(a.Append(kT + i * 1s, "platform", "k", json{{"i", i}}));
    static_cast<void>(b.Append(kT + i * 1s, "platform", "k", json{{"i", i}}));
  }
  EXPECT_EQ(a.hash(), b.hash());
  EXPECT_EQ(a.hash_hex(), b.hash_hex());
}

std::uint64_t HashOf(Time time, const std::string& actor, const std::string& kind,
                     const json& payload) {
  Trace trace;
  static_cast<void>(trace.Append(kDefaultWorldStart, "platform", "first", json::object()));
  static_cast<void>(trace.Append(time, actor, kind, payload));
  return trace.hash();
}

TEST(TraceTest, HashChangesWithEveryField) {
  const json payload = {{"id", "1000000001"}};
  const std::uint64_t base = HashOf(kT, "platform", "k", payload);
  EXPECT_NE(HashOf(kT + 1us, "platform", "k", payload), base);  // below the millisecond
  EXPECT_NE(HashOf(kT + 1ms, "platform", "k", payload), base);
  EXPECT_NE(HashOf(kT, "1000000001", "k", payload), base);
  EXPECT_NE(HashOf(kT, "platform", "k2", payload), base);
  EXPECT_NE(HashOf(kT, "platform", "k", json{{"id", "1000000002"}}), base);
  EXPECT_NE(HashOf(kT, "platform", "k", json{{"id2", "1000000001"}}), base);
  EXPECT_NE(HashOf(kT, "platform", "k", json{{"id", 1000000001}}), base);  // type matters
  EXPECT_EQ(HashOf(kT, "platform", "k", payload), base);
}

TEST(TraceTest, HashDependsOnOrder) {
  Trace ab;
  static_cast<void>(ab.Append(kT, "platform", "a", json::object()));
  static_cast<void>(ab.Append(kT, "platform", "b", json::object()));
  Trace ba;
  static_cast<void>(ba.Append(kT, "platform", "b", json::object()));
  static_cast<void>(ba.Append(kT, "platform", "a", json::object()));
  EXPECT_NE(ab.hash(), ba.hash());
}

TEST(TraceTest, RetentionKeepsTheNewestButHashesAndCountsAll) {
  Trace all;
  Trace newest(2);
  for (int i = 0; i < 5; ++i) {
    static_cast<void>(all.Append(kT, "platform", "k" + std::to_string(i), json::object()));
    static_cast<void>(newest.Append(kT, "platform", "k" + std::to_string(i), json::object()));
  }
  EXPECT_EQ(all.retained().size(), 5u);
  ASSERT_EQ(newest.retained().size(), 2u);
  EXPECT_EQ(newest.retained()[0].sequence, 4u);
  EXPECT_EQ(newest.retained()[0].kind, "k3");
  EXPECT_EQ(newest.retained()[1].sequence, 5u);
  EXPECT_EQ(newest.retained()[1].kind, "k4");
  EXPECT_EQ(newest.total(), 5u);
  EXPECT_EQ(newest.hash(), all.hash());
}

TEST(TraceTest, RetentionOfOneKeepsTheLastEvent) {
  Trace trace(1);
  static_cast<void>(trace.Append(kT, "platform", "a", json::object()));
  const TraceEvent& last = trace.Append(kT, "platform", "b", json::object());
  EXPECT_EQ(last.kind, "b");
  EXPECT_EQ(last.sequence, 2u);
  ASSERT_EQ(trace.retained().size(), 1u);
  EXPECT_EQ(trace.retained().front().kind, "b");
}

TEST(TraceTest, ToJsonLineIsTheLibrarysDumpOfTheSameObject) {
  // The line is written directly; it must be byte for byte what nlohmann::json gives for
  // the object, also for actors and kinds that need escaping or are not valid UTF-8.
  for (const std::string& odd : {std::string("plain"), std::string("q\"uote\\back"),
                                std::string("tab\tnl\nctl\x01" "del\x7f"), std::string("caf\xc3\xa9"),
                                std::string("bad\xff\xfe"), std::string()}) {
    TraceEvent e;
    e.time = TimeFromMicros(1767603600250123);
    e.sequence = 18446744073709551615u;
    e.actor = odd;
    e.kind = odd + ".kind";
    e.payload = json{{"text", odd}, {"n", -3}, {"list", json::array({1.5, nullptr})}};
    const json object = {{"seq", e.sequence},
                         {"time", FormatIso8601Millis(e.time)},
                         {"timeMicros", MicrosOf(e.time)},
                         {"actor", e.actor},
                         {"kind", e.kind},
                         {"payload", e.payload}};
    EXPECT_EQ(Trace::ToJsonLine(e), object.dump(-1, ' ', false, json::error_handler_t::replace))
        << odd;
  }
}

TEST(TraceTest, CopyIsIndependent) {
  Trace original;
  static_cast<void>(original.Append(kT, "platform", "a", json::object()));
  Trace copy = original;
  static_cast<void>(copy.Append(kT, "platform", "b", json::object()));
  EXPECT_EQ(original.total(), 1u);
  EXPECT_EQ(copy.total(), 2u);
  EXPECT_NE(original.hash(), copy.hash());
}

}  // namespace
}  // namespace dscosim
