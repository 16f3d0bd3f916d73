#include "dscosim/scenarios/replay/expectation.h"

#include <set>

#include "dscosim/model/core/json_fields.h"

namespace dscosim::scenarios {
namespace {

const std::set<std::string, std::less<>> kOperators = {"$exists", "$length", "$in", "$contains",
                                                       "$gte",    "$lte",    "$type", "$not"};

bool IsOperator(const Json& matcher) {
  return matcher.is_object() && matcher.size() == 1 && matcher.begin().key().rfind('$', 0) == 0;
}

std::string TypeName(const Json& v) {
  if (v.is_string()) return "string";
  if (v.is_number()) return "number";
  if (v.is_boolean()) return "boolean";
  if (v.is_object()) return "object";
  if (v.is_array()) return "array";
  return "null";
}

std::string Short(const Json& value) {
  std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (text.size() > 200) text = text.substr(0, 197) + "...";
  return text;
}

std::string DescribeMatcher(const Json& m) {
  if (!IsOperator(m)) return "== " + Short(m);
  const std::string op = m.begin().key();
  const Json& arg = m.begin().value();
  if (op == "$exists") return arg == true ? "exists" : "is absent";
  if (op == "$length") return "has length " + Short(arg);
  if (op == "$in") return "is one of " + Short(arg);
  if (op == "$contains") return "contains " + Short(arg);
  if (op == "$gte") return ">= " + Short(arg);
  if (op == "$lte") return "<= " + Short(arg);
  if (op == "$type") return "is of type " + arg.get<std::string>();
  return "not (" + DescribeMatcher(arg) + ")";
}

}  // namespace

Status ValidateMatcher(const Json& matcher, const std::string& path) {
  if (!matcher.is_object() || matcher.empty() || matcher.begin().key().rfind('$', 0) != 0) {
    return Status::Ok();  // a plain value, compared for equality
  }
  if (matcher.size() != 1) return InvalidArgument(path, "an operator object has exactly one $key");
  const std::string op = matcher.begin().key();
  const Json& arg = matcher.begin().value();
  if (kOperators.count(op) == 0) {
    return InvalidArgument(path, "unknown operator " + op +
                                     " (known: $exists, $length, $in, $contains, $gte, $lte, $type, $not)");
  }
  if (op == "$exists" && !arg.is_boolean()) return InvalidArgument(path, "$exists takes true or false");
  if (op == "$length" && !(arg.is_number_integer() && arg.get<std::int64_t>() >= 0)) {
    return InvalidArgument(path, "$length takes a whole number");
  }
  if (op == "$in" && !arg.is_array()) return InvalidArgument(path, "$in takes a list");
  if ((op == "$gte" || op == "$lte") && !arg.is_number() && !arg.is_string()) {
    return InvalidArgument(path, op + " takes a number (or a string, compared as text)");
  }
  if (op == "$type" && !(arg.is_string() && std::set<std::string>{"string", "number", "boolean",
                                                                    "object", "array", "null"}
                                                    .count(arg.get<std::string>()) != 0)) {
    return InvalidArgument(path, "$type takes string, number, boolean, object, array or null");
  }
  if (op == "$not") return ValidateMatcher(arg, path + ".$not");
  return Status::Ok();
}

bool Matches(const Json& matcher, const Json* value) {
  if (!IsOperator(matcher)) return value != nullptr && *value == matcher;
  const std::string op = matcher.begin().key();
  const Json& arg = matcher.begin().value();
  if (op == "$exists") return (value != nullptr) == arg.get<bool>();
  if (op == "$not") return !Matches(arg, value);
  if (value == nullptr) return false;
  if (op == "$length") {
    const std::size_t n = arg.get<std::size_t>();
    if (value->is_array() || value->is_object()) return value->size() == n;
    if (value->is_string()) return value->get<std::string>().size() == n;
    return false;
  }
  if (op == "$in") {
    for (const Json& candidate : arg) {
      if (candidate == *value) return true;
    }
    return false;
  }
  if (op == "$contains") {
    if (value->is_string() && arg.is_string()) {
      return value->get<std::string>().find(arg.get<std::string>()) != std::string::npos;
    }
    if (value->is_array()) {
      for (const Json& element : *value) {
        if (element == arg) return true;
      }
    }
    return false;
  }
  if (op == "$gte" || op == "$lte") {
    if (arg.is_number() && value->is_number()) {
      return op == "$gte" ? value->get<double>() >= arg.get<double>()
                          : value->get<double>() <= arg.get<double>();
    }
    if (arg.is_string() && value->is_string()) {
      return op == "$gte" ? value->get<std::string>() >= arg.get<std::string>()
                          : value->get<std::string>() <= arg.get<std::string>();
    }
    return false;
  }
  return TypeName(*value) == arg.get<std::string>();  // $type
}

const Json* FindPointer(const Json& document, const std::string& pointer) {
  if (pointer.empty()) return &document;
  const Json* at = &document;
  std::size_t start = 1;
  while (true) {
    const std::size_t end = pointer.find('/', start);
    std::string token = pointer.substr(start, end == std::string::npos ? std::string::npos : end - start);
    for (std::size_t i = 0; (i = token.find('~', i)) != std::string::npos; ++i) {
      if (i + 1 < token.size() && token[i + 1] == '1') token.replace(i, 2, "/");
      else if (i + 1 < token.size() && token[i + 1] == '0') token.replace(i, 2, "~");
    }
    if (at->is_object()) {
      const auto it = at->find(token);
      if (it == at->end()) return nullptr;
      at = &*it;
    } else if (at->is_array()) {
      if (token.empty() || token.size() > 9 || token.find_first_not_of("0123456789") != std::string::npos ||
          (token.size() > 1 && token[0] == '0')) {
        return nullptr;
      }
      const std::size_t index = std::stoul(token);
      if (index >= at->size()) return nullptr;
      at = &(*at)[index];
    } else {
      return nullptr;
    }
    if (end == std::string::npos) return at;
    start = end + 1;
  }
}

std::vector<CheckVerdict> Evaluate(const Expectation& expect, int status, std::string_view content_type,
                                   const Json* body) {
  std::vector<CheckVerdict> out;
  if (!expect.statuses.empty()) {
    CheckVerdict v;
    std::string list;
    for (const int s : expect.statuses) list += (list.empty() ? "" : " or ") + std::to_string(s);
    v.description = "status is " + list;
    for (const int s : expect.statuses) v.held = v.held || s == status;
    if (!v.held) v.got = std::to_string(status);
    out.push_back(v);
  }
  if (expect.content_type) {
    const std::string media(content_type.substr(0, content_type.find(';')));
    CheckVerdict v{"content type is " + *expect.content_type, media == *expect.content_type, ""};
    if (!v.held) v.got = media.empty() ? "(none)" : media;
    out.push_back(v);
  }
  for (const JsonCheck& check : expect.checks) {
    CheckVerdict v;
    v.description = (check.pointer.empty() ? "body" : check.pointer) + " " + DescribeMatcher(check.matcher);
    if (body == nullptr) {
      v.got = "the body is not JSON";
    } else {
      const Json* value = FindPointer(*body, check.pointer);
      v.held = Matches(check.matcher, value);
      if (!v.held) v.got = value == nullptr ? "(absent)" : Short(*value);
    }
    out.push_back(v);
  }
  return out;
}

}  // namespace dscosim::scenarios
