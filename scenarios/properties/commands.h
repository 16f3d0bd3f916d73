// The state-machine commands over the platform (rapidcheck rc::state), one per
// operation the reference model follows. Each command, when generated, picks
// its arguments from the model (discarded when nothing fits);
// checkPreconditions says whether they still fit once shrinking has removed
// earlier commands; `run` sends the operation as a scenario step whose
// expectations are the postcondition, then checks the object's state against
// the model; `apply` is its effect on the model. A property of a user's own
// rule reuses them and adds a command of its own:
//
//   struct ShipTwice : PlatformCommand { ... };            // the user's rule
//   RC_GTEST_PROP(MyRule, Holds, ()) {
//     CheckPlatformStateMachine("my-rule", *GenWorldFile(), *rc::gen::arbitrary<std::uint64_t>(),
//         rc::state::gen::execOneOfWithArgs<CreateOrder, Settle, ShipLine, ShipTwice>());
//   }
//
// docs/scenarios.md, "Properties", walks through one.
#ifndef DSCOSIM_SCENARIOS_PROPERTIES_COMMANDS_H_
#define DSCOSIM_SCENARIOS_PROPERTIES_COMMANDS_H_

#include <rapidcheck.h>
#include <rapidcheck/state.h>

#include <ostream>
#include <string>

#include "dscosim/scenarios/properties/platform_model.h"
#include "dscosim/scenarios/properties/platform_sut.h"

namespace dscosim::scenarios::properties {

using PlatformCommand = rc::state::Command<PlatformModel, PlatformSut>;

// Steps commands build.
Step CallStep(const std::string& as, const std::string& op, Json body, std::vector<int> statuses);
Step OrderCheckStep(const PlatformModel& model, const ModelOrder& order);
Step ConversationCheckStep(const ModelConversation& conversation);

// A retailer creates a PO of 1-3 lines from one partner supplier: 201,
// received; then it is invisible to the supplier until post-processing is done.
struct CreateOrder : PlatformCommand {
  explicit CreateOrder(const PlatformModel& model);
  void apply(PlatformModel& model) const override;
  void run(const PlatformModel& model, PlatformSut& sut) const override;
  void show(std::ostream& os) const override;
  std::string retailer, supplier, po_number, variable;
  Json body;
  std::vector<OrderLineSpec> lines;
};

// A retailer sends an order with exactly one field wrong: 400 naming the field,
// and nothing changes (the supplier's order count stays).
struct CreateNearlyValidOrder : PlatformCommand {
  explicit CreateNearlyValidOrder(const PlatformModel& model);
  void run(const PlatformModel& model, PlatformSut& sut) const override;
  void show(std::ostream& os) const override;
  std::string retailer, supplier;
  NearlyValid input;
};

// The virtual clock moves 1 s to 6 h.
struct AdvanceClock : PlatformCommand {
  explicit AdvanceClock(const PlatformModel& model);
  void apply(PlatformModel& model) const override;
  void run(const PlatformModel& model, PlatformSut& sut) const override;
  void show(std::ostream& os) const override;
  int seconds = 1;
};

// All asynchronous work finishes (post-processing, batches).
struct Settle : PlatformCommand {
  explicit Settle(const PlatformModel& model);
  void apply(PlatformModel& model) const override;
  void run(const PlatformModel& model, PlatformSut& sut) const override;
  void show(std::ostream& os) const override;
};

// The supplier acknowledges a visible order (a batch: 202, then settled).
struct AcknowledgeOrder : PlatformCommand {
  explicit AcknowledgeOrder(const PlatformModel& model);
  void checkPreconditions(const PlatformModel& model) const override;
  void apply(PlatformModel& model) const override;
  void run(const PlatformModel& model, PlatformSut& sut) const override;
  void show(std::ostream& os) const override;
  std::size_t order = 0;
};

// The supplier ships 1..remaining units of a line: 201.
struct ShipLine : PlatformCommand {
  explicit ShipLine(const PlatformModel& model);
  void checkPreconditions(const PlatformModel& model) const override;
  void apply(PlatformModel& model) const override;
  void run(const PlatformModel& model, PlatformSut& sut) const override;
  void show(std::ostream& os) const override;
  std::size_t order = 0, line = 0;
  std::int64_t quantity = 1;
};

// The supplier tries to ship more units of a line than remain (1-3 more): 400
// naming the line's quantity, nothing changes.
struct OverShipLine : PlatformCommand {
  explicit OverShipLine(const PlatformModel& model);
  void checkPreconditions(const PlatformModel& model) const override;
  void run(const PlatformModel& model, PlatformSut& sut) const override;
  void show(std::ostream& os) const override;
  std::size_t order = 0, line = 0;
  std::int64_t quantity = 1;
};

// The supplier cancels 1..remaining units of a line: 200.
struct CancelLine : PlatformCommand {
  explicit CancelLine(const PlatformModel& model);
  void checkPreconditions(const PlatformModel& model) const override;
  void apply(PlatformModel& model) const override;
  void run(const PlatformModel& model, PlatformSut& sut) const override;
  void show(std::ostream& os) const override;
  std::size_t order = 0, line = 0;
  std::int64_t quantity = 1;
};

// A retailer opens a conversation with a partner supplier, with a first
// message.
struct CreateConversation : PlatformCommand {
  explicit CreateConversation(const PlatformModel& model);
  void apply(PlatformModel& model) const override;
  void run(const PlatformModel& model, PlatformSut& sut) const override;
  void show(std::ostream& os) const override;
  std::string retailer, supplier, title, message, variable;
};

// Either party writes to a conversation: 201 while it is open; 400 (text/plain)
// and nothing changes once it is closed.
struct AddMessage : PlatformCommand {
  explicit AddMessage(const PlatformModel& model);
  void checkPreconditions(const PlatformModel& model) const override;
  void apply(PlatformModel& model) const override;
  void run(const PlatformModel& model, PlatformSut& sut) const override;
  void show(std::ostream& os) const override;
  std::size_t conversation = 0;
  bool by_retailer = true;
  std::string message;
};

// Either party closes or reopens a conversation.
struct SetConversationStatus : PlatformCommand {
  explicit SetConversationStatus(const PlatformModel& model);
  void checkPreconditions(const PlatformModel& model) const override;
  void apply(PlatformModel& model) const override;
  void run(const PlatformModel& model, PlatformSut& sut) const override;
  void show(std::ostream& os) const override;
  std::size_t conversation = 0;
  bool by_retailer = true;
  std::string status;
};

// A generator of every command above, for rc::state::check or
// CheckPlatformStateMachine.
inline auto AllPlatformCommands() {
  return rc::state::gen::execOneOfWithArgs<CreateOrder, CreateOrder, CreateNearlyValidOrder,
                                           AdvanceClock, Settle, AcknowledgeOrder, ShipLine,
                                           ShipLine, OverShipLine, CancelLine, CreateConversation,
                                           AddMessage, SetConversationStatus>();
}

}  // namespace dscosim::scenarios::properties

#endif  // DSCOSIM_SCENARIOS_PROPERTIES_COMMANDS_H_
