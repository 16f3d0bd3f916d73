#include "dscosim/fakes/response_log.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>

namespace dscosim::fakes {

std::unique_ptr<ResponseLog> ResponseLog::FromEnvironment() {
  const char* directory = std::getenv("DSCOSIM_RESPONSE_LOG");
  if (directory == nullptr || *directory == '\0') return nullptr;
  return std::make_unique<ResponseLog>(directory);
}

ResponseLog::ResponseLog(const std::string& directory) {
  static std::atomic<int> instances{0};
  const std::string path = directory + "/responses-" + std::to_string(::getpid()) + "-" +
                           std::to_string(instances++) + ".jsonl";
  out_.open(path, std::ios::app);
  if (!out_) std::cerr << "dscosim: cannot write the response log " << path << "\n";
}

void ResponseLog::Add(const std::string& operation, const std::string& method,
                      const std::string& target, int status, const std::string& content_type,
                      const std::string& body) {
  // Most answers repeat (every poll of an empty page); the check needs each once.
  const std::hash<std::string> hash;
  const std::string path = target.substr(0, target.find('?'));
  const auto depth = static_cast<std::uint64_t>(std::count(path.begin(), path.end(), '/'));
  const std::uint64_t key = hash(body) ^ (hash(operation + " " + content_type) * 31 +
                                          static_cast<std::uint64_t>(status) + (depth << 20));
  std::lock_guard<std::mutex> lock(mu_);
  if (!out_) return;
  if (!seen_.insert(key).second) return;
  nlohmann::json line{
      {"operation", operation},       {"method", method}, {"target", target}, {"status", status},
      {"content_type", content_type}, {"body", body}};
  out_ << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  out_.flush();
}

}  // namespace dscosim::fakes
