// Reading streams, committing positions, and the stream operations.
#include <algorithm>

#include "dscosim/model/streams/stream_store.h"

namespace dscosim {
namespace {

// A range bound: an event id, or an ISO-8601 time (as the first id of its millisecond).
Result<EventIdParts> Bound(std::string_view text, std::string_view field) {
  auto id = ParseEventId(text, field);
  if (id.ok()) return id;
  auto time = ParseIso8601(text, field);
  if (!time.ok()) {
    return InvalidArgument(std::string(field), "must be an event id or an ISO-8601 date-time");
  }
  return EventIdParts{MillisOf(*time), 0};
}

// The first event at or after `position`.
auto LowerBound(const std::deque<StreamEvent>& events, const EventIdParts& position) {
  return std::partition_point(events.begin(), events.end(),
                              [&](const StreamEvent& e) { return e.before(position); });
}

// The first event strictly after `position`.
auto UpperBound(const std::deque<StreamEvent>& events, const EventIdParts& position) {
  return std::partition_point(events.begin(), events.end(),
                              [&](const StreamEvent& e) { return !e.after(position); });
}

}  // namespace

StreamRead StreamStore::Collect(const Stream& s, const StreamPartition& p,
                                std::deque<StreamEvent>::const_iterator it,
                                std::optional<EventIdParts> end_exclusive) const {
  StreamRead out;
  out.partition_id = p.partition_id;
  out.owner_id = p.owner_id;
  std::int64_t bytes = 0;
  std::optional<Time> first;
  for (; it != p.events.end(); ++it) {
    if (end_exclusive && !it->before(*end_exclusive)) break;
    if (static_cast<std::int64_t>(out.events.size()) >= s.max_events.object_count) break;
    const auto size = static_cast<std::int64_t>(it->payload().size());
    // The byte cap never leaves a read empty: one event always fits.
    if (!out.events.empty() && bytes + size > s.max_events.num_bytes) break;
    if (first && it->time() >= *first + std::chrono::seconds(s.max_events.duration_sec)) break;
    if (!first) first = it->time();
    bytes += size;
    out.events.push_back(*it);
  }
  return out;
}

Result<StreamRead> StreamStore::ReadAfter(std::string_view caller, std::string_view id,
                                          int partition_id, std::string_view position) {
  DSCOSIM_ASSIGN_OR_RETURN(Stream* const s, Owned(caller, id));
  DSCOSIM_ASSIGN_OR_RETURN(StreamPartition* const p, PartitionOf(*s, partition_id));
  DSCOSIM_ASSIGN_OR_RETURN(const EventIdParts after, ParseEventId(position, "position"));
  DropExpired(*s);
  return Collect(*s, *p, UpperBound(p->events, after), std::nullopt);
}

Result<StreamRead> StreamStore::ReadRange(std::string_view caller, std::string_view id,
                                          int partition_id, std::string_view start,
                                          std::string_view end) {
  DSCOSIM_ASSIGN_OR_RETURN(Stream* const s, Owned(caller, id));
  DSCOSIM_ASSIGN_OR_RETURN(StreamPartition* const p, PartitionOf(*s, partition_id));
  DSCOSIM_ASSIGN_OR_RETURN(const EventIdParts from, Bound(start, "startPosition"));
  DSCOSIM_ASSIGN_OR_RETURN(const EventIdParts to, Bound(end, "endPosition"));
  DropExpired(*s);
  return Collect(*s, *p, LowerBound(p->events, from), to);
}

Result<StreamRead> StreamStore::ReadSingle(std::string_view caller, std::string_view id,
                                           int partition_id, std::string_view position) {
  DSCOSIM_ASSIGN_OR_RETURN(Stream* const s, Owned(caller, id));
  DSCOSIM_ASSIGN_OR_RETURN(StreamPartition* const p, PartitionOf(*s, partition_id));
  DSCOSIM_ASSIGN_OR_RETURN(const EventIdParts at, ParseEventId(position, "position"));
  DropExpired(*s);
  const auto it = LowerBound(p->events, at);
  if (it == p->events.end() || !it->at(at)) {
    return NotFound("position", "no event with this id in partition " + std::to_string(partition_id));
  }
  StreamRead out;
  out.partition_id = p->partition_id;
  out.owner_id = p->owner_id;
  out.events.push_back(*it);
  return out;
}

Status StreamStore::Commit(std::string_view caller, std::string_view id, int partition_id,
                           std::string_view position) {
  DSCOSIM_ASSIGN_OR_RETURN(Stream* const s, Owned(caller, id));
  DSCOSIM_ASSIGN_OR_RETURN(StreamPartition* const p, PartitionOf(*s, partition_id));
  DSCOSIM_ASSIGN_OR_RETURN(const EventIdParts at, ParseEventId(position, "position"));
  DropExpired(*s);
  const auto it = LowerBound(p->events, at);
  if (it == p->events.end() || !it->at(at)) {
    return InvalidArgument("position", "is not the id of an event of partition " +
                                           std::to_string(partition_id) +
                                           " (commit the id of an event you were given)");
  }
  const std::string from = p->position;
  p->position = std::string(position);
  p->last_update = now();
  TraceStream(caller, "stream.position_committed", *s,
              {{"partitionId", partition_id}, {"from", from}, {"to", p->position},
               {"rewind", p->position < from}});
  return Status::Ok();
}

Result<StreamOperationResult> StreamStore::Operate(std::string_view caller, std::string_view id,
                                                   const Json& body) {
  DSCOSIM_ASSIGN_OR_RETURN(Stream* const s, Owned(caller, id));
  DSCOSIM_RETURN_IF_ERROR(RequireObject(body, ""));
  DSCOSIM_ASSIGN_OR_RETURN(const std::string type, ReqString(body, "operationType"));
  StreamOperationResult result;
  result.operation_type = type;
  if (type == "setpartitionowner") {
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::int64_t> partition, OptInt(body, "partitionId"));
    if (!partition) return InvalidArgument("partitionId", "is required");
    if (!body.contains("ownerId")) return InvalidArgument("ownerId", "is required (null clears it)");
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> owner, OptString(body, "ownerId"));
    DSCOSIM_ASSIGN_OR_RETURN(StreamPartition* const p, PartitionOf(*s, static_cast<int>(*partition)));
    p->owner_id = owner;
    p->last_update = now();  // always, even when nothing changed: a "touch"
  } else if (type == "repartition") {
    s->routing.clear();
    for (const StreamPartition& p : s->partitions) {
      if (p.active) s->routing.push_back(p.partition_id);
    }
  } else if (type == "sync") {
    if (s->object_type != StreamObjectType::kInventory && s->object_type != StreamObjectType::kCatalog) {
      return InvalidArgument("operationType", "sync is only for inventory and catalog streams");
    }
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> tp, OptString(body, "dscoTradingPartnerId"));
    std::optional<std::string> only_supplier;
    if (tp) {
      const PartnerView* partner = services_->accounts->PartnerByTradingPartnerId(caller, *tp);
      if (partner == nullptr) {
        return InvalidArgument("dscoTradingPartnerId", "is not one of your trading-partner ids");
      }
      only_supplier = partner->partner_account_id;
    }
    DSCOSIM_ASSIGN_OR_RETURN(const Json* skus, OptArray(body, "sku"));
    if (sync_source_ != nullptr) {
      for (const StreamSyncSource::Object& object : sync_source_->SyncObjects(s->object_type, caller)) {
        if (only_supplier && object.supplier_id != *only_supplier) continue;
        if (skus != nullptr &&
            std::find(skus->begin(), skus->end(), object.payload.value("sku", Json())) == skus->end()) {
          continue;
        }
        // A sync acts as if every object changed: only the query's other filters apply,
        // and each event says so (the schema's reasons have no "sync").
        DomainEvent e;
        e.object_type = s->object_type;
        e.object_key = object.key;
        e.supplier_id = object.supplier_id;
        e.payload = object.payload;
        e.facts = object.facts;
        e.facts["quantityChanged"] = true;
        e.facts["quantityStateChanged"] = true;
        e.facts["unchanged"] = false;
        if (!Wants(*s, e)) continue;
        Append(*s,
               std::make_shared<const StreamEventBody>(
                   StreamEventBody{object.key,
                                   {s->object_type == StreamObjectType::kInventory
                                        ? "inventory_attribute_changed"
                                        : "catalog_attribute_changed"},
                                   object.payload.dump()}),
               true);
        ++result.events;
      }
    }
  } else {
    return InvalidArgument("operationType", "must be one of: sync, setpartitionowner, repartition");
  }
  result.operation_uuid = services_->ids->NextUuid();
  s->last_update = now();
  TraceStream(caller, "stream.operation", *s,
              {{"operationType", type}, {"operationUuid", result.operation_uuid},
               {"events", result.events}});
  return result;
}

}  // namespace dscosim
