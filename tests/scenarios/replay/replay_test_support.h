// Shared by the replay and export tests: the example scenario files, a fresh in-process
// fake on the manual clock, and the failed steps of a run, printed.
#ifndef DSCOSIM_TESTS_SCENARIOS_REPLAY_REPLAY_TEST_SUPPORT_H_
#define DSCOSIM_TESTS_SCENARIOS_REPLAY_REPLAY_TEST_SUPPORT_H_

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "dscosim/fakes/in_process_transport.h"
#include "dscosim/scenarios/replay/runner.h"

namespace dscosim::test_support {

inline std::string ExampleDir() { return std::string(DSCOSIM_SOURCE_DIR) + "/scenarios/examples"; }

// Every *.json in scenarios/examples, sorted.
inline std::vector<std::string> ExampleFiles() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(ExampleDir())) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

inline std::unique_ptr<fakes::InProcessTransport> InProcess() {
  fakes::TenantOptions tenant;
  tenant.mode = fakes::ClockMode::kManual;
  auto t = fakes::InProcessTransport::Create(fakes::ServeOptions{}, tenant);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? std::move(*t) : nullptr;
}

// Each step that did not hold, with the start of its answer.
inline std::string Failures(const scenarios::RunReport& report) {
  std::string out;
  for (const scenarios::StepReport& s : report.steps) {
    if (!s.held()) out += scenarios::FormatStepReport(s, false) + "        body: " + s.body.substr(0, 400) + "\n";
  }
  return out;
}

}  // namespace dscosim::test_support

#endif  // DSCOSIM_TESTS_SCENARIOS_REPLAY_REPLAY_TEST_SUPPORT_H_
