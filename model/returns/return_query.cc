// Get Returns (GET /return/page).
#include <algorithm>
#include <array>
#include <utility>

#include "dscosim/model/returns/return_store.h"

#include "dscosim/model/core/enum_names.h"

namespace dscosim {
namespace {

constexpr std::array<std::pair<std::string_view, ReturnIdType>, 3> kReturnIdTypes{{
    {"dscoReturnId", ReturnIdType::kDscoReturnId},
    {"returnNumber", ReturnIdType::kReturnNumber},
    {"partnerReturnNumber", ReturnIdType::kPartnerReturnNumber},
}};
constexpr std::array<std::pair<std::string_view, AccountIdType>, 2> kAccountIdTypes{{
    {"dscoAccountId", AccountIdType::kDscoAccountId},
    {"tradingPartnerId", AccountIdType::kTradingPartnerId},
}};
constexpr std::array<std::pair<std::string_view, ReturnOrderIdType>, 2> kOrderIdTypes{{
    {"dscoOrderId", ReturnOrderIdType::kDscoOrderId},
    {"poNumber", ReturnOrderIdType::kPoNumber},
}};

// A type and its value go together.
Status CheckPair(bool has_type, bool has_value, const char* type_field, const char* value_field) {
  if (has_type && !has_value) {
    return InvalidArgument(value_field, std::string("is required with ") + type_field);
  }
  if (has_value && !has_type) {
    return InvalidArgument(type_field, std::string("is required with ") + value_field);
  }
  return Status::Ok();
}

}  // namespace

Result<ReturnIdType> ParseReturnIdType(std::string_view text, std::string_view field) {
  return ParseEnumName(text, field, kReturnIdTypes);
}
Result<AccountIdType> ParseAccountIdType(std::string_view text, std::string_view field) {
  return ParseEnumName(text, field, kAccountIdTypes);
}
Result<ReturnOrderIdType> ParseReturnOrderIdType(std::string_view text, std::string_view field) {
  return ParseEnumName(text, field, kOrderIdTypes);
}

Result<ReturnPage> ReturnStore::Page(std::string_view caller, const ReturnPageQuery& q) {
  DSCOSIM_RETURN_IF_ERROR(CheckCaller(caller));
  ScrollPage page;
  if (q.scroll_id) {
    DSCOSIM_ASSIGN_OR_RETURN(page, scrolls_.Next(caller, *q.scroll_id, now()));
  } else {
    const Role role = services_->accounts->Find(caller)->role;
    DSCOSIM_RETURN_IF_ERROR(CheckPair(q.return_id_type.has_value(), q.return_id_value.has_value(),
                                      "returnIdType", "returnIdValue"));
    DSCOSIM_RETURN_IF_ERROR(CheckPair(q.order_id_type.has_value(), q.order_id_value.has_value(),
                                      "orderIdType", "orderIdValue"));
    DSCOSIM_RETURN_IF_ERROR(CheckPair(q.account_id_type.has_value(), q.account_id_value.has_value(),
                                      "accountIdType", "accountIdValue"));
    // Exactly one search mode; the error names the second one given.
    std::vector<const char*> modes;
    if (q.return_id_type) modes.push_back("returnIdType");
    if (q.order_id_type) modes.push_back("orderIdType");
    if (q.created_since) modes.push_back("returnsCreatedSince");
    if (q.updated_since) modes.push_back("returnsUpdatedSince");
    if (modes.empty()) {
      return InvalidArgument("",
                             "give one of: returnIdType/returnIdValue, "
                             "orderIdType/orderIdValue, returnsCreatedSince or "
                             "returnsUpdatedSince with until, or scrollId");
    }
    if (q.created_since && q.updated_since) {
      return InvalidArgument("returnsUpdatedSince", "may not be given with returnsCreatedSince");
    }
    if (modes.size() > 1) {
      return InvalidArgument(
          modes[1], std::string("may not be given with ") + modes[0] + ": use one search mode");
    }
    if (q.created_since || q.updated_since) {
      if (!q.until) {
        return InvalidArgument("until",
                               "is required with returnsCreatedSince or "
                               "returnsUpdatedSince");
      }
      const Time latest = now() - policy_.until_min_age;
      if (*q.until > latest) {
        return InvalidArgument(
            "until", "must be at least " +
                         std::to_string(
                             std::chrono::duration_cast<std::chrono::seconds>(policy_.until_min_age)
                                 .count()) +
                         " seconds before now (now is " + FormatIso8601(now()) +
                         ", so until may be " + FormatIso8601(latest) + " at the latest; got " +
                         FormatIso8601(*q.until) + ")");
      }
    }
    std::optional<std::string> partner;
    if (q.account_id_type) {
      const PartnerView* view =
          *q.account_id_type == AccountIdType::kDscoAccountId
              ? services_->accounts->PartnerOf(caller, *q.account_id_value)
              : services_->accounts->PartnerByTradingPartnerId(caller, *q.account_id_value);
      if (view == nullptr) {
        return InvalidArgument("accountIdValue", "is not one of your trading partners");
      }
      partner = view->partner_account_id;
    }
    if (q.return_id_type == ReturnIdType::kPartnerReturnNumber && !partner) {
      return InvalidArgument("accountIdType", "is required with returnIdType partnerReturnNumber");
    }
    if (q.order_id_type == ReturnOrderIdType::kPoNumber && role == Role::kSupplier && !partner) {
      return InvalidArgument("accountIdType",
                             "is required when a supplier searches by poNumber (the retailer)");
    }

    std::vector<const Return*> matches;
    for (const auto& [id, r] : returns_) {
      if (!r.has_party(caller)) continue;
      const std::string& other = caller == r.retailer_id ? r.supplier_id : r.retailer_id;
      if (partner && other != *partner) continue;
      if (!q.statuses.empty() &&
          std::find(q.statuses.begin(), q.statuses.end(), r.status()) == q.statuses.end()) {
        continue;
      }
      bool match = false;
      if (q.return_id_type) {
        const std::string& v = *q.return_id_value;
        switch (*q.return_id_type) {
          case ReturnIdType::kDscoReturnId:
            match = r.dsco_return_id == v;
            break;
          case ReturnIdType::kReturnNumber:
            match = r.number_of(caller) == v;
            break;
          case ReturnIdType::kPartnerReturnNumber:
            match = r.number_of(other) == v;
            break;
        }
      } else if (q.order_id_type) {
        const std::string& v = *q.order_id_value;
        match = *q.order_id_type == ReturnOrderIdType::kDscoOrderId ? r.dsco_order_id == v
                                                                    : r.po_number == v;
      } else if (q.created_since) {
        match = r.created >= *q.created_since && r.created < *q.until;
      } else {
        match = r.last_update > *q.updated_since && r.last_update < *q.until;
      }
      if (match) matches.push_back(&r);
    }
    std::sort(matches.begin(), matches.end(),
              [](const Return* a, const Return* b) { return a->sequence < b->sequence; });
    std::vector<std::string> ids;
    for (const Return* r : matches) ids.push_back(r->dsco_return_id);
    page = scrolls_.Open(caller, std::move(ids), now(), *services_->tokens);
  }
  ReturnPage out;
  out.scroll_id = page.scroll_id;
  for (const std::string& id : page.ids) {
    if (const Return* r = Find(id)) out.returns.push_back(*r);
  }
  return out;
}

}  // namespace dscosim
