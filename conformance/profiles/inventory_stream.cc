// retailer-inventory-stream: the integration (a retailer) consumes an inventory stream
// while the driver's suppliers change inventory; the driver raises the partition count,
// repartitions and runs a sync; the common steps restart the integration once.
#include "dscosim/conformance/events.h"
#include "dscosim/conformance/profile.h"
#include "dscosim/conformance/profiles/world.h"

namespace dscosim::conformance {
namespace {

using profiles::kRetailer;
using profiles::kSupplier;
using profiles::kSupplier2;

constexpr char kStreamId[] = "conform-inventory";
constexpr int kSkusPerSupplier = 6;

std::string Sku(const std::string& supplier, int i) {
  return (supplier == kSupplier ? "SKU-A-" : "SKU-B-") + std::to_string(i);
}

Json StreamJson(DriverContext& ctx) {
  const auto listed = ctx.Act(kRetailer, "GET", std::string("/stream?id=") + kStreamId);
  return listed.body.is_array() && !listed.body.empty() ? listed.body[0] : Json(nullptr);
}

}  // namespace

Profile RetailerInventoryStreamProfile() {
  Profile p;
  p.name = "retailer-inventory-stream";
  p.summary =
      "the integration (a retailer) consumes an inventory stream while suppliers change inventory; "
      "the driver raises the partitions, repartitions, runs a sync, and the integration is restarted";
  p.integration_account = kRetailer;
  p.rule_ids = {"CONF-AUTH-001",   "CONF-AUTH-002",   "CONF-AUTH-003",   "CONF-RETRY-001",
                "CONF-RETRY-002",  "CONF-RETRY-003",  "CONF-RETRY-004",  "CONF-STREAM-001",
                "CONF-STREAM-002", "CONF-STREAM-003", "CONF-STREAM-004", "CONF-STREAM-005",
                "CONF-COMPAT-001"};
  p.world = [](const std::string& start) {
    std::vector<profiles::StockedSku> items;
    for (const char* supplier : {kSupplier, kSupplier2}) {
      for (int i = 1; i <= kSkusPerSupplier; ++i) items.push_back({supplier, Sku(supplier, i), 10 * i});
    }
    return profiles::BaseWorld(start, items);
  };
  p.settings = {{"passSeconds", 28.0},
                {"pollPrefixes", {"/api/v3/stream/"}},
                {"pollMethod", "GET"},
                // Reading from the committed position is the same request every time, so
                // the one refusal goes to a commit instead.
                {"refusalPrefixes", {"/api/v3/stream/"}},
                {"refusalMethod", "PUT"},
                {"partitionsAt", 6.0},
                {"partitionsTo", 3},
                {"repartitionAt", 8.0},
                {"syncAt", 13.0},
                {"settleSeconds", 5.0},
                {"commitIntervalSeconds", 8.0},
                {"repartitionReadSeconds", 6.0}};
  p.schedule = [](const Json& settings, Rng& rng) {
    std::vector<Step> steps;
    steps.push_back({0.0, std::string("create the inventory stream ") + kStreamId, [](DriverContext& ctx) {
                       const auto created = ctx.Act(kRetailer, "POST", "/stream",
                                                    {{"id", kStreamId},
                                                     {"description", "conformance: inventory"},
                                                     {"objectType", "inventory"},
                                                     {"numPartitions", 1},
                                                     {"query", {{"queryType", "inventory"}}}});
                       ctx.Record(events::kStreamCreated,
                                  {{"streamId", kStreamId}, {"partitions", 1}, {"status", created.status}});
                     }});
    // Every second from 1 s, three items change (the generator decides which and how).
    const double end = settings.value("passSeconds", 28.0) - 2.0;
    Rng updates = rng.Fork("inventory");
    for (double at = 1.0; at < end; at += 1.0) {
      std::vector<std::pair<std::string, int>> changes;
      for (int k = 0; k < 3; ++k) {
        const std::string supplier = updates.Bernoulli(0.5) ? kSupplier : kSupplier2;
        const int i = static_cast<int>(updates.UniformInRange(1, kSkusPerSupplier));
        const int quantity = static_cast<int>(updates.UniformInRange(0, 50));
        changes.emplace_back(supplier + "|" + Sku(supplier, i), quantity);
      }
      steps.push_back({at, "suppliers change 3 items' inventory", [changes](DriverContext& ctx) {
                         Json skus = Json::array();
                         for (const auto& [key, quantity] : changes) {
                           const std::string supplier = key.substr(0, key.find('|'));
                           const std::string sku = key.substr(key.find('|') + 1);
                           ctx.Act(supplier, "POST", "/inventory/singleItem",
                                   {{"sku", sku},
                                    {"status", quantity > 0 ? "in-stock" : "out-of-stock"},
                                    {"quantityAvailable", quantity},
                                    {"warehouses", {{{"code", "MAIN"}, {"quantity", quantity}}}}});
                           skus.push_back(sku);
                         }
                         ctx.Record(events::kInventoryUpdated, {{"skus", skus}, {"count", skus.size()}});
                       }});
    }
    const int to = settings.value("partitionsTo", 3);
    steps.push_back({settings.value("partitionsAt", 6.0), "raise the stream's partitions to " + std::to_string(to),
                     [to](DriverContext& ctx) {
                       const auto updated = ctx.Act(kRetailer, "PUT", std::string("/stream/") + kStreamId,
                                                    {{"numPartitions", to}});
                       ctx.Record(events::kPartitionsChanged,
                                  {{"streamId", kStreamId}, {"from", 1}, {"to", to}, {"status", updated.status}});
                     }});
    steps.push_back({settings.value("repartitionAt", 8.0), "repartition the stream", [to](DriverContext& ctx) {
                       const auto done = ctx.Act(kRetailer, "POST", std::string("/stream/") + kStreamId,
                                                 {{"operationType", "repartition"}});
                       Json active = Json::array();
                       for (int i = 0; i < to; ++i) active.push_back(i);
                       ctx.Record(events::kRepartitioned,
                                  {{"streamId", kStreamId}, {"active", active}, {"status", done.status}});
                     }});
    steps.push_back({settings.value("syncAt", 13.0), "run a sync on the stream", [](DriverContext& ctx) {
                       const auto done = ctx.Act(kRetailer, "POST", std::string("/stream/") + kStreamId,
                                                 {{"operationType", "sync"}});
                       ctx.Record(events::kSyncStarted,
                                  {{"streamId", kStreamId},
                                   {"operationUuid", done.body.is_object() ? done.body.value("operationUuid", "") : ""},
                                   {"status", done.status}});
                     }});
    return steps;
  };
  p.extra_env = [](DriverContext&) {
    return std::map<std::string, std::string>{{"DSCO_STREAM_ID", kStreamId}};
  };
  p.finish = [](DriverContext& ctx) {
    const Json stream = StreamJson(ctx);
    Json partitions = Json::array();
    if (stream.is_object()) {
      for (const Json& part : stream.value("partitions", Json::array())) {
        const std::string pid = part.contains("partitionId") ? part["partitionId"].dump() : "0";
        Json ids = Json::array();
        // Every event the partition holds, read from its start in pages.
        std::string from = "1970-01-01T00:00:00Z";
        for (int page = 0; page < 100; ++page) {
          const auto got = ctx.Act(kRetailer, "GET",
                                   std::string("/stream/") + kStreamId + "/" + pid + "/" + from + "/" +
                                       "2100-01-01T00:00:00Z");
          if (!got.body.is_object()) break;
          const Json events_json = got.body.value("events", Json::array());
          std::size_t added = 0;
          for (const Json& e : events_json) {
            const std::string id = e.value("id", "");
            if (!ids.empty() && ids.back() == id) continue;
            ids.push_back(id);
            ++added;
          }
          if (added == 0 || events_json.empty()) break;
          from = ids.back().get<std::string>();
        }
        Json entry = part;
        entry["eventIds"] = ids;
        partitions.push_back(entry);
      }
    }
    ctx.Record(events::kFinalStream, {{"stream", stream}, {"partitions", partitions}});
  };
  return p;
}

}  // namespace dscosim::conformance
