#include "dscosim/scenarios/properties/check.h"

#include <cstdlib>
#include <filesystem>

namespace dscosim::scenarios::properties {

std::string CounterexamplePath(const std::string& name) {
  // Test code reads the environment here; the model never does.
  const char* dir = std::getenv("DSCOSIM_COUNTEREXAMPLE_DIR");
  std::filesystem::path base;
  if (dir != nullptr && *dir != '\0') {
    base = dir;
  } else {
    const char* tmp = std::getenv("TMPDIR");
    base = std::filesystem::path(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") /
           "dscosim-counterexamples";
  }
  return (base / (name + ".json")).string();
}

std::string KeepCounterexample(const std::string& name, const Scenario& scenario) {
  const std::string path = CounterexamplePath(name);
  std::error_code ignored;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ignored);
  Scenario kept = scenario;
  kept.description =
      "The shrunk counterexample of property " + name + ", written by CheckPlatformStateMachine.";
  const Status written = WriteScenarioFile(kept, path);
  if (!written.ok()) return "counterexample: could not be written (" + written.ToString() + ")";
  return "counterexample: " + path + " (" + std::to_string(kept.steps.size()) + " steps, seed " +
         std::to_string(kept.seed) + ")\nreplay: dscosim replay " + path;
}

}  // namespace dscosim::scenarios::properties
