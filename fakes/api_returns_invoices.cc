// Returns and invoices: create / complete / update / cancel / page returns, create and
// get invoices, their small and large batches and change logs (docs/returns-invoices.md).
#include <optional>
#include <string>

#include "dscosim/fakes/api_common.h"
#include "dscosim/model/invoices/invoice_store.h"
#include "dscosim/model/returns/return_store.h"

namespace dscosim::fakes {
namespace {

// ReturnResponse {status, return}: the return as the caller sees it (its own number in
// returnNumber, the other party's in partnerReturnNumber).
HttpResponse ReturnAnswer(ApiCall& call, int status, const Return& ret) {
  return HttpResponse::JsonBody(
      status, {{"status", "success"}, {"return", call.world().returns().ToJson(ret, call.account)}});
}

HttpResponse CreateReturn(ApiCall& call) {
  auto body = call.BodyJson();
  if (!body.ok()) return Fail(body.status());
  auto created = call.world().returns().Create(call.account, *body);
  if (!created.ok()) return Fail(created.status());
  // The spec documents only 201; a replay answers the existing return the same way.
  return ReturnAnswer(call, 201, created->ret);
}

HttpResponse CompleteReturn(ApiCall& call) {
  auto body = call.BodyJson();
  if (!body.ok()) return Fail(body.status());
  auto ret = call.world().returns().Complete(call.account, *body);
  if (!ret.ok()) return Fail(ret.status());
  return ReturnAnswer(call, 200, *ret);
}

HttpResponse UpdateReturn(ApiCall& call) {
  auto body = call.BodyJson();
  if (!body.ok()) return Fail(body.status());
  auto ret = call.world().returns().Update(call.account, *body);
  if (!ret.ok()) return Fail(ret.status());
  return ReturnAnswer(call, 201, *ret);
}

HttpResponse CancelReturn(ApiCall& call) {
  auto body = call.BodyJson();
  if (!body.ok()) return Fail(body.status());
  auto ret = call.world().returns().Cancel(call.account, *body);
  if (!ret.ok()) return Fail(ret.status());
  // Cancel's ReturnResponse has only `status` in the spec.
  return HttpResponse::JsonBody(201, {{"status", "success"}});
}

// Reads the Get Returns query. With scrollId every other parameter is ignored, as the
// spec says, so a malformed one does not fail the call.
Result<ReturnPageQuery> ReadReturnPageQuery(const HttpRequest& r) {
  ReturnPageQuery q;
  q.scroll_id = r.Query("scrollId");
  if (q.scroll_id) return q;
  if (const auto t = r.Query("returnIdType")) {
    DSCOSIM_ASSIGN_OR_RETURN(q.return_id_type, ParseReturnIdType(*t, "returnIdType"));
  }
  if (const auto t = r.Query("accountIdType")) {
    DSCOSIM_ASSIGN_OR_RETURN(q.account_id_type, ParseAccountIdType(*t, "accountIdType"));
  }
  if (const auto t = r.Query("orderIdType")) {
    DSCOSIM_ASSIGN_OR_RETURN(q.order_id_type, ParseReturnOrderIdType(*t, "orderIdType"));
  }
  q.return_id_value = r.Query("returnIdValue");
  q.account_id_value = r.Query("accountIdValue");
  q.order_id_value = r.Query("orderIdValue");
  for (const auto& [name, target] : {std::pair{"returnsCreatedSince", &q.created_since},
                                     std::pair{"returnsUpdatedSince", &q.updated_since},
                                     std::pair{"until", &q.until}}) {
    if (const auto text = r.Query(name)) {
      DSCOSIM_ASSIGN_OR_RETURN(*target, ParseIso8601(*text, name));
    }
  }
  for (const std::string& s : r.QueryAll("status")) {
    DSCOSIM_ASSIGN_OR_RETURN(const ReturnStatus status, ParseReturnStatus(s, "status"));
    q.statuses.push_back(status);
  }
  return q;
}

HttpResponse GetReturns(ApiCall& call) {
  auto query = ReadReturnPageQuery(call.request);
  if (!query.ok()) return Fail(query.status());
  auto page = call.world().returns().Page(call.account, *query);
  if (!page.ok()) return Fail(page.status());
  Json out = {{"returns", Json::array()}};
  for (const Return& r : page->returns) {
    out["returns"].push_back(call.world().returns().ToJson(r, call.account));
  }
  if (page->scroll_id) out["scrollId"] = *page->scroll_id;
  return HttpResponse::JsonBody(200, out);
}

// The return batches' required `operation` parameter.
Result<BatchKind> ReturnBatchKind(const HttpRequest& r) {
  const auto op = r.Query("operation");
  if (!op) return InvalidArgument("operation", "is required: create, update or complete");
  if (*op == "create") return BatchKind::kReturnCreate;
  if (*op == "update") return BatchKind::kReturnUpdate;
  if (*op == "complete") return BatchKind::kReturnComplete;
  return InvalidArgument("operation", "must be one of: create, update, complete");
}

HttpResponse ReturnSmallBatch(ApiCall& call) {
  auto kind = ReturnBatchKind(call.request);
  if (!kind.ok()) return Fail(kind.status());
  return SubmitSmallBatch(call, *kind);
}

HttpResponse ReturnLargeBatch(ApiCall& call) {
  auto kind = ReturnBatchKind(call.request);
  if (!kind.ok()) return Fail(kind.status());
  return OpenLargeBatch(call, *kind);
}

HttpResponse CreateInvoice(ApiCall& call) {
  auto body = call.BodyJson();
  if (!body.ok()) return Fail(body.status());
  auto created = call.world().invoices().Create(call.account, *body);
  if (!created.ok()) return Fail(created.status());
  // SuccessFailResponse is documented both ways; send both (facts §11). A replay or an
  // update of the same invoiceId answers the same: the spec has only 201.
  return HttpResponse::JsonBody(201, {{"success", true}, {"status", "success"}});
}

HttpResponse GetInvoices(ApiCall& call) {
  const HttpRequest& r = call.request;
  const auto key = r.Query("key");
  if (!key) return Fail(InvalidArgument("key", "is required"));
  auto type = ParseInvoiceKeyType(*key, "key");
  if (!type.ok()) return Fail(type.status());
  const auto value = r.Query("value");
  if (!value) return Fail(InvalidArgument("value", "is required"));
  // Not query parameters in the spec, but its prose asks a retailer using
  // supplierOrderNumber for the supplier's account.
  auto invoices = call.world().invoices().Get(call.account, *type, *value, r.Query("dscoAccountId"),
                                              r.Query("dscoTradingPartnerId"));
  if (!invoices.ok()) return Fail(invoices.status());
  Json list = Json::array();
  for (const Invoice& invoice : *invoices) list.push_back(call.world().invoices().ToJson(invoice));
  return HttpResponse::JsonBody(200, {{"invoices", list}});
}

Route Limited(std::string method, std::vector<std::string> pattern, std::string name, Handler h,
              int per_second, int per_minute) {
  const std::string limit = name;
  return ApiRoute(std::move(method), std::move(pattern), std::move(name), std::move(h),
                  RateLimit{limit, per_second, per_minute, 0});
}

}  // namespace

void AddReturnInvoiceRoutes(std::vector<Route>& routes) {
  // The spec states no rate limit for the return operations.
  routes.push_back(ApiRoute("POST", {"return"}, "createReturn", CreateReturn));
  routes.push_back(ApiRoute("PUT", {"return"}, "completeReturn", CompleteReturn));
  routes.push_back(ApiRoute("GET", {"return", "page"}, "getReturns", GetReturns));
  routes.push_back(ApiRoute("POST", {"return", "update"}, "updateReturn", UpdateReturn));
  routes.push_back(ApiRoute("POST", {"return", "cancel"}, "cancelReturn", CancelReturn));
  routes.push_back(ApiRoute("POST", {"return", "batch", "small"},
                            "createOrCompleteReturnSmallBatch", ReturnSmallBatch));
  routes.push_back(ApiRoute("POST", {"return", "batch", "large"},
                            "createOrCompleteReturnLargeBatch", ReturnLargeBatch));
  routes.push_back(ApiRoute("GET", {"return", "log"}, "getReturnChangeLog",
                            [](ApiCall& c) { return ChangeLog(c, ChangeLogResource::kReturn); }));

  routes.push_back(Limited("GET", {"invoice"}, "getInvoiceById", GetInvoices, 15, 1000));
  routes.push_back(Limited("POST", {"invoice"}, "singleInvoice", CreateInvoice, 15, 1000));
  routes.push_back(ApiRoute("POST", {"invoice", "batch", "small"}, "createInvoiceSmallBatch",
                            [](ApiCall& c) { return SubmitSmallBatch(c, BatchKind::kInvoiceCreate); }));
  routes.push_back(ApiRoute("GET", {"invoice", "log"}, "getInvoiceChangeLog",
                            [](ApiCall& c) { return ChangeLog(c, ChangeLogResource::kInvoice); }));
}

}  // namespace dscosim::fakes
