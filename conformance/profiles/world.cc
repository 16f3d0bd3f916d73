#include "dscosim/conformance/profiles/world.h"

namespace dscosim::conformance::profiles {

using Json = nlohmann::json;

Json BaseWorld(const std::string& start, const std::vector<StockedSku>& items) {
  Json world = {
      {"start", start},
      {"accounts",
       {{{"key", kRetailer}, {"role", "retailer"}, {"name", "Conformance Retailer"},
         {"dscoAccountId", "1000000101"}, {"clientId", "conform-retailer"},
         {"clientSecret", "conform-retailer-secret"}},
        {{"key", kSupplier}, {"role", "supplier"}, {"name", "Conformance Supplier"},
         {"dscoAccountId", "1000000201"}, {"clientId", "conform-supplier"},
         {"clientSecret", "conform-supplier-secret"}},
        {{"key", kSupplier2}, {"role", "supplier"}, {"name", "Second Supplier"},
         {"dscoAccountId", "1000000202"}, {"clientId", "conform-supplier2"},
         {"clientSecret", "conform-supplier2-secret"}}}},
      {"partners",
       {{{"retailer", kRetailer}, {"supplier", kSupplier}, {"retailerIdForSupplier", "RET-1"},
         {"retailerNameForSupplier", "Conformance Retailer"}, {"supplierIdForRetailer", "SUP-1"},
         {"supplierNameForRetailer", "Conformance Supplier"}},
        {{"retailer", kRetailer}, {"supplier", kSupplier2}, {"retailerIdForSupplier", "RET-2"},
         {"retailerNameForSupplier", "Conformance Retailer"}, {"supplierIdForRetailer", "SUP-2"},
         {"supplierNameForRetailer", "Second Supplier"}}}},
      {"catalog", Json::array()},
      {"inventory", Json::array()}};
  for (const StockedSku& item : items) {
    world["catalog"].push_back({{"supplier", item.supplier_key},
                                {"body", {{"sku", item.sku}, {"title", "Item " + item.sku}, {"productStatus", "active"}}}});
    world["inventory"].push_back(
        {{"supplier", item.supplier_key},
         {"body", {{"sku", item.sku},
                   {"status", item.quantity > 0 ? "in-stock" : "out-of-stock"},
                   {"quantityAvailable", item.quantity},
                   {"warehouses", {{{"code", "MAIN"}, {"quantity", item.quantity}}}}}}});
  }
  return world;
}

Json OrderBody(const std::string& po, const std::vector<std::pair<std::string, int>>& lines) {
  Json body = {{"poNumber", po},
               {"shipping", {{"name", "Ada Lovelace"}, {"address1", "1 Main St"}, {"city", "Springfield"},
                             {"region", "IL"}, {"postal", "62701"}}},
               {"shippingServiceLevelCode", "UPCG"},
               {"lineItems", Json::array()}};
  int n = 1;
  for (const auto& [sku, quantity] : lines) {
    body["lineItems"].push_back({{"lineNumber", n++}, {"sku", sku}, {"quantity", quantity}});
  }
  return body;
}

}  // namespace dscosim::conformance::profiles
