// The system under test of a state-machine property: a fake in this process,
// driven through a ScenarioRunner, which records every step it runs. The record
// is a scenario file (scenario.h): when a property fails, its steps are the
// counterexample and `dscosim replay` runs them again.
#ifndef DSCOSIM_SCENARIOS_PROPERTIES_PLATFORM_SUT_H_
#define DSCOSIM_SCENARIOS_PROPERTIES_PLATFORM_SUT_H_

#include <memory>
#include <string>

#include "dscosim/fakes/in_process_transport.h"
#include "dscosim/scenarios/replay/runner.h"

namespace dscosim::scenarios::properties {

class PlatformSut {
 public:
  // Loads `world_file` at `seed` (RC_FAIL when the fake refuses it).
  PlatformSut(const Json& world_file, std::uint64_t seed, std::string name);

  // Runs `step` and records it; RC_FAILs (with the step's report) unless every
  // expectation of the step held.
  const StepReport& Run(Step step);
  // The same, but returns the report whether or not it held (for commands that
  // judge the answer themselves).
  const StepReport& RunUnchecked(Step step);

  const Scenario& recorded() const { return scenario_; }
  std::string AccountId(const std::string& key) const { return runner_->AccountIdOf(key); }
  fakes::InProcessTransport& transport() { return *transport_; }

 private:
  Scenario scenario_;
  std::unique_ptr<fakes::InProcessTransport> transport_;
  std::unique_ptr<ScenarioRunner> runner_;
  StepReport last_;
};

}  // namespace dscosim::scenarios::properties

#endif  // DSCOSIM_SCENARIOS_PROPERTIES_PLATFORM_SUT_H_
