#include "dscosim/scenarios/message_poller.h"

#include <gtest/gtest.h>

#include "dscosim/tests/support/world_fixture.h"

namespace dscosim {
namespace {

using namespace std::chrono_literals;
using test_support::TestWorld;

TEST(MessagePoller, FollowsTheScrollToTheEmptyPage) {
  ConversationPolicy policy;
  policy.page_size = 2;
  TestWorld w(policy);
  MessagePoller poller(w.s1.dsco_account_id, w.world.now());
  const Conversation c = w.MustCreate(w.r1, TestWorld::Basic(w.s1));
  for (int i = 0; i < 5; ++i) w.MustAdd(w.r1, c.id);
  ASSERT_TRUE(w.world.AdvanceBy(10s).ok());
  auto polled = poller.Poll(w.store(), w.world.now());
  ASSERT_TRUE(polled.ok());
  EXPECT_EQ(polled->size(), 5u);
  // 2 + 2 + 1, then the empty page that ends the scroll.
  EXPECT_EQ(poller.requests(), 4);
  EXPECT_EQ(poller.next_since(), w.world.now() - 5s);
}

TEST(MessagePoller, KeepsUntilFiveSecondsBehindAndNeverReadsTwice) {
  TestWorld w;
  MessagePoller poller(w.s1.dsco_account_id, w.world.now());
  const Conversation c = w.MustCreate(w.r1, TestWorld::Basic(w.s1));
  ASSERT_TRUE(w.world.AdvanceBy(4s).ok());
  // The window would end before it starts: no request at all.
  auto first = poller.Poll(w.store(), w.world.now());
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first->empty());
  EXPECT_EQ(poller.requests(), 0);
  w.MustAdd(w.r1, c.id, "one");
  ASSERT_TRUE(w.world.AdvanceBy(3s).ok());  // the message is 3 s old: not yet in a window
  auto second = poller.Poll(w.store(), w.world.now());
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->empty());
  ASSERT_TRUE(w.world.AdvanceBy(3s).ok());
  auto third = poller.Poll(w.store(), w.world.now());
  ASSERT_TRUE(third.ok());
  ASSERT_EQ(third->size(), 1u);
  EXPECT_EQ((*third)[0].text, "one");
  ASSERT_TRUE(w.world.AdvanceBy(1h).ok());
  auto fourth = poller.Poll(w.store(), w.world.now());
  ASSERT_TRUE(fourth.ok());
  EXPECT_TRUE(fourth->empty());
}

}  // namespace
}  // namespace dscosim
