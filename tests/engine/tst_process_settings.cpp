// What a redscope-server does to its own process, side by side with Debian's redis-server
// started the same way: the process title (set-proc-title, proc-title-template, read back
// from /proc/<pid>/cmdline) and the OOM score (oom-score-adj, oom-score-adj-values, read back
// from /proc/<pid>/oom_score_adj), at start and after CONFIG SET, including CONFIG SET's
// reply when the kernel refuses a score.
#include "redis_test_client.h"
#include "test_server.h"

#include <QtTest>

#include <fstream>
#include <sstream>
#include <string>

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
