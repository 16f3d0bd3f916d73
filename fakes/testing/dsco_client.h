// A small HTTP client for the fake (or the real) Dsco API v3: gets a token by client
// credentials, sends JSON with it, and keeps the last response. For tests, examples and
// drivers; not thread-safe.
#ifndef DSCOSIM_FAKES_TESTING_DSCO_CLIENT_H_
#define DSCOSIM_FAKES_TESTING_DSCO_CLIENT_H_

#include <memory>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

namespace httplib {
class Client;
}

namespace dscosim::fakes {

struct ClientResponse {
  int status = 0;  // 0: no response (connection failed or dropped)
  std::string body;
  std::string content_type;
  nlohmann::json parsed;  // the body parsed, or null when it is not JSON
  // On a response held in a variable, a reference to its parsed body. On a temporary
  // (`client.Get(...).json()`), the body itself, moved out: `const auto& j =
  // client.Get(...).json();` and `for (auto& o : client.Get(...).json())` then hold a
  // live value, not a reference into a response that is gone. (A chain past it, as in
  // `for (auto& o : client.Get(...).json()["orders"])`, still ends with the statement's
  // temporaries in C++20: hold the response first.)
  const nlohmann::json& json() const& { return parsed; }
  nlohmann::json json() && { return std::move(parsed); }
};

class DscoClient {
 public:
  // `api_url` like http://127.0.0.1:8080/api/v3.
  DscoClient(const std::string& api_url, std::string client_id = "", std::string client_secret = "");
  ~DscoClient();
  DscoClient(DscoClient&&) noexcept;
  DscoClient& operator=(DscoClient&&) noexcept;

  // POST /oauth2/token with the client's credentials; keeps the token.
  ClientResponse Authenticate();
  void set_token(std::string token) { token_ = std::move(token); }
  const std::string& token() const { return token_; }

  // Requests relative to the API URL ("/order/page?..."), with the bearer token. A path
  // starting with "/_dscosim" goes to the control API of the same tenant instead.
  ClientResponse Get(const std::string& path);
  ClientResponse Post(const std::string& path, const nlohmann::json& body);
  ClientResponse Put(const std::string& path, const nlohmann::json& body);
  ClientResponse Delete(const std::string& path);
  // A raw request: any method, body and content type.
  ClientResponse Send(const std::string& method, const std::string& path, const std::string& body,
                      const std::string& content_type);

 private:
  std::unique_ptr<httplib::Client> http_;
  std::string prefix_;          // the API URL's path, e.g. /api/v3
  std::string control_prefix_;  // the matching control API path, e.g. /_dscosim
  std::string client_id_, client_secret_, token_;
};

}  // namespace dscosim::fakes

#endif  // DSCOSIM_FAKES_TESTING_DSCO_CLIENT_H_
