// Reading a client's JSON document field by field, with errors that name the field.
//
// The commerce objects (orders, items, invoices, returns) are large documents whose
// fields the model mostly keeps as given. The stores read the fields their rules need
// through these helpers, so a wrong type or a missing field is refused as
// InvalidArgument with the field's JSON path ("lineItems[2].quantity"), never as an
// exception.
//
// Conventions: a key that is absent or null reads as "not given" (std::nullopt).
// Paths are built with Path(): Path("lineItems", 2) + ".quantity".
#ifndef DSCOSIM_MODEL_CORE_JSON_FIELDS_H_
#define DSCOSIM_MODEL_CORE_JSON_FIELDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "dscosim/model/core/status.h"
#include "dscosim/model/core/time.h"

namespace dscosim {

using Json = nlohmann::json;

// "prefix.key", or "key" when prefix is empty.
std::string JoinPath(std::string_view prefix, std::string_view key);

// The deepest any document accepted from outside may nest. Copying, dumping and
// comparing JSON recurse once per level, so a document nested thousands deep would
// overflow a thread's stack; no real Dsco document goes past a dozen.
inline constexpr int kMaxJsonDepth = 64;
// True when the text's arrays and objects nest deeper than `max_depth` (brackets
// inside strings do not count). Cheap enough to run before every parse.
bool JsonNestsDeeperThan(std::string_view text, int max_depth);
// "prefix[index]".
std::string IndexPath(std::string_view prefix, std::size_t index);

// The object itself must be a JSON object.
Status RequireObject(const Json& value, std::string_view path);

// Optional fields of `object` (which must be an object). Strings must be strings,
// integers integral numbers (an integral double such as 3.0 is accepted), numbers any
// number, booleans booleans, times ISO-8601 strings. `path` is the object's own path.
Result<std::optional<std::string>> OptString(const Json& object, std::string_view key,
                                             std::string_view path = "");
Result<std::optional<std::int64_t>> OptInt(const Json& object, std::string_view key,
                                           std::string_view path = "");
Result<std::optional<double>> OptNumber(const Json& object, std::string_view key,
                                        std::string_view path = "");
Result<std::optional<bool>> OptBool(const Json& object, std::string_view key,
                                    std::string_view path = "");
Result<std::optional<Time>> OptTime(const Json& object, std::string_view key,
                                    std::string_view path = "");
// A string or an integer, read as a string (ids such as dscoOrderId may come either way).
Result<std::optional<std::string>> OptId(const Json& object, std::string_view key,
                                         std::string_view path = "");

// The same, but absence is InvalidArgument "is required".
Result<std::string> ReqString(const Json& object, std::string_view key,
                              std::string_view path = "");
Result<std::int64_t> ReqInt(const Json& object, std::string_view key,
                            std::string_view path = "");

// An array field: nullopt when absent; InvalidArgument when present but not an array.
Result<const Json*> OptArray(const Json& object, std::string_view key,
                             std::string_view path = "");
// An object field: nullopt (nullptr) when absent; InvalidArgument when not an object.
Result<const Json*> OptObject(const Json& object, std::string_view key,
                              std::string_view path = "");

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CORE_JSON_FIELDS_H_
