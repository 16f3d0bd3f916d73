// libFuzzer target: every /api/v3 route, through the same dispatch the server uses
// (Api::Handle: route, bearer token, rate limit, body limit, handler, history). Routes
// come from the Api's own tables, so a family added in fakes/api_*.cc is fuzzed as soon
// as it is registered.
//
// Input format (docs/fuzzing.md):
//
//   byte 0           who calls and when:
//                      bits 0-1  Authorization: 0 none, 1 supplier, 2 retailer, 3 a bogus token
//                      bit  2    the second supplier / retailer of the demo world
//                      bit  3    "bearer" instead of "Bearer"
//                      bit  4    send it under the tenant prefix /t/default
//                      bits 5-7  move the virtual clock first: 4 = 1 s, 5 = 1 min, 6 = 1 h,
//                                7 = 1 day (0-3: not at all, so printable bytes never do)
//   METHOD TARGET\n  the request line (TARGET still percent-encoded, as on the wire)
//   the rest         the body
//
// One tenant (the demo world, seed 42, manual clock, no rate limits) lives across inputs,
// like a real server's; it is reset every DSCOSIM_FUZZ_RESET_EVERY inputs (default 1000)
// so memory stays bounded. DSCOSIM_FUZZ_RESET_EVERY=1 gives every input a fresh world,
// which is how to check whether a crash needs earlier inputs; DSCOSIM_FUZZ_VERBOSE=1
// prints every request and its answer.
//
// Invariants, checked on every answer (a broken one aborts, which libFuzzer reports):
//   - Handle does not throw;
//   - the status is in 200..599 and below 500 (no fault rule exists, so nothing may fail
//     with a server error), and the exchange is answered (no drop, reset or delay);
//   - an application/json body parses as JSON;
//   - a 4xx changed nothing in the world: the trace (hash and length), the domain events,
//     the pending timers, the next id and token the world would hand out, and the
//     issued access tokens are the same before and after ("every rejected input ...
//     changes nothing"); only a 4xx that answers a fresh requestId (Request Cancel's
//     SyncUpdateResponse) may have drawn ids for it;
//   - the request is in the history, with the status answered.
// The control API (/_dscosim, /t/<tenant>/_dscosim) is not fuzzed here: it may add fault
// rules and tenants and move the clock on purpose.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dscosim/fakes/api.h"
#include "dscosim/fakes/http.h"
#include "dscosim/fakes/tenant.h"
#include "dscosim/model/core/ids.h"
#include "dscosim/model/world.h"

namespace {

using dscosim::fakes::Api;
using dscosim::fakes::HttpRequest;
using dscosim::fakes::HttpResponse;
using dscosim::fakes::Tenant;
using dscosim::World;

constexpr const char* kBaseUrl = "http://fuzz.invalid";

struct Fixture {
  std::unique_ptr<Api> api;
  Tenant* tenant = nullptr;
  std::string suppliers[2];  // account ids, in the directory's order
  std::string retailers[2];
  std::string supplier_tokens[2];
  std::string retailer_tokens[2];
  std::uint64_t reset_every = 1000;
  std::uint64_t inputs = 0;
  bool verbose = false;  // DSCOSIM_FUZZ_VERBOSE=1: one line per request on stderr
};

// What a rejected request must leave alone; cheap enough to take around every input.
struct Fingerprint {
  std::uint64_t trace_hash = 0;
  std::uint64_t trace_total = 0;
  std::uint64_t events = 0;
  std::size_t timers = 0;
  std::size_t tokens = 0;
  std::string next_id;
  std::string next_token;
  bool operator==(const Fingerprint&) const = default;
  // The same apart from the id makers' positions.
  bool SameState(const Fingerprint& o) const {
    return trace_hash == o.trace_hash && trace_total == o.trace_total && events == o.events &&
           timers == o.timers && tokens == o.tokens;
  }
};

// A 4xx that is a SyncUpdateResponse (Request Cancel's 400, as the spec documents it)
// carries a fresh requestId, so it may draw ids; it must change nothing else.
bool CarriesRequestId(const HttpResponse& response) {
  if (response.content_type != "application/json") return false;
  const nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  return body.is_object() && body.contains("requestId");
}

// Caller holds tenant.mu.
Fingerprint Take(Tenant& tenant) {
  World& world = tenant.world;
  Fingerprint f;
  f.trace_hash = world.trace().hash();
  f.trace_total = world.trace().total();
  f.events = world.events_published();
  f.timers = world.clock().PendingTimers();
  f.tokens = tenant.tokens.tokens().size();
  // Copies, so peeking does not draw from the world's own id makers.
  dscosim::IdMaker ids = world.ids();
  f.next_id = ids.NextDscoId();
  dscosim::IdMaker tokens = world.tokens();
  f.next_token = tokens.NextToken(16);
  return f;
}

std::string Describe(const Fingerprint& f) {
  return "trace " + std::to_string(f.trace_total) + "/" + std::to_string(f.trace_hash) + ", events " +
         std::to_string(f.events) + ", timers " + std::to_string(f.timers) + ", tokens " +
         std::to_string(f.tokens) + ", next id " + f.next_id + ", next token " + f.next_token;
}

[[noreturn]] void Die(const char* what) {
  std::fprintf(stderr, "fuzz_api_routes: %s\n", what);
  std::abort();
}

// Issues fresh tokens when the old ones are gone (reset) or expired (clock moved).
// Caller holds tenant->mu.
void EnsureTokens(Fixture& f) {
  Tenant& t = *f.tenant;
  for (int i = 0; i < 2; ++i) {
    if (f.supplier_tokens[i].empty() || !t.tokens.Check(f.supplier_tokens[i], t.world.now()).ok()) {
      f.supplier_tokens[i] = t.tokens.Issue(t.world, f.suppliers[i]);
    }
    if (f.retailer_tokens[i].empty() || !t.tokens.Check(f.retailer_tokens[i], t.world.now()).ok()) {
      f.retailer_tokens[i] = t.tokens.Issue(t.world, f.retailers[i]);
    }
  }
}

Fixture& Get() {
  static Fixture* fixture = [] {
    auto* f = new Fixture();
    if (const char* every = std::getenv("DSCOSIM_FUZZ_RESET_EVERY")) {
      f->reset_every = std::strtoull(every, nullptr, 10);
      if (f->reset_every == 0) f->reset_every = 1;
    }
    if (const char* verbose = std::getenv("DSCOSIM_FUZZ_VERBOSE")) f->verbose = std::string(verbose) == "1";
    dscosim::fakes::TenantOptions options;
    options.name = "default";
    options.seed = 42;
    options.mode = dscosim::fakes::ClockMode::kManual;
    options.rate_limits = false;
    options.history_limit = 16;
    auto tenant = Tenant::Create(options);
    if (!tenant.ok()) Die("cannot build the demo world");
    f->api = std::make_unique<Api>(dscosim::fakes::ServeOptions{});
    if (!f->api->AddTenant(std::move(*tenant)).ok()) Die("cannot add the tenant");
    f->tenant = &*f->api->FindTenant("default");  // the Api keeps it alive
    int s = 0, r = 0;
    for (const auto& [id, account] : f->tenant->world.accounts().accounts()) {
      if (account.role == dscosim::Role::kSupplier && s < 2) f->suppliers[s++] = id;
      if (account.role == dscosim::Role::kRetailer && r < 2) f->retailers[r++] = id;
    }
    if (s < 2 || r < 2) Die("the demo world needs two suppliers and two retailers");
    std::lock_guard<std::mutex> lock(f->tenant->mu);
    EnsureTokens(*f);
    return f;
  }();
  return *fixture;
}

void Violation(const std::string& what, const HttpRequest& request, const HttpResponse& response) {
  std::fprintf(stderr,
               "fuzz_api_routes: invariant broken: %s\n  request: %s %s (%zu-byte body)\n"
               "  response: %d %s (action %d, delay %d ms)\n  body: %.*s\n",
               what.c_str(), request.method.c_str(), request.target.c_str(), request.body.size(),
               response.status, response.content_type.c_str(), static_cast<int>(response.action),
               response.delay_ms, static_cast<int>(response.body.size() > 2048 ? 2048 : response.body.size()),
               response.body.data());
  std::abort();
}

// Where Api::Handle sends a request: the index of the first segment after the tenant
// prefix ("/t/<name>"), or 0.
std::size_t TenantPrefix(const std::vector<std::string>& segments) {
  return segments.size() >= 2 && segments[0] == "t" ? 2 : 0;
}

bool IsControl(const std::vector<std::string>& segments) {
  const std::size_t first = TenantPrefix(segments);
  return segments.size() > first && segments[first] == "_dscosim";
}

// True when Handle reaches the default tenant's /api/v3 (and so records the exchange).
bool ReachesApi(const std::vector<std::string>& segments) {
  const std::size_t first = TenantPrefix(segments);
  if (first == 2 && segments[1] != "default") return false;
  return segments.size() >= first + 2 && segments[first] == "api" && segments[first + 1] == "v3";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  Fixture& f = Get();
  const std::uint8_t who = data[0];
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::size_t eol = rest.find('\n');
  const std::string_view line = rest.substr(0, eol);
  const std::string_view body = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
  const std::size_t space = line.find(' ');
  if (space == std::string_view::npos || space == 0) return 0;

  HttpRequest request;
  request.method = std::string(line.substr(0, space));
  std::string_view target = line.substr(space + 1);
  if (!target.empty() && target.back() == '\r') target.remove_suffix(1);
  request.body = std::string(body);
  request.headers["content-type"] = "application/json";
  // What the server does (fakes/server.cc): a target that does not parse is a 400 there.
  const std::string full_target = ((who & 16) != 0 ? "/t/default" : "") + std::string(target);
  if (!dscosim::fakes::ParseTarget(full_target, request).ok() || IsControl(request.segments)) return 0;

  Fingerprint before;
  {
    std::lock_guard<std::mutex> lock(f.tenant->mu);
    if (++f.inputs % f.reset_every == 0) {
      f.tenant->Reset();
      f.tenant->history.clear();
      f.tenant->counters.clear();
      for (auto& t : f.supplier_tokens) t.clear();
      for (auto& t : f.retailer_tokens) t.clear();
    }
    static constexpr std::int64_t kAdvanceSeconds[8] = {0, 0, 0, 0, 1, 60, 3600, 86400};
    if (const std::int64_t seconds = kAdvanceSeconds[who >> 5]; seconds > 0) {
      if (!f.tenant->world.AdvanceBy(std::chrono::seconds(seconds)).ok()) Die("the clock would not move");
    }
    EnsureTokens(f);
    const int second = (who >> 2) & 1;
    const std::string scheme = (who & 8) != 0 ? "bearer " : "Bearer ";
    switch (who & 3) {
      case 0: break;
      case 1: request.headers["authorization"] = scheme + f.supplier_tokens[second]; break;
      case 2: request.headers["authorization"] = scheme + f.retailer_tokens[second]; break;
      default: request.headers["authorization"] = scheme + "not-a-token"; break;
    }
    before = Take(*f.tenant);
  }

  HttpResponse response;
  try {
    response = f.api->Handle(request, kBaseUrl);
  } catch (const std::exception& e) {
    Violation(std::string("Handle threw: ") + e.what(), request, response);
  } catch (...) {
    Violation("Handle threw something that is not a std::exception", request, response);
  }

  if (f.verbose) {
    std::fprintf(stderr, "fuzz_api_routes: %d %s %s -> %.*s\n", response.status, request.method.c_str(),
                 request.target.c_str(), static_cast<int>(response.body.size() > 160 ? 160 : response.body.size()),
                 response.body.data());
  }
  if (response.status < 200 || response.status > 599) Violation("status outside 200..599", request, response);
  if (response.status >= 500) Violation("a 5xx without a fault rule", request, response);
  if (response.action != dscosim::fakes::WireAction::kAnswer || response.delay_ms != 0) {
    Violation("dropped, reset or delayed without a fault rule", request, response);
  }
  if (response.content_type == "application/json" &&
      nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false).is_discarded()) {
    Violation("an application/json body that is not JSON", request, response);
  }
  {
    std::lock_guard<std::mutex> lock(f.tenant->mu);
    if (!f.tenant->faults.empty()) Violation("a fault rule appeared", request, response);
    if (ReachesApi(request.segments) && (f.tenant->history.empty() || f.tenant->history.back().status != response.status ||
        f.tenant->history.back().target != request.target)) {
      Violation("the exchange is not the last one in the history", request, response);
    }
    if (response.status >= 400 && response.status < 500) {
      const Fingerprint after = Take(*f.tenant);
      const bool unchanged = after == before || (after.SameState(before) && CarriesRequestId(response));
      if (!unchanged) {
        Violation("a rejected request changed the world: before " + Describe(before) + "; after " +
                      Describe(after),
                  request, response);
      }
    }
  }
  return 0;
}
