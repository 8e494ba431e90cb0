// redscope-server: the engine as a standalone program, started like redis-server:
//   redscope-server [/path/to/redis.conf] [--port 7777] [--save ""] ...
// SIGINT/SIGTERM stop it cleanly (the loop finishes its iteration, clients are closed, the
// Unix socket file is removed).
//
// `daemonize yes` works as in redis-server: the process forks before the server is set up
// (so a bind error is only in the log, as with Redis), the parent exits 0, and the child
// starts a new session with its standard streams on /dev/null. A daemon always writes a pid
// file, /var/run/redis.pid unless `pidfile` names one (Redis's default too); the file is
// removed when the server stops.
#include "redscope/engine.h"
#include "replication/replication.h"
#include "server/config.h"
#include "server/crash_report.h"
#include "server/process_settings.h"
#include "server/server.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace redscope::engine;

static Server *g_server = nullptr;

static void onSignal(int signal)
{
    // Only async-signal-safe work here: an atomic store, and EventLoop::stop writes to an
    // eventfd.
    if (g_server) g_server->requestShutdownBySignal(signal);
}

// Redis's daemonize(): the caller returns in the child only.
static void daemonizeProcess()
{
    const pid_t pid = fork();
    if (pid < 0) {
        std::fprintf(stderr, "Can't fork to daemonize: %s\n", std::strerror(errno));
        std::exit(1);
    }
    if (pid > 0) std::_Exit(0);
    setsid();
    const int null = open("/dev/null", O_RDWR);
    if (null < 0) return;
    dup2(null, STDIN_FILENO);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    if (null > STDERR_FILENO) close(null);
}

static void printUsage()
{
    std::printf("Usage: redscope-server [/path/to/redis.conf] [options]\n"
                "       redscope-server -v or --version\n"
                "       redscope-server -h or --help\n\n"
                "Examples:\n"
                "       redscope-server (run the server with default conf)\n"
                "       redscope-server /etc/redis/6379.conf\n"
                "       redscope-server --port 7777\n"
                "       redscope-server --port 7777 --requirepass secret --save \"\"\n");
}

int main(int argc, char **argv)
{
    std::vector<std::string> args(argv + 1, argv + argc); // copied: the title overwrites argv
    setProcessTitleArea(argc, argv);
    if (args.size() == 1 && (args[0] == "-v" || args[0] == "--version")) {
        std::printf("Redscope server v=%s (Redis 7.0 compatible)\n", version());
        return 0;
    }
    if (args.size() == 1 && (args[0] == "-h" || args[0] == "--help")) {
        printUsage();
        return 0;
    }
    ServerConfig config;
    std::string error;
    if (!ConfigTable::parseCommandLine(args, config, &error)) {
        std::fprintf(stderr, "\n*** FATAL CONFIG FILE ERROR ***\n%s\n", error.c_str());
        return 1;
    }
    if (!config.dir.empty() && chdir(config.dir.c_str()) != 0) {
        std::fprintf(stderr, "Can't chdir to '%s': %s\n", config.dir.c_str(), std::strerror(errno));
        return 1;
    }
    // Like Redis: after the chdir, `dir` is the absolute working directory (CONFIG GET dir,
    // and persistence paths that would otherwise apply a relative dir twice).
    if (char cwd[4096]; getcwd(cwd, sizeof cwd)) config.dir = cwd;
    if (config.daemonize) {
        daemonizeProcess();
        if (config.pidFile.empty()) config.pidFile = "/var/run/redis.pid";
    }
    Server server;
    if (!server.init(config, &error)) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    // As redis-server once set up: the title ps shows, and the OOM score of a master.
    applyProcTitle(server.config());
    rememberStartupCpus(); // what the lazy-free thread keeps with an empty bio_cpulist
    applyCpuList(server.config().serverCpulist); // the main thread; children inherit it
    const OomClass role = server.replication().isReplica() ? OomClass::Replica : OomClass::Master;
    if (!applyOomScoreAdj(server.config(), role, &error)) server.log(Server::LogWarning, error);
    if (!config.pidFile.empty()) {
        std::ofstream pidFile(config.pidFile);
        pidFile << getpid() << "\n";
        if (!pidFile)
            server.log(Server::LogWarning,
                       "Failed to write PID file: " + std::string(std::strerror(errno)));
    }
    g_server = &server;
    installCrashHandlers(server); // fatal signals write Redis's bug report to the log
    struct sigaction action{};
    action.sa_handler = onSignal;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    signal(SIGPIPE, SIG_IGN);
    server.log(Server::LogNotice, std::string("Redscope server ") + version() + " started, pid " +
                                      std::to_string(getpid()));
    if (config.port) server.log(Server::LogNotice, "Ready to accept connections tcp on port " + std::to_string(config.port));
    if (config.tlsPort) server.log(Server::LogNotice, "Ready to accept connections tls on port " + std::to_string(config.tlsPort));
    if (!config.unixSocket.empty()) server.log(Server::LogNotice, "Ready to accept connections unix on " + config.unixSocket);
    server.run();
    server.log(Server::LogNotice, "Received shutdown signal, exiting now. Bye bye...");
    g_server = nullptr;
    server.closeListeners();
    if (!config.pidFile.empty()) unlink(config.pidFile.c_str());
    return 0;
}
