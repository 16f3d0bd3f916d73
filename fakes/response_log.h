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
  // Appends to <directory>/responses-<pid>-<n>.jsonl; `directory` must exist (when the
  // file cannot be opened, that is said once on stderr and nothing is written, so the
  // schema check finds fewer answers rather than the server failing).
  explicit ResponseLog(const std::string& directory);

  // Writes one line unless an answer with the same operation, status, content type,
  // body and path depth was written before (the depth tells apart the two stream reads
  // that one route serves).
  void Add(const std::string& operation, const std::string& method, const std::string& target,
           int status, const std::string& content_type, const std::string& body);

 private:
  std::mutex mu_;
  std::ofstream out_;
  std::unordered_set<std::uint64_t> seen_;
};

}  // namespace dscosim::fakes

#endif  // DSCOSIM_FAKES_RESPONSE_LOG_H_
