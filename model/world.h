// The World: one simulated Dsco platform. It owns the clock, the random source, the id
// makers, the accounts, the trace and every store, and routes fired timers to the store
// that scheduled them.
//
// A World is a value: copying it gives an independent world in the same state (the
// snapshot/restore of the fake server), and the copy's stores use the copy's clock, ids
// and trace.
//
// Determinism: a World is a pure function of its options (the seed above all) and the
// sequence of calls made on it. Nothing here reads the wall clock, the environment,
// files, or an unseeded random source.
#ifndef DSCOSIM_MODEL_WORLD_H_
#define DSCOSIM_MODEL_WORLD_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <deque>

#include "dscosim/model/accounts/accounts.h"
#include "dscosim/model/catalog/assortment_store.h"
#include "dscosim/model/batches/batch_store.h"
#include "dscosim/model/core/clock.h"
#include "dscosim/model/conversations/commerce_resolver.h"
#include "dscosim/model/accounts/contract_store.h"
#include "dscosim/model/conversations/conversation_store.h"
#include "dscosim/model/core/domain_event.h"
#include "dscosim/model/core/ids.h"
#include "dscosim/model/invoices/invoice_store.h"
#include "dscosim/model/catalog/item_store.h"
#include "dscosim/model/orders/order_store.h"
#include "dscosim/model/returns/return_store.h"
#include "dscosim/model/streams/stream_store.h"
#include "dscosim/model/core/rng.h"
#include "dscosim/model/services.h"
#include "dscosim/model/core/status.h"
#include "dscosim/model/core/time.h"
#include "dscosim/model/core/trace.h"

namespace dscosim {

struct WorldOptions {
  std::uint64_t seed = 1;
  Time start = kDefaultWorldStart;
  ConversationPolicy conversations;
  OrderPolicy orders;
  InvoicePolicy invoices;
  ReturnPolicy returns;
  BatchPolicy batches;
  StreamPolicy streams;
  std::size_t trace_retention = 0;  // 0 keeps every trace event
  std::size_t event_retention = 0;  // 0 keeps every domain event
};

class World : private TimerHandler,
              private EventSink,
              private BatchProcessor,
              private StreamSyncSource {
 public:
  explicit World(WorldOptions options = {});
  World(const World& other);
  World& operator=(const World& other);
  // Moves rebind the stores to the moved-to world; the moved-from world may only be
  // destroyed or assigned to.
  World(World&& other) noexcept;
  World& operator=(World&& other) noexcept;
  ~World() override = default;

  const WorldOptions& options() const { return options_; }
  std::uint64_t seed() const { return options_.seed; }
  Time now() const { return clock_.now(); }

  // A random sub-stream of the world's seed for scenario drivers and generators, under
  // "scenario/", so it can never be one of the world's own streams ("ids", "tokens").
  Rng Fork(std::string_view name) const { return root_rng_.Fork("scenario").Fork(name); }

  // Creates an account with a generated Dsco id and API credentials.
  Result<Account> CreateAccount(Role role, std::string name);
  // Adds an account as given; empty ids and credentials are generated.
  Result<Account> AddAccount(Account account);
  // Makes a retailer and a supplier trading partners (see AccountDirectory::Link).
  Status LinkPartners(const Relationship& relationship);

  // Move the clock, firing every due timer in order (see Clock).
  Status AdvanceTo(Time target);
  Status AdvanceBy(Duration delta);
  // Moves the clock until nothing asynchronous is left in flight: every pending
  // post-processing (orders, invoices) and batch-processing timer fires, and those they
  // schedule, advancing to each one's due time. Deadlines and auto-close timers are
  // left pending (they fire only if due before the last processing timer).
  Status Settle();

  Clock& clock() { return clock_; }
  const Clock& clock() const { return clock_; }
  IdMaker& ids() { return ids_; }
  IdMaker& tokens() { return tokens_; }
  const AccountDirectory& accounts() const { return accounts_; }
  ContractStore& contracts() { return contracts_; }
  const ContractStore& contracts() const { return contracts_; }
  const Trace& trace() const { return trace_; }
  ConversationStore& conversations() { return conversations_; }
  const ConversationStore& conversations() const { return conversations_; }
  ItemStore& items() { return items_; }
  const ItemStore& items() const { return items_; }
  AssortmentStore& assortments() { return assortments_; }
  const AssortmentStore& assortments() const { return assortments_; }
  OrderStore& orders() { return orders_; }
  const OrderStore& orders() const { return orders_; }
  InvoiceStore& invoices() { return invoices_; }
  const InvoiceStore& invoices() const { return invoices_; }
  ReturnStore& returns() { return returns_; }
  const ReturnStore& returns() const { return returns_; }
  BatchStore& batches() { return batches_; }
  const BatchStore& batches() const { return batches_; }
  StreamStore& streams() { return streams_; }
  const StreamStore& streams() const { return streams_; }

  // Every published domain event, oldest first (the newest `event_retention` when set).
  const std::deque<DomainEvent>& events() const { return events_; }
  std::uint64_t events_published() const { return events_published_; }

 private:
  void OnTimer(const Timer& timer) override;
  void Publish(DomainEvent event) override;
  Status ProcessBatchObject(BatchKind kind, std::string_view caller, const Json& object,
                            const Json& options) override;
  std::vector<StreamSyncSource::Object> SyncObjects(StreamObjectType type,
                                                    std::string_view owner) const override;
  void Rebind();

  WorldOptions options_;
  Rng root_rng_;
  Clock clock_;
  IdMaker ids_;
  IdMaker tokens_;
  AccountDirectory accounts_;
  CommerceResolver resolver_;
  ContractStore contracts_;
  Trace trace_;
  ConversationStore conversations_;
  ItemStore items_;
  AssortmentStore assortments_;
  OrderStore orders_;
  InvoiceStore invoices_;
  ReturnStore returns_;
  BatchStore batches_;
  StreamStore streams_;
  std::deque<DomainEvent> events_;
  std::uint64_t events_published_ = 0;
  Services services_;
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_WORLD_H_
