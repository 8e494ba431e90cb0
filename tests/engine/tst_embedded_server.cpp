// The engine as a library (redscope/engine.h), the way the app runs it: started on its own
// thread inside the test process. What matters here is that the host process is safe: a
// client that hangs up while the engine writes to it must not raise SIGPIPE (whose default
// action would kill the host), DEBUG PANIC and DEBUG SEGFAULT (allowed on the app's local
// socket, as enable-debug-command "local" allows them) stop the engine with the crash report
// logged and leave the host running, and the engine stops cleanly with its socket removed. Its
// stop report says why it stopped (a panic's message, the SHUTDOWN as typed, a corrupt file's
// load error with its offset) for the app's "engine stopped" page.
#include "redis_test_client.h"
#include "redscope/engine.h"
#include "test_server.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using redscope::engine::EmbeddedServer;

namespace {

int connectUnix(const std::string &path)
{
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::snprintf(address.sun_path, sizeof address.sun_path, "%s", path.c_str());
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

} // namespace

class EmbeddedServerTest : public QObject
{
    Q_OBJECT

private slots:
    void clientHangingUpMidReplyDoesNotKillTheHost();
    void importRdbStreamsARedisFile();
    void debugCrashStopsOnlyTheEngine_data();
    void debugCrashStopsOnlyTheEngine();
    void stopReportSaysWhy();
    void corruptRdbAtStartIsALoadFailure();
};

void EmbeddedServerTest::clientHangingUpMidReplyDoesNotKillTheHost()
{
    // The default disposition, as in a host that never heard of SIGPIPE.
    std::signal(SIGPIPE, SIG_DFL);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    std::string socketPath = dir.filePath("engine.sock").toStdString();
    EmbeddedServer server;
    std::string error;
    QVERIFY2(server.start({{"port", "0"}, {"unixsocket", socketPath}, {"save", ""}}, &error),
             error.c_str());

    int fd = connectUnix(socketPath);
    QVERIFY(fd >= 0);
    // A 4 MB value, then 16 GETs of it pipelined: 64 MB of replies, far more than the
    // socket buffer, so the engine is still writing when the client hangs up unread.
    std::string value(4 * 1024 * 1024, 'x');
    std::string request = "*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$" + std::to_string(value.size()) +
                          "\r\n" + value + "\r\n";
    for (int i = 0; i < 16; ++i)
        request += "*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n";
    for (size_t sent = 0; sent < request.size();) {
        ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        QVERIFY(n > 0);
        sent += static_cast<size_t>(n);
    }
    char first[64];
    QVERIFY(read(fd, first, sizeof first) > 0); // replies are flowing
    close(fd);

    // The host is alive (we are), and the engine serves the next client.
    QTest::qWait(200);
    redscope::test::RedisTestClient client(socketPath);
    QVERIFY(client.connected());
    QCOMPARE(client.run({"STRLEN", "big"}), std::string(":4194304"));
    server.stop();
    QVERIFY(!server.isRunning());
    QVERIFY(access(socketPath.c_str(), F_OK) != 0);
}

// importRdb (the app's "import dump.rdb") reads the file through the loader's fixed buffer: a
// redis-server dump of 40 strings of 1 MB (rdbcompression off) and some small keys loads whole,
// values intact; the same file cut short is refused and the dataset is left as it was.
void EmbeddedServerTest::importRdbStreamsARedisFile()
{
    using redscope::test::TestServer;
    auto redis = TestServer::startRedis({"--rdbcompression", "no"});
    QVERIFY2(redis->ok(), redis->error().c_str());
    {
        redscope::test::RedisTestClient writer("127.0.0.1", redis->port());
        QVERIFY(writer.connected());
        for (int i = 0; i < 40; ++i)
            QCOMPARE(writer.run({"SET", "big:" + std::to_string(i),
                                 std::string(1 << 20, static_cast<char>('a' + i % 26))}),
                     std::string("+OK"));
        QCOMPARE(writer.run({"RPUSH", "list", "x", "y", "z"}), std::string(":3"));
        QCOMPARE(writer.run({"HSET", "hash", "f", "v"}), std::string(":1"));
        QCOMPARE(writer.run({"SAVE"}), std::string("+OK"));
    }
    const std::string file = redis->directory() + "/dump.rdb";
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string socketPath = dir.filePath("engine.sock").toStdString();
    EmbeddedServer server;
    std::string error;
    QVERIFY2(server.start({{"port", "0"}, {"unixsocket", socketPath}, {"save", ""}}, &error),
             error.c_str());
    EmbeddedServer::ImportResult result;
    QVERIFY2(server.importRdb(file, &result, &error), error.c_str());
    QCOMPARE(result.keysLoaded, 42ULL);
    redscope::test::RedisTestClient client(socketPath);
    QVERIFY(client.connected());
    QCOMPARE(client.run({"DBSIZE"}), std::string(":42"));
    QCOMPARE(client.run({"STRLEN", "big:39"}), std::string(":1048576"));
    QCOMPARE(client.run({"GETRANGE", "big:39", "1048570", "-1"}), std::string("$nnnnnn"));
    QCOMPARE(client.run({"LRANGE", "list", "0", "-1"}).find('z') != std::string::npos, true);

    const std::string cut = dir.filePath("cut.rdb").toStdString();
    std::filesystem::copy_file(file, cut);
    std::filesystem::resize_file(cut, std::filesystem::file_size(file) / 2);
    QCOMPARE(client.run({"SET", "mine", "1"}), std::string("+OK"));
    QVERIFY(!server.importRdb(cut, &result, &error));
    QVERIFY2(error.find("Not a valid RDB file") != std::string::npos, error.c_str());
    QCOMPARE(client.run({"DBSIZE"}), std::string(":43"));
    server.stop();
}

void EmbeddedServerTest::debugCrashStopsOnlyTheEngine_data()
{
    QTest::addColumn<QString>("subcommand");
    QTest::newRow("panic") << "PANIC";
    QTest::newRow("segfault") << "SEGFAULT";
}

void EmbeddedServerTest::debugCrashStopsOnlyTheEngine()
{
    QFETCH(QString, subcommand);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string socketPath = dir.filePath("engine.sock").toStdString();
    const std::string logPath = dir.filePath("engine.log").toStdString();
    EmbeddedServer server;
    std::string error;
    QVERIFY2(server.start(
                 {{"port", "0"}, {"unixsocket", socketPath}, {"save", ""}, {"logfile", logPath}},
                 &error),
             error.c_str());
    {
        redscope::test::RedisTestClient client(socketPath);
        QVERIFY(client.connected());
        QCOMPARE(client.run({"SET", "k", "v"}), std::string("+OK"));
        // The connection ends without a reply, as with redis-server.
        QVERIFY(client.run({"DEBUG", subcommand.toStdString()}).starts_with("<"));
    }
    QTRY_VERIFY(!server.isRunning());
    redscope::test::RedisTestClient late(socketPath);
    QVERIFY(!late.connected()); // the socket is gone: nobody waits on a stopped loop
    std::ifstream log(logPath);
    const std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    // The crash report, as redscope-server writes it, without the memory test (that would
    // test the app's memory).
    const std::string cause = subcommand == "PANIC" ? "Guru Meditation: DEBUG PANIC called"
                                                    : "crashed by signal: 11 (DEBUG SEGFAULT";
    size_t at = 0;
    for (const std::string &part :
         {std::string("=== REDIS BUG REPORT START: Cut & paste starting from here ==="), cause,
          std::string("------ STACK TRACE ------"), std::string("------ INFO OUTPUT ------"),
          std::string("------ CLIENT LIST OUTPUT ------"),
          std::string("------ CURRENT CLIENT INFO ------"),
          "argv[1]: '\"" + subcommand.toStdString() + "\"'",
          std::string("=== REDIS BUG REPORT END. Make sure to include from START to END. ===")}) {
        at = text.find(part, at);
        QVERIFY2(at != std::string::npos, (part + " missing in:\n" + text).c_str());
    }
    QVERIFY2(text.find("FAST MEMORY TEST") == std::string::npos, text.c_str());
    const EmbeddedServer::StopReport report = server.stopReport();
    QCOMPARE(report.cause, EmbeddedServer::StopReport::Cause::Panic);
    QVERIFY2(report.detail.starts_with("DEBUG " + subcommand.toStdString()), report.detail.c_str());
    // The host is alive (we are) and can start its engine again.
    QVERIFY2(server.start({{"port", "0"}, {"unixsocket", socketPath}, {"save", ""}}, &error),
             error.c_str());
    redscope::test::RedisTestClient again(socketPath);
    QCOMPARE(again.run({"PING"}), std::string("+PONG"));
    server.stop();
}

// SHUTDOWN NOSAVE and the owner's stop() are told apart; the callback fires (on the engine's
// thread) only when the loop ended by itself, and the report carries the persistence options
// CONFIG SET changed, so that a restart loads the AOF the engine was writing.
void EmbeddedServerTest::stopReportSaysWhy()
{
    using Cause = EmbeddedServer::StopReport::Cause;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string socketPath = dir.filePath("engine.sock").toStdString();
    const redscope::engine::ConfigOptions options{
        {"port", "0"}, {"unixsocket", socketPath}, {"dir", dir.path().toStdString()}};
    EmbeddedServer server;
    std::atomic<int> ended{0};
    server.setLoopEndedCallback([&ended] { ++ended; });
    QCOMPARE(server.stopReport().cause, Cause::None);
    std::string error;
    QVERIFY2(server.start(options, &error), error.c_str());
    QCOMPARE(server.stopReport().cause, Cause::None);
    {
        redscope::test::RedisTestClient client(socketPath);
        QCOMPARE(client.run({"CONFIG", "SET", "appendonly", "yes"}), std::string("+OK"));
        // The AOF exists once its first rewrite is done.
        QTRY_VERIFY(QFileInfo::exists(dir.filePath("appendonlydir/appendonly.aof.manifest")));
        QCOMPARE(client.run({"SET", "k", "v"}), std::string("+OK"));
        QVERIFY(client.run({"SHUTDOWN", "nosave"}).starts_with("<"));
    }
    QTRY_VERIFY(!server.isRunning());
    QTRY_COMPARE(ended.load(), 1);
    EmbeddedServer::StopReport report = server.stopReport();
    QCOMPARE(report.cause, Cause::Shutdown);
    QCOMPARE(report.detail, std::string("SHUTDOWN NOSAVE"));
    const auto appendOnly = std::find(report.persistence.begin(), report.persistence.end(),
                                      std::pair<std::string, std::string>("appendonly", "yes"));
    QVERIFY(appendOnly != report.persistence.end());

    redscope::engine::ConfigOptions again = options;
    again.insert(again.end(), report.persistence.begin(), report.persistence.end());
    QVERIFY2(server.start(again, &error), error.c_str());
    {
        redscope::test::RedisTestClient client(socketPath);
        QCOMPARE(client.run({"GET", "k"}), std::string("$v")); // replayed from the AOF
    }
    server.stop();
    QCOMPARE(ended.load(), 1);
    QCOMPARE(server.stopReport().cause, Cause::Stopped);
}

// A dump.rdb cut in half refuses the start; the report names the file and the loader's error,
// which says where it ended.
void EmbeddedServerTest::corruptRdbAtStartIsALoadFailure()
{
    using Cause = EmbeddedServer::StopReport::Cause;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string socketPath = dir.filePath("engine.sock").toStdString();
    const std::string rdb = dir.filePath("dump.rdb").toStdString();
    const redscope::engine::ConfigOptions options{
        {"port", "0"}, {"unixsocket", socketPath}, {"dir", dir.path().toStdString()}};
    EmbeddedServer server;
    std::string error;
    QVERIFY2(server.start(options, &error), error.c_str());
    {
        redscope::test::RedisTestClient client(socketPath);
        for (int i = 0; i < 50; ++i)
            QCOMPARE(client.run({"SET", "key:" + std::to_string(i), std::string(100, 'x')}),
                     std::string("+OK"));
        QCOMPARE(client.run({"SAVE"}), std::string("+OK"));
    }
    server.stop();
    std::filesystem::resize_file(rdb, std::filesystem::file_size(rdb) / 2);

    QVERIFY(!server.start(options, &error));
    QVERIFY(!server.isRunning());
    const EmbeddedServer::StopReport report = server.stopReport();
    QCOMPARE(report.cause, Cause::LoadFailed);
    QCOMPARE(report.file, rdb);
    QCOMPARE(report.detail, error);
    QVERIFY2(report.detail.find(rdb) != std::string::npos, error.c_str());
    QVERIFY2(report.detail.find("offset") != std::string::npos, error.c_str());

    QVERIFY(!server.start({{"port", "0"}, {"save", "nonsense"}}, &error));
    QCOMPARE(server.stopReport().cause, Cause::StartFailed);
}

QTEST_GUILESS_MAIN(EmbeddedServerTest)
#include "tst_embedded_server.moc"
