// KeyMetaFetcher against the server of test_backend.h: a burst of wishes is answered in
// throttled batches (never more than kMaxInFlight keys unanswered, the oldest wishes forgotten
// past kMaxQueue, the newest served first), answers carry TYPE, PTTL and MEMORY USAGE, a TTL
// counts down on the injectable clock and makes the fetcher tick, and clear() drops answers
// still on their way.
#include "connection/redis_connection.h"
#include "keys/key_meta_fetcher.h"
#include "keys/key_ttl.h"
#include "redis_test_client.h"
#include "test_backend.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace redscope;
using redscope::test::TestBackend;

class TstKeyMetaFetcher : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { setTtlClockForTests({}); }
    void burstIsThrottledAndAnswered();
    void ttlCountsDownAndTicks();
    void clearDropsLateAnswers();

private:
    std::unique_ptr<TestBackend> m_server;
    std::unique_ptr<RedisConnection> m_connection;
};

void TstKeyMetaFetcher::initTestCase()
{
    m_server = TestBackend::start();
    QVERIFY2(m_server && m_server->ok(), m_server ? m_server->error().c_str() : "no server");
    auto client = m_server->client();
    for (int i = 0; i < 1000; ++i)
        client->append({"SET", "k:" + std::to_string(i), "v"});
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(client->readReply(), std::string("+OK"));
    QCOMPARE(client->run({"SET", "ttl:key", "v", "EX", "100"}), std::string("+OK"));
    m_connection = std::make_unique<RedisConnection>(m_server->settings());
    m_connection->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(m_connection->state(), RedisConnection::State::Ready, 10000);
}

void TstKeyMetaFetcher::burstIsThrottledAndAnswered()
{
    KeyMetaFetcher fetcher(m_connection.get());
    QSignalSpy answered(&fetcher, &KeyMetaFetcher::answered);
    for (quint32 i = 0; i < 1000; ++i)
        fetcher.want(i, "k:" + QByteArray::number(i));
    // The oldest 600 wishes were scrolled past: forgotten, not asked.
    QVERIFY(!fetcher.isPending(0));
    QVERIFY(fetcher.isPending(999));
    int maxInFlight = 0;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 10000 && !fetcher.cached(600)) {
        maxInFlight = qMax(maxInFlight, fetcher.inFlight());
        QTest::qWait(1);
    }
    QVERIFY(maxInFlight > 0);
    QVERIFY2(maxInFlight <= KeyMetaFetcher::kMaxInFlight, qPrintable(QString::number(maxInFlight)));
    QTRY_VERIFY(fetcher.cached(600));
    QVERIFY(!fetcher.cached(0));
    const KeyMeta *meta = fetcher.cached(999);
    QVERIFY(meta);
    QCOMPARE(meta->type, KeyType::String);
    QCOMPARE(meta->ttlMs, qint64(-1));
    QVERIFY(meta->memory > 0 || meta->memory == KeyMeta::kMemoryUnavailable);
    // Newest first: the first batch answered holds the last wish.
    QVERIFY(!answered.isEmpty());
    QVERIFY(answered.first().first().value<QList<quint32>>().contains(999));
    QCOMPARE(fetcher.countingDown(), 0); // no TTLs: no ticking
}

void TstKeyMetaFetcher::ttlCountsDownAndTicks()
{
    qint64 now = 1'000'000;
    setTtlClockForTests([&now] { return now; });
    KeyMetaFetcher fetcher(m_connection.get());
    QSignalSpy ticked(&fetcher, &KeyMetaFetcher::ticked);
    fetcher.want(7, "ttl:key");
    QTRY_VERIFY(fetcher.cached(7));
    const TtlCountdown ttl = fetcher.cached(7)->ttl();
    QVERIFY(ttl.counts());
    QVERIFY(ttl.ttlMs > 95'000 && ttl.ttlMs <= 100'000);
    QCOMPARE(fetcher.countingDown(), 1);
    now += 30'000;
    QCOMPARE(ttl.remainingMs(), ttl.ttlMs - 30'000);
    QCOMPARE(formatTtl(ttl.remainingMs()).left(4), QStringLiteral("1 mi"));
    now += 100'000;
    QVERIFY(ttl.expired());
    QCOMPARE(formatTtl(ttl.remainingMs()), QStringLiteral("Expired"));
    QTRY_VERIFY_WITH_TIMEOUT(ticked.size() >= 1, 3000);
    fetcher.forget(7);
    QCOMPARE(fetcher.countingDown(), 0);
    setTtlClockForTests({});
}

void TstKeyMetaFetcher::clearDropsLateAnswers()
{
    KeyMetaFetcher fetcher(m_connection.get());
    QSignalSpy answered(&fetcher, &KeyMetaFetcher::answered);
    for (quint32 i = 0; i < 300; ++i)
        fetcher.want(i, "k:" + QByteArray::number(i));
    // Sent on the next event-loop turn; 900 commands take longer than one turn to answer.
    QElapsedTimer timer;
    timer.start();
    while (fetcher.inFlight() == 0 && answered.isEmpty() && timer.elapsed() < 5000)
        QCoreApplication::processEvents();
    QVERIFY(fetcher.inFlight() > 0);
    QVERIFY(answered.isEmpty());
    fetcher.clear();
    QTest::qWait(500);
    QVERIFY(answered.isEmpty());
    QVERIFY(!fetcher.cached(1));
}

QTEST_MAIN(TstKeyMetaFetcher)
#include "tst_key_meta_fetcher.moc"
