// The return store: Create, Complete, Update (packages), Cancel and Get Returns
// (docs/returns-invoices.md).
//
// Who may do what: either party of an order creates a return against it (the
// initiator); the other party (the responder) answers its lines (Complete); only the
// supplier adds packages (Update); only the initiator cancels. Nobody else sees a
// return: to a third account it answers NotFound, exactly like an id that does not
// exist.
//
// Inputs are the spec's JSON bodies (ReturnCreate, the Complete Return body, Update
// Return, Return Cancel), one object each: the small-batch layer calls the same
// functions once per element. Errors name the offending field as a JSON path of that
// body and leave the store unchanged. Every change publishes a DomainEvent (object type
// `returns`, facts {"status": ...}) whose payload is the return as its initiator sees it.
#ifndef DSCOSIM_MODEL_RETURNS_RETURN_STORE_H_
#define DSCOSIM_MODEL_RETURNS_RETURN_STORE_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dscosim/model/core/clock.h"
#include "dscosim/model/core/json_fields.h"
#include "dscosim/model/returns/return_record.h"
#include "dscosim/model/core/scroll.h"
#include "dscosim/model/services.h"

namespace dscosim {

struct ReturnPolicy {
  // Get Returns: `until` must be at least this long before now (the spec documents the
  // rule for the other `until`s only; we apply it here too).
  Duration until_min_age = std::chrono::seconds(5);
  Duration scroll_ttl = std::chrono::minutes(5);
  // The spec has no page-size parameter for Get Returns.
  std::size_t page_size = 100;
};

// Get Returns' returnIdType, accountIdType and orderIdType.
enum class ReturnIdType { kDscoReturnId, kReturnNumber, kPartnerReturnNumber };
enum class AccountIdType { kDscoAccountId, kTradingPartnerId };
enum class ReturnOrderIdType { kDscoOrderId, kPoNumber };
Result<ReturnIdType> ParseReturnIdType(std::string_view text, std::string_view field);
Result<AccountIdType> ParseAccountIdType(std::string_view text, std::string_view field);
Result<ReturnOrderIdType> ParseReturnOrderIdType(std::string_view text, std::string_view field);

// GET /return/page. With `scroll_id` everything else is ignored. Otherwise exactly one
// search mode: return id (type + value), order id (type + value), or returnsCreatedSince
// (inclusive) / returnsUpdatedSince (exclusive) with `until` (required, exclusive, at
// least until_min_age before now). The account id (type + value) is required with
// partnerReturnNumber and with a supplier's poNumber, and otherwise narrows any mode
// to returns with that trading partner. `statuses` filters every mode.
struct ReturnPageQuery {
  std::optional<std::string> scroll_id;
  std::optional<ReturnIdType> return_id_type;
  std::optional<std::string> return_id_value;
  std::optional<AccountIdType> account_id_type;
  std::optional<std::string> account_id_value;
  std::optional<ReturnOrderIdType> order_id_type;
  std::optional<std::string> order_id_value;
  std::optional<Time> created_since;
  std::optional<Time> updated_since;
  std::optional<Time> until;
  std::vector<ReturnStatus> statuses;
};

struct ReturnPage {
  std::vector<Return> returns;  // in creation order
  std::optional<std::string> scroll_id;
};

struct CreateReturnResult {
  Return ret;
  bool replay = false;  // the same body was sent before: the existing return, no change
};

class ReturnStore {
 public:
  explicit ReturnStore(ReturnPolicy policy = {});
  void Bind(const Services* services) { services_ = services; }
  // Replaces the policy; open scrolls are dropped.
  void set_policy(ReturnPolicy policy);
  const ReturnPolicy& policy() const { return policy_; }

  // POST /return/ (either party). A returnNumber the caller already uses is a replay
  // when the body is identical to the one that created that return, else AlreadyExists.
  Result<CreateReturnResult> Create(std::string_view caller, const Json& body);
  // PUT /return/ (the responder): responds to some or all lines.
  Result<Return> Complete(std::string_view caller, const Json& body);
  // POST /return/update (suppliers): adds packages, or replaces the package with the
  // same tracking number.
  Result<Return> Update(std::string_view caller, const Json& body);
  // POST /return/cancel (the initiator), before any line has a response.
  Result<Return> Cancel(std::string_view caller, const Json& body);
  // The portal's acknowledge (the responder): created -> acknowledged. Not in the API.
  Result<Return> Acknowledge(std::string_view caller, std::string_view dsco_return_id);
  // GET /return/page.
  Result<ReturnPage> Page(std::string_view caller, const ReturnPageQuery& query);

  // The return as `viewer` sees it: returnNumber is the viewer's own number for it,
  // partnerReturnNumber the other party's. An empty viewer gets the initiator's view
  // (the event payloads).
  Json ToJson(const Return& ret, std::string_view viewer = "") const;

  // For the other stores, conversation contexts and the world.
  const Return* Find(std::string_view dsco_return_id) const;
  // The return `account_id` numbers `number` (as initiator or responder), or null.
  const Return* FindByNumber(std::string_view account_id, std::string_view number) const;
  // The returns of an order, in creation order (cancelled ones too).
  std::vector<const Return*> ReturnsOfOrder(std::string_view dsco_order_id) const;
  // Units of an order line on returns that are not cancelled, whatever their responses.
  std::int64_t ReturnedQuantity(std::string_view dsco_order_id, std::int64_t line_number) const;
  const std::map<std::string, Return, std::less<>>& returns() const { return returns_; }
  // Every return with its internal fields, the number index and the open scrolls, as
  // one JSON string: tests compare it before and after a refused call.
  std::string Describe(Time now) const;

  // Fires a timer this store scheduled (none yet).
  void OnTimer(const Timer& timer);

 private:
  Time now() const { return services_->clock->now(); }
  Status CheckCaller(std::string_view caller) const;
  // The trading partner of `caller` named by dscoAccountId / dscoTradingPartnerId in
  // `body` (both may be given if they agree); nullopt when neither is.
  Result<std::optional<std::string>> PartnerNamedIn(std::string_view caller,
                                                    const Json& body) const;
  // The return a Complete / Update / Cancel body names: dscoReturnId, else
  // partnerReturnNumber (the initiator's number; with an account id unless the caller
  // is the initiator), else — when `return_number_identifies` — returnNumber (the
  // caller's own number).
  Result<Return*> Locate(std::string_view caller, const Json& body, bool return_number_identifies);
  Result<const Order*> LocateOrder(std::string_view caller, Role role, const Json& body,
                                   const std::vector<LineRef>& refs) const;
  std::vector<LineKey> KeysOf(const Return& ret) const;
  void Publish(const Return& ret, std::string_view actor, std::string kind);
  std::string NumberKey(std::string_view account_id, std::string_view number) const;

  ReturnPolicy policy_;
  const Services* services_ = nullptr;
  std::uint64_t next_sequence_ = 1;
  std::map<std::string, Return, std::less<>> returns_;  // by dscoReturnId
  // "<account>/<number>" -> dscoReturnId, for initiators' and responders' numbers.
  std::map<std::string, std::string, std::less<>> by_number_;
  // dscoOrderId -> its returns, in creation order.
  std::map<std::string, std::vector<std::string>, std::less<>> by_order_;
  ScrollCache scrolls_;
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_RETURNS_RETURN_STORE_H_
