#include "dscosim/conformance/profile.h"

namespace dscosim::conformance {

const std::vector<Profile>& AllProfiles() {
  static const std::vector<Profile> profiles = {SupplierCustomerCareProfile(), SupplierOrdersProfile(),
                                                RetailerInventoryStreamProfile()};
  return profiles;
}

const Profile* FindProfile(const std::string& name) {
  for (const Profile& p : AllProfiles()) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

}  // namespace dscosim::conformance
