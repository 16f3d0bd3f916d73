// How a scenario runner (or any client) reaches a fake: one request in, one answer out.
// Two implementations: InProcessTransport (in_process_transport.h) hands the request to
// the fake's own request handling without a socket; HttpTransport (http_transport.h)
// sends it over HTTP to a running `dscosim serve` or one of its tenants. Both give the
// same answers for the same requests, byte for byte, which is what lets a scenario file
// replay identically in process and over the wire.
#ifndef DSCOSIM_FAKES_TRANSPORT_H_
#define DSCOSIM_FAKES_TRANSPORT_H_

#include <string>
#include <utility>
#include <vector>

namespace dscosim::fakes {

struct WireRequest {
  std::string method;
  // Path and query, encoded, under the tenant's base: "/api/v3/order/page?..." or
  // "/_dscosim/clock".
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct WireResponse {
  int status = 0;  // 0: no answer (the connection failed or was dropped; `error` says why)
  std::string content_type;
  std::string body;
  std::string error;
};

class Transport {
 public:
  virtual ~Transport() = default;
  virtual WireResponse Send(const WireRequest& request) = 0;
  // The URL that targets go under, e.g. "http://127.0.0.1:8080/t/ci-1"; it appears in
  // answers that carry links (a large batch's dataUrl).
  virtual std::string BaseUrl() const = 0;
};

}  // namespace dscosim::fakes

#endif  // DSCOSIM_FAKES_TRANSPORT_H_
