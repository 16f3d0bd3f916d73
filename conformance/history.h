// A conformance run's record, as `dscosim conform` writes it and `dscosim check` reads
// it: one JSON object per line (JSONL), in four kinds told apart by "type":
//
//   {"type":"run", "profile", "seed", "command", "options", ...}      first line, once
//   {"type":"pass", "pass": 1|2, "compatExtraFields", "accountId", "settings"}  per pass
//   {"type":"event", "pass", "kind", "wallMicros", "virtualMicros", "data"}
//   {"type":"exchange", "pass", ...the fake's history fields (docs/serve.md)}
//
// Exchanges are the integration's own requests, exactly as the fake recorded them (the
// driver plays the other side in-process and never appears as an exchange). Events
// are what the driver did and saw (conformance/events.h lists them). A history written
// by `dscosim serve --history` (exchanges without "type") also loads, as one pass whose
// integration is every caller.
#ifndef DSCOSIM_CONFORMANCE_HISTORY_H_
#define DSCOSIM_CONFORMANCE_HISTORY_H_

#include <cstdint>
#include <istream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dscosim/model/core/status.h"

namespace dscosim::conformance {

using Json = nlohmann::json;

// One request of the integration and the platform's answer.
struct Call {
  int pass = 1;
  std::uint64_t seq = 0;               // the fake's sequence number, per pass
  std::int64_t wall_micros = 0;        // when it arrived, on the machine's clock
  std::int64_t duration_micros = 0;    // until the answer was ready
  std::int64_t virtual_micros = 0;     // the platform's clock when it was handled
  std::string method;                  // GET, POST, ...
  std::string target;                  // as sent, e.g. /api/v3/order/page?until=...
  std::string route;                   // operationId, e.g. "getOrders"; empty: unknown route
  std::string path;                    // decoded, below /api/v3, no trailing slash: "/order/page"
  std::multimap<std::string, std::string> query;  // decoded
  std::string authorization;           // the Authorization header as sent, "" when absent
  std::string token;                   // the bearer token, when one was sent
  std::string account;                 // whom the token named; "" when unauthenticated
  std::string request_text;
  Json request_json;                   // parsed when the body is JSON, else null
  int status = 0;                      // 0: the connection was dropped or reset
  std::string response_text;
  Json response_json;                  // parsed when the answer is JSON, else null
  std::string fault;                   // the injected fault rule's id, "" when none

  std::int64_t answered_wall_micros() const { return wall_micros + duration_micros; }
  // The first value of a query parameter, or "".
  std::string Query(const std::string& name) const;
};

// Something the driver did or saw (conformance/events.h).
struct Event {
  int pass = 1;
  std::string kind;
  std::int64_t wall_micros = 0;
  std::int64_t virtual_micros = 0;
  Json data;  // an object
};

struct PassInfo {
  int pass = 1;
  bool compat_extra_fields = false;
  std::string account_id;  // the integration's Dsco account; "" when unknown
  Json settings;           // the profile's scaled timings for this pass
};

struct History {
  Json run;  // the "run" line; null for a plain serve history
  std::vector<PassInfo> passes;  // in pass order
  std::vector<Call> calls;       // in (pass, seq) order
  std::vector<Event> events;     // in (pass, wall time) order
};

// Parses JSONL. InvalidArgument naming the line ("line 7: ...") when a line is not an
// object of a known kind.
Result<History> ParseHistory(std::istream& in);

// Builds one Call from an exchange line (the fake's fields; docs/serve.md).
Result<Call> CallFromExchange(const Json& exchange, int pass);

// The lines of a history, for writing (the inverse of ParseHistory for run, pass and
// event lines; exchange lines are the fake's own JSON plus "type" and "pass").
Json RunLine(const Json& run);
Json PassLine(const PassInfo& pass);
Json EventLine(const Event& event);

}  // namespace dscosim::conformance

#endif  // DSCOSIM_CONFORMANCE_HISTORY_H_
