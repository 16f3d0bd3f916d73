// An example retailer integration: consumes an inventory stream the way the standard
// integration guide describes it. It lists the stream to learn its active partitions and
// their committed positions (again every 2 s), reads each partition in its own thread from
// the committed position, keeps each sku's last quantity, and commits the last event it
// was given after each non-empty read. Written as a partner would write it: cpp-httplib
// and nlohmann_json only.
//
//   DSCO_API_URL=... DSCO_CLIENT_ID=... DSCO_CLIENT_SECRET=... DSCO_ACCOUNT_ID=...
//   DSCO_STREAM_ID=... DSCO_STATE_DIR=... dscosim-example-stream-consumer [--bug NAME]
//
// --bug NAME plants one defect (the conformance matrix, matrix.json, says which rules each
// must fail). Runs until SIGTERM or SIGINT; exits 0. Exit 2: bad arguments or environment.
#include <pthread.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "http.h"

namespace consumer {
namespace {

using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

constexpr milliseconds kIdle{300};      // when a partition had nothing new
constexpr milliseconds kRelist{2000};   // how often the partitions are listed again
constexpr auto kRareCommit = std::chrono::seconds(15);  // rare-commit's interval

// Checkpoint-side files in DSCO_STATE_DIR, replaced atomically (write, then rename).
Json LoadJson(const Config& config, const std::string& name) {
  std::ifstream in(std::filesystem::path(config.state_dir) / name);
  if (!in) return Json::object();
  Json j = Json::parse(in, nullptr, /*allow_exceptions=*/false);
  return j.is_object() ? j : Json::object();
}

void SaveJson(const Config& config, const std::string& name, const Json& j) {
  const auto path = std::filesystem::path(config.state_dir) / name;
  const auto tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << j.dump() << "\n";
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
}

std::string IsoNow() {
  const auto ms = std::chrono::duration_cast<milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return buf;
}

// What the stream's listing says about one partition.
struct Listed {
  bool active = false;
  std::string position;
  std::string max_position;
};

// The partitions of our stream in a listStreams answer (unknown attributes ignored).
std::map<int, Listed> Partitions(const Config& config, const Json& streams) {
  std::map<int, Listed> out;
  if (!streams.is_array()) return out;
  for (const Json& s : streams) {
    if (!s.is_object() || s.value("id", std::string()) != config.stream_id) continue;
    const Json parts = s.value("partitions", Json::array());
    for (const Json& p : parts) {
      if (!p.is_object() || !p.contains("partitionId") || !p["partitionId"].is_number_integer()) continue;
      Listed l;
      l.active = p.value("status", std::string("active")) == "active";
      if (p.contains("position") && p["position"].is_string()) l.position = p["position"].get<std::string>();
      if (p.contains("maxPosition") && p["maxPosition"].is_string()) l.max_position = p["maxPosition"].get<std::string>();
      out[p["partitionId"].get<int>()] = l;
    }
  }
  return out;
}

// strict-json: the defect, a page or an event with an attribute this client does not know
// is refused (as a schema-validating client with "additional properties: false" would).
bool Strict(const Json& page, std::string& unknown) {
  static const std::set<std::string> page_keys = {"events", "ownerId", "partitionId"};
  static const std::set<std::string> event_keys = {"id", "payload", "source", "eventReasons", "partitionId",
                                                   "streamVersion"};
  const auto known = [&unknown](const Json& object, const std::set<std::string>& keys) {
    for (const auto& item : object.items()) {
      if (keys.count(item.key()) == 0) {
        unknown = item.key();
        return false;
      }
    }
    return true;
  };
  if (!known(page, page_keys)) return false;
  for (const Json& e : page.value("events", Json::array())) {
    if (e.is_object() && !known(e, event_keys)) return false;
  }
  return true;
}

class Consumer {
 public:
  explicit Consumer(const Config& config) : config_(config), tokens_(config) {}

  int Run() {
    restarted_ = std::filesystem::exists(std::filesystem::path(config_.state_dir) / "started");
    SaveJson(config_, "started", Json{{"at", IsoNow()}});
    inventory_ = LoadJson(config_, "inventory.json");
    first_positions_ = LoadJson(config_, "first-positions.json");
    Log("main", std::string(restarted_ ? "restarted" : "started") + ", stream " + config_.stream_id +
                    (config_.bugs.name.empty() ? "" : ", bug " + config_.bugs.name));
    // resume-from-end: comes back later, so the events that arrive meanwhile are skipped.
    if (restarted_ && config_.bugs.Is("resume-from-end")) SleepFor(milliseconds(2000));
    Api api(config_, tokens_, "list");
    bool listed_once = false;
    while (!Stopping()) {
      // late-partitions: the defect, the partitions are learned once, at startup.
      if (!(listed_once && config_.bugs.Is("late-partitions"))) {
        const Response r = api.Get("/stream?id=" + Encode(config_.stream_id));
        if (r.ok()) {
          listed_once = true;
          Start(Partitions(config_, r.json));
        }
      }
      SleepFor(listed_once ? kRelist : kIdle);
    }
    std::lock_guard<std::mutex> lock(mu_);
    SaveJson(config_, "inventory.json", inventory_);
    Log("main", "stopped (" + std::to_string(inventory_.size()) + " skus known)");
    return 0;
  }

 private:
  // Starts a reader for every active partition that has none.
  void Start(const std::map<int, Listed>& partitions) {
    bool saved = false;
    for (const auto& [id, listed] : partitions) {
      const std::string key = std::to_string(id);
      if (!first_positions_.contains(key) && !listed.position.empty()) {
        first_positions_[key] = listed.position;
        saved = true;
      }
      // skip-partition: the defect, only partition 0 is read.
      if (!listed.active || readers_.count(id) || (config_.bugs.Is("skip-partition") && id != 0)) continue;
      std::string from = listed.position;  // the committed position
      if (restarted_ && config_.bugs.Is("resume-from-start") && first_positions_.contains(key)) {
        from = first_positions_[key].get<std::string>();  // the defect: the stream's beginning
      } else if (restarted_ && config_.bugs.Is("resume-from-end") && !listed.max_position.empty()) {
        from = listed.max_position;  // the defect: the newest event, skipping the rest
      }
      Log("list", "partition " + key + " active, reading from " + from);
      readers_.insert(id);
      std::thread([this, partition = id, from] { Read(partition, from); }).detach();  // clang 14: no binding captures
    }
    if (saved) SaveJson(config_, "first-positions.json", first_positions_);
  }

  void Read(int partition, std::string position) {
    const std::string who = "p" + std::to_string(partition);
    const std::string base = "/stream/" + Encode(config_.stream_id) + "/" + std::to_string(partition) + "/";
    Api api(config_, tokens_, who);
    bool refused = false;             // the read from `position` was refused: read a range instead
    std::set<std::string> given_up;   // no-retry: positions whose read got a transient answer
    auto last_commit = SteadyClock::now();
    while (!Stopping()) {
      // A range from the position to now is a different request from a refused (or, under
      // no-retry, failed) read of the same position; its inclusive start is dropped below.
      const bool range = refused || given_up.count(position) > 0;
      const Response r = api.Get(base + Encode(position) + (range ? "/" + Encode(IsoNow()) : ""));
      if (r.status == -1) break;
      if (!r.ok()) {
        if (r.status >= 400 && r.status < 500 && r.status != 401) refused = true;
        if (config_.bugs.Is("no-retry") && Response::Transient(r.status)) given_up.insert(position);
        SleepFor(kIdle);
        continue;
      }
      std::string unknown;
      if (config_.bugs.Is("strict-json") && r.json.is_object() && !Strict(r.json, unknown)) {
        Log(who, "unknown attribute \"" + unknown + "\": page dropped");
        SleepFor(kIdle);
        continue;
      }
      const Json events = r.json.is_object() ? r.json.value("events", Json::array()) : Json::array();
      std::string last;
      int processed = 0;
      for (const Json& e : events) {
        if (!e.is_object() || !e.contains("id") || !e["id"].is_string()) continue;
        const std::string id = e["id"].get<std::string>();
        if (id == position) continue;  // a range's inclusive start: already processed
        Process(e);
        last = id;
        ++processed;
      }
      if (last.empty()) {
        SleepFor(kIdle);
        continue;
      }
      Log(who, "processed " + std::to_string(processed) + " events up to " + last);
      position = last;
      refused = false;
      Commit(api, who, base, partition, last, last_commit);
    }
  }

  void Commit(Api& api, const std::string& who, const std::string& base, int partition, const std::string& last,
              SteadyClock::time_point& last_commit) {
    std::string position = last;
    if (config_.bugs.Is("rare-commit")) {
      // The defect: commits only every 15 s, however many events it processed.
      if (SteadyClock::now() - last_commit < kRareCommit) return;
    } else if (config_.bugs.Is("commit-unseen")) {
      // The defect: after its (slow) processing it commits where the partition ends now,
      // not the last event it was given.
      if (!SleepFor(milliseconds(1000))) return;
      const Response r =
          api.Get("/stream?id=" + Encode(config_.stream_id) + "&partitionId=" + std::to_string(partition));
      const auto parts = Partitions(config_, r.json);
      const auto it = parts.find(partition);
      if (!r.ok() || it == parts.end() || it->second.max_position.empty()) return;
      if (it->second.max_position == last_unseen_) return;  // committed (or refused) already
      position = last_unseen_ = it->second.max_position;
    }
    last_commit = SteadyClock::now();
    const Response c = api.Put(base + Encode(position));
    if (c.ok()) Log(who, "committed " + position);
  }

  // An inventory event: remember the sku's quantity.
  void Process(const Json& event) {
    const Json payload = event.value("payload", Json::object());
    if (!payload.is_object() || !payload.contains("sku") || !payload["sku"].is_string()) return;
    std::lock_guard<std::mutex> lock(mu_);
    inventory_[payload["sku"].get<std::string>()] = payload.value("quantityAvailable", Json(nullptr));
  }

  const Config& config_;
  Tokens tokens_;
  bool restarted_ = false;
  std::mutex mu_;
  Json inventory_;        // sku -> last quantityAvailable (under mu_)
  Json first_positions_;  // partition -> the position it had when first listed
  std::set<int> readers_;
  thread_local static std::string last_unseen_;  // commit-unseen: its reader's last commit  // partitions with a reader thread (lister thread only)
};

thread_local std::string Consumer::last_unseen_;

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

}  // namespace
}  // namespace consumer

int main(int argc, char** argv) {
  using namespace consumer;
  Config config;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--bug" && i + 1 < argc) {
      config.bugs.name = argv[++i];
    } else {
      std::fprintf(stderr, "usage: %s [--bug NAME]\n", argv[0]);
      return 2;
    }
  }
  if (!config.bugs.name.empty() && !Bugs::Known().count(config.bugs.name)) {
    std::string known;
    for (const std::string& b : Bugs::Known()) known += " " + b;
    std::fprintf(stderr, "unknown --bug %s; known:%s\n", config.bugs.name.c_str(), known.c_str());
    return 2;
  }
  config.api_url = Env("DSCO_API_URL");
  config.client_id = Env("DSCO_CLIENT_ID");
  config.client_secret = Env("DSCO_CLIENT_SECRET");
  config.account_id = Env("DSCO_ACCOUNT_ID");
  config.stream_id = Env("DSCO_STREAM_ID");
  config.state_dir = Env("DSCO_STATE_DIR");
  if (config.api_url.empty() || config.client_id.empty() || config.client_secret.empty() ||
      config.stream_id.empty()) {
    std::fprintf(stderr, "DSCO_API_URL, DSCO_CLIENT_ID, DSCO_CLIENT_SECRET and DSCO_STREAM_ID are required\n");
    return 2;
  }
  if (config.state_dir.empty()) config.state_dir = ".";
  std::error_code ec;
  std::filesystem::create_directories(config.state_dir, ec);

  // Every thread inherits the blocked signals; one thread waits for them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  std::thread([set] {
    int sig = 0;
    sigwait(&set, &sig);
    Log("main", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    RequestStop();
    // The main thread normally exits at once; should it be stuck in a request, leave anyway.
    std::this_thread::sleep_for(milliseconds(700));
    Log("main", "stopped (main thread still busy)");
    std::fflush(stderr);
    std::_Exit(0);
  }).detach();

  Consumer consumer(config);
  const int code = consumer.Run();
  // Readers may be inside a request; they hold nothing that must be flushed.
  std::fflush(stderr);
  std::_Exit(code);
}
