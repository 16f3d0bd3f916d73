// What every profile does to the integration: transient faults, one refusal, an outage,
// a restart and a token expiry (conformance/README.md, "What every profile does").
#include <chrono>
#include <string>

#include "dscosim/conformance/events.h"
#include "dscosim/conformance/profile.h"
#include "dscosim/model/core/time.h"

namespace dscosim::conformance {
namespace {

// Installs a fault rule on the integration's account; returns its id.
std::string InstallFault(DriverContext& ctx, Json rule, const std::string& kind) {
  std::string id;
  ctx.WithTenant([&](fakes::Tenant& t) {
    rule["account"] = ctx.AccountId(ctx.settings().value("integrationAccount", ""));
    auto parsed = fakes::FaultRule::FromJson(rule, "conform-" + kind + "-" + std::to_string(t.next_fault_id++));
    if (!parsed.ok()) return;
    id = parsed->id;
    t.faults.push_back(*parsed);
  });
  Json data = rule;
  data["pathPrefix"] = rule.value("path", "");
  data.erase("path");
  data["id"] = id;
  data["kind"] = kind;
  ctx.Record(events::kFaultInstalled, std::move(data));
  return id;
}

std::string IsoAfter(DriverContext& ctx, double seconds) {
  return FormatIso8601Millis(TimeFromMicros(ctx.NowVirtualMicros() + static_cast<std::int64_t>(seconds * 1e6)));
}

}  // namespace

Json CommonSettings() {
  return Json{{"transientAt", {3.0, 4.0, 5.0, 6.0, 13.0, 14.0}},
              {"transientStatuses", {500, 429, 408, 502, 503, 504}},
              {"transientLiveSeconds", 1.0},
              {"refusalAt", 7.5},
              {"outageFrom", 9.0},
              {"outageSeconds", 2.5},
              {"restartFrom", 15.0},
              {"restartTo", 17.0},
              {"tokenExpiryAt", 20.0},
              {"passSeconds", 30.0},
              {"pollPrefixes", {"/api/v3/"}},
              // Tolerances the checkers read (conformance/README.md).
              {"retryWithinSeconds", 10.0},
              {"minRetryWaitMillis", 100.0},
              {"backoffGrowth", 1.5},
              {"spareTokens", 3.0},
              {"inFlightGraceMillis", 500.0},
              {"singleCallBurst", 3.0},
              {"batchWindowSeconds", 5.0},
              {"changeLogWithinSeconds", 10.0}};
}

std::vector<Step> CommonSteps(const Json& settings) {
  std::vector<Step> steps;
  // One transient fault at a time, a second or more apart, so a retry meets at most the
  // fault it retries (a chain of six would need a minute of backoff at a 1 s base).
  const Json& at = settings["transientAt"];
  const Json& statuses = settings["transientStatuses"];
  for (std::size_t i = 0; i < statuses.size() && i < at.size(); ++i) {
    const int status = statuses[i].get<int>();
    steps.push_back({at[i].get<double>(), "inject a transient " + std::to_string(status) + " on the poll route",
                     [status](DriverContext& ctx) {
                       // Live for one second only: a route nobody calls then does not
                       // keep faults that pile up on its first caller.
                       for (const Json& prefix : ctx.settings()["pollPrefixes"]) {
                         Json rule = {{"path", prefix},
                                      {"status", status},
                                      {"count", 1},
                                      {"from", IsoAfter(ctx, 0)},
                                      {"until", IsoAfter(ctx, ctx.settings().value("transientLiveSeconds", 1.0))}};
                         const std::string method = ctx.settings().value("pollMethod", "");
                         if (!method.empty()) rule["method"] = method;
                         InstallFault(ctx, rule, "transient");
                       }
                     }});
  }
  steps.push_back({settings.value("refusalAt", 7.5), "refuse one request on the poll route (400)",
                   [](DriverContext& ctx) {
                     Json body = {{"messages",
                                   {{{"code", "VALIDATION_FAILED"},
                                     {"severity", "error"},
                                     {"description", "request: refused by the conformance profile"}}}}};
                     // A profile whose poll is naturally the same request every time (a
                     // stream read) refuses another request instead.
                     const Json& settings_now = ctx.settings();
                     const Json prefixes = settings_now.value("refusalPrefixes", settings_now["pollPrefixes"]);
                     for (const Json& prefix : prefixes) {
                       Json rule = {{"path", prefix}, {"status", 400}, {"count", 1}, {"body", body}};
                       const std::string method =
                           settings_now.value("refusalMethod", settings_now.value("pollMethod", ""));
                       if (!method.empty()) rule["method"] = method;
                       InstallFault(ctx, rule, "refusal");
                     }
                   }});
  const double outage_from = settings.value("outageFrom", 9.0);
  const double outage_seconds = settings.value("outageSeconds", 2.5);
  steps.push_back({outage_from, "outage: every request answers 503 for " + std::to_string(outage_seconds) + " s",
                   [outage_seconds](DriverContext& ctx) {
                     const std::int64_t from = ctx.NowVirtualMicros();
                     const std::int64_t until = from + static_cast<std::int64_t>(outage_seconds * 1e6);
                     const std::string id = InstallFault(
                         ctx,
                         {{"path", "/api/v3/"},
                          {"status", 503},
                          {"from", IsoAfter(ctx, 0)},
                          {"until", IsoAfter(ctx, outage_seconds)},
                          {"body", {{"message", "Service Unavailable"}}}},
                         "outage");
                     const std::int64_t wall = std::chrono::duration_cast<std::chrono::microseconds>(
                         std::chrono::system_clock::now().time_since_epoch()).count();
                     ctx.Record(events::kOutage, {{"fromVirtual", from},
                                                  {"untilVirtual", until},
                                                  {"fromWall", wall},
                                                  {"untilWall", wall + (until - from)},
                                                  {"faultId", id}});
                   }});
  steps.push_back({settings.value("restartAt", 16.0), "restart the integration",
                   [](DriverContext& ctx) { ctx.RestartIntegration(); }});
  steps.push_back({settings.value("tokenExpiryAt", 20.0), "expire the integration's tokens",
                   [](DriverContext& ctx) {
                     ctx.WithTenant([&](fakes::Tenant& t) {
                       t.tokens.ExpireAll(t.world.now(), ctx.AccountId(ctx.settings().value("integrationAccount", "")));
                     });
                     ctx.Record(events::kTokenExpired, Json::object());
                   }});
  return steps;
}

}  // namespace dscosim::conformance
