#include "dscosim/model/core/trace.h"

#include <utility>

namespace dscosim {

namespace {

// A string as nlohmann::json dumps it (no ASCII escaping, bad UTF-8 replaced). Plain
// printable ASCII, which ids, kinds and times are, is copied as is; anything else takes
// the library's own path, so the bytes cannot differ.
void AppendJsonString(std::string& out, const std::string& text) {
  bool plain = true;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f || c == '"' || c == '\\') {
      plain = false;
      break;
    }
  }
  if (plain) {
    out += '"';
    out += text;
    out += '"';
  } else {
    out += nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
}

}  // namespace

const TraceEvent& Trace::Append(Time time, std::string actor, std::string kind,
                                nlohmann::json payload) {
  TraceEvent event{time, total_ + 1, std::move(actor), std::move(kind), std::move(payload)};
  hash_ = Fnv1a64("\n", Fnv1a64(ToJsonLine(event), hash_));
  ++total_;
  if (retention_ != 0 && events_.size() >= retention_) events_.pop_front();
  events_.push_back(std::move(event));
  return events_.back();
}

std::string Trace::ToJsonLine(const TraceEvent& event) {
  // The bytes of a json object {actor, kind, payload, seq, time, timeMicros} dumped
  // with sorted keys and no whitespace, written directly rather than by building that
  // object, which copied the whole payload. Stores refuse invalid UTF-8 in what they
  // accept, but identifiers that match nothing can still reach a payload: bad bytes are
  // replaced instead of throwing.
  std::string line;
  line.reserve(128);
  line += "{\"actor\":";
  AppendJsonString(line, event.actor);
  line += ",\"kind\":";
  AppendJsonString(line, event.kind);
  line += ",\"payload\":";
  line += event.payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  line += ",\"seq\":";
  line += std::to_string(event.sequence);
  line += ",\"time\":";
  AppendJsonString(line, FormatIso8601Millis(event.time));
  line += ",\"timeMicros\":";
  line += std::to_string(MicrosOf(event.time));
  line += '}';
  return line;
}

}  // namespace dscosim
