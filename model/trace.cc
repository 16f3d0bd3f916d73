#include "model/trace.h"

#include <utility>

namespace dscosim {

const TraceEvent& Trace::Append(Time time, std::string actor, std::string kind,
                                nlohmann::json payload) {
  TraceEvent event{time, total_ + 1, std::move(actor), std::move(kind), std::move(payload)};
  hash_ = Fnv1a64(ToJsonLine(event) + "\n", hash_);
  ++total_;
  events_.push_back(std::move(event));
  if (retention_ != 0 && events_.size() > retention_) events_.pop_front();
  return events_.back();
}

std::string Trace::ToJsonLine(const TraceEvent& event) {
  // nlohmann::json objects are std::maps: keys come out sorted.
  nlohmann::json line = {
      {"seq", event.sequence},
      {"time", FormatIso8601Millis(event.time)},
      {"timeMicros", MicrosOf(event.time)},
      {"actor", event.actor},
      {"kind", event.kind},
      {"payload", event.payload},
  };
  // Stores refuse invalid UTF-8 in what they accept, but identifiers that match nothing
  // can still reach a payload: replace bad bytes instead of throwing.
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace dscosim
