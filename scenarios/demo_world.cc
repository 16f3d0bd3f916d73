#include "scenarios/demo_world.h"

#include <array>
#include <utility>

namespace dscosim {
namespace {

std::string Digits(Rng& rng, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out.push_back(static_cast<char>('0' + rng.Uniform(10)));
  return out;
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
  // Items: five per supplier.
  std::vector<std::vector<DirectoryItem>> items(demo.suppliers.size());
  for (std::size_t s = 0; s < demo.suppliers.size(); ++s) {
    for (int i = 1; i <= 5; ++i) {
      DirectoryItem item;
      item.supplier_id = demo.suppliers[s].dsco_account_id;
      item.ids.dsco_item_id = world.ids().NextDscoId();
      item.ids.sku = (s == 0 ? "ACME-" : "CEDAR-") + std::to_string(100 + i);
      item.ids.upc = Digits(rng, 12);
      for (std::size_t r = 0; r < demo.retailers.size(); ++r) {
        item.partner_sku_by_retailer[demo.retailers[r].dsco_account_id] =
            "R" + std::to_string(r + 1) + "-" + *item.ids.sku;
      }
      items[s].push_back(item);
      world.objects().AddItem(std::move(item));
    }
  }
  // Orders: three per relationship, one or two lines each.
  int po = 1000;
  for (std::size_t r = 0; r < demo.retailers.size(); ++r) {
    for (std::size_t s = 0; s < demo.suppliers.size(); ++s) {
      for (int k = 0; k < 3; ++k) {
        DirectoryOrder order;
        order.dsco_order_id = world.ids().NextDscoId();
        order.retailer_id = demo.retailers[r].dsco_account_id;
        order.supplier_id = demo.suppliers[s].dsco_account_id;
        order.po_number = "PO-" + std::to_string(r + 1) + "-" + std::to_string(++po);
        order.consumer_order_number = "C" + Digits(rng, 8);
        const auto lines = 1 + rng.Uniform(2);
        for (std::uint64_t l = 0; l < lines; ++l) {
          const DirectoryItem& item = rng.Pick(items[s]);
          DirectoryOrderLine line;
          line.line_number = static_cast<std::int64_t>(l + 1);
          line.item = item.ids;
          line.item.partner_sku = item.partner_sku_by_retailer.at(order.retailer_id);
          order.lines.push_back(std::move(line));
        }
        world.objects().AddOrder(std::move(order));
      }
    }
  }
  return demo;
}

}  // namespace dscosim
