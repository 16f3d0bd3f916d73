#include "dscosim/model/core/domain_event.h"

#include "dscosim/model/core/enum_names.h"

#include <array>
#include <utility>

namespace dscosim {
namespace {

constexpr std::array<std::pair<std::string_view, StreamObjectType>, 8> kNames{{
    {"order", StreamObjectType::kOrder},
    {"invoice", StreamObjectType::kInvoice},
    {"inventory", StreamObjectType::kInventory},
    {"catalog", StreamObjectType::kCatalog},
    {"catalogchangelog", StreamObjectType::kCatalogChangeLog},
    {"orderitemchange", StreamObjectType::kOrderItemChange},
    {"undeliverableshipment", StreamObjectType::kUndeliverableShipment},
    {"returns", StreamObjectType::kReturns},
}};

}  // namespace

std::string_view StreamObjectTypeName(StreamObjectType type) { return EnumName(type, kNames); }

Result<StreamObjectType> ParseStreamObjectType(std::string_view text, std::string_view field) {
  return ParseEnumName(text, field, kNames);
}

}  // namespace dscosim
