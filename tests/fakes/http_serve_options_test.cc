// Serve options over HTTP: --compat-extra-fields adds unknown attributes to every JSON
// object answered (and nothing else changes); --history writes every exchange as a JSON
// line with both clocks.
#include <cstdio>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "dscosim/fakes/testing/fake_server_test.h"

namespace dscosim::fakes {
namespace {

using Json = nlohmann::json;

// Removes every "x-dscosim-extra-*" attribute, recursively; counts what it removed.
int StripExtras(Json& value) {
  int removed = 0;
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end();) {
      if (it.key().rfind("x-dscosim-extra-", 0) == 0) {
        it = value.erase(it);
        ++removed;
      } else {
        removed += StripExtras(*it);
        ++it;
      }
    }
  } else if (value.is_array()) {
    for (Json& member : value) removed += StripExtras(member);
  }
  return removed;
}

class HttpCompatExtraFields : public FakeServerTest {
 protected:
  ServerOptions Options() const override {
    ServerOptions o = FakeServerTest::Options();
    o.serve.compat_extra_fields = true;
    return o;
  }
};

TEST_F(HttpCompatExtraFields, EveryObjectGetsUnknownAttributesAndNothingElseChanges) {
  DscoClient retailer = Retailer(0);
  const std::string supplier_id = Accounts(Role::kSupplier)[0].dsco_account_id;
  const ClientResponse created = retailer.Post(
      "/conversation", {{"otherPartyDscoAccountId", supplier_id}, {"title", "Extra"},
                        {"initialMessage", {{"message", "hello"}}}});
  ASSERT_EQ(created.status, 201) << created.body;
  Json body = created.json();
  ASSERT_TRUE(body.contains("x-dscosim-extra-0")) << created.body;
  // Nested objects get them too, and once they are gone the answer is the plain one.
  EXPECT_GE(StripExtras(body), 2);
  ASSERT_TRUE(body.contains("id")) << body.dump();
  EXPECT_EQ(body["title"], "Extra");
  Advance(3);  // past the messages' post-processing
  const ClientResponse list = retailer.Post("/conversation/message/list",
                                            {{"dscoConversationId", body["id"]}});
  ASSERT_EQ(list.status, 200) << list.body;
  Json messages = list.json();
  EXPECT_GE(StripExtras(messages), 2);
  ASSERT_EQ(messages["messages"].size(), 1u);
  EXPECT_EQ(messages["messages"][0]["message"], "hello");
  // Errors keep the platform's exact shapes.
  const ClientResponse bad = retailer.Post("/conversation", {{"title", "no party"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body.find("x-dscosim-extra"), std::string::npos);
}

class HttpHistoryFile : public FakeServerTest {
 protected:
  static std::string Path() {
    return ::testing::TempDir() + "dscosim-history-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".jsonl";
  }
  ServerOptions Options() const override {
    ServerOptions o = FakeServerTest::Options();
    o.serve.history_path = Path();
    return o;
  }
  void SetUp() override {
    std::remove(Path().c_str());
    FakeServerTest::SetUp();
  }
};

TEST_F(HttpHistoryFile, EveryExchangeIsAJsonLineWithBothClocks) {
  DscoClient retailer = Retailer(0);  // one token request
  EXPECT_EQ(retailer.Get("/hello").status, 200);
  Advance(10);
  EXPECT_EQ(retailer.Get("/order/?orderKey=dscoOrderId&value=0000000000").status, 404);
  EXPECT_EQ(retailer.Get("/no/such/route").status, 403);
  server().Stop();  // flushes and closes nothing more: every line is already written

  std::ifstream in(Path());
  ASSERT_TRUE(in) << Path();
  std::vector<Json> lines;
  for (std::string line; std::getline(in, line);) {
    const Json parsed = Json::parse(line, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << line;
    lines.push_back(parsed);
  }
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0]["target"], "/api/v3/oauth2/token");
  EXPECT_EQ(lines[1]["target"], "/api/v3/hello");
  EXPECT_EQ(lines[1]["status"], 200);
  EXPECT_EQ(lines[2]["status"], 404);
  EXPECT_EQ(lines[3]["status"], 403);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i]["seq"], i + 1);
    EXPECT_TRUE(lines[i].contains("wallTime"));
    EXPECT_EQ(lines[i]["tenant"], "default");
  }
  // The virtual clock moved by exactly the advance between the second and third request.
  EXPECT_EQ(lines[2]["virtualMicros"].get<std::int64_t>() - lines[1]["virtualMicros"].get<std::int64_t>(),
            10'000'000);
  EXPECT_EQ(lines[2]["account"], Accounts(Role::kRetailer)[0].dsco_account_id);
}

}  // namespace
}  // namespace dscosim::fakes
