// Shared helpers for the checkers (conformance/checks/*.cc): what makes two requests
// "the same", which answers are transient, which faults the driver installed, when the
// integration stopped, and how a call or a time is written in a finding. All pure.
#ifndef DSCOSIM_CONFORMANCE_CHECKS_CHECK_SUPPORT_H_
#define DSCOSIM_CONFORMANCE_CHECKS_CHECK_SUPPORT_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dscosim/conformance/verdict.h"

namespace dscosim::conformance {

// --- Requests -------------------------------------------------------------------------

// A request's identity (README "Identity"): method, decoded path, query (repeated
// parameters in any order) and body (JSON compared as values, other bodies as text),
// without the token. Equal strings mean the same request.
std::string RequestIdentity(const Call& call);
bool SameRequest(const Call& a, const Call& b);

// 408, 429, 500, 502, 503, 504, or 0 (the connection was dropped or reset).
bool IsTransientStatus(int status);
bool IsSuccessStatus(int status);  // 2xx

// The token route (POST /oauth2/token).
inline constexpr char kTokenRoute[] = "getAccessToken";
bool IsTokenRequest(const Call& call);

// --- JSON bodies ----------------------------------------------------------------------

// A Dsco id (or any text field) as text, whether the JSON holds a string or an integer;
// "" when absent, of another type, or `j` is not an object.
std::string JsonText(const Json& j, const char* key);
// An ISO-8601 field as microseconds since the epoch; nullopt when absent or unparsable.
std::optional<std::int64_t> JsonTimeMicros(const Json& j, const char* key);

// --- Events ---------------------------------------------------------------------------

// The ids of the fault rules the driver installed with this `kind` ("transient",
// "outage", "refusal"), from fault_installed events.
std::set<std::string> FaultIdsOfKind(const PassView& pass, const std::string& kind);

// The first integration_stopped, integration_exited or pass_end event whose wall time
// is in [from_wall, to_wall], or nullptr: the integration could not act after it.
const Event* StopBetween(const PassView& pass, std::int64_t from_wall, std::int64_t to_wall);

// Whether, after `failed` was answered and before `before_wall`, the integration sent a
// different request of the same operation (same route, another identity): it moved on
// instead of retrying, so a stop that followed does not excuse the missing retry.
bool MovedOn(const PassView& pass, const Call& failed, std::int64_t before_wall);

// The pass's extent on the platform's clock: from the first integration_started event
// (else the earliest event or call) to pass_end (else the latest event or call).
struct VirtualSpan {
  std::int64_t start = 0;
  std::int64_t end = 0;
};
VirtualSpan PassVirtualSpan(const PassView& pass);

// integration_started events after the first (the harness restarted the command).
std::vector<const Event*> Restarts(const PassView& pass);

// --- Writing findings -----------------------------------------------------------------

// The pass's start on the wall clock: the first integration_started event, else the
// first call, else 0.
std::int64_t PassStartWall(const PassView& pass);

// "+12.345 s": `wall_micros` relative to `start_wall`.
std::string FormatOffset(std::int64_t wall_micros, std::int64_t start_wall);
// "123 ms" (rounded to whole milliseconds).
std::string FormatMillis(std::int64_t micros);
// "#12 GET /api/v3/order/page?... -> 503 at +9.120 s" ("-> dropped" for status 0);
// a target longer than 160 characters is cut with "...".
std::string DescribeCall(const Call& call, std::int64_t start_wall);

// Evidence lists stay readable: at most this many seqs per finding (the message says
// how many there were in all).
inline constexpr std::size_t kMaxSeqs = 20;
std::vector<std::uint64_t> Seqs(const std::vector<const Call*>& calls);

}  // namespace dscosim::conformance

#endif  // DSCOSIM_CONFORMANCE_CHECKS_CHECK_SUPPORT_H_
