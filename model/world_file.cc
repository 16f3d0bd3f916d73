#include "dscosim/model/world_file.h"

#include <map>

#include "dscosim/model/core/json_fields.h"

namespace dscosim {
namespace {

Status Prefixed(const Status& s, const std::string& prefix) {
  if (s.ok()) return s;
  return Status(s.code(), s.field().empty() ? prefix : prefix + "." + s.field(), s.message());
}

}  // namespace

Result<World> BuildWorldFromJson(const Json& spec, WorldOptions options,
                                 std::map<std::string, std::string>* account_keys) {
  DSCOSIM_RETURN_IF_ERROR(RequireObject(spec, "world"));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::int64_t> file_seed, OptInt(spec, "seed"));
  if (file_seed) options.seed = static_cast<std::uint64_t>(*file_seed);
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<Time> start, OptTime(spec, "start"));
  if (start) options.start = *start;
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> strict,
                           OptString(spec, "strictShipments"));
  if (strict) {
    DSCOSIM_ASSIGN_OR_RETURN(options.orders.strict_shipments,
                             ParseShipmentStrictness(*strict, "strictShipments"));
  }
  if (spec.contains("testOnly")) {
    const Json& test_only = spec["testOnly"];
    DSCOSIM_RETURN_IF_ERROR(RequireObject(test_only, "testOnly"));
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> bug,
                             OptString(test_only, "plantedBug", "testOnly"));
    if (bug && *bug != "ship-ignores-cancelled") {
      return InvalidArgument("testOnly.plantedBug",
                             "the only planted bug is ship-ignores-cancelled");
    }
    if (bug) options.orders.planted_bug_ship_ignores_cancelled = true;
  }
  World world(options);

  std::map<std::string, std::string> by_key;  // world-file key -> dscoAccountId
  DSCOSIM_ASSIGN_OR_RETURN(const Json* accounts, OptArray(spec, "accounts"));
  if (accounts == nullptr || accounts->empty()) {
    return InvalidArgument("accounts", "a world needs at least one account");
  }
  for (std::size_t i = 0; i < accounts->size(); ++i) {
    const Json& a = (*accounts)[i];
    const std::string path = IndexPath("accounts", i);
    DSCOSIM_ASSIGN_OR_RETURN(const std::string key, ReqString(a, "key", path));
    DSCOSIM_ASSIGN_OR_RETURN(const std::string role, ReqString(a, "role", path));
    Account account;
    DSCOSIM_ASSIGN_OR_RETURN(account.role, ParseRole(role, JoinPath(path, "role")));
    DSCOSIM_ASSIGN_OR_RETURN(account.name, ReqString(a, "name", path));
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> id, OptString(a, "dscoAccountId", path));
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> client_id, OptString(a, "clientId", path));
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> secret, OptString(a, "clientSecret", path));
    account.dsco_account_id = id.value_or("");
    account.client_id = client_id.value_or("");
    account.client_secret = secret.value_or("");
    if (by_key.count(key) != 0) return InvalidArgument(JoinPath(path, "key"), "is used twice");
    auto added = world.AddAccount(account);
    if (!added.ok()) return Prefixed(added.status(), path);
    by_key[key] = added->dsco_account_id;
  }
  const auto account_of = [&](const Json& object, const char* field,
                              const std::string& path) -> Result<std::string> {
    DSCOSIM_ASSIGN_OR_RETURN(const std::string key, ReqString(object, field, path));
    const auto it = by_key.find(key);
    if (it == by_key.end()) return InvalidArgument(JoinPath(path, field), "no account has key " + key);
    return it->second;
  };

  DSCOSIM_ASSIGN_OR_RETURN(const Json* partners, OptArray(spec, "partners"));
  for (std::size_t i = 0; partners != nullptr && i < partners->size(); ++i) {
    const Json& p = (*partners)[i];
    const std::string path = IndexPath("partners", i);
    Relationship r;
    DSCOSIM_ASSIGN_OR_RETURN(r.retailer_account_id, account_of(p, "retailer", path));
    DSCOSIM_ASSIGN_OR_RETURN(r.supplier_account_id, account_of(p, "supplier", path));
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> a, OptString(p, "retailerIdForSupplier", path));
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> b, OptString(p, "retailerNameForSupplier", path));
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> c, OptString(p, "supplierIdForRetailer", path));
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> d, OptString(p, "supplierNameForRetailer", path));
    r.retailer_id_for_supplier = a.value_or("");
    r.retailer_name_for_supplier = b.value_or("");
    r.supplier_id_for_retailer = c.value_or("");
    r.supplier_name_for_retailer = d.value_or("");
    DSCOSIM_RETURN_IF_ERROR(Prefixed(world.LinkPartners(r), path));
  }

  // Objects, through the API's own store functions.
  const struct {
    const char* section;
    const char* owner;
  } sections[] = {{"catalog", "supplier"}, {"inventory", "supplier"}, {"orders", "retailer"},
                  {"contracts", "retailer"}};
  for (const auto& section : sections) {
    DSCOSIM_ASSIGN_OR_RETURN(const Json* list, OptArray(spec, section.section));
    for (std::size_t i = 0; list != nullptr && i < list->size(); ++i) {
      const Json& entry = (*list)[i];
      const std::string path = IndexPath(section.section, i);
      DSCOSIM_ASSIGN_OR_RETURN(const std::string owner, account_of(entry, section.owner, path));
      const std::string section_name = section.section;
      Status status;
      if (section_name == "contracts") {
        Contract k;
        k.retailer_id = owner;
        DSCOSIM_ASSIGN_OR_RETURN(k.supplier_id, account_of(entry, "supplier", path));
        DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> id, OptString(entry, "dscoContractId", path));
        k.dsco_contract_id = id.value_or("");
        DSCOSIM_ASSIGN_OR_RETURN(k.title, ReqString(entry, "title", path));
        if (entry.contains("terms")) k.terms = entry["terms"];
        status = world.contracts().Share(std::move(k)).status();
      } else {
        DSCOSIM_ASSIGN_OR_RETURN(const Json* body, OptObject(entry, "body", path));
        if (body == nullptr) return InvalidArgument(JoinPath(path, "body"), "is required");
        if (section_name == "catalog") {
          status = world.items().UpsertCatalog(owner, *body).status();
        } else if (section_name == "inventory") {
          status = world.items().UpdateInventory(owner, *body).status();
        } else {
          status = world.orders().Create(owner, *body).status();
        }
        status = Prefixed(status, JoinPath(path, "body"));
      }
      DSCOSIM_RETURN_IF_ERROR(status);
    }
  }
  // Let the orders finish post-processing, so the world starts with them visible.
  DSCOSIM_RETURN_IF_ERROR(world.AdvanceBy(world.orders().policy().post_processing_delay));
  if (account_keys != nullptr) *account_keys = std::move(by_key);
  return world;
}

}  // namespace dscosim
