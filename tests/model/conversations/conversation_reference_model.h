// The reference model for the conversation property tests: the conversation rules
// restated as simply as possible, over account indices and creation indices instead of
// ids. The state-machine test drives the real store and this model with the same
// commands and requires them to agree.
//
// Accounts (as in TestWorld): 0 = R1, 1 = R2, 2 = S1, 3 = S2; partners R1-S1, R1-S2,
// R2-S1.
#ifndef DSCOSIM_TESTS_MODEL_CONVERSATIONS_CONVERSATION_REFERENCE_MODEL_H_
#define DSCOSIM_TESTS_MODEL_CONVERSATIONS_CONVERSATION_REFERENCE_MODEL_H_

#include <optional>
#include <vector>

#include "dscosim/model/conversations/conversation_store.h"

namespace dscosim::test_support {

inline constexpr int kR1 = 0, kR2 = 1, kS1 = 2, kS2 = 3, kAccountCount = 4;

bool IsRetailerIndex(int account);
bool ArePartnerIndices(int a, int b);
std::vector<int> PartnerIndicesOf(int account);

struct RefConversation {
  int retailer = 0;
  int supplier = 0;
  int initiator = 0;
  bool customer_care = false;
  bool is_test = false;
  std::optional<Time> due_date;
  ConversationStatus status = ConversationStatus::kNew;
  std::optional<Time> closed_date;
  Time created;
  Time last_activity;
  int messages = 0;

  bool Involves(int account) const { return account == retailer || account == supplier; }
};

struct RefModel {
  ConversationPolicy policy;
  Time now;
  std::vector<RefConversation> conversations;

  void Create(int caller, int other, bool customer_care, bool is_test, bool initial_message,
              std::optional<Time> due_date);
  // Returns whether the message is accepted (the conversation is not closed).
  bool AddMessage(int conversation, int author);
  // in_progress or closed; a no-op when already there.
  void SetStatus(int conversation, ConversationStatus to);
  // Moves time; open conversations idle for the whole period close at exactly
  // last_activity + period.
  void Advance(Duration delta);
};

// Whether a status change is one the platform allows.
bool IsLegalTransition(ConversationStatus from, ConversationStatus to);

}  // namespace dscosim::test_support

#endif  // DSCOSIM_TESTS_MODEL_CONVERSATIONS_CONVERSATION_REFERENCE_MODEL_H_
