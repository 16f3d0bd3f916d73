#include "dscosim/model/conversations/conversation_store.h"

#include <utility>

#include "dscosim/model/conversations/conversation_context.h"
#include "dscosim/model/conversations/conversation_json.h"
#include "dscosim/model/core/text.h"

namespace dscosim {
namespace {

constexpr std::size_t kMaxTitleLength = 50;

Status CheckTitle(const std::string& title) {
  DSCOSIM_RETURN_IF_ERROR(CheckUtf8(title, "title"));
  if (IsBlank(title)) return InvalidArgument("title", "must not be empty");
  if (Utf8Length(title) > kMaxTitleLength) {
    return InvalidArgument("title", "must be at most 50 characters (got " +
                                        std::to_string(Utf8Length(title)) + ")");
  }
  return Status::Ok();
}

std::string ReferenceKey(std::string_view owner, std::string_view reference) {
  return std::string(owner) + "/" + std::string(reference);
}

}  // namespace

Result<TestFilter> ParseTestFilter(std::string_view text, std::string_view field) {
  if (text == "legit") return TestFilter::kLegit;
  if (text == "test") return TestFilter::kTest;
  if (text == "all") return TestFilter::kAll;
  return InvalidArgument(std::string(field), "must be one of: legit, test, all");
}

ConversationStore::ConversationStore(ConversationPolicy policy)
    : policy_(policy),
      conversation_scrolls_(policy.scroll_ttl, policy.page_size),
      message_scrolls_(policy.scroll_ttl, policy.page_size) {}

const Conversation* ConversationStore::Find(std::string_view id) const {
  const auto it = conversations_.find(id);
  return it == conversations_.end() ? nullptr : &it->second;
}

const ConversationMessage* ConversationStore::FindMessage(std::string_view id) const {
  const auto it = messages_.find(id);
  return it == messages_.end() ? nullptr : &it->second;
}

Status ConversationStore::CheckReferenceFree(std::string_view owner, Role owner_role,
                                             std::string_view reference,
                                             std::string_view field,
                                             std::string_view except_conversation) const {
  if (reference.empty()) return InvalidArgument(std::string(field), "must not be empty");
  DSCOSIM_RETURN_IF_ERROR(CheckUtf8(reference, field));
  const auto it = references_.find(ReferenceKey(owner, reference));
  if (it != references_.end() && it->second != except_conversation) {
    return AlreadyExists(std::string(field),
                         "the " + std::string(RoleName(owner_role)) +
                             " already uses reference id \"" + std::string(reference) +
                             "\" on conversation " + it->second);
  }
  return Status::Ok();
}

Result<std::vector<std::string>> ConversationStore::MatchReference(
    std::string_view caller, Role owner_role, std::string_view reference,
    std::string_view field) const {
  if (reference.empty()) return InvalidArgument(std::string(field), "must not be empty");
  std::vector<std::string> matches;
  const auto list = conversations_by_account_.find(caller);
  if (list == conversations_by_account_.end()) return matches;
  for (const std::string& id : list->second) {
    const Conversation& c = conversations_.at(id);
    const auto& ref =
        owner_role == Role::kRetailer ? c.retailer_reference_id : c.supplier_reference_id;
    if (ref && *ref == reference) matches.push_back(id);
  }
  return matches;
}

Result<Conversation*> ConversationStore::Locate(std::string_view caller,
                                                const Locator& locator) {
  if (!locator.dsco_conversation_id && !locator.retailer_reference_id &&
      !locator.supplier_reference_id) {
    return InvalidArgument(locator.id_field,
                           std::string("one of ") + locator.id_field + ", " +
                               locator.retailer_reference_field + " or " +
                               locator.supplier_reference_field +
                               " is required to name the conversation");
  }
  Conversation* found = nullptr;
  const auto agree = [&](Conversation* candidate, const char* field) -> Status {
    if (found != nullptr && found != candidate) {
      return InvalidArgument(field, "names a different conversation than " +
                                        std::string(locator.id_field));
    }
    found = candidate;
    return Status::Ok();
  };
  if (locator.dsco_conversation_id) {
    const auto it = conversations_.find(*locator.dsco_conversation_id);
    if (it == conversations_.end() || !it->second.has_participant(caller)) {
      return NotFound(locator.id_field,
                      "no conversation " + *locator.dsco_conversation_id + " is yours");
    }
    found = &it->second;
  }
  const std::pair<const std::optional<std::string>*, Role> refs[] = {
      {&locator.retailer_reference_id, Role::kRetailer},
      {&locator.supplier_reference_id, Role::kSupplier}};
  for (const auto& [ref, role] : refs) {
    if (!*ref) continue;
    const char* field = role == Role::kRetailer ? locator.retailer_reference_field
                                                : locator.supplier_reference_field;
    DSCOSIM_ASSIGN_OR_RETURN(const std::vector<std::string> matches,
                             MatchReference(caller, role, **ref, field));
    if (matches.empty()) {
      return NotFound(field, "none of your conversations has " +
                                 std::string(RoleName(role)) + " reference id \"" + **ref +
                                 "\"");
    }
    if (matches.size() > 1) {
      return InvalidArgument(field, "matches " + std::to_string(matches.size()) +
                                        " of your conversations (reference ids are unique per " +
                                        std::string(RoleName(role)) +
                                        "); use dscoConversationId");
    }
    DSCOSIM_RETURN_IF_ERROR(agree(&conversations_.at(matches.front()), field));
  }
  return found;
}

void ConversationStore::MarkActivity(Conversation& c) {
  c.last_activity = now();
  if (c.auto_close_timer != 0) {
    services_->clock->Cancel(c.auto_close_timer);
    c.auto_close_timer = 0;
  }
  if (c.status != ConversationStatus::kClosed && policy_.auto_close_after > Duration::zero()) {
    c.auto_close_timer =
        services_->clock->ScheduleAt(c.last_activity + policy_.auto_close_after,
                                     kAutoCloseTopic, c.id);
  }
}

void ConversationStore::TraceConversation(std::string_view actor, std::string kind,
                                          const Conversation& c, nlohmann::json extra) {
  extra["conversation"] = ConversationToJson(c, *services_->accounts, "");
  services_->trace->Append(now(), std::string(actor), std::move(kind), std::move(extra));
}

ConversationMessage& ConversationStore::AppendMessage(Conversation& c, std::string_view author,
                                                      std::string text) {
  ConversationMessage m;
  m.id = services_->ids->NextDscoId();
  m.conversation_id = c.id;
  m.text = std::move(text);
  m.author_account_id = std::string(author);
  m.author_role = author == c.retailer_id ? Role::kRetailer : Role::kSupplier;
  m.recipient_account_id = c.other_party(author);
  if (c.type.kind == ConversationKind::kCustomerCare) {
    m.customer_care_type = m.author_role == Role::kRetailer
                               ? CustomerCareType::kMessageFromConsumer
                               : CustomerCareType::kResponseToConsumer;
    m.consumer_id = c.type.consumer_id;
  }
  m.is_test = c.is_test;
  m.created = now();
  m.visible_at = m.created + policy_.visibility_delay;
  m.sequence = next_sequence_++;

  const bool starts_progress =
      policy_.in_progress_rule == InProgressRule::kAnyMessage || author != c.initiator_id();
  if (c.status == ConversationStatus::kNew && starts_progress) {
    c.status = ConversationStatus::kInProgress;
  }
  c.message_ids.push_back(m.id);
  c.last_update = m.created;
  messages_by_account_[c.retailer_id].push_back(m.id);
  messages_by_account_[c.supplier_id].push_back(m.id);
  auto [it, inserted] = messages_.emplace(m.id, std::move(m));
  (void)inserted;

  nlohmann::json payload = {
      {"message", MessageToJson(it->second, c, *services_->accounts, "")},
      {"status", ConversationStatusName(c.status)}};
  services_->trace->Append(now(), std::string(author), "conversation.message_added",
                           std::move(payload));
  return it->second;
}

Result<Conversation> ConversationStore::Create(std::string_view caller,
                                               const CreateConversationRequest& request) {
  const Account* me = services_->accounts->Find(caller);
  if (me == nullptr) return PermissionDenied("", "unknown caller account");

  if (!request.title) return InvalidArgument("title", "is required");
  DSCOSIM_RETURN_IF_ERROR(CheckTitle(*request.title));
  if (request.reference_id) {
    DSCOSIM_RETURN_IF_ERROR(
        CheckReferenceFree(caller, me->role, *request.reference_id, "referenceId", ""));
  }
  const ConversationType type = request.type.value_or(ConversationType{});
  if (type.kind == ConversationKind::kCustomerCare && type.consumer_id.empty()) {
    return InvalidArgument("type.consumerId",
                           "is required in a customer_care conversation");
  }
  DSCOSIM_RETURN_IF_ERROR(CheckUtf8(type.consumer_id, "type.consumerId"));

  // The other party: a trading partner, named by Dsco account id or by the caller's own
  // trading-partner id for it.
  const PartnerView* other = nullptr;
  if (!request.other_party_dsco_account_id && !request.other_party_trading_partner_id) {
    return InvalidArgument("otherPartyDscoAccountId",
                           "one of otherPartyDscoAccountId or otherPartyTradingPartnerId is "
                           "required");
  }
  if (request.other_party_dsco_account_id) {
    other = services_->accounts->PartnerOf(caller, *request.other_party_dsco_account_id);
    if (other == nullptr) {
      return NotFound("otherPartyDscoAccountId",
                      "account " + *request.other_party_dsco_account_id +
                          " is not one of your trading partners");
    }
  }
  if (request.other_party_trading_partner_id) {
    const PartnerView* by_tp = services_->accounts->PartnerByTradingPartnerId(
        caller, *request.other_party_trading_partner_id);
    if (by_tp == nullptr) {
      return NotFound("otherPartyTradingPartnerId",
                      "\"" + *request.other_party_trading_partner_id +
                          "\" is not one of your trading-partner ids");
    }
    if (other != nullptr && other != by_tp) {
      return InvalidArgument("otherPartyTradingPartnerId",
                             "names a different partner than otherPartyDscoAccountId");
    }
    other = by_tp;
  }

  ContextParties parties;
  parties.caller_role = me->role;
  parties.retailer_id = me->role == Role::kRetailer ? me->dsco_account_id
                                                    : other->partner_account_id;
  parties.supplier_id = me->role == Role::kSupplier ? me->dsco_account_id
                                                    : other->partner_account_id;
  DSCOSIM_ASSIGN_OR_RETURN(
      ConversationContext context,
      CheckConversationContext(request.context.value_or(ConversationContext{}), parties,
                               caller, *services_->accounts, services_->resolver));

  if (request.initial_message) {
    DSCOSIM_RETURN_IF_ERROR(CheckUtf8(*request.initial_message, "initialMessage.message"));
    if (IsBlank(*request.initial_message)) {
      return InvalidArgument("initialMessage.message", "must not be empty");
    }
  }

  // Every check passed: from here on nothing fails.
  Conversation c;
  c.id = services_->ids->NextDscoId();
  c.title = *request.title;
  c.initiated_by = me->role;
  c.retailer_id = parties.retailer_id;
  c.supplier_id = parties.supplier_id;
  if (request.reference_id) {
    (me->role == Role::kRetailer ? c.retailer_reference_id : c.supplier_reference_id) =
        *request.reference_id;
    references_[ReferenceKey(caller, *request.reference_id)] = c.id;
  }
  c.type = type;
  c.context = std::move(context);
  c.initial_message = request.initial_message;
  c.due_date = request.due_date;
  c.is_test = request.is_test;
  c.created = now();
  c.last_update = c.created;
  c.visible_at = c.created + policy_.visibility_delay;
  c.sequence = next_sequence_++;
  conversations_by_account_[c.retailer_id].push_back(c.id);
  conversations_by_account_[c.supplier_id].push_back(c.id);
  Conversation& stored = conversations_.emplace(c.id, std::move(c)).first->second;
  TraceConversation(caller, "conversation.created", stored);
  if (request.initial_message) AppendMessage(stored, caller, *request.initial_message);
  MarkActivity(stored);
  return stored;
}

Result<Conversation> ConversationStore::Update(std::string_view caller,
                                               const UpdateConversationRequest& request) {
  const Account* me = services_->accounts->Find(caller);
  if (me == nullptr) return PermissionDenied("", "unknown caller account");
  DSCOSIM_ASSIGN_OR_RETURN(
      Conversation* const found,
      Locate(caller, Locator{request.dsco_conversation_id,
                             request.find_by_retailer_reference_id,
                             request.find_by_supplier_reference_id, "dscoConversationId",
                             "findByRetailerReferenceId", "findBySupplierReferenceId"}));
  Conversation& c = *found;

  if (!request.title && !request.status && !request.due_date &&
      !request.retailer_reference_id && !request.supplier_reference_id) {
    return InvalidArgument("", "nothing to update: give at least one of title, status, "
                               "dueDate, retailerReferenceId or supplierReferenceId");
  }
  if (request.title) DSCOSIM_RETURN_IF_ERROR(CheckTitle(*request.title));
  if (request.status == ConversationStatus::kNew) {
    return InvalidArgument("status", "may only be set to in_progress or closed");
  }
  if (request.retailer_reference_id) {
    if (me->role != Role::kRetailer) {
      return PermissionDenied("retailerReferenceId",
                              "only the retailer may set retailerReferenceId");
    }
    DSCOSIM_RETURN_IF_ERROR(CheckReferenceFree(caller, Role::kRetailer,
                                               *request.retailer_reference_id,
                                               "retailerReferenceId", c.id));
  }
  if (request.supplier_reference_id) {
    if (me->role != Role::kSupplier) {
      return PermissionDenied("supplierReferenceId",
                              "only the supplier may set supplierReferenceId");
    }
    DSCOSIM_RETURN_IF_ERROR(CheckReferenceFree(caller, Role::kSupplier,
                                               *request.supplier_reference_id,
                                               "supplierReferenceId", c.id));
  }
  if (request.type) {
    if (request.type->kind != c.type.kind) {
      return InvalidArgument("type.type", "a conversation's type cannot change from " +
                                              std::string(ConversationKindName(c.type.kind)) +
                                              " to " +
                                              std::string(ConversationKindName(request.type->kind)));
    }
    if (c.type.kind == ConversationKind::kCustomerCare && request.type->consumer_id.empty()) {
      return InvalidArgument("type.consumerId", "must not be empty");
    }
    DSCOSIM_RETURN_IF_ERROR(CheckUtf8(request.type->consumer_id, "type.consumerId"));
  }

  // Apply. Fields equal to their current value are not changes, so a retried update is
  // harmless; an update that changes nothing changes nothing at all.
  std::vector<std::string> changes;
  if (request.title && *request.title != c.title) {
    c.title = *request.title;
    changes.push_back("title");
  }
  if (request.due_date && request.due_date != c.due_date) {
    c.due_date = request.due_date;
    changes.push_back("dueDate");
  }
  const auto set_reference = [&](const std::optional<std::string>& wanted,
                                 std::optional<std::string>& current, const char* name) {
    if (!wanted || wanted == current) return;
    if (current) references_.erase(ReferenceKey(caller, *current));
    current = wanted;
    references_[ReferenceKey(caller, *wanted)] = c.id;
    changes.push_back(name);
  };
  set_reference(request.retailer_reference_id, c.retailer_reference_id, "retailerReferenceId");
  set_reference(request.supplier_reference_id, c.supplier_reference_id, "supplierReferenceId");
  if (request.type && request.type->consumer_id != c.type.consumer_id &&
      c.type.kind == ConversationKind::kCustomerCare) {
    c.type.consumer_id = request.type->consumer_id;
    changes.push_back("type.consumerId");
  }
  nlohmann::json extra = nlohmann::json::object();
  if (request.status && *request.status != c.status) {
    extra["statusFrom"] = ConversationStatusName(c.status);
    c.status = *request.status;
    c.closed_date.reset();
    if (c.status == ConversationStatus::kClosed) c.closed_date = now();
    changes.push_back("status");
  }
  if (changes.empty()) return c;
  c.last_update = now();
  MarkActivity(c);
  extra["changes"] = changes;
  TraceConversation(caller, "conversation.updated", c, std::move(extra));
  return c;
}

Result<ConversationMessage> ConversationStore::AddMessage(std::string_view caller,
                                                          const AddMessageRequest& request) {
  if (services_->accounts->Find(caller) == nullptr) {
    return PermissionDenied("", "unknown caller account");
  }
  DSCOSIM_ASSIGN_OR_RETURN(
      Conversation* const found,
      Locate(caller, Locator{request.dsco_conversation_id, request.retailer_reference_id,
                             request.supplier_reference_id, "dscoConversationId",
                             "retailerReferenceId", "supplierReferenceId"}));
  Conversation& c = *found;
  if (!request.message) return InvalidArgument("message", "is required");
  DSCOSIM_RETURN_IF_ERROR(CheckUtf8(*request.message, "message"));
  if (IsBlank(*request.message)) return InvalidArgument("message", "must not be empty");
  if (c.status == ConversationStatus::kClosed) {
    return FailedPrecondition("dscoConversationId",
                              "conversation " + c.id +
                                  " is closed; reopen it (status in_progress) to add messages");
  }
  ConversationMessage& m = AppendMessage(c, caller, *request.message);
  MarkActivity(c);
  return m;
}

void ConversationStore::OnAutoCloseTimer(std::string_view conversation_id) {
  const auto it = conversations_.find(conversation_id);
  if (it == conversations_.end()) return;
  Conversation& c = it->second;
  c.auto_close_timer = 0;
  if (c.status == ConversationStatus::kClosed) return;
  nlohmann::json extra = {{"statusFrom", ConversationStatusName(c.status)},
                          {"idleSince", FormatIso8601(c.last_activity)}};
  c.status = ConversationStatus::kClosed;
  c.closed_date = now();
  c.last_update = now();
  TraceConversation(kPlatformActor, "conversation.auto_closed", c, std::move(extra));
}

}  // namespace dscosim
