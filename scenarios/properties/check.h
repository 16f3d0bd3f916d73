// Running a state-machine property over the platform, and keeping its
// counterexample.
//
//   RC_GTEST_PROP(Orders, QuantitiesAddUp, ()) {
//     CheckPlatformStateMachine("orders-quantities", *GenWorldFile(),
//                               *rc::gen::inRange(1, 1000), AllPlatformCommands());
//   }
//
// When a run fails, the steps it sent are written as a scenario file (the world
// inline, every expectation the commands checked) before the failure goes back
// to rapidcheck, and the failure message names the file and the command that
// replays it. rapidcheck shrinks by running smaller candidates; each failing
// one overwrites the file, so once the property is reported the file holds the
// shrunk counterexample.
#ifndef DSCOSIM_SCENARIOS_PROPERTIES_CHECK_H_
#define DSCOSIM_SCENARIOS_PROPERTIES_CHECK_H_

#include <rapidcheck.h>
#include <rapidcheck/state.h>

#include <cstdint>
#include <string>

#include "dscosim/scenarios/properties/commands.h"

namespace dscosim::scenarios::properties {

// Where counterexamples go: $DSCOSIM_COUNTEREXAMPLE_DIR, else
// $TMPDIR/dscosim-counterexamples (TMPDIR defaults to /tmp); the file is
// NAME.json.
std::string CounterexamplePath(const std::string& name);

// Writes `scenario` to CounterexamplePath(name) and answers the text a failure
// message ends with: the path and "replay: dscosim replay PATH".
std::string KeepCounterexample(const std::string& name, const Scenario& scenario);

template <typename GenerationFunc>
void CheckPlatformStateMachine(const std::string& name, const Json& world_file, std::uint64_t seed,
                               GenerationFunc&& commands) {
  PlatformSut sut(world_file, seed, name);
  try {
    rc::state::check(PlatformModel::Of(world_file), sut, std::forward<GenerationFunc>(commands));
  } catch (const rc::detail::CaseResult& result) {
    if (result.type != rc::detail::CaseResult::Type::Failure) throw;
    throw rc::detail::CaseResult(
        result.type, result.description + "\n" + KeepCounterexample(name, sut.recorded()));
  }
}

}  // namespace dscosim::scenarios::properties

#endif  // DSCOSIM_SCENARIOS_PROPERTIES_CHECK_H_
