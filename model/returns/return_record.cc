#include "dscosim/model/returns/return_record.h"

#include "dscosim/model/core/enum_names.h"

#include <array>
#include <utility>

namespace dscosim {
namespace {

constexpr std::array<std::pair<std::string_view, ReturnStatus>, 3> kStatusNames{{
    {"created", ReturnStatus::kCreated},
    {"acknowledged", ReturnStatus::kAcknowledged},
    {"completed", ReturnStatus::kCompleted},
}};
constexpr std::array<std::pair<std::string_view, ReturnResponse>, 2> kResponseNames{{
    {"accepted", ReturnResponse::kAccepted},
    {"rejected", ReturnResponse::kRejected},
}};

}  // namespace

std::string_view ReturnStatusName(ReturnStatus status) { return EnumName(status, kStatusNames); }
Result<ReturnStatus> ParseReturnStatus(std::string_view text, std::string_view field) {
  return ParseEnumName(text, field, kStatusNames);
}
std::string_view ReturnResponseName(ReturnResponse r) { return EnumName(r, kResponseNames); }
Result<ReturnResponse> ParseReturnResponse(std::string_view text, std::string_view field) {
  return ParseEnumName(text, field, kResponseNames);
}

bool operator==(const ReturnPackage& a, const ReturnPackage& b) {
  if (a.tracking_number != b.tracking_number || a.given != b.given ||
      a.lines.size() != b.lines.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.lines.size(); ++i) {
    if (a.lines[i].line_number != b.lines[i].line_number ||
        a.lines[i].quantity != b.lines[i].quantity || a.lines[i].given != b.lines[i].given) {
      return false;
    }
  }
  return true;
}

bool Return::all_responded() const {
  for (const ReturnLine& line : lines) {
    if (!line.response) return false;
  }
  return !lines.empty();
}

bool Return::any_responded() const {
  for (const ReturnLine& line : lines) {
    if (line.response) return true;
  }
  return false;
}

ReturnStatus Return::status() const {
  if (all_responded()) return ReturnStatus::kCompleted;
  return acknowledged ? ReturnStatus::kAcknowledged : ReturnStatus::kCreated;
}

std::vector<ReturnResponse> Return::status_tags() const {
  bool accepted = false;
  bool rejected = false;
  for (const ReturnLine& line : lines) {
    if (line.response == ReturnResponse::kAccepted) accepted = true;
    if (line.response == ReturnResponse::kRejected) rejected = true;
  }
  std::vector<ReturnResponse> tags;
  if (accepted) tags.push_back(ReturnResponse::kAccepted);
  if (rejected) tags.push_back(ReturnResponse::kRejected);
  return tags;
}

std::optional<std::string> Return::number_of(std::string_view account_id) const {
  if (account_id == initiator_id()) return initiator_number;
  if (account_id == responder_id()) return responder_number;
  return std::nullopt;
}

const ReturnLine* Return::FindLine(std::int64_t line_number) const {
  for (const ReturnLine& line : lines) {
    if (line.item.line_number == line_number) return &line;
  }
  return nullptr;
}

}  // namespace dscosim
