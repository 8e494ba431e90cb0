// KeyScanner against real servers (Debian's redis-server and redscope-server) holding 50k keys:
// every key arrives (and lands in the index exactly once), progress ends at DBSIZE, MATCH and
// TYPE filter server-side, and cancel() stops the scan with no batch afterwards. The scan runs on
// the scanner's own connection and thread (its key sink sees every batch before batchReady),
// and falls back to the given connection when its own cannot connect.
#include "connection/redis_connection.h"
#include "keys/key_index.h"
#include "keys/key_scanner.h"
#include "redis_test_client.h"
#include "test_server.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace redscope;
using redscope::test::RedisTestClient;
using redscope::test::TestServer;

static constexpr int kKeys = 50000;
static constexpr int kHashes = 100;

class TstKeyScanner : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyKeyOnce_data();
    void everyKeyOnce();
    void matchFilter_data() { everyKeyOnce_data(); }
    void matchFilter();
    void typeFilter_data() { everyKeyOnce_data(); }
    void typeFilter();
    void cancelStops_data() { everyKeyOnce_data(); }
    void cancelStops();
    void sinkGetsEveryBatchOffTheGuiThread();
    void fallsBackWhenItsOwnConnectionIsRefused();

private:
    std::unique_ptr<RedisConnection> openConnection(int port);
    static bool fill(int port);

    std::unique_ptr<TestServer> m_redis;
    std::unique_ptr<TestServer> m_redscope;
};

bool TstKeyScanner::fill(int port)
{
    RedisTestClient client("127.0.0.1", port);
    if (!client.connected()) return false;
    int pending = 0;
    for (int i = 0; i < kKeys; i += 1000) {
        std::vector<std::string> mset{"MSET"};
        for (int j = i; j < i + 1000; ++j) {
            mset.push_back("user:" + std::to_string(j % 97) + ":" + std::to_string(j));
            mset.push_back("v");
        }
        client.append(mset);
        ++pending;
    }
    for (int i = 0; i < kHashes; ++i) {
        client.append({"HSET", "hash:" + std::to_string(i), "f", "v"});
        ++pending;
    }
    for (int i = 0; i < pending; ++i) {
        if (client.readReply().rfind("<io", 0) == 0) return false;
    }
    return client.run({"DBSIZE"}) == ":" + std::to_string(kKeys + kHashes);
}

void TstKeyScanner::initTestCase()
{
    m_redis = TestServer::startRedis();
    QVERIFY2(m_redis && m_redis->ok(), m_redis ? m_redis->error().c_str() : "no server");
    m_redscope = TestServer::startRedscope();
    QVERIFY2(m_redscope && m_redscope->ok(),
             m_redscope ? m_redscope->error().c_str() : "no server");
    QVERIFY(fill(m_redis->port()));
    QVERIFY(fill(m_redscope->port()));
}

std::unique_ptr<RedisConnection> TstKeyScanner::openConnection(int port)
{
    ConnectionSettings settings;
    settings.port = port;
    auto connection = std::make_unique<RedisConnection>(settings);
    connection->connectToServer();
    if (!QTest::qWaitFor([&] { return connection->state() == RedisConnection::State::Ready; },
                         10000))
        return nullptr;
    return connection;
}

void TstKeyScanner::everyKeyOnce_data()
{
    QTest::addColumn<bool>("redscope");
    QTest::newRow("redis-server") << false;
    QTest::newRow("redscope-server") << true;
}

void TstKeyScanner::everyKeyOnce()
{
    QFETCH(bool, redscope);
    auto connection = openConnection((redscope ? m_redscope : m_redis)->port());
    QVERIFY(connection);
    KeyScanner scanner(connection.get());
    KeyIndex index;
    QSet<QByteArray> seen;
    qint64 emitted = 0;
    connect(&scanner, &KeyScanner::batchReady, &index,
            [&index](const QList<QByteArray> &keys) { index.addKeys(keys); });
    connect(&scanner, &KeyScanner::batchReady, this, [&](const QList<QByteArray> &keys) {
        emitted += keys.size();
        for (const QByteArray &key : keys)
            seen.insert(key);
    });
    QSignalSpy progress(&scanner, &KeyScanner::progress);
    QSignalSpy finished(&scanner, &KeyScanner::finished);
    scanner.start({});
    QVERIFY(scanner.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY(!scanner.isRunning());
    QVERIFY(scanner.ranOnWorker());
    QCOMPARE(seen.size(), kKeys + kHashes);
    QVERIFY(seen.contains("user:5:5") && seen.contains("user:44:49999"));
    QVERIFY(emitted >= seen.size());
    if (emitted != seen.size()) qInfo("SCAN repeated %lld keys (rehashing)", emitted - seen.size());
    QCOMPARE(scanner.dbSize(), quint64(kKeys + kHashes));
    QVERIFY(scanner.calls() < 100); // large COUNT: few round trips
    // Every SCAN but the first went out as soon as the previous reply's cursor was read.
    QVERIFY(scanner.calls() > 10);
    QCOMPARE(scanner.callsSentAhead(), scanner.calls() - 1);
    QVERIFY(progress.size() > 1);
    QCOMPARE(progress.last().at(0).toULongLong(), progress.last().at(1).toULongLong());

    QTRY_VERIFY_WITH_TIMEOUT(index.isIdle(), 10000);
    QReadLocker locker(index.lock());
    QCOMPARE(index.tree().keyCount(), size_t(kKeys + kHashes)); // each key exactly once
    const auto path = index.tree().namespacePath("user:5:5");
    QCOMPARE(path.size(), 3u);
    QCOMPARE(index.tree().node(path[2]).keyCount, quint32(kKeys / 97 + 1));
}

void TstKeyScanner::matchFilter()
{
    QFETCH(bool, redscope);
    auto connection = openConnection((redscope ? m_redscope : m_redis)->port());
    QVERIFY(connection);
    KeyScanner scanner(connection.get());
    QSet<QByteArray> seen;
    connect(&scanner, &KeyScanner::batchReady, this, [&](const QList<QByteArray> &keys) {
        for (const QByteArray &key : keys)
            seen.insert(key);
    });
    QSignalSpy finished(&scanner, &KeyScanner::finished);
    KeyScanner::Options options;
    options.pattern = "user:7:*";
    scanner.start(options);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QVERIFY(finished.first().at(0).toBool());
    int expected = 0;
    for (int j = 0; j < kKeys; ++j)
        expected += j % 97 == 7;
    QCOMPARE(seen.size(), expected);
    for (const QByteArray &key : std::as_const(seen))
        QVERIFY(key.startsWith("user:7:"));
}

void TstKeyScanner::typeFilter()
{
    QFETCH(bool, redscope);
    auto connection = openConnection((redscope ? m_redscope : m_redis)->port());
    QVERIFY(connection);
    KeyScanner scanner(connection.get());
    QSet<QByteArray> seen;
    connect(&scanner, &KeyScanner::batchReady, this, [&](const QList<QByteArray> &keys) {
        for (const QByteArray &key : keys)
            seen.insert(key);
    });
    QSignalSpy finished(&scanner, &KeyScanner::finished);
    KeyScanner::Options options;
    options.type = KeyType::Hash;
    scanner.start(options);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QCOMPARE(seen.size(), kHashes);
    for (const QByteArray &key : std::as_const(seen))
        QVERIFY(key.startsWith("hash:"));
}

void TstKeyScanner::cancelStops()
{
    QFETCH(bool, redscope);
    auto connection = openConnection((redscope ? m_redscope : m_redis)->port());
    QVERIFY(connection);
    KeyScanner scanner(connection.get());
    KeyScanner::Options options;
    options.count = 100;
    int batches = 0;
    connect(&scanner, &KeyScanner::batchReady, this, [&](const QList<QByteArray> &) {
        if (++batches == 3) scanner.cancel();
    });
    QSignalSpy finished(&scanner, &KeyScanner::finished);
    scanner.start(options);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QVERIFY(!finished.first().at(0).toBool());
    QCOMPARE(finished.first().at(1).toString(), QStringLiteral("Cancelled"));
    QTest::qWait(300);
    QCOMPARE(batches, 3);
    QVERIFY(scanner.keysSeen() < quint64(kKeys));
    QCOMPARE(finished.size(), 1);

    // A cancelled scanner starts again from the beginning.
    QSignalSpy again(&scanner, &KeyScanner::finished);
    disconnect(&scanner, &KeyScanner::batchReady, this, nullptr);
    scanner.start({});
    QTRY_COMPARE_WITH_TIMEOUT(again.size(), 1, 30000);
    QVERIFY(again.first().at(0).toBool());
    QVERIFY(scanner.keysSeen() >= quint64(kKeys + kHashes));
}

void TstKeyScanner::sinkGetsEveryBatchOffTheGuiThread()
{
    auto connection = openConnection(m_redis->port());
    QVERIFY(connection);
    KeyScanner scanner(connection.get());
    KeyIndex index;
    std::atomic<int> sunk{0};
    std::atomic<bool> onGuiThread{false};
    QThread *gui = QThread::currentThread();
    // Every batch of an unfiltered scan carries DBSIZE (read before the first SCAN), for the
    // index to size its table once; a filtered scan's carry 0 (DBSIZE says nothing of them).
    std::atomic<int> wrongTotals{0};
    std::atomic<quint64> wantedTotal{quint64(kKeys + kHashes)};
    scanner.setKeySink([&](const QList<QByteArray> &keys, quint64 expected) {
        sunk += int(keys.size());
        if (QThread::currentThread() == gui) onGuiThread = true;
        if (expected != wantedTotal.load()) ++wrongTotals;
        index.addKeys(keys, expected);
    });
    qint64 emitted = 0;
    connect(&scanner, &KeyScanner::batchReady, this,
            [&](const QList<QByteArray> &keys) { emitted += keys.size(); });
    QSignalSpy finished(&scanner, &KeyScanner::finished);
    scanner.start({});
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QVERIFY(finished.first().at(0).toBool());
    QCOMPARE(qint64(sunk.load()), emitted);
    QVERIFY(!onGuiThread.load());
    QTRY_VERIFY_WITH_TIMEOUT(index.isIdle(), 10000);
    QReadLocker locker(index.lock());
    QCOMPARE(index.tree().keyCount(), size_t(kKeys + kHashes));
    QVERIFY(index.tree().store()->tableSlots() <= size_t(double(kKeys + kHashes) / 0.8) + 1);
    locker.unlock();
    QCOMPARE(wrongTotals.load(), 0);

    wantedTotal = 0;
    KeyScanner::Options filtered;
    filtered.pattern = "*1*";
    QSignalSpy again(&scanner, &KeyScanner::finished);
    scanner.start(filtered);
    QTRY_COMPARE_WITH_TIMEOUT(again.size(), 1, 30000);
    QVERIFY(again.first().at(0).toBool());
    QCOMPARE(wrongTotals.load(), 0);
    scanner.setKeySink({});
}

// With maxclients reached, the scanner's own connection is refused: it scans over the given one.
void TstKeyScanner::fallsBackWhenItsOwnConnectionIsRefused()
{
    auto connection = openConnection(m_redis->port());
    QVERIFY(connection);
    RedisTestClient admin("127.0.0.1", m_redis->port());
    QVERIFY(admin.connected());
    QCOMPARE(admin.run({"CONFIG", "SET", "maxclients", "2"}), std::string("+OK"));
    KeyScanner scanner(connection.get());
    QSignalSpy finished(&scanner, &KeyScanner::finished);
    scanner.start({});
    const bool done = QTest::qWaitFor([&] { return !finished.isEmpty(); }, 30000);
    admin.run({"CONFIG", "SET", "maxclients", "10000"});
    QVERIFY(done);
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY(!scanner.ranOnWorker());
    QVERIFY(scanner.keysSeen() >= quint64(kKeys + kHashes));
}

QTEST_MAIN(TstKeyScanner)
#include "tst_key_scanner.moc"
