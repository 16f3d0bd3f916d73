// `dscosim serve` as a process, the way CI scripts use it: start it on port 0, read the
// one JSON line from stdout, and use what it says to authenticate and place an order.
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "dscosim/fakes/testing/dsco_client.h"

extern char** environ;

namespace dscosim::fakes {
namespace {

using Json = nlohmann::json;

class ServeProcess {
 public:
  explicit ServeProcess(std::vector<std::string> flags) {
    int fds[2];
    if (pipe(fds) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    std::vector<std::string> args = {DSCOSIM_CLI_PATH, "serve"};
    args.insert(args.end(), flags.begin(), flags.end());
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, DSCOSIM_CLI_PATH, &actions, nullptr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    out_ = fds[0];
  }
  ~ServeProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
    if (out_ >= 0) close(out_);
  }
  // The first line of stdout; empty if none comes (the test's own timeout is ctest's).
  std::string FirstLine() {
    std::string line;
    char c = 0;
    while (read(out_, &c, 1) == 1) {
      if (c == '\n') return line;
      line += c;
    }
    return line;
  }
  // Waits for the process to exit after SIGTERM; its exit status.
  int Terminate() {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
};

TEST(ServeCli, PrintsOneJsonLineThatIsEnoughToPlaceAnOrder) {
  ServeProcess serve({"--port", "0", "--seed", "7", "--clock", "manual"});
  const std::string line = serve.FirstLine();
  const Json info = Json::parse(line, nullptr, false);
  ASSERT_FALSE(info.is_discarded()) << line;
  ASSERT_TRUE(info["apiUrl"].is_string());
  const std::string api = info["apiUrl"];
  EXPECT_EQ(api.rfind("http://127.0.0.1:", 0), 0u);
  EXPECT_EQ(api.substr(api.size() - 7), "/api/v3");
  EXPECT_EQ(info["controlUrl"], api.substr(0, api.size() - 7) + "/_dscosim");
  EXPECT_EQ(info["seed"], 7);
  const Json* retailer = nullptr;
  const Json* supplier = nullptr;
  int retailers = 0, suppliers = 0;
  for (const Json& a : info["accounts"]) {
    for (const char* key : {"role", "dscoAccountId", "name", "clientId", "clientSecret"}) {
      EXPECT_TRUE(a[key].is_string()) << key << " in " << a.dump();
    }
    ASSERT_TRUE(a["tradingPartners"].is_array());
    for (const Json& p : a["tradingPartners"]) {
      for (const char* key : {"dscoAccountId", "tradingPartnerId", "name"}) EXPECT_TRUE(p[key].is_string());
    }
    ASSERT_TRUE(a["skus"].is_array());
    if (a["role"] == "retailer") {
      ++retailers;
      if (retailer == nullptr) retailer = &a;
    } else {
      ++suppliers;
      EXPECT_FALSE(a["skus"].empty()) << "a supplier lists stocked skus";
      if (supplier == nullptr) supplier = &a;
    }
  }
  EXPECT_GE(retailers, 2);
  EXPECT_GE(suppliers, 2);
  ASSERT_NE(retailer, nullptr);
  ASSERT_NE(supplier, nullptr);

  // A newcomer's first order, from nothing but the line.
  DscoClient client(api, (*retailer)["clientId"], (*retailer)["clientSecret"]);
  ASSERT_EQ(client.Authenticate().status, 200);
  const Json order = {{"poNumber", "PO-CLI-1"},
                      {"shipping", {{"name", "Ada"}, {"address1", "1 Main St"}, {"city", "Springfield"},
                                    {"region", "IL"}, {"postal", "62701"}}},
                      {"shippingServiceLevelCode", "UPCG"},
                      {"lineItems", {{{"sku", (*supplier)["skus"][0]}, {"quantity", 1}}}}};
  const ClientResponse created = client.Post("/order/", order);
  EXPECT_EQ(created.status, 201) << created.body;
  const ClientResponse clock = client.Post("/_dscosim/clock/advance", {{"seconds", 3}});
  EXPECT_EQ(clock.status, 200);
  EXPECT_EQ(clock.json()["mode"], "manual");
  EXPECT_EQ(serve.Terminate(), 0);
}

TEST(ServeCli, BadFlagsExitTwoWithoutAListener) {
  ServeProcess serve({"--clock", "sometimes"});
  EXPECT_EQ(serve.FirstLine(), "");
  EXPECT_EQ(serve.Terminate(), 2);
}

// --scenario: the file's steps run before the line is printed, and the server serves the
// state they leave, on a manual clock; the line's trace hash is `dscosim replay`'s.
TEST(ServeCli, StartsFromAScenarioFile) {
  const std::string file = std::string(DSCOSIM_SOURCE_DIR) + "/scenarios/examples/order-lifecycle.json";
  ServeProcess serve({"--port", "0", "--scenario", file});
  const std::string line = serve.FirstLine();
  const Json info = Json::parse(line, nullptr, false);
  ASSERT_FALSE(info.is_discarded()) << line;
  ASSERT_TRUE(info["scenario"].is_object()) << line;
  EXPECT_EQ(info["scenario"]["file"], file);
  EXPECT_EQ(info["scenario"]["held"], true);
  EXPECT_EQ(info["scenario"]["failedSteps"], 0);
  EXPECT_GT(info["scenario"]["steps"].get<int>(), 0);
  EXPECT_EQ(info["seed"], 7);  // the scenario's, not the default
  EXPECT_EQ(info["clock"]["mode"], "manual");

  char dir[] = "/tmp/dscosim-serve-cli-XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  const std::string report = std::string(dir) + "/report.json";
  const std::string replay = std::string(DSCOSIM_CLI_PATH) + " replay --quiet " + file + " --report " + report +
                             " > /dev/null";
  ASSERT_EQ(std::system(replay.c_str()), 0);
  std::ifstream in(report);
  const Json replayed = Json::parse(in, nullptr, false);
  ASSERT_FALSE(replayed.is_discarded());
  EXPECT_EQ(info["scenario"]["traceHash"], replayed["traceHash"]);

  // The state is there: the export lists the scenario's API calls.
  const std::string api = info["apiUrl"];
  DscoClient client(api, info["accounts"][0]["clientId"], info["accounts"][0]["clientSecret"]);
  const ClientResponse exported = client.Get("/_dscosim/scenario");
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_GT(exported.json()["steps"].size(), 1u) << exported.body;
  EXPECT_EQ(serve.Terminate(), 0);
}

TEST(ServeCli, ScenarioConflictsAndBadFilesExitTwo) {
  const std::string file = std::string(DSCOSIM_SOURCE_DIR) + "/scenarios/examples/order-lifecycle.json";
  for (const std::vector<std::string>& flags :
       {std::vector<std::string>{"--port", "0", "--scenario", file, "--seed", "3"},
        std::vector<std::string>{"--port", "0", "--scenario", file, "--world", file},
        std::vector<std::string>{"--port", "0", "--scenario", "/nonexistent/scenario.json"}}) {
    ServeProcess serve(flags);
    EXPECT_EQ(serve.FirstLine(), "") << flags[3];
    EXPECT_EQ(serve.Terminate(), 2) << flags[3];
  }
}

}  // namespace
}  // namespace dscosim::fakes
