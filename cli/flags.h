// A minimal "--name value" / "--name=value" / "--switch" parser for the CLI.
#ifndef DSCOSIM_CLI_FLAGS_H_
#define DSCOSIM_CLI_FLAGS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dscosim/model/core/status.h"

namespace dscosim::cli {

class Flags {
 public:
  // `valued` flags take a value; `switches` take none. Anything else is an error, and so
  // is a positional argument unless `allow_positional`. Arguments after "--" are kept
  // verbatim in rest().
  static Result<Flags> Parse(const std::vector<std::string>& args,
                             const std::set<std::string>& valued,
                             const std::set<std::string>& switches,
                             bool allow_positional = false);

  bool Has(const std::string& name) const { return values_.count(name) != 0; }
  std::optional<std::string> Get(const std::string& name) const;
  Result<std::uint64_t> GetUint(const std::string& name, std::uint64_t fallback) const;
  const std::vector<std::string>& positional() const { return positional_; }
  const std::vector<std::string>& rest() const { return rest_; }

 private:
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
  std::vector<std::string> rest_;
};

}  // namespace dscosim::cli

#endif  // DSCOSIM_CLI_FLAGS_H_
