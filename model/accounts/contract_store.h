// Contracts a retailer shares with a supplier. The v3 API has no contract endpoints;
// contracts exist so that conversations can have a `contract` context. Worlds and the
// control API create them.
#ifndef DSCOSIM_MODEL_ACCOUNTS_CONTRACT_STORE_H_
#define DSCOSIM_MODEL_ACCOUNTS_CONTRACT_STORE_H_

#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "dscosim/model/services.h"
#include "dscosim/model/core/status.h"
#include "dscosim/model/core/time.h"

namespace dscosim {

struct Contract {
  std::string dsco_contract_id;
  std::string retailer_id;
  std::string supplier_id;
  std::string title;
  nlohmann::json terms = nlohmann::json::object();
  Time created;
};

class ContractStore {
 public:
  void Bind(const Services* services) { services_ = services; }

  // Shares a contract from a retailer with one of its suppliers. A new id when
  // `dsco_contract_id` is empty. Refuses non-partners, a taken id, an empty title.
  Result<Contract> Share(Contract contract);

  const Contract* Find(std::string_view dsco_contract_id) const;
  const std::map<std::string, Contract, std::less<>>& contracts() const { return contracts_; }

 private:
  const Services* services_ = nullptr;
  std::map<std::string, Contract, std::less<>> contracts_;
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_ACCOUNTS_CONTRACT_STORE_H_
