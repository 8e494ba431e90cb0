// Loading a dataset while clients are connected, against Debian's redis-server 7.0.15: with
// key-load-delay slowing each key (or AOF command) and loading-process-events-interval-bytes
// (RDB) or every 1024 commands (AOF) serving the clients, a client gets -LOADING, INFO says
// loading:1 and its loading_loaded_bytes grows until the load ends; then the dataset is
// whole. DEBUG RELOAD loads the RDB, DEBUG LOADAOF the AOF, each from another connection.
#include "redis_test_client.h"
#include "test_server.h"

#include <QtTest>

#include <chrono>
#include <cstdlib>
#include <thread>

using redscope::test::RedisTestClient;
using redscope::test::TestServer;

namespace {

std::string fieldOf(const std::string &info, const std::string &field)
{
    const size_t at = info.find("\n" + field + ":");
    if (at == std::string::npos) return "<none>";
    const size_t begin = at + field.size() + 2;
    return info.substr(begin, info.find_first_of("\r\n", begin) - begin);
}

std::string infoField(RedisTestClient &client, const std::string &field)
{
    return fieldOf(client.run({"INFO", "persistence"}), field);
}

// Runs `reload` on its own connection while `watcher` polls: returns what was seen (empty
// when all went as expected) and how long the reload took.
std::string watchLoad(int port, const std::vector<std::string> &reload, int64_t *elapsedMs)
{
    std::string reloadReply;
    const auto started = std::chrono::steady_clock::now();
    std::thread loader([&] {
        RedisTestClient client("127.0.0.1", port);
        reloadReply = client.run(reload);
    });
    RedisTestClient watcher("127.0.0.1", port);
    std::string problems;
    const auto deadline = started + std::chrono::seconds(30);
    bool sawLoading = false;
    while (!sawLoading && std::chrono::steady_clock::now() < deadline) {
        sawLoading = watcher.run({"PING"}) == "-LOADING Redis is loading the dataset in memory";
        if (!sawLoading) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (!sawLoading) problems += " no -LOADING reply;";
    // loading_loaded_bytes grows while loading:1 (each reply comes from a later pass).
    long long first = -1, progressed = -1;
    while (sawLoading && progressed < 0 && std::chrono::steady_clock::now() < deadline) {
        const std::string info = watcher.run({"INFO", "persistence"});
        if (fieldOf(info, "loading") != "1") break;
        const long long loaded = std::atoll(fieldOf(info, "loading_loaded_bytes").c_str());
        if (first < 0)
            first = loaded;
        else if (loaded > first)
            progressed = loaded;
    }
    if (sawLoading && progressed < 0) problems += " loading_loaded_bytes did not grow;";
    loader.join();
    *elapsedMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::steady_clock::now() - started)
                     .count();
    if (reloadReply != "+OK") problems += " reload: " + reloadReply + ";";
    if (watcher.run({"PING"}) != "+PONG") problems += " no PONG after the load;";
    if (infoField(watcher, "loading") != "0") problems += " still loading;";
    return problems;
}

} // namespace

class TestLoading : public QObject
{
    Q_OBJECT

private slots:
    void rdbLoadServesClients_data()
    {
        QTest::addColumn<bool>("ours");
        QTest::newRow("redis-server") << false;
        QTest::newRow("redscope-server") << true;
    }

    // 2000 keys of 1 KB, 1 ms each (key-load-delay 1000): a load of at least 2 s, clients
    // served every 1 KB (about every key).
    void rdbLoadServesClients()
    {
        QFETCH(bool, ours);
        const std::vector<std::string> args{"--enable-debug-command", "yes"};
        auto server = ours ? TestServer::startRedscope(args) : TestServer::startRedis(args);
        QVERIFY2(server->ok(), server->error().c_str());
        RedisTestClient admin("127.0.0.1", server->port());
        QCOMPARE(admin.run({"DEBUG", "POPULATE", "2000", "key", "1000"}), std::string("+OK"));
        QCOMPARE(admin.run({"CONFIG", "SET", "key-load-delay", "1000",
                            "loading-process-events-interval-bytes", "1024"}),
                 std::string("+OK"));
        int64_t elapsedMs = 0;
        const std::string problems = watchLoad(server->port(), {"DEBUG", "RELOAD"}, &elapsedMs);
        QVERIFY2(problems.empty(), problems.c_str());
        QVERIFY2(elapsedMs >= 2000, std::to_string(elapsedMs).c_str());
        QCOMPARE(admin.run({"DBSIZE"}), std::string(":2000"));
        // Without the delay the same load is quick.
        QCOMPARE(admin.run({"CONFIG", "SET", "key-load-delay", "0"}), std::string("+OK"));
        const auto started = std::chrono::steady_clock::now();
        QCOMPARE(admin.run({"DEBUG", "RELOAD"}), std::string("+OK"));
        QVERIFY(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(1900));
    }

    void aofLoadServesClients_data()
    {
        QTest::addColumn<bool>("ours");
        QTest::newRow("redis-server") << false;
        QTest::newRow("redscope-server") << true;
    }

    // 6000 commands in the AOF's incr file, 0.5 ms each: clients served every 1024 commands.
    void aofLoadServesClients()
    {
        QFETCH(bool, ours);
        const std::vector<std::string> args{"--enable-debug-command", "yes", "--appendonly", "yes"};
        auto server = ours ? TestServer::startRedscope(args) : TestServer::startRedis(args);
        QVERIFY2(server->ok(), server->error().c_str());
        RedisTestClient admin("127.0.0.1", server->port());
        QTRY_COMPARE_WITH_TIMEOUT(infoField(admin, "aof_rewrite_in_progress"), std::string("0"),
                                  10000);
        for (int i = 0; i < 6000; ++i)
            admin.append({"SET", "k" + std::to_string(i), std::string(100, 'v')});
        for (int i = 0; i < 6000; ++i)
            QCOMPARE(admin.readReply(), std::string("+OK"));
        QCOMPARE(admin.run({"CONFIG", "SET", "key-load-delay", "500"}), std::string("+OK"));
        int64_t elapsedMs = 0;
        const std::string problems = watchLoad(server->port(), {"DEBUG", "LOADAOF"}, &elapsedMs);
        QVERIFY2(problems.empty(), problems.c_str());
        QVERIFY2(elapsedMs >= 3000, std::to_string(elapsedMs).c_str());
        QCOMPARE(admin.run({"DBSIZE"}), std::string(":6000"));
    }
};

QTEST_GUILESS_MAIN(TestLoading)
#include "tst_loading.moc"
