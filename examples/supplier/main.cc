// dscosim-example-supplier: an example supplier integration written as a partner would
// (cpp-httplib's client, nlohmann_json), answering customer-care conversations and
// fulfilling orders until SIGTERM. `--bug NAME` plants one defect so the conformance
// checkers can be shown to fail (examples/supplier/matrix.json lists what each fails).
#include <pthread.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <thread>
#include <type_traits>

#include "client.h"
#include "jobs.h"

namespace {

using supplier::Config;

int Usage(const std::string& why) {
  std::cerr << "dscosim-example-supplier: " << why << "\n"
            << "usage: dscosim-example-supplier [--bug NAME]\n"
            << "environment: DSCO_API_URL DSCO_CLIENT_ID DSCO_CLIENT_SECRET DSCO_ACCOUNT_ID DSCO_STATE_DIR\n"
            << "bugs:";
  for (const std::string& b : supplier::Bugs::Known()) std::cerr << " " << b;
  std::cerr << "\n";
  return 2;
}

// A job's thread: an unknown attribute under strict-json ends the process (the defect).
template <typename Job>
void RunJob(const Config& config, supplier::Tokens& tokens, supplier::Limiter& limiter, const char* who) {
  try {
    supplier::Api api(config, tokens, limiter, who);
    if constexpr (std::is_same_v<Job, supplier::CustomerCare>) {
      Job job(config, api, tokens, limiter);
      job.Run();
    } else {
      Job job(config, api);
      job.Run();
    }
  } catch (const supplier::UnknownAttribute& e) {
    supplier::Log(who, std::string("cannot parse the answer: ") + e.what());
    std::_Exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  Config config;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--bug" && i + 1 < argc) {
      config.bugs.name = argv[++i];
      if (supplier::Bugs::Known().count(config.bugs.name) == 0) return Usage("unknown bug " + config.bugs.name);
    } else {
      return Usage("unknown argument " + arg);
    }
  }
  const char* names[] = {"DSCO_API_URL", "DSCO_CLIENT_ID", "DSCO_CLIENT_SECRET", "DSCO_ACCOUNT_ID", "DSCO_STATE_DIR"};
  std::string* fields[] = {&config.api_url, &config.client_id, &config.client_secret, &config.account_id,
                           &config.state_dir};
  for (std::size_t i = 0; i < 5; ++i) {
    const char* v = std::getenv(names[i]);
    if (v == nullptr || *v == '\0') return Usage(std::string(names[i]) + " is not set");
    *fields[i] = v;
  }

  // SIGTERM and SIGINT are taken by this thread only (sigwait), never by a job mid-write.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  supplier::Log("main", "starting for account " + config.account_id +
                            (config.bugs.name.empty() ? "" : " with bug " + config.bugs.name));
  supplier::Tokens tokens(config);
  supplier::Limiter limiter(config.state_dir);
  std::thread care(RunJob<supplier::CustomerCare>, std::cref(config), std::ref(tokens), std::ref(limiter), "care");
  std::thread orders(RunJob<supplier::Orders>, std::cref(config), std::ref(tokens), std::ref(limiter), "orders");

  int sig = 0;
  sigwait(&signals, &sig);
  supplier::g_stopping = true;
  supplier::WakeSleepers();
  supplier::Log("main", "stopping");
  // A request in flight is short (the platform is local); state files are replaced
  // atomically, so leaving a straggler behind after 700 ms loses nothing.
  std::thread waiter([&] {
    care.join();
    orders.join();
    supplier::Log("main", "stopped");
    std::_Exit(0);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  supplier::Log("main", "stopped with a request in flight");
  std::_Exit(0);
}
