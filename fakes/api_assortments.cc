// Assortments: create, list, get, rename (and set a rule), delete, add and remove items one
// at a time, several at a time or by small batch, and the assortment change log.
#include "dscosim/fakes/api_common.h"
#include "dscosim/model/catalog/assortment_store.h"

namespace dscosim::fakes {
namespace {

HttpResponse Success(int status) {
  // SuccessFailResponse is documented both ways; send both (facts §11).
  return HttpResponse::JsonBody(status, {{"success", true}, {"status", "success"}});
}

const std::string& AssortmentId(const ApiCall& call) { return call.params.at(0); }

HttpResponse Create(ApiCall& call) {
  auto body = call.BodyJson();
  if (!body.ok()) return Fail(body.status());
  auto created = call.world().assortments().Create(call.account, *body);
  if (!created.ok()) return Fail(created.status());
  return HttpResponse::JsonBody(201, AssortmentToJson(*created));
}

HttpResponse List(ApiCall& call) {
  auto list = call.world().assortments().List(call.account);
  if (!list.ok()) return Fail(list.status());
  Json out = Json::array();
  for (const Assortment& a : *list) out.push_back(AssortmentToJson(a));
  return HttpResponse::JsonBody(200, out);
}

HttpResponse Get(ApiCall& call) {
  auto found = call.world().assortments().Get(call.account, AssortmentId(call));
  if (!found.ok()) return Fail(found.status());
  return HttpResponse::JsonBody(200, AssortmentToJson(*found));
}

HttpResponse Update(ApiCall& call) {
  // An unknown (or someone else's) id answers 404 before the body is judged.
  if (auto found = call.world().assortments().Get(call.account, AssortmentId(call)); !found.ok()) {
    return Fail(found.status());
  }
  auto body = call.BodyJson();
  if (!body.ok()) return Fail(body.status());
  const Status s = call.world().assortments().Update(call.account, AssortmentId(call), *body);
  if (!s.ok()) return Fail(s);
  return Success(200);
}

HttpResponse Delete(ApiCall& call) {
  const Status s = call.world().assortments().Delete(call.account, AssortmentId(call));
  if (!s.ok()) return Fail(s);
  return Success(200);
}

using MemberChange = Status (AssortmentStore::*)(std::string_view, std::string_view, const Json&);

// POST/DELETE /assortment/{id}/item and /items: the spec answers 201 for both.
HttpResponse ChangeMembers(ApiCall& call, MemberChange change) {
  if (auto found = call.world().assortments().Get(call.account, AssortmentId(call)); !found.ok()) {
    return Fail(found.status());
  }
  auto body = call.BodyJson();
  if (!body.ok()) return Fail(body.status());
  const Status s = (call.world().assortments().*change)(call.account, AssortmentId(call), *body);
  if (!s.ok()) return Fail(s);
  return Success(201);
}

// The assortment must be the caller's (404 at once); each element is applied later and
// reports in GET /assortment/log.
HttpResponse SmallBatch(ApiCall& call, BatchKind kind) {
  if (auto found = call.world().assortments().Get(call.account, AssortmentId(call)); !found.ok()) {
    return Fail(found.status());
  }
  return SubmitSmallBatch(call, kind, {{"assortmentId", AssortmentId(call)}});
}

}  // namespace

void AddAssortmentRoutes(std::vector<Route>& routes) {
  // The spec gives no rate limits for assortments. /assortment/log precedes
  // /assortment/{id} so that "log" is not read as an id.
  routes.push_back(ApiRoute("GET", {"assortment", "log"}, "getAssortmentChangeLogs",
                            [](ApiCall& c) { return ChangeLog(c, ChangeLogResource::kAssortment); }));
  routes.push_back(ApiRoute("POST", {"assortment"}, "createAssortment", Create));
  routes.push_back(ApiRoute("GET", {"assortment"}, "getAssortments", List));
  routes.push_back(ApiRoute("GET", {"assortment", "{}"}, "getAssortment", Get));
  routes.push_back(ApiRoute("PUT", {"assortment", "{}"}, "updateAssortment", Update));
  routes.push_back(ApiRoute("DELETE", {"assortment", "{}"}, "deleteAssortment", Delete));
  routes.push_back(ApiRoute("POST", {"assortment", "{}", "item"}, "addItemToAssortment",
                            [](ApiCall& c) { return ChangeMembers(c, &AssortmentStore::AddItem); }));
  routes.push_back(ApiRoute("DELETE", {"assortment", "{}", "item"}, "removeItemFromAssortment",
                            [](ApiCall& c) { return ChangeMembers(c, &AssortmentStore::RemoveItem); }));
  routes.push_back(ApiRoute("POST", {"assortment", "{}", "items"}, "addItemsToAssortment",
                            [](ApiCall& c) { return ChangeMembers(c, &AssortmentStore::AddItems); }));
  routes.push_back(ApiRoute("DELETE", {"assortment", "{}", "items"}, "removeItemsFromAssortment",
                            [](ApiCall& c) { return ChangeMembers(c, &AssortmentStore::RemoveItems); }));
  routes.push_back(ApiRoute("POST", {"assortment", "{}", "batch", "small"},
                            "addItemsToAssortmentSmallBatch",
                            [](ApiCall& c) { return SmallBatch(c, BatchKind::kAssortmentAddItems); }));
  routes.push_back(ApiRoute("DELETE", {"assortment", "{}", "batch", "small"},
                            "removeItemsFromAssortmentSmallBatch",
                            [](ApiCall& c) { return SmallBatch(c, BatchKind::kAssortmentRemoveItems); }));
}

}  // namespace dscosim::fakes
