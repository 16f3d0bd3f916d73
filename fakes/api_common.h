// Helpers every route family uses: building routes, async batch submission and change
// log reads in the spec's response shapes.
#ifndef DSCOSIM_FAKES_API_COMMON_H_
#define DSCOSIM_FAKES_API_COMMON_H_

#include <string>
#include <vector>

#include "dscosim/fakes/api.h"
#include "dscosim/model/batches/batch_store.h"

namespace dscosim::fakes {

// A route with the JSON error style and an optional rate limit.
Route ApiRoute(std::string method, std::vector<std::string> pattern, std::string name,
               Handler handler, RateLimit limit = {});

// A control-API route (/_dscosim/...): no token, named "control.<name>".
Route ControlRoute(std::string method, std::vector<std::string> pattern, std::string name,
                   Handler handler, std::size_t max_body = 64 * 1024 * 1024);
// The control routes for scenario runs (control_scenario.cc): settle, rate limits,
// object state.
void AddScenarioControlRoutes(std::vector<Route>& routes);

HttpResponse Fail(const Status& status);

// 202 AsyncUpdateResponse {status: "pending", requestId, eventDate} for a small batch
// (the body must be a JSON array), or the error.
HttpResponse SubmitSmallBatch(ApiCall& call, BatchKind kind, Json options = Json::object());
// The same for a single object accepted asynchronously (wrapped as a batch of one).
HttpResponse SubmitOne(ApiCall& call, BatchKind kind, const Json& object, int status = 202);
// 200 LargeBatchUpdateResponse {status: "success", requestId, eventDate, dataUrl}.
HttpResponse OpenLargeBatch(ApiCall& call, BatchKind kind, Json options = Json::object());
// GET /<resource>/log: {scrollId?, status?, logs: [ChangeLog]}.
HttpResponse ChangeLog(ApiCall& call, ChangeLogResource resource);

// A query parameter read as a whole number from `min` to `max` (digits only), or
// `fallback` when it is absent; InvalidArgument naming it otherwise.
Result<std::size_t> QueryCount(const HttpRequest& request, const std::string& name, std::size_t fallback,
                               std::size_t min, std::size_t max);

// A query parameter read as a boolean ("true"/"false"); InvalidArgument otherwise.
Result<std::optional<bool>> QueryBool(const HttpRequest& request, const std::string& name);

}  // namespace dscosim::fakes

#endif  // DSCOSIM_FAKES_API_COMMON_H_
