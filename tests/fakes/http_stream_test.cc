// Streams over HTTP: create/list/update/delete, the read-commit loop over an order
// stream, ranges, the single-event read and its limit, the operations, positions with
// encoded and unencoded slashes, and malformed requests that change nothing.
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "dscosim/fakes/testing/fake_server_test.h"

namespace dscosim::fakes {
namespace {

using Json = nlohmann::json;

std::string Description(const ClientResponse& r) {
  if (!r.json().is_object() || !r.json().contains("messages")) return "";
  return r.json()["messages"][0].value("description", "");
}

// A 400 in the VALIDATION_FAILED style whose description names `field`.
::testing::AssertionResult NamesField(const ClientResponse& r, const std::string& field) {
  if (r.status != 400 || !r.json().is_object() || !r.json().contains("messages") ||
      r.json()["messages"][0].value("code", "") != "VALIDATION_FAILED" ||
      Description(r).rfind(field + ":", 0) != 0) {
    return ::testing::AssertionFailure() << "wanted 400 naming " << field << ", got " << r.status << " "
                                         << r.body;
  }
  return ::testing::AssertionSuccess();
}

std::vector<std::string> Ids(const std::vector<Json>& events) {
  std::vector<std::string> out;
  for (const Json& e : events) out.push_back(e["id"]);
  return out;
}

class HttpStream : public FakeServerTest {
 protected:
  static Json OrderBody(const std::string& po, const std::string& sku) {
    return {{"poNumber", po},
            {"shipping", {{"name", "Ada Lovelace"}, {"address1", "1 Main St"}, {"city", "Springfield"},
                          {"region", "IL"}, {"postal", "62701"}}},
            {"shippingServiceLevelCode", "UPCG"},
            {"lineItems", {{{"sku", sku}, {"quantity", 1}}}}};
  }
  static Json OrderStream(const std::string& id, int partitions) {
    return {{"id", id}, {"objectType", "order"}, {"numPartitions", partitions},
            {"query", {{"queryType", "order"}}}};
  }
  std::string FirstSku(std::size_t supplier) {
    const std::string supplier_id = Accounts(Role::kSupplier)[supplier].dsco_account_id;
    Tenant& t = server().tenant();
    std::lock_guard<std::mutex> lock(t.mu);
    return t.world.items().ItemsOf(supplier_id)[0]->sku;
  }
  // Creates `count` orders from retailer 0 to supplier 0 and lets post-processing finish.
  std::set<std::string> CreateOrders(DscoClient& retailer, const std::string& prefix, int count) {
    std::set<std::string> ids;
    const std::string sku = FirstSku(0);
    for (int i = 0; i < count; ++i) {
      const ClientResponse r = retailer.Post("/order/", OrderBody(prefix + std::to_string(i), sku));
      EXPECT_EQ(r.status, 201) << r.body;
      if (r.status == 201) ids.insert(r.json()["dscoOrderIds"][0].get<std::string>());
    }
    Advance(3);
    return ids;
  }
  static Json StreamOf(DscoClient& client, const std::string& id) {
    const ClientResponse r = client.Get("/stream?id=" + id + "&_ts=1");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 && r.json().is_array() && r.json().size() == 1 ? r.json()[0] : Json::object();
  }
  static std::string Position(DscoClient& client, const std::string& id, int partition) {
    return StreamOf(client, id)["partitions"][static_cast<std::size_t>(partition)]["position"];
  }
  static std::string EventsPath(const std::string& id, int partition) {
    return "/stream/" + id + "/" + std::to_string(partition) + "/";
  }
  // Reads a partition after `from` page by page until nothing is left.
  static std::vector<Json> Drain(DscoClient& client, const std::string& id, int partition, std::string from) {
    std::vector<Json> out;
    for (int page = 0; page < 100; ++page) {
      const ClientResponse r = client.Get(EventsPath(id, partition) + PercentEncode(from));
      EXPECT_EQ(r.status, 200) << r.body;
      if (r.status != 200 || r.json()["events"].empty()) break;
      EXPECT_EQ(r.json()["partitionId"], partition);
      for (const Json& e : r.json()["events"]) out.push_back(e);
      from = out.back()["id"].get<std::string>();
    }
    return out;
  }
  // Supplier 0's one-partition order stream "orders" holding the events of `count` new orders.
  std::vector<Json> OrderEvents(DscoClient& supplier, DscoClient& retailer, int count) {
    EXPECT_EQ(supplier.Post("/stream", OrderStream("orders", 1)).status, 201);
    CreateOrders(retailer, "PO-E", count);
    return Drain(supplier, "orders", 0, Position(supplier, "orders", 0));
  }
};

TEST_F(HttpStream, CreateListUpdateDelete) {
  DscoClient retailer = Retailer(0);
  DscoClient supplier = Supplier(0);
  const std::size_t before = retailer.Get("/stream").json().size();
  Json body = OrderStream("orders-r", 1);
  body["description"] = "retailer orders";
  body["someFutureField"] = {{"x", 1}};  // unknown fields are tolerated
  const ClientResponse created = retailer.Post("/stream", body);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["id"], "orders-r");
  EXPECT_EQ(created.json()["objectType"], "order");
  EXPECT_EQ(created.json()["streamVersion"], 1);
  ASSERT_EQ(created.json()["partitions"].size(), 1u);
  EXPECT_EQ(created.json()["partitions"][0]["partitionId"], 0);
  EXPECT_EQ(created.json()["partitions"][0]["status"], "active");
  EXPECT_EQ(created.json()["maxEvents"]["objectCount"], 1000);

  // Without an id the platform picks a dashed UUID.
  const ClientResponse unnamed =
      retailer.Post("/stream/", {{"objectType", "invoice"}, {"query", {{"queryType", "invoice"}}}});
  ASSERT_EQ(unnamed.status, 201) << unnamed.body;
  EXPECT_EQ(unnamed.json()["id"].get<std::string>().size(), 36u);

  const ClientResponse all = retailer.Get("/stream?_ts=99");
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(all.json().size(), before + 2);
  EXPECT_EQ(supplier.Get("/stream").json().size(), 0u);  // only the caller's streams
  const Json one = StreamOf(retailer, "orders-r");
  EXPECT_EQ(one["description"], "retailer orders");

  // Someone else's stream does not exist for the caller, whatever the operation.
  const ClientResponse theirs = supplier.Get("/stream?id=orders-r");
  EXPECT_EQ(theirs.status, 404);
  EXPECT_EQ(theirs.json()["messages"][0]["code"], "NOT_FOUND");
  EXPECT_EQ(supplier.Put("/stream/orders-r", {{"description", "mine"}}).status, 404);
  EXPECT_EQ(supplier.Post("/stream/orders-r", {{"operationType", "repartition"}}).status, 404);
  const std::string start = one["partitions"][0]["position"];
  EXPECT_EQ(supplier.Get(EventsPath("orders-r", 0) + PercentEncode(start)).status, 404);
  EXPECT_EQ(supplier.Delete("/stream/orders-r").status, 404);

  const ClientResponse updated =
      retailer.Put("/stream/orders-r?_ts=5", {{"id", "orders-r"}, {"description", "wider"}, {"numPartitions", 3},
                                               {"maxEvents", {{"objectCount", 50}}}, {"extra", true}});
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.json()["streamVersion"], 2);
  EXPECT_EQ(updated.json()["numPartitions"], 3);
  EXPECT_EQ(updated.json()["partitions"].size(), 3u);
  EXPECT_EQ(updated.json()["maxEvents"]["objectCount"], 50);
  const ClientResponse quiet =
      retailer.Put("/stream/orders-r?incrementVersionNumber=false", {{"description", "quiet"}});
  ASSERT_EQ(quiet.status, 200) << quiet.body;
  EXPECT_EQ(quiet.json()["streamVersion"], 2);
  EXPECT_EQ(StreamOf(retailer, "orders-r")["description"], "quiet");
  EXPECT_TRUE(NamesField(retailer.Put("/stream/orders-r", {{"objectType", "invoice"}}), "objectType"));

  const ClientResponse deleted = retailer.Delete("/stream/orders-r");
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  EXPECT_EQ(deleted.json()["description"], "quiet");
  // Now it is gone for its owner exactly as it always was for the supplier.
  const ClientResponse gone = retailer.Get("/stream?id=orders-r");
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.body, theirs.body);
  EXPECT_EQ(retailer.Delete("/stream/orders-r").status, 404);
  EXPECT_EQ(retailer.Get("/stream").json().size(), before + 1);
}

TEST_F(HttpStream, MalformedRequestsNameTheFieldAndChangeNothing) {
  DscoClient retailer = Retailer(0);
  ASSERT_EQ(retailer.Post("/stream", OrderStream("s", 1)).status, 201);
  const Json original = StreamOf(retailer, "s");

  const ClientResponse not_json = retailer.Send("POST", "/stream", "{\"objectType\": ", "application/json");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_EQ(not_json.json()["messages"][0]["code"], "VALIDATION_FAILED");
  EXPECT_NE(Description(not_json).find("JSON"), std::string::npos) << not_json.body;
  EXPECT_TRUE(NamesField(retailer.Post("/stream", {{"objectType", 5}, {"query", {{"queryType", "order"}}}}),
                         "objectType"));
  EXPECT_TRUE(NamesField(retailer.Post("/stream", {{"objectType", "order"}}), "query"));
  EXPECT_TRUE(NamesField(retailer.Post("/stream", {{"objectType", "order"}, {"query", {{"queryType", "invoice"}}}}),
                         "query.queryType"));
  Json bad = OrderStream("t", 1);
  bad["numPartitions"] = "2";
  EXPECT_TRUE(NamesField(retailer.Post("/stream", bad), "numPartitions"));
  bad["numPartitions"] = 21;
  EXPECT_TRUE(NamesField(retailer.Post("/stream", bad), "numPartitions"));
  EXPECT_TRUE(NamesField(retailer.Post("/stream", OrderStream("s", 1)), "id"));  // taken
  EXPECT_EQ(retailer.Get("/stream?id=t").status, 404);

  EXPECT_EQ(retailer.Send("PUT", "/stream/s", "[1,", "application/json").status, 400);
  EXPECT_TRUE(NamesField(retailer.Put("/stream/s", {{"numPartitions", "four"}}), "numPartitions"));
  EXPECT_TRUE(NamesField(retailer.Put("/stream/s", {{"numPartitions", 0}, {"description", "x"}}), "numPartitions"));
  EXPECT_TRUE(NamesField(retailer.Put("/stream/s", {{"description", 7}}), "description"));
  EXPECT_TRUE(NamesField(retailer.Put("/stream/s", {{"maxEvents", {{"objectCount", 0}}}}), "maxEvents.objectCount"));
  EXPECT_TRUE(NamesField(retailer.Put("/stream/s?incrementVersionNumber=maybe", {{"description", "x"}}),
                         "incrementVersionNumber"));
  EXPECT_TRUE(NamesField(retailer.Get("/stream?id=s&partitionId=first"), "partitionId"));
  const std::string start = original["partitions"][0]["position"];
  EXPECT_TRUE(NamesField(retailer.Get("/stream/s/x/" + PercentEncode(start)), "partitionId"));

  EXPECT_TRUE(NamesField(retailer.Post("/stream/s", Json::object()), "operationType"));
  EXPECT_TRUE(NamesField(retailer.Post("/stream/s", {{"operationType", "explode"}}), "operationType"));
  EXPECT_TRUE(NamesField(retailer.Post("/stream/s", {{"operationType", "sync"}}), "operationType"));  // order stream
  EXPECT_TRUE(NamesField(retailer.Post("/stream/s", {{"operationType", "setpartitionowner"}, {"partitionId", 0}}),
                         "ownerId"));
  EXPECT_TRUE(NamesField(
      retailer.Post("/stream/s", {{"operationType", "setpartitionowner"}, {"partitionId", "0"}, {"ownerId", "w"}}),
      "partitionId"));
  EXPECT_TRUE(NamesField(
      retailer.Post("/stream/s", {{"operationType", "setpartitionowner"}, {"partitionId", 0}, {"ownerId", 3}}),
      "ownerId"));
  EXPECT_EQ(retailer.Send("POST", "/stream/s", "", "application/json").status, 400);

  const Json after = StreamOf(retailer, "s");
  EXPECT_EQ(after, original);
  EXPECT_EQ(retailer.Get("/stream").json().size(), 1u);
}

TEST_F(HttpStream, OrderStreamLoopReadCommitReadAgain) {
  DscoClient retailer = Retailer(0);
  DscoClient supplier = Supplier(0);
  ASSERT_EQ(supplier.Post("/stream", OrderStream("orders", 2)).status, 201);
  const std::set<std::string> ours = CreateOrders(retailer, "PO-S", 8);
  ASSERT_EQ(ours.size(), 8u);

  // Read each partition from its committed position (the stream's start).
  const Json stream = StreamOf(supplier, "orders");
  ASSERT_EQ(stream["partitions"].size(), 2u);
  std::map<int, std::vector<Json>> events;
  std::set<std::string> seen;
  std::map<std::string, std::set<int>> partitions_of;
  for (int p = 0; p < 2; ++p) {
    events[p] = Drain(supplier, "orders", p, stream["partitions"][static_cast<std::size_t>(p)]["position"]);
    std::string previous;
    for (const Json& e : events[p]) {
      EXPECT_EQ(e["partitionId"], p);
      EXPECT_EQ(e["source"], "stream");
      EXPECT_EQ(e["streamVersion"], 1);
      EXPECT_LT(previous, e["id"].get<std::string>());
      previous = e["id"].get<std::string>();
      const std::string order = e["payload"]["dscoOrderId"];
      partitions_of[order].insert(p);
      if (ours.count(order) != 0) seen.insert(order);
    }
  }
  EXPECT_EQ(seen, ours);
  for (const auto& [order, in] : partitions_of) EXPECT_EQ(in.size(), 1u) << order << " is in two partitions";
  const int p = events[0].size() >= events[1].size() ? 0 : 1;
  const std::vector<Json>& mine = events[p];
  ASSERT_GE(mine.size(), 2u);

  // Commit the first event: a read from the committed position starts after it.
  const std::string first = mine[0]["id"];
  const ClientResponse commit = supplier.Put(EventsPath("orders", p) + PercentEncode(first), Json());
  ASSERT_EQ(commit.status, 200) << commit.body;
  EXPECT_EQ(commit.json(), (Json{{"status", "success"}}));
  EXPECT_EQ(Position(supplier, "orders", p), first);
  const std::vector<Json> rest = Drain(supplier, "orders", p, Position(supplier, "orders", p));
  EXPECT_EQ(Ids(rest), Ids(std::vector<Json>(mine.begin() + 1, mine.end())));

  // Only a position the stream handed out can be committed.
  std::string never = first;
  never.replace(never.size() - 7, 7, "9999999");
  EXPECT_TRUE(NamesField(supplier.Put(EventsPath("orders", p) + PercentEncode(never), Json()), "position"));
  EXPECT_TRUE(NamesField(supplier.Put(EventsPath("orders", p) + "nope", Json()), "position"));
  EXPECT_TRUE(NamesField(supplier.Get(EventsPath("orders", p) + "nope"), "position"));
  const std::string other = events[1 - p].empty() ? never : events[1 - p][0]["id"].get<std::string>();
  EXPECT_TRUE(NamesField(supplier.Put(EventsPath("orders", p) + PercentEncode(other), Json()), "position"));
  EXPECT_EQ(supplier.Put(EventsPath("orders", 2) + PercentEncode(first), Json()).status, 404);
  EXPECT_EQ(Position(supplier, "orders", p), first);

  // Commit the end of both partitions: then only what happens next is read.
  for (int q = 0; q < 2; ++q) {
    if (events[q].empty()) continue;
    const std::string last = events[q].back()["id"];
    ASSERT_EQ(supplier.Put(EventsPath("orders", q) + PercentEncode(last), Json()).status, 200);
  }
  const std::set<std::string> next = CreateOrders(retailer, "PO-T", 1);
  std::set<std::string> later;
  for (int q = 0; q < 2; ++q) {
    const std::string committed = Position(supplier, "orders", q);
    for (const Json& e : Drain(supplier, "orders", q, committed)) {
      EXPECT_GT(e["id"].get<std::string>(), committed);
      const std::string order = e["payload"]["dscoOrderId"];
      EXPECT_EQ(ours.count(order), 0u) << "an already committed order came back";
      later.insert(order);
    }
  }
  EXPECT_EQ(later.count(*next.begin()), 1u);
}

TEST_F(HttpStream, EventPagesAreTheLibrarysCanonicalJson) {
  // The page is written as text around the stored payloads; its bytes must be what
  // serialising the parsed page gives (sorted keys, no whitespace), as for every answer.
  DscoClient retailer = Retailer(0);
  DscoClient supplier = Supplier(0);
  ASSERT_EQ(supplier.Post("/stream", OrderStream("canon", 1)).status, 201);
  ASSERT_EQ(CreateOrders(retailer, "PO-C", 3).size(), 3u);
  const ClientResponse page = supplier.Get(EventsPath("canon", 0) + PercentEncode(Position(supplier, "canon", 0)));
  ASSERT_EQ(page.status, 200) << page.body;
  ASSERT_GE(page.json()["events"].size(), 3u);
  EXPECT_EQ(page.body, page.json().dump());
  const Json& first = page.json()["events"][0];
  for (const char* key : {"eventReasons", "id", "partitionId", "payload", "source", "streamVersion"}) {
    EXPECT_TRUE(first.contains(key)) << key;
  }
  EXPECT_TRUE(page.json()["ownerId"].is_string() || page.json()["ownerId"].is_null());
  const ClientResponse empty = supplier.Get(EventsPath("canon", 0) + PercentEncode(page.json()["events"].back()["id"].get<std::string>()));
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_EQ(empty.body, empty.json().dump());
}

TEST_F(HttpStream, RangesAreHalfOpenAndLeaveThePositionAlone) {
  DscoClient retailer = Retailer(0);
  DscoClient supplier = Supplier(0);
  const Time before = Now();
  const std::vector<Json> all = OrderEvents(supplier, retailer, 4);
  ASSERT_GE(all.size(), 4u);
  const std::string committed = Position(supplier, "orders", 0);
  const auto range = [&](const std::string& start, const std::string& end) {
    const ClientResponse r = supplier.Get(EventsPath("orders", 0) + start + "/" + end);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<Json> out;
    if (r.status == 200) out.assign(r.json()["events"].begin(), r.json()["events"].end());
    return out;
  };
  const std::string e0 = all[0]["id"], e2 = all[2]["id"];
  EXPECT_EQ(Ids(range(PercentEncode(e0), PercentEncode(e2))), Ids(std::vector<Json>{all[0], all[1]}));
  EXPECT_TRUE(range(PercentEncode(e2), PercentEncode(e2)).empty());
  // ISO-8601 bounds, encoded and as sent raw.
  const std::string from = FormatIso8601(before);
  const std::string to = FormatIso8601(Now() + std::chrono::seconds(1));
  EXPECT_EQ(Ids(range(PercentEncode(from), PercentEncode(to))), Ids(all));
  EXPECT_EQ(Ids(range(from, to)), Ids(all));
  EXPECT_TRUE(range(PercentEncode(to), PercentEncode(FormatIso8601(Now() + std::chrono::seconds(60)))).empty());

  // maxEvents caps a range; page on from the last id, dropping it (the start is inclusive).
  ASSERT_EQ(supplier.Put("/stream/orders", {{"maxEvents", {{"objectCount", 2}}}}).status, 200);
  std::vector<Json> paged;
  std::string start = e0;
  for (int i = 0; i < 100; ++i) {
    std::vector<Json> page = range(PercentEncode(start), PercentEncode(to));
    ASSERT_LE(page.size(), 2u);
    if (!paged.empty() && !page.empty() && page[0]["id"] == paged.back()["id"]) page.erase(page.begin());
    if (page.empty()) break;
    paged.insert(paged.end(), page.begin(), page.end());
    start = paged.back()["id"].get<std::string>();
  }
  EXPECT_EQ(Ids(paged), Ids(all));

  EXPECT_TRUE(NamesField(supplier.Get(EventsPath("orders", 0) + "yesterday/" + PercentEncode(e2)), "startPosition"));
  EXPECT_TRUE(NamesField(supplier.Get(EventsPath("orders", 0) + PercentEncode(e0) + "/later"), "endPosition"));
  EXPECT_EQ(Position(supplier, "orders", 0), committed);
}

TEST_F(HttpStream, PositionsWorkWithEncodedAndUnencodedSlashes) {
  DscoClient retailer = Retailer(0);
  DscoClient supplier = Supplier(0);
  const std::vector<Json> all = OrderEvents(supplier, retailer, 3);
  ASSERT_GE(all.size(), 3u);
  const std::string start = Position(supplier, "orders", 0);
  const std::string e0 = all[0]["id"], e1 = all[1]["id"], e2 = all[2]["id"];
  ASSERT_NE(e0.find('/'), std::string::npos);
  const auto ids = [&](const std::string& tail) {
    const ClientResponse r = supplier.Get(EventsPath("orders", 0) + tail);
    EXPECT_EQ(r.status, 200) << tail << ": " << r.body;
    std::vector<std::string> out;
    if (r.status == 200) {
      for (const Json& e : r.json()["events"]) out.push_back(e["id"]);
    }
    return out;
  };
  const std::vector<std::string> after_start = ids(PercentEncode(start));
  EXPECT_EQ(after_start, Ids(all));
  EXPECT_EQ(ids(start), after_start);
  EXPECT_EQ(ids(e0 + "?_ts=7"), (std::vector<std::string>(after_start.begin() + 1, after_start.end())));
  // Ranges: both raw, both encoded, and mixed.
  const std::vector<std::string> first_two = {e0, e1};
  EXPECT_EQ(ids(e0 + "/" + e2), first_two);
  EXPECT_EQ(ids(PercentEncode(e0) + "/" + e2), first_two);
  EXPECT_EQ(ids(e0 + "/" + PercentEncode(e2)), first_two);
  EXPECT_EQ(ids(e0 + "/" + FormatIso8601(Now() + std::chrono::seconds(1))), after_start);
  // The single-event read and the commit take the raw form too.
  const ClientResponse single = supplier.Get("/stream/single/orders/0/" + e1);
  ASSERT_EQ(single.status, 200) << single.body;
  EXPECT_EQ(single.json()["events"][0]["id"], e1);
  const ClientResponse commit = supplier.Put(EventsPath("orders", 0) + e1, Json());
  ASSERT_EQ(commit.status, 200) << commit.body;
  EXPECT_EQ(Position(supplier, "orders", 0), e1);
  // Three positions, or two for a commit, are not a request the API knows.
  EXPECT_TRUE(NamesField(supplier.Get(EventsPath("orders", 0) + e0 + "/" + e1 + "/" + e2), "position"));
  EXPECT_TRUE(NamesField(supplier.Put(EventsPath("orders", 0) + e0 + "/" + e2, Json()), "position"));
  EXPECT_TRUE(NamesField(supplier.Get("/stream/single/orders/0/" + e0 + "/" + e2), "position"));
  EXPECT_EQ(Position(supplier, "orders", 0), e1);
}

TEST_F(HttpStream, OperationsSyncOwnersAndRepartition) {
  DscoClient retailer = Retailer(0);
  ASSERT_EQ(retailer.Post("/stream", {{"id", "inv"}, {"objectType", "inventory"},
                                      {"query", {{"queryType", "inventory"}}}}).status, 201);
  const std::string start = Position(retailer, "inv", 0);
  const ClientResponse sync = retailer.Post("/stream/inv", {{"operationType", "sync"}, {"futureOption", 1}});
  ASSERT_EQ(sync.status, 202) << sync.body;
  EXPECT_EQ(sync.json()["operationType"], "sync");
  EXPECT_EQ(sync.json()["operationUuid"].get<std::string>().size(), 36u);
  const std::vector<Json> synced = Drain(retailer, "inv", 0, start);
  ASSERT_GE(synced.size(), 3u);
  std::set<std::string> items;
  for (const Json& e : synced) {
    EXPECT_EQ(e["source"], "sync");
    items.insert(e["payload"]["dscoItemId"].get<std::string>());
  }
  EXPECT_EQ(items.size(), synced.size());

  // A sync narrowed to one sku gives one event.
  const std::string sku = FirstSku(0);
  ASSERT_EQ(retailer.Post("/stream/inv", {{"operationType", "sync"}, {"sku", {sku}}}).status, 202);
  const std::vector<Json> one = Drain(retailer, "inv", 0, synced.back()["id"]);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0]["payload"]["sku"], sku);

  // A real inventory change arrives with source "stream".
  const std::string supplier_id = Accounts(Role::kSupplier)[0].dsco_account_id;
  {
    Tenant& t = server().tenant();
    std::lock_guard<std::mutex> lock(t.mu);
    const Json update = {{"sku", sku}, {"status", "in-stock"}, {"quantityAvailable", 37},
                         {"warehouses", {{{"code", "HTTP-STREAM-WH"}, {"quantity", 37}}}}};
    const auto done = t.world.items().UpdateInventory(supplier_id, update);
    ASSERT_TRUE(done.ok()) << done.status();
  }
  const std::vector<Json> changed = Drain(retailer, "inv", 0, one.back()["id"]);
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0]["source"], "stream");
  EXPECT_EQ(changed[0]["payload"]["sku"], sku);

  // More partitions receive nothing until a repartition.
  const ClientResponse wider = retailer.Put("/stream/inv", {{"numPartitions", 3}});
  ASSERT_EQ(wider.status, 200) << wider.body;
  ASSERT_EQ(wider.json()["partitions"].size(), 3u);
  EXPECT_EQ(wider.json()["partitions"][2]["status"], "active");
  const auto counts = [&](std::vector<std::string>& from) {
    std::vector<std::size_t> out;
    for (int p = 0; p < 3; ++p) {
      const std::vector<Json> got = Drain(retailer, "inv", p, from[static_cast<std::size_t>(p)]);
      if (!got.empty()) from[static_cast<std::size_t>(p)] = got.back()["id"].get<std::string>();
      out.push_back(got.size());
    }
    return out;
  };
  std::vector<std::string> from;
  for (int p = 0; p < 3; ++p) from.push_back(Position(retailer, "inv", p));
  from[0] = changed.back()["id"].get<std::string>();
  ASSERT_EQ(retailer.Post("/stream/inv", {{"operationType", "sync"}}).status, 202);
  EXPECT_EQ(counts(from), (std::vector<std::size_t>{synced.size(), 0, 0}));
  const ClientResponse repartition = retailer.Post("/stream/inv", {{"operationType", "repartition"}});
  ASSERT_EQ(repartition.status, 202) << repartition.body;
  EXPECT_EQ(repartition.json()["operationType"], "repartition");
  ASSERT_EQ(retailer.Post("/stream/inv", {{"operationType", "sync"}}).status, 202);
  const std::vector<std::size_t> spread = counts(from);
  EXPECT_EQ(spread[0] + spread[1] + spread[2], synced.size());
  EXPECT_GT(spread[1] + spread[2], 0u) << "nothing reached the new partitions";

  // setpartitionowner: shown on the partition and on its reads, and always a touch.
  Advance(5);
  ASSERT_EQ(retailer.Post("/stream/inv", {{"operationType", "setpartitionowner"}, {"partitionId", 1},
                                          {"ownerId", "worker-a"}}).status, 202);
  const ClientResponse trimmed = retailer.Get("/stream?id=inv&partitionId=1");
  ASSERT_EQ(trimmed.status, 200) << trimmed.body;
  ASSERT_EQ(trimmed.json()[0]["partitions"].size(), 1u);
  EXPECT_EQ(trimmed.json()[0]["partitions"][0]["ownerId"], "worker-a");
  EXPECT_EQ(trimmed.json()[0]["partitions"][0]["lastUpdate"], FormatIso8601(Now()));
  const ClientResponse read = retailer.Get(EventsPath("inv", 1) + PercentEncode(from[1]));
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.json()["ownerId"], "worker-a");
  Advance(5);
  ASSERT_EQ(retailer.Post("/stream/inv", {{"operationType", "setpartitionowner"}, {"partitionId", 1},
                                          {"ownerId", nullptr}}).status, 202);
  const Json cleared = StreamOf(retailer, "inv")["partitions"][1];
  EXPECT_FALSE(cleared.contains("ownerId"));  // the schema's ownerId is a string, never null
  EXPECT_EQ(cleared["lastUpdate"], FormatIso8601(Now()));
  EXPECT_EQ(retailer.Post("/stream/inv", {{"operationType", "setpartitionowner"}, {"partitionId", 7},
                                          {"ownerId", "x"}}).status, 404);
  EXPECT_EQ(retailer.Get("/stream?id=inv&partitionId=7").status, 404);

  // Fewer partitions deactivate the highest-numbered.
  const ClientResponse narrower = retailer.Put("/stream/inv", {{"numPartitions", 2}});
  ASSERT_EQ(narrower.status, 200) << narrower.body;
  EXPECT_EQ(narrower.json()["partitions"][2]["status"], "inactive");
  EXPECT_EQ(narrower.json()["partitions"][1]["status"], "active");
}

class HttpStreamLimited : public HttpStream {
 protected:
  ServerOptions Options() const override {
    ServerOptions o = HttpStream::Options();
    o.tenant.rate_limits = true;
    return o;
  }
};

TEST_F(HttpStreamLimited, SingleEventReadsAreFifteenAMinute) {
  DscoClient retailer = Retailer(0);
  DscoClient supplier = Supplier(0);
  const std::vector<Json> all = OrderEvents(supplier, retailer, 2);
  ASSERT_GE(all.size(), 2u);
  const std::string e1 = all[1]["id"];
  std::string never = e1;
  never.replace(never.size() - 7, 7, "9999999");

  const ClientResponse single = supplier.Get("/stream/single/orders/0/" + PercentEncode(e1));
  ASSERT_EQ(single.status, 200) << single.body;
  ASSERT_EQ(single.json()["events"].size(), 1u);
  EXPECT_EQ(single.json()["events"][0], all[1]);
  EXPECT_EQ(single.json()["partitionId"], 0);
  const ClientResponse missing = supplier.Get("/stream/single/orders/0/" + PercentEncode(never));
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(Description(missing).find("position"), std::string::npos) << missing.body;
  for (int i = 2; i < 15; ++i) {
    // Both forms of the path count against one limit.
    const std::string tail = i % 2 == 0 ? e1 : PercentEncode(e1);
    ASSERT_EQ(supplier.Get("/stream/single/orders/0/" + tail).status, 200) << i;
  }
  const ClientResponse limited = supplier.Get("/stream/single/orders/0/" + e1);
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_EQ(supplier.Get("/stream/single/orders/0/" + PercentEncode(e1)).status, 429);
  // Other accounts and the ordinary reads are not limited by it.
  EXPECT_EQ(retailer.Get("/stream/single/orders/0/" + PercentEncode(e1)).status, 404);
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(supplier.Get(EventsPath("orders", 0) + PercentEncode(all[0]["id"].get<std::string>())).status, 200);
  }
  Advance(60);
  EXPECT_EQ(supplier.Get("/stream/single/orders/0/" + PercentEncode(e1)).status, 200);
}

}  // namespace
}  // namespace dscosim::fakes
