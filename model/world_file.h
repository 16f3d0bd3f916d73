// World files: a JSON description of the accounts, partnerships and objects a world
// starts with (docs/serve.md, "World files"). Objects go in through the same store
// functions the API uses, so a world file is checked exactly like the requests that
// would build it.
#ifndef DSCOSIM_MODEL_WORLD_FILE_H_
#define DSCOSIM_MODEL_WORLD_FILE_H_

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "dscosim/model/core/status.h"
#include "dscosim/model/world.h"

namespace dscosim {

// Builds a world from a world file's contents: accounts, partnerships, catalog,
// inventory, orders, contracts. `options` gives the policies; the file's `seed` and
// `start`, when present, replace the options'. The orders are moved past
// post-processing, so the world starts with them visible. InvalidArgument naming the
// JSON path ("orders[2].body.lineItems[0].quantity") when any part is refused.
// When `account_keys` is given it receives each account's key -> dscoAccountId.
Result<World> BuildWorldFromJson(const nlohmann::json& spec, WorldOptions options,
                                 std::map<std::string, std::string>* account_keys = nullptr);

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_WORLD_FILE_H_
