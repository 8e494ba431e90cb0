// Sentinel mode of RedisConnection against a real master, replica and three sentinels
// (SentinelFixture): the master is found by name (a dead sentinel listed first is skipped),
// an unknown name and unreachable sentinels give readable errors, and after the master is
// killed the same connection follows the sentinels' +switch-master to the promoted replica,
// answering every request in the meantime.
#include "cluster/sentinel_watcher.h"
#include "cluster_fixture.h"
#include "connection/redis_connection.h"
#include "connection_call.h"
#include "test_server.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

using namespace redscope;
using redscope::test::call;
using redscope::test::SentinelFixture;
using redscope::test::TestServer;

static const char *const kMaster = "redscope-master";

class TstSentinel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup(); // a failed test prints the servers' logs and keeps them
    void resolvesMasterByName();
    void unknownNameIsReadable();
    void noSentinelReachable();
    void followsFailover(); // last: the fixture's master is dead afterwards

private:
    ConnectionSettings settings() const;

    std::unique_ptr<SentinelFixture> m_fixture;
    int m_deadPort = 0;
};

void TstSentinel::initTestCase()
{
    m_fixture = SentinelFixture::start(kMaster);
    // Never a skip: redis-server (with --sentinel) is a listed dependency, so a set-up that
    // fails is a failure, reported with every node's log.
    if (!m_fixture->ok()) {
        m_fixture->reportFailure("initTestCase");
        QFAIL(qPrintable(QStringLiteral("Sentinel set-up failed: %1")
                             .arg(QString::fromStdString(m_fixture->error()))));
    }
    m_deadPort = TestServer::freePort();
}

void TstSentinel::cleanup()
{
    if (QTest::currentTestFailed() && m_fixture)
        m_fixture->reportFailure(QTest::currentTestFunction());
}

ConnectionSettings TstSentinel::settings() const
{
    ConnectionSettings settings;
    settings.mode = ConnectionSettings::Mode::Sentinel;
    settings.sentinelMaster = QString::fromLatin1(kMaster);
    settings.sentinels.append(QStringLiteral("127.0.0.1:%1").arg(m_deadPort));
    for (int port : m_fixture->sentinelPorts())
        settings.sentinels.append(QStringLiteral("127.0.0.1:%1").arg(port));
    settings.commandTimeoutMs = 5000;
    return settings;
}

void TstSentinel::resolvesMasterByName()
{
    RedisConnection connection(settings());
    QVERIFY(connection.sentinel());
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 10000);
    QCOMPARE(connection.settings().port, m_fixture->master().port());
    QCOMPARE(call(connection, {"SET", "sentinel:key", "v1"}).bytes(), QByteArray("OK"));
    QCOMPARE(call(connection, {"GET", "sentinel:key"}).bytes(), QByteArray("v1"));
    QVERIFY(call(connection, {"ROLE"}).elements().front().bytes() == "master");
}

void TstSentinel::unknownNameIsReadable()
{
    ConnectionSettings wrong = settings();
    wrong.sentinelMaster = QStringLiteral("no-such-master");
    RedisConnection connection(wrong);
    connection.setAutoReconnect(false);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Disconnected, 10000);
    QVERIFY2(connection.errorText().contains(QLatin1String("no-such-master")) &&
                 connection.errorText().contains(QLatin1String("unknown master name")),
             qPrintable(connection.errorText()));
}

void TstSentinel::noSentinelReachable()
{
    ConnectionSettings none = settings();
    none.sentinels = {QStringLiteral("127.0.0.1:%1").arg(m_deadPort)};
    RedisConnection connection(none);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Disconnected, 10000);
    QVERIFY2(connection.errorText().contains(QLatin1String("No sentinel could name")),
             qPrintable(connection.errorText()));
    // A request meanwhile is answered, not queued forever.
    QVERIFY(call(connection, {"PING"}).isError());
}

void TstSentinel::followsFailover()
{
    RedisConnection connection(settings());
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 10000);
    QCOMPARE(call(connection, {"SET", "failover:key", "before"}).bytes(), QByteArray("OK"));
    QCOMPARE(call(connection, {"WAIT", "1", "2000"}).toInteger(), qint64(1));
    QSignalSpy switched(connection.sentinel(), &SentinelWatcher::masterSwitched);

    m_fixture->master().kill(SIGKILL);
    QElapsedTimer clock;
    clock.start();
    bool recovered = false;
    while (clock.elapsed() < 40000) {
        const RedisValue reply = call(connection, {"SET", "failover:key", "after"}, 8000);
        QVERIFY2(!reply.bytes().startsWith("TEST"), "a request was left without a reply");
        if (!reply.isError()) {
            recovered = true;
            break;
        }
        QTest::qWait(200);
    }
    QVERIFY2(recovered, "the connection never reached the promoted replica");
    QCOMPARE(connection.settings().port, m_fixture->replica().port());
    QVERIFY(switched.count() >= 1);
    QCOMPARE(call(connection, {"GET", "failover:key"}).bytes(), QByteArray("after"));
    qInfo("sentinel failover followed after %lld ms", clock.elapsed());
}

QTEST_GUILESS_MAIN(TstSentinel)
#include "tst_sentinel.moc"
