#include "dscosim/model/accounts/contract_store.h"

#include <utility>

#include "dscosim/model/core/text.h"

namespace dscosim {

Result<Contract> ContractStore::Share(Contract contract) {
  const Account* retailer = services_->accounts->Find(contract.retailer_id);
  if (retailer == nullptr || retailer->role != Role::kRetailer) {
    return InvalidArgument("dscoRetailerId", "must be a retailer");
  }
  if (!services_->accounts->ArePartners(contract.retailer_id, contract.supplier_id)) {
    return InvalidArgument("dscoSupplierId", "must be one of the retailer's suppliers");
  }
  DSCOSIM_RETURN_IF_ERROR(CheckUtf8(contract.title, "title"));
  if (IsBlank(contract.title)) return InvalidArgument("title", "must not be empty");
  if (contract.dsco_contract_id.empty()) contract.dsco_contract_id = services_->ids->NextDscoId();
  if (contracts_.count(contract.dsco_contract_id) != 0) {
    return AlreadyExists("dscoContractId", "contract " + contract.dsco_contract_id + " exists");
  }
  contract.created = services_->clock->now();
  services_->trace->Append(contract.created, contract.retailer_id, "contract.shared",
                           {{"dscoContractId", contract.dsco_contract_id},
                            {"dscoRetailerId", contract.retailer_id},
                            {"dscoSupplierId", contract.supplier_id},
                            {"title", contract.title}});
  const std::string id = contract.dsco_contract_id;
  return contracts_.emplace(id, std::move(contract)).first->second;
}

const Contract* ContractStore::Find(std::string_view dsco_contract_id) const {
  const auto it = contracts_.find(dsco_contract_id);
  return it == contracts_.end() ? nullptr : &it->second;
}

}  // namespace dscosim
