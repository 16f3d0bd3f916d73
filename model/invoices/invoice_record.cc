#include "dscosim/model/invoices/invoice_record.h"

#include <cmath>

namespace dscosim {

double RoundMoney(double amount) {
  const double rounded = std::round(amount * 10000.0) / 10000.0;
  return rounded == 0.0 ? 0.0 : rounded;  // no "-0.0" in payloads
}

std::optional<double> InvoiceLine::expected_amount() const {
  if (!expected_unit_cost) return std::nullopt;
  return RoundMoney(static_cast<double>(quantity) * *expected_unit_cost);
}

std::optional<double> InvoiceLine::expected_difference() const {
  const std::optional<double> expected = expected_amount();
  if (!expected) return std::nullopt;
  return RoundMoney(static_cast<double>(quantity) * unit_price - *expected);
}

std::int64_t Invoice::total_quantity() const {
  std::int64_t total = 0;
  for (const InvoiceLine& line : lines) total += line.quantity;
  return total;
}

std::int64_t Invoice::quantity_of_line(std::int64_t line_number) const {
  std::int64_t total = 0;
  for (const InvoiceLine& line : lines) {
    if (line.item.line_number == line_number) total += line.quantity;
  }
  return total;
}

std::optional<double> Invoice::expected_order_difference() const {
  if (!expected_order_total) return std::nullopt;
  return RoundMoney(total_amount - *expected_order_total);
}

}  // namespace dscosim
