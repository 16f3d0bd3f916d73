#include "dscosim/scenarios/replay/scenario.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "dscosim/fakes/http.h"
#include "dscosim/model/core/json_fields.h"
#include "dscosim/scenarios/replay/expectation.h"

namespace dscosim::scenarios {
namespace {

const std::set<std::string, std::less<>> kTopKeys = {
    "dscosimScenario", "name", "description", "seed", "world", "rateLimits", "steps"};
const std::set<std::string, std::less<>> kCallKeys = {"name", "at", "as", "op", "params", "query",
                                                      "body", "form", "auth", "save", "expect"};
const std::set<std::string, std::less<>> kObjectKinds = {"order",   "conversation", "return",
                                                         "invoice", "item",         "stream"};

Status UnknownKeys(const Json& object, const std::set<std::string, std::less<>>& allowed,
                   const std::string& path) {
  for (const auto& [key, value] : object.items()) {
    if (allowed.count(key) == 0) return InvalidArgument(JoinPath(path, key), "is not a field here");
  }
  return Status::Ok();
}

Result<std::vector<std::pair<std::string, std::string>>> StringPairs(const Json& object,
                                                                     const std::string& path,
                                                                     bool allow_lists) {
  if (!object.is_object()) return InvalidArgument(path, "must be an object");
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [key, value] : object.items()) {
    if (value.is_string()) {
      out.emplace_back(key, value.get<std::string>());
    } else if (value.is_number_integer()) {
      out.emplace_back(key, value.dump());
    } else if (allow_lists && value.is_array()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (!value[i].is_string()) return InvalidArgument(IndexPath(JoinPath(path, key), i), "must be a string");
        out.emplace_back(key, value[i].get<std::string>());
      }
    } else {
      return InvalidArgument(JoinPath(path, key), allow_lists ? "must be a string or a list of strings"
                                                              : "must be a string");
    }
  }
  return out;
}

Result<Expectation> ParseExpectation(const Json& step, const std::string& step_path) {
  Expectation e;
  const auto it = step.find("expect");
  if (it == step.end()) return e;
  const std::string path = JoinPath(step_path, "expect");
  if (!it->is_object()) return InvalidArgument(path, "must be an object");
  DSCOSIM_RETURN_IF_ERROR(UnknownKeys(*it, {"status", "contentType", "json"}, path));
  if (const auto s = it->find("status"); s != it->end()) {
    const Json list = s->is_array() ? *s : Json::array({*s});
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (!list[i].is_number_integer() || list[i].get<int>() < 100 || list[i].get<int>() > 599) {
        return InvalidArgument(JoinPath(path, "status"), "must be an HTTP status (100-599) or a list of them");
      }
      e.statuses.push_back(list[i].get<int>());
    }
  }
  DSCOSIM_ASSIGN_OR_RETURN(e.content_type, OptString(*it, "contentType", path));
  if (const auto j = it->find("json"); j != it->end()) {
    if (!j->is_object()) return InvalidArgument(JoinPath(path, "json"), "must be an object of JSON pointer: matcher");
    for (const auto& [pointer, matcher] : j->items()) {
      if (!pointer.empty() && pointer[0] != '/') {
        return InvalidArgument(JoinPath(JoinPath(path, "json"), pointer),
                               "a JSON pointer starts with / (\"\" is the whole body)");
      }
      DSCOSIM_RETURN_IF_ERROR(ValidateMatcher(matcher, JoinPath(JoinPath(path, "json"), pointer)));
      e.checks.push_back({pointer, matcher});
    }
  }
  return e;
}

Result<Step> ParseStep(const Json& s, const std::string& path) {
  if (!s.is_object()) return InvalidArgument(path, "must be an object");
  Step step;
  DSCOSIM_ASSIGN_OR_RETURN(std::optional<std::string> name, OptString(s, "name", path));
  step.name = name.value_or("");
  DSCOSIM_ASSIGN_OR_RETURN(step.at, OptTime(s, "at", path));
  DSCOSIM_ASSIGN_OR_RETURN(step.expect, ParseExpectation(s, path));
  if (s.contains("advance")) {
    step.kind = StepKind::kAdvance;
    DSCOSIM_RETURN_IF_ERROR(UnknownKeys(s, {"name", "advance"}, path));
    const std::string a = JoinPath(path, "advance");
    const Json& advance = s["advance"];
    DSCOSIM_RETURN_IF_ERROR(RequireObject(advance, a));
    DSCOSIM_RETURN_IF_ERROR(UnknownKeys(advance, {"seconds", "to"}, a));
    DSCOSIM_ASSIGN_OR_RETURN(step.seconds, OptNumber(advance, "seconds", a));
    DSCOSIM_ASSIGN_OR_RETURN(step.to, OptTime(advance, "to", a));
    if (step.seconds.has_value() == step.to.has_value()) {
      return InvalidArgument(a, "give exactly one of seconds or to");
    }
    if (step.seconds && !(*step.seconds >= 0 && *step.seconds <= 3.2e9)) {
      return InvalidArgument(JoinPath(a, "seconds"), "must be between 0 and 3.2e9");
    }
    return step;
  }
  if (s.contains("settle")) {
    step.kind = StepKind::kSettle;
    DSCOSIM_RETURN_IF_ERROR(UnknownKeys(s, {"name", "at", "settle"}, path));
    if (s["settle"] != true) return InvalidArgument(JoinPath(path, "settle"), "must be true");
    return step;
  }
  if (s.contains("check")) {
    step.kind = StepKind::kCheck;
    DSCOSIM_RETURN_IF_ERROR(UnknownKeys(s, {"name", "at", "check", "expect"}, path));
    const std::string c = JoinPath(path, "check");
    const Json& check = s["check"];
    DSCOSIM_RETURN_IF_ERROR(RequireObject(check, c));
    DSCOSIM_RETURN_IF_ERROR(UnknownKeys(check, {"kind", "id"}, c));
    DSCOSIM_ASSIGN_OR_RETURN(step.object_kind, ReqString(check, "kind", c));
    if (kObjectKinds.count(step.object_kind) == 0) {
      return InvalidArgument(JoinPath(c, "kind"),
                             "must be one of: order, conversation, return, invoice, item, stream");
    }
    DSCOSIM_ASSIGN_OR_RETURN(step.object_id, ReqString(check, "id", c));
    if (step.expect.empty()) return InvalidArgument(JoinPath(path, "expect"), "a check needs expectations");
    return step;
  }
  step.kind = StepKind::kCall;
  DSCOSIM_RETURN_IF_ERROR(UnknownKeys(s, kCallKeys, path));
  if (!s.contains("op")) {
    return InvalidArgument(path, "a step is a call (op), an advance, a settle or a check");
  }
  DSCOSIM_ASSIGN_OR_RETURN(step.op, ReqString(s, "op", path));
  DSCOSIM_ASSIGN_OR_RETURN(std::optional<std::string> as, OptString(s, "as", path));
  step.as = as.value_or("");
  DSCOSIM_ASSIGN_OR_RETURN(const Json* params, OptArray(s, "params", path));
  for (std::size_t i = 0; params != nullptr && i < params->size(); ++i) {
    const Json& p = (*params)[i];
    if (!p.is_string() && !p.is_number_integer()) {
      return InvalidArgument(IndexPath(JoinPath(path, "params"), i), "must be a string");
    }
    step.params.push_back(p.is_string() ? p.get<std::string>() : p.dump());
  }
  if (s.contains("query")) {
    DSCOSIM_ASSIGN_OR_RETURN(step.query, StringPairs(s["query"], JoinPath(path, "query"), true));
  }
  if (s.contains("body")) step.body = s["body"];
  if (s.contains("form")) {
    if (step.body) return InvalidArgument(JoinPath(path, "form"), "give body or form, not both");
    DSCOSIM_ASSIGN_OR_RETURN(step.form, StringPairs(s["form"], JoinPath(path, "form"), false));
  }
  DSCOSIM_ASSIGN_OR_RETURN(std::optional<bool> auth, OptBool(s, "auth", path));
  step.auth = auth.value_or(true);
  if (step.auth && step.as.empty()) {
    return InvalidArgument(JoinPath(path, "as"), "is required: which account calls (or auth: false)");
  }
  if (s.contains("save")) {
    DSCOSIM_ASSIGN_OR_RETURN(step.save, StringPairs(s["save"], JoinPath(path, "save"), false));
    for (const auto& [variable, pointer] : step.save) {
      if (variable.empty() || variable.rfind("accounts.", 0) == 0 || variable.rfind("now", 0) == 0) {
        return InvalidArgument(JoinPath(JoinPath(path, "save"), variable),
                               "is a reserved name (accounts.*, now...)");
      }
      if (!pointer.empty() && pointer[0] != '/') {
        return InvalidArgument(JoinPath(JoinPath(path, "save"), variable), "must be a JSON pointer");
      }
    }
  }
  return step;
}

void CollectStrings(const Json& value, std::vector<std::string>& out) {
  if (value.is_string()) {
    out.push_back(value.get<std::string>());
  } else if (value.is_structured()) {
    for (const auto& [key, child] : value.items()) {
      out.push_back(key);
      CollectStrings(child, out);
    }
  }
}

// Every variable a step uses was saved by an earlier step (or is built in).
Status CheckVariables(const Scenario& scenario) {
  std::set<std::string> saved;
  for (std::size_t i = 0; i < scenario.steps.size(); ++i) {
    const Step& step = scenario.steps[i];
    std::vector<std::string> texts = {step.as, step.object_id};
    for (const std::string& p : step.params) texts.push_back(p);
    for (const auto& [k, v] : step.query) texts.push_back(v);
    if (step.form) for (const auto& [k, v] : *step.form) texts.push_back(v);
    if (step.body) CollectStrings(*step.body, texts);
    for (const JsonCheck& c : step.expect.checks) {
      texts.push_back(c.pointer);
      CollectStrings(c.matcher, texts);
    }
    for (const std::string& text : texts) {
      for (const std::string& v : VariablesIn(text)) {
        if (v.rfind("accounts.", 0) == 0 || v.rfind("now", 0) == 0) continue;
        if (saved.count(v) == 0) {
          return InvalidArgument(IndexPath("steps", i),
                                 "uses {{" + v + "}}, which no earlier step saves");
        }
      }
    }
    for (const auto& [variable, pointer] : step.save) saved.insert(variable);
  }
  return Status::Ok();
}

Result<std::string> ReadFile(const std::string& path, const std::string& field) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return InvalidArgument(field, "cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Result<Json> ReadJsonFile(const std::string& path, const std::string& field) {
  DSCOSIM_ASSIGN_OR_RETURN(const std::string text, ReadFile(path, field));
  if (JsonNestsDeeperThan(text, kMaxJsonDepth)) return InvalidArgument(field, path + " nests too deep");
  Json doc = Json::parse(text, nullptr, false);
  if (doc.is_discarded()) return InvalidArgument(field, path + " is not valid JSON");
  return doc;
}

}  // namespace

std::vector<std::string> VariablesIn(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while ((at = text.find("{{", at)) != std::string::npos) {
    const std::size_t end = text.find("}}", at + 2);
    if (end == std::string::npos) break;
    out.push_back(text.substr(at + 2, end - at - 2));
    at = end + 2;
  }
  return out;
}

Result<Scenario> ParseScenario(const Json& doc, const std::optional<Json>& world_from_file) {
  DSCOSIM_RETURN_IF_ERROR(RequireObject(doc, ""));
  DSCOSIM_RETURN_IF_ERROR(UnknownKeys(doc, kTopKeys, ""));
  DSCOSIM_ASSIGN_OR_RETURN(const std::int64_t version, ReqInt(doc, "dscosimScenario"));
  if (version != kScenarioFormatVersion) {
    return InvalidArgument("dscosimScenario", "this dscosim reads version " +
                                                  std::to_string(kScenarioFormatVersion));
  }
  Scenario s;
  DSCOSIM_ASSIGN_OR_RETURN(std::optional<std::string> name, OptString(doc, "name"));
  s.name = name.value_or("");
  DSCOSIM_ASSIGN_OR_RETURN(std::optional<std::string> description, OptString(doc, "description"));
  s.description = description.value_or("");
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<std::int64_t> seed, OptInt(doc, "seed"));
  if (seed && *seed < 0) return InvalidArgument("seed", "must not be negative");
  s.seed = static_cast<std::uint64_t>(seed.value_or(1));
  DSCOSIM_ASSIGN_OR_RETURN(const std::optional<bool> limits, OptBool(doc, "rateLimits"));
  s.rate_limits = limits.value_or(false);
  if (!doc.contains("world")) return InvalidArgument("world", "is required (a world file, its path, or {\"demo\": true})");
  const Json& world = doc["world"];
  if (world.is_string()) {
    if (!world_from_file) return InvalidArgument("world", "names a file; read the scenario with LoadScenarioFile");
    s.world_file = world.get<std::string>();
    s.world = *world_from_file;
  } else if (world.is_object()) {
    s.world = world;
  } else {
    return InvalidArgument("world", "must be a world file (an object) or its path");
  }
  DSCOSIM_ASSIGN_OR_RETURN(const Json* steps, OptArray(doc, "steps"));
  if (steps == nullptr) return InvalidArgument("steps", "is required");
  for (std::size_t i = 0; i < steps->size(); ++i) {
    DSCOSIM_ASSIGN_OR_RETURN(Step step, ParseStep((*steps)[i], IndexPath("steps", i)));
    s.steps.push_back(std::move(step));
  }
  DSCOSIM_RETURN_IF_ERROR(CheckVariables(s));
  return s;
}

Json ScenarioToJson(const Scenario& s) {
  Json doc = {{"dscosimScenario", kScenarioFormatVersion}};
  if (!s.name.empty()) doc["name"] = s.name;
  if (!s.description.empty()) doc["description"] = s.description;
  doc["seed"] = s.seed;
  doc["world"] = s.world;
  if (s.rate_limits) doc["rateLimits"] = true;
  Json steps = Json::array();
  for (const Step& step : s.steps) {
    Json j = Json::object();
    if (!step.name.empty()) j["name"] = step.name;
    if (step.at) j["at"] = FormatIso8601Exact(*step.at);
    switch (step.kind) {
      case StepKind::kAdvance:
        j["advance"] = step.seconds ? Json{{"seconds", *step.seconds}} : Json{{"to", FormatIso8601Exact(*step.to)}};
        break;
      case StepKind::kSettle:
        j["settle"] = true;
        break;
      case StepKind::kCheck:
        j["check"] = {{"kind", step.object_kind}, {"id", step.object_id}};
        break;
      case StepKind::kCall:
        if (!step.as.empty()) j["as"] = step.as;
        j["op"] = step.op;
        if (!step.params.empty()) j["params"] = step.params;
        if (!step.query.empty()) j["query"] = fakes::PairsToJson(step.query);
        if (step.body) j["body"] = *step.body;
        if (step.form) j["form"] = fakes::PairsToJson(*step.form);
        if (!step.auth) j["auth"] = false;
        if (!step.save.empty()) j["save"] = fakes::PairsToJson(step.save);
        break;
    }
    if (!step.expect.empty()) {
      Json e = Json::object();
      if (step.expect.statuses.size() == 1) e["status"] = step.expect.statuses[0];
      if (step.expect.statuses.size() > 1) e["status"] = step.expect.statuses;
      if (step.expect.content_type) e["contentType"] = *step.expect.content_type;
      if (!step.expect.checks.empty()) {
        Json checks = Json::object();
        for (const JsonCheck& c : step.expect.checks) checks[c.pointer] = c.matcher;
        e["json"] = checks;
      }
      j["expect"] = e;
    }
    steps.push_back(std::move(j));
  }
  doc["steps"] = std::move(steps);
  return doc;
}

Result<Scenario> LoadScenarioFile(const std::string& path) {
  DSCOSIM_ASSIGN_OR_RETURN(const Json doc, ReadJsonFile(path, "file"));
  std::optional<Json> world;
  if (doc.is_object() && doc.contains("world") && doc["world"].is_string()) {
    const std::filesystem::path world_path =
        std::filesystem::path(path).parent_path() / doc["world"].get<std::string>();
    DSCOSIM_ASSIGN_OR_RETURN(world, ReadJsonFile(world_path.string(), "world"));
  }
  return ParseScenario(doc, world);
}

Status WriteScenarioFile(const Scenario& scenario, const std::string& path) {
  Scenario inline_world = scenario;
  inline_world.world_file.clear();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return InvalidArgument("path", "cannot write " + path);
  out << ScenarioToJson(inline_world).dump(2) << "\n";
  if (!out) return InvalidArgument("path", "cannot write " + path);
  return Status::Ok();
}

}  // namespace dscosim::scenarios
