// Result sets paged with a scrollId, the platform's way (facts §1.5):
//   * the first call computes the whole result set; when it spans more than one page the
//     response carries a scrollId, which stays the same from page to page;
//   * a call with the scrollId returns the next page; an empty page ends the scroll (the
//     last page may be empty even though a scrollId came with the previous one). Asking
//     again after the end keeps answering an empty page until the scroll expires;
//   * a scroll unused for the time-to-live (5 minutes by default) is gone: NotFound;
//   * a scroll belongs to the account that opened it; to anyone else it does not exist.
// The result set is a snapshot of ids, taken when the scroll opens; the caller renders
// each id's current state when it returns a page.
#ifndef DSCOSIM_MODEL_CORE_SCROLL_H_
#define DSCOSIM_MODEL_CORE_SCROLL_H_

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dscosim/model/core/ids.h"
#include "dscosim/model/core/status.h"
#include "dscosim/model/core/time.h"

namespace dscosim {

struct ScrollPage {
  std::vector<std::string> ids;
  std::optional<std::string> scroll_id;  // present while more pages may follow
};

class ScrollCache {
 public:
  ScrollCache(Duration ttl, std::size_t page_size) : ttl_(ttl), page_size_(page_size) {}

  // The first page of `ids`. Opens a scroll (drawing its id from `tokens`) only when
  // `ids` does not fit in one page. `page_size` overrides the cache's for this scroll
  // (a query parameter such as ordersPerPage); 0 uses the cache's.
  ScrollPage Open(std::string_view owner, std::vector<std::string> ids, Time now,
                  IdMaker& tokens, std::size_t page_size = 0);

  // The next page of an open scroll. NotFound (field `field`) when the scroll is
  // unknown, expired, or owned by another account.
  Result<ScrollPage> Next(std::string_view owner, std::string_view scroll_id, Time now,
                          std::string_view field = "scrollId");

  std::size_t page_size() const { return page_size_; }
  std::size_t open_scrolls() const { return scrolls_.size(); }
  // Every scroll still alive at `now`: id, owner, position, size and last use. Expired
  // ones are dropped lazily, so they are left out. For tests and snapshots.
  std::string Describe(Time now) const;

 private:
  struct Scroll {
    std::string owner;
    std::vector<std::string> ids;
    std::size_t next = 0;
    std::size_t page_size = 0;
    Time last_used;
  };
  void DropExpired(Time now);

  Duration ttl_;
  std::size_t page_size_;
  std::map<std::string, Scroll, std::less<>> scrolls_;
};

}  // namespace dscosim

#endif  // DSCOSIM_MODEL_CORE_SCROLL_H_
