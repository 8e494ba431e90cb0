// The GUI on a real 3-master + 3-replica Redis Cluster (ClusterFixture), offscreen: a
// workspace opened on a Cluster connection has a "Cluster" tab whose table lists the six nodes
// with their slots and key counts, and a key browser that scans every master into one tree,
// shows which node holds each key, and reads and edits values on the right node.
// The server views follow the node picked in the Server tab's node selector (INFO, config,
// slowlog, clients and MONITOR of that node only), the dashboard's PING probe follows the
// dashboard's node, and the key browser's live updates hear every master.
#include "cluster/cluster_panel.h"
#include "cluster/cluster_router.h"
#include "cluster/cluster_slot.h"
#include "cluster/cluster_topology_model.h"
#include "cluster_fixture.h"
#include "connection/production_guard.h"
#include "connection/redis_connection.h"
#include "keys/key_browser_panel.h"
#include "keys/key_tree_model.h"
#include "keys/keyspace_watcher.h"
#include "monitoring/dashboard_panel.h"
#include "monitoring/latency_sampler.h"
#include "redis_test_client.h"
#include "server/client_list_model.h"
#include "server/clients_view.h"
#include "server/config_editor.h"
#include "server/config_model.h"
#include "server/info_browser.h"
#include "server/info_tree_model.h"
#include "server/monitor_line_model.h"
#include "server/monitor_panel.h"
#include "server/server_panel.h"
#include "server/slowlog_model.h"
#include "server/slowlog_view.h"
#include "values/collection_value_model.h"
#include "values/collection_value_view.h"
#include "values/string_value_view.h"
#include "values/value_panel.h"
#include "window/connection_workspace.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QTreeView>

using namespace redscope;
using redscope::test::ClusterFixture;
using redscope::test::RedisTestClient;

static constexpr int kKeys = 600;

class TstClusterViews : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup(); // a failed test prints the servers' logs and keeps them
    void cleanupTestCase();
    void topologyTab();
    void keyBrowserMergesMasters();
    void valuesReadAndEditedOnTheirNode();
    void serverViewsFollowTheChosenNode();
    void slowlogAndMonitorOfTheChosenNodeOnly();
    void dashboardPingFollowsTheChosenNode();
    void liveUpdatesFromEveryMaster();
    void productionAsksOnceNamingTheNode();

private:
    std::string runOnOwner(const QByteArray &key, const std::vector<std::string> &args);
    std::string runOn(const QString &address, const std::vector<std::string> &args);
    QStringList masters() const { return m_connection->cluster()->masterAddresses(); }

    std::unique_ptr<ClusterFixture> m_cluster;
    RedisConnection *m_connection = nullptr;
    ConnectionWorkspace *m_workspace = nullptr;
};

void TstClusterViews::initTestCase()
{
    m_cluster = ClusterFixture::start(3, 1);
    QVERIFY2(m_cluster->ok(), m_cluster->error().c_str());
    // Keys written the way a user's application would: through redis-cli -c, node by node.
    for (int i = 0; i < kKeys; ++i) {
        const std::string key = "app:" + std::to_string(i % 7) + ":item:" + std::to_string(i);
        const std::string port = m_cluster->masterPortOfSlot(
            clusterKeySlot(QByteArray::fromStdString(key)), m_cluster->port(0));
        if (i == 0 || port.empty()) QVERIFY(!port.empty());
        RedisTestClient client("127.0.0.1", std::stoi(port));
        QCOMPARE(client.run({"SET", key, "value " + std::to_string(i)}), std::string("+OK"));
    }
    RedisTestClient client("127.0.0.1", std::stoi(m_cluster->masterPortOfSlot(
                                            clusterKeySlot("profile"), m_cluster->port(0))));
    QCOMPARE(client.run({"HSET", "profile", "name", "Ada", "city", "London"}), std::string(":2"));
    // Every node sends keyspace events, so the key browser goes live when it opens.
    for (int node = 0; node < m_cluster->nodeCount(); ++node) {
        RedisTestClient admin("127.0.0.1", m_cluster->port(node));
        QCOMPARE(admin.run({"CONFIG", "SET", "notify-keyspace-events", "KEA"}), std::string("+OK"));
    }

    ConnectionSettings settings;
    settings.port = m_cluster->port(0);
    settings.mode = ConnectionSettings::Mode::Cluster;
    m_connection = new RedisConnection(settings, this);
    m_connection->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(m_connection->state(), RedisConnection::State::Ready, 10000);
    m_workspace = new ConnectionWorkspace(m_connection);
    m_workspace->resize(1200, 700);
    m_workspace->show();
}

void TstClusterViews::cleanup()
{
    if (QTest::currentTestFailed() && m_cluster)
        m_cluster->reportFailure(QTest::currentTestFunction());
}

void TstClusterViews::cleanupTestCase()
{
    delete m_workspace;
}

std::string TstClusterViews::runOnOwner(const QByteArray &key, const std::vector<std::string> &args)
{
    const std::string port = m_cluster->masterPortOfSlot(clusterKeySlot(key), m_cluster->port(0));
    RedisTestClient client("127.0.0.1", std::stoi(port));
    return client.run(args);
}

void TstClusterViews::topologyTab()
{
    ClusterPanel *panel = m_workspace->showPanel<ClusterPanel>();
    QVERIFY2(panel, "a cluster workspace has a Cluster tab");
    ClusterTopologyModel *model = panel->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(model->rowCount(), 6);
    int masters = 0;
    qint64 keys = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const ClusterNode &node = model->node(row);
        const QString role = model->index(row, ClusterTopologyModel::RoleColumn).data().toString();
        if (node.master) {
            ++masters;
            QCOMPARE(role, QStringLiteral("master"));
            QVERIFY(model->index(row, ClusterTopologyModel::SlotsColumn)
                        .data()
                        .toString()
                        .contains(QLatin1String("slots")));
            QTRY_VERIFY(model->keyCount(node.address()) >= 0);
            keys += model->keyCount(node.address());
        } else {
            QVERIFY(role.startsWith(QLatin1String("replica of 127.0.0.1:")));
            QVERIFY(row > 0);
        }
        QCOMPARE(model->index(row, ClusterTopologyModel::ClusterLinkColumn)
                     .data()
                     .toString()
                     .startsWith(QLatin1String("connected")),
                 true);
        QCOMPARE(model->index(row, ClusterTopologyModel::AddressColumn).data().toString(),
                 node.address());
    }
    QCOMPARE(masters, 3);
    QCOMPARE(keys, qint64(kKeys + 1));
    QVERIFY2(panel->summaryText().contains(QLatin1String("3 masters, 3 replicas")),
             qPrintable(panel->summaryText()));
    QVERIFY(panel->summaryText().contains(QLatin1String("16,384 of 16,384")) ||
            panel->summaryText().contains(QLatin1String("16384 of 16,384")));
    QTest::qWait(50);
    if (qEnvironmentVariableIsSet("REDSCOPE_SCREENSHOT_DIR"))
        m_workspace->grab().save(qEnvironmentVariable("REDSCOPE_SCREENSHOT_DIR") +
                                 QStringLiteral("/cluster-topology.png"));
}

void TstClusterViews::keyBrowserMergesMasters()
{
    KeyBrowserPanel *panel = m_workspace->showPanel<KeyBrowserPanel>();
    QVERIFY(panel);
    QSignalSpy settled(panel, &KeyBrowserPanel::scanSettled);
    panel->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(settled.size() >= 1, 20000);
    QCOMPARE(settled.last().at(0).toBool(), true);
    KeyTreeModel *model = panel->model();
    QCOMPARE(model->keyCount(), quint64(kKeys + 1));
    QVERIFY(!panel->treeView()->isColumnHidden(KeyTreeModel::NodeColumn));
    // One "app" namespace gathers keys from all three masters; each key names its node.
    const QModelIndex app = model->findKey("app:3:item:3").parent().parent().parent();
    QVERIFY(app.isValid());
    QCOMPARE(app.data(KeyTreeModel::KeyCountRole).toULongLong(), quint64(kKeys));
    QSet<QString> nodes;
    for (int i = 0; i < 60; ++i) {
        const QByteArray key =
            "app:" + QByteArray::number(i % 7) + ":item:" + QByteArray::number(i);
        const QModelIndex found = model->findKey(key);
        QVERIFY(found.isValid());
        const QString node = found.siblingAtColumn(KeyTreeModel::NodeColumn).data().toString();
        QCOMPARE(node, m_connection->cluster()->nodeForKey(key));
        QCOMPARE(node.section(QLatin1Char(':'), -1).toStdString(),
                 m_cluster->masterPortOfSlot(clusterKeySlot(key), m_cluster->port(0)));
        nodes.insert(node);
    }
    QCOMPARE(nodes.size(), 3);
    // TYPE and TTL come from the key's own node.
    const QModelIndex some = model->findKey("app:5:item:12");
    panel->treeView()->expand(some.parent());
    some.siblingAtColumn(KeyTreeModel::TypeColumn).data();
    QTRY_COMPARE(some.siblingAtColumn(KeyTreeModel::TypeColumn).data().toString(),
                 QStringLiteral("string"));
    QTest::qWait(50);
    if (qEnvironmentVariableIsSet("REDSCOPE_SCREENSHOT_DIR")) {
        panel->jumpToKey("app:5:item:12");
        QTRY_VERIFY(panel->valuePanel()->stringView()->isLoaded());
        QTest::qWait(100);
        m_workspace->grab().save(qEnvironmentVariable("REDSCOPE_SCREENSHOT_DIR") +
                                 QStringLiteral("/cluster-keys.png"));
    }
}

void TstClusterViews::valuesReadAndEditedOnTheirNode()
{
    KeyBrowserPanel *panel = m_workspace->showPanel<KeyBrowserPanel>();
    QVERIFY(panel);
    // A string, on whichever master owns it.
    panel->jumpToKey("app:2:item:100");
    QTRY_COMPARE(panel->valuePanel()->currentKey(), QByteArray("app:2:item:100"));
    StringValueView *view = panel->valuePanel()->stringView();
    QTRY_COMPARE(view->value(), QByteArray("value 100"));
    QTRY_VERIFY(view->isLoaded());
    view->editor()->setPlainText(QStringLiteral("edited in the cluster"));
    view->save();
    QTRY_COMPARE(runOnOwner("app:2:item:100", {"GET", "app:2:item:100"}),
                 std::string("$edited in the cluster"));

    // A hash: its fields, and an edit written with HSET on its node.
    panel->jumpToKey("profile");
    QTRY_COMPARE(panel->valuePanel()->currentType(), QStringLiteral("hash"));
    CollectionValueModel *model = panel->valuePanel()->collectionView()->model();
    QTRY_COMPARE(model->rowCount(), 2);
    for (int r = 0; r < 2; ++r) {
        if (model->index(r, 0).data().toString() == QLatin1String("city"))
            QVERIFY(model->setData(model->index(r, 1), QStringLiteral("Paris"), Qt::EditRole));
    }
    QTRY_COMPARE(runOnOwner("profile", {"HGET", "profile", "city"}), std::string("$Paris"));
}

std::string TstClusterViews::runOn(const QString &address, const std::vector<std::string> &args)
{
    RedisTestClient client("127.0.0.1", address.section(QLatin1Char(':'), -1).toInt());
    return client.run(args);
}

static QString infoValue(InfoBrowser *info, const char *field)
{
    return info->model()->snapshot().value(QLatin1String(field));
}

void TstClusterViews::serverViewsFollowTheChosenNode()
{
    ServerPanel *panel = m_workspace->showPanel<ServerPanel>();
    QVERIFY(panel);
    QVERIFY2(panel->nodeBox(), "a cluster's Server tab has a node selector");
    QTRY_COMPARE(panel->nodeBox()->count(), 6);
    // Until the user picks one, the views name the node they already talked to.
    QCOMPARE(panel->selectedNode(), m_connection->cluster()->defaultNode());
    const QStringList nodes = masters();
    QCOMPARE(nodes.size(), 3);
    const QString a = nodes.at(0);
    const QString b = nodes.at(1);
    // A setting changed on B only, behind the app's back.
    QCOMPARE(runOn(b, {"CONFIG", "SET", "slowlog-max-len", "777"}), std::string("+OK"));
    QCOMPARE(runOn(a, {"CONFIG", "GET", "slowlog-max-len"}).find("777"), std::string::npos);

    panel->setCurrentWidget(panel->info());
    panel->selectNode(a);
    QTRY_COMPARE(infoValue(panel->info(), "tcp_port"), a.section(QLatin1Char(':'), -1));
    panel->selectNode(b);
    QCOMPARE(panel->nodeBox()->currentData().toString(), b);
    QTRY_COMPARE(infoValue(panel->info(), "tcp_port"), b.section(QLatin1Char(':'), -1));

    panel->setCurrentWidget(panel->config());
    QTRY_COMPARE(panel->config()->model()->valueOf(QStringLiteral("slowlog-max-len")),
                 QStringLiteral("777"));
    panel->selectNode(a);
    QTRY_COMPARE(panel->config()->model()->valueOf(QStringLiteral("slowlog-max-len")),
                 QStringLiteral("128"));
    // An edit in the config editor goes to the chosen node and nowhere else.
    panel->selectNode(b);
    QTRY_COMPARE(panel->config()->model()->valueOf(QStringLiteral("slowlog-max-len")),
                 QStringLiteral("777"));
    panel->config()->setParameter(QStringLiteral("slowlog-max-len"), QStringLiteral("555"));
    QTRY_COMPARE(runOn(b, {"CONFIG", "GET", "slowlog-max-len"}),
                 std::string("*[$slowlog-max-len,$555]"));
    QCOMPARE(runOn(a, {"CONFIG", "GET", "slowlog-max-len"}),
             std::string("*[$slowlog-max-len,$128]"));

    // CLIENT LIST of B: every client there is connected to B's port.
    panel->setCurrentWidget(panel->clients());
    panel->clients()->refresh();
    QTRY_VERIFY(panel->clients()->model()->rowCount() > 0);
    QTRY_VERIFY(panel->clients()->model()->ownId() > 0);
    for (const ClientEntry &client : panel->clients()->model()->clients()) {
        for (const auto &[name, value] : client.fields) {
            if (name == QLatin1String("laddr")) QCOMPARE(value, b);
        }
    }
    QCOMPARE(runOn(b, {"CONFIG", "SET", "slowlog-max-len", "128"}), std::string("+OK"));
    if (qEnvironmentVariableIsSet("REDSCOPE_SCREENSHOT_DIR")) {
        m_workspace->showPanel<ServerPanel>();
        panel->setCurrentWidget(panel->info());
        QTest::qWait(200);
        m_workspace->grab().save(qEnvironmentVariable("REDSCOPE_SCREENSHOT_DIR") +
                                 QStringLiteral("/cluster-server-node.png"));
    }
}

void TstClusterViews::slowlogAndMonitorOfTheChosenNodeOnly()
{
    ServerPanel *panel = m_workspace->showPanel<ServerPanel>();
    QVERIFY(panel);
    const QString a = masters().at(0);
    const QString b = masters().at(1);
    QCOMPARE(runOn(a, {"SLOWLOG", "RESET"}), std::string("+OK"));
    QCOMPARE(runOn(b, {"SLOWLOG", "RESET"}), std::string("+OK"));

    // The threshold applied in the view lands on B only; then B logs every command.
    panel->selectNode(b);
    panel->setCurrentWidget(panel->slowlog());
    SlowlogView *slowlog = panel->slowlog();
    QTRY_COMPARE(slowlog->thresholdBox()->value(), 10000);
    slowlog->thresholdBox()->setValue(0);
    slowlog->applyThreshold();
    QTRY_COMPARE(runOn(b, {"CONFIG", "GET", "slowlog-log-slower-than"}),
                 std::string("*[$slowlog-log-slower-than,$0]"));
    QCOMPARE(runOn(a, {"CONFIG", "GET", "slowlog-log-slower-than"}),
             std::string("*[$slowlog-log-slower-than,$10000]"));
    QCOMPARE(runOn(a, {"ECHO", "slow-on-a"}), std::string("$slow-on-a"));
    QCOMPARE(runOn(b, {"ECHO", "slow-on-b"}), std::string("$slow-on-b"));
    const auto logged = [slowlog](const QString &marker) {
        for (const SlowlogEntry &entry : slowlog->model()->entries()) {
            if (entry.arguments.contains(marker)) return true;
        }
        return false;
    };
    slowlog->refresh();
    QTRY_VERIFY(logged(QStringLiteral("slow-on-b")));
    QVERIFY(!logged(QStringLiteral("slow-on-a")));
    // Node A's log has neither: its threshold never changed.
    panel->selectNode(a);
    QTRY_COMPARE(slowlog->thresholdBox()->value(), 10000);
    QTRY_VERIFY(!logged(QStringLiteral("slow-on-b")));
    QVERIFY(!logged(QStringLiteral("slow-on-a")));
    QCOMPARE(runOn(b, {"CONFIG", "SET", "slowlog-log-slower-than", "10000"}), std::string("+OK"));

    // MONITOR on B sees B's commands, not A's; switching the node while it runs moves it.
    panel->setCurrentWidget(panel->monitor());
    panel->selectNode(b);
    MonitorPanel *monitor = panel->monitor();
    monitor->clear();
    monitor->start();
    QTRY_COMPARE(monitor->session()->state(), MonitorSession::State::Monitoring);
    const auto seen = [monitor](const char *marker) {
        for (int row = 0; row < monitor->model()->rowCount(); ++row) {
            if (monitor->model()->index(row, 0).data().toString().contains(QLatin1String(marker)))
                return true;
        }
        return false;
    };
    QCOMPARE(runOn(a, {"ECHO", "monitor-on-a"}), std::string("$monitor-on-a"));
    QCOMPARE(runOn(b, {"ECHO", "monitor-on-b"}), std::string("$monitor-on-b"));
    QTRY_VERIFY(seen("monitor-on-b"));
    QVERIFY(!seen("monitor-on-a"));
    panel->selectNode(a);
    QTRY_COMPARE(monitor->session()->state(), MonitorSession::State::Monitoring);
    QCOMPARE(runOn(a, {"ECHO", "monitor-on-a-2"}), std::string("$monitor-on-a-2"));
    QTRY_VERIFY(seen("monitor-on-a-2"));
    monitor->stop();
}

void TstClusterViews::dashboardPingFollowsTheChosenNode()
{
    DashboardPanel *dashboard = m_workspace->showPanel<DashboardPanel>();
    QVERIFY(dashboard);
    // The aggregate probes through the cluster connection (the default node).
    QCOMPARE(dashboard->sampler()->connection(), m_connection);
    const QString c = masters().at(2);
    dashboard->selectNode(c);
    RedisConnection *probed = dashboard->sampler()->connection();
    QVERIFY(probed != m_connection);
    QCOMPARE(probed->settings().port, c.section(QLatin1Char(':'), -1).toInt());
    QCOMPARE(probed, m_connection->cluster()->nodeConnection(c)); // shared, not one more
    QTRY_VERIFY_WITH_TIMEOUT(dashboard->sampler()->sampleCount() >= 2, 10000);
    dashboard->selectNode(QString());
    QCOMPARE(dashboard->sampler()->connection(), m_connection);
}

void TstClusterViews::liveUpdatesFromEveryMaster()
{
    KeyBrowserPanel *panel = m_workspace->showPanel<KeyBrowserPanel>();
    QVERIFY(panel);
    QTRY_VERIFY_WITH_TIMEOUT(panel->keyspaceWatcher() && panel->keyspaceWatcher()->isListening(),
                             10000);
    QStringList listened = panel->keyspaceWatcher()->nodes();
    listened.sort();
    QStringList expected = masters();
    expected.sort();
    QCOMPARE(listened, expected);
    // One new key per master, written by another client straight to its node.
    QHash<QString, QByteArray> keyOf;
    for (int i = 0; keyOf.size() < 3 && i < 1000; ++i) {
        const QByteArray key = "live:" + QByteArray::number(i);
        const QString owner = m_connection->cluster()->nodeForKey(key);
        if (!keyOf.contains(owner)) keyOf.insert(owner, key);
    }
    QCOMPARE(keyOf.size(), 3);
    for (auto it = keyOf.cbegin(); it != keyOf.cend(); ++it)
        QCOMPARE(runOn(it.key(), {"SET", it.value().toStdString(), "1"}), std::string("+OK"));
    for (const QByteArray &key : std::as_const(keyOf))
        QTRY_VERIFY2(panel->model()->findKey(key).isValid(), key.constData());
    // And a delete on any master takes the key out of the tree.
    const QByteArray gone = keyOf.value(masters().at(2));
    QCOMPARE(runOn(masters().at(2), {"DEL", gone.toStdString()}), std::string(":1"));
    QTRY_VERIFY(!panel->model()->findKey(gone).isValid());
}

// A production cluster asks once per dangerous command: the routed connection asks, the node
// link it routes through does not ask again; a node's own connection asks naming the node.
void TstClusterViews::productionAsksOnceNamingTheNode()
{
    ConnectionSettings settings;
    settings.name = QStringLiteral("Prod cluster");
    settings.port = m_cluster->port(0);
    settings.mode = ConnectionSettings::Mode::Cluster;
    settings.production = true;
    RedisConnection production(settings);
    production.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(production.state(), RedisConnection::State::Ready, 10000);
    QStringList asked;
    ProductionGuard::setConfirmer(
        [&asked](const ConfirmationRequest &request, const ProductionGuard::Answer &answer) {
            asked.append(request.serverName);
            answer(true);
        });
    RedisValue reply;
    bool answered = false;
    production.send({"CONFIG", "SET", "slowlog-max-len", "200"}, [&](const RedisValue &r) {
        reply = r;
        answered = true;
    });
    QTRY_VERIFY(answered);
    QCOMPARE(reply.text(), QStringLiteral("OK"));
    QCOMPARE(asked, QStringList{QStringLiteral("Prod cluster")});

    const QString b = masters().at(1);
    asked.clear();
    answered = false;
    production.cluster()->nodeConnection(b)->send({"CONFIG", "SET", "slowlog-max-len", "128"},
                                                  [&](const RedisValue &r) {
                                                      reply = r;
                                                      answered = true;
                                                  });
    QTRY_VERIFY_WITH_TIMEOUT(answered, 10000);
    ProductionGuard::setConfirmer({});
    QCOMPARE(reply.text(), QStringLiteral("OK"));
    QCOMPARE(asked, QStringList{QStringLiteral("Prod cluster (%1)").arg(b)});
    QCOMPARE(runOn(b, {"CONFIG", "GET", "slowlog-max-len"}),
             std::string("*[$slowlog-max-len,$128]"));
    for (const QString &node : masters()) // the routed CONFIG SET went to the default node
        runOn(node, {"CONFIG", "SET", "slowlog-max-len", "128"});
}

QTEST_MAIN(TstClusterViews)
#include "tst_cluster_views.moc"
