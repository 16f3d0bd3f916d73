// The virtual clock and its timer queue.
//
// A timer is data, not a callback: (due time, sequence number, topic, key). Whoever
// owns the clock (the World) routes each fired timer to the subsystem its topic names.
// Keeping timers as plain data makes the whole world copyable (snapshots) and printable
// (traces), and keeps firing order a pure function of what was scheduled.
//
// Ordering: timers fire by due time, ties broken by the sequence number handed out at
// scheduling (first scheduled, first fired). While a timer fires, now() equals its due
// time, so a handler observes exactly the instant it was scheduled for.
//
// Not thread-safe; the model has one writer.
#ifndef DSCOSIM_MODEL_CORE_CLOCK_H_
#define DSCOSIM_MODEL_CORE_CLOCK_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "dscosim/model/core/status.h"
#include "dscosim/model/core/time.h"

namespace dscosim {

using TimerId = std::uint64_t;

struct Timer {
  Time due;
  TimerId id;          // also the tie-breaking sequence number
  std::string topic;   // which subsystem handles it, e.g. "conversation.auto_close"
  std::string key;     // which object, e.g. a conversation id
};

class TimerHandler {
 public:
  virtual ~TimerHandler() = default;
  // Called once per fired timer, with now() == timer.due. May schedule or cancel
  // timers; a timer it schedules that is due within the current advance fires in the
  // same advance.
  virtual void OnTimer(const Timer& timer) = 0;
};

class Clock {
 public:
  explicit Clock(Time start = kDefaultWorldStart) : now_(start) {}

  Time now() const { return now_; }

  // Schedules a timer. A due time in the past is moved to now(): it fires at the next
  // advance (including an advance by zero).
  TimerId ScheduleAt(Time due, std::string topic, std::string key);
  TimerId ScheduleAfter(Duration delay, std::string topic, std::string key);

  // Removes a pending timer. Returns false when it already fired or never existed.
  bool Cancel(TimerId id);

  // Due time of a pending timer, if it is still pending.
  std::optional<Time> DueTimeOf(TimerId id) const;
  std::optional<Time> NextDue() const;
  // Due time of the first pending timer (in firing order) for which `which` is true.
  std::optional<Time> NextDueWhere(const std::function<bool(const Timer&)>& which) const;
  std::size_t PendingTimers() const { return queue_.size(); }

  // Fires, in order, every timer due at or before `target`, then sets now() to `target`.
  // Refuses (InvalidArgument, field "target") to move backwards, and changes nothing.
  Status AdvanceTo(Time target, TimerHandler& handler);
  // AdvanceTo(now() + delta). A negative delta is refused.
  Status AdvanceBy(Duration delta, TimerHandler& handler);

 private:
  using Key = std::pair<Time, TimerId>;

  Time now_;
  TimerId next_id_ = 1;
  std::map<Key, Timer> queue_;
  std::map<TimerId, Time> due_by_id_;
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CORE_CLOCK_H_
