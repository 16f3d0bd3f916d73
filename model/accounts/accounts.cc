#include "dscosim/model/accounts/accounts.h"

namespace dscosim {

std::string_view RoleName(Role role) {
  return role == Role::kRetailer ? "retailer" : "supplier";
}

Result<Role> ParseRole(std::string_view text, std::string_view field) {
  if (text == "retailer") return Role::kRetailer;
  if (text == "supplier") return Role::kSupplier;
  return InvalidArgument(std::string(field), "must be \"retailer\" or \"supplier\"");
}

Status AccountDirectory::AddAccount(Account account) {
  if (account.dsco_account_id.empty()) {
    return InvalidArgument("dscoAccountId", "must not be empty");
  }
  if (account.client_id.empty()) return InvalidArgument("clientId", "must not be empty");
  if (accounts_.count(account.dsco_account_id) != 0) {
    return AlreadyExists("dscoAccountId",
                         "account " + account.dsco_account_id + " already exists");
  }
  if (account_by_client_id_.count(account.client_id) != 0) {
    return AlreadyExists("clientId", "client id " + account.client_id + " is taken");
  }
  account_by_client_id_.emplace(account.client_id, account.dsco_account_id);
  std::string id = account.dsco_account_id;
  accounts_.emplace(std::move(id), std::move(account));
  return Status::Ok();
}

Status AccountDirectory::Link(const Relationship& r) {
  const Account* retailer = Find(r.retailer_account_id);
  const Account* supplier = Find(r.supplier_account_id);
  if (retailer == nullptr) {
    return NotFound("retailerAccountId", "no account " + r.retailer_account_id);
  }
  if (supplier == nullptr) {
    return NotFound("supplierAccountId", "no account " + r.supplier_account_id);
  }
  if (retailer->role != Role::kRetailer) {
    return InvalidArgument("retailerAccountId", r.retailer_account_id + " is not a retailer");
  }
  if (supplier->role != Role::kSupplier) {
    return InvalidArgument("supplierAccountId", r.supplier_account_id + " is not a supplier");
  }
  if (ArePartners(r.retailer_account_id, r.supplier_account_id)) {
    return AlreadyExists("supplierAccountId", "the two accounts are already partners");
  }
  if (!r.retailer_id_for_supplier.empty() &&
      PartnerByTradingPartnerId(r.retailer_account_id, r.retailer_id_for_supplier)) {
    return AlreadyExists("retailerIdForSupplier",
                         "the retailer already uses trading-partner id " +
                             r.retailer_id_for_supplier);
  }
  if (!r.supplier_id_for_retailer.empty() &&
      PartnerByTradingPartnerId(r.supplier_account_id, r.supplier_id_for_retailer)) {
    return AlreadyExists("supplierIdForRetailer",
                         "the supplier already uses trading-partner id " +
                             r.supplier_id_for_retailer);
  }
  partners_[r.retailer_account_id][r.supplier_account_id] =
      PartnerView{r.supplier_account_id, r.retailer_id_for_supplier,
                  r.retailer_name_for_supplier};
  partners_[r.supplier_account_id][r.retailer_account_id] =
      PartnerView{r.retailer_account_id, r.supplier_id_for_retailer,
                  r.supplier_name_for_retailer};
  return Status::Ok();
}

const Account* AccountDirectory::Find(std::string_view dsco_account_id) const {
  const auto it = accounts_.find(dsco_account_id);
  return it == accounts_.end() ? nullptr : &it->second;
}

const Account* AccountDirectory::FindByClientId(std::string_view client_id) const {
  const auto it = account_by_client_id_.find(client_id);
  return it == account_by_client_id_.end() ? nullptr : Find(it->second);
}

bool AccountDirectory::ArePartners(std::string_view a, std::string_view b) const {
  return PartnerOf(a, b) != nullptr;
}

const PartnerView* AccountDirectory::PartnerOf(std::string_view owner,
                                               std::string_view partner_account_id) const {
  const auto owner_it = partners_.find(owner);
  if (owner_it == partners_.end()) return nullptr;
  const auto it = owner_it->second.find(partner_account_id);
  return it == owner_it->second.end() ? nullptr : &it->second;
}

const PartnerView* AccountDirectory::PartnerByTradingPartnerId(
    std::string_view owner, std::string_view trading_partner_id) const {
  if (trading_partner_id.empty()) return nullptr;
  const auto owner_it = partners_.find(owner);
  if (owner_it == partners_.end()) return nullptr;
  for (const auto& [id, view] : owner_it->second) {
    if (view.trading_partner_id == trading_partner_id) return &view;
  }
  return nullptr;
}

std::vector<PartnerView> AccountDirectory::PartnersOf(std::string_view owner) const {
  std::vector<PartnerView> out;
  const auto owner_it = partners_.find(owner);
  if (owner_it == partners_.end()) return out;
  for (const auto& [id, view] : owner_it->second) out.push_back(view);
  return out;
}

}  // namespace dscosim
