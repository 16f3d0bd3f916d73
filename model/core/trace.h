// The trace: every domain event, in order, as stable JSON lines with a running hash.
//
// Each event records the virtual time, a sequence number (1, 2, ...), the actor (an
// account id, or "platform" for what the platform does on its own), a kind such as
// "conversation.created", and a JSON payload. The serialised line has sorted keys and
// no whitespace, so the same events always give the same bytes, and the running hash
// (FNV-1a 64 over every line and its newline) is the run's fingerprint: the same seed
// and the same requests must give the same hash on every machine and compiler.
//
// Serialising never throws: bytes that are not valid UTF-8 become U+FFFD.
//
// Memory: all events are hashed, but only the newest `retention` are kept (0 keeps all).
#ifndef DSCOSIM_MODEL_CORE_TRACE_H_
#define DSCOSIM_MODEL_CORE_TRACE_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>

#include <nlohmann/json.hpp>

#include "dscosim/model/core/hash.h"
#include "dscosim/model/core/time.h"

namespace dscosim {

inline constexpr char kPlatformActor[] = "platform";

struct TraceEvent {
  Time time;
  std::uint64_t sequence = 0;
  std::string actor;
  std::string kind;
  nlohmann::json payload;
};

class Trace {
 public:
  explicit Trace(std::size_t retention = 0) : retention_(retention) {}

  const TraceEvent& Append(Time time, std::string actor, std::string kind,
                           nlohmann::json payload);

  // {"actor":...,"kind":...,"payload":...,"seq":N,"time":"...Z","timeMicros":N}
  static std::string ToJsonLine(const TraceEvent& event);

  std::uint64_t hash() const { return hash_; }
  std::string hash_hex() const { return Hex64(hash_); }
  // Events ever appended (not only the retained ones).
  std::uint64_t total() const { return total_; }
  const std::deque<TraceEvent>& retained() const { return events_; }

 private:
  std::size_t retention_;
  std::deque<TraceEvent> events_;
  std::uint64_t total_ = 0;
  std::uint64_t hash_ = kFnv1a64Offset;
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CORE_TRACE_H_
