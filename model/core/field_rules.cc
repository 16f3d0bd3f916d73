#include "dscosim/model/core/field_rules.h"

#include <cmath>
#include <utility>

#include "dscosim/model/core/text.h"
#include "dscosim/model/core/time.h"

namespace dscosim {
namespace {

// "3" for integral values, else the shortest JSON spelling ("0.5").
std::string FormatNumber(double value) {
  if (std::fabs(value) < 9.0e15 && value == std::floor(value)) {
    return std::to_string(static_cast<std::int64_t>(value));
  }
  return Json(value).dump();
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

std::string AllowedList(std::span<const std::string_view> allowed) {
  std::string out;
  for (const std::string_view name : allowed) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

Status CheckString(const Json& value, const FieldRule& rule, const std::string& field) {
  if (!value.is_string()) return InvalidArgument(field, "must be a string");
  const std::string& text = value.get_ref<const std::string&>();
  DSCOSIM_RETURN_IF_ERROR(CheckUtf8(text, field));
  if ((rule.required || rule.non_empty) && text.empty())
    return InvalidArgument(field, "must not be empty");
  if (rule.max_length != 0 && Utf8Length(text) > rule.max_length) {
    return InvalidArgument(field,
                           "must be at most " + std::to_string(rule.max_length) + " characters");
  }
  if (!rule.allowed.empty()) {
    for (const std::string_view name : rule.allowed) {
      if (rule.ignore_case ? EqualsIgnoreCase(text, name) : text == name) return Status::Ok();
    }
    return InvalidArgument(field, "must be one of: " + AllowedList(rule.allowed));
  }
  return Status::Ok();
}

Status CheckRange(double value, const FieldRule& rule, const std::string& field) {
  if (rule.minimum && value < *rule.minimum) {
    return InvalidArgument(field, "must be at least " + FormatNumber(*rule.minimum));
  }
  if (rule.maximum && value > *rule.maximum) {
    return InvalidArgument(field, "must be at most " + FormatNumber(*rule.maximum));
  }
  return Status::Ok();
}

Status CheckValue(const Json& object, const Json& value, const FieldRule& rule,
                  std::string_view path, const std::string& field) {
  switch (rule.type) {
    case FieldType::kString:
      return CheckString(value, rule, field);
    case FieldType::kNumber: {
      DSCOSIM_ASSIGN_OR_RETURN(const std::optional<double> n, OptNumber(object, rule.key, path));
      return CheckRange(*n, rule, field);
    }
    case FieldType::kInteger: {
      DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::int64_t> n, OptInt(object, rule.key, path));
      return CheckRange(static_cast<double>(*n), rule, field);
    }
    case FieldType::kBool:
      return OptBool(object, rule.key, path).status();
    case FieldType::kDateTime:
      return OptTime(object, rule.key, path).status();
    case FieldType::kObject:
      return OptObject(object, rule.key, path).status();
    case FieldType::kArray:
      return OptArray(object, rule.key, path).status();
    case FieldType::kStringArray: {
      if (!value.is_array()) return InvalidArgument(field, "must be an array of strings");
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (!value[i].is_string()) return InvalidArgument(IndexPath(field, i), "must be a string");
      }
      return Status::Ok();
    }
    case FieldType::kNumberMap:
    case FieldType::kStringMap: {
      if (!value.is_object()) return InvalidArgument(field, "must be a JSON object");
      const bool numbers = rule.type == FieldType::kNumberMap;
      for (const auto& [key, member] : value.items()) {
        if (numbers ? !member.is_number() : !member.is_string()) {
          return InvalidArgument(JoinPath(field, key),
                                 numbers ? "must be a number" : "must be a string");
        }
      }
      return Status::Ok();
    }
  }
  return Status::Ok();
}

}  // namespace

Status CheckFields(const Json& object, std::string_view path, std::span<const FieldRule> rules) {
  DSCOSIM_RETURN_IF_ERROR(RequireObject(object, path));
  for (const FieldRule& rule : rules) {
    const std::string field = JoinPath(path, rule.key);
    const auto it = object.find(rule.key);
    if (it == object.end() || it->is_null()) {
      if (rule.required) return InvalidArgument(field, "is required");
      continue;
    }
    DSCOSIM_RETURN_IF_ERROR(CheckValue(object, *it, rule, path, field));
  }
  return Status::Ok();
}

Status CheckJsonUtf8(const Json& value, std::string_view path) {
  if (value.is_string()) return CheckUtf8(value.get_ref<const std::string&>(), path);
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      DSCOSIM_RETURN_IF_ERROR(CheckJsonUtf8(value[i], IndexPath(path, i)));
    }
  } else if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      if (!IsValidUtf8(key)) return InvalidArgument(std::string(path), "a key is not valid UTF-8");
      DSCOSIM_RETURN_IF_ERROR(CheckJsonUtf8(member, JoinPath(path, key)));
    }
  }
  return Status::Ok();
}

Result<const Json*> NonEmptyArray(const Json& object, std::string_view key, std::string_view path,
                                  bool required) {
  DSCOSIM_ASSIGN_OR_RETURN(const Json* array, OptArray(object, key, path));
  if (array == nullptr) {
    if (required) return InvalidArgument(JoinPath(path, key), "is required");
    return array;
  }
  if (array->empty()) return InvalidArgument(JoinPath(path, key), "must not be empty");
  return array;
}

Json WithoutKeys(const Json& object, std::span<const std::string_view> keys) {
  Json out = object.is_object() ? object : Json::object();
  for (const std::string_view key : keys) out.erase(std::string(key));
  return out;
}

Result<std::optional<std::string>> OptNonEmptyId(const Json& object, std::string_view key,
                                                 std::string_view path) {
  DSCOSIM_ASSIGN_OR_RETURN(std::optional<std::string> id, OptId(object, key, path));
  if (id && id->empty()) return InvalidArgument(JoinPath(path, key), "must not be empty");
  return id;
}

}  // namespace dscosim
