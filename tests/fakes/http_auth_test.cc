// OAuth2 client credentials, bearer tokens, expiry on the virtual clock, and what the
// front end answers for unknown routes.
#include <gtest/gtest.h>

#include "dscosim/fakes/testing/fake_server_test.h"

namespace dscosim::fakes {
namespace {

using Json = nlohmann::json;

class HttpAuth : public FakeServerTest {};

TEST_F(HttpAuth, ClientCredentialsGiveABearerTokenForAnHour) {
  const Account r = Accounts(Role::kRetailer)[0];
  DscoClient client(server().api_url(), r.client_id, r.client_secret);
  const ClientResponse token = client.Authenticate();
  ASSERT_EQ(token.status, 200);
  EXPECT_EQ(token.json()["token_type"], "Bearer");
  EXPECT_EQ(token.json()["expires_in"], 3600);
  EXPECT_TRUE(token.json()["scope"].is_null());
  EXPECT_EQ(client.Get("/hello").status, 200);
  EXPECT_EQ(client.Get("/hello").json(), (Json{{"hello", "World!"}}));
  Advance(3599);
  EXPECT_EQ(client.Get("/hello").status, 200);
  Advance(1);
  const ClientResponse expired = client.Get("/hello");
  EXPECT_EQ(expired.status, 401);
  EXPECT_NE(expired.body.find("expired"), std::string::npos);
  ASSERT_EQ(client.Authenticate().status, 200);  // a new token works again
  EXPECT_EQ(client.Get("/hello").status, 200);
}

// The fixture's response accessor on a temporary gives a value, not a dangling
// reference (the sanitized build would catch a read of a dead response).
TEST_F(HttpAuth, ABodyReadFromATemporaryResponseStaysAlive) {
  DscoClient client = Retailer();
  const Json& hello = client.Get("/hello").json();
  EXPECT_EQ(hello, (Json{{"hello", "World!"}}));
  std::size_t fields = 0;
  for (const Json& value : client.Get("/hello").json()) {
    EXPECT_EQ(value, "World!");
    ++fields;
  }
  EXPECT_EQ(fields, 1u);
}

TEST_F(HttpAuth, BothSpellingsOfBearerWork) {
  DscoClient client = Retailer(0);
  for (const char* scheme : {"Bearer", "bearer"}) {
    HttpRequest request;
    request.method = "GET";
    ASSERT_TRUE(ParseTarget("/api/v3/hello", request).ok());
    request.headers["authorization"] = std::string(scheme) + " " + client.token();
    EXPECT_EQ(server().api().Handle(request, server().base_url()).status, 200) << scheme;
  }
  HttpRequest basic;
  basic.method = "GET";
  ASSERT_TRUE(ParseTarget("/api/v3/hello", basic).ok());
  basic.headers["authorization"] = "Basic " + client.token();
  EXPECT_EQ(server().api().Handle(basic, server().base_url()).status, 401);
}

TEST_F(HttpAuth, TheTokenEndpointsErrors) {
  DscoClient anon = Anonymous();
  const Account r = Accounts(Role::kRetailer)[0];
  const auto post = [&](const std::string& form) {
    return anon.Send("POST", "/oauth2/token", form, "application/x-www-form-urlencoded");
  };
  EXPECT_EQ(
      post("grant_type=&client_id=" + r.client_id + "&client_secret=" + r.client_secret).status,
      400);
  EXPECT_EQ(post("grant_type=password&client_id=a&client_secret=b").status, 400);
  const ClientResponse wrong = post("grant_type=client_credentials&client_id=" + r.client_id + "&client_secret=nope");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.json()["error"], "invalid_client");
  EXPECT_EQ(post("grant_type=client_credentials&client_id=" + r.client_id + "&client_secret=" +
                 r.client_secret + "&scope=all").status, 400);
  EXPECT_EQ(post("grant_type=client_credentials&client_id=" + r.client_id + "&client_secret=" +
                 r.client_secret + "&scope=").status, 200);
}

TEST_F(HttpAuth, MissingOrBadTokensAre401AndUnknownRoutes403) {
  DscoClient anon = Anonymous();
  EXPECT_EQ(anon.Get("/hello").status, 401);
  anon.set_token("not-a-token");
  EXPECT_EQ(anon.Get("/hello").status, 401);
  DscoClient client = Retailer(0);
  const ClientResponse unknown = client.Get("/order/changelog");
  EXPECT_EQ(unknown.status, 403);
  EXPECT_NE(unknown.json()["message"].get<std::string>().find("Authorization header"), std::string::npos);
  EXPECT_EQ(Anonymous().Get("/nope").json()["message"], "Missing Authentication Token");
  EXPECT_EQ(client.Send("DELETE", "/hello", "", "").status, 403);  // wrong method: no route
}

TEST_F(HttpAuth, ControlApiCanExpireTokens) {
  DscoClient client = Retailer(0);
  ASSERT_EQ(client.Get("/hello").status, 200);
  const ClientResponse expire = client.Post("/_dscosim/tokens/expire", Json::object());
  ASSERT_EQ(expire.status, 200);
  EXPECT_GE(expire.json()["expired"].get<int>(), 1);
  EXPECT_EQ(client.Get("/hello").status, 401);
}

}  // namespace
}  // namespace dscosim::fakes
