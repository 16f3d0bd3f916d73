// Suppliers' warehouses: the places inventory quantities are counted at.
//
// A warehouse belongs to one supplier and is known by three names: the supplier's `code`
// (unique per supplier, what ItemInventory.warehouses[].code references), the platform's
// `dscoId` (the spec's warehouseId, unique across the platform) and, optionally, each
// retailer's own code for it (set with POST /retailer-warehouses/codes; unique per
// retailer).
//
// The directory is plain data owned by the item store (item_store.h has the operations:
// defining a warehouse, retailer codes, GET /warehouse/page). An inventory update that
// names an unknown code creates the warehouse (`auto_created`), so every warehouse an
// item counts stock at is in the directory.
#ifndef DSCOSIM_MODEL_CATALOG_WAREHOUSE_H_
#define DSCOSIM_MODEL_CATALOG_WAREHOUSE_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dscosim/model/core/status.h"
#include "dscosim/model/core/time.h"

namespace dscosim {

enum class WarehouseStatus { kActive, kInactive };
std::string_view WarehouseStatusName(WarehouseStatus status);  // "active"
Result<WarehouseStatus> ParseWarehouseStatus(std::string_view text, std::string_view field);

struct Warehouse {
  std::string dsco_id;  // warehouseId
  std::string supplier_id;
  std::string code;
  std::optional<std::string> name;
  WarehouseStatus status = WarehouseStatus::kActive;
  // Each retailer's own code for the warehouse, by retailer account id.
  std::map<std::string, std::string> retailer_codes;
  nlohmann::json extra = nlohmann::json::object();  // address fields, as given
  bool auto_created = false;  // created by an inventory update naming a new code
  Time created;
  Time last_update;
};

// GET /warehouse/page's search fields (no paging: every match is returned). The
// combinations the spec allows: idType+idValue; status; supplier; supplier+status;
// status+name; status+name+supplier. The supplier is supplierId or dscoTradingPartnerId
// (a retailer's id for it) and is ignored for supplier callers.
struct WarehouseQuery {
  std::optional<std::string> id_type;  // "code" | "warehouseId"
  std::optional<std::string> id_value;
  std::optional<std::string> status;  // "active" | "inactive"
  std::optional<std::string> supplier_id;
  std::optional<std::string> dsco_trading_partner_id;
  std::optional<std::string> name;
};

// The outcome of POST /retailer-warehouses/codes, element by element (the input
// elements, in input order).
struct RetailerWarehouseCodesResult {
  nlohmann::json applied = nlohmann::json::array();
  nlohmann::json duplicated = nlohmann::json::array();
  nlohmann::json unauthorized = nlohmann::json::array();
};

class WarehouseDirectory {
 public:
  const Warehouse* Find(std::string_view supplier_id, std::string_view code) const;
  const Warehouse* FindByDscoId(std::string_view dsco_id) const;
  // The warehouse `retailer_id` calls `code`, or null.
  const Warehouse* FindByRetailerCode(std::string_view retailer_id,
                                      std::string_view code) const;
  // A supplier's warehouses, ordered by code.
  std::vector<const Warehouse*> Of(std::string_view supplier_id) const;
  // Adds a warehouse or replaces the one with the same dsco_id in place (pointers to it
  // stay valid). Precondition: the (supplier, code) pair is free or already belongs to
  // this dsco_id.
  void Upsert(Warehouse warehouse);

  // By dscoId.
  const std::map<std::string, Warehouse, std::less<>>& all() const { return by_dsco_id_; }

 private:
  std::map<std::string, Warehouse, std::less<>> by_dsco_id_;
  std::map<std::string, std::string, std::less<>> by_code_;  // "<supplier>/<code>" -> dscoId
};

// The spec's Warehouse object. `retailer_viewer` (a retailer account id, or empty) picks
// the retailerCode shown.
nlohmann::json WarehouseToJson(const Warehouse& warehouse, std::string_view retailer_viewer);

// Applies a Warehouse body (code*, name, status, address fields kept verbatim; the
// read-only warehouseId, supplierId, retailerCode, createDate and lastUpdate are ignored)
// to `current`. Errors name the field ("status"); `current` is never changed.
Result<Warehouse> ApplyWarehouseBody(Warehouse current, const nlohmann::json& body);

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CATALOG_WAREHOUSE_H_
