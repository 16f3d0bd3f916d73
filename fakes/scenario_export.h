// A tenant's state as a scenario file (docs/scenarios.md, "Exporting a tenant"): its
// world and seed, and one call step for every API request whose handler ran since the
// world was last built, in order, at its virtual time, as its account, expecting the
// status the handler answered; a last step moves the clock to the tenant's now.
// Replaying the file on a fresh fake rebuilds the same state.
//
// Left out, because replaying them would not change the model: token requests (the
// runner gets its own; tokens are drawn from the token store's own stream, so the
// world's next scroll ids and request ids do not depend on them), and requests refused
// before their handler (authentication, rate limits, a fault rule that answered
// instead). Control calls are not steps: the clock's moves are carried by each step's
// time, and settles by the timers that time runs. The tenant's world policies
// (TenantOptions::world_options, set from C++) are not in the file: it replays under
// the defaults.
#ifndef DSCOSIM_FAKES_SCENARIO_EXPORT_H_
#define DSCOSIM_FAKES_SCENARIO_EXPORT_H_

#include <nlohmann/json.hpp>

#include "dscosim/fakes/tenant.h"
#include "dscosim/model/core/status.h"

namespace dscosim::fakes {

// The scenario document (format version 1; docs/scenario.schema.json). Call with the
// tenant's lock held. FailedPrecondition naming `history` when the file could not
// rebuild the state: requests since the world was built have left the in-memory
// history (it keeps the newest 100,000 exchanges), a request body was longer than the history keeps, a
// snapshot was restored or a large batch uploaded, or a request hook (a conformance
// driver) acts on the world; a request holds "{{" (a replay reads it as a variable) or
// repeats a form field.
Result<nlohmann::json> ExportScenario(const Tenant& tenant);

}  // namespace dscosim::fakes

#endif  // DSCOSIM_FAKES_SCENARIO_EXPORT_H_
