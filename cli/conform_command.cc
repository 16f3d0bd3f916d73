// dscosim conform: runs an integration under a profile, judges it, reports (conformance/).
#include <fstream>
#include <iostream>

#include "dscosim/cli/commands.h"
#include "dscosim/cli/flags.h"
#include "dscosim/conformance/harness.h"
#include "dscosim/conformance/judge.h"
#include "dscosim/conformance/report.h"

namespace dscosim::cli {

int ConformCommand(const std::vector<std::string>& args) {
  using namespace conformance;
  auto flags = Flags::Parse(args, {"profile", "seed", "budget", "speed", "junit", "json", "history", "work-dir"},
                            {"no-compat-pass"});
  if (!flags.ok()) {
    std::cerr << "dscosim conform: " << flags.status().ToString() << "\n";
    return 2;
  }
  ConformOptions options;
  options.profile = flags->Get("profile").value_or("");
  options.command = flags->rest();
  options.work_dir = flags->Get("work-dir").value_or("");
  options.compat_pass = !flags->Has("no-compat-pass");
  auto seed = flags->GetUint("seed", 1);
  if (!seed.ok()) {
    std::cerr << "dscosim conform: " << seed.status().ToString() << "\n";
    return 2;
  }
  options.seed = *seed;
  try {
    options.speed = std::stod(flags->Get("speed").value_or("1"));
    options.budget = std::stod(flags->Get("budget").value_or("0"));
  } catch (const std::exception&) {
    std::cerr << "dscosim conform: --speed and --budget take numbers\n";
    return 2;
  }
  if (FindProfile(options.profile) == nullptr) {
    std::cerr << "dscosim conform: --profile must be one of:";
    for (const Profile& p : AllProfiles()) std::cerr << " " << p.name;
    std::cerr << "\n";
    return 2;
  }
  const Profile& profile = *FindProfile(options.profile);

  std::vector<std::string> replay = {"dscosim", "conform", "--profile", options.profile, "--seed",
                                     std::to_string(options.seed)};
  if (options.speed != 1.0) {
    replay.push_back("--speed");
    replay.push_back(flags->Get("speed").value_or("1"));
  }
  if (!options.compat_pass) replay.push_back("--no-compat-pass");
  replay.push_back("--");
  for (const std::string& a : options.command) replay.push_back(a);

  std::cout << "dscosim conform: profile " << options.profile << ", seed " << options.seed << ", speed "
            << options.speed << ", budget " << (options.budget > 0 ? std::to_string(options.budget) + " s" : "none")
            << ", passes: plain" << (options.compat_pass ? " + unknown attributes (at the same time)" : "") << "\n"
            << "  " << profile.summary << "\n"
            << "command: " << ShellQuote(options.command) << "\n"
            << std::flush;

  auto run = RunConform(options, std::cerr);
  if (!run.ok()) {
    std::cerr << "dscosim conform: the harness could not run: " << run.status().ToString() << "\n";
    return 2;
  }
  std::cout << "integration logs: " << run->work_dir << "/pass*/integration.log\n";
  ReportContext context;
  context.profile = options.profile;
  context.seed = std::to_string(options.seed);
  context.replay = ShellQuote(replay);
  if (const auto path = flags->Get("history")) {
    // The run line carries the replay command, so `check` prints the same one.
    Json run_line = Json::parse(run->lines.front());
    run_line["replay"] = context.replay;
    run->lines.front() = run_line.dump();
    std::ofstream out(*path, std::ios::trunc);
    for (const std::string& line : run->lines) out << line << "\n";
    out.close();
    if (!out) {
      std::cerr << "dscosim conform: cannot write " << *path << "\n";
      return 2;
    }
    context.offline = ShellQuote({"dscosim", "check", "--profile", options.profile, *path});
  }
  auto judgement = Judge(run->history, profile.rule_ids);
  if (!judgement.ok()) {
    std::cerr << "dscosim conform: " << judgement.status().ToString() << "\n";
    return 2;
  }
  PrintConsole(std::cout, *judgement, context);
  if (Status s = WriteReportFiles(*judgement, context, flags->Get("junit").value_or(""),
                                  flags->Get("json").value_or(""));
      !s.ok()) {
    std::cerr << "dscosim conform: " << s.ToString() << "\n";
    return 2;
  }
  return judgement->ok() ? 0 : 1;
}

}  // namespace dscosim::cli
