// Scenario files: a world, a seed and a timeline of steps that replays the same way in
// process and over HTTP (docs/scenarios.md, "Scenario files"; the JSON Schema is
// docs/scenario.schema.json).
//
//   {"dscosimScenario": 1, "name": "...", "seed": 7,
//    "world": {...world file...} | "worlds/two-partners.json" | {"demo": true},
//    "rateLimits": false,
//    "steps": [
//      {"as": "R1", "op": "createOrder", "body": {...},
//       "save": {"order": "/dscoOrderId"}, "expect": {"status": 201}},
//      {"settle": true},
//      {"at": "2026-01-05T10:00:00Z", "as": "S1", "op": "acknowledgeOrders",
//       "body": [{"id": "{{order}}", "type": "DSCO_ORDER_ID"}], "expect": {"status": 202}},
//      {"advance": {"seconds": 60}},
//      {"check": {"kind": "order", "id": "{{order}}"},
//       "expect": {"json": {"/dscoLifecycle": "acknowledged"}}}]}
//
// A step is one of: a call (account `as` calls v3 operation `op`), an advance of the
// virtual clock, a settle (advance until no asynchronous work is in flight) or a check
// of an object's state. Strings anywhere in a step may hold `{{variable}}`s: saved by an
// earlier step, `{{accounts.KEY}}` (an account's dscoAccountId), or `{{now}}`,
// `{{now-5s}}`, `{{now+2h}}` (the virtual clock, ISO-8601). A string that is exactly one
// variable takes the saved JSON value itself (a number stays a number).
//
// Parsing checks everything that can be checked without running: every error names the
// step and field ("steps[3].expect.status").
#ifndef DSCOSIM_SCENARIOS_REPLAY_SCENARIO_H_
#define DSCOSIM_SCENARIOS_REPLAY_SCENARIO_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "dscosim/model/core/status.h"
#include "dscosim/model/core/time.h"

namespace dscosim::scenarios {

using Json = nlohmann::json;

inline constexpr int kScenarioFormatVersion = 1;

// The value at `pointer` (RFC 6901; "" is the whole document) must match `matcher`: a
// plain JSON value (equal), or one operator object: {"$exists": bool}, {"$length": n},
// {"$in": [values]}, {"$contains": value} (a substring of a string, an element of an
// array), {"$gte": n}, {"$lte": n}, {"$type": "string"|"number"|"boolean"|"object"|
// "array"|"null"}, {"$not": matcher}.
struct JsonCheck {
  std::string pointer;
  Json matcher;
};

struct Expectation {
  std::vector<int> statuses;  // the answer's status is one of these; empty: any
  std::optional<std::string> content_type;  // the media type, without parameters
  std::vector<JsonCheck> checks;             // on the answer's JSON body
  bool empty() const { return statuses.empty() && !content_type && checks.empty(); }
};

enum class StepKind { kCall, kAdvance, kSettle, kCheck };

struct Step {
  StepKind kind = StepKind::kCall;
  std::string name;        // optional, printed beside the step
  std::optional<Time> at;  // the clock moves here first (never back)

  // kCall
  std::string as;                    // a world file's account key, a dscoAccountId or a name
  std::string op;                    // the operationId, e.g. "createOrder"
  std::vector<std::string> params;   // the route's path parameters, in order
  std::vector<std::pair<std::string, std::string>> query;  // in order; a name may repeat
  std::optional<Json> body;          // sent as application/json
  std::optional<std::vector<std::pair<std::string, std::string>>> form;  // or as a form
  bool auth = true;                  // false: no Authorization header
  std::vector<std::pair<std::string, std::string>> save;  // variable <- pointer

  // kAdvance: exactly one of the two.
  std::optional<double> seconds;
  std::optional<Time> to;

  // kCheck: the object's state as the model holds it (GET /_dscosim/objects/KIND/ID).
  std::string object_kind;  // order | conversation | return | invoice | item | stream
  std::string object_id;

  Expectation expect;
};

struct Scenario {
  std::string name;
  std::string description;
  std::uint64_t seed = 1;
  Json world = Json{{"demo", true}};  // a world file's contents, or {"demo": true}
  std::string world_file;             // the file `world` was read from, if any
  bool rate_limits = false;           // the spec's rate limits apply to the steps
  std::vector<Step> steps;
};

// Reads a scenario document. `world` must be inline (an object) unless
// `world_from_file` supplies the contents of the file it names.
Result<Scenario> ParseScenario(const Json& document,
                               const std::optional<Json>& world_from_file = std::nullopt);
// The document ParseScenario reads back to the same scenario.
Json ScenarioToJson(const Scenario& scenario);

// Reads FILE (a world named by path is read relative to FILE's folder).
// InvalidArgument naming the field, or the file that cannot be read or parsed.
Result<Scenario> LoadScenarioFile(const std::string& path);
// Writes the scenario (the world inline), two-space indented.
Status WriteScenarioFile(const Scenario& scenario, const std::string& path);

// The variables `text` uses ("{{order}}" -> "order"), in order of use.
std::vector<std::string> VariablesIn(const std::string& text);

}  // namespace dscosim::scenarios

#endif  // DSCOSIM_SCENARIOS_REPLAY_SCENARIO_H_
