// The invoice store: Create Invoice and Get Invoices (docs/returns-invoices.md).
//
// Who may do what: the supplier of an order invoices it; its retailer and supplier read
// the invoice. Nobody else sees it: to a third account it answers NotFound, exactly
// like an id that does not exist.
//
// Post-processing: an invoice is stored when Create returns, but Get Invoices finds it
// only `visibility_delay` later. Its stream event ("new") is published at that moment,
// with the invoice as it then is; a change after that publishes an "update" event.
//
// Inputs are the spec's Invoice body, one object each: the small-batch layer calls
// Create once per element. Errors name the offending field as a JSON path of that body
// and leave the store unchanged.
#ifndef DSCOSIM_MODEL_INVOICES_INVOICE_STORE_H_
#define DSCOSIM_MODEL_INVOICES_INVOICE_STORE_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dscosim/model/core/clock.h"
#include "dscosim/model/invoices/invoice_record.h"
#include "dscosim/model/core/json_fields.h"
#include "dscosim/model/services.h"

namespace dscosim {

struct InvoicePolicy {
  // How long after Create an invoice appears in Get Invoices (and its event goes out).
  // Zero is allowed.
  Duration visibility_delay = std::chrono::seconds(2);
  // The spec's address description (not its schema) asks for address1 or address too.
  bool require_street_address = false;
};

enum class InvoiceKeyType {
  kDscoInvoiceId,
  kInvoiceId,
  kPoNumber,
  kSupplierOrderNumber,
  kConsumerOrderNumber,
  kTrackingNumber,  // ship.trackingNumber (not a line's)
};
Result<InvoiceKeyType> ParseInvoiceKeyType(std::string_view text, std::string_view field);

enum class InvoiceWrite {
  kCreated,  // a new invoiceId
  kUpdated,  // the supplier's invoiceId existed, for the same order: replaced
  kReplay,   // the same body as last time: nothing changed
};

struct CreateInvoiceResult {
  Invoice invoice;
  InvoiceWrite write = InvoiceWrite::kCreated;
};

class InvoiceStore {
 public:
  static constexpr char kPostProcessingTopic[] = "invoice.post_processing";

  explicit InvoiceStore(InvoicePolicy policy = {}) : policy_(policy) {}
  void Bind(const Services* services) { services_ = services; }
  void set_policy(InvoicePolicy policy) { policy_ = policy; }
  const InvoicePolicy& policy() const { return policy_; }

  // POST /invoice (suppliers). The order is named by dscoOrderId, poNumber or
  // supplierOrderNumber (all given must name the same order of the caller). An invoiceId
  // the supplier already used updates that invoice (same order only, else AlreadyExists).
  Result<CreateInvoiceResult> Create(std::string_view caller, const Json& invoice);

  // GET /invoice: every visible invoice of the caller's whose `key` is `value`, in
  // creation order; NotFound (field "value") when there is none. A retailer using
  // supplierOrderNumber must name the supplier; a partner given with any key narrows.
  Result<std::vector<Invoice>> Get(
      std::string_view caller, InvoiceKeyType key, std::string_view value,
      const std::optional<std::string>& partner_account_id = std::nullopt,
      const std::optional<std::string>& partner_trading_partner_id = std::nullopt) const;

  // The invoice as the API shows it.
  Json ToJson(const Invoice& invoice) const;

  // For the order store, conversation contexts and conformance checkers. These see
  // invoices still in post-processing.
  const Invoice* Find(std::string_view dsco_invoice_id) const;
  const Invoice* FindByInvoiceId(std::string_view supplier_id, std::string_view invoice_id) const;
  std::vector<const Invoice*> InvoicesOfOrder(std::string_view dsco_order_id) const;
  // Units invoiced on an order (every invoice; over-invoicing included).
  std::int64_t InvoicedQuantity(std::string_view dsco_order_id) const;
  std::int64_t InvoicedQuantity(std::string_view dsco_order_id, std::int64_t line_number) const;
  // Units invoiced per order line number.
  std::map<std::int64_t, std::int64_t> InvoicedByLine(std::string_view dsco_order_id) const;
  const std::map<std::string, Invoice, std::less<>>& invoices() const { return invoices_; }
  // Every invoice with its internal fields and the indexes, as one JSON string: tests
  // compare it before and after a refused call.
  std::string Describe() const;

  // Fires a timer this store scheduled (post-processing done: publish "new").
  void OnTimer(const Timer& timer);

 private:
  Time now() const { return services_->clock->now(); }
  Result<const Order*> LocateOrder(std::string_view caller, const Json& body) const;
  void Publish(const Invoice& invoice, std::string kind, std::string_view event_type);

  InvoicePolicy policy_;
  const Services* services_ = nullptr;
  std::uint64_t next_sequence_ = 1;
  std::map<std::string, Invoice, std::less<>> invoices_;  // by dscoInvoiceId
  // "<supplier>/<invoiceId>" -> dscoInvoiceId
  std::map<std::string, std::string, std::less<>> by_invoice_id_;
  // dscoOrderId -> its invoices, in creation order.
  std::map<std::string, std::vector<std::string>, std::less<>> by_order_;
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_INVOICES_INVOICE_STORE_H_
