// BulkDelete against a real redscope-server: the preview counts exactly the keys matching the
// pattern (thousands of them, across several SCAN calls), deletion removes exactly those and
// leaves every other key, a cancel between two batches stops the deletion, read-only
// connections are refused without a command reaching the server, and a production connection
// refuses to delete unless the bulk question was answered (then sendConfirmed passes).
#include "connection/redis_connection.h"
#include "keys/bulk_delete.h"
#include "redis_test_client.h"
#include "test_server.h"

#include <QSignalSpy>
#include <QTest>

using namespace redscope;
using redscope::test::RedisTestClient;
using redscope::test::TestServer;

class TstBulkDelete : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void previewCountIsExact();
    void deletesExactlyTheMatchingKeys();
    void cancelStopsTheDeletion();
    void cancelStopsThePreview();
    void readOnlyRefuses();
    void productionNeedsTheConfirmation();

private:
    ConnectionSettings settings() const;
    void fill(const std::string &prefix, int count);
    long long dbsize();

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<RedisTestClient> m_client;
};

void TstBulkDelete::initTestCase()
{
    m_server = TestServer::startRedscope();
    QVERIFY2(m_server && m_server->ok(), m_server ? m_server->error().c_str() : "no server");
    m_client = std::make_unique<RedisTestClient>("127.0.0.1", m_server->port());
    QVERIFY(m_client->connected());
}

void TstBulkDelete::init()
{
    QCOMPARE(m_client->run({"FLUSHALL"}), std::string("+OK"));
    fill("user:", 2345);
    fill("session:", 700);
    fill("users:", 30); // "user:*" must not match these
    fill("xuser:", 20);
    QCOMPARE(dbsize(), 2345LL + 700 + 30 + 20);
}

ConnectionSettings TstBulkDelete::settings() const
{
    ConnectionSettings result;
    result.port = m_server->port();
    return result;
}

void TstBulkDelete::fill(const std::string &prefix, int count)
{
    for (int i = 0; i < count; i += 500) {
        std::vector<std::string> mset{"MSET"};
        for (int j = i; j < qMin(count, i + 500); ++j) {
            mset.push_back(prefix + std::to_string(j));
            mset.push_back("v");
        }
        QCOMPARE(m_client->run(mset), std::string("+OK"));
    }
}

long long TstBulkDelete::dbsize()
{
    const std::string reply = m_client->run({"DBSIZE"});
    return reply.size() > 1 ? std::stoll(reply.substr(1)) : -1;
}

void TstBulkDelete::previewCountIsExact()
{
    RedisConnection connection(settings());
    connection.connectToServer();
    BulkDelete bulk(&connection);
    QSignalSpy finished(&bulk, &BulkDelete::previewFinished);
    QSignalSpy progress(&bulk, &BulkDelete::previewProgress);
    bulk.preview("user:*");
    QCOMPARE(bulk.phase(), BulkDelete::Phase::Previewing);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(finished.first().first().toLongLong(), 2345LL);
    QCOMPARE(bulk.matchedCount(), 2345LL);
    QCOMPARE(bulk.phase(), BulkDelete::Phase::Previewed);
    QVERIFY(!progress.isEmpty()); // several SCAN calls, each reported
    const QList<QByteArray> sample = bulk.sample(10);
    QCOMPARE(sample.size(), 10);
    for (const QByteArray &name : sample)
        QVERIFY2(name.startsWith("user:"), name.constData());
    QCOMPARE(dbsize(), 3095LL); // counting deletes nothing

    bulk.preview("nothing:*");
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
    QCOMPARE(bulk.matchedCount(), 0LL);
}

void TstBulkDelete::deletesExactlyTheMatchingKeys()
{
    RedisConnection connection(settings());
    connection.connectToServer();
    BulkDelete bulk(&connection);
    bulk.setBatchSize(500);
    QSignalSpy previewed(&bulk, &BulkDelete::previewFinished);
    QSignalSpy progress(&bulk, &BulkDelete::deleteProgress);
    QSignalSpy finished(&bulk, &BulkDelete::finished);
    bulk.preview("user:*");
    QTRY_COMPARE_WITH_TIMEOUT(previewed.size(), 1, 20000);
    bulk.deleteMatched();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(finished.first().first().toLongLong(), 2345LL);
    QCOMPARE(bulk.deletedCount(), 2345LL);
    // 0/2345 first, then one report per batch of 500: 5 batches.
    QCOMPARE(progress.size(), 1 + 5);
    QCOMPARE(progress.last().at(0).toLongLong(), 2345LL);
    QCOMPARE(dbsize(), 750LL);
    QCOMPARE(m_client->run({"EXISTS", "user:0", "user:2344"}), std::string(":0"));
    QCOMPARE(m_client->run({"EXISTS", "users:0", "xuser:0", "session:699"}), std::string(":3"));
}

void TstBulkDelete::cancelStopsTheDeletion()
{
    RedisConnection connection(settings());
    connection.connectToServer();
    BulkDelete bulk(&connection);
    bulk.setBatchSize(100);
    QSignalSpy previewed(&bulk, &BulkDelete::previewFinished);
    QSignalSpy cancelled(&bulk, &BulkDelete::cancelled);
    QSignalSpy finished(&bulk, &BulkDelete::finished);
    bulk.preview("user:*");
    QTRY_COMPARE_WITH_TIMEOUT(previewed.size(), 1, 20000);
    // Cancel as soon as the third batch was answered.
    connect(&bulk, &BulkDelete::deleteProgress, &bulk, [&bulk](qint64 processed) {
        if (processed >= 300) bulk.cancel();
    });
    bulk.deleteMatched();
    QTRY_COMPARE_WITH_TIMEOUT(cancelled.size(), 1, 20000);
    QTest::qWait(200); // no late batch may arrive
    QCOMPARE(finished.size(), 0);
    QCOMPARE(bulk.deletedCount(), 300LL);
    QCOMPARE(dbsize(), 3095LL - 300);
    QCOMPARE(bulk.phase(), BulkDelete::Phase::Done);
}

void TstBulkDelete::cancelStopsThePreview()
{
    RedisConnection connection(settings());
    connection.connectToServer();
    BulkDelete bulk(&connection);
    QSignalSpy previewed(&bulk, &BulkDelete::previewFinished);
    QSignalSpy cancelled(&bulk, &BulkDelete::cancelled);
    bulk.preview("user:*");
    bulk.cancel();
    QCOMPARE(cancelled.size(), 1);
    QCOMPARE(bulk.phase(), BulkDelete::Phase::Idle);
    QTest::qWait(300);
    QCOMPARE(previewed.size(), 0);
    bulk.deleteMatched(); // nothing was counted: refused
    QCOMPARE(dbsize(), 3095LL);
}

void TstBulkDelete::readOnlyRefuses()
{
    ConnectionSettings readOnly = settings();
    readOnly.readOnly = true;
    RedisConnection connection(readOnly);
    connection.connectToServer();
    BulkDelete bulk(&connection);
    QVERIFY(bulk.refusesWrites());
    QSignalSpy failed(&bulk, &BulkDelete::failed);
    QSignalSpy previewed(&bulk, &BulkDelete::previewFinished);
    bulk.preview("user:*");
    QCOMPARE(failed.size(), 1);
    QVERIFY(failed.first().first().toString().contains("read-only"));
    bulk.deleteMatched();
    QCOMPARE(failed.size(), 2);
    QTest::qWait(200);
    QCOMPARE(previewed.size(), 0);
    QCOMPARE(dbsize(), 3095LL);
}

void TstBulkDelete::productionNeedsTheConfirmation()
{
    ConnectionSettings production = settings();
    production.production = true;
    production.name = QStringLiteral("prod-chat");
    RedisConnection connection(production);
    connection.connectToServer();
    BulkDelete bulk(&connection);
    QSignalSpy previewed(&bulk, &BulkDelete::previewFinished);
    QSignalSpy failed(&bulk, &BulkDelete::failed);
    QSignalSpy finished(&bulk, &BulkDelete::finished);
    bulk.preview("session:*");
    QTRY_COMPARE_WITH_TIMEOUT(previewed.size(), 1, 20000);
    const ConfirmationRequest request = bulk.confirmation();
    QVERIFY(request.counted);
    QCOMPARE(request.affectedKeys, 700LL);
    QVERIFY2(request.question().contains("prod-chat"), qPrintable(request.question()));
    QVERIFY2(request.question().contains("700"), qPrintable(request.question()));

    bulk.deleteMatched(false); // not answered: refused, nothing sent
    QCOMPARE(failed.size(), 1);
    QCOMPARE(bulk.phase(), BulkDelete::Phase::Previewed); // the count stays valid
    QCOMPARE(dbsize(), 3095LL);

    // No confirmer installed: ProductionGuard answers "no".
    bool answer = true;
    ProductionGuard::ask(request, [&answer](bool confirmed) { answer = confirmed; });
    QVERIFY(!answer);

    ProductionGuard::setConfirmer(
        [](const ConfirmationRequest &, ProductionGuard::Answer a) { a(true); });
    ProductionGuard::ask(request, [&bulk](bool confirmed) {
        if (confirmed) bulk.deleteMatched(true);
    });
    ProductionGuard::setConfirmer({});
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(bulk.deletedCount(), 700LL);
    QCOMPARE(dbsize(), 3095LL - 700);
}

QTEST_MAIN(TstBulkDelete)
#include "tst_bulk_delete.moc"
