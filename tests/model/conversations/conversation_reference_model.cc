#include "dscosim/tests/model/conversations/conversation_reference_model.h"

namespace dscosim::test_support {

bool IsRetailerIndex(int account) { return account == kR1 || account == kR2; }

bool ArePartnerIndices(int a, int b) {
  const auto pair = [&](int r, int s) { return (a == r && b == s) || (a == s && b == r); };
  return pair(kR1, kS1) || pair(kR1, kS2) || pair(kR2, kS1);
}

std::vector<int> PartnerIndicesOf(int account) {
  std::vector<int> out;
  for (int other = 0; other < kAccountCount; ++other) {
    if (ArePartnerIndices(account, other)) out.push_back(other);
  }
  return out;
}

void RefModel::Create(int caller, int other, bool customer_care, bool is_test,
                      bool initial_message, std::optional<Time> due_date) {
  RefConversation c;
  c.retailer = IsRetailerIndex(caller) ? caller : other;
  c.supplier = IsRetailerIndex(caller) ? other : caller;
  c.initiator = caller;
  c.customer_care = customer_care;
  c.is_test = is_test;
  c.due_date = due_date;
  c.created = now;
  c.last_activity = now;
  conversations.push_back(c);
  if (initial_message) AddMessage(static_cast<int>(conversations.size()) - 1, caller);
}

bool RefModel::AddMessage(int index, int author) {
  RefConversation& c = conversations[static_cast<std::size_t>(index)];
  if (c.status == ConversationStatus::kClosed) return false;
  ++c.messages;
  const bool progresses =
      policy.in_progress_rule == InProgressRule::kAnyMessage || author != c.initiator;
  if (c.status == ConversationStatus::kNew && progresses) c.status = ConversationStatus::kInProgress;
  c.last_activity = now;
  return true;
}

void RefModel::SetStatus(int index, ConversationStatus to) {
  RefConversation& c = conversations[static_cast<std::size_t>(index)];
  if (c.status == to) return;
  c.status = to;
  c.closed_date.reset();
  if (to == ConversationStatus::kClosed) c.closed_date = now;
  c.last_activity = now;
}

void RefModel::Advance(Duration delta) {
  now += delta;
  if (policy.auto_close_after <= Duration::zero()) return;
  for (RefConversation& c : conversations) {
    if (c.status == ConversationStatus::kClosed) continue;
    const Time due = c.last_activity + policy.auto_close_after;
    if (due <= now) {
      c.status = ConversationStatus::kClosed;
      c.closed_date = due;
    }
  }
}

bool IsLegalTransition(ConversationStatus from, ConversationStatus to) {
  using S = ConversationStatus;
  if (from == to) return true;
  return (from == S::kNew && to == S::kInProgress) || (from == S::kNew && to == S::kClosed) ||
         (from == S::kInProgress && to == S::kClosed) ||
         (from == S::kClosed && to == S::kInProgress);
}

}  // namespace dscosim::test_support
