// CONF-ORD-001..005: orders acknowledged, shipped or cancelled, shipments complete,
// invoiced exactly, cancel requests answered, each in time. What happened is the
// platform's final state (final_orders, final_invoices: its late dates and quantities);
// the integration's requests are the evidence (seqs, times). Pure functions of one pass.
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dscosim/conformance/checks/check_support.h"
#include "dscosim/conformance/events.h"
#include "dscosim/conformance/rules.h"
#include "dscosim/model/core/time.h"

namespace dscosim::conformance {
namespace {

std::string Seconds(std::int64_t micros) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.3f s", static_cast<double>(micros) / 1e6);
  return buf;
}

bool Ok2xx(const Call& c) { return IsSuccessStatus(c.status); }


// An array field, or an empty array when absent (never throws on a const object).
const Json& Arr(const Json& j, const char* key) {
  static const Json kEmpty = Json::array();
  if (!j.is_object()) return kEmpty;
  auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : kEmpty;
}

bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }


std::int64_t Int(const Json& j, const char* key) {
  auto it = j.is_object() ? j.find(key) : j.end();
  return j.is_object() && it != j.end() && it->is_number() ? it->get<std::int64_t>() : 0;
}

// What a supplier request does to an order.
enum Does : unsigned {
  kAck = 1,       // acknowledges it (explicitly, or by acting on it)
  kShip = 2,
  kCancel = 4,    // cancels units
  kAnswer = 8,    // answers a cancel request (cancel, ship, or a STATUS update)
  kInvoice = 16,
};

struct RouteInfo {
  const char* route;
  const char* method;
  const char* path;
  unsigned does;
};

constexpr RouteInfo kRoutes[] = {
    {"acknowledgeOrders", "POST", "/order/acknowledge", kAck},
    {"acknowledgeOrderItems", "POST", "/order/acknowledge/items", kAck},
    {"singleShipment", "POST", "/order/singleShipment", kAck | kShip | kAnswer},
    {"createShipmentSmallBatch", "POST", "/order/shipment/batch/small", kAck | kShip | kAnswer},
    {"cancelOrderItem", "POST", "/order/item/cancel", kAck | kCancel | kAnswer},
    {"cancelOrderItemSmallBatch", "POST", "/order/item/cancel/batch/small", kAck | kCancel | kAnswer},
    {"updateOrderSmallBatch", "POST", "/orderupdate/batch/small", 0},  // by updateType
    {"singleInvoice", "POST", "/invoice", kInvoice},
    {"createInvoiceSmallBatch", "POST", "/invoice/batch/small", kInvoice},
};

// One order named by one object of a request body.
struct Act {
  const Call* call = nullptr;
  std::string order;  // dscoOrderId; "" when it names no order we know
  unsigned does = 0;
  const Json* object = nullptr;
};

struct OrderInfo {
  std::string id, po;
  std::int64_t created = 0, ack_by = 0, ship_by = 0, invoice_by = 0;
  const Json* final = nullptr;  // the platform's view at pass_end
  std::string Name() const { return "order " + id + (po.empty() ? "" : " (PO " + po + ")"); }
};

struct OrdersView {
  std::int64_t start = 0, end = 0;
  std::vector<OrderInfo> orders;
  std::map<std::string, std::size_t> index;  // dscoOrderId -> orders
  bool have_final = false;
  std::vector<Act> acts;  // in seq order
  std::vector<const Json*> shipment_bodies;

  std::string At(std::int64_t micros) const { return FormatOffset(micros, start); }
  const OrderInfo* Find(const std::string& id) const {
    auto it = index.find(id);
    return it == index.end() ? nullptr : &orders[it->second];
  }
  // The requests about an order that do any of `does`, in seq order.
  std::vector<const Act*> ActsOn(const std::string& order, unsigned does, bool ok_only) const {
    std::vector<const Act*> out;
    for (const Act& a : acts) {
      if (a.order == order && (a.does & does) != 0 && (!ok_only || Ok2xx(*a.call))) out.push_back(&a);
    }
    return out;
  }
};

// The objects of a request body: the array's elements, or the object itself.
std::vector<const Json*> Objects(const Json& body) {
  std::vector<const Json*> out;
  if (body.is_array()) {
    for (const Json& j : body) {
      if (j.is_object()) out.push_back(&j);
    }
  } else if (body.is_object()) {
    out.push_back(&body);
  }
  return out;
}

OrdersView View(const PassView& pass) {
  OrdersView v;
  const VirtualSpan span = PassVirtualSpan(pass);
  v.start = span.start;
  v.end = span.end;

  std::map<std::string, std::string> by_po, by_supplier_number;
  for (const Event* e : pass.EventsOf(events::kOrderCreated)) {
    OrderInfo o;
    o.id = JsonText(e->data, "dscoOrderId");
    o.po = JsonText(e->data, "poNumber");
    o.created = e->virtual_micros;
    o.ack_by = Int(e->data, "acknowledgeByVirtual");
    o.ship_by = Int(e->data, "shipByVirtual");
    o.invoice_by = Int(e->data, "invoiceByVirtual");
    if (o.id.empty() || v.index.count(o.id) != 0) continue;
    if (!o.po.empty()) by_po.emplace(o.po, o.id);
    v.index.emplace(o.id, v.orders.size());
    v.orders.push_back(std::move(o));
  }
  std::vector<const Event*> finals = pass.EventsOf(events::kFinalOrders);
  if (!finals.empty() && finals.back()->data.contains("orders")) {
    v.have_final = true;
    for (const Json& order : Arr(finals.back()->data, "orders")) {
      const std::string id = JsonText(order, "dscoOrderId");
      if (const std::string son = JsonText(order, "supplierOrderNumber"); !son.empty()) by_supplier_number[son] = id;
      if (const std::string po = JsonText(order, "poNumber"); !po.empty()) by_po.emplace(po, id);
      auto it = v.index.find(id);
      if (it != v.index.end()) v.orders[it->second].final = &order;
    }
  }
  const auto order_of = [&](const Json& object) -> std::string {
    const auto lookup = [](const std::map<std::string, std::string>& m, const std::string& key) {
      auto it = m.find(key);
      return it == m.end() ? std::string() : it->second;
    };
    const std::string type = JsonText(object, "type");
    if (!type.empty() && object.contains("id")) {  // an OrderId {id, type}
      const std::string value = JsonText(object, "id");
      if (type == "DSCO_ORDER_ID") return value;
      if (type == "PO_NUMBER") return lookup(by_po, value);
      if (type == "SUPPLIER_ORDER_NUMBER") return lookup(by_supplier_number, value);
      return "";
    }
    if (std::string id = JsonText(object, "dscoOrderId"); !id.empty()) return id;
    if (std::string po = JsonText(object, "poNumber"); !po.empty()) return lookup(by_po, po);
    return lookup(by_supplier_number, JsonText(object, "supplierOrderNumber"));
  };
  for (const Call* c : pass.calls) {
    const RouteInfo* route = nullptr;
    for (const RouteInfo& r : kRoutes) {
      if (c->route == r.route || (c->route.empty() && c->method == r.method && c->path == r.path)) route = &r;
    }
    if (route == nullptr) continue;
    for (const Json* object : Objects(c->request_json)) {
      Act a;
      a.call = c;
      a.object = object;
      a.order = order_of(*object);
      a.does = route->does;
      if (route->does == 0 && object->value("updateType", "") == "STATUS") a.does = kAck | kAnswer;
      if (std::string(route->route) == "acknowledgeOrderItems") {
        for (const Json& line : Arr(*object, "lineItems")) {
          if (Int(line, "cancelledQuantity") > 0) a.does |= kCancel | kAnswer;
        }
      }
      if ((a.does & kShip) != 0) v.shipment_bodies.push_back(object);
      v.acts.push_back(a);
    }
  }
  return v;
}

// "seq 12 at +3.000 s"
std::string SeqAt(const OrdersView& v, const Call& c) {
  return "seq " + std::to_string(c.seq) + " at " + v.At(c.virtual_micros);
}

std::vector<std::uint64_t> ActSeqs(const std::vector<const Act*>& acts) {
  std::vector<std::uint64_t> out;
  for (const Act* a : acts) {
    if (out.size() == kMaxSeqs) break;
    if (out.empty() || out.back() != a->call->seq) out.push_back(a->call->seq);
  }
  return out;
}

}  // namespace

Verdict CheckOrd001(const PassView& pass) {
  const std::string id = "CONF-ORD-001";
  const OrdersView v = View(pass);
  if (v.orders.empty()) return NotExercised(id, pass, "no order was created");
  std::vector<Finding> findings;
  std::size_t due = 0;
  for (const OrderInfo& o : v.orders) {
    const std::vector<const Act*> acks = v.ActsOn(o.id, kAck, true);
    const Call* first = acks.empty() ? nullptr : acks.front()->call;
    bool late = false;
    std::string why;
    if (o.final != nullptr) {
      const auto late_date = JsonTimeMicros(*o.final, "dscoAcknowledgeLateDate");
      const std::string lifecycle = o.final->value("dscoLifecycle", "");
      if (late_date) {
        late = true;
        why = " (dscoAcknowledgeLateDate " + v.At(*late_date) + ")";
      } else if ((lifecycle == "created" || lifecycle == "received") && o.ack_by <= v.end) {
        late = true;
        why = " (still " + lifecycle + " at the end)";
      }
    } else if (o.ack_by <= v.end) {
      late = first == nullptr || first->virtual_micros >= o.ack_by;
    }
    if (o.ack_by > v.end && !late) continue;  // not due within the pass
    ++due;
    if (!late) continue;
    findings.push_back({o.Name() + (first != nullptr ? " was first acknowledged by " + SeqAt(v, *first) +
                                                           ", after its acknowledge-by " + v.At(o.ack_by)
                                                     : " was never acknowledged; its acknowledge-by was " +
                                                           v.At(o.ack_by)) +
                            why,
                        first != nullptr ? std::vector<std::uint64_t>{first->seq} : std::vector<std::uint64_t>{},
                        "an acknowledge (or a shipment or cancel) of " + o.id + " before " + v.At(o.ack_by)});
  }
  if (due == 0) return NotExercised(id, pass, "no acknowledge-by date fell within the pass");
  const std::string summary = std::to_string(due) + " order(s) due to be acknowledged" +
      (findings.empty() ? ", all acknowledged in time" : "");
  return Judged(id, pass, summary, std::move(findings));
}

Verdict CheckOrd002(const PassView& pass) {
  const std::string id = "CONF-ORD-002";
  const OrdersView v = View(pass);
  if (v.orders.empty()) return NotExercised(id, pass, "no order was created");
  if (!v.have_final) return NotExercised(id, pass, "the pass recorded no final order state");
  std::vector<Finding> findings;
  std::size_t judged = 0;
  std::int64_t units = 0;
  for (const OrderInfo& o : v.orders) {
    if (o.final == nullptr || o.ship_by > v.end) continue;
    ++judged;
    std::string open;
    std::int64_t open_units = 0;
    const Json& lines = Arr(*o.final, "lineItems");
    for (const Json& line : lines) {
      const std::int64_t quantity = Int(line, "quantity");
      const std::int64_t left = quantity - Int(line, "shippedQuantity") - Int(line, "cancelledQuantity") -
                                Int(line, "rejectedQuantity");
      units += quantity;
      if (left <= 0) continue;
      open_units += left;
      open += (open.empty() ? "" : ", ") + std::string("line ") + JsonText(line, "lineNumber") + " (sku " +
              JsonText(line, "sku") + "): " + std::to_string(left) + " of " + std::to_string(quantity);
    }
    const auto ship_late = JsonTimeMicros(*o.final, "dscoShipLateDate");
    const std::vector<const Act*> acts = v.ActsOn(o.id, kShip | kCancel, false);
    const std::string expected = "every unit of " + o.id + " shipped or cancelled before " + v.At(o.ship_by);
    if (open_units > 0) {
      findings.push_back({o.Name() + ": " + std::to_string(open_units) +
                              " unit(s) neither shipped nor cancelled at the end (" + open + ")",
                          ActSeqs(acts), expected});
    } else if (ship_late) {
      std::vector<const Act*> after;
      for (const Act* a : v.ActsOn(o.id, kShip | kCancel, true)) {
        if (a->call->virtual_micros >= o.ship_by) after.push_back(a);
      }
      findings.push_back({o.Name() + ": units were still open at its ship-by " + v.At(o.ship_by) +
                              " (dscoShipLateDate " + v.At(*ship_late) + ")" +
                              (after.empty() ? "" : "; shipped or cancelled later by " + SeqAt(v, *after.back()->call)),
                          ActSeqs(after), expected});
    }
  }
  if (judged == 0) return NotExercised(id, pass, "no ship-by date fell within the pass");
  const std::string summary =
      std::to_string(judged) + " order(s), " + std::to_string(units) + " unit(s)" +
      (findings.empty() ? ", all shipped or cancelled before ship-by" : "");
  return Judged(id, pass, summary, std::move(findings));
}

Verdict CheckOrd003(const PassView& pass) {
  const std::string id = "CONF-ORD-003";
  const OrdersView v = View(pass);
  // The same shipment sent again (a retry) is one shipment with several seqs.
  struct Sent {
    std::vector<std::string> problems;
    std::vector<std::uint64_t> seqs;
    std::string order, tracking;
  };
  std::map<std::string, Sent> shipments;
  std::vector<std::string> order;
  std::size_t requests = 0;
  std::uint64_t last_seq = 0;
  for (const Act& a : v.acts) {
    if ((a.does & kShip) == 0) continue;
    if (a.call->seq != last_seq) ++requests;
    last_seq = a.call->seq;
    const Json& list = Arr(*a.object, "shipments");
    for (const Json& s : list) {
      const std::string key = (a.order.empty() ? JsonText(*a.object, "poNumber") : a.order) + "|" + s.dump();
      auto [it, fresh] = shipments.try_emplace(key);
      Sent& sent = it->second;
      if ((sent.seqs.empty() || sent.seqs.back() != a.call->seq) && sent.seqs.size() < kMaxSeqs) {
        sent.seqs.push_back(a.call->seq);
      }
      if (!fresh) continue;
      order.push_back(key);
      sent.order = a.order;
      sent.tracking = JsonText(s, "trackingNumber");
      std::vector<std::string>& p = sent.problems;
      if (!s.is_object()) {
        p.push_back("not an object");
        continue;
      }
      const auto blank = [&](const char* key_name) { return Blank(JsonText(s, key_name)); };
      if (blank("trackingNumber")) p.push_back("no trackingNumber");
      if (blank("shipDate")) {
        p.push_back("no shipDate");
      } else if (!JsonTimeMicros(s, "shipDate")) {
        p.push_back("shipDate \"" + JsonText(s, "shipDate") + "\" is not an ISO-8601 date-time");
      }
      if (blank("shipCarrier")) p.push_back("no shipCarrier");
      if (blank("shipMethod") && blank("shippingServiceLevelCode")) {
        p.push_back("neither shipMethod nor shippingServiceLevelCode");
      }
      const Json& lines = Arr(s, "lineItems");
      if (lines.empty()) p.push_back("no lineItems");
      for (std::size_t i = 0; i < lines.size(); ++i) {
        const Json& line = lines[i];
        const std::string where = "lineItems[" + std::to_string(i) + "]";
        bool has_id = false;
        for (const char* k : {"sku", "dscoItemId", "partnerSku", "upc", "ean"}) {
          has_id = has_id || !Blank(JsonText(line, k));
        }
        if (!has_id) p.push_back(where + " has no item id (sku, dscoItemId, partnerSku, upc or ean)");
        const auto q = line.is_object() ? line.find("quantity") : line.end();
        if (!line.is_object() || q == line.end() || !q->is_number_integer()) {
          p.push_back(where + " has no quantity");
        } else if (q->get<std::int64_t>() < 1) {
          p.push_back(where + " has quantity " + std::to_string(q->get<std::int64_t>()));
        }
      }
    }
  }
  if (shipments.empty()) return NotExercised(id, pass, "no shipment was sent");
  std::vector<Finding> findings;
  for (const std::string& key : order) {
    const Sent& s = shipments.at(key);
    if (s.problems.empty()) continue;
    std::string what;
    for (const std::string& p : s.problems) what += (what.empty() ? "" : "; ") + p;
    findings.push_back({"shipment" + (s.tracking.empty() ? "" : " " + s.tracking) +
                            (s.order.empty() ? "" : " of order " + s.order) + ": " + what,
                        s.seqs,
                        "trackingNumber, shipDate, shipCarrier, shipMethod or shippingServiceLevelCode; each "
                        "line an item id and a quantity of at least 1"});
  }
  const std::string summary =
      std::to_string(shipments.size()) + " shipment(s) in " + std::to_string(requests) + " request(s)" +
      (findings.empty() ? ", all with every required field" : "");
  return Judged(id, pass, summary, std::move(findings));
}

Verdict CheckOrd004(const PassView& pass) {
  const std::string id = "CONF-ORD-004";
  const OrdersView v = View(pass);
  if (v.orders.empty()) return NotExercised(id, pass, "no order was created");
  if (!v.have_final) return NotExercised(id, pass, "the pass recorded no final order state");
  // Invoices: the platform's final view, else what the integration sent (last per invoiceId).
  std::vector<const Json*> invoices;
  std::vector<const Event*> finals = pass.EventsOf(events::kFinalInvoices);
  std::map<std::string, const Act*> sent;
  for (const Act& a : v.acts) {
    if ((a.does & kInvoice) != 0 && Ok2xx(*a.call)) sent[JsonText(*a.object, "invoiceId")] = &a;
  }
  std::map<std::string, std::string> invoice_order;  // how sent invoices name their order
  for (const auto& [invoice_id, act] : sent) invoice_order[invoice_id] = act->order;
  if (!finals.empty() && finals.back()->data.contains("invoices")) {
    for (const Json& inv : Arr(finals.back()->data, "invoices")) invoices.push_back(&inv);
  } else {
    for (const auto& [invoice_id, act] : sent) invoices.push_back(act->object);
  }
  // Units per order and sku: invoiced, and shipped (from the final order).
  std::map<std::string, std::map<std::string, std::int64_t>> invoiced, shipped;
  for (const Json* inv : invoices) {
    std::string order = JsonText(*inv, "dscoOrderId");
    if (order.empty()) order = invoice_order[JsonText(*inv, "invoiceId")];
    const OrderInfo* o = v.Find(order);
    const Json& lines = Arr(*inv, "lineItems");
    for (const Json& line : lines) {
      std::string sku = JsonText(line, "sku");
      if (sku.empty() && o != nullptr && o->final != nullptr) {
        const std::string item = JsonText(line, "dscoItemId");
        for (const Json& ol : Arr(*o->final, "lineItems")) {
          if (!item.empty() && JsonText(ol, "dscoItemId") == item) sku = JsonText(ol, "sku");
        }
      }
      invoiced[order][sku.empty() ? "?" : sku] += Int(line, "quantity");
    }
  }
  std::vector<Finding> findings;
  std::size_t judged = 0;
  std::int64_t shipped_units = 0;
  for (const OrderInfo& o : v.orders) {
    if (o.final == nullptr) continue;
    std::map<std::string, std::int64_t>& ship = shipped[o.id];
    for (const Json& line : Arr(*o.final, "lineItems")) ship[JsonText(line, "sku")] += Int(line, "shippedQuantity");
    std::int64_t total = 0;
    for (const auto& [sku, n] : ship) total += n;
    const auto inv = invoiced.find(o.id);
    if (total == 0 && inv == invoiced.end()) continue;  // nothing shipped, nothing invoiced
    const auto invoice_late = JsonTimeMicros(*o.final, "dscoInvoiceLateDate");
    if (o.invoice_by > v.end && !invoice_late && inv == invoiced.end()) continue;  // not due yet
    ++judged;
    shipped_units += total;
    std::set<std::string> skus;
    for (const auto& [sku, n] : ship) if (n > 0) skus.insert(sku);
    if (inv != invoiced.end()) for (const auto& [sku, n] : inv->second) skus.insert(sku);
    std::string wrong;
    for (const std::string& sku : skus) {
      const std::int64_t s = ship.count(sku) != 0 ? ship.at(sku) : 0;
      const std::int64_t i = inv != invoiced.end() && inv->second.count(sku) != 0 ? inv->second.at(sku) : 0;
      if (s == i) continue;
      wrong += (wrong.empty() ? "" : ", ") + std::string("sku ") + sku + ": invoiced " + std::to_string(i) +
               ", shipped " + std::to_string(s);
    }
    std::string what;
    if (!wrong.empty()) what = wrong;
    if (invoice_late) {
      what += (what.empty() ? "" : "; ") + std::string("shipped units were not all invoiced by its invoice-by ") +
              v.At(o.invoice_by) + " (dscoInvoiceLateDate " + v.At(*invoice_late) + ")";
    }
    if (what.empty()) continue;
    findings.push_back({o.Name() + ": " + what, ActSeqs(v.ActsOn(o.id, kInvoice, false)),
                        "invoiced units per sku equal to shipped units, invoiced before " + v.At(o.invoice_by)});
  }
  if (judged == 0) return NotExercised(id, pass, "nothing was shipped, so no invoice was owed");
  const std::string summary =
      std::to_string(judged) + " order(s) with shipped units (" + std::to_string(shipped_units) + ")" +
      (findings.empty() ? ", each invoiced exactly and in time" : "");
  return Judged(id, pass, summary, std::move(findings));
}

Verdict CheckOrd005(const PassView& pass) {
  const std::string id = "CONF-ORD-005";
  const OrdersView v = View(pass);
  const std::vector<const Event*> requests = pass.EventsOf(events::kCancelRequested);
  if (requests.empty()) return NotExercised(id, pass, "no cancel request was made");
  std::vector<Finding> findings;
  std::size_t judged = 0;
  for (const Event* r : requests) {
    const std::string order = JsonText(r->data, "dscoOrderId");
    const std::int64_t answer_by = Int(r->data, "answerByVirtual");
    const OrderInfo* o = v.Find(order);
    const std::string name = o != nullptr ? o->Name() : "order " + order;
    const Call* answer = nullptr;
    std::vector<const Act*> tries;
    for (const Act* a : v.ActsOn(order, kAnswer, false)) {
      if (a->call->virtual_micros < r->virtual_micros) continue;
      tries.push_back(a);
      if (answer == nullptr && Ok2xx(*a->call)) answer = a->call;
    }
    const Json* final = o != nullptr ? o->final : nullptr;
    const bool still = final != nullptr && final->value("cancelRequested", false);
    const auto cancel_late = final != nullptr ? JsonTimeMicros(*final, "dscoCancelLateDate") : std::nullopt;
    if (answer_by > v.end && (answer == nullptr || still)) continue;  // not due within the pass
    ++judged;
    const std::string expected = "its lines cancelled, shipped or accepted in a STATUS update before " +
                                 v.At(answer_by);
    const std::string asked = name + ": the cancel request at " + v.At(r->virtual_micros);
    if (still || (final == nullptr && answer == nullptr)) {
      findings.push_back({asked + " was never answered" + (still ? " (cancelRequested is still true at the end)" : ""),
                          ActSeqs(tries), expected});
    } else if (answer != nullptr && answer->virtual_micros >= answer_by) {
      findings.push_back({asked + " was answered by " + SeqAt(v, *answer) + ", " +
                              Seconds(answer->virtual_micros - answer_by) + " after its cancel-after date " +
                              v.At(answer_by),
                          {answer->seq}, expected});
    } else if (cancel_late) {
      findings.push_back({asked + " left units open past its cancel-after date " + v.At(answer_by) +
                              " (dscoCancelLateDate " + v.At(*cancel_late) + ")",
                          ActSeqs(tries), expected});
    }
  }
  if (judged == 0) return NotExercised(id, pass, "no cancel-after date fell within the pass");
  const std::string summary =
      std::to_string(judged) + " cancel request(s)" + (findings.empty() ? ", all answered in time" : "");
  return Judged(id, pass, summary, std::move(findings));
}

}  // namespace dscosim::conformance
