// Runs a scenario's steps against a fake through a Transport (fakes/transport.h): in
// process, or over HTTP against a running `dscosim serve` or tenant. Both send exactly
// the same requests, so both get the same answers and end on the same trace hash.
//
// What the runner sends besides the steps, the same way on every transport:
//   setup  PUT /_dscosim/world (the scenario's world at its seed; this resets the
//          tenant), PUT /_dscosim/clock/mode manual, PUT /_dscosim/limits;
//   tokens POST /api/v3/oauth2/token with an account's credentials the first time it
//          calls, and again once its token has expired on the virtual clock;
//   clock  POST /_dscosim/clock/advance for `at` and advance steps, POST
//          /_dscosim/clock/settle for settle steps;
//   end    GET /_dscosim/counters for the trace hash.
//
// The responses hash covers every step's status, media type and body, with the
// transport's base URL written as {{baseUrl}} (links such as a large batch's dataUrl).
#ifndef DSCOSIM_SCENARIOS_REPLAY_RUNNER_H_
#define DSCOSIM_SCENARIOS_REPLAY_RUNNER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dscosim/fakes/transport.h"
#include "dscosim/scenarios/replay/expectation.h"
#include "dscosim/scenarios/replay/scenario.h"

namespace dscosim::scenarios {

struct StepReport {
  std::size_t index = 0;
  const Step* step = nullptr;
  Time time;                 // the virtual time the step ran at
  std::string account;       // dscoAccountId of the caller (calls)
  std::string method, target;
  int status = 0;
  std::string content_type;
  std::string body;          // with the base URL written as {{baseUrl}}
  std::optional<Json> json;  // the body parsed, when it is JSON
  std::vector<CheckVerdict> verdicts;
  // The step could not run as written because an earlier step failed (a variable it
  // uses was never saved), or the transport gave no answer.
  std::string not_run;

  bool held() const;
};

struct RunReport {
  std::vector<StepReport> steps;
  std::size_t checks = 0;
  std::size_t failed_checks = 0;
  std::size_t failed_steps = 0;
  std::string trace_hash;
  std::uint64_t trace_events = 0;
  std::string responses_hash;
  bool held() const { return failed_steps == 0; }
};

class ScenarioRunner {
 public:
  explicit ScenarioRunner(fakes::Transport& transport) : transport_(transport) {}

  // Loads the scenario's world (which resets the tenant) and sets the clock and limits.
  // InvalidArgument("world...") when the fake refuses the world; Unavailable when the
  // transport gets no answer.
  Status Setup(const Scenario& scenario);

  // Runs one step. The report says whether its expectations held. An error means the
  // step is malformed in a way parsing cannot see (an unknown account or operation, a
  // clock that would go back), named as "steps[N].field", or that the fake could not
  // be reached (Unavailable).
  Result<StepReport> RunStep(const Step& step, std::size_t index);

  // Reads the trace hash; fills `report`'s totals.
  Status Finish(RunReport& report);

  Time now() const { return now_; }
  // dscoAccountId of a key, id or name; empty when unknown.
  std::string AccountIdOf(const std::string& as) const;
  const std::map<std::string, std::string>& variables() const { return variables_; }

 private:
  struct Credentials {
    std::string client_id, client_secret, token;
    Time expires;
  };
  Result<fakes::WireResponse> Control(const std::string& method, const std::string& target,
                                      const Json& body);
  Status MoveClockTo(Time target, const std::string& field);
  Result<std::string> TokenFor(const std::string& account);
  // Replaces {{...}} in `text`; a variable that is not set gives nullopt.
  std::optional<Json> Substitute(const std::string& text) const;
  std::optional<Json> SubstituteAll(const Json& value) const;
  std::optional<std::string> SubstituteText(const std::string& text) const;
  void ReadClock(const fakes::WireResponse& response);

  fakes::Transport& transport_;
  Time now_;
  std::map<std::string, std::string> keys_;        // world key -> dscoAccountId
  std::map<std::string, Credentials> accounts_;    // dscoAccountId -> credentials
  std::map<std::string, std::string> names_;       // account name -> dscoAccountId
  std::map<std::string, Json> saved_;              // variables saved by steps
  std::map<std::string, std::string> variables_;   // the same, as text, for printing
  std::uint64_t responses_hash_ = 0;
};

// Parses nothing and prints nothing: sets up, runs every step (calling `on_step` after
// each), and finishes. An error is what Setup or RunStep returned.
Result<RunReport> RunScenario(const Scenario& scenario, fakes::Transport& transport,
                              const std::function<void(const StepReport&)>& on_step = {});

// A control-API request: `path` under /_dscosim ("/clock/mode"), `body` sent as JSON
// unless null. Unavailable when the fake gave no answer; any status is an answer.
Result<fakes::WireResponse> SendControl(fakes::Transport& transport, const std::string& method,
                                        const std::string& path, const Json& body = nullptr);

// "  3  2026-01-05T09:00:00.000Z  R1 createOrder -> 201" and one line per verdict.
std::string FormatStepReport(const StepReport& report, bool verbose);

}  // namespace dscosim::scenarios

#endif  // DSCOSIM_SCENARIOS_REPLAY_RUNNER_H_
