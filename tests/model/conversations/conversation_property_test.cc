// State-machine properties of the conversation store (rapidcheck rc::state).
//
// Every generated command runs against two worlds built from the same seed — one with a
// tiny page size, one with pages large enough never to scroll — and against the
// reference model (conversation_reference_model.h). After each command:
//   * every conversation's status, closed date and message count equal the model's, and
//     every status change was a legal transition;
//   * closed conversations never gained a message (the model refuses, the store must);
//   * auto-close happened exactly at last activity + period, never earlier, never after
//     fresh activity;
//   * both worlds have the same trace hash (reads and paging never change history);
//   * outsiders see nothing of a conversation, by any door;
//   * paged and unpaged query results agree, and agree with a plain re-statement of the
//     query's filters;
//   * a supplier polling contiguous windows (createdSince = previous until, until = now -
//     5 s) and following every scroll sees each of its messages exactly once.
#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>
#include <rapidcheck/state.h>

#include "dscosim/scenarios/message_poller.h"
#include "dscosim/tests/model/conversations/conversation_reference_model.h"
#include "dscosim/tests/support/world_fixture.h"

namespace dscosim::test_support {
namespace {

using namespace std::chrono_literals;

// An optional value: absent half the time.
template <typename T>
std::optional<T> Maybe(rc::Gen<T> gen) {
  if (*rc::gen::arbitrary<bool>()) return *gen;
  return std::nullopt;
}

const char* AccountName(int i) {
  static const char* kNames[] = {"R1", "R2", "S1", "S2"};
  return kNames[i];
}

struct Sut {
  explicit Sut(const ConversationPolicy& policy)
      : paged(policy), unpaged([&] {
          ConversationPolicy big = policy;
          big.page_size = 1000000;
          return big;
        }()) {
    for (const int s : {kS1, kS2}) {
      pollers.emplace(s, MessagePoller(Account(paged, s).dsco_account_id, paged.world.now()));
      unpaged_pollers.emplace(s, MessagePoller(Account(unpaged, s).dsco_account_id,
                                               unpaged.world.now()));
    }
  }

  static const dscosim::Account& Account(TestWorld& w, int i) {
    const dscosim::Account* accounts[] = {&w.r1, &w.r2, &w.s1, &w.s2};
    return *accounts[i];
  }
  std::string Id(int account) { return Account(paged, account).dsco_account_id; }

  TestWorld paged;
  TestWorld unpaged;
  std::vector<std::string> ids;  // conversation ids by creation index (same in both)
  std::vector<ConversationStatus> last_status;
  std::map<int, MessagePoller> pollers, unpaged_pollers;
  std::map<int, std::set<std::string>> seen;  // message ids each supplier has polled
};

using Cmd = rc::state::Command<RefModel, Sut>;

RefModel After(const RefModel& model, const Cmd& cmd) {
  RefModel next = model;
  cmd.apply(next);
  return next;
}

// The store agrees with the model; both worlds agree with each other.
void CheckAgainstModel(const RefModel& expected, Sut& sut) {
  RC_ASSERT(sut.ids.size() == expected.conversations.size());
  RC_ASSERT(sut.paged.world.now() == expected.now);
  RC_ASSERT(sut.paged.world.trace().hash() == sut.unpaged.world.trace().hash());
  for (std::size_t i = 0; i < sut.ids.size(); ++i) {
    const RefConversation& want = expected.conversations[i];
    for (TestWorld* w : {&sut.paged, &sut.unpaged}) {
      const Conversation* c = w->store().Find(sut.ids[i]);
      RC_ASSERT(c != nullptr);
      RC_ASSERT(c->status == want.status);
      RC_ASSERT(c->closed_date == want.closed_date);
      RC_ASSERT(c->message_ids.size() == static_cast<std::size_t>(want.messages));
      RC_ASSERT(c->last_activity == want.last_activity);
    }
    const ConversationStatus now_status = want.status;
    if (i < sut.last_status.size()) {
      RC_ASSERT(IsLegalTransition(sut.last_status[i], now_status));
      sut.last_status[i] = now_status;
    } else {
      sut.last_status.push_back(now_status);
    }
  }
}

struct CreateCmd : Cmd {
  int caller, other;
  bool customer_care, is_test, initial;
  std::optional<int> due_minutes;

  explicit CreateCmd(const RefModel&)
      : caller(*rc::gen::inRange(0, kAccountCount)),
        other(*rc::gen::elementOf(PartnerIndicesOf(caller))),
        customer_care(*rc::gen::arbitrary<bool>()),
        is_test(*rc::gen::weightedElement<bool>({{1, true}, {5, false}})),
        initial(*rc::gen::arbitrary<bool>()),
        due_minutes(Maybe(rc::gen::inRange(-120, 240))) {}

  std::optional<Time> Due(const RefModel& m) const {
    if (!due_minutes) return std::nullopt;
    return m.now + std::chrono::minutes(*due_minutes);
  }
  void apply(RefModel& m) const override {
    m.Create(caller, other, customer_care, is_test, initial, Due(m));
  }
  void run(const RefModel& m, Sut& sut) const override {
    std::string id;
    for (TestWorld* w : {&sut.paged, &sut.unpaged}) {
      CreateConversationRequest req;
      req.title = "property";
      req.other_party_dsco_account_id = Sut::Account(*w, other).dsco_account_id;
      if (customer_care) req.type = ConversationType{ConversationKind::kCustomerCare, "C-1"};
      req.is_test = is_test;
      if (initial) req.initial_message = "first";
      req.due_date = Due(m);
      auto created = w->store().Create(Sut::Account(*w, caller).dsco_account_id, req);
      RC_ASSERT(created.ok());
      if (id.empty()) id = created->id;
      RC_ASSERT(created->id == id);
    }
    sut.ids.push_back(id);
    CheckAgainstModel(After(m, *this), sut);
  }
  void show(std::ostream& os) const override {
    os << "Create(" << AccountName(caller) << " -> " << AccountName(other)
       << (customer_care ? ", customer_care" : ", standard") << (is_test ? ", test" : "")
       << (initial ? ", with message" : "");
    if (due_minutes) os << ", due in " << *due_minutes << " min";
    os << ")";
  }
};

struct AddMessageCmd : Cmd {
  int conversation = 0;
  bool by_retailer = true;

  explicit AddMessageCmd(const RefModel& m) {
    if (m.conversations.empty()) RC_DISCARD("no conversation yet");
    conversation = *rc::gen::inRange(0, static_cast<int>(m.conversations.size()));
    by_retailer = *rc::gen::arbitrary<bool>();
  }
  int Author(const RefModel& m) const {
    const RefConversation& c = m.conversations[static_cast<std::size_t>(conversation)];
    return by_retailer ? c.retailer : c.supplier;
  }
  void checkPreconditions(const RefModel& m) const override {
    RC_PRE(static_cast<std::size_t>(conversation) < m.conversations.size());
  }
  void apply(RefModel& m) const override { m.AddMessage(conversation, Author(m)); }
  void run(const RefModel& m, Sut& sut) const override {
    const bool closed =
        m.conversations[static_cast<std::size_t>(conversation)].status == ConversationStatus::kClosed;
    for (TestWorld* w : {&sut.paged, &sut.unpaged}) {
      AddMessageRequest req;
      req.dsco_conversation_id = sut.ids[static_cast<std::size_t>(conversation)];
      req.message = "hello";
      const std::string before = Fingerprint(w->world);
      auto added = w->store().AddMessage(Sut::Account(*w, Author(m)).dsco_account_id, req);
      if (closed) {
        RC_ASSERT(added.status().code() == StatusCode::kFailedPrecondition);
        RC_ASSERT(Fingerprint(w->world) == before);
      } else {
        RC_ASSERT(added.ok());
        RC_ASSERT(added->created == m.now);
        RC_ASSERT(added->recipient_account_id ==
                  Sut::Account(*w, Author(m) == m.conversations[static_cast<std::size_t>(conversation)].retailer
                                       ? m.conversations[static_cast<std::size_t>(conversation)].supplier
                                       : m.conversations[static_cast<std::size_t>(conversation)].retailer)
                      .dsco_account_id);
      }
    }
    CheckAgainstModel(After(m, *this), sut);
  }
  void show(std::ostream& os) const override {
    os << "AddMessage(#" << conversation << " by " << (by_retailer ? "retailer" : "supplier") << ")";
  }
};

struct SetStatusCmd : Cmd {
  int conversation = 0;
  bool by_retailer = true;
  ConversationStatus to = ConversationStatus::kClosed;

  explicit SetStatusCmd(const RefModel& m) {
    if (m.conversations.empty()) RC_DISCARD("no conversation yet");
    conversation = *rc::gen::inRange(0, static_cast<int>(m.conversations.size()));
    by_retailer = *rc::gen::arbitrary<bool>();
    to = *rc::gen::element(ConversationStatus::kInProgress, ConversationStatus::kClosed);
  }
  void checkPreconditions(const RefModel& m) const override {
    RC_PRE(static_cast<std::size_t>(conversation) < m.conversations.size());
  }
  void apply(RefModel& m) const override { m.SetStatus(conversation, to); }
  void run(const RefModel& m, Sut& sut) const override {
    const RefConversation& c = m.conversations[static_cast<std::size_t>(conversation)];
    for (TestWorld* w : {&sut.paged, &sut.unpaged}) {
      UpdateConversationRequest req;
      req.dsco_conversation_id = sut.ids[static_cast<std::size_t>(conversation)];
      req.status = to;
      auto updated = w->store().Update(
          Sut::Account(*w, by_retailer ? c.retailer : c.supplier).dsco_account_id, req);
      RC_ASSERT(updated.ok());
      RC_ASSERT(updated->status == to);
    }
    CheckAgainstModel(After(m, *this), sut);
  }
  void show(std::ostream& os) const override {
    os << "SetStatus(#" << conversation << " -> " << ConversationStatusName(to) << " by "
       << (by_retailer ? "retailer" : "supplier") << ")";
  }
};

struct AdvanceCmd : Cmd {
  Duration delta;
  explicit AdvanceCmd(const RefModel&)
      : delta(*rc::gen::element<Duration>(1s, 2s, 3s, 5s, 7s, 1min, 10min, 59min, 1h, 90min)) {}
  void apply(RefModel& m) const override { m.Advance(delta); }
  void run(const RefModel& m, Sut& sut) const override {
    RC_ASSERT(sut.paged.world.AdvanceBy(delta).ok());
    RC_ASSERT(sut.unpaged.world.AdvanceBy(delta).ok());
    CheckAgainstModel(After(m, *this), sut);
  }
  void show(std::ostream& os) const override {
    os << "Advance(" << std::chrono::duration_cast<std::chrono::seconds>(delta).count() << " s)";
  }
};

// An account outside a conversation tries every door: it must find nothing, change
// nothing, and get the same answer as for an id that does not exist.
struct OutsiderCmd : Cmd {
  int conversation = 0;
  int outsider = 0;
  explicit OutsiderCmd(const RefModel& m) {
    if (m.conversations.empty()) RC_DISCARD("no conversation yet");
    conversation = *rc::gen::inRange(0, static_cast<int>(m.conversations.size()));
    std::vector<int> outsiders;
    for (int a = 0; a < kAccountCount; ++a) {
      if (!m.conversations[static_cast<std::size_t>(conversation)].Involves(a)) outsiders.push_back(a);
    }
    outsider = *rc::gen::elementOf(outsiders);
  }
  void checkPreconditions(const RefModel& m) const override {
    RC_PRE(static_cast<std::size_t>(conversation) < m.conversations.size());
    RC_PRE(!m.conversations[static_cast<std::size_t>(conversation)].Involves(outsider));
  }
  void apply(RefModel&) const override {}
  void run(const RefModel& m, Sut& sut) const override {
    TestWorld& w = sut.paged;
    const std::string me = sut.Id(outsider);
    const std::string& id = sut.ids[static_cast<std::size_t>(conversation)];
    const Conversation* c = w.store().Find(id);
    const std::string before = Fingerprint(w.world);

    const auto same_as_missing = [&](const Status& hidden, const Status& missing) {
      RC_ASSERT(hidden.code() == StatusCode::kNotFound);
      RC_ASSERT(hidden.code() == missing.code());
      RC_ASSERT(hidden.field() == missing.field());
    };
    AddMessageRequest add;
    add.dsco_conversation_id = id;
    add.message = "sneaky";
    AddMessageRequest add_missing = add;
    add_missing.dsco_conversation_id = "1";
    same_as_missing(w.store().AddMessage(me, add).status(),
                    w.store().AddMessage(me, add_missing).status());
    UpdateConversationRequest update;
    update.dsco_conversation_id = id;
    update.status = ConversationStatus::kClosed;
    UpdateConversationRequest update_missing = update;
    update_missing.dsco_conversation_id = "1";
    same_as_missing(w.store().Update(me, update).status(),
                    w.store().Update(me, update_missing).status());
    ConversationQuery by_id;
    by_id.dsco_conversation_id = id;
    ConversationQuery by_missing_id;
    by_missing_id.dsco_conversation_id = "1";
    same_as_missing(w.store().List(me, by_id).status(),
                    w.store().List(me, by_missing_id).status());
    MessageQuery messages_by_id;
    messages_by_id.dsco_conversation_id = id;
    MessageQuery messages_by_missing;
    messages_by_missing.dsco_conversation_id = "1";
    same_as_missing(w.store().ListMessages(me, messages_by_id).status(),
                    w.store().ListMessages(me, messages_by_missing).status());
    for (const std::string& mid : c->message_ids) {
      MessageQuery one;
      one.dsco_message_id = mid;
      MessageQuery missing;
      missing.dsco_message_id = "1";
      same_as_missing(w.store().ListMessages(me, one).status(),
                      w.store().ListMessages(me, missing).status());
    }
    RC_ASSERT(Fingerprint(w.world) == before);

    // Broad queries, all statuses, tests included: never a trace of it.
    ConversationQuery all;
    all.test = TestFilter::kAll;
    auto listed = w.store().List(me, all);
    RC_ASSERT(listed.ok());
    while (true) {
      for (const Conversation& other : listed->conversations) RC_ASSERT(other.id != id);
      if (!listed->scroll_id) break;
      ConversationQuery next;
      next.scroll_id = listed->scroll_id;
      listed = w.store().List(me, next);
      RC_ASSERT(listed.ok());
    }
    MessageQuery all_messages;
    all_messages.test = TestFilter::kAll;
    auto msgs = w.store().ListMessages(me, all_messages);
    RC_ASSERT(msgs.ok());
    while (true) {
      for (const ConversationMessage& msg : msgs->messages) RC_ASSERT(msg.conversation_id != id);
      if (!msgs->scroll_id) break;
      MessageQuery next;
      next.scroll_id = msgs->scroll_id;
      msgs = w.store().ListMessages(me, next);
      RC_ASSERT(msgs.ok());
    }
    CheckAgainstModel(m, sut);
  }
  void show(std::ostream& os) const override {
    os << "Outsider(" << AccountName(outsider) << " probes #" << conversation << ")";
  }
};

// A supplier polls contiguous windows and follows scrolls: every message of its
// conversations shows up exactly once, and paged and unpaged polls agree.
struct PollCmd : Cmd {
  int supplier;
  explicit PollCmd(const RefModel&) : supplier(*rc::gen::element(kS1, kS2)) {}
  void apply(RefModel&) const override {}
  void run(const RefModel& m, Sut& sut) const override {
    MessagePoller& poller = sut.pollers.at(supplier);
    const Time since = poller.next_since();
    auto polled = poller.Poll(sut.paged.store(), sut.paged.world.now());
    RC_ASSERT(polled.ok());
    auto polled_unpaged =
        sut.unpaged_pollers.at(supplier).Poll(sut.unpaged.store(), sut.unpaged.world.now());
    RC_ASSERT(polled_unpaged.ok());
    RC_ASSERT(polled->size() == polled_unpaged->size());
    std::set<std::string>& seen = sut.seen[supplier];
    for (std::size_t i = 0; i < polled->size(); ++i) {
      const ConversationMessage& msg = (*polled)[i];
      RC_ASSERT(msg.id == (*polled_unpaged)[i].id);
      RC_ASSERT(msg.created >= since);
      RC_ASSERT(msg.created < poller.next_since());
      RC_ASSERT(seen.insert(msg.id).second);  // never twice
    }
    // Nothing of the supplier's before the window's end was missed.
    const std::string me = sut.Id(supplier);
    for (const auto& [mid, msg] : sut.paged.store().messages()) {
      const bool mine = msg.author_account_id == me || msg.recipient_account_id == me;
      if (mine && !msg.is_test && msg.created < poller.next_since()) {
        RC_ASSERT(seen.count(mid) == 1u);
      }
    }
    CheckAgainstModel(m, sut);
  }
  void show(std::ostream& os) const override { os << "Poll(" << AccountName(supplier) << ")"; }
};

template <typename Page, typename Query, typename Items>
std::vector<std::string> FollowScroll(Result<Page> first, Items Page::*items,
                                      const std::function<Result<Page>(const Query&)>& call) {
  std::vector<std::string> ids;
  Result<Page> page = std::move(first);
  while (true) {
    RC_ASSERT(page.ok());
    for (const auto& item : (*page).*items) ids.push_back(item.id);
    if (!page->scroll_id) return ids;
    Query next;
    next.scroll_id = page->scroll_id;
    page = call(next);
  }
}

// A random Get Conversations query: paged, unpaged and a plain restatement of the
// filters give the same ids in the same order.
struct QueryCmd : Cmd {
  int account;
  std::optional<std::vector<ConversationStatus>> statuses;
  std::optional<bool> retailer_initiated, customer_care, past_due, descending;
  std::optional<int> since_minutes_ago, until_seconds_ago;
  std::optional<TestFilter> test;

  explicit QueryCmd(const RefModel&)
      : account(*rc::gen::inRange(0, kAccountCount)),
        statuses(Maybe(rc::gen::container<std::vector<ConversationStatus>>(
            rc::gen::element(ConversationStatus::kNew, ConversationStatus::kInProgress,
                             ConversationStatus::kClosed)))),
        retailer_initiated(Maybe(rc::gen::arbitrary<bool>())),
        customer_care(Maybe(rc::gen::arbitrary<bool>())),
        past_due(Maybe(rc::gen::arbitrary<bool>())),
        descending(Maybe(rc::gen::arbitrary<bool>())),
        since_minutes_ago(Maybe(rc::gen::inRange(0, 300))),
        until_seconds_ago(Maybe(rc::gen::inRange(5, 600))),
        test(Maybe(rc::gen::element(TestFilter::kLegit, TestFilter::kTest,
                                              TestFilter::kAll))) {}

  ConversationQuery Build(const RefModel& m) const {
    ConversationQuery q;
    q.statuses = statuses;
    if (retailer_initiated) q.initiated_by = *retailer_initiated ? Role::kRetailer : Role::kSupplier;
    if (customer_care) {
      q.type = ConversationTypeFilter{*customer_care ? ConversationKind::kCustomerCare
                                                     : ConversationKind::kStandard,
                                      std::nullopt};
    }
    q.past_due = past_due;
    if (descending) q.sort = *descending ? SortDirection::kDescending : SortDirection::kAscending;
    if (since_minutes_ago) q.created_since = m.now - std::chrono::minutes(*since_minutes_ago);
    if (until_seconds_ago) q.until = m.now - std::chrono::seconds(*until_seconds_ago);
    q.test = test;
    if (!statuses && !retailer_initiated && !customer_care && !past_due && !descending &&
        !since_minutes_ago && !until_seconds_ago && !test) {
      q.test = TestFilter::kLegit;  // a query needs a criterion
    }
    return q;
  }

  std::vector<std::string> Expected(const ConversationQuery& q, Sut& sut) const {
    const std::string me = sut.Id(account);
    const Time now = sut.paged.world.now();
    std::vector<const Conversation*> all;
    for (const auto& [id, c] : sut.paged.store().conversations()) all.push_back(&c);
    std::sort(all.begin(), all.end(),
              [](const Conversation* a, const Conversation* b) { return a->sequence < b->sequence; });
    std::vector<std::string> out;
    for (const Conversation* c : all) {
      if (!c->has_participant(me) || c->visible_at > now) continue;
      if (q.statuses && std::find(q.statuses->begin(), q.statuses->end(), c->status) == q.statuses->end()) continue;
      if (q.initiated_by && c->initiated_by != *q.initiated_by) continue;
      if (q.type && c->type.kind != q.type->kind) continue;
      if (q.past_due) {
        if (!c->due_date || c->status == ConversationStatus::kClosed) continue;
        if ((*c->due_date < now) != *q.past_due) continue;
      }
      if (q.created_since && c->created < *q.created_since) continue;
      if (q.until && c->created >= *q.until) continue;
      const TestFilter t = q.test.value_or(TestFilter::kLegit);
      if (t == TestFilter::kLegit && c->is_test) continue;
      if (t == TestFilter::kTest && !c->is_test) continue;
      out.push_back(c->id);
    }
    if (q.sort == SortDirection::kDescending) std::reverse(out.begin(), out.end());
    return out;
  }

  void apply(RefModel&) const override {}
  void run(const RefModel& m, Sut& sut) const override {
    const ConversationQuery q = Build(m);
    std::vector<std::vector<std::string>> results;
    for (TestWorld* w : {&sut.paged, &sut.unpaged}) {
      const std::string me = Sut::Account(*w, account).dsco_account_id;
      std::function<Result<ConversationPage>(const ConversationQuery&)> call =
          [&](const ConversationQuery& next) { return w->store().List(me, next); };
      results.push_back(FollowScroll(w->store().List(me, q), &ConversationPage::conversations, call));
    }
    RC_ASSERT(results[0] == results[1]);
    RC_ASSERT(results[0] == Expected(q, sut));
    CheckAgainstModel(m, sut);
  }
  void show(std::ostream& os) const override {
    os << "Query(" << AccountName(account) << (statuses ? " statuses" : "")
       << (retailer_initiated ? " initiatedBy" : "") << (customer_care ? " type" : "")
       << (past_due ? (*past_due ? " pastDue=true" : " pastDue=false") : "")
       << (descending ? " sort" : "");
    if (since_minutes_ago) os << " createdSince=-" << *since_minutes_ago << "min";
    if (until_seconds_ago) os << " until=-" << *until_seconds_ago << "s";
    os << ")";
  }
};

RC_GTEST_PROP(ConversationProperties, StoreAgreesWithTheReferenceModel, ()) {
  ConversationPolicy policy;
  policy.in_progress_rule =
      *rc::gen::element(InProgressRule::kAnyMessage, InProgressRule::kOtherPartyReplies);
  // Any post-processing delay up to the 5-second rule keeps polling complete.
  policy.visibility_delay = std::chrono::seconds(*rc::gen::inRange(0, 6));
  policy.auto_close_after = 1h;
  policy.page_size = static_cast<std::size_t>(*rc::gen::inRange(1, 5));
  RefModel model;
  model.policy = policy;
  model.now = kDefaultWorldStart;
  Sut sut(policy);
  rc::state::check(model, sut,
                   rc::state::gen::execOneOfWithArgs<CreateCmd, AddMessageCmd, SetStatusCmd,
                                                     AdvanceCmd, OutsiderCmd, PollCmd, QueryCmd>());
}

}  // namespace
}  // namespace dscosim::test_support
