// Customer care (customer-care integration guide): poll for new customer-care
// conversations in windows [checkpoint, now - 6 s), read each one's messages, answer the
// consumer in that conversation, then close it.
#include "jobs.h"

#include <algorithm>
#include <cctype>
#include <thread>

namespace supplier {
namespace {

constexpr std::int64_t kUntilLagMillis = 5500;  // the 5-second rule, with half a second to spare
constexpr std::int64_t kFirstLookbackMillis = 60000;
constexpr std::int64_t kSlowAnswerMillis = 15000;

bool SaysClosed(const Response& r) {
  std::string text = r.body;
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return r.status == 400 && text.find("closed") != std::string::npos;
}

}  // namespace

CustomerCare::CustomerCare(const Config& config, Api& api, Tokens& tokens, Limiter& limiter)
    : config_(config), api_(api), tokens_(tokens), limiter_(limiter) {
  state_ = LoadState(config_, "care");
  const bool restarted = state_.contains("checkpoint");
  if (!state_.contains("pending")) state_["pending"] = Json::array();
  if (!state_.contains("done")) state_["done"] = Json::array();
  if (!restarted) {
    state_["checkpoint"] = IsoMillis(NowMillis() - kFirstLookbackMillis);
  } else if (config_.bugs.Is("window-gap")) {
    state_["checkpoint"] = IsoMillis(NowMillis() - kUntilLagMillis);  // the defect: ignores the saved window
  }
  Log("care", std::string(restarted ? "resuming" : "starting") + " at checkpoint " +
                  state_["checkpoint"].get<std::string>());
}

void CustomerCare::Run() {
  auto next = Clock::now();
  while (!g_stopping) {
    next += std::chrono::seconds(1);
    Poll();
    HandlePending();
    const auto wait = next - Clock::now();
    if (wait > Clock::duration::zero()) {
      if (!SleepFor(std::chrono::duration_cast<std::chrono::milliseconds>(wait))) break;
    } else {
      next = Clock::now();
    }
  }
}

bool CustomerCare::Known(const std::string& id) const {
  for (const Json& p : state_["pending"]) {
    if (p.value("id", "") == id) return true;
  }
  const Json& done = state_["done"];
  return std::find(done.begin(), done.end(), Json(id)) != done.end();
}

// One window, every page; the checkpoint moves only when all of it was read.
void CustomerCare::Poll() {
  ++polls_;
  const std::int64_t lag = config_.bugs.Is("until-too-recent") && polls_ % 5 == 0 ? 1000 : kUntilLagMillis;
  const std::string since = state_["checkpoint"].get<std::string>();
  const std::string until = IsoMillis(NowMillis() - lag);
  Json query = {{"type", {{"type", "customer_care"}}}, {"createdSince", since}, {"until", until}};
  std::vector<Json> found;
  bool until_reached = true;
  for (;;) {
    const Response r = api_.Post("/conversation/list", query, "conversationList");
    if (!r.ok() || !r.json.is_object()) {
      if (r.status != -1) Log("care", "poll [" + since + ", " + until + ") failed: " + std::to_string(r.status));
      return;
    }
    StrictKeys(config_, r.json, {"conversations", "scrollId"}, "conversation page");
    const Json page = r.json.value("conversations", Json::array());
    for (const Json& c : page) found.push_back(c);
    if (page.empty() || !r.json.contains("scrollId")) break;
    if (config_.bugs.Is("no-scroll")) {
      // The defect: ignores the scrollId and moves its window to its until, so whatever
      // the later pages held is never seen.
      break;
    }
    query = {{"scrollId", r.json["scrollId"]}};
  }
  bool any_new = false;
  for (const Json& c : found) {
    const std::string id = c.value("id", "");
    if (id.empty() || Known(id)) continue;
    any_new = true;
    Log("care", "new conversation " + id + " (status " + c.value("status", "?") + ")");
    const Json initial = c.value("initialMessage", Json::object());
    state_["pending"].push_back({{"id", id},
                                 {"seenAt", NowMillis()},
                                 {"phase", c.value("status", "") == "closed" ? "closed" : "new"},
                                 {"initialMessage", initial.is_object() ? initial.value("message", "") : ""}});
  }
  state_["checkpoint"] = until;
  if (!until_reached && !found.empty()) {
    const std::int64_t last = ParseIsoMillis(found.back().value("createDate", ""));
    if (last >= 0) state_["checkpoint"] = IsoMillis(any_new ? last : last + 1);
  }
  SaveState(config_, "care", state_);
}

void CustomerCare::HandlePending() {
  const Json pending = state_["pending"];
  Json still = Json::array();
  for (std::size_t i = 0; i < pending.size(); ++i) {
    Json item = pending[i];
    if (!g_stopping && Handle(item)) {
      state_["done"].push_back(item["id"]);
      Log("care", "conversation " + item["id"].get<std::string>() + " done");
    } else {
      still.push_back(item);
    }
    Json rest = still;  // persisted as each one moves on
    for (std::size_t j = i + 1; j < pending.size(); ++j) rest.push_back(pending[j]);
    state_["pending"] = rest;
    SaveState(config_, "care", state_);
  }
}

// Moves one conversation as far as it can; true when nothing more is owed.
bool CustomerCare::Handle(Json& item) {
  const std::string id = item["id"].get<std::string>();
  const std::string phase = item["phase"].get<std::string>();
  if (phase == "closed") return true;  // closed before we saw it: nothing owed
  if (phase == "new" || phase == "closed-retry") {
    if (config_.bugs.Is("slow-answer") && NowMillis() < item["seenAt"].get<std::int64_t>() + kSlowAnswerMillis) {
      return false;
    }
    std::string consumer_text = item.value("initialMessage", "");
    bool answered_before = false;
    const Read read = item.value("readRefused", false) ? Read::kRefused
                                                      : ReadMessages(id, &consumer_text, &answered_before);
    if (read == Read::kLater) return false;
    if (read == Read::kRefused) item["readRefused"] = true;
    // kRefused: the platform refused the read; never resend it unchanged. The
    // conversation's initial message is enough to answer.
    if (answered_before) {
      item["phase"] = "answered";  // answered before a restart: only the close is left
    } else {
      const int attempt = item.value("attempts", 0) + 1;
      item["attempts"] = attempt;
      std::string text = "Thank you for your message";
      if (!consumer_text.empty()) text += " (\"" + consumer_text.substr(0, 80) + "\")";
      text += ". We are on it and will keep you posted.";
      if (phase == "closed-retry") text += " (attempt " + std::to_string(attempt) + ")";
      const Response r = api_.Post("/conversation/message", {{"dscoConversationId", id}, {"message", text}},
                                   "message");
      if (r.status == -1 || (!r.ok() && r.status >= 500) || r.status == 0 || r.status == 408 || r.status == 429) {
        return false;  // not answered yet: next tick
      }
      if (SaysClosed(r)) {
        Log("care", "conversation " + id + " was closed by the retailer: nothing to answer");
        if (config_.bugs.Is("answer-closed") && phase == "new") {
          item["phase"] = "closed-retry";  // the defect: tries again with a new text
          return false;
        }
        return true;
      }
      if (!r.ok()) {
        Log("care", "answer to " + id + " refused (" + std::to_string(r.status) + "): " + r.body.substr(0, 200));
        return true;
      }
      Log("care", "answered conversation " + id);
      item["phase"] = "answered";
      item["answeredAt"] = NowMillis();
    }
  }
  if (config_.bugs.Is("no-close")) return true;
  const Response r = api_.Put("/conversation", {{"dscoConversationId", id}, {"status", "closed"}}, "conversationUpdate");
  if (r.ok()) {
    Log("care", "closed conversation " + id);
    return true;
  }
  if (r.status >= 400 && r.status < 500 && r.status != 408 && r.status != 429) {
    Log("care", "close of " + id + " refused (" + std::to_string(r.status) + "): " + r.body.substr(0, 200));
    return true;
  }
  return false;
}

// Every message of the conversation (all pages): the consumer's last words, and whether
// one of ours is already there.
CustomerCare::Read CustomerCare::ReadMessages(const std::string& id, std::string* consumer_text, bool* answered) {
  Json query = {{"dscoConversationId", id}};
  if (config_.bugs.Is("rate-burst") && bursted_.insert(id).second) {
    // The defect: six reads of the messages at once (six connections), past the
    // endpoint's 5/s. Each is a distinct request and retries its own 429s.
    std::vector<std::thread> burst;
    for (int i = 0; i < 6; ++i) {
      burst.emplace_back([this, query, i] {
        Api api(config_, tokens_, limiter_, "care-burst");
        Json q = query;
        q["createdSince"] = IsoMillis(i);
        api.PostUnlimited("/conversation/message/list", q, "messageList");
      });
    }
    for (std::thread& t : burst) t.join();
  }
  for (;;) {
    const Response r = api_.Post("/conversation/message/list", query, "messageList");
    if (r.status >= 400 && r.status < 500 && r.status != 408 && r.status != 429) {
      Log("care", "reading the messages of " + id + " refused (" + std::to_string(r.status) + ")");
      return Read::kRefused;
    }
    if (!r.ok() || !r.json.is_object()) return Read::kLater;
    StrictKeys(config_, r.json, {"messages", "scrollId"}, "message page");
    const Json page = r.json.value("messages", Json::array());
    for (const Json& m : page) {
      const Json type = m.value("type", Json::object());
      const std::string kind = type.is_object() ? type.value("customerCareType", "") : "";
      if (kind == "response_to_consumer" || m.value("accountType", "") == "supplier") *answered = true;
      if (kind == "message_from_consumer" && m.contains("message") && m["message"].is_string()) {
        *consumer_text = m["message"].get<std::string>();
      }
    }
    if (page.empty() || !r.json.contains("scrollId") || config_.bugs.Is("no-scroll")) return Read::kDone;
    query = {{"scrollId", r.json["scrollId"]}};
  }
}

}  // namespace supplier
