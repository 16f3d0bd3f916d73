// Conversations and their messages: the data, as the model stores it.
//
// A conversation is between exactly one retailer and one supplier. It has a type
// (standard or customer care), a context (what it is about), a status
// (new -> in_progress -> closed, reopenable) and messages. A conversation with a due date
// is what the platform's inbox calls a *task*.
//
// The operations and their rules live in conversation_store.h; the API's JSON shape of
// these structs in conversation_json.h.
#ifndef DSCOSIM_MODEL_CONVERSATIONS_CONVERSATION_H_
#define DSCOSIM_MODEL_CONVERSATIONS_CONVERSATION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dscosim/model/accounts/accounts.h"
#include "dscosim/model/core/clock.h"
#include "dscosim/model/core/status.h"
#include "dscosim/model/core/time.h"

namespace dscosim {

enum class ConversationStatus { kNew, kInProgress, kClosed };
std::string_view ConversationStatusName(ConversationStatus status);  // "in_progress"
Result<ConversationStatus> ParseConversationStatus(std::string_view text,
                                                   std::string_view field);

enum class ConversationKind { kStandard, kCustomerCare };
std::string_view ConversationKindName(ConversationKind kind);  // "customer_care"
Result<ConversationKind> ParseConversationKind(std::string_view text, std::string_view field);

enum class CustomerCareType { kMessageFromConsumer, kResponseToConsumer };
std::string_view CustomerCareTypeName(CustomerCareType type);
Result<CustomerCareType> ParseCustomerCareType(std::string_view text, std::string_view field);

// The seven contexts, in the spec's discriminator spelling ("account", "order", ...).
enum class ContextKind { kAccount, kOrder, kCatalog, kInventory, kContract, kInvoice, kReturn };
std::string_view ContextKindName(ContextKind kind);
Result<ContextKind> ParseContextKind(std::string_view text, std::string_view field);

struct ConversationType {
  ConversationKind kind = ConversationKind::kStandard;
  std::string consumer_id;  // customer care only; required there
  friend bool operator==(const ConversationType&, const ConversationType&) = default;
};

// The item identifiers a context may use. At most the ones given are set.
struct ItemIdentifiers {
  std::optional<std::string> dsco_item_id, sku, upc, ean, mpn, isbn, gtin, partner_sku;
  bool empty() const;
  friend bool operator==(const ItemIdentifiers&, const ItemIdentifiers&) = default;
};

struct OrderLineRef {
  ItemIdentifiers item;
  std::optional<std::int64_t> line_number, consumer_line_number;
  friend bool operator==(const OrderLineRef&, const OrderLineRef&) = default;
};

// What a conversation is about. One flat struct: each kind uses the fields the spec
// gives it (listed below) and validation drops the rest.
//   account:   (none)
//   order:     dsco_order_id | po_number | supplier_order_number | consumer_order_number,
//              line_item
//   catalog, inventory: item
//   contract:  dsco_contract_id
//   invoice:   dsco_invoice_id | invoice_id, and po_number, supplier_order_number,
//              consumer_order_number as convenience fields
//   return:    dsco_return_id | supplier_return_number | retailer_return_number, and
//              dsco_order_id, po_number as convenience fields
// dsco_account_id / dsco_trading_partner_id: the partner hint the spec's prose allows on
// object contexts; when given it must name the conversation's other party.
struct ConversationContext {
  ContextKind kind = ContextKind::kAccount;
  std::optional<std::string> dsco_order_id, po_number, supplier_order_number,
      consumer_order_number;
  std::optional<OrderLineRef> line_item;
  ItemIdentifiers item;
  std::optional<std::string> dsco_contract_id;
  std::optional<std::string> dsco_invoice_id, invoice_id;
  std::optional<std::string> dsco_return_id, supplier_return_number, retailer_return_number;
  std::optional<std::string> dsco_account_id, dsco_trading_partner_id;
  friend bool operator==(const ConversationContext&, const ConversationContext&) = default;
};

struct ConversationMessage {
  std::string id;               // dscoMessageId, globally unique
  std::string conversation_id;  // dscoConversationId
  std::string text;
  std::string author_account_id;
  Role author_role = Role::kRetailer;
  std::string recipient_account_id;
  std::optional<CustomerCareType> customer_care_type;  // set in customer-care conversations
  std::string consumer_id;                             // copied from the conversation
  bool is_test = false;
  Time created;
  Time visible_at;  // created + the post-processing delay
  std::uint64_t sequence = 0;  // creation order, across all messages
};

struct Conversation {
  std::string id;
  std::string title;
  Role initiated_by = Role::kRetailer;
  std::string retailer_id;  // dscoRetailerId
  std::string supplier_id;  // dscoSupplierId
  std::optional<std::string> retailer_reference_id, supplier_reference_id;
  ConversationType type;
  ConversationStatus status = ConversationStatus::kNew;
  ConversationContext context;
  std::optional<std::string> initial_message;
  std::optional<Time> due_date;
  bool is_test = false;
  std::optional<Time> closed_date;
  Time created;
  Time last_update;
  Time last_activity;  // what the auto-close period counts from
  Time visible_at;     // created + the post-processing delay
  std::uint64_t sequence = 0;             // creation order, across all conversations
  std::vector<std::string> message_ids;   // in creation order
  TimerId auto_close_timer = 0;           // 0 when none is pending

  const std::string& initiator_id() const {
    return initiated_by == Role::kRetailer ? retailer_id : supplier_id;
  }
  bool has_participant(std::string_view account_id) const {
    return account_id == retailer_id || account_id == supplier_id;
  }
  // The participant that is not `account_id`. Precondition: has_participant(account_id).
  const std::string& other_party(std::string_view account_id) const {
    return account_id == retailer_id ? supplier_id : retailer_id;
  }
  // A task is a conversation with a due date; it is past due when it is not closed and
  // the due date is before `now`.
  bool is_task() const { return due_date.has_value(); }
  bool is_past_due(Time now) const {
    return due_date && status != ConversationStatus::kClosed && *due_date < now;
  }
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CONVERSATIONS_CONVERSATION_H_
