// Builds synthetic conformance histories for checker tests: calls and events with
// chosen times, without running a server.
#ifndef DSCOSIM_TESTS_CONFORMANCE_HISTORY_BUILDER_H_
#define DSCOSIM_TESTS_CONFORMANCE_HISTORY_BUILDER_H_

#include <cstdint>
#include <string>
#include <utility>

#include "dscosim/conformance/history.h"
#include "dscosim/conformance/verdict.h"

namespace dscosim::conformance::test_support {

// Times are seconds from the pass's start; virtual and wall clocks coincide unless a
// call sets them apart.
class HistoryBuilder {
 public:
  static constexpr std::int64_t kStartMicros = 1'800'000'000'000'000;  // 2027-01-15

  explicit HistoryBuilder(std::string account = "1000000001", Json settings = Json::object()) {
    PassInfo p;
    p.pass = 1;
    p.account_id = std::move(account);
    p.settings = std::move(settings);
    history_.passes.push_back(std::move(p));
  }

  // Adds a call at `at` seconds; returns it for further edits (valid until the next Add).
  Call& Add(double at, std::string method, const std::string& target, int status,
            Json request = nullptr, Json response = nullptr, std::string route = "") {
    Json exchange = {{"seq", ++seq_},
                     {"wallMicros", Micros(at)},
                     {"virtualMicros", Micros(at)},
                     {"durationMicros", 1000},
                     {"method", std::move(method)},
                     {"target", target},
                     {"route", std::move(route)},
                     {"status", status},
                     {"requestBody", request.is_null() ? std::string() : request.dump()},
                     {"responseBody", response.is_null() ? std::string() : response.dump()},
                     {"requestHeaders", {{"authorization", "Bearer tok-1"}}},
                     {"token", "tok-1"},
                     {"account", history_.passes[0].account_id}};
    auto call = CallFromExchange(exchange, 1);
    history_.calls.push_back(std::move(*call));
    return history_.calls.back();
  }

  Event& AddEvent(double at, std::string kind, Json data = Json::object()) {
    Event e;
    e.pass = 1;
    e.kind = std::move(kind);
    e.wall_micros = Micros(at);
    e.virtual_micros = Micros(at);
    e.data = std::move(data);
    history_.events.push_back(std::move(e));
    return history_.events.back();
  }

  static std::int64_t Micros(double seconds) {
    return kStartMicros + static_cast<std::int64_t>(seconds * 1e6);
  }

  // The history and its one pass's view (valid while the builder lives and is not
  // added to).
  const History& history() const { return history_; }
  PassView View() const { return SplitPasses(history_).front(); }

 private:
  History history_;
  std::uint64_t seq_ = 0;
};

}  // namespace dscosim::conformance::test_support

#endif  // DSCOSIM_TESTS_CONFORMANCE_HISTORY_BUILDER_H_
