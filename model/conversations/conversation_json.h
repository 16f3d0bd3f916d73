// The API's JSON shape of conversations and messages (vendor spec: Conversation,
// ConversationMessage), as one account sees them.
//
// The viewer matters: a supplier sees the retailer under its own trading-partner id and
// name (dscoRetailerTradingPartnerId/Name) and a retailer sees the supplier the same way;
// a message names its author and recipient in the viewer's terms and leaves the viewer's
// own side empty. An empty viewer gives the neutral view used in traces.
#ifndef DSCOSIM_MODEL_CONVERSATIONS_CONVERSATION_JSON_H_
#define DSCOSIM_MODEL_CONVERSATIONS_CONVERSATION_JSON_H_

#include <string_view>

#include <nlohmann/json.hpp>

#include "dscosim/model/accounts/accounts.h"
#include "dscosim/model/conversations/conversation.h"

namespace dscosim {

nlohmann::json ConversationTypeToJson(const ConversationType& type);
nlohmann::json ItemIdentifiersToJson(const ItemIdentifiers& ids);
nlohmann::json ContextToJson(const ConversationContext& context);
nlohmann::json ConversationToJson(const Conversation& conversation,
                                  const AccountDirectory& accounts, std::string_view viewer);
nlohmann::json MessageToJson(const ConversationMessage& message,
                             const Conversation& conversation,
                             const AccountDirectory& accounts, std::string_view viewer);

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CONVERSATIONS_CONVERSATION_JSON_H_
