// A model-level client that reads an account's conversation messages the way the
// customer-care guide says a partner should: contiguous windows [createdSince, until)
// where each window starts at the previous window's `until`, `until` kept at least the
// platform's minimum age (5 s) before now, and every scrollId followed to the empty
// page. Used by the demo and by the property tests as the reference poller.
#ifndef DSCOSIM_SCENARIOS_MESSAGE_POLLER_H_
#define DSCOSIM_SCENARIOS_MESSAGE_POLLER_H_

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "dscosim/model/conversations/conversation_store.h"

namespace dscosim {

class MessagePoller {
 public:
  MessagePoller(std::string account_id, Time start,
                Duration lag = std::chrono::seconds(5),
                std::optional<MessageTypeFilter> type = std::nullopt)
      : account_id_(std::move(account_id)), since_(start), lag_(lag), type_(std::move(type)) {}

  // Reads the next window, up to now - lag, following the scroll to its end. Returns
  // the messages in the order the platform gave them. Nothing is read (and the window
  // does not move) while the window would be empty.
  Result<std::vector<ConversationMessage>> Poll(ConversationStore& store, Time now);

  Time next_since() const { return since_; }
  int requests() const { return requests_; }

 private:
  std::string account_id_;
  Time since_;
  Duration lag_;
  std::optional<MessageTypeFilter> type_;
  int requests_ = 0;
};

}  // namespace dscosim

#endif  // DSCOSIM_SCENARIOS_MESSAGE_POLLER_H_
