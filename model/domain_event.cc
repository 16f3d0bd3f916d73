#include "model/domain_event.h"

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

std::string_view StreamObjectTypeName(StreamObjectType type) {
  for (const auto& [name, value] : kNames) {
    if (value == type) return name;
  }
  return "unknown";
}

Result<StreamObjectType> ParseStreamObjectType(std::string_view text, std::string_view field) {
  std::string allowed;
  for (const auto& [name, value] : kNames) {
    if (name == text) return value;
    if (!allowed.empty()) allowed += ", ";
    allowed += name;
  }
  return InvalidArgument(std::string(field), "must be one of: " + allowed);
}

}  // namespace dscosim
