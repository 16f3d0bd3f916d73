// Properties of the item and assortment stores under random sequences of inventory
// updates, catalog upserts, channel overrides and assortment changes (valid or not):
//   * quantityAvailable always equals the sum of the warehouse quantities, stored and in
//     every view, and every warehouse an item counts stock at is in the directory;
//   * a dynamic assortment's members always equal its rule evaluated on the current
//     items — the attributes read back through GET /catalog and GET /inventory as the
//     owner sees them, not through the store's own shortcut;
//   * every change publishes exactly one event per affected view of each affected item
//     (the view written to, the other view when its content changed, and each view of an
//     item whose membership of an assortment changed), and nothing else;
//   * a refused command changes nothing at all.
#include <iterator>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "dscosim/model/catalog/item_json.h"
#include "dscosim/tests/model/catalog/item_test_support.h"

namespace dscosim::test_support {
namespace {

using nlohmann::json;

enum class Kind {
  kInventory,       // POST /inventory/singleItem
  kInventorySkip,   // a batch element with skipItemsThatDontExist
  kCatalog,         // a catalog batch element
  kOverride,        // a retailer's channel override
  kCreateDynamic,   // POST /assortment with a rule
  kCreateManual,    // POST /assortment
  kUpdateRule,      // PUT /assortment/{id} with a new rule
  kClearRule,       // PUT /assortment/{id} with rule null
  kAddItem,         // POST /assortment/{id}/item
};

const char* KindName(Kind k) {
  static const char* kNames[] = {"inventory",     "inventory-skip", "catalog",
                                 "override",      "create-dynamic", "create-manual",
                                 "update-rule",   "clear-rule",     "add-item"};
  return kNames[static_cast<int>(k)];
}

struct Command {
  Kind kind = Kind::kInventory;
  int actor = 0;   // supplier (S1, S2) for item writes; retailer (R1, R2) otherwise
  int target = 0;  // an assortment or item, modulo how many exist
  json body;
};

std::ostream& operator<<(std::ostream& os, const Command& c) {
  return os << KindName(c.kind) << " actor=" << c.actor << " target=" << c.target << " "
            << c.body.dump();
}

// --- Generators ---

// Uniform in [lo, hi) whatever the test's size (rc::gen::inRange narrows with the size,
// which would make small cases pick only `lo`).
int Pick(int lo, int hi) { return *rc::gen::resize(100, rc::gen::inRange(lo, hi)); }

rc::Gen<std::string> Sku() { return rc::gen::element<std::string>("A-1", "A-2", "N-1", "N-2"); }

rc::Gen<json> InventoryGen() {
  return rc::gen::exec([] {
    json body = {{"sku", *Sku()}};
    const std::string status = *rc::gen::weightedElement<std::string>(
        {{8, "in-stock"}, {4, "out-of-stock"}, {1, "discontinued"}, {1, "hidden"}, {1, "bogus"},
         {1, ""}});
    if (!status.empty()) body["status"] = status;
    json warehouses = json::array();
    std::int64_t sum = 0;
    bool all_given = true;
    for (const char* code : {"WH1", "WH2", "WH3"}) {
      if (!*rc::gen::arbitrary<bool>()) continue;
      json w = {{"code", code}};
      const int q = Pick(-1, 8);  // -1: no quantity; rarely negative below
      if (q >= 0) {
        w["quantity"] = q;
        sum += q;
      } else {
        all_given = false;
      }
      if (*rc::gen::weightedElement<int>({{20, 0}, {1, 1}}) == 1) w["quantity"] = -3;
      warehouses.push_back(w);
    }
    if (!warehouses.empty() || *rc::gen::weightedElement<int>({{1, 0}, {6, 1}}) == 0) {
      body["warehouses"] = warehouses;
    }
    switch (Pick(0, 4)) {
      case 0: break;  // no quantityAvailable
      case 1:
      case 2:
        if (all_given) body["quantityAvailable"] = sum;
        break;
      default: body["quantityAvailable"] = Pick(0, 12);
    }
    if (*rc::gen::weightedElement<int>({{6, 0}, {1, 1}}) == 1) {
      body["upc"] = *rc::gen::element<std::string>("123456789012", "12345");
    }
    return body;
  });
}

rc::Gen<json> CatalogGen() {
  return rc::gen::exec([] {
    json body = {{"sku", *Sku()}};
    if (*rc::gen::weightedElement<int>({{6, 1}, {1, 0}}) == 1) {
      body["title"] = *rc::gen::element<std::string>("Tent", "Stove");
    }
    const int status = Pick(0, 7);  // 6: no productStatus
    static const char* kStatuses[] = {"active", "active", "pending", "discontinued",
                                      "discontinued_sell_through", "bogus"};
    if (status < 6) body["productStatus"] = kStatuses[status];
    const auto maybe = [&](const char* key, json value) {
      switch (Pick(0, 3)) {
        case 0: break;
        case 1: body[key] = std::move(value); break;
        default: body[key] = nullptr;
      }
    };
    maybe("description", "A fine thing");
    maybe("images", json::array({{{"name", "front"}, {"reference", "https://img.example/f"}}}));
    maybe("brand", *rc::gen::element<std::string>("Acme", "Zed"));
    json locations = json::array();
    for (const char* country : {"US", "CA", "GB"}) {
      if (*rc::gen::arbitrary<bool>()) locations.push_back({{"country", country}});
    }
    maybe("locationsCanBeSold", locations);
    if (*rc::gen::weightedElement<int>({{4, 0}, {1, 1}}) == 1) {
      body["listingStatusMap"] = {{{"listingStatus", *rc::gen::element<std::string>("listed", "unlisted")},
                                   {"dscoTradingPartnerId", "R1@S1"}}};
    }
    return body;
  });
}

rc::Gen<json> ConditionGen() {
  return rc::gen::exec([]() -> json {
    switch (Pick(0, 10)) {
      case 0:
        return {{"key", "productStatus"},
                {"op", *rc::gen::element<std::string>("eq", "ne")},
                {"value", *rc::gen::element<std::string>("active", "pending", "discontinued")}};
      case 1:
        return {{"key", "quantityAvailable"},
                {"op", *rc::gen::element<std::string>("gt", "gte", "lt", "lte")},
                {"value", Pick(0, 8)}};
      case 2:
        return {{"key", *rc::gen::element<std::string>("description", "images", "title", "brand")},
                {"op", *rc::gen::element<std::string>("exists", "not_exists")}};
      case 3:
        return {{"key", "locationsCanBeSold"},
                {"op", "contains"},
                {"value", *rc::gen::element<std::string>("US", "CA")}};
      case 4:
        return {{"key", "listingStatus"}, {"op", "ne"}, {"value", "listed"}};
      case 5:
        return {{"key", "status"},
                {"op", "in"},
                {"value", json::array({*rc::gen::element<std::string>("in-stock", "out-of-stock",
                                                                      "discontinued")})}};
      case 6:
        return {{"key", "warehouses.code"}, {"op", "eq"}, {"value", "WH2"}};
      case 7:
        return {{"key", "brand"}, {"op", "in"}, {"value", {"Acme"}}};
      case 8:
        return {{"key", "locationsCanBeSold.country"}, {"op", "eq"}, {"value", "GB"}};
      default:
        return {{"key", "sku"}, {"op", "eq"}, {"value", *Sku()}};
    }
  });
}

rc::Gen<json> RuleGen(int depth = 0) {
  return rc::gen::exec([depth] {
    json filter = json::array();
    const int n = Pick(1, 4);
    for (int i = 0; i < n; ++i) {
      if (depth < 1 && *rc::gen::weightedElement<int>({{3, 0}, {1, 1}}) == 1) {
        filter.push_back(*RuleGen(depth + 1));
      } else {
        filter.push_back(*ConditionGen());
      }
    }
    return json{{"logicalOperator", *rc::gen::element<std::string>("and", "or")},
                {"filter", filter}};
  });
}

rc::Gen<Command> CommandGen(int inventory_weight, int catalog_weight, int assortment_weight) {
  return rc::gen::exec([=] {
    Command c;
    c.kind = *rc::gen::weightedElement<Kind>({
        {static_cast<unsigned>(inventory_weight * 3), Kind::kInventory},
        {static_cast<unsigned>(inventory_weight), Kind::kInventorySkip},
        {static_cast<unsigned>(catalog_weight * 3), Kind::kCatalog},
        {static_cast<unsigned>(catalog_weight), Kind::kOverride},
        {static_cast<unsigned>(assortment_weight), Kind::kCreateDynamic},
        {static_cast<unsigned>(assortment_weight), Kind::kCreateManual},
        {static_cast<unsigned>(assortment_weight), Kind::kUpdateRule},
        {static_cast<unsigned>(assortment_weight), Kind::kClearRule},
        {static_cast<unsigned>(assortment_weight), Kind::kAddItem},
    });
    c.actor = Pick(0, 2);
    c.target = Pick(0, 20);
    switch (c.kind) {
      case Kind::kInventory:
      case Kind::kInventorySkip: c.body = *InventoryGen(); break;
      case Kind::kCatalog: c.body = *CatalogGen(); break;
      case Kind::kOverride:
        c.body = {{"sku", *Sku()},
                  {"replacements",
                   {{"listingStatus", *rc::gen::element<json>("listed", "unlisted", nullptr)}}}};
        break;
      case Kind::kCreateDynamic:
      case Kind::kUpdateRule: c.body = *RuleGen(); break;
      default: break;
    }
    return c;
  });
}

// --- The system under test and its observation ---

class Harness {
 public:
  Harness() {
    retailers_ = {w_.r1.dsco_account_id, w_.r2.dsco_account_id};
    suppliers_ = {w_.s1.dsco_account_id, w_.s2.dsco_account_id};
    last_ = Snap();
  }

  // Runs one command and checks every property around it.
  void Step(const Command& c) {
    const Snapshot before = std::move(last_);
    const std::uint64_t published = w_.world.events_published();
    Status status;
    std::string audience;  // the retailer a change is addressed to, if any
    std::optional<std::string> item_written;
    ItemView target_view = ItemView::kInventory;
    const std::string& supplier = suppliers_[static_cast<std::size_t>(c.actor)];
    const std::string& retailer = retailers_[static_cast<std::size_t>(c.actor)];
    bool skipped = false;
    switch (c.kind) {
      case Kind::kInventory:
      case Kind::kInventorySkip: {
        auto r = w_.world.items().ApplyInventoryBatchElement(supplier, c.body,
                                                             c.kind == Kind::kInventorySkip);
        status = r.status();
        skipped = r.ok() && *r == UpsertOutcome::kSkipped;
        if (r.ok() && !skipped) {
          item_written = Sku(supplier, c.body);
          // An accepted quantityAvailable is the item's quantity.
          if (c.body.contains("quantityAvailable")) {
            RC_ASSERT(w_.world.items().FindByDscoItemId(*item_written)->quantity_available ==
                      c.body["quantityAvailable"].get<std::int64_t>());
          }
        }
        break;
      }
      case Kind::kCatalog: {
        auto r = w_.world.items().UpsertCatalog(supplier, c.body);
        status = r.status();
        if (r.ok()) item_written = Sku(supplier, c.body);
        target_view = ItemView::kCatalog;
        break;
      }
      case Kind::kOverride: {
        json body = c.body;
        body["tradingPartnerId"] = c.actor == 0 ? "S1@R1" : "S1@R2";
        auto r = w_.world.items().ApplyChannelOverride(retailer, body);
        status = r.status();
        if (r.ok()) item_written = Sku(w_.s1.dsco_account_id, body);
        target_view = ItemView::kCatalog;
        audience = retailer;
        break;
      }
      case Kind::kCreateDynamic:
      case Kind::kCreateManual: {
        json body = {{"name", "A" + std::to_string(assortments_.size())}};
        if (c.kind == Kind::kCreateDynamic) body["rule"] = c.body;
        auto r = w_.world.assortments().Create(retailer, body);
        status = r.status();
        if (r.ok()) assortments_.push_back(r->id);
        break;
      }
      case Kind::kUpdateRule:
      case Kind::kClearRule: {
        if (assortments_.empty()) break;
        const std::string& id = assortments_[static_cast<std::size_t>(c.target) % assortments_.size()];
        const Assortment* a = w_.world.assortments().Find(id);
        status = w_.world.assortments().Update(
            a->owner_id, id,
            {{"id", id}, {"name", a->name}, {"rule", c.kind == Kind::kClearRule ? json() : c.body}});
        break;
      }
      case Kind::kAddItem: {
        if (assortments_.empty()) break;
        const std::string& id = assortments_[static_cast<std::size_t>(c.target) % assortments_.size()];
        const Assortment* a = w_.world.assortments().Find(id);
        std::vector<std::string> ids;
        for (const auto& [item_id, item] : w_.world.items().items()) ids.push_back(item_id);
        status = w_.world.assortments().AddItem(
            a->owner_id, id, {{"dscoItemId", ids[static_cast<std::size_t>(c.target) % ids.size()]}});
        break;
      }
    }
    last_ = Snap();
    if (!status.ok() || skipped) {
      // Refused (or dropped by skipItemsThatDontExist): nothing changed at all.
      RC_ASSERT(last_.state == before.state);
    }
    CheckQuantities(last_);
    CheckMemberships();
    if (status.ok()) {
      CheckEvents(before, last_, published, item_written, target_view, audience);
      ++accepted_;
    }
  }

  int accepted() const { return accepted_; }
  bool memberships_moved() const { return memberships_moved_; }

 private:
  // Everything observable: per item, each view's content (null when it does not exist) as
  // every audience judges it — "all" (the supplier's and the neutral rendering) and each
  // retailer's —, the internal fields and the assortments holding it; the warehouses, the
  // assortments, the trace and the next id.
  struct Snapshot {
    json state;
    std::map<std::string, std::set<std::string>> memberships;  // item -> assortments
  };

  std::optional<std::string> Sku(const std::string& supplier, const json& body) const {
    const Item* item = w_.world.items().FindBySku(supplier, body["sku"].get<std::string>());
    return item == nullptr ? std::nullopt : std::optional<std::string>(item->dsco_item_id);
  }

  json Contents(const Item& item, ItemView view) const {
    const bool exists = view == ItemView::kInventory ? item.has_inventory() : item.has_catalog();
    if (!exists) return json();
    const ItemJsonContext plain{w_.world.accounts(), w_.world.items().warehouses(), {}};
    json out = {{"all", json::array({WithoutDates(ItemViewToJson(view, item, ItemViewer::Supplier(), plain)),
                                     WithoutDates(ItemViewToJson(view, item, ItemViewer::Neutral(), plain))})}};
    for (const std::string& r : retailers_) {
      out[r] = WithoutDates(ItemViewToJson(view, item, ItemViewer::Retailer(r), plain));
    }
    return out;
  }

  static json Micros(const std::optional<Time>& t) { return t ? json(MicrosOf(*t)) : json(); }

  Snapshot Snap() {
    Snapshot s;
    json& items = s.state["items"];
    for (const auto& [id, item] : w_.world.items().items()) {
      json& j = items[id];
      j["inventory"] = Contents(item, ItemView::kInventory);
      j["catalog"] = Contents(item, ItemView::kCatalog);
      j["internal"] = {item.quantity_available, MicrosOf(item.created), MicrosOf(item.last_update),
                       Micros(item.last_quantity_update), Micros(item.last_cost_update),
                       Micros(item.last_product_status_update), Micros(item.catalog_created),
                       Micros(item.inventory_created), item.sequence};
      s.memberships[id];
    }
    for (const auto& [aid, a] : w_.world.assortments().assortments()) {
      json j = AssortmentToJson(a);
      j["members"] = a.members;
      j["lastUpdate"] = MicrosOf(a.last_update);
      s.state["assortments"][aid] = j;
      for (const std::string& member : a.members) s.memberships[member].insert(aid);
    }
    for (const auto& [wid, wh] : w_.world.items().warehouses().all()) {
      json j = WarehouseToJson(wh, "");
      j["codes"] = wh.retailer_codes;
      s.state["warehouses"][wid] = j;
    }
    s.state["trace"] = {w_.world.trace().hash_hex(), w_.world.trace().total()};
    s.state["events"] = w_.world.events_published();
    IdMaker probe = w_.world.ids();
    s.state["nextId"] = probe.NextDscoId();
    return s;
  }

  void CheckQuantities(const Snapshot& s) const {
    for (const auto& [id, item] : w_.world.items().items()) {
      RC_ASSERT(item.quantity_available == item.WarehouseTotal());
      std::set<std::string> codes;
      for (const WarehouseQuantity& wq : item.warehouses) {
        RC_ASSERT(codes.insert(wq.code).second);
        RC_ASSERT(wq.quantity >= 0);
        const Warehouse* known = w_.world.items().warehouses().Find(item.supplier_id, wq.code);
        RC_ASSERT(known != nullptr);
        RC_ASSERT(wq.dsco_id == std::optional<std::string>(known->dsco_id));
      }
      const json& inventory = s.state["items"][id]["inventory"];
      if (inventory.is_null()) continue;
      for (const json* view : {&inventory["all"][0], &inventory["all"][1], &inventory[retailers_[0]]}) {
        std::int64_t sum = 0;
        for (const json& wh : (*view)["warehouses"]) sum += wh["quantity"].get<std::int64_t>();
        RC_ASSERT((*view)["quantityAvailable"].get<std::int64_t>() == sum);
      }
    }
  }

  // The owner's view of an item, read through the public lookups.
  json AttributesAsRead(const std::string& owner, const Item& item) const {
    ItemLookup lookup;
    lookup.item_key = ItemKeyType::kDscoItemId;
    lookup.value = item.dsco_item_id;
    json out = json::object();
    auto catalog = w_.world.items().GetCatalog(owner, lookup);
    if (catalog.ok()) out = catalog->front();
    auto inventory = w_.world.items().GetInventory(owner, lookup);
    if (inventory.ok()) {
      for (const auto& [k, v] : inventory->front().items()) out[k] = v;
    }
    out.erase("assortments");
    return out;
  }

  void CheckMemberships() const {
    std::map<std::pair<std::string, std::string>, json> read;  // (owner, item) -> attributes
    for (const auto& [id, a] : w_.world.assortments().assortments()) {
      if (!a.rule) continue;
      std::set<std::string> expected;
      for (const auto& [item_id, item] : w_.world.items().items()) {
        if (!w_.world.accounts().ArePartners(a.owner_id, item.supplier_id)) continue;
        auto [it, fresh] = read.try_emplace({a.owner_id, item_id});
        if (fresh) it->second = AttributesAsRead(a.owner_id, item);
        if (a.rule->Matches(it->second)) expected.insert(item_id);
      }
      RC_ASSERT(a.members == expected);
    }
  }

  void CheckEvents(const Snapshot& before, const Snapshot& after, std::uint64_t published,
                   const std::optional<std::string>& item_written, ItemView target_view,
                   const std::string& audience) {
    // (item, view, assortment or "") -> events seen / expected.
    std::map<std::tuple<std::string, std::string, std::string>, int> seen, expected;
    for (const DomainEvent& e : EventsSince(w_.world, published)) {
      const std::string view = e.object_type == StreamObjectType::kInventory ? "inventory"
                               : e.object_type == StreamObjectType::kCatalog  ? "catalog"
                                                                               : "other";
      RC_ASSERT(view != "other");
      const std::string assortment = e.facts.value("assortmentId", "");
      ++seen[{e.object_key, view, assortment}];
      if (assortment.empty()) RC_ASSERT(e.retailer_id == audience);
    }
    const std::string judge = audience.empty() ? "all" : audience;
    for (const auto& [id, now] : after.state["items"].items()) {
      const bool existed = before.state["items"].contains(id);
      const std::set<std::string> no_assortments;
      const auto was_in = before.memberships.find(id);
      const std::set<std::string>& old_in =
          was_in == before.memberships.end() ? no_assortments : was_in->second;
      const std::set<std::string>& new_in = after.memberships.at(id);
      std::vector<std::string> moved;
      std::set_symmetric_difference(old_in.begin(), old_in.end(), new_in.begin(), new_in.end(),
                                    std::back_inserter(moved));
      for (const ItemView view : {ItemView::kInventory, ItemView::kCatalog}) {
        const std::string name(ItemViewName(view));
        const json& new_content = now[name];
        if (new_content.is_null()) continue;
        const json old_content = existed ? before.state["items"][id][name] : json();
        const bool changed = old_content.is_null() || old_content[judge] != new_content[judge];
        const bool targeted = item_written && *item_written == id && view == target_view;
        if (targeted || changed) expected[{id, name, ""}] = 1;
        for (const std::string& a : moved) expected[{id, name, a}] = 1;
        if (!moved.empty()) memberships_moved_ = true;
      }
    }
    RC_ASSERT(seen == expected);
  }

  CommerceWorld w_;
  std::vector<std::string> retailers_, suppliers_;
  std::vector<std::string> assortments_;
  Snapshot last_;
  int accepted_ = 0;
  bool memberships_moved_ = false;
};

// Up to 40 commands a run (growing with the test's size): enough to build and tear down
// every kind of state.
std::vector<Command> Commands(int inventory_weight, int catalog_weight, int assortment_weight) {
  const auto count = static_cast<std::size_t>(*rc::gen::inRange(0, 41));
  return *rc::gen::container<std::vector<Command>>(
      count, CommandGen(inventory_weight, catalog_weight, assortment_weight));
}

void Run(const std::vector<Command>& commands) {
  Harness h;
  for (const Command& c : commands) h.Step(c);
  RC_TAG(h.accepted() > 0 ? "some accepted" : "none accepted");
  RC_TAG(h.memberships_moved() ? "memberships moved" : "memberships still");
}

RC_GTEST_PROP(ItemProperty, DynamicMembershipAlwaysEqualsTheRuleOnTheCurrentItems, ()) {
  Run(Commands(2, 2, 2));
}

RC_GTEST_PROP(ItemProperty, QuantityAvailableIsAlwaysTheSumOfTheWarehouses, ()) {
  Run(Commands(6, 1, 1));
}

RC_GTEST_PROP(ItemProperty, EveryChangePublishesOneEventPerAffectedView, ()) {
  Run(Commands(3, 3, 3));
}

}  // namespace
}  // namespace dscosim::test_support
