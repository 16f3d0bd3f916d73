// The property library on the platform itself: generated worlds load, and
// random sequences of the state-machine commands (orders, shipments, cancels,
// refused input, conversations, the clock) keep the API's answers equal to the
// reference model.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "dscosim/model/world_file.h"
#include "dscosim/scenarios/properties/check.h"

namespace dscosim::scenarios::properties {
namespace {

RC_GTEST_PROP(PlatformGenerators, WorldFilesLoadAndStockAddsUp, ()) {
  const Json world = *GenWorldFile();
  std::map<std::string, std::string> keys;
  const Result<World> built = BuildWorldFromJson(world, WorldOptions{}, &keys);
  RC_ASSERT(built.ok());
  const WorldShape shape = ShapeOf(world);
  RC_ASSERT(keys.size() == shape.retailers.size() + shape.suppliers.size());
  for (const Json& entry : world["inventory"]) {
    std::int64_t sum = 0;
    for (const Json& w : entry["body"]["warehouses"]) sum += w["quantity"].get<std::int64_t>();
    RC_ASSERT(sum == entry["body"]["quantityAvailable"].get<std::int64_t>());
  }
}

RC_GTEST_PROP(PlatformGenerators, MultiSupplierPosSplitOnePerSupplier, ()) {
  const Json world = *GenWorldFile();
  const WorldShape shape = ShapeOf(world);
  const Json body = *GenMultiSupplierOrderBody(shape, "PO-M");
  Result<World> built = BuildWorldFromJson(world, WorldOptions{});
  RC_ASSERT(built.ok());
  std::map<std::string, std::string> keys;
  built = BuildWorldFromJson(world, WorldOptions{}, &keys);
  const auto created = built->orders().Create(keys.at(shape.retailers[0]), body);
  RC_ASSERT(created.ok());
  std::set<std::string> suppliers;
  for (const Json& line : body["lineItems"])
    suppliers.insert(line["sku"].get<std::string>().substr(0, 2));
  RC_ASSERT(created->orders.size() == suppliers.size());
}

RC_GTEST_PROP(PlatformProperty, TheApiFollowsTheReferenceModel, ()) {
  CheckPlatformStateMachine("platform-reference-model", *GenWorldFile(),
                            *rc::gen::inRange<std::uint64_t>(1, 1000000), AllPlatformCommands());
}

}  // namespace
}  // namespace dscosim::scenarios::properties
