// What a redscope-server does to its own process, side by side with Debian's redis-server
// started the same way: the process title (set-proc-title, proc-title-template, read back
// from /proc/<pid>/cmdline) and the OOM score (oom-score-adj, oom-score-adj-values, read back
// from /proc/<pid>/oom_score_adj), at start and after CONFIG SET, including CONFIG SET's
// reply when the kernel refuses a score; the titles of fork children (BGSAVE, BGREWRITEAOF)
// read while rdb-key-save-delay keeps them running; and the CPU lists (server_cpulist,
// bgsave_cpulist, aof_rewrite_cpulist, bio_cpulist) read back from Cpus_allowed_list of the
// server, its children and its other threads; syslog-enabled's lines as they reach a /dev/log
// socket (each server in a private mount namespace where /dev/log is the test's socket), and
// syslog-facility's start-up error.
#include "redis_test_client.h"
#include "test_server.h"

#include <QtTest>

#include <QTemporaryDir>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <dirent.h>
#include <fstream>
#include <poll.h>
#include <sstream>
#include <string>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <thread>

using redscope::test::RedisTestClient;
using redscope::test::TestServer;

namespace {

// The command line up to its first NUL (the title a process set), or "" without the file.
std::string titleOf(int pid)
{
    std::ifstream file("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
    std::string text;
    std::getline(file, text, '\0');
    return text;
}

std::string oomScoreOf(int pid)
{
    std::ifstream file("/proc/" + std::to_string(pid) + "/oom_score_adj");
    std::string text;
    file >> text;
    return text;
}

// /proc/<path>/status's Cpus_allowed_list ("0-1"), or "" without the file.
std::string cpusOf(const std::string &path)
{
    std::ifstream file("/proc/" + path + "/status");
    std::string line;
    while (std::getline(file, line))
        if (line.rfind("Cpus_allowed_list:", 0) == 0)
            return line.substr(line.find_first_not_of(" \t", 18));
    return {};
}

// A child of `parent` (its fork child), waited for up to 5 s; 0 if none appeared.
int childOf(int parent)
{
    for (int waited = 0; waited < 5000; waited += 20) {
        DIR *proc = opendir("/proc");
        while (dirent *entry = proc ? readdir(proc) : nullptr) {
            const int pid = std::atoi(entry->d_name);
            if (pid <= 0) continue;
            std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
            std::string text;
            std::getline(stat, text);
            const size_t close = text.rfind(')');
            if (close == std::string::npos) continue;
            std::istringstream rest(text.substr(close + 2));
            std::string state;
            int ppid = 0;
            rest >> state >> ppid;
            if (ppid == parent) {
                closedir(proc);
                return pid;
            }
        }
        if (proc) closedir(proc);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return 0;
}

// Cpus_allowed_list of each thread of `pid` named bio_* (Redis's bio threads, the engine's
// lazy-free thread).
std::vector<std::string> bioThreadCpus(int pid)
{
    std::vector<std::string> cpus;
    const std::string base = std::to_string(pid) + "/task";
    DIR *tasks = opendir(("/proc/" + base).c_str());
    while (dirent *entry = tasks ? readdir(tasks) : nullptr) {
        if (entry->d_name[0] == '.') continue;
        std::ifstream comm("/proc/" + base + "/" + entry->d_name + "/comm");
        std::string name;
        std::getline(comm, name);
        if (name.rfind("bio_", 0) == 0) cpus.push_back(cpusOf(base + "/" + entry->d_name));
    }
    if (tasks) closedir(tasks);
    return cpus;
}

void waitNoChild(RedisTestClient &client)
{
    for (int waited = 0; waited < 20000; waited += 50) {
        const std::string info = client.run({"INFO", "persistence"});
        if (info.find("rdb_bgsave_in_progress:0") != std::string::npos &&
            info.find("aof_rewrite_in_progress:0") != std::string::npos)
            return;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

// stdout and stderr of `command` run by the shell, and its exit status.
std::string runShell(const std::string &command, int *status)
{
    std::string output;
    FILE *pipe = popen((command + " 2>&1").c_str(), "r");
    char buffer[512];
    while (pipe && std::fgets(buffer, sizeof buffer, pipe))
        output += buffer;
    *status = pipe ? pclose(pipe) : -1;
    return output;
}

std::string lastLine(std::string text)
{
    while (!text.empty() && text.back() == '\n')
        text.pop_back();
    return text.substr(text.rfind('\n') + 1);
}

// A script that runs `binary` with its arguments in a private mount namespace whose /dev
// holds null, zero, random, urandom and, as log, the socket `logSocket`.
std::string writeNamespaceWrapper(const QString &dir, const std::string &binary,
                                  const std::string &logSocket)
{
    const std::string path =
        (dir + "/run-" + QString::number(qHash(QString::fromStdString(binary))) + ".sh")
            .toStdString();
    const std::string d = dir.toStdString();
    std::ofstream script(path);
    script << "#!/bin/sh\n"
           << "exec unshare -m sh -c 'mkdir -p " << d << "/realdev && mount --bind /dev " << d
           << "/realdev && mount -t tmpfs tmpfs /dev && for n in null zero random urandom; do "
           << "touch /dev/$n && mount --bind " << d << "/realdev/$n /dev/$n || exit 1; done; "
           << "touch /dev/log && mount --bind " << logSocket << " /dev/log && exec \"$0\" \"$@\"' "
           << binary << " \"$@\"\n";
    script.close();
    chmod(path.c_str(), 0755);
    return path;
}

} // namespace

class TestProcessSettings : public QObject
{
    Q_OBJECT

private slots:
    // "{title} {listen-addr} {server-mode}" by default: the binary as started, then
    // bind:port; CONFIG SET proc-title-template retitles the running process.
    void processTitleLikeRedis()
    {
        for (bool ours : {true, false}) {
            auto server = ours ? TestServer::startRedscope() : TestServer::startRedis();
            QVERIFY2(server->ok(), server->error().c_str());
            const std::string binary =
                ours ? TestServer::redscopeServerPath() : TestServer::redisServerPath();
            const std::string port = std::to_string(server->port());
            QCOMPARE(titleOf(server->pid()), binary + " 127.0.0.1:" + port);
            RedisTestClient client("127.0.0.1", server->port());
            QCOMPARE(client.run({"CONFIG", "SET", "proc-title-template",
                                 "{title} port={port} tls={tls-port} {server-mode}"}),
                     std::string("+OK"));
            QCOMPARE(titleOf(server->pid()), binary + " port=" + port + " tls=0");
        }
        // set-proc-title no leaves the command line as it was started.
        auto untitled = TestServer::startRedscope({"--set-proc-title", "no"});
        QVERIFY2(untitled->ok(), untitled->error().c_str());
        QCOMPARE(titleOf(untitled->pid()), TestServer::redscopeServerPath());
    }

    // A BGSAVE child is titled "redis-rdb-bgsave" and an AOF rewrite child
    // "redis-aof-rewrite" through proc-title-template, even with set-proc-title no, and each
    // runs on its CPU list (bgsave_cpulist, aof_rewrite_cpulist) while the server keeps
    // server_cpulist. Read while rdb-key-save-delay (0.1 s a key) keeps the child alive.
    void forkChildrenTitlesAndCpuLists()
    {
        std::vector<std::string> seen[2];
        for (bool ours : {true, false}) {
            const std::vector<std::string> args = {
                "--set-proc-title",      "no",   "--rdb-key-save-delay", "100000",
                "--server_cpulist",      "1",    "--bgsave_cpulist",     "0",
                "--aof_rewrite_cpulist", "0-1:2"};
            auto server = ours ? TestServer::startRedscope(args) : TestServer::startRedis(args);
            QVERIFY2(server->ok(), server->error().c_str());
            RedisTestClient client("127.0.0.1", server->port());
            const std::string port = std::to_string(server->port());
            std::vector<std::string> &steps = seen[ours ? 0 : 1];
            steps.push_back(cpusOf(std::to_string(server->pid())));
            for (int i = 0; i < 8; ++i)
                client.run({"SET", "k" + std::to_string(i), "v"});
            for (const char *start : {"BGSAVE", "BGREWRITEAOF"}) {
                steps.push_back(client.run({start}));
                const int child = childOf(server->pid());
                QVERIFY2(child > 0, start);
                // The child titles and pins itself once it runs, a moment after the fork
                // (on both servers): wait for it rather than read the parent's copy.
                for (int waited = 0; waited < 5000; waited += 10) {
                    if (titleOf(child).rfind("redis-", 0) == 0 &&
                        cpusOf(std::to_string(child)) != "1")
                        break;
                    usleep(10000);
                }
                steps.push_back(titleOf(child));
                steps.push_back(cpusOf(std::to_string(child)));
                waitNoChild(client);
            }
            steps.push_back(client.run({"CONFIG", "SET", "bgsave_cpulist", "1"}));
            for (const char *name :
                 {"server_cpulist", "bgsave_cpulist", "aof_rewrite_cpulist", "bio_cpulist"})
                steps.push_back(client.run({"CONFIG", "GET", name}));
            // The main thread kept its list through it all.
            steps.push_back(cpusOf(std::to_string(server->pid())));
            for (std::string &step : steps) // the ports differ
                for (size_t at = step.find(port); at != std::string::npos; at = step.find(port))
                    step.replace(at, port.size(), "<port>");
        }
        for (size_t i = 0; i < seen[0].size() && i < seen[1].size(); ++i)
            if (seen[0][i] != seen[1][i])
                qWarning("step %zu: ours %s, redis %s", i, seen[0][i].c_str(), seen[1][i].c_str());
        QCOMPARE(seen[0], seen[1]);
        QCOMPARE(seen[0][0], std::string("1"));
        QCOMPARE(seen[0][2], std::string("redis-rdb-bgsave 127.0.0.1:<port>"));
        QCOMPARE(seen[0][3], std::string("0"));
        QCOMPARE(seen[0][5], std::string("redis-aof-rewrite 127.0.0.1:<port>"));
        QCOMPARE(seen[0][6], std::string("0"));
        QCOMPARE(seen[0].back(), std::string("1"));
    }

    // A list that does not parse is accepted and changes nothing, as redis-server does (it
    // validates none of the four); bio_cpulist pins the background threads (Redis's bio
    // threads, the engine's lazy-free thread, started here by an UNLINK of a big hash).
    void cpuListSyntaxAndBackgroundThreads()
    {
        for (const std::string list : {"garbage", "1-0", "0,", "0:2", "0-1:0", "0 ,1"}) {
            for (bool ours : {true, false}) {
                const std::vector<std::string> args = {"--server_cpulist", list};
                auto server = ours ? TestServer::startRedscope(args) : TestServer::startRedis(args);
                QVERIFY2(server->ok(), server->error().c_str());
                QCOMPARE(cpusOf(std::to_string(server->pid())), std::string("0-1"));
            }
        }
        // bio_cpulist "0-0,0" pins the threads to CPU 0; with server_cpulist 1 and no
        // bio_cpulist, Redis's bio threads keep the mask the process started with (they start
        // before the main thread pins itself), and so must the engine's lazy-free thread,
        // which starts later.
        const std::string startMask = cpusOf("self");
        struct Case
        {
            std::vector<std::string> args;
            std::string threads, main;
        };
        const std::vector<Case> cases = {
            {{"--bio_cpulist", "0-0,0"}, "0", startMask},
            {{"--server_cpulist", "1"}, startMask, "1"},
            {{"--server_cpulist", "1", "--bio_cpulist", "x"}, startMask, "1"}};
        for (const Case &c : cases) {
            for (bool ours : {true, false}) {
                auto server =
                    ours ? TestServer::startRedscope(c.args) : TestServer::startRedis(c.args);
                QVERIFY2(server->ok(), server->error().c_str());
                RedisTestClient client("127.0.0.1", server->port());
                std::vector<std::string> sadd = {"SADD", "big"}; // a hash table: freed aside
                for (int i = 0; i < 300; ++i)
                    sadd.push_back("m" + std::to_string(i));
                client.run(sadd);
                client.run({"UNLINK", "big"});
                client.run({"PING"});
                // The thread names and pins itself when it starts: wait for it.
                std::vector<std::string> threads;
                for (int waited = 0; waited < 5000; waited += 10) {
                    threads = bioThreadCpus(server->pid());
                    if (!threads.empty() &&
                        std::all_of(threads.begin(), threads.end(),
                                    [&](const std::string &cpus) { return cpus == c.threads; }))
                        break;
                    usleep(10000);
                }
                const std::string where = (ours ? "ours: " : "redis: ") + c.args[1];
                QVERIFY2(!threads.empty(), where.c_str());
                for (const std::string &cpus : threads)
                    QVERIFY2(cpus == c.threads, (where + " thread on " + cpus).c_str());
                QCOMPARE(cpusOf(std::to_string(server->pid())), c.main);
            }
        }
    }

    // syslog-enabled yes: log lines reach /dev/log with syslog-ident, the pid, and
    // syslog-facility with the level's severity (local3 notice: <157>), the message as the
    // log file has it. Compared on the lines both servers log around a BGSAVE. The three
    // parameters are start-up only, and a bad facility stops the start with Redis's message.
    void syslogLikeRedis()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        std::vector<std::string> seen[2];
        for (bool ours : {true, false}) {
            const std::string socketPath =
                (dir.path() + (ours ? "/ours.sock" : "/redis.sock")).toStdString();
            const int sink = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            sockaddr_un address{};
            address.sun_family = AF_UNIX;
            std::snprintf(address.sun_path, sizeof address.sun_path, "%s", socketPath.c_str());
            QVERIFY(bind(sink, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0);
            const std::string binary =
                ours ? TestServer::redscopeServerPath() : TestServer::redisServerPath();
            // Read as the lines come: a Unix datagram socket queues only a few, and syslog(3)
            // blocks the sender when the queue is full.
            std::vector<std::string> datagrams;
            std::atomic<bool> stop{false};
            std::thread reader([&] {
                pollfd p{sink, POLLIN, 0};
                while (!stop.load() || poll(&p, 1, 0) > 0) {
                    if (poll(&p, 1, 50) <= 0) continue;
                    char datagram[2048];
                    const ssize_t n = recv(sink, datagram, sizeof datagram, 0);
                    if (n > 0) datagrams.emplace_back(datagram, static_cast<size_t>(n));
                }
            });
            auto server =
                TestServer::start(writeNamespaceWrapper(dir.path(), binary, socketPath),
                                  {"--syslog-enabled", "yes", "--syslog-ident", "rsident",
                                   "--syslog-facility", "local3", "--loglevel", "verbose"});
            QVERIFY2(server->ok(), server->error().c_str());
            RedisTestClient client("127.0.0.1", server->port());
            std::vector<std::string> &steps = seen[ours ? 0 : 1];
            steps.push_back(client.run({"BGSAVE"}));
            waitNoChild(client);
            for (const char *name : {"syslog-enabled", "syslog-ident", "syslog-facility"}) {
                steps.push_back(client.run({"CONFIG", "SET", name, "no"}));
                steps.push_back(client.run({"CONFIG", "GET", name}));
            }
            const std::string pid = std::to_string(server->pid());
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            stop = true;
            reader.join();
            std::vector<std::string> lines;
            for (std::string line : datagrams) {
                // "<157>Dec  7 12:00:00 rsident[123]: text": the time stamp left out.
                const size_t close = line.find('>');
                if (close == std::string::npos || line.size() < close + 17) continue;
                line = line.substr(0, close + 1) + line.substr(close + 17);
                for (size_t at = line.find(pid); at != std::string::npos; at = line.find(pid))
                    line.replace(at, pid.size(), "<pid>");
                if (line.find("Background saving") != std::string::npos) lines.push_back(line);
            }
            close(sink);
            QVERIFY2(!lines.empty(), ours ? "ours: nothing" : "redis: nothing");
            // The child's pid in "started by pid N".
            const size_t by = lines.front().rfind(' ');
            lines.front() = lines.front().substr(0, by) + " <child>";
            steps.insert(steps.end(), lines.begin(), lines.end());
        }
        for (size_t i = 0; i < seen[0].size() && i < seen[1].size(); ++i)
            if (seen[0][i] != seen[1][i])
                qWarning("step %zu: ours %s, redis %s", i, seen[0][i].c_str(), seen[1][i].c_str());
        QCOMPARE(seen[0], seen[1]);
        QVERIFY(std::find(seen[0].begin(), seen[0].end(),
                          "<157>rsident[<pid>]: Background saving started by pid <child>") !=
                seen[0].end());

        // A facility that is not one of Redis's: refused at start with the same message.
        int oursStatus = 0, redisStatus = 0;
        const std::string ours = runShell(
            TestServer::redscopeServerPath() + " --port 0 --syslog-facility bogus", &oursStatus);
        const std::string redis = runShell(
            TestServer::redisServerPath() + " --port 0 --syslog-facility bogus", &redisStatus);
        QVERIFY(oursStatus != 0 && redisStatus != 0);
        QCOMPARE(lastLine(redis), std::string("argument(s) must be one of the following: user, "
                                              "local0, local1, local2, local3, local4, local5, "
                                              "local6, local7"));
        QVERIFY2(lastLine(ours).ends_with(lastLine(redis)), ours.c_str());
    }

    // oom-score-adj absolute writes the master's value from oom-score-adj-values at start;
    // CONFIG SET of either parameter rewrites it, relative adds to the starting score, no
    // puts the starting score back. Both servers end with the same score after each step,
    // and answer the same when the kernel refuses one (lowering below the start needs
    // CAP_SYS_RESOURCE; as root it is allowed on both).
    void oomScoreLikeRedis()
    {
        std::vector<std::string> seen[2];
        for (bool ours : {true, false}) {
            const std::vector<std::string> args = {"--oom-score-adj", "absolute",
                                                   "--oom-score-adj-values", "100 300 900"};
            auto server = ours ? TestServer::startRedscope(args) : TestServer::startRedis(args);
            QVERIFY2(server->ok(), server->error().c_str());
            RedisTestClient client("127.0.0.1", server->port());
            std::vector<std::string> &steps = seen[ours ? 0 : 1];
            steps.push_back(oomScoreOf(server->pid()));
            for (const std::vector<std::string> &set : std::vector<std::vector<std::string>>{
                     {"oom-score-adj-values", "150 300 900"},
                     {"oom-score-adj", "relative", "oom-score-adj-values", "20 300 900"},
                     {"oom-score-adj", "absolute", "oom-score-adj-values", "-500 0 0"},
                     {"oom-score-adj", "no"},
                     {"oom-score-adj", "yes", "oom-score-adj-values", "2000 0 0"}}) {
                std::vector<std::string> command = {"CONFIG", "SET"};
                command.insert(command.end(), set.begin(), set.end());
                steps.push_back(client.run(command));
                steps.push_back(oomScoreOf(server->pid()));
                steps.push_back(client.run({"CONFIG", "GET", "oom-score-adj"}));
            }
        }
        for (size_t i = 0; i < seen[0].size() && i < seen[1].size(); ++i)
            if (seen[0][i] != seen[1][i])
                qWarning("step %zu: ours %s, redis %s", i, seen[0][i].c_str(), seen[1][i].c_str());
        QCOMPARE(seen[0], seen[1]);
        QCOMPARE(seen[0][0], std::string("100"));
        QCOMPARE(seen[0][2], std::string("150"));
        QCOMPARE(seen[0][5], std::string("20"));
        QCOMPARE(seen[0].back().find("yes") != std::string::npos, true);
        QCOMPARE(seen[0][seen[0].size() - 2], std::string("1000"));
    }
};

QTEST_GUILESS_MAIN(TestProcessSettings)
#include "tst_process_settings.moc"
