// A fake reached over HTTP: a running `dscosim serve`, or one of its tenants.
#ifndef DSCOSIM_FAKES_HTTP_TRANSPORT_H_
#define DSCOSIM_FAKES_HTTP_TRANSPORT_H_

#include <memory>
#include <string>

#include "dscosim/fakes/transport.h"
#include "dscosim/model/core/status.h"

namespace httplib {
class Client;
}

namespace dscosim::fakes {

class HttpTransport : public Transport {
 public:
  // `url`: "http://host:port" (the default tenant) or "http://host:port/t/NAME" (a
  // tenant); a trailing "/api/v3" or "/_dscosim" is dropped. InvalidArgument("url") for
  // anything else (https, no port, another path).
  static Result<std::unique_ptr<HttpTransport>> Create(const std::string& url);
  ~HttpTransport() override;

  WireResponse Send(const WireRequest& request) override;
  std::string BaseUrl() const override { return base_url_; }

 private:
  HttpTransport() = default;
  std::string base_url_;  // scheme, host, port and prefix
  std::string prefix_;    // "" or "/t/NAME"
  std::unique_ptr<httplib::Client> client_;
};

}  // namespace dscosim::fakes

#endif  // DSCOSIM_FAKES_HTTP_TRANSPORT_H_
