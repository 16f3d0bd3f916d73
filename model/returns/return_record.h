// Returns, their lines and packages, as the model stores them (docs/returns-invoices.md).
//
// A return is created by either party of an order (the *initiator*) and answered line by
// line by the other (the *responder*). The model owns identity, parties, the order and
// line references, quantities, responses, packages and dates; every other field the
// initiator sent is kept verbatim in `body` (and each line's in `given`), so a client
// reads back what it wrote.
//
// Status is derived, never stored: completed exactly when every line has a response;
// otherwise acknowledged once the responder acknowledged it (portal only), else created.
#ifndef DSCOSIM_MODEL_RETURNS_RETURN_RECORD_H_
#define DSCOSIM_MODEL_RETURNS_RETURN_RECORD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dscosim/model/accounts/accounts.h"
#include "dscosim/model/orders/line_match.h"
#include "dscosim/model/core/status.h"
#include "dscosim/model/core/time.h"

namespace dscosim {

enum class ReturnStatus { kCreated, kAcknowledged, kCompleted };
std::string_view ReturnStatusName(ReturnStatus status);  // "created"
Result<ReturnStatus> ParseReturnStatus(std::string_view text, std::string_view field);

enum class ReturnResponse { kAccepted, kRejected };
std::string_view ReturnResponseName(ReturnResponse response);  // "accepted"
Result<ReturnResponse> ParseReturnResponse(std::string_view text, std::string_view field);

struct ReturnLine {
  LineKey item;  // the order line returned: its number and its item's identifiers
  std::int64_t quantity = 0;
  std::string reason_code;
  std::optional<ReturnResponse> response;
  std::string completed_by;                         // the responder's account id, once responded
  nlohmann::json given = nlohmann::json::object();  // the initiator's other line fields
};

struct ReturnPackageLine {
  std::int64_t line_number = 0;  // the order line (and so the return line) it holds
  std::int64_t quantity = 0;
  nlohmann::json given = nlohmann::json::object();  // adjustments, serialNumbers, ...
};

struct ReturnPackage {
  std::string tracking_number;
  std::vector<ReturnPackageLine> lines;
  nlohmann::json given = nlohmann::json::object();  // receiptDate, carrier, method, ...
  friend bool operator==(const ReturnPackage& a, const ReturnPackage& b);
};

struct Return {
  std::string dsco_return_id;
  std::string retailer_id;
  std::string supplier_id;
  Role initiated_by = Role::kRetailer;
  std::string dsco_order_id;
  std::string po_number;
  std::string initiator_number;                 // the initiator's returnNumber
  std::optional<std::string> responder_number;  // saved the first time the responder gives one
  bool acknowledged = false;                    // portal only
  std::vector<ReturnLine> lines;
  std::vector<ReturnPackage> packages;
  nlohmann::json body = nlohmann::json::object();      // the initiator's other fields
  nlohmann::json response = nlohmann::json::object();  // responseReason, restockingCharge,
                                                       // transactionId/Date, latest given
  nlohmann::json request = nlohmann::json();           // the create body as sent (replay check)
  Time created;
  Time last_update;
  std::optional<Time> cancelled;  // when the initiator cancelled it
  std::uint64_t sequence = 0;     // creation order

  ReturnStatus status() const;
  // [], ["accepted"], ["rejected"] or ["accepted", "rejected"], from the responses.
  std::vector<ReturnResponse> status_tags() const;
  bool all_responded() const;
  bool any_responded() const;
  bool is_cancelled() const { return cancelled.has_value(); }

  const std::string& initiator_id() const {
    return initiated_by == Role::kRetailer ? retailer_id : supplier_id;
  }
  const std::string& responder_id() const {
    return initiated_by == Role::kRetailer ? supplier_id : retailer_id;
  }
  bool has_party(std::string_view account_id) const {
    return account_id == retailer_id || account_id == supplier_id;
  }
  // The return number `account_id` knows this return by, if it gave one.
  std::optional<std::string> number_of(std::string_view account_id) const;
  // The retailer's and the supplier's own numbers (conversation return contexts).
  std::optional<std::string> retailer_return_number() const { return number_of(retailer_id); }
  std::optional<std::string> supplier_return_number() const { return number_of(supplier_id); }
  const ReturnLine* FindLine(std::int64_t line_number) const;
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_RETURNS_RETURN_RECORD_H_
