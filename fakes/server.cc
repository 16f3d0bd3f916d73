#include "dscosim/fakes/server.h"

#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <set>
#include <thread>

#include <arpa/inet.h>
#include <dirent.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace dscosim::fakes {
namespace {

constexpr int kListenBacklog = 1024;

// Shuts the reading side of every connected socket of this process whose local port is
// `port`: the server's accepted connections (clients in the same process, as in tests,
// have their own ephemeral ports).
void ShutdownReads(int port) {
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return;
  while (const dirent* entry = readdir(dir)) {
    char* end = nullptr;
    const long fd = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0' || fd == dirfd(dir)) continue;
    const int sock = static_cast<int>(fd);
    sockaddr_storage local{};
    socklen_t length = sizeof(local);
    if (getsockname(sock, reinterpret_cast<sockaddr*>(&local), &length) != 0) continue;
    int local_port = -1;
    if (local.ss_family == AF_INET) {
      local_port = ntohs(reinterpret_cast<const sockaddr_in*>(&local)->sin_port);
    } else if (local.ss_family == AF_INET6) {
      local_port = ntohs(reinterpret_cast<const sockaddr_in6*>(&local)->sin6_port);
    }
    sockaddr_storage peer{};
    length = sizeof(peer);
    if (local_port != port || getpeername(sock, reinterpret_cast<sockaddr*>(&peer), &length) != 0) continue;
    ::shutdown(sock, SHUT_RD);
  }
  closedir(dir);
}

void Serve(Api& api, const std::string& base_url, const httplib::Request& req, httplib::Response& res) {
  HttpRequest request;
  request.method = req.method;
  request.body = req.body;
  for (const auto& [name, value] : req.headers) {
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers[lower] = value;
  }
  const std::string target = req.target.empty() ? req.path : req.target;
  HttpResponse response;
  const Status parsed = ParseTarget(target, request);
  if (!parsed.ok()) {
    response = ErrorResponse(parsed, ErrorStyle::kMessages);
  } else {
    response = api.Handle(request, base_url);
  }
  if (response.delay_ms > 0) {
    // Outside every lock: other requests go on while this one waits.
    std::this_thread::sleep_for(std::chrono::milliseconds(response.delay_ms));
  }
  if (response.action != WireAction::kAnswer) {
    // cpp-httplib cannot close a connection from a handler, but a chunked provider that
    // gives up before its first chunk makes it drop the connection mid-response: the
    // client sees the connection closed without a complete answer.
    res.status = 200;
    res.set_chunked_content_provider("application/json",
                                     [](std::size_t, httplib::DataSink&) { return false; });
    return;
  }
  res.status = response.status;
  for (const auto& [name, value] : response.headers) res.set_header(name, value);
  res.headers.erase("Content-Type");
  res.set_header("Content-Type", response.content_type);
  res.body = std::move(response.body);  // what set_content does, without the copy
}

}  // namespace

FakeServer::FakeServer(ServerOptions options) : options_(std::move(options)) {}

FakeServer::~FakeServer() { Stop(); }

std::string FakeServer::base_url() const {
  return "http://" + options_.host + ":" + std::to_string(port_);
}
std::string FakeServer::api_url() const { return base_url() + "/api/v3"; }
std::string FakeServer::control_url() const { return base_url() + "/_dscosim"; }

Status FakeServer::Start() {
  options_.serve.tenant_template = options_.tenant;
  api_ = std::make_unique<Api>(options_.serve);
  auto tenant = Tenant::Create(options_.tenant);
  if (!tenant.ok()) return tenant.status();
  DSCOSIM_RETURN_IF_ERROR(api_->AddTenant(std::move(*tenant)));

  server_ = std::make_unique<httplib::Server>();
  const int threads = options_.threads;
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  server_->set_tcp_nodelay(true);
  server_->set_keep_alive_max_count(1000000);
  server_->set_keep_alive_timeout(60);
  server_->set_payload_max_length(std::size_t{2} << 30);
  // cpp-httplib listens with a backlog of 5: when many clients connect at once the
  // kernel drops the overflow and they wait a second for their SYN to be retried. Keep
  // the listening socket to listen again with a deep backlog once it is bound.
  int listening = -1;
  server_->set_socket_options([&listening](socket_t sock) {
    httplib::default_socket_options(sock);
    listening = sock;
  });
  port_ = options_.port == 0 ? server_->bind_to_any_port(options_.host)
                             : (server_->bind_to_port(options_.host, options_.port) ? options_.port : -1);
  server_->set_socket_options(httplib::default_socket_options);
  if (port_ <= 0) return Unavailable("cannot bind " + options_.host + ":" + std::to_string(options_.port));
  if (listening >= 0) ::listen(listening, kListenBacklog);
  const std::string base = base_url();
  const auto handler = [this, base](const httplib::Request& req, httplib::Response& res) {
    Serve(*api_, base, req, res);
  };
  server_->Get(".*", handler);
  server_->Post(".*", handler);
  server_->Put(".*", handler);
  server_->Delete(".*", handler);
  server_->Patch(".*", handler);
  server_->Options(".*", handler);
  // A request without Content-Length or Transfer-Encoding has no body (RFC 9112, 6.3),
  // but cpp-httplib reads a POST, PUT, PATCH or DELETE body until the connection closes
  // (a bodiless `curl -X PUT` of a stream commit waited out the read timeout). Such
  // requests are answered here, before it reads; so are GETs, without its regex routing.
  server_->set_pre_routing_handler([this, base](const httplib::Request& req, httplib::Response& res) {
    static const std::set<std::string> kMethods = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};
    if (req.has_header("Content-Length") || req.has_header("Transfer-Encoding") ||
        kMethods.count(req.method) == 0) {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    Serve(*api_, base, req, res);
    return httplib::Server::HandlerResponse::Handled;
  });
  running_ = true;
  listener_ = std::thread([this] { server_->listen_after_bind(); });
  ticker_ = std::thread([this] {
    while (running_) {
      api_->Tick();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return Status::Ok();
}

void FakeServer::Stop() {
  if (!running_.exchange(false)) return;
  server_->stop();
  // cpp-httplib notices the stop only between requests, and a worker waiting for the
  // next request on an idle keep-alive connection waits out the keep-alive timeout (a
  // minute). Shutting the reading side of the server's connections wakes it: answers
  // being written still go out, then the connection closes. Repeated until the
  // listener is done, for a connection accepted just before the stop.
  std::atomic<bool> stopped{false};
  std::thread waker([this, &stopped] {
    while (!stopped) {
      ShutdownReads(port_);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  if (listener_.joinable()) listener_.join();
  stopped = true;
  waker.join();
  if (ticker_.joinable()) ticker_.join();
}

}  // namespace dscosim::fakes
