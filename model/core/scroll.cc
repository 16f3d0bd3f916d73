#include "dscosim/model/core/scroll.h"

#include <algorithm>
#include <utility>

namespace dscosim {

void ScrollCache::DropExpired(Time now) {
  std::erase_if(scrolls_, [&](const auto& entry) {
    return now >= entry.second.last_used + ttl_;
  });
}

ScrollPage ScrollCache::Open(std::string_view owner, std::vector<std::string> ids, Time now,
                             IdMaker& tokens, std::size_t page_size) {
  DropExpired(now);
  if (page_size == 0) page_size = page_size_;
  ScrollPage page;
  if (ids.size() <= page_size) {
    page.ids = std::move(ids);
    return page;
  }
  page.ids.assign(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(page_size));
  std::string scroll_id = tokens.NextToken(64);
  scrolls_.emplace(scroll_id,
                   Scroll{std::string(owner), std::move(ids), page_size, page_size, now});
  page.scroll_id = std::move(scroll_id);
  return page;
}

Result<ScrollPage> ScrollCache::Next(std::string_view owner, std::string_view scroll_id,
                                     Time now, std::string_view field) {
  DropExpired(now);
  const auto it = scrolls_.find(scroll_id);
  if (it == scrolls_.end() || it->second.owner != owner) {
    return NotFound(std::string(field),
                    "unknown or expired scrollId (a scroll lasts " +
                        std::to_string(std::chrono::duration_cast<std::chrono::seconds>(ttl_)
                                           .count()) +
                        " s after its last use); start the query again");
  }
  Scroll& scroll = it->second;
  scroll.last_used = now;
  ScrollPage page;
  const std::size_t end = std::min(scroll.ids.size(), scroll.next + scroll.page_size);
  page.ids.assign(scroll.ids.begin() + static_cast<std::ptrdiff_t>(scroll.next),
                  scroll.ids.begin() + static_cast<std::ptrdiff_t>(end));
  scroll.next = end;
  if (!page.ids.empty()) page.scroll_id = std::string(scroll_id);
  return page;
}

std::string ScrollCache::Describe(Time now) const {
  std::string out;
  for (const auto& [id, scroll] : scrolls_) {
    if (now >= scroll.last_used + ttl_) continue;
    out += id + " " + scroll.owner + " " + std::to_string(scroll.next) + "/" +
           std::to_string(scroll.ids.size()) + " " + std::to_string(MicrosOf(scroll.last_used)) +
           ";";
  }
  return out;
}

}  // namespace dscosim
