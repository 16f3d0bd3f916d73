// How a conversation's object context (an order, an item, an invoice, a return, a
// contract) is checked against the objects that exist.
//
// The conversation store validates a context's *shape* (which identifiers, their
// formats) itself, then asks a ContextResolver whether the object exists between the
// conversation's retailer and supplier. The world backs this interface with its object
// stores; tests back it with fakes.
#ifndef DSCOSIM_MODEL_CONVERSATIONS_CONTEXT_RESOLVER_H_
#define DSCOSIM_MODEL_CONVERSATIONS_CONTEXT_RESOLVER_H_

#include <string>

#include "dscosim/model/accounts/accounts.h"
#include "dscosim/model/conversations/conversation.h"
#include "dscosim/model/core/status.h"

namespace dscosim {

struct ContextParties {
  std::string retailer_id;
  std::string supplier_id;
  Role caller_role = Role::kRetailer;
};

class ContextResolver {
 public:
  virtual ~ContextResolver() = default;

  // Resolves an object context (any kind but account) between `parties`. Returns the
  // context with the object's canonical Dsco id filled in (dsco_order_id,
  // item.dsco_item_id, dsco_invoice_id, dsco_return_id). Errors: NotFound when no such
  // object is shared by the two parties, InvalidArgument when the identifiers are
  // ambiguous; the field is relative to the context object ("poNumber",
  // "lineItem.sku"). When identifiers match several orders (a split order), the first
  // order created wins, as the spec says.
  virtual Result<ConversationContext> Resolve(const ConversationContext& context,
                                              const ContextParties& parties) const = 0;
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CONVERSATIONS_CONTEXT_RESOLVER_H_
