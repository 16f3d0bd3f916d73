// A small commerce world for order, item, invoice and return tests.
//
//   retailers R1, R2; suppliers S1, S2. Partners: R1-S1, R1-S2, R2-S1 (R2, S2 strangers).
//   R1 calls S1 "S1@R1" and S2 "S2@R1"; R2 calls S1 "S1@R2"; S1 calls R1 "R1@S1".
//   items of S1: A-1 (upc 012345678905, R1's partnerSku "R1-A1"), A-2, A-3
//   items of S2: B-1 (upc 012345678905 too: the upc is ambiguous across suppliers), B-2
//   Each item starts with 10 units in warehouse "WH1".
#ifndef DSCOSIM_TESTS_SUPPORT_COMMERCE_FIXTURE_H_
#define DSCOSIM_TESTS_SUPPORT_COMMERCE_FIXTURE_H_

#include <string>

#include <nlohmann/json.hpp>

#include "dscosim/model/world.h"

namespace dscosim::test_support {

class CommerceWorld {
 public:
  explicit CommerceWorld(WorldOptions options = {});

  World world;
  Account r1, r2, s1, s2;
  std::string item_a1, item_a2, item_a3, item_b1, item_b2;  // dscoItemIds

  // A valid Create Order body for R1: PO `po`, shipping, service level, and one line per
  // (sku, quantity).
  static nlohmann::json OrderBody(const std::string& po,
                                  std::vector<std::pair<std::string, std::int64_t>> lines);
  // Creates an order for R1 and moves the clock past post-processing, so the order is
  // `created` and visible. Fails the test when refused.
  Order MustCreateOrder(const std::string& po,
                        std::vector<std::pair<std::string, std::int64_t>> lines);
};

}  // namespace dscosim::test_support

#endif  // DSCOSIM_TESTS_SUPPORT_COMMERCE_FIXTURE_H_
