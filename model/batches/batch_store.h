// Asynchronous batches and their change logs (facts §1.3, §1.6; docs/batches.md).
//
// A small batch is a JSON array of objects (at most 5 MB); a large batch is opened
// first (the platform answers with a data URL) and then uploaded as JSON Lines. Either
// way the request is accepted at once with a `requestId` and processed later on the
// clock: `processing_delay` after submission (after the upload, for a large batch), each
// object succeeds or fails on its own — a bad object fails quietly, as on the real
// platform — and gets exactly one change-log entry, `pending` until processed, then
// `success` or `failure` with messages.
//
// Change logs are kept per resource (order, inventory, invoice, return, catalog,
// assortment) for `log_retention` (two weeks) after submission, and only the account
// that sent the request can read them.
#ifndef DSCOSIM_MODEL_BATCHES_BATCH_STORE_H_
#define DSCOSIM_MODEL_BATCHES_BATCH_STORE_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dscosim/model/core/clock.h"
#include "dscosim/model/core/json_fields.h"
#include "dscosim/model/core/scroll.h"
#include "dscosim/model/services.h"

namespace dscosim {

// What a batch does with each of its objects.
enum class BatchKind {
  kOrderCreate,            // POST /order/batch/small, /order/batch/large
  kOrderUpdate,            // POST /orderupdate/batch/small
  kOrderAcknowledge,       // POST /order/acknowledge
  kOrderAcknowledgeItems,  // POST /order/acknowledge/items
  kOrderCancelItems,       // POST /order/item/cancel/batch/small
  kOrderShipment,          // POST /order/shipment/batch/small
  kInventoryUpdate,        // POST /inventory/batch/small, /inventory/batch/large
  kInvoiceCreate,          // POST /invoice/batch/small
  kReturnCreate,           // POST /return/batch/small?operation=create (and large)
  kReturnUpdate,           // ...?operation=update
  kReturnComplete,         // ...?operation=complete
  kCatalogUpdate,          // POST /catalog/batch/small, /catalog/batch/large
  // POST / DELETE /assortment/{id}/batch/small; options {"assortmentId": id}.
  kAssortmentAddItems,
  kAssortmentRemoveItems,
};

// The change log a kind writes to.
enum class ChangeLogResource { kOrder, kInventory, kInvoice, kReturn, kCatalog, kAssortment };
ChangeLogResource ResourceOf(BatchKind kind);
std::string_view ChangeLogResourceName(ChangeLogResource resource);  // "order"
// The spec's operation name, written to requestMethodDetail ("createOrderSmallBatch").
std::string_view BatchKindApiName(BatchKind kind, bool large);

// Applies one object of a batch. The world implements it by calling the right store.
class BatchProcessor {
 public:
  virtual ~BatchProcessor() = default;
  virtual Status ProcessBatchObject(BatchKind kind, std::string_view caller, const Json& object,
                                    const Json& options) = 0;
};

struct BatchPolicy {
  Duration processing_delay = std::chrono::seconds(3);
  Duration log_retention = std::chrono::hours(24 * 14);
  std::size_t small_batch_max_bytes = 5 * 1024 * 1024;
  std::size_t log_page_size = 1000;
  Duration scroll_ttl = std::chrono::minutes(5);
};

struct ChangeLogEntry {
  std::string request_id;
  ChangeLogResource resource = ChangeLogResource::kOrder;
  std::string account_id;  // who sent the request
  Json payload;            // the object as submitted
  std::string status = "pending";  // pending | success | failure
  std::string request_method_detail;
  Time submitted;
  std::optional<Time> date_processed;
  Json results = Json::array();  // [ApiResponseMessage]
  std::uint64_t sequence = 0;
};

struct BatchReceipt {
  std::string request_id;
  Time event_date;
  std::size_t objects = 0;
};

struct LargeBatchReceipt {
  std::string request_id;
  std::string upload_token;  // the HTTP layer turns it into the dataUrl
  Time event_date;
};

// GET /<resource>/log. With scroll_id every other field is ignored; otherwise give
// request_id, or start_date (inclusive) and end_date (exclusive) on the submission time.
struct ChangeLogQuery {
  std::optional<std::string> scroll_id;
  std::optional<std::string> request_id;
  std::optional<Time> start_date;
  std::optional<Time> end_date;
  std::optional<std::string> status;  // pending | success | failure | success_or_failure
};

struct ChangeLogPage {
  std::vector<ChangeLogEntry> logs;
  std::optional<std::string> scroll_id;
  std::optional<std::string> request_status;  // PROCESSING | COMPLETED, with request_id
};

class BatchStore {
 public:
  static constexpr char kProcessTopic[] = "batch.process";  // key: request id

  explicit BatchStore(BatchPolicy policy = {});
  void Bind(const Services* services, BatchProcessor* processor) {
    services_ = services;
    processor_ = processor;
  }

  // A small batch: `body` must be a non-empty JSON array; `body_bytes` is its size on the
  // wire (TooLarge over the limit). `options` are the request's query parameters that
  // matter to processing (e.g. {"skipItemsThatDontExist": true}).
  Result<BatchReceipt> SubmitSmall(std::string_view caller, BatchKind kind, const Json& body,
                                   std::size_t body_bytes, Json options = Json::object());
  // Opens a large batch: nothing is processed until the upload arrives.
  Result<LargeBatchReceipt> OpenLarge(std::string_view caller, BatchKind kind,
                                      Json options = Json::object());
  // The JSON Lines upload of a large batch. NotFound for an unknown token,
  // FailedPrecondition when it was already uploaded. A line that is not a JSON object
  // becomes a failed entry of its own.
  Result<BatchReceipt> Upload(std::string_view upload_token, std::string_view json_lines);

  Result<ChangeLogPage> Query(std::string_view caller, ChangeLogResource resource,
                              const ChangeLogQuery& query);

  void OnTimer(const Timer& timer);

  // Every kept entry by sequence (submission order), for checkers and tests.
  const std::map<std::uint64_t, ChangeLogEntry>& entries() const { return entries_; }
  const BatchPolicy& policy() const { return policy_; }

 private:
  struct Request {
    BatchKind kind = BatchKind::kOrderCreate;
    std::string account_id;
    Json options;
    bool large = false;
    bool uploaded = false;
    std::string upload_token;
    std::vector<std::uint64_t> entries;  // sequences of its entries
    bool processed = false;
  };
  Time now() const { return services_->clock->now(); }
  void DropExpired();
  void Enqueue(Request& request, const std::string& request_id, std::vector<Json> objects);

  BatchPolicy policy_;
  const Services* services_ = nullptr;
  BatchProcessor* processor_ = nullptr;
  std::uint64_t next_sequence_ = 1;
  std::map<std::uint64_t, ChangeLogEntry> entries_;
  std::map<std::string, Request, std::less<>> requests_;           // by request id
  // Processed requests by the sequence of their last entry (0: none), for DropExpired.
  std::multimap<std::uint64_t, std::string> processed_by_last_entry_;
  std::map<std::string, std::string, std::less<>> upload_tokens_;  // token -> request id
  ScrollCache scrolls_;
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_BATCHES_BATCH_STORE_H_
