// CONF-CC-001..003: customer care. Every consumer message answered within its SLA,
// every answered conversation closed, no repeated attempts on a closed conversation.
// Pure functions of one pass (README "Rules").
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dscosim/conformance/checks/check_support.h"
#include "dscosim/conformance/events.h"
#include "dscosim/conformance/rules.h"
#include "dscosim/model/core/time.h"

namespace dscosim::conformance {
namespace {

std::string Seconds(std::int64_t micros) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.3f s", static_cast<double>(micros) / 1e6);
  return buf;
}

bool Ok2xx(const Call& c) { return IsSuccessStatus(c.status); }

// An answer the platform never judged: the request must be sent again (RETRY-001).
bool Transient(const Call& c) { return !c.fault.empty() || IsTransientStatus(c.status); }


bool IsRoute(const Call& c, const char* route, const char* method, const char* path) {
  return c.route == route || (c.route.empty() && c.method == method && c.path == path);
}

struct Opened {
  std::string conversation;
  std::string message;
  std::int64_t at = 0;
  std::int64_t answer_by = 0;
};

// The add and close requests of the integration, and what the pass recorded around them.
struct CareView {
  std::int64_t start = 0;
  std::int64_t end = 0;  // pass_end, else the last moment recorded
  std::vector<Opened> opened;
  std::map<std::string, std::int64_t> closed_by_partner;  // first event per conversation
  // The integration's own messages in the final state, per conversation (create dates).
  std::map<std::string, std::vector<std::int64_t>> final_replies;
  std::map<std::string, std::optional<std::int64_t>> final_closed;  // closedDate when closed
  struct Act {
    const Call* call = nullptr;
    std::string conversation;  // "" when it names none we know
  };
  std::vector<Act> adds;
  std::vector<Act> status_updates;  // updateConversation with a status

  std::string At(std::int64_t micros) const { return FormatOffset(micros, start); }
};

CareView View(const PassView& pass) {
  CareView v;
  const VirtualSpan span = PassVirtualSpan(pass);
  v.start = span.start;
  v.end = span.end;

  for (const Event* e : pass.EventsOf(events::kConversationOpened)) {
    Opened o;
    o.conversation = JsonText(e->data, "dscoConversationId");
    o.message = JsonText(e->data, "dscoMessageId");
    o.at = e->virtual_micros;
    const auto by = e->data.is_object() ? e->data.find("answerByVirtual") : e->data.end();
    o.answer_by = e->data.is_object() && by != e->data.end() && by->is_number() ? by->get<std::int64_t>() : 0;
    if (!o.conversation.empty()) v.opened.push_back(std::move(o));
  }
  for (const Event* e : pass.EventsOf(events::kConversationClosedByPartner)) {
    v.closed_by_partner.try_emplace(JsonText(e->data, "dscoConversationId"), e->virtual_micros);
  }

  // Reference ids name conversations too: learn them from the final state and from the
  // integration's own successful updates.
  std::map<std::string, std::string> by_retailer_ref, by_supplier_ref;
  const std::string me = pass.info != nullptr ? pass.info->account_id : "";
  std::vector<const Event*> finals = pass.EventsOf(events::kFinalConversations);
  if (!finals.empty()) {
    const Json& data = finals.back()->data;
    const Json list = data.is_object() && data.contains("conversations") ? data["conversations"] : Json::array();
    for (const Json& entry : list) {
      if (!entry.is_object() || !entry.contains("conversation") || !entry["conversation"].is_object()) continue;
      const Json& conv = entry["conversation"];
      const std::string id = JsonText(conv, "id").empty() ? JsonText(conv, "dscoConversationId") : JsonText(conv, "id");
      if (id.empty()) continue;
      if (const std::string r = JsonText(conv, "retailerReferenceId"); !r.empty()) by_retailer_ref[r] = id;
      if (const std::string r = JsonText(conv, "supplierReferenceId"); !r.empty()) by_supplier_ref[r] = id;
      v.final_closed[id] = JsonText(conv, "status") == "closed" ? JsonTimeMicros(conv, "closedDate") : std::nullopt;
      if (!me.empty() && entry.contains("messages") && entry["messages"].is_array()) {
        for (const Json& m : entry["messages"]) {
          if (JsonText(m, "dscoAccountId") != me) continue;
          if (const auto t = JsonTimeMicros(m, "createDate")) v.final_replies[id].push_back(*t);
        }
      }
    }
  }
  for (const Call* c : pass.calls) {
    if (!Ok2xx(*c) || !IsRoute(*c, "updateConversation", "PUT", "/conversation")) continue;
    const std::string id = JsonText(c->request_json, "dscoConversationId");
    if (id.empty()) continue;
    if (const std::string r = JsonText(c->request_json, "retailerReferenceId"); !r.empty()) by_retailer_ref[r] = id;
    if (const std::string r = JsonText(c->request_json, "supplierReferenceId"); !r.empty()) by_supplier_ref[r] = id;
  }
  const auto named = [&](const Call& c, const char* retailer_key, const char* supplier_key) {
    // A successful answer names the conversation itself.
    std::string id = Ok2xx(c) ? JsonText(c.response_json, "dscoConversationId") : "";
    if (id.empty() && Ok2xx(c) && c.path == "/conversation") id = JsonText(c.response_json, "id");
    if (id.empty()) id = JsonText(c.request_json, "dscoConversationId");
    if (id.empty()) {
      auto it = by_retailer_ref.find(JsonText(c.request_json, retailer_key));
      if (it != by_retailer_ref.end()) id = it->second;
    }
    if (id.empty()) {
      auto it = by_supplier_ref.find(JsonText(c.request_json, supplier_key));
      if (it != by_supplier_ref.end()) id = it->second;
    }
    return id;
  };
  for (const Call* c : pass.calls) {
    if (IsRoute(*c, "addConversationMessage", "POST", "/conversation/message")) {
      v.adds.push_back({c, named(*c, "retailerReferenceId", "supplierReferenceId")});
    } else if (IsRoute(*c, "updateConversation", "PUT", "/conversation") && c->request_json.is_object() &&
               c->request_json.contains("status")) {
      v.status_updates.push_back({c, named(*c, "findByRetailerReferenceId", "findBySupplierReferenceId")});
    }
  }
  return v;
}

// The integration's first answer in a conversation (a 2xx add, or its message in the
// final state), and the request that shows it when there is one.
struct Answer {
  std::optional<std::int64_t> at;
  const Call* call = nullptr;
};

Answer FirstAnswer(const CareView& v, const std::string& conversation) {
  Answer a;
  for (const CareView::Act& add : v.adds) {
    if (add.conversation == conversation && Ok2xx(*add.call)) {
      a.at = add.call->virtual_micros;
      a.call = add.call;
      break;
    }
  }
  if (auto it = v.final_replies.find(conversation); it != v.final_replies.end() && !it->second.empty()) {
    const std::int64_t t = *std::min_element(it->second.begin(), it->second.end());
    if (!a.at || t < *a.at) a.at = t;
  }
  return a;
}

bool Closing(const Call& c) { return JsonText(c.request_json, "status") == "closed"; }

bool SaysClosed(const Call& c) {
  if (c.status != 400 || !c.fault.empty()) return false;
  std::string text = c.response_text;
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return text.find("closed") != std::string::npos;
}

}  // namespace

Verdict CheckCc001(const PassView& pass) {
  const std::string id = "CONF-CC-001";
  const CareView v = View(pass);
  if (v.opened.empty()) return NotExercised(id, pass, "no consumer message was opened");
  std::vector<Finding> findings;
  std::size_t owed = 0, excused = 0, not_due = 0;
  for (const Opened& o : v.opened) {
    const Answer a = FirstAnswer(v, o.conversation);
    const auto closed = v.closed_by_partner.find(o.conversation);
    const bool answered_first = a.at && closed != v.closed_by_partner.end() && *a.at < closed->second;
    if (closed != v.closed_by_partner.end() && closed->second <= o.answer_by && !answered_first) {
      ++excused;  // closed by the partner before it was answered: nothing is owed
      continue;
    }
    if (a.at && *a.at < o.answer_by) {
      ++owed;
      continue;
    }
    if (!a.at && o.answer_by > v.end) {
      ++not_due;  // the pass ended before the answer was due
      continue;
    }
    ++owed;
    const std::string what = "consumer message " + o.message + " in conversation " + o.conversation +
                             " (opened " + v.At(o.at) + ")";
    const std::string expected =
        "a message added to conversation " + o.conversation + " before " + v.At(o.answer_by);
    if (a.at) {
      std::vector<std::uint64_t> seqs;
      if (a.call != nullptr) seqs.push_back(a.call->seq);
      findings.push_back({what + " was answered at " + v.At(*a.at) +
                              (a.call != nullptr ? " (seq " + std::to_string(a.call->seq) + ")" : "") + ", " +
                              Seconds(*a.at - o.answer_by) + " after its answer-by " + v.At(o.answer_by),
                          seqs, expected});
    } else {
      std::vector<std::uint64_t> tries;
      for (const CareView::Act& add : v.adds) {
        if (add.conversation == o.conversation) tries.push_back(add.call->seq);
      }
      findings.push_back({what + " was never answered" +
                              (tries.empty() ? "" : " (" + std::to_string(tries.size()) + " failed attempt(s))") +
                              "; its answer-by was " + v.At(o.answer_by),
                          tries, expected});
    }
  }
  std::string what = std::to_string(v.opened.size()) + " consumer message(s), " + std::to_string(owed) +
                     " owed an answer";
  if (excused > 0) what += ", " + std::to_string(excused) + " closed by the retailer first";
  if (not_due > 0) what += ", " + std::to_string(not_due) + " not yet due at the pass's end";
  if (findings.empty()) what += ", all answered in time";
  if (owed == 0) return NotExercised(id, pass, what);
  return Judged(id, pass, what, std::move(findings));
}

Verdict CheckCc002(const PassView& pass) {
  const std::string id = "CONF-CC-002";
  const CareView v = View(pass);
  if (v.opened.empty()) return NotExercised(id, pass, "no consumer message was opened");
  const std::int64_t within = static_cast<std::int64_t>(pass.Setting("closeWithinSeconds", 10) * 1e6);
  std::vector<Finding> findings;
  std::size_t answered = 0, not_due = 0;
  std::set<std::string> seen;
  for (const Opened& o : v.opened) {
    if (!seen.insert(o.conversation).second) continue;
    const Answer a = FirstAnswer(v, o.conversation);
    if (!a.at) continue;
    const auto partner = v.closed_by_partner.find(o.conversation);
    if (partner != v.closed_by_partner.end() && partner->second <= *a.at + within) continue;  // closed for it
    ++answered;
    // Its first successful close at or after the answer; else the final state's.
    const Call* close = nullptr;
    for (const CareView::Act& u : v.status_updates) {
      if (u.conversation == o.conversation && Ok2xx(*u.call) && Closing(*u.call) &&
          u.call->virtual_micros >= *a.at) {
        close = u.call;
        break;
      }
    }
    std::optional<std::int64_t> closed_at;
    if (close != nullptr) {
      closed_at = close->virtual_micros;
    } else if (auto f = v.final_closed.find(o.conversation); f != v.final_closed.end() && f->second &&
                                                              *f->second >= *a.at) {
      closed_at = f->second;
    }
    const std::int64_t due = *a.at + within;
    if (closed_at && *closed_at <= due) continue;
    if (!closed_at && due > v.end) {
      ++not_due;
      continue;
    }
    std::vector<std::uint64_t> seqs;
    if (a.call != nullptr) seqs.push_back(a.call->seq);
    if (close != nullptr) seqs.push_back(close->seq);
    const std::string answer = "conversation " + o.conversation + ", answered at " + v.At(*a.at) +
                               (a.call != nullptr ? " (seq " + std::to_string(a.call->seq) + ")" : "");
    findings.push_back({closed_at ? answer + ", was closed at " + v.At(*closed_at) + ", " +
                                        Seconds(*closed_at - *a.at) + " after the answer"
                                  : answer + ", was never closed",
                        seqs, "status closed within " + Seconds(within) + " of the answer (by " + v.At(due) + ")"});
  }
  if (answered == 0) return NotExercised(id, pass, "no customer-care conversation was answered");
  std::string what = std::to_string(answered) + " answered conversation(s)";
  if (not_due > 0) what += ", " + std::to_string(not_due) + " not yet due at the pass's end";
  if (findings.empty()) what += ", all closed in time";
  return Judged(id, pass, what, std::move(findings));
}

Verdict CheckCc003(const PassView& pass) {
  const std::string id = "CONF-CC-003";
  const CareView v = View(pass);
  // Replays the pass in order: a conversation is closed from the partner's close, the
  // integration's own close or a 400 saying so, until the integration reopens it.
  struct Closure {
    std::string by;  // who closed it, for the message
    std::int64_t at = 0;
    std::vector<std::uint64_t> attempts;
  };
  std::map<std::string, Closure> open_closures;  // per conversation, while closed
  std::vector<std::pair<std::string, Closure>> done;
  std::vector<std::pair<std::int64_t, std::string>> partner;  // (when, conversation)
  for (const auto& [conversation, at] : v.closed_by_partner) partner.emplace_back(at, conversation);
  std::sort(partner.begin(), partner.end());
  std::size_t next_partner = 0;
  const auto close = [&](const std::string& conversation, std::string by, std::int64_t at) {
    if (conversation.empty() || open_closures.count(conversation) != 0) return;
    Closure c;
    c.by = std::move(by);
    c.at = at;
    open_closures.emplace(conversation, std::move(c));
  };
  // Both lists are in seq order; merge them.
  std::size_t ai = 0, ui = 0;
  while (ai < v.adds.size() || ui < v.status_updates.size()) {
    const bool take_add = ui >= v.status_updates.size() ||
                          (ai < v.adds.size() && v.adds[ai].call->seq < v.status_updates[ui].call->seq);
    const CareView::Act& act = take_add ? v.adds[ai++] : v.status_updates[ui++];
    const Call& c = *act.call;
    for (; next_partner < partner.size() && partner[next_partner].first <= c.virtual_micros; ++next_partner) {
      close(partner[next_partner].second, "by the retailer", partner[next_partner].first);
    }
    if (!take_add) {
      if (!Ok2xx(c)) continue;
      if (Closing(c)) {
        close(act.conversation, "by the integration (seq " + std::to_string(c.seq) + ")", c.virtual_micros);
      } else if (auto it = open_closures.find(act.conversation); it != open_closures.end()) {
        done.emplace_back(it->first, std::move(it->second));  // reopened
        open_closures.erase(it);
      }
      continue;
    }
    if (Transient(c)) continue;  // not judged by the platform; a retry is due
    if (open_closures.count(act.conversation) == 0 && SaysClosed(c)) {
      close(act.conversation, "(its 400 at seq " + std::to_string(c.seq) + " said so)", c.virtual_micros);
    }
    if (auto it = open_closures.find(act.conversation); it != open_closures.end()) {
      it->second.attempts.push_back(c.seq);
    }
  }
  for (; next_partner < partner.size(); ++next_partner) {
    close(partner[next_partner].second, "by the retailer", partner[next_partner].first);
  }
  for (auto& [conversation, closure] : open_closures) done.emplace_back(conversation, std::move(closure));
  if (done.empty()) return NotExercised(id, pass, "no conversation was closed during the pass");

  std::size_t attempts = 0;
  for (const auto& [conversation, closure] : done) attempts += closure.attempts.size();
  if (attempts == 0) {
    return NotExercised(id, pass,
                        "the integration never tried to add a message to a closed conversation (" +
                            std::to_string(done.size()) + " closed)");
  }
  std::vector<Finding> findings;
  for (const auto& [conversation, closure] : done) {
    if (closure.attempts.size() <= 1) continue;
    findings.push_back({std::to_string(closure.attempts.size()) + " attempts to add a message to conversation " +
                            conversation + " after it was closed at " + v.At(closure.at) + " " + closure.by,
                        closure.attempts, "at most one attempt after it was closed (or reopen it first)"});
  }
  return Judged(id, pass,
                std::to_string(done.size()) + " closed conversation(s), " + std::to_string(attempts) +
                    " attempt(s) to add a message after a close",
                std::move(findings));
}

}  // namespace dscosim::conformance
