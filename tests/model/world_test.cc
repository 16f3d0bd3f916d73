#include "dscosim/model/world.h"

#include <cstdint>
#include <exception>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "dscosim/model/core/time.h"

namespace dscosim {
namespace {

using namespace std::chrono_literals;

bool IsTenDigits(const std::string& s) {
  if (s.size() != 10) return false;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Account MustCreate(World& world, Role role, std::string name) {
  Result<Account> r = world.CreateAccount(role, std::move(name));
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? std::move(r).value() : Account{};
}

Relationship Rel(const Account& retailer, const Account& supplier) {
  Relationship r;
  r.retailer_account_id = retailer.dsco_account_id;
  r.supplier_account_id = supplier.dsco_account_id;
  r.retailer_id_for_supplier = "S@" + retailer.name;
  r.retailer_name_for_supplier = supplier.name;
  r.supplier_id_for_retailer = "R@" + supplier.name;
  r.supplier_name_for_retailer = retailer.name;
  return r;
}

// A retailer and a supplier, linked: the same calls on any world.
void Populate(World& world) {
  const Account r = MustCreate(world, Role::kRetailer, "Retailer");
  const Account s = MustCreate(world, Role::kSupplier, "Supplier");
  ASSERT_EQ(world.LinkPartners(Rel(r, s)), Status::Ok());
}

std::vector<std::string> AccountIds(const World& world) {
  std::vector<std::string> ids;
  for (const auto& [id, account] : world.accounts().accounts()) ids.push_back(id);
  return ids;
}

TEST(WorldTest, DefaultOptions) {
  const World world;
  EXPECT_EQ(world.seed(), 1u);
  EXPECT_EQ(world.now(), kDefaultWorldStart);
  EXPECT_EQ(world.trace().total(), 0u);
  EXPECT_TRUE(world.accounts().accounts().empty());
  EXPECT_EQ(world.clock().PendingTimers(), 0u);
}

TEST(WorldTest, HonoursSeedAndStart) {
  WorldOptions options;
  options.seed = 99;
  options.start = TimeFromMicros(0);
  const World world(options);
  EXPECT_EQ(world.seed(), 99u);
  EXPECT_EQ(world.options().seed, 99u);
  EXPECT_EQ(world.now(), TimeFromMicros(0));
}

TEST(WorldTest, CreateAccountGivesTenDigitIdsAndDistinctCredentials) {
  World world;
  std::set<std::string> ids, client_ids, secrets;
  for (int i = 0; i < 50; ++i) {
    const Role role = i % 2 == 0 ? Role::kRetailer : Role::kSupplier;
    const Account a = MustCreate(world, role, "Account " + std::to_string(i));
    EXPECT_TRUE(IsTenDigits(a.dsco_account_id)) << a.dsco_account_id;
    EXPECT_EQ(a.role, role);
    EXPECT_EQ(a.name, "Account " + std::to_string(i));
    EXPECT_FALSE(a.client_id.empty());
    EXPECT_FALSE(a.client_secret.empty());
    EXPECT_NE(a.client_id, a.client_secret);
    ids.insert(a.dsco_account_id);
    client_ids.insert(a.client_id);
    secrets.insert(a.client_secret);
  }
  EXPECT_EQ(ids.size(), 50u);
  EXPECT_EQ(client_ids.size(), 50u);
  EXPECT_EQ(secrets.size(), 50u);
  EXPECT_EQ(world.accounts().accounts().size(), 50u);
}

TEST(WorldTest, CreatedAccountIsInTheDirectory) {
  World world;
  const Account a = MustCreate(world, Role::kSupplier, "Acme");
  const Account* found = world.accounts().Find(a.dsco_account_id);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->name, "Acme");
  EXPECT_EQ(found->role, Role::kSupplier);
  EXPECT_EQ(found->client_secret, a.client_secret);
  EXPECT_EQ(world.accounts().FindByClientId(a.client_id), found);
}

TEST(WorldTest, CreateAccountIsTraced) {
  World world;
  const Account a = MustCreate(world, Role::kRetailer, "Big Box");
  ASSERT_EQ(world.trace().total(), 1u);
  const TraceEvent& e = world.trace().retained().back();
  EXPECT_EQ(e.kind, "account.created");
  EXPECT_EQ(e.actor, "platform");
  EXPECT_EQ(e.time, kDefaultWorldStart);
  EXPECT_EQ(e.payload.at("dscoAccountId"), a.dsco_account_id);
  EXPECT_EQ(e.payload.at("role"), "retailer");
  EXPECT_EQ(e.payload.at("name"), "Big Box");
  EXPECT_EQ(e.payload.at("clientId"), a.client_id);
  // The secret never goes into the trace.
  EXPECT_EQ(Trace::ToJsonLine(e).find(a.client_secret), std::string::npos);
}

TEST(WorldTest, SameSeedSameAccounts) {
  World a;
  World b;
  for (int i = 0; i < 5; ++i) {
    const Account x = MustCreate(a, Role::kRetailer, "R");
    const Account y = MustCreate(b, Role::kRetailer, "R");
    EXPECT_EQ(x.dsco_account_id, y.dsco_account_id);
    EXPECT_EQ(x.client_id, y.client_id);
    EXPECT_EQ(x.client_secret, y.client_secret);
  }
  EXPECT_EQ(a.trace().hash(), b.trace().hash());
}

// Names come from scenario files and, later, requests. Bytes that are not UTF-8 must be
// refused as a value, or stored and traced; never thrown half-way through the call (the
// trace's JSON serialiser throws on invalid UTF-8), which would leave an account that
// the trace never saw.
TEST(WorldTest, CreateAccountWithInvalidUtf8NameIsRefusedOrTracedNeverThrown) {
  World world;
  std::optional<Result<Account>> result;
  try {
    result.emplace(world.CreateAccount(Role::kRetailer, "Caf\xe9"));
  } catch (const std::exception& e) {
    ADD_FAILURE() << "CreateAccount threw: " << e.what();
  }
  if (result.has_value() && !result->ok()) {
    EXPECT_EQ(result->status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(result->status().field(), "name");
  }
  // Whatever happened, the directory and the trace agree.
  EXPECT_EQ(world.trace().total(), world.accounts().accounts().size());
  EXPECT_EQ(world.trace().retained().size(), world.trace().total());
}

TEST(WorldTest, ScenarioForksNeverAliasTheWorldsOwnStreams) {
  World world;
  Rng mine = world.Fork("ids");
  IdMaker twin(Rng(world.seed()).Fork("ids"));
  const std::string id = world.ids().NextDscoId();
  EXPECT_EQ(twin.NextDscoId(), id);  // the world's id stream is Fork("ids") of the root
  EXPECT_NE(mine.NextU64(), Rng(world.seed()).Fork("ids").NextU64());
}

TEST(WorldTest, DifferentSeedsDifferentAccounts) {
  WorldOptions other;
  other.seed = 2;
  World a;
  World b(other);
  const Account x = MustCreate(a, Role::kRetailer, "R");
  const Account y = MustCreate(b, Role::kRetailer, "R");
  EXPECT_NE(x.dsco_account_id, y.dsco_account_id);
  EXPECT_NE(x.client_id, y.client_id);
  EXPECT_NE(a.trace().hash(), b.trace().hash());
}

// Pinned fingerprint of a tiny run: a change here means saved seeds replay differently.
TEST(WorldTest, GoldenRunOfSeedOne) {
  World world;
  const Account r = MustCreate(world, Role::kRetailer, "Retailer");
  const Account s = MustCreate(world, Role::kSupplier, "Supplier");
  EXPECT_EQ(r.dsco_account_id, "1036770410");
  EXPECT_EQ(r.client_id, "6ef1926f97b564af16036b0289");
  EXPECT_EQ(s.dsco_account_id, "1036770414");
  Relationship rel;
  rel.retailer_account_id = r.dsco_account_id;
  rel.supplier_account_id = s.dsco_account_id;
  rel.retailer_id_for_supplier = "S-1";
  rel.retailer_name_for_supplier = "Supplier";
  rel.supplier_id_for_retailer = "R-1";
  rel.supplier_name_for_retailer = "Retailer";
  ASSERT_EQ(world.LinkPartners(rel), Status::Ok());
  EXPECT_EQ(world.trace().total(), 3u);
  EXPECT_EQ(world.trace().hash_hex(), "f3d9b669985bf3f0");
}

TEST(WorldTest, LinkPartnersLinksAndTraces) {
  World world;
  const Account r = MustCreate(world, Role::kRetailer, "R");
  const Account s = MustCreate(world, Role::kSupplier, "S");
  ASSERT_EQ(world.LinkPartners(Rel(r, s)), Status::Ok());
  EXPECT_TRUE(world.accounts().ArePartners(r.dsco_account_id, s.dsco_account_id));
  EXPECT_EQ(world.accounts().PartnerOf(r.dsco_account_id, s.dsco_account_id)->trading_partner_id,
            "S@R");
  ASSERT_EQ(world.trace().total(), 3u);
  const TraceEvent& e = world.trace().retained().back();
  EXPECT_EQ(e.kind, "partners.linked");
  EXPECT_EQ(e.payload.at("retailerAccountId"), r.dsco_account_id);
  EXPECT_EQ(e.payload.at("supplierAccountId"), s.dsco_account_id);
}

TEST(WorldTest, RefusedLinkChangesNothing) {
  World world;
  const Account r = MustCreate(world, Role::kRetailer, "R");
  const Account s = MustCreate(world, Role::kSupplier, "S");
  const std::uint64_t hash = world.trace().hash();
  const Status s1 = world.LinkPartners(Rel(s, r));  // roles swapped
  EXPECT_EQ(s1.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s1.field(), "retailerAccountId");
  EXPECT_EQ(world.trace().total(), 2u);
  EXPECT_EQ(world.trace().hash(), hash);
  EXPECT_FALSE(world.accounts().ArePartners(r.dsco_account_id, s.dsco_account_id));

  ASSERT_EQ(world.LinkPartners(Rel(r, s)), Status::Ok());
  const std::uint64_t linked_hash = world.trace().hash();
  const Status again = world.LinkPartners(Rel(r, s));
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(world.trace().total(), 3u);
  EXPECT_EQ(world.trace().hash(), linked_hash);
}

TEST(WorldTest, AdvanceMovesTheClock) {
  World world;
  ASSERT_EQ(world.AdvanceBy(90min), Status::Ok());
  EXPECT_EQ(world.now(), kDefaultWorldStart + 90min);
  ASSERT_EQ(world.AdvanceTo(kDefaultWorldStart + 2h), Status::Ok());
  EXPECT_EQ(world.now(), kDefaultWorldStart + 2h);
  EXPECT_EQ(world.clock().now(), world.now());
}

TEST(WorldTest, AdvanceBackwardsIsRefused) {
  World world;
  ASSERT_EQ(world.AdvanceBy(1h), Status::Ok());
  const Status to = world.AdvanceTo(kDefaultWorldStart);
  EXPECT_EQ(to.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(to.field(), "target");
  const Status by = world.AdvanceBy(-1us);
  EXPECT_EQ(by.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(by.field(), "delta");
  EXPECT_EQ(world.now(), kDefaultWorldStart + 1h);
}

TEST(WorldTest, EventsAreStampedWithTheVirtualTime) {
  World world;
  ASSERT_EQ(world.AdvanceBy(3h + 250ms), Status::Ok());
  static_cast<void>(MustCreate(world, Role::kRetailer, "R"));
  EXPECT_EQ(world.trace().retained().back().time, kDefaultWorldStart + 3h + 250ms);
}

TEST(WorldTest, TimersWithUnknownTopicsFireHarmlessly) {
  World world;
  static_cast<void>(world.clock().ScheduleAfter(1s, "nobody.listens", "k"));
  ASSERT_EQ(world.AdvanceBy(2s), Status::Ok());
  EXPECT_EQ(world.clock().PendingTimers(), 0u);
  EXPECT_EQ(world.trace().total(), 0u);
}

TEST(WorldTest, TraceRetentionOption) {
  WorldOptions options;
  options.trace_retention = 1;
  World world(options);
  Populate(world);
  EXPECT_EQ(world.trace().total(), 3u);
  ASSERT_EQ(world.trace().retained().size(), 1u);
  EXPECT_EQ(world.trace().retained().front().kind, "partners.linked");
  // Retention changes memory, not the fingerprint.
  World full;
  Populate(full);
  EXPECT_EQ(world.trace().hash(), full.trace().hash());
}

TEST(WorldTest, ForkIsASubStreamOfTheSeed) {
  WorldOptions options;
  options.seed = 77;
  World world(options);
  Rng before = world.Fork("driver");
  Populate(world);  // draws ids; must not move the fork
  Rng after = world.Fork("driver");
  // Scenario streams live under "scenario/", apart from the world's own "ids" and
  // "tokens" streams.
  Rng expected = Rng(77).Fork("scenario/driver");
  EXPECT_EQ(after.path(), "scenario/driver");
  EXPECT_EQ(after.root_seed(), 77u);
  for (int i = 0; i < 8; ++i) {
    const std::uint64_t want = expected.NextU64();
    EXPECT_EQ(before.NextU64(), want);
    EXPECT_EQ(after.NextU64(), want);
  }
}

// --- Copies -----------------------------------------------------------------------

TEST(WorldCopyTest, CopyHasTheSameFuture) {
  World original;
  Populate(original);
  ASSERT_EQ(original.AdvanceBy(1h), Status::Ok());
  World copy = original;
  EXPECT_EQ(copy.trace().hash(), original.trace().hash());
  EXPECT_EQ(copy.now(), original.now());

  // The same calls on both give the same ids and the same fingerprint.
  const Account a = MustCreate(original, Role::kSupplier, "Later");
  const Account b = MustCreate(copy, Role::kSupplier, "Later");
  EXPECT_EQ(a.dsco_account_id, b.dsco_account_id);
  EXPECT_EQ(a.client_id, b.client_id);
  EXPECT_EQ(original.ids().NextUuid(), copy.ids().NextUuid());
  EXPECT_EQ(original.tokens().NextToken(16), copy.tokens().NextToken(16));
  ASSERT_EQ(original.AdvanceBy(2h), Status::Ok());
  ASSERT_EQ(copy.AdvanceBy(2h), Status::Ok());
  EXPECT_EQ(copy.trace().hash(), original.trace().hash());
  EXPECT_EQ(copy.trace().total(), original.trace().total());
  EXPECT_EQ(AccountIds(copy), AccountIds(original));
}

TEST(WorldCopyTest, OperationsOnTheCopyDoNotTouchTheOriginal) {
  World original;
  Populate(original);
  const std::uint64_t hash = original.trace().hash();
  const std::vector<std::string> accounts = AccountIds(original);
  const Time now = original.now();

  World copy = original;
  static_cast<void>(MustCreate(copy, Role::kRetailer, "Only in the copy"));
  ASSERT_EQ(copy.AdvanceBy(24h), Status::Ok());
  static_cast<void>(copy.clock().ScheduleAfter(1h, "nobody.listens", "k"));

  EXPECT_EQ(original.trace().total(), 3u);
  EXPECT_EQ(original.trace().hash(), hash);
  EXPECT_EQ(original.now(), now);
  EXPECT_EQ(AccountIds(original), accounts);
  EXPECT_EQ(original.clock().PendingTimers(), 0u);
  EXPECT_EQ(copy.trace().total(), 4u);
  EXPECT_EQ(copy.now(), now + 24h);
}

TEST(WorldCopyTest, OperationsOnTheOriginalDoNotTouchTheCopy) {
  World original;
  Populate(original);
  const World copy = original;
  static_cast<void>(MustCreate(original, Role::kRetailer, "Only in the original"));
  ASSERT_EQ(original.AdvanceBy(1h), Status::Ok());
  EXPECT_EQ(copy.trace().total(), 3u);
  EXPECT_EQ(copy.now(), kDefaultWorldStart);
  EXPECT_EQ(copy.accounts().accounts().size(), 2u);
}

TEST(WorldCopyTest, CopyAssignmentIsAnIndependentSnapshot) {
  World original;
  Populate(original);
  World copy;
  static_cast<void>(MustCreate(copy, Role::kSupplier, "Overwritten"));
  copy = original;
  EXPECT_EQ(copy.trace().hash(), original.trace().hash());
  EXPECT_EQ(AccountIds(copy), AccountIds(original));
  const Account a = MustCreate(original, Role::kRetailer, "X");
  const Account b = MustCreate(copy, Role::kRetailer, "X");
  EXPECT_EQ(a.dsco_account_id, b.dsco_account_id);
  EXPECT_EQ(copy.trace().hash(), original.trace().hash());
  ASSERT_EQ(copy.AdvanceBy(1h), Status::Ok());
  EXPECT_EQ(original.now(), kDefaultWorldStart);
}

// The copy's stores must use the copy's clock, ids and trace (not the original's).
TEST(WorldCopyTest, CopysConversationStoreUsesTheCopysServices) {
  World original;
  const Account r = MustCreate(original, Role::kRetailer, "R");
  const Account s = MustCreate(original, Role::kSupplier, "S");
  ASSERT_EQ(original.LinkPartners(Rel(r, s)), Status::Ok());
  CreateConversationRequest request;
  request.title = "Hello";
  request.other_party_dsco_account_id = s.dsco_account_id;
  const Result<Conversation> created = original.conversations().Create(r.dsco_account_id,
                                                                       request);
  ASSERT_TRUE(created.ok()) << created.status();
  ASSERT_EQ(original.clock().PendingTimers(), 1u);  // the auto-close timer
  const std::uint64_t total = original.trace().total();

  World copy = original;
  // Creating in the copy draws the copy's ids and writes the copy's trace.
  const Result<Conversation> in_copy = copy.conversations().Create(r.dsco_account_id,
                                                                   request);
  ASSERT_TRUE(in_copy.ok()) << in_copy.status();
  EXPECT_EQ(original.trace().total(), total);
  EXPECT_EQ(copy.trace().total(), total + 1);
  EXPECT_EQ(original.conversations().conversations().size(), 1u);
  EXPECT_EQ(copy.conversations().conversations().size(), 2u);
  EXPECT_EQ(original.clock().PendingTimers(), 1u);
  EXPECT_EQ(copy.clock().PendingTimers(), 2u);

  // Auto-close fires on the copy's clock only.
  ASSERT_EQ(copy.AdvanceBy(copy.conversations().policy().auto_close_after + 1s),
            Status::Ok());
  EXPECT_EQ(copy.conversations().Find(created->id)->status, ConversationStatus::kClosed);
  EXPECT_EQ(original.conversations().Find(created->id)->status, ConversationStatus::kNew);
  EXPECT_EQ(original.now(), kDefaultWorldStart);
  EXPECT_EQ(original.trace().total(), total);

  // And the original, advanced the same way, closes its own conversation the same way.
  ASSERT_EQ(original.AdvanceBy(original.conversations().policy().auto_close_after + 1s),
            Status::Ok());
  EXPECT_EQ(original.conversations().Find(created->id)->status, ConversationStatus::kClosed);
}

TEST(WorldCopyTest, CopyOfACopyStillWorks) {
  World original;
  Populate(original);
  World first = original;
  World second = first;
  static_cast<void>(MustCreate(first, Role::kRetailer, "A"));
  static_cast<void>(MustCreate(second, Role::kRetailer, "A"));
  static_cast<void>(MustCreate(original, Role::kRetailer, "A"));
  EXPECT_EQ(first.trace().hash(), original.trace().hash());
  EXPECT_EQ(second.trace().hash(), original.trace().hash());
}

}  // namespace
}  // namespace dscosim
