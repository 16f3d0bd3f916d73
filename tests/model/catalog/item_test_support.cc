#include "dscosim/tests/model/catalog/item_test_support.h"

#include "dscosim/model/catalog/assortment.h"
#include "dscosim/model/catalog/item_json.h"

namespace dscosim::test_support {
namespace {

using Json = nlohmann::json;

Json OptTime(const std::optional<Time>& t) { return t ? Json(MicrosOf(*t)) : Json(); }

Json ItemState(const World& world, const Item& item) {
  const ItemJsonContext context{world.accounts(), world.items().warehouses(), {}};
  Json out;
  if (item.has_inventory()) {
    out["inventory"] = ItemInventoryToJson(item, ItemViewer::Supplier(), context);
  }
  if (item.has_catalog()) {
    out["catalog"] = ItemCatalogToJson(item, ItemViewer::Supplier(), context);
  }
  out["_supplier"] = item.supplier_id;
  out["_quantityAvailable"] = item.quantity_available;
  out["_status"] = InventoryStatusName(item.status);
  out["_productStatus"] = ProductStatusName(item.product_status);
  out["_created"] = MicrosOf(item.created);
  out["_lastUpdate"] = MicrosOf(item.last_update);
  out["_lastQuantity"] = OptTime(item.last_quantity_update);
  out["_lastCost"] = OptTime(item.last_cost_update);
  out["_lastProductStatus"] = OptTime(item.last_product_status_update);
  out["_catalogCreated"] = OptTime(item.catalog_created);
  out["_inventoryCreated"] = OptTime(item.inventory_created);
  out["_sequence"] = item.sequence;
  out["_partnerSkus"] = item.partner_sku_by_retailer;
  for (const auto& [retailer, status] : item.listing_status_by_retailer) {
    out["_listing"][retailer] = ListingStatusName(status);
  }
  for (const WarehouseQuantity& w : item.warehouses) {
    out["_warehouses"].push_back(
        {w.code, w.dsco_id ? *w.dsco_id : "", w.quantity, w.extra});
  }
  return out;
}

}  // namespace

namespace {

Json ItemPart(const World& world) {
  Json out;
  for (const auto& [id, item] : world.items().items()) out["items"][id] = ItemState(world, item);
  for (const auto& [id, w] : world.items().warehouses().all()) {
    Json j = WarehouseToJson(w, "");
    j["_retailerCodes"] = w.retailer_codes;
    j["_auto"] = w.auto_created;
    out["warehouses"][id] = j;
  }
  for (const auto& [id, a] : world.assortments().assortments()) {
    Json j = AssortmentToJson(a);
    j["_owner"] = a.owner_id;
    j["_members"] = a.members;
    j["_lastUpdate"] = MicrosOf(a.last_update);
    j["_sequence"] = a.sequence;
    out["assortments"][id] = j;
  }
  out["eventsPublished"] = world.events_published();
  return out;
}

}  // namespace

std::string ItemFingerprint(const World& world) {
  Json out = ItemPart(world);
  out["world"] = Fingerprint(world);
  return out.dump();
}

std::string ItemStateFingerprint(World& world) {
  Json out = ItemPart(world);
  out["traceHash"] = world.trace().hash_hex();
  out["traceTotal"] = world.trace().total();
  IdMaker probe = world.ids();
  out["nextId"] = probe.NextDscoId();
  return out.dump();
}

Json InventoryBody(const std::string& sku,
                   std::vector<std::pair<std::string, std::int64_t>> warehouses,
                   const std::string& status) {
  Json body = {{"sku", sku}, {"status", status}, {"warehouses", Json::array()}};
  std::int64_t total = 0;
  for (const auto& [code, quantity] : warehouses) {
    body["warehouses"].push_back({{"code", code}, {"quantity", quantity}});
    total += quantity;
  }
  body["quantityAvailable"] = total;
  return body;
}

Json CatalogBody(const std::string& sku, const std::string& title,
                 const std::string& product_status) {
  return {{"sku", sku}, {"title", title}, {"productStatus", product_status}};
}

std::vector<DomainEvent> EventsSince(const World& world, std::uint64_t since) {
  std::vector<DomainEvent> out;
  for (const DomainEvent& e : world.events()) {
    if (e.sequence > since) out.push_back(e);
  }
  return out;
}

}  // namespace dscosim::test_support
