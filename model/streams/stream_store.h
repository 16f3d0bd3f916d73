// The stream store: create / list / update / delete streams, fan every domain event out
// to the streams that want it, read and commit positions, and the sync /
// setpartitionowner / repartition operations (docs/streams.md).
//
// Ownership: a stream belongs to the account that created it; to any other account it
// does not exist (NotFound, as for an unknown id). Stream ids are unique per account.
//
// Fan-out: an event goes to a stream when the stream's object type matches, the event
// involves the owner (its retailer or supplier; for item events, any retailer partner
// of the supplier), and the stream's query passes. It lands in exactly one partition:
// the stable hash (FNV-1a) of the object's key over the stream's routing partitions, so
// one object's events stay in order in one partition. Event ids increase across the
// whole stream, so merging partitions by id gives time order.
//
// Partitions: numbered from 0, at most 20. Raising numPartitions adds (or reactivates)
// partitions and lowering it deactivates the highest-numbered ones at once; which
// partitions keys are hashed over changes only with the `repartition` operation (until
// then a key whose partition went inactive is hashed over the routing partitions still
// active).
#ifndef DSCOSIM_MODEL_STREAMS_STREAM_STORE_H_
#define DSCOSIM_MODEL_STREAMS_STREAM_STORE_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dscosim/model/core/json_fields.h"
#include "dscosim/model/services.h"
#include "dscosim/model/streams/stream.h"

namespace dscosim {

struct StreamPolicy {
  // Events older than this disappear (the standard guide: "persist for up to 90 days").
  Duration retention = std::chrono::hours(24 * 90);
};

struct StreamOperationResult {
  std::string operation_type;  // sync | setpartitionowner | repartition
  std::string operation_uuid;
  std::size_t events = 0;      // events a sync produced
};

struct StreamRead {
  std::vector<StreamEvent> events;
  int partition_id = 0;
  std::optional<std::string> owner_id;
};

// Supplies the current objects of a sync (inventory and catalog streams). The world
// implements it over the item store.
class StreamSyncSource {
 public:
  virtual ~StreamSyncSource() = default;
  struct Object {
    std::string key;        // dscoItemId
    std::string supplier_id;
    nlohmann::json payload;  // as the API shows it to the stream's owner
    nlohmann::json facts;    // as a DomainEvent's facts
  };
  // Every current object of `type` that `owner` may see, in a stable order.
  virtual std::vector<Object> SyncObjects(StreamObjectType type, std::string_view owner) const = 0;
};

class StreamStore {
 public:
  explicit StreamStore(StreamPolicy policy = {});
  void Bind(const Services* services, const StreamSyncSource* sync_source) {
    services_ = services;
    sync_source_ = sync_source;
  }

  // POST /stream. `body` is a Stream: objectType and query required.
  Result<Stream> Create(std::string_view caller, const Json& body);
  // GET /stream: every stream of the caller, or the one with `id` (NotFound when it is
  // not the caller's), trimmed to `partition_id` when given.
  Result<std::vector<Stream>> List(std::string_view caller, const std::optional<std::string>& id,
                                   const std::optional<int>& partition_id) const;
  // PUT /stream/{id}: description, numPartitions, query, maxEvents; objectType never
  // changes. streamVersion rises by one unless `increment_version` is false.
  Result<Stream> Update(std::string_view caller, std::string_view id, const Json& body,
                        bool increment_version);
  // DELETE /stream/{id}: returns the stream as it was.
  Result<Stream> Delete(std::string_view caller, std::string_view id);
  // POST /stream/{id}: sync | setpartitionowner | repartition.
  Result<StreamOperationResult> Operate(std::string_view caller, std::string_view id,
                                        const Json& body);

  // Events strictly after `position`, capped by the stream's maxEvents.
  Result<StreamRead> ReadAfter(std::string_view caller, std::string_view id, int partition_id,
                               std::string_view position);
  // Events with start <= id < end; each bound an event id or an ISO-8601 time. Capped by
  // maxEvents; never moves the committed position.
  Result<StreamRead> ReadRange(std::string_view caller, std::string_view id, int partition_id,
                               std::string_view start, std::string_view end);
  // The one event with exactly this id.
  Result<StreamRead> ReadSingle(std::string_view caller, std::string_view id, int partition_id,
                                std::string_view position);
  // Commits a partition's position. It must be the id of an event of that partition
  // (moving back is allowed: a partner may rewind).
  Status Commit(std::string_view caller, std::string_view id, int partition_id,
                std::string_view position);

  // Fans one domain event out (the world calls this for every published event).
  void OnEvent(const DomainEvent& event);

  // The Stream as the API shows it (partitions trimmed to `partition_id` when given).
  nlohmann::json ToJson(const Stream& stream, const std::optional<int>& partition_id = {}) const;
  static nlohmann::json EventToJson(const StreamEvent& event);

  const Stream* Find(std::string_view owner, std::string_view id) const;
  const std::map<std::string, Stream, std::less<>>& streams() const { return streams_; }
  const StreamPolicy& policy() const { return policy_; }

 private:
  Time now() const { return services_->clock->now(); }
  Result<Stream*> Owned(std::string_view caller, std::string_view id);
  Result<StreamPartition*> PartitionOf(Stream& stream, int partition_id);
  // Reads and checks a query for `type` owned by `owner` into a filter.
  Result<StreamFilter> CompileQuery(StreamObjectType type, std::string_view owner,
                                    const Json& query) const;
  Result<MaxEvents> ReadMaxEvents(const Json& body, MaxEvents fallback) const;
  void SetPartitionCount(Stream& stream, int count);
  bool Wants(const Stream& stream, const DomainEvent& event) const;
  // The event's item (or, for an order, any of its lines' items) is in the assortment.
  bool InAssortment(const std::string& assortment_id, const DomainEvent& event) const;
  void Append(Stream& stream, const std::shared_ptr<const StreamEventBody>& body, bool from_sync);
  void DropExpired(Stream& stream);
  StreamRead Collect(const Stream& stream, const StreamPartition& partition,
                     std::deque<StreamEvent>::const_iterator begin,
                     std::optional<EventIdParts> end_exclusive) const;
  void TraceStream(std::string_view actor, std::string kind, const Stream& stream,
                   nlohmann::json extra = nlohmann::json::object());

  StreamPolicy policy_;
  const Services* services_ = nullptr;
  const StreamSyncSource* sync_source_ = nullptr;
  // "<owner>/<id>" -> stream, so iteration (fan-out order) is deterministic.
  std::map<std::string, Stream, std::less<>> streams_;
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_STREAMS_STREAM_STORE_H_
