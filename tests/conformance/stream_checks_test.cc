// CONF-STREAM-001..005 over synthetic histories: each rule passes, fails and is not
// exercised; reads and commits are written in both position forms (percent-encoded and raw).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dscosim/conformance/events.h"
#include "dscosim/conformance/rules.h"
#include "dscosim/model/streams/stream.h"
#include "dscosim/tests/conformance/history_builder.h"

namespace dscosim::conformance {
namespace {

using test_support::HistoryBuilder;

constexpr char kStream[] = "inv";

// An event id `at` seconds into the pass (sequence breaks ties).
std::string Id(double at, std::uint32_t seq = 1) {
  return FormatEventId(TimeFromMicros(HistoryBuilder::Micros(at)), seq);
}

std::string Encoded(const std::string& position) {
  std::string out;
  for (char ch : position) out += ch == '/' ? std::string("%2F") : std::string(1, ch);
  return out;
}

class StreamChecks : public ::testing::Test {
 protected:
  StreamChecks() {
    b_.AddEvent(0, events::kStreamCreated, {{"streamId", kStream}, {"partitions", 1}});
    b_.AddEvent(0.1, events::kIntegrationStarted);
  }

  // A read after `from` (encoded unless `raw`) that returned `ids`.
  void Read(double at, int partition, const std::string& from, const std::vector<std::string>& ids,
            bool raw = false, int status = 200) {
    Json events = Json::array();
    for (const std::string& e : ids) {
      events.push_back({{"id", e}, {"partitionId", partition}, {"payload", Json::object()}, {"source", "stream"}});
    }
    const std::string base = std::string("/api/v3/stream/") + kStream + "/" + std::to_string(partition) + "/";
    Json response = status == 200 ? Json{{"events", events}, {"partitionId", partition}, {"ownerId", nullptr}} : Json();
    b_.Add(at, "GET", base + (raw ? from : Encoded(from)), status, nullptr, response,
           raw ? "getStreamEvents" : "getStreamEventsFromPosition");
  }
  void Range(double at, int partition, const std::string& start, const std::string& end) {
    b_.Add(at, "GET",
           std::string("/api/v3/stream/") + kStream + "/" + std::to_string(partition) + "/" + Encoded(start) + "/" +
               Encoded(end),
           200, nullptr, Json{{"events", Json::array()}, {"partitionId", partition}}, "getStreamEventsInRange");
  }
  void Commit(double at, int partition, const std::string& position, int status = 200) {
    b_.Add(at, "PUT", std::string("/api/v3/stream/") + kStream + "/" + std::to_string(partition) + "/" + position,
           status, nullptr, Json{{"status", "success"}}, "updateStreamPosition");
  }
  // listStreams showing partitions [0, n) at `position`.
  void List(double at, int n, const std::string& position) {
    Json parts = Json::array();
    for (int p = 0; p < n; ++p) {
      parts.push_back({{"partitionId", p}, {"status", "active"}, {"position", position}, {"maxPosition", position}});
    }
    b_.Add(at, "GET", "/api/v3/stream?id=inv", 200, nullptr, Json::array({{{"id", kStream}, {"partitions", parts}}}),
           "listStreams");
  }
  void RaiseAndRepartition() {
    b_.AddEvent(6, events::kPartitionsChanged, {{"streamId", kStream}, {"from", 1}, {"to", 3}});
    b_.AddEvent(8, events::kRepartitioned, {{"streamId", kStream}, {"active", {0, 1, 2}}});
  }
  void Restart(double stop, double start) {
    b_.AddEvent(stop, events::kIntegrationStopped, {{"reason", "restart"}});
    b_.AddEvent(start, events::kIntegrationStarted);
  }
  void End(double at) { b_.AddEvent(at, events::kPassEnd); }

  Verdict Check(Checker checker) { return checker(b_.View()); }

  HistoryBuilder b_;
};

// --- CONF-STREAM-001 ---------------------------------------------------------------------

TEST_F(StreamChecks, EveryActivePartitionReadPasses) {
  RaiseAndRepartition();
  Read(1, 0, Id(0), {Id(0.9)});
  Read(8.5, 1, Id(6), {}, /*raw=*/true);
  Read(8.6, 2, Id(6), {});
  End(28);
  const Verdict v = Check(CheckStream001);
  EXPECT_EQ(v.outcome, Outcome::kPass) << v.exercised;
  EXPECT_EQ(v.exercised, "3 active partitions");
}

TEST_F(StreamChecks, UnreadPartitionFailsNamingIt) {
  RaiseAndRepartition();
  List(7, 3, Id(6));
  Read(1, 0, Id(0), {Id(0.9)});
  Read(9, 0, Id(0.9), {});
  Read(9.1, 2, Id(6), {});
  Read(9.2, 1, Id(6), {}, false, 503);  // a failed read is not a read
  End(28);
  const Verdict v = Check(CheckStream001);
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_NE(v.findings[0].message.find("partition 1 (active from"), std::string::npos) << v.findings[0].message;
  EXPECT_EQ(v.findings[0].seqs, std::vector<std::uint64_t>{1});  // the listing that showed it
}

TEST_F(StreamChecks, PartitionActivatedJustBeforeTheEndIsNotOwed) {
  b_.AddEvent(25, events::kPartitionsChanged, {{"streamId", kStream}, {"from", 1}, {"to", 2}});
  Read(1, 0, Id(0), {});
  End(28);
  EXPECT_EQ(Check(CheckStream001).outcome, Outcome::kPass);
}

TEST(StreamChecksNoStream, NotExercisedWithoutAStream) {
  HistoryBuilder b;
  b.AddEvent(0, events::kIntegrationStarted);
  b.Add(1, "GET", "/api/v3/order/page", 200);
  b.AddEvent(28, events::kPassEnd);
  for (Checker c : {CheckStream001, CheckStream002, CheckStream003, CheckStream004, CheckStream005}) {
    EXPECT_EQ(c(b.View()).outcome, Outcome::kNotExercised);
  }
}

// --- CONF-STREAM-002 ---------------------------------------------------------------------

TEST_F(StreamChecks, CommittingGivenEventsPasses) {
  Read(1, 0, Id(0), {Id(0.8), Id(0.9)});
  Commit(1.1, 0, Encoded(Id(0.9)));
  Commit(1.2, 0, Id(0.8));  // raw slashes; a rewind to a given event is still given
  const Verdict v = Check(CheckStream002);
  EXPECT_EQ(v.outcome, Outcome::kPass);
  EXPECT_EQ(v.exercised, "2 commits");
}

TEST_F(StreamChecks, CommittingAnUnseenPositionFails) {
  RaiseAndRepartition();
  Read(1, 0, Id(0), {Id(0.9)});
  Commit(1.1, 0, Encoded(Id(1.05)));  // newer than anything read (a listed maxPosition)
  Read(9, 1, Id(6), {Id(8.5)});
  Commit(9.1, 2, Encoded(Id(8.5)));  // given, but by another partition's read
  Commit(9.2, 1, Encoded(Id(9.5)));  // before the read that returns it
  Read(10, 1, Id(8.5), {Id(9.5)});
  const Verdict v = Check(CheckStream002);
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 3u);
  EXPECT_EQ(v.findings[0].seqs, std::vector<std::uint64_t>{2});
  EXPECT_NE(v.findings[1].message.find("partition 2"), std::string::npos);
}

TEST_F(StreamChecks, NoCommitIsNotExercised) {
  Read(1, 0, Id(0), {Id(0.9)});
  EXPECT_EQ(Check(CheckStream002).outcome, Outcome::kNotExercised);
}

// --- CONF-STREAM-003 ---------------------------------------------------------------------

TEST_F(StreamChecks, CommitSoonAfterEventsPasses) {
  Read(1, 0, Id(0), {Id(0.9)});
  Commit(1.1, 0, Encoded(Id(0.9)), 503);  // an attempt the platform failed still counts
  Commit(1.4, 0, Encoded(Id(0.9)));
  Read(2, 0, Id(0.9), {Id(1.9)});
  Commit(2.1, 0, Encoded(Id(1.9)), 400);  // so does one it refused
  Read(3, 0, Id(1.9), {Id(2.9)});
  Commit(6.5, 0, Encoded(Id(2.9)));  // 4.5 s after the read at 2 s
  Read(7, 0, Id(2.9), {});
  const Verdict v = Check(CheckStream003);
  EXPECT_EQ(v.outcome, Outcome::kPass);
  EXPECT_EQ(v.exercised, "3 reads returned events");
}

TEST_F(StreamChecks, RareCommitsFailOncePerStretch) {
  for (int i = 1; i <= 8; ++i) Read(i, 0, Id(i - 1), {Id(i - 0.1)});
  Commit(15, 0, Encoded(Id(7.9)));
  Read(16, 0, Id(7.9), {Id(15.9)});
  End(28);
  const Verdict v = Check(CheckStream003);
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 2u);
  EXPECT_EQ(v.findings[0].seqs, (std::vector<std::uint64_t>{1, 9}));
  EXPECT_NE(v.findings[1].message.find("no commit followed"), std::string::npos);
}

TEST_F(StreamChecks, OnlyThePassEndExcusesAMissingCommit) {
  Read(13, 0, Id(0), {Id(12.9)});
  Restart(15, 15.5);
  Read(15.6, 0, Id(0), {Id(12.9)});
  Commit(15.7, 0, Encoded(Id(12.9)));  // soon after starting again: in time for both reads
  Read(27, 0, Id(12.9), {Id(26.9)});   // the pass ends 1 s later
  b_.AddEvent(27.9, events::kIntegrationStopped, {{"reason", "end"}});
  End(28);
  EXPECT_EQ(Check(CheckStream003).outcome, Outcome::kPass);
}

TEST_F(StreamChecks, ARestartDoesNotExcuseAMissingCommit) {
  Read(14, 0, Id(0), {Id(13.9)});
  Restart(15, 15.5);
  Read(15.6, 0, Id(0), {Id(13.9)});
  Commit(20, 0, Encoded(Id(13.9)));  // 6 s after the read at 14 s
  End(28);
  const Verdict v = Check(CheckStream003);
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(v.findings[0].seqs, (std::vector<std::uint64_t>{1, 3}));
}

TEST_F(StreamChecks, EmptyReadsAreNotExercised) {
  Read(1, 0, Id(0), {});
  EXPECT_EQ(Check(CheckStream003).outcome, Outcome::kNotExercised);
}

// --- CONF-STREAM-004 ---------------------------------------------------------------------

TEST_F(StreamChecks, ResumingAtTheCommittedPositionPasses) {
  RaiseAndRepartition();
  List(0.2, 1, Id(0));
  Read(1, 0, Id(0), {Id(0.9)});
  Commit(1.1, 0, Encoded(Id(0.9)));
  Read(14, 0, Id(0.9), {Id(13.9)});  // read but not committed before the stop
  Restart(15, 15.5);
  List(15.6, 3, Id(6));  // partitions 1 and 2: never committed, still at their start
  Read(15.7, 0, Id(0.9), {Id(13.9)}, /*raw=*/true);
  Range(15.8, 1, Id(6), Id(20));  // a range starting at the committed position
  Read(15.9, 2, Id(6), {});
  const Verdict v = Check(CheckStream004);
  EXPECT_EQ(v.outcome, Outcome::kPass) << (v.findings.empty() ? "" : v.findings[0].message);
  EXPECT_EQ(v.exercised, "3 partitions read after 1 restart");
}

TEST_F(StreamChecks, ResumingFromTheStartFails) {
  Read(1, 0, Id(0), {Id(0.9)});
  Commit(1.1, 0, Encoded(Id(0.9)));
  Restart(15, 15.5);
  Read(15.7, 0, Id(0), {Id(0.9)});
  const Verdict v = Check(CheckStream004);
  ASSERT_EQ(v.outcome, Outcome::kFail);
  EXPECT_NE(v.findings[0].message.find("re-reads"), std::string::npos);
  EXPECT_EQ(v.findings[0].seqs, (std::vector<std::uint64_t>{2, 3}));
}

TEST_F(StreamChecks, ResumingAtTheEndFails) {
  List(0.2, 1, Id(0));
  Read(1, 0, Id(0), {Id(0.9)});
  Commit(1.1, 0, Encoded(Id(0.9)), 400);  // refused: the position stays where it was
  Restart(15, 15.5);
  Read(15.7, 0, Id(15.2), {});
  const Verdict v = Check(CheckStream004);
  ASSERT_EQ(v.outcome, Outcome::kFail);
  EXPECT_NE(v.findings[0].message.find("skips events"), std::string::npos);
  EXPECT_NE(v.findings[0].message.find("as listStreams showed it"), std::string::npos);
}

TEST_F(StreamChecks, WithoutARestartStream004IsNotExercised) {
  Read(1, 0, Id(0), {Id(0.9)});
  Commit(1.1, 0, Encoded(Id(0.9)));
  b_.AddEvent(28, events::kIntegrationStopped, {{"reason", "end"}});
  EXPECT_EQ(Check(CheckStream004).outcome, Outcome::kNotExercised);
}

// --- CONF-STREAM-005 ---------------------------------------------------------------------

TEST_F(StreamChecks, ReadingRepartitionedPartitionsSoonPasses) {
  RaiseAndRepartition();
  Read(7, 1, Id(6), {});  // before the repartition: does not count
  Read(8.4, 1, Id(6), {}, false, 503);  // an attempt the platform failed counts
  Read(13.5, 2, Id(6), {Id(9)});
  const Verdict v = Check(CheckStream005);
  EXPECT_EQ(v.outcome, Outcome::kPass);
  EXPECT_EQ(v.exercised, "2 partitions made active by 1 repartition(s)");
}

TEST_F(StreamChecks, LateReadOfRepartitionedPartitionsFails) {
  RaiseAndRepartition();
  Read(7, 1, Id(6), {});
  Read(7, 2, Id(6), {});
  Read(16, 1, Id(6), {Id(9)});
  End(28);
  const Verdict v = Check(CheckStream005);
  ASSERT_EQ(v.outcome, Outcome::kFail);
  ASSERT_EQ(v.findings.size(), 2u);
  EXPECT_NE(v.findings[0].message.find("partition 1, made active by the repartition at"), std::string::npos);
  EXPECT_NE(v.findings[0].message.find("first read at"), std::string::npos);
  EXPECT_NE(v.findings[1].message.find("never read"), std::string::npos);
}

TEST_F(StreamChecks, StopInsideTheWindowExcusesTheRead) {
  RaiseAndRepartition();
  b_.AddEvent(10, events::kIntegrationStopped, {{"reason", "restart"}});
  EXPECT_EQ(Check(CheckStream005).outcome, Outcome::kPass);
}

TEST_F(StreamChecks, WithoutARepartitionStream005IsNotExercised) {
  b_.AddEvent(6, events::kPartitionsChanged, {{"streamId", kStream}, {"from", 1}, {"to", 3}});
  Read(7, 1, Id(6), {});
  EXPECT_EQ(Check(CheckStream005).outcome, Outcome::kNotExercised);
}

}  // namespace
}  // namespace dscosim::conformance
