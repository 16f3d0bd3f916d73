#include "model/order_store.h"

#include <algorithm>
#include <utility>

namespace dscosim {

OrderStore::OrderStore(OrderPolicy policy)
    : policy_(std::move(policy)), scrolls_(policy_.scroll_ttl, 1000) {}

Result<Order> OrderStore::Put(Order order) {
  if (!services_->accounts->ArePartners(order.retailer_id, order.supplier_id)) {
    return InvalidArgument("dscoSupplierId", "the retailer and the supplier are not partners");
  }
  if (order.po_number.empty()) return InvalidArgument("poNumber", "is required");
  if (order.dsco_order_id.empty()) order.dsco_order_id = services_->ids->NextDscoId();
  if (orders_.count(order.dsco_order_id) != 0) {
    return AlreadyExists("dscoOrderId", "order " + order.dsco_order_id + " exists");
  }
  if (order.created == Time()) order.created = now();
  if (order.last_update == Time()) order.last_update = order.created;
  if (order.visible_at == Time()) order.visible_at = order.created;
  order.sequence = next_sequence_++;
  by_po_[order.retailer_id + "/" + order.po_number].push_back(order.dsco_order_id);
  const std::string id = order.dsco_order_id;
  return orders_.emplace(id, std::move(order)).first->second;
}

const Order* OrderStore::Find(std::string_view dsco_order_id) const {
  const auto it = orders_.find(dsco_order_id);
  return it == orders_.end() ? nullptr : &it->second;
}

std::vector<const Order*> OrderStore::FindAll(OrderKeyType key, std::string_view value,
                                              std::string_view retailer_id,
                                              std::string_view supplier_id) const {
  std::vector<const Order*> out;
  for (const auto& [id, o] : orders_) {
    if (!retailer_id.empty() && o.retailer_id != retailer_id) continue;
    if (!supplier_id.empty() && o.supplier_id != supplier_id) continue;
    bool match = false;
    switch (key) {
      case OrderKeyType::kDscoOrderId: match = o.dsco_order_id == value; break;
      case OrderKeyType::kPoNumber: match = o.po_number == value; break;
      case OrderKeyType::kSupplierOrderNumber:
        match = o.supplier_order_number && *o.supplier_order_number == value;
        break;
      case OrderKeyType::kConsumerOrderNumber:
        match = o.consumer_order_number && *o.consumer_order_number == value;
        break;
    }
    if (match) out.push_back(&o);
  }
  std::sort(out.begin(), out.end(),
            [](const Order* a, const Order* b) { return a->sequence < b->sequence; });
  return out;
}

void OrderStore::OnTimer(const Timer& timer) { (void)timer; }

}  // namespace dscosim
