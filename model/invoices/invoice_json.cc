// The invoice as the API shows it: the supplier's own fields as sent, with the model's
// fields rendered on top.
#include "dscosim/model/invoices/invoice_store.h"
#include "dscosim/model/orders/order_store.h"

namespace dscosim {

Json InvoiceStore::ToJson(const Invoice& invoice) const {
  Json out = invoice.body;
  const Order* order =
      services_->orders == nullptr ? nullptr : services_->orders->Find(invoice.dsco_order_id);
  out["dscoInvoiceId"] = invoice.dsco_invoice_id;
  out["invoiceId"] = invoice.invoice_id;
  out["dscoOrderId"] = invoice.dsco_order_id;
  out["poNumber"] = invoice.po_number;
  if (order != nullptr) {
    if (!out.contains("supplierOrderNumber") && order->supplier_order_number) {
      out["supplierOrderNumber"] = *order->supplier_order_number;
    }
    if (!out.contains("consumerOrderNumber") && order->consumer_order_number) {
      out["consumerOrderNumber"] = *order->consumer_order_number;
    }
  }
  out["dscoRetailerId"] = invoice.retailer_id;
  out["dscoSupplierId"] = invoice.supplier_id;
  // The retailer's own id for the supplier.
  const PartnerView* view =
      services_->accounts->PartnerOf(invoice.retailer_id, invoice.supplier_id);
  if (view != nullptr && !view->trading_partner_id.empty()) {
    out["dscoTradingPartnerId"] = view->trading_partner_id;
  }
  out["createDate"] = FormatIso8601(invoice.created);
  out["lastUpdate"] = FormatIso8601(invoice.last_update);
  if (invoice.expected_order_total) {
    const double difference = *invoice.expected_order_difference();
    out["dscoExpectedOrderTotalAmount"] = *invoice.expected_order_total;
    out["dscoExpectedOrderTotalDifference"] = difference;
    // The supplier's own figures when it sent them, else ours.
    if (!out.contains("expectedOrderTotalAmount")) {
      out["expectedOrderTotalAmount"] = *invoice.expected_order_total;
    }
    if (!out.contains("expectedOrderTotalDifference")) {
      out["expectedOrderTotalDifference"] = difference;
    }
  }
  if (invoice.request.contains("lineItems")) {
    out["lineItems"] = Json::array();
    for (const InvoiceLine& line : invoice.lines) {
      Json j = line.given;
      if (!line.item.dsco_item_id.empty()) j["dscoItemId"] = line.item.dsco_item_id;
      if (!j.contains("sku") && !line.item.sku.empty()) j["sku"] = line.item.sku;
      j["lineNumber"] = line.item.line_number;
      j["originalLineNumber"] = line.item.line_number;
      j["originalOrderQuantity"] = line.original_order_quantity;
      if (const auto amount = line.expected_amount()) {
        const double difference = *line.expected_difference();
        j["dscoExpectedAmount"] = *amount;
        j["dscoExpectedDifference"] = difference;
        // The deprecated names the API also returns.
        j["expectedAmount"] = *amount;
        j["expectedDifference"] = difference;
      }
      if (order != nullptr) {
        if (const OrderLine* order_line = order->FindLine(line.item.line_number)) {
          const auto id = order_line->extra.find("retailerLineId");
          if (id != order_line->extra.end() && id->is_string()) j["retailerLineId"] = *id;
        }
      }
      out["lineItems"].push_back(std::move(j));
    }
  }
  return out;
}

}  // namespace dscosim
