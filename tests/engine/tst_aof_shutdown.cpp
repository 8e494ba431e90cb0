// SHUTDOWN and SIGTERM while the AOF's first base is still being written (appendonly switched
// on at run time, the rewrite slowed by rdb-key-save-delay), against redscope-server and
// Debian's redis-server 7.0.15 alike: a plain SHUTDOWN, SHUTDOWN SAVE / NOSAVE / NOW and a
// SIGTERM are refused ("Writing initial AOF, can't exit." in the log, the server keeps
// serving); FORCE, from the command or from shutdown-on-sigterm, stops it anyway. Once the
// rewrite has finished, a plain SHUTDOWN stops the server and the AOF holds the dataset.
#include "persistence_test_support.h"

#include <QtTest>

#include <csignal>
#include <fstream>

using namespace redscope::test;

namespace {

std::string readFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

size_t countOf(const std::string &text, const std::string &what)
{
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

// 2000 keys at 5 ms each: the first rewrite takes ~10 s, far longer than the checks below
// take even on a loaded machine; the tests that need it to end set the delay back to 0.
std::unique_ptr<TestServer> startSlowRewrite(bool ours)
{
    const std::vector<std::string> args{"--enable-debug-command", "yes", "--save", ""};
    auto server = ours ? TestServer::startRedscope(args) : TestServer::startRedis(args);
    if (!server->ok()) return server;
    Conn c(server->port());
    c.cmd({"DEBUG", "POPULATE", "2000"});
    c.cmd({"CONFIG", "SET", "rdb-key-save-delay", "5000"});
    c.cmd({"CONFIG", "SET", "appendonly", "yes"});
    return server;
}

// Whether the process has exited (a zombie or gone), waiting up to `timeoutMs`. Not reaped
// here: TestServer::stop() reaps it by its pid.
bool exitsWithin(const TestServer &server, int timeoutMs)
{
    const std::string stat = "/proc/" + std::to_string(server.pid()) + "/stat";
    return waitFor(
        [&] {
            const std::string text = readFile(stat);
            const size_t paren = text.rfind(')');
            return paren == std::string::npos || text.compare(paren + 2, 1, "Z") == 0;
        },
        timeoutMs);
}

} // namespace

class TestAofShutdown : public QObject
{
    Q_OBJECT

private slots:
    void refusedWhileWritingInitialAof_data()
    {
        QTest::addColumn<bool>("ours");
        QTest::newRow("redscope-server") << true;
        QTest::newRow("redis-server") << false;
    }

    void refusedWhileWritingInitialAof()
    {
        QFETCH(bool, ours);
        auto server = startSlowRewrite(ours);
        QVERIFY2(server->ok(), server->error().c_str());
        Conn c(server->port());
        QCOMPARE(c.info("aof_rewrite_in_progress"), std::string("1"));
        const std::string refused = "-ERR Errors trying to SHUTDOWN. Check logs.";
        for (const std::vector<std::string> &command : {std::vector<std::string>{"SHUTDOWN"},
                                                        {"SHUTDOWN", "NOSAVE"},
                                                        {"SHUTDOWN", "SAVE"},
                                                        {"SHUTDOWN", "NOW"},
                                                        {"SHUTDOWN", "NOSAVE", "NOW"}})
            QCOMPARE(c.cmd(command), refused);
        QCOMPARE(c.cmd({"PING"}), std::string("+PONG"));

        // A SIGTERM is refused the same way, after the cron or loop has seen it.
        const std::string log = server->directory() + "/server.log";
        server->kill(SIGTERM);
        QVERIFY(waitFor([&] { return countOf(readFile(log), "Writing initial AOF") >= 6; }));
        QCOMPARE(c.cmd({"PING"}), std::string("+PONG"));
        const std::string text = readFile(log);
        QCOMPARE(countOf(text, "Writing initial AOF, can't exit."), size_t{6});
        QCOMPARE(countOf(text, "Errors trying to shut down the server. Check the logs for more "
                               "information."),
                 size_t{6});
        QCOMPARE(countOf(text, "User requested shutdown..."), size_t{6});
        QCOMPARE(c.info("aof_rewrite_in_progress"), std::string("1"));

        // FORCE goes through.
        QVERIFY(c.raw({"SHUTDOWN", "NOSAVE", "FORCE"}) == nullptr);
        QVERIFY(exitsWithin(*server, 20000));
        const std::string after = readFile(log);
        QCOMPARE(countOf(after, "Writing initial AOF. Exit anyway."), size_t{1});
        QCOMPARE(countOf(after, "There is a child rewriting the AOF. Killing it!"), size_t{1});
    }

    void sigtermWithForceConfigured_data()
    {
        QTest::addColumn<bool>("ours");
        QTest::newRow("redscope-server") << true;
        QTest::newRow("redis-server") << false;
    }

    // shutdown-on-sigterm force: the signal's shutdown goes through as SHUTDOWN FORCE does.
    void sigtermWithForceConfigured()
    {
        QFETCH(bool, ours);
        auto server = startSlowRewrite(ours);
        QVERIFY2(server->ok(), server->error().c_str());
        Conn c(server->port());
        QCOMPARE(c.cmd({"CONFIG", "SET", "shutdown-on-sigterm", "nosave force"}),
                 std::string("+OK"));
        QCOMPARE(c.info("aof_rewrite_in_progress"), std::string("1"));
        server->kill(SIGTERM);
        QVERIFY(exitsWithin(*server, 20000));
        const std::string log = readFile(server->directory() + "/server.log");
        QCOMPARE(countOf(log, "Writing initial AOF. Exit anyway."), size_t{1});
    }

    void shutdownOnceTheBaseIsWritten_data()
    {
        QTest::addColumn<bool>("ours");
        QTest::newRow("redscope-server") << true;
        QTest::newRow("redis-server") << false;
    }

    // The refusal lasts only while the first base is written: a rewrite of an AOF that is
    // already on is killed by a plain SHUTDOWN, and the AOF then holds the dataset.
    void shutdownOnceTheBaseIsWritten()
    {
        QFETCH(bool, ours);
        auto server = startSlowRewrite(ours);
        QVERIFY2(server->ok(), server->error().c_str());
        Conn c(server->port());
        QCOMPARE(c.cmd({"SHUTDOWN"}), std::string("-ERR Errors trying to SHUTDOWN. Check logs."));
        QCOMPARE(c.cmd({"CONFIG", "SET", "rdb-key-save-delay", "0"}), std::string("+OK"));
        // The child read the delay at the fork: a new rewrite is quick, the first one is not.
        QVERIFY(waitFor([&] { return c.info("aof_rewrite_in_progress") == "0"; }, 60000));
        QCOMPARE(c.info("aof_last_bgrewrite_status"), std::string("ok"));
        QCOMPARE(c.cmd({"SET", "after", "1"}), std::string("+OK"));
        QCOMPARE(c.cmd({"CONFIG", "SET", "rdb-key-save-delay", "5000"}), std::string("+OK"));
        QCOMPARE(c.cmd({"BGREWRITEAOF"}).substr(0, 1), std::string("+"));
        QCOMPARE(c.info("aof_rewrite_in_progress"), std::string("1"));
        QVERIFY(c.raw({"SHUTDOWN"}) == nullptr);
        QVERIFY(exitsWithin(*server, 20000));
        const std::string log = readFile(server->directory() + "/server.log");
        QCOMPARE(countOf(log, "There is a child rewriting the AOF. Killing it!"), size_t{1});

        const std::vector<std::string> args{"--dir", server->directory(), "--appendonly", "yes"};
        auto again = ours ? TestServer::startRedscope(args) : TestServer::startRedis(args);
        QVERIFY2(again->ok(), again->error().c_str());
        Conn c2(again->port());
        QCOMPARE(c2.cmd({"DBSIZE"}), std::string("2001"));
        QCOMPARE(c2.cmd({"GET", "after"}), std::string("\"1\""));
    }
};

QTEST_GUILESS_MAIN(TestAofShutdown)
#include "tst_aof_shutdown.moc"
