#include "dscosim/scenarios/properties/generators.h"

#include <algorithm>

namespace dscosim::scenarios::properties {
namespace {

std::string Key(char role, std::size_t n) { return std::string(1, role) + std::to_string(n + 1); }

}  // namespace

rc::Gen<std::string> GenText() {
  return rc::gen::map(
      rc::gen::container<std::vector<int>>(rc::gen::inRange(0, 40)),
      [](const std::vector<int>& picks) {
        static const char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz ABCDEFGH0123456789-";
        std::string out = "t";
        for (std::size_t i = 0; i < std::min<std::size_t>(picks.size(), 39); ++i) {
          out += kAlphabet[static_cast<std::size_t>(picks[i]) % (sizeof kAlphabet - 1)];
        }
        return out;
      });
}

rc::Gen<Json> GenWorldFile() {
  return rc::gen::exec([] {
    const std::size_t retailers = static_cast<std::size_t>(*rc::gen::inRange(1, 3));
    const std::size_t suppliers = static_cast<std::size_t>(*rc::gen::inRange(1, 4));
    const int day = *rc::gen::inRange(1, 29);
    Json world = {{"start", "2026-02-" + std::string(day < 10 ? "0" : "") + std::to_string(day) +
                                "T09:00:00Z"},
                  {"accounts", Json::array()},
                  {"partners", Json::array()},
                  {"catalog", Json::array()},
                  {"inventory", Json::array()}};
    for (std::size_t r = 0; r < retailers; ++r) {
      world["accounts"].push_back({{"key", Key('r', r)},
                                   {"role", "retailer"},
                                   {"name", "Retailer " + std::to_string(r + 1)}});
    }
    for (std::size_t s = 0; s < suppliers; ++s) {
      world["accounts"].push_back({{"key", Key('s', s)},
                                   {"role", "supplier"},
                                   {"name", "Supplier " + std::to_string(s + 1)}});
      for (std::size_t r = 0; r < retailers; ++r) {
        world["partners"].push_back(
            {{"retailer", Key('r', r)},
             {"supplier", Key('s', s)},
             {"retailerIdForSupplier", "R" + std::to_string(r + 1) + "-S" + std::to_string(s + 1)},
             {"supplierIdForRetailer",
              "S" + std::to_string(s + 1) + "-R" + std::to_string(r + 1)}});
      }
      const int items = *rc::gen::inRange(1, 5);
      for (int i = 0; i < items; ++i) {
        const std::string sku = "S" + std::to_string(s + 1) + "-SKU-" + std::to_string(i + 1);
        world["catalog"].push_back(
            {{"supplier", Key('s', s)},
             {"body", {{"sku", sku}, {"title", "Item " + sku}, {"productStatus", "active"}}}});
        const int warehouses = *rc::gen::inRange(1, 4);
        Json stock = Json::array();
        int total = 0;
        for (int w = 0; w < warehouses; ++w) {
          const int quantity = *rc::gen::inRange(0, 500);
          total += quantity;
          stock.push_back({{"code", "WH" + std::to_string(w + 1)}, {"quantity", quantity}});
        }
        world["inventory"].push_back({{"supplier", Key('s', s)},
                                      {"body",
                                       {{"sku", sku},
                                        {"status", total > 0 ? "in-stock" : "out-of-stock"},
                                        {"quantityAvailable", total},
                                        {"warehouses", stock}}}});
      }
    }
    return world;
  });
}

WorldShape ShapeOf(const Json& world) {
  WorldShape shape;
  shape.start = world.value("start", "");
  for (const Json& a : world.value("accounts", Json::array())) {
    (a["role"] == "retailer" ? shape.retailers : shape.suppliers).push_back(a["key"]);
  }
  shape.skus.resize(shape.suppliers.size());
  for (const Json& c : world.value("catalog", Json::array())) {
    const auto it =
        std::find(shape.suppliers.begin(), shape.suppliers.end(), c["supplier"].get<std::string>());
    if (it != shape.suppliers.end()) {
      shape.skus[static_cast<std::size_t>(it - shape.suppliers.begin())].push_back(
          c["body"]["sku"]);
    }
  }
  return shape;
}

rc::Gen<Json> GenShipping() {
  return rc::gen::exec([] {
    static const char* kNames[] = {"Ada Lovelace", "Grace Hopper", "Alan Turing",
                                   "Edsger Dijkstra"};
    static const char* kCities[][3] = {
        {"Springfield", "IL", "62701"}, {"Boston", "MA", "02108"}, {"Austin", "TX", "73301"}};
    const auto* city = kCities[*rc::gen::inRange(0, 3)];
    return Json{{"name", kNames[*rc::gen::inRange(0, 4)]},
                {"address1", std::to_string(*rc::gen::inRange(1, 999)) + " Main St"},
                {"city", city[0]},
                {"region", city[1]},
                {"postal", city[2]}};
  });
}

rc::Gen<std::vector<OrderLineSpec>> GenOrderLines(const std::vector<std::string>& skus) {
  return rc::gen::exec([skus] {
    std::vector<std::string> pool = skus;
    const std::size_t count = static_cast<std::size_t>(
        *rc::gen::inRange<int>(1, static_cast<int>(std::min<std::size_t>(3, pool.size())) + 1));
    std::vector<OrderLineSpec> lines;
    for (std::size_t i = 0; i < count; ++i) {
      const std::size_t pick =
          static_cast<std::size_t>(*rc::gen::inRange<int>(0, static_cast<int>(pool.size())));
      lines.push_back({pool[pick], *rc::gen::inRange(1, 6)});
      pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(pick));
    }
    return lines;
  });
}

Json OrderBody(const std::string& po_number, const Json& shipping,
               const std::vector<OrderLineSpec>& lines) {
  Json items = Json::array();
  for (const OrderLineSpec& l : lines) items.push_back({{"sku", l.sku}, {"quantity", l.quantity}});
  return {{"poNumber", po_number},
          {"shipping", shipping},
          {"shippingServiceLevelCode", "UPCG"},
          {"lineItems", items}};
}

rc::Gen<Json> GenMultiSupplierOrderBody(const WorldShape& shape, const std::string& po_number) {
  return rc::gen::exec([shape, po_number] {
    std::vector<OrderLineSpec> lines;
    for (const std::vector<std::string>& skus : shape.skus) {
      if (skus.empty() || !*rc::gen::arbitrary<bool>()) continue;
      for (const OrderLineSpec& l : *GenOrderLines(skus)) lines.push_back(l);
    }
    if (lines.empty()) lines = *GenOrderLines(shape.skus.at(0));
    return OrderBody(po_number, *GenShipping(), lines);
  });
}

rc::Gen<NearlyValid> GenNearlyValidOrderBody(const std::vector<std::string>& skus,
                                             const std::string& po_number) {
  return rc::gen::exec([skus, po_number] {
    const std::vector<OrderLineSpec> lines = *GenOrderLines(skus);
    NearlyValid out{OrderBody(po_number, *GenShipping(), lines), ""};
    const std::size_t line =
        static_cast<std::size_t>(*rc::gen::inRange<int>(0, static_cast<int>(lines.size())));
    const std::string line_path = "lineItems[" + std::to_string(line) + "]";
    switch (*rc::gen::inRange(0, 6)) {
      case 0:
        out.body["shipping"].erase("postal");
        out.field = "shipping.postal";
        break;
      case 1:
        out.body["shipping"].erase("address1");
        out.field = "shipping.address1";
        break;
      case 2:
        out.body["lineItems"][line]["quantity"] = *rc::gen::inRange(-3, 1);
        out.field = line_path + ".quantity";
        break;
      case 3:
        out.body["lineItems"][line]["quantity"] = "two";
        out.field = line_path + ".quantity";
        break;
      case 4:
        out.body.erase("poNumber");
        out.field = "poNumber";
        break;
      default:
        out.body["lineItems"] = Json::array();
        out.field = "lineItems";
        break;
    }
    return out;
  });
}

}  // namespace dscosim::scenarios::properties
