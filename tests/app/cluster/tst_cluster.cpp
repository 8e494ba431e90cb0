// Redis Cluster support of the app layer against a real 3-master + 3-replica cluster of
// Debian's redis-server (ClusterFixture): hash slots match the server's CLUSTER KEYSLOT, the
// topology is read back whole, a Cluster-mode RedisConnection reached through a replica seed
// writes keys onto the right masters, follows ASK during a slot migration and MOVED after it,
// KeyScanner walks every master exactly once, and a master killed with SIGKILL is
// replaced by its replica without any request being left unanswered.
// (SIGKILL rather than DEBUG SEGFAULT: Redis 7 refuses DEBUG unless enable-debug-command.)
#include "cluster/cluster_router.h"
#include "cluster/cluster_slot.h"
#include "cluster_fixture.h"
#include "connection/redis_connection.h"
#include "keys/key_scanner.h"
#include "redis_test_client.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

using namespace redscope;
using redscope::test::ClusterFixture;
using redscope::test::RedisTestClient;

class TstCluster : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup(); // a failed test prints the servers' logs and keeps them
    void crc16KnownValue();
    void hashTags();
    void routingKeys();
    void slotsMatchServer();
    void topologyFromNodesText();
    void connectThroughReplicaSeed();
    void writesLandOnSlotOwner();
    void askThenMovedDuringMigration();
    void scannerVisitsEveryMaster();
    void notAClusterIsReadable();
    void failoverDoesNotHang(); // last: leaves the cluster with a dead node

private:
    RedisValue call(const QList<QByteArray> &args, int timeoutMs = 10000);
    int replicaPort() const;

    std::unique_ptr<ClusterFixture> m_cluster;
    std::unique_ptr<RedisConnection> m_connection;
};

void TstCluster::initTestCase()
{
    m_cluster = ClusterFixture::start(3, 1);
    QVERIFY2(m_cluster->ok(), m_cluster->error().c_str());
}

void TstCluster::cleanup()
{
    if (QTest::currentTestFailed() && m_cluster)
        m_cluster->reportFailure(QTest::currentTestFunction());
}

RedisValue TstCluster::call(const QList<QByteArray> &args, int timeoutMs)
{
    RedisValue result;
    bool done = false;
    m_connection->send(args, [&](const RedisValue &reply) {
        result = reply;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, timeoutMs))
        return RedisValue::error(QByteArray("TEST no reply in time"));
    return result;
}

int TstCluster::replicaPort() const
{
    for (int i = 0; i < m_cluster->nodeCount(); ++i) {
        RedisTestClient client("127.0.0.1", m_cluster->port(i));
        if (client.run({"ROLE"}).rfind("*[$slave", 0) == 0) return m_cluster->port(i);
    }
    return 0;
}

void TstCluster::crc16KnownValue()
{
    QCOMPARE(crc16Xmodem("123456789"), quint16(0x31C3)); // the specification's check value
    QCOMPARE(clusterKeySlot("foo"), 12182);
    QCOMPARE(clusterKeySlot(""), 0);
}

void TstCluster::hashTags()
{
    QCOMPARE(clusterKeySlot("{user1000}.following"), clusterKeySlot("{user1000}.followers"));
    QCOMPARE(clusterKeySlot("{user1000}.following"), clusterKeySlot("user1000"));
    QCOMPARE(clusterKeySlot("foo{}{bar}"), clusterKeySlot("foo{}{bar}")); // empty tag: whole key
    QVERIFY(clusterKeySlot("foo{}{bar}") != clusterKeySlot("bar"));
    QCOMPARE(clusterKeySlot("foo{{bar}}zap"), clusterKeySlot("{bar"));
    QCOMPARE(clusterKeySlot("foo{bar}{zap}"), clusterKeySlot("bar"));
}

void TstCluster::routingKeys()
{
    QCOMPARE(clusterRoutingKey({"GET", "k"}).value(), QByteArray("k"));
    QVERIFY(!clusterRoutingKey({"INFO"}).has_value());
    QVERIFY(!clusterRoutingKey({"SCAN", "0"}).has_value());
    QCOMPARE(clusterRoutingKey({"EVAL", "return 1", "1", "k1"}).value(), QByteArray("k1"));
    QVERIFY(!clusterRoutingKey({"EVAL", "return 1", "0"}).has_value());
    QCOMPARE(clusterRoutingKey({"XREAD", "COUNT", "2", "STREAMS", "s", "0"}).value(),
             QByteArray("s"));
    QCOMPARE(clusterRoutingKey({"MEMORY", "USAGE", "k"}).value(), QByteArray("k"));
    QCOMPARE(clusterRoutingKey({"OBJECT", "ENCODING", "k"}).value(), QByteArray("k"));
    QCOMPARE(clusterRoutingKey({"BLMPOP", "0", "1", "l", "LEFT"}).value(), QByteArray("l"));
}

// Differential: our slot for random keys (with and without tags) equals CLUSTER KEYSLOT.
void TstCluster::slotsMatchServer()
{
    RedisTestClient client("127.0.0.1", m_cluster->port(0));
    QVERIFY(client.connected());
    auto *random = QRandomGenerator::global();
    for (int i = 0; i < 500; ++i) {
        QByteArray key;
        const int length = random->bounded(0, 24);
        for (int j = 0; j < length; ++j)
            key.append(char(random->bounded(0, 256)));
        if (i % 3 == 0)
            key.insert(random->bounded(0, int(key.size()) + 1), "{t" + key.left(2) + "}");
        const std::string reply = client.run({"CLUSTER", "KEYSLOT", key.toStdString()});
        QCOMPARE(QByteArray::fromStdString(reply), ":" + QByteArray::number(clusterKeySlot(key)));
    }
}

void TstCluster::topologyFromNodesText()
{
    RedisTestClient client("127.0.0.1", m_cluster->port(0));
    const std::string text = client.run({"CLUSTER", "NODES"}).substr(1);
    ClusterTopology topology;
    QString error;
    QVERIFY2(ClusterTopology::fromNodesText(QByteArray::fromStdString(text), &topology, &error),
             qPrintable(error));
    QCOMPARE(int(topology.nodes.size()), 6);
    QCOMPARE(topology.masterCount(), 3);
    int slotTotal = 0;
    for (size_t i = 0; i < topology.nodes.size(); ++i) {
        const ClusterNode &node = topology.nodes[i];
        QVERIFY(node.linkConnected);
        QVERIFY(!node.failing);
        slotTotal += node.slotCount();
        if (!node.master) { // each replica follows its master
            QVERIFY(i > 0);
            QVERIFY(topology.find(node.masterId) && topology.find(node.masterId)->master);
        }
    }
    QCOMPARE(slotTotal, kClusterSlots);
    QVERIFY(topology.nodes.front().master);
    QCOMPARE(topology.nodes.front().slotRanges.first().first, 0);
    QVERIFY(!ClusterTopology::fromNodesText("garbage", &topology, &error));
    QVERIFY(!error.isEmpty());
}

void TstCluster::connectThroughReplicaSeed()
{
    ConnectionSettings settings;
    settings.host = QStringLiteral("localhost"); // resolved; nodes announce 127.0.0.1
    settings.port = replicaPort();
    QVERIFY(settings.port > 0);
    settings.mode = ConnectionSettings::Mode::Cluster;
    settings.commandTimeoutMs = 5000;
    m_connection = std::make_unique<RedisConnection>(settings);
    QVERIFY(m_connection->cluster());
    m_connection->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(m_connection->state(), RedisConnection::State::Ready, 10000);
    ClusterRouter *router = m_connection->cluster();
    QCOMPARE(router->masterAddresses().size(), 3);
    QCOMPARE(int(router->topology().nodes.size()), 6);
    for (int slot : {0, 5000, 10000, 16383})
        QVERIFY(!router->nodeForSlot(slot).isEmpty());
    QCOMPARE(call({"PING"}).bytes(), QByteArray("PONG"));
}

void TstCluster::writesLandOnSlotOwner()
{
    QVERIFY(m_connection);
    for (int i = 0; i < 200; ++i) {
        const QByteArray key = "user:" + QByteArray::number(i);
        QCOMPARE(call({"SET", key, "v" + QByteArray::number(i)}).bytes(), QByteArray("OK"));
    }
    QCOMPARE(call({"GET", "user:42"}).bytes(), QByteArray("v42"));
    // Every key is on the master that owns its slot (asked directly, no redirection).
    for (int i = 0; i < 200; i += 17) {
        const QByteArray key = "user:" + QByteArray::number(i);
        const std::string owner =
            m_cluster->masterPortOfSlot(clusterKeySlot(key), m_cluster->port(0));
        RedisTestClient direct("127.0.0.1", std::stoi(owner));
        QCOMPARE(direct.run({"GET", key.toStdString()}), "$v" + std::to_string(i));
        QCOMPARE(m_connection->cluster()->nodeForKey(key),
                 QStringLiteral("127.0.0.1:%1").arg(QString::fromStdString(owner)));
    }
    // Multi-key commands in one slot work; across slots the server's CROSSSLOT comes back.
    QCOMPARE(call({"MSET", "{t}a", "1", "{t}b", "2"}).bytes(), QByteArray("OK"));
    QCOMPARE(call({"MGET", "{t}a", "{t}b"}).elements().size(), size_t(2));
    QVERIFY(call({"MGET", "user:1", "user:2"}).bytes().startsWith("CROSSSLOT"));
    QVERIFY(call({"MULTI"}).text().contains(QLatin1String("not available on a cluster")));
    QCOMPARE(m_connection->cluster()->redirectsFollowed(), 0);
}

// Moves one slot between masters by hand, the way redis-cli --cluster reshard does, while the
// app holds the old slot map: a key already moved answers ASK (followed, map unchanged); once
// the slot is reassigned, the old owner answers MOVED (followed, map updated).
void TstCluster::askThenMovedDuringMigration()
{
    QVERIFY(m_connection);
    ClusterRouter *router = m_connection->cluster();
    const QByteArray moved = "{mig}moved";
    const QByteArray stays = "{mig}stays";
    const int slot = clusterKeySlot(moved);
    QCOMPARE(call({"SET", moved, "m"}).bytes(), QByteArray("OK"));
    QCOMPARE(call({"SET", stays, "s"}).bytes(), QByteArray("OK"));
    const QString source = router->nodeForSlot(slot);
    QString target;
    for (const QString &address : router->masterAddresses()) {
        if (address != source) target = address;
    }
    const int sourcePort = source.section(QLatin1Char(':'), -1).toInt();
    const int targetPort = target.section(QLatin1Char(':'), -1).toInt();
    const std::string sourceId = m_cluster->nodeId(sourcePort);
    const std::string targetId = m_cluster->nodeId(targetPort);
    RedisTestClient src("127.0.0.1", sourcePort);
    RedisTestClient dst("127.0.0.1", targetPort);
    const std::string s = std::to_string(slot);
    QCOMPARE(dst.run({"CLUSTER", "SETSLOT", s, "IMPORTING", sourceId}), "+OK");
    QCOMPARE(src.run({"CLUSTER", "SETSLOT", s, "MIGRATING", targetId}), "+OK");
    QCOMPARE(src.run({"MIGRATE", "127.0.0.1", std::to_string(targetPort), "", "0", "5000", "KEYS",
                      moved.toStdString()}),
             "+OK");

    const int before = router->redirectsFollowed();
    QCOMPARE(call({"GET", moved}).bytes(), QByteArray("m")); // ASK
    QCOMPARE(call({"GET", stays}).bytes(), QByteArray("s")); // still on the source
    QCOMPARE(router->redirectsFollowed(), before + 1);
    QCOMPARE(router->nodeForSlot(slot), source); // ASK does not change the map

    QCOMPARE(src.run({"MIGRATE", "127.0.0.1", std::to_string(targetPort), "", "0", "5000", "KEYS",
                      stays.toStdString()}),
             "+OK");
    for (int i = 0; i < m_cluster->nodeCount(); ++i) {
        RedisTestClient node("127.0.0.1", m_cluster->port(i));
        const std::string role = node.run({"ROLE"});
        if (role.rfind("*[$master", 0) == 0)
            QCOMPARE(node.run({"CLUSTER", "SETSLOT", s, "NODE", targetId}), "+OK");
    }
    QCOMPARE(call({"GET", stays}).bytes(), QByteArray("s")); // MOVED
    QVERIFY(router->redirectsFollowed() >= before + 2);
    QCOMPARE(router->nodeForSlot(slot), target);
    QCOMPARE(call({"GET", moved}).bytes(), QByteArray("m")); // straight to the new owner
}

void TstCluster::scannerVisitsEveryMaster()
{
    QVERIFY(m_connection);
    KeyScanner scanner(m_connection.get());
    QSet<QByteArray> seen;
    int duplicates = 0;
    connect(&scanner, &KeyScanner::batchReady, this, [&](const QList<QByteArray> &keys) {
        for (const QByteArray &key : keys) {
            if (seen.contains(key)) ++duplicates;
            seen.insert(key);
        }
    });
    QSignalSpy finished(&scanner, &KeyScanner::finished);
    KeyScanner::Options options;
    options.count = 50; // several calls per master
    scanner.start(options);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QCOMPARE(duplicates, 0);
    for (int i = 0; i < 200; ++i)
        QVERIFY(seen.contains("user:" + QByteArray::number(i)));
    QCOMPARE(seen.size(), 200 + 4); // + {t}a {t}b {mig}moved {mig}stays
    QCOMPARE(scanner.dbSize(), quint64(204));
    QVERIFY(scanner.calls() > 3);

    // A MATCH filter runs on every master.
    seen.clear();
    options.pattern = "{*";
    scanner.start(options);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 15000);
    QCOMPARE(seen.size(), 4);
}

void TstCluster::notAClusterIsReadable()
{
    auto plain = redscope::test::TestServer::startRedis();
    QVERIFY(plain->ok());
    ConnectionSettings settings;
    settings.port = plain->port();
    settings.mode = ConnectionSettings::Mode::Cluster;
    RedisConnection connection(settings);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Disconnected, 10000);
    QVERIFY2(connection.errorText().contains(QLatin1String("cluster support disabled")),
             qPrintable(connection.errorText()));
}

// SIGKILL on the master of a key's slot: every request in the meantime is answered
// (an error while no replica has taken over, within a bounded time), and once the replica is
// promoted the same connection writes and reads the key again.
void TstCluster::failoverDoesNotHang()
{
    QVERIFY(m_connection);
    ClusterRouter *router = m_connection->cluster();
    const QByteArray key = "user:7";
    const QString master = router->nodeForKey(key);
    const int masterPort = master.section(QLatin1Char(':'), -1).toInt();
    const int index = m_cluster->nodeIndexOfPort(masterPort);
    QVERIFY(index >= 0);
    m_cluster->node(index).kill(SIGKILL); // a crash: no goodbye to clients or peers
    QElapsedTimer clock;
    clock.start();
    bool recovered = false;
    int failures = 0;
    qint64 slowest = 0;
    // cluster-node-timeout is 1 s and a failover takes 2-4 s here; 60 s leaves room for a
    // loaded 2-core machine, where every election round can time out a few times.
    while (clock.elapsed() < 60000) {
        QElapsedTimer one;
        one.start();
        const RedisValue reply = call({"SET", key, "after"}, 8000);
        slowest = qMax(slowest, one.elapsed());
        QVERIFY2(!reply.bytes().startsWith("TEST"), "a request was left without a reply");
        if (!reply.isError()) {
            recovered = true;
            break;
        }
        ++failures;
        QVERIFY2(!reply.text().isEmpty(), "an error without a message");
        QTest::qWait(200);
    }
    QVERIFY2(recovered, "the replica never took over");
    QVERIFY(router->nodeForKey(key) != master);
    QCOMPARE(call({"GET", key}).bytes(), QByteArray("after"));
    QCOMPARE(call({"GET", "user:8"}).isError(), false);
    QTRY_VERIFY_WITH_TIMEOUT(router->topology().findAddress(master) &&
                                 router->topology().findAddress(master)->failing,
                             20000);
    qInfo("failover: %d failed attempts, slowest answer %lld ms, recovered after %lld ms", failures,
          slowest, clock.elapsed());
}

QTEST_GUILESS_MAIN(TstCluster)
#include "tst_cluster.moc"
