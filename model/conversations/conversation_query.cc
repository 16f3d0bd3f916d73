// Get Conversations and Get Conversation Messages: criteria, the 5-second rule,
// visibility after post-processing, and scroll paging.
#include <algorithm>
#include <set>
#include <utility>

#include "dscosim/model/conversations/conversation_store.h"

namespace dscosim {
namespace {

// The account filters both queries share, resolved to Dsco account ids.
struct PartyFilter {
  std::optional<std::string> retailer_id;
  std::optional<std::string> supplier_id;
  std::optional<std::set<std::string>> any_of_accounts;        // dscoAccountIds
  std::optional<std::set<std::string>> any_of_trading_partners;  // dscoTradingPartnerIds
};

struct PartyCriteria {
  const std::optional<std::string>& retailer_id;
  const std::optional<std::string>& retailer_tp_id;
  const std::optional<std::string>& supplier_id;
  const std::optional<std::string>& supplier_tp_id;
  const std::optional<std::vector<std::string>>& account_ids;
  const std::optional<std::vector<std::string>>& tp_ids;
};

// One side's filter: `role` is the side being filtered (retailer or supplier).
Result<std::optional<std::string>> ResolveSide(const AccountDirectory& accounts,
                                               const Account& me, Role role,
                                               const std::optional<std::string>& id,
                                               const std::optional<std::string>& tp_id) {
  const std::string side(RoleName(role));
  const std::string side_cap = role == Role::kRetailer ? "Retailer" : "Supplier";
  const std::string id_field = "dsco" + side_cap + "Id";
  const std::string tp_field = "dsco" + side_cap + "TradingPartnerId";
  if (id && tp_id) {
    return InvalidArgument(tp_field, "give " + id_field + " or " + tp_field + ", not both");
  }
  if (id) {
    const bool is_me = me.role == role && *id == me.dsco_account_id;
    const PartnerView* partner = accounts.PartnerOf(me.dsco_account_id, *id);
    if (!is_me && partner == nullptr) {
      return InvalidArgument(id_field, "must be you or one of your trading partners");
    }
    return id;
  }
  if (tp_id) {
    if (me.role == role) {
      return InvalidArgument(tp_field, "only a " + std::string(RoleName(OtherRole(role))) +
                                           " may filter by its trading-partner id for the " +
                                           side);
    }
    const PartnerView* partner = accounts.PartnerByTradingPartnerId(me.dsco_account_id, *tp_id);
    if (partner == nullptr) {
      return InvalidArgument(tp_field, "\"" + *tp_id + "\" is not one of your trading-partner ids");
    }
    return std::optional<std::string>(partner->partner_account_id);
  }
  return std::optional<std::string>();
}

Result<PartyFilter> ResolveParties(const AccountDirectory& accounts, const Account& me,
                                   const PartyCriteria& criteria) {
  PartyFilter filter;
  DSCOSIM_ASSIGN_OR_RETURN(filter.retailer_id,
                           ResolveSide(accounts, me, Role::kRetailer, criteria.retailer_id,
                                       criteria.retailer_tp_id));
  DSCOSIM_ASSIGN_OR_RETURN(filter.supplier_id,
                           ResolveSide(accounts, me, Role::kSupplier, criteria.supplier_id,
                                       criteria.supplier_tp_id));
  if (criteria.account_ids) {
    filter.any_of_accounts.emplace(criteria.account_ids->begin(), criteria.account_ids->end());
  }
  if (criteria.tp_ids) {
    filter.any_of_trading_partners.emplace();
    for (std::size_t i = 0; i < criteria.tp_ids->size(); ++i) {
      const std::string& tp = (*criteria.tp_ids)[i];
      const PartnerView* partner = accounts.PartnerByTradingPartnerId(me.dsco_account_id, tp);
      if (partner == nullptr) {
        return InvalidArgument("dscoTradingPartnerIds[" + std::to_string(i) + "]",
                               "\"" + tp + "\" is not one of your trading-partner ids");
      }
      filter.any_of_trading_partners->insert(partner->partner_account_id);
    }
  }
  return filter;
}

bool MatchesParties(const PartyFilter& f, const Conversation& c) {
  if (f.retailer_id && *f.retailer_id != c.retailer_id) return false;
  if (f.supplier_id && *f.supplier_id != c.supplier_id) return false;
  const auto involves = [&](const std::set<std::string>& set) {
    return set.count(c.retailer_id) != 0 || set.count(c.supplier_id) != 0;
  };
  if (f.any_of_accounts && !involves(*f.any_of_accounts)) return false;
  if (f.any_of_trading_partners && !involves(*f.any_of_trading_partners)) return false;
  return true;
}

bool MatchesTest(std::optional<TestFilter> filter, bool is_test) {
  switch (filter.value_or(TestFilter::kLegit)) {
    case TestFilter::kLegit: return !is_test;
    case TestFilter::kTest: return is_test;
    case TestFilter::kAll: return true;
  }
  return true;
}

template <typename T>
bool Contains(const std::vector<T>& values, const T& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

bool AnyConversationCriterion(const ConversationQuery& q) {
  return q.dsco_conversation_id || q.retailer_reference_id || q.supplier_reference_id ||
         q.dsco_retailer_id || q.dsco_retailer_trading_partner_id || q.dsco_supplier_id ||
         q.dsco_supplier_trading_partner_id || q.type || q.context_types || q.past_due ||
         q.initiated_by || q.dsco_account_ids || q.dsco_trading_partner_ids || q.statuses ||
         q.created_since || q.updated_since || q.until || q.test || q.sort;
}

bool AnyMessageCriterion(const MessageQuery& q) {
  return q.type || q.dsco_conversation_id || q.retailer_reference_id ||
         q.supplier_reference_id || q.dsco_message_id || q.dsco_account_ids ||
         q.dsco_trading_partner_ids || q.dsco_retailer_id || q.dsco_retailer_trading_partner_id ||
         q.dsco_supplier_id || q.dsco_supplier_trading_partner_id || q.created_since || q.until ||
         q.test || q.sort;
}

}  // namespace

Result<std::optional<std::set<std::string>>> ConversationStore::NarrowToConversations(
    std::string_view caller, const std::optional<std::string>& conversation_id,
    const std::optional<std::string>& retailer_ref,
    const std::optional<std::string>& supplier_ref) const {
  std::optional<std::set<std::string>> ids;
  // A conversation named by id must be the caller's: otherwise it is an error, as the
  // spec says, and the same error as for an id that does not exist.
  if (conversation_id) {
    const Conversation* c = Find(*conversation_id);
    if (c == nullptr || !c->has_participant(caller)) {
      return NotFound("dscoConversationId", "no conversation " + *conversation_id + " is yours");
    }
    ids = std::set<std::string>{c->id};
  }
  // A reference id matches every conversation of the caller's that carries it (a
  // supplier's two retailers may have used the same one).
  const std::pair<const std::optional<std::string>*, Role> refs[] = {
      {&retailer_ref, Role::kRetailer}, {&supplier_ref, Role::kSupplier}};
  for (const auto& [ref, role] : refs) {
    if (!*ref) continue;
    const char* field = role == Role::kRetailer ? "retailerReferenceId" : "supplierReferenceId";
    DSCOSIM_ASSIGN_OR_RETURN(const std::vector<std::string> matches,
                             MatchReference(caller, role, **ref, field));
    if (matches.empty()) {
      return NotFound(field, "none of your conversations has this reference id");
    }
    std::set<std::string> set(matches.begin(), matches.end());
    if (ids) {
      std::set<std::string> both;
      std::set_intersection(ids->begin(), ids->end(), set.begin(), set.end(),
                            std::inserter(both, both.end()));
      set = std::move(both);
    }
    ids = std::move(set);
  }
  return ids;
}

Status ConversationStore::CheckUntil(const std::optional<Time>& until) const {
  if (!until) return Status::Ok();
  const Time latest = now() - policy_.until_min_age;
  if (*until > latest) {
    return InvalidArgument(
        "until", "must be at least " +
                     std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                        policy_.until_min_age)
                                        .count()) +
                     " seconds before now (now is " + FormatIso8601(now()) + ", so until may be " +
                     FormatIso8601(latest) + " at the latest; got " + FormatIso8601(*until) +
                     ")");
  }
  return Status::Ok();
}

Result<ConversationPage> ConversationStore::List(std::string_view caller,
                                                 const ConversationQuery& q) {
  const Account* me = services_->accounts->Find(caller);
  if (me == nullptr) return PermissionDenied("", "unknown caller account");

  ScrollPage page;
  if (q.scroll_id) {
    DSCOSIM_ASSIGN_OR_RETURN(page, conversation_scrolls_.Next(caller, *q.scroll_id, now()));
  } else {
    if (!AnyConversationCriterion(q)) {
      return InvalidArgument("", "give a scrollId or at least one search criterion");
    }
    DSCOSIM_RETURN_IF_ERROR(CheckUntil(q.until));
    DSCOSIM_ASSIGN_OR_RETURN(
        const PartyFilter parties,
        ResolveParties(*services_->accounts, *me,
                       PartyCriteria{q.dsco_retailer_id, q.dsco_retailer_trading_partner_id,
                                     q.dsco_supplier_id, q.dsco_supplier_trading_partner_id,
                                     q.dsco_account_ids, q.dsco_trading_partner_ids}));
    DSCOSIM_ASSIGN_OR_RETURN(
        const std::optional<std::set<std::string>> only,
        NarrowToConversations(caller, q.dsco_conversation_id, q.retailer_reference_id,
                              q.supplier_reference_id));

    std::vector<std::string> ids;
    const auto list = conversations_by_account_.find(caller);
    if (list != conversations_by_account_.end()) {
      for (const std::string& id : list->second) {
        const Conversation& c = conversations_.at(id);
        if (c.visible_at > now()) continue;  // still in post-processing
        if (only && only->count(c.id) == 0) continue;
        if (!MatchesParties(parties, c)) continue;
        if (q.type) {
          if (c.type.kind != q.type->kind) continue;
          if (q.type->consumer_id && c.type.consumer_id != *q.type->consumer_id) continue;
        }
        if (q.context_types && !Contains(*q.context_types, c.context.kind)) continue;
        if (q.past_due) {
          // Only open tasks: past due means the due date has passed.
          if (!c.due_date || c.status == ConversationStatus::kClosed) continue;
          if (*q.past_due != (*c.due_date < now())) continue;
        }
        if (q.initiated_by && c.initiated_by != *q.initiated_by) continue;
        if (q.statuses && !Contains(*q.statuses, c.status)) continue;
        if (q.created_since && c.created < *q.created_since) continue;
        if (q.updated_since && c.last_update < *q.updated_since) continue;
        if (q.until) {
          if (c.created >= *q.until) continue;
          if (q.updated_since && c.last_update >= *q.until) continue;
        }
        if (!MatchesTest(q.test, c.is_test)) continue;
        ids.push_back(c.id);
      }
    }
    if (q.sort == SortDirection::kDescending) std::reverse(ids.begin(), ids.end());
    page = conversation_scrolls_.Open(caller, std::move(ids), now(), *services_->tokens);
  }

  ConversationPage out;
  out.scroll_id = std::move(page.scroll_id);
  for (const std::string& id : page.ids) {
    if (const Conversation* c = Find(id)) out.conversations.push_back(*c);
  }
  return out;
}

Result<MessagePage> ConversationStore::ListMessages(std::string_view caller,
                                                    const MessageQuery& q) {
  const Account* me = services_->accounts->Find(caller);
  if (me == nullptr) return PermissionDenied("", "unknown caller account");

  ScrollPage page;
  if (q.scroll_id) {
    DSCOSIM_ASSIGN_OR_RETURN(page, message_scrolls_.Next(caller, *q.scroll_id, now()));
  } else {
    if (!AnyMessageCriterion(q)) {
      return InvalidArgument("", "give a scrollId or at least one search criterion");
    }
    DSCOSIM_RETURN_IF_ERROR(CheckUntil(q.until));
    DSCOSIM_ASSIGN_OR_RETURN(
        const PartyFilter parties,
        ResolveParties(*services_->accounts, *me,
                       PartyCriteria{q.dsco_retailer_id, q.dsco_retailer_trading_partner_id,
                                     q.dsco_supplier_id, q.dsco_supplier_trading_partner_id,
                                     q.dsco_account_ids, q.dsco_trading_partner_ids}));
    DSCOSIM_ASSIGN_OR_RETURN(
        const std::optional<std::set<std::string>> only_conversations,
        NarrowToConversations(caller, q.dsco_conversation_id, q.retailer_reference_id,
                              q.supplier_reference_id));
    if (q.dsco_message_id) {
      const ConversationMessage* m = FindMessage(*q.dsco_message_id);
      if (m == nullptr || !Find(m->conversation_id)->has_participant(caller)) {
        return NotFound("dscoMessageId", "no message " + *q.dsco_message_id + " is yours");
      }
    }

    std::vector<std::string> ids;
    // With conversations named, walk only their messages (in creation order, as in the
    // caller's list) rather than every message the caller ever had: the same result,
    // without a scan that grows with the whole history.
    const std::vector<std::string>* candidates = nullptr;
    std::vector<std::string> narrowed;
    if (only_conversations && only_conversations->size() == 1) {
      candidates = &conversations_.at(*only_conversations->begin()).message_ids;
    } else if (only_conversations) {
      for (const std::string& id : *only_conversations) {
        const std::vector<std::string>& of = conversations_.at(id).message_ids;
        narrowed.insert(narrowed.end(), of.begin(), of.end());
      }
      std::sort(narrowed.begin(), narrowed.end(), [&](const std::string& a, const std::string& b) {
        return messages_.at(a).sequence < messages_.at(b).sequence;
      });
      candidates = &narrowed;
    } else if (const auto list = messages_by_account_.find(caller); list != messages_by_account_.end()) {
      candidates = &list->second;
    }
    if (candidates != nullptr) {
      const std::vector<std::string>& all = *candidates;
      // Messages are in create-date order: jump to the first one in the window.
      auto begin = all.begin();
      if (q.created_since) {
        begin = std::partition_point(all.begin(), all.end(), [&](const std::string& id) {
          return messages_.at(id).created < *q.created_since;
        });
      }
      for (auto it = begin; it != all.end(); ++it) {
        const ConversationMessage& m = messages_.at(*it);
        if (q.until && m.created >= *q.until) break;
        if (m.visible_at > now()) continue;  // still in post-processing
        if (only_conversations && only_conversations->count(m.conversation_id) == 0) continue;
        if (q.dsco_message_id && m.id != *q.dsco_message_id) continue;
        if (q.type) {
          if (!m.customer_care_type) continue;
          if (q.type->customer_care_type && *m.customer_care_type != *q.type->customer_care_type) {
            continue;
          }
          if (q.type->consumer_id && m.consumer_id != *q.type->consumer_id) continue;
        }
        if (!MatchesParties(parties, conversations_.at(m.conversation_id))) continue;
        if (!MatchesTest(q.test, m.is_test)) continue;
        ids.push_back(m.id);
      }
    }
    if (q.sort == SortDirection::kDescending) std::reverse(ids.begin(), ids.end());
    page = message_scrolls_.Open(caller, std::move(ids), now(), *services_->tokens);
  }

  MessagePage out;
  out.scroll_id = std::move(page.scroll_id);
  for (const std::string& id : page.ids) {
    if (const ConversationMessage* m = FindMessage(id)) out.messages.push_back(*m);
  }
  return out;
}

}  // namespace dscosim
