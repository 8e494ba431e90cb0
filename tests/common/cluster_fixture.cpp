// ClusterFixture and SentinelFixture (see cluster_fixture.h). Sentinels are started here rather
// than through TestServer because sentinel mode wants its (writable) config file as the first
// argument, before any --option.
#include "cluster_fixture.h"

#include "redis_test_client.h"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <netinet/in.h>
#include <sstream>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace redscope::test {

using Clock = std::chrono::steady_clock;

static std::string redisCliPath()
{
    if (const char *env = std::getenv("REDIS_CLI_BIN")) return env;
    return "/usr/bin/redis-cli";
}

static void sleepMs(int ms)
{
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

static std::string run(int port, const std::vector<std::string> &args)
{
    RedisTestClient client("127.0.0.1", port);
    if (!client.connected()) return {};
    return client.run(args);
}

// ---- processes that must not outlive the test ----------------------------------------------
// A fatal signal (QtTest's watchdog calls qFatal, which aborts) runs no destructor. This table
// lets a signal handler print each guarded process's log tail and SIGKILL it by PID, using only
// async-signal-safe calls; the handler then re-raises the signal for the previous handler
// (QtTest's, which names the test function). Written by the main thread only.

namespace {
struct Guarded
{
    volatile sig_atomic_t pid = 0;
    char log[512] = {};
};
constexpr int kMaxGuarded = 64;
Guarded g_guarded[kMaxGuarded];
constexpr int kFatalSignals[] = {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL,
                                 SIGTERM, SIGINT,  SIGHUP, SIGQUIT};
struct sigaction g_previous[std::size(kFatalSignals)];
bool g_handlersInstalled = false;

void writeText(const char *text)
{
    const ssize_t ignored = write(STDERR_FILENO, text, strlen(text));
    (void)ignored;
}

void writeNumber(long value)
{
    char digits[24];
    int at = sizeof digits - 1;
    digits[at] = 0;
    do {
        digits[--at] = char('0' + value % 10);
        value /= 10;
    } while (value > 0 && at > 0);
    writeText(digits + at);
}

void writeFileTail(const char *path, off_t bytes)
{
    const int fd = open(path, O_RDONLY);
    if (fd < 0) return;
    const off_t size = lseek(fd, 0, SEEK_END);
    lseek(fd, size > bytes ? size - bytes : 0, SEEK_SET);
    char buffer[1024];
    ssize_t n = 0;
    while ((n = read(fd, buffer, sizeof buffer)) > 0) {
        const ssize_t ignored = write(STDERR_FILENO, buffer, size_t(n));
        (void)ignored;
    }
    close(fd);
}

void onFatalSignal(int signal)
{
    static volatile sig_atomic_t done = 0;
    if (!done) {
        done = 1;
        writeText("\ncluster fixture: fatal signal ");
        writeNumber(signal);
        writeText("; killing the servers it started (their directories are kept)\n");
        for (Guarded &guarded : g_guarded) {
            const pid_t pid = guarded.pid;
            if (pid <= 0) continue;
            writeText("--- pid ");
            writeNumber(pid);
            writeText(", last lines of ");
            writeText(guarded.log);
            writeText(":\n");
            writeFileTail(guarded.log, 2500);
            ::kill(pid, SIGKILL);
        }
    }
    for (size_t i = 0; i < std::size(kFatalSignals); ++i) {
        if (kFatalSignals[i] == signal) sigaction(signal, &g_previous[i], nullptr);
    }
    raise(signal); // blocked until this handler returns, then delivered to the previous one
}

void guard(pid_t pid, const std::string &logPath)
{
    if (!g_handlersInstalled) {
        g_handlersInstalled = true;
        struct sigaction action = {};
        action.sa_handler = onFatalSignal;
        sigemptyset(&action.sa_mask);
        for (size_t i = 0; i < std::size(kFatalSignals); ++i)
            sigaction(kFatalSignals[i], &action, &g_previous[i]);
    }
    for (Guarded &guarded : g_guarded) {
        if (guarded.pid != 0) continue;
        std::snprintf(guarded.log, sizeof guarded.log, "%s", logPath.c_str());
        guarded.pid = pid;
        return;
    }
}

void unguard(pid_t pid)
{
    for (Guarded &guarded : g_guarded) {
        if (guarded.pid == pid) guarded.pid = 0;
    }
}

std::string fileTail(const std::string &path, size_t lines)
{
    std::ifstream in(path);
    if (!in) return "(no " + path + ")\n";
    std::vector<std::string> all;
    for (std::string line; std::getline(in, line);)
        all.push_back(line);
    std::string text;
    for (size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i)
        text += "    " + all[i] + "\n";
    return text;
}

std::string processReport(const std::string &name, int port, int pid, const std::string &dir,
                          const std::string &log)
{
    const bool answers = sendRawCommand(port, {"PING"}, 1000) == "+PONG\r\n";
    std::string text = "--- " + name + " port " + std::to_string(port) + " pid " +
                       std::to_string(pid) + (answers ? " (answers PING)" : " (no answer)") +
                       ", files in " + dir + "\n  " + log + " (last lines):\n" +
                       fileTail(dir + "/" + log, 30);
    return text;
}
} // namespace

int runProgram(const std::vector<std::string> &argv, int timeoutMs, const std::string &outputPath)
{
    const pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        TestServer::dieWithParent(parent);
        std::vector<char *> args;
        std::vector<std::string> copy = argv;
        for (std::string &a : copy)
            args.push_back(a.data());
        args.push_back(nullptr);
        int devnull = open("/dev/null", O_RDWR);
        int out = outputPath.empty() ? devnull
                                     : open(outputPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(devnull, STDIN_FILENO);
        dup2(out, STDOUT_FILENO);
        dup2(out, STDERR_FILENO);
        execv(args[0], args.data());
        _exit(127);
    }
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    int status = 0;
    while (Clock::now() < deadline) {
        if (waitpid(pid, &status, WNOHANG) == pid)
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        sleepMs(20);
    }
    ::kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return -1;
}

// ---- cluster ---------------------------------------------------------------------------

static bool portIsFree(int port)
{
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(uint16_t(port));
    const bool free = bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
    close(fd);
    return free;
}

// A node's cluster bus listens on its port + 10000, which must exist and be free as well.
static int clusterNodePort()
{
    for (int attempt = 0; attempt < 100; ++attempt) {
        const int port = TestServer::freePort();
        if (port > 0 && port <= 65535 - 10000 && portIsFree(port + 10000)) return port;
    }
    return 0;
}

// Starts one node and makes sure the server answering on its port is that process: ctest runs
// suites in parallel, and another one may have been handed the same free port meanwhile.
static std::unique_ptr<TestServer> startClusterNode(std::string *error)
{
    for (int attempt = 0; attempt < 5; ++attempt) {
        // A replica whose last word from its master looks old (a busy test machine, a master
        // idle between pings) refuses to fail over unless the validity factor is 0, and the
        // failover tests kill masters on purpose: let any replica take over, and ping often.
        auto server = TestServer::start(
            TestServer::redisServerPath(),
            {"--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
             "--cluster-node-timeout", "5000", "--cluster-require-full-coverage", "yes",
             "--cluster-replica-validity-factor", "0", "--repl-ping-replica-period", "1",
             "--repl-diskless-sync-delay", "0"},
            {}, clusterNodePort());
        if (!server->ok()) {
            *error = server->error();
            continue;
        }
        const std::string pid = "process_id:" + std::to_string(server->pid()) + "\r";
        if (run(server->port(), {"INFO", "server"}).find(pid) != std::string::npos) return server;
        *error = "port " + std::to_string(server->port()) + " answered for another process";
    }
    return nullptr;
}

std::unique_ptr<ClusterFixture> ClusterFixture::start(int masters, int replicasPerMaster)
{
    std::unique_ptr<ClusterFixture> fixture(new ClusterFixture());
    if (access(redisCliPath().c_str(), X_OK) != 0 ||
        access(TestServer::redisServerPath().c_str(), X_OK) != 0) {
        fixture->m_error = "redis-server or redis-cli not found (" + redisCliPath() +
                           "): install the packages in packaging/debian-build-deps.txt";
        return fixture;
    }
    const int count = masters * (1 + replicasPerMaster);
    fixture->m_expectedReplicas = masters * replicasPerMaster;
    for (int i = 0; i < count; ++i) {
        std::string error;
        auto server = startClusterNode(&error);
        if (!server) {
            fixture->m_error = "cannot start cluster node: " + error;
            return fixture;
        }
        guard(server->pid(), server->directory() + "/server.log");
        fixture->m_nodes.push_back(std::move(server));
    }
    std::vector<std::string> create{redisCliPath(), "--cluster", "create"};
    for (const auto &node : fixture->m_nodes)
        create.push_back("127.0.0.1:" + std::to_string(node->port()));
    create.insert(create.end(),
                  {"--cluster-replicas", std::to_string(replicasPerMaster), "--cluster-yes"});
    const std::string log = fixture->m_nodes.front()->directory() + "/cluster-create.log";
    const int status = runProgram(create, 90000, log);
    if (status != 0) {
        std::ifstream in(log);
        std::stringstream text;
        text << in.rdbuf();
        fixture->m_error = "redis-cli --cluster create failed (" + std::to_string(status) +
                           "): " + text.str().substr(0, 400);
        fixture->reportFailure("ClusterFixture::start");
        return fixture;
    }
    if (!fixture->waitForClusterOk(60000)) {
        fixture->m_error = "the cluster did not reach cluster_state:ok in 60 s";
        fixture->reportFailure("ClusterFixture::start");
        return fixture;
    }
    // cluster_state:ok says nothing of replication. A replica that has not finished its first
    // sync counts as disconnected "since ever" and never fails over (unless the validity
    // factor is 0, and then it takes over with no data): tests start once every replica is in.
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    for (const auto &node : fixture->m_nodes) {
        while (true) {
            const std::string replication = run(node->port(), {"INFO", "replication"});
            if (replication.find("role:master") != std::string::npos ||
                replication.find("master_link_status:up") != std::string::npos) {
                break;
            }
            if (Clock::now() > deadline) {
                fixture->m_error = "a replica did not sync with its master in 60 s";
                fixture->reportFailure("ClusterFixture::start");
                return fixture;
            }
            sleepMs(50);
        }
    }
    // The nodes start with a 5 s node timeout because it is also the handshake timeout: a node
    // met by `--cluster create` that has not answered within it is forgotten, and redis-cli
    // then waits forever for the cluster to join (seen on a loaded machine with 1 s). Once
    // joined, 1 s keeps the failover tests quick.
    for (const auto &node : fixture->m_nodes) {
        if (run(node->port(), {"CONFIG", "SET", "cluster-node-timeout", "1000"}) != "+OK") {
            fixture->m_error = "CONFIG SET cluster-node-timeout failed";
            fixture->reportFailure("ClusterFixture::start");
            return fixture;
        }
    }
    fixture->m_ok = true;
    return fixture;
}

ClusterFixture::~ClusterFixture()
{
    for (auto &node : m_nodes) {
        const int pid = node->pid();
        node.reset(); // stops the node by PID
        unguard(pid);
    }
}

std::string ClusterFixture::report() const
{
    std::string text;
    for (size_t i = 0; i < m_nodes.size(); ++i) {
        const TestServer &node = *m_nodes[i];
        text += processReport("cluster node " + std::to_string(i), node.port(), node.pid(),
                              node.directory(), "server.log");
        text += "  nodes.conf:\n" + fileTail(node.directory() + "/nodes.conf", 20);
    }
    return text;
}

void ClusterFixture::reportFailure(const std::string &what)
{
    std::fprintf(stderr, "=== cluster fixture after the failure of %s ===\n%s", what.c_str(),
                 report().c_str());
    for (auto &node : m_nodes)
        node->keepDirectory();
}

int ClusterFixture::nodeIndexOfPort(int port) const
{
    for (size_t i = 0; i < m_nodes.size(); ++i) {
        if (m_nodes[i]->port() == port) return int(i);
    }
    return -1;
}

bool ClusterFixture::waitForClusterOk(int timeoutMs, const std::vector<int> &skipPorts) const
{
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    const std::string known = "cluster_known_nodes:" + std::to_string(m_nodes.size());
    while (Clock::now() < deadline) {
        bool all = true;
        for (const auto &node : m_nodes) {
            if (std::find(skipPorts.begin(), skipPorts.end(), node->port()) != skipPorts.end())
                continue;
            const std::string info = run(node->port(), {"CLUSTER", "INFO"});
            if (info.find("cluster_state:ok") == std::string::npos ||
                info.find(known) == std::string::npos) {
                all = false;
                break;
            }
            // Roles travel by gossip after `--cluster create`: wait until this node sees
            // every replica as one (a dead node still counts: it keeps its last role).
            const std::string nodes = run(node->port(), {"CLUSTER", "NODES"});
            size_t replicas = 0;
            for (size_t at = nodes.find(" slave "); at != std::string::npos;
                 at = nodes.find(" slave ", at + 1)) {
                ++replicas;
            }
            for (size_t at = nodes.find(",slave "); at != std::string::npos;
                 at = nodes.find(",slave ", at + 1)) {
                ++replicas;
            }
            if (m_expectedReplicas >= 0 && int(replicas) < m_expectedReplicas) {
                all = false;
                break;
            }
        }
        if (all) return true;
        sleepMs(100);
    }
    return false;
}

std::string ClusterFixture::nodeId(int port) const
{
    const std::string id = run(port, {"CLUSTER", "MYID"});
    return id.size() > 1 ? id.substr(1) : std::string();
}

std::string ClusterFixture::masterPortOfSlot(int slot, int askPort) const
{
    // CLUSTER SLOTS as canonical text: *[*[:first,:last,*[$ip,:port,$id,...],...],...]
    RedisTestClient client("127.0.0.1", askPort);
    if (!client.connected()) return {};
    auto *reply = static_cast<redisReply *>(redisCommand(client.context(), "CLUSTER SLOTS"));
    std::string port;
    if (reply && reply->type == REDIS_REPLY_ARRAY) {
        for (size_t i = 0; i < reply->elements; ++i) {
            const redisReply *range = reply->element[i];
            if (range->elements < 3) continue;
            if (slot >= range->element[0]->integer && slot <= range->element[1]->integer)
                port = std::to_string(range->element[2]->element[1]->integer);
        }
    }
    if (reply) freeReplyObject(reply);
    return port;
}

// ---- sentinel --------------------------------------------------------------------------

std::unique_ptr<SentinelFixture> SentinelFixture::start(const std::string &masterName)
{
    std::unique_ptr<SentinelFixture> fixture(new SentinelFixture());
    fixture->m_master = TestServer::startRedis();
    if (!fixture->m_master->ok()) {
        fixture->m_error = "cannot start the master: " + fixture->m_master->error();
        return fixture;
    }
    const int masterPort = fixture->m_master->port();
    guard(fixture->m_master->pid(), fixture->m_master->directory() + "/server.log");
    fixture->m_replica =
        TestServer::startRedis({"--replicaof", "127.0.0.1", std::to_string(masterPort)});
    if (!fixture->m_replica->ok()) {
        fixture->m_error = "cannot start the replica: " + fixture->m_replica->error();
        return fixture;
    }
    guard(fixture->m_replica->pid(), fixture->m_replica->directory() + "/server.log");
    // Wait for the replica's link so a failover has someone to promote.
    auto deadline = Clock::now() + std::chrono::seconds(15);
    while (run(fixture->m_replica->port(), {"INFO", "replication"}).find("master_link_status:up") ==
           std::string::npos) {
        if (Clock::now() > deadline) {
            fixture->m_error = "the replica did not sync with the master in 15 s";
            fixture->reportFailure("SentinelFixture::start");
            return fixture;
        }
        sleepMs(50);
    }
    for (int i = 0; i < 3; ++i) {
        if (!fixture->startSentinel(masterName, masterPort)) return fixture;
    }
    // Sentinels discover the replica (INFO every 10 s at first, faster once known) and each
    // other (hello messages every 2 s); wait until each one knows both.
    deadline = Clock::now() + std::chrono::seconds(30);
    for (int port : fixture->m_sentinelPorts) {
        while (true) {
            const std::string master = run(port, {"SENTINEL", "MASTER", masterName});
            const bool replicas = master.find("$num-slaves,$1") != std::string::npos;
            const bool others = master.find("$num-other-sentinels,$2") != std::string::npos;
            if (replicas && others) break;
            if (Clock::now() > deadline) {
                fixture->m_error = "the sentinels did not discover the replica and each other "
                                   "in 30 s: " +
                                   master.substr(0, 300);
                fixture->reportFailure("SentinelFixture::start");
                return fixture;
            }
            sleepMs(100);
        }
    }
    fixture->m_ok = true;
    return fixture;
}

bool SentinelFixture::startSentinel(const std::string &masterName, int masterPort)
{
    char dirTemplate[] = "/tmp/redscope-sentinel-XXXXXX";
    if (!mkdtemp(dirTemplate)) {
        m_error = "mkdtemp failed";
        return false;
    }
    const std::string dir = dirTemplate;
    m_sentinelDirs.push_back(dir);
    for (int attempt = 0; attempt < 5; ++attempt) {
        const int port = TestServer::freePort();
        const std::string conf = dir + "/sentinel.conf";
        {
            std::ofstream out(conf);
            out << "port " << port << "\nbind 127.0.0.1\ndir " << dir << "\n"
                << "logfile " << dir << "/sentinel.log\n"
                << "sentinel monitor " << masterName << " 127.0.0.1 " << masterPort << " 2\n"
                << "sentinel down-after-milliseconds " << masterName << " 1000\n"
                << "sentinel failover-timeout " << masterName << " 10000\n"
                << "sentinel parallel-syncs " << masterName << " 1\n";
        }
        const pid_t parent = getpid();
        pid_t pid = fork();
        if (pid == 0) {
            TestServer::dieWithParent(parent);
            const std::string binary = TestServer::redisServerPath();
            std::vector<std::string> args{binary, conf, "--sentinel"};
            std::vector<char *> argv;
            for (std::string &a : args)
                argv.push_back(a.data());
            argv.push_back(nullptr);
            int devnull = open("/dev/null", O_RDWR);
            dup2(devnull, STDIN_FILENO);
            dup2(devnull, STDOUT_FILENO);
            execv(binary.c_str(), argv.data());
            _exit(127);
        }
        const auto deadline = Clock::now() + std::chrono::seconds(10);
        bool ready = false;
        int status = 0;
        while (Clock::now() < deadline) {
            if (waitpid(pid, &status, WNOHANG) == pid) break;
            if (sendRawCommand(port, {"PING"}, 500) == "+PONG\r\n") {
                ready = true;
                break;
            }
            sleepMs(20);
        }
        if (ready) {
            m_sentinelPorts.push_back(port);
            m_sentinelPids.push_back(pid);
            guard(pid, dir + "/sentinel.log");
            return true;
        }
        ::kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
    }
    m_error = "cannot start redis-server --sentinel";
    return false;
}

SentinelFixture::~SentinelFixture()
{
    for (int pid : m_sentinelPids) {
        ::kill(pid, SIGTERM);
        int status = 0;
        const auto deadline = Clock::now() + std::chrono::seconds(5);
        bool exited = false;
        while (Clock::now() < deadline) {
            if (waitpid(pid, &status, WNOHANG) == pid) {
                exited = true;
                break;
            }
            sleepMs(10);
        }
        if (!exited) {
            ::kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
        }
        unguard(pid);
    }
    for (const std::string &dir : m_sentinelDirs) {
        if (m_keepFiles) break;
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
    for (TestServer *server : {m_master.get(), m_replica.get()}) {
        if (!server) continue;
        const int pid = server->pid();
        server->stop();
        unguard(pid);
    }
}

std::string SentinelFixture::report() const
{
    std::string text;
    if (m_master)
        text += processReport("master", m_master->port(), m_master->pid(), m_master->directory(),
                              "server.log");
    if (m_replica)
        text += processReport("replica", m_replica->port(), m_replica->pid(),
                              m_replica->directory(), "server.log");
    for (size_t i = 0; i < m_sentinelPorts.size(); ++i) {
        text += processReport("sentinel " + std::to_string(i), m_sentinelPorts[i],
                              m_sentinelPids[i], m_sentinelDirs[i], "sentinel.log");
    }
    return text;
}

void SentinelFixture::reportFailure(const std::string &what)
{
    std::fprintf(stderr, "=== sentinel fixture after the failure of %s ===\n%s", what.c_str(),
                 report().c_str());
    m_keepFiles = true;
    for (TestServer *server : {m_master.get(), m_replica.get()}) {
        if (server) server->keepDirectory();
    }
}

} // namespace redscope::test
