// CONF-POLL-001..003: the 5-second rule, contiguous polling windows, and scrolls
// followed to their empty page. Pure functions of one pass (README "Rules").
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dscosim/conformance/checks/check_support.h"
#include "dscosim/conformance/events.h"
#include "dscosim/conformance/rules.h"
#include "dscosim/model/core/time.h"

namespace dscosim::conformance {
namespace {

constexpr std::int64_t kMicros = 1'000'000;
// The platform's rule (facts §1.4): until at least 5 s before now.
constexpr std::int64_t kUntilLagMicros = 5 * kMicros;

// Seconds, "3.210 s".
std::string Seconds(std::int64_t micros) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.3f s", static_cast<double>(micros) / 1e6);
  return buf;
}

// When the pass began, on the platform's clock: the integration's first start, else the
// earliest moment recorded.
std::int64_t PassStart(const PassView& pass) {
  if (const Event* e = pass.FirstEvent(events::kIntegrationStarted)) return e->virtual_micros;
  std::optional<std::int64_t> start;
  for (const Event* e : pass.events) {
    if (!start || e->virtual_micros < *start) start = e->virtual_micros;
  }
  for (const Call* c : pass.calls) {
    if (!start || c->virtual_micros < *start) start = c->virtual_micros;
  }
  return start.value_or(0);
}

// A moment as an offset from the pass's start, "+12.345 s".
std::string At(std::int64_t start, std::int64_t micros) { return FormatOffset(micros, start); }

std::string RouteName(const Call& c) { return c.route.empty() ? c.method + " " + c.path : c.route; }

bool Ok2xx(const Call& c) { return IsSuccessStatus(c.status); }

// The request's string parameters: the query's (first value), then a JSON body's
// top-level strings (the POST search endpoints carry their criteria in the body).
std::map<std::string, std::string> Params(const Call& c) {
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : c.query) out.emplace(name, value);
  if (c.request_json.is_object()) {
    for (const auto& [name, value] : c.request_json.items()) {
      if (value.is_string()) out.emplace(name, value.get<std::string>());
    }
  }
  return out;
}

std::optional<std::int64_t> ParseTime(const std::string& text) {
  auto t = ParseIso8601(text, "");
  if (!t.ok()) return std::nullopt;
  return MicrosOf(*t);
}

// The result list of a page: every top-level array of the answer (orders,
// conversations, messages, logs, ...), and how many entries they hold.
std::size_t PageEntries(const Json& response, std::string* name) {
  std::size_t n = 0;
  if (!response.is_object()) return 0;
  for (const auto& [key, value] : response.items()) {
    if (!value.is_array()) continue;
    if (name != nullptr && name->empty()) *name = key;
    n += value.size();
  }
  return n;
}

std::string ShortId(const std::string& id) { return id.size() > 12 ? id.substr(0, 12) + "…" : id; }

}  // namespace

Verdict CheckPoll001(const PassView& pass) {
  const std::string id = "CONF-POLL-001";
  const std::int64_t start = PassStart(pass);
  struct Late {
    std::size_t count = 0;
    std::vector<std::uint64_t> seqs;  // the first kMaxSeqs
    const Call* worst = nullptr;
    std::int64_t worst_age = 0;  // now - until of the worst request
  };
  std::map<std::string, Late> by_route;
  std::size_t checked = 0;
  for (const Call* c : pass.calls) {
    const auto params = Params(*c);
    const auto until = params.find("until");
    // With a scrollId every other field is ignored, `until` too.
    if (until == params.end() || params.count("scrollId") != 0) continue;
    const auto t = ParseTime(until->second);
    if (!t) continue;  // unparseable: the platform refuses it, and no rule here judges that
    ++checked;
    const std::int64_t age = c->virtual_micros - *t;
    if (age >= kUntilLagMicros) continue;
    Late& late = by_route[RouteName(*c)];
    ++late.count;
    if (late.seqs.size() < kMaxSeqs) late.seqs.push_back(c->seq);
    if (late.worst == nullptr || age < late.worst_age) {
      late.worst = c;
      late.worst_age = age;
    }
  }
  if (checked == 0) return NotExercised(id, pass, "no request carried an until");
  std::vector<Finding> findings;
  for (const auto& [route, late] : by_route) {
    const Call& w = *late.worst;
    const std::string when = late.worst_age >= 0 ? Seconds(late.worst_age) + " before"
                                                 : Seconds(-late.worst_age) + " after";
    findings.push_back(
        {std::to_string(late.count) + " " + route + " request(s) sent an until less than 5 s before the " +
             "platform's now; the closest: seq " + std::to_string(w.seq) + " at " + At(start, w.virtual_micros) +
             " asked until " + At(start, w.virtual_micros - late.worst_age) + ", " + when + " now",
         late.seqs, "until at least 5 s before the platform's now (at most " +
                        At(start, w.virtual_micros - kUntilLagMicros) + " for seq " + std::to_string(w.seq) + ")"});
  }
  const std::string summary = std::to_string(checked) + " request(s) with an until" +
      (findings.empty() ? ", all at least 5 s before the platform's now" : "");
  return Judged(id, pass, summary, std::move(findings));
}

Verdict CheckPoll002(const PassView& pass) {
  const std::string id = "CONF-POLL-002";
  const std::int64_t start = PassStart(pass);
  struct Window {
    std::uint64_t seq = 0;
    std::int64_t until = 0;
    bool explicit_until = false;
  };
  // One polling query per route and since-field (createdSince, ordersUpdatedSince, ...).
  std::map<std::string, std::vector<Window>> queries;
  std::vector<Finding> findings;
  std::size_t compared = 0;
  for (const Call* c : pass.calls) {
    if (!Ok2xx(*c)) continue;
    const auto params = Params(*c);
    if (params.count("scrollId") != 0) continue;  // a later page, not a new window
    std::string since_name;
    std::optional<std::int64_t> since;
    for (const auto& [name, value] : params) {
      if (name.size() > 5 && name.compare(name.size() - 5, 5, "Since") == 0) {
        since_name = name;
        since = ParseTime(value);
        break;
      }
    }
    if (!since) continue;
    Window w;
    w.seq = c->seq;
    const auto until = params.find("until");
    std::optional<std::int64_t> u = until == params.end() ? std::nullopt : ParseTime(until->second);
    // Without until the window reaches up to the moment the platform answered.
    w.until = u.value_or(c->virtual_micros);
    w.explicit_until = u.has_value();
    const std::string key = RouteName(*c) + " " + since_name;
    std::vector<Window>& windows = queries[key];
    if (!windows.empty()) {
      ++compared;
      const Window& prev = windows.back();
      if (*since > prev.until) {
        findings.push_back(
            {key + " " + At(start, *since) + " (seq " + std::to_string(c->seq) + ") leaves a gap of " +
                 Seconds(*since - prev.until) + " after the previous window's " +
                 (prev.explicit_until ? "until " : "end (no until; answered at) ") + At(start, prev.until) +
                 " (seq " + std::to_string(prev.seq) + "): what changed in between is never read",
             {prev.seq, c->seq}, since_name + " at most " + At(start, prev.until) + ", the previous window's until"});
      }
    }
    windows.push_back(w);
  }
  if (compared == 0) {
    return NotExercised(id, pass,
                        queries.empty() ? "no successful polling request (a since and an until)"
                                        : "no polling query had two successful windows to compare");
  }
  std::string what;
  for (const auto& [key, windows] : queries) {
    what += (what.empty() ? "" : ", ") + key + ": " + std::to_string(windows.size());
  }
  const std::string summary = "windows per polling query (" + what + ")" +
      (findings.empty() ? ", each starting at or before the previous until" : "");
  return Judged(id, pass, summary, std::move(findings));
}

Verdict CheckPoll003(const PassView& pass) {
  const std::string id = "CONF-POLL-003";
  const std::int64_t start = PassStart(pass);
  struct Scroll {
    const Call* last_full = nullptr;  // the last page that had results
    std::size_t pages = 0;
    std::size_t entries = 0;
    std::string list;
    bool ended = false;  // a page for it came back empty
    bool refused = false;  // the platform refused a request for it (a profile's 400)
  };
  std::map<std::string, Scroll> scrolls;
  std::vector<std::string> order;  // first seen first
  for (const Call* c : pass.calls) {
    if (!Ok2xx(*c)) {
      // The profile's one deliberate 400 can land on the request for the next page; an
      // integration that then drops the scroll does what CONF-RETRY-003 asks (do not
      // resend a refused request), so that scroll is excused, not abandoned.
      const bool refusal = !c->fault.empty() && c->status >= 400 && c->status < 500 && !IsTransientStatus(c->status);
      if (refusal) {
        const auto params = Params(*c);
        const auto asked = params.find("scrollId");
        const auto it = asked == params.end() ? scrolls.end() : scrolls.find(asked->second);
        if (it != scrolls.end()) it->second.refused = true;
      }
      continue;
    }
    const auto params = Params(*c);
    const auto asked = params.find("scrollId");
    std::string scroll_id;
    if (asked != params.end()) {
      scroll_id = asked->second;
    } else if (c->response_json.is_object() && c->response_json.contains("scrollId") &&
               c->response_json["scrollId"].is_string()) {
      scroll_id = c->response_json["scrollId"].get<std::string>();
    }
    if (scroll_id.empty()) continue;
    std::string list;
    const std::size_t n = PageEntries(c->response_json, &list);
    auto [it, fresh] = scrolls.try_emplace(scroll_id);
    Scroll& s = it->second;
    if (n == 0) {
      // An empty first page (no results at all) opens nothing to follow.
      if (!fresh) s.ended = true; else scrolls.erase(it);
      continue;
    }
    if (fresh) order.push_back(scroll_id);
    s.last_full = c;
    s.ended = false;
    ++s.pages;
    s.entries += n;
    if (s.list.empty()) s.list = list;
  }
  if (scrolls.empty()) return NotExercised(id, pass, "no page came with a scrollId and results");

  // An integration stopped (or the pass ended) right after a page is excused: it had
  // no chance to ask for the next one.
  const auto interrupted = [&](const Call& page) {
    std::int64_t next_call = INT64_MAX;
    for (const Call* c : pass.calls) {
      if (c->seq > page.seq) {
        next_call = c->wall_micros - 1;
        break;
      }
    }
    return StopBetween(pass, page.answered_wall_micros(), next_call) != nullptr;
  };
  std::vector<Finding> findings;
  std::size_t excused = 0;
  for (const std::string& scroll_id : order) {
    const Scroll& s = scrolls.at(scroll_id);
    if (s.ended) continue;
    const Call& last = *s.last_full;
    if (s.refused || interrupted(last)) {
      ++excused;
      continue;
    }
    findings.push_back({RouteName(last) + " scroll " + ShortId(scroll_id) + ": the page of seq " +
                            std::to_string(last.seq) + " at " + At(start, last.virtual_micros) + " had " +
                            std::to_string(PageEntries(last.response_json, nullptr)) + " " + s.list +
                            (s.pages > 1 ? " (page " + std::to_string(s.pages) + ")" : "") +
                            ", and the scrollId was never asked for again",
                        {last.seq}, "requests with that scrollId until a page comes back empty"});
  }
  std::string what = std::to_string(scrolls.size()) + " scroll(s) with results";
  if (excused > 0) {
    what += " (" + std::to_string(excused) + " cut short by a stop, the pass's end or the profile's refusal)";
  }
  if (findings.empty() && excused < scrolls.size()) {
    what += excused > 0 ? ", the others followed to an empty page" : ", each followed to an empty page";
  }
  return Judged(id, pass, what, std::move(findings));
}

}  // namespace dscosim::conformance
