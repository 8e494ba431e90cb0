// InfoSnapshot, InfoRates, MetricHistory, InfoPoller and LatencySampler against real servers:
// the parser runs on INFO text fetched from Debian's redis-server and from redscope-server; the
// poller must deliver snapshots, derive rates from real traffic and never have two INFO requests
// in flight, even while the server is blocked in DEBUG SLEEP.
#include "connection/redis_connection.h"
#include "monitoring/info_poller.h"
#include "monitoring/info_snapshot.h"
#include "monitoring/latency_sampler.h"
#include "monitoring/metric_history.h"
#include "test_server.h"

#include <QSignalSpy>
#include <QTest>

using namespace redscope;
using redscope::test::TestServer;

class TstInfoPoller : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void parsesRealRedisInfo();
    void parsesRealEngineInfo();
    void parsesKeyspaceAndColonValues();
    void ratesBetweenSnapshots();
    void ratesIgnoreCountersGoingBackwards();
    void historyCsv();
    void pollerDeliversSnapshotsWithRates();
    void neverTwoInfoInFlight();
    void stopCancelsAndStopsPolling();
    void latencySamplerPercentiles();

private:
    static QByteArray rawInfo(int port);
    std::unique_ptr<RedisConnection> connectTo(int port);

    std::unique_ptr<TestServer> m_redis;
};

void TstInfoPoller::initTestCase()
{
    m_redis = TestServer::startRedis({"--enable-debug-command", "yes"});
    QVERIFY2(m_redis && m_redis->ok(), m_redis ? m_redis->error().c_str() : "no server");
}

// The whole INFO text as the server sent it (the raw test client only reads one chunk).
QByteArray TstInfoPoller::rawInfo(int port)
{
    ConnectionSettings settings;
    settings.port = port;
    RedisConnection connection(settings);
    connection.connectToServer();
    QByteArray text;
    bool done = false;
    connection.send({"INFO", "everything"}, [&](const RedisValue &reply) {
        text = reply.bytes();
        done = true;
    });
    // On a timeout the caller gets an empty text, which its own checks reject.
    if (!QTest::qWaitFor([&] { return done; }, 5000)) return {};
    return text;
}

std::unique_ptr<RedisConnection> TstInfoPoller::connectTo(int port)
{
    ConnectionSettings settings;
    settings.name = QStringLiteral("test");
    settings.port = port;
    auto connection = std::make_unique<RedisConnection>(settings);
    connection->connectToServer();
    if (!QTest::qWaitFor([&] { return connection->state() == RedisConnection::State::Ready; },
                         10000))
        return nullptr;
    return connection;
}

void TstInfoPoller::parsesRealRedisInfo()
{
    test::sendRawCommand(m_redis->port(), {"FLUSHALL"});
    test::sendRawCommand(m_redis->port(), {"SET", "a", "1"});
    test::sendRawCommand(m_redis->port(), {"SET", "b", "2", "EX", "100"});
    const QByteArray text = rawInfo(m_redis->port());
    QVERIFY(text.contains("redis_version:"));
    const InfoSnapshot s = InfoSnapshot::parse(text, 1000);

    QStringList names;
    for (const InfoSnapshot::Section &section : s.sections())
        names.append(section.name);
    for (const char *expected : {"Server", "Clients", "Memory", "Persistence", "Stats",
                                 "Replication", "CPU", "Keyspace"})
        QVERIFY2(names.contains(QLatin1String(expected)), expected);
    QVERIFY(s.redisVersion().startsWith(QLatin1String("7.")));
    QCOMPARE(s.role(), QStringLiteral("master"));
    QVERIFY(s.uptimeSeconds() >= 0);
    QVERIFY(s.usedMemory() > 100000);
    QVERIFY(s.usedMemoryRss() > 0);
    QCOMPARE(s.maxMemory(), 0);
    QVERIFY(s.connectedClients() >= 1);
    QCOMPARE(s.blockedClients(), 0);
    QVERIFY(s.totalNetInputBytes() > 0);
    QVERIFY(s.totalNetOutputBytes() > 0);
    QVERIFY(s.rdbLastSaveTime() > 1600000000);
    QVERIFY(!s.rdbBgsaveInProgress());
    QCOMPARE(s.rdbLastBgsaveStatus(), QStringLiteral("ok"));
    QVERIFY(s.rdbChangesSinceLastSave() >= 2);
    QVERIFY(!s.aofEnabled());
    QCOMPARE(s.aofLastWriteStatus(), QStringLiteral("ok"));
    QCOMPARE(s.keysPerDb().value(0).keys, 2);
    QCOMPARE(s.keysPerDb().value(0).expires, 1);
    QCOMPARE(s.totalKeys(), 2);
    QCOMPARE(s.value(QStringLiteral("server"), QStringLiteral("redis_version")),
             s.redisVersion());
    QCOMPARE(s.takenAtMs(), 1000);
}

void TstInfoPoller::parsesRealEngineInfo()
{
    auto engine = TestServer::startRedscope();
    QVERIFY2(engine && engine->ok(), engine ? engine->error().c_str() : "no server");
    test::sendRawCommand(engine->port(), {"SET", "k", "v"});
    const InfoSnapshot s = InfoSnapshot::parse(rawInfo(engine->port()));
    QVERIFY(!s.isEmpty());
    QVERIFY(!s.redisVersion().isEmpty());
    QVERIFY(s.connectedClients() >= 1);
    QCOMPARE(s.keysPerDb().value(0).keys, 1);
}

void TstInfoPoller::parsesKeyspaceAndColonValues()
{
    const QByteArray text = "# Server\r\nexecutable:C:\\redis\\redis-server.exe\r\n"
                            "config_file:\r\n\r\n# Keyspace\r\n"
                            "db0:keys=10,expires=2,avg_ttl=0\r\n"
                            "db12:keys=7,expires=0,avg_ttl=0\r\n";
    const InfoSnapshot s = InfoSnapshot::parse(text);
    QCOMPARE(s.sections().size(), 2);
    QCOMPARE(s.value(QStringLiteral("executable")), QStringLiteral("C:\\redis\\redis-server.exe"));
    QVERIFY(s.contains(QStringLiteral("config_file")));
    QCOMPARE(s.keysPerDb().size(), 2);
    QCOMPARE(s.keysPerDb().value(12).keys, 7);
    QCOMPARE(s.keysPerDb().value(0).expires, 2);
    QCOMPARE(s.totalKeys(), 17);
    QVERIFY(!s.hitRatio().has_value());
    QCOMPARE(InfoSnapshot::formatDuration(90061), QStringLiteral("1d 01:01:01"));
    QCOMPARE(InfoSnapshot::formatBytes(1536), QStringLiteral("1.50 KB"));
}

void TstInfoPoller::ratesBetweenSnapshots()
{
    const InfoSnapshot a = InfoSnapshot::parse(
        "# Stats\r\ntotal_net_input_bytes:1000\r\ntotal_net_output_bytes:5000\r\n"
        "keyspace_hits:10\r\nkeyspace_misses:10\r\nexpired_keys:4\r\nevicted_keys:0\r\n",
        10000);
    const InfoSnapshot b = InfoSnapshot::parse(
        "# Stats\r\ntotal_net_input_bytes:3000\r\ntotal_net_output_bytes:6000\r\n"
        "keyspace_hits:40\r\nkeyspace_misses:20\r\nexpired_keys:10\r\nevicted_keys:2\r\n",
        12000);
    const InfoRates first = InfoRates::between({}, a);
    QCOMPARE(first.netInputPerSec, 0.0);
    QCOMPARE(*first.hitRatio, 0.5); // cumulative for the first snapshot
    const InfoRates rates = InfoRates::between(a, b);
    QCOMPARE(rates.netInputPerSec, 1000.0);
    QCOMPARE(rates.netOutputPerSec, 500.0);
    QCOMPARE(rates.expiredPerSec, 3.0);
    QCOMPARE(rates.evictedPerSec, 1.0);
    QCOMPARE(*rates.hitRatio, 0.75); // 30 hits of 40 lookups in the interval
}

void TstInfoPoller::ratesIgnoreCountersGoingBackwards()
{
    const InfoSnapshot before =
        InfoSnapshot::parse("total_net_input_bytes:9000\r\nexpired_keys:50\r\n", 1000);
    const InfoSnapshot after = // CONFIG RESETSTAT or a restart
        InfoSnapshot::parse("total_net_input_bytes:100\r\nexpired_keys:0\r\n", 2000);
    const InfoRates rates = InfoRates::between(before, after);
    QCOMPARE(rates.netInputPerSec, 0.0);
    QCOMPARE(rates.expiredPerSec, 0.0);
}

void TstInfoPoller::historyCsv()
{
    MetricHistory history;
    history.setMaxAgeMs(10000);
    history.append(1000, {{QStringLiteral("ops"), 5}});
    history.append(2000, {{QStringLiteral("ops"), 7.5}, {QStringLiteral("mem"), 1e9}});
    QCOMPARE(history.toCsv(),
             QByteArray("time,ops,mem\n1970-01-01T00:00:01.000Z,5,\n"
                        "1970-01-01T00:00:02.000Z,7.5,1000000000\n"));
    QCOMPARE(history.toCsv(1500), QByteArray("time,ops,mem\n1970-01-01T00:00:02.000Z,7.5,"
                                             "1000000000\n"));
    history.append(13000, {{QStringLiteral("ops"), 1}});
    QCOMPARE(history.size(), 1); // older than 10 s: dropped
}

void TstInfoPoller::pollerDeliversSnapshotsWithRates()
{
    auto connection = connectTo(m_redis->port());
    QVERIFY(connection);
    InfoPoller poller(connection.get());
    poller.setInterval(100);
    QSignalSpy spy(&poller, &InfoPoller::snapshotReady);
    poller.start();
    double maxInputRate = 0;
    const QByteArray payload(20000, 'x');
    for (int i = 0; i < 20 && spy.count() < 6; ++i) {
        test::sendRawCommand(m_redis->port(), {"SET", "blob", payload.toStdString()});
        QTest::qWait(60);
    }
    QTRY_VERIFY_WITH_TIMEOUT(spy.count() >= 6, 5000);
    for (const QList<QVariant> &args : std::as_const(spy)) {
        const auto rates = args.at(1).value<InfoRates>();
        maxInputRate = qMax(maxInputRate, rates.netInputPerSec);
    }
    QVERIFY2(maxInputRate > 20000, qPrintable(QString::number(maxInputRate)));
    const auto snapshot = spy.last().at(0).value<InfoSnapshot>();
    QVERIFY(snapshot.usedMemory() > 0);
    QVERIFY(snapshot.takenAtMs() > spy.first().at(0).value<InfoSnapshot>().takenAtMs());
    QCOMPARE(poller.last().takenAtMs(), snapshot.takenAtMs());
}

void TstInfoPoller::neverTwoInfoInFlight()
{
    auto pollerConnection = connectTo(m_redis->port());
    auto blocker = connectTo(m_redis->port());
    QVERIFY(pollerConnection && blocker);
    InfoPoller poller(pollerConnection.get());
    poller.setInterval(20);
    QSignalSpy spy(&poller, &InfoPoller::snapshotReady);
    poller.start();
    QTRY_VERIFY(spy.count() >= 2);

    bool slept = false;
    blocker->send({"DEBUG", "SLEEP", "0.8"}, [&](const RedisValue &reply) {
        slept = !reply.isError();
    });
    const int sentBefore = poller.requestsSent();
    int maxPending = 0;
    QTimer sampler;
    connect(&sampler, &QTimer::timeout, this,
            [&] { maxPending = qMax(maxPending, pollerConnection->pendingCount()); });
    sampler.start(5);
    QTRY_VERIFY_WITH_TIMEOUT(slept, 5000);
    sampler.stop();
    QCOMPARE(maxPending, 1);
    // ~40 ticks passed during the sleep. Sent: INFOs answered before DEBUG SLEEP reached the
    // server, the one blocked behind it, and one sent as the sleep ended: a handful, not 40.
    QVERIFY2(poller.requestsSent() - sentBefore <= 4,
             qPrintable(QString::number(poller.requestsSent() - sentBefore)));
    QVERIFY(poller.ticksSkipped() > 10);
    const int count = spy.count();
    QTRY_VERIFY(spy.count() > count + 2); // and polling resumes
}

void TstInfoPoller::stopCancelsAndStopsPolling()
{
    auto connection = connectTo(m_redis->port());
    QVERIFY(connection);
    InfoPoller poller(connection.get());
    poller.setInterval(30);
    QSignalSpy spy(&poller, &InfoPoller::snapshotReady);
    poller.start();
    QVERIFY(poller.isInFlight());
    poller.stop();
    QVERIFY(!poller.isInFlight());
    QCOMPARE(connection->pendingCount(), 0);
    QTest::qWait(200);
    QCOMPARE(spy.count(), 0);
}

void TstInfoPoller::latencySamplerPercentiles()
{
    auto connection = connectTo(m_redis->port());
    QVERIFY(connection);
    LatencySampler sampler(connection.get());
    sampler.setInterval(20);
    sampler.setWindowSize(8);
    QSignalSpy spy(&sampler, &LatencySampler::sampled);
    sampler.start();
    QTRY_VERIFY_WITH_TIMEOUT(spy.count() >= 12, 5000);
    QCOMPARE(sampler.sampleCount(), 8);
    const double p50 = sampler.percentile(50);
    const double p99 = sampler.percentile(99);
    QVERIFY(p50 > 0);
    QVERIFY(p99 >= p50);
    QVERIFY(p50 < 1000);
    sampler.stop();
    QVERIFY(!sampler.isRunning());
}

QTEST_GUILESS_MAIN(TstInfoPoller)
#include "tst_info_poller.moc"
