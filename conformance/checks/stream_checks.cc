// CONF-STREAM-001..005: reading every active partition, committing only what was given,
// committing regularly, resuming from the committed position after a restart, reading
// the partitions a repartition activated (conformance/README.md, "Rules").
//
// A stream request is recognised by its decoded path, so both position forms (slashes
// percent-encoded or sent raw) and every read route count: GET /stream/{id}/{p} (from the
// committed position), /stream/{id}/{p}/{position} (after it), /stream/{id}/{p}/{start}/{end}
// (a range), PUT /stream/{id}/{p}/{position} (a commit). Single-event reads
// (/stream/single/...) give events but do not read a partition. Times are wall clock.
#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dscosim/conformance/checks/check_support.h"
#include "dscosim/conformance/events.h"
#include "dscosim/conformance/rules.h"
#include "dscosim/model/streams/stream.h"
#include "dscosim/model/core/time.h"

namespace dscosim::conformance {
namespace {

enum class Kind { kRead, kSingle, kCommit, kList };

struct StreamCall {
  const Call* call = nullptr;
  Kind kind = Kind::kRead;
  std::string stream;
  int partition = -1;
  std::vector<std::string> positions;  // 0: from the committed position; 1: after it; 2: range
};

bool IsSuccess(int status) { return IsSuccessStatus(status); }
// Answered by an injected fault or transiently: not the integration's doing.
bool IsTransient(const Call& c) { return !c.fault.empty() || IsTransientStatus(c.status); }

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = path.empty() || path[0] != '/' ? 0 : 1;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    out.push_back(path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

// The positions in the segments from `from` on: "z" and the six after it are one event
// id, anything else (an ISO-8601 time) one position (as the fake splits them).
std::vector<std::string> Positions(const std::vector<std::string>& seg, std::size_t from) {
  std::vector<std::string> out;
  for (std::size_t i = from; i < seg.size();) {
    const std::size_t take = seg[i] == "z" && i + 7 <= seg.size() ? 7 : 1;
    std::string position = seg[i];
    for (std::size_t j = i + 1; j < i + take; ++j) position += "/" + seg[j];
    out.push_back(std::move(position));
    i += take;
  }
  return out;
}

std::optional<int> PartitionNumber(const std::string& text) {
  if (text.empty() || text.size() > 3 || text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoi(text);
}

std::optional<StreamCall> Classify(const Call& c) {
  const std::vector<std::string> seg = Split(c.path);
  if (seg.empty() || seg[0] != "stream") return std::nullopt;
  StreamCall s;
  s.call = &c;
  if (seg.size() == 1) {
    if (c.method != "GET") return std::nullopt;
    s.kind = Kind::kList;
    return s;
  }
  std::size_t first = 1;
  if (seg[1] == "single" && c.method == "GET" && seg.size() >= 5) {
    s.kind = Kind::kSingle;
    first = 2;
  } else if (c.method == "GET") {
    s.kind = Kind::kRead;
  } else if (c.method == "PUT" && seg.size() >= 4) {
    s.kind = Kind::kCommit;
  } else {
    return std::nullopt;
  }
  if (seg.size() < first + 2) return std::nullopt;
  const auto partition = PartitionNumber(seg[first + 1]);
  if (!partition) return std::nullopt;
  s.stream = seg[first];
  s.partition = *partition;
  s.positions = Positions(seg, first + 2);
  if (s.positions.size() > 2 || (s.kind == Kind::kCommit && s.positions.size() != 1)) return std::nullopt;
  return s;
}

// (epoch ms, sequence) of an event id, or of an ISO-8601 time (the first id of that
// millisecond); nullopt for anything else.
std::optional<std::pair<std::int64_t, std::int64_t>> Order(const std::string& position) {
  if (auto id = ParseEventId(position, "position"); id.ok()) return std::pair<std::int64_t, std::int64_t>{id->millis, id->sequence};
  if (auto t = ParseIso8601(position, "position"); t.ok()) {
    return std::pair<std::int64_t, std::int64_t>{MillisOf(*t), 0};
  }
  return std::nullopt;
}

// -1: `a` is before `b`, 0: the same position, 1: after.
int Compare(const std::string& a, const std::string& b) {
  const auto oa = Order(a);
  const auto ob = Order(b);
  if (oa && ob) return *oa < *ob ? -1 : (*ob < *oa ? 1 : 0);
  return a < b ? -1 : (b < a ? 1 : 0);
}

std::vector<std::string> ReturnedIds(const Call& c) {
  std::vector<std::string> ids;
  if (!IsSuccess(c.status) || !c.response_json.is_object()) return ids;
  auto events = c.response_json.find("events");
  if (events == c.response_json.end() || !events->is_array()) return ids;
  for (const Json& e : *events) {
    if (e.is_object() && e.contains("id") && e["id"].is_string()) ids.push_back(e["id"].get<std::string>());
  }
  return ids;
}

// What every stream checker needs from one pass.
struct StreamPass {
  std::string stream;  // "" when the driver recorded none: every stream counts
  std::int64_t start = 0;
  std::int64_t end = 0;
  std::vector<StreamCall> calls;  // of the stream, in seq order
  std::vector<const Event*> stops;  // integration_stopped / integration_exited / pass_end

  // The first stop in (from, to], or nullptr.
  const Event* StopIn(std::int64_t from, std::int64_t to) const {
    for (const Event* e : stops) {
      if (e->wall_micros > from && e->wall_micros <= to) return e;
    }
    return nullptr;
  }
  // Whether the pass ended (pass_end, or the harness's final stop) in (from, to].
  bool EndIn(std::int64_t from, std::int64_t to) const {
    for (const Event* e : stops) {
      const bool ended = e->kind == events::kPassEnd ||
                       (e->kind == events::kIntegrationStopped && e->data.value("reason", std::string()) == "end");
      if (ended && e->wall_micros > from && e->wall_micros <= to) return true;
    }
    return false;
  }
  std::string At(std::int64_t wall) const { return FormatOffset(wall, start); }
};

StreamPass Collect(const PassView& pass) {
  StreamPass s;
  if (const Event* created = pass.FirstEvent(events::kStreamCreated)) {
    s.stream = created->data.value("streamId", std::string());
  }
  s.start = PassStartWall(pass);
  for (const Event* e : pass.events) {
    s.end = std::max(s.end, e->wall_micros);
    if (e->kind == events::kIntegrationStopped || e->kind == events::kIntegrationExited ||
        e->kind == events::kPassEnd) {
      s.stops.push_back(e);
    }
  }
  for (const Call* c : pass.calls) {
    if (pass.FirstEvent(events::kPassEnd) == nullptr) s.end = std::max(s.end, c->answered_wall_micros());
    auto sc = Classify(*c);
    if (!sc) continue;
    if (sc->kind != Kind::kList && !s.stream.empty() && sc->stream != s.stream) continue;
    s.calls.push_back(*sc);
  }
  if (const Event* end = pass.FirstEvent(events::kPassEnd)) s.end = end->wall_micros;
  return s;
}

// When each partition was active: [from, until) intervals, from the driver's events, and
// the first-activation times of the partitions each repartition added to the routing.
struct Activity {
  std::map<int, std::vector<std::pair<std::int64_t, std::int64_t>>> active;
  struct Repartition {
    const Event* event;
    std::vector<int> added;
  };
  std::vector<Repartition> repartitions;
};

Activity PartitionActivity(const PassView& pass, const StreamPass& s) {
  Activity a;
  std::map<int, std::int64_t> open;  // partition -> active since
  std::set<int> routing;
  const auto activate = [&](int p, std::int64_t t) { open.emplace(p, t); };
  const auto deactivate = [&](int p, std::int64_t t) {
    auto it = open.find(p);
    if (it == open.end()) return;
    a.active[p].push_back({it->second, t});
    open.erase(it);
  };
  for (const Event* e : pass.events) {
    const Json& d = e->data;
    if (e->kind == events::kStreamCreated) {
      const int n = d.contains("partitions") && d["partitions"].is_number_integer() ? d["partitions"].get<int>() : 1;
      for (int p = 0; p < n; ++p) {
        activate(p, e->wall_micros);
        routing.insert(p);
      }
    } else if (e->kind == events::kPartitionsChanged) {
      const int from = d.value("from", 0);
      const int to = d.value("to", 0);
      for (int p = from; p < to; ++p) activate(p, e->wall_micros);
      for (int p = to; p < from; ++p) deactivate(p, e->wall_micros);
    } else if (e->kind == events::kRepartitioned && d.contains("active") && d["active"].is_array()) {
      Activity::Repartition r{e, {}};
      std::set<int> next;
      for (const Json& p : d["active"]) {
        if (!p.is_number_integer()) continue;
        next.insert(p.get<int>());
        activate(p.get<int>(), e->wall_micros);
        if (!routing.count(p.get<int>())) r.added.push_back(p.get<int>());
      }
      routing = std::move(next);
      a.repartitions.push_back(std::move(r));
    } else if (e->kind == events::kFinalStream && open.empty() && a.active.empty()) {
      // No earlier account of the partitions: those active at the end, since the start.
      for (const Json& part : d.value("partitions", Json::array())) {
        if (part.is_object() && part.value("status", std::string()) == "active" && part.contains("partitionId") &&
            part["partitionId"].is_number_integer()) {
          activate(part["partitionId"].get<int>(), s.start);
        }
      }
    }
  }
  for (const auto& [p, since] : open) a.active[p].push_back({since, std::max(s.end, since)});
  return a;
}

constexpr std::size_t kMaxFindings = 10;

void AddCapped(std::vector<Finding>& findings, std::size_t& total, Finding f) {
  ++total;
  if (findings.size() < kMaxFindings) findings.push_back(std::move(f));
}

std::string MoreNote(std::size_t total) {
  return total > kMaxFindings ? " (" + std::to_string(total) + " findings, the first " +
                                    std::to_string(kMaxFindings) + " shown)"
                              : "";
}

}  // namespace

Verdict CheckStream001(const PassView& pass) {
  const char* id = "CONF-STREAM-001";
  const StreamPass s = Collect(pass);
  const Activity a = PartitionActivity(pass, s);
  const auto settle = static_cast<std::int64_t>(pass.Setting("settleSeconds", 5) * 1e6);
  std::vector<int> owed;
  std::map<int, std::int64_t> since;
  for (const auto& [p, intervals] : a.active) {
    for (const auto& [from, until] : intervals) {
      if (until > s.start + settle && from <= s.end - settle) {
        owed.push_back(p);
        since[p] = from;
        break;
      }
    }
  }
  if (owed.empty()) return NotExercised(id, pass, "no partition of the stream was active after the settling time");
  std::vector<Finding> findings;
  for (int p : owed) {
    bool read = false;
    const Call* listed = nullptr;  // where the integration could have learned of it
    for (const StreamCall& c : s.calls) {
      if (c.call->wall_micros > s.end) break;
      if (c.kind == Kind::kRead && c.partition == p && IsSuccess(c.call->status)) read = true;
      if (c.kind == Kind::kList && listed == nullptr && IsSuccess(c.call->status) && c.call->response_json.is_array()) {
        for (const Json& stream : c.call->response_json) {
          if (!stream.is_object() || (!s.stream.empty() && stream.value("id", std::string()) != s.stream)) continue;
          for (const Json& part : stream.value("partitions", Json::array())) {
            if (part.is_object() && part.value("partitionId", -1) == p) listed = c.call;
          }
        }
      }
    }
    if (read) continue;
    Finding f;
    f.message = "partition " + std::to_string(p) + " (active from " + s.At(since[p]) + ") was never read" +
                (listed != nullptr ? "; listStreams showed it at " + s.At(listed->wall_micros) : "");
    if (listed != nullptr) f.seqs.push_back(listed->seq);
    f.expected = "a read of every active partition (learn them from listStreams) before the pass ends";
    findings.push_back(std::move(f));
  }
  return Judged(id, pass, std::to_string(owed.size()) + " active partitions", std::move(findings));
}

Verdict CheckStream002(const PassView& pass) {
  const char* id = "CONF-STREAM-002";
  const StreamPass s = Collect(pass);
  std::map<int, std::set<std::string>> given;
  std::vector<Finding> findings;
  std::size_t commits = 0, total = 0;
  for (const StreamCall& c : s.calls) {
    if (c.kind == Kind::kRead || c.kind == Kind::kSingle) {
      for (std::string& e : ReturnedIds(*c.call)) given[c.partition].insert(std::move(e));
    } else if (c.kind == Kind::kCommit) {
      ++commits;
      const std::string& position = c.positions[0];
      if (given[c.partition].count(position)) continue;
      AddCapped(findings, total,
                Finding{"commit of partition " + std::to_string(c.partition) + " to " + position + " at " +
                            s.At(c.call->wall_micros) + " (answered " + std::to_string(c.call->status) +
                            "): no read of that partition had returned that event",
                        {c.call->seq},
                        "the id of an event a read of partition " + std::to_string(c.partition) + " returned"});
    }
  }
  if (commits == 0) return NotExercised(id, pass, "no commit was made");
  return Judged(id, pass, std::to_string(commits) + " commits" + MoreNote(total), std::move(findings));
}

Verdict CheckStream003(const PassView& pass) {
  const char* id = "CONF-STREAM-003";
  const StreamPass s = Collect(pass);
  const auto interval = static_cast<std::int64_t>(pass.Setting("commitIntervalSeconds", 5) * 1e6);
  std::vector<Finding> findings;
  std::size_t reads = 0, total = 0;
  std::map<int, std::uint64_t> reported_until;  // one finding per stretch without a commit
  for (std::size_t i = 0; i < s.calls.size(); ++i) {
    const StreamCall& r = s.calls[i];
    if (r.kind != Kind::kRead || ReturnedIds(*r.call).empty()) continue;
    ++reads;
    if (r.call->seq < reported_until[r.partition]) continue;
    const std::int64_t got = r.call->answered_wall_micros();
    const std::int64_t deadline = got + interval;
    const Call* commit = nullptr;
    for (std::size_t j = i + 1; j < s.calls.size() && commit == nullptr; ++j) {
      const StreamCall& c = s.calls[j];
      // Any attempt: whether the platform took it is not the cadence's business (a
      // refused position is STREAM-002's).
      if (c.kind == Kind::kCommit && c.partition == r.partition) commit = c.call;
    }
    if (commit != nullptr && commit->wall_micros <= deadline) continue;
    // Excused only when the pass ended first: a restart is no excuse (commit before
    // exiting on SIGTERM, or soon after starting again; docs/rules/CONF-STREAM-003.md).
    if (s.EndIn(got, deadline)) continue;
    reported_until[r.partition] = commit != nullptr ? commit->seq : UINT64_MAX;
    Finding f;
    f.message = "partition " + std::to_string(r.partition) + ": a read at " + s.At(got) + " returned events; " +
                (commit != nullptr ? "the next commit came at " + s.At(commit->wall_micros)
                                   : std::string("no commit followed"));
    f.seqs.push_back(r.call->seq);
    if (commit != nullptr) f.seqs.push_back(commit->seq);
    f.expected = "a commit of the partition within " + std::to_string(interval / 1000000) +
                 " s of a read that returned events";
    AddCapped(findings, total, std::move(f));
  }
  if (reads == 0) return NotExercised(id, pass, "no read returned events");
  return Judged(id, pass, std::to_string(reads) + " reads returned events" + MoreNote(total), std::move(findings));
}

Verdict CheckStream004(const PassView& pass) {
  const char* id = "CONF-STREAM-004";
  const StreamPass s = Collect(pass);
  std::vector<const Event*> restarts;
  const Event* stopped = nullptr;
  for (const Event* e : pass.events) {
    if (e->kind == events::kIntegrationStopped && e->data.value("reason", std::string()) == "restart") stopped = e;
    if (e->kind == events::kIntegrationStarted && stopped != nullptr) {
      restarts.push_back(e);
      stopped = nullptr;
    }
  }
  if (restarts.empty()) return NotExercised(id, pass, "the integration was not restarted");
  std::vector<Finding> findings;
  std::size_t judged = 0;
  std::vector<std::string> unknown;
  for (std::size_t k = 0; k < restarts.size(); ++k) {
    const std::int64_t from = restarts[k]->wall_micros;
    const std::int64_t to = k + 1 < restarts.size() ? restarts[k + 1]->wall_micros : INT64_MAX;
    std::set<int> seen;
    for (const StreamCall& r : s.calls) {
      if (r.kind != Kind::kRead || r.call->wall_micros < from || r.call->wall_micros >= to) continue;
      if (!seen.insert(r.partition).second) continue;
      // The committed position: the last successful commit before the restart; else the
      // position listStreams showed before this read (nothing had moved it).
      const Call* commit = nullptr;
      const Call* listed = nullptr;
      std::string committed;
      for (const StreamCall& c : s.calls) {
        if (c.call->seq >= r.call->seq) break;
        if (c.kind == Kind::kCommit && c.partition == r.partition && IsSuccess(c.call->status)) {
          if (c.call->wall_micros < from) {
            commit = c.call;
            committed = c.positions[0];
          } else if (commit == nullptr) {
            break;  // moved after the restart: listings from here on no longer show the initial position
          }
        }
        if (commit == nullptr && c.kind == Kind::kList && IsSuccess(c.call->status) && c.call->response_json.is_array()) {
          for (const Json& stream : c.call->response_json) {
            if (!stream.is_object() || (!s.stream.empty() && stream.value("id", std::string()) != s.stream)) continue;
            for (const Json& part : stream.value("partitions", Json::array())) {
              if (part.is_object() && part.value("partitionId", -1) == r.partition && part.contains("position") &&
                  part["position"].is_string()) {
                listed = c.call;
                committed = part["position"].get<std::string>();
              }
            }
          }
        }
      }
      if (commit != nullptr) listed = nullptr;
      const std::string p = std::to_string(r.partition);
      if (commit == nullptr && listed == nullptr) {
        unknown.push_back(p);
        continue;
      }
      ++judged;
      if (r.positions.empty()) continue;  // read from the committed position
      const int cmp = Compare(r.positions[0], committed);
      if (cmp == 0) continue;
      Finding f;
      f.message = "partition " + p + ": the first read after the restart at " + s.At(from) + " " +
                  (r.positions.size() == 2 ? "is a range from " : "reads after ") + r.positions[0] +
                  ", but the committed position was " + committed + " (" +
                  (commit != nullptr ? "committed at " + s.At(commit->wall_micros) : "as listStreams showed it") +
                  "): " + (cmp < 0 ? "it re-reads events already processed" : "it skips events");
      f.seqs = {(commit != nullptr ? commit : listed)->seq, r.call->seq};
      f.expected = "the first read of each partition after a restart starts at its committed position";
      findings.push_back(std::move(f));
    }
  }
  std::string exercised = std::to_string(judged) + " partitions read after " + std::to_string(restarts.size()) +
                          (restarts.size() == 1 ? " restart" : " restarts");
  if (!unknown.empty()) {
    exercised += "; committed position unknown for partition";
    for (const std::string& p : unknown) exercised += " " + p;
  }
  if (judged == 0) return NotExercised(id, pass, exercised);
  return Judged(id, pass, exercised, std::move(findings));
}

Verdict CheckStream005(const PassView& pass) {
  const char* id = "CONF-STREAM-005";
  const StreamPass s = Collect(pass);
  const Activity a = PartitionActivity(pass, s);
  const auto window = static_cast<std::int64_t>(pass.Setting("repartitionReadSeconds", 6) * 1e6);
  std::vector<Finding> findings;
  std::size_t owed = 0;
  for (const Activity::Repartition& r : a.repartitions) {
    const std::int64_t at = r.event->wall_micros;
    for (int p : r.added) {
      ++owed;
      const Call* read = nullptr;
      for (const StreamCall& c : s.calls) {
        if (c.kind == Kind::kRead && c.partition == p && c.call->wall_micros >= at &&
            c.call->wall_micros <= at + window && (IsSuccess(c.call->status) || IsTransient(*c.call))) {
          read = c.call;
          break;
        }
      }
      if (read != nullptr || s.StopIn(at, at + window) != nullptr) continue;
      const Call* later = nullptr;
      for (const StreamCall& c : s.calls) {
        if (c.kind == Kind::kRead && c.partition == p && c.call->wall_micros > at + window) {
          later = c.call;
          break;
        }
      }
      Finding f;
      f.message = "partition " + std::to_string(p) + ", made active by the repartition at " + s.At(at) + ", " +
                  (later != nullptr ? "was first read at " + s.At(later->wall_micros) : std::string("was never read"));
      if (later != nullptr) f.seqs.push_back(later->seq);
      f.expected = "a read within " + std::to_string(window / 1000000) + " s of the repartition";
      findings.push_back(std::move(f));
    }
  }
  if (owed == 0) return NotExercised(id, pass, "no repartition made a partition active");
  return Judged(id, pass, std::to_string(owed) + " partitions made active by " +
                              std::to_string(a.repartitions.size()) + " repartition(s)",
                std::move(findings));
}

}  // namespace dscosim::conformance
