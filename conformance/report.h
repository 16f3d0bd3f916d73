// The reports of a judged run: the console text, JUnit XML (one test case per rule, the
// seed and replay command as properties) and JSON.
#ifndef DSCOSIM_CONFORMANCE_REPORT_H_
#define DSCOSIM_CONFORMANCE_REPORT_H_

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dscosim/conformance/judge.h"

namespace dscosim::conformance {

struct ReportContext {
  std::string profile;
  std::string seed;       // as given, "" when unknown (check of a plain history)
  std::string replay;     // the command that replays the run
  std::string offline;    // the command that judges the saved history again, if saved
  std::string docs_base = "docs/rules/";  // where rule pages are linked from
};

// One line per rule (PASS, FAIL, NOT EXERCISED), each FAIL with its evidence and the
// rule's page, then the summary and the replay command.
void PrintConsole(std::ostream& out, const Judgement& judgement, const ReportContext& context);
std::string JunitXml(const Judgement& judgement, const ReportContext& context);
nlohmann::json ReportJson(const Judgement& judgement, const ReportContext& context);
// Writes the JUnit and JSON reports to the paths that are not empty.
Status WriteReportFiles(const Judgement& judgement, const ReportContext& context,
                        const std::string& junit_path, const std::string& json_path);
// A command line as a POSIX shell reads it back (single quotes where needed).
std::string ShellQuote(const std::vector<std::string>& argv);

}  // namespace dscosim::conformance

#endif  // DSCOSIM_CONFORMANCE_REPORT_H_
