// Get Orders (GET /order/page): the modes, the 5-second rule, and scroll paging.
#include <algorithm>

#include "dscosim/model/orders/order_store.h"

namespace dscosim {

Result<OrderPage> OrderStore::Page(std::string_view caller, const OrderPageQuery& q) {
  const Account* me = services_->accounts->Find(caller);
  if (me == nullptr) return PermissionDenied("", "unknown caller account");
  ScrollPage page;
  if (q.scroll_id) {
    DSCOSIM_ASSIGN_OR_RETURN(page, scrolls_.Next(caller, *q.scroll_id, now()));
  } else {
    const std::int64_t per_page = q.orders_per_page.value_or(1000);
    if (per_page < 10 || per_page > 1000) {
      return InvalidArgument("ordersPerPage", "must be between 10 and 1000");
    }
    const bool by_dates = q.created_since || q.updated_since;
    if (!q.consumer_order_number) {
      if (q.created_since && q.updated_since) {
        return InvalidArgument("ordersUpdatedSince",
                               "give ordersCreatedSince or ordersUpdatedSince, not both");
      }
      if (!by_dates) {
        return InvalidArgument("ordersCreatedSince",
                               "give scrollId, consumerOrderNumber, or ordersCreatedSince / "
                               "ordersUpdatedSince with until");
      }
      if (!q.until) {
        return InvalidArgument("until", "is required with ordersCreatedSince / ordersUpdatedSince");
      }
      const Time latest = now() - policy_.until_min_age;
      if (*q.until > latest) {
        return InvalidArgument("until", "must be at least 5 seconds before now (now is " +
                                            FormatIso8601(now()) + ", so until may be " +
                                            FormatIso8601(latest) + " at the latest)");
      }
    }
    std::vector<const Order*> matches;
    for (const auto& [id, o] : orders_) {
      if (o.retailer_id != caller && o.supplier_id != caller) continue;
      if (o.lifecycle == OrderLifecycle::kReceived) continue;  // not visible yet
      if (o.test && !q.include_test_orders) continue;
      if (!q.statuses.empty() &&
          std::find(q.statuses.begin(), q.statuses.end(), o.dsco_status()) == q.statuses.end()) {
        continue;
      }
      if (q.returned_only &&
          std::none_of(o.packages.begin(), o.packages.end(), [](const Package& p) { return p.returned; })) {
        continue;
      }
      if (q.consumer_order_number) {
        if (o.consumer_order_number != q.consumer_order_number) continue;
      } else if (q.created_since) {
        if (o.created < *q.created_since || o.created >= *q.until) continue;
      } else {
        if (o.last_update <= *q.updated_since || o.last_update >= *q.until) continue;
      }
      matches.push_back(&o);
    }
    // Created-since reads in creation order; updated-since in update order.
    const bool by_update = !q.consumer_order_number && q.updated_since.has_value();
    std::sort(matches.begin(), matches.end(), [&](const Order* a, const Order* b) {
      if (by_update && a->last_update != b->last_update) return a->last_update < b->last_update;
      return a->sequence < b->sequence;
    });
    std::vector<std::string> ids;
    for (const Order* o : matches) ids.push_back(o->dsco_order_id);
    page = scrolls_.Open(caller, std::move(ids), now(), *services_->tokens,
                         static_cast<std::size_t>(per_page));
  }
  OrderPage out;
  out.scroll_id = std::move(page.scroll_id);
  for (const std::string& id : page.ids) {
    if (const Order* o = Find(id)) out.orders.push_back(*o);
  }
  return out;
}

}  // namespace dscosim
