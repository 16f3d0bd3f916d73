#include "dscosim/model/conversations/conversation_json.h"

#include <string>

#include "dscosim/model/core/time.h"

namespace dscosim {
namespace {

using nlohmann::json;

void PutIf(json& out, const char* key, const std::optional<std::string>& value) {
  if (value) out[key] = *value;
}

// The viewer's id and name for `account`, unless the viewer is `account` or neutral.
void PutPartnerNames(json& out, const AccountDirectory& accounts, std::string_view viewer,
                     const std::string& account, const char* id_key, const char* name_key) {
  if (viewer.empty() || viewer == account) return;
  const PartnerView* view = accounts.PartnerOf(viewer, account);
  if (view == nullptr) return;
  if (!view->trading_partner_id.empty()) out[id_key] = view->trading_partner_id;
  if (!view->name.empty()) out[name_key] = view->name;
}

}  // namespace

json ConversationTypeToJson(const ConversationType& type) {
  json out = {{"type", ConversationKindName(type.kind)}};
  if (type.kind == ConversationKind::kCustomerCare) out["consumerId"] = type.consumer_id;
  return out;
}

json ItemIdentifiersToJson(const ItemIdentifiers& ids) {
  json out = json::object();
  PutIf(out, "dscoItemId", ids.dsco_item_id);
  PutIf(out, "sku", ids.sku);
  PutIf(out, "upc", ids.upc);
  PutIf(out, "ean", ids.ean);
  PutIf(out, "mpn", ids.mpn);
  PutIf(out, "isbn", ids.isbn);
  PutIf(out, "gtin", ids.gtin);
  PutIf(out, "partnerSku", ids.partner_sku);
  return out;
}

json ContextToJson(const ConversationContext& c) {
  json out = {{"type", ContextKindName(c.kind)}};
  switch (c.kind) {
    case ContextKind::kAccount:
      return out;
    case ContextKind::kOrder:
      PutIf(out, "dscoOrderId", c.dsco_order_id);
      PutIf(out, "poNumber", c.po_number);
      PutIf(out, "supplierOrderNumber", c.supplier_order_number);
      PutIf(out, "consumerOrderNumber", c.consumer_order_number);
      if (c.line_item) {
        json line = ItemIdentifiersToJson(c.line_item->item);
        if (c.line_item->line_number) line["lineNumber"] = *c.line_item->line_number;
        if (c.line_item->consumer_line_number) {
          line["consumerLineNumber"] = *c.line_item->consumer_line_number;
        }
        out["lineItem"] = line;
      }
      break;
    case ContextKind::kCatalog:
    case ContextKind::kInventory:
      out.update(ItemIdentifiersToJson(c.item));
      break;
    case ContextKind::kContract:
      PutIf(out, "dscoContractId", c.dsco_contract_id);
      break;
    case ContextKind::kInvoice:
      PutIf(out, "dscoInvoiceId", c.dsco_invoice_id);
      PutIf(out, "invoiceId", c.invoice_id);
      PutIf(out, "poNumber", c.po_number);
      PutIf(out, "supplierOrderNumber", c.supplier_order_number);
      PutIf(out, "consumerOrderNumber", c.consumer_order_number);
      break;
    case ContextKind::kReturn:
      PutIf(out, "dscoReturnId", c.dsco_return_id);
      PutIf(out, "supplierReturnNumber", c.supplier_return_number);
      PutIf(out, "retailerReturnNumber", c.retailer_return_number);
      PutIf(out, "dscoOrderId", c.dsco_order_id);
      PutIf(out, "poNumber", c.po_number);
      break;
  }
  PutIf(out, "dscoAccountId", c.dsco_account_id);
  PutIf(out, "dscoTradingPartnerId", c.dsco_trading_partner_id);
  return out;
}

json ConversationToJson(const Conversation& c, const AccountDirectory& accounts,
                        std::string_view viewer) {
  json out = {
      {"id", c.id},
      {"title", c.title},
      {"initiatedBy", RoleName(c.initiated_by)},
      {"type", ConversationTypeToJson(c.type)},
      {"dscoRetailerId", c.retailer_id},
      {"dscoSupplierId", c.supplier_id},
      {"status", ConversationStatusName(c.status)},
      {"context", ContextToJson(c.context)},
      {"isTest", c.is_test},
      {"createDate", FormatIso8601(c.created)},
      {"lastUpdate", FormatIso8601(c.last_update)},
  };
  PutIf(out, "retailerReferenceId", c.retailer_reference_id);
  PutIf(out, "supplierReferenceId", c.supplier_reference_id);
  // A supplier sees the retailer in its own terms, and the other way round.
  if (viewer == c.supplier_id) {
    PutPartnerNames(out, accounts, viewer, c.retailer_id, "dscoRetailerTradingPartnerId",
                    "dscoRetailerTradingPartnerName");
  } else if (viewer == c.retailer_id) {
    PutPartnerNames(out, accounts, viewer, c.supplier_id, "dscoSupplierTradingPartnerId",
                    "dscoSupplierTradingPartnerName");
  }
  if (c.initial_message) out["initialMessage"] = {{"message", *c.initial_message}};
  if (c.due_date) out["dueDate"] = FormatIso8601(*c.due_date);
  if (c.is_test) out["testType"] = "customer";
  if (c.closed_date) out["closedDate"] = FormatIso8601(*c.closed_date);
  return out;
}

json MessageToJson(const ConversationMessage& m, const Conversation& c,
                   const AccountDirectory& accounts, std::string_view viewer) {
  json out = {
      {"dscoMessageId", m.id},
      {"dscoConversationId", m.conversation_id},
      {"message", m.text},
      {"accountType", RoleName(m.author_role)},
      {"dscoAccountId", m.author_account_id},
      {"recipientDscoAccountId", m.recipient_account_id},
      {"isTest", m.is_test},
      {"createDate", FormatIso8601(m.created)},
      {"lastUpdate", FormatIso8601(m.created)},
  };
  PutIf(out, "retailerReferenceId", c.retailer_reference_id);
  PutIf(out, "supplierReferenceId", c.supplier_reference_id);
  if (m.customer_care_type) {
    out["type"] = {{"type", "customer_care"},
                   {"customerCareType", CustomerCareTypeName(*m.customer_care_type)},
                   {"consumerId", m.consumer_id}};
  }
  PutPartnerNames(out, accounts, viewer, m.author_account_id, "dscoTradingPartnerId",
                  "dscoTradingPartnerName");
  PutPartnerNames(out, accounts, viewer, m.recipient_account_id,
                  "recipientDscoTradingPartnerId", "recipientDscoTradingPartnerName");
  if (m.is_test) out["testType"] = "customer";
  return out;
}

}  // namespace dscosim
