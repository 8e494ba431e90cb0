// Read-only connections against real servers: write and admin commands are refused before they
// are sent (the key stays absent on the server), reads and inspection commands go through, the
// server's COMMAND table replaces the built-in list, and the built-in list alone judges the
// same way (servers that do not answer COMMAND).
#include "connection/read_only_guard.h"
#include "connection/redis_connection.h"
#include "connection_call.h"
#include "console/command_line.h"
#include "test_server.h"

#include <QTest>

using namespace redscope;
using redscope::test::TestServer;

class TstReadOnly : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void setIsRefusedBeforeSendingGetIsAllowed();
    void serverTableIsLearned();
    void adminCommandsAndInspection();
    void fallbackListJudgesWithoutServer();
    void embeddedEngineTableIsUsable();
    void writableConnectionIsUnaffected();
    void everyWriteOrAdminCommandIsRefused_data();
    void everyWriteOrAdminCommandIsRefused();
    void transactionWithRefusedCommandIsAborted();
    void consoleLinesAreGuarded();
    void replyBreakingCommandsAreRefusedEverywhere();

private:
    ConnectionSettings settings(bool readOnly) const;

    std::unique_ptr<TestServer> m_server;
};

using redscope::test::call; // one command, waited for (connection_call.h)

void TstReadOnly::initTestCase()
{
    m_server = TestServer::startRedis();
    QVERIFY2(m_server && m_server->ok(), m_server ? m_server->error().c_str() : "no server");
}

ConnectionSettings TstReadOnly::settings(bool readOnly) const
{
    ConnectionSettings result;
    result.port = m_server->port();
    result.readOnly = readOnly;
    return result;
}

void TstReadOnly::setIsRefusedBeforeSendingGetIsAllowed()
{
    RedisConnection writer(settings(false));
    writer.connectToServer();
    QCOMPARE(call(writer, {"SET", "ro:present", "v1"}), RedisValue::status("OK"));

    RedisConnection reader(settings(true));
    // Refused even before connecting: nothing is queued for the wire.
    const RedisValue early = call(reader, {"SET", "ro:absent", "x"});
    QVERIFY(early.isError());
    QVERIFY2(early.text().contains("read-only"), qPrintable(early.text()));

    reader.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(reader.state(), RedisConnection::State::Ready, 10000);
    const RedisValue refused = call(reader, {"set", "ro:absent", "x"});
    QVERIFY(refused.isError());
    QCOMPARE(refused.text(), QStringLiteral("ERR read-only connection: SET was not sent because "
                                            "it modifies data"));
    QCOMPARE(call(reader, {"GET", "ro:present"}), RedisValue::string("v1"));
    QCOMPARE(call(reader, {"EXISTS", "ro:absent"}), RedisValue::integer(0));
    QCOMPARE(call(writer, {"EXISTS", "ro:absent"}), RedisValue::integer(0)); // never written

    for (const QList<QByteArray> &args :
         QList<QList<QByteArray>>{{"DEL", "ro:present"},
                                  {"FLUSHALL"},
                                  {"EXPIRE", "ro:present", "1"},
                                  {"EVAL", "return redis.call('set','ro:absent','1')", "0"},
                                  {"PUBLISH", "ch", "hello"}}) {
        const RedisValue reply = call(reader, args);
        QVERIFY2(reply.isError() && reply.text().contains("read-only"), args.first().constData());
    }
    QCOMPARE(call(writer, {"GET", "ro:present"}), RedisValue::string("v1"));
    QCOMPARE(call(writer, {"EXISTS", "ro:absent"}), RedisValue::integer(0));
}

void TstReadOnly::serverTableIsLearned()
{
    RedisConnection reader(settings(true));
    reader.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(reader.state(), RedisConnection::State::Ready, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(reader.readOnlyGuard().learned(), 10000);
    // Learned from the two filtered lists (write + admin, subcommands too), not from the full
    // COMMAND reply, which names every one of Redis 7's ~370 commands and subcommands.
    QVERIFY(reader.readOnlyGuard().learnedCount() > 150);
    QVERIFY(reader.readOnlyGuard().learnedCount() < 300);
    QVERIFY(call(reader, {"HSET", "h", "f", "v"}).isError());
    QCOMPARE(call(reader, {"HGET", "h", "f"}), RedisValue::nil());
}

void TstReadOnly::adminCommandsAndInspection()
{
    RedisConnection reader(settings(true));
    reader.connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(reader.readOnlyGuard().learned(), 10000);

    const RedisValue configGet = call(reader, {"CONFIG", "GET", "maxmemory"});
    QVERIFY2(!configGet.isError(), qPrintable(configGet.text()));
    QVERIFY(!call(reader, {"CLIENT", "LIST"}).isError());
    QVERIFY(!call(reader, {"SLOWLOG", "GET", "5"}).isError());
    QVERIFY(!call(reader, {"INFO", "server"}).isError());
    QVERIFY(!call(reader, {"CLIENT", "SETNAME", "viewer"}).isError());

    const RedisValue configSet = call(reader, {"config", "set", "maxmemory", "1mb"});
    QCOMPARE(configSet.text(), QStringLiteral("ERR read-only connection: CONFIG SET was not sent "
                                              "because it is an administrative command"));
    QVERIFY(call(reader, {"SHUTDOWN", "NOSAVE"}).text().contains("read-only"));
    QVERIFY(call(reader, {"SLOWLOG", "RESET"}).text().contains("read-only"));
    QVERIFY(call(reader, {"CLIENT", "KILL", "TYPE", "normal"}).text().contains("read-only"));
    QVERIFY(call(reader, {"SCRIPT", "FLUSH"}).text().contains("read-only"));

    RedisConnection writer(settings(false));
    writer.connectToServer();
    const RedisValue maxmemory = call(writer, {"CONFIG", "GET", "maxmemory"});
    QCOMPARE(maxmemory.elements().at(1), RedisValue::string("0")); // CONFIG SET never ran
    QCOMPARE(call(writer, {"PING"}), RedisValue::status("PONG"));  // SHUTDOWN never ran
}

void TstReadOnly::fallbackListJudgesWithoutServer()
{
    ReadOnlyGuard guard; // nothing learned: the built-in list
    QVERIFY(!guard.learned());
    QVERIFY(!guard.refusal({"SET", "k", "v"}).isEmpty());
    QVERIFY(!guard.refusal({"xgroup", "CREATE", "s", "g", "$"}).isEmpty());
    QVERIFY(!guard.refusal({"CONFIG", "SET", "x", "y"}).isEmpty());
    QVERIFY(!guard.refusal({"ACL", "LOG", "RESET"}).isEmpty());
    QVERIFY(guard.refusal({"ACL", "LOG"}).isEmpty());
    QVERIFY(guard.refusal({"GET", "k"}).isEmpty());
    QVERIFY(guard.refusal({"SCAN", "0"}).isEmpty());
    QVERIFY(guard.refusal({"CONFIG", "GET", "*"}).isEmpty());
    QVERIFY(guard.refusal({"XINFO", "STREAM", "s"}).isEmpty());
    QVERIFY(guard.refusal({"EVAL_RO", "return 1", "0"}).isEmpty());

    // An error reply to COMMAND keeps the built-in list.
    QVERIFY(!guard.learn(RedisValue::error(QByteArray("ERR unknown command 'COMMAND'"))));
    QVERIFY(!guard.learned());
    QVERIFY(!guard.refusal({"SET", "k", "v"}).isEmpty());
}

void TstReadOnly::embeddedEngineTableIsUsable()
{
    auto engine = TestServer::startRedscope();
    QVERIFY2(engine && engine->ok(), engine ? engine->error().c_str() : "no server");
    ConnectionSettings config;
    config.port = engine->port();
    config.readOnly = true;
    RedisConnection reader(config);
    reader.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(reader.state(), RedisConnection::State::Ready, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(reader.readOnlyGuard().learned(), 10000);
    QVERIFY(call(reader, {"SET", "k", "v"}).text().contains("read-only"));
    QVERIFY(call(reader, {"LPUSH", "l", "v"}).text().contains("read-only"));
    QCOMPARE(call(reader, {"GET", "k"}), RedisValue::nil());
    QCOMPARE(call(reader, {"DBSIZE"}), RedisValue::integer(0));
}

void TstReadOnly::writableConnectionIsUnaffected()
{
    RedisConnection writer(settings(false));
    writer.connectToServer();
    QCOMPARE(call(writer, {"SET", "rw", "1"}), RedisValue::status("OK"));
    QVERIFY(!writer.readOnlyGuard().learned()); // no COMMAND round trip when not read-only
    QCOMPARE(call(writer, {"DEL", "rw"}), RedisValue::integer(1));
}

void TstReadOnly::everyWriteOrAdminCommandIsRefused_data()
{
    QTest::addColumn<QList<QByteArray>>("args");
    const QList<QList<QByteArray>> commands = {
        {"FLUSHALL"},
        {"flushall", "ASYNC"},
        {"FlushDB"},
        {"CONFIG", "SET", "maxmemory", "1mb"},
        {"config", "Set", "requirepass", "x"},
        {"CONFIG", "RESETSTAT"},
        {"CONFIG", "REWRITE"},
        {"SHUTDOWN"},
        {"shutdown", "nosave"},
        {"EVAL", "return redis.call('set','ro:eval','1')", "0"},
        {"EVALSHA", "0000000000000000000000000000000000000000", "0"},
        {"FCALL", "f", "0"},
        {"SCRIPT", "LOAD", "return 1"},
        {"FUNCTION", "FLUSH"},
        {"PUBLISH", "c", "m"},
        {"DEL", "ro:present"},
        {"UNLINK", "a", "b"},
        {"SWAPDB", "0", "1"},
        {"MOVE", "ro:present", "1"},
        {"RENAME", "ro:present", "x"},
        {"EXPIRE", "ro:present", "1"},
        {"RESTORE", "k", "0", "x"},
        {"SAVE"},
        {"BGSAVE"},
        {"BGREWRITEAOF"},
        {"REPLICAOF", "127.0.0.1", "1"},
        {"ACL", "SETUSER", "intruder", "on", ">pw"},
        {"ACL", "DELUSER", "default"},
        {"CLIENT", "PAUSE", "1000"},
        {"DEBUG", "SLEEP", "0"},
        {"XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"},
        {"SORT", "l", "STORE", "dst"},
        {"HSETEX", "h", "FIELDS", "1", "f", "v"},
    };
    for (const QList<QByteArray> &command : commands)
        QTest::newRow(command.join(' ').left(40).constData()) << command;
}

// Judged both by the built-in list and by the table learned from redis-server.
void TstReadOnly::everyWriteOrAdminCommandIsRefused()
{
    QFETCH(QList<QByteArray>, args);
    QVERIFY2(!ReadOnlyGuard().refusal(args).isEmpty(), "built-in list");
    static RedisConnection *reader = nullptr;
    if (!reader) {
        reader = new RedisConnection(settings(true), this);
        reader->connectToServer();
        QTRY_VERIFY_WITH_TIMEOUT(reader->readOnlyGuard().learned(), 10000);
    }
    if (args.first() == "HSETEX") return; // Redis 8 only: Debian's 7.0 does not know it
    const RedisValue reply = call(*reader, args);
    QVERIFY2(reply.text().contains("read-only"), qPrintable(reply.text()));
}

// A refused command never reaches the server, which would run the rest of the transaction;
// the EXEC is turned into DISCARD and answered EXECABORT, as Redis does for a bad command.
void TstReadOnly::transactionWithRefusedCommandIsAborted()
{
    RedisConnection reader(settings(true));
    reader.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(reader.state(), RedisConnection::State::Ready, 10000);
    QCOMPARE(call(reader, {"MULTI"}), RedisValue::status("OK"));
    QCOMPARE(call(reader, {"GET", "ro:present"}), RedisValue::status("QUEUED"));
    QVERIFY(call(reader, {"FLUSHALL"}).text().contains("read-only"));
    const RedisValue exec = call(reader, {"EXEC"});
    QVERIFY2(exec.text().startsWith("EXECABORT"), qPrintable(exec.text()));
    // The server left MULTI (DISCARD), so the connection answers normally again.
    QCOMPARE(call(reader, {"PING"}), RedisValue::status("PONG"));
    QCOMPARE(call(reader, {"MULTI"}), RedisValue::status("OK"));
    QCOMPARE(call(reader, {"GET", "ro:present"}), RedisValue::status("QUEUED"));
    const RedisValue ok = call(reader, {"EXEC"});
    QCOMPARE(int(ok.elements().size()), 1);
    QCOMPARE(ok.elements().front(), RedisValue::string("v1"));
}

void TstReadOnly::consoleLinesAreGuarded()
{
    RedisConnection reader(settings(true));
    reader.connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(reader.readOnlyGuard().learned(), 10000);
    const QStringList lines = {
        QStringLiteral("flushall"),
        QStringLiteral("\"CONFIG\" set maxmemory 1mb"),
        QStringLiteral("eval \"return redis.call('set', KEYS[1], 'x')\" 1 ro:eval"),
        QStringLiteral("  Shutdown   NOSAVE  "),
    };
    for (const QString &line : lines) {
        const CommandLine::Result parsed = CommandLine::split(line);
        QVERIFY2(parsed.ok(), qPrintable(line));
        QVERIFY2(call(reader, parsed.args).text().contains("read-only"), qPrintable(line));
    }
    QCOMPARE(call(reader, {"EXISTS", "ro:eval"}), RedisValue::integer(0));
    QCOMPARE(call(reader, {"PING"}), RedisValue::status("PONG"));
}

// Commands after which replies no longer match requests, on any connection.
void TstReadOnly::replyBreakingCommandsAreRefusedEverywhere()
{
    RedisConnection writer(settings(false));
    writer.connectToServer();
    QVERIFY(call(writer, {"CLIENT", "REPLY", "OFF"}).text().contains("without replies"));
    QVERIFY(call(writer, {"client", "reply", "skip"}).text().contains("without replies"));
    QVERIFY(call(writer, {"RESET"}).isError());
    QCOMPARE(call(writer, {"CLIENT", "REPLY", "ON"}), RedisValue::status("OK"));
    QCOMPARE(call(writer, {"PING"}), RedisValue::status("PONG"));
}

QTEST_MAIN(TstReadOnly)
#include "tst_read_only.moc"
