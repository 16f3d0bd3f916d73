// Streams: the data, as the model stores it (docs/streams.md).
//
// A stream belongs to one account and carries the events of one object type that pass
// its query. Its events are spread over partitions by a stable hash of the object's key,
// so one object's events stay in order in one partition. Each partition keeps its events
// in id order, where an event id is `z/YYYY/MM/DD/HH/mm/<epoch-ms>-<7-digit sequence>`:
// fixed width, so comparing ids as strings compares them in time.
#ifndef DSCOSIM_MODEL_STREAMS_STREAM_H_
#define DSCOSIM_MODEL_STREAMS_STREAM_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dscosim/model/core/domain_event.h"
#include "dscosim/model/core/status.h"
#include "dscosim/model/core/time.h"

namespace dscosim {

inline constexpr int kMaxPartitions = 20;

// Formats an event id: z/YYYY/MM/DD/HH/mm/<13-digit epoch ms>-<7-digit sequence>.
std::string FormatEventId(Time time, std::uint32_t sequence);
// The epoch milliseconds and sequence of an event id; InvalidArgument (field `field`) for
// anything else.
struct EventIdParts {
  std::int64_t millis = 0;
  std::uint32_t sequence = 0;
};
Result<EventIdParts> ParseEventId(std::string_view id, std::string_view field);

// Per-read caps (StreamMaxEvents). Whichever is reached first ends the read.
struct MaxEvents {
  std::int64_t object_count = 1000;    // 1 .. 10,000
  std::int64_t num_bytes = 4194304;    // 1,024 .. 4,718,592
  std::int64_t duration_sec = 22;      // 1 .. 22
};

// What every stream that carries one domain event shares: built once per event.
struct StreamEventBody {
  std::string object_key;
  std::vector<std::string> event_reasons;
  std::string payload;  // the payload's JSON text
};

// One event of one partition: small, because a busy stream holds millions. The id is
// kept as its two numbers and formatted on demand.
struct StreamEvent {
  std::int64_t millis = 0;
  std::uint32_t sequence = 0;
  int partition_id = 0;
  std::int64_t stream_version = 1;
  bool from_sync = false;  // source "sync" rather than "stream"
  std::shared_ptr<const StreamEventBody> body;

  std::string id() const;
  Time time() const { return TimeFromMicros(millis * 1000); }
  const std::string& object_key() const { return body->object_key; }
  const std::string& payload() const { return body->payload; }
  const std::vector<std::string>& event_reasons() const { return body->event_reasons; }
  const char* source() const { return from_sync ? "sync" : "stream"; }
  // Orders events by id (time, then sequence).
  bool before(const EventIdParts& position) const {
    return millis < position.millis || (millis == position.millis && sequence < position.sequence);
  }
  bool after(const EventIdParts& position) const {
    return millis > position.millis || (millis == position.millis && sequence > position.sequence);
  }
  bool at(const EventIdParts& position) const {
    return millis == position.millis && sequence == position.sequence;
  }
};

struct StreamPartition {
  int partition_id = 0;
  bool active = true;
  std::optional<std::string> owner_id;
  std::string position;  // committed; reads start strictly after it
  Time last_update;
  std::optional<Time> last_activated;
  std::optional<Time> last_deactivated;
  std::deque<StreamEvent> events;  // id order
};

// The compiled form of a stream's query: what the fan-out checks for each event.
struct StreamFilter {
  // Common partner filter (at most one of the four given), as account ids.
  std::set<std::string> include_accounts;
  std::set<std::string> exclude_accounts;
  // order
  std::set<std::string> order_statuses;   // dscoStatus values
  std::set<std::string> order_types;      // lower case; default {"dropship"}
  std::set<std::string> lifecycles;
  bool only_cancel_requests = false;
  // inventory / catalog / order
  std::optional<std::string> assortment_id;
  // inventory
  bool quantity_change_only = false;
  bool quantity_state_change_only = false;
  bool include_unchanged_items = false;
  std::set<std::string> item_statuses;
  // catalog
  std::set<std::string> product_statuses;
  std::optional<std::string> compliance_status;
  std::optional<bool> is_listed;
  // invoice
  std::set<std::string> invoice_event_types;  // new | update
  // orderitemchange, returns
  std::set<std::string> statuses;
};

struct Stream {
  std::string id;
  std::string owner_account_id;
  std::string description;
  StreamObjectType object_type = StreamObjectType::kOrder;
  nlohmann::json query;  // as the client gave it (validated)
  StreamFilter filter;
  MaxEvents max_events;
  std::int64_t stream_version = 1;
  int num_partitions = 1;  // the asked-for count (active partitions)
  // Partitions that keys are hashed over, fixed at creation and at each repartition.
  std::vector<int> routing;
  std::vector<StreamPartition> partitions;  // by partition id, never removed
  // The last event id handed out: ids increase across the whole stream.
  std::int64_t last_millis = -1;
  std::uint32_t last_sequence = 0;
  Time created;
  Time last_update;
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_STREAMS_STREAM_H_
