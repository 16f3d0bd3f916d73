#include "dscosim/fakes/api_common.h"

#include <charconv>

namespace dscosim::fakes {

Route ApiRoute(std::string method, std::vector<std::string> pattern, std::string name,
               Handler handler, RateLimit limit) {
  Route r;
  r.method = std::move(method);
  r.pattern = std::move(pattern);
  r.name = std::move(name);
  r.limit = std::move(limit);
  r.handler = std::move(handler);
  return r;
}

Route ControlRoute(std::string method, std::vector<std::string> pattern, std::string name,
                   Handler handler, std::size_t max_body) {
  Route r;
  r.method = std::move(method);
  r.pattern = std::move(pattern);
  r.name = "control." + std::move(name);
  r.auth = false;
  r.max_body = max_body;
  r.handler = std::move(handler);
  return r;
}

HttpResponse Fail(const Status& status) { return ErrorResponse(status, ErrorStyle::kMessages); }

HttpResponse SubmitSmallBatch(ApiCall& call, BatchKind kind, Json options) {
  auto body = call.BodyJson();
  if (!body.ok()) return Fail(body.status());
  auto receipt = call.world().batches().SubmitSmall(call.account, kind, *body,
                                                    call.request.body.size(), std::move(options));
  if (!receipt.ok()) return Fail(receipt.status());
  return HttpResponse::JsonBody(202, {{"status", "pending"},
                                      {"requestId", receipt->request_id},
                                      {"eventDate", FormatIso8601(receipt->event_date)}});
}

HttpResponse SubmitOne(ApiCall& call, BatchKind kind, const Json& object, int status) {
  auto receipt = call.world().batches().SubmitSmall(call.account, kind, Json::array({object}),
                                                    call.request.body.size());
  if (!receipt.ok()) return Fail(receipt.status());
  return HttpResponse::JsonBody(status, {{"status", "pending"},
                                         {"requestId", receipt->request_id},
                                         {"eventDate", FormatIso8601(receipt->event_date)}});
}

HttpResponse OpenLargeBatch(ApiCall& call, BatchKind kind, Json options) {
  auto receipt = call.world().batches().OpenLarge(call.account, kind, std::move(options));
  if (!receipt.ok()) return Fail(receipt.status());
  return HttpResponse::JsonBody(
      200, {{"status", "success"},
            {"requestId", receipt->request_id},
            {"eventDate", FormatIso8601(receipt->event_date)},
            {"dataUrl", call.base_url + "/_dscosim/upload/" + receipt->upload_token}});
}

Result<std::size_t> QueryCount(const HttpRequest& request, const std::string& name, std::size_t fallback,
                               std::size_t min, std::size_t max) {
  const auto text = request.Query(name);
  if (!text) return fallback;
  std::size_t n = 0;
  const char* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, n);
  if (text->empty() || ec != std::errc() || ptr != end || n < min || n > max) {
    return InvalidArgument(name, "must be an integer from " + std::to_string(min) + " to " +
                                     std::to_string(max));
  }
  return n;
}

Result<std::optional<bool>> QueryBool(const HttpRequest& request, const std::string& name) {
  const auto value = request.Query(name);
  if (!value) return std::optional<bool>();
  if (*value == "true") return std::optional<bool>(true);
  if (*value == "false") return std::optional<bool>(false);
  return InvalidArgument(name, "must be true or false");
}

HttpResponse ChangeLog(ApiCall& call, ChangeLogResource resource) {
  ChangeLogQuery q;
  q.scroll_id = call.request.Query("scrollId");
  q.request_id = call.request.Query("requestId");
  q.status = call.request.Query("status");
  for (const auto& [name, target] : {std::pair{"startDate", &q.start_date}, std::pair{"endDate", &q.end_date}}) {
    if (const auto text = call.request.Query(name)) {
      auto t = ParseIso8601(*text, name);
      if (!t.ok()) return Fail(t.status());
      *target = *t;
    }
  }
  auto page = call.world().batches().Query(call.account, resource, q);
  if (!page.ok()) return Fail(page.status());
  Json logs = Json::array();
  for (const ChangeLogEntry& e : page->logs) {
    // The catalog's log wraps each item as {"message": item}, as its schema says.
    Json entry = {{"payload", resource == ChangeLogResource::kCatalog ? Json{{"message", e.payload}}
                                                                      : e.payload},
                  {"status", e.status},
                  {"requestMethod", "api"},
                  {"requestMethodDetail", e.request_method_detail},
                  {"requestId", e.request_id},
                  {"results", e.results}};
    // Required by every log schema: when it was processed, or (still pending) received.
    entry["dateProcessed"] = FormatIso8601(e.date_processed.value_or(e.submitted));
    logs.push_back(std::move(entry));
  }
  Json out = {{"logs", logs}};
  if (page->scroll_id) out["scrollId"] = *page->scroll_id;
  if (page->request_status) out["status"] = *page->request_status;
  return HttpResponse::JsonBody(200, out);
}

}  // namespace dscosim::fakes
