// Complete, Update (packages), Cancel and the portal's Acknowledge.
#include <algorithm>
#include <map>
#include <utility>

#include "dscosim/model/core/field_rules.h"
#include "dscosim/model/returns/return_store.h"

namespace dscosim {
namespace {

constexpr std::string_view kResponses[] = {"accepted", "rejected"};

constexpr FieldRule kLocateRules[] = {
    {.key = "partnerReturnNumber", .non_empty = true},
    {.key = "returnNumber", .non_empty = true},
    {.key = "dscoTradingPartnerId", .non_empty = true},
};

constexpr FieldRule kCompleteRules[] = {
    {.key = "responseReason"},
    {.key = "restockingCharge", .type = FieldType::kNumber, .minimum = 0.0},
    {.key = "transactionId"},
    {.key = "transactionDate", .type = FieldType::kDateTime},
    {.key = "returnTrackingNumber"},
};

constexpr FieldRule kCompleteLineRules[] = {
    {.key = "response", .required = true, .allowed = kResponses},
    // Deprecated on complete; checked for type only, otherwise ignored.
    {.key = "quantity", .type = FieldType::kInteger},
    {.key = "reasonCode"},
};

constexpr FieldRule kUpdateRules[] = {
    {.key = "transactionId"},
    {.key = "transactionDate", .type = FieldType::kDateTime},
};

constexpr FieldRule kPackageRules[] = {
    {.key = "trackingNumber", .required = true},
    {.key = "receiptDate", .type = FieldType::kDateTime},
    {.key = "carrier"},
    {.key = "method"},
};

constexpr FieldRule kPackageLineRules[] = {
    {.key = "quantity", .type = FieldType::kInteger, .required = true, .minimum = 1.0},
    {.key = "adjustments", .type = FieldType::kNumberMap},
    {.key = "serialNumbers", .type = FieldType::kStringArray},
};

// The responder's fields that Complete and Update keep (the latest value given wins).
constexpr std::string_view kResponderFields[] = {
    "responseReason", "restockingCharge", "transactionId", "transactionDate"};

constexpr std::string_view kOwnedPackageFields[] = {"trackingNumber", "lineItems"};
constexpr std::string_view kOwnedPackageLineFields[] = {
    "quantity", "lineNumber", "completedBy", "completedByTradingPartnerId", "name",
    "retailerItemIds"};

// Copies the responder fields `body` gives into `response`; true when one changed.
bool MergeResponderFields(const Json& body, Json& response) {
  bool changed = false;
  for (const std::string_view key : kResponderFields) {
    const auto it = body.find(key);
    if (it == body.end() || it->is_null()) continue;
    const std::string k(key);
    if (!response.contains(k) || response[k] != *it) {
      response[k] = *it;
      changed = true;
    }
  }
  return changed;
}

}  // namespace

Result<Return*> ReturnStore::Locate(std::string_view caller, const Json& body,
                                    bool return_number_identifies) {
  DSCOSIM_RETURN_IF_ERROR(CheckFields(body, "", kLocateRules));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> id,
                           OptNonEmptyId(body, "dscoReturnId"));
  if (id) {
    const auto it = returns_.find(*id);
    if (it == returns_.end() || !it->second.has_party(caller)) {
      return NotFound("dscoReturnId", "no return " + *id + " is visible to you");
    }
    return &it->second;
  }
  const auto by_number = [&](std::string_view account, std::string_view number) -> Return* {
    const auto it = by_number_.find(NumberKey(account, number));
    if (it == by_number_.end()) return nullptr;
    Return& ret = returns_.at(it->second);
    return ret.has_party(caller) ? &ret : nullptr;
  };
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> partner_number,
                           OptString(body, "partnerReturnNumber"));
  if (partner_number) {
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> partner,
                             PartnerNamedIn(caller, body));
    if (!partner) {
      // The initiator may name its own return by its number without an account id.
      Return* ret = by_number(caller, *partner_number);
      if (ret != nullptr && ret->initiator_id() == caller) return ret;
      return InvalidArgument("dscoAccountId",
                             "partnerReturnNumber needs dscoAccountId or dscoTradingPartnerId "
                             "naming the party that created the return, unless you created it");
    }
    // The partner's number for the return; leniently, also the caller's own number for
    // a return with that partner.
    Return* ret = by_number(*partner, *partner_number);
    if (ret == nullptr) {
      ret = by_number(caller, *partner_number);
      if (ret != nullptr && !ret->has_party(*partner)) ret = nullptr;
    }
    if (ret == nullptr) {
      return NotFound("partnerReturnNumber",
                      "no return numbered " + *partner_number + " is visible to you");
    }
    return ret;
  }
  if (return_number_identifies) {
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> number,
                             OptString(body, "returnNumber"));
    if (number) {
      Return* ret = by_number(caller, *number);
      if (ret == nullptr) {
        return NotFound("returnNumber", "you have no return numbered " + *number);
      }
      return ret;
    }
  }
  return InvalidArgument("dscoReturnId",
                         std::string("name the return: dscoReturnId, or partnerReturnNumber with "
                                     "dscoAccountId or dscoTradingPartnerId") +
                             (return_number_identifies ? ", or your returnNumber" : ""));
}

Result<Return> ReturnStore::Complete(std::string_view caller, const Json& body) {
  DSCOSIM_RETURN_IF_ERROR(CheckCaller(caller));
  DSCOSIM_RETURN_IF_ERROR(RequireObject(body, ""));
  DSCOSIM_RETURN_IF_ERROR(CheckJsonUtf8(body, ""));
  DSCOSIM_RETURN_IF_ERROR(CheckFields(body, "", kCompleteRules));
  DSCOSIM_ASSIGN_OR_RETURN(const Json* items, NonEmptyArray(body, "lineItems", "", true));
  std::vector<LineRef> refs;
  std::vector<ReturnResponse> responses;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string path = IndexPath("lineItems", i);
    DSCOSIM_RETURN_IF_ERROR(CheckFields((*items)[i], path, kCompleteLineRules));
    DSCOSIM_ASSIGN_OR_RETURN(LineRef ref,
                             ReadLineRef((*items)[i], path, DscoItemIdSpelling::kItemId));
    refs.push_back(std::move(ref));
    DSCOSIM_ASSIGN_OR_RETURN(const ReturnResponse response,
                             ParseReturnResponse((*items)[i].at("response").get<std::string>(),
                                                 JoinPath(path, "response")));
    responses.push_back(response);
  }
  DSCOSIM_ASSIGN_OR_RETURN(Return * ret, Locate(caller, body, /*return_number_identifies=*/false));
  if (caller == ret->initiator_id()) {
    return PermissionDenied(
        "", "return " + ret->dsco_return_id + " is yours: only the other party completes it");
  }
  if (ret->is_cancelled()) {
    return FailedPrecondition("", "return " + ret->dsco_return_id + " was cancelled");
  }

  // Every check first; then apply.
  const std::vector<LineKey> keys = KeysOf(*ret);
  const std::string what = "return " + ret->dsco_return_id;
  std::vector<std::size_t> targets;
  for (std::size_t i = 0; i < refs.size(); ++i) {
    const std::string path = IndexPath("lineItems", i);
    DSCOSIM_ASSIGN_OR_RETURN(const std::size_t index,
                             MatchLine(keys, refs[i], path, DscoItemIdSpelling::kItemId, what));
    if (const auto dup = std::find(targets.begin(), targets.end(), index); dup != targets.end()) {
      return InvalidArgument(
          path, "names the same return line as " +
                    IndexPath("lineItems", static_cast<std::size_t>(dup - targets.begin())));
    }
    const ReturnLine& line = ret->lines[index];
    if (line.response && *line.response != responses[i]) {
      return FailedPrecondition(
          JoinPath(path, "response"),
          "line " + std::to_string(line.item.line_number) + " of " + what + " was already " +
              std::string(ReturnResponseName(*line.response)) + "; a response is final");
    }
    targets.push_back(index);
  }
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> number,
                           OptString(body, "returnNumber"));
  const bool saves_number = number && !ret->responder_number;
  if (saves_number) {
    if (const Return* other = FindByNumber(caller, *number)) {
      return AlreadyExists("returnNumber", "you already use return number " + *number +
                                               " for return " + other->dsco_return_id);
    }
  }

  const ReturnStatus before = ret->status();
  bool changed = false;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    ReturnLine& line = ret->lines[targets[i]];
    if (line.response) continue;
    line.response = responses[i];
    line.completed_by = std::string(caller);
    changed = true;
  }
  if (saves_number) {
    ret->responder_number = *number;
    by_number_[NumberKey(caller, *number)] = ret->dsco_return_id;
    changed = true;
  }
  changed = MergeResponderFields(body, ret->response) || changed;
  if (changed) {
    ret->last_update = now();
    const bool completed_now =
        before != ReturnStatus::kCompleted && ret->status() == ReturnStatus::kCompleted;
    Publish(*ret, caller, completed_now ? "return.completed" : "return.responded");
  }
  return *ret;
}

Result<Return> ReturnStore::Update(std::string_view caller, const Json& body) {
  DSCOSIM_RETURN_IF_ERROR(CheckCaller(caller));
  if (services_->accounts->Find(caller)->role != Role::kSupplier) {
    return PermissionDenied("", "only suppliers add return packages");
  }
  DSCOSIM_RETURN_IF_ERROR(RequireObject(body, ""));
  DSCOSIM_RETURN_IF_ERROR(CheckJsonUtf8(body, ""));
  DSCOSIM_RETURN_IF_ERROR(CheckFields(body, "", kUpdateRules));
  DSCOSIM_ASSIGN_OR_RETURN(const Json* packages, NonEmptyArray(body, "packages", "", true));
  std::vector<std::vector<LineRef>> refs(packages->size());
  for (std::size_t p = 0; p < packages->size(); ++p) {
    const std::string path = IndexPath("packages", p);
    const Json& package = (*packages)[p];
    DSCOSIM_RETURN_IF_ERROR(CheckFields(package, path, kPackageRules));
    for (std::size_t q = 0; q < p; ++q) {
      if ((*packages)[q].at("trackingNumber") == package.at("trackingNumber")) {
        return InvalidArgument(JoinPath(path, "trackingNumber"),
                               "repeats the tracking number of " + IndexPath("packages", q));
      }
    }
    DSCOSIM_ASSIGN_OR_RETURN(const Json* lines, NonEmptyArray(package, "lineItems", path, true));
    for (std::size_t i = 0; i < lines->size(); ++i) {
      const std::string line_path = IndexPath(JoinPath(path, "lineItems"), i);
      DSCOSIM_RETURN_IF_ERROR(CheckFields((*lines)[i], line_path, kPackageLineRules));
      DSCOSIM_ASSIGN_OR_RETURN(LineRef ref,
                               ReadLineRef((*lines)[i], line_path, DscoItemIdSpelling::kItemId));
      refs[p].push_back(std::move(ref));
    }
  }
  DSCOSIM_ASSIGN_OR_RETURN(Return * ret, Locate(caller, body, /*return_number_identifies=*/true));
  if (ret->is_cancelled()) {
    return FailedPrecondition("", "return " + ret->dsco_return_id + " was cancelled");
  }

  const std::vector<LineKey> keys = KeysOf(*ret);
  const std::string what = "return " + ret->dsco_return_id;
  std::vector<ReturnPackage> next = ret->packages;
  // Where each return line is first touched in the body, to blame an over-full line.
  std::map<std::int64_t, std::string> blame;
  for (std::size_t p = 0; p < packages->size(); ++p) {
    const Json& given = (*packages)[p];
    ReturnPackage package;
    package.tracking_number = given.at("trackingNumber").get<std::string>();
    package.given = WithoutKeys(given, kOwnedPackageFields);
    const Json& lines = given.at("lineItems");
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::string path = IndexPath(JoinPath(IndexPath("packages", p), "lineItems"), i);
      DSCOSIM_ASSIGN_OR_RETURN(
          const std::size_t index,
          MatchLine(keys, refs[p][i], path, DscoItemIdSpelling::kItemId, what));
      const std::int64_t line_number = keys[index].line_number;
      for (const ReturnPackageLine& earlier : package.lines) {
        if (earlier.line_number == line_number) {
          return InvalidArgument(
              path, "names line " + std::to_string(line_number) + " twice in one package");
        }
      }
      DSCOSIM_ASSIGN_OR_RETURN(const std::int64_t quantity, ReqInt(lines[i], "quantity", path));
      package.lines.push_back(
          ReturnPackageLine{line_number, quantity, WithoutKeys(lines[i], kOwnedPackageLineFields)});
      blame.emplace(line_number, JoinPath(path, "quantity"));
    }
    const auto same = std::find_if(next.begin(), next.end(), [&](const ReturnPackage& old) {
      return old.tracking_number == package.tracking_number;
    });
    if (same != next.end()) {
      *same = std::move(package);  // the same tracking number: the package is replaced
    } else {
      next.push_back(std::move(package));
    }
  }
  for (const auto& [line_number, path] : blame) {
    std::int64_t packed = 0;
    for (const ReturnPackage& package : next) {
      for (const ReturnPackageLine& line : package.lines) {
        if (line.line_number == line_number) packed += line.quantity;
      }
    }
    const std::int64_t returned = ret->FindLine(line_number)->quantity;
    if (packed > returned) {
      return InvalidArgument(path, "the packages would hold " + std::to_string(packed) +
                                       " units of line " + std::to_string(line_number) + " of " +
                                       what + ", which returns " + std::to_string(returned));
    }
  }

  bool changed = next != ret->packages;
  ret->packages = std::move(next);
  changed = MergeResponderFields(body, ret->response) || changed;
  if (changed) {
    ret->last_update = now();
    Publish(*ret, caller, "return.packages_updated");
  }
  return *ret;
}

Result<Return> ReturnStore::Cancel(std::string_view caller, const Json& body) {
  DSCOSIM_RETURN_IF_ERROR(CheckCaller(caller));
  DSCOSIM_RETURN_IF_ERROR(RequireObject(body, ""));
  DSCOSIM_RETURN_IF_ERROR(CheckJsonUtf8(body, ""));
  DSCOSIM_ASSIGN_OR_RETURN(Return * ret, Locate(caller, body, /*return_number_identifies=*/true));
  if (caller != ret->initiator_id()) {
    return PermissionDenied(
        "", "only the party that created return " + ret->dsco_return_id + " may cancel it");
  }
  if (ret->is_cancelled()) return *ret;  // a repeated cancel changes nothing
  if (ret->any_responded()) {
    return FailedPrecondition("", "return " + ret->dsco_return_id +
                                      " already has responses; it can no longer be cancelled");
  }
  ret->cancelled = now();
  ret->packages.clear();
  ret->last_update = now();
  Publish(*ret, caller, "return.cancelled");
  return *ret;
}

Result<Return> ReturnStore::Acknowledge(std::string_view caller, std::string_view dsco_return_id) {
  DSCOSIM_RETURN_IF_ERROR(CheckCaller(caller));
  const auto it = returns_.find(dsco_return_id);
  if (it == returns_.end() || !it->second.has_party(caller)) {
    return NotFound("dscoReturnId",
                    "no return " + std::string(dsco_return_id) + " is visible to you");
  }
  Return& ret = it->second;
  if (caller != ret.responder_id()) {
    return PermissionDenied("", "only the other party acknowledges a return");
  }
  if (ret.is_cancelled()) {
    return FailedPrecondition("", "return " + ret.dsco_return_id + " was cancelled");
  }
  if (ret.status() == ReturnStatus::kCompleted) {
    return FailedPrecondition("", "return " + ret.dsco_return_id + " is completed");
  }
  if (ret.acknowledged) return ret;
  ret.acknowledged = true;
  ret.last_update = now();
  Publish(ret, caller, "return.acknowledged");
  return ret;
}

}  // namespace dscosim
