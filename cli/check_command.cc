// dscosim check: judges a saved history offline with the same checkers as conform.
#include <fstream>
#include <iostream>

#include "dscosim/cli/commands.h"
#include "dscosim/cli/flags.h"
#include "dscosim/conformance/judge.h"
#include "dscosim/conformance/profile.h"
#include "dscosim/conformance/report.h"

namespace dscosim::cli {

int CheckCommand(const std::vector<std::string>& args) {
  using namespace conformance;
  auto flags = Flags::Parse(args, {"profile", "junit", "json"}, {}, /*allow_positional=*/true);
  if (!flags.ok()) {
    std::cerr << "dscosim check: " << flags.status().ToString() << "\n";
    return 2;
  }
  if (flags->positional().size() != 1) {
    std::cerr << "dscosim check: give exactly one history file\n";
    return 2;
  }
  const std::string path = flags->positional()[0];
  std::ifstream in(path);
  if (!in) {
    std::cerr << "dscosim check: cannot read " << path << "\n";
    return 2;
  }
  auto history = ParseHistory(in);
  if (!history.ok()) {
    std::cerr << "dscosim check: " << path << ": " << history.status().ToString() << "\n";
    return 2;
  }
  std::string profile_name = flags->Get("profile").value_or("");
  if (profile_name.empty() && history->run.is_object()) profile_name = history->run.value("profile", "");
  const Profile* profile = FindProfile(profile_name);
  if (profile == nullptr) {
    std::cerr << "dscosim check: --profile must be one of:";
    for (const Profile& p : AllProfiles()) std::cerr << " " << p.name;
    std::cerr << "\n";
    return 2;
  }
  ReportContext context;
  context.profile = profile->name;
  if (history->run.is_object()) {
    context.seed = history->run.contains("seed") ? history->run["seed"].dump() : "";
    std::vector<std::string> replay = {"dscosim", "conform", "--profile", profile->name, "--seed", context.seed};
    const double speed = history->run.value("speed", 1.0);
    if (speed != 1.0) {
      replay.push_back("--speed");
      replay.push_back(history->run["speed"].dump());
    }
    replay.push_back("--");
    for (const Json& a : history->run.value("command", Json::array())) replay.push_back(a.get<std::string>());
    context.replay = history->run.value("replay", ShellQuote(replay));
  }
  context.offline = ShellQuote({"dscosim", "check", "--profile", profile->name, path});
  std::cout << "dscosim check: profile " << profile->name << ", history " << path << " ("
            << history->calls.size() << " requests, " << history->events.size() << " driver events, "
            << history->passes.size() << " passes)\n";
  auto judgement = Judge(*history, profile->rule_ids);
  if (!judgement.ok()) {
    std::cerr << "dscosim check: " << judgement.status().ToString() << "\n";
    return 2;
  }
  PrintConsole(std::cout, *judgement, context);
  if (Status s = WriteReportFiles(*judgement, context, flags->Get("junit").value_or(""),
                                  flags->Get("json").value_or(""));
      !s.ok()) {
    std::cerr << "dscosim check: " << s.ToString() << "\n";
    return 2;
  }
  return judgement->ok() ? 0 : 1;
}

}  // namespace dscosim::cli
