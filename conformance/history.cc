#include "dscosim/conformance/history.h"

#include <algorithm>
#include <string_view>

#include "dscosim/fakes/http.h"

namespace dscosim::conformance {
namespace {

Json ParseOrNull(const std::string& text) {
  if (text.empty()) return nullptr;
  Json parsed = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? Json(nullptr) : parsed;
}

std::string StringField(const Json& j, const char* name) {
  auto it = j.find(name);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::int64_t IntField(const Json& j, const char* name) {
  auto it = j.find(name);
  return it != j.end() && it->is_number() ? it->get<std::int64_t>() : 0;
}

}  // namespace

std::string Call::Query(const std::string& name) const {
  auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}

Result<Call> CallFromExchange(const Json& exchange, int pass) {
  if (!exchange.is_object()) return InvalidArgument("", "an exchange is a JSON object");
  Call c;
  c.pass = pass;
  c.seq = static_cast<std::uint64_t>(IntField(exchange, "seq"));
  c.wall_micros = IntField(exchange, "wallMicros");
  c.duration_micros = IntField(exchange, "durationMicros");
  c.virtual_micros = IntField(exchange, "virtualMicros");
  c.method = StringField(exchange, "method");
  c.target = StringField(exchange, "target");
  c.route = StringField(exchange, "route");
  c.account = StringField(exchange, "account");
  c.token = StringField(exchange, "token");
  c.fault = StringField(exchange, "fault");
  c.status = static_cast<int>(IntField(exchange, "status"));
  if (auto h = exchange.find("requestHeaders"); h != exchange.end() && h->is_object()) {
    c.authorization = StringField(*h, "authorization");
  }
  c.request_text = StringField(exchange, "requestBody");
  c.response_text = StringField(exchange, "responseBody");
  c.request_json = ParseOrNull(c.request_text);
  c.response_json = ParseOrNull(c.response_text);

  fakes::HttpRequest parsed;
  if (Status s = fakes::ParseTarget(c.target, parsed); !s.ok()) {
    return InvalidArgument("target", "cannot parse \"" + c.target + "\"");
  }
  c.query = parsed.query;
  std::vector<std::string> segments = parsed.segments;
  if (segments.size() >= 2 && segments[0] == "t") segments.erase(segments.begin(), segments.begin() + 2);
  if (segments.size() >= 2 && segments[0] == "api" && segments[1] == "v3") {
    segments.erase(segments.begin(), segments.begin() + 2);
  }
  for (const std::string& s : segments) c.path += "/" + s;
  if (c.path.empty()) c.path = "/";
  return c;
}

Result<History> ParseHistory(std::istream& in) {
  History h;
  std::string line;
  int number = 0;
  bool plain = false;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto where = [&](const std::string& what) {
      return InvalidArgument("", "line " + std::to_string(number) + ": " + what);
    };
    Json j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) return where("not a JSON object");
    const std::string type = StringField(j, "type");
    const int pass = j.contains("pass") && j["pass"].is_number_integer() ? j["pass"].get<int>() : 1;
    if (type == "run") {
      h.run = j;
    } else if (type == "pass") {
      PassInfo p;
      p.pass = pass;
      p.compat_extra_fields = j.value("compatExtraFields", false);
      p.account_id = StringField(j, "accountId");
      p.settings = j.value("settings", Json::object());
      h.passes.push_back(std::move(p));
    } else if (type == "event") {
      Event e;
      e.pass = pass;
      e.kind = StringField(j, "kind");
      e.wall_micros = IntField(j, "wallMicros");
      e.virtual_micros = IntField(j, "virtualMicros");
      e.data = j.value("data", Json::object());
      if (e.kind.empty()) return where("an event needs a kind");
      h.events.push_back(std::move(e));
    } else if (type == "exchange" || (type.empty() && j.contains("seq") && j.contains("target"))) {
      if (type.empty()) plain = true;
      auto call = CallFromExchange(j, pass);
      if (!call.ok()) return where(call.status().message());
      h.calls.push_back(std::move(*call));
    } else {
      return where("unknown line type \"" + type + "\"");
    }
  }
  if (h.passes.empty() && (plain || !h.calls.empty())) h.passes.push_back(PassInfo{});
  std::sort(h.passes.begin(), h.passes.end(),
            [](const PassInfo& a, const PassInfo& b) { return a.pass < b.pass; });
  std::stable_sort(h.calls.begin(), h.calls.end(), [](const Call& a, const Call& b) {
    return a.pass != b.pass ? a.pass < b.pass : a.seq < b.seq;
  });
  std::stable_sort(h.events.begin(), h.events.end(), [](const Event& a, const Event& b) {
    return a.pass != b.pass ? a.pass < b.pass : a.wall_micros < b.wall_micros;
  });
  return h;
}

Json RunLine(const Json& run) {
  Json j = run;
  j["type"] = "run";
  return j;
}

Json PassLine(const PassInfo& pass) {
  return Json{{"type", "pass"},
              {"pass", pass.pass},
              {"compatExtraFields", pass.compat_extra_fields},
              {"accountId", pass.account_id},
              {"settings", pass.settings}};
}

Json EventLine(const Event& event) {
  return Json{{"type", "event"},           {"pass", event.pass},
              {"kind", event.kind},        {"wallMicros", event.wall_micros},
              {"virtualMicros", event.virtual_micros}, {"data", event.data}};
}

}  // namespace dscosim::conformance
