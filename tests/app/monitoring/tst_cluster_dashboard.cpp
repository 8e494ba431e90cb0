// The dashboard on a real 3-master + 3-replica Redis Cluster (ClusterFixture), offscreen: it
// polls INFO on every node, its aggregated series equal the sum of the nodes' own INFO, the node
// selector lists every master and switches the charts and cards to that node, and keys written
// to one slot move only the owning node's key count; a stopped (SIGSTOP) node keeps one INFO in
// flight and does not hold the aggregate back.
#include "cluster/cluster_slot.h"
#include "cluster_fixture.h"
#include "connection/redis_connection.h"
#include "monitoring/cluster_info_poller.h"
#include "monitoring/dashboard_panel.h"
#include "monitoring/info_poller.h"
#include "monitoring/info_snapshot.h"
#include "redis_test_client.h"

#include <QApplication>
#include <QComboBox>
#include <QTest>

#include <csignal>

using namespace redscope;
using redscope::test::ClusterFixture;
using redscope::test::RedisTestClient;

class TstClusterDashboard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup(); // a failed test prints the servers' logs and keeps them
    void cleanupTestCase();
    void pollsEveryNode();
    void aggregateIsTheSumOfNodes();
    void selectorListsMastersAndSwitches();
    void writesToOneSlotChangeOnlyItsNode();
    void stalledNodeDoesNotStallTheAggregate();

private:
    InfoSnapshot fetchInfo(int port); // straight from the node, not through the app
    qint64 aggregateKeys() const;
    qint64 nodeKeys(const QString &address) const;
    QString addressOfPort(int port) const;

    std::unique_ptr<ClusterFixture> m_cluster;
    QList<int> m_masterPorts;
    RedisConnection *m_connection = nullptr;
    DashboardPanel *m_panel = nullptr;
};

InfoSnapshot TstClusterDashboard::fetchInfo(int port)
{
    RedisTestClient client("127.0.0.1", port);
    const std::string reply = client.run({"INFO", "everything"});
    return InfoSnapshot::parse(QByteArray::fromStdString(reply.substr(reply.empty() ? 0 : 1)));
}

qint64 TstClusterDashboard::aggregateKeys() const
{
    return m_panel->clusterPoller()->last().totalKeys();
}

qint64 TstClusterDashboard::nodeKeys(const QString &address) const
{
    return m_panel->clusterPoller()->last(address).totalKeys();
}

QString TstClusterDashboard::addressOfPort(int port) const
{
    for (const ClusterInfoPoller::Node &node : m_panel->clusterPoller()->nodes()) {
        if (node.address.endsWith(QStringLiteral(":%1").arg(port))) return node.address;
    }
    return {};
}

void TstClusterDashboard::initTestCase()
{
    m_cluster = ClusterFixture::start(3, 1);
    QVERIFY2(m_cluster->ok(), m_cluster->error().c_str());
    for (int i = 0; i < m_cluster->nodeCount(); ++i) {
        if (fetchInfo(m_cluster->port(i)).role() == QLatin1String("master"))
            m_masterPorts.append(m_cluster->port(i));
    }
    QCOMPARE(m_masterPorts.size(), 3);
    for (int i = 0; i < 300; ++i) {
        const std::string key = "dash:" + std::to_string(i);
        const std::string port = m_cluster->masterPortOfSlot(
            clusterKeySlot(QByteArray::fromStdString(key)), m_cluster->port(0));
        QVERIFY(!port.empty());
        RedisTestClient client("127.0.0.1", std::stoi(port));
        QCOMPARE(client.run({"SET", key, std::string(100, 'x')}), std::string("+OK"));
    }

    ConnectionSettings settings;
    settings.port = m_cluster->port(0);
    settings.mode = ConnectionSettings::Mode::Cluster;
    m_connection = new RedisConnection(settings, this);
    m_connection->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(m_connection->state(), RedisConnection::State::Ready, 10000);
    m_panel = new DashboardPanel(m_connection);
    m_panel->setPollInterval(1000);
    m_panel->resize(1300, 850);
    m_panel->show();
    QVERIFY(m_panel->clusterPoller());
    QTRY_COMPARE_WITH_TIMEOUT(aggregateKeys(), qint64(300), 10000);
}

void TstClusterDashboard::cleanup()
{
    if (QTest::currentTestFailed() && m_cluster)
        m_cluster->reportFailure(QTest::currentTestFunction());
}

void TstClusterDashboard::cleanupTestCase()
{
    delete m_panel;
    m_panel = nullptr;
    m_cluster.reset();
}

void TstClusterDashboard::pollsEveryNode()
{
    ClusterInfoPoller *poller = m_panel->clusterPoller();
    QCOMPARE(poller->nodes().size(), m_cluster->nodeCount());
    for (int i = 0; i < m_cluster->nodeCount(); ++i) {
        const QString address = addressOfPort(m_cluster->port(i));
        QVERIFY2(!address.isEmpty(), qPrintable(QString::number(m_cluster->port(i))));
        QTRY_VERIFY_WITH_TIMEOUT(!poller->last(address).isEmpty(), 10000);
        QCOMPARE(poller->last(address).value(QStringLiteral("tcp_port")),
                 QString::number(m_cluster->port(i)));
    }
    // The standalone poller stays idle: INFO goes node by node, not to the default node.
    QCOMPARE(m_panel->poller()->requestsSent(), 0);
    QVERIFY(!m_panel->history().rows().empty());
}

void TstClusterDashboard::aggregateIsTheSumOfNodes()
{
    ClusterInfoPoller *poller = m_panel->clusterPoller();
    // Exactly the sum of the per-node snapshots the poller holds when it publishes the
    // aggregate (later, a new round may already have replaced some of them).
    QList<std::pair<qint64, qint64>> memory; // aggregate, sum of nodes
    QList<std::pair<qint64, qint64>> clients;
    const QMetaObject::Connection watch =
        connect(poller, &ClusterInfoPoller::updated, this, [&](const QString &address) {
            if (!address.isEmpty()) return;
            qint64 memorySum = 0;
            qint64 clientSum = 0;
            for (const ClusterInfoPoller::Node &node : poller->nodes()) {
                memorySum += poller->last(node.address).usedMemory();
                clientSum += poller->last(node.address).connectedClients();
            }
            memory.append({poller->last().usedMemory(), memorySum});
            clients.append({poller->last().connectedClients(), clientSum});
        });
    QTRY_VERIFY_WITH_TIMEOUT(memory.size() >= 2, 10000);
    disconnect(watch);
    for (int i = 0; i < memory.size(); ++i) {
        QCOMPARE(memory[i].first, memory[i].second);
        QCOMPARE(clients[i].first, clients[i].second);
    }

    // And, within polling tolerance, the sum of what the nodes report right now.
    qint64 fresh = 0;
    qint64 freshKeys = 0;
    for (int i = 0; i < m_cluster->nodeCount(); ++i) {
        const InfoSnapshot info = fetchInfo(m_cluster->port(i));
        fresh += info.usedMemory();
        if (m_masterPorts.contains(m_cluster->port(i))) freshKeys += info.totalKeys();
    }
    QCOMPARE(freshKeys, qint64(300));
    QCOMPARE(aggregateKeys(), freshKeys);
    const double ratio = double(poller->last().usedMemory()) / double(fresh);
    QVERIFY2(
        ratio > 0.9 && ratio < 1.1,
        qPrintable(
            QStringLiteral("aggregate %1, nodes %2").arg(poller->last().usedMemory()).arg(fresh)));
    const MetricHistory::Row &row = m_panel->history().rows().back();
    QCOMPARE(row.values.value(QStringLiteral("keys_db0")), 300.0);
    QVERIFY(row.values.value(QStringLiteral("used_memory")) > 0);
    QVERIFY(m_panel->cardText(DashboardPanel::Card::Role).contains(QStringLiteral("3 masters")));
}

void TstClusterDashboard::selectorListsMastersAndSwitches()
{
    auto *box = m_panel->findChild<QComboBox *>(QStringLiteral("dashboardNode"));
    QVERIFY(box);
    QCOMPARE(box->itemData(0).toString(), QString());
    QCOMPARE(box->count(), 1 + m_cluster->nodeCount());
    for (int port : std::as_const(m_masterPorts)) {
        const QString address = addressOfPort(port);
        const int index = box->findData(address);
        QVERIFY2(index > 0, qPrintable(address));
        QVERIFY(box->itemText(index).contains(QStringLiteral("master")));
    }

    const QString address = addressOfPort(m_masterPorts.at(1));
    const int index = box->findData(address);
    box->setCurrentIndex(index);
    emit box->activated(index);
    QCOMPARE(m_panel->selectedNode(), address);
    const qint64 keys = fetchInfo(m_masterPorts.at(1)).totalKeys();
    QVERIFY(keys > 0 && keys < 300);
    // The replayed history and the next samples are that node's.
    QCOMPARE(m_panel->history().rows().back().values.value(QStringLiteral("keys_db0")),
             double(keys));
    const int rows = m_panel->history().size();
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->history().size() > rows, 10000);
    QCOMPARE(m_panel->history().rows().back().values.value(QStringLiteral("keys_db0")),
             double(keys));
    QCOMPARE(m_panel->cardText(DashboardPanel::Card::Role), QStringLiteral("master"));

    const QString capture = qEnvironmentVariable("REDSCOPE_CLUSTER_DASHBOARD_PNG");
    if (!capture.isEmpty()) { // for looking at it: REDSCOPE_CLUSTER_DASHBOARD_PNG=/tmp/x.png
        QTest::qWait(3000);
        m_panel->grab().save(
            QString(capture).replace(QStringLiteral(".png"), QStringLiteral("-node.png")));
        box->setCurrentIndex(0);
        emit box->activated(0);
        QTest::qWait(4000);
        m_panel->grab().save(capture);
    }

    box->setCurrentIndex(0);
    emit box->activated(0);
    QCOMPARE(m_panel->selectedNode(), QString());
    QCOMPARE(m_panel->history().rows().back().values.value(QStringLiteral("keys_db0")), 300.0);
}

void TstClusterDashboard::writesToOneSlotChangeOnlyItsNode()
{
    const QByteArray tag = "{dashboard-slot}";
    const int owner = std::stoi(m_cluster->masterPortOfSlot(clusterKeySlot(tag), m_masterPorts[0]));
    QHash<QString, qint64> before;
    for (int port : std::as_const(m_masterPorts))
        before.insert(addressOfPort(port), nodeKeys(addressOfPort(port)));
    RedisTestClient client("127.0.0.1", owner);
    for (int i = 0; i < 40; ++i) {
        const std::string key = tag.toStdString() + ":" + std::to_string(i);
        QCOMPARE(client.run({"SET", key, "v"}), std::string("+OK"));
    }
    const QString ownerAddress = addressOfPort(owner);
    QTRY_COMPARE_WITH_TIMEOUT(nodeKeys(ownerAddress), before.value(ownerAddress) + 40, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(aggregateKeys(), qint64(340), 10000);
    for (auto it = before.constBegin(); it != before.constEnd(); ++it) {
        if (it.key() != ownerAddress) QCOMPARE(nodeKeys(it.key()), it.value());
    }
    // The owner's replica follows it; the other replicas do not move.
    for (const ClusterInfoPoller::Node &node : m_panel->clusterPoller()->nodes()) {
        if (node.master) continue;
        const InfoSnapshot replica = m_panel->clusterPoller()->last(node.address);
        const bool ofOwner = replica.value(QStringLiteral("master_port")) == QString::number(owner);
        if (ofOwner)
            QTRY_COMPARE_WITH_TIMEOUT(nodeKeys(node.address), before.value(ownerAddress) + 40,
                                      10000);
    }
}

void TstClusterDashboard::stalledNodeDoesNotStallTheAggregate()
{
    // SIGSTOP a replica: its INFO stays unanswered. It keeps exactly one INFO in flight (later
    // ticks skip it) and the aggregate goes on at the poll interval with the other nodes.
    int stopped = -1;
    for (int i = 0; i < m_cluster->nodeCount() && stopped < 0; ++i) {
        if (!m_masterPorts.contains(m_cluster->port(i))) stopped = i;
    }
    QVERIFY(stopped >= 0);
    ClusterInfoPoller *poller = m_panel->clusterPoller();
    const QString address = addressOfPort(m_cluster->port(stopped));
    m_panel->setPollInterval(200);
    m_cluster->node(stopped).kill(SIGSTOP);
    struct Resume
    {
        ClusterFixture *cluster;
        int node;
        DashboardPanel *panel;
        ~Resume()
        {
            cluster->node(node).kill(SIGCONT);
            panel->setPollInterval(1000);
        }
    } resume{m_cluster.get(), stopped, m_panel};

    QTRY_VERIFY_WITH_TIMEOUT(poller->isInFlight(address), 5000);
    const int skipped = poller->ticksSkipped();
    const int nodeRows = poller->history(address).size();
    const int rows = poller->history().size();
    QTRY_VERIFY_WITH_TIMEOUT(poller->history().size() >= rows + 10, 10000);
    QCOMPARE(poller->history(address).size(), nodeRows);
    QVERIFY(poller->ticksSkipped() > skipped);
    QCOMPARE(aggregateKeys(), qint64(340));
}

QTEST_MAIN(TstClusterDashboard)
#include "tst_cluster_dashboard.moc"
