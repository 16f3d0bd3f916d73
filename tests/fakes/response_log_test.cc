// The response log the schema check reads (fakes/response_log.h): each distinct answer
// once, with its operation, status and content type; nothing that is not the platform's.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "dscosim/fakes/testing/fake_server_test.h"

namespace dscosim::fakes {
namespace {

using Json = nlohmann::json;

std::string MakeTempDir() {
  std::string dir = ::testing::TempDir() + "dscosim-response-log-XXXXXX";
  return mkdtemp(dir.data()) == nullptr ? std::string() : dir;
}

class ResponseLogTest : public FakeServerTest {
 protected:
  ServerOptions Options() const override {
    ServerOptions o = FakeServerTest::Options();
    o.serve.response_log_dir = dir_;
    return o;
  }
  // Every line every log file in the directory holds.
  std::vector<Json> Lines() const {
    std::vector<Json> out;
    for (int n = 0; n < 1000; ++n) {
      // One process here: files are responses-<pid>-<n>.jsonl.
      std::ifstream in(dir_ + "/responses-" + std::to_string(getpid()) + "-" + std::to_string(n) +
                       ".jsonl");
      if (!in) continue;
      for (std::string line; std::getline(in, line);) out.push_back(Json::parse(line));
    }
    return out;
  }
  std::string dir_ = MakeTempDir();
};

TEST_F(ResponseLogTest, EachDistinctAnswerOnceAndNothingThatIsNotThePlatforms) {
  ASSERT_FALSE(dir_.empty());
  DscoClient retailer = Retailer(0);  // one token request
  EXPECT_EQ(retailer.Get("/hello").status, 200);
  EXPECT_EQ(retailer.Get("/hello").status, 200);  // the same answer again
  EXPECT_EQ(Anonymous().Get("/hello").status, 401);
  EXPECT_EQ(retailer.Get("/no/such/route").status, 403);  // the gateway's, not logged
  ASSERT_EQ(
      retailer.Post("/_dscosim/faults", {{"path", "/api/v3/hello"}, {"status", 503}, {"count", 1}})
          .status,
      201);
  EXPECT_EQ(retailer.Get("/hello").status, 503);  // injected, not logged

  std::vector<std::string> seen;
  for (const Json& line : Lines()) {
    seen.push_back(line["operation"].get<std::string>() + " " +
                   std::to_string(line["status"].get<int>()));
    EXPECT_EQ(line["content_type"], "application/json");
    EXPECT_TRUE(line["target"].is_string());
    EXPECT_FALSE(line["body"].get<std::string>().empty());
  }
  EXPECT_EQ(seen,
            (std::vector<std::string>{"getAccessToken 200", "helloWorld 200", "helloWorld 401"}));
}

#ifdef DSCOSIM_TESTS_LOG_RESPONSES
// Under ctest (which gives every test its seed variable) every test also gets the log
// directory, or the schema check would pass having checked nothing (tests/CMakeLists.txt).
TEST(ResponseLogEnvironment, CtestGivesEveryTestTheLogDirectory) {
  if (std::getenv("DSCOSIM_DEFAULT_TEST_SEED") == nullptr) GTEST_SKIP() << "not run by ctest";
  const char* dir = std::getenv("DSCOSIM_RESPONSE_LOG");
  ASSERT_NE(dir, nullptr) << "DSCOSIM_RESPONSE_LOG is not set";
  std::unique_ptr<ResponseLog> log = ResponseLog::FromEnvironment();
  ASSERT_NE(log, nullptr);
  std::ofstream probe(std::string(dir) + "/probe-" + std::to_string(getpid()));
  EXPECT_TRUE(probe.good()) << dir << " is not writable";
}
#endif

}  // namespace
}  // namespace dscosim::fakes
