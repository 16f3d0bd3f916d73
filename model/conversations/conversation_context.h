// Checking a conversation's context: its shape (vendor spec, the seven context objects)
// and then, for object contexts, that the object exists between the two parties.
#ifndef DSCOSIM_MODEL_CONVERSATIONS_CONVERSATION_CONTEXT_H_
#define DSCOSIM_MODEL_CONVERSATIONS_CONVERSATION_CONTEXT_H_

#include <string_view>

#include "dscosim/model/accounts/accounts.h"
#include "dscosim/model/conversations/context_resolver.h"
#include "dscosim/model/conversations/conversation.h"
#include "dscosim/model/core/status.h"

namespace dscosim {

// Checks the formats of the item identifiers that are present: sku at most 90
// characters, upc 6 or 12 digits, ean 8 or 13, isbn 10 or 13, gtin 8 or 12 to 14, none
// empty. Fields are named `prefix` + the JSON key ("context.lineItem.upc").
Status ValidateItemIdentifiers(const ItemIdentifiers& ids, std::string_view prefix);

// Checks `context` for a conversation between `parties`, created or looked at by
// `caller`, and resolves its object through `resolver` (account contexts need none).
// Returns the context to store: only the fields of its kind, plus the canonical ids the
// resolver filled in. Errors name fields under "context.".
Result<ConversationContext> CheckConversationContext(const ConversationContext& context,
                                                     const ContextParties& parties,
                                                     std::string_view caller,
                                                     const AccountDirectory& accounts,
                                                     const ContextResolver* resolver);

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CONVERSATIONS_CONVERSATION_CONTEXT_H_
