#include "dscosim/model/world.h"

#include <utility>

#include "dscosim/model/catalog/item_json.h"
#include "dscosim/model/core/text.h"

namespace dscosim {

World::World(WorldOptions options)
    : options_(std::move(options)),
      root_rng_(options_.seed),
      clock_(options_.start),
      ids_(root_rng_.Fork("ids")),
      tokens_(root_rng_.Fork("tokens")),
      trace_(options_.trace_retention),
      conversations_(options_.conversations),
      orders_(options_.orders),
      invoices_(options_.invoices),
      returns_(options_.returns),
      batches_(options_.batches),
      streams_(options_.streams) {
  Rebind();
}

World::World(const World& other)
    : TimerHandler(),
      EventSink(),
      BatchProcessor(),
      StreamSyncSource(),
      options_(other.options_),
      root_rng_(other.root_rng_),
      clock_(other.clock_),
      ids_(other.ids_),
      tokens_(other.tokens_),
      accounts_(other.accounts_),
      contracts_(other.contracts_),
      trace_(other.trace_),
      conversations_(other.conversations_),
      items_(other.items_),
      assortments_(other.assortments_),
      orders_(other.orders_),
      invoices_(other.invoices_),
      returns_(other.returns_),
      batches_(other.batches_),
      streams_(other.streams_),
      events_(other.events_),
      events_published_(other.events_published_) {
  Rebind();
}

World& World::operator=(const World& other) {
  if (this == &other) return *this;
  options_ = other.options_;
  root_rng_ = other.root_rng_;
  clock_ = other.clock_;
  ids_ = other.ids_;
  tokens_ = other.tokens_;
  accounts_ = other.accounts_;
  contracts_ = other.contracts_;
  trace_ = other.trace_;
  conversations_ = other.conversations_;
  items_ = other.items_;
  assortments_ = other.assortments_;
  orders_ = other.orders_;
  invoices_ = other.invoices_;
  returns_ = other.returns_;
  batches_ = other.batches_;
  streams_ = other.streams_;
  events_ = other.events_;
  events_published_ = other.events_published_;
  Rebind();
  return *this;
}

// A move is a copy's cheaper twin: the stores keep pointers to their siblings, so the
// moved-to world rebinds them to its own, as a copy does.
World::World(World&& other) noexcept
    : TimerHandler(),
      EventSink(),
      BatchProcessor(),
      StreamSyncSource(),
      options_(std::move(other.options_)),
      root_rng_(std::move(other.root_rng_)),
      clock_(std::move(other.clock_)),
      ids_(std::move(other.ids_)),
      tokens_(std::move(other.tokens_)),
      accounts_(std::move(other.accounts_)),
      contracts_(std::move(other.contracts_)),
      trace_(std::move(other.trace_)),
      conversations_(std::move(other.conversations_)),
      items_(std::move(other.items_)),
      assortments_(std::move(other.assortments_)),
      orders_(std::move(other.orders_)),
      invoices_(std::move(other.invoices_)),
      returns_(std::move(other.returns_)),
      batches_(std::move(other.batches_)),
      streams_(std::move(other.streams_)),
      events_(std::move(other.events_)),
      events_published_(std::move(other.events_published_)) {
  Rebind();
}

World& World::operator=(World&& other) noexcept {
  if (this == &other) return *this;
  options_ = std::move(other.options_);
  root_rng_ = std::move(other.root_rng_);
  clock_ = std::move(other.clock_);
  ids_ = std::move(other.ids_);
  tokens_ = std::move(other.tokens_);
  accounts_ = std::move(other.accounts_);
  contracts_ = std::move(other.contracts_);
  trace_ = std::move(other.trace_);
  conversations_ = std::move(other.conversations_);
  items_ = std::move(other.items_);
  assortments_ = std::move(other.assortments_);
  orders_ = std::move(other.orders_);
  invoices_ = std::move(other.invoices_);
  returns_ = std::move(other.returns_);
  batches_ = std::move(other.batches_);
  streams_ = std::move(other.streams_);
  events_ = std::move(other.events_);
  events_published_ = std::move(other.events_published_);
  Rebind();
  return *this;
}

void World::Rebind() {
  services_.clock = &clock_;
  services_.ids = &ids_;
  services_.tokens = &tokens_;
  services_.accounts = &accounts_;
  services_.trace = &trace_;
  services_.resolver = &resolver_;
  services_.contracts = &contracts_;
  services_.events = this;
  services_.items = &items_;
  services_.assortments = &assortments_;
  services_.orders = &orders_;
  services_.invoices = &invoices_;
  services_.returns = &returns_;
  resolver_.Bind(&services_);
  contracts_.Bind(&services_);
  conversations_.Bind(&services_);
  items_.Bind(&services_);
  assortments_.Bind(&services_);
  orders_.Bind(&services_);
  invoices_.Bind(&services_);
  returns_.Bind(&services_);
  batches_.Bind(&services_, this);
  streams_.Bind(&services_, this);
}

Result<Account> World::CreateAccount(Role role, std::string name) {
  Account account;
  account.role = role;
  account.name = std::move(name);
  return AddAccount(std::move(account));
}

Result<Account> World::AddAccount(Account account) {
  DSCOSIM_RETURN_IF_ERROR(CheckUtf8(account.name, "name"));
  DSCOSIM_RETURN_IF_ERROR(CheckUtf8(account.client_id, "clientId"));
  DSCOSIM_RETURN_IF_ERROR(CheckUtf8(account.client_secret, "clientSecret"));
  // Check before drawing ids, so a refusal changes nothing.
  if (!account.dsco_account_id.empty() && accounts_.Find(account.dsco_account_id) != nullptr) {
    return AlreadyExists("dscoAccountId", "account " + account.dsco_account_id + " already exists");
  }
  if (!account.client_id.empty() && accounts_.FindByClientId(account.client_id) != nullptr) {
    return AlreadyExists("clientId", "client id " + account.client_id + " is taken");
  }
  if (account.dsco_account_id.empty()) account.dsco_account_id = ids_.NextDscoId();
  if (account.client_id.empty()) account.client_id = ids_.NextToken(26);
  if (account.client_secret.empty()) account.client_secret = ids_.NextToken(40);
  DSCOSIM_RETURN_IF_ERROR(accounts_.AddAccount(account));
  trace_.Append(now(), kPlatformActor, "account.created",
                {{"dscoAccountId", account.dsco_account_id},
                 {"role", RoleName(account.role)},
                 {"name", account.name},
                 {"clientId", account.client_id}});
  return account;
}

Status World::LinkPartners(const Relationship& r) {
  DSCOSIM_RETURN_IF_ERROR(CheckUtf8(r.retailer_id_for_supplier, "retailerIdForSupplier"));
  DSCOSIM_RETURN_IF_ERROR(CheckUtf8(r.retailer_name_for_supplier, "retailerNameForSupplier"));
  DSCOSIM_RETURN_IF_ERROR(CheckUtf8(r.supplier_id_for_retailer, "supplierIdForRetailer"));
  DSCOSIM_RETURN_IF_ERROR(CheckUtf8(r.supplier_name_for_retailer, "supplierNameForRetailer"));
  DSCOSIM_RETURN_IF_ERROR(accounts_.Link(r));
  trace_.Append(now(), kPlatformActor, "partners.linked",
                {{"retailerAccountId", r.retailer_account_id},
                 {"supplierAccountId", r.supplier_account_id},
                 {"retailerIdForSupplier", r.retailer_id_for_supplier},
                 {"retailerNameForSupplier", r.retailer_name_for_supplier},
                 {"supplierIdForRetailer", r.supplier_id_for_retailer},
                 {"supplierNameForRetailer", r.supplier_name_for_retailer}});
  // A new partner's items may now match a retailer's dynamic assortments.
  assortments_.RecomputeAll();
  return Status::Ok();
}

Status World::AdvanceTo(Time target) { return clock_.AdvanceTo(target, *this); }
Status World::AdvanceBy(Duration delta) { return clock_.AdvanceBy(delta, *this); }

Status World::Settle() {
  const auto processing = [](const Timer& timer) {
    return timer.topic == OrderStore::kPostProcessingTopic ||
           timer.topic == InvoiceStore::kPostProcessingTopic ||
           timer.topic == BatchStore::kProcessTopic;
  };
  while (const std::optional<Time> due = clock_.NextDueWhere(processing)) {
    DSCOSIM_RETURN_IF_ERROR(AdvanceTo(*due));
  }
  return Status::Ok();
}

void World::OnTimer(const Timer& timer) {
  // Topics are "<store>.<what>"; each store handles its own.
  const std::string_view topic = timer.topic;
  if (topic == ConversationStore::kAutoCloseTopic) {
    conversations_.OnAutoCloseTimer(timer.key);
  } else if (topic.rfind("order.", 0) == 0) {
    orders_.OnTimer(timer);
  } else if (topic.rfind("invoice.", 0) == 0) {
    invoices_.OnTimer(timer);
  } else if (topic.rfind("return.", 0) == 0) {
    returns_.OnTimer(timer);
  } else if (topic.rfind("assortment.", 0) == 0) {
    assortments_.OnTimer(timer);
  } else if (topic.rfind("batch.", 0) == 0) {
    batches_.OnTimer(timer);
  }
}

Status World::ProcessBatchObject(BatchKind kind, std::string_view caller, const Json& object,
                                 const Json& options) {
  (void)options;
  switch (kind) {
    case BatchKind::kOrderCreate: return orders_.Create(caller, object).status();
    case BatchKind::kOrderUpdate: return orders_.ApplyUpdate(caller, object);
    case BatchKind::kOrderAcknowledge: return orders_.Acknowledge(caller, object);
    case BatchKind::kOrderAcknowledgeItems: return orders_.AcknowledgeItems(caller, object);
    case BatchKind::kOrderCancelItems: return orders_.CancelItems(caller, object);
    case BatchKind::kOrderShipment: return orders_.Ship(caller, object, ShipmentRoute::kSmallBatch);
    case BatchKind::kInvoiceCreate: return invoices_.Create(caller, object).status();
    case BatchKind::kReturnCreate: return returns_.Create(caller, object).status();
    case BatchKind::kReturnUpdate: return returns_.Update(caller, object).status();
    case BatchKind::kReturnComplete: return returns_.Complete(caller, object).status();
    case BatchKind::kInventoryUpdate:
      return items_
          .ApplyInventoryBatchElement(caller, object,
                                      options.value("skipItemsThatDontExist", false))
          .status();
    case BatchKind::kCatalogUpdate:
      return items_.UpsertCatalog(caller, object).status();
    case BatchKind::kAssortmentAddItems:
      return assortments_.AddItems(caller, options.value("assortmentId", ""), object);
    case BatchKind::kAssortmentRemoveItems:
      return assortments_.RemoveItems(caller, options.value("assortmentId", ""), object);
  }
  return InvalidArgument("", "unknown batch kind");
}

std::vector<StreamSyncSource::Object> World::SyncObjects(StreamObjectType type,
                                                         std::string_view owner) const {
  std::vector<StreamSyncSource::Object> out;
  const ItemView view = type == StreamObjectType::kCatalog ? ItemView::kCatalog : ItemView::kInventory;
  for (ItemStore::SyncItem& item : items_.SyncView(view, owner)) {
    out.push_back({item.item->dsco_item_id, item.item->supplier_id, std::move(item.payload),
                   std::move(item.facts)});
  }
  return out;
}

void World::Publish(DomainEvent event) {
  event.sequence = ++events_published_;
  event.time = now();
  trace_.Append(event.time, event.actor, event.kind,
                {{"objectType", StreamObjectTypeName(event.object_type)},
                 {"objectKey", event.object_key},
                 {"retailerId", event.retailer_id},
                 {"supplierId", event.supplier_id},
                 {"eventReasons", event.event_reasons},
                 {"facts", event.facts},
                 {"payload", event.payload}});
  streams_.OnEvent(event);
  events_.push_back(std::move(event));
  if (options_.event_retention != 0 && events_.size() > options_.event_retention) {
    events_.pop_front();
  }
}

}  // namespace dscosim
