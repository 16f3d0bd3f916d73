// Every distinct /api/v3 answer, written as JSON lines for the schema check
// (scripts/validate_responses.py, docs/fidelity.md).
//
// The tests set DSCOSIM_RESPONSE_LOG to a directory; every Api then writes
// <dir>/responses-<pid>-<n>.jsonl, one line per distinct (operation, status, content
// type, body):
//   {"operation", "method", "target", "status", "content_type", "body"}
// Answers to unknown routes, injected faults and dropped connections are left out: they
// are not the platform's. Thread-safe; each line is flushed as it is written, so a
// process that is killed loses nothing it answered.
#ifndef DSCOSIM_FAKES_RESPONSE_LOG_H_
#define DSCOSIM_FAKES_RESPONSE_LOG_H_

#include <cstdint>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_set>

namespace dscosim::fakes {

class ResponseLog {
 public:
  // The log the environment asks for (DSCOSIM_RESPONSE_LOG), or null.
  static std::unique_ptr<ResponseLog> FromEnvironment();
  // Writes a new file in `directory`, which must exist.
  explicit ResponseLog(const std::string& directory);

  void Add(const std::string& operation, const std::string& method, const std::string& target,
           int status, const std::string& content_type, const std::string& body);

 private:
  std::mutex mu_;
  std::ofstream out_;
  std::unordered_set<std::uint64_t> seen_;
};

}  // namespace dscosim::fakes

#endif  // DSCOSIM_FAKES_RESPONSE_LOG_H_
