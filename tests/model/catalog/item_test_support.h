// Helpers for the item, inventory, warehouse and assortment tests.
#ifndef DSCOSIM_TESTS_MODEL_CATALOG_ITEM_TEST_SUPPORT_H_
#define DSCOSIM_TESTS_MODEL_CATALOG_ITEM_TEST_SUPPORT_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "dscosim/model/world.h"
#include "dscosim/tests/support/commerce_fixture.h"
#include "dscosim/tests/support/world_fixture.h"

namespace dscosim::test_support {

// Everything observable about a world's items, warehouses and assortments (every field,
// internal ones included), plus the world Fingerprint (trace hash, the next ids, ...)
// and the number of events published. Equal before and after exactly when a refused
// operation changed nothing.
std::string ItemFingerprint(const World& world);
// The same, without the world Fingerprint's conversations and scrolls and without copying
// the world: the item part, the trace hash and size, and the next object id. For tight
// loops (property tests).
std::string ItemStateFingerprint(World& world);

// An ItemInventory body: sku, status, warehouses (code, quantity) and their sum as
// quantityAvailable.
nlohmann::json InventoryBody(const std::string& sku,
                             std::vector<std::pair<std::string, std::int64_t>> warehouses,
                             const std::string& status = "in-stock");
// A minimal ItemCatalog body: sku, title, productStatus.
nlohmann::json CatalogBody(const std::string& sku, const std::string& title = "A title",
                           const std::string& product_status = "active");

// The events published after the first `since` ones.
std::vector<DomainEvent> EventsSince(const World& world, std::uint64_t since);

// The status of a Status or a Result<T>.
inline Status AnyStatus(const Status& status) { return status; }
template <typename T>
Status AnyStatus(const Result<T>& result) {
  return result.status();
}

}  // namespace dscosim::test_support

// Like EXPECT_REFUSED, comparing ItemFingerprint.
#define EXPECT_ITEM_REFUSED(world, statement, expected_code, expected_field)          \
  do {                                                                               \
    const std::string dscosim_before_ = ::dscosim::test_support::ItemFingerprint(world);  \
    const ::dscosim::Status dscosim_status_ =                                       \
        ::dscosim::test_support::AnyStatus((statement));                                  \
    EXPECT_EQ(dscosim_status_.code(), (expected_code)) << dscosim_status_;           \
    EXPECT_EQ(dscosim_status_.field(), (expected_field)) << dscosim_status_;         \
    EXPECT_EQ(::dscosim::test_support::ItemFingerprint(world), dscosim_before_)           \
        << "a refused operation changed the world";                                  \
  } while (false)

#endif  // DSCOSIM_TESTS_MODEL_CATALOG_ITEM_TEST_SUPPORT_H_
