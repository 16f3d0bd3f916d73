// Streams: the nine stream operations (docs/streams.md, "Over HTTP").
#include <charconv>

#include "dscosim/fakes/api_common.h"
#include "dscosim/model/streams/stream_store.h"

namespace dscosim::fakes {
namespace {

Result<int> ParsePartitionId(std::string_view text, const char* field) {
  int value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) {
    return InvalidArgument(field, "must be an integer, not \"" + std::string(text) + "\"");
  }
  return value;
}

// The positions in a path tail sent with its slashes unencoded (the router has joined
// the segments back with '/'). An event id is seven segments, z/YYYY/MM/DD/HH/mm/<ms>-<seq>;
// anything else (an ISO-8601 time) is one.
std::vector<std::string> SplitPositions(const std::string& tail) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = tail.find('/', start);
    parts.push_back(tail.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < parts.size();) {
    const std::size_t take = parts[i] == "z" && i + 7 <= parts.size() ? 7 : 1;
    std::string position = parts[i];
    for (std::size_t j = i + 1; j < i + take; ++j) position += "/" + parts[j];
    out.push_back(std::move(position));
    i += take;
  }
  return out;
}

Status WrongPositionCount(std::size_t wanted) {
  return InvalidArgument("position", std::string("expected ") +
                                         (wanted == 1 ? "one position" : "a position, or a start and an end") +
                                         " (an event id z/YYYY/MM/DD/HH/mm/<epoch-ms>-<7-digit "
                                         "sequence>; percent-encode its slashes as %2F)");
}

// StreamEventWrapper.
// Written as text: a stored payload is already the library's own dump of the object, so
// it is spliced in instead of parsed and serialised again (under the tenant's lock). The
// bytes are those of dumping {events: [EventToJson...], ownerId, partitionId}, keys sorted.
HttpResponse Events(const Result<StreamRead>& read) {
  if (!read.ok()) return Fail(read.status());
  const auto dump = [](const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); };
  std::string text = "{\"events\":[";
  for (const StreamEvent& e : read->events) {
    if (text.back() != '[') text += ',';
    text += "{\"eventReasons\":" + dump(e.event_reasons()) + ",\"id\":" + dump(e.id()) +
            ",\"partitionId\":" + std::to_string(e.partition_id) + ",\"payload\":";
    text += e.payload();
    text += ",\"source\":" + dump(e.source()) + ",\"streamVersion\":" + std::to_string(e.stream_version) + "}";
  }
  text += "],\"ownerId\":" + dump(read->owner_id ? Json(*read->owner_id) : Json(nullptr)) +
          ",\"partitionId\":" + std::to_string(read->partition_id) + "}";
  HttpResponse r;
  r.body = std::move(text);
  return r;
}

HttpResponse CreateStream(ApiCall& call) {
  auto body = call.BodyJson();
  if (!body.ok()) return Fail(body.status());
  auto created = call.world().streams().Create(call.account, *body);
  if (!created.ok()) return Fail(created.status());
  return HttpResponse::JsonBody(201, call.world().streams().ToJson(*created));
}

HttpResponse ListStreams(ApiCall& call) {
  std::optional<int> partition;
  if (const auto text = call.request.Query("partitionId")) {
    auto parsed = ParsePartitionId(*text, "partitionId");
    if (!parsed.ok()) return Fail(parsed.status());
    partition = *parsed;
  }
  auto streams = call.world().streams().List(call.account, call.request.Query("id"), partition);
  if (!streams.ok()) return Fail(streams.status());
  // An array even for one id (the Java and Node clients read element 0).
  Json out = Json::array();
  for (const Stream& s : *streams) out.push_back(call.world().streams().ToJson(s, partition));
  return HttpResponse::JsonBody(200, out);
}

HttpResponse UpdateStream(ApiCall& call) {
  auto increment = QueryBool(call.request, "incrementVersionNumber");
  if (!increment.ok()) return Fail(increment.status());
  auto body = call.BodyJson();
  if (!body.ok()) return Fail(body.status());
  auto updated = call.world().streams().Update(call.account, call.params[0], *body, increment->value_or(true));
  if (!updated.ok()) return Fail(updated.status());
  return HttpResponse::JsonBody(200, call.world().streams().ToJson(*updated));
}

HttpResponse DeleteStream(ApiCall& call) {
  auto deleted = call.world().streams().Delete(call.account, call.params[0]);
  if (!deleted.ok()) return Fail(deleted.status());
  return HttpResponse::JsonBody(200, call.world().streams().ToJson(*deleted));
}

HttpResponse OperateStream(ApiCall& call) {
  auto body = call.BodyJson();
  if (!body.ok()) return Fail(body.status());
  auto done = call.world().streams().Operate(call.account, call.params[0], *body);
  if (!done.ok()) return Fail(done.status());
  // The platform runs operations later; ours are done when this answers.
  return HttpResponse::JsonBody(202, {{"operationType", done->operation_type},
                                      {"operationUuid", done->operation_uuid}});
}

HttpResponse ReadFrom(ApiCall& call, const std::string& position) {
  auto partition = ParsePartitionId(call.params[1], "partitionId");
  if (!partition.ok()) return Fail(partition.status());
  return Events(call.world().streams().ReadAfter(call.account, call.params[0], *partition, position));
}

HttpResponse ReadRange(ApiCall& call, const std::string& start, const std::string& end) {
  auto partition = ParsePartitionId(call.params[1], "partitionId");
  if (!partition.ok()) return Fail(partition.status());
  return Events(call.world().streams().ReadRange(call.account, call.params[0], *partition, start, end));
}

HttpResponse ReadSingle(ApiCall& call, const std::string& position) {
  auto partition = ParsePartitionId(call.params[1], "partitionId");
  if (!partition.ok()) return Fail(partition.status());
  return Events(call.world().streams().ReadSingle(call.account, call.params[0], *partition, position));
}

HttpResponse CommitPosition(ApiCall& call, const std::string& position) {
  auto partition = ParsePartitionId(call.params[1], "partitionId");
  if (!partition.ok()) return Fail(partition.status());
  const Status s = call.world().streams().Commit(call.account, call.params[0], *partition, position);
  if (!s.ok()) return Fail(s);
  return HttpResponse::JsonBody(200, {{"status", "success"}});
}

// A route whose last element takes the unencoded-slash tail and expects one position.
Handler OnePosition(HttpResponse (*handler)(ApiCall&, const std::string&)) {
  return [handler](ApiCall& call) {
    const std::vector<std::string> positions = SplitPositions(call.params.back());
    if (positions.size() != 1) return Fail(WrongPositionCount(1));
    return handler(call, positions[0]);
  };
}

}  // namespace

void AddStreamRoutes(std::vector<Route>& routes) {
  const RateLimit single{"getSingleStreamEvent", 0, 15, 0};
  routes.push_back(ApiRoute("POST", {"stream"}, "createStream", CreateStream));
  routes.push_back(ApiRoute("GET", {"stream"}, "listStreams", ListStreams));
  routes.push_back(ApiRoute("PUT", {"stream", "{}"}, "updateStream", UpdateStream));
  routes.push_back(ApiRoute("POST", {"stream", "{}"}, "createStreamOperation", OperateStream));
  routes.push_back(ApiRoute("DELETE", {"stream", "{}"}, "deleteStream", DeleteStream));
  // Before the event reads, which would otherwise take "single" for a stream id. Both
  // forms share one limit.
  routes.push_back(ApiRoute("GET", {"stream", "single", "{}", "{}", "{}"}, "getSingleStreamEvent",
                            [](ApiCall& c) { return ReadSingle(c, c.params[2]); }, single));
  routes.push_back(ApiRoute("GET", {"stream", "single", "{}", "{}", "{...}"}, "getSingleStreamEvent",
                            OnePosition(ReadSingle), single));
  // Percent-encoded positions: one segment each.
  routes.push_back(ApiRoute("GET", {"stream", "{}", "{}", "{}"}, "getStreamEventsFromPosition",
                            [](ApiCall& c) { return ReadFrom(c, c.params[2]); }));
  routes.push_back(ApiRoute("GET", {"stream", "{}", "{}", "{}", "{}"}, "getStreamEventsInRange",
                            [](ApiCall& c) { return ReadRange(c, c.params[2], c.params[3]); }));
  routes.push_back(ApiRoute("PUT", {"stream", "{}", "{}", "{}"}, "updateStreamPosition",
                            [](ApiCall& c) { return CommitPosition(c, c.params[2]); }));
  // Positions with their slashes unencoded: one position reads from it, two are a range.
  routes.push_back(ApiRoute("GET", {"stream", "{}", "{}", "{...}"}, "getStreamEvents",
                            [](ApiCall& c) {
                              const std::vector<std::string> p = SplitPositions(c.params[2]);
                              if (p.size() == 1) return ReadFrom(c, p[0]);
                              if (p.size() == 2) return ReadRange(c, p[0], p[1]);
                              return Fail(WrongPositionCount(2));
                            }));
  routes.push_back(ApiRoute("PUT", {"stream", "{}", "{}", "{...}"}, "updateStreamPosition",
                            OnePosition(CommitPosition)));
}

}  // namespace dscosim::fakes
