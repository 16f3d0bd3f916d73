// The world's shared services, as the stores see them.
//
// Stores (conversations, later orders and streams) keep a pointer to one of these
// instead of to the World, so the World stays a plain value that can be copied
// (snapshots): copying a World re-points its stores at the copy's services.
#ifndef DSCOSIM_MODEL_SERVICES_H_
#define DSCOSIM_MODEL_SERVICES_H_

#include "dscosim/model/accounts/accounts.h"
#include "dscosim/model/core/clock.h"
#include "dscosim/model/conversations/context_resolver.h"
#include "dscosim/model/core/domain_event.h"
#include "dscosim/model/core/ids.h"
#include "dscosim/model/core/trace.h"

namespace dscosim {

class ItemStore;
class AssortmentStore;
class OrderStore;
class InvoiceStore;
class ReturnStore;
class ContractStore;

struct Services {
  Clock* clock = nullptr;
  IdMaker* ids = nullptr;     // object ids: these appear in traces
  IdMaker* tokens = nullptr;  // scroll ids, access tokens: reads draw these, so they get
                              // their own sub-stream and never shift object ids
  AccountDirectory* accounts = nullptr;
  Trace* trace = nullptr;
  const ContextResolver* resolver = nullptr;
  EventSink* events = nullptr;  // every commerce-object change goes here
  // The stores, so each can look up the objects of the others.
  ItemStore* items = nullptr;
  AssortmentStore* assortments = nullptr;
  OrderStore* orders = nullptr;
  InvoiceStore* invoices = nullptr;
  ReturnStore* returns = nullptr;
  ContractStore* contracts = nullptr;
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_SERVICES_H_
