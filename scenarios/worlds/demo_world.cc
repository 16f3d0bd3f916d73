#include "dscosim/scenarios/worlds/demo_world.h"

#include <array>
#include <utility>

namespace dscosim {
namespace {

std::string Digits(Rng& rng, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out.push_back(static_cast<char>('0' + rng.Uniform(10)));
  return out;
}

// A UPC-A: twelve digits drawn, the last replaced by the GS1 check digit.
std::string Upc(Rng& rng) {
  std::string upc = Digits(rng, 12);
  int sum = 0;
  for (std::size_t i = 0; i + 1 < upc.size(); ++i) sum += (upc[i] - '0') * (i % 2 == 0 ? 3 : 1);
  upc[upc.size() - 1] = static_cast<char>('0' + (10 - sum % 10) % 10);
  return upc;
}

// Where the demo's consumers live (the Order schema requires a shipping city, region and
// postal code). Fixed, so the world's random draws stay what they were.
nlohmann::json DemoShipping(int po) {
  static const std::array<std::array<const char*, 5>, 4> kAddresses = {{
      {"Ada", "Okafor", "12 Larch Street", "Portland", "OR"},
      {"Ben", "Lindqvist", "480 Harbor Road", "Savannah", "GA"},
      {"Chloe", "Marsh", "9 Quarry Lane", "Burlington", "VT"},
      {"Dev", "Raman", "2201 Mesa Drive", "Tucson", "AZ"},
  }};
  static const std::array<const char*, 4> kPostal = {"97205", "31401", "05401", "85719"};
  const std::size_t i = static_cast<std::size_t>(po) % kAddresses.size();
  const auto& a = kAddresses[i];
  return {{"firstName", a[0]}, {"lastName", a[1]}, {"address1", a[2]}, {"city", a[3]},
          {"region", a[4]},   {"state", a[4]},    {"postal", kPostal[i]}, {"country", "US"}};
}

}  // namespace

Result<DemoAccounts> BuildDemoWorld(World& world) {
  Rng rng = world.Fork("demo_world");
  DemoAccounts demo;
  const std::array<const char*, 2> retailer_names = {"Northwind Outfitters", "Bluebell Home"};
  const std::array<const char*, 2> supplier_names = {"Acme Trail Gear", "Cedar & Pine Goods"};
  for (const char* name : retailer_names) {
    DSCOSIM_ASSIGN_OR_RETURN(Account a, world.CreateAccount(Role::kRetailer, name));
    demo.retailers.push_back(std::move(a));
  }
  for (const char* name : supplier_names) {
    DSCOSIM_ASSIGN_OR_RETURN(Account a, world.CreateAccount(Role::kSupplier, name));
    demo.suppliers.push_back(std::move(a));
  }
  // Every retailer trades with every supplier; each side names the other its own way.
  for (std::size_t r = 0; r < demo.retailers.size(); ++r) {
    for (std::size_t s = 0; s < demo.suppliers.size(); ++s) {
      Relationship rel;
      rel.retailer_account_id = demo.retailers[r].dsco_account_id;
      rel.supplier_account_id = demo.suppliers[s].dsco_account_id;
      rel.retailer_id_for_supplier = "SUP-" + std::to_string(s + 1);
      rel.retailer_name_for_supplier = demo.suppliers[s].name;
      rel.supplier_id_for_retailer = "RET-" + std::to_string(r + 1);
      rel.supplier_name_for_retailer = demo.retailers[r].name;
      DSCOSIM_RETURN_IF_ERROR(world.LinkPartners(rel));
    }
  }
  // Items: five per supplier, each with stock in one warehouse.
  std::vector<std::vector<Item>> items(demo.suppliers.size());
  for (std::size_t s = 0; s < demo.suppliers.size(); ++s) {
    for (int i = 1; i <= 5; ++i) {
      Item item;
      item.supplier_id = demo.suppliers[s].dsco_account_id;
      item.sku = (s == 0 ? "ACME-" : "CEDAR-") + std::to_string(100 + i);
      item.upc = Upc(rng);
      item.title = (s == 0 ? "Trail item " : "Home item ") + std::to_string(i);
      for (std::size_t r = 0; r < demo.retailers.size(); ++r) {
        item.partner_sku_by_retailer[demo.retailers[r].dsco_account_id] =
            "R" + std::to_string(r + 1) + "-" + item.sku;
      }
      item.status = InventoryStatus::kInStock;
      item.warehouses.push_back(
          WarehouseQuantity{"WH-1", std::nullopt, std::nullopt,
                            static_cast<std::int64_t>(5 + rng.Uniform(50)), {}});
      DSCOSIM_ASSIGN_OR_RETURN(Item stored, world.items().Put(std::move(item)));
      items[s].push_back(std::move(stored));
    }
  }
  // Orders: three per relationship, one or two lines each, ready for the supplier.
  int po = 1000;
  for (std::size_t r = 0; r < demo.retailers.size(); ++r) {
    for (std::size_t s = 0; s < demo.suppliers.size(); ++s) {
      for (int k = 0; k < 3; ++k) {
        Order order;
        order.retailer_id = demo.retailers[r].dsco_account_id;
        order.supplier_id = demo.suppliers[s].dsco_account_id;
        order.po_number = "PO-" + std::to_string(r + 1) + "-" + std::to_string(++po);
        order.consumer_order_number = "C" + Digits(rng, 8);
        order.lifecycle = OrderLifecycle::kCreated;
        order.extra["shipping"] = DemoShipping(po);
        const auto lines = 1 + rng.Uniform(2);
        for (std::uint64_t l = 0; l < lines; ++l) {
          const Item& item = rng.Pick(items[s]);
          OrderLine line;
          line.line_number = static_cast<std::int64_t>(l + 1);
          line.dsco_item_id = item.dsco_item_id;
          line.sku = item.sku;
          line.given.sku = item.sku;
          line.quantity = static_cast<std::int64_t>(1 + rng.Uniform(3));
          order.lines.push_back(std::move(line));
        }
        DSCOSIM_RETURN_IF_ERROR(world.orders().Put(std::move(order)).status());
      }
    }
  }
  return demo;
}

}  // namespace dscosim
