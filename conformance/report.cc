#include "dscosim/conformance/report.h"

#include <fstream>
#include <sstream>

#include "dscosim/conformance/rules.h"

namespace dscosim::conformance {
namespace {

std::string Seqs(const std::vector<std::uint64_t>& seqs) {
  std::string out;
  const std::size_t shown = std::min<std::size_t>(seqs.size(), 12);
  for (std::size_t i = 0; i < shown; ++i) out += (i ? ", #" : "#") + std::to_string(seqs[i]);
  if (seqs.size() > shown) out += " and " + std::to_string(seqs.size() - shown) + " more";
  return out;
}

std::string XmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 has no place for other control characters.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string Title(const std::string& id) {
  const Rule* rule = FindRule(id);
  return rule != nullptr ? rule->title : std::string();
}

std::string Evidence(const Verdict& v) {
  std::ostringstream out;
  for (const Finding& f : v.findings) {
    out << "- " << f.message << "\n";
    if (!f.seqs.empty()) out << "  requests: " << Seqs(f.seqs) << " (pass " << v.pass << ")\n";
    if (!f.expected.empty()) out << "  expected: " << f.expected << "\n";
  }
  return out.str();
}

}  // namespace

void PrintConsole(std::ostream& out, const Judgement& judgement, const ReportContext& context) {
  constexpr std::size_t kShownFindings = 5;
  for (const Verdict& v : judgement.verdicts) {
    std::string outcome = OutcomeName(v.outcome);
    outcome.resize(14, ' ');
    out << outcome << v.rule_id << "  " << Title(v.rule_id);
    if (!v.exercised.empty()) out << " (" << v.exercised << ")";
    out << "\n";
    if (v.outcome != Outcome::kFail) continue;
    for (std::size_t i = 0; i < v.findings.size() && i < kShownFindings; ++i) {
      const Finding& f = v.findings[i];
      out << "      - " << f.message << "\n";
      if (!f.seqs.empty()) out << "        requests: " << Seqs(f.seqs) << " (pass " << v.pass << ")\n";
      if (!f.expected.empty()) out << "        expected: " << f.expected << "\n";
    }
    if (v.findings.size() > kShownFindings) {
      out << "      - and " << (v.findings.size() - kShownFindings) << " more findings (see the JSON report)\n";
    }
    out << "        rule: " << context.docs_base << v.rule_id << ".md\n";
  }
  out << "summary: " << judgement.passed << " passed, " << judgement.failed << " failed, "
      << judgement.not_exercised << " not exercised\n";
  if (!context.replay.empty()) out << "replay: " << context.replay << "\n";
  if (!context.offline.empty()) out << "judge again offline: " << context.offline << "\n";
}

std::string JunitXml(const Judgement& judgement, const ReportContext& context) {
  std::ostringstream x;
  const std::string suite = "dscosim.conform." + context.profile;
  x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x << "<testsuites name=\"dscosim conform\" tests=\"" << judgement.verdicts.size() << "\" failures=\""
    << judgement.failed << "\" skipped=\"" << judgement.not_exercised << "\">\n";
  x << "  <testsuite name=\"" << XmlEscape(suite) << "\" tests=\"" << judgement.verdicts.size()
    << "\" failures=\"" << judgement.failed << "\" errors=\"0\" skipped=\"" << judgement.not_exercised
    << "\">\n";
  x << "    <properties>\n";
  x << "      <property name=\"profile\" value=\"" << XmlEscape(context.profile) << "\"/>\n";
  x << "      <property name=\"seed\" value=\"" << XmlEscape(context.seed) << "\"/>\n";
  x << "      <property name=\"replay\" value=\"" << XmlEscape(context.replay) << "\"/>\n";
  if (!context.offline.empty()) {
    x << "      <property name=\"offline\" value=\"" << XmlEscape(context.offline) << "\"/>\n";
  }
  x << "    </properties>\n";
  for (const Verdict& v : judgement.verdicts) {
    x << "    <testcase classname=\"" << XmlEscape(suite) << "\" name=\""
      << XmlEscape(v.rule_id + " " + Title(v.rule_id)) << "\">\n";
    if (v.outcome == Outcome::kFail) {
      const std::string first = v.findings.empty() ? "" : v.findings.front().message;
      x << "      <failure message=\"" << XmlEscape(first) << "\" type=\"" << XmlEscape(v.rule_id)
        << "\">" << XmlEscape(Evidence(v) + "rule: " + context.docs_base + v.rule_id + ".md\nreplay: " +
                              context.replay)
        << "</failure>\n";
    } else if (v.outcome == Outcome::kNotExercised) {
      x << "      <skipped message=\"" << XmlEscape("not exercised: " + v.exercised) << "\"/>\n";
    }
    x << "      <system-out>" << XmlEscape(v.exercised) << "</system-out>\n";
    x << "    </testcase>\n";
  }
  x << "  </testsuite>\n</testsuites>\n";
  return x.str();
}

nlohmann::json ReportJson(const Judgement& judgement, const ReportContext& context) {
  nlohmann::json rules = nlohmann::json::array();
  for (const Verdict& v : judgement.verdicts) {
    nlohmann::json findings = nlohmann::json::array();
    for (const Finding& f : v.findings) {
      findings.push_back({{"message", f.message}, {"requests", f.seqs}, {"expected", f.expected}});
    }
    rules.push_back({{"id", v.rule_id},
                     {"title", Title(v.rule_id)},
                     {"outcome", OutcomeName(v.outcome)},
                     {"pass", v.pass},
                     {"exercised", v.exercised},
                     {"doc", context.docs_base + v.rule_id + ".md"},
                     {"findings", findings}});
  }
  return {{"profile", context.profile},
          {"seed", context.seed},
          {"replay", context.replay},
          {"offline", context.offline},
          {"outcome", judgement.ok() ? "PASS" : "FAIL"},
          {"passed", judgement.passed},
          {"failed", judgement.failed},
          {"notExercised", judgement.not_exercised},
          {"rules", rules}};
}

Status WriteReportFiles(const Judgement& judgement, const ReportContext& context,
                        const std::string& junit_path, const std::string& json_path) {
  const auto write = [](const std::string& path, const std::string& text) -> Status {
    std::ofstream out(path, std::ios::trunc);
    out << text;
    out.close();
    if (!out) return Unavailable("cannot write " + path);
    return Status::Ok();
  };
  if (!junit_path.empty()) DSCOSIM_RETURN_IF_ERROR(write(junit_path, JunitXml(judgement, context)));
  if (!json_path.empty()) DSCOSIM_RETURN_IF_ERROR(write(json_path, ReportJson(judgement, context).dump(2) + "\n"));
  return Status::Ok();
}

std::string ShellQuote(const std::vector<std::string>& argv) {
  std::string out;
  for (const std::string& arg : argv) {
    if (!out.empty()) out += ' ';
    const bool plain = !arg.empty() && arg.find_first_not_of(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_./=:,+@%") == std::string::npos;
    if (plain) {
      out += arg;
      continue;
    }
    out += '\'';
    for (char c : arg) {
      if (c == '\'') {
        out += "'\\''";
      } else {
        out += c;
      }
    }
    out += '\'';
  }
  return out;
}

}  // namespace dscosim::conformance
