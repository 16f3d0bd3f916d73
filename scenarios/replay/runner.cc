#include "dscosim/scenarios/replay/runner.h"

#include <algorithm>
#include <cstdio>

#include "dscosim/fakes/api.h"
#include "dscosim/fakes/http.h"
#include "dscosim/model/core/hash.h"

namespace dscosim::scenarios {
namespace {

std::size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::size_t Placeholders(const fakes::Route& route) {
  return static_cast<std::size_t>(std::count_if(route.pattern.begin(), route.pattern.end(), [](const std::string& s) {
    return s == "{}" || s == "{...}";
  }));
}

// An operation may have several routes (a stream position with or without slashes):
// the one whose path parameters the step gives, else the first.
const fakes::Route* FindRoute(const std::string& op, std::size_t params) {
  const fakes::Route* first = nullptr;
  for (const fakes::Route& r : fakes::V3Routes()) {
    if (r.name != op) continue;
    if (Placeholders(r) == params) return &r;
    if (first == nullptr) first = &r;
  }
  return first;
}

std::string SuggestOperation(const std::string& op) {
  std::string best;
  std::size_t best_distance = 4;  // farther than this is no suggestion
  for (const fakes::Route& r : fakes::V3Routes()) {
    const std::size_t d = EditDistance(op, r.name);
    if (d < best_distance) {
      best_distance = d;
      best = r.name;
    }
  }
  return best.empty() ? "" : " (did you mean " + best + "?)";
}

std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  if (from.empty()) return text;
  for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size()) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// "now", "now-5s", "now+2h": the virtual clock moved by a whole number of s, m, h or d.
std::optional<Time> NowVariable(const std::string& name, Time now) {
  if (name == "now") return now;
  if (name.size() < 6 || (name[3] != '-' && name[3] != '+')) return std::nullopt;
  const char unit = name.back();
  const std::string digits = name.substr(4, name.size() - 5);
  if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  std::int64_t seconds = std::stoll(digits);
  switch (unit) {
    case 's': break;
    case 'm': seconds *= 60; break;
    case 'h': seconds *= 3600; break;
    case 'd': seconds *= 86400; break;
    default: return std::nullopt;
  }
  const Duration delta = std::chrono::seconds(seconds);
  return name[3] == '-' ? now - delta : now + delta;
}

std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string out;
  for (const auto& [k, v] : pairs) {
    if (!out.empty()) out += "&";
    out += fakes::PercentEncode(k) + "=" + fakes::PercentEncode(v);
  }
  return out;
}

std::string ErrorText(const fakes::WireResponse& r) {
  const Json body = Json::parse(r.body, nullptr, false);
  if (body.is_object() && body.contains("messages") && body["messages"].is_array() &&
      !body["messages"].empty() && body["messages"][0].contains("description")) {
    const Json& d = body["messages"][0]["description"];
    return d.is_string() ? d.get<std::string>() : d.dump();
  }
  return r.body.empty() ? "HTTP " + std::to_string(r.status) : r.body;
}

}  // namespace

bool StepReport::held() const {
  return not_run.empty() &&
         std::all_of(verdicts.begin(), verdicts.end(), [](const CheckVerdict& v) { return v.held; });
}

Result<fakes::WireResponse> SendControl(fakes::Transport& transport, const std::string& method,
                                        const std::string& path, const Json& body) {
  fakes::WireRequest request;
  request.method = method;
  request.target = "/_dscosim" + path;
  if (!body.is_null()) {
    request.body = body.dump();
    request.headers.emplace_back("Content-Type", "application/json");
  }
  fakes::WireResponse response = transport.Send(request);
  if (response.status == 0) {
    return Unavailable("the fake at " + transport.BaseUrl() + " gave no answer: " + response.error);
  }
  return response;
}

Result<fakes::WireResponse> ScenarioRunner::Control(const std::string& method, const std::string& target,
                                                    const Json& body) {
  return SendControl(transport_, method, target, body);
}

void ScenarioRunner::ReadClock(const fakes::WireResponse& response) {
  const Json clock = Json::parse(response.body, nullptr, false);
  if (clock.is_object() && clock.contains("nowMicros") && clock["nowMicros"].is_number_integer()) {
    now_ = TimeFromMicros(clock["nowMicros"].get<std::int64_t>());
  }
}

Status ScenarioRunner::Setup(const Scenario& scenario) {
  Json world = scenario.world;
  world["seed"] = scenario.seed;
  DSCOSIM_ASSIGN_OR_RETURN(fakes::WireResponse loaded, Control("PUT", "/world", world));
  if (loaded.status != 200) return InvalidArgument("world", ErrorText(loaded));
  const Json answer = Json::parse(loaded.body, nullptr, false);
  if (!answer.is_object() || !answer.contains("accounts")) {
    return Unavailable("the fake's world answer has no accounts: is " + transport_.BaseUrl() + " a dscosim?");
  }
  keys_.clear();
  accounts_.clear();
  names_.clear();
  saved_.clear();
  variables_.clear();
  for (const Json& a : answer["accounts"]) {
    const std::string id = a.value("dscoAccountId", "");
    accounts_[id] = Credentials{a.value("clientId", ""), a.value("clientSecret", ""), "", Time{}};
    const std::string name = a.value("name", "");
    names_[name] = names_.count(name) == 0 ? id : "";  // an ambiguous name resolves to nothing
  }
  if (answer.contains("accountKeys") && answer["accountKeys"].is_object()) {
    for (const auto& [key, id] : answer["accountKeys"].items()) keys_[key] = id.get<std::string>();
  }
  DSCOSIM_ASSIGN_OR_RETURN(fakes::WireResponse mode, Control("PUT", "/clock/mode", Json{{"mode", "manual"}}));
  if (mode.status != 200) return Unavailable("the fake refused a manual clock: " + ErrorText(mode));
  ReadClock(mode);
  DSCOSIM_ASSIGN_OR_RETURN(fakes::WireResponse limits,
                           Control("PUT", "/limits", Json{{"enabled", scenario.rate_limits}}));
  if (limits.status != 200) return Unavailable("the fake refused to set rate limits: " + ErrorText(limits));
  responses_hash_ = kFnv1a64Offset;
  return Status::Ok();
}

std::string ScenarioRunner::AccountIdOf(const std::string& as) const {
  if (const auto k = keys_.find(as); k != keys_.end()) return k->second;
  if (accounts_.count(as) != 0) return as;
  if (const auto n = names_.find(as); n != names_.end()) return n->second;
  return "";
}

std::optional<std::string> ScenarioRunner::SubstituteText(const std::string& text) const {
  const std::optional<Json> value = Substitute(text);
  if (!value) return std::nullopt;
  return value->is_string() ? value->get<std::string>() : value->dump();
}

std::optional<Json> ScenarioRunner::Substitute(const std::string& text) const {
  if (text.find("{{") == std::string::npos) return Json(text);
  const auto lookup = [&](const std::string& name) -> std::optional<Json> {
    if (name.rfind("accounts.", 0) == 0) {
      const std::string id = AccountIdOf(name.substr(9));
      if (id.empty()) return std::nullopt;
      return Json(id);
    }
    if (const std::optional<Time> t = NowVariable(name, now_)) return Json(FormatIso8601Millis(*t));
    if (const auto it = saved_.find(name); it != saved_.end()) return it->second;
    return std::nullopt;
  };
  const std::vector<std::string> names = VariablesIn(text);
  if (names.size() == 1 && text == "{{" + names[0] + "}}") return lookup(names[0]);
  std::string out = text;
  for (const std::string& name : names) {
    const std::optional<Json> value = lookup(name);
    if (!value) return std::nullopt;
    out = ReplaceAll(out, "{{" + name + "}}", value->is_string() ? value->get<std::string>() : value->dump());
  }
  return Json(out);
}

std::optional<Json> ScenarioRunner::SubstituteAll(const Json& value) const {
  if (value.is_string()) return Substitute(value.get<std::string>());
  if (value.is_array()) {
    Json out = Json::array();
    for (const Json& v : value) {
      std::optional<Json> s = SubstituteAll(v);
      if (!s) return std::nullopt;
      out.push_back(std::move(*s));
    }
    return out;
  }
  if (value.is_object()) {
    Json out = Json::object();
    for (const auto& [k, v] : value.items()) {
      const std::optional<std::string> key = SubstituteText(k);
      std::optional<Json> s = SubstituteAll(v);
      if (!key || !s) return std::nullopt;
      out[*key] = std::move(*s);
    }
    return out;
  }
  return value;
}

Status ScenarioRunner::MoveClockTo(Time target, const std::string& field) {
  if (target < now_) {
    return InvalidArgument(field, FormatIso8601Millis(target) + " is before the clock's now (" +
                                      FormatIso8601Millis(now_) + "); the clock never goes back");
  }
  if (target == now_) return Status::Ok();
  DSCOSIM_ASSIGN_OR_RETURN(fakes::WireResponse moved,
                           Control("POST", "/clock/advance", Json{{"to", FormatIso8601Exact(target)}}));
  if (moved.status != 200) return InvalidArgument(field, ErrorText(moved));
  ReadClock(moved);
  return Status::Ok();
}

Result<std::string> ScenarioRunner::TokenFor(const std::string& account) {
  Credentials& c = accounts_[account];
  if (!c.token.empty() && now_ < c.expires) return c.token;
  fakes::WireRequest request;
  request.method = "POST";
  request.target = "/api/v3/oauth2/token";
  request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  request.body = FormEncode({{"grant_type", "client_credentials"},
                             {"client_id", c.client_id},
                             {"client_secret", c.client_secret}});
  const fakes::WireResponse r = transport_.Send(request);
  if (r.status == 0) return Unavailable("the fake gave no answer to a token request: " + r.error);
  const Json body = Json::parse(r.body, nullptr, false);
  if (r.status != 200 || !body.is_object() || !body.contains("access_token")) {
    return FailedPrecondition("as", "the fake refused a token for account " + account + ": " + r.body);
  }
  c.token = body["access_token"].get<std::string>();
  c.expires = now_ + std::chrono::seconds(body.value("expires_in", 3600));
  return c.token;
}

Result<StepReport> ScenarioRunner::RunStep(const Step& step, std::size_t index) {
  const std::string path = "steps[" + std::to_string(index) + "]";
  StepReport report;
  report.index = index;
  report.step = &step;
  if (step.at) DSCOSIM_RETURN_IF_ERROR(MoveClockTo(*step.at, path + ".at"));

  fakes::WireRequest request;
  bool call_auth = false;
  switch (step.kind) {
    case StepKind::kAdvance: {
      if (step.to) {
        DSCOSIM_RETURN_IF_ERROR(MoveClockTo(*step.to, path + ".advance.to"));
      } else {
        DSCOSIM_ASSIGN_OR_RETURN(fakes::WireResponse moved,
                                 Control("POST", "/clock/advance", Json{{"seconds", *step.seconds}}));
        if (moved.status != 200) return InvalidArgument(path + ".advance", ErrorText(moved));
        ReadClock(moved);
      }
      report.time = now_;
      return report;
    }
    case StepKind::kSettle: {
      DSCOSIM_ASSIGN_OR_RETURN(fakes::WireResponse settled, Control("POST", "/clock/settle", Json()));
      if (settled.status != 200) return InvalidArgument(path + ".settle", ErrorText(settled));
      ReadClock(settled);
      report.time = now_;
      return report;
    }
    case StepKind::kCheck: {
      const std::optional<std::string> id = SubstituteText(step.object_id);
      if (!id) {
        report.time = now_;
        report.not_run = "its id uses a variable an earlier failed step did not save";
        return report;
      }
      request.method = "GET";
      request.target = "/_dscosim/objects/" + step.object_kind + "/" + fakes::PercentEncode(*id);
      break;
    }
    case StepKind::kCall: {
      const fakes::Route* route = FindRoute(step.op, step.params.size());
      if (route == nullptr) {
        return InvalidArgument(path + ".op", "no operation " + step.op + SuggestOperation(step.op));
      }
      const std::size_t placeholders = Placeholders(*route);
      if (placeholders != step.params.size()) {
        return InvalidArgument(path + ".params", step.op + " takes " + std::to_string(placeholders) +
                                                     " path parameter(s), not " +
                                                     std::to_string(step.params.size()));
      }
      if (!step.as.empty()) {
        const std::optional<std::string> as = SubstituteText(step.as);
        report.account = as ? AccountIdOf(*as) : "";
        if (report.account.empty()) {
          return InvalidArgument(path + ".as", "no account " + step.as + " in the world (a key, dscoAccountId or name)");
        }
      }
      std::string target = "/api/v3";
      std::size_t next_param = 0;
      bool missing = false;
      for (const std::string& segment : route->pattern) {
        std::string text = segment;
        if (segment == "{}" || segment == "{...}") {
          const std::optional<std::string> p = SubstituteText(step.params[next_param++]);
          missing = missing || !p;
          text = p.value_or("");
        }
        target += "/" + fakes::PercentEncode(text);
      }
      std::string query;
      for (const auto& [name, value] : step.query) {
        const std::optional<std::string> v = SubstituteText(value);
        missing = missing || !v;
        query += (query.empty() ? "?" : "&") + fakes::PercentEncode(name) + "=" + fakes::PercentEncode(v.value_or(""));
      }
      request.method = route->method;
      request.target = target + query;
      if (step.body) {
        const std::optional<Json> body = SubstituteAll(*step.body);
        missing = missing || !body;
        request.body = body ? body->dump() : "";
        request.headers.emplace_back("Content-Type", "application/json");
      } else if (step.form) {
        std::vector<std::pair<std::string, std::string>> form;
        for (const auto& [k, v] : *step.form) {
          const std::optional<std::string> s = SubstituteText(v);
          missing = missing || !s;
          form.emplace_back(k, s.value_or(""));
        }
        request.body = FormEncode(form);
        request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
      }
      if (missing) {
        report.time = now_;
        report.not_run = "it uses a variable an earlier failed step did not save";
        return report;
      }
      call_auth = step.auth && route->auth;
      break;
    }
  }
  if (call_auth) {
    DSCOSIM_ASSIGN_OR_RETURN(const std::string token, TokenFor(report.account));
    request.headers.emplace_back("Authorization", "Bearer " + token);
  }
  report.time = now_;
  report.method = request.method;
  report.target = request.target;
  fakes::WireResponse response = transport_.Send(request);
  if (response.status == 0) {
    report.not_run = "no answer: " + response.error;
    return report;
  }
  report.status = response.status;
  report.content_type = response.content_type;
  report.body = ReplaceAll(std::move(response.body), transport_.BaseUrl(), "{{baseUrl}}");
  if (report.content_type.find("json") != std::string::npos) {
    Json parsed = Json::parse(report.body, nullptr, false);
    if (!parsed.is_discarded()) report.json = std::move(parsed);
  }
  responses_hash_ = Fnv1a64(std::to_string(report.status) + "\n" + report.content_type + "\n", responses_hash_);
  responses_hash_ = Fnv1a64(report.body + "\n", responses_hash_);

  Expectation expect = step.expect;
  for (JsonCheck& check : expect.checks) {
    const std::optional<std::string> pointer = SubstituteText(check.pointer);
    const std::optional<Json> matcher = SubstituteAll(check.matcher);
    if (!pointer || !matcher) {
      report.not_run = "an expectation uses a variable an earlier failed step did not save";
      return report;
    }
    check.pointer = *pointer;
    check.matcher = *matcher;
  }
  report.verdicts = Evaluate(expect, report.status, report.content_type, report.json ? &*report.json : nullptr);
  for (const auto& [variable, pointer] : step.save) {
    const Json* value = report.json ? FindPointer(*report.json, pointer) : nullptr;
    CheckVerdict v{"saves {{" + variable + "}} from " + (pointer.empty() ? "the body" : pointer), value != nullptr, ""};
    if (value == nullptr) {
      v.got = "(absent)";
    } else {
      saved_[variable] = *value;
      variables_[variable] = value->is_string() ? value->get<std::string>() : value->dump();
    }
    report.verdicts.push_back(v);
  }
  return report;
}

Status ScenarioRunner::Finish(RunReport& report) {
  DSCOSIM_ASSIGN_OR_RETURN(fakes::WireResponse counters, Control("GET", "/counters", Json()));
  const Json body = Json::parse(counters.body, nullptr, false);
  if (counters.status != 200 || !body.is_object()) return Unavailable("the fake gave no counters");
  report.trace_hash = body.value("traceHash", "");
  report.trace_events = body.value("traceEvents", std::uint64_t{0});
  report.responses_hash = Hex64(responses_hash_);
  report.checks = report.failed_checks = report.failed_steps = 0;
  for (const StepReport& s : report.steps) {
    report.checks += s.verdicts.size();
    report.failed_checks += static_cast<std::size_t>(
        std::count_if(s.verdicts.begin(), s.verdicts.end(), [](const CheckVerdict& v) { return !v.held; }));
    if (!s.held()) ++report.failed_steps;
  }
  return Status::Ok();
}

Result<RunReport> RunScenario(const Scenario& scenario, fakes::Transport& transport,
                              const std::function<void(const StepReport&)>& on_step) {
  ScenarioRunner runner(transport);
  DSCOSIM_RETURN_IF_ERROR(runner.Setup(scenario));
  RunReport report;
  for (std::size_t i = 0; i < scenario.steps.size(); ++i) {
    DSCOSIM_ASSIGN_OR_RETURN(StepReport step, runner.RunStep(scenario.steps[i], i));
    report.steps.push_back(std::move(step));
    if (on_step) on_step(report.steps.back());
  }
  DSCOSIM_RETURN_IF_ERROR(runner.Finish(report));
  return report;
}

std::string FormatStepReport(const StepReport& r, bool verbose) {
  const Step& step = *r.step;
  char number[16];
  std::snprintf(number, sizeof number, "%4zu", r.index + 1);
  std::string line = std::string(number) + "  " + FormatIso8601Millis(r.time) + "  ";
  switch (step.kind) {
    case StepKind::kAdvance: line += "advance the clock"; break;
    case StepKind::kSettle: line += "settle (asynchronous work done)"; break;
    case StepKind::kCheck: {
      // The id as sent (its variables filled in), else as written.
      const std::size_t slash = r.target.rfind('/');
      const Result<std::string> sent = slash == std::string::npos
                                           ? Result<std::string>(step.object_id)
                                           : fakes::PercentDecode(r.target.substr(slash + 1), false);
      line += "check " + step.object_kind + " " + (sent.ok() ? *sent : step.object_id);
      break;
    }
    case StepKind::kCall: line += (step.as.empty() ? "(no account)" : step.as) + " " + step.op; break;
  }
  if (r.status != 0) line += " -> " + std::to_string(r.status);
  if (!step.name.empty()) line += "  (" + step.name + ")";
  line += "\n";
  if (!r.not_run.empty()) line += "        NOT RUN  " + r.not_run + "\n";
  for (const CheckVerdict& v : r.verdicts) {
    if (v.held && !verbose) continue;
    line += std::string(v.held ? "        held     " : "        FAILED   ") + v.description;
    if (!v.held) line += "  (got " + v.got + ")";
    line += "\n";
  }
  return line;
}

}  // namespace dscosim::scenarios
