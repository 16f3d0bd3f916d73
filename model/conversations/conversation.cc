#include "dscosim/model/conversations/conversation.h"

#include "dscosim/model/core/enum_names.h"

#include <array>
#include <string>
#include <utility>

namespace dscosim {
namespace {

constexpr std::array<std::pair<std::string_view, ConversationStatus>, 3> kStatusNames{{
    {"new", ConversationStatus::kNew},
    {"in_progress", ConversationStatus::kInProgress},
    {"closed", ConversationStatus::kClosed},
}};
constexpr std::array<std::pair<std::string_view, ConversationKind>, 2> kKindNames{{
    {"standard", ConversationKind::kStandard},
    {"customer_care", ConversationKind::kCustomerCare},
}};
constexpr std::array<std::pair<std::string_view, CustomerCareType>, 2> kCareNames{{
    {"message_from_consumer", CustomerCareType::kMessageFromConsumer},
    {"response_to_consumer", CustomerCareType::kResponseToConsumer},
}};
constexpr std::array<std::pair<std::string_view, ContextKind>, 7> kContextNames{{
    {"account", ContextKind::kAccount},
    {"order", ContextKind::kOrder},
    {"catalog", ContextKind::kCatalog},
    {"inventory", ContextKind::kInventory},
    {"contract", ContextKind::kContract},
    {"invoice", ContextKind::kInvoice},
    {"return", ContextKind::kReturn},
}};

}  // namespace

std::string_view ConversationStatusName(ConversationStatus status) {
  return EnumName(status, kStatusNames);
}
Result<ConversationStatus> ParseConversationStatus(std::string_view text,
                                                   std::string_view field) {
  return ParseEnumName(text, field, kStatusNames);
}
std::string_view ConversationKindName(ConversationKind kind) { return EnumName(kind, kKindNames); }
Result<ConversationKind> ParseConversationKind(std::string_view text, std::string_view field) {
  return ParseEnumName(text, field, kKindNames);
}
std::string_view CustomerCareTypeName(CustomerCareType type) {
  return EnumName(type, kCareNames);
}
Result<CustomerCareType> ParseCustomerCareType(std::string_view text,
                                               std::string_view field) {
  return ParseEnumName(text, field, kCareNames);
}
std::string_view ContextKindName(ContextKind kind) { return EnumName(kind, kContextNames); }
Result<ContextKind> ParseContextKind(std::string_view text, std::string_view field) {
  return ParseEnumName(text, field, kContextNames);
}

bool ItemIdentifiers::empty() const {
  return !dsco_item_id && !sku && !upc && !ean && !mpn && !isbn && !gtin && !partner_sku;
}

}  // namespace dscosim
