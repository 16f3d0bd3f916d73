#include "dscosim/fakes/api.h"

#include <chrono>
#include <ctime>

#include "dscosim/model/core/json_fields.h"

namespace dscosim::fakes {
namespace {

std::int64_t WallMicros() {
  const auto now = std::chrono::system_clock::now();
  return std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count();
}

bool Matches(const std::vector<std::string>& pattern, const std::vector<std::string>& segments,
             std::vector<std::string>& params) {
  // A last "{...}" takes one or more remaining segments joined by '/', for stream
  // positions that clients send with the slash unencoded.
  const bool rest = !pattern.empty() && pattern.back() == "{...}";
  if (rest ? segments.size() < pattern.size() : pattern.size() != segments.size()) return false;
  params.clear();
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (rest && i + 1 == pattern.size()) {
      std::string joined = segments[i];
      for (std::size_t j = i + 1; j < segments.size(); ++j) joined += "/" + segments[j];
      params.push_back(std::move(joined));
    } else if (pattern[i] == "{}") {
      params.push_back(segments[i]);
    } else if (pattern[i] != segments[i]) {
      return false;
    }
  }
  return true;
}

bool LooksLikeJson(const std::string& body) {
  const std::size_t first = body.find_first_not_of(" \t\r\n");
  return first != std::string::npos && (body[first] == '{' || body[first] == '[');
}

HttpResponse GatewayForbidden(const HttpRequest& request) {
  // What the production front end answers for a route that does not exist.
  const bool has_auth = request.Header("authorization").has_value();
  return HttpResponse::JsonBody(
      403, {{"message", has_auth ? "Invalid key=value pair (missing equal-sign) in Authorization "
                                   "header (hashed with SHA-256 and encoded with Base64): "
                                   "'dscosim'."
                                 : "Missing Authentication Token"}});
}

std::string JoinPath(const std::vector<std::string>& segments, std::size_t from) {
  std::string out;
  for (std::size_t i = from; i < segments.size(); ++i) out += "/" + segments[i];
  return out.empty() ? "/" : out;
}

void AddExtra(Json& value, int& counter) {
  if (value.is_object()) {
    for (auto& [key, member] : value.items()) AddExtra(member, counter);
    value["x-dscosim-extra-" + std::to_string(counter % 3)] =
        Json{{"note", "an attribute the client does not know"}, {"n", counter}};
    ++counter;
  } else if (value.is_array()) {
    for (Json& member : value) AddExtra(member, counter);
  }
}

}  // namespace

HttpResponse RunHandler(const Route& route, ApiCall& call) {
  try {
    return route.handler(call);
  } catch (const std::exception& e) {
    // A handler that throws is a bug; the client gets a 500 rather than a dead server.
    return HttpResponse::JsonBody(500, {{"message", std::string("Internal server error: ") + e.what()}});
  }
}

std::string Describe(const Status& status) { return status.Description(); }

HttpResponse ErrorResponse(const Status& status, ErrorStyle style) {
  int http = 400;
  const char* code = "VALIDATION_FAILED";
  switch (status.code()) {
    case StatusCode::kOk: http = 200; break;
    case StatusCode::kInvalidArgument:
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition: http = 400; break;
    case StatusCode::kNotFound: http = 404; code = "NOT_FOUND"; break;
    case StatusCode::kPermissionDenied: http = 403; code = "FORBIDDEN"; break;
    case StatusCode::kUnauthenticated:
      return HttpResponse::JsonBody(401, {{"message", "Unauthorized: " + status.message()}});
    case StatusCode::kResourceExhausted:
      return HttpResponse::JsonBody(429, {{"message", "Too Many Requests: " + status.message()}});
    case StatusCode::kTooLarge:
      return HttpResponse::JsonBody(413, {{"message", "Request Entity Too Large: " + Describe(status)}});
    case StatusCode::kUnavailable: http = 503; code = "UNAVAILABLE"; break;
  }
  switch (style) {
    case ErrorStyle::kText:
      // The conversation endpoints document only 400 text/plain; an expired scroll is a
      // 404 everywhere.
      if (status.code() == StatusCode::kNotFound && status.field() == "scrollId") {
        return HttpResponse::Text(404, Describe(status));
      }
      return HttpResponse::Text(status.code() == StatusCode::kPermissionDenied ? 403 : 400,
                                Describe(status));
    case ErrorStyle::kOAuth:
      return HttpResponse::JsonBody(http, {{"error", http == 401 ? "invalid_client" : "invalid_request"},
                                           {"error_description", Describe(status)}});
    case ErrorStyle::kMessages:
      break;
  }
  return HttpResponse::JsonBody(
      http, {{"messages", Json::array({{{"code", code}, {"severity", "error"},
                                        {"description", Describe(status)}}})}});
}

Result<Json> ApiCall::BodyJson() const {
  if (parsed_body) {
    Json taken = std::move(*parsed_body);
    parsed_body.reset();
    return taken;
  }
  return ParseJsonBody(request.body);
}

Result<Json> ParseJsonBody(std::string_view body) {
  if (body.empty()) return InvalidArgument("", "the request body is empty; send JSON");
  if (JsonNestsDeeperThan(body, kMaxJsonDepth)) {
    return InvalidArgument("", "the request body nests deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  }
  Json parsed = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return InvalidArgument("", "the request body is not valid JSON");
  return parsed;
}

std::string AddExtraFields(const std::string& body) {
  Json parsed = Json::parse(body, nullptr, false);
  if (parsed.is_discarded()) return body;
  int counter = 0;
  AddExtra(parsed, counter);
  return parsed.dump();
}

Api::Api(ServeOptions options) : options_(std::move(options)) {
  AddAuthRoutes(routes_);
  AddConversationRoutes(routes_);
  AddOrderRoutes(routes_);
  AddCommerceRoutes(routes_);
  AddStreamRoutes(routes_);
  AddControlRoutes(control_routes_);
  if (!options_.history_path.empty()) {
    history_file_ = std::make_unique<std::ofstream>(options_.history_path, std::ios::app);
  }
  response_log_ = options_.response_log_dir.empty()
                      ? ResponseLog::FromEnvironment()
                      : std::make_unique<ResponseLog>(options_.response_log_dir);
}

Api::~Api() = default;

const std::vector<Route>& V3Routes() {
  static const std::vector<Route> routes = [] {
    std::vector<Route> r;
    AddAuthRoutes(r);
    AddConversationRoutes(r);
    AddOrderRoutes(r);
    AddCommerceRoutes(r);
    AddStreamRoutes(r);
    return r;
  }();
  return routes;
}

Status Api::AddTenant(std::unique_ptr<Tenant> tenant) {
  std::lock_guard<std::mutex> lock(tenants_mu_);
  const std::string name = tenant->options.name;
  if (tenants_.count(name) != 0) return AlreadyExists("name", "tenant " + name + " exists");
  tenants_.emplace(name, std::move(tenant));
  return Status::Ok();
}

std::shared_ptr<Tenant> Api::FindTenant(const std::string& name) {
  std::lock_guard<std::mutex> lock(tenants_mu_);
  const auto it = tenants_.find(name);
  return it == tenants_.end() ? nullptr : it->second;
}

void Api::Tick() {
  std::vector<std::shared_ptr<Tenant>> all;
  {
    std::lock_guard<std::mutex> lock(tenants_mu_);
    for (auto& [name, t] : tenants_) all.push_back(t);
  }
  for (const auto& t : all) {
    std::lock_guard<std::mutex> lock(t->mu);
    try {
      t->SyncClock();
    } catch (const std::exception& e) {
      // A timer that throws is a bug in the model; the server must outlive it.
      ++t->counters[std::string("ticker exception: ") + e.what()];
    }
  }
}

HttpResponse Api::Handle(HttpRequest& request, const std::string& base_url) {
  std::vector<std::string> segments = request.segments;
  std::string tenant_name = "default";
  std::string tenant_base = base_url;
  if (segments.size() >= 2 && segments[0] == "t") {
    tenant_name = segments[1];
    tenant_base = base_url + "/t/" + PercentEncode(tenant_name);
    segments.erase(segments.begin(), segments.begin() + 2);
  }
  if (!segments.empty() && segments[0] == "_dscosim") {
    segments.erase(segments.begin());
    const std::shared_ptr<Tenant> tenant = FindTenant(tenant_name);
    HttpResponse response = HandleControl(tenant.get(), request, std::move(segments), tenant_base);
    response.Materialize();
    return response;
  }
  const std::shared_ptr<Tenant> tenant = FindTenant(tenant_name);
  if (tenant == nullptr || segments.size() < 2 || segments[0] != "api" || segments[1] != "v3") {
    HttpResponse response = GatewayForbidden(request);
    response.Materialize();
    return response;
  }
  segments.erase(segments.begin(), segments.begin() + 2);
  return HandleApi(*tenant, request, std::move(segments), tenant_base);
}

HttpResponse Api::HandleApi(Tenant& tenant, HttpRequest& request, std::vector<std::string> segments,
                            const std::string& base_url) {
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::string> params;
  const Route* route = nullptr;
  for (const Route& r : routes_) {
    if (r.method == request.method && Matches(r.pattern, segments, params)) {
      route = &r;
      break;
    }
  }
  // The lock serialises every request of the tenant, so what is pure happens outside
  // it: parsing a JSON body and preparing the history record here, serialising the
  // answer and freeing what the history dropped afterwards.
  Recording recording;
  if (route != nullptr && request.body.size() <= route->max_body && LooksLikeJson(request.body)) {
    auto parsed = ParseJsonBody(request.body);
    if (parsed.ok()) recording.parsed_body = std::move(*parsed);
  }
  Exchange& e = recording.exchange;
  e.wall_micros = WallMicros();
  e.wall_time = FormatIso8601Millis(TimeFromMicros(e.wall_micros));
  if (route != nullptr) e.route = route->name;
  e.method = request.method;
  e.target = request.target;
  e.request_headers = Json::object();
  for (const auto& [name, value] : request.headers) {
    if (name == "authorization" || name.rfind("x-", 0) == 0 || name == "content-type") {
      e.request_headers[name] = value;
    }
  }
  e.request_body = request.body.substr(0, Exchange::kBodyLimit);

  HttpResponse response;
  const std::function<void()> work = [&] {
    response = HandleLocked(tenant, request, route, std::move(params), segments, base_url, started,
                            recording);
  };
  tenant.requests.Run(tenant.mu, work);
  response.Materialize();
  if (recording.deferred) recording.deferred->Set(response.body);
  if (response_log_ && route != nullptr && !recording.faulted &&
      response.action == WireAction::kAnswer) {
    response_log_->Add(route->name, request.method, request.target, response.status,
                       response.content_type, response.body);
  }
  return response;
}

HttpResponse Api::HandleLocked(Tenant& tenant, HttpRequest& request, const Route* route,
                               std::vector<std::string> params,
                               const std::vector<std::string>& segments, const std::string& base_url,
                               std::chrono::steady_clock::time_point started, Recording& recording) {
  tenant.SyncClock();
  std::string account, token, fault;
  HttpResponse response;
  const auto finish = [&](HttpResponse r) {
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - started).count();
    if (options_.compat_extra_fields && r.status < 300 && r.content_type == "application/json") {
      r.Materialize();
      r.body = AddExtraFields(r.body);
    }
    ++tenant.counters[(route != nullptr ? route->name : std::string("unknown")) + " " +
                      std::to_string(r.status)];
    Record(tenant, r, account, token, fault, micros, recording);
    return r;
  };
  if (route == nullptr) return finish(GatewayForbidden(request));

  // Who is calling (the fault rules may match on it).
  Status auth = Status::Ok();
  if (route->auth) {
    const std::string header = request.Header("authorization").value_or("");
    const std::size_t space = header.find(' ');
    const std::string scheme = header.substr(0, space);
    if (header.empty() || space == std::string::npos || (scheme != "Bearer" && scheme != "bearer")) {
      auth = Unauthenticated("send Authorization: Bearer <access token>");
    } else {
      token = header.substr(space + 1);
      auto who = tenant.tokens.Check(token, tenant.world.now());
      if (who.ok()) {
        account = *who;
      } else {
        auth = who.status();
      }
    }
  }

  const std::string path = "/api/v3" + JoinPath(segments, 0);
  const auto fault_matching = [&](bool after) -> FaultRule* {
    for (FaultRule& f : tenant.faults) {
      if (f.after != after) continue;
      if (f.remaining && *f.remaining <= 0) continue;
      if (f.method && *f.method != request.method) continue;
      if (f.path_prefix && path.rfind(*f.path_prefix, 0) != 0) continue;
      if (f.account && *f.account != account) continue;
      if (f.from && tenant.world.now() < *f.from) continue;
      if (f.until && tenant.world.now() >= *f.until) continue;
      if (f.probability && !tenant.fault_rng.Bernoulli(*f.probability)) continue;
      ++f.fired;
      if (f.remaining) --*f.remaining;
      return &f;
    }
    return nullptr;
  };
  const auto apply_fault = [&](const FaultRule& f, HttpResponse r) {
    fault = f.id;
    r.delay_ms = f.delay_ms;
    if (f.drop) r.action = WireAction::kDrop;
    if (f.reset) r.action = WireAction::kReset;
    if (f.status) {
      r = HttpResponse::JsonBody(*f.status, f.body.value_or(Json{{"message", "injected fault " + f.id}}));
      r.delay_ms = f.delay_ms;
      if (f.drop) r.action = WireAction::kDrop;
      if (f.reset) r.action = WireAction::kReset;
    }
    return r;
  };
  if (FaultRule* f = fault_matching(false)) {
    if (f->status || f->drop || f->reset) return finish(apply_fault(*f, HttpResponse{}));
    response.delay_ms = f->delay_ms;  // a pure delay: answer normally, later
    fault = f->id;
  }
  if (!auth.ok()) return finish(ErrorResponse(auth, route->style));
  if (!route->limit.name.empty() && !tenant.limits.Admit(route->limit, account, tenant.world.now())) {
    return finish(ErrorResponse(
        ResourceExhausted("over the limit of " + route->name + " for this account"), route->style));
  }
  if (request.body.size() > route->max_body) {
    return finish(ErrorResponse(TooLarge("", "the body is " + std::to_string(request.body.size()) +
                                                 " bytes; the limit is " +
                                                 std::to_string(route->max_body)),
                                route->style));
  }
  ApiCall call{tenant, request, std::move(params), account, base_url, std::move(recording.parsed_body)};
  const int delay = response.delay_ms;
  if (tenant.request_hook) tenant.request_hook(*this, tenant, HookedRequest{route->name, account, request, 0});
  response = RunHandler(*route, call);
  recording.exchange.handled = true;
  recording.exchange.handled_status = response.status;
  if (tenant.request_hook) {
    tenant.request_hook(*this, tenant, HookedRequest{route->name, account, request, response.status});
  }
  response.delay_ms = std::max(response.delay_ms, delay);
  if (FaultRule* f = fault_matching(true)) response = apply_fault(*f, response);
  return finish(response);
}

HttpResponse Api::CallLocked(Tenant& tenant, const std::string& account, const std::string& method,
                             const std::string& target, const Json& body) {
  HttpRequest request;
  request.method = method;
  if (Status parsed = ParseTarget(target, request); !parsed.ok()) {
    return HttpResponse::JsonBody(400, Json{{"message", Describe(parsed)}});
  }
  if (!body.is_null()) {
    request.body = body.dump();
    request.headers["content-type"] = "application/json";
  }
  std::vector<std::string> segments = request.segments;
  if (segments.size() >= 2 && segments[0] == "api" && segments[1] == "v3") {
    segments.erase(segments.begin(), segments.begin() + 2);
  }
  std::vector<std::string> params;
  for (const Route& r : routes_) {
    if (r.method == method && Matches(r.pattern, segments, params)) {
      ApiCall call{tenant, request, std::move(params), account, "http://127.0.0.1", std::nullopt};
      if (!body.is_null()) call.parsed_body = body;
      HttpResponse response = RunHandler(r, call);
      response.Materialize();
      return response;
    }
  }
  HttpResponse response = GatewayForbidden(request);
  response.Materialize();
  return response;
}

void Api::Record(Tenant& tenant, HttpResponse& response, const std::string& account,
                 const std::string& token, const std::string& fault, std::int64_t micros,
                 Recording& recording) {
  Exchange& e = recording.exchange;
  e.sequence = ++tenant.exchanges;
  e.virtual_time = FormatIso8601Millis(tenant.world.now());
  e.virtual_micros = MicrosOf(tenant.world.now());
  e.account = account;
  e.token = token;
  e.status = response.action == WireAction::kAnswer ? response.status : 0;
  e.fault = fault;
  recording.faulted = !fault.empty();
  e.duration_micros = micros;
  if (history_file_) {
    // The file takes lines in sequence order, so its answer is serialised here.
    response.Materialize();
    e.response_body = response.body.substr(0, Exchange::kBodyLimit);
    std::lock_guard<std::mutex> lock(history_file_mu_);
    Json line = e.ToJson();
    line["tenant"] = tenant.options.name;
    *history_file_ << line.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
    history_file_->flush();
  } else if (response.json) {
    e.deferred_response_body = std::make_shared<DeferredBody>(response.json, Exchange::kBodyLimit);
    recording.deferred = e.deferred_response_body;
  } else {
    e.response_body = response.body.substr(0, Exchange::kBodyLimit);
  }
  tenant.history.push_back(std::move(e));
  while (tenant.history.size() > tenant.options.history_limit) {
    recording.evicted.push_back(std::move(tenant.history.front()));  // freed after the lock
    tenant.history.pop_front();
  }
}

bool MatchesRoute(const std::vector<std::string>& pattern,
                  const std::vector<std::string>& segments, std::vector<std::string>& params) {
  return Matches(pattern, segments, params);
}

}  // namespace dscosim::fakes
