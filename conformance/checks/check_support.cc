#include "dscosim/conformance/checks/check_support.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "dscosim/conformance/events.h"
#include "dscosim/model/core/time.h"

namespace dscosim::conformance {

std::string RequestIdentity(const Call& call) {
  // Repeated parameters are sorted by value too, so their order does not matter.
  std::vector<std::pair<std::string, std::string>> query(call.query.begin(), call.query.end());
  std::sort(query.begin(), query.end());
  // nlohmann::json keeps object keys sorted, so dump() writes equal values equally.
  std::string key = call.method + ' ' + call.path + '?';
  for (const auto& [name, value] : query) {
    // Length-prefixed, so no value can fake a separator (and bytes need not be UTF-8).
    key += std::to_string(name.size()) + ':' + name + '=' + std::to_string(value.size()) + ':' + value + '&';
  }
  key += '\n';
  key += call.request_json.is_null() ? "text:" + call.request_text : "json:" + call.request_json.dump();
  return key;
}

bool SameRequest(const Call& a, const Call& b) { return RequestIdentity(a) == RequestIdentity(b); }

bool IsTransientStatus(int status) {
  switch (status) {
    case 0: case 408: case 429: case 500: case 502: case 503: case 504: return true;
    default: return false;
  }
}

bool IsSuccessStatus(int status) { return status >= 200 && status < 300; }

bool IsTokenRequest(const Call& call) { return call.route == kTokenRoute; }

std::set<std::string> FaultIdsOfKind(const PassView& pass, const std::string& kind) {
  std::set<std::string> ids;
  for (const Event* e : pass.EventsOf(events::kFaultInstalled)) {
    if (e->data.value("kind", std::string()) != kind) continue;
    const auto id = e->data.find("id");
    if (id == e->data.end()) continue;
    ids.insert(id->is_string() ? id->get<std::string>() : id->dump());
  }
  return ids;
}

const Event* StopBetween(const PassView& pass, std::int64_t from_wall, std::int64_t to_wall) {
  for (const Event* e : pass.events) {
    if (e->wall_micros < from_wall || e->wall_micros > to_wall) continue;
    if (e->kind == events::kIntegrationStopped || e->kind == events::kIntegrationExited ||
        e->kind == events::kPassEnd) {
      return e;
    }
  }
  return nullptr;
}

std::vector<const Event*> Restarts(const PassView& pass) {
  std::vector<const Event*> starts = pass.EventsOf(events::kIntegrationStarted);
  if (!starts.empty()) starts.erase(starts.begin());
  return starts;
}

std::int64_t PassStartWall(const PassView& pass) {
  if (const Event* e = pass.FirstEvent(events::kIntegrationStarted)) return e->wall_micros;
  if (!pass.calls.empty()) return pass.calls.front()->wall_micros;
  return 0;
}

std::string FormatOffset(std::int64_t wall_micros, std::int64_t start_wall) {
  const std::int64_t millis = (wall_micros - start_wall) / 1000;
  const std::int64_t magnitude = std::llabs(millis);
  char text[48];
  std::snprintf(text, sizeof text, "%c%lld.%03lld s", millis < 0 ? '-' : '+',
                static_cast<long long>(magnitude / 1000), static_cast<long long>(magnitude % 1000));
  return text;
}

std::string FormatMillis(std::int64_t micros) {
  const std::int64_t millis = (micros >= 0 ? micros + 500 : micros - 500) / 1000;
  return std::to_string(millis) + " ms";
}

std::string DescribeCall(const Call& call, std::int64_t start_wall) {
  constexpr std::size_t kMaxTarget = 160;
  std::string target = call.target;
  if (target.size() > kMaxTarget) target = target.substr(0, kMaxTarget) + "...";
  const std::string status = call.status == 0 ? "dropped" : std::to_string(call.status);
  return "#" + std::to_string(call.seq) + ' ' + call.method + ' ' + target + " -> " + status + " at " +
         FormatOffset(call.wall_micros, start_wall);
}

std::vector<std::uint64_t> Seqs(const std::vector<const Call*>& calls) {
  std::vector<std::uint64_t> seqs;
  for (const Call* c : calls) {
    if (seqs.size() == kMaxSeqs) break;
    seqs.push_back(c->seq);
  }
  return seqs;
}

bool MovedOn(const PassView& pass, const Call& failed, std::int64_t before_wall) {
  for (const Call* c : pass.calls) {
    if (c->wall_micros <= failed.answered_wall_micros() || c->wall_micros >= before_wall) continue;
    const bool same_operation = failed.route.empty() ? c->path == failed.path : c->route == failed.route;
    if (same_operation && c->method == failed.method && !SameRequest(*c, failed)) return true;
  }
  return false;
}

std::string JsonText(const Json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  if (it == j.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
  return "";
}

std::optional<std::int64_t> JsonTimeMicros(const Json& j, const char* key) {
  const std::string text = JsonText(j, key);
  if (text.empty()) return std::nullopt;
  auto t = ParseIso8601(text, key);
  if (!t.ok()) return std::nullopt;
  return MicrosOf(*t);
}

VirtualSpan PassVirtualSpan(const PassView& pass) {
  std::optional<std::int64_t> start, end;
  const auto widen = [&](std::int64_t micros) {
    if (!start || micros < *start) start = micros;
    if (!end || micros > *end) end = micros;
  };
  for (const Event* e : pass.events) widen(e->virtual_micros);
  for (const Call* c : pass.calls) widen(c->virtual_micros);
  VirtualSpan span{start.value_or(0), end.value_or(0)};
  if (const Event* e = pass.FirstEvent(events::kIntegrationStarted)) span.start = e->virtual_micros;
  if (const Event* e = pass.FirstEvent(events::kPassEnd)) span.end = e->virtual_micros;
  return span;
}

}  // namespace dscosim::conformance
