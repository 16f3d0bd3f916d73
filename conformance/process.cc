#include "dscosim/conformance/process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

namespace dscosim::conformance {
namespace {

ExitStatus FromWait(int status) {
  ExitStatus s;
  if (WIFEXITED(status)) s.code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) s.signal = WTERMSIG(status);
  return s;
}

}  // namespace

std::string ExitStatus::ToString() const {
  if (code) return "exit code " + std::to_string(*code);
  if (signal) return std::string("signal ") + std::to_string(*signal) + " (" + strsignal(*signal) + ")";
  return "running";
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) Stop(0);
}

Status ChildProcess::Start(const std::vector<std::string>& argv,
                           const std::map<std::string, std::string>& env,
                           const std::string& log_path) {
  if (argv.empty()) return InvalidArgument("command", "no command given after --");
  // Everything the child needs is prepared before fork: after it only async-signal-safe
  // calls are allowed (the harness is multi-threaded).
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    const std::string name = entry.substr(0, entry.find('='));
    if (env.count(name) == 0) env_strings.push_back(entry);
  }
  for (const auto& [name, value] : env) env_strings.push_back(name + "=" + value);
  std::vector<char*> envp, args;
  for (std::string& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_copy = argv;
  for (std::string& s : argv_copy) args.push_back(s.data());
  args.push_back(nullptr);
  const int log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) return Unavailable("cannot open " + log_path + ": " + std::strerror(errno));
  int pipe_fds[2];  // reports an exec failure to the parent
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
    close(log_fd);
    return Unavailable(std::string("pipe: ") + std::strerror(errno));
  }
  const pid_t pid = fork();
  if (pid < 0) {
    close(log_fd);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    return Unavailable(std::string("fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    setpgid(0, 0);
    dup2(log_fd, STDOUT_FILENO);
    dup2(log_fd, STDERR_FILENO);
    const int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, STDIN_FILENO);
    execvpe(args[0], args.data(), envp.data());
    const int err = errno;
    ssize_t ignored = write(pipe_fds[1], &err, sizeof err);
    (void)ignored;
    _exit(127);
  }
  setpgid(pid, pid);  // also here, so a signal sent right after Start reaches the group
  close(log_fd);
  close(pipe_fds[1]);
  int err = 0;
  const ssize_t n = read(pipe_fds[0], &err, sizeof err);
  close(pipe_fds[0]);
  if (n == static_cast<ssize_t>(sizeof err)) {
    int status = 0;
    waitpid(pid, &status, 0);
    return Unavailable("cannot start \"" + argv[0] + "\": " + std::strerror(err));
  }
  pid_ = pid;
  return Status::Ok();
}

std::optional<ExitStatus> ChildProcess::Poll() {
  if (pid_ <= 0) return std::nullopt;
  int status = 0;
  const pid_t r = waitpid(pid_, &status, WNOHANG);
  if (r != pid_) return std::nullopt;
  pid_ = -1;
  return FromWait(status);
}

ExitStatus ChildProcess::Stop(int grace_ms) {
  if (pid_ <= 0) return ExitStatus{};
  kill(-pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(grace_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    if (auto s = Poll()) {
      return *s;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const pid_t pid = pid_;
  kill(-pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  pid_ = -1;
  return FromWait(status);
}

}  // namespace dscosim::conformance
