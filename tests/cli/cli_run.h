// A fixture for tests that run `dscosim` as a process: Run("replay FILE ...") with
// stdout and stderr to files in a fresh temporary folder, then Read("out") / Read("err").
#ifndef DSCOSIM_TESTS_CLI_CLI_RUN_H_
#define DSCOSIM_TESTS_CLI_CLI_RUN_H_

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace dscosim::test_support {

class CliRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/dscosim-cli-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
  }
  // Runs `dscosim ARGS` (a shell command line) with stdout to out and stderr to err;
  // returns its exit code (-1 when it did not exit).
  int Run(const std::string& args) {
    const std::string command = std::string(DSCOSIM_CLI_PATH) + " " + args + " > " + dir_ + "/out 2> " + dir_ + "/err";
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  std::string Read(const std::string& name) const {
    std::ifstream in(dir_ + "/" + name);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  void Write(const std::string& name, const std::string& text) const { std::ofstream(dir_ + "/" + name) << text; }
  std::string dir_;
};

}  // namespace dscosim::test_support

#endif  // DSCOSIM_TESTS_CLI_CLI_RUN_H_
