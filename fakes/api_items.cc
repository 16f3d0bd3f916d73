// Inventory, catalog and warehouses: GET /inventory and /catalog, Single Inventory, the
// inventory and catalog batches (small and large) with their change logs, GET
// /warehouse/page, and the retailer's warehouse calls (/retailer-warehouses, /export,
// /codes). docs/items.md, "Over HTTP", records the choices.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <tuple>

#include "dscosim/fakes/api_common.h"
#include "dscosim/model/catalog/item_store.h"

namespace dscosim::fakes {
namespace {

// Wrong-role calls answer 403 before the body is read, as the model's PermissionDenied does.
Status RequireRole(ApiCall& call, Role role, const std::string& what) {
  const Account* me = call.world().accounts().Find(call.account);
  if (me == nullptr) return PermissionDenied("", "unknown caller account");
  if (me->role != role) {
    return PermissionDenied("", "only a " + std::string(RoleName(role)) + " may " + what);
  }
  return Status::Ok();
}

HttpResponse Success(int status) {
  // SuccessFailResponse is documented both ways; send both (facts §11).
  return HttpResponse::JsonBody(status, {{"success", true}, {"status", "success"}});
}

Result<ItemLookup> ReadLookup(const HttpRequest& r) {
  ItemLookup lookup;
  const auto key = r.Query("itemKey");
  if (!key) {
    return InvalidArgument("itemKey",
                           "is required: dscoItemId, sku, partnerSku, upc, ean, mpn, isbn or gtin");
  }
  DSCOSIM_ASSIGN_OR_RETURN(lookup.item_key, ParseItemKeyType(*key, "itemKey"));
  const auto value = r.Query("value");
  if (!value || value->empty()) return InvalidArgument("value", "is required");
  lookup.value = *value;
  lookup.dsco_retailer_id = r.Query("dscoRetailerId");
  lookup.dsco_trading_partner_id = r.Query("dscoTradingPartnerId");
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<bool> multiple, QueryBool(r, "returnMultiple"));
  lookup.return_multiple = multiple.value_or(false);
  return lookup;
}

// GET /inventory and GET /catalog: one object, or every match with returnMultiple=true.
HttpResponse GetItems(ApiCall& call, ItemView view) {
  auto lookup = ReadLookup(call.request);
  if (!lookup.ok()) return Fail(lookup.status());
  const ItemStore& items = call.world().items();
  auto found = view == ItemView::kInventory ? items.GetInventory(call.account, *lookup)
                                            : items.GetCatalog(call.account, *lookup);
  if (!found.ok()) return Fail(found.status());
  if (!lookup->return_multiple) return HttpResponse::JsonBody(200, found->front());
  return HttpResponse::JsonBody(200, Json(*found));
}

HttpResponse SingleItem(ApiCall& call) {
  if (Status s = RequireRole(call, Role::kSupplier, "send inventory"); !s.ok()) return Fail(s);
  auto body = call.BodyJson();
  if (!body.ok()) return Fail(body.status());
  auto outcome = call.world().items().UpdateInventory(call.account, *body);
  if (!outcome.ok()) return Fail(outcome.status());
  return Success(201);
}

HttpResponse InventoryBatch(ApiCall& call, bool large) {
  if (Status s = RequireRole(call, Role::kSupplier, "send inventory"); !s.ok()) return Fail(s);
  auto skip = QueryBool(call.request, "skipItemsThatDontExist");
  if (!skip.ok()) return Fail(skip.status());
  Json options = {{"skipItemsThatDontExist", skip->value_or(false)}};
  return large ? OpenLargeBatch(call, BatchKind::kInventoryUpdate, std::move(options))
               : SubmitSmallBatch(call, BatchKind::kInventoryUpdate, std::move(options));
}

HttpResponse CatalogBatch(ApiCall& call, bool large) {
  if (Status s = RequireRole(call, Role::kSupplier, "send catalog"); !s.ok()) return Fail(s);
  return large ? OpenLargeBatch(call, BatchKind::kCatalogUpdate)
               : SubmitSmallBatch(call, BatchKind::kCatalogUpdate);
}

// GET /warehouse/page. Every match fits one page, so no scrollId is ever issued and any
// scrollId given is unknown (the spec's 404 for a page that does not exist).
HttpResponse GetWarehouses(ApiCall& call) {
  const HttpRequest& r = call.request;
  if (r.Query("scrollId")) {
    return Fail(NotFound("scrollId", "no page of results has this scrollId; it may have expired"));
  }
  WarehouseQuery q;
  q.id_type = r.Query("idType");
  q.id_value = r.Query("idValue");
  q.status = r.Query("status");
  q.supplier_id = r.Query("supplierId");
  q.dsco_trading_partner_id = r.Query("dscoTradingPartnerId");
  q.name = r.Query("name");
  auto found = call.world().items().FindWarehouses(call.account, q);
  if (!found.ok()) return Fail(found.status());
  return HttpResponse::JsonBody(200, {{"warehouses", Json(*found)}});
}

HttpResponse SetWarehouseCodes(ApiCall& call) {
  if (Status s = RequireRole(call, Role::kRetailer, "set retailer warehouse codes"); !s.ok()) {
    return Fail(s);
  }
  auto body = call.BodyJson();
  if (!body.ok()) return Fail(body.status());
  auto result = call.world().items().SetRetailerWarehouseCodes(call.account, *body);
  if (!result.ok()) return Fail(result.status());
  Json applied = Json::array();  // the spec's appliedCodes are the codes themselves
  for (const Json& e : result->applied) applied.push_back(e["code"]);
  const bool all = result->duplicated.empty() && result->unauthorized.empty();
  return HttpResponse::JsonBody(200, {{"success", all},
                                      {"appliedCodes", applied},
                                      {"duplicatedCodes", result->duplicated},
                                      {"unauthorisedCodes", result->unauthorized}});
}

// --- GET /retailer-warehouses and /retailer-warehouses/export ---

struct RetailerWarehouseQuery {
  std::size_t from = 0;
  std::size_t size = 10000;
  std::string text;  // `query`, lower-cased
  std::optional<WarehouseStatus> status;
  std::optional<Time> updated_from, updated_to;  // inclusive, exclusive
  std::optional<std::string> sort_key;
  bool descending = true;
};

constexpr std::size_t kMaxRetailerWarehousePage = 10000;

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// A date ("2026-01-05", the spec's type) or a date-time. `end_of_day`: a bare date means
// the whole day, for an upper bound.
Result<Time> QueryDate(const std::string& text, const std::string& name, bool end_of_day) {
  if (text.size() == 10) {
    DSCOSIM_ASSIGN_OR_RETURN(const Time day, ParseIso8601(text + "T00:00:00Z", name));
    return end_of_day ? day + std::chrono::hours(24) : day;
  }
  return ParseIso8601(text, name);
}

Result<RetailerWarehouseQuery> ReadRetailerWarehouseQuery(const HttpRequest& r, bool paged) {
  RetailerWarehouseQuery q;
  if (paged) {
    DSCOSIM_ASSIGN_OR_RETURN(q.from, QueryCount(r, "from", 0, 0, 1u << 30));
    DSCOSIM_ASSIGN_OR_RETURN(q.size, QueryCount(r, "size", kMaxRetailerWarehousePage, 1,
                                                kMaxRetailerWarehousePage));
  }
  q.text = Lower(r.Query("query").value_or(""));
  if (const auto status = r.Query("status")) {
    if (*status != "enabled" && *status != "disabled") {
      return InvalidArgument("status", "must be one of: enabled, disabled");
    }
    q.status = *status == "enabled" ? WarehouseStatus::kActive : WarehouseStatus::kInactive;
  }
  // The spec lists lastUpdatedFrom twice, the second described as the range's end.
  if (const auto from = r.Query("lastUpdatedFrom")) {
    DSCOSIM_ASSIGN_OR_RETURN(q.updated_from, QueryDate(*from, "lastUpdatedFrom", false));
  }
  if (const auto to = r.Query("lastUpdatedTo")) {
    DSCOSIM_ASSIGN_OR_RETURN(q.updated_to, QueryDate(*to, "lastUpdatedTo", true));
  }
  static const char* const kSortKeys[] = {
      "lastUpdated",        "createdDate",        "warehouseInfoLastUpdated",
      "addressLastUpdated", "addressCreatedDate", "contactLastUpdated",
      "contactCreatedDate", "scheduleLastUpdated", "scheduleCreatedDate"};
  if (const auto key = r.Query("sortKey")) {
    if (std::find(std::begin(kSortKeys), std::end(kSortKeys), *key) == std::end(kSortKeys)) {
      return InvalidArgument("sortKey", "must be one of: lastUpdated, createdDate, "
                                        "warehouseInfoLastUpdated, addressLastUpdated, "
                                        "addressCreatedDate, contactLastUpdated, "
                                        "contactCreatedDate, scheduleLastUpdated, "
                                        "scheduleCreatedDate");
    }
    q.sort_key = *key;
  }
  if (const auto direction = r.Query("sortDirection")) {
    if (*direction != "asc" && *direction != "desc") {
      return InvalidArgument("sortDirection", "must be asc or desc");
    }
    q.descending = *direction == "desc";
  }
  return q;
}

std::string TextOf(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) {
    std::string out;
    for (const Json& part : value) {
      if (!part.is_string()) continue;
      out += (out.empty() ? "" : ", ") + part.get<std::string>();
    }
    return out;
  }
  return value.is_null() ? "" : value.dump();
}

// The spec's RetailerWarehouse, from what the directory knows: no contact, schedule,
// carriers or label properties are simulated.
Json RetailerWarehouseJson(const Warehouse& w, const std::string& retailer,
                           const AccountDirectory& accounts) {
  Json out = {{"dscoId", w.dsco_id},
              {"supplierCode", w.code},
              {"status", w.status == WarehouseStatus::kActive ? "enabled" : "disabled"},
              {"createdDate", FormatIso8601(w.created)},
              {"lastUpdated", FormatIso8601(w.last_update)}};
  if (w.name) out["name"] = *w.name;
  if (const auto code = w.retailer_codes.find(retailer); code != w.retailer_codes.end()) {
    out["retailerCode"] = code->second;
  }
  if (const PartnerView* p = accounts.PartnerOf(retailer, w.supplier_id); p != nullptr) {
    if (!p->trading_partner_id.empty()) out["tradingPartnerId"] = p->trading_partner_id;
    if (!p->name.empty()) out["tradingPartnerName"] = p->name;
  }
  Json address = Json::object();
  std::string street = TextOf(w.extra.value("address", Json()));
  if (street.empty()) {
    street = TextOf(w.extra.value("address1", Json()));
    const std::string second = TextOf(w.extra.value("address2", Json()));
    if (!second.empty()) street += (street.empty() ? "" : ", ") + second;
  }
  if (!street.empty()) address["address"] = street;
  for (const auto& [from, to] : {std::pair{"city", "city"}, std::pair{"region", "region"},
                                 std::pair{"country", "country"}, std::pair{"postal", "zip"}}) {
    const std::string value = TextOf(w.extra.value(from, Json()));
    if (!value.empty()) address[to] = value;
  }
  if (!address.empty()) out["address"] = std::move(address);
  return out;
}

bool MatchesText(const Json& w, const std::string& text) {
  if (text.empty()) return true;
  for (const char* key : {"dscoId", "name", "supplierCode", "retailerCode", "tradingPartnerId",
                          "tradingPartnerName"}) {
    const auto it = w.find(key);
    if (it != w.end() && it->is_string() &&
        Lower(it->get<std::string>()).find(text) != std::string::npos) {
      return true;
    }
  }
  return false;
}

// The partners' warehouses the query selects, in its order: by the sort key's date
// (created for *CreatedDate keys, else last update; ties by supplier and code), or by
// supplier and code without a key.
Result<std::vector<Json>> SelectRetailerWarehouses(ApiCall& call, const RetailerWarehouseQuery& q) {
  DSCOSIM_RETURN_IF_ERROR(RequireRole(call, Role::kRetailer, "list its suppliers' warehouses"));
  const AccountDirectory& accounts = call.world().accounts();
  std::vector<const Warehouse*> picked;
  for (const auto& [id, w] : call.world().items().warehouses().all()) {
    if (!accounts.ArePartners(call.account, w.supplier_id)) continue;
    if (q.status && w.status != *q.status) continue;
    if (q.updated_from && w.last_update < *q.updated_from) continue;
    if (q.updated_to && w.last_update >= *q.updated_to) continue;
    picked.push_back(&w);
  }
  const bool by_created = q.sort_key && q.sort_key->find("reated") != std::string::npos;
  std::sort(picked.begin(), picked.end(), [&](const Warehouse* a, const Warehouse* b) {
    if (q.sort_key) {
      const Time ta = by_created ? a->created : a->last_update;
      const Time tb = by_created ? b->created : b->last_update;
      if (ta != tb) return q.descending ? ta > tb : ta < tb;
    }
    return std::tie(a->supplier_id, a->code) < std::tie(b->supplier_id, b->code);
  });
  std::vector<Json> out;
  for (const Warehouse* w : picked) {
    Json json = RetailerWarehouseJson(*w, call.account, accounts);
    if (MatchesText(json, q.text)) out.push_back(std::move(json));
  }
  return out;
}

HttpResponse GetRetailerWarehouses(ApiCall& call) {
  auto q = ReadRetailerWarehouseQuery(call.request, /*paged=*/true);
  if (!q.ok()) return Fail(q.status());
  auto all = SelectRetailerWarehouses(call, *q);
  if (!all.ok()) return Fail(all.status());
  Json page = Json::array();
  for (std::size_t i = q->from; i < all->size() && i < q->from + q->size; ++i) {
    page.push_back((*all)[i]);
  }
  return HttpResponse::JsonBody(200, {{"totalSize", all->size()},
                                      {"totalPages", (all->size() + q->size - 1) / q->size},
                                      {"page", q->from / q->size},
                                      {"warehouses", page}});
}

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

HttpResponse ExportRetailerWarehouses(ApiCall& call) {
  auto q = ReadRetailerWarehouseQuery(call.request, /*paged=*/false);
  if (!q.ok()) return Fail(q.status());
  auto all = SelectRetailerWarehouses(call, *q);
  if (!all.ok()) return Fail(all.status());
  static const char* const kColumns[] = {
      "dscoId", "supplierCode", "retailerCode", "name", "status", "tradingPartnerId",
      "tradingPartnerName", "address", "city", "region", "country", "zip", "createdDate",
      "lastUpdated"};
  std::string csv;
  for (const char* column : kColumns) csv += std::string(csv.empty() ? "" : ",") + column;
  csv += "\r\n";
  for (const Json& w : *all) {
    const Json address = w.value("address", Json::object());
    bool first = true;
    for (const std::string column : kColumns) {
      const bool in_address = column == "address" || column == "city" || column == "region" ||
                              column == "country" || column == "zip";
      const Json& from = in_address ? address : w;
      csv += (first ? "" : ",") + CsvField(from.value(column, std::string()));
      first = false;
    }
    csv += "\r\n";
  }
  HttpResponse r = HttpResponse::Text(200, std::move(csv));
  r.content_type = "text/csv";
  return r;
}

}  // namespace

void AddItemRoutes(std::vector<Route>& routes) {
  // Rate limits: the spec's operation descriptions.
  routes.push_back(ApiRoute("GET", {"inventory"}, "getInventoryById",
                            [](ApiCall& c) { return GetItems(c, ItemView::kInventory); },
                            RateLimit{"getInventoryById", 15, 300, 0}));
  routes.push_back(ApiRoute("GET", {"inventory", "log"}, "getInventoryChangeLog",
                            [](ApiCall& c) { return ChangeLog(c, ChangeLogResource::kInventory); }));
  routes.push_back(ApiRoute("POST", {"inventory", "singleItem"}, "singleItem", SingleItem,
                            RateLimit{"singleItem", 5, 300, 0}));
  routes.push_back(ApiRoute("POST", {"inventory", "batch", "small"}, "updateInventorySmallBatch",
                            [](ApiCall& c) { return InventoryBatch(c, false); }));
  routes.push_back(ApiRoute("POST", {"inventory", "batch", "large"}, "updateInventoryLargeBatch",
                            [](ApiCall& c) { return InventoryBatch(c, true); }));

  routes.push_back(ApiRoute("GET", {"catalog"}, "getCatalogById",
                            [](ApiCall& c) { return GetItems(c, ItemView::kCatalog); },
                            RateLimit{"getCatalogById", 10, 0, 10000}));
  routes.push_back(ApiRoute("GET", {"catalog", "log"}, "getCatalogChangeLog",
                            [](ApiCall& c) { return ChangeLog(c, ChangeLogResource::kCatalog); }));
  routes.push_back(ApiRoute("POST", {"catalog", "batch", "small"}, "updateCatalogSmallBatch",
                            [](ApiCall& c) { return CatalogBatch(c, false); }));
  routes.push_back(ApiRoute("POST", {"catalog", "batch", "large"}, "updateCatalogLargeBatch",
                            [](ApiCall& c) { return CatalogBatch(c, true); }));

  // The spec calls GET /warehouse/page rate-limited without a number: no limit here.
  routes.push_back(ApiRoute("GET", {"warehouse", "page"}, "getWarehouses", GetWarehouses));
  routes.push_back(ApiRoute("GET", {"retailer-warehouses"}, "getRetailerWarehouses",
                            GetRetailerWarehouses));
  routes.push_back(ApiRoute("GET", {"retailer-warehouses", "export"}, "exportRetailerWarehouses",
                            ExportRetailerWarehouses));
  routes.push_back(ApiRoute("POST", {"retailer-warehouses", "codes"}, "setRetailerWarehouseCodes",
                            SetWarehouseCodes));
}

}  // namespace dscosim::fakes
