// RedisConnection against a server that misbehaves (FakeRedisServer): garbage instead of a
// reply, half a reply and then silence, a connection closed in the middle of a reply, replies
// nested deeper than hiredis 0.14 parses, a server that accepts and never answers. In every
// case the request gets an error within its timeout, the event loop keeps running (a timer
// keeps ticking while we wait: a GUI would stay responsive), later requests fail cleanly or
// succeed once the server behaves, and nothing crashes. The console is driven the same way.
#include "connection/redis_connection.h"
#include "console/console_panel.h"
#include "fake_redis_server.h"

#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTest>
#include <QTimer>

using namespace redscope;
using redscope::test::FakeRedisServer;

class TstHostileServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void garbageInsteadOfHandshake();
    void garbageReplyDropsTheConnection();
    void halfReplyThenStallTimesOutAndReconnects();
    void closedMidReply();
    void nestedTooDeep();
    void silentServerTimesOutTheHandshake();
    void slowButCompleteReplyKeepsTheConnection();
    void consoleStaysResponsive();

private:
    ConnectionSettings settings() const;
    RedisValue call(RedisConnection &connection, const QList<QByteArray> &args, int timeoutMs = -1);

    std::unique_ptr<FakeRedisServer> m_server;
    QTimer m_ticker; // proves the event loop runs while requests hang
    int m_ticks = 0;
};

void TstHostileServer::initTestCase()
{
    connect(&m_ticker, &QTimer::timeout, this, [this] { ++m_ticks; });
}

void TstHostileServer::init()
{
    m_server = std::make_unique<FakeRedisServer>();
    QVERIFY(m_server->listen());
    m_ticks = 0;
    m_ticker.setInterval(20);
    m_ticker.start();
}

void TstHostileServer::cleanup()
{
    m_ticker.stop();
    m_server.reset();
}

ConnectionSettings TstHostileServer::settings() const
{
    ConnectionSettings result;
    result.name = QStringLiteral("hostile");
    result.port = m_server->port();
    result.connectTimeoutMs = 1500;
    result.commandTimeoutMs = 600;
    return result;
}

RedisValue TstHostileServer::call(RedisConnection &connection, const QList<QByteArray> &args,
                                  int timeoutMs)
{
    RedisValue result = RedisValue::error(QByteArray("test: no reply"));
    bool done = false;
    connection.send(
        args,
        [&](const RedisValue &reply) {
            result = reply;
            done = true;
        },
        timeoutMs);
    if (!QTest::qWaitFor([&] { return done; }, 15000))
        return RedisValue::error(QByteArray("test: callback did not run"));
    return result;
}

void TstHostileServer::garbageInsteadOfHandshake()
{
    m_server->setHandler([](const QList<QByteArray> &) {
        return FakeRedisServer::Reaction{"HTTP/1.1 400 Bad Request\r\n\r\n", false, true};
    });
    RedisConnection connection(settings());
    connection.connectToServer();
    const RedisValue reply = call(connection, {"GET", "k"}); // queued during the handshake
    QVERIFY(reply.isError());
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Disconnected, 5000);
    QVERIFY2(!connection.errorText().isEmpty(), "the failure is explained");
    QVERIFY(call(connection, {"PING"}).text().startsWith("ERR not connected"));
}

void TstHostileServer::garbageReplyDropsTheConnection()
{
    m_server->setHandler([](const QList<QByteArray> &command) {
        if (command.value(0) == "GET")
            return FakeRedisServer::Reaction{"?what is this\r\n", false, true};
        return FakeRedisServer::Reaction{{}, false, false};
    });
    RedisConnection connection(settings());
    connection.setAutoReconnect(false);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 5000);
    const RedisValue reply = call(connection, {"GET", "k"});
    QVERIFY(reply.isError());
    QVERIFY2(!reply.text().contains("timeout"), qPrintable(reply.text())); // at once
    QCOMPARE(connection.state(), RedisConnection::State::Lost);
    QVERIFY(call(connection, {"PING"}).isError()); // clean failure, no hang
}

void TstHostileServer::halfReplyThenStallTimesOutAndReconnects()
{
    bool stall = true;
    m_server->setHandler([&stall](const QList<QByteArray> &command) {
        if (command.value(0) == "GET" && stall)
            return FakeRedisServer::Reaction{"$100\r\nonly part of it", false, true};
        if (command.value(0) == "GET") return FakeRedisServer::Reaction{"$2\r\nok\r\n"};
        return FakeRedisServer::Reaction{{}, false, false};
    });
    RedisConnection connection(settings());
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 5000);
    const int ticksBefore = m_ticks;
    const RedisValue reply = call(connection, {"GET", "k"});
    QVERIFY2(reply.text().contains("timeout"), qPrintable(reply.text()));
    QVERIFY2(m_ticks > ticksBefore, "the event loop ran while the reply hung");
    // Half a reply for a whole timeout: the connection cannot be trusted and is rebuilt.
    QVERIFY(connection.state() != RedisConnection::State::Ready);
    QVERIFY(connection.errorText().contains("middle of a reply"));
    stall = false;
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 10000);
    QCOMPARE(m_server->connectionCount(), 2);
    QCOMPARE(call(connection, {"GET", "k"}), RedisValue::string("ok"));
}

void TstHostileServer::closedMidReply()
{
    m_server->setHandler([](const QList<QByteArray> &command) {
        if (command.value(0) == "LRANGE")
            return FakeRedisServer::Reaction{"*3\r\n$1\r\na\r\n$1\r\n", true, true};
        return FakeRedisServer::Reaction{{}, false, false};
    });
    RedisConnection connection(settings());
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 5000);
    const RedisValue reply = call(connection, {"LRANGE", "l", "0", "-1"});
    QVERIFY(reply.isError());
    QVERIFY2(!reply.text().contains("timeout"), qPrintable(reply.text()));
    // Reconnects with backoff, and the next request works.
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 10000);
    QCOMPARE(call(connection, {"PING"}), RedisValue::status("PONG"));
}

void TstHostileServer::nestedTooDeep()
{
    m_server->setHandler([](const QList<QByteArray> &command) {
        if (command.value(0) == "DEEP")
            return FakeRedisServer::Reaction{QByteArray("*1\r\n").repeated(12) + ":1\r\n"};
        return FakeRedisServer::Reaction{{}, false, false};
    });
    RedisConnection connection(settings());
    connection.setAutoReconnect(false);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 5000);
    const RedisValue reply = call(connection, {"DEEP"});
    QVERIFY(reply.isError());
    QCOMPARE(connection.state(), RedisConnection::State::Lost);
}

void TstHostileServer::silentServerTimesOutTheHandshake()
{
    m_server->setHandler([](const QList<QByteArray> &) { return FakeRedisServer::Reaction{}; });
    RedisConnection connection(settings());
    connection.connectToServer();
    const RedisValue reply = call(connection, {"PING"}); // its own timeout comes first
    QVERIFY(reply.isError());
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Disconnected, 5000);
    QVERIFY2(connection.errorText().contains("Timed out"), qPrintable(connection.errorText()));
}

// Silence without a partial reply (a slow command) is only a timeout: the connection stays,
// and the late reply is dropped instead of answering the next request.
void TstHostileServer::slowButCompleteReplyKeepsTheConnection()
{
    m_server->setHandler([](const QList<QByteArray> &command) {
        if (command.value(0) == "SLOW") return FakeRedisServer::Reaction{};
        if (command.value(0) == "ECHO")
            return FakeRedisServer::Reaction{"$4\r\nlate\r\n$4\r\nnext\r\n"};
        return FakeRedisServer::Reaction{{}, false, false};
    });
    RedisConnection connection(settings());
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 5000);
    QVERIFY(call(connection, {"SLOW"}, 300).text().contains("timeout"));
    QCOMPARE(connection.state(), RedisConnection::State::Ready);
    // The server now answers SLOW ("late") and ECHO ("next") in one go: each reply reaches its
    // own request, the timed-out one is dropped.
    QCOMPARE(call(connection, {"ECHO", "next"}), RedisValue::string("next"));
}

void TstHostileServer::consoleStaysResponsive()
{
    m_server->setHandler([](const QList<QByteArray> &command) {
        if (command.value(0) == "GET")
            return FakeRedisServer::Reaction{"*2\r\n$3\r\nabc\r\n$50\r\nxy", false, true};
        if (command.value(0) == "COMMAND") return FakeRedisServer::Reaction{"*0\r\n"};
        return FakeRedisServer::Reaction{{}, false, false};
    });
    RedisConnection connection(settings());
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 5000);
    ConsolePanel console(&connection);
    console.show();
    auto *input = console.findChild<QLineEdit *>(QStringLiteral("consoleInput"));
    auto *output = console.findChild<QPlainTextEdit *>(QStringLiteral("consoleOutput"));
    QVERIFY(input && output);
    input->setText(QStringLiteral("GET k"));
    QTest::keyClick(input, Qt::Key_Return);
    QVERIFY(input->text().isEmpty()); // the input is free again at once
    input->setText(QStringLiteral("typed while waiting"));
    QCOMPARE(input->text(), QStringLiteral("typed while waiting"));
    QTRY_VERIFY_WITH_TIMEOUT(output->toPlainText().contains("timeout"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 10000);
    input->setText(QStringLiteral("PING"));
    QTest::keyClick(input, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(output->toPlainText().contains("PONG"), 10000);
}

QTEST_MAIN(TstHostileServer)
#include "tst_hostile_server.moc"
