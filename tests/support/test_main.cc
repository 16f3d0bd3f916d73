// The main of every test binary.
//
// Property tests are seeded: unless RC_PARAMS is set, rapidcheck gets
// "seed=<DSCOSIM_TEST_SEED, else DSCOSIM_DEFAULT_TEST_SEED, else 20261124>", so a CI run
// is reproducible and a developer explores new cases by changing DSCOSIM_TEST_SEED. The
// seed and the command that replays a test are printed before the run and again beside
// every failure.
#include <cstdlib>
#include <iostream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace {

std::string g_binary;
std::string g_rc_params;

class ReplayPrinter : public testing::EmptyTestEventListener {
 public:
  void OnTestEnd(const testing::TestInfo& info) override {
    if (!info.result()->Failed()) return;
    std::cerr << "[dscosim] replay: RC_PARAMS=\"" << g_rc_params << "\" " << g_binary
              << " --gtest_filter=" << info.test_suite_name() << "." << info.name() << "\n";
  }
};

}  // namespace

int main(int argc, char** argv) {
  g_binary = argv[0];
  if (const char* given = std::getenv("RC_PARAMS"); given != nullptr && *given != '\0') {
    g_rc_params = given;
  } else {
    const char* seed = std::getenv("DSCOSIM_TEST_SEED");
    if (seed == nullptr || *seed == '\0') seed = std::getenv("DSCOSIM_DEFAULT_TEST_SEED");
    if (seed == nullptr || *seed == '\0') seed = "20261124";
    g_rc_params = std::string("seed=") + seed;
    // rapidcheck reads RC_PARAMS lazily, at the first property.
    setenv("RC_PARAMS", g_rc_params.c_str(), 1);
  }
  std::cerr << "[dscosim] property tests run with RC_PARAMS=\"" << g_rc_params
            << "\"; replay any test with: RC_PARAMS=\"" << g_rc_params << "\" " << g_binary
            << " --gtest_filter=<Suite.Test>\n";
  testing::InitGoogleMock(&argc, argv);
  testing::UnitTest::GetInstance()->listeners().Append(new ReplayPrinter);
  return RUN_ALL_TESTS();
}
