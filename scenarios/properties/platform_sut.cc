#include "dscosim/scenarios/properties/platform_sut.h"

#include <rapidcheck.h>

namespace dscosim::scenarios::properties {

PlatformSut::PlatformSut(const Json& world_file, std::uint64_t seed, std::string name) {
  scenario_.name = std::move(name);
  scenario_.seed = seed;
  scenario_.world = world_file;
  fakes::TenantOptions tenant;
  tenant.mode = fakes::ClockMode::kManual;
  tenant.seed = seed;
  tenant.world = world_file;  // not the demo world: Setup loads this one again anyway
  auto transport = fakes::InProcessTransport::Create(fakes::ServeOptions{}, tenant);
  if (!transport.ok())
    RC_FAIL("the in-process fake did not start: " + transport.status().ToString());
  transport_ = std::move(*transport);
  runner_ = std::make_unique<ScenarioRunner>(*transport_);
  const Status set_up = runner_->Setup(scenario_);
  if (!set_up.ok()) RC_FAIL("the fake refused the world: " + set_up.ToString());
}

const StepReport& PlatformSut::RunUnchecked(Step step) {
  scenario_.steps.push_back(std::move(step));
  const std::size_t index = scenario_.steps.size() - 1;
  Result<StepReport> report = runner_->RunStep(scenario_.steps[index], index);
  if (!report.ok())
    RC_FAIL("step " + std::to_string(index) + " could not run: " + report.status().ToString());
  last_ = std::move(*report);
  return last_;
}

const StepReport& PlatformSut::Run(Step step) {
  const StepReport& report = RunUnchecked(std::move(step));
  if (!report.held()) {
    RC_FAIL("a postcondition did not hold:\n" + FormatStepReport(report, false) +
            "        body: " + report.body.substr(0, 600));
  }
  return report;
}

}  // namespace dscosim::scenarios::properties
