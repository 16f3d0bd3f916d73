// Orders: create, get, page, acknowledge, ship, cancel, request cancel, updates, batches
// and the order change log.
#include "dscosim/fakes/api_common.h"
#include "dscosim/model/core/hash.h"
#include "dscosim/model/orders/order_store.h"

namespace dscosim::fakes {
namespace {

Json EventDate(const World& w) { return FormatIso8601(w.now()); }

HttpResponse CreateOrder(ApiCall& call) {
  auto body = call.BodyJson();
  if (!body.ok()) return Fail(body.status());
  auto created = call.world().orders().Create(call.account, *body);
  if (!created.ok()) return Fail(created.status());
  Json ids = Json::array();
  Json orders = Json::array();
  for (const Order& o : created->orders) {
    ids.push_back(o.dsco_order_id);
    orders.push_back(call.world().orders().ToJson(o));
  }
  return HttpResponse::JsonBody(created->replay ? 200 : 201,
                                {{"status", "success"},
                                 {"dscoOrderIds", ids},
                                 {"dscoOrders", orders},
                                 {"eventDate", EventDate(call.world())}});
}

HttpResponse GetOrder(ApiCall& call) {
  const auto key = call.request.Query("orderKey");
  if (!key) return Fail(InvalidArgument("orderKey", "is required: dscoOrderId, poNumber or supplierOrderNumber"));
  auto type = ParseOrderKeyType(*key, "orderKey");
  if (!type.ok()) return Fail(type.status());
  if (*type == OrderKeyType::kConsumerOrderNumber) {
    return Fail(InvalidArgument("orderKey", "must be dscoOrderId, poNumber or supplierOrderNumber"));
  }
  const auto value = call.request.Query("value");
  if (!value) return Fail(InvalidArgument("value", "is required"));
  auto multiple = QueryBool(call.request, "returnMultiple");
  if (!multiple.ok()) return Fail(multiple.status());
  auto orders = call.world().orders().Get(call.account, *type, *value, call.request.Query("dscoAccountId"),
                                          call.request.Query("dscoTradingPartnerId"),
                                          multiple->value_or(false));
  if (!orders.ok()) return Fail(orders.status());
  if (!multiple->value_or(false)) return HttpResponse::JsonBody(200, call.world().orders().ToJson(orders->front()));
  Json list = Json::array();
  for (const Order& o : *orders) list.push_back(call.world().orders().ToJson(o));
  return HttpResponse::JsonBody(200, list);
}

HttpResponse GetOrders(ApiCall& call) {
  OrderPageQuery q;
  const HttpRequest& r = call.request;
  q.scroll_id = r.Query("scrollId");
  q.consumer_order_number = r.Query("consumerOrderNumber");
  for (const auto& [name, target] : {std::pair{"ordersCreatedSince", &q.created_since},
                                     std::pair{"ordersUpdatedSince", &q.updated_since},
                                     std::pair{"until", &q.until}}) {
    if (const auto text = r.Query(name)) {
      auto t = ParseIso8601(*text, name);
      if (!t.ok()) return Fail(t.status());
      *target = *t;
    }
  }
  for (const std::string& s : r.QueryAll("status")) {
    auto status = ParseOrderStatus(s, "status");
    if (!status.ok()) return Fail(status.status());
    q.statuses.push_back(*status);
  }
  auto test = QueryBool(r, "includeTestOrders");
  if (!test.ok()) return Fail(test.status());
  q.include_test_orders = test->value_or(false);
  auto returned = QueryBool(r, "returnedOnly");
  if (!returned.ok()) return Fail(returned.status());
  q.returned_only = returned->value_or(false);
  if (const auto per_page = r.Query("ordersPerPage")) {
    char* end = nullptr;
    const long long n = std::strtoll(per_page->c_str(), &end, 10);
    if (end == per_page->c_str() || *end != '\0') return Fail(InvalidArgument("ordersPerPage", "must be an integer"));
    q.orders_per_page = n;
  }
  auto page = call.world().orders().Page(call.account, q);
  if (!page.ok()) return Fail(page.status());
  Json out = {{"orders", Json::array()}};
  for (const Order& o : page->orders) out["orders"].push_back(call.world().orders().ToJson(o));
  if (page->scroll_id) out["scrollId"] = *page->scroll_id;
  return HttpResponse::JsonBody(200, out);
}

// Acknowledge Orders is asynchronous: each OrderId becomes a change-log entry.
HttpResponse Acknowledge(ApiCall& call) { return SubmitSmallBatch(call, BatchKind::kOrderAcknowledge); }
HttpResponse AcknowledgeItems(ApiCall& call) {
  return SubmitSmallBatch(call, BatchKind::kOrderAcknowledgeItems);
}

HttpResponse SingleShipment(ApiCall& call) {
  auto body = call.BodyJson();
  if (!body.ok()) return Fail(body.status());
  const Status s = call.world().orders().Ship(call.account, *body);
  const bool missing_field = s.code() == StatusCode::kInvalidArgument &&
                             s.message().find("is required") != std::string::npos;
  const bool strict = call.world().orders().policy().strict_shipments != ShipmentStrictness::kOff;
  if (missing_field && strict) {
    // Production's refusal of a missing field, as seen [MW]: the field's message, then a
    // code-less one listing what a shipment must carry (facts §1.8).
    return HttpResponse::JsonBody(
        400, {{"messages",
               {{{"code", "VALIDATION_FAILED"},
                 {"severity", "error"},
                 {"description", Describe(s)}},
                {{"description", "All of these fields are required: poNumber, carrier, "
                                 "shippingServiceLevelCode, lineItems, lineItems.quantity, "
                                 "lineItems.sku"}}}}});
  }
  if (!s.ok()) return Fail(s);
  // SuccessFailResponse is documented both ways; send both (facts §11).
  return HttpResponse::JsonBody(201, {{"success", true}, {"status", "success"}});
}

HttpResponse CancelItem(ApiCall& call) {
  auto body = call.BodyJson();
  if (!body.ok()) return Fail(body.status());
  const Status s = call.world().orders().CancelItems(call.account, *body);
  if (!s.ok()) return Fail(s);
  return HttpResponse::JsonBody(200, {{"status", "success"},
                                      {"requestId", call.world().tokens().NextUuid()},
                                      {"eventDate", EventDate(call.world())}});
}

// A refused request changes nothing, not even the random streams, so its id is derived
// from what was sent and when rather than drawn.
std::string RejectedRequestId(ApiCall& call) {
  const std::uint64_t a = Fnv1a64(call.request.body);
  const std::uint64_t b = Mix64(a ^ static_cast<std::uint64_t>(MicrosOf(call.world().now())));
  const std::string hex = Hex64(a) + Hex64(b);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-4" + hex.substr(13, 3) + "-8" + hex.substr(17, 3) + "-" +
         hex.substr(20, 12);
}

HttpResponse RequestCancel(ApiCall& call) {
  auto body = call.BodyJson();
  if (!body.ok()) return Fail(body.status());
  auto result = call.world().orders().RequestCancel(call.account, *body);
  if (!result.ok()) {
    if (result.status().code() == StatusCode::kFailedPrecondition ||
        result.status().code() == StatusCode::kInvalidArgument) {
      // The spec's 400 here is a SyncUpdateResponse.
      return HttpResponse::JsonBody(
          400, {{"status", "failure"},
                {"requestId", RejectedRequestId(call)},
                {"eventDate", EventDate(call.world())},
                {"messages", Json::array({{{"code", "VALIDATION_FAILED"}, {"severity", "error"},
                                           {"description", Describe(result.status())}}})}});
    }
    return Fail(result.status());
  }
  const bool now = result->outcome == CancelRequestOutcome::kCancelled;
  return HttpResponse::JsonBody(now ? 200 : 201,
                                {{"status", "success"},
                                 {"requestId", result->request_id},
                                 {"eventDate", EventDate(call.world())},
                                 {"message", now ? "the order was cancelled"
                                                 : "the cancel request was sent to the supplier"}});
}

Route Limited(std::string method, std::vector<std::string> pattern, std::string name, Handler h,
              int per_second, int per_minute, std::string limit_name = "") {
  const std::string limit = limit_name.empty() ? name : limit_name;
  return ApiRoute(std::move(method), std::move(pattern), std::move(name), std::move(h),
                  RateLimit{limit, per_second, per_minute, 0});
}

}  // namespace

void AddOrderRoutes(std::vector<Route>& routes) {
  routes.push_back(Limited("POST", {"order"}, "createOrder", CreateOrder, 15, 3000));
  routes.push_back(Limited("GET", {"order"}, "getOrderById", GetOrder, 10, 500));
  routes.push_back(Limited("GET", {"order", "page"}, "getOrders", GetOrders, 10, 500));
  routes.push_back(Limited("POST", {"order", "acknowledge"}, "acknowledgeOrders", Acknowledge, 15, 1000));
  routes.push_back(Limited("POST", {"order", "acknowledge", "items"}, "acknowledgeOrderItems",
                           AcknowledgeItems, 15, 1000));
  routes.push_back(Limited("POST", {"order", "singleShipment"}, "singleShipment", SingleShipment, 15, 300));
  routes.push_back(ApiRoute("POST", {"order", "item", "cancel"}, "cancelOrderItem", CancelItem));
  routes.push_back(ApiRoute("PUT", {"order", "request", "cancel"}, "requestCancelOrder", RequestCancel));
  routes.push_back(ApiRoute("POST", {"order", "batch", "small"}, "createOrderSmallBatch",
                            [](ApiCall& c) { return SubmitSmallBatch(c, BatchKind::kOrderCreate); }));
  routes.push_back(ApiRoute("POST", {"order", "batch", "large"}, "createOrderLargeBatch",
                            [](ApiCall& c) { return OpenLargeBatch(c, BatchKind::kOrderCreate); }));
  routes.push_back(ApiRoute("POST", {"orderupdate", "batch", "small"}, "updateOrderSmallBatch",
                            [](ApiCall& c) { return SubmitSmallBatch(c, BatchKind::kOrderUpdate); }));
  routes.push_back(ApiRoute("POST", {"order", "item", "cancel", "batch", "small"},
                            "cancelOrderItemSmallBatch",
                            [](ApiCall& c) { return SubmitSmallBatch(c, BatchKind::kOrderCancelItems); }));
  routes.push_back(ApiRoute("POST", {"order", "shipment", "batch", "small"}, "createShipmentSmallBatch",
                            [](ApiCall& c) { return SubmitSmallBatch(c, BatchKind::kOrderShipment); }));
  routes.push_back(ApiRoute("GET", {"order", "log"}, "getOrderChangeLog",
                            [](ApiCall& c) { return ChangeLog(c, ChangeLogResource::kOrder); }));
}

}  // namespace dscosim::fakes
