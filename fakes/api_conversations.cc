// The five conversation endpoints: JSON to the model's typed requests and back. Errors
// are 400 text/plain, as the spec documents for these endpoints.
#include "dscosim/fakes/api.h"
#include "dscosim/model/conversations/conversation_json.h"
#include "dscosim/model/core/json_fields.h"

namespace dscosim::fakes {
namespace {

using Strings = std::optional<std::vector<std::string>>;

Result<Strings> OptStrings(const Json& object, const char* key) {
  DSCOSIM_ASSIGN_OR_RETURN(const Json* array, OptArray(object, key));
  if (array == nullptr) return Strings();
  std::vector<std::string> out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    if (!(*array)[i].is_string()) return InvalidArgument(IndexPath(key, i), "must be a string");
    out.push_back((*array)[i].get<std::string>());
  }
  return Strings(std::move(out));
}

Result<std::optional<ConversationType>> ReadType(const Json& body, const char* key) {
  DSCOSIM_ASSIGN_OR_RETURN(const Json* type, OptObject(body, key));
  if (type == nullptr) return std::optional<ConversationType>();
  DSCOSIM_ASSIGN_OR_RETURN(const std::string kind, ReqString(*type, "type", key));
  ConversationType out;
  DSCOSIM_ASSIGN_OR_RETURN(out.kind, ParseConversationKind(kind, JoinPath(key, "type")));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> consumer, OptString(*type, "consumerId", key));
  out.consumer_id = consumer.value_or("");
  return std::optional<ConversationType>(out);
}

Result<ItemIdentifiers> ReadItemIds(const Json& object, std::string_view path) {
  ItemIdentifiers ids;
  DSCOSIM_ASSIGN_OR_RETURN(ids.dsco_item_id, OptId(object, "dscoItemId", path));
  DSCOSIM_ASSIGN_OR_RETURN(ids.sku, OptString(object, "sku", path));
  DSCOSIM_ASSIGN_OR_RETURN(ids.upc, OptString(object, "upc", path));
  DSCOSIM_ASSIGN_OR_RETURN(ids.ean, OptString(object, "ean", path));
  DSCOSIM_ASSIGN_OR_RETURN(ids.mpn, OptString(object, "mpn", path));
  DSCOSIM_ASSIGN_OR_RETURN(ids.isbn, OptString(object, "isbn", path));
  DSCOSIM_ASSIGN_OR_RETURN(ids.gtin, OptString(object, "gtin", path));
  DSCOSIM_ASSIGN_OR_RETURN(ids.partner_sku, OptString(object, "partnerSku", path));
  return ids;
}

Result<std::optional<ConversationContext>> ReadContext(const Json& body) {
  DSCOSIM_ASSIGN_OR_RETURN(const Json* json, OptObject(body, "context"));
  if (json == nullptr) return std::optional<ConversationContext>();
  const Json& j = *json;
  const std::string p = "context";
  DSCOSIM_ASSIGN_OR_RETURN(const std::string kind, ReqString(j, "type", p));
  ConversationContext c;
  DSCOSIM_ASSIGN_OR_RETURN(c.kind, ParseContextKind(kind, "context.type"));
  DSCOSIM_ASSIGN_OR_RETURN(c.dsco_order_id, OptId(j, "dscoOrderId", p));
  DSCOSIM_ASSIGN_OR_RETURN(c.po_number, OptString(j, "poNumber", p));
  DSCOSIM_ASSIGN_OR_RETURN(c.supplier_order_number, OptString(j, "supplierOrderNumber", p));
  DSCOSIM_ASSIGN_OR_RETURN(c.consumer_order_number, OptString(j, "consumerOrderNumber", p));
  DSCOSIM_ASSIGN_OR_RETURN(c.dsco_contract_id, OptId(j, "dscoContractId", p));
  DSCOSIM_ASSIGN_OR_RETURN(c.dsco_invoice_id, OptId(j, "dscoInvoiceId", p));
  DSCOSIM_ASSIGN_OR_RETURN(c.invoice_id, OptString(j, "invoiceId", p));
  DSCOSIM_ASSIGN_OR_RETURN(c.dsco_return_id, OptId(j, "dscoReturnId", p));
  DSCOSIM_ASSIGN_OR_RETURN(c.supplier_return_number, OptString(j, "supplierReturnNumber", p));
  DSCOSIM_ASSIGN_OR_RETURN(c.retailer_return_number, OptString(j, "retailerReturnNumber", p));
  DSCOSIM_ASSIGN_OR_RETURN(c.dsco_account_id, OptId(j, "dscoAccountId", p));
  DSCOSIM_ASSIGN_OR_RETURN(c.dsco_trading_partner_id, OptString(j, "dscoTradingPartnerId", p));
  if (c.kind == ContextKind::kCatalog || c.kind == ContextKind::kInventory) {
    DSCOSIM_ASSIGN_OR_RETURN(c.item, ReadItemIds(j, p));
  }
  DSCOSIM_ASSIGN_OR_RETURN(const Json* line, OptObject(j, "lineItem", p));
  if (line != nullptr && c.kind == ContextKind::kOrder) {
    OrderLineRef ref;
    DSCOSIM_ASSIGN_OR_RETURN(ref.item, ReadItemIds(*line, "context.lineItem"));
    DSCOSIM_ASSIGN_OR_RETURN(ref.line_number, OptInt(*line, "lineNumber", "context.lineItem"));
    DSCOSIM_ASSIGN_OR_RETURN(ref.consumer_line_number, OptInt(*line, "consumerLineNumber", "context.lineItem"));
    c.line_item = std::move(ref);
  }
  return std::optional<ConversationContext>(std::move(c));
}

Result<std::optional<TestFilter>> ReadTest(const Json& body) {
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> test, OptString(body, "test"));
  if (!test) return std::optional<TestFilter>();
  DSCOSIM_ASSIGN_OR_RETURN(const TestFilter f, ParseTestFilter(*test, "test"));
  return std::optional<TestFilter>(f);
}

Result<std::optional<SortDirection>> ReadSort(const Json& body) {
  DSCOSIM_ASSIGN_OR_RETURN(const Json* sort, OptObject(body, "sort"));
  if (sort == nullptr) return std::optional<SortDirection>();
  DSCOSIM_ASSIGN_OR_RETURN(const std::string field, ReqString(*sort, "field", "sort"));
  if (field != "create_date") return InvalidArgument("sort.field", "must be create_date");
  DSCOSIM_ASSIGN_OR_RETURN(const std::string direction, ReqString(*sort, "direction", "sort"));
  if (direction != "asc" && direction != "desc") return InvalidArgument("sort.direction", "must be asc or desc");
  return std::optional<SortDirection>(direction == "asc" ? SortDirection::kAscending
                                                         : SortDirection::kDescending);
}

HttpResponse Bad(const Status& s) { return ErrorResponse(s, ErrorStyle::kText); }

HttpResponse Create(ApiCall& call) {
  auto body = call.BodyJson();
  if (!body.ok()) return Bad(body.status());
  const auto read = [&]() -> Result<CreateConversationRequest> {
    DSCOSIM_RETURN_IF_ERROR(RequireObject(*body, ""));
    CreateConversationRequest r;
    DSCOSIM_ASSIGN_OR_RETURN(r.title, OptString(*body, "title"));
    DSCOSIM_ASSIGN_OR_RETURN(r.reference_id, OptString(*body, "referenceId"));
    DSCOSIM_ASSIGN_OR_RETURN(r.type, ReadType(*body, "type"));
    DSCOSIM_ASSIGN_OR_RETURN(r.other_party_dsco_account_id, OptId(*body, "otherPartyDscoAccountId"));
    DSCOSIM_ASSIGN_OR_RETURN(r.other_party_trading_partner_id, OptString(*body, "otherPartyTradingPartnerId"));
    DSCOSIM_ASSIGN_OR_RETURN(r.context, ReadContext(*body));
    DSCOSIM_ASSIGN_OR_RETURN(const Json* initial, OptObject(*body, "initialMessage"));
    if (initial != nullptr) {
      DSCOSIM_ASSIGN_OR_RETURN(std::string text, ReqString(*initial, "message", "initialMessage"));
      r.initial_message = std::move(text);
    }
    DSCOSIM_ASSIGN_OR_RETURN(r.due_date, OptTime(*body, "dueDate"));
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<bool> is_test, OptBool(*body, "isTest"));
    r.is_test = is_test.value_or(false);
    return r;
  }();
  if (!read.ok()) return Bad(read.status());
  auto created = call.world().conversations().Create(call.account, *read);
  if (!created.ok()) return Bad(created.status());
  return HttpResponse::JsonBody(201, ConversationToJson(*created, call.world().accounts(), call.account));
}

HttpResponse Update(ApiCall& call) {
  auto body = call.BodyJson();
  if (!body.ok()) return Bad(body.status());
  const auto read = [&]() -> Result<UpdateConversationRequest> {
    DSCOSIM_RETURN_IF_ERROR(RequireObject(*body, ""));
    UpdateConversationRequest r;
    DSCOSIM_ASSIGN_OR_RETURN(r.dsco_conversation_id, OptId(*body, "dscoConversationId"));
    DSCOSIM_ASSIGN_OR_RETURN(r.find_by_retailer_reference_id, OptString(*body, "findByRetailerReferenceId"));
    DSCOSIM_ASSIGN_OR_RETURN(r.find_by_supplier_reference_id, OptString(*body, "findBySupplierReferenceId"));
    DSCOSIM_ASSIGN_OR_RETURN(r.retailer_reference_id, OptString(*body, "retailerReferenceId"));
    DSCOSIM_ASSIGN_OR_RETURN(r.supplier_reference_id, OptString(*body, "supplierReferenceId"));
    DSCOSIM_ASSIGN_OR_RETURN(r.title, OptString(*body, "title"));
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> status, OptString(*body, "status"));
    if (status) {
      DSCOSIM_ASSIGN_OR_RETURN(r.status, ParseConversationStatus(*status, "status"));
    }
    DSCOSIM_ASSIGN_OR_RETURN(r.due_date, OptTime(*body, "dueDate"));
    DSCOSIM_ASSIGN_OR_RETURN(r.type, ReadType(*body, "type"));
    return r;
  }();
  if (!read.ok()) return Bad(read.status());
  auto updated = call.world().conversations().Update(call.account, *read);
  if (!updated.ok()) return Bad(updated.status());
  return HttpResponse::JsonBody(200, ConversationToJson(*updated, call.world().accounts(), call.account));
}

HttpResponse AddMessage(ApiCall& call) {
  auto body = call.BodyJson();
  if (!body.ok()) return Bad(body.status());
  const auto read = [&]() -> Result<AddMessageRequest> {
    DSCOSIM_RETURN_IF_ERROR(RequireObject(*body, ""));
    AddMessageRequest r;
    DSCOSIM_ASSIGN_OR_RETURN(r.dsco_conversation_id, OptId(*body, "dscoConversationId"));
    DSCOSIM_ASSIGN_OR_RETURN(r.retailer_reference_id, OptString(*body, "retailerReferenceId"));
    DSCOSIM_ASSIGN_OR_RETURN(r.supplier_reference_id, OptString(*body, "supplierReferenceId"));
    DSCOSIM_ASSIGN_OR_RETURN(r.message, OptString(*body, "message"));
    return r;
  }();
  if (!read.ok()) return Bad(read.status());
  auto added = call.world().conversations().AddMessage(call.account, *read);
  if (!added.ok()) return Bad(added.status());
  const Conversation* c = call.world().conversations().Find(added->conversation_id);
  return HttpResponse::JsonBody(201, MessageToJson(*added, *c, call.world().accounts(), call.account));
}

Status ReadParties(const Json& b, std::optional<std::string>& retailer, std::optional<std::string>& retailer_tp,
                   std::optional<std::string>& supplier, std::optional<std::string>& supplier_tp,
                   std::optional<std::vector<std::string>>& accounts,
                   std::optional<std::vector<std::string>>& tps) {
  DSCOSIM_ASSIGN_OR_RETURN(retailer, OptId(b, "dscoRetailerId"));
  DSCOSIM_ASSIGN_OR_RETURN(retailer_tp, OptString(b, "dscoRetailerTradingPartnerId"));
  DSCOSIM_ASSIGN_OR_RETURN(supplier, OptId(b, "dscoSupplierId"));
  DSCOSIM_ASSIGN_OR_RETURN(supplier_tp, OptString(b, "dscoSupplierTradingPartnerId"));
  DSCOSIM_ASSIGN_OR_RETURN(accounts, OptStrings(b, "dscoAccountIds"));
  DSCOSIM_ASSIGN_OR_RETURN(tps, OptStrings(b, "dscoTradingPartnerIds"));
  return Status::Ok();
}

HttpResponse List(ApiCall& call) {
  auto body = call.BodyJson();
  if (!body.ok()) return Bad(body.status());
  const auto read = [&]() -> Result<ConversationQuery> {
    DSCOSIM_RETURN_IF_ERROR(RequireObject(*body, ""));
    const Json& b = *body;
    ConversationQuery q;
    DSCOSIM_ASSIGN_OR_RETURN(q.scroll_id, OptString(b, "scrollId"));
    if (q.scroll_id) return q;  // every other field is ignored
    DSCOSIM_ASSIGN_OR_RETURN(q.dsco_conversation_id, OptId(b, "dscoConversationId"));
    DSCOSIM_ASSIGN_OR_RETURN(q.retailer_reference_id, OptString(b, "retailerReferenceId"));
    DSCOSIM_ASSIGN_OR_RETURN(q.supplier_reference_id, OptString(b, "supplierReferenceId"));
    DSCOSIM_RETURN_IF_ERROR(ReadParties(b, q.dsco_retailer_id, q.dsco_retailer_trading_partner_id,
                                        q.dsco_supplier_id, q.dsco_supplier_trading_partner_id,
                                        q.dsco_account_ids, q.dsco_trading_partner_ids));
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<ConversationType> type, ReadType(b, "type"));
    if (type) {
      ConversationTypeFilter f;
      f.kind = type->kind;
      if (!type->consumer_id.empty()) f.consumer_id = type->consumer_id;
      q.type = f;
    }
    DSCOSIM_ASSIGN_OR_RETURN(const Strings contexts, OptStrings(b, "contextTypes"));
    if (contexts) {
      q.context_types.emplace();
      for (std::size_t i = 0; i < contexts->size(); ++i) {
        DSCOSIM_ASSIGN_OR_RETURN(const ContextKind k, ParseContextKind((*contexts)[i], IndexPath("contextTypes", i)));
        q.context_types->push_back(k);
      }
    }
    DSCOSIM_ASSIGN_OR_RETURN(q.past_due, OptBool(b, "pastDue"));
    DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> initiated, OptString(b, "initiatedBy"));
    if (initiated) {
      DSCOSIM_ASSIGN_OR_RETURN(const Role role, ParseRole(*initiated, "initiatedBy"));
      q.initiated_by = role;
    }
    DSCOSIM_ASSIGN_OR_RETURN(const Strings statuses, OptStrings(b, "statuses"));
    if (statuses) {
      q.statuses.emplace();
      for (std::size_t i = 0; i < statuses->size(); ++i) {
        DSCOSIM_ASSIGN_OR_RETURN(const ConversationStatus s,
                                 ParseConversationStatus((*statuses)[i], IndexPath("statuses", i)));
        q.statuses->push_back(s);
      }
    }
    DSCOSIM_ASSIGN_OR_RETURN(q.created_since, OptTime(b, "createdSince"));
    DSCOSIM_ASSIGN_OR_RETURN(q.updated_since, OptTime(b, "updatedSince"));
    DSCOSIM_ASSIGN_OR_RETURN(q.until, OptTime(b, "until"));
    DSCOSIM_ASSIGN_OR_RETURN(q.test, ReadTest(b));
    DSCOSIM_ASSIGN_OR_RETURN(q.sort, ReadSort(b));
    return q;
  }();
  if (!read.ok()) return Bad(read.status());
  auto page = call.world().conversations().List(call.account, *read);
  if (!page.ok()) return Bad(page.status());
  Json out = {{"conversations", Json::array()}};
  for (const Conversation& c : page->conversations) {
    out["conversations"].push_back(ConversationToJson(c, call.world().accounts(), call.account));
  }
  if (page->scroll_id) out["scrollId"] = *page->scroll_id;
  return HttpResponse::JsonBody(200, out);
}

HttpResponse ListMessages(ApiCall& call) {
  auto body = call.BodyJson();
  if (!body.ok()) return Bad(body.status());
  const auto read = [&]() -> Result<MessageQuery> {
    DSCOSIM_RETURN_IF_ERROR(RequireObject(*body, ""));
    const Json& b = *body;
    MessageQuery q;
    DSCOSIM_ASSIGN_OR_RETURN(q.scroll_id, OptString(b, "scrollId"));
    if (q.scroll_id) return q;
    DSCOSIM_ASSIGN_OR_RETURN(const Json* type, OptObject(b, "type"));
    if (type != nullptr) {
      DSCOSIM_ASSIGN_OR_RETURN(const std::string kind, ReqString(*type, "type", "type"));
      if (kind != "customer_care") return InvalidArgument("type.type", "must be customer_care");
      MessageTypeFilter f;
      DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> care, OptString(*type, "customerCareType", "type"));
      if (care) {
        DSCOSIM_ASSIGN_OR_RETURN(const CustomerCareType t, ParseCustomerCareType(*care, "type.customerCareType"));
        f.customer_care_type = t;
      }
      DSCOSIM_ASSIGN_OR_RETURN(f.consumer_id, OptString(*type, "consumerId", "type"));
      q.type = f;
    }
    DSCOSIM_ASSIGN_OR_RETURN(q.dsco_conversation_id, OptId(b, "dscoConversationId"));
    DSCOSIM_ASSIGN_OR_RETURN(q.retailer_reference_id, OptString(b, "retailerReferenceId"));
    DSCOSIM_ASSIGN_OR_RETURN(q.supplier_reference_id, OptString(b, "supplierReferenceId"));
    DSCOSIM_ASSIGN_OR_RETURN(q.dsco_message_id, OptId(b, "dscoMessageId"));
    DSCOSIM_RETURN_IF_ERROR(ReadParties(b, q.dsco_retailer_id, q.dsco_retailer_trading_partner_id,
                                        q.dsco_supplier_id, q.dsco_supplier_trading_partner_id,
                                        q.dsco_account_ids, q.dsco_trading_partner_ids));
    DSCOSIM_ASSIGN_OR_RETURN(q.created_since, OptTime(b, "createdSince"));
    DSCOSIM_ASSIGN_OR_RETURN(q.until, OptTime(b, "until"));
    DSCOSIM_ASSIGN_OR_RETURN(q.test, ReadTest(b));
    DSCOSIM_ASSIGN_OR_RETURN(q.sort, ReadSort(b));
    return q;
  }();
  if (!read.ok()) return Bad(read.status());
  auto page = call.world().conversations().ListMessages(call.account, *read);
  if (!page.ok()) return Bad(page.status());
  Json out = {{"messages", Json::array()}};
  for (const ConversationMessage& m : page->messages) {
    const Conversation* c = call.world().conversations().Find(m.conversation_id);
    out["messages"].push_back(MessageToJson(m, *c, call.world().accounts(), call.account));
  }
  if (page->scroll_id) out["scrollId"] = *page->scroll_id;
  return HttpResponse::JsonBody(200, out);
}

Route ConversationRoute(std::string method, std::vector<std::string> pattern, std::string name,
                        Handler handler) {
  Route r;
  r.method = std::move(method);
  r.pattern = std::move(pattern);
  r.name = name;
  r.style = ErrorStyle::kText;
  r.limit = RateLimit{std::move(name), 5, 0, 0};  // "You may call this API up to 5 times per second"
  r.handler = std::move(handler);
  return r;
}

}  // namespace

void AddConversationRoutes(std::vector<Route>& routes) {
  routes.push_back(ConversationRoute("POST", {"conversation"}, "createConversation", Create));
  routes.push_back(ConversationRoute("PUT", {"conversation"}, "updateConversation", Update));
  routes.push_back(ConversationRoute("POST", {"conversation", "list"}, "getConversations", List));
  routes.push_back(ConversationRoute("POST", {"conversation", "message"}, "addConversationMessage", AddMessage));
  routes.push_back(ConversationRoute("POST", {"conversation", "message", "list"}, "getConversationMessages",
                                     ListMessages));
}

}  // namespace dscosim::fakes
