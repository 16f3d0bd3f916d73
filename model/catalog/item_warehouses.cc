// The item store's warehouse operations: defining warehouses, retailers' codes for
// them, and GET /warehouse/page.
#include <algorithm>
#include <iterator>
#include <map>
#include <tuple>
#include <utility>

#include "dscosim/model/catalog/item_store.h"
#include "dscosim/model/core/json_fields.h"
#include "dscosim/model/core/text.h"

namespace dscosim {

Result<Warehouse> ItemStore::PutWarehouse(std::string_view caller, const Json& body) {
  const Account* me = services_->accounts->Find(caller);
  if (me == nullptr) return PermissionDenied("", "unknown caller account");
  if (me->role != Role::kSupplier) return PermissionDenied("", "only a supplier has warehouses");
  DSCOSIM_RETURN_IF_ERROR(RequireObject(body, ""));
  DSCOSIM_ASSIGN_OR_RETURN(const std::string code, ReqString(body, "code"));
  const Warehouse* existing = warehouses_.Find(caller, code);
  Warehouse base;
  if (existing != nullptr) {
    base = *existing;
  } else {
    base.supplier_id = std::string(caller);
  }
  DSCOSIM_ASSIGN_OR_RETURN(Warehouse after, ApplyWarehouseBody(base, body));
  if (existing != nullptr && WarehouseToJson(*existing, "") == WarehouseToJson(after, "")) {
    return after;  // nothing to change
  }
  if (existing == nullptr) {
    after.dsco_id = services_->ids->NextDscoId();
    after.created = now();
  }
  after.last_update = now();
  services_->trace->Append(now(), std::string(caller),
                           existing == nullptr ? "warehouse.created" : "warehouse.updated",
                           {{"warehouse", WarehouseToJson(after, "")}});
  warehouses_.Upsert(after);
  return after;
}

Result<RetailerWarehouseCodesResult> ItemStore::SetRetailerWarehouseCodes(
    std::string_view caller, const Json& body) {
  const Account* me = services_->accounts->Find(caller);
  if (me == nullptr) return PermissionDenied("", "unknown caller account");
  if (me->role != Role::kRetailer) {
    return PermissionDenied("", "only a retailer sets its warehouse codes");
  }
  if (!body.is_array()) return InvalidArgument("", "must be an array");
  struct Entry {
    std::string account_id, warehouse_id, code;
  };
  std::vector<Entry> entries;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const std::string path = IndexPath("", i);
    DSCOSIM_RETURN_IF_ERROR(RequireObject(body[i], path));
    Entry e;
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> account,
                             OptId(body[i], "accountId", path));
    if (!account) return InvalidArgument(JoinPath(path, "accountId"), "is required");
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> warehouse,
                             OptId(body[i], "warehouseId", path));
    if (!warehouse) return InvalidArgument(JoinPath(path, "warehouseId"), "is required");
    DSCOSIM_ASSIGN_OR_RETURN(e.code, ReqString(body[i], "code", path));
    if (IsBlank(e.code)) return InvalidArgument(JoinPath(path, "code"), "must not be blank");
    DSCOSIM_RETURN_IF_ERROR(CheckUtf8(e.code, JoinPath(path, "code")));
    e.account_id = *account;
    e.warehouse_id = *warehouse;
    entries.push_back(std::move(e));
  }

  // Decide element by element, so a code an earlier element took counts as taken; then
  // apply in place (pointers to warehouses stay valid).
  const std::string retailer(caller);
  std::map<std::string, std::string> holder_of_code;  // the retailer's code -> dscoId
  for (const auto& [id, w] : warehouses_.all()) {
    const auto code = w.retailer_codes.find(retailer);
    if (code != w.retailer_codes.end()) holder_of_code[code->second] = id;
  }
  std::map<std::string, std::string> new_code;  // dscoId -> the retailer's new code
  RetailerWarehouseCodesResult result;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    const Warehouse* w = warehouses_.FindByDscoId(e.warehouse_id);
    if (w == nullptr || w->supplier_id != e.account_id ||
        !services_->accounts->ArePartners(caller, e.account_id)) {
      result.unauthorized.push_back(body[i]);
      continue;
    }
    const auto holder = holder_of_code.find(e.code);
    if (holder != holder_of_code.end() && holder->second != w->dsco_id) {
      result.duplicated.push_back(body[i]);
      continue;
    }
    // The warehouse's previous code (stored or from an earlier element) is free again.
    for (auto it = holder_of_code.begin(); it != holder_of_code.end();) {
      it = it->second == w->dsco_id ? holder_of_code.erase(it) : std::next(it);
    }
    holder_of_code[e.code] = w->dsco_id;
    new_code[w->dsco_id] = e.code;
    result.applied.push_back(body[i]);
  }
  if (!result.applied.empty()) {
    for (const auto& [id, code] : new_code) {
      Warehouse updated = *warehouses_.FindByDscoId(id);
      updated.retailer_codes[retailer] = code;
      updated.last_update = now();
      warehouses_.Upsert(std::move(updated));
    }
    services_->trace->Append(now(), retailer, "warehouse.retailer_codes",
                             {{"applied", result.applied}});
  }
  return result;
}

Result<std::vector<Json>> ItemStore::FindWarehouses(std::string_view caller,
                                                    const WarehouseQuery& query) const {
  const Account* me = services_->accounts->Find(caller);
  if (me == nullptr) return PermissionDenied("", "unknown caller account");
  const bool retailer = me->role == Role::kRetailer;
  if (query.id_type && !query.id_value) return InvalidArgument("idValue", "is required with idType");
  if (query.id_value && !query.id_type) return InvalidArgument("idType", "is required with idValue");
  if (query.id_type && *query.id_type != "code" && *query.id_type != "warehouseId") {
    return InvalidArgument("idType", "must be one of: code, warehouseId");
  }
  std::optional<WarehouseStatus> status;
  if (query.status) {
    DSCOSIM_ASSIGN_OR_RETURN(status, ParseWarehouseStatus(*query.status, "status"));
  }
  // The supplier filter is a retailer's; a supplier's own is ignored (spec).
  std::optional<std::string> supplier;
  if (retailer && query.supplier_id) {
    if (services_->accounts->PartnerOf(caller, *query.supplier_id) == nullptr) {
      return InvalidArgument("supplierId", "is not one of your trading partners");
    }
    supplier = *query.supplier_id;
  }
  if (retailer && query.dsco_trading_partner_id) {
    const PartnerView* p =
        services_->accounts->PartnerByTradingPartnerId(caller, *query.dsco_trading_partner_id);
    if (p == nullptr) {
      return InvalidArgument("dscoTradingPartnerId", "is not one of your trading partners");
    }
    if (supplier && *supplier != p->partner_account_id) {
      return InvalidArgument("dscoTradingPartnerId", "names another supplier than supplierId");
    }
    supplier = p->partner_account_id;
  }
  if (query.id_type && (status || supplier || query.name)) {
    return InvalidArgument("idType", "cannot be combined with other search fields");
  }
  if (query.name && !status) return InvalidArgument("status", "is required when searching by name");

  std::vector<const Warehouse*> matches;
  for (const auto& [id, w] : warehouses_.all()) {
    const bool visible = retailer ? services_->accounts->ArePartners(caller, w.supplier_id)
                                  : w.supplier_id == caller;
    if (!visible) continue;
    if (supplier && w.supplier_id != *supplier) continue;
    if (status && w.status != *status) continue;
    if (query.name && w.name != *query.name) continue;
    if (query.id_type) {
      const bool by_code = *query.id_type == "code";
      if ((by_code ? w.code : w.dsco_id) != *query.id_value) continue;
    }
    matches.push_back(&w);
  }
  std::sort(matches.begin(), matches.end(), [](const Warehouse* a, const Warehouse* b) {
    return std::tie(a->supplier_id, a->code) < std::tie(b->supplier_id, b->code);
  });
  std::vector<Json> out;
  for (const Warehouse* w : matches) out.push_back(WarehouseToJson(*w, retailer ? caller : ""));
  return out;
}

}  // namespace dscosim
