#include <iostream>

#include "dscosim/cli/commands.h"
#include "dscosim/fakes/api.h"

namespace dscosim::cli {

int RoutesCommand(const std::vector<std::string>& args) {
  if (!args.empty()) {
    std::cerr << "dscosim routes: takes no arguments\n";
    return 2;
  }
  const fakes::Api api(fakes::ServeOptions{});
  for (const fakes::Route& route : api.routes()) {
    std::string path;
    for (const std::string& segment : route.pattern) path += "/" + segment;
    nlohmann::json line = {{"method", route.method}, {"path", path}, {"operationId", route.name}};
    if (!route.limit.name.empty()) {
      line["rateLimit"] = {{"name", route.limit.name},
                           {"perSecond", route.limit.per_second},
                           {"perMinute", route.limit.per_minute},
                           {"perHour", route.limit.per_hour}};
    }
    std::cout << line.dump() << "\n";
  }
  return 0;
}

}  // namespace dscosim::cli
