// Accounts and trading-partner relationships.
//
// An account is a retailer or a supplier with a Dsco account id and API credentials.
// A relationship links one retailer and one supplier; each side keeps its *own* id and
// name for the other (its "trading partner id"), which may be empty when that side never
// gave one. Conversations, orders and every other object live between the two sides of
// a relationship.
#ifndef DSCOSIM_MODEL_ACCOUNTS_ACCOUNTS_H_
#define DSCOSIM_MODEL_ACCOUNTS_ACCOUNTS_H_

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dscosim/model/core/status.h"

namespace dscosim {

enum class Role { kRetailer, kSupplier };

// "retailer" / "supplier", as the API spells them.
std::string_view RoleName(Role role);
Result<Role> ParseRole(std::string_view text, std::string_view field);
constexpr Role OtherRole(Role role) {
  return role == Role::kRetailer ? Role::kSupplier : Role::kRetailer;
}

struct Account {
  std::string dsco_account_id;  // numeric string, e.g. "1000051226"
  Role role = Role::kRetailer;
  std::string name;
  std::string client_id;
  std::string client_secret;
};

// How one account (the owner) knows a trading partner.
struct PartnerView {
  std::string partner_account_id;
  std::string trading_partner_id;  // the owner's id for the partner; may be empty
  std::string name;                // the owner's name for the partner; may be empty
};

// Both sides of one relationship, as given to Link().
struct Relationship {
  std::string retailer_account_id;
  std::string supplier_account_id;
  std::string retailer_id_for_supplier;   // the retailer's trading-partner id
  std::string retailer_name_for_supplier;
  std::string supplier_id_for_retailer;   // the supplier's trading-partner id
  std::string supplier_name_for_retailer;
};

class AccountDirectory {
 public:
  // Refuses a duplicate account id or client id, or an empty one.
  Status AddAccount(Account account);

  // Links a retailer with a supplier. Refuses unknown accounts, wrong roles, an existing
  // link, and a trading-partner id the owner already uses for another partner.
  Status Link(const Relationship& relationship);

  const Account* Find(std::string_view dsco_account_id) const;
  const Account* FindByClientId(std::string_view client_id) const;

  bool ArePartners(std::string_view a, std::string_view b) const;
  // How `owner` knows `partner_account_id`, or null when they are not partners.
  const PartnerView* PartnerOf(std::string_view owner,
                               std::string_view partner_account_id) const;
  // The partner that `owner` calls `trading_partner_id`, or null.
  const PartnerView* PartnerByTradingPartnerId(std::string_view owner,
                                               std::string_view trading_partner_id) const;
  // Every partner of `owner`, ordered by the partner's account id.
  std::vector<PartnerView> PartnersOf(std::string_view owner) const;

  // Ordered by account id.
  const std::map<std::string, Account, std::less<>>& accounts() const { return accounts_; }

 private:
  std::map<std::string, Account, std::less<>> accounts_;
  std::map<std::string, std::string, std::less<>> account_by_client_id_;
  // owner account id -> partner account id -> view.
  std::map<std::string, std::map<std::string, PartnerView, std::less<>>, std::less<>>
      partners_;
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_ACCOUNTS_ACCOUNTS_H_
