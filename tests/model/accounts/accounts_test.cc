#include "dscosim/model/accounts/accounts.h"

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace dscosim {
namespace {

Account MakeAccount(std::string id, Role role, std::string client_id) {
  Account a;
  a.dsco_account_id = std::move(id);
  a.role = role;
  a.name = "Account " + a.dsco_account_id;
  a.client_id = std::move(client_id);
  a.client_secret = "secret-" + a.client_id;
  return a;
}

// Retailers R1 (1000000001), R2 (1000000002); suppliers S1 (2000000001),
// S2 (2000000002), S3 (2000000003). No links.
class AccountDirectoryTest : public ::testing::Test {
 protected:
  static constexpr char kR1[] = "1000000001";
  static constexpr char kR2[] = "1000000002";
  static constexpr char kS1[] = "2000000001";
  static constexpr char kS2[] = "2000000002";
  static constexpr char kS3[] = "2000000003";

  void SetUp() override {
    ASSERT_EQ(dir_.AddAccount(MakeAccount(kR1, Role::kRetailer, "client-r1")), Status::Ok());
    ASSERT_EQ(dir_.AddAccount(MakeAccount(kR2, Role::kRetailer, "client-r2")), Status::Ok());
    ASSERT_EQ(dir_.AddAccount(MakeAccount(kS1, Role::kSupplier, "client-s1")), Status::Ok());
    ASSERT_EQ(dir_.AddAccount(MakeAccount(kS2, Role::kSupplier, "client-s2")), Status::Ok());
    ASSERT_EQ(dir_.AddAccount(MakeAccount(kS3, Role::kSupplier, "client-s3")), Status::Ok());
  }

  static Relationship Rel(std::string retailer, std::string supplier,
                          std::string retailer_id_for_supplier = "",
                          std::string supplier_id_for_retailer = "") {
    Relationship r;
    r.retailer_account_id = std::move(retailer);
    r.supplier_account_id = std::move(supplier);
    r.retailer_id_for_supplier = std::move(retailer_id_for_supplier);
    r.retailer_name_for_supplier = "name of " + r.supplier_account_id;
    r.supplier_id_for_retailer = std::move(supplier_id_for_retailer);
    r.supplier_name_for_retailer = "name of " + r.retailer_account_id;
    return r;
  }

  // Everything observable about the links, for "a refused call changes nothing".
  std::string Links() const {
    std::string out;
    for (const auto& [id, account] : dir_.accounts()) {
      out += id + ":";
      for (const PartnerView& v : dir_.PartnersOf(id)) {
        out += " " + v.partner_account_id + "=" + v.trading_partner_id + "/" + v.name;
      }
      out += "\n";
    }
    return out;
  }

  void ExpectLinkRefused(const Relationship& r, StatusCode code, const std::string& field) {
    const std::string before = Links();
    const Status s = dir_.Link(r);
    EXPECT_EQ(s.code(), code) << s;
    EXPECT_EQ(s.field(), field) << s;
    EXPECT_EQ(Links(), before) << "a refused Link changed the directory";
  }

  AccountDirectory dir_;
};

// --- Roles ------------------------------------------------------------------------

TEST(RoleTest, NamesAndParsing) {
  EXPECT_EQ(RoleName(Role::kRetailer), "retailer");
  EXPECT_EQ(RoleName(Role::kSupplier), "supplier");
  const Result<Role> retailer = ParseRole("retailer", "initiatedBy");
  ASSERT_TRUE(retailer.ok());
  EXPECT_EQ(retailer.value(), Role::kRetailer);
  const Result<Role> supplier = ParseRole("supplier", "initiatedBy");
  ASSERT_TRUE(supplier.ok());
  EXPECT_EQ(supplier.value(), Role::kSupplier);
}

TEST(RoleTest, ParseRoleRefusesOtherSpellingsNamingTheField) {
  for (const char* text : {"Retailer", "SUPPLIER", "", "retailers", " retailer", "vendor"}) {
    const Result<Role> r = ParseRole(text, "initiatedBy");
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << text;
    EXPECT_EQ(r.status().field(), "initiatedBy") << text;
  }
}

TEST(RoleTest, OtherRole) {
  static_assert(OtherRole(Role::kRetailer) == Role::kSupplier);
  static_assert(OtherRole(Role::kSupplier) == Role::kRetailer);
}

// --- Accounts ---------------------------------------------------------------------

TEST_F(AccountDirectoryTest, FindsAccountsByIdAndClientId) {
  const Account* r1 = dir_.Find(kR1);
  ASSERT_NE(r1, nullptr);
  EXPECT_EQ(r1->role, Role::kRetailer);
  EXPECT_EQ(r1->client_id, "client-r1");
  EXPECT_EQ(r1->name, "Account 1000000001");
  EXPECT_EQ(r1->client_secret, "secret-client-r1");
  EXPECT_EQ(dir_.FindByClientId("client-s2"), dir_.Find(kS2));
  EXPECT_EQ(dir_.Find("9999999999"), nullptr);
  EXPECT_EQ(dir_.FindByClientId("client-zz"), nullptr);
  EXPECT_EQ(dir_.Find(""), nullptr);
  EXPECT_EQ(dir_.FindByClientId(""), nullptr);
}

TEST_F(AccountDirectoryTest, AccountsAreOrderedById) {
  std::vector<std::string> ids;
  for (const auto& [id, account] : dir_.accounts()) ids.push_back(id);
  EXPECT_EQ(ids, (std::vector<std::string>{kR1, kR2, kS1, kS2, kS3}));
}

TEST_F(AccountDirectoryTest, RefusesEmptyAccountId) {
  const Status s = dir_.AddAccount(MakeAccount("", Role::kRetailer, "client-new"));
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "dscoAccountId");
  EXPECT_EQ(dir_.accounts().size(), 5u);
  EXPECT_EQ(dir_.FindByClientId("client-new"), nullptr);
}

TEST_F(AccountDirectoryTest, RefusesEmptyClientId) {
  const Status s = dir_.AddAccount(MakeAccount("3000000001", Role::kRetailer, ""));
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "clientId");
  EXPECT_EQ(dir_.Find("3000000001"), nullptr);
  EXPECT_EQ(dir_.accounts().size(), 5u);
}

TEST_F(AccountDirectoryTest, RefusesDuplicateAccountIdAndKeepsTheOriginal) {
  const Status s = dir_.AddAccount(MakeAccount(kR1, Role::kSupplier, "client-new"));
  EXPECT_EQ(s.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(s.field(), "dscoAccountId");
  EXPECT_EQ(dir_.accounts().size(), 5u);
  EXPECT_EQ(dir_.Find(kR1)->role, Role::kRetailer);
  EXPECT_EQ(dir_.Find(kR1)->client_id, "client-r1");
  // The refused account's client id must not have been registered either.
  EXPECT_EQ(dir_.FindByClientId("client-new"), nullptr);
}

TEST_F(AccountDirectoryTest, RefusesDuplicateClientIdAndKeepsTheOriginal) {
  const Status s = dir_.AddAccount(MakeAccount("3000000001", Role::kRetailer, "client-s1"));
  EXPECT_EQ(s.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(s.field(), "clientId");
  EXPECT_EQ(dir_.Find("3000000001"), nullptr);
  EXPECT_EQ(dir_.FindByClientId("client-s1"), dir_.Find(kS1));
  EXPECT_EQ(dir_.accounts().size(), 5u);
}

// --- Links ------------------------------------------------------------------------

TEST_F(AccountDirectoryTest, LinkGivesEachSideItsOwnView) {
  ASSERT_EQ(dir_.Link(Rel(kR1, kS1, "S1@R1", "R1@S1")), Status::Ok());

  const PartnerView* r1_view = dir_.PartnerOf(kR1, kS1);
  ASSERT_NE(r1_view, nullptr);
  EXPECT_EQ(r1_view->partner_account_id, kS1);
  EXPECT_EQ(r1_view->trading_partner_id, "S1@R1");
  EXPECT_EQ(r1_view->name, "name of 2000000001");

  const PartnerView* s1_view = dir_.PartnerOf(kS1, kR1);
  ASSERT_NE(s1_view, nullptr);
  EXPECT_EQ(s1_view->partner_account_id, kR1);
  EXPECT_EQ(s1_view->trading_partner_id, "R1@S1");
  EXPECT_EQ(s1_view->name, "name of 1000000001");
}

TEST_F(AccountDirectoryTest, ArePartnersIsSymmetricAndOnlyForLinkedPairs) {
  ASSERT_EQ(dir_.Link(Rel(kR1, kS1)), Status::Ok());
  EXPECT_TRUE(dir_.ArePartners(kR1, kS1));
  EXPECT_TRUE(dir_.ArePartners(kS1, kR1));
  EXPECT_FALSE(dir_.ArePartners(kR1, kS2));
  EXPECT_FALSE(dir_.ArePartners(kR2, kS1));
  EXPECT_FALSE(dir_.ArePartners(kR1, kR1));
  EXPECT_FALSE(dir_.ArePartners("9999999999", kS1));
  EXPECT_EQ(dir_.PartnerOf(kR2, kS1), nullptr);
}

TEST_F(AccountDirectoryTest, PartnerByTradingPartnerIdLooksInTheOwnersNamesOnly) {
  ASSERT_EQ(dir_.Link(Rel(kR1, kS1, "ACME", "BIGBOX")), Status::Ok());
  const PartnerView* v = dir_.PartnerByTradingPartnerId(kR1, "ACME");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->partner_account_id, kS1);
  const PartnerView* back = dir_.PartnerByTradingPartnerId(kS1, "BIGBOX");
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(back->partner_account_id, kR1);
  // The supplier's name for the retailer is not the retailer's name for anyone.
  EXPECT_EQ(dir_.PartnerByTradingPartnerId(kR1, "BIGBOX"), nullptr);
  EXPECT_EQ(dir_.PartnerByTradingPartnerId(kS1, "ACME"), nullptr);
  EXPECT_EQ(dir_.PartnerByTradingPartnerId(kR2, "ACME"), nullptr);
  EXPECT_EQ(dir_.PartnerByTradingPartnerId(kR1, "acme"), nullptr);
}

// An empty trading-partner id means "never gave one": it names nobody.
TEST_F(AccountDirectoryTest, EmptyTradingPartnerIdsNeverMatchAndMayRepeat) {
  ASSERT_EQ(dir_.Link(Rel(kR1, kS1, "", "")), Status::Ok());
  ASSERT_EQ(dir_.Link(Rel(kR1, kS2, "", "")), Status::Ok());
  EXPECT_EQ(dir_.PartnerByTradingPartnerId(kR1, ""), nullptr);
  EXPECT_EQ(dir_.PartnersOf(kR1).size(), 2u);
}

TEST_F(AccountDirectoryTest, PartnersOfIsOrderedByPartnerAccountId) {
  // Linked out of order on purpose.
  ASSERT_EQ(dir_.Link(Rel(kR1, kS3, "c")), Status::Ok());
  ASSERT_EQ(dir_.Link(Rel(kR1, kS1, "a")), Status::Ok());
  ASSERT_EQ(dir_.Link(Rel(kR1, kS2, "b")), Status::Ok());
  ASSERT_EQ(dir_.Link(Rel(kR2, kS2)), Status::Ok());

  std::vector<std::string> ids;
  for (const PartnerView& v : dir_.PartnersOf(kR1)) ids.push_back(v.partner_account_id);
  EXPECT_EQ(ids, (std::vector<std::string>{kS1, kS2, kS3}));

  ids.clear();
  for (const PartnerView& v : dir_.PartnersOf(kS2)) ids.push_back(v.partner_account_id);
  EXPECT_EQ(ids, (std::vector<std::string>{kR1, kR2}));
}

TEST_F(AccountDirectoryTest, PartnersOfUnlinkedOrUnknownOwnerIsEmpty) {
  EXPECT_TRUE(dir_.PartnersOf(kR1).empty());
  EXPECT_TRUE(dir_.PartnersOf("9999999999").empty());
}

TEST_F(AccountDirectoryTest, LinkRefusesUnknownRetailer) {
  ExpectLinkRefused(Rel("9999999999", kS1), StatusCode::kNotFound, "retailerAccountId");
}

TEST_F(AccountDirectoryTest, LinkRefusesUnknownSupplier) {
  ExpectLinkRefused(Rel(kR1, "9999999999"), StatusCode::kNotFound, "supplierAccountId");
}

TEST_F(AccountDirectoryTest, LinkRefusesWrongRoles) {
  ExpectLinkRefused(Rel(kS1, kS2), StatusCode::kInvalidArgument, "retailerAccountId");
  ExpectLinkRefused(Rel(kR1, kR2), StatusCode::kInvalidArgument, "supplierAccountId");
  ExpectLinkRefused(Rel(kS1, kR1), StatusCode::kInvalidArgument, "retailerAccountId");
  ExpectLinkRefused(Rel(kR1, kR1), StatusCode::kInvalidArgument, "supplierAccountId");
}

TEST_F(AccountDirectoryTest, LinkRefusesAnExistingLink) {
  ASSERT_EQ(dir_.Link(Rel(kR1, kS1, "S1@R1", "R1@S1")), Status::Ok());
  // Even with different ids and names: the first link's views are kept.
  ExpectLinkRefused(Rel(kR1, kS1, "other", "other"), StatusCode::kAlreadyExists,
                    "supplierAccountId");
  EXPECT_EQ(dir_.PartnerOf(kR1, kS1)->trading_partner_id, "S1@R1");
}

TEST_F(AccountDirectoryTest, LinkRefusesATradingPartnerIdTheRetailerAlreadyUses) {
  ASSERT_EQ(dir_.Link(Rel(kR1, kS1, "ACME")), Status::Ok());
  ExpectLinkRefused(Rel(kR1, kS2, "ACME"), StatusCode::kAlreadyExists,
                    "retailerIdForSupplier");
  EXPECT_FALSE(dir_.ArePartners(kR1, kS2));
  EXPECT_FALSE(dir_.ArePartners(kS2, kR1));
}

TEST_F(AccountDirectoryTest, LinkRefusesATradingPartnerIdTheSupplierAlreadyUses) {
  ASSERT_EQ(dir_.Link(Rel(kR1, kS1, "", "BIGBOX")), Status::Ok());
  // The retailer side is fine; the supplier side clashes: no half-made link.
  ExpectLinkRefused(Rel(kR2, kS1, "FRESH", "BIGBOX"), StatusCode::kAlreadyExists,
                    "supplierIdForRetailer");
  EXPECT_FALSE(dir_.ArePartners(kR2, kS1));
  EXPECT_FALSE(dir_.ArePartners(kS1, kR2));
  EXPECT_EQ(dir_.PartnerByTradingPartnerId(kR2, "FRESH"), nullptr);
}

TEST_F(AccountDirectoryTest, TradingPartnerIdsArePerOwner) {
  // Two retailers may both call S1 "ACME"; a supplier may reuse a retailer's string.
  ASSERT_EQ(dir_.Link(Rel(kR1, kS1, "ACME", "ACME")), Status::Ok());
  ASSERT_EQ(dir_.Link(Rel(kR2, kS1, "ACME", "R2")), Status::Ok());
  ASSERT_EQ(dir_.Link(Rel(kR2, kS2, "OTHER", "ACME")), Status::Ok());
  EXPECT_EQ(dir_.PartnerByTradingPartnerId(kR1, "ACME")->partner_account_id, kS1);
  EXPECT_EQ(dir_.PartnerByTradingPartnerId(kR2, "ACME")->partner_account_id, kS1);
  EXPECT_EQ(dir_.PartnerByTradingPartnerId(kS1, "ACME")->partner_account_id, kR1);
  EXPECT_EQ(dir_.PartnerByTradingPartnerId(kS2, "ACME")->partner_account_id, kR2);
}

TEST_F(AccountDirectoryTest, CopyIsIndependent) {
  ASSERT_EQ(dir_.Link(Rel(kR1, kS1)), Status::Ok());
  AccountDirectory copy = dir_;
  ASSERT_EQ(copy.Link(Rel(kR2, kS1)), Status::Ok());
  ASSERT_EQ(copy.AddAccount(MakeAccount("3000000001", Role::kRetailer, "c")), Status::Ok());
  EXPECT_TRUE(copy.ArePartners(kR2, kS1));
  EXPECT_FALSE(dir_.ArePartners(kR2, kS1));
  EXPECT_EQ(dir_.Find("3000000001"), nullptr);
  EXPECT_TRUE(dir_.ArePartners(kR1, kS1));
}

}  // namespace
}  // namespace dscosim
