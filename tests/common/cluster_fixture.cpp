// ClusterFixture and SentinelFixture (see cluster_fixture.h). Sentinels are started here rather
// than through TestServer because sentinel mode wants its (writable) config file as the first
// argument, before any --option.
#include "cluster_fixture.h"

#include "redis_test_client.h"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
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

int runProgram(const std::vector<std::string> &argv, int timeoutMs, const std::string &outputPath)
{
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
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

std::unique_ptr<ClusterFixture> ClusterFixture::start(int masters, int replicasPerMaster)
{
    std::unique_ptr<ClusterFixture> fixture(new ClusterFixture());
    if (access(redisCliPath().c_str(), X_OK) != 0) {
        fixture->m_error = "redis-cli not found at " + redisCliPath();
        return fixture;
    }
    const int count = masters * (1 + replicasPerMaster);
    fixture->m_expectedReplicas = masters * replicasPerMaster;
    for (int i = 0; i < count; ++i) {
        // A replica whose last word from its master looks old (a busy test machine, a master
        // idle between pings) refuses to fail over unless the validity factor is 0, and the
        // failover tests kill masters on purpose: let any replica take over, and ping often.
        auto server = TestServer::startRedis(
            {"--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
             "--cluster-node-timeout", "1000", "--cluster-require-full-coverage", "yes",
             "--cluster-replica-validity-factor", "0", "--repl-ping-replica-period", "1"});
        if (!server->ok()) {
            fixture->m_error = "cannot start cluster node: " + server->error();
            return fixture;
        }
        fixture->m_nodes.push_back(std::move(server));
    }
    std::vector<std::string> create{redisCliPath(), "--cluster", "create"};
    for (const auto &node : fixture->m_nodes)
        create.push_back("127.0.0.1:" + std::to_string(node->port()));
    create.insert(create.end(),
                  {"--cluster-replicas", std::to_string(replicasPerMaster), "--cluster-yes"});
    const std::string log = fixture->m_nodes.front()->directory() + "/cluster-create.log";
    const int status = runProgram(create, 60000, log);
    if (status != 0) {
        std::ifstream in(log);
        std::stringstream text;
        text << in.rdbuf();
        fixture->m_error = "redis-cli --cluster create failed (" + std::to_string(status) +
                           "): " + text.str().substr(0, 400);
        return fixture;
    }
    if (!fixture->waitForClusterOk(30000)) {
        fixture->m_error = "the cluster did not reach cluster_state:ok in 30 s";
        return fixture;
    }
    fixture->m_ok = true;
    return fixture;
}

ClusterFixture::~ClusterFixture() = default; // each TestServer stops its node by PID

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
    fixture->m_replica =
        TestServer::startRedis({"--replicaof", "127.0.0.1", std::to_string(masterPort)});
    if (!fixture->m_replica->ok()) {
        fixture->m_error = "cannot start the replica: " + fixture->m_replica->error();
        return fixture;
    }
    // Wait for the replica's link so a failover has someone to promote.
    auto deadline = Clock::now() + std::chrono::seconds(15);
    while (run(fixture->m_replica->port(), {"INFO", "replication"}).find("master_link_status:up") ==
           std::string::npos) {
        if (Clock::now() > deadline) {
            fixture->m_error = "the replica did not sync with the master in 15 s";
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
        pid_t pid = fork();
        if (pid == 0) {
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
    }
    for (const std::string &dir : m_sentinelDirs) {
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
}

} // namespace redscope::test
