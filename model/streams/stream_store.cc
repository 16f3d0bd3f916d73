// Stream definitions: create, list, update, delete, and compiling a query into a filter.
#include "dscosim/model/streams/stream_store.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <utility>

#include "dscosim/model/core/text.h"
#include "dscosim/model/core/time.h"

namespace dscosim {
namespace {

std::string StreamKey(std::string_view owner, std::string_view id) {
  return std::string(owner) + "/" + std::string(id);
}

// A string array field whose every element is one of `allowed` (empty: any string).
Result<std::set<std::string>> StringSet(const Json& object, const char* key, std::string_view path,
                                        std::initializer_list<const char*> allowed) {
  std::set<std::string> out;
  DSCOSIM_ASSIGN_OR_RETURN(const Json* array, OptArray(object, key, path));
  if (array == nullptr) return out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const Json& v = (*array)[i];
    const std::string field = IndexPath(JoinPath(path, key), i);
    if (!v.is_string()) return InvalidArgument(field, "must be a string");
    const std::string value = v.get<std::string>();
    if (allowed.size() != 0 &&
        std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return value == a; })) {
      std::string list;
      for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      return InvalidArgument(field, "must be one of: " + list);
    }
    out.insert(value);
  }
  return out;
}

}  // namespace

std::string FormatEventId(Time time, std::uint32_t sequence) {
  const std::int64_t millis = MillisOf(time);
  const std::int64_t days = millis / 86400000;
  const CivilDate date = CivilFromDays(days);
  const std::int64_t ms_of_day = millis - days * 86400000;
  char buf[64];
  std::snprintf(buf, sizeof buf, "z/%04lld/%02u/%02u/%02lld/%02lld/%013lld-%07u",
                static_cast<long long>(date.year), date.month, date.day,
                static_cast<long long>(ms_of_day / 3600000),
                static_cast<long long>((ms_of_day / 60000) % 60), static_cast<long long>(millis),
                sequence);
  return buf;
}

Result<EventIdParts> ParseEventId(std::string_view id, std::string_view field) {
  // z/YYYY/MM/DD/HH/mm/<13 digits>-<7 digits>
  const auto bad = [&] {
    return InvalidArgument(std::string(field),
                           "not a stream position (z/YYYY/MM/DD/HH/mm/<epoch-ms>-<7-digit sequence>)");
  };
  if (id.size() != 40 || id.substr(0, 2) != "z/") return bad();
  const std::string_view millis = id.substr(19, 13);
  const std::string_view sequence = id.substr(33, 7);
  if (id[32] != '-') return bad();
  EventIdParts parts;
  for (const char c : millis) {
    if (c < '0' || c > '9') return bad();
    parts.millis = parts.millis * 10 + (c - '0');
  }
  for (const char c : sequence) {
    if (c < '0' || c > '9') return bad();
    parts.sequence = parts.sequence * 10 + static_cast<std::uint32_t>(c - '0');
  }
  // The date path must agree with the milliseconds.
  if (FormatEventId(TimeFromMicros(parts.millis * 1000), parts.sequence) != id) return bad();
  return parts;
}

StreamStore::StreamStore(StreamPolicy policy) : policy_(policy) {}

const Stream* StreamStore::Find(std::string_view owner, std::string_view id) const {
  const auto it = streams_.find(StreamKey(owner, id));
  return it == streams_.end() ? nullptr : &it->second;
}

Result<Stream*> StreamStore::Owned(std::string_view caller, std::string_view id) {
  const auto it = streams_.find(StreamKey(caller, id));
  if (it == streams_.end()) return NotFound("id", "no stream \"" + std::string(id) + "\" is yours");
  return &it->second;
}

Result<StreamPartition*> StreamStore::PartitionOf(Stream& stream, int partition_id) {
  if (partition_id < 0 || partition_id >= static_cast<int>(stream.partitions.size())) {
    return NotFound("partitionId", "stream " + stream.id + " has no partition " +
                                       std::to_string(partition_id));
  }
  return &stream.partitions[static_cast<std::size_t>(partition_id)];
}

Result<StreamFilter> StreamStore::CompileQuery(StreamObjectType type, std::string_view owner,
                                               const Json& query) const {
  StreamFilter f;
  DSCOSIM_RETURN_IF_ERROR(RequireObject(query, "query"));
  DSCOSIM_ASSIGN_OR_RETURN(const std::string query_type, ReqString(query, "queryType", "query"));
  if (query_type != StreamObjectTypeName(type)) {
    return InvalidArgument("query.queryType", "must equal the stream's objectType (" +
                                                  std::string(StreamObjectTypeName(type)) + ")");
  }
  // The common partner filter: at most one of the four lists.
  const char* lists[] = {"dscoIncludeAccountIds", "dscoIncludeTradingPartnerIds",
                         "dscoExcludeAccountIds", "dscoExcludeTradingPartnerIds"};
  const char* given = nullptr;
  for (const char* key : lists) {
    DSCOSIM_ASSIGN_OR_RETURN(const std::set<std::string> ids, StringSet(query, key, "query", {}));
    if (!query.contains(key)) continue;
    if (given != nullptr) {
      return InvalidArgument(JoinPath("query", key),
                             std::string("give at most one partner filter; ") + given +
                                 " is already given");
    }
    given = key;
    const bool include = std::string_view(key).find("Include") != std::string_view::npos;
    const bool by_tp = std::string_view(key).find("TradingPartner") != std::string_view::npos;
    std::set<std::string>& target = include ? f.include_accounts : f.exclude_accounts;
    for (const std::string& id : ids) {
      const PartnerView* partner = by_tp ? services_->accounts->PartnerByTradingPartnerId(owner, id)
                                         : services_->accounts->PartnerOf(owner, id);
      if (partner == nullptr) {
        return InvalidArgument(JoinPath("query", key), "\"" + id + "\" is not one of your trading partners");
      }
      target.insert(partner->partner_account_id);
    }
  }
  switch (type) {
    case StreamObjectType::kOrder: {
      DSCOSIM_ASSIGN_OR_RETURN(f.order_statuses,
                               StringSet(query, "statuses", "query",
                                         {"created", "shipment_pending", "shipped", "cancelled"}));
      DSCOSIM_ASSIGN_OR_RETURN(std::set<std::string> types,
                               StringSet(query, "orderTypes", "query", {}));
      for (std::string t : types) {
        for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (t != "dropship" && t != "wholesale" && t != "marketplace") {
          return InvalidArgument("query.orderTypes", "must be dropship, wholesale or marketplace");
        }
        f.order_types.insert(t);
      }
      // Without orderTypes an order stream carries dropship orders only.
      if (f.order_types.empty()) f.order_types.insert("dropship");
      DSCOSIM_ASSIGN_OR_RETURN(f.lifecycles,
                               StringSet(query, "dscoLifecycle", "query",
                                         {"received", "created", "acknowledged", "completed"}));
      DSCOSIM_ASSIGN_OR_RETURN(const std::optional<bool> only_cancel,
                               OptBool(query, "onlyIncludeCancelRequests", "query"));
      f.only_cancel_requests = only_cancel.value_or(false);
      DSCOSIM_ASSIGN_OR_RETURN(f.assortment_id, OptString(query, "assortmentId", "query"));
      break;
    }
    case StreamObjectType::kInventory: {
      DSCOSIM_ASSIGN_OR_RETURN(f.assortment_id, OptString(query, "assortmentId", "query"));
      DSCOSIM_ASSIGN_OR_RETURN(const std::optional<bool> qco, OptBool(query, "quantityChangeOnly", "query"));
      DSCOSIM_ASSIGN_OR_RETURN(const std::optional<bool> qsco,
                               OptBool(query, "quantityStateChangeOnly", "query"));
      DSCOSIM_ASSIGN_OR_RETURN(const std::optional<bool> iui,
                               OptBool(query, "includeUnchangedItems", "query"));
      DSCOSIM_ASSIGN_OR_RETURN(const std::optional<bool> cqsi,
                               OptBool(query, "clearQuantityForStoppedItems", "query"));
      (void)cqsi;  // no partner is ever stopped in the model
      f.quantity_change_only = qco.value_or(false);
      f.quantity_state_change_only = qsco.value_or(false);
      f.include_unchanged_items = iui.value_or(false);
      DSCOSIM_ASSIGN_OR_RETURN(f.item_statuses,
                               StringSet(query, "itemStatus", "query",
                                         {"in-stock", "out-of-stock", "discontinued"}));
      break;
    }
    case StreamObjectType::kCatalog: {
      DSCOSIM_ASSIGN_OR_RETURN(f.assortment_id, OptString(query, "assortmentId", "query"));
      DSCOSIM_ASSIGN_OR_RETURN(f.product_statuses,
                               StringSet(query, "productStatuses", "query",
                                         {"pending", "active", "discontinued_sell_through",
                                          "discontinued"}));
      DSCOSIM_ASSIGN_OR_RETURN(f.compliance_status, OptString(query, "complianceStatus", "query"));
      if (f.compliance_status && *f.compliance_status != "compliant" &&
          *f.compliance_status != "not_compliant" && *f.compliance_status != "unknown" &&
          *f.compliance_status != "pending") {
        return InvalidArgument("query.complianceStatus",
                               "must be one of: compliant, not_compliant, unknown, pending");
      }
      DSCOSIM_ASSIGN_OR_RETURN(f.is_listed, OptBool(query, "isListed", "query"));
      break;
    }
    case StreamObjectType::kInvoice: {
      DSCOSIM_ASSIGN_OR_RETURN(f.invoice_event_types,
                               StringSet(query, "eventTypes", "query", {"new", "update"}));
      break;
    }
    case StreamObjectType::kOrderItemChange: {
      DSCOSIM_ASSIGN_OR_RETURN(f.statuses, StringSet(query, "statuses", "query", {"shipped", "cancelled"}));
      break;
    }
    case StreamObjectType::kReturns: {
      DSCOSIM_ASSIGN_OR_RETURN(f.statuses,
                               StringSet(query, "statuses", "query", {"created", "acknowledged", "completed"}));
      break;
    }
    case StreamObjectType::kCatalogChangeLog:
    case StreamObjectType::kUndeliverableShipment:
      break;
  }
  return f;
}

Result<MaxEvents> StreamStore::ReadMaxEvents(const Json& body, MaxEvents m) const {
  DSCOSIM_ASSIGN_OR_RETURN(const Json* max, OptObject(body, "maxEvents"));
  if (max == nullptr) return m;
  const struct {
    const char* key;
    std::int64_t MaxEvents::*field;
    std::int64_t lo, hi;
  } caps[] = {{"objectCount", &MaxEvents::object_count, 1, 10000},
              {"numBytes", &MaxEvents::num_bytes, 1024, 4718592},
              {"durationSec", &MaxEvents::duration_sec, 1, 22}};
  for (const auto& cap : caps) {
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::int64_t> v, OptInt(*max, cap.key, "maxEvents"));
    if (!v) continue;
    if (*v < cap.lo || *v > cap.hi) {
      return InvalidArgument(JoinPath("maxEvents", cap.key),
                             "must be between " + std::to_string(cap.lo) + " and " + std::to_string(cap.hi));
    }
    m.*cap.field = *v;
  }
  return m;
}

void StreamStore::SetPartitionCount(Stream& s, int count) {
  for (int p = 0; p < std::max(count, static_cast<int>(s.partitions.size())); ++p) {
    const bool want_active = p < count;
    if (p >= static_cast<int>(s.partitions.size())) {
      StreamPartition fresh;
      fresh.partition_id = p;
      // The last id the stream handed out: every later event sorts after it, even one in
      // the same millisecond.
      fresh.position = FormatEventId(TimeFromMicros(s.last_millis * 1000), s.last_sequence);
      fresh.last_update = now();
      fresh.last_activated = now();
      s.partitions.push_back(std::move(fresh));
      continue;
    }
    StreamPartition& part = s.partitions[static_cast<std::size_t>(p)];
    if (part.active == want_active) continue;
    part.active = want_active;
    part.last_update = now();
    (want_active ? part.last_activated : part.last_deactivated) = now();
  }
  s.num_partitions = count;
}

void StreamStore::TraceStream(std::string_view actor, std::string kind, const Stream& stream,
                              Json extra) {
  extra["streamId"] = stream.id;
  extra["objectType"] = StreamObjectTypeName(stream.object_type);
  extra["streamVersion"] = stream.stream_version;
  extra["numPartitions"] = stream.num_partitions;
  services_->trace->Append(now(), std::string(actor), std::move(kind), std::move(extra));
}

Result<Stream> StreamStore::Create(std::string_view caller, const Json& body) {
  if (services_->accounts->Find(caller) == nullptr) {
    return PermissionDenied("", "unknown caller account");
  }
  DSCOSIM_RETURN_IF_ERROR(RequireObject(body, ""));
  DSCOSIM_ASSIGN_OR_RETURN(const std::string type_name, ReqString(body, "objectType"));
  if (type_name == "validation") {
    return InvalidArgument("objectType", "validation streams (beta) are not simulated");
  }
  DSCOSIM_ASSIGN_OR_RETURN(const StreamObjectType type, ParseStreamObjectType(type_name, "objectType"));
  DSCOSIM_ASSIGN_OR_RETURN(const Json* query, OptObject(body, "query"));
  if (query == nullptr) return InvalidArgument("query", "is required");
  DSCOSIM_ASSIGN_OR_RETURN(StreamFilter filter, CompileQuery(type, caller, *query));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> id, OptString(body, "id"));
  if (id) {
    DSCOSIM_RETURN_IF_ERROR(CheckUtf8(*id, "id"));
    if (IsBlank(*id) || id->find('/') != std::string::npos) {
      return InvalidArgument("id", "must be a non-empty id without '/'");
    }
    if (Find(caller, *id) != nullptr) {
      return AlreadyExists("id", "you already have a stream \"" + *id + "\"");
    }
  }
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> description, OptString(body, "description"));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::int64_t> partitions, OptInt(body, "numPartitions"));
  if (partitions && (*partitions < 1 || *partitions > kMaxPartitions)) {
    return InvalidArgument("numPartitions", "must be between 1 and 20");
  }
  DSCOSIM_ASSIGN_OR_RETURN(const MaxEvents max_events, ReadMaxEvents(body, MaxEvents{}));

  Stream s;
  s.id = id ? *id : services_->ids->NextUuid();
  s.owner_account_id = std::string(caller);
  s.description = description.value_or("");
  s.object_type = type;
  s.query = *query;
  s.filter = std::move(filter);
  s.max_events = max_events;
  s.created = now();
  s.last_update = s.created;
  // Positions start at the stream's creation; events of the same millisecond come after.
  s.last_millis = MillisOf(s.created);
  s.last_sequence = 0;
  SetPartitionCount(s, static_cast<int>(partitions.value_or(1)));
  for (StreamPartition& p : s.partitions) p.last_activated = s.created;
  for (const StreamPartition& p : s.partitions) s.routing.push_back(p.partition_id);
  TraceStream(caller, "stream.created", s);
  const std::string key = StreamKey(caller, s.id);
  return streams_.emplace(key, std::move(s)).first->second;
}

Result<std::vector<Stream>> StreamStore::List(std::string_view caller,
                                              const std::optional<std::string>& id,
                                              const std::optional<int>& partition_id) const {
  if (services_->accounts->Find(caller) == nullptr) {
    return PermissionDenied("", "unknown caller account");
  }
  std::vector<Stream> out;
  if (id) {
    const Stream* s = Find(caller, *id);
    if (s == nullptr) return NotFound("id", "no stream \"" + *id + "\" is yours");
    if (partition_id && (*partition_id < 0 || *partition_id >= static_cast<int>(s->partitions.size()))) {
      return NotFound("partitionId", "the stream has no partition " + std::to_string(*partition_id));
    }
    out.push_back(*s);
    return out;
  }
  if (partition_id) return InvalidArgument("partitionId", "is only allowed with id");
  const std::string prefix = std::string(caller) + "/";
  for (auto it = streams_.lower_bound(prefix); it != streams_.end() && it->first.rfind(prefix, 0) == 0; ++it) {
    out.push_back(it->second);
  }
  return out;
}

Result<Stream> StreamStore::Update(std::string_view caller, std::string_view id, const Json& body,
                                   bool increment_version) {
  DSCOSIM_ASSIGN_OR_RETURN(Stream* const s, Owned(caller, id));
  DSCOSIM_RETURN_IF_ERROR(RequireObject(body, ""));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> type_name, OptString(body, "objectType"));
  if (type_name && *type_name != StreamObjectTypeName(s->object_type)) {
    return InvalidArgument("objectType", "a stream's objectType never changes");
  }
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> body_id, OptString(body, "id"));
  if (body_id && *body_id != s->id) return InvalidArgument("id", "does not match the stream in the path");
  DSCOSIM_ASSIGN_OR_RETURN(const Json* query, OptObject(body, "query"));
  std::optional<StreamFilter> filter;
  if (query != nullptr) {
    DSCOSIM_ASSIGN_OR_RETURN(filter, CompileQuery(s->object_type, caller, *query));
  }
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> description, OptString(body, "description"));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::int64_t> partitions, OptInt(body, "numPartitions"));
  if (partitions && (*partitions < 1 || *partitions > kMaxPartitions)) {
    return InvalidArgument("numPartitions", "must be between 1 and 20");
  }
  DSCOSIM_ASSIGN_OR_RETURN(const MaxEvents max_events, ReadMaxEvents(body, s->max_events));

  if (query != nullptr) {
    s->query = *query;
    s->filter = std::move(*filter);
  }
  if (description) s->description = *description;
  if (partitions) SetPartitionCount(*s, static_cast<int>(*partitions));
  s->max_events = max_events;
  if (increment_version) ++s->stream_version;
  s->last_update = now();
  TraceStream(caller, "stream.updated", *s);
  return *s;
}

Result<Stream> StreamStore::Delete(std::string_view caller, std::string_view id) {
  DSCOSIM_ASSIGN_OR_RETURN(Stream* const s, Owned(caller, id));
  Stream gone = std::move(*s);
  streams_.erase(StreamKey(caller, id));
  TraceStream(caller, "stream.deleted", gone);
  return gone;
}

Json StreamStore::ToJson(const Stream& s, const std::optional<int>& partition_id) const {
  Json partitions = Json::array();
  for (const StreamPartition& p : s.partitions) {
    if (partition_id && p.partition_id != *partition_id) continue;
    Json j = {{"partitionId", p.partition_id},
              {"status", p.active ? "active" : "inactive"},
              {"position", p.position},
              {"maxPosition", p.events.empty() ? p.position : p.events.back().id()},
              {"lastUpdate", FormatIso8601(p.last_update)}};
    if (p.owner_id) j["ownerId"] = *p.owner_id;
    if (p.last_activated) j["lastActivatedDate"] = FormatIso8601(*p.last_activated);
    if (p.last_deactivated) j["lastDeactivatedDate"] = FormatIso8601(*p.last_deactivated);
    partitions.push_back(std::move(j));
  }
  return {{"id", s.id},
          {"description", s.description},
          {"objectType", StreamObjectTypeName(s.object_type)},
          {"query", s.query},
          {"numPartitions", s.num_partitions},
          {"partitions", std::move(partitions)},
          {"maxEvents",
           {{"objectCount", s.max_events.object_count},
            {"numBytes", s.max_events.num_bytes},
            {"durationSec", s.max_events.duration_sec}}},
          {"streamVersion", s.stream_version}};
}

std::string StreamEvent::id() const { return FormatEventId(time(), sequence); }

Json StreamStore::EventToJson(const StreamEvent& e) {
  return {{"id", e.id()},
          {"payload", Json::parse(e.payload())},
          {"source", e.source()},
          {"eventReasons", e.event_reasons()},
          {"partitionId", e.partition_id},
          {"streamVersion", e.stream_version}};
}

}  // namespace dscosim
