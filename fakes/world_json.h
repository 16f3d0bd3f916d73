// JSON summaries of a world for people and scripts: the accounts with their credentials,
// trading partners and some stocked skus (the `serve` line and GET /_dscosim/world).
#ifndef DSCOSIM_FAKES_WORLD_JSON_H_
#define DSCOSIM_FAKES_WORLD_JSON_H_

#include <nlohmann/json.hpp>

#include "dscosim/model/world.h"

namespace dscosim::fakes {

// [{role, dscoAccountId, name, clientId, clientSecret, tradingPartners: [{dscoAccountId,
// tradingPartnerId, name}], skus: [...]}], ordered by account id; a supplier's skus are
// up to ten of its items with stock.
nlohmann::json AccountsJson(const World& world);

}  // namespace dscosim::fakes

#endif  // DSCOSIM_FAKES_WORLD_JSON_H_
