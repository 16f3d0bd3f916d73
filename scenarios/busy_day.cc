#include "dscosim/scenarios/busy_day.h"

#include <algorithm>
#include <array>
#include <map>
#include <utility>

#include "dscosim/model/world_file.h"
#include "dscosim/scenarios/worlds/world_builder.h"

namespace dscosim {
namespace {

using Json = nlohmann::json;
using std::chrono::minutes;

constexpr int kMinutes = 24 * 60;
constexpr std::size_t kSmallBatchItems = 100;
constexpr std::size_t kLargeBatchItems = 5000;  // at most, in the large batch on the hour
constexpr std::array<const char*, 3> kWarehouses = {"MAIN", "EAST", "WEST"};
constexpr char kStream[] = "orders";

// A bug of ours, not of the caller: every call the day makes is valid.
Status Unexpected(const std::string& what, const Status& status) {
  return FailedPrecondition("busy-supplier-day", what + " was refused (a bug): " + status.ToString());
}

struct OpenOrder {
  std::string id;
  std::string po;
  std::string retailer;
  std::vector<std::pair<std::string, std::int64_t>> lines;  // sku, quantity
  std::size_t next_line = 0;
  std::int64_t shipped_units = 0;
};

class BusyDay {
 public:
  BusyDay(const BusyDayOptions& options, BusyDayResult& result)
      : options_(options), result_(result), world_(result.world) {}

  Status Run() {
    DSCOSIM_RETURN_IF_ERROR(Build());
    rng_ = world_.Fork("busy-supplier-day");
    DSCOSIM_ASSIGN_OR_RETURN(const Stream stream,
                             world_.streams().Create(supplier_, {{"id", kStream},
                                                                 {"objectType", "order"},
                                                                 {"query", {{"queryType", "order"}}},
                                                                 {"numPartitions", options_.partitions}}));
    for (const StreamPartition& p : stream.partitions) positions_.push_back(p.position);
    for (int minute = 0; minute < kMinutes; ++minute) {
      DSCOSIM_RETURN_IF_ERROR(PlaceOrders(Share(options_.orders, minute)));
      DSCOSIM_RETURN_IF_ERROR(FeedInventory(minute, Share(options_.inventory_updates, minute)));
      DSCOSIM_RETURN_IF_ERROR(world_.AdvanceBy(minutes(1)));
      DSCOSIM_RETURN_IF_ERROR(Acknowledge(minute));
      DSCOSIM_RETURN_IF_ERROR(Fulfil(minute));
      if (minute % 5 == 4) DSCOSIM_RETURN_IF_ERROR(ReadStream());
      if (minute % 360 == 359) Say(minute);
    }
    DSCOSIM_RETURN_IF_ERROR(world_.Settle());
    DSCOSIM_RETURN_IF_ERROR(ReadStream());
    Say(kMinutes);
    return Status::Ok();
  }

 private:
  // This minute's share of a daily total, so the shares add up to the total exactly.
  static std::int64_t Share(int total, int minute) {
    const auto t = static_cast<std::int64_t>(total);
    return t * (minute + 1) / kMinutes - t * minute / kMinutes;
  }

  Status Build() {
    WorldBuilder builder;
    builder.Start("2026-03-02T00:00:00Z").Supplier("supplier", "Busy Outdoor Supply");
    for (int r = 0; r < options_.retailers; ++r) {
      const std::string key = "retailer" + std::to_string(r + 1);
      builder.Retailer(key, "Retailer " + std::to_string(r + 1)).Partners(key, "supplier");
    }
    for (int s = 0; s < options_.skus; ++s) {
      skus_.push_back("BUSY-" + std::to_string(100000 + s));
      builder.Item("supplier", skus_.back(), {{kWarehouses[0], 1000}, {kWarehouses[1], 500}});
    }
    WorldOptions world_options;
    world_options.seed = options_.seed;
    // A day of events is hundreds of thousands of them with their payloads: keep the
    // newest only (the trace hash still covers every one).
    world_options.trace_retention = 10000;
    world_options.event_retention = 10000;
    std::map<std::string, std::string> keys;
    DSCOSIM_ASSIGN_OR_RETURN(world_, BuildWorldFromJson(builder.Build(), world_options, &keys));
    supplier_ = keys.at("supplier");
    for (int r = 0; r < options_.retailers; ++r) retailers_.push_back(keys.at("retailer" + std::to_string(r + 1)));
    return Status::Ok();
  }

  Status PlaceOrders(std::int64_t count) {
    for (std::int64_t n = 0; n < count; ++n) {
      OpenOrder order;
      order.retailer = retailers_[rng_.Uniform(retailers_.size())];
      const auto lines = rng_.UniformInRange(1, 3);
      Json items = Json::array();
      for (std::int64_t l = 0; l < lines; ++l) {
        const std::string& sku = skus_[rng_.Uniform(skus_.size())];
        const std::int64_t quantity = rng_.UniformInRange(1, 3);
        order.lines.emplace_back(sku, quantity);
        items.push_back({{"lineNumber", l + 1}, {"sku", sku}, {"quantity", quantity}, {"expectedCost", 12.5}});
      }
      order.po = "PO-" + std::to_string(++placed_);
      const Json body = {{"poNumber", order.po},
                         {"shipping", {{"name", "Consumer " + std::to_string(placed_)}, {"address1", "1 Main St"},
                                       {"city", "Springfield"}, {"region", "IL"}, {"postal", "62701"}}},
                         {"shippingServiceLevelCode", "UPCG"},
                         {"lineItems", std::move(items)}};
      auto created = world_.orders().Create(order.retailer, body);
      if (!created.ok()) return Unexpected("create order", created.status());
      order.id = created->orders.at(0).dsco_order_id;
      placed_this_minute_.push_back(std::move(order));
      ++result_.counts["orders placed"];
    }
    return Status::Ok();
  }

  // Orders placed a minute ago are out of post-processing now.
  Status Acknowledge(int minute) {
    for (OpenOrder& order : placed_this_minute_) {
      const Status s = world_.orders().Acknowledge(supplier_, {{"id", order.id}, {"type", "DSCO_ORDER_ID"}});
      if (!s.ok()) return Unexpected("acknowledge " + order.id, s);
      ++result_.counts["orders acknowledged"];
      const int ready = minute + static_cast<int>(rng_.UniformInRange(10, 240));
      Wait(std::move(order), ready);
    }
    placed_this_minute_.clear();
    return Status::Ok();
  }

  // The warehouse takes each ready order's next line: ships it (one carrier or the
  // other) or, one time in 25, cancels it as out of stock; the order's invoice follows
  // its last line.
  Status Fulfil(int minute) {
    while (!open_.empty() && open_.begin()->first.first <= minute) {
      OpenOrder order = std::move(open_.begin()->second);
      open_.erase(open_.begin());
      const auto& [sku, quantity] = order.lines[order.next_line];
      if (rng_.Chance(1, 25)) {
        const Status s = world_.orders().CancelItems(
            supplier_, {{"dscoOrderId", order.id},
                        {"poNumber", order.po},
                        {"lineItems", {{{"lineNumber", order.next_line + 1}, {"sku", sku},
                                        {"cancelledQuantity", quantity}, {"cancelCode", "OOS"}}}}});
        if (!s.ok()) return Unexpected("cancel a line of " + order.id, s);
        ++result_.counts["lines cancelled"];
      } else {
        const bool ups = rng_.Chance(1, 2);
        const Status s = world_.orders().Ship(
            supplier_,
            {{"dscoOrderId", order.id},
             {"poNumber", order.po},
             {"shipments",
              {{{"trackingNumber", (ups ? "1Z" : "7") + std::to_string(++shipments_)},
                {"shipCarrier", ups ? "UPS" : "FedEx"},
                {"shippingServiceLevelCode", ups ? "UPCG" : "FEHD"},
                {"lineItems", {{{"lineNumber", order.next_line + 1}, {"sku", sku}, {"quantity", quantity}}}}}}}});
        if (!s.ok()) return Unexpected("ship a line of " + order.id, s);
        order.shipped_units += quantity;
        ++result_.counts["shipments"];
      }
      if (++order.next_line < order.lines.size()) {
        Wait(std::move(order), minute + static_cast<int>(rng_.UniformInRange(5, 120)));
        continue;
      }
      if (order.shipped_units > 0) {
        auto invoiced = world_.invoices().Create(
            supplier_, {{"invoiceId", "INV-" + order.id},
                        {"dscoOrderId", order.id},
                        {"totalAmount", 12.5 * static_cast<double>(order.shipped_units)}});
        if (!invoiced.ok()) return Unexpected("invoice " + order.id, invoiced.status());
        ++result_.counts["invoices"];
      }
      ++result_.counts["orders completed"];
    }
    return Status::Ok();
  }

  // Orders wait for the warehouse by the minute it gets to them, then in arrival order.
  void Wait(OpenOrder order, int ready_minute) {
    open_.emplace(std::make_pair(ready_minute, ++waits_), std::move(order));
  }

  Json StockUpdate(const std::string& sku) {
    Json warehouses = Json::array();
    std::int64_t total = 0;
    for (const char* code : kWarehouses) {
      const std::int64_t quantity = rng_.UniformInRange(0, 400);
      warehouses.push_back({{"code", code}, {"quantity", quantity}});
      total += quantity;
    }
    return {{"sku", sku},
            {"status", total > 0 ? "in-stock" : "out-of-stock"},
            {"quantityAvailable", total},
            {"warehouses", std::move(warehouses)}};
  }

  // This minute's stock changes: small batches of 100, or on the hour one large batch
  // (of up to kLargeBatchItems; the rest, if any, in small ones).
  Status FeedInventory(int minute, std::int64_t count) {
    if (minute % 60 == 0 && count > 0) {
      const std::int64_t hour_share =
          std::min<std::int64_t>(static_cast<std::int64_t>(kLargeBatchItems), count);
      DSCOSIM_ASSIGN_OR_RETURN(const LargeBatchReceipt large,
                               world_.batches().OpenLarge(supplier_, BatchKind::kInventoryUpdate));
      std::string lines;
      for (std::int64_t n = 0; n < hour_share; ++n) lines += StockUpdate(skus_[rng_.Uniform(skus_.size())]).dump() + "\n";
      auto uploaded = world_.batches().Upload(large.upload_token, lines);
      if (!uploaded.ok()) return Unexpected("upload a large inventory batch", uploaded.status());
      ++result_.counts["large batches"];
      result_.counts["inventory updates sent"] += hour_share;
      count -= hour_share;
    }
    while (count > 0) {
      const auto size = std::min<std::int64_t>(static_cast<std::int64_t>(kSmallBatchItems), count);
      Json batch = Json::array();
      for (std::int64_t n = 0; n < size; ++n) batch.push_back(StockUpdate(skus_[rng_.Uniform(skus_.size())]));
      auto receipt = world_.batches().SubmitSmall(supplier_, BatchKind::kInventoryUpdate, batch, batch.dump().size());
      if (!receipt.ok()) return Unexpected("submit a small inventory batch", receipt.status());
      ++result_.counts["small batches"];
      result_.counts["inventory updates sent"] += size;
      count -= size;
    }
    return Status::Ok();
  }

  // Every partition read to its end, then committed where it ended.
  Status ReadStream() {
    for (std::size_t p = 0; p < positions_.size(); ++p) {
      bool moved = false;
      for (;;) {
        auto read = world_.streams().ReadAfter(supplier_, kStream, static_cast<int>(p), positions_[p]);
        if (!read.ok()) return Unexpected("read partition " + std::to_string(p), read.status());
        if (read->events.empty()) break;
        positions_[p] = read->events.back().id();
        moved = true;
        result_.counts["stream events read"] += static_cast<std::int64_t>(read->events.size());
        ++result_.counts["stream reads"];
      }
      if (!moved) continue;
      const Status committed = world_.streams().Commit(supplier_, kStream, static_cast<int>(p), positions_[p]);
      if (!committed.ok()) return Unexpected("commit partition " + std::to_string(p), committed);
    }
    return Status::Ok();
  }

  void Say(int minute) {
    const int hour = minute / 60;
    auto count = [this](const char* what) {
      const auto it = result_.counts.find(what);
      return std::to_string(it == result_.counts.end() ? 0 : it->second);
    };
    result_.story.push_back(FormatIso8601Millis(world_.now()) + "  after " + std::to_string(hour) + " h: " +
                            count("orders placed") + " orders placed, " + count("shipments") + " shipments, " +
                            count("invoices") + " invoices, " + count("inventory updates sent") +
                            " inventory updates, " + count("stream events read") + " stream events read");
  }

  const BusyDayOptions& options_;
  BusyDayResult& result_;
  World& world_;
  Rng rng_{0};
  std::string supplier_;
  std::vector<std::string> retailers_;
  std::vector<std::string> skus_;
  std::vector<OpenOrder> placed_this_minute_;
  std::map<std::pair<int, std::int64_t>, OpenOrder> open_;  // by (ready minute, arrival)
  std::int64_t waits_ = 0;
  std::vector<std::string> positions_;
  std::int64_t placed_ = 0;
  std::int64_t shipments_ = 0;
};

Status CheckRange(const char* field, std::int64_t value, std::int64_t lo, std::int64_t hi) {
  if (value >= lo && value <= hi) return Status::Ok();
  return InvalidArgument(field, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
}

}  // namespace

Result<BusyDayResult> RunBusyDay(const BusyDayOptions& options) {
  DSCOSIM_RETURN_IF_ERROR(CheckRange("retailers", options.retailers, 1, 50));
  DSCOSIM_RETURN_IF_ERROR(CheckRange("skus", options.skus, 1, 100000));
  DSCOSIM_RETURN_IF_ERROR(CheckRange("orders", options.orders, 0, 1000000));
  DSCOSIM_RETURN_IF_ERROR(CheckRange("inventory_updates", options.inventory_updates, 0, 10000000));
  DSCOSIM_RETURN_IF_ERROR(CheckRange("partitions", options.partitions, 1, 20));
  BusyDayResult result;
  result.seed = options.seed;
  BusyDay day(options, result);
  DSCOSIM_RETURN_IF_ERROR(day.Run());
  result.trace_hash = result.world.trace().hash_hex();
  result.trace_events = result.world.trace().total();
  return result;
}

}  // namespace dscosim
