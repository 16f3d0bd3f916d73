#include "dscosim/model/core/status.h"

#include <memory>
#include <sstream>
#include <string>
#include <utility>

#include <gtest/gtest.h>

namespace dscosim {
namespace {

TEST(StatusTest, DefaultIsOkWithNoFieldOrMessage) {
  const Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.field(), "");
  EXPECT_EQ(s.message(), "");
  EXPECT_EQ(s.ToString(), "ok");
  EXPECT_EQ(Status::Ok(), s);
}

TEST(StatusTest, KeepsCodeFieldAndMessage) {
  const Status s(StatusCode::kInvalidArgument, "title", "must be at most 50 characters");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "title");
  EXPECT_EQ(s.message(), "must be at most 50 characters");
}

TEST(StatusTest, ToStringIncludesFieldWhenPresent) {
  EXPECT_EQ(InvalidArgument("title", "must be at most 50 characters").ToString(),
            "invalid_argument: title: must be at most 50 characters");
  EXPECT_EQ(NotFound("context.lineItem.upc", "no such item").ToString(),
            "not_found: context.lineItem.upc: no such item");
}

TEST(StatusTest, ToStringOmitsEmptyField) {
  EXPECT_EQ(Unavailable("try again later").ToString(), "unavailable: try again later");
  EXPECT_EQ(Status(StatusCode::kFailedPrecondition, "", "closed").ToString(),
            "failed_precondition: closed");
}

TEST(StatusTest, StreamOperatorPrintsToString) {
  std::ostringstream os;
  os << AlreadyExists("retailerReferenceId", "taken");
  EXPECT_EQ(os.str(), "already_exists: retailerReferenceId: taken");
}

// The names appear in text/plain error bodies and tests: they are part of the API.
TEST(StatusTest, CodeNamesAreStable) {
  EXPECT_EQ(StatusCodeName(StatusCode::kOk), "ok");
  EXPECT_EQ(StatusCodeName(StatusCode::kInvalidArgument), "invalid_argument");
  EXPECT_EQ(StatusCodeName(StatusCode::kNotFound), "not_found");
  EXPECT_EQ(StatusCodeName(StatusCode::kAlreadyExists), "already_exists");
  EXPECT_EQ(StatusCodeName(StatusCode::kFailedPrecondition), "failed_precondition");
  EXPECT_EQ(StatusCodeName(StatusCode::kPermissionDenied), "permission_denied");
  EXPECT_EQ(StatusCodeName(StatusCode::kUnauthenticated), "unauthenticated");
  EXPECT_EQ(StatusCodeName(StatusCode::kResourceExhausted), "resource_exhausted");
  EXPECT_EQ(StatusCodeName(StatusCode::kUnavailable), "unavailable");
  EXPECT_EQ(StatusCodeName(StatusCode::kTooLarge), "too_large");
}

TEST(StatusTest, HelpersSetCodeAndField) {
  EXPECT_EQ(InvalidArgument("a", "m"), Status(StatusCode::kInvalidArgument, "a", "m"));
  EXPECT_EQ(NotFound("b", "m"), Status(StatusCode::kNotFound, "b", "m"));
  EXPECT_EQ(AlreadyExists("c", "m"), Status(StatusCode::kAlreadyExists, "c", "m"));
  EXPECT_EQ(FailedPrecondition("d", "m"), Status(StatusCode::kFailedPrecondition, "d", "m"));
  EXPECT_EQ(PermissionDenied("e", "m"), Status(StatusCode::kPermissionDenied, "e", "m"));
  EXPECT_EQ(TooLarge("f", "m"), Status(StatusCode::kTooLarge, "f", "m"));
}

TEST(StatusTest, FieldlessHelpersHaveEmptyField) {
  EXPECT_EQ(Unauthenticated("m"), Status(StatusCode::kUnauthenticated, "", "m"));
  EXPECT_EQ(ResourceExhausted("m"), Status(StatusCode::kResourceExhausted, "", "m"));
  EXPECT_EQ(Unavailable("m"), Status(StatusCode::kUnavailable, "", "m"));
}

TEST(StatusTest, EqualityComparesCodeFieldAndMessage) {
  const Status base = InvalidArgument("title", "too long");
  EXPECT_EQ(base, InvalidArgument("title", "too long"));
  EXPECT_NE(base, NotFound("title", "too long"));
  EXPECT_NE(base, InvalidArgument("type", "too long"));
  EXPECT_NE(base, InvalidArgument("title", "too short"));
}

TEST(ResultTest, HoldsAValue) {
  Result<int> r(42);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.status(), Status::Ok());
  EXPECT_EQ(r.value(), 42);
  EXPECT_EQ(*r, 42);
  *r = 7;
  EXPECT_EQ(r.value(), 7);
}

TEST(ResultTest, ArrowReachesTheValue) {
  const Result<std::string> r(std::string("hello"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), 5u);
}

TEST(ResultTest, HoldsAnError) {
  const Result<int> r(NotFound("dscoConversationId", "no such conversation"));
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(r.status().field(), "dscoConversationId");
  EXPECT_EQ(r.status().message(), "no such conversation");
}

TEST(ResultTest, MovesAMoveOnlyValueOut) {
  Result<std::unique_ptr<int>> r(std::make_unique<int>(5));
  ASSERT_TRUE(r.ok());
  const std::unique_ptr<int> p = std::move(r).value();
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(*p, 5);
}

TEST(ResultDeathTest, ConstructingFromOkStatusAborts) {
  EXPECT_DEATH(
      {
        const Result<int> r{Status::Ok()};
        static_cast<void>(r);
      },
      "");
}

// --- Macros -----------------------------------------------------------------------

Status Check(bool ok, int* calls) {
  ++*calls;
  return ok ? Status::Ok() : InvalidArgument("x", "bad");
}

Status TwoChecks(bool first_ok, bool second_ok, int* calls, bool* reached_end) {
  DSCOSIM_RETURN_IF_ERROR(Check(first_ok, calls));
  DSCOSIM_RETURN_IF_ERROR(Check(second_ok, calls));
  *reached_end = true;
  return Status::Ok();
}

TEST(StatusMacroTest, ReturnIfErrorContinuesOnOk) {
  int calls = 0;
  bool reached_end = false;
  EXPECT_EQ(TwoChecks(true, true, &calls, &reached_end), Status::Ok());
  EXPECT_EQ(calls, 2);
  EXPECT_TRUE(reached_end);
}

TEST(StatusMacroTest, ReturnIfErrorReturnsTheFirstErrorAndStops) {
  int calls = 0;
  bool reached_end = false;
  EXPECT_EQ(TwoChecks(false, true, &calls, &reached_end), InvalidArgument("x", "bad"));
  EXPECT_EQ(calls, 1);  // evaluated once, and the second check never ran
  EXPECT_FALSE(reached_end);
}

Result<int> Half(int n) {
  if (n % 2 != 0) return InvalidArgument("n", "odd: " + std::to_string(n));
  return n / 2;
}

// Two ASSIGN_OR_RETURNs in one function must not clash (distinct hidden names).
Result<int> Quarter(int n) {
  DSCOSIM_ASSIGN_OR_RETURN(const int half, Half(n));
  DSCOSIM_ASSIGN_OR_RETURN(const int quarter, Half(half));
  return quarter;
}

TEST(StatusMacroTest, AssignOrReturnAssignsValues) {
  const Result<int> r = Quarter(12);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), 3);
}

TEST(StatusMacroTest, AssignOrReturnPropagatesTheError) {
  const Result<int> first = Quarter(7);
  EXPECT_EQ(first.status(), InvalidArgument("n", "odd: 7"));
  const Result<int> second = Quarter(6);  // 6 -> 3 -> odd
  EXPECT_EQ(second.status(), InvalidArgument("n", "odd: 3"));
}

Status AssignToExisting(int n, int* out) {
  int value = -1;
  DSCOSIM_ASSIGN_OR_RETURN(value, Half(n));
  *out = value;
  return Status::Ok();
}

TEST(StatusMacroTest, AssignOrReturnWorksWithAnExistingVariable) {
  int out = 0;
  EXPECT_EQ(AssignToExisting(10, &out), Status::Ok());
  EXPECT_EQ(out, 5);
  out = 0;
  EXPECT_EQ(AssignToExisting(9, &out).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(out, 0);
}

Result<std::unique_ptr<int>> MakeBox(int v) { return std::make_unique<int>(v); }

Result<int> Unbox(int v) {
  DSCOSIM_ASSIGN_OR_RETURN(std::unique_ptr<int> box, MakeBox(v));
  return *box;
}

TEST(StatusMacroTest, AssignOrReturnMovesMoveOnlyValues) {
  const Result<int> r = Unbox(9);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), 9);
}

}  // namespace
}  // namespace dscosim
