// Resolves conversation contexts against the world's real objects: orders (and their
// lines), items, invoices, returns and contracts, each only when it is between the
// conversation's two parties and visible (past post-processing).
#ifndef DSCOSIM_MODEL_CONVERSATIONS_COMMERCE_RESOLVER_H_
#define DSCOSIM_MODEL_CONVERSATIONS_COMMERCE_RESOLVER_H_

#include "dscosim/model/conversations/context_resolver.h"
#include "dscosim/model/services.h"

namespace dscosim {

class CommerceResolver : public ContextResolver {
 public:
  void Bind(const Services* services) { services_ = services; }

  // See ContextResolver. Every identifier given must match the same object; several
  // orders matching (a split PO) resolve to the first created; several items or lines
  // matching are ambiguous (InvalidArgument).
  Result<ConversationContext> Resolve(const ConversationContext& context,
                                      const ContextParties& parties) const override;

 private:
  Result<ConversationContext> ResolveOrder(ConversationContext c, const ContextParties& p) const;
  Result<ConversationContext> ResolveItem(ConversationContext c, const ContextParties& p) const;
  Result<ConversationContext> ResolveInvoice(ConversationContext c, const ContextParties& p) const;
  Result<ConversationContext> ResolveReturn(ConversationContext c, const ContextParties& p) const;

  const Services* services_ = nullptr;
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CONVERSATIONS_COMMERCE_RESOLVER_H_
