// The invoice store: Create Invoice, post-processing, lookups and quantities. Get
// Invoices lives in invoice_query.cc, the JSON view in invoice_json.cc.
#include "dscosim/model/invoices/invoice_store.h"

#include <algorithm>
#include <utility>

#include "dscosim/model/invoices/invoice_schema.h"
#include "dscosim/model/orders/order_store.h"
#include "dscosim/model/core/field_rules.h"

namespace dscosim {
namespace {

// Read-only fields of the spec's Invoice (and the order reference the model renders
// itself): never kept in `body`.
constexpr std::string_view kOwnedFields[] = {
    "dscoInvoiceId", "dscoExpectedOrderTotalAmount", "dscoExpectedOrderTotalDifference",
    "dscoSupplierId", "dscoRetailerId", "dscoTradingPartnerId", "requestedWarehouseCode",
    "requestedWarehouseRetailerCode", "requestedWarehouseDscoId", "exportDate", "createDate",
    "lastUpdate", "lineItems", "dscoOrderId", "poNumber"};
constexpr std::string_view kOwnedLineFields[] = {
    "dscoItemId", "lineNumber", "expectedAmount", "expectedDifference", "dscoExpectedAmount",
    "dscoExpectedDifference", "originalLineNumber", "originalOrderQuantity", "departmentId",
    "departmentName", "merchandisingAccountId", "merchandisingAccountName",
    "dscoOriginalOrderRetailerCreateDate", "requestedWarehouseCode",
    "requestedWarehouseRetailerCode", "requestedWarehouseDscoId", "retailerItemIds",
    "retailerLineId"};

std::optional<double> ExpectedCostOf(const OrderLine& line) {
  const auto it = line.extra.find("expectedCost");
  if (it == line.extra.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

std::string InvoiceKey(std::string_view supplier_id, std::string_view invoice_id) {
  return std::string(supplier_id) + "/" + std::string(invoice_id);
}

}  // namespace

Result<const Order*> InvoiceStore::LocateOrder(std::string_view caller, const Json& body) const {
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> dsco_order_id,
                           OptNonEmptyId(body, "dscoOrderId"));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> po_number, OptString(body, "poNumber"));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> supplier_order_number,
                           OptString(body, "supplierOrderNumber"));
  if (!dsco_order_id && !po_number && !supplier_order_number) {
    return InvalidArgument("dscoOrderId",
                           "name the order: dscoOrderId, poNumber or supplierOrderNumber");
  }
  const auto visible = [&](const Order* o) {
    return o != nullptr && o->supplier_id == caller && o->lifecycle != OrderLifecycle::kReceived;
  };
  // Each given reference resolves on its own; all must name the same order.
  const Order* found = nullptr;
  const char* found_by = nullptr;
  const auto agree = [&](const Order* o, const char* field) -> Status {
    if (found != nullptr && found != o) {
      return InvalidArgument(field, std::string("names another order than ") + found_by);
    }
    found = o;
    found_by = field;
    return Status::Ok();
  };
  if (dsco_order_id) {
    const Order* o = services_->orders->Find(*dsco_order_id);
    if (!visible(o)) {
      return NotFound("dscoOrderId", "no order " + *dsco_order_id + " is visible to you");
    }
    DSCOSIM_RETURN_IF_ERROR(agree(o, "dscoOrderId"));
  }
  const auto by_key = [&](OrderKeyType key, const std::string& value, const char* field) -> Status {
    std::vector<const Order*> matches;
    for (const Order* o : services_->orders->FindAll(key, value, "", caller)) {
      if (visible(o)) matches.push_back(o);
    }
    if (matches.empty()) {
      return NotFound(field,
                      std::string("no order with ") + field + " " + value + " is visible to you");
    }
    if (found != nullptr) {  // another reference already decided: it must be among these
      if (std::find(matches.begin(), matches.end(), found) == matches.end()) {
        return InvalidArgument(field, std::string("names another order than ") + found_by);
      }
      return Status::Ok();
    }
    if (matches.size() > 1) {
      return InvalidArgument(field, std::string("matches several of your orders (of different "
                                                "retailers); give dscoOrderId"));
    }
    return agree(matches.front(), field);
  };
  if (po_number) DSCOSIM_RETURN_IF_ERROR(by_key(OrderKeyType::kPoNumber, *po_number, "poNumber"));
  if (supplier_order_number) {
    DSCOSIM_RETURN_IF_ERROR(
        by_key(OrderKeyType::kSupplierOrderNumber, *supplier_order_number, "supplierOrderNumber"));
  }
  return found;
}

Result<CreateInvoiceResult> InvoiceStore::Create(std::string_view caller, const Json& body) {
  const Account* me = services_->accounts->Find(caller);
  if (me == nullptr) return PermissionDenied("", "unknown caller account");
  if (me->role != Role::kSupplier) return PermissionDenied("", "only suppliers create invoices");
  DSCOSIM_ASSIGN_OR_RETURN(
      const std::vector<LineRef> refs,
      CheckInvoiceShape(body, {.require_street_address = policy_.require_street_address}));
  const std::string invoice_id = body.at("invoiceId").get<std::string>();
  const auto known = by_invoice_id_.find(InvoiceKey(caller, invoice_id));
  Invoice* existing = known == by_invoice_id_.end() ? nullptr : &invoices_.at(known->second);
  if (existing != nullptr && existing->request == body) {
    return CreateInvoiceResult{*existing, InvoiceWrite::kReplay};
  }
  DSCOSIM_ASSIGN_OR_RETURN(const Order* order, LocateOrder(caller, body));
  if (existing != nullptr && existing->dsco_order_id != order->dsco_order_id) {
    return AlreadyExists("invoiceId", "invoice " + invoice_id + " (" + existing->dsco_invoice_id +
                                          ") is for order " + existing->dsco_order_id +
                                          "; an update must name the same order");
  }

  Invoice next;
  next.invoice_id = invoice_id;
  next.retailer_id = order->retailer_id;
  next.supplier_id = order->supplier_id;
  next.dsco_order_id = order->dsco_order_id;
  next.po_number = order->po_number;
  next.total_amount = body.at("totalAmount").get<double>();
  std::vector<LineKey> keys;
  for (const OrderLine& line : order->lines) {
    keys.push_back(KeyOfOrderLine(*order, line, services_->items));
  }
  const std::string what = "order " + order->dsco_order_id;
  const Json* lines = body.contains("lineItems") && body.at("lineItems").is_array()
                          ? &body.at("lineItems")
                          : nullptr;
  for (std::size_t i = 0; i < refs.size(); ++i) {
    const std::string path = IndexPath("lineItems", i);
    DSCOSIM_ASSIGN_OR_RETURN(const std::size_t index,
                             MatchLine(keys, refs[i], path, DscoItemIdSpelling::kDscoItemId, what));
    const Json& given = (*lines)[i];
    const OrderLine& order_line = order->lines[index];
    InvoiceLine line;
    line.item = keys[index];
    DSCOSIM_ASSIGN_OR_RETURN(line.quantity, ReqInt(given, "quantity", path));
    line.unit_price = given.at("unitPrice").get<double>();
    line.original_order_quantity = order_line.quantity;
    line.expected_unit_cost = ExpectedCostOf(order_line);
    line.given = WithoutKeys(given, kOwnedLineFields);
    next.lines.push_back(std::move(line));
  }

  // The expected order total: what the retailer expects to pay for the units billed, at
  // the order lines' expectedCost; for an invoice without lines, the whole order's
  // units that are not cancelled or rejected. Unknown when a needed cost is missing.
  double expected = 0;
  bool known_cost = true;
  if (!next.lines.empty()) {
    for (const InvoiceLine& line : next.lines) {
      const std::optional<double> amount = line.expected_amount();
      known_cost = known_cost && amount.has_value();
      expected += amount.value_or(0);
    }
  } else {
    for (const OrderLine& line : order->lines) {
      const std::optional<double> cost = ExpectedCostOf(line);
      const std::int64_t units = line.quantity - line.cancelled_quantity - line.rejected_quantity;
      if (units <= 0) continue;
      known_cost = known_cost && cost.has_value();
      expected += static_cast<double>(units) * cost.value_or(0);
    }
  }
  if (known_cost) next.expected_order_total = RoundMoney(expected);

  // Over-invoicing: units invoiced on a line (this invoice and every other one of the
  // order) beyond its shipped units. Accepted, but recorded.
  for (const OrderLine& line : order->lines) {
    std::int64_t invoiced = next.quantity_of_line(line.line_number);
    for (const Invoice* other : InvoicesOfOrder(order->dsco_order_id)) {
      if (other != existing) invoiced += other->quantity_of_line(line.line_number);
    }
    if (invoiced > line.shipped_quantity) next.over_invoiced_lines.push_back(line.line_number);
  }
  next.body = WithoutKeys(body, kOwnedFields);
  next.request = body;

  if (existing != nullptr) {
    next.dsco_invoice_id = existing->dsco_invoice_id;
    next.created = existing->created;
    next.visible_at = existing->visible_at;
    next.post_processing_timer = existing->post_processing_timer;
    next.published = existing->published;
    next.sequence = existing->sequence;
    next.last_update = now();
    *existing = std::move(next);
    if (existing->published) {
      Publish(*existing, "invoice.updated", "update");
    } else {
      // Still in post-processing: its "new" event will carry this state.
      services_->trace->Append(
          now(), std::string(caller), "invoice.revised",
          {{"dscoInvoiceId", existing->dsco_invoice_id}, {"payload", ToJson(*existing)}});
    }
    return CreateInvoiceResult{*existing, InvoiceWrite::kUpdated};
  }

  next.dsco_invoice_id = services_->ids->NextDscoId();
  next.created = now();
  next.last_update = next.created;
  next.visible_at = next.created + policy_.visibility_delay;
  next.sequence = next_sequence_++;
  const std::string id = next.dsco_invoice_id;
  by_invoice_id_[InvoiceKey(caller, invoice_id)] = id;
  by_order_[next.dsco_order_id].push_back(id);
  Invoice& stored = invoices_.emplace(id, std::move(next)).first->second;
  if (policy_.visibility_delay > Duration::zero()) {
    stored.post_processing_timer =
        services_->clock->ScheduleAt(stored.visible_at, kPostProcessingTopic, id);
    services_->trace->Append(now(), std::string(caller), "invoice.received",
                             {{"dscoInvoiceId", id},
                              {"visibleAt", FormatIso8601(stored.visible_at)},
                              {"payload", ToJson(stored)}});
  } else {
    stored.published = true;
    Publish(stored, "invoice.created", "new");
  }
  return CreateInvoiceResult{stored, InvoiceWrite::kCreated};
}

void InvoiceStore::OnTimer(const Timer& timer) {
  if (timer.topic != kPostProcessingTopic) return;
  const auto it = invoices_.find(timer.key);
  if (it == invoices_.end() || it->second.published) return;
  it->second.published = true;
  it->second.post_processing_timer = 0;
  Publish(it->second, "invoice.created", "new");
}

void InvoiceStore::Publish(const Invoice& invoice, std::string kind, std::string_view event_type) {
  if (services_->events == nullptr) return;
  DomainEvent event;
  event.actor = invoice.supplier_id;
  event.kind = std::move(kind);
  event.object_type = StreamObjectType::kInvoice;
  event.object_key = invoice.dsco_invoice_id;
  event.retailer_id = invoice.retailer_id;
  event.supplier_id = invoice.supplier_id;
  event.payload = ToJson(invoice);
  event.facts = {{"eventType", event_type}};
  services_->events->Publish(std::move(event));
}

const Invoice* InvoiceStore::Find(std::string_view dsco_invoice_id) const {
  const auto it = invoices_.find(dsco_invoice_id);
  return it == invoices_.end() ? nullptr : &it->second;
}

const Invoice* InvoiceStore::FindByInvoiceId(std::string_view supplier_id,
                                             std::string_view invoice_id) const {
  const auto it = by_invoice_id_.find(InvoiceKey(supplier_id, invoice_id));
  return it == by_invoice_id_.end() ? nullptr : Find(it->second);
}

std::vector<const Invoice*> InvoiceStore::InvoicesOfOrder(std::string_view dsco_order_id) const {
  std::vector<const Invoice*> out;
  const auto it = by_order_.find(dsco_order_id);
  if (it == by_order_.end()) return out;
  for (const std::string& id : it->second) out.push_back(&invoices_.at(id));
  return out;
}

std::int64_t InvoiceStore::InvoicedQuantity(std::string_view dsco_order_id) const {
  std::int64_t total = 0;
  for (const Invoice* invoice : InvoicesOfOrder(dsco_order_id)) {
    total += invoice->total_quantity();
  }
  return total;
}

std::int64_t InvoiceStore::InvoicedQuantity(std::string_view dsco_order_id,
                                            std::int64_t line_number) const {
  std::int64_t total = 0;
  for (const Invoice* invoice : InvoicesOfOrder(dsco_order_id)) {
    total += invoice->quantity_of_line(line_number);
  }
  return total;
}

std::map<std::int64_t, std::int64_t> InvoiceStore::InvoicedByLine(
    std::string_view dsco_order_id) const {
  std::map<std::int64_t, std::int64_t> out;
  for (const Invoice* invoice : InvoicesOfOrder(dsco_order_id)) {
    for (const InvoiceLine& line : invoice->lines) out[line.item.line_number] += line.quantity;
  }
  return out;
}

std::string InvoiceStore::Describe() const {
  Json out = Json::object();
  for (const auto& [id, invoice] : invoices_) {
    Json j = ToJson(invoice);
    j["_request"] = invoice.request;
    j["_visibleAt"] = MicrosOf(invoice.visible_at);
    j["_timer"] = invoice.post_processing_timer;
    j["_published"] = invoice.published;
    j["_sequence"] = invoice.sequence;
    j["_overInvoicedLines"] = invoice.over_invoiced_lines;
    out["invoices"][id] = std::move(j);
  }
  out["byInvoiceId"] = by_invoice_id_;
  out["byOrder"] = by_order_;
  out["nextSequence"] = next_sequence_;
  return out.dump();
}

}  // namespace dscosim
