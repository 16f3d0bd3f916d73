// The order as the API shows it: the retailer's own fields as sent, with the model's
// fields rendered on top.
#include <array>

#include "dscosim/model/accounts/accounts.h"
#include "dscosim/model/orders/order_internal.h"
#include "dscosim/model/orders/order_store.h"

namespace dscosim {
namespace order_internal {
namespace {

constexpr std::array<const char*, 28> kOwnedOrderFields = {
    "dscoOrderId", "poNumber", "supplierOrderNumber", "consumerOrderNumber", "dscoStatus",
    "dscoLifecycle", "dscoRetailerId", "dscoSupplierId", "dscoSupplierName",
    "dscoTradingPartnerId", "dscoTradingPartnerName", "dscoCreateDate", "dscoLastUpdate",
    "testFlag", "orderType", "acknowledgeByDate", "shipByDate", "invoiceByDate",
    "cancelAfterDate", "dscoAcknowledgeLateDate", "dscoShipLateDate", "dscoInvoiceLateDate",
    "dscoCancelLateDate", "cancelRequested", "cancelRequestedCode", "lineItems", "packages",
    "numberOfLineItems"};
constexpr std::array<const char*, 25> kOwnedLineFields = {
    "quantity", "lineNumber", "consumerLineNumber", "dscoItemId", "sku", "status",
    "statusReason", "acceptedQuantity", "acceptedReason", "cancelledQuantity",
    "cancelledReason", "rejectedQuantity", "rejectedReason", "cancelCode", "estimatedShipDate",
    "estimatedShipReason", "cancelRequested", "cancelRequestedCode", "activity",
    "dscoLifecycle", "remainingQuantity", "shippedQuantity", "dscoSupplierId",
    "dscoTradingPartnerId", "dscoTags"};
constexpr std::array<const char*, 5> kOwnedPackageFields = {
    "dscoPackageId", "trackingNumber", "items", "lineItems", "shipDate"};
constexpr std::array<const char*, 4> kOwnedPackageItemFields = {"quantity", "lineNumber",
                                                                "dscoItemId", "sku"};

template <std::size_t N>
Json Without(const Json& object, const std::array<const char*, N>& keys) {
  Json out = object.is_object() ? object : Json::object();
  for (const char* key : keys) out.erase(key);
  return out;
}

void PutIf(Json& out, const char* key, const std::optional<std::string>& value) {
  if (value) out[key] = *value;
}

void PutIf(Json& out, const char* key, const std::optional<Time>& value) {
  if (value) out[key] = FormatIso8601(*value);
}

}  // namespace

Json WithoutOwnedOrderFields(const Json& order) { return Without(order, kOwnedOrderFields); }
Json WithoutOwnedLineFields(const Json& line) { return Without(line, kOwnedLineFields); }
Json WithoutOwnedPackageFields(const Json& p) { return Without(p, kOwnedPackageFields); }
Json WithoutOwnedPackageItemFields(const Json& i) { return Without(i, kOwnedPackageItemFields); }

Result<ItemIdentifiers> ReadItemIdentifiers(const Json& object, std::string_view path) {
  ItemIdentifiers ids;
  DSCOSIM_ASSIGN_OR_RETURN(ids.dsco_item_id, OptId(object, "dscoItemId", path));
  DSCOSIM_ASSIGN_OR_RETURN(ids.sku, OptString(object, "sku", path));
  DSCOSIM_ASSIGN_OR_RETURN(ids.partner_sku, OptString(object, "partnerSku", path));
  DSCOSIM_ASSIGN_OR_RETURN(ids.upc, OptString(object, "upc", path));
  DSCOSIM_ASSIGN_OR_RETURN(ids.ean, OptString(object, "ean", path));
  DSCOSIM_ASSIGN_OR_RETURN(ids.mpn, OptString(object, "mpn", path));
  DSCOSIM_ASSIGN_OR_RETURN(ids.isbn, OptString(object, "isbn", path));
  DSCOSIM_ASSIGN_OR_RETURN(ids.gtin, OptString(object, "gtin", path));
  return ids;
}

Json ActivityToJson(const LineActivity& a) {
  Json out = {{"action", a.action},
              {"reason", a.reason},
              {"uuid", a.uuid},
              {"activityDate", FormatIso8601(a.date)},
              {"updateDate", FormatIso8601(a.date)}};
  if (a.quantity) out["quantity"] = *a.quantity;
  PutIf(out, "formerStatus", a.former_status);
  return out;
}

Json LineToJson(const OrderLine& line) {
  Json out = line.extra;
  out["lineNumber"] = line.line_number;
  if (line.consumer_line_number) out["consumerLineNumber"] = *line.consumer_line_number;
  out["dscoItemId"] = line.dsco_item_id;
  out["sku"] = line.sku;
  out["quantity"] = line.quantity;
  out["acceptedQuantity"] = line.accepted_quantity;
  out["cancelledQuantity"] = line.cancelled_quantity;
  out["rejectedQuantity"] = line.rejected_quantity;
  out["shippedQuantity"] = line.shipped_quantity;
  out["remainingQuantity"] = line.remaining();
  if (line.status) out["status"] = LineStatusName(*line.status);
  PutIf(out, "statusReason", line.status_reason);
  PutIf(out, "acceptedReason", line.accepted_reason);
  PutIf(out, "cancelledReason", line.cancelled_reason);
  PutIf(out, "rejectedReason", line.rejected_reason);
  PutIf(out, "cancelCode", line.cancel_code);
  PutIf(out, "estimatedShipDate", line.estimated_ship_date);
  PutIf(out, "estimatedShipReason", line.estimated_ship_reason);
  out["cancelRequested"] = line.cancel_requested;
  PutIf(out, "cancelRequestedCode", line.cancel_requested_code);
  Json activity = Json::array();
  for (const LineActivity& a : line.activity) activity.push_back(ActivityToJson(a));
  out["activity"] = std::move(activity);
  return out;
}

Json PackageToJson(const Package& p) {
  Json out = p.extra;
  // Real packages carry the tracking link under both names (facts §11, [MW]); a client
  // reading either finds the one the supplier sent.
  for (const auto& [name, other] :
       {std::pair{"trackingUrl", "tracking_url"}, std::pair{"tracking_url", "trackingUrl"}}) {
    if (out.contains(name) && out[name].is_string() && !out.contains(other)) out[other] = out[name];
  }
  out["dscoPackageId"] = p.dsco_package_id;
  out["trackingNumber"] = p.tracking_number;
  PutIf(out, "shipDate", p.ship_date);
  if (p.returned) out["returnedFlag"] = true;
  PutIf(out, "returnDate", p.return_date);
  Json items = Json::array();
  for (const PackageItem& i : p.items) {
    Json item = i.extra;
    item["lineNumber"] = i.line_number;
    item["dscoItemId"] = i.dsco_item_id;
    item["sku"] = i.sku;
    item["quantity"] = i.quantity;
    items.push_back(std::move(item));
  }
  out["items"] = std::move(items);
  return out;
}

}  // namespace order_internal

Json OrderStore::ToJson(const Order& o) const {
  using order_internal::LineToJson;
  using order_internal::PackageToJson;
  Json out = o.extra;
  out["dscoOrderId"] = o.dsco_order_id;
  out["poNumber"] = o.po_number;
  if (o.supplier_order_number) out["supplierOrderNumber"] = *o.supplier_order_number;
  if (o.consumer_order_number) out["consumerOrderNumber"] = *o.consumer_order_number;
  out["dscoStatus"] = OrderStatusName(o.dsco_status());
  out["dscoLifecycle"] = OrderLifecycleName(o.lifecycle);
  out["dscoRetailerId"] = o.retailer_id;
  out["dscoSupplierId"] = o.supplier_id;
  if (const Account* supplier = services_->accounts->Find(o.supplier_id)) {
    out["dscoSupplierName"] = supplier->name;
  }
  // The retailer's own id and name for the supplier, as the spec defines them.
  if (const PartnerView* view = services_->accounts->PartnerOf(o.retailer_id, o.supplier_id)) {
    if (!view->trading_partner_id.empty()) out["dscoTradingPartnerId"] = view->trading_partner_id;
    if (!view->name.empty()) out["dscoTradingPartnerName"] = view->name;
  }
  out["dscoCreateDate"] = FormatIso8601(o.created);
  out["dscoLastUpdate"] = FormatIso8601(o.last_update);
  out["testFlag"] = o.test;
  out["orderType"] = o.order_type;
  const std::pair<const char*, const std::optional<Time>*> dates[] = {
      {"acknowledgeByDate", &o.acknowledge_by},    {"shipByDate", &o.ship_by},
      {"invoiceByDate", &o.invoice_by},            {"cancelAfterDate", &o.cancel_after},
      {"dscoAcknowledgeLateDate", &o.acknowledge_late}, {"dscoShipLateDate", &o.ship_late},
      {"dscoInvoiceLateDate", &o.invoice_late},    {"dscoCancelLateDate", &o.cancel_late}};
  for (const auto& [key, value] : dates) {
    if (*value) out[key] = FormatIso8601(**value);
  }
  out["cancelRequested"] = o.cancel_requested;
  if (o.cancel_requested_code) out["cancelRequestedCode"] = *o.cancel_requested_code;
  Json lines = Json::array();
  for (const OrderLine& line : o.lines) lines.push_back(LineToJson(line));
  out["lineItems"] = std::move(lines);
  out["numberOfLineItems"] = o.lines.size();
  Json packages = Json::array();
  for (const Package& p : o.packages) packages.push_back(PackageToJson(p));
  out["packages"] = std::move(packages);
  return out;
}

}  // namespace dscosim
