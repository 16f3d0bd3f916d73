#include "dscosim/model/core/clock.h"

#include <algorithm>

namespace dscosim {

TimerId Clock::ScheduleAt(Time due, std::string topic, std::string key) {
  due = std::max(due, now_);
  const TimerId id = next_id_++;
  queue_.emplace(Key{due, id}, Timer{due, id, std::move(topic), std::move(key)});
  due_by_id_.emplace(id, due);
  return id;
}

TimerId Clock::ScheduleAfter(Duration delay, std::string topic, std::string key) {
  return ScheduleAt(now_ + delay, std::move(topic), std::move(key));
}

bool Clock::Cancel(TimerId id) {
  const auto it = due_by_id_.find(id);
  if (it == due_by_id_.end()) return false;
  queue_.erase(Key{it->second, id});
  due_by_id_.erase(it);
  return true;
}

std::optional<Time> Clock::DueTimeOf(TimerId id) const {
  const auto it = due_by_id_.find(id);
  if (it == due_by_id_.end()) return std::nullopt;
  return it->second;
}

std::optional<Time> Clock::NextDueWhere(const std::function<bool(const Timer&)>& which) const {
  for (const auto& [key, timer] : queue_) {
    if (which(timer)) return timer.due;
  }
  return std::nullopt;
}

std::optional<Time> Clock::NextDue() const {
  if (queue_.empty()) return std::nullopt;
  return queue_.begin()->first.first;
}

Status Clock::AdvanceTo(Time target, TimerHandler& handler) {
  if (target < now_) {
    return InvalidArgument("target", "the virtual clock never moves backwards (now " +
                                         FormatIso8601(now_) + ", asked for " +
                                         FormatIso8601(target) + ")");
  }
  // Pop one timer at a time: a handler may schedule or cancel others.
  while (!queue_.empty() && queue_.begin()->first.first <= target) {
    auto node = queue_.extract(queue_.begin());
    due_by_id_.erase(node.mapped().id);
    now_ = node.mapped().due;
    handler.OnTimer(node.mapped());
  }
  now_ = target;
  return Status::Ok();
}

Status Clock::AdvanceBy(Duration delta, TimerHandler& handler) {
  if (delta < Duration::zero()) {
    return InvalidArgument("delta", "the virtual clock never moves backwards");
  }
  return AdvanceTo(now_ + delta, handler);
}

}  // namespace dscosim
