// The fake server's own view of an HTTP exchange, independent of the HTTP library, so
// handlers, the router and the fuzzers work on plain values.
#ifndef DSCOSIM_FAKES_HTTP_H_
#define DSCOSIM_FAKES_HTTP_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dscosim/model/core/status.h"

namespace dscosim::fakes {

using Json = nlohmann::json;

struct HttpRequest {
  std::string method;                 // GET, POST, ...
  std::string target;                 // as received: path and query, still encoded
  std::vector<std::string> segments;  // path segments, each percent-decoded on its own
  std::multimap<std::string, std::string> query;  // decoded
  std::map<std::string, std::string> headers;     // names lower-cased
  std::string body;

  std::optional<std::string> Query(const std::string& name) const;
  std::vector<std::string> QueryAll(const std::string& name) const;
  std::optional<std::string> Header(const std::string& lower_name) const;
};

// Parses the raw request target into segments and query. A trailing slash is ignored
// ("/order/" is "/order"). InvalidArgument for broken percent-encoding.
Status ParseTarget(std::string_view target, HttpRequest& request);
// Decodes %XX escapes (and '+' as a space when `plus_is_space`, for query strings).
Result<std::string> PercentDecode(std::string_view text, bool plus_is_space);
std::string PercentEncode(std::string_view text);
// application/x-www-form-urlencoded fields.
Result<std::multimap<std::string, std::string>> ParseForm(std::string_view body);
// Name-value pairs in order (a query, a form) as a JSON object, as scenario files write
// them: a name given once maps to its value, a repeated name to its values in order.
template <typename Pairs>
nlohmann::json PairsToJson(const Pairs& pairs) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, value] : pairs) {
    if (!out.contains(name)) {
      out[name] = value;
    } else {
      if (!out[name].is_array()) out[name] = nlohmann::json::array({out[name]});
      out[name].push_back(value);
    }
  }
  return out;
}

// What a fault rule does to an exchange instead of (or on top of) answering it.
enum class WireAction { kAnswer, kDrop, kReset };

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::map<std::string, std::string> headers;
  WireAction action = WireAction::kAnswer;
  int delay_ms = 0;  // wait this long (wall time) before answering
  // A JSON body not serialised yet (`body` is empty meanwhile): the router serialises it
  // after the tenant's lock is released, so that work is not serialised behind it.
  // Api::Handle always answers with `body` filled in.
  std::shared_ptr<const Json> json;

  // Serialises now.
  static HttpResponse JsonBody(int status, const Json& body);
  // Takes a temporary (a braced list, a function's result) and serialises it later.
  static HttpResponse JsonBody(int status, Json&& body);
  static HttpResponse Text(int status, std::string body);
  // Serialises a deferred JSON body into `body`.
  void Materialize();
};

}  // namespace dscosim::fakes

#endif  // DSCOSIM_FAKES_HTTP_H_
