// Checking the shape of a return or invoice request body against the spec's schema,
// field by field, before any rule that needs other objects runs.
//
// A FieldRule says what one key of a JSON object must be (its type, whether it is
// required, a length limit, an enum, a numeric range). CheckFields applies a table of
// rules to one object; keys without a rule are not checked (the platform keeps unknown
// fields). Every error names the field as a JSON path: "lineItems[2].quantity".
//
// Conventions (json_fields.h): absent and null both mean "not given". A required string
// must also be non-empty.
#ifndef DSCOSIM_MODEL_CORE_FIELD_RULES_H_
#define DSCOSIM_MODEL_CORE_FIELD_RULES_H_

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "dscosim/model/core/json_fields.h"
#include "dscosim/model/core/status.h"

namespace dscosim {

enum class FieldType {
  kString,
  kNumber,   // any JSON number
  kInteger,  // an integral number (3.0 counts)
  kBool,
  kDateTime,  // an ISO-8601 date-time string
  kObject,    // any JSON object (checked further by the caller)
  kArray,     // any JSON array (checked further by the caller)
  kStringArray,
  kNumberMap,  // an object whose values are numbers ({"reason_1": 12.02})
  kStringMap,  // an object whose values are strings
};

struct FieldRule {
  std::string_view key;
  FieldType type = FieldType::kString;
  bool required = false;
  bool non_empty = false;      // strings: must not be empty (implied by `required`)
  std::size_t max_length = 0;  // strings: at most this many characters; 0: no limit
  std::span<const std::string_view> allowed = {};  // strings: one of these; empty: any
  bool ignore_case = false;                        // compare `allowed` case-insensitively
  std::optional<double> minimum = std::nullopt;    // numbers and integers
  std::optional<double> maximum = std::nullopt;
};

// Applies `rules` to `object` (which must be a JSON object; `path` is its own path, ""
// for the body).
Status CheckFields(const Json& object, std::string_view path, std::span<const FieldRule> rules);

// Every string and key anywhere in `value` must be valid UTF-8; the error names the
// first offending value.
Status CheckJsonUtf8(const Json& value, std::string_view path);

// A non-empty array field: nullptr when absent (and not required); InvalidArgument
// when it is not an array, or is empty.
Result<const Json*> NonEmptyArray(const Json& object, std::string_view key, std::string_view path,
                                  bool required);

// `object` without `keys` (a copy; a non-object gives an empty object).
Json WithoutKeys(const Json& object, std::span<const std::string_view> keys);

// An id the client may send as a string or an integer, as a non-empty string.
Result<std::optional<std::string>> OptNonEmptyId(const Json& object, std::string_view key,
                                                 std::string_view path = "");

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CORE_FIELD_RULES_H_
