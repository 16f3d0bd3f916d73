#include "dscosim/fakes/in_process_transport.h"

#include <cctype>

namespace dscosim::fakes {

Result<std::unique_ptr<InProcessTransport>> InProcessTransport::Create(ServeOptions serve,
                                                                       TenantOptions tenant) {
  std::unique_ptr<InProcessTransport> t(new InProcessTransport());
  serve.tenant_template = tenant;  // as the server does: new tenants start like this one
  t->api_ = std::make_unique<Api>(std::move(serve));
  tenant.name = "default";
  DSCOSIM_ASSIGN_OR_RETURN(std::unique_ptr<Tenant> created, Tenant::Create(tenant));
  DSCOSIM_RETURN_IF_ERROR(t->api_->AddTenant(std::move(created)));
  t->tenant_ = t->api_->FindTenant("default");
  return t;
}

WireResponse InProcessTransport::Send(const WireRequest& wire) {
  HttpRequest request;
  request.method = wire.method;
  request.target = wire.target;
  request.body = wire.body;
  for (const auto& [name, value] : wire.headers) {
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers[lower] = value;
  }
  WireResponse out;
  if (const Status parsed = ParseTarget(wire.target, request); !parsed.ok()) {
    // What the server's HTTP library answers for a target it cannot read.
    out.status = 400;
    out.content_type = "application/json";
    out.body = ErrorResponse(parsed, ErrorStyle::kMessages).body;
    return out;
  }
  HttpResponse response = api_->Handle(request, kBaseUrl);
  if (response.action != WireAction::kAnswer) {
    out.error = response.action == WireAction::kDrop ? "connection closed without an answer"
                                                     : "connection reset";
    return out;
  }
  out.status = response.status;
  out.content_type = response.content_type;
  out.body = std::move(response.body);
  return out;
}

}  // namespace dscosim::fakes
