// Get Invoices (GET /invoice).
#include <algorithm>
#include <array>
#include <utility>

#include "dscosim/model/invoices/invoice_store.h"
#include "dscosim/model/orders/order_store.h"

namespace dscosim {
namespace {

constexpr std::array<std::pair<std::string_view, InvoiceKeyType>, 6> kKeyNames{{
    {"dscoInvoiceId", InvoiceKeyType::kDscoInvoiceId},
    {"invoiceId", InvoiceKeyType::kInvoiceId},
    {"poNumber", InvoiceKeyType::kPoNumber},
    {"supplierOrderNumber", InvoiceKeyType::kSupplierOrderNumber},
    {"consumerOrderNumber", InvoiceKeyType::kConsumerOrderNumber},
    {"trackingNumber", InvoiceKeyType::kTrackingNumber},
}};

// The string at body[key] (or body[key][sub]), or null.
const std::string* StringAt(const Json& body, const char* key, const char* sub = nullptr) {
  auto it = body.find(key);
  if (it == body.end()) return nullptr;
  if (sub != nullptr) {
    if (!it->is_object()) return nullptr;
    const Json& inner = *it;
    it = inner.find(sub);
    if (it == inner.end()) return nullptr;
  }
  return it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

// The invoice's own value of an order number when it sent one, else the order's: what
// its JSON shows.
bool NumberIs(const Json& body, const char* key, const std::optional<std::string>& of_order,
              std::string_view want) {
  if (const std::string* own = StringAt(body, key)) return *own == want;
  return of_order.has_value() && *of_order == want;
}

}  // namespace

Result<InvoiceKeyType> ParseInvoiceKeyType(std::string_view text, std::string_view field) {
  std::string allowed;
  for (const auto& [name, value] : kKeyNames) {
    if (name == text) return value;
    if (!allowed.empty()) allowed += ", ";
    allowed += name;
  }
  return InvalidArgument(std::string(field), "must be one of: " + allowed);
}

Result<std::vector<Invoice>> InvoiceStore::Get(
    std::string_view caller, InvoiceKeyType key, std::string_view value,
    const std::optional<std::string>& partner_account_id,
    const std::optional<std::string>& partner_trading_partner_id) const {
  const Account* me = services_->accounts->Find(caller);
  if (me == nullptr) return PermissionDenied("", "unknown caller account");
  if (value.empty()) return InvalidArgument("value", "is required");
  std::optional<std::string> partner;
  if (partner_account_id) {
    if (services_->accounts->PartnerOf(caller, *partner_account_id) == nullptr) {
      return InvalidArgument("dscoAccountId", "is not one of your trading partners");
    }
    partner = *partner_account_id;
  }
  if (partner_trading_partner_id) {
    const PartnerView* view =
        services_->accounts->PartnerByTradingPartnerId(caller, *partner_trading_partner_id);
    if (view == nullptr) {
      return InvalidArgument("dscoTradingPartnerId", "is not a trading-partner id you use");
    }
    if (partner && *partner != view->partner_account_id) {
      return InvalidArgument("dscoTradingPartnerId", "names another partner than dscoAccountId");
    }
    partner = view->partner_account_id;
  }
  if (key == InvoiceKeyType::kSupplierOrderNumber && me->role == Role::kRetailer && !partner) {
    return InvalidArgument("dscoAccountId",
                           "a retailer searching by supplierOrderNumber must give dscoAccountId "
                           "or dscoTradingPartnerId (the supplier)");
  }

  std::vector<const Invoice*> matches;
  for (const auto& [id, invoice] : invoices_) {
    if (invoice.retailer_id != caller && invoice.supplier_id != caller) continue;
    if (!invoice.visible(now())) continue;  // still in post-processing
    const std::string& other =
        caller == invoice.retailer_id ? invoice.supplier_id : invoice.retailer_id;
    if (partner && other != *partner) continue;
    const Order* order = services_->orders->Find(invoice.dsco_order_id);
    bool match = false;
    switch (key) {
      case InvoiceKeyType::kDscoInvoiceId:
        match = invoice.dsco_invoice_id == value;
        break;
      case InvoiceKeyType::kInvoiceId:
        match = invoice.invoice_id == value;
        break;
      case InvoiceKeyType::kPoNumber:
        match = invoice.po_number == value;
        break;
      case InvoiceKeyType::kSupplierOrderNumber:
        match = NumberIs(invoice.body, "supplierOrderNumber",
                         order != nullptr ? order->supplier_order_number : std::nullopt, value);
        break;
      case InvoiceKeyType::kConsumerOrderNumber:
        match = NumberIs(invoice.body, "consumerOrderNumber",
                         order != nullptr ? order->consumer_order_number : std::nullopt, value);
        break;
      case InvoiceKeyType::kTrackingNumber: {
        const std::string* tracking = StringAt(invoice.body, "ship", "trackingNumber");
        match = tracking != nullptr && *tracking == value;
        break;
      }
    }
    if (match) matches.push_back(&invoice);
  }
  if (matches.empty()) {
    return NotFound("value", "no invoice with " +
                                 std::string(kKeyNames[static_cast<std::size_t>(key)].first) + " " +
                                 std::string(value) + " is visible to you");
  }
  std::sort(matches.begin(), matches.end(),
            [](const Invoice* a, const Invoice* b) { return a->sequence < b->sequence; });
  std::vector<Invoice> out;
  for (const Invoice* invoice : matches) out.push_back(*invoice);
  return out;
}

}  // namespace dscosim
