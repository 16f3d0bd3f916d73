// Text rules shared by every store: free text must be valid UTF-8, and lengths are
// counted in characters (code points), as the spec's maxLength does.
#ifndef DSCOSIM_MODEL_CORE_TEXT_H_
#define DSCOSIM_MODEL_CORE_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "dscosim/model/core/status.h"

namespace dscosim {

// Well-formed UTF-8: no stray continuation bytes, no overlong forms, no surrogates,
// nothing above U+10FFFF.
bool IsValidUtf8(std::string_view text);

// Code points in `text`. Precondition: IsValidUtf8(text).
std::size_t Utf8Length(std::string_view text);

// True when `text` has nothing but spaces, tabs and line breaks.
bool IsBlank(std::string_view text);

// InvalidArgument(field) unless `text` is valid UTF-8.
Status CheckUtf8(std::string_view text, std::string_view field);

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CORE_TEXT_H_
