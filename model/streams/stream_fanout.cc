// Fan-out: which streams want an event, which partition it lands in, its id, retention.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "dscosim/model/catalog/assortment_store.h"
#include "dscosim/model/core/hash.h"
#include "dscosim/model/streams/stream_store.h"

namespace dscosim {
namespace {

bool In(const std::set<std::string>& set, const Json& value) {
  return value.is_string() && set.count(value.get<std::string>()) != 0;
}

bool Flag(const Json& facts, const char* key) {
  const auto it = facts.find(key);
  return it != facts.end() && it->is_boolean() && it->get<bool>();
}

}  // namespace

bool StreamStore::Wants(const Stream& s, const DomainEvent& e) const {
  if (s.object_type != e.object_type) return false;
  const std::string& owner = s.owner_account_id;
  std::string other;
  if (owner == e.supplier_id) {
    other = e.retailer_id;
  } else if (owner == e.retailer_id) {
    other = e.supplier_id;
  } else if (e.retailer_id.empty() && services_->accounts->ArePartners(owner, e.supplier_id)) {
    other = e.supplier_id;  // an item event reaches every retailer partner of the supplier
  } else {
    return false;
  }
  const StreamFilter& f = s.filter;
  if (!f.include_accounts.empty() && f.include_accounts.count(other) == 0) return false;
  if (!f.exclude_accounts.empty() && f.exclude_accounts.count(other) != 0) return false;
  const Json& facts = e.facts;
  switch (s.object_type) {
    case StreamObjectType::kOrder: {
      // A supplier cannot see an order still in post-processing.
      if (owner == e.supplier_id && facts.value("dscoLifecycle", "") == "received") return false;
      if (!f.order_statuses.empty() && !In(f.order_statuses, facts.value("dscoStatus", Json()))) return false;
      if (!f.order_types.empty() && !In(f.order_types, facts.value("orderType", Json("dropship")))) return false;
      if (!f.lifecycles.empty() && !In(f.lifecycles, facts.value("dscoLifecycle", Json()))) return false;
      const bool cancel_event = Flag(facts, "cancelRequest") || Flag(facts, "cancelRequestRejected");
      if (f.only_cancel_requests != cancel_event) return false;
      break;
    }
    case StreamObjectType::kInventory:
      if (f.quantity_change_only && !Flag(facts, "quantityChanged")) return false;
      if (f.quantity_state_change_only && !Flag(facts, "quantityStateChanged")) return false;
      if (!f.include_unchanged_items && Flag(facts, "unchanged")) return false;
      if (!f.item_statuses.empty() && !In(f.item_statuses, facts.value("status", Json()))) return false;
      break;
    case StreamObjectType::kCatalog:
      if (!f.product_statuses.empty() &&
          !In(f.product_statuses, e.payload.value("productStatus", Json()))) {
        return false;
      }
      if (f.compliance_status &&
          e.payload.value("complianceStatus", Json()) != Json(*f.compliance_status)) {
        return false;
      }
      if (f.is_listed && e.payload.value("isListed", Json(false)) != Json(*f.is_listed)) return false;
      break;
    case StreamObjectType::kInvoice:
      if (!f.invoice_event_types.empty() && !In(f.invoice_event_types, facts.value("eventType", Json()))) {
        return false;
      }
      break;
    case StreamObjectType::kOrderItemChange:
    case StreamObjectType::kReturns:
      if (!f.statuses.empty() && !In(f.statuses, facts.value("status", Json()))) return false;
      break;
    case StreamObjectType::kCatalogChangeLog:
    case StreamObjectType::kUndeliverableShipment:
      break;
  }
  if (f.assortment_id && !InAssortment(*f.assortment_id, e)) return false;
  return true;
}

bool StreamStore::InAssortment(const std::string& assortment_id, const DomainEvent& e) const {
  // A membership event about this assortment always passes: a removal happens after the
  // item left it, and the stream must still hear about it.
  const auto about = e.facts.find("assortmentId");
  if (about != e.facts.end() && about->is_string() && *about == assortment_id) return true;
  if (services_->assortments == nullptr) return false;
  if (e.object_type != StreamObjectType::kOrder) {
    return services_->assortments->IsMember(assortment_id, e.object_key);
  }
  const auto lines = e.payload.find("lineItems");
  if (lines == e.payload.end() || !lines->is_array()) return false;
  for (const Json& line : *lines) {
    const auto id = line.find("dscoItemId");
    if (id != line.end() && id->is_string() &&
        services_->assortments->IsMember(assortment_id, id->get<std::string>())) {
      return true;
    }
  }
  return false;
}

void StreamStore::DropExpired(Stream& s) {
  const std::int64_t oldest = MillisOf(now() - policy_.retention);
  for (StreamPartition& p : s.partitions) {
    while (!p.events.empty() && p.events.front().millis < oldest) p.events.pop_front();
  }
}

void StreamStore::Append(Stream& s, const std::shared_ptr<const StreamEventBody>& body,
                         bool from_sync) {
  // The routing partitions still active; all active ones when none is.
  int targets[kMaxPartitions];
  std::size_t count = 0;
  for (const int p : s.routing) {
    if (s.partitions[static_cast<std::size_t>(p)].active) targets[count++] = p;
  }
  if (count == 0) {
    for (const StreamPartition& p : s.partitions) {
      if (p.active) targets[count++] = p.partition_id;
    }
  }
  const int partition = targets[Fnv1a64(body->object_key) % count];
  const std::int64_t millis = MillisOf(now());
  if (millis == s.last_millis) {
    ++s.last_sequence;
  } else {
    s.last_millis = millis;
    s.last_sequence = 0;
  }
  StreamPartition& target = s.partitions[static_cast<std::size_t>(partition)];
  target.events.push_back(
      StreamEvent{millis, s.last_sequence, partition, s.stream_version, from_sync, body});
  // Retention: events leave from the front as they age.
  const std::int64_t oldest = MillisOf(now() - policy_.retention);
  while (!target.events.empty() && target.events.front().millis < oldest) target.events.pop_front();
}

void StreamStore::OnEvent(const DomainEvent& e) {
  // Each body is built once and shared by every stream that takes it; the payload is
  // serialised once for both. The supplier's first sight of an order (post-processing
  // over) reads as its creation there, as production clients expect (a middleware finds
  // new orders by "create" in eventReasons).
  std::optional<std::string> payload;
  const auto make_body = [&](std::vector<std::string> reasons) {
    if (!payload) payload = e.payload.dump();
    return std::make_shared<const StreamEventBody>(
        StreamEventBody{e.object_key, std::move(reasons), *payload});
  };
  std::shared_ptr<const StreamEventBody> body;
  std::shared_ptr<const StreamEventBody> created_body;
  const bool first_sight = Flag(e.facts, "supplierFirstSight");
  for (auto& [key, stream] : streams_) {
    if (!Wants(stream, e)) continue;
    const bool created = first_sight && stream.owner_account_id == e.supplier_id;
    std::shared_ptr<const StreamEventBody>& shared = created ? created_body : body;
    if (!shared) {
      std::vector<std::string> reasons;
      if (created) reasons.push_back("create");
      reasons.insert(reasons.end(), e.event_reasons.begin(), e.event_reasons.end());
      shared = make_body(std::move(reasons));
    }
    Append(stream, shared, false);
  }
}

}  // namespace dscosim
