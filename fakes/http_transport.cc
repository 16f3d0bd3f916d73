#include "dscosim/fakes/http_transport.h"

#include <httplib.h>

namespace dscosim::fakes {

Result<std::unique_ptr<HttpTransport>> HttpTransport::Create(const std::string& url) {
  const std::string scheme = "http://";
  if (url.rfind(scheme, 0) != 0) return InvalidArgument("url", "must start with http://");
  const std::size_t slash = url.find('/', scheme.size());
  const std::string authority = url.substr(scheme.size(), slash == std::string::npos
                                                              ? std::string::npos
                                                              : slash - scheme.size());
  std::string path = slash == std::string::npos ? "" : url.substr(slash);
  while (!path.empty() && path.back() == '/') path.pop_back();
  for (const std::string suffix : {"/api/v3", "/_dscosim"}) {
    if (path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0) {
      path.erase(path.size() - suffix.size());
      break;
    }
  }
  if (!path.empty() && (path.rfind("/t/", 0) != 0 || path.size() == 3 ||
                        path.find('/', 3) != std::string::npos)) {
    return InvalidArgument("url", "the path must be empty or /t/NAME (a tenant), not " + path);
  }
  const std::size_t colon = authority.rfind(':');
  if (colon == std::string::npos || colon + 1 == authority.size()) {
    return InvalidArgument("url", "needs host:port");
  }
  int port = 0;
  for (std::size_t i = colon + 1; i < authority.size(); ++i) {
    if (authority[i] < '0' || authority[i] > '9' || port > 65535) {
      return InvalidArgument("url", "the port must be a number");
    }
    port = port * 10 + (authority[i] - '0');
  }
  if (port <= 0 || port > 65535) return InvalidArgument("url", "the port must be 1 to 65535");
  std::unique_ptr<HttpTransport> t(new HttpTransport());
  t->prefix_ = path;
  t->base_url_ = scheme + authority + path;
  t->client_ = std::make_unique<httplib::Client>(authority.substr(0, colon), port);
  t->client_->set_keep_alive(true);
  t->client_->set_connection_timeout(5, 0);
  t->client_->set_read_timeout(60, 0);
  return t;
}

HttpTransport::~HttpTransport() = default;

WireResponse HttpTransport::Send(const WireRequest& request) {
  httplib::Request req;
  req.method = request.method;
  req.path = prefix_ + request.target;
  for (const auto& [name, value] : request.headers) req.set_header(name, value);
  req.body = request.body;
  httplib::Result result = client_->send(req);
  WireResponse out;
  if (!result) {
    out.error = httplib::to_string(result.error());
    return out;
  }
  out.status = result->status;
  out.content_type = result->get_header_value("Content-Type");
  out.body = result->body;
  return out;
}

}  // namespace dscosim::fakes
