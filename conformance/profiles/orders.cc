// supplier-orders: the driver, as the retailer, places orders (a burst, then a few) with
// deadlines scaled to seconds and asks to cancel one; the integration (the supplier)
// must acknowledge, ship or cancel every unit, invoice what it shipped, and answer the
// cancel request, each before its deadline.
#include <memory>
#include <mutex>

#include "dscosim/conformance/events.h"
#include "dscosim/conformance/profile.h"
#include "dscosim/conformance/profiles/world.h"
#include "dscosim/model/core/time.h"

namespace dscosim::conformance {
namespace {

using profiles::kRetailer;
using profiles::kSupplier;

struct PlannedOrder {
  double at;
  std::string po;
  std::vector<std::pair<std::string, int>> lines;
};

// 11 orders in a burst (a batch belongs, and more than the smallest page of 10, so a
// scroll follows), 2 a little later, 3 after the outage. PO-OR-3 has a line out of stock
// (to cancel); PO-OR-4 has several units on one line.
const std::vector<PlannedOrder>& Plan() {
  static const std::vector<PlannedOrder> plan = {
      {1.0, "PO-OR-1", {{"SKU-OR-1", 1}}},
      {1.0, "PO-OR-2", {{"SKU-OR-2", 1}}},
      {1.0, "PO-OR-3", {{"SKU-OR-1", 2}, {"SKU-OR-OOS", 1}}},
      {1.0, "PO-OR-4", {{"SKU-OR-2", 3}}},
      {1.0, "PO-OR-5", {{"SKU-OR-1", 1}}},
      {1.0, "PO-OR-6", {{"SKU-OR-2", 2}}},
      {1.0, "PO-OR-12", {{"SKU-OR-1", 1}}},
      {1.0, "PO-OR-13", {{"SKU-OR-2", 1}}},
      {1.0, "PO-OR-14", {{"SKU-OR-1", 1}}},
      {1.0, "PO-OR-15", {{"SKU-OR-2", 1}}},
      {1.0, "PO-OR-16", {{"SKU-OR-1", 1}}},
      {3.5, "PO-OR-7", {{"SKU-OR-1", 1}}},
      {3.5, "PO-OR-8", {{"SKU-OR-2", 1}}},
      {12.0, "PO-OR-9", {{"SKU-OR-1", 1}}},
      {12.0, "PO-OR-10", {{"SKU-OR-2", 2}}},
      {12.0, "PO-OR-11", {{"SKU-OR-1", 1}}},
  };
  return plan;
}
constexpr char kCancelRequestedPo[] = "PO-OR-2";

struct State {
  std::mutex mu;
  std::map<std::string, std::string> ids;  // po -> dscoOrderId
  std::map<std::string, std::int64_t> cancel_after;  // po -> virtual micros
  bool cancel_requested = false;
};

std::string Iso(std::int64_t micros) { return FormatIso8601Millis(TimeFromMicros(micros)); }

}  // namespace

Profile SupplierOrdersProfile() {
  Profile p;
  p.name = "supplier-orders";
  p.summary =
      "the driver (a retailer) places orders and a cancel request; the integration (a supplier) "
      "must acknowledge, ship or cancel every unit, invoice what shipped, and answer the cancel "
      "request, each before its deadline";
  p.integration_account = kSupplier;
  p.rule_ids = {"CONF-AUTH-001",  "CONF-AUTH-002",  "CONF-AUTH-003", "CONF-RETRY-001", "CONF-RETRY-002",
                "CONF-RETRY-003", "CONF-RETRY-004", "CONF-LIMIT-001", "CONF-LIMIT-002", "CONF-BATCH-001",
                "CONF-POLL-001",  "CONF-POLL-002",  "CONF-POLL-003", "CONF-ORD-001",   "CONF-ORD-002",
                "CONF-ORD-003",   "CONF-ORD-004",   "CONF-ORD-005",  "CONF-COMPAT-001"};
  p.world = [](const std::string& start) {
    return profiles::BaseWorld(start, {{kSupplier, "SKU-OR-1", 500}, {kSupplier, "SKU-OR-2", 500},
                                       {kSupplier, "SKU-OR-OOS", 0}});
  };
  p.settings = {{"passSeconds", 40.0},
                {"pollPrefixes", {"/api/v3/order/page"}},
                {"pollMethod", "GET"},
                {"acknowledgeBySeconds", 14.0},
                {"shipBySeconds", 20.0},
                {"invoiceBySeconds", 26.0},
                {"cancelAfterSeconds", 20.0},
                {"batchProcessingSeconds", 1.0}};
  p.schedule = [](const Json& settings, Rng&) {
    auto state = std::make_shared<State>();
    std::vector<Step> steps;
    steps.push_back({0.0, "ask to cancel " + std::string(kCancelRequestedPo) + " once it is acknowledged",
                     [state](DriverContext& ctx) {
                       ctx.SetHook([state, &ctx](fakes::Api&, fakes::Tenant& tenant, const fakes::HookedRequest& r) {
                         // Acknowledging is asynchronous: the order turns acknowledged a moment
                         // later, so look before each of the integration's requests.
                         if (r.status != 0) return;
                         std::string id;
                         std::int64_t answer_by = 0;
                         {
                           std::lock_guard<std::mutex> lock(state->mu);
                           if (state->cancel_requested || state->ids.count(kCancelRequestedPo) == 0) return;
                           id = state->ids[kCancelRequestedPo];
                           answer_by = state->cancel_after[kCancelRequestedPo];
                         }
                         // Only once the order is acknowledged does the retailer's request wait for
                         // the supplier's answer (before, it cancels at once).
                         const auto order = ctx.ActLocked(tenant, kRetailer, "GET",
                                                          "/order?orderKey=dscoOrderId&value=" + id);
                         if (!order.body.is_object() || order.body.value("dscoLifecycle", "") != "acknowledged") return;
                         const auto asked = ctx.ActLocked(tenant, kRetailer, "PUT", "/order/request/cancel",
                                                          {{"dscoOrderId", id}, {"cancelCode", "CUSTOMER_REQUEST"},
                                                           {"reason", "the consumer changed their mind"}});
                         {
                           std::lock_guard<std::mutex> lock(state->mu);
                           state->cancel_requested = true;
                         }
                         ctx.Record(events::kCancelRequested, {{"dscoOrderId", id},
                                                               {"poNumber", kCancelRequestedPo},
                                                               {"status", asked.status},
                                                               {"answerByVirtual", answer_by}});
                       });
                     }});
    const auto seconds = [&settings](const char* name, double fallback) {
      return static_cast<std::int64_t>(settings.value(name, fallback) * 1e6);
    };
    const std::int64_t ack = seconds("acknowledgeBySeconds", 14), ship = seconds("shipBySeconds", 20),
                       invoice = seconds("invoiceBySeconds", 26), cancel = seconds("cancelAfterSeconds", 20);
    for (const PlannedOrder& planned : Plan()) {
      steps.push_back({planned.at, "place order " + planned.po, [state, planned, ack, ship, invoice, cancel](DriverContext& ctx) {
                         const std::int64_t now = ctx.NowVirtualMicros();
                         Json body = profiles::OrderBody(planned.po, planned.lines);
                         body["acknowledgeByDate"] = Iso(now + ack);
                         body["shipByDate"] = Iso(now + ship);
                         body["invoiceByDate"] = Iso(now + invoice);
                         body["cancelAfterDate"] = Iso(now + cancel);
                         const auto created = ctx.Act(kRetailer, "POST", "/order", body);
                         std::string id;
                         if (created.body.is_object()) {
                           const Json ids = created.body.value("dscoOrderIds", Json::array());
                           if (!ids.empty()) id = ids[0].is_string() ? ids[0].get<std::string>() : ids[0].dump();
                         }
                         {
                           std::lock_guard<std::mutex> lock(state->mu);
                           state->ids[planned.po] = id;
                           state->cancel_after[planned.po] = now + cancel;
                         }
                         Json lines = Json::array();
                         int n = 1;
                         for (const auto& [sku, quantity] : planned.lines) {
                           lines.push_back({{"lineNumber", n++}, {"sku", sku}, {"quantity", quantity}});
                         }
                         ctx.Record(events::kOrderCreated, {{"dscoOrderId", id},
                                                            {"poNumber", planned.po},
                                                            {"status", created.status},
                                                            {"acknowledgeByVirtual", now + ack},
                                                            {"shipByVirtual", now + ship},
                                                            {"invoiceByVirtual", now + invoice},
                                                            {"cancelAfterVirtual", now + cancel},
                                                            {"lines", lines}});
                       }});
    }
    return steps;
  };
  p.finish = [](DriverContext& ctx) {
    Json orders = Json::array(), invoices = Json::array();
    for (const PlannedOrder& planned : Plan()) {
      const auto order = ctx.Act(kRetailer, "GET", "/order?orderKey=poNumber&value=" + planned.po);
      if (order.status == 200) orders.push_back(order.body);
      const auto found = ctx.Act(kRetailer, "GET", "/invoice?key=poNumber&value=" + planned.po);
      if (found.status == 200 && found.body.is_object()) {
        for (const Json& i : found.body.value("invoices", Json::array())) invoices.push_back(i);
      }
    }
    ctx.Record(events::kFinalOrders, {{"orders", orders}});
    ctx.Record(events::kFinalInvoices, {{"invoices", invoices}});
  };
  // The platform accepts a shipment missing a field production requires, so CONF-ORD-003
  // reports it as one finding instead of a refusal cascading into missed deadlines.
  // Asynchronous requests (acknowledge, batches) are processed within a second, scaled
  // like the deadlines (the default is 3 s).
  p.policies = [](WorldOptions& o) {
    o.orders.strict_shipments = ShipmentStrictness::kOff;
    o.batches.processing_delay = std::chrono::seconds(1);
  };
  return p;
}

}  // namespace dscosim::conformance
