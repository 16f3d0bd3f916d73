#include "dscosim/model/catalog/assortment.h"

namespace dscosim {

nlohmann::json AssortmentToJson(const Assortment& assortment) {
  nlohmann::json out = {{"id", assortment.id}, {"name", assortment.name}};
  if (assortment.rule) out["rule"] = assortment.rule->ToJson();
  return out;
}

}  // namespace dscosim
