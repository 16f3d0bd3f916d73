#include "dscosim/model/conversations/commerce_resolver.h"

#include <algorithm>

#include "dscosim/model/accounts/contract_store.h"
#include "dscosim/model/invoices/invoice_store.h"
#include "dscosim/model/catalog/item_store.h"
#include "dscosim/model/orders/order_store.h"
#include "dscosim/model/returns/return_store.h"

namespace dscosim {
namespace {

bool Eq(const std::optional<std::string>& wanted, const std::optional<std::string>& have) {
  return !wanted || (have && *wanted == *have);
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

// Every identifier given matches `item` (partnerSku as `retailer` knows it).
bool ItemMatches(const ItemIdentifiers& want, const Item& item, const std::string& retailer) {
  std::optional<std::string> partner_sku;
  const auto it = item.partner_sku_by_retailer.find(retailer);
  if (it != item.partner_sku_by_retailer.end()) partner_sku = it->second;
  return Eq(want.dsco_item_id, item.dsco_item_id) && Eq(want.sku, item.sku) &&
         Eq(want.upc, item.upc) && Eq(want.ean, item.ean) && Eq(want.mpn, item.mpn) &&
         Eq(want.isbn, item.isbn) && Eq(want.gtin, item.gtin) && Eq(want.partner_sku, partner_sku);
}

}  // namespace

Result<ConversationContext> CommerceResolver::Resolve(const ConversationContext& context,
                                                      const ContextParties& parties) const {
  switch (context.kind) {
    case ContextKind::kAccount:
      return context;
    case ContextKind::kOrder:
      return ResolveOrder(context, parties);
    case ContextKind::kCatalog:
    case ContextKind::kInventory:
      return ResolveItem(context, parties);
    case ContextKind::kContract: {
      const Contract* k = services_->contracts->Find(*context.dsco_contract_id);
      if (k == nullptr || k->retailer_id != parties.retailer_id ||
          k->supplier_id != parties.supplier_id) {
        return NotFound("dscoContractId", "no contract " + *context.dsco_contract_id +
                                              " between the two parties");
      }
      return context;
    }
    case ContextKind::kInvoice:
      return ResolveInvoice(context, parties);
    case ContextKind::kReturn:
      return ResolveReturn(context, parties);
  }
  return context;
}

Result<ConversationContext> CommerceResolver::ResolveOrder(ConversationContext c,
                                                           const ContextParties& p) const {
  const Order* order = nullptr;
  const char* field = c.dsco_order_id ? "dscoOrderId"
                      : c.po_number ? "poNumber"
                      : c.supplier_order_number ? "supplierOrderNumber"
                                                : "consumerOrderNumber";
  const std::pair<const std::optional<std::string>*, OrderKeyType> keys[] = {
      {&c.dsco_order_id, OrderKeyType::kDscoOrderId},
      {&c.po_number, OrderKeyType::kPoNumber},
      {&c.supplier_order_number, OrderKeyType::kSupplierOrderNumber},
      {&c.consumer_order_number, OrderKeyType::kConsumerOrderNumber}};
  // Orders in creation order matching the first identifier, then filtered by the rest.
  for (const auto& [value, key] : keys) {
    if (!*value) continue;
    for (const Order* o : services_->orders->FindAll(key, **value, p.retailer_id, p.supplier_id)) {
      if (o->lifecycle == OrderLifecycle::kReceived) continue;
      if (!Eq(c.dsco_order_id, o->dsco_order_id) || !Eq(c.po_number, o->po_number) ||
          !Eq(c.supplier_order_number, o->supplier_order_number) ||
          !Eq(c.consumer_order_number, o->consumer_order_number)) {
        continue;
      }
      order = o;  // the first match wins (split orders)
      break;
    }
    break;
  }
  if (order == nullptr) {
    return NotFound(field, "no such order between the conversation's retailer and supplier");
  }
  c.dsco_order_id = order->dsco_order_id;
  if (!c.line_item) return c;
  const OrderLineRef& want = *c.line_item;
  int matches = 0;
  for (const OrderLine& line : order->lines) {
    const Item* item = services_->items->FindByDscoItemId(line.dsco_item_id);
    if (item == nullptr || !ItemMatches(want.item, *item, p.retailer_id)) continue;
    if (want.line_number && *want.line_number != line.line_number) continue;
    if (want.consumer_line_number && want.consumer_line_number != line.consumer_line_number) continue;
    if (++matches == 1) c.line_item->item.dsco_item_id = line.dsco_item_id;
  }
  const std::string key = std::string("lineItem.") + FirstItemKey(want.item);
  if (matches == 0) return NotFound(key, "no line of order " + order->dsco_order_id + " matches");
  if (matches > 1) {
    return InvalidArgument(key, "matches " + std::to_string(matches) +
                                    " lines of the order; add lineNumber or consumerLineNumber");
  }
  return c;
}

Result<ConversationContext> CommerceResolver::ResolveItem(ConversationContext c,
                                                          const ContextParties& p) const {
  const Item* found = nullptr;
  int matches = 0;
  for (const Item* item : services_->items->ItemsOf(p.supplier_id)) {
    if (!ItemMatches(c.item, *item, p.retailer_id)) continue;
    if (++matches == 1) found = item;
  }
  const char* key = FirstItemKey(c.item);
  if (found == nullptr) return NotFound(key, "no such item of the conversation's supplier");
  if (matches > 1) {
    return InvalidArgument(key, "matches " + std::to_string(matches) +
                                    " items of the supplier; use dscoItemId or sku");
  }
  c.item.dsco_item_id = found->dsco_item_id;
  return c;
}

Result<ConversationContext> CommerceResolver::ResolveInvoice(ConversationContext c,
                                                             const ContextParties& p) const {
  const Invoice* invoice = c.dsco_invoice_id
                               ? services_->invoices->Find(*c.dsco_invoice_id)
                               : services_->invoices->FindByInvoiceId(p.supplier_id, *c.invoice_id);
  const char* field = c.dsco_invoice_id ? "dscoInvoiceId" : "invoiceId";
  const auto missing = [&] {
    return NotFound(field, "no such invoice between the two parties");
  };
  if (invoice == nullptr || invoice->retailer_id != p.retailer_id ||
      invoice->supplier_id != p.supplier_id || invoice->visible_at > services_->clock->now()) {
    return missing();
  }
  const Order* order = services_->orders->Find(invoice->dsco_order_id);
  if (!Eq(c.invoice_id, invoice->invoice_id) || !Eq(c.po_number, invoice->po_number) ||
      (c.supplier_order_number && (order == nullptr || !Eq(c.supplier_order_number, order->supplier_order_number))) ||
      (c.consumer_order_number && (order == nullptr || !Eq(c.consumer_order_number, order->consumer_order_number)))) {
    return missing();
  }
  c.dsco_invoice_id = invoice->dsco_invoice_id;
  return c;
}

Result<ConversationContext> CommerceResolver::ResolveReturn(ConversationContext c,
                                                            const ContextParties& p) const {
  const Return* ret = nullptr;
  const char* field = "dscoReturnId";
  if (c.dsco_return_id) {
    ret = services_->returns->Find(*c.dsco_return_id);
  } else if (c.retailer_return_number) {
    field = "retailerReturnNumber";
    ret = services_->returns->FindByNumber(p.retailer_id, *c.retailer_return_number);
  } else {
    field = "supplierReturnNumber";
    ret = services_->returns->FindByNumber(p.supplier_id, *c.supplier_return_number);
  }
  if (ret == nullptr || ret->retailer_id != p.retailer_id || ret->supplier_id != p.supplier_id ||
      !Eq(c.retailer_return_number, ret->retailer_return_number()) ||
      !Eq(c.supplier_return_number, ret->supplier_return_number()) ||
      !Eq(c.dsco_order_id, ret->dsco_order_id) || !Eq(c.po_number, ret->po_number)) {
    return NotFound(field, "no such return between the two parties");
  }
  c.dsco_return_id = ret->dsco_return_id;
  return c;
}

}  // namespace dscosim
