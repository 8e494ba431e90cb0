// RedisConnection against a real Debian redis-server (TestServer): handshake, commands, error
// replies, cancel and timeouts, readable connection errors, AUTH failures, ACL users (also on
// redscope-server) and reconnecting after the server drops the connection.
#include "connection/redis_connection.h"
#include "connection_call.h"
#include "test_server.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QThread>

#include <QTest>
#include <csignal>

using namespace redscope;
using redscope::test::call;
using redscope::test::TestServer;

class TstRedisConnection : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void stateNamesPrintInFailedComparisons();
    void pingSetGetOverTcp();
    void unixSocketAndSelectedDb();
    void errorReplyIsAnErrorValue();
    void cancelledCallbackNeverFires();
    void firstElementArrivesAheadOfItsReply();
    void requestTimeout();
    void requestsWaitWhileConnecting();
    void streamingCommandsAreRefused();
    void wrongPasswordIsAuthFailed();
    void missingPasswordIsAuthFailed();
    void aclUserConnects_data();
    void aclUserConnects();
    void refusedPortIsReadable();
    void unknownHostIsReadable();
    void reconnectsAfterServerKillsConnection();
    void reconnectsAfterServerProcessRestarts();
    void peerReadyCutsABackoffShort();
    void destroyingWithRequestsInFlightIsSafe();

private:
    ConnectionSettings tcpSettings() const;

    std::unique_ptr<TestServer> m_server;
};

void TstRedisConnection::initTestCase()
{
    m_server = TestServer::startRedis(); // TCP on a free port plus a Unix socket
    QVERIFY2(m_server && m_server->ok(), m_server ? m_server->error().c_str() : "no server");
}

// A failed QCOMPARE on a state must say "Lost" vs "Ready", not 4 vs 2 (Q_ENUM_NS).
void TstRedisConnection::stateNamesPrintInFailedComparisons()
{
    const std::unique_ptr<char[]> ready(QTest::toString(RedisConnection::State::Ready));
    QCOMPARE(QByteArray(ready.get()), QByteArray("Ready"));
    const std::unique_ptr<char[]> lost(QTest::toString(ConnectionState::Lost));
    QCOMPARE(QByteArray(lost.get()), QByteArray("Lost"));
    QCOMPARE(QMetaEnum::fromType<ConnectionState>().keyCount(), 5);
}

ConnectionSettings TstRedisConnection::tcpSettings() const
{
    ConnectionSettings settings;
    settings.name = QStringLiteral("test");
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = m_server->port();
    return settings;
}

void TstRedisConnection::pingSetGetOverTcp()
{
    RedisConnection connection(tcpSettings());
    QSignalSpy states(&connection, &RedisConnection::stateChanged);
    connection.connectToServer();
    QCOMPARE(connection.state(), RedisConnection::State::Connecting);
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 10000);
    QVERIFY(connection.errorText().isEmpty());
    QCOMPARE(states.first().first().value<RedisConnection::State>(),
             RedisConnection::State::Connecting);

    QCOMPARE(call(connection, {"PING"}), RedisValue::status("PONG"));
    QCOMPARE(call(connection, {"SET", "app:key", QByteArray("v\0al", 4)}),
             RedisValue::status("OK"));
    QCOMPARE(call(connection, {"GET", "app:key"}), RedisValue::string(QByteArray("v\0al", 4)));
    QCOMPARE(call(connection, {"GET", "app:missing"}), RedisValue::nil());
    QCOMPARE(call(connection, {"INCR", "app:counter"}).toInteger(), 1);
    const RedisValue list = call(connection, {"LRANGE", "app:nolist", "0", "-1"});
    QCOMPARE(list.type(), RedisValue::Type::Array);
    QVERIFY(list.elements().empty());
    QCOMPARE(connection.pendingCount(), 0);
}

void TstRedisConnection::unixSocketAndSelectedDb()
{
    ConnectionSettings settings;
    settings.name = QStringLiteral("unix");
    settings.unixSocket = QString::fromStdString(m_server->unixSocket());
    QVERIFY(!settings.unixSocket.isEmpty());
    settings.db = 5;
    RedisConnection connection(settings);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 10000);
    QCOMPARE(call(connection, {"SET", "dbkey", "five"}), RedisValue::status("OK"));

    RedisConnection db0(tcpSettings());
    db0.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(db0.state(), RedisConnection::State::Ready, 10000);
    QCOMPARE(call(db0, {"GET", "dbkey"}), RedisValue::nil()); // proves SELECT 5 happened
    QSignalSpy dbChanges(&db0, &RedisConnection::currentDbChanged);
    QCOMPARE(call(db0, {"SELECT", "5"}), RedisValue::status("OK"));
    QCOMPARE(db0.currentDb(), 5);
    QCOMPARE(dbChanges.size(), 1);
    QCOMPARE(call(db0, {"GET", "dbkey"}), RedisValue::string("five"));
}

void TstRedisConnection::errorReplyIsAnErrorValue()
{
    RedisConnection connection(tcpSettings());
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 10000);
    const RedisValue unknown = call(connection, {"NOSUCHCOMMAND", "x"});
    QVERIFY(unknown.isError());
    QVERIFY2(unknown.text().startsWith("ERR unknown command"), qPrintable(unknown.text()));
    QCOMPARE(call(connection, {"SET", "app:str", "x"}), RedisValue::status("OK"));
    const RedisValue wrongType = call(connection, {"LPUSH", "app:str", "y"});
    QVERIFY(wrongType.text().startsWith("WRONGTYPE"));
    // The connection stays usable after errors.
    QCOMPARE(call(connection, {"PING"}), RedisValue::status("PONG"));
}

void TstRedisConnection::cancelledCallbackNeverFires()
{
    RedisConnection connection(tcpSettings());
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 10000);
    int cancelledCalls = 0;
    // BLPOP keeps the reply away long enough to cancel while it is on the wire.
    const auto slow = connection.send({"BLPOP", "app:empty", "0.2"},
                                      [&](const RedisValue &) { ++cancelledCalls; });
    const auto queuedBehind =
        connection.send({"PING"}, [&](const RedisValue &) { ++cancelledCalls; });
    QVERIFY(connection.cancel(slow));
    QVERIFY(connection.cancel(queuedBehind));
    QVERIFY(!connection.cancel(slow)); // already gone
    QCOMPARE(call(connection, {"ECHO", "after"}), RedisValue::string("after"));
    QTest::qWait(50);
    QCOMPARE(cancelledCalls, 0);
    QCOMPARE(connection.pendingCount(), 0);
}

// watchFirstElement(): SCAN's cursor is read ahead of the names that follow it. Here a long
// LRANGE: its first element comes first, then the reply; never for a non-array reply, nor for a
// cancelled request.
void TstRedisConnection::firstElementArrivesAheadOfItsReply()
{
    RedisConnection connection(tcpSettings());
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 10000);
    QList<QByteArray> push{"RPUSH", "app:firsts"};
    for (int i = 0; i < 20000; ++i)
        push.append("element:" + QByteArray::number(i) + ":" + QByteArray(40, 'x'));
    QCOMPARE(call(connection, {"DEL", "app:firsts"}).type(), RedisValue::Type::Integer);
    QCOMPARE(call(connection, push), RedisValue::integer(20000));
    QCOMPARE(call(connection, {"SET", "app:plain", "value"}), RedisValue::status("OK"));

    QStringList events;
    const auto range =
        connection.send({"LRANGE", "app:firsts", "0", "-1"}, [&](const RedisValue &reply) {
            events << QStringLiteral("reply %1 %2")
                          .arg(reply.elements().size())
                          .arg(reply.elements().empty() ? QString() : reply.elements()[0].text());
        });
    QVERIFY(connection.watchFirstElement(range, [&](const QByteArray &first) {
        events << QStringLiteral("first %1").arg(QString::fromUtf8(first));
    }));
    const QString first = QStringLiteral("element:0:") + QString(40, QLatin1Char('x'));
    QTRY_COMPARE_WITH_TIMEOUT(events.size(), 2, 10000);
    QCOMPARE(events, QStringList({"first " + first, "reply 20000 " + first}));

    events.clear();
    const auto get = connection.send({"GET", "app:plain"}, [&](const RedisValue &reply) {
        events << QStringLiteral("reply %1").arg(reply.text());
    });
    QVERIFY(connection.watchFirstElement(get, [&](const QByteArray &) { events << "first"; }));
    QTRY_COMPARE_WITH_TIMEOUT(events.size(), 1, 10000);
    QCOMPARE(events, QStringList({"reply value"}));

    events.clear();
    const auto cancelled =
        connection.send({"LRANGE", "app:firsts", "0", "-1"},
                        [&](const RedisValue &) { events << QStringLiteral("reply"); });
    QVERIFY(
        connection.watchFirstElement(cancelled, [&](const QByteArray &) { events << "first"; }));
    QVERIFY(connection.cancel(cancelled));
    QVERIFY(!connection.watchFirstElement(cancelled, [&](const QByteArray &) {}));
    QCOMPARE(call(connection, {"ECHO", "after"}), RedisValue::string("after"));
    QTest::qWait(50);
    QCOMPARE(events, QStringList());
}

void TstRedisConnection::requestTimeout()
{
    RedisConnection connection(tcpSettings());
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 10000);
    RedisValue reply;
    int calls = 0;
    QElapsedTimer timer;
    timer.start();
    connection.send(
        {"BLPOP", "app:empty", "1"},
        [&](const RedisValue &r) {
            reply = r;
            ++calls;
        },
        150);
    QTRY_COMPARE_WITH_TIMEOUT(calls, 1, 5000);
    QVERIFY(timer.elapsed() < 900);
    QVERIFY(reply.isError());
    QVERIFY2(reply.text().contains("timeout"), qPrintable(reply.text()));
    // The late real reply is swallowed, and the connection keeps answering in order.
    QCOMPARE(call(connection, {"ECHO", "next"}), RedisValue::string("next"));
    QCOMPARE(calls, 1);
}

void TstRedisConnection::requestsWaitWhileConnecting()
{
    RedisConnection connection(tcpSettings());
    connection.connectToServer();
    QCOMPARE(connection.state(), RedisConnection::State::Connecting);
    QCOMPARE(call(connection, {"ECHO", "queued"}), RedisValue::string("queued"));
}

void TstRedisConnection::streamingCommandsAreRefused()
{
    RedisConnection connection(tcpSettings());
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 10000);
    const RedisValue reply = call(connection, {"subscribe", "news"});
    QVERIFY(reply.isError());
    QVERIFY2(reply.text().contains("SUBSCRIBE"), qPrintable(reply.text()));
    QCOMPARE(call(connection, {"PING"}), RedisValue::status("PONG"));
}

void TstRedisConnection::wrongPasswordIsAuthFailed()
{
    auto secured = TestServer::startRedis({"--requirepass", "right"});
    QVERIFY2(secured && secured->ok(), secured ? secured->error().c_str() : "no server");
    ConnectionSettings settings;
    settings.port = secured->port();
    settings.password = QStringLiteral("wrong");
    RedisConnection connection(settings);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::AuthFailed, 10000);
    QVERIFY2(connection.errorText().startsWith("Authentication failed: WRONGPASS"),
             qPrintable(connection.errorText()));
    const RedisValue reply = call(connection, {"PING"});
    QVERIFY(reply.isError());
    QVERIFY2(reply.text().contains("not connected"), qPrintable(reply.text()));

    RedisConnection good([&] {
        ConnectionSettings s = settings;
        s.password = QStringLiteral("right");
        return s;
    }());
    good.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(good.state(), RedisConnection::State::Ready, 10000);
    QCOMPARE(call(good, {"PING"}), RedisValue::status("PONG"));
}

void TstRedisConnection::missingPasswordIsAuthFailed()
{
    auto secured = TestServer::startRedis({"--requirepass", "right"});
    QVERIFY2(secured && secured->ok(), secured ? secured->error().c_str() : "no server");
    ConnectionSettings settings;
    settings.port = secured->port();
    RedisConnection connection(settings);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::AuthFailed, 10000);
    QVERIFY2(connection.errorText().contains("requires a password (NOAUTH"),
             qPrintable(connection.errorText()));
}

void TstRedisConnection::aclUserConnects_data()
{
    QTest::addColumn<bool>("redscope");
    QTest::newRow("redis-server") << false;
    QTest::newRow("redscope-server") << true;
}

// An ACL user limited to `app:*` keys and read/write commands: it logs in by name, sees its
// own identity, and a command outside its rights comes back as a readable NOPERM error while
// the connection stays usable. A wrong password for the same user is AuthFailed.
void TstRedisConnection::aclUserConnects()
{
    QFETCH(bool, redscope);
    const std::vector<std::string> args = {"--requirepass", "admin"};
    auto server = redscope ? TestServer::startRedscope(args) : TestServer::startRedis(args);
    QVERIFY2(server && server->ok(), server ? server->error().c_str() : "no server");

    ConnectionSettings admin;
    admin.port = server->port();
    admin.password = QStringLiteral("admin");
    RedisConnection adminConnection(admin);
    adminConnection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(adminConnection.state(), RedisConnection::State::Ready, 10000);
    QCOMPARE(call(adminConnection, {"ACL", "SETUSER", "alice", "on", ">secret", "~app:*", "+@read",
                                    "+@write", "+@connection", "+acl|whoami"}),
             RedisValue::status("OK"));

    ConnectionSettings alice = admin;
    alice.username = QStringLiteral("alice");
    alice.password = QStringLiteral("secret");
    RedisConnection connection(alice);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 10000);
    QCOMPARE(call(connection, {"ACL", "WHOAMI"}).text(), QStringLiteral("alice"));
    QCOMPARE(call(connection, {"SET", "app:greeting", "hi"}), RedisValue::status("OK"));
    QCOMPARE(call(connection, {"GET", "app:greeting"}).text(), QStringLiteral("hi"));
    const RedisValue denied = call(connection, {"GET", "other:key"});
    QVERIFY(denied.isError());
    QVERIFY2(denied.text().startsWith("NOPERM"), qPrintable(denied.text()));
    const RedisValue admins = call(connection, {"CONFIG", "GET", "maxmemory"});
    QVERIFY2(admins.isError() && admins.text().startsWith("NOPERM"), qPrintable(admins.text()));
    QCOMPARE(call(connection, {"PING"}), RedisValue::status("PONG"));

    ConnectionSettings wrong = alice;
    wrong.password = QStringLiteral("nope");
    RedisConnection refused(wrong);
    refused.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(refused.state(), RedisConnection::State::AuthFailed, 10000);
    QVERIFY2(refused.errorText().contains("WRONGPASS"), qPrintable(refused.errorText()));
}

void TstRedisConnection::refusedPortIsReadable()
{
    ConnectionSettings settings;
    settings.port = TestServer::freePort();
    RedisConnection connection(settings);
    QSignalSpy states(&connection, &RedisConnection::stateChanged);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Disconnected, 10000);
    QVERIFY2(connection.errorText().contains("Connection refused"),
             qPrintable(connection.errorText()));
    QVERIFY(connection.errorText().contains(QString::number(settings.port)));
    QCOMPARE(states.last().at(1).toString(), connection.errorText());
}

void TstRedisConnection::unknownHostIsReadable()
{
    ConnectionSettings settings;
    settings.host = QStringLiteral("no-such-host.invalid");
    RedisConnection connection(settings);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Disconnected, 15000);
    QVERIFY2(connection.errorText().startsWith("Unknown host 'no-such-host.invalid'"),
             qPrintable(connection.errorText()));
}

void TstRedisConnection::reconnectsAfterServerKillsConnection()
{
    RedisConnection victim(tcpSettings());
    victim.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(victim.state(), RedisConnection::State::Ready, 10000);
    QCOMPARE(call(victim, {"CLIENT", "SETNAME", "victim"}), RedisValue::status("OK"));

    RedisConnection admin(tcpSettings());
    admin.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(admin.state(), RedisConnection::State::Ready, 10000);
    QSignalSpy states(&victim, &RedisConnection::stateChanged);
    const RedisValue killed = call(admin, {"CLIENT", "KILL", "SKIPME", "yes", "TYPE", "normal"});
    QVERIFY2(killed.toInteger() >= 1, qPrintable(killed.text()));

    QTRY_VERIFY_WITH_TIMEOUT(!states.isEmpty(), 5000);
    QCOMPARE(states.first().first().value<RedisConnection::State>(), RedisConnection::State::Lost);
    QVERIFY2(states.first().at(1).toString().contains("lost"),
             qPrintable(states.first().at(1).toString()));
    QTRY_COMPARE_WITH_TIMEOUT(victim.state(), RedisConnection::State::Ready, 10000);
    QCOMPARE(call(victim, {"PING"}), RedisValue::status("PONG"));
}

// The server process dies (SIGKILL) mid-session: the connection says Lost, requests made
// meanwhile end at their timeout instead of hanging, and once a server listens on the same port
// again the connection is Ready by itself.
void TstRedisConnection::reconnectsAfterServerProcessRestarts()
{
    auto server = TestServer::startRedscope();
    QVERIFY2(server && server->ok(), server ? server->error().c_str() : "no server");
    const int port = server->port();
    ConnectionSettings settings;
    settings.port = port;
    RedisConnection connection(settings);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 10000);
    QCOMPARE(call(connection, {"SET", "k", "v"}), RedisValue::status("OK"));

    server->kill(SIGKILL);
    server->stop();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Lost, 10000);
    // While reconnecting, requests wait for the link, bounded by their own timeout.
    RedisValue whileDown;
    bool answered = false;
    connection.send(
        {"PING"},
        [&](const RedisValue &reply) {
            whileDown = reply;
            answered = true;
        },
        1000);
    QTRY_VERIFY_WITH_TIMEOUT(answered, 5000);
    QVERIFY2(whileDown.isError(), qPrintable(whileDown.text()));

    auto again = TestServer::start(TestServer::redscopeServerPath(), {}, {}, port);
    QVERIFY2(again && again->ok(), again ? again->error().c_str() : "no server");
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 20000);
    QCOMPARE(call(connection, {"PING"}), RedisValue::status("PONG"));
}

// While a server is down each connection to it backs off on its own, up to 30 s. Once one of
// them is Ready again (the main connection, told to connect), the others to the same server
// (a panel's, on its own thread) try at once instead of waiting out their delay.
void TstRedisConnection::peerReadyCutsABackoffShort()
{
    auto server = TestServer::startRedscope();
    QVERIFY2(server && server->ok(), server ? server->error().c_str() : "no server");
    const int port = server->port();
    ConnectionSettings settings;
    settings.port = port;
    RedisConnection main(settings);
    main.connectToServer();
    QThread panelThread;
    panelThread.start();
    auto *panel = new RedisConnection(settings.named(QStringLiteral("redscope:panel")));
    panel->moveToThread(&panelThread);
    QMetaObject::invokeMethod(panel, [panel] { panel->connectToServer(); });
    QTRY_COMPARE_WITH_TIMEOUT(main.state(), RedisConnection::State::Ready, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(panel->state(), RedisConnection::State::Ready, 10000);

    server->kill(SIGKILL);
    server->stop();
    main.disconnectFromServer(); // as the app does when its Local engine stops
    // Down for long enough that the panel's next try is seconds away (0.5+1+2+4 s).
    QTest::qWait(6000);
    QCOMPARE(panel->state(), RedisConnection::State::Lost);

    auto again = TestServer::start(TestServer::redscopeServerPath(), {}, {}, port);
    QVERIFY2(again && again->ok(), again ? again->error().c_str() : "no server");
    QElapsedTimer clock;
    clock.start();
    main.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(main.state(), RedisConnection::State::Ready, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(panel->state(), RedisConnection::State::Ready, 10000);
    QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));

    QMetaObject::invokeMethod(
        panel, [panel] { delete panel; }, Qt::BlockingQueuedConnection);
    panelThread.quit();
    panelThread.wait();
}

void TstRedisConnection::destroyingWithRequestsInFlightIsSafe()
{
    int calls = 0;
    {
        RedisConnection connection(tcpSettings());
        connection.connectToServer();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 10000);
        for (int i = 0; i < 100; ++i)
            connection.send({"ECHO", QByteArray::number(i)}, [&](const RedisValue &) { ++calls; });
    }
    QTest::qWait(100);
    QCOMPARE(calls, 0); // callbacks only ever run from the event loop, never after destruction
}

QTEST_GUILESS_MAIN(TstRedisConnection)
#include "tst_redis_connection.moc"
