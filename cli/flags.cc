#include "dscosim/cli/flags.h"

#include <charconv>

namespace dscosim::cli {

Result<Flags> Flags::Parse(const std::vector<std::string>& args,
                           const std::set<std::string>& valued,
                           const std::set<std::string>& switches, bool allow_positional) {
  Flags flags;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      flags.rest_.assign(args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
      break;
    }
    if (arg.rfind("--", 0) != 0) {
      if (!allow_positional) return InvalidArgument(arg, "unexpected argument");
      flags.positional_.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    if (switches.count(name) != 0) {
      if (value) return InvalidArgument("--" + name, "takes no value");
      flags.values_[name] = "true";
    } else if (valued.count(name) != 0) {
      if (!value) {
        if (i + 1 >= args.size()) return InvalidArgument("--" + name, "needs a value");
        value = args[++i];
      }
      flags.values_[name] = *value;
    } else {
      return InvalidArgument("--" + name, "unknown flag");
    }
  }
  return flags;
}

std::optional<std::string> Flags::Get(const std::string& name) const {
  const auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

Result<std::uint64_t> Flags::GetUint(const std::string& name, std::uint64_t fallback) const {
  const auto text = Get(name);
  if (!text) return fallback;
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size()) {
    return InvalidArgument("--" + name, "must be a non-negative integer, got \"" + *text + "\"");
  }
  return value;
}

}  // namespace dscosim::cli
