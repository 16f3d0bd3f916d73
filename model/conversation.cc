#include "model/conversation.h"

#include <array>
#include <string>
#include <utility>

namespace dscosim {
namespace {

template <typename Enum, std::size_t N>
Result<Enum> ParseByName(std::string_view text, std::string_view field,
                         const std::array<std::pair<std::string_view, Enum>, N>& names) {
  std::string allowed;
  for (const auto& [name, value] : names) {
    if (name == text) return value;
    if (!allowed.empty()) allowed += ", ";
    allowed += name;
  }
  return InvalidArgument(std::string(field), "must be one of: " + allowed);
}

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

template <typename Enum, std::size_t N>
std::string_view NameOf(Enum value,
                        const std::array<std::pair<std::string_view, Enum>, N>& names) {
  for (const auto& [name, v] : names) {
    if (v == value) return name;
  }
  return "unknown";
}

}  // namespace

std::string_view ConversationStatusName(ConversationStatus status) {
  return NameOf(status, kStatusNames);
}
Result<ConversationStatus> ParseConversationStatus(std::string_view text,
                                                   std::string_view field) {
  return ParseByName(text, field, kStatusNames);
}
std::string_view ConversationKindName(ConversationKind kind) { return NameOf(kind, kKindNames); }
Result<ConversationKind> ParseConversationKind(std::string_view text, std::string_view field) {
  return ParseByName(text, field, kKindNames);
}
std::string_view CustomerCareTypeName(CustomerCareType type) {
  return NameOf(type, kCareNames);
}
Result<CustomerCareType> ParseCustomerCareType(std::string_view text,
                                               std::string_view field) {
  return ParseByName(text, field, kCareNames);
}
std::string_view ContextKindName(ContextKind kind) { return NameOf(kind, kContextNames); }
Result<ContextKind> ParseContextKind(std::string_view text, std::string_view field) {
  return ParseByName(text, field, kContextNames);
}

bool ItemIdentifiers::empty() const {
  return !dsco_item_id && !sku && !upc && !ean && !mpn && !isbn && !gtin && !partner_sku;
}

}  // namespace dscosim
