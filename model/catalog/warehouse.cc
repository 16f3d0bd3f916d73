#include "dscosim/model/catalog/warehouse.h"

#include <algorithm>
#include <utility>

#include "dscosim/model/core/json_fields.h"
#include "dscosim/model/core/text.h"

namespace dscosim {
namespace {

std::string CodeKey(std::string_view supplier, std::string_view code) {
  return std::string(supplier) + "/" + std::string(code);
}

}  // namespace

std::string_view WarehouseStatusName(WarehouseStatus status) {
  return status == WarehouseStatus::kActive ? "active" : "inactive";
}

Result<WarehouseStatus> ParseWarehouseStatus(std::string_view text, std::string_view field) {
  if (text == "active") return WarehouseStatus::kActive;
  if (text == "inactive") return WarehouseStatus::kInactive;
  return InvalidArgument(std::string(field), "must be one of: active, inactive");
}

const Warehouse* WarehouseDirectory::Find(std::string_view supplier_id,
                                          std::string_view code) const {
  const auto it = by_code_.find(CodeKey(supplier_id, code));
  return it == by_code_.end() ? nullptr : FindByDscoId(it->second);
}

const Warehouse* WarehouseDirectory::FindByDscoId(std::string_view dsco_id) const {
  const auto it = by_dsco_id_.find(dsco_id);
  return it == by_dsco_id_.end() ? nullptr : &it->second;
}

const Warehouse* WarehouseDirectory::FindByRetailerCode(std::string_view retailer_id,
                                                        std::string_view code) const {
  for (const auto& [id, w] : by_dsco_id_) {
    const auto it = w.retailer_codes.find(std::string(retailer_id));
    if (it != w.retailer_codes.end() && it->second == code) return &w;
  }
  return nullptr;
}

std::vector<const Warehouse*> WarehouseDirectory::Of(std::string_view supplier_id) const {
  std::vector<const Warehouse*> out;
  for (const auto& [id, w] : by_dsco_id_) {
    if (w.supplier_id == supplier_id) out.push_back(&w);
  }
  std::sort(out.begin(), out.end(),
            [](const Warehouse* a, const Warehouse* b) { return a->code < b->code; });
  return out;
}

void WarehouseDirectory::Upsert(Warehouse warehouse) {
  by_code_[CodeKey(warehouse.supplier_id, warehouse.code)] = warehouse.dsco_id;
  std::string id = warehouse.dsco_id;
  by_dsco_id_.insert_or_assign(std::move(id), std::move(warehouse));
}

nlohmann::json WarehouseToJson(const Warehouse& w, std::string_view retailer_viewer) {
  nlohmann::json out = w.extra;
  out["warehouseId"] = w.dsco_id;
  out["code"] = w.code;
  out["supplierId"] = w.supplier_id;
  out["status"] = WarehouseStatusName(w.status);
  if (w.name) out["name"] = *w.name;
  if (!retailer_viewer.empty()) {
    const auto it = w.retailer_codes.find(std::string(retailer_viewer));
    if (it != w.retailer_codes.end()) out["retailerCode"] = it->second;
  }
  out["createDate"] = FormatIso8601(w.created);
  out["lastUpdate"] = FormatIso8601(w.last_update);
  return out;
}

Result<Warehouse> ApplyWarehouseBody(Warehouse current, const nlohmann::json& body) {
  DSCOSIM_RETURN_IF_ERROR(RequireObject(body, ""));
  DSCOSIM_ASSIGN_OR_RETURN(std::string code, ReqString(body, "code"));
  if (IsBlank(code)) return InvalidArgument("code", "must not be blank");
  DSCOSIM_RETURN_IF_ERROR(CheckUtf8(code, "code"));
  if (!current.code.empty() && current.code != code) {
    return InvalidArgument("code", "a warehouse's code cannot change");
  }
  current.code = std::move(code);
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> name, OptString(body, "name"));
  if (name) {
    DSCOSIM_RETURN_IF_ERROR(CheckUtf8(*name, "name"));
    current.name = *name;
  }
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> status, OptString(body, "status"));
  if (status) {
    DSCOSIM_ASSIGN_OR_RETURN(current.status, ParseWarehouseStatus(*status, "status"));
  }
  static const char* const kTyped[] = {"code",         "name",       "status",    "warehouseId",
                                       "supplierId",   "retailerCode", "createDate",
                                       "lastUpdate",   "dscoId"};
  for (const auto& [key, value] : body.items()) {
    if (std::find(std::begin(kTyped), std::end(kTyped), key) != std::end(kTyped)) continue;
    if (value.is_null()) {
      current.extra.erase(key);
    } else {
      current.extra[key] = value;
    }
  }
  return current;
}

}  // namespace dscosim
