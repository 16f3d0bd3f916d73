#include "dscosim/scenarios/message_poller.h"

namespace dscosim {

Result<std::vector<ConversationMessage>> MessagePoller::Poll(ConversationStore& store,
                                                            Time now) {
  std::vector<ConversationMessage> out;
  const Time until = now - lag_;
  if (until <= since_) return out;
  MessageQuery query;
  query.created_since = since_;
  query.until = until;
  query.type = type_;
  ++requests_;
  DSCOSIM_ASSIGN_OR_RETURN(MessagePage page, store.ListMessages(account_id_, query));
  out = std::move(page.messages);
  while (page.scroll_id) {
    MessageQuery next;
    next.scroll_id = page.scroll_id;
    ++requests_;
    DSCOSIM_ASSIGN_OR_RETURN(page, store.ListMessages(account_id_, next));
    out.insert(out.end(), page.messages.begin(), page.messages.end());
  }
  since_ = until;
  return out;
}

}  // namespace dscosim
