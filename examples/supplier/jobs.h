// The example supplier's two jobs; each runs on its own thread with its own connection
// until SIGTERM, and keeps its checkpoint and work in progress in DSCO_STATE_DIR.
#ifndef DSCOSIM_EXAMPLES_SUPPLIER_JOBS_H_
#define DSCOSIM_EXAMPLES_SUPPLIER_JOBS_H_

#include <set>
#include <string>
#include <vector>

#include "client.h"

namespace supplier {

class CustomerCare {
 public:
  CustomerCare(const Config& config, Api& api, Tokens& tokens, Limiter& limiter);
  void Run();

 private:
  void Poll();
  void HandlePending();
  bool Handle(Json& item);
  enum class Read { kDone, kLater, kRefused };
  Read ReadMessages(const std::string& id, std::string* consumer_text, bool* answered);
  bool Known(const std::string& id) const;

  const Config& config_;
  Api& api_;
  Tokens& tokens_;
  Limiter& limiter_;
  Json state_;  // {checkpoint, pending: [{id, seenAt, phase, ...}], done: [id]}
  int polls_ = 0;
  std::set<std::string> bursted_;  // rate-burst only
};

class Orders {
 public:
  Orders(const Config& config, Api& api);
  void Run();

 private:
  void Poll();
  void Acknowledge();
  void Fulfil();
  void FollowChangeLogs();
  void Invoice();
  void Save();
  bool ReviewOrder(const std::string& id, Json& order, Json* shipment, Json* cancel);
  int Stock(const std::string& sku);
  void Track(const std::string& request_id, const std::string& resource, const std::string& kind,
             const std::vector<std::string>& orders);
  void Completed(const std::string& kind, const Json& order_ids, const std::vector<std::string>& failed);
  bool Pending(const std::string& kind, const std::string& id) const;

  const Config& config_;
  Api& api_;
  Json state_;  // {checkpoint, orders: {id: {...}}, requests: [{requestId, resource, kind, orders, ...}]}
  int polls_ = 0;
  std::int64_t next_poll_ = 0;
};

}  // namespace supplier

#endif  // DSCOSIM_EXAMPLES_SUPPLIER_JOBS_H_
