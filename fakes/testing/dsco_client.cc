#include "dscosim/fakes/testing/dsco_client.h"

#include <httplib.h>

#include "dscosim/fakes/http.h"

namespace dscosim::fakes {

DscoClient::DscoClient(const std::string& api_url, std::string client_id, std::string client_secret)
    : client_id_(std::move(client_id)), client_secret_(std::move(client_secret)) {
  // Split http://host:port/prefix.
  const std::size_t scheme = api_url.find("://");
  const std::size_t path = api_url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  const std::string origin = path == std::string::npos ? api_url : api_url.substr(0, path);
  prefix_ = path == std::string::npos ? "" : api_url.substr(path);
  const std::string api = "/api/v3";
  control_prefix_ = prefix_.size() >= api.size() && prefix_.compare(prefix_.size() - api.size(), api.size(), api) == 0
                        ? prefix_.substr(0, prefix_.size() - api.size()) + "/_dscosim"
                        : "/_dscosim";
  http_ = std::make_unique<httplib::Client>(origin);
  http_->set_keep_alive(true);
  http_->set_read_timeout(30, 0);
}

DscoClient::~DscoClient() = default;
DscoClient::DscoClient(DscoClient&&) noexcept = default;
DscoClient& DscoClient::operator=(DscoClient&&) noexcept = default;

ClientResponse DscoClient::Authenticate() {
  const std::string form = "grant_type=client_credentials&client_id=" + PercentEncode(client_id_) +
                           "&client_secret=" + PercentEncode(client_secret_);
  ClientResponse r = Send("POST", "/oauth2/token", form, "application/x-www-form-urlencoded");
  if (r.status == 200) token_ = r.json().value("access_token", "");
  return r;
}

ClientResponse DscoClient::Get(const std::string& path) { return Send("GET", path, "", ""); }
ClientResponse DscoClient::Post(const std::string& path, const nlohmann::json& body) {
  return Send("POST", path, body.dump(), "application/json");
}
ClientResponse DscoClient::Put(const std::string& path, const nlohmann::json& body) {
  return Send("PUT", path, body.dump(), "application/json");
}
ClientResponse DscoClient::Delete(const std::string& path) { return Send("DELETE", path, "", ""); }

ClientResponse DscoClient::Send(const std::string& method, const std::string& path,
                                const std::string& body, const std::string& content_type) {
  httplib::Headers headers = {{"Accept", "application/json"}};
  if (!token_.empty()) headers.emplace("Authorization", "Bearer " + token_);
  const std::string target =
      path.rfind("/_dscosim", 0) == 0 ? control_prefix_ + path.substr(9) : prefix_ + path;
  httplib::Result result(nullptr, httplib::Error::Unknown);
  if (method == "GET") {
    result = http_->Get(target, headers);
  } else if (method == "DELETE") {
    result = http_->Delete(target, headers, body, content_type.empty() ? "application/json" : content_type);
  } else if (method == "PUT") {
    result = http_->Put(target, headers, body, content_type.empty() ? "application/json" : content_type);
  } else if (method == "PATCH") {
    result = http_->Patch(target, headers, body, content_type.empty() ? "application/json" : content_type);
  } else {
    result = http_->Post(target, headers, body, content_type.empty() ? "application/json" : content_type);
  }
  ClientResponse out;
  if (!result) return out;
  out.status = result->status;
  out.body = result->body;
  out.content_type = result->get_header_value("Content-Type");
  out.parsed = nlohmann::json::parse(out.body, nullptr, false);
  if (out.parsed.is_discarded()) out.parsed = nullptr;
  return out;
}

}  // namespace dscosim::fakes
