// Domain events: every change to a commerce object, as the streams will see it.
//
// A store that changes an order, an item's inventory or catalog, an invoice or a return
// publishes one DomainEvent through the world's EventSink. The world appends it to the
// trace and to its event log, from which streams are filled: `object_key` picks the
// partition (one object's events stay in order), `payload` is the whole object as the
// API shows it, `event_reasons` uses the spec's eventReasons values where they exist, and
// `facts` carries what stream filters need to know about the change itself (did the
// quantity change, is this a new object, ...), which the payload alone cannot tell.
#ifndef DSCOSIM_MODEL_CORE_DOMAIN_EVENT_H_
#define DSCOSIM_MODEL_CORE_DOMAIN_EVENT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dscosim/model/core/status.h"
#include "dscosim/model/core/time.h"

namespace dscosim {

// The spec's stream objectType values that the model produces.
enum class StreamObjectType {
  kOrder,
  kInvoice,
  kInventory,
  kCatalog,
  kCatalogChangeLog,
  kOrderItemChange,
  kUndeliverableShipment,
  kReturns,
};
std::string_view StreamObjectTypeName(StreamObjectType type);  // "orderitemchange"
Result<StreamObjectType> ParseStreamObjectType(std::string_view text, std::string_view field);

struct DomainEvent {
  std::uint64_t sequence = 0;  // set by the world when published: 1, 2, ...
  Time time;                   // set by the world: now
  std::string actor;           // account id, or "platform"
  std::string kind;            // trace kind, e.g. "order.shipped"
  StreamObjectType object_type = StreamObjectType::kOrder;
  std::string object_key;      // partition key: dscoOrderId, dscoItemId, dscoReturnId, ...
  std::string retailer_id;     // empty: every retailer partner of the supplier (items)
  std::string supplier_id;
  std::vector<std::string> event_reasons;
  nlohmann::json payload;      // the object as the API shows it (neutral view)
  nlohmann::json facts = nlohmann::json::object();
};

class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void Publish(DomainEvent event) = 0;
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CORE_DOMAIN_EVENT_H_
