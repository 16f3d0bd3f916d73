// The control API under /_dscosim (docs/control-api.md): clock, world, reset, snapshots,
// faults, tokens, history, counters, trace, tenants, and the large-batch upload target.
#include <algorithm>

#include "dscosim/fakes/api_common.h"
#include "dscosim/fakes/world_json.h"
#include "dscosim/model/core/json_fields.h"

namespace dscosim::fakes {
namespace {

HttpResponse Ok(const Json& body) { return HttpResponse::JsonBody(200, body); }

Result<Json> OptionalBody(const ApiCall& call) {
  if (call.request.body.empty()) return Json::object();
  return call.BodyJson();
}

// History and trace sequence numbers and limits: 18 digits, as before.
constexpr std::size_t kMaxQueryCount = 999'999'999'999'999'999;

HttpResponse GetClock(ApiCall& call) { return Ok(call.tenant.ClockJson()); }

HttpResponse AdvanceClock(ApiCall& call) {
  auto body = OptionalBody(call);
  if (!body.ok()) return Fail(body.status());
  auto seconds = OptNumber(*body, "seconds");
  if (!seconds.ok()) return Fail(seconds.status());
  auto to = OptTime(*body, "to");
  if (!to.ok()) return Fail(to.status());
  Time target = call.world().now();
  if (*seconds) {
    // A century is plenty and keeps the microsecond arithmetic far from overflow.
    if (!(**seconds >= 0 && **seconds <= 3.2e9)) {
      return Fail(InvalidArgument("seconds", "must be between 0 and 3.2e9"));
    }
    target += std::chrono::microseconds(static_cast<std::int64_t>(**seconds * 1e6));
  } else if (*to) {
    if (**to < target) return Fail(InvalidArgument("to", "is before the clock's now; the clock never goes back"));
    target = **to;
  } else {
    return Fail(InvalidArgument("seconds", "give seconds (or to, an ISO-8601 time)"));
  }
  const Status s = call.world().AdvanceTo(target);
  if (!s.ok()) return Fail(s);
  call.tenant.Reanchor();
  return Ok(call.tenant.ClockJson());
}

HttpResponse SetClockMode(ApiCall& call) {
  auto body = call.BodyJson();
  if (!body.ok()) return Fail(body.status());
  auto mode = ReqString(*body, "mode");
  if (!mode.ok()) return Fail(mode.status());
  if (*mode != "manual" && *mode != "realtime") {
    return Fail(InvalidArgument("mode", "must be manual or realtime"));
  }
  auto speed = OptNumber(*body, "speed");
  if (!speed.ok()) return Fail(speed.status());
  const double s = speed->value_or(call.tenant.options.speed);
  if (s <= 0 || s > 100000) return Fail(InvalidArgument("speed", "must be above 0 and at most 100000"));
  call.tenant.SetMode(*mode == "manual" ? ClockMode::kManual : ClockMode::kRealtime, s);
  return Ok(call.tenant.ClockJson());
}

HttpResponse Reset(ApiCall& call) {
  call.tenant.Reset();
  return Ok({{"reset", true}, {"clock", call.tenant.ClockJson()}, {"accounts", AccountsJson(call.world())}});
}

HttpResponse LoadWorld(ApiCall& call) {
  auto body = call.BodyJson();
  if (!body.ok()) return Fail(body.status());
  WorldOptions wo = call.tenant.options.world_options;
  wo.seed = call.tenant.options.seed;
  auto world = BuildTenantWorld(*body, wo);
  if (!world.ok()) return Fail(world.status());
  call.tenant.options.world = *body;
  call.tenant.Reset();
  return Ok({{"accounts", AccountsJson(call.world())},
             {"accountKeys", call.tenant.account_keys},
             {"seed", call.world().seed()},
             {"clock", call.tenant.ClockJson()}});
}

HttpResponse GetWorld(ApiCall& call) {
  return Ok({{"seed", call.world().seed()},
             {"accounts", AccountsJson(call.world())},
             {"accountKeys", call.tenant.account_keys}});
}

HttpResponse TakeSnapshot(ApiCall& call) {
  auto body = OptionalBody(call);
  if (!body.ok()) return Fail(body.status());
  auto name = OptString(*body, "name");
  if (!name.ok()) return Fail(name.status());
  const std::string id = name->value_or("snapshot-" + std::to_string(call.tenant.snapshots.size() + 1));
  call.tenant.snapshots.insert_or_assign(id, Tenant::Snapshot{call.world(), call.tenant.tokens});
  return HttpResponse::JsonBody(201, {{"name", id}, {"clock", call.tenant.ClockJson()}});
}

HttpResponse ListSnapshots(ApiCall& call) {
  Json names = Json::array();
  for (const auto& [name, snap] : call.tenant.snapshots) {
    names.push_back({{"name", name}, {"now", FormatIso8601(snap.world.now())}});
  }
  return Ok({{"snapshots", names}});
}

HttpResponse RestoreSnapshot(ApiCall& call) {
  const auto it = call.tenant.snapshots.find(call.params[0]);
  if (it == call.tenant.snapshots.end()) return Fail(NotFound("name", "no snapshot " + call.params[0]));
  call.world() = it->second.world;
  call.tenant.tokens = it->second.tokens;
  call.tenant.Reanchor();
  call.tenant.export_blocked = "snapshot " + call.params[0] + " was restored";
  return Ok({{"restored", call.params[0]}, {"clock", call.tenant.ClockJson()}});
}

HttpResponse ListFaults(ApiCall& call) {
  Json list = Json::array();
  for (const FaultRule& f : call.tenant.faults) list.push_back(f.ToJson());
  return Ok({{"faults", list}});
}

HttpResponse AddFault(ApiCall& call) {
  auto body = call.BodyJson();
  if (!body.ok()) return Fail(body.status());
  auto rule = FaultRule::FromJson(*body, "fault-" + std::to_string(call.tenant.next_fault_id));
  if (!rule.ok()) return Fail(rule.status());
  ++call.tenant.next_fault_id;
  call.tenant.faults.push_back(*rule);
  return HttpResponse::JsonBody(201, rule->ToJson());
}

HttpResponse DeleteFault(ApiCall& call) {
  auto& faults = call.tenant.faults;
  const auto it = std::find_if(faults.begin(), faults.end(),
                               [&](const FaultRule& f) { return f.id == call.params[0]; });
  if (it == faults.end()) return Fail(NotFound("id", "no fault rule " + call.params[0]));
  faults.erase(it);
  return Ok({{"deleted", call.params[0]}});
}

HttpResponse ClearFaults(ApiCall& call) {
  const std::size_t n = call.tenant.faults.size();
  call.tenant.faults.clear();
  return Ok({{"deleted", n}});
}

HttpResponse ExpireTokens(ApiCall& call) {
  auto body = OptionalBody(call);
  if (!body.ok()) return Fail(body.status());
  auto account = OptString(*body, "account");
  if (!account.ok()) return Fail(account.status());
  const int n = call.tenant.tokens.ExpireAll(call.world().now(), account->value_or(""));
  return Ok({{"expired", n}});
}

HttpResponse GetHistory(ApiCall& call) {
  auto since = QueryCount(call.request, "since", 0, 0, kMaxQueryCount);
  if (!since.ok()) return Fail(since.status());
  auto limit = QueryCount(call.request, "limit", 1000, 0, kMaxQueryCount);
  if (!limit.ok()) return Fail(limit.status());
  const bool jsonl = call.request.Query("format").value_or("") == "jsonl";
  Json list = Json::array();
  std::string lines;
  for (const Exchange& e : call.tenant.history) {
    if (e.sequence <= *since) continue;
    if (list.size() >= *limit) break;
    const Json j = e.ToJson();
    if (jsonl) {
      lines += j.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
    }
    list.push_back(j);
  }
  if (jsonl) {
    HttpResponse r = HttpResponse::Text(200, lines);
    r.content_type = "application/x-ndjson";
    return r;
  }
  return Ok({{"exchanges", list}, {"total", call.tenant.exchanges}});
}

HttpResponse GetCounters(ApiCall& call) {
  Json counters = Json::object();
  for (const auto& [key, n] : call.tenant.counters) counters[key] = n;
  return Ok({{"counters", counters},
             {"exchanges", call.tenant.exchanges},
             {"traceEvents", call.world().trace().total()},
             {"traceHash", call.world().trace().hash_hex()},
             {"domainEvents", call.world().events_published()}});
}

HttpResponse GetTrace(ApiCall& call) {
  auto since = QueryCount(call.request, "since", 0, 0, kMaxQueryCount);
  if (!since.ok()) return Fail(since.status());
  std::string lines;
  for (const TraceEvent& e : call.world().trace().retained()) {
    if (e.sequence > *since) lines += Trace::ToJsonLine(e) + "\n";
  }
  HttpResponse r = HttpResponse::Text(200, lines);
  r.content_type = "application/x-ndjson";
  return r;
}

HttpResponse Upload(ApiCall& call) {
  auto receipt = call.world().batches().Upload(call.params[0], call.request.body);
  if (!receipt.ok()) return Fail(receipt.status());
  call.tenant.export_blocked = "a large batch was uploaded to its dataUrl";
  return Ok({{"requestId", receipt->request_id}, {"objects", receipt->objects}});
}

}  // namespace

void AddControlRoutes(std::vector<Route>& routes) {
  routes.push_back(ControlRoute("GET", {"clock"}, "clock", GetClock));
  routes.push_back(ControlRoute("POST", {"clock", "advance"}, "advance", AdvanceClock));
  routes.push_back(ControlRoute("POST", {"clock", "mode"}, "mode", SetClockMode));
  routes.push_back(ControlRoute("PUT", {"clock", "mode"}, "mode", SetClockMode));
  routes.push_back(ControlRoute("POST", {"reset"}, "reset", Reset));
  routes.push_back(ControlRoute("GET", {"world"}, "world", GetWorld));
  routes.push_back(ControlRoute("POST", {"world"}, "load_world", LoadWorld));
  routes.push_back(ControlRoute("PUT", {"world"}, "load_world", LoadWorld));
  routes.push_back(ControlRoute("GET", {"snapshots"}, "snapshots", ListSnapshots));
  routes.push_back(ControlRoute("POST", {"snapshots"}, "snapshot", TakeSnapshot));
  routes.push_back(ControlRoute("POST", {"snapshots", "{}", "restore"}, "restore", RestoreSnapshot));
  routes.push_back(ControlRoute("GET", {"faults"}, "faults", ListFaults));
  routes.push_back(ControlRoute("POST", {"faults"}, "add_fault", AddFault));
  routes.push_back(ControlRoute("DELETE", {"faults"}, "clear_faults", ClearFaults));
  routes.push_back(ControlRoute("DELETE", {"faults", "{}"}, "delete_fault", DeleteFault));
  routes.push_back(ControlRoute("POST", {"tokens", "expire"}, "expire_tokens", ExpireTokens));
  routes.push_back(ControlRoute("GET", {"history"}, "history", GetHistory));
  routes.push_back(ControlRoute("GET", {"counters"}, "counters", GetCounters));
  routes.push_back(ControlRoute("GET", {"trace"}, "trace", GetTrace));
  // The large-batch dataUrl: PUT JSON Lines, up to 2 GB, no token (it is the credential).
  routes.push_back(ControlRoute("PUT", {"upload", "{}"}, "upload", Upload, std::size_t{2} << 30));
  AddScenarioControlRoutes(routes);
}

HttpResponse Api::HandleControl(Tenant* tenant, HttpRequest& request,
                                std::vector<std::string> segments, const std::string& base_url) {
  // Tenants are managed on the server, not inside one.
  if (!segments.empty() && segments[0] == "tenants") {
    if (request.method == "GET" && segments.size() == 1) {
      Json list = Json::array();
      std::lock_guard<std::mutex> lock(tenants_mu_);
      for (const auto& [name, t] : tenants_) list.push_back(name);
      return HttpResponse::JsonBody(200, {{"tenants", list}});
    }
    if (request.method == "POST" && segments.size() == 1) {
      auto parsed = request.body.empty() ? Result<Json>(Json::object()) : ParseJsonBody(request.body);
      if (!parsed.ok() || !parsed->is_object()) {
        return Fail(InvalidArgument("", "the body must be a JSON object"));
      }
      const Json& body = *parsed;
      TenantOptions options = options_.tenant_template;
      auto name = ReqString(body, "name");
      if (!name.ok()) return Fail(name.status());
      if (name->empty() || name->find('/') != std::string::npos) {
        return Fail(InvalidArgument("name", "must be a non-empty name without '/'"));
      }
      options.name = *name;
      auto seed = OptInt(body, "seed");
      if (!seed.ok()) return Fail(seed.status());
      if (*seed) options.seed = static_cast<std::uint64_t>(**seed);
      auto rate_limits = OptBool(body, "rateLimits");
      if (!rate_limits.ok()) return Fail(rate_limits.status());
      if (*rate_limits) options.rate_limits = **rate_limits;
      if (body.contains("world")) options.world = body["world"];
      auto mode = OptString(body, "mode");
      if (!mode.ok()) return Fail(mode.status());
      if (*mode && **mode != "manual" && **mode != "realtime") {
        return Fail(InvalidArgument("mode", "must be manual or realtime"));
      }
      if (*mode) options.mode = **mode == "manual" ? ClockMode::kManual : ClockMode::kRealtime;
      auto created = Tenant::Create(options);
      if (!created.ok()) return Fail(created.status());
      Json accounts = AccountsJson((*created)->world);
      const Status added = AddTenant(std::move(*created));
      if (!added.ok()) return Fail(added);
      const std::string root = base_url + "/t/" + PercentEncode(*name);
      return HttpResponse::JsonBody(201, {{"name", *name},
                                          {"apiUrl", root + "/api/v3"},
                                          {"controlUrl", root + "/_dscosim"},
                                          {"accounts", accounts}});
    }
    if (request.method == "DELETE" && segments.size() == 2) {
      if (segments[1] == "default") return Fail(InvalidArgument("name", "the default tenant stays"));
      std::shared_ptr<Tenant> doomed;  // freed after the map's lock, so routing never waits on it
      {
        std::lock_guard<std::mutex> lock(tenants_mu_);
        const auto it = tenants_.find(segments[1]);
        if (it == tenants_.end()) return Fail(NotFound("name", "no tenant " + segments[1]));
        doomed = std::move(it->second);
        tenants_.erase(it);
      }
      return HttpResponse::JsonBody(200, {{"deleted", segments[1]}});
    }
    return Fail(NotFound("", "no such control route"));
  }
  if (tenant == nullptr) return Fail(NotFound("tenant", "no such tenant"));
  std::vector<std::string> params;
  for (const Route& r : control_routes_) {
    if (r.method != request.method || r.pattern.size() != segments.size()) continue;
    params.clear();
    bool match = true;
    for (std::size_t i = 0; i < segments.size() && match; ++i) {
      if (r.pattern[i] == "{}") {
        params.push_back(segments[i]);
      } else {
        match = r.pattern[i] == segments[i];
      }
    }
    if (!match) continue;
    if (request.body.size() > r.max_body) return Fail(TooLarge("", "the body is too large"));
    std::lock_guard<std::mutex> lock(tenant->mu);
    tenant->SyncClock();
    ApiCall call{*tenant, request, params, "", base_url};
    return RunHandler(r, call);
  }
  return Fail(NotFound("", "no such control route: " + request.method + " /_dscosim/" +
                               (segments.empty() ? "" : segments[0])));
}

}  // namespace dscosim::fakes
