// The return as the API shows it: the initiator's own fields as sent, with the model's
// fields rendered on top.
#include <algorithm>

#include "dscosim/model/orders/order_store.h"
#include "dscosim/model/returns/return_store.h"

namespace dscosim {
namespace {

void AddUnique(Json& list, const std::string& value) {
  if (std::find(list.begin(), list.end(), Json(value)) == list.end()) list.push_back(value);
}

}  // namespace

Json ReturnStore::ToJson(const Return& ret, std::string_view viewer) const {
  Json out = ret.body;
  out["dscoReturnId"] = ret.dsco_return_id;
  out["dscoRetailerId"] = ret.retailer_id;
  out["dscoSupplierId"] = ret.supplier_id;
  out["dscoOrderId"] = ret.dsco_order_id;
  out["poNumber"] = ret.po_number;
  out["initiatedBy"] = ret.initiator_id();
  out["initiatorCreateDate"] = FormatIso8601(ret.created);
  out["createDate"] = FormatIso8601(ret.created);
  out["lastUpdate"] = FormatIso8601(ret.last_update);
  out["status"] = ReturnStatusName(ret.status());
  out["statusTags"] = Json::array();
  for (const ReturnResponse tag : ret.status_tags()) {
    out["statusTags"].push_back(ReturnResponseName(tag));
  }

  // Numbers are relative to the reader: returnNumber is its own, partnerReturnNumber
  // the other party's.
  const std::string me = ret.has_party(viewer) ? std::string(viewer) : ret.initiator_id();
  const std::string& other = me == ret.retailer_id ? ret.supplier_id : ret.retailer_id;
  if (const auto mine = ret.number_of(me)) out["returnNumber"] = *mine;
  if (const auto theirs = ret.number_of(other)) out["partnerReturnNumber"] = *theirs;
  for (const auto& [key, value] : ret.response.items()) out[key] = value;

  const Order* order =
      services_->orders == nullptr ? nullptr : services_->orders->Find(ret.dsco_order_id);
  out["lineItems"] = Json::array();
  for (const ReturnLine& line : ret.lines) {
    Json j = line.given;
    if (!line.item.dsco_item_id.empty()) j["itemId"] = line.item.dsco_item_id;
    if (!j.contains("sku") && !line.item.sku.empty()) j["sku"] = line.item.sku;
    j["lineNumber"] = line.item.line_number;
    j["quantity"] = line.quantity;
    j["reasonCode"] = line.reason_code;
    if (line.response) {
      j["response"] = ReturnResponseName(*line.response);
      j["completedBy"] = line.completed_by;
      const PartnerView* view =
          services_->accounts->PartnerOf(ret.initiator_id(), line.completed_by);
      if (view != nullptr && !view->trading_partner_id.empty()) {
        j["completedByTradingPartnerId"] = view->trading_partner_id;
      }
    }
    if (order != nullptr) {
      const OrderLine* order_line = order->FindLine(line.item.line_number);
      if (order_line != nullptr) {
        const auto id = order_line->extra.find("retailerLineId");
        if (id != order_line->extra.end() && id->is_string()) j["retailerLineId"] = *id;
      }
    }
    out["lineItems"].push_back(std::move(j));
  }

  out["packages"] = Json::array();
  Json tracking = Json::array();
  if (const auto map = ret.body.find("returnTrackingNumbers");
      map != ret.body.end() && map->is_object()) {
    for (const auto& [number, carrier] : map->items()) AddUnique(tracking, number);
  }
  if (const auto single = ret.body.find("returnTrackingNumber");
      single != ret.body.end() && single->is_string()) {
    AddUnique(tracking, single->get<std::string>());
  }
  for (const ReturnPackage& package : ret.packages) {
    Json p = package.given;
    p["trackingNumber"] = package.tracking_number;
    p["lineItems"] = Json::array();
    for (const ReturnPackageLine& line : package.lines) {
      Json l = line.given;
      l["lineNumber"] = line.line_number;
      l["quantity"] = line.quantity;
      const ReturnLine* returned = ret.FindLine(line.line_number);
      if (returned != nullptr && !returned->item.dsco_item_id.empty()) {
        l["itemId"] = returned->item.dsco_item_id;
      }
      p["lineItems"].push_back(std::move(l));
    }
    out["packages"].push_back(std::move(p));
    AddUnique(tracking, package.tracking_number);
  }
  out["trackingNumbers"] = std::move(tracking);

  // Not in the spec (it has no cancelled status): how a cancelled return shows.
  if (ret.cancelled) {
    out["cancelled"] = true;
    out["cancelDate"] = FormatIso8601(*ret.cancelled);
  }
  return out;
}

}  // namespace dscosim
