// The reference model of what the platform's API shows, for state-machine
// properties (commands.h): orders with their lines' quantities, conversations
// with their status and messages, the virtual clock. Commands apply their
// effect to it; the expectations it derives (OrderExpectation,
// ConversationExpectation) are the postconditions, written as scenario-step
// data so a counterexample file checks exactly what the property checked.
#ifndef DSCOSIM_SCENARIOS_PROPERTIES_PLATFORM_MODEL_H_
#define DSCOSIM_SCENARIOS_PROPERTIES_PLATFORM_MODEL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "dscosim/model/core/time.h"
#include "dscosim/scenarios/properties/generators.h"
#include "dscosim/scenarios/replay/scenario.h"

namespace dscosim::scenarios::properties {

struct ModelLine {
  std::string sku;
  std::int64_t quantity = 0, shipped = 0, cancelled = 0;
  std::int64_t remaining() const { return quantity - shipped - cancelled; }
};

struct ModelOrder {
  std::string variable;  // the scenario variable that holds its dscoOrderId
  std::string po_number;
  std::string retailer, supplier;  // account keys
  std::vector<ModelLine> lines;
  bool acknowledged = false;  // the supplier acknowledged it or acted on it
  Time visible_at;            // post-processing done
  std::int64_t remaining() const;
  // "completed" when no unit remains, else "acknowledged" or "created";
  // "received" before post-processing.
  std::string Lifecycle(Time now) const;
  // cancelled iff every unit is cancelled, else shipped iff any unit shipped,
  // else shipment_pending iff acknowledged, else created.
  std::string Status() const;
};

struct ModelConversation {
  std::string variable;  // holds its id
  std::string retailer, supplier;
  std::string status = "in_progress";  // a first message starts it (the default policy)
  std::int64_t messages = 0;
};

struct PlatformModel {
  Json world;  // the world file the run started from
  WorldShape shape;
  Time now;
  std::vector<ModelOrder> orders;
  std::vector<ModelConversation> conversations;
  int next_number = 1;  // for PO numbers and variable names

  // The model of a world file just loaded (the clock past the load's
  // post-processing).
  static PlatformModel Of(const Json& world_file);
  bool Visible(const ModelOrder& o) const { return o.visible_at <= now; }
  std::vector<std::size_t> VisibleOrders() const;
  // Order `index` when it exists and is visible, else null: what a command's
  // checkPreconditions asks, since shrinking may remove the command that made it.
  const ModelOrder* VisibleOrder(std::size_t index) const;
  // The supplier index of a key.
  std::size_t SupplierIndex(const std::string& key) const;
};

// The check of an order's state as the model holds it: lifecycle, status and
// each line's quantities.
Expectation OrderExpectation(const PlatformModel& model, const ModelOrder& order);
Expectation ConversationExpectation(const ModelConversation& conversation);

}  // namespace dscosim::scenarios::properties

#endif  // DSCOSIM_SCENARIOS_PROPERTIES_PLATFORM_MODEL_H_
