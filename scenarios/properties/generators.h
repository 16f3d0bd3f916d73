// rapidcheck generators over the platform, valid by construction, plus *nearly
// valid* ones (exactly one field wrong, and which) for bad-input properties.
// Everything they make is plain JSON in the API's own shapes, so it goes
// straight into a scenario step or a world file (docs/scenarios.md,
// "Properties").
#ifndef DSCOSIM_SCENARIOS_PROPERTIES_GENERATORS_H_
#define DSCOSIM_SCENARIOS_PROPERTIES_GENERATORS_H_

#include <rapidcheck.h>

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace dscosim::scenarios::properties {

using Json = nlohmann::json;

// The shape of a generated world: its account keys and each supplier's SKUs.
struct WorldShape {
  std::vector<std::string> retailers;          // "r1", "r2", ...
  std::vector<std::string> suppliers;          // "s1", ...
  std::vector<std::vector<std::string>> skus;  // by supplier index
  std::string start;                           // the world's start, ISO-8601
};

// A world file (docs/serve.md): 1-2 retailers and 1-3 suppliers, every retailer
// partnered with every supplier, each supplier with 1-4 active items stocked in
// 1-3 warehouses (quantityAvailable is the warehouses' sum). Ids come from the
// scenario's seed, so the file holds none.
rc::Gen<Json> GenWorldFile();
// The keys and SKUs of a world GenWorldFile made.
WorldShape ShapeOf(const Json& world_file);

// A shipping address the order endpoints accept.
rc::Gen<Json> GenShipping();

// A line of an order: one of `skus`, quantity 1-5.
struct OrderLineSpec {
  std::string sku;
  int quantity = 1;
};
// 1-3 lines of distinct SKUs of one supplier.
rc::Gen<std::vector<OrderLineSpec>> GenOrderLines(const std::vector<std::string>& skus);
// The body of POST /order for `lines`.
Json OrderBody(const std::string& po_number, const Json& shipping,
               const std::vector<OrderLineSpec>& lines);
// A multi-supplier PO: lines from several suppliers (the platform splits it
// into one order per supplier).
rc::Gen<Json> GenMultiSupplierOrderBody(const WorldShape& shape, const std::string& po_number);

// A body with exactly one thing wrong, and the field the refusal must name.
struct NearlyValid {
  Json body;
  std::string field;  // e.g. "shipping.postal", "lineItems[1].quantity"
};
// A valid order body (GenOrderLines) with one field removed or made invalid.
rc::Gen<NearlyValid> GenNearlyValidOrderBody(const std::vector<std::string>& skus,
                                             const std::string& po_number);

// A conversation's title and first message (printable, 1-40 characters; titles
// may have 50).
rc::Gen<std::string> GenText();

}  // namespace dscosim::scenarios::properties

namespace nlohmann {
// How rapidcheck prints a generated JSON value in a counterexample (found by
// ADL).
inline void showValue(const json& value, std::ostream& os) { os << value.dump(); }
}  // namespace nlohmann

#endif  // DSCOSIM_SCENARIOS_PROPERTIES_GENERATORS_H_
