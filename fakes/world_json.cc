#include "dscosim/fakes/world_json.h"

namespace dscosim::fakes {

nlohmann::json AccountsJson(const World& world) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [id, a] : world.accounts().accounts()) {
    nlohmann::json partners = nlohmann::json::array();
    for (const PartnerView& p : world.accounts().PartnersOf(id)) {
      partners.push_back({{"dscoAccountId", p.partner_account_id},
                          {"tradingPartnerId", p.trading_partner_id},
                          {"name", p.name}});
    }
    nlohmann::json skus = nlohmann::json::array();
    if (a.role == Role::kSupplier) {
      for (const Item* item : world.items().ItemsOf(id)) {
        if (skus.size() >= 10) break;
        if (item->quantity_available > 0) skus.push_back(item->sku);
      }
    }
    out.push_back({{"role", RoleName(a.role)},
                   {"dscoAccountId", a.dsco_account_id},
                   {"name", a.name},
                   {"clientId", a.client_id},
                   {"clientSecret", a.client_secret},
                   {"tradingPartners", partners},
                   {"skus", skus}});
  }
  return out;
}

}  // namespace dscosim::fakes
