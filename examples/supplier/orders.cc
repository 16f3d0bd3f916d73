// Orders (standard API integration guide): poll new orders in windows [checkpoint,
// now - 6 s), acknowledge them in one call, ~3 s later re-read each: answer a cancel
// request by cancelling its lines, else ship what is in stock (one shipment batch for
// every order due) and cancel what is not; follow every batch in its change log, then
// invoice exactly what shipped.
#include "jobs.h"

#include <algorithm>
#include <map>

namespace supplier {
namespace {

constexpr std::int64_t kUntilLagMillis = 5500;  // the 5-second rule, with half a second to spare
constexpr std::int64_t kFirstLookbackMillis = 60000;
constexpr std::int64_t kReviewAfterMillis = 3000;
// Twice a second: an order is acknowledged within half a second of entering a window
// (acknowledgements are processed ~3 s after they are sent, and count only then).
constexpr std::int64_t kPollEveryMillis = 500;
constexpr std::int64_t kLogEveryMillis = 1000;
constexpr std::int64_t kAssumeDoneMillis = 4000;  // ignore-change-log only
const char* kOutOfStockCode = "out_of_stock";

std::string IdOf(const Json& j, const char* key) {
  if (!j.is_object() || !j.contains(key)) return "";
  const Json& v = j[key];
  return v.is_string() ? v.get<std::string>() : v.is_number_integer() ? std::to_string(v.get<long long>()) : "";
}

int IntOf(const Json& j, const char* key, int fallback) {
  return j.is_object() && j.contains(key) && j[key].is_number() ? j[key].get<int>() : fallback;
}

}  // namespace

Orders::Orders(const Config& config, Api& api) : config_(config), api_(api) {
  state_ = LoadState(config_, "orders");
  const bool restarted = state_.contains("checkpoint");
  if (!state_.contains("orders")) state_["orders"] = Json::object();
  if (!state_.contains("requests")) state_["requests"] = Json::array();
  if (!restarted) {
    state_["checkpoint"] = IsoMillis(NowMillis() - kFirstLookbackMillis);
  } else if (config_.bugs.Is("window-gap")) {
    state_["checkpoint"] = IsoMillis(NowMillis() - kUntilLagMillis);  // the defect
  }
  Log("orders", std::string(restarted ? "resuming" : "starting") + " at checkpoint " +
                    state_["checkpoint"].get<std::string>());
}

void Orders::Save() { SaveState(config_, "orders", state_); }

void Orders::Run() {
  while (!g_stopping) {
    if (NowMillis() >= next_poll_) {
      next_poll_ = NowMillis() + kPollEveryMillis;
      Poll();
    }
    Acknowledge();
    Fulfil();
    FollowChangeLogs();
    Invoice();
    if (!SleepFor(std::chrono::milliseconds(200))) break;
  }
}

// One window, every page; the checkpoint moves only when all of it was read.
void Orders::Poll() {
  ++polls_;
  const std::int64_t lag = config_.bugs.Is("until-too-recent") && polls_ % 5 == 0 ? 1000 : kUntilLagMillis;
  const std::string since = state_["checkpoint"].get<std::string>();
  const std::string until = IsoMillis(NowMillis() - lag);
  // Pages of 10 (the smallest): small answers, and a burst still arrives in a few pages.
  std::map<std::string, std::string> query = {{"ordersCreatedSince", since}, {"until", until}, {"ordersPerPage", "10"}};
  std::vector<Json> found;
  bool until_reached = true;
  bool widened = false;
  for (;;) {
    const Response r = api_.Get("/order/page", query, "getOrders");
    if (!r.ok() || !r.json.is_object()) {
      if (r.status != -1) Log("orders", "poll [" + since + ", " + until + ") failed: " + std::to_string(r.status));
      return;
    }
    StrictKeys(config_, r.json, {"orders", "scrollId"}, "order page");
    const Json page = r.json.value("orders", Json::array());
    for (const Json& o : page) found.push_back(o);
    if (page.empty() || !r.json.contains("scrollId")) break;
    if (config_.bugs.Is("no-scroll")) {
      // The defect: ignores the scrollId and moves its window to the page's last order. A
      // full page with nothing new (ten orders created in one millisecond, which depends on
      // the machine's speed) would stall the window, so that page is asked again once at the
      // largest size: the defect never costs an order, and only CONF-POLL-003 sees it.
      const bool nothing_new = std::none_of(page.begin(), page.end(), [&](const Json& o) {
        return !state_["orders"].contains(IdOf(o, "dscoOrderId"));
      });
      if (nothing_new && !widened) {
        widened = true;
        found.clear();
        query = {{"ordersCreatedSince", since}, {"until", until}, {"ordersPerPage", "1000"}};
        continue;
      }
      until_reached = false;
      break;
    }
    query = {{"scrollId", r.json["scrollId"].is_string() ? r.json["scrollId"].get<std::string>() : ""}};
  }
  bool any_new = false;
  for (const Json& o : found) {
    const std::string id = IdOf(o, "dscoOrderId");
    if (id.empty() || state_["orders"].contains(id)) continue;
    any_new = true;
    Log("orders", "new order " + id + " (" + o.value("poNumber", "") + ")");
    state_["orders"][id] = {{"po", o.value("poNumber", "")}, {"phase", "new"}};
    const std::int64_t ack_by = ParseIsoMillis(o.value("acknowledgeByDate", ""));
    if (ack_by >= 0) state_["orders"][id]["ackBy"] = ack_by;
  }
  state_["checkpoint"] = until;
  if (!until_reached && !found.empty()) {
    const std::int64_t last = ParseIsoMillis(found.back().value("dscoCreateDate", ""));
    if (last >= 0) state_["checkpoint"] = IsoMillis(any_new ? last : last + 1);
  }
  Save();
}

// Every order the last polls found, in one call.
void Orders::Acknowledge() {
  Json body = Json::array();
  std::vector<std::string> ids;
  for (auto& [id, o] : state_["orders"].items()) {
    if (o["phase"] == "new") {
      body.push_back({{"id", id}, {"type", "DSCO_ORDER_ID"}});
      ids.push_back(id);
    }
  }
  if (ids.empty()) return;
  auto mark = [&] {
    for (const std::string& id : ids) {
      state_["orders"][id]["phase"] = "acked";
      state_["orders"][id]["ackAt"] = NowMillis();
    }
    Save();
  };
  if (config_.bugs.Is("no-ack")) {
    // The defect: never acknowledges, and the warehouse only gets to an order once its
    // acknowledge-by date has passed (shipping would otherwise acknowledge it in time).
    Log("orders", "not acknowledging " + std::to_string(ids.size()) + " orders");
    mark();
    for (const std::string& id : ids) {
      const Json& o = state_["orders"][id];
      if (o.contains("ackBy")) state_["orders"][id]["ackAt"] = o["ackBy"].get<std::int64_t>() + 500 - kReviewAfterMillis;
    }
    Save();
    return;
  }
  const Response r = api_.Post("/order/acknowledge", body, "acknowledge");
  if (r.status == -1) return;
  if (r.ok()) {
    Log("orders", "acknowledged " + std::to_string(ids.size()) + " orders");
    Track(IdOf(r.json, "requestId"), "order", "ack", ids);
  } else if (r.status >= 400 && r.status < 500 && r.status != 408 && r.status != 429) {
    Log("orders", "acknowledge refused (" + std::to_string(r.status) + "): " + r.body.substr(0, 200));
  } else {
    return;  // transient and out of retries: next tick (with any newer orders)
  }
  mark();
}

int Orders::Stock(const std::string& sku) {
  const Response r = api_.Get("/inventory", {{"itemKey", "sku"}, {"value", sku}}, "inventory");
  if (r.status == 404) return 0;
  if (!r.ok()) return -1;
  const Json& j = r.json.is_array() && !r.json.empty() ? r.json[0] : r.json;
  const int available = IntOf(j, "quantityAvailable", 0);
  Log("orders", "inventory " + sku + ": " + std::to_string(available) + " available");
  return available;
}

// Re-reads one order and plans its answer: a shipment of what is in stock and a cancel
// of the rest (or of everything, when the retailer asked to cancel). False: try later.
bool Orders::ReviewOrder(const std::string& id, Json& order, Json* shipment, Json* cancel) {
  const Response r = api_.Get("/order", {{"orderKey", "dscoOrderId"}, {"value", id}}, "getOrder");
  if (r.status == -1 || (!r.ok() && r.status != 404)) return false;
  if (!r.ok() || !r.json.is_object()) {
    order["phase"] = "done";
    return true;
  }
  const Json& o = r.json;
  const bool cancel_requested = o.value("cancelRequested", false);
  if (cancel_requested && config_.bugs.Is("ignore-cancel")) {
    Log("orders", "order " + id + ": ignoring the retailer's cancel request");
    order["phase"] = "done";
    return true;
  }
  const std::string code = cancel_requested ? o.value("cancelRequestedCode", "retailer_request") : kOutOfStockCode;
  Json ship_lines = Json::array();
  Json cancel_lines = Json::array();
  Json prices = Json::object();
  std::map<std::string, int> stock;
  for (const Json& line : o.value("lineItems", Json::array())) {
    const int remaining = IntOf(line, "remainingQuantity", IntOf(line, "quantity", 0));
    const std::string sku = line.value("sku", "");
    if (remaining <= 0 || sku.empty()) continue;
    const int number = IntOf(line, "lineNumber", 0);
    prices[std::to_string(number)] = line.contains("expectedCost") && line["expectedCost"].is_number()
                                         ? line["expectedCost"].get<double>()
                                         : 10.0;
    int to_ship = 0;
    if (!cancel_requested) {
      if (!stock.count(sku)) stock[sku] = Stock(sku);
      if (stock[sku] < 0) return false;  // inventory unreadable now: review again later
      to_ship = std::min(remaining, stock[sku]);
      stock[sku] -= to_ship;
    }
    int to_cancel = remaining - to_ship;
    if (config_.bugs.Is("ship-part") && to_ship >= 2) {
      to_ship -= 1;  // the defect: one unit short, and the rest never cancelled
      to_cancel = 0;
    }
    if (to_ship > 0) ship_lines.push_back({{"lineNumber", number}, {"sku", sku}, {"quantity", to_ship}});
    if (to_cancel > 0) {
      cancel_lines.push_back(
          {{"lineNumber", number}, {"sku", sku}, {"cancelledQuantity", to_cancel}, {"cancelCode", code}});
    }
  }
  order["prices"] = prices;
  if (!ship_lines.empty()) {
    Json s = {{"trackingNumber", "1ZSUP" + id},
              {"shipCarrier", "UPS"},
              {"shipMethod", "Ground"},
              {"shippingServiceLevelCode", "UPCG"},
              {"lineItems", ship_lines}};
    // missing-field: no shipDate, which the platform's rules require of a shipment (the
    // spec's own required trackingNumber would be refused outright, shipping nothing).
    if (!config_.bugs.Is("missing-field")) s["shipDate"] = IsoMillis(NowMillis());
    *shipment = {{"dscoOrderId", id}, {"poNumber", o.value("poNumber", "")}, {"shipments", {s}}};
  }
  if (!cancel_lines.empty()) *cancel = {{"id", id}, {"type", "DSCO_ORDER_ID"}, {"lineItems", cancel_lines}};
  Log("orders", "order " + id + (cancel_requested ? " has a cancel request: " : ": ") + "ship " +
                    std::to_string(ship_lines.size()) + " lines, cancel " + std::to_string(cancel_lines.size()));
  return true;
}

// Orders acknowledged ~3 s ago: plan each, then one shipment batch and one cancel batch.
void Orders::Fulfil() {
  const std::int64_t now = NowMillis();
  Json& orders = state_["orders"];
  for (auto& [id, o] : orders.items()) {
    if (o["phase"] != "acked" || o.value("ackAt", now) + kReviewAfterMillis > now || o.contains("planned")) continue;
    Json shipment;
    Json cancel;
    if (g_stopping || !ReviewOrder(id, o, &shipment, &cancel)) continue;
    if (o["phase"] == "done") continue;
    o["planned"] = true;
    o["shipment"] = shipment;
    o["cancel"] = cancel;
    o["shipSent"] = shipment.is_null();
    o["cancelSent"] = cancel.is_null();
    Save();
  }
  Json ship_batch = Json::array();
  Json cancel_batch = Json::array();
  std::vector<std::string> ship_ids;
  std::vector<std::string> cancel_ids;
  for (auto& [id, o] : orders.items()) {
    if (o["phase"] != "acked" || !o.contains("planned")) continue;
    if (!o["shipSent"].get<bool>()) {
      ship_batch.push_back(o["shipment"]);
      ship_ids.push_back(id);
    }
    if (!o["cancelSent"].get<bool>()) {
      cancel_batch.push_back(o["cancel"]);
      cancel_ids.push_back(id);
    }
  }
  auto refused = [](const Response& r) { return r.status >= 400 && r.status < 500 && r.status != 408 && r.status != 429; };
  if (!ship_batch.empty() && config_.bugs.Is("single-calls")) {
    for (std::size_t i = 0; i < ship_ids.size(); ++i) {
      const Response r = api_.Post("/order/singleShipment", ship_batch[i], "singleShipment");
      Json& o = orders[ship_ids[i]];
      if (r.ok() || refused(r)) {
        o["shipSent"] = true;
        o["shipDone"] = true;
        if (r.ok()) o["shipped"] = ship_batch[i]["shipments"][0]["lineItems"];
        Log("orders", "single shipment for " + ship_ids[i] + ": " + std::to_string(r.status));
      }
    }
  } else if (!ship_batch.empty()) {
    const Response r = api_.Post("/order/shipment/batch/small", ship_batch, "batch");
    if (r.ok()) {
      Log("orders", "shipment batch for " + std::to_string(ship_ids.size()) + " orders submitted");
      Track(IdOf(r.json, "requestId"), "order", "ship", ship_ids);
    }
    if (r.ok() || refused(r)) {
      for (const std::string& id : ship_ids) orders[id]["shipSent"] = true;
    }
  }
  if (!cancel_batch.empty()) {
    const Response r = api_.Post("/order/item/cancel/batch/small", cancel_batch, "batch");
    if (r.ok()) {
      Log("orders", "cancel batch for " + std::to_string(cancel_ids.size()) + " orders submitted");
      Track(IdOf(r.json, "requestId"), "order", "cancel", cancel_ids);
    }
    if (r.ok() || refused(r)) {
      for (const std::string& id : cancel_ids) orders[id]["cancelSent"] = true;
    }
  }
  for (auto& [id, o] : orders.items()) {
    if (o["phase"] == "acked" && o.contains("planned") && o["shipSent"].get<bool>() && o["cancelSent"].get<bool>()) {
      o["phase"] = "fulfilling";
    }
  }
  Save();
}

// What a finished request means for its orders (`failed`: their entries failed).
void Orders::Completed(const std::string& kind, const Json& order_ids, const std::vector<std::string>& failed) {
  for (const Json& idj : order_ids) {
    const std::string id = idj.get<std::string>();
    if (!state_["orders"].contains(id)) continue;
    Json& o = state_["orders"][id];
    const bool ok = std::find(failed.begin(), failed.end(), id) == failed.end();
    if (kind == "ship") {
      o["shipDone"] = true;
      if (ok) o["shipped"] = o["shipment"]["shipments"][0]["lineItems"];
    } else if (kind == "invoice") {
      o["phase"] = "done";
    }
  }
}

void Orders::Track(const std::string& request_id, const std::string& resource, const std::string& kind,
                   const std::vector<std::string>& orders) {
  if (request_id.empty()) {  // nothing to follow: take the platform's 2xx for it
    Log("orders", kind + " answered without a requestId");
    Completed(kind, orders, {});
    Save();
    return;
  }
  state_["requests"].push_back({{"requestId", request_id},
                                {"resource", resource},
                                {"kind", kind},
                                {"orders", orders},
                                {"submittedAt", NowMillis()},
                                {"nextCheck", NowMillis() + kLogEveryMillis},
                                {"done", false}});
  Save();
}

bool Orders::Pending(const std::string& kind, const std::string& id) const {
  for (const Json& q : state_["requests"]) {
    if (q["kind"] != kind || q["done"].get<bool>()) continue;
    for (const Json& o : q["orders"]) {
      if (o == id) return true;
    }
  }
  return false;
}

// Each batch's change log until it is COMPLETED; a failed entry is logged and its order
// is treated as not shipped (so it is not invoiced).
void Orders::FollowChangeLogs() {
  const std::int64_t now = NowMillis();
  for (Json& q : state_["requests"]) {
    if (q["done"].get<bool>() || q["nextCheck"].get<std::int64_t>() > now || g_stopping) continue;
    std::vector<std::string> failed;
    if (config_.bugs.Is("ignore-change-log")) {
      if (now < q["submittedAt"].get<std::int64_t>() + kAssumeDoneMillis) continue;
    } else {
      const std::string path = "/" + q["resource"].get<std::string>() + "/log";
      std::map<std::string, std::string> query = {{"requestId", q["requestId"].get<std::string>()}};
      bool completed = false;
      for (;;) {
        const Response r = api_.Get(path, query, "changeLog");
        if (!r.ok() || !r.json.is_object()) break;
        StrictKeys(config_, r.json, {"logs", "status", "scrollId"}, "change log");
        if (r.json.value("status", "") == "COMPLETED") completed = true;
        const Json logs = r.json.value("logs", Json::array());
        for (const Json& e : logs) {
          if (e.value("status", "") != "failure") continue;
          const Json payload = e.value("payload", Json::object());
          const std::string id = IdOf(payload, "dscoOrderId").empty() ? IdOf(payload, "id") : IdOf(payload, "dscoOrderId");
          failed.push_back(id);
          Log("orders", q["kind"].get<std::string>() + " of order " + id + " failed: " + e.value("results", Json::array()).dump().substr(0, 300));
        }
        if (logs.empty() || !r.json.contains("scrollId") || !r.json["scrollId"].is_string()) break;
        query = {{"scrollId", r.json["scrollId"].get<std::string>()}};
      }
      q["nextCheck"] = NowMillis() + kLogEveryMillis;
      if (!completed) continue;
    }
    q["done"] = true;
    Log("orders", q["kind"].get<std::string>() + " request " + q["requestId"].get<std::string>() + " completed");
    Completed(q["kind"].get<std::string>(), q["orders"], failed);
    Save();
  }
}

// Orders whose shipments and cancels are processed: one invoice batch for what shipped.
void Orders::Invoice() {
  Json batch = Json::array();
  std::vector<std::string> ids;
  for (auto& [id, o] : state_["orders"].items()) {
    if (o["phase"] != "fulfilling" || Pending("ship", id) || Pending("cancel", id)) continue;
    if (!o["shipment"].is_null() && !o.value("shipDone", false) && !config_.bugs.Is("single-calls")) continue;
    const Json shipped = o.value("shipped", Json::array());
    if (shipped.empty()) {
      o["phase"] = "done";
      Log("orders", "order " + id + ": nothing shipped, nothing to invoice");
      continue;
    }
    Json lines = Json::array();
    double total = 0;
    for (const Json& l : shipped) {
      int quantity = l["quantity"].get<int>();
      if (config_.bugs.Is("invoice-wrong") && lines.empty()) quantity += 1;  // the defect
      const std::string number = std::to_string(l["lineNumber"].get<int>());
      const double price = o.value("prices", Json::object()).value(number, 10.0);
      total += price * quantity;
      lines.push_back({{"lineNumber", l["lineNumber"]}, {"sku", l["sku"]}, {"quantity", quantity}, {"unitPrice", price}});
    }
    batch.push_back({{"invoiceId", "INV-" + id},
                     {"dscoOrderId", id},
                     {"poNumber", o["po"]},
                     {"invoiceDate", IsoMillis(NowMillis())},
                     {"currencyCode", "USD"},
                     {"totalAmount", total},
                     {"lineItems", lines}});
    ids.push_back(id);
  }
  if (ids.empty()) {
    Save();
    return;
  }
  if (config_.bugs.Is("single-calls")) {
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const Response r = api_.Post("/invoice", batch[i], "invoice");
      if (r.status == -1) break;
      Log("orders", "single invoice for " + ids[i] + ": " + std::to_string(r.status));
      if (r.ok() || (r.status >= 400 && r.status < 500 && r.status != 408 && r.status != 429)) {
        state_["orders"][ids[i]]["phase"] = "done";
      }
    }
    Save();
    return;
  }
  const Response r = api_.Post("/invoice/batch/small", batch, "batch");
  if (r.ok()) {
    Log("orders", "invoice batch for " + std::to_string(ids.size()) + " orders submitted");
    for (const std::string& id : ids) state_["orders"][id]["phase"] = "invoicing";
    Track(IdOf(r.json, "requestId"), "invoice", "invoice", ids);
  } else if (r.status >= 400 && r.status < 500 && r.status != 408 && r.status != 429) {
    Log("orders", "invoice batch refused (" + std::to_string(r.status) + "): " + r.body.substr(0, 200));
    for (const std::string& id : ids) state_["orders"][id]["phase"] = "done";
  }
  Save();
}

}  // namespace supplier
