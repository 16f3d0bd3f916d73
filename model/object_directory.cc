#include "model/object_directory.h"

#include <utility>

namespace dscosim {
namespace {

bool Eq(const std::optional<std::string>& wanted, const std::optional<std::string>& have) {
  return !wanted || (have && *wanted == *have);
}

bool Eq(const std::optional<std::string>& wanted, const std::string& have) {
  return !wanted || *wanted == have;
}

// The first identifier given, for error messages: its JSON key.
const char* FirstItemKey(const ItemIdentifiers& ids) {
  if (ids.dsco_item_id) return "dscoItemId";
  if (ids.sku) return "sku";
  if (ids.upc) return "upc";
  if (ids.ean) return "ean";
  if (ids.mpn) return "mpn";
  if (ids.isbn) return "isbn";
  if (ids.gtin) return "gtin";
  return "partnerSku";
}

// Every identifier given matches `have` (partner sku through the retailer's own sku).
bool ItemMatches(const ItemIdentifiers& wanted, const ItemIdentifiers& have,
                 const std::optional<std::string>& partner_sku) {
  return Eq(wanted.dsco_item_id, have.dsco_item_id) && Eq(wanted.sku, have.sku) &&
         Eq(wanted.upc, have.upc) && Eq(wanted.ean, have.ean) && Eq(wanted.mpn, have.mpn) &&
         Eq(wanted.isbn, have.isbn) && Eq(wanted.gtin, have.gtin) &&
         Eq(wanted.partner_sku, partner_sku);
}

}  // namespace

Result<ConversationContext> ObjectDirectory::Resolve(const ConversationContext& context,
                                                     const ContextParties& parties) const {
  switch (context.kind) {
    case ContextKind::kAccount:
      return context;
    case ContextKind::kOrder:
      return ResolveOrder(context, parties);
    case ContextKind::kCatalog:
    case ContextKind::kInventory:
      return ResolveItem(context, parties);
    case ContextKind::kContract:
      for (const DirectoryContract& k : contracts_) {
        if (k.dsco_contract_id == *context.dsco_contract_id &&
            k.retailer_id == parties.retailer_id && k.supplier_id == parties.supplier_id) {
          return context;
        }
      }
      return NotFound("dscoContractId", "no contract " + *context.dsco_contract_id +
                                            " between the two parties");
    case ContextKind::kInvoice:
      for (const DirectoryInvoice& inv : invoices_) {
        if (inv.retailer_id != parties.retailer_id || inv.supplier_id != parties.supplier_id) {
          continue;
        }
        if (!Eq(context.dsco_invoice_id, inv.dsco_invoice_id) ||
            !Eq(context.invoice_id, inv.invoice_id) || !Eq(context.po_number, inv.po_number) ||
            !Eq(context.supplier_order_number, inv.supplier_order_number) ||
            !Eq(context.consumer_order_number, inv.consumer_order_number)) {
          continue;
        }
        ConversationContext out = std::move(context);
        out.dsco_invoice_id = inv.dsco_invoice_id;
        return out;
      }
      return NotFound(context.dsco_invoice_id ? "dscoInvoiceId" : "invoiceId",
                      "no such invoice between the two parties");
    case ContextKind::kReturn:
      for (const DirectoryReturn& r : returns_) {
        if (r.retailer_id != parties.retailer_id || r.supplier_id != parties.supplier_id) {
          continue;
        }
        if (!Eq(context.dsco_return_id, r.dsco_return_id) ||
            !Eq(context.retailer_return_number, r.retailer_return_number) ||
            !Eq(context.supplier_return_number, r.supplier_return_number) ||
            !Eq(context.dsco_order_id, r.dsco_order_id) || !Eq(context.po_number, r.po_number)) {
          continue;
        }
        ConversationContext out = std::move(context);
        out.dsco_return_id = r.dsco_return_id;
        return out;
      }
      return NotFound(context.dsco_return_id ? "dscoReturnId"
                      : context.retailer_return_number ? "retailerReturnNumber"
                                                       : "supplierReturnNumber",
                      "no such return between the two parties");
  }
  return context;
}

Result<ConversationContext> ObjectDirectory::ResolveOrder(ConversationContext context,
                                                          const ContextParties& parties) const {
  const DirectoryOrder* order = nullptr;
  for (const DirectoryOrder& o : orders_) {
    if (o.retailer_id != parties.retailer_id || o.supplier_id != parties.supplier_id) continue;
    if (Eq(context.dsco_order_id, o.dsco_order_id) && Eq(context.po_number, o.po_number) &&
        Eq(context.supplier_order_number, o.supplier_order_number) &&
        Eq(context.consumer_order_number, o.consumer_order_number)) {
      order = &o;  // the first match wins (split orders)
      break;
    }
  }
  if (order == nullptr) {
    const char* field = context.dsco_order_id ? "dscoOrderId"
                        : context.po_number ? "poNumber"
                        : context.supplier_order_number ? "supplierOrderNumber"
                                                        : "consumerOrderNumber";
    return NotFound(field, "no such order between the conversation's retailer and supplier");
  }
  context.dsco_order_id = order->dsco_order_id;
  if (context.line_item) {
    const OrderLineRef& want = *context.line_item;
    int matches = 0;
    for (const DirectoryOrderLine& line : order->lines) {
      if (!ItemMatches(want.item, line.item, line.item.partner_sku)) continue;
      if (want.line_number && *want.line_number != line.line_number) continue;
      if (want.consumer_line_number && want.consumer_line_number != line.consumer_line_number) {
        continue;
      }
      if (++matches == 1) context.line_item->item.dsco_item_id = line.item.dsco_item_id;
    }
    const std::string key = std::string("lineItem.") + FirstItemKey(want.item);
    if (matches == 0) return NotFound(key, "no line of order " + order->dsco_order_id + " matches");
    if (matches > 1) {
      return InvalidArgument(key, "matches " + std::to_string(matches) +
                                      " lines of the order; add lineNumber or "
                                      "consumerLineNumber");
    }
  }
  return context;
}

Result<ConversationContext> ObjectDirectory::ResolveItem(ConversationContext context,
                                                         const ContextParties& parties) const {
  const DirectoryItem* found = nullptr;
  int matches = 0;
  for (const DirectoryItem& item : items_) {
    if (item.supplier_id != parties.supplier_id) continue;
    std::optional<std::string> partner_sku;
    const auto it = item.partner_sku_by_retailer.find(parties.retailer_id);
    if (it != item.partner_sku_by_retailer.end()) partner_sku = it->second;
    if (!ItemMatches(context.item, item.ids, partner_sku)) continue;
    if (++matches == 1) found = &item;
  }
  const char* key = FirstItemKey(context.item);
  if (found == nullptr) return NotFound(key, "no such item of the conversation's supplier");
  if (matches > 1) {
    return InvalidArgument(key, "matches " + std::to_string(matches) +
                                    " items of the supplier; use dscoItemId or sku");
  }
  context.item.dsco_item_id = found->ids.dsco_item_id;
  return context;
}

}  // namespace dscosim
