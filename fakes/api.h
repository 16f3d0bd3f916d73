// The fake's HTTP API: routes at the vendor's paths under /api/v3, the control API under
// /_dscosim, and the dispatch every request goes through (docs/serve.md):
//
//   tenant -> route -> fault rules (before) -> bearer token -> rate limit -> body limit
//   -> handler (under the tenant's lock, with its clock synced) -> fault rules (after)
//   -> optional extra fields -> history
//
// Only this layer maps model Status codes to HTTP statuses and body shapes.
#ifndef DSCOSIM_FAKES_API_H_
#define DSCOSIM_FAKES_API_H_

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "dscosim/fakes/http.h"
#include "dscosim/fakes/response_log.h"
#include "dscosim/fakes/tenant.h"

namespace dscosim::fakes {

// How a route answers errors.
enum class ErrorStyle {
  kMessages,  // JSON {"messages":[{code, severity, description}]} (most of the API)
  kText,      // text/plain (the conversation endpoints, as the spec says)
  kOAuth,     // {"error", "error_description"} (the token endpoint)
};

// Maps a model Status to the response the platform gives.
HttpResponse ErrorResponse(const Status& status, ErrorStyle style);
// Calls the route's handler; an exception becomes a 500 {"message"} (a bug, reported
// rather than fatal).
struct Route;
struct ApiCall;
HttpResponse RunHandler(const Route& route, ApiCall& call);
// A request body parsed as JSON: InvalidArgument("", ...) when it is empty, nests
// deeper than kMaxJsonDepth (refused before parsing) or does not parse.
Result<Json> ParseJsonBody(std::string_view body);
// "field: message", or just the message.
std::string Describe(const Status& status);

struct ApiCall {
  Tenant& tenant;
  const HttpRequest& request;
  std::vector<std::string> params;  // the route's {} segments, decoded
  std::string account;              // the authenticated account, if the route needs one
  std::string base_url;             // http://host:port, for links such as dataUrl

  // The body already parsed as JSON, before the tenant's lock was taken (the router
  // does this for JSON bodies, so parsing is not serialised behind the lock). The first
  // BodyJson() takes it; later calls parse again.
  mutable std::optional<Json> parsed_body = std::nullopt;

  World& world() { return tenant.world; }
  // The body as JSON; InvalidArgument("", ...) when it does not parse.
  Result<Json> BodyJson() const;
};

using Handler = std::function<HttpResponse(ApiCall&)>;

struct Route {
  std::string method;
  // Under /api/v3 (or /_dscosim); "{}" matches one segment; a last "{...}" matches the
  // rest (one or more segments, joined by '/').
  std::vector<std::string> pattern;
  std::string name;                  // for counters and fault messages
  ErrorStyle style = ErrorStyle::kMessages;
  bool auth = true;
  RateLimit limit;                   // empty name: no limit
  std::size_t max_body = 5 * 1024 * 1024;
  Handler handler;
};

struct ServeOptions {
  bool compat_extra_fields = false;  // add unknown attributes to every JSON object answered
  std::string history_path;          // also append every exchange to this file
  // Write every distinct answer to a file in this directory for the schema check
  // (fakes/response_log.h); empty: the DSCOSIM_RESPONSE_LOG directory, if set.
  std::string response_log_dir;
  // What tenants created through POST /_dscosim/tenants start from (rate limits, world
  // file, clock mode and speed, world options); the server sets its own default tenant's.
  TenantOptions tenant_template;
};

class Api {
 public:
  explicit Api(ServeOptions options);
  ~Api();

  // The default tenant ("default", at /api/v3 and /_dscosim).
  Status AddTenant(std::unique_ptr<Tenant> tenant);
  // Shared, so a request in flight keeps its tenant alive while another deletes it.
  std::shared_ptr<Tenant> FindTenant(const std::string& name);

  // Handles one request: never throws, always answers (or says to drop or reset).
  HttpResponse Handle(HttpRequest& request, const std::string& base_url);

  // Runs one /api/v3 route's handler as `account`, in-process: no token, rate limit,
  // fault rule, hook or history. `target` is the path under /api/v3 with its query;
  // `body` null for none. The caller holds `tenant.mu` (and has synced its clock).
  // For conformance drivers, which play the trading partner inside the fake.
  HttpResponse CallLocked(Tenant& tenant, const std::string& account, const std::string& method,
                          const std::string& target, const Json& body);

  // Advances every realtime tenant's clock (the server's ticker calls this).
  void Tick();

  const ServeOptions& options() const { return options_; }
  // The /api/v3 route table, in matching order (dscosim routes, docs/api-coverage.md).
  const std::vector<Route>& routes() const { return routes_; }

 private:
  HttpResponse HandleApi(Tenant& tenant, HttpRequest& request,
                         std::vector<std::string> segments, const std::string& base_url);
  HttpResponse HandleControl(Tenant* tenant, HttpRequest& request,
                             std::vector<std::string> segments, const std::string& base_url);
  // What a request works out before the tenant's lock and finishes after it.
  struct Recording {
    std::optional<Json> parsed_body;
    Exchange exchange;  // the parts known before the lock
    std::shared_ptr<DeferredBody> deferred;  // to fill with the answer's text
    std::vector<Exchange> evicted;           // dropped from the history, freed after
    bool faulted = false;                    // a fault rule answered or changed it
  };
  // Under the tenant's lock (its RequestQueue).
  HttpResponse HandleLocked(Tenant& tenant, HttpRequest& request, const Route* route,
                            std::vector<std::string> params, const std::vector<std::string>& segments,
                            const std::string& base_url, std::chrono::steady_clock::time_point started,
                            Recording& recording);
  void Record(Tenant& tenant, HttpResponse& response, const std::string& account,
              const std::string& token, const std::string& fault, std::int64_t micros,
              Recording& recording);

  ServeOptions options_;
  std::vector<Route> routes_;
  std::vector<Route> control_routes_;
  std::mutex tenants_mu_;
  std::map<std::string, std::shared_ptr<Tenant>> tenants_;
  std::mutex history_file_mu_;
  std::unique_ptr<std::ofstream> history_file_;
  std::unique_ptr<ResponseLog> response_log_;  // DSCOSIM_RESPONSE_LOG, for the schema check
};

// Route tables, one per family (api_*.cc).
void AddAuthRoutes(std::vector<Route>& routes);
void AddConversationRoutes(std::vector<Route>& routes);
void AddOrderRoutes(std::vector<Route>& routes);
void AddCommerceRoutes(std::vector<Route>& routes);  // returns, invoices, items, assortments
void AddStreamRoutes(std::vector<Route>& routes);
void AddControlRoutes(std::vector<Route>& routes);

// The /api/v3 route table every Api serves, in matching order (built once).
const std::vector<Route>& V3Routes();
// Whether `segments` (under /api/v3) match a route's `pattern`; `params` gets its {}
// segments.
bool MatchesRoute(const std::vector<std::string>& pattern,
                  const std::vector<std::string>& segments, std::vector<std::string>& params);

// Adds "x-dscosim-extra-<n>" attributes to every JSON object in `body`, deterministically,
// for --compat-extra-fields (the platform promises it may add attributes).
std::string AddExtraFields(const std::string& body);

}  // namespace dscosim::fakes

#endif  // DSCOSIM_FAKES_API_H_
