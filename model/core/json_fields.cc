#include "dscosim/model/core/json_fields.h"

#include <cmath>
#include <limits>

namespace dscosim {
namespace {

// The member, or null when absent or JSON null.
const Json* Member(const Json& object, std::string_view key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

Status NotAnObject(std::string_view path) {
  return InvalidArgument(std::string(path.empty() ? "" : path), "must be a JSON object");
}

}  // namespace

std::string JoinPath(std::string_view prefix, std::string_view key) {
  if (prefix.empty()) return std::string(key);
  return std::string(prefix) + "." + std::string(key);
}

std::string IndexPath(std::string_view prefix, std::size_t index) {
  return std::string(prefix) + "[" + std::to_string(index) + "]";
}

Status RequireObject(const Json& value, std::string_view path) {
  return value.is_object() ? Status::Ok() : NotAnObject(path);
}

Result<std::optional<std::string>> OptString(const Json& object, std::string_view key,
                                             std::string_view path) {
  if (!object.is_object()) return NotAnObject(path);
  const Json* v = Member(object, key);
  if (v == nullptr) return std::optional<std::string>();
  if (!v->is_string()) return InvalidArgument(JoinPath(path, key), "must be a string");
  return std::optional<std::string>(v->get<std::string>());
}

Result<std::optional<std::int64_t>> OptInt(const Json& object, std::string_view key,
                                           std::string_view path) {
  if (!object.is_object()) return NotAnObject(path);
  const Json* v = Member(object, key);
  if (v == nullptr) return std::optional<std::int64_t>();
  if (v->is_number_integer()) return std::optional<std::int64_t>(v->get<std::int64_t>());
  if (v->is_number_unsigned()) {
    const auto u = v->get<std::uint64_t>();
    if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return std::optional<std::int64_t>(static_cast<std::int64_t>(u));
    }
  }
  if (v->is_number_float()) {
    const double d = v->get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15) {
      return std::optional<std::int64_t>(static_cast<std::int64_t>(d));
    }
  }
  return InvalidArgument(JoinPath(path, key), "must be an integer");
}

Result<std::optional<double>> OptNumber(const Json& object, std::string_view key,
                                        std::string_view path) {
  if (!object.is_object()) return NotAnObject(path);
  const Json* v = Member(object, key);
  if (v == nullptr) return std::optional<double>();
  if (!v->is_number()) return InvalidArgument(JoinPath(path, key), "must be a number");
  return std::optional<double>(v->get<double>());
}

Result<std::optional<bool>> OptBool(const Json& object, std::string_view key,
                                    std::string_view path) {
  if (!object.is_object()) return NotAnObject(path);
  const Json* v = Member(object, key);
  if (v == nullptr) return std::optional<bool>();
  if (!v->is_boolean()) return InvalidArgument(JoinPath(path, key), "must be true or false");
  return std::optional<bool>(v->get<bool>());
}

Result<std::optional<Time>> OptTime(const Json& object, std::string_view key,
                                    std::string_view path) {
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::string> text, OptString(object, key, path));
  if (!text) return std::optional<Time>();
  DSCOSIM_ASSIGN_OR_RETURN(const Time t, ParseIso8601(*text, JoinPath(path, key)));
  return std::optional<Time>(t);
}

Result<std::optional<std::string>> OptId(const Json& object, std::string_view key,
                                         std::string_view path) {
  if (!object.is_object()) return NotAnObject(path);
  const Json* v = Member(object, key);
  if (v == nullptr) return std::optional<std::string>();
  if (v->is_string()) return std::optional<std::string>(v->get<std::string>());
  if (v->is_number_integer() || v->is_number_unsigned()) {
    return std::optional<std::string>(v->dump());
  }
  return InvalidArgument(JoinPath(path, key), "must be a string or an integer");
}

Result<std::string> ReqString(const Json& object, std::string_view key, std::string_view path) {
  DSCOSIM_ASSIGN_OR_RETURN(std::optional<std::string> v, OptString(object, key, path));
  if (!v) return InvalidArgument(JoinPath(path, key), "is required");
  return std::move(*v);
}

Result<std::int64_t> ReqInt(const Json& object, std::string_view key, std::string_view path) {
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::int64_t> v, OptInt(object, key, path));
  if (!v) return InvalidArgument(JoinPath(path, key), "is required");
  return *v;
}

Result<const Json*> OptArray(const Json& object, std::string_view key, std::string_view path) {
  if (!object.is_object()) return NotAnObject(path);
  const Json* v = Member(object, key);
  if (v == nullptr) return static_cast<const Json*>(nullptr);
  if (!v->is_array()) return InvalidArgument(JoinPath(path, key), "must be an array");
  return v;
}

Result<const Json*> OptObject(const Json& object, std::string_view key, std::string_view path) {
  if (!object.is_object()) return NotAnObject(path);
  const Json* v = Member(object, key);
  if (v == nullptr) return static_cast<const Json*>(nullptr);
  if (!v->is_object()) return InvalidArgument(JoinPath(path, key), "must be a JSON object");
  return v;
}

bool JsonNestsDeeperThan(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

}  // namespace dscosim
