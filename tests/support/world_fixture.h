// A small, fully known world for conversation tests.
//
//   retailers R1, R2; suppliers S1, S2.
//   partners: R1-S1, R1-S2, R2-S1.  R2 and S2 are strangers.
//   trading-partner ids, as each owner names the other:
//     R1: S1 = "S1@R1" ("Supplier One"), S2 = "S2@R1" ("Supplier Two")
//     R2: S1 = "S1@R2" (no name)
//     S1: R1 = "R1@S1" ("Retailer One"), R2 = "R2@S1" ("Retailer Two")
//     S2: R1 = "" (S2 never gave R1 an id or a name)
//   objects, real ones in the world's stores (R1-S1 unless said otherwise):
//     items of S1: SKU-A (upc 012345678905, R1 calls it "R1-A"), SKU-B; item of S2: SKU-Z
//     order PO-1 (two lines: SKU-A line 1, SKU-B line 2), then a split order also PO-1,
//     all shipped; order PO-9 between R1 and S2; invoice INV-1 on PO-1; return RET-1
//     (R1's number) on PO-1; contract K-1. Invoices are visible at once.
#ifndef DSCOSIM_TESTS_SUPPORT_WORLD_FIXTURE_H_
#define DSCOSIM_TESTS_SUPPORT_WORLD_FIXTURE_H_

#include <string>

#include <gtest/gtest.h>

#include "dscosim/model/world.h"

namespace dscosim::test_support {

struct TestIds {
  std::string order_po1, order_po1_split, order_po9;
  std::string item_a, item_b, item_z;
  std::string invoice, return_id;
};

class TestWorld {
 public:
  explicit TestWorld(ConversationPolicy policy = {}, std::uint64_t seed = 7);

  World world;
  Account r1, r2, s1, s2;
  TestIds ids;

  ConversationStore& store() { return world.conversations(); }

  // A valid create request from either side to `other` (a standard, account-context
  // conversation with the given title).
  static CreateConversationRequest Basic(const Account& other, std::string title = "Hello");

  // Creates through the store and fails the test if refused.
  Conversation MustCreate(const Account& caller, const CreateConversationRequest& request);
  ConversationMessage MustAdd(const Account& caller, const std::string& conversation_id,
                              std::string text = "hi");
};

// Everything observable about a world's conversation state, as one string: every
// conversation and message with their internal fields, the scrolls, the pending
// timers, the trace hash, and the ids the world would hand out next. Two fingerprints
// are equal exactly when a refused operation changed nothing.
std::string Fingerprint(const World& world);

}  // namespace dscosim::test_support

// Asserts that `statement` (returning a Status or Result) is refused with `code` and
// names `field`, and that the world's fingerprint is unchanged.
#define EXPECT_REFUSED(world, statement, expected_code, expected_field)               \
  do {                                                                               \
    const std::string dscosim_before_ = ::dscosim::test_support::Fingerprint(world);      \
    const ::dscosim::Status dscosim_status_ = (statement).status();                  \
    EXPECT_EQ(dscosim_status_.code(), (expected_code)) << dscosim_status_;           \
    EXPECT_EQ(dscosim_status_.field(), (expected_field)) << dscosim_status_;         \
    EXPECT_EQ(::dscosim::test_support::Fingerprint(world), dscosim_before_)               \
        << "a refused operation changed the world";                                  \
  } while (false)

#endif  // DSCOSIM_TESTS_SUPPORT_WORLD_FIXTURE_H_
