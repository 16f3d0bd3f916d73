#include "dscosim/fakes/scenario_export.h"

#include <string>
#include <vector>

#include "dscosim/fakes/api.h"
#include "dscosim/fakes/http.h"

namespace dscosim::fakes {
namespace {

using Json = nlohmann::json;

Status Blocked(const std::string& why) {
  return FailedPrecondition("history", why + ", so no scenario file can rebuild this state; "
                                            "reset or load the world, then act again");
}

// The route that served the request: the first, in matching order, of that name and
// method whose pattern takes its path (a stream position sent with its slashes
// unencoded is another pattern of the same operation).
const Route* RouteOf(const Exchange& e, const std::vector<std::string>& segments,
                     std::vector<std::string>& params) {
  for (const Route& r : V3Routes()) {
    params.clear();
    if (r.name == e.route && r.method == e.method && MatchesRoute(r.pattern, segments, params)) return &r;
  }
  return nullptr;
}

// Whether any string in `value` (keys included) holds "{{", which a replay would read
// as a variable.
bool HasBraces(const Json& value) {
  if (value.is_string()) return value.get_ref<const std::string&>().find("{{") != std::string::npos;
  if (value.is_object()) {
    for (const auto& [k, v] : value.items()) {
      if (k.find("{{") != std::string::npos || HasBraces(v)) return true;
    }
  }
  if (value.is_array()) {
    for (const Json& v : value) {
      if (HasBraces(v)) return true;
    }
  }
  return false;
}

// The exchange's path under /api/v3 (a tenant's /t/NAME prefix dropped), parsed.
Result<HttpRequest> RequestOf(const Exchange& e) {
  HttpRequest request;
  DSCOSIM_RETURN_IF_ERROR(ParseTarget(e.target, request));
  std::vector<std::string>& s = request.segments;
  if (s.size() >= 2 && s[0] == "t") s.erase(s.begin(), s.begin() + 2);
  if (s.size() >= 2 && s[0] == "api" && s[1] == "v3") s.erase(s.begin(), s.begin() + 2);
  return request;
}

std::string ContentType(const Exchange& e) {
  if (!e.request_headers.contains("content-type")) return "";
  std::string type = e.request_headers["content-type"].get<std::string>();
  type = type.substr(0, type.find(';'));
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type;
}

// One call step, or why the exchange cannot be one.
Result<Json> StepOf(const Exchange& e, const std::map<std::string, std::string>& key_of) {
  const std::string where = "exchange " + std::to_string(e.sequence) + " (" + e.route + ")";
  if (e.request_body.size() >= Exchange::kBodyLimit) {
    return Blocked(where + " has a body longer than the history keeps");
  }
  DSCOSIM_ASSIGN_OR_RETURN(const HttpRequest request, RequestOf(e));
  std::vector<std::string> params;
  const Route* route = RouteOf(e, request.segments, params);
  if (route == nullptr) return Blocked(where + " does not match its route");
  Json step = {{"at", FormatIso8601Exact(TimeFromMicros(e.virtual_micros))}};
  if (!e.account.empty()) {
    const auto key = key_of.find(e.account);
    step["as"] = key != key_of.end() ? key->second : e.account;
  }
  step["op"] = e.route;
  if (!params.empty()) step["params"] = params;
  if (!request.query.empty()) step["query"] = PairsToJson(request.query);
  if (!e.request_body.empty()) {
    const std::string type = ContentType(e);
    if (type == "application/x-www-form-urlencoded") {
      DSCOSIM_ASSIGN_OR_RETURN(const auto form, ParseForm(e.request_body));
      step["form"] = PairsToJson(form);
      for (const auto& [k, v] : step["form"].items()) {
        // A scenario's form has one value per field.
        if (v.is_array()) return Blocked(where + " repeats the form field " + k);
      }
    } else {
      Json body = Json::parse(e.request_body, nullptr, false);
      // A scenario sends JSON bodies only: text that does not parse cannot be replayed.
      if (body.is_discarded()) return Blocked(where + " has a body that is not JSON");
      step["body"] = std::move(body);
    }
  }
  if (route->auth && e.account.empty()) step["auth"] = false;
  if (HasBraces(step)) return Blocked(where + " holds \"{{\", which a replay would read as a variable");
  step["expect"] = {{"status", e.handled_status}};
  return step;
}

}  // namespace

Result<Json> ExportScenario(const Tenant& tenant) {
  if (!tenant.export_blocked.empty()) return Blocked(tenant.export_blocked);
  if (tenant.request_hook) return Blocked("a conformance driver acts on this tenant's world");
  const std::uint64_t first = tenant.world_built_after + 1;
  if (first <= tenant.exchanges &&
      (tenant.history.empty() || tenant.history.front().sequence > first)) {
    return Blocked("exchanges since the world was built have left the in-memory history");
  }
  std::map<std::string, std::string> key_of;  // dscoAccountId -> world-file key
  for (const auto& [key, id] : tenant.account_keys) key_of[id] = key;

  Json steps = Json::array();
  std::size_t left_out = 0;
  for (const Exchange& e : tenant.history) {
    if (e.sequence < first) continue;
    if (!e.handled || e.route == "getAccessToken") {
      ++left_out;
      continue;
    }
    DSCOSIM_ASSIGN_OR_RETURN(Json step, StepOf(e, key_of));
    steps.push_back(std::move(step));
  }
  steps.push_back({{"advance", {{"to", FormatIso8601Exact(tenant.world.now())}}}});

  Json world = tenant.options.world.value_or(Json{{"demo", true}});
  world.erase("seed");  // the scenario's seed is the world's
  return Json{{"dscosimScenario", 1},
              {"name", "export of tenant " + tenant.options.name},
              {"description", std::to_string(steps.size() - 1) + " API requests since the world was built, " +
                                  std::to_string(left_out) +
                                  " left out (token requests, and requests refused before their handler)"},
              {"seed", tenant.world.seed()},
              {"world", std::move(world)},
              {"steps", std::move(steps)}};
}

}  // namespace dscosim::fakes
