// The worlds the profiles run in: one retailer and one supplier trading with each
// other, with fixed ids and credentials so a history names the same accounts in every
// run (conformance/profiles/*.cc).
#ifndef DSCOSIM_CONFORMANCE_PROFILES_WORLD_H_
#define DSCOSIM_CONFORMANCE_PROFILES_WORLD_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace dscosim::conformance::profiles {

inline constexpr char kRetailer[] = "retailer";
inline constexpr char kSupplier[] = "supplier";
inline constexpr char kSupplier2[] = "supplier2";

struct StockedSku {
  std::string supplier_key;
  std::string sku;
  int quantity;
};

// The accounts, the partnerships and the items (catalog + inventory) given; `start` is
// the clock's start.
nlohmann::json BaseWorld(const std::string& start, const std::vector<StockedSku>& items);

// A Create Order body for one line per (sku, quantity).
nlohmann::json OrderBody(const std::string& po, const std::vector<std::pair<std::string, int>>& lines);

}  // namespace dscosim::conformance::profiles

#endif  // DSCOSIM_CONFORMANCE_PROFILES_WORLD_H_
