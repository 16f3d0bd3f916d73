// Enums spelled as the API spells them: one table of (name, value) pairs per enum, and
// the two lookups every enum needs.
#ifndef DSCOSIM_MODEL_CORE_ENUM_NAMES_H_
#define DSCOSIM_MODEL_CORE_ENUM_NAMES_H_

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "dscosim/model/core/status.h"

namespace dscosim {

template <typename Enum, std::size_t N>
using EnumNames = std::array<std::pair<std::string_view, Enum>, N>;

// The value named `text`, or InvalidArgument(field) listing the allowed names.
template <typename Enum, std::size_t N>
Result<Enum> ParseEnumName(std::string_view text, std::string_view field,
                           const EnumNames<Enum, N>& names) {
  std::string allowed;
  for (const auto& [name, value] : names) {
    if (name == text) return value;
    if (!allowed.empty()) allowed += ", ";
    allowed += name;
  }
  return InvalidArgument(std::string(field), "must be one of: " + allowed);
}

// The name of `value` ("unknown" for a value missing from the table).
template <typename Enum, std::size_t N>
std::string_view EnumName(Enum value, const EnumNames<Enum, N>& names) {
  for (const auto& [name, v] : names) {
    if (v == value) return name;
  }
  return "unknown";
}

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CORE_ENUM_NAMES_H_
