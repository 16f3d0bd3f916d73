// Invoices and their lines, as the model stores them (docs/returns-invoices.md).
//
// A supplier invoices one of its orders. The model owns identity, parties, the order,
// each line's resolved order line, quantities and prices, and the expected amounts it
// computes from the order; every other field the supplier sent is kept verbatim in
// `body` (each line's in `given`).
#ifndef DSCOSIM_MODEL_INVOICES_INVOICE_RECORD_H_
#define DSCOSIM_MODEL_INVOICES_INVOICE_RECORD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dscosim/model/core/clock.h"
#include "dscosim/model/orders/line_match.h"
#include "dscosim/model/core/time.h"

namespace dscosim {

// Money as the model computes it: rounded to 4 decimal places, so 3 x 9.99 is 29.97.
double RoundMoney(double amount);

struct InvoiceLine {
  LineKey item;  // the order line invoiced: its number and its item's identifiers
  std::int64_t quantity = 0;
  double unit_price = 0;
  std::int64_t original_order_quantity = 0;         // the order line's quantity when invoiced
  std::optional<double> expected_unit_cost;         // the order line's expectedCost
  nlohmann::json given = nlohmann::json::object();  // the supplier's line fields

  // dscoExpectedAmount: quantity x expectedCost, when the order line has an expectedCost.
  std::optional<double> expected_amount() const;
  // dscoExpectedDifference: quantity x unitPrice - dscoExpectedAmount.
  std::optional<double> expected_difference() const;
};

struct Invoice {
  std::string dsco_invoice_id;
  std::string invoice_id;  // the supplier's own id, unique per supplier
  std::string retailer_id;
  std::string supplier_id;
  std::string dsco_order_id;
  std::string po_number;
  double total_amount = 0;
  std::vector<InvoiceLine> lines;
  // dscoExpectedOrderTotalAmount (docs/returns-invoices.md), when it can be computed.
  std::optional<double> expected_order_total;
  // Order lines whose invoiced units (over every invoice of the order) exceeded their
  // shipped units when this invoice was written. The platform accepts over-invoicing;
  // the model records it for the conformance checkers.
  std::vector<std::int64_t> over_invoiced_lines;
  nlohmann::json body = nlohmann::json::object();  // the supplier's other fields
  nlohmann::json request;                          // the body as last sent (replay check)
  Time created;
  Time last_update;
  Time visible_at;                    // created + the post-processing delay
  TimerId post_processing_timer = 0;  // pending until visible; 0 when none
  bool published = false;             // the "new" event went out (at visible_at)
  std::uint64_t sequence = 0;         // creation order

  std::int64_t total_quantity() const;
  std::int64_t quantity_of_line(std::int64_t line_number) const;
  // dscoExpectedOrderTotalDifference: totalAmount - dscoExpectedOrderTotalAmount.
  std::optional<double> expected_order_difference() const;
  bool visible(Time now) const { return visible_at <= now; }
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_INVOICES_INVOICE_RECORD_H_
