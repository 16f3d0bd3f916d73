#include "dscosim/model/conversations/conversation_context.h"

#include <string>

namespace dscosim {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool DigitsOfLength(std::string_view s, std::initializer_list<std::size_t> lengths) {
  if (!AllDigits(s)) return false;
  for (const std::size_t n : lengths) {
    if (s.size() == n) return true;
  }
  return false;
}

Status CheckNotEmpty(const std::optional<std::string>& value, std::string field) {
  if (value && value->empty()) return InvalidArgument(std::move(field), "must not be empty");
  return Status::Ok();
}

std::string Join(std::string_view prefix, std::string_view key) {
  return std::string(prefix) + std::string(key);
}

// Keeps only the fields a context of this kind may carry.
ConversationContext KeepFieldsOfKind(const ConversationContext& in) {
  ConversationContext out;
  out.kind = in.kind;
  out.dsco_account_id = in.dsco_account_id;
  out.dsco_trading_partner_id = in.dsco_trading_partner_id;
  switch (in.kind) {
    case ContextKind::kAccount:
      out.dsco_account_id.reset();
      out.dsco_trading_partner_id.reset();
      break;
    case ContextKind::kOrder:
      out.dsco_order_id = in.dsco_order_id;
      out.po_number = in.po_number;
      out.supplier_order_number = in.supplier_order_number;
      out.consumer_order_number = in.consumer_order_number;
      out.line_item = in.line_item;
      break;
    case ContextKind::kCatalog:
    case ContextKind::kInventory:
      out.item = in.item;
      break;
    case ContextKind::kContract:
      out.dsco_contract_id = in.dsco_contract_id;
      break;
    case ContextKind::kInvoice:
      out.dsco_invoice_id = in.dsco_invoice_id;
      out.invoice_id = in.invoice_id;
      out.po_number = in.po_number;
      out.supplier_order_number = in.supplier_order_number;
      out.consumer_order_number = in.consumer_order_number;
      break;
    case ContextKind::kReturn:
      out.dsco_return_id = in.dsco_return_id;
      out.supplier_return_number = in.supplier_return_number;
      out.retailer_return_number = in.retailer_return_number;
      out.dsco_order_id = in.dsco_order_id;
      out.po_number = in.po_number;
      break;
  }
  return out;
}

Status CheckShape(const ConversationContext& c) {
  switch (c.kind) {
    case ContextKind::kAccount:
      return Status::Ok();
    case ContextKind::kOrder: {
      DSCOSIM_RETURN_IF_ERROR(CheckNotEmpty(c.dsco_order_id, "context.dscoOrderId"));
      DSCOSIM_RETURN_IF_ERROR(CheckNotEmpty(c.po_number, "context.poNumber"));
      DSCOSIM_RETURN_IF_ERROR(
          CheckNotEmpty(c.supplier_order_number, "context.supplierOrderNumber"));
      DSCOSIM_RETURN_IF_ERROR(
          CheckNotEmpty(c.consumer_order_number, "context.consumerOrderNumber"));
      if (!c.dsco_order_id && !c.po_number && !c.supplier_order_number &&
          !c.consumer_order_number) {
        return InvalidArgument("context.dscoOrderId",
                               "an order context needs one of dscoOrderId, poNumber, "
                               "supplierOrderNumber or consumerOrderNumber");
      }
      if (c.line_item) {
        if (c.line_item->item.empty()) {
          return InvalidArgument("context.lineItem",
                                 "a line item needs one item id: sku, dscoItemId, upc, ean, "
                                 "mpn, isbn, gtin or partnerSku");
        }
        DSCOSIM_RETURN_IF_ERROR(ValidateItemIdentifiers(c.line_item->item, "context.lineItem."));
      }
      return Status::Ok();
    }
    case ContextKind::kCatalog:
    case ContextKind::kInventory:
      if (c.item.empty()) {
        return InvalidArgument("context.sku",
                               "an item context needs one item id: dscoItemId, sku, upc, ean, "
                               "isbn, partnerSku, mpn or gtin");
      }
      return ValidateItemIdentifiers(c.item, "context.");
    case ContextKind::kContract:
      if (!c.dsco_contract_id) {
        return InvalidArgument("context.dscoContractId", "is required in a contract context");
      }
      return CheckNotEmpty(c.dsco_contract_id, "context.dscoContractId");
    case ContextKind::kInvoice:
      DSCOSIM_RETURN_IF_ERROR(CheckNotEmpty(c.dsco_invoice_id, "context.dscoInvoiceId"));
      DSCOSIM_RETURN_IF_ERROR(CheckNotEmpty(c.invoice_id, "context.invoiceId"));
      if (!c.dsco_invoice_id && !c.invoice_id) {
        return InvalidArgument("context.invoiceId",
                               "an invoice context needs invoiceId or dscoInvoiceId");
      }
      return Status::Ok();
    case ContextKind::kReturn:
      DSCOSIM_RETURN_IF_ERROR(CheckNotEmpty(c.dsco_return_id, "context.dscoReturnId"));
      DSCOSIM_RETURN_IF_ERROR(
          CheckNotEmpty(c.supplier_return_number, "context.supplierReturnNumber"));
      DSCOSIM_RETURN_IF_ERROR(
          CheckNotEmpty(c.retailer_return_number, "context.retailerReturnNumber"));
      if (!c.dsco_return_id && !c.supplier_return_number && !c.retailer_return_number) {
        return InvalidArgument("context.dscoReturnId",
                               "a return context needs one of dscoReturnId, "
                               "supplierReturnNumber or retailerReturnNumber");
      }
      return Status::Ok();
  }
  return Status::Ok();
}

}  // namespace

Status ValidateItemIdentifiers(const ItemIdentifiers& ids, std::string_view prefix) {
  DSCOSIM_RETURN_IF_ERROR(CheckNotEmpty(ids.dsco_item_id, Join(prefix, "dscoItemId")));
  DSCOSIM_RETURN_IF_ERROR(CheckNotEmpty(ids.sku, Join(prefix, "sku")));
  DSCOSIM_RETURN_IF_ERROR(CheckNotEmpty(ids.mpn, Join(prefix, "mpn")));
  DSCOSIM_RETURN_IF_ERROR(CheckNotEmpty(ids.partner_sku, Join(prefix, "partnerSku")));
  if (ids.sku && ids.sku->size() > 90) {
    return InvalidArgument(Join(prefix, "sku"), "must be at most 90 characters");
  }
  if (ids.upc && !DigitsOfLength(*ids.upc, {6, 12})) {
    return InvalidArgument(Join(prefix, "upc"), "must be 6 or 12 digits");
  }
  if (ids.ean && !DigitsOfLength(*ids.ean, {8, 13})) {
    return InvalidArgument(Join(prefix, "ean"), "must be 8 or 13 digits");
  }
  if (ids.isbn && !DigitsOfLength(*ids.isbn, {10, 13})) {
    return InvalidArgument(Join(prefix, "isbn"), "must be 10 or 13 digits");
  }
  if (ids.gtin && !DigitsOfLength(*ids.gtin, {8, 12, 13, 14})) {
    return InvalidArgument(Join(prefix, "gtin"), "must be 8 or 12 to 14 digits");
  }
  return Status::Ok();
}

Result<ConversationContext> CheckConversationContext(const ConversationContext& given,
                                                     const ContextParties& parties,
                                                     std::string_view caller,
                                                     const AccountDirectory& accounts,
                                                     const ContextResolver* resolver) {
  ConversationContext context = KeepFieldsOfKind(given);
  DSCOSIM_RETURN_IF_ERROR(CheckShape(context));
  if (context.kind == ContextKind::kAccount) return context;

  // The partner hint, when given, must name the conversation's other party.
  const std::string& other =
      caller == parties.retailer_id ? parties.supplier_id : parties.retailer_id;
  if (context.dsco_account_id && *context.dsco_account_id != other) {
    return InvalidArgument("context.dscoAccountId",
                           "must be the conversation's other party, " + other);
  }
  if (context.dsco_trading_partner_id) {
    const PartnerView* view =
        accounts.PartnerByTradingPartnerId(caller, *context.dsco_trading_partner_id);
    if (view == nullptr || view->partner_account_id != other) {
      return InvalidArgument("context.dscoTradingPartnerId",
                             "must be your trading-partner id for the conversation's other "
                             "party");
    }
  }
  if (resolver == nullptr) {
    return NotFound("context", "no " + std::string(ContextKindName(context.kind)) +
                                   " objects exist in this world");
  }
  auto resolved = resolver->Resolve(context, parties);
  if (!resolved.ok()) {
    const Status& s = resolved.status();
    return Status(s.code(), s.field().empty() ? "context" : "context." + s.field(),
                  s.message());
  }
  return resolved;
}

}  // namespace dscosim
