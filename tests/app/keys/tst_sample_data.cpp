// SampleData against a real redscope-server: after load() every key type exists with the
// expected shape (profiles as hashes, rooms as lists of JSON messages, sets, sorted sets,
// counters, strings with TTLs), loading twice gives the same dataset (lists are replaced, not
// appended), the live publisher's messages arrive on a Subscriber, stop really stops it, and a
// read-only connection writes nothing.
#include "connection/redis_connection.h"
#include "keys/sample_data.h"
#include "pubsub/subscriber.h"
#include "redis_test_client.h"
#include "test_server.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace redscope;
using redscope::test::RedisTestClient;
using redscope::test::TestServer;

class TstSampleData : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void loadsEveryKeyType();
    void secondLoadGivesTheSameData();
    void publisherMessagesArrive();
    void readOnlyWritesNothing();

private:
    ConnectionSettings settings() const;
    std::string run(const std::vector<std::string> &args) { return m_client->run(args); }
    void load(RedisConnection &connection);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<RedisTestClient> m_client;
};

void TstSampleData::initTestCase()
{
    m_server = TestServer::startRedscope();
    QVERIFY2(m_server && m_server->ok(), m_server ? m_server->error().c_str() : "no server");
    m_client = std::make_unique<RedisTestClient>("127.0.0.1", m_server->port());
    QVERIFY(m_client->connected());
}

ConnectionSettings TstSampleData::settings() const
{
    ConnectionSettings result;
    result.port = m_server->port();
    return result;
}

void TstSampleData::load(RedisConnection &connection)
{
    SampleData sample(&connection);
    QSignalSpy loaded(&sample, &SampleData::loaded);
    QSignalSpy failed(&sample, &SampleData::failed);
    sample.load();
    QVERIFY(sample.isLoading());
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 20000);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(loaded.first().first().toInt(), int(SampleData::commands().size()));
    QVERIFY(!sample.isLoading());
}

void TstSampleData::loadsEveryKeyType()
{
    QCOMPARE(run({"FLUSHALL"}), std::string("+OK"));
    RedisConnection connection(settings());
    connection.connectToServer();
    load(connection);

    QCOMPARE(run({"TYPE", "user:1001"}), std::string("+hash"));
    QCOMPARE(run({"TYPE", "user:1200"}), std::string("+hash"));
    QCOMPARE(run({"EXISTS", "user:1201"}), std::string(":0"));
    QVERIFY(run({"HGET", "user:1001", "email"}).find("@example.com") != std::string::npos);
    QCOMPARE(run({"TYPE", "chat:room:general:messages"}), std::string("+list"));
    QCOMPARE(run({"LLEN", "chat:room:general:messages"}), std::string(":150"));
    const std::string first = run({"LINDEX", "chat:room:dev:messages", "0"});
    QVERIFY(first.size() > 1 && first[0] == '$');
    const QJsonObject message =
        QJsonDocument::fromJson(QByteArray::fromStdString(first.substr(1))).object();
    QCOMPARE(message.value("room").toString(), QStringLiteral("dev"));
    QVERIFY(message.value("user").toInt() >= 1001);
    QVERIFY(!message.value("text").toString().isEmpty());
    QCOMPARE(run({"TYPE", "chat:online"}), std::string("+set"));
    QCOMPARE(run({"TYPE", "chat:room:music:members"}), std::string("+set"));
    // The event stream and its notifier group: 80 of 100 delivered, the last 6 of them pending
    // with worker-2, worker-3 idle with none.
    QCOMPARE(run({"TYPE", "chat:events"}), std::string("+stream"));
    QCOMPARE(run({"XLEN", "chat:events"}), std::string(":100"));
    const std::string groups = run({"XINFO", "GROUPS", "chat:events"});
    QVERIFY2(groups.find("notifier") != std::string::npos, groups.c_str());
    const std::string pending = run({"XPENDING", "chat:events", "notifier"});
    QVERIFY2(pending.rfind("*[:6,", 0) == 0, pending.c_str());
    QVERIFY2(pending.find("worker-2") != std::string::npos, pending.c_str());
    QCOMPARE(run({"XINFO", "CONSUMERS", "chat:events", "notifier"}).find("worker-3") !=
                 std::string::npos,
             true);
    QCOMPARE(run({"TYPE", "leaderboard:karma"}), std::string("+zset"));
    QCOMPARE(run({"ZCARD", "leaderboard:karma"}), std::string(":200"));
    QCOMPARE(run({"TYPE", "stats:messages:total"}), std::string("+string"));
    QCOMPARE(run({"GET", "stats:messages:total"}), std::string("$900"));
    QCOMPARE(run({"INCR", "stats:logins:today"}), std::string(":318"));
    // Strings with a TTL.
    const std::string ttl = run({"TTL", "cache:room:general:summary"});
    QVERIFY2(ttl > ":0" && ttl <= ":300", ttl.c_str());
    QVERIFY(run({"TTL", "ratelimit:user:1001"}) != ":-1");
    QCOMPARE(run({"SCAN", "0", "MATCH", "session:*", "COUNT", "10000"}).find("session:") !=
                 std::string::npos,
             true);
    const std::string size = run({"DBSIZE"});
    const long long keys = std::stoll(size.substr(1));
    QVERIFY2(keys > 250 && keys < 3000, size.c_str());
}

void TstSampleData::secondLoadGivesTheSameData()
{
    QCOMPARE(run({"FLUSHALL"}), std::string("+OK"));
    RedisConnection connection(settings());
    connection.connectToServer();
    load(connection);
    const std::string size = run({"DBSIZE"});
    const std::string last = run({"LINDEX", "chat:room:general:messages", "-1"});
    load(connection);
    QCOMPARE(run({"DBSIZE"}), size);
    QCOMPARE(run({"LLEN", "chat:room:general:messages"}), std::string(":150"));
    QCOMPARE(run({"LINDEX", "chat:room:general:messages", "-1"}), last);
}

void TstSampleData::publisherMessagesArrive()
{
    RedisConnection connection(settings());
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 10000);
    Subscriber subscriber(settings());
    subscriber.setBatchInterval(20);
    PubSubBatch received;
    connect(&subscriber, &Subscriber::messagesReceived, this,
            [&received](const PubSubBatch &batch) { received.append(batch); });
    subscriber.subscribe(Subscriber::Kind::Pattern, "chat:room:*");
    QTRY_VERIFY_WITH_TIMEOUT(subscriber.isConfirmed(Subscriber::Kind::Pattern, "chat:room:*"),
                             10000);

    const std::string pendingBefore = run({"XPENDING", "chat:events", "notifier"});
    SampleData sample(&connection);
    QSignalSpy publishing(&sample, &SampleData::publishingChanged);
    sample.startPublishing(20);
    QVERIFY(sample.isPublishing());
    QCOMPARE(publishing.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(received.size() >= 5, 20000);
    QSet<QByteArray> channels;
    for (const PubSubMessage &message : received) {
        QVERIFY2(message.channel.startsWith("chat:room:"), message.channel.constData());
        const QJsonObject json = QJsonDocument::fromJson(message.payload).object();
        QCOMPARE(QByteArray("chat:room:") + json.value("room").toString().toUtf8(),
                 message.channel);
        channels.insert(message.channel);
    }
    QVERIFY(SampleData::rooms().size() > 1);

    sample.stopPublishing();
    QVERIFY(!sample.isPublishing());
    QCOMPARE(publishing.size(), 2);
    const quint64 published = sample.publishedCount();
    QTRY_COMPARE_WITH_TIMEOUT(quint64(received.size()), published, 10000);
    QTest::qWait(200);
    QCOMPARE(sample.publishedCount(), published);
    QCOMPARE(quint64(received.size()), published);
    // Every message went to the event stream too, and the notifier's workers read it: each
    // fourth stays pending, the others are acknowledged.
    QTRY_COMPARE(run({"XLEN", "chat:events"}), ":" + std::to_string(100 + published));
    const auto pendingCount = [this] {
        const std::string summary = run({"XPENDING", "chat:events", "notifier"});
        return std::stoll(summary.substr(3, summary.find(',') - 3)); // "*[:N,..."
    };
    QCOMPARE(pendingBefore.rfind("*[:6,", 0), 0u);
    QTRY_COMPARE(pendingCount(), 6 + qint64(published / 4));
}

void TstSampleData::readOnlyWritesNothing()
{
    QCOMPARE(run({"FLUSHALL"}), std::string("+OK"));
    ConnectionSettings readOnly = settings();
    readOnly.readOnly = true;
    RedisConnection connection(readOnly);
    connection.connectToServer();
    SampleData sample(&connection);
    QSignalSpy failed(&sample, &SampleData::failed);
    sample.load();
    sample.startPublishing();
    QCOMPARE(failed.size(), 2);
    QVERIFY(!sample.isPublishing());
    QTest::qWait(200);
    QCOMPARE(run({"DBSIZE"}), std::string(":0"));
}

QTEST_MAIN(TstSampleData)
#include "tst_sample_data.moc"
