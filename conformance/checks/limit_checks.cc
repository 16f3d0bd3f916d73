// CONF-LIMIT-001, CONF-LIMIT-002, CONF-BATCH-001: stays within the rate limits, sends
// bursts as batches, reads the change log of every async request (conformance/README.md,
// "Rules").
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "dscosim/conformance/checks/check_support.h"
#include "dscosim/conformance/rules.h"

namespace dscosim::conformance {
namespace {

std::string Seconds(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

struct Span {
  const char* setting;  // in rateLimits.<route>
  std::int64_t micros;
  const char* unit;     // "s", "min", "h"
  const char* window;   // "one second"
};
constexpr Span kSpans[] = {{"perSecond", 1'000'000, "s", "one second"},
                           {"perMinute", 60'000'000, "min", "one minute"},
                           {"perHour", 3'600'000'000, "h", "one hour"}};

// Single-object routes and the batch that carries the same objects.
struct SingleRoute {
  const char* single;
  const char* batch;
};
constexpr SingleRoute kSingleRoutes[] = {{"singleShipment", "createShipmentSmallBatch"},
                                         {"singleInvoice", "createInvoiceSmallBatch"},
                                         {"singleItem", "updateInventorySmallBatch"}};

bool IsAsyncRoute(const std::string& route) {
  return route.find("SmallBatch") != std::string::npos || route.find("LargeBatch") != std::string::npos;
}

// The change log of an async route's family: the path's first segment, orderupdate's
// being the order log ("/order/log", "/inventory/log", "/assortment/log", ...).
std::string ChangeLogPath(const Call& call) {
  const std::size_t end = call.path.find('/', 1);
  std::string family = call.path.substr(1, end == std::string::npos ? std::string::npos : end - 1);
  if (family == "orderupdate") family = "order";
  return "/" + family + "/log";
}

}  // namespace

Verdict CheckLimit001(const PassView& pass) {
  const std::string id = "CONF-LIMIT-001";
  const std::int64_t start = PassStartWall(pass);
  Json limits = Json::object();
  if (pass.info != nullptr) {
    auto it = pass.info->settings.find("rateLimits");
    if (it != pass.info->settings.end() && it->is_object()) limits = *it;
  }
  // What reached the limiter: fault answers never do, and a 401 stops before it.
  std::map<std::string, std::vector<const Call*>> by_route;
  for (const Call* c : pass.calls) {
    if (c->fault.empty() && c->status != 401 && limits.contains(c->route)) by_route[c->route].push_back(c);
  }

  std::vector<Finding> findings;
  std::set<std::uint64_t> in_findings;
  std::string busiest;
  double busiest_share = -1;
  for (const auto& [route, calls] : by_route) {
    const Json& limit = limits[route];
    for (const Span& span : kSpans) {
      const auto max = limit.is_object() ? limit.value(span.setting, 0) : 0;
      if (max <= 0) continue;
      std::map<std::int64_t, std::vector<const Call*>> windows;
      for (const Call* c : calls) windows[c->virtual_micros / span.micros].push_back(c);
      std::size_t over_windows = 0;
      const std::vector<const Call*>* worst = nullptr;
      std::vector<const Call*> over;  // the calls beyond the limit, in every window
      for (const auto& [index, in_window] : windows) {
        if (worst == nullptr || in_window.size() > worst->size()) worst = &in_window;
        if (in_window.size() <= static_cast<std::size_t>(max)) continue;
        ++over_windows;
        over.insert(over.end(), in_window.begin() + max, in_window.end());
        for (const Call* c : in_window) in_findings.insert(c->seq);
      }
      const double share = static_cast<double>(worst->size()) / max;
      if (share > busiest_share) {
        busiest_share = share;
        busiest = route + " " + std::to_string(worst->size()) + " in " + span.window + " (limit " +
                  std::to_string(max) + "/" + span.unit + ")";
      }
      if (over_windows == 0) continue;
      findings.push_back({std::to_string(worst->size()) + " " + route + " requests in " + span.window +
                              " from " + DescribeCall(*worst->front(), start) + " (limit " + std::to_string(max) +
                              "/" + span.unit + ")" +
                              (over_windows > 1 ? "; " + std::to_string(over_windows) + " windows over" : ""),
                          Seqs(over),
                          "at most " + std::to_string(max) + " " + route + " requests per " + span.unit +
                              " (aligned windows of the platform's clock)"});
    }
  }
  std::vector<const Call*> limited;
  for (const Call* c : pass.calls) {
    if (c->status == 429 && c->fault.empty() && !in_findings.contains(c->seq)) limited.push_back(c);
  }
  if (!limited.empty()) {
    findings.push_back({std::to_string(limited.size()) +
                            " requests refused 429 by the platform's rate limiter, first " +
                            DescribeCall(*limited.front(), start),
                        Seqs(limited), "stay within the route's documented rate limit"});
  }
  if (by_route.empty() && limited.empty()) {
    return NotExercised(id, pass, limits.empty() ? "the pass's settings carry no rate limits"
                                                 : "no request reached a rate-limited route");
  }
  std::size_t reached = 0;
  for (const auto& [route, calls] : by_route) reached += calls.size();
  std::string exercised = by_route.empty() ? "no request to a route with limits in the settings"
                                           : std::to_string(reached) + " requests to " +
                                                 std::to_string(by_route.size()) + " rate-limited routes";
  if (!busiest.empty()) exercised += "; busiest " + busiest;
  if (!limited.empty()) exercised += "; " + std::to_string(limited.size()) + " refused 429 by the limiter";
  return Judged(id, pass, std::move(exercised), std::move(findings));
}

Verdict CheckLimit002(const PassView& pass) {
  const std::string id = "CONF-LIMIT-002";
  const std::int64_t start = PassStartWall(pass);
  const auto burst = static_cast<std::size_t>(pass.Setting("singleCallBurst", 3));
  const double window_seconds = pass.Setting("batchWindowSeconds", 5);
  const auto window = static_cast<std::int64_t>(window_seconds * 1e6);

  std::size_t singles = 0, batches = 0;
  std::vector<Finding> findings;
  std::string largest;
  for (const SingleRoute& route : kSingleRoutes) {
    // One call per object: a retry of the same request is not another object.
    std::vector<const Call*> calls;
    std::set<std::string> seen;
    for (const Call* c : pass.calls) {
      if (c->route == route.batch) ++batches;
      if (c->route == route.single && seen.insert(RequestIdentity(*c)).second) calls.push_back(c);
    }
    if (calls.empty()) continue;
    singles += calls.size();
    std::size_t best_from = 0, best_count = 0;  // the busiest window
    for (std::size_t i = 0, j = 0; i < calls.size(); ++i) {
      j = std::max(j, i);
      while (j < calls.size() && calls[j]->wall_micros < calls[i]->wall_micros + window) ++j;
      if (j - i > best_count) {
        best_count = j - i;
        best_from = i;
      }
    }
    largest += std::string(largest.empty() ? "" : ", ") + route.single + " " + std::to_string(best_count);
    if (best_count <= burst) continue;
    const auto from = calls.begin() + static_cast<std::ptrdiff_t>(best_from);
    const std::vector<const Call*> burst_calls(from, from + static_cast<std::ptrdiff_t>(best_count));
    findings.push_back({std::to_string(best_count) + " " + route.single + " calls within " + Seconds(window_seconds) +
                            " s, from " + DescribeCall(*burst_calls.front(), start) + " to " +
                            DescribeCall(*burst_calls.back(), start),
                        Seqs(burst_calls),
                        "at most " + std::to_string(burst) + " " + route.single + " calls in " +
                            Seconds(window_seconds) + " s; send a burst as one " + route.batch});
  }
  if (singles == 0 && batches == 0) {
    return NotExercised(id, pass, "no single shipment, invoice or inventory call, and no batch of them");
  }
  std::string exercised = std::to_string(singles) + " single-object calls, " + std::to_string(batches) +
                          " batch calls";
  if (!largest.empty()) exercised += "; most within " + Seconds(window_seconds) + " s: " + largest;
  return Judged(id, pass, std::move(exercised), std::move(findings));
}

Verdict CheckBatch001(const PassView& pass) {
  const std::string id = "CONF-BATCH-001";
  const std::int64_t start = PassStartWall(pass);
  const double within = pass.Setting("changeLogWithinSeconds", 10);
  std::size_t requests = 0, exempt = 0;
  std::vector<Finding> findings;
  for (const Call* c : pass.calls) {
    if (!IsAsyncRoute(c->route) || !IsSuccessStatus(c->status) || !c->response_json.is_object()) continue;
    const auto request_id = c->response_json.find("requestId");
    if (request_id == c->response_json.end() || !request_id->is_string()) continue;
    ++requests;
    const std::string log = ChangeLogPath(*c);
    const std::int64_t due = c->answered_wall_micros() + static_cast<std::int64_t>(within * 1e6);
    const Call* read = nullptr;  // the first 2xx read of the log for this request id, any time
    for (const Call* r : pass.calls) {
      if (r->seq > c->seq && r->method == "GET" && r->path == log && IsSuccessStatus(r->status) &&
          r->Query("requestId") == request_id->get<std::string>()) {
        read = r;
        break;
      }
    }
    if (read != nullptr && read->wall_micros <= due) continue;
    if (read == nullptr && StopBetween(pass, c->answered_wall_micros(), due) != nullptr) {
      ++exempt;
      continue;
    }
    std::vector<std::uint64_t> seqs = {c->seq};
    std::string message = DescribeCall(*c, start) + " (requestId " + request_id->get<std::string>() + "): ";
    if (read == nullptr) {
      message += "GET " + log + "?requestId= was never read";
    } else {
      message += "first read " + DescribeCall(*read, start);
      seqs.push_back(read->seq);
    }
    findings.push_back({std::move(message), std::move(seqs),
                        "GET /api/v3" + log + "?requestId=<requestId> answered 2xx within " + Seconds(within) +
                            " s of the batch's answer"});
  }
  if (requests == 0) return NotExercised(id, pass, "no async (batch) request was answered 2xx with a requestId");
  std::string exercised = std::to_string(requests) + " async requests";
  if (findings.empty()) exercised += ", each change log read within " + Seconds(within) + " s";
  if (exempt > 0) exercised += " (" + std::to_string(exempt) + " followed by a stop before a read was due)";
  return Judged(id, pass, std::move(exercised), std::move(findings));
}

}  // namespace dscosim::conformance
