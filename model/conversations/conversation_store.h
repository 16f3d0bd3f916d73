// The conversation store: the platform's conversation rules (docs/conversations.md).
//
// Every operation takes the calling account's Dsco id. The store enforces who may see
// and do what: a conversation and its messages exist only for its two participants;
// to anyone else every lookup answers NotFound, exactly as for an id that does not exist.
//
// Errors name the offending field as a JSON path of the request ("title",
// "context.lineItem.upc") and leave the store unchanged; see status.h for the codes.
//
// Time: "now" is the world clock. Objects become visible to the list queries only after
// the post-processing delay; `until` must be at least `until_min_age` before now; scrolls
// expire after `scroll_ttl` unused; open conversations close themselves exactly
// `auto_close_after` after their last activity (a timer on the clock).
#ifndef DSCOSIM_MODEL_CONVERSATIONS_CONVERSATION_STORE_H_
#define DSCOSIM_MODEL_CONVERSATIONS_CONVERSATION_STORE_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dscosim/model/conversations/conversation.h"
#include "dscosim/model/core/scroll.h"
#include "dscosim/model/services.h"
#include "dscosim/model/core/status.h"
#include "dscosim/model/core/time.h"

namespace dscosim {

// When a conversation moves from `new` to `in_progress` on its own. The sources
// disagree (docs/conversations.md): the conversation guide says as soon as it has a
// message (an initial message counts), the API spec says when the party that did not
// start it replies.
enum class InProgressRule {
  kAnyMessage,        // the seeds' reading: the default
  kOtherPartyReplies  // the spec's reading
};

struct ConversationPolicy {
  InProgressRule in_progress_rule = InProgressRule::kAnyMessage;
  // An open conversation with no activity (create, message, update) for this long closes
  // itself. Zero disables auto-close.
  Duration auto_close_after = std::chrono::hours(24 * 30);
  // Post-processing: how long after creation a conversation or message appears in the
  // list queries. Zero is allowed. Keep it at most `until_min_age`, or a poller that
  // follows the 5-second rule could miss objects (docs/conversations.md).
  Duration visibility_delay = std::chrono::seconds(2);
  // `until` must be at least this long before now.
  Duration until_min_age = std::chrono::seconds(5);
  Duration scroll_ttl = std::chrono::minutes(5);
  std::size_t page_size = 100;
};

struct CreateConversationRequest {
  std::optional<std::string> title;
  std::optional<std::string> reference_id;
  std::optional<ConversationType> type;  // standard when absent
  std::optional<std::string> other_party_dsco_account_id;
  std::optional<std::string> other_party_trading_partner_id;
  std::optional<ConversationContext> context;  // account when absent
  std::optional<std::string> initial_message;  // initialMessage.message
  std::optional<Time> due_date;
  bool is_test = false;
};

struct UpdateConversationRequest {
  // Which conversation: at least one; all given must name the same conversation.
  std::optional<std::string> dsco_conversation_id;
  std::optional<std::string> find_by_retailer_reference_id;
  std::optional<std::string> find_by_supplier_reference_id;
  // What to change: at least one of these five.
  std::optional<std::string> title;
  std::optional<ConversationStatus> status;  // in_progress or closed only
  std::optional<Time> due_date;
  std::optional<std::string> retailer_reference_id;  // retailers only
  std::optional<std::string> supplier_reference_id;  // suppliers only
  // May update the type's contents (consumerId) but never its kind.
  std::optional<ConversationType> type;
};

struct AddMessageRequest {
  // Which conversation: at least one; all given must name the same conversation.
  std::optional<std::string> dsco_conversation_id;
  std::optional<std::string> retailer_reference_id;
  std::optional<std::string> supplier_reference_id;
  std::optional<std::string> message;
};

enum class TestFilter { kLegit, kTest, kAll };
Result<TestFilter> ParseTestFilter(std::string_view text, std::string_view field);
enum class SortDirection { kAscending, kDescending };

struct ConversationTypeFilter {
  ConversationKind kind = ConversationKind::kStandard;
  std::optional<std::string> consumer_id;
};

struct MessageTypeFilter {  // always customer care
  std::optional<CustomerCareType> customer_care_type;
  std::optional<std::string> consumer_id;
};

// Get Conversations. Criteria are ANDed; with scroll_id every other field is ignored.
struct ConversationQuery {
  std::optional<std::string> scroll_id;
  std::optional<std::string> dsco_conversation_id;
  std::optional<std::string> retailer_reference_id;
  std::optional<std::string> supplier_reference_id;
  std::optional<std::string> dsco_retailer_id;
  std::optional<std::string> dsco_retailer_trading_partner_id;  // supplier callers only
  std::optional<std::string> dsco_supplier_id;
  std::optional<std::string> dsco_supplier_trading_partner_id;  // retailer callers only
  std::optional<ConversationTypeFilter> type;
  std::optional<std::vector<ContextKind>> context_types;
  std::optional<bool> past_due;
  std::optional<Role> initiated_by;
  std::optional<std::vector<std::string>> dsco_account_ids;
  std::optional<std::vector<std::string>> dsco_trading_partner_ids;
  std::optional<std::vector<ConversationStatus>> statuses;
  std::optional<Time> created_since;  // inclusive
  std::optional<Time> updated_since;  // inclusive
  std::optional<Time> until;          // exclusive; at least until_min_age before now
  std::optional<TestFilter> test;     // legit when absent
  std::optional<SortDirection> sort;  // ascending by create date when absent
};

// Get Conversation Messages. Same conventions as ConversationQuery.
struct MessageQuery {
  std::optional<std::string> scroll_id;
  std::optional<MessageTypeFilter> type;
  std::optional<std::string> dsco_conversation_id;
  std::optional<std::string> retailer_reference_id;
  std::optional<std::string> supplier_reference_id;
  std::optional<std::string> dsco_message_id;
  std::optional<std::vector<std::string>> dsco_account_ids;
  std::optional<std::vector<std::string>> dsco_trading_partner_ids;
  std::optional<std::string> dsco_retailer_id;
  std::optional<std::string> dsco_retailer_trading_partner_id;
  std::optional<std::string> dsco_supplier_id;
  std::optional<std::string> dsco_supplier_trading_partner_id;
  std::optional<Time> created_since;  // inclusive
  std::optional<Time> until;          // exclusive; at least until_min_age before now
  std::optional<TestFilter> test;
  std::optional<SortDirection> sort;
};

struct ConversationPage {
  std::vector<Conversation> conversations;
  std::optional<std::string> scroll_id;
};

struct MessagePage {
  std::vector<ConversationMessage> messages;
  std::optional<std::string> scroll_id;
};

class ConversationStore {
 public:
  // Timer topic for auto-close; the key is the conversation id.
  static constexpr char kAutoCloseTopic[] = "conversation.auto_close";

  explicit ConversationStore(ConversationPolicy policy = {});

  // Points the store at the world's services. The world calls this on construction and
  // after a copy.
  void Bind(const Services* services) { services_ = services; }

  Result<Conversation> Create(std::string_view caller, const CreateConversationRequest& request);
  Result<Conversation> Update(std::string_view caller, const UpdateConversationRequest& request);
  Result<ConversationMessage> AddMessage(std::string_view caller,
                                         const AddMessageRequest& request);
  Result<ConversationPage> List(std::string_view caller, const ConversationQuery& query);
  Result<MessagePage> ListMessages(std::string_view caller, const MessageQuery& query);

  // Fires an auto-close timer (the world routes kAutoCloseTopic here).
  void OnAutoCloseTimer(std::string_view conversation_id);

  // Unfiltered read access for the world, checkers and tests: no visibility or
  // participation rules apply here.
  const Conversation* Find(std::string_view id) const;
  const ConversationMessage* FindMessage(std::string_view id) const;
  const std::map<std::string, Conversation, std::less<>>& conversations() const {
    return conversations_;
  }
  const std::map<std::string, ConversationMessage, std::less<>>& messages() const {
    return messages_;
  }
  const ConversationPolicy& policy() const { return policy_; }
  const ScrollCache& conversation_scrolls() const { return conversation_scrolls_; }
  const ScrollCache& message_scrolls() const { return message_scrolls_; }

 private:
  struct Locator {
    std::optional<std::string> dsco_conversation_id;
    std::optional<std::string> retailer_reference_id;
    std::optional<std::string> supplier_reference_id;
    const char* id_field;
    const char* retailer_reference_field;
    const char* supplier_reference_field;
  };
  // The one conversation a locator names, among the caller's. NotFound otherwise.
  Result<Conversation*> Locate(std::string_view caller, const Locator& locator);
  Result<std::vector<std::string>> MatchReference(std::string_view caller, Role owner_role,
                                                  std::string_view reference,
                                                  std::string_view field) const;
  Status CheckReferenceFree(std::string_view owner, Role owner_role,
                            std::string_view reference, std::string_view field,
                            std::string_view except_conversation) const;
  Status CheckUntil(const std::optional<Time>& until) const;
  // The caller's conversations that a query's conversation criteria allow (nullopt: no
  // such criterion). NotFound when a named conversation or reference id is not the
  // caller's.
  Result<std::optional<std::set<std::string>>> NarrowToConversations(
      std::string_view caller, const std::optional<std::string>& conversation_id,
      const std::optional<std::string>& retailer_reference,
      const std::optional<std::string>& supplier_reference) const;

  ConversationMessage& AppendMessage(Conversation& conversation, std::string_view author,
                                     std::string text);
  void MarkActivity(Conversation& conversation);
  void TraceConversation(std::string_view actor, std::string kind, const Conversation& c,
                         nlohmann::json extra = nlohmann::json::object());

  Time now() const { return services_->clock->now(); }

  ConversationPolicy policy_;
  const Services* services_ = nullptr;
  std::uint64_t next_sequence_ = 1;
  std::map<std::string, Conversation, std::less<>> conversations_;
  std::map<std::string, ConversationMessage, std::less<>> messages_;
  // Per account, its conversations and the messages of its conversations, in creation
  // order (so also in create-date order: the clock never runs backwards).
  std::map<std::string, std::vector<std::string>, std::less<>> conversations_by_account_;
  std::map<std::string, std::vector<std::string>, std::less<>> messages_by_account_;
  // "<owner account id>/<reference id>" -> conversation id. The owner is the retailer for
  // retailerReferenceId and the supplier for supplierReferenceId.
  std::map<std::string, std::string, std::less<>> references_;
  ScrollCache conversation_scrolls_;
  ScrollCache message_scrolls_;
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CONVERSATIONS_CONVERSATION_STORE_H_
