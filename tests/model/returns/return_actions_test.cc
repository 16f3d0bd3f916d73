// Complete, Update (packages), Cancel and the portal's Acknowledge of returns — every
// rule and every refusal.
#include <gtest/gtest.h>

#include "dscosim/tests/model/returns/return_invoice_fixture.h"

namespace dscosim {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using test_support::Answer;
using test_support::Line;
using test_support::Respond;
using test_support::ReturnTest;
using test_support::State;

// ---------------------------------------------------------------------------------
// Complete

TEST_F(ReturnTest, TheOtherPartyCompletesLineByLine) {
  const Return r = Standard();
  ASSERT_TRUE(w.world.AdvanceBy(1s).ok());
  Return after = MustComplete(S1(), Respond(r.dsco_return_id, {Answer("A-1", "accepted")}));
  EXPECT_EQ(after.status(), ReturnStatus::kCreated);  // one line still open
  EXPECT_EQ(after.status_tags(), std::vector<ReturnResponse>{ReturnResponse::kAccepted});
  EXPECT_EQ(after.last_update, w.world.now());
  EXPECT_EQ(w.world.events().back().kind, "return.responded");
  EXPECT_EQ(w.world.events().back().facts, json({{"status", "created"}}));

  after = MustComplete(S1(), Respond(r.dsco_return_id, {Answer("A-2", "rejected")}));
  EXPECT_EQ(after.status(), ReturnStatus::kCompleted);
  EXPECT_EQ(after.status_tags(),
            (std::vector<ReturnResponse>{ReturnResponse::kAccepted, ReturnResponse::kRejected}));
  EXPECT_EQ(w.world.events().back().kind, "return.completed");
  EXPECT_EQ(w.world.events().back().facts, json({{"status", "completed"}}));
  const json j = store().ToJson(after);
  EXPECT_EQ(j["status"], "completed");
  EXPECT_EQ(j["statusTags"], json({"accepted", "rejected"}));
  EXPECT_EQ(j["lineItems"][0]["response"], "accepted");
  EXPECT_EQ(j["lineItems"][0]["completedBy"], S1());
  EXPECT_EQ(j["lineItems"][0]["completedByTradingPartnerId"], "S1@R1");  // R1's id for S1
  EXPECT_EQ(j["lineItems"][1]["response"], "rejected");
}

TEST_F(ReturnTest, CompleteByPartnerReturnNumberNeedsTheCreatorsAccount) {
  const Return r = Standard();
  json body = {{"partnerReturnNumber", "RET-1"}, {"lineItems", {Answer("A-1", "accepted")}}};
  EXPECT_RI_REFUSED(w.world, store().Complete(S1(), body), StatusCode::kInvalidArgument,
                    "dscoAccountId");
  body["dscoTradingPartnerId"] = "R1@S1";
  EXPECT_EQ(MustComplete(S1(), body).lines[0].response, ReturnResponse::kAccepted);
  body = {{"partnerReturnNumber", "RET-1"},
          {"dscoAccountId", R1()},
          {"lineItems", {Answer("A-2", "accepted")}}};
  EXPECT_EQ(MustComplete(S1(), body).status(), ReturnStatus::kCompleted);
  body["partnerReturnNumber"] = "RET-404";
  EXPECT_RI_REFUSED(w.world, store().Complete(S1(), body), StatusCode::kNotFound,
                    "partnerReturnNumber");
  EXPECT_RI_REFUSED(w.world, store().Complete(S1(), {{"lineItems", {Answer("A-1", "accepted")}}}),
                    StatusCode::kInvalidArgument, "dscoReturnId");
  (void)r;
}

TEST_F(ReturnTest, TheResponderNumberIsSavedTheFirstTime) {
  const Return r = Standard();
  json body = Respond(r.dsco_return_id, {Answer("A-1", "accepted")});
  body["returnNumber"] = "S1-RMA-7";
  MustComplete(S1(), body);
  body["returnNumber"] = "S1-RMA-8";
  body["lineItems"] = json::array({Answer("A-2", "accepted")});
  const Return done = MustComplete(S1(), body);
  EXPECT_EQ(done.responder_number, "S1-RMA-7");
  EXPECT_EQ(done.supplier_return_number(), "S1-RMA-7");
  EXPECT_EQ(done.retailer_return_number(), "RET-1");
  EXPECT_EQ(store().FindByNumber(S1(), "S1-RMA-7"), store().Find(r.dsco_return_id));
  EXPECT_EQ(store().FindByNumber(S1(), "S1-RMA-8"), nullptr);
  // Each side reads its own number as returnNumber, the other's as partnerReturnNumber.
  const json mine = store().ToJson(done, S1());
  EXPECT_EQ(mine["returnNumber"], "S1-RMA-7");
  EXPECT_EQ(mine["partnerReturnNumber"], "RET-1");
  const json theirs = store().ToJson(done, R1());
  EXPECT_EQ(theirs["returnNumber"], "RET-1");
  EXPECT_EQ(theirs["partnerReturnNumber"], "S1-RMA-7");
  EXPECT_EQ(store().ToJson(done), theirs);  // the neutral view is the initiator's
}

TEST_F(ReturnTest, TheResponderNumberMustBeFreeForTheResponder) {
  const Return r = Standard();
  MustCreate(S1(), {{"returnNumber", "S-OWN"},
                    {"dscoOrderId", order.dsco_order_id},
                    {"lineItems", {Line("A-1", 1)}}});
  json body = Respond(r.dsco_return_id, {Answer("A-1", "accepted")});
  body["returnNumber"] = "S-OWN";
  EXPECT_RI_REFUSED(w.world, store().Complete(S1(), body), StatusCode::kAlreadyExists,
                    "returnNumber");
}

TEST_F(ReturnTest, OnlyTheOtherPartyCompletes) {
  const Return r = Standard();
  const json body = Respond(r.dsco_return_id, {Answer("A-1", "accepted")});
  EXPECT_RI_REFUSED(w.world, store().Complete(R1(), body), StatusCode::kPermissionDenied, "");
  // Outsiders: exactly like a missing id.
  const Status outsider = store().Complete(R2(), body).status();
  EXPECT_EQ(outsider.code(), StatusCode::kNotFound);
  EXPECT_EQ(outsider.field(), "dscoReturnId");
  EXPECT_EQ(outsider.message(), "no return " + r.dsco_return_id + " is visible to you");
  EXPECT_RI_REFUSED(w.world, store().Complete(S2(), body), StatusCode::kNotFound, "dscoReturnId");
}

TEST_F(ReturnTest, CompleteRefusals) {
  const Return r = Standard();
  const std::string id = r.dsco_return_id;
  EXPECT_RI_REFUSED(w.world, store().Complete(S1(), Respond(id, {{{"sku", "A-1"}}})),
                    StatusCode::kInvalidArgument, "lineItems[0].response");
  EXPECT_RI_REFUSED(w.world, store().Complete(S1(), Respond(id, {Answer("A-1", "maybe")})),
                    StatusCode::kInvalidArgument, "lineItems[0].response");
  EXPECT_RI_REFUSED(w.world, store().Complete(S1(), Respond(id, {})), StatusCode::kInvalidArgument,
                    "lineItems");
  EXPECT_RI_REFUSED(w.world, store().Complete(S1(), Respond(id, {Answer("A-3", "accepted")})),
                    StatusCode::kNotFound, "lineItems[0].sku");  // A-3 is not on the return
  EXPECT_RI_REFUSED(
      w.world,
      store().Complete(S1(), Respond(id, {Answer("A-1", "accepted"), Answer("A-1", "accepted")})),
      StatusCode::kInvalidArgument, "lineItems[1]");
  json body = Respond(id, {Answer("A-1", "accepted")});
  body["restockingCharge"] = "ten";
  EXPECT_RI_REFUSED(w.world, store().Complete(S1(), body), StatusCode::kInvalidArgument,
                    "restockingCharge");
  // A failure in the second line leaves the first unanswered.
  EXPECT_RI_REFUSED(
      w.world,
      store().Complete(S1(), Respond(id, {Answer("A-1", "accepted"), Answer("B-2", "accepted")})),
      StatusCode::kNotFound, "lineItems[1].sku");
}

TEST_F(ReturnTest, AResponseIsFinalButMayBeRepeated) {
  const Return r = Standard();
  MustComplete(S1(), Respond(r.dsco_return_id, {Answer("A-1", "accepted")}));
  EXPECT_RI_REFUSED(w.world,
                    store().Complete(S1(), Respond(r.dsco_return_id, {Answer("A-1", "rejected")})),
                    StatusCode::kFailedPrecondition, "lineItems[0].response");
  const std::string before = State(w.world);
  MustComplete(S1(), Respond(r.dsco_return_id, {Answer("A-1", "accepted")}));
  EXPECT_EQ(State(w.world), before);  // nothing new: no event, no lastUpdate
}

TEST_F(ReturnTest, ResponderFieldsAreKept) {
  const Return r = Standard();
  json body = Respond(r.dsco_return_id, {Answer("A-1", "rejected")});
  body["responseReason"] = "Item was used";
  body["restockingCharge"] = 4.5;
  const json j = store().ToJson(MustComplete(S1(), body));
  EXPECT_EQ(j["responseReason"], "Item was used");
  EXPECT_EQ(j["restockingCharge"], 4.5);
}

// ---------------------------------------------------------------------------------
// Update (packages)

TEST_F(ReturnTest, TheSupplierAddsAndReplacesPackages) {
  const Return r = Standard();
  json body = {{"dscoReturnId", r.dsco_return_id},
               {"packages",
                {{{"trackingNumber", "1Z1"},
                  {"carrier", "UPS"},
                  {"receiptDate", "2026-01-06T10:00:00Z"},
                  {"lineItems", {{{"sku", "A-1"}, {"quantity", 1}}}}}}}};
  auto updated = store().Update(S1(), body);
  ASSERT_TRUE(updated.ok()) << updated.status();
  ASSERT_EQ(updated->packages.size(), 1u);
  EXPECT_EQ(w.world.events().back().kind, "return.packages_updated");
  json j = store().ToJson(*updated);
  EXPECT_EQ(j["packages"][0]["trackingNumber"], "1Z1");
  EXPECT_EQ(j["packages"][0]["carrier"], "UPS");
  EXPECT_EQ(j["packages"][0]["lineItems"][0]["lineNumber"], 1);
  EXPECT_EQ(j["packages"][0]["lineItems"][0]["quantity"], 1);
  EXPECT_EQ(j["trackingNumbers"], json({"1Z1"}));

  // The same tracking number replaces the package; a new one is added.
  body["packages"] = {
      {{"trackingNumber", "1Z1"}, {"lineItems", {{{"sku", "A-1"}, {"quantity", 2}}}}},
      {{"trackingNumber", "1Z2"}, {"lineItems", {{{"sku", "A-2"}, {"quantity", 1}}}}}};
  updated = store().Update(S1(), body);
  ASSERT_TRUE(updated.ok()) << updated.status();
  ASSERT_EQ(updated->packages.size(), 2u);
  EXPECT_EQ(updated->packages[0].lines[0].quantity, 2);
  EXPECT_FALSE(updated->packages[0].given.contains("carrier"));
  EXPECT_EQ(store().ToJson(*updated)["trackingNumbers"], json({"1Z1", "1Z2"}));
  // Sending the same again changes nothing.
  const std::string before = State(w.world);
  EXPECT_TRUE(store().Update(S1(), body).ok());
  EXPECT_EQ(State(w.world), before);
}

TEST_F(ReturnTest, UpdateRefusals) {
  const Return r = Standard();
  const auto pkg = [&](json lines, std::string tracking = "1Z1") {
    return json{{"dscoReturnId", r.dsco_return_id},
                {"packages", {{{"trackingNumber", tracking}, {"lineItems", lines}}}}};
  };
  const json one = {{{"sku", "A-1"}, {"quantity", 1}}};
  EXPECT_RI_REFUSED(w.world, store().Update(R1(), pkg(one)), StatusCode::kPermissionDenied, "");
  EXPECT_RI_REFUSED(w.world, store().Update(S1(), json{{"dscoReturnId", r.dsco_return_id}}),
                    StatusCode::kInvalidArgument, "packages");
  EXPECT_RI_REFUSED(w.world, store().Update(S1(), pkg(one, "")), StatusCode::kInvalidArgument,
                    "packages[0].trackingNumber");
  EXPECT_RI_REFUSED(w.world, store().Update(S1(), pkg(json::array())), StatusCode::kInvalidArgument,
                    "packages[0].lineItems");
  EXPECT_RI_REFUSED(w.world, store().Update(S1(), pkg({{{"sku", "A-1"}}})),
                    StatusCode::kInvalidArgument, "packages[0].lineItems[0].quantity");
  EXPECT_RI_REFUSED(w.world, store().Update(S1(), pkg({{{"sku", "A-1"}, {"quantity", 3}}})),
                    StatusCode::kInvalidArgument, "packages[0].lineItems[0].quantity");
  EXPECT_RI_REFUSED(w.world, store().Update(S1(), pkg({{{"sku", "A-3"}, {"quantity", 1}}})),
                    StatusCode::kNotFound, "packages[0].lineItems[0].sku");
  EXPECT_RI_REFUSED(w.world,
                    store().Update(S1(), pkg({{{"sku", "A-1"}, {"quantity", 1}},
                                              {{"sku", "A-1"}, {"quantity", 1}}})),
                    StatusCode::kInvalidArgument, "packages[0].lineItems[1]");
  json twice = pkg(one);
  twice["packages"].push_back(twice["packages"][0]);
  EXPECT_RI_REFUSED(w.world, store().Update(S1(), twice), StatusCode::kInvalidArgument,
                    "packages[1].trackingNumber");
  // Two packages that together hold more than the line returns.
  json split = pkg(one);
  split["packages"].push_back(
      {{"trackingNumber", "1Z2"}, {"lineItems", {{{"sku", "A-1"}, {"quantity", 2}}}}});
  EXPECT_RI_REFUSED(w.world, store().Update(S2(), split), StatusCode::kNotFound, "dscoReturnId");
  EXPECT_RI_REFUSED(w.world, store().Update(S1(), split), StatusCode::kInvalidArgument,
                    "packages[0].lineItems[0].quantity");
}

TEST_F(ReturnTest, TheSupplierNamesItsOwnReturnByItsNumber) {
  const Return r = MustCreate(S1(), {{"returnNumber", "S-7"},
                                     {"dscoOrderId", order.dsco_order_id},
                                     {"lineItems", {Line("A-1", 1)}}});
  const json body = {
      {"returnNumber", "S-7"},
      {"packages",
       {{{"trackingNumber", "1Z"}, {"lineItems", {{{"sku", "A-1"}, {"quantity", 1}}}}}}}};
  auto updated = store().Update(S1(), body);
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->dsco_return_id, r.dsco_return_id);
  json unknown = body;
  unknown["returnNumber"] = "S-8";
  EXPECT_RI_REFUSED(w.world, store().Update(S1(), unknown), StatusCode::kNotFound, "returnNumber");
}

// ---------------------------------------------------------------------------------
// Cancel and acknowledge

TEST_F(ReturnTest, TheInitiatorCancels) {
  const Return r = MustCreate(S1(), {{"returnNumber", "S-7"},
                                     {"dscoOrderId", order.dsco_order_id},
                                     {"lineItems", {Line("A-1", 1)}}});
  ASSERT_TRUE(store()
                  .Update(S1(), {{"dscoReturnId", r.dsco_return_id},
                                 {"packages",
                                  {{{"trackingNumber", "1Z"},
                                    {"lineItems", {{{"sku", "A-1"}, {"quantity", 1}}}}}}}})
                  .ok());
  EXPECT_RI_REFUSED(w.world, store().Cancel(R1(), {{"dscoReturnId", r.dsco_return_id}}),
                    StatusCode::kPermissionDenied, "");
  EXPECT_RI_REFUSED(w.world, store().Cancel(R2(), {{"dscoReturnId", r.dsco_return_id}}),
                    StatusCode::kNotFound, "dscoReturnId");
  ASSERT_TRUE(w.world.AdvanceBy(1s).ok());
  auto cancelled = store().Cancel(S1(), {{"returnNumber", "S-7"}});
  ASSERT_TRUE(cancelled.ok()) << cancelled.status();
  EXPECT_EQ(cancelled->cancelled, w.world.now());
  EXPECT_TRUE(cancelled->packages.empty());
  EXPECT_EQ(cancelled->status(), ReturnStatus::kCreated);
  const json j = store().ToJson(*cancelled);
  EXPECT_EQ(j["cancelled"], true);
  EXPECT_EQ(j["cancelDate"], FormatIso8601(w.world.now()));
  EXPECT_EQ(j["status"], "created");
  EXPECT_EQ(j["trackingNumbers"], json::array());
  EXPECT_EQ(w.world.events().back().kind, "return.cancelled");
  EXPECT_EQ(w.world.events().back().facts, json({{"status", "created"}, {"cancelled", true}}));
  // Repeating is harmless; nothing else may touch it.
  const std::string before = State(w.world);
  EXPECT_TRUE(store().Cancel(S1(), {{"dscoReturnId", r.dsco_return_id}}).ok());
  EXPECT_EQ(State(w.world), before);
  EXPECT_RI_REFUSED(w.world,
                    store().Complete(R1(), Respond(r.dsco_return_id, {Answer("A-1", "accepted")})),
                    StatusCode::kFailedPrecondition, "");
  EXPECT_RI_REFUSED(
      w.world,
      store().Update(
          S1(),
          {{"dscoReturnId", r.dsco_return_id},
           {"packages",
            {{{"trackingNumber", "1Z"}, {"lineItems", {{{"sku", "A-1"}, {"quantity", 1}}}}}}}}),
      StatusCode::kFailedPrecondition, "");
  EXPECT_RI_REFUSED(w.world, store().Acknowledge(R1(), r.dsco_return_id),
                    StatusCode::kFailedPrecondition, "");
}

TEST_F(ReturnTest, NoCancelOnceTheOtherPartyResponded) {
  const Return r = Standard();
  MustComplete(S1(), Respond(r.dsco_return_id, {Answer("A-1", "accepted")}));
  EXPECT_RI_REFUSED(w.world, store().Cancel(R1(), {{"dscoReturnId", r.dsco_return_id}}),
                    StatusCode::kFailedPrecondition, "");
  EXPECT_RI_REFUSED(w.world, store().Cancel(R1(), json::object()), StatusCode::kInvalidArgument,
                    "dscoReturnId");
}

TEST_F(ReturnTest, ThePortalAcknowledgesForTheResponder) {
  const Return r = Standard();
  EXPECT_RI_REFUSED(w.world, store().Acknowledge(R1(), r.dsco_return_id),
                    StatusCode::kPermissionDenied, "");
  EXPECT_RI_REFUSED(w.world, store().Acknowledge(R2(), r.dsco_return_id), StatusCode::kNotFound,
                    "dscoReturnId");
  auto acked = store().Acknowledge(S1(), r.dsco_return_id);
  ASSERT_TRUE(acked.ok()) << acked.status();
  EXPECT_EQ(acked->status(), ReturnStatus::kAcknowledged);
  EXPECT_EQ(w.world.events().back().facts, json({{"status", "acknowledged"}}));
  MustComplete(S1(), Respond(r.dsco_return_id, {Answer("A-1", "accepted")}));
  EXPECT_EQ(store().Find(r.dsco_return_id)->status(), ReturnStatus::kAcknowledged);
  MustComplete(S1(), Respond(r.dsco_return_id, {Answer("A-2", "accepted")}));
  EXPECT_EQ(store().Find(r.dsco_return_id)->status(), ReturnStatus::kCompleted);
  EXPECT_RI_REFUSED(w.world, store().Acknowledge(S1(), r.dsco_return_id),
                    StatusCode::kFailedPrecondition, "");
}

}  // namespace
}  // namespace dscosim
