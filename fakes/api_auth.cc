// POST /oauth2/token (client credentials) and GET /hello.
#include "dscosim/fakes/api.h"

namespace dscosim::fakes {
namespace {

HttpResponse Token(ApiCall& call) {
  const auto fail = [](int status, const char* error, std::string description) {
    return HttpResponse::JsonBody(status, {{"error", error}, {"error_description", std::move(description)}});
  };
  auto form = ParseForm(call.request.body);
  if (!form.ok()) return fail(400, "invalid_request", "the body is not form-encoded");
  const auto field = [&](const char* name) -> std::optional<std::string> {
    const auto it = form->find(name);
    if (it == form->end()) return std::nullopt;
    return it->second;
  };
  // The vendor's own Java demo sends only client_id and client_secret, and ran against
  // production: a missing grant_type is taken as client_credentials (docs/fidelity.md).
  const auto grant = field("grant_type");
  if (grant && *grant != "client_credentials") {
    // The spec's 400 has one error code, "Hardcoded to this one value".
    return fail(400, "invalid_request", "grant_type must be client_credentials");
  }
  const auto id = field("client_id");
  const auto secret = field("client_secret");
  if (!id || !secret) return fail(400, "invalid_request", "client_id and client_secret are required");
  const auto scope = field("scope");
  if (scope && !scope->empty()) return fail(400, "invalid_request", "scope is not used; leave it out");
  const Account* account = call.world().accounts().FindByClientId(*id);
  if (account == nullptr || account->client_secret != *secret) {
    return fail(401, "invalid_client", "unknown client_id or wrong client_secret");
  }
  const std::string token = call.tenant.tokens.Issue(call.world(), account->dsco_account_id);
  return HttpResponse::JsonBody(200, {{"access_token", token},
                                      {"token_type", "Bearer"},
                                      {"expires_in", TokenStore::kLifetimeSeconds},
                                      {"scope", nullptr}});
}

HttpResponse Hello(ApiCall&) { return HttpResponse::JsonBody(200, {{"hello", "World!"}}); }

}  // namespace

void AddAuthRoutes(std::vector<Route>& routes) {
  Route token;
  token.method = "POST";
  token.pattern = {"oauth2", "token"};
  token.name = "getAccessToken";
  token.style = ErrorStyle::kOAuth;
  token.auth = false;
  token.max_body = 64 * 1024;
  token.handler = Token;
  routes.push_back(token);
  Route hello;
  hello.method = "GET";
  hello.pattern = {"hello"};
  hello.name = "helloWorld";
  hello.handler = Hello;
  routes.push_back(hello);
}

}  // namespace dscosim::fakes
