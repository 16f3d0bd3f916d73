#include "dscosim/model/core/clock.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "dscosim/model/core/time.h"

namespace dscosim {
namespace {

using namespace std::chrono_literals;

constexpr Time kStart = kDefaultWorldStart;

// What a handler saw when a timer fired.
struct Fired {
  TimerId id;
  Time due;
  Time now;  // the clock's now() during OnTimer
  std::string topic;
  std::string key;
};

// Records every fired timer and runs an optional action (to schedule or cancel from
// inside a handler).
class RecordingHandler : public TimerHandler {
 public:
  explicit RecordingHandler(const Clock& clock) : clock_(clock) {}

  void OnTimer(const Timer& timer) override {
    fired.push_back(Fired{timer.id, timer.due, clock_.now(), timer.topic, timer.key});
    if (on_timer) on_timer(timer);
  }

  std::vector<TimerId> FiredIds() const {
    std::vector<TimerId> ids;
    for (const Fired& f : fired) ids.push_back(f.id);
    return ids;
  }

  std::vector<Fired> fired;
  std::function<void(const Timer&)> on_timer;

 private:
  const Clock& clock_;
};

TEST(ClockTest, StartsAtTheGivenTimeWithNoTimers) {
  const Clock defaulted;
  EXPECT_EQ(defaulted.now(), kDefaultWorldStart);
  const Clock clock(TimeFromMicros(123));
  EXPECT_EQ(clock.now(), TimeFromMicros(123));
  EXPECT_EQ(clock.PendingTimers(), 0u);
  EXPECT_EQ(clock.NextDue(), std::nullopt);
}

TEST(ClockTest, ScheduleRecordsDueTimes) {
  Clock clock(kStart);
  const TimerId a = clock.ScheduleAt(kStart + 10s, "t", "a");
  const TimerId b = clock.ScheduleAfter(5s, "t", "b");
  EXPECT_NE(a, b);
  EXPECT_EQ(clock.DueTimeOf(a), kStart + 10s);
  EXPECT_EQ(clock.DueTimeOf(b), kStart + 5s);
  EXPECT_EQ(clock.NextDue(), kStart + 5s);
  EXPECT_EQ(clock.PendingTimers(), 2u);
  EXPECT_EQ(clock.DueTimeOf(b + a + 100), std::nullopt);
}

TEST(ClockTest, AdvanceMovesNowToTargetWithoutTimers) {
  Clock clock(kStart);
  RecordingHandler handler(clock);
  ASSERT_EQ(clock.AdvanceTo(kStart + 1h, handler), Status::Ok());
  EXPECT_EQ(clock.now(), kStart + 1h);
  ASSERT_EQ(clock.AdvanceBy(30min, handler), Status::Ok());
  EXPECT_EQ(clock.now(), kStart + 90min);
  ASSERT_EQ(clock.AdvanceBy(0s, handler), Status::Ok());
  EXPECT_EQ(clock.now(), kStart + 90min);
  EXPECT_TRUE(handler.fired.empty());
}

TEST(ClockTest, FiresByDueTime) {
  Clock clock(kStart);
  RecordingHandler handler(clock);
  const TimerId late = clock.ScheduleAt(kStart + 3s, "t", "late");
  const TimerId early = clock.ScheduleAt(kStart + 1s, "t", "early");
  const TimerId middle = clock.ScheduleAt(kStart + 2s, "t", "middle");
  ASSERT_EQ(clock.AdvanceBy(10s, handler), Status::Ok());
  EXPECT_EQ(handler.FiredIds(), (std::vector<TimerId>{early, middle, late}));
  EXPECT_EQ(clock.PendingTimers(), 0u);
  EXPECT_EQ(clock.now(), kStart + 10s);
}

TEST(ClockTest, SameDueTimeFiresInSchedulingOrder) {
  Clock clock(kStart);
  RecordingHandler handler(clock);
  std::vector<TimerId> scheduled;
  for (int i = 0; i < 5; ++i) {
    scheduled.push_back(clock.ScheduleAt(kStart + 1s, "t", std::to_string(i)));
  }
  ASSERT_EQ(clock.AdvanceBy(1s, handler), Status::Ok());
  EXPECT_EQ(handler.FiredIds(), scheduled);
}

TEST(ClockTest, HandlerSeesNowEqualToDueTime) {
  Clock clock(kStart);
  RecordingHandler handler(clock);
  static_cast<void>(clock.ScheduleAt(kStart + 2s, "t", "a"));
  static_cast<void>(clock.ScheduleAt(kStart + 7s + 250ms, "t", "b"));
  ASSERT_EQ(clock.AdvanceBy(1h, handler), Status::Ok());
  ASSERT_EQ(handler.fired.size(), 2u);
  EXPECT_EQ(handler.fired[0].now, kStart + 2s);
  EXPECT_EQ(handler.fired[0].due, kStart + 2s);
  EXPECT_EQ(handler.fired[1].now, kStart + 7s + 250ms);
  EXPECT_EQ(clock.now(), kStart + 1h);
}

TEST(ClockTest, TimersCarryTopicAndKey) {
  Clock clock(kStart);
  RecordingHandler handler(clock);
  static_cast<void>(clock.ScheduleAfter(1s, "conversation.auto_close", "1000051226"));
  ASSERT_EQ(clock.AdvanceBy(1s, handler), Status::Ok());
  ASSERT_EQ(handler.fired.size(), 1u);
  EXPECT_EQ(handler.fired[0].topic, "conversation.auto_close");
  EXPECT_EQ(handler.fired[0].key, "1000051226");
}

TEST(ClockTest, TimerDueExactlyAtTargetFiresOneLaterDoesNot) {
  Clock clock(kStart);
  RecordingHandler handler(clock);
  const TimerId at_target = clock.ScheduleAt(kStart + 10s, "t", "at");
  const TimerId after = clock.ScheduleAt(kStart + 10s + 1us, "t", "after");
  ASSERT_EQ(clock.AdvanceTo(kStart + 10s, handler), Status::Ok());
  EXPECT_EQ(handler.FiredIds(), (std::vector<TimerId>{at_target}));
  EXPECT_EQ(clock.DueTimeOf(after), kStart + 10s + 1us);
  EXPECT_EQ(clock.DueTimeOf(at_target), std::nullopt);
  ASSERT_EQ(clock.AdvanceBy(1us, handler), Status::Ok());
  EXPECT_EQ(handler.FiredIds(), (std::vector<TimerId>{at_target, after}));
}

TEST(ClockTest, TimerScheduledByHandlerWithinTheAdvanceFiresInTheSameAdvance) {
  Clock clock(kStart);
  RecordingHandler handler(clock);
  const TimerId first = clock.ScheduleAt(kStart + 1s, "t", "first");
  const TimerId other = clock.ScheduleAt(kStart + 5s, "t", "other");
  TimerId chained = 0;
  TimerId too_late = 0;
  handler.on_timer = [&](const Timer& timer) {
    if (timer.id != first) return;
    chained = clock.ScheduleAfter(2s, "t", "chained");     // due +3s: inside
    too_late = clock.ScheduleAfter(20s, "t", "too late");  // due +21s: outside
  };
  ASSERT_EQ(clock.AdvanceBy(10s, handler), Status::Ok());
  // The chained timer (+3s) fires before `other` (+5s), in due order.
  EXPECT_EQ(handler.FiredIds(), (std::vector<TimerId>{first, chained, other}));
  EXPECT_EQ(handler.fired[1].now, kStart + 3s);
  EXPECT_EQ(clock.DueTimeOf(too_late), kStart + 21s);
  EXPECT_EQ(clock.PendingTimers(), 1u);
  EXPECT_EQ(clock.now(), kStart + 10s);
}

TEST(ClockTest, TimerScheduledByHandlerForNowFiresAfterTheCurrentOne) {
  Clock clock(kStart);
  RecordingHandler handler(clock);
  const TimerId first = clock.ScheduleAt(kStart + 1s, "t", "first");
  const TimerId same_due = clock.ScheduleAt(kStart + 1s, "t", "same due");
  TimerId immediate = 0;
  handler.on_timer = [&](const Timer& timer) {
    if (timer.id == first) immediate = clock.ScheduleAfter(0s, "t", "immediate");
  };
  ASSERT_EQ(clock.AdvanceBy(1s, handler), Status::Ok());
  // Same due time: the later sequence number goes last.
  EXPECT_EQ(handler.FiredIds(), (std::vector<TimerId>{first, same_due, immediate}));
  EXPECT_EQ(handler.fired[2].now, kStart + 1s);
}

TEST(ClockTest, TimerScheduledByHandlerInThePastFiresAtTheHandlersNow) {
  Clock clock(kStart);
  RecordingHandler handler(clock);
  const TimerId first = clock.ScheduleAt(kStart + 5s, "t", "first");
  TimerId past = 0;
  handler.on_timer = [&](const Timer& timer) {
    if (timer.id == first) past = clock.ScheduleAt(kStart, "t", "past");
  };
  ASSERT_EQ(clock.AdvanceBy(10s, handler), Status::Ok());
  ASSERT_EQ(handler.FiredIds(), (std::vector<TimerId>{first, past}));
  EXPECT_EQ(handler.fired[1].due, kStart + 5s);
  EXPECT_EQ(handler.fired[1].now, kStart + 5s);
}

TEST(ClockTest, HandlerMayCancelALaterTimer) {
  Clock clock(kStart);
  RecordingHandler handler(clock);
  const TimerId first = clock.ScheduleAt(kStart + 1s, "t", "first");
  const TimerId victim = clock.ScheduleAt(kStart + 2s, "t", "victim");
  const TimerId last = clock.ScheduleAt(kStart + 3s, "t", "last");
  bool cancelled = false;
  handler.on_timer = [&](const Timer& timer) {
    if (timer.id == first) cancelled = clock.Cancel(victim);
  };
  ASSERT_EQ(clock.AdvanceBy(10s, handler), Status::Ok());
  EXPECT_TRUE(cancelled);
  EXPECT_EQ(handler.FiredIds(), (std::vector<TimerId>{first, last}));
}

TEST(ClockTest, FiringTimerIsNoLongerPendingInItsHandler) {
  Clock clock(kStart);
  RecordingHandler handler(clock);
  const TimerId id = clock.ScheduleAfter(1s, "t", "k");
  std::optional<Time> due_inside;
  bool cancel_inside = true;
  handler.on_timer = [&](const Timer& timer) {
    due_inside = clock.DueTimeOf(timer.id);
    cancel_inside = clock.Cancel(timer.id);
  };
  ASSERT_EQ(clock.AdvanceBy(1s, handler), Status::Ok());
  ASSERT_EQ(handler.FiredIds(), (std::vector<TimerId>{id}));
  EXPECT_EQ(due_inside, std::nullopt);
  EXPECT_FALSE(cancel_inside);
}

TEST(ClockTest, CancelReturnsTrueOnceThenFalse) {
  Clock clock(kStart);
  RecordingHandler handler(clock);
  const TimerId id = clock.ScheduleAfter(1s, "t", "k");
  EXPECT_TRUE(clock.Cancel(id));
  EXPECT_FALSE(clock.Cancel(id));
  EXPECT_EQ(clock.DueTimeOf(id), std::nullopt);
  EXPECT_EQ(clock.PendingTimers(), 0u);
  ASSERT_EQ(clock.AdvanceBy(1h, handler), Status::Ok());
  EXPECT_TRUE(handler.fired.empty());
}

TEST(ClockTest, CancelOfFiredOrUnknownTimerReturnsFalse) {
  Clock clock(kStart);
  RecordingHandler handler(clock);
  const TimerId id = clock.ScheduleAfter(1s, "t", "k");
  ASSERT_EQ(clock.AdvanceBy(1s, handler), Status::Ok());
  EXPECT_FALSE(clock.Cancel(id));
  EXPECT_FALSE(clock.Cancel(id + 1000));
  EXPECT_FALSE(clock.Cancel(0));
}

TEST(ClockTest, CancelLeavesOtherTimersAlone) {
  Clock clock(kStart);
  RecordingHandler handler(clock);
  const TimerId a = clock.ScheduleAfter(1s, "t", "a");
  const TimerId b = clock.ScheduleAfter(1s, "t", "b");
  const TimerId c = clock.ScheduleAfter(1s, "t", "c");
  EXPECT_TRUE(clock.Cancel(b));
  EXPECT_EQ(clock.NextDue(), kStart + 1s);
  ASSERT_EQ(clock.AdvanceBy(1s, handler), Status::Ok());
  EXPECT_EQ(handler.FiredIds(), (std::vector<TimerId>{a, c}));
}

TEST(ClockTest, TimerIdsAreNeverReused) {
  Clock clock(kStart);
  RecordingHandler handler(clock);
  const TimerId a = clock.ScheduleAfter(1s, "t", "a");
  EXPECT_TRUE(clock.Cancel(a));
  const TimerId b = clock.ScheduleAfter(1s, "t", "b");
  ASSERT_EQ(clock.AdvanceBy(1s, handler), Status::Ok());
  const TimerId c = clock.ScheduleAfter(1s, "t", "c");
  EXPECT_NE(a, b);
  EXPECT_NE(b, c);
  EXPECT_NE(a, c);
}

TEST(ClockTest, PastDueTimeIsClampedToNowAndFiresOnAdvanceByZero) {
  Clock clock(kStart);
  RecordingHandler handler(clock);
  const TimerId past = clock.ScheduleAt(kStart - 1h, "t", "past");
  const TimerId negative = clock.ScheduleAfter(-5s, "t", "negative");
  EXPECT_EQ(clock.DueTimeOf(past), kStart);
  EXPECT_EQ(clock.DueTimeOf(negative), kStart);
  EXPECT_EQ(clock.NextDue(), kStart);
  ASSERT_EQ(clock.AdvanceBy(0s, handler), Status::Ok());
  EXPECT_EQ(handler.FiredIds(), (std::vector<TimerId>{past, negative}));
  EXPECT_EQ(handler.fired[0].now, kStart);
  EXPECT_EQ(clock.now(), kStart);
  EXPECT_EQ(clock.PendingTimers(), 0u);
}

TEST(ClockTest, AdvanceToBackwardsIsRefusedAndChangesNothing) {
  Clock clock(kStart);
  RecordingHandler handler(clock);
  // One timer already due (clamped to now) and one in the future: neither may fire.
  const TimerId due_now = clock.ScheduleAt(kStart - 1s, "t", "due now");
  const TimerId later = clock.ScheduleAfter(1s, "t", "later");
  const Status s = clock.AdvanceTo(kStart - 1us, handler);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "target");
  EXPECT_EQ(clock.now(), kStart);
  EXPECT_TRUE(handler.fired.empty());
  EXPECT_EQ(clock.PendingTimers(), 2u);
  EXPECT_EQ(clock.DueTimeOf(due_now), kStart);
  EXPECT_EQ(clock.DueTimeOf(later), kStart + 1s);
}

TEST(ClockTest, AdvanceByNegativeIsRefusedAndChangesNothing) {
  Clock clock(kStart);
  RecordingHandler handler(clock);
  const TimerId due_now = clock.ScheduleAfter(0s, "t", "due now");
  const Status s = clock.AdvanceBy(-1us, handler);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "delta");
  EXPECT_EQ(clock.now(), kStart);
  EXPECT_TRUE(handler.fired.empty());
  EXPECT_EQ(clock.DueTimeOf(due_now), kStart);
}

TEST(ClockTest, AdvanceToNowIsAllowed) {
  Clock clock(kStart);
  RecordingHandler handler(clock);
  const TimerId id = clock.ScheduleAfter(0s, "t", "k");
  ASSERT_EQ(clock.AdvanceTo(kStart, handler), Status::Ok());
  EXPECT_EQ(handler.FiredIds(), (std::vector<TimerId>{id}));
}

// Timers are data: a copied clock has the same future and its own queue.
TEST(ClockTest, CopyIsIndependentWithTheSameFuture) {
  Clock original(kStart);
  const TimerId a = original.ScheduleAfter(1s, "t", "a");
  const TimerId b = original.ScheduleAfter(2s, "t", "b");
  Clock copy = original;

  RecordingHandler copy_handler(copy);
  ASSERT_EQ(copy.AdvanceBy(1h, copy_handler), Status::Ok());
  EXPECT_EQ(copy_handler.FiredIds(), (std::vector<TimerId>{a, b}));
  EXPECT_EQ(copy.ScheduleAfter(1s, "t", "c"), original.ScheduleAfter(1s, "t", "c"));

  EXPECT_EQ(original.now(), kStart);
  EXPECT_EQ(original.PendingTimers(), 3u);
  RecordingHandler original_handler(original);
  ASSERT_EQ(original.AdvanceBy(1h, original_handler), Status::Ok());
  EXPECT_EQ(original_handler.FiredIds().size(), 3u);
}

}  // namespace
}  // namespace dscosim
