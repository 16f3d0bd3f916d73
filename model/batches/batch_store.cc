#include "dscosim/model/batches/batch_store.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "dscosim/model/core/json_fields.h"

namespace dscosim {
namespace {

Json Message(std::string code, std::string severity, std::string description) {
  return {{"code", std::move(code)}, {"severity", std::move(severity)},
          {"description", std::move(description)}};
}

}  // namespace

ChangeLogResource ResourceOf(BatchKind kind) {
  switch (kind) {
    case BatchKind::kOrderCreate:
    case BatchKind::kOrderUpdate:
    case BatchKind::kOrderAcknowledge:
    case BatchKind::kOrderAcknowledgeItems:
    case BatchKind::kOrderCancelItems:
    case BatchKind::kOrderShipment:
      return ChangeLogResource::kOrder;
    case BatchKind::kInventoryUpdate:
      return ChangeLogResource::kInventory;
    case BatchKind::kInvoiceCreate:
      return ChangeLogResource::kInvoice;
    case BatchKind::kReturnCreate:
    case BatchKind::kReturnUpdate:
    case BatchKind::kReturnComplete:
      return ChangeLogResource::kReturn;
    case BatchKind::kCatalogUpdate:
      return ChangeLogResource::kCatalog;
    case BatchKind::kAssortmentAddItems:
    case BatchKind::kAssortmentRemoveItems:
      return ChangeLogResource::kAssortment;
  }
  return ChangeLogResource::kOrder;
}

std::string_view ChangeLogResourceName(ChangeLogResource resource) {
  switch (resource) {
    case ChangeLogResource::kOrder: return "order";
    case ChangeLogResource::kInventory: return "inventory";
    case ChangeLogResource::kInvoice: return "invoice";
    case ChangeLogResource::kReturn: return "return";
    case ChangeLogResource::kCatalog: return "catalog";
    case ChangeLogResource::kAssortment: return "assortment";
  }
  return "order";
}

std::string_view BatchKindApiName(BatchKind kind, bool large) {
  switch (kind) {
    case BatchKind::kOrderCreate: return large ? "createOrderLargeBatch" : "createOrderSmallBatch";
    case BatchKind::kOrderUpdate: return "updateOrderSmallBatch";
    case BatchKind::kOrderAcknowledge: return "acknowledgeOrders";
    case BatchKind::kOrderAcknowledgeItems: return "acknowledgeOrderItems";
    case BatchKind::kOrderCancelItems: return "cancelOrderItemSmallBatch";
    case BatchKind::kOrderShipment: return "createShipmentSmallBatch";
    case BatchKind::kInventoryUpdate:
      return large ? "updateInventoryLargeBatch" : "updateInventorySmallBatch";
    case BatchKind::kInvoiceCreate: return "createInvoiceSmallBatch";
    // One spec operation takes all three; its `operation` parameter picks the kind.
    case BatchKind::kReturnCreate:
    case BatchKind::kReturnUpdate:
    case BatchKind::kReturnComplete:
      return large ? "createOrCompleteReturnLargeBatch" : "createOrCompleteReturnSmallBatch";
    case BatchKind::kCatalogUpdate:
      return large ? "updateCatalogLargeBatch" : "updateCatalogSmallBatch";
    case BatchKind::kAssortmentAddItems: return "addItemsToAssortmentSmallBatch";
    case BatchKind::kAssortmentRemoveItems: return "removeItemsFromAssortmentSmallBatch";
  }
  return "batch";
}

BatchStore::BatchStore(BatchPolicy policy)
    : policy_(policy), scrolls_(policy.scroll_ttl, policy.log_page_size) {}

void BatchStore::DropExpired() {
  // Entries are in submission order: drop from the oldest until one is young enough.
  while (!entries_.empty() && entries_.begin()->second.submitted + policy_.log_retention <= now()) {
    entries_.erase(entries_.begin());
  }
  // A processed request goes once all its entries have; entries go oldest first, so
  // those are the requests whose last entry is older than the oldest kept (a scan of
  // every request here made each submission cost as much as the day's batches so far).
  const std::uint64_t oldest_kept =
      entries_.empty() ? std::numeric_limits<std::uint64_t>::max() : entries_.begin()->first;
  while (!processed_by_last_entry_.empty() && processed_by_last_entry_.begin()->first < oldest_kept) {
    requests_.erase(processed_by_last_entry_.begin()->second);
    processed_by_last_entry_.erase(processed_by_last_entry_.begin());
  }
}

void BatchStore::Enqueue(Request& request, const std::string& request_id,
                         std::vector<Json> objects) {
  for (Json& object : objects) {
    ChangeLogEntry entry;
    entry.request_id = request_id;
    entry.resource = ResourceOf(request.kind);
    entry.account_id = request.account_id;
    entry.payload = std::move(object);
    entry.request_method_detail = std::string(BatchKindApiName(request.kind, request.large));
    entry.submitted = now();
    entry.sequence = next_sequence_++;
    request.entries.push_back(entry.sequence);
    entries_.emplace(entry.sequence, std::move(entry));
  }
  services_->clock->ScheduleAfter(policy_.processing_delay, kProcessTopic, request_id);
}

Result<BatchReceipt> BatchStore::SubmitSmall(std::string_view caller, BatchKind kind,
                                             const Json& body, std::size_t body_bytes,
                                             Json options) {
  if (services_->accounts->Find(caller) == nullptr) {
    return PermissionDenied("", "unknown caller account");
  }
  if (body_bytes > policy_.small_batch_max_bytes) {
    return TooLarge("", "a small batch may be at most " +
                            std::to_string(policy_.small_batch_max_bytes) + " bytes (got " +
                            std::to_string(body_bytes) + "); use the large batch API");
  }
  if (!body.is_array()) return InvalidArgument("", "the body must be a JSON array of objects");
  if (body.empty()) return InvalidArgument("", "the batch is empty");
  DropExpired();
  const std::string request_id = services_->ids->NextUuid();
  Request& request = requests_[request_id];
  request.kind = kind;
  request.account_id = std::string(caller);
  request.options = std::move(options);
  request.uploaded = true;
  std::vector<Json> objects(body.begin(), body.end());
  Enqueue(request, request_id, std::move(objects));
  return BatchReceipt{request_id, now(), body.size()};
}

Result<LargeBatchReceipt> BatchStore::OpenLarge(std::string_view caller, BatchKind kind,
                                                Json options) {
  if (services_->accounts->Find(caller) == nullptr) {
    return PermissionDenied("", "unknown caller account");
  }
  DropExpired();
  const std::string request_id = services_->ids->NextUuid();
  Request& request = requests_[request_id];
  request.kind = kind;
  request.account_id = std::string(caller);
  request.options = std::move(options);
  request.large = true;
  request.upload_token = services_->tokens->NextToken(40);
  upload_tokens_[request.upload_token] = request_id;
  return LargeBatchReceipt{request_id, request.upload_token, now()};
}

Result<BatchReceipt> BatchStore::Upload(std::string_view upload_token,
                                        std::string_view json_lines) {
  const auto token = upload_tokens_.find(upload_token);
  if (token == upload_tokens_.end()) return NotFound("dataUrl", "unknown upload URL");
  const std::string request_id = token->second;
  Request& request = requests_.at(request_id);
  if (request.uploaded) {
    return FailedPrecondition("dataUrl", "this large batch was already uploaded");
  }
  std::vector<Json> objects;
  std::size_t start = 0;
  while (start < json_lines.size()) {
    std::size_t end = json_lines.find('\n', start);
    if (end == std::string_view::npos) end = json_lines.size();
    std::string_view line = json_lines.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    Json parsed = JsonNestsDeeperThan(line, kMaxJsonDepth)
                      ? Json(nullptr)
                      : Json::parse(line, nullptr, /*allow_exceptions=*/false);
    // A line that is not a JSON object still gets its entry, which will fail.
    if (parsed.is_discarded() || !parsed.is_object()) {
      parsed = {{"_unparseableLine", std::string(line.substr(0, 1000))}};
    }
    objects.push_back(std::move(parsed));
  }
  if (objects.empty()) return InvalidArgument("body", "the upload holds no JSON lines");
  request.uploaded = true;
  upload_tokens_.erase(token);
  const std::size_t count = objects.size();
  Enqueue(request, request_id, std::move(objects));
  return BatchReceipt{request_id, now(), count};
}

void BatchStore::OnTimer(const Timer& timer) {
  if (timer.topic != kProcessTopic) return;
  const auto it = requests_.find(timer.key);
  if (it == requests_.end() || it->second.processed) return;
  Request& request = it->second;
  for (const std::uint64_t seq : request.entries) {
    const auto entry_it = entries_.find(seq);
    if (entry_it == entries_.end()) continue;
    ChangeLogEntry& entry = entry_it->second;
    Status status;
    if (entry.payload.contains("_unparseableLine")) {
      status = InvalidArgument("", "the line is not a JSON object");
    } else {
      status = processor_->ProcessBatchObject(request.kind, request.account_id, entry.payload,
                                              request.options);
    }
    entry.date_processed = now();
    if (status.ok()) {
      entry.status = "success";
      entry.results.push_back(Message("SUCCESS", "info", "processed"));
    } else {
      entry.status = "failure";
      entry.results.push_back(Message("VALIDATION_FAILED", "error", status.Description()));
    }
  }
  request.processed = true;
  const std::uint64_t last = request.entries.empty()
                                 ? 0
                                 : *std::max_element(request.entries.begin(), request.entries.end());
  processed_by_last_entry_.emplace(last, timer.key);
}

Result<ChangeLogPage> BatchStore::Query(std::string_view caller, ChangeLogResource resource,
                                        const ChangeLogQuery& q) {
  if (services_->accounts->Find(caller) == nullptr) {
    return PermissionDenied("", "unknown caller account");
  }
  DropExpired();
  ScrollPage page;
  ChangeLogPage out;
  if (q.scroll_id) {
    DSCOSIM_ASSIGN_OR_RETURN(page, scrolls_.Next(caller, *q.scroll_id, now()));
  } else {
    if (!q.request_id && !(q.start_date && q.end_date)) {
      return InvalidArgument(q.start_date ? "endDate" : "requestId",
                             "give scrollId, requestId, or startDate and endDate");
    }
    if (q.status && *q.status != "pending" && *q.status != "success" && *q.status != "failure" &&
        *q.status != "success_or_failure") {
      return InvalidArgument("status", "must be one of: pending, success, failure, success_or_failure");
    }
    std::vector<std::string> ids;
    bool any_pending = false;
    bool any = false;
    for (const auto& [seq, e] : entries_) {
      if (e.account_id != caller || e.resource != resource) continue;
      if (q.request_id && e.request_id != *q.request_id) continue;
      if (q.start_date && e.submitted < *q.start_date) continue;
      if (q.end_date && e.submitted >= *q.end_date) continue;
      any = true;
      any_pending = any_pending || e.status == "pending";
      if (q.status) {
        const bool match = *q.status == "success_or_failure" ? e.status != "pending"
                                                             : e.status == *q.status;
        if (!match) continue;
      }
      ids.push_back(std::to_string(seq));
    }
    if (q.request_id && any) out.request_status = any_pending ? "PROCESSING" : "COMPLETED";
    page = scrolls_.Open(caller, std::move(ids), now(), *services_->tokens);
  }
  out.scroll_id = std::move(page.scroll_id);
  for (const std::string& id : page.ids) {
    const auto it = entries_.find(std::stoull(id));
    if (it != entries_.end()) out.logs.push_back(it->second);
  }
  return out;
}

}  // namespace dscosim
